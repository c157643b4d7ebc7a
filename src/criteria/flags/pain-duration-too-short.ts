/** Pain documented for less time than the policy requires (facet 3 months, ESI LCD 4 weeks). */
import { threshold } from '../policy.ts';
import { flag, type FlagDetector } from './types.ts';

export const painDurationTooShort: FlagDetector = {
  code: 'PAIN_DURATION_TOO_SHORT', severity: 'major', scope: 'review',
  detect({ case: c, policy }) {
    const need = threshold(policy, 'painMonths');
    const v = c.painDurationMonths.value;
    if (need === null || v === null || v >= need || c.painDurationMonths.basis === 'prior_procedure') return [];
    return [flag(this.code, this.severity,
      `Pain is documented for about ${v} month(s), less than the ${need} month(s) ${policy.id} requires: document an earlier onset or defer the procedure.`,
      c.painDurationMonths.factIds, { policy: policy.id })];
  },
};
