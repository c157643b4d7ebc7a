/** RFA without the policy's qualifying diagnostic medial branch blocks. */
import { threshold } from '../policy.ts';
import { failing, flag, type FlagDetector } from './types.ts';

export const rfaWithoutTwoPositiveBlocks: FlagDetector = {
  code: 'RFA_WITHOUT_TWO_POSITIVE_BLOCKS', severity: 'critical', scope: 'review',
  detect(ctx) {
    if (ctx.request.family !== 'rfa') return [];
    const f = failing(ctx, 'positive_blocks_before_rfa', ['not_met', 'not_documented']);
    if (!f.length) return [];
    const n = threshold(ctx.policy, 'blocksBeforeRfa') ?? 2;
    const pct = threshold(ctx.policy, 'rfaBlockReliefPercent') ?? threshold(ctx.policy, 'blockReliefPercent');
    return [flag(this.code, this.severity,
      `RFA is requested without ${n} qualifying diagnostic medial branch block(s) with ≥${pct}% relief (${f[0]!.reason}): document the blocks and their relief before ablation.`,
      [...ctx.request.factIds, ...f.flatMap((x) => x.evidence)], { policy: ctx.policy.id })];
  },
};
