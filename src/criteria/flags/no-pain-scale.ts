/** No numeric pain or disability scale at baseline, where the policy needs one (LCD FJ-1/FJ-DOC, ESI-2). */
import { failing, flag, type FlagDetector } from './types.ts';

export const noPainScale: FlagDetector = {
  code: 'NO_PAIN_SCALE', severity: 'minor', scope: 'review',
  detect(ctx) {
    if (ctx.policy.thresholds.requiresPainScale?.value !== true) return [];
    if (!failing(ctx, 'baseline_scale', ['not_documented', 'not_met']).length) return [];
    return [flag(this.code, this.severity,
      'No numeric pain or disability scale is documented at baseline: record an NRS/VAS pain score and a disability scale (ODI/RMDQ) before the procedure, and the same scale afterwards.',
      ctx.request.factIds, { policy: ctx.policy.id })];
  },
};
