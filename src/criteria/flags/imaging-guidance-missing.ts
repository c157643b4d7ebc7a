/** No fluoroscopy/CT guidance, or ultrasound/none where not covered (all four policies). Raised only on evidence. */
import { requestGuidance } from '../checks/technique.ts';
import { flag, pretty, type FlagDetector } from './types.ts';

export const imagingGuidanceMissing: FlagDetector = {
  code: 'IMAGING_GUIDANCE_MISSING', severity: 'major', scope: 'case',
  detect({ case: c, codes }) {
    return c.requests.filter((r) => r.family !== 'other').flatMap((r) => {
      const g = requestGuidance(r, codes);
      if (!g.kind || g.kind === 'fluoroscopy' || g.kind === 'ct') return [];
      return [flag(this.code, this.severity,
        `The ${pretty(r.procedure)} is planned with ${g.kind === 'none' ? 'no imaging' : g.kind} guidance, which is not covered: perform and document it under fluoroscopy or CT.`,
        [...r.factIds, ...g.factIds])];
    });
  },
};
