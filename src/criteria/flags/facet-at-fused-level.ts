/** A facet target inside a fused segment (ODG, BCBS, TRICARE, eviCore; LCD wording UNCONFIRMED). */
import { fusedTargets } from '../checks/technique.ts';
import { flag, isFacetRequest, pretty, type FlagDetector } from './types.ts';

export const facetAtFusedLevel: FlagDetector = {
  code: 'FACET_AT_FUSED_LEVEL', severity: 'critical', scope: 'case',
  detect({ case: c }) {
    return c.requests.filter(isFacetRequest).flatMap((r) => {
      const f = fusedTargets(c, r);
      return f.joints.length ? [flag(this.code, this.severity,
        `The requested ${pretty(r.procedure)} at ${f.joints.join(', ')} lies inside a prior fusion: remove the fused level or document a pseudarthrosis there.`,
        [...r.factIds, ...f.factIds])] : [];
    });
  },
};
