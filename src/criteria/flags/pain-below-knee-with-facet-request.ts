/** Facet pain rarely refers below the knee; pain that does points to a radicular generator. */
import { flag, isFacetRequest, pretty, type FlagDetector } from './types.ts';

export const painBelowKneeWithFacetRequest: FlagDetector = {
  code: 'PAIN_BELOW_KNEE_WITH_FACET_REQUEST', severity: 'major', scope: 'case',
  detect({ case: c }) {
    const reqs = c.requests.filter(isFacetRequest);
    if (!reqs.length || c.belowKnee.value !== true) return [];
    return [flag(this.code, this.severity,
      `A ${pretty(reqs[0]!.procedure)} is requested but the pain radiates below the knee, which facet pain does not explain: reassess the pain generator (radicular source) before facet procedures.`,
      [...reqs.flatMap((r) => r.factIds), ...c.belowKnee.factIds])];
  },
};
