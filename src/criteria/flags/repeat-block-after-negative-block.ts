/** Another diagnostic block after one under the policy's positive-block threshold (LCD/Aetna 80%, ODG 70%). */
import { threshold } from '../policy.ts';
import { priorBlocks, reliefIds } from '../checks/blocks.ts';
import { flag, pretty, type FlagDetector } from './types.ts';

export const repeatBlockAfterNegativeBlock: FlagDetector = {
  code: 'REPEAT_BLOCK_AFTER_NEGATIVE_BLOCK', severity: 'critical', scope: 'review',
  detect({ case: c, request: r, policy }) {
    const min = threshold(policy, 'blockReliefPercent');
    if (min === null || r.family !== 'facet' || r.intent === 'therapeutic') return [];
    const neg = priorBlocks(c, r.joints).filter((b) => b.reliefPercent !== null && b.reliefPercent < min);
    if (!neg.length) return [];
    const b = neg[neg.length - 1]!;
    return [flag(this.code, this.severity,
      `Another diagnostic ${pretty(r.procedure)} is requested after the ${pretty(b.procedure)}${b.date ? ` of ${b.date}` : ''} gave ${b.reliefPercent}% relief (under ${min}%): a negative block argues against the facet joints as the pain source; reconsider the diagnosis rather than repeat it.`,
      [...reliefIds(b), ...r.factIds], { policy: policy.id })];
  },
};
