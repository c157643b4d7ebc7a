/** Documented conservative care shorter than the policy requires (Aetna 6 wk, ODG 3 mo, ESI LCD 4 wk). */
import { threshold } from '../policy.ts';
import { flag, type FlagDetector } from './types.ts';

export const conservativeCareTooShort: FlagDetector = {
  code: 'CONSERVATIVE_CARE_TOO_SHORT', severity: 'major', scope: 'review',
  detect({ case: c, policy, request }) {
    const weeks = c.conservativeCareWeeks.value;
    const need = request.family === 'esi' && policy.thresholds.esiConservativeWeeks
      ? threshold(policy, 'esiConservativeWeeks') : threshold(policy, 'conservativeCareWeeks');
    if (need === null || weeks === null || weeks >= need) return [];
    return [flag(this.code, this.severity,
      `Conservative care is documented for ${weeks} weeks, less than the ${need} weeks ${policy.id} requires: complete and document the remaining conservative treatment before the procedure.`,
      c.conservativeCareWeeks.factIds, { policy: policy.id })];
  },
};
