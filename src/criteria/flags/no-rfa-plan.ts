/** Diagnostic facet blocks with no stated plan to proceed to RFA (Aetna [C], ODG [C]). */
import { failing, flag, pretty, type FlagDetector } from './types.ts';

export const noRfaPlan: FlagDetector = {
  code: 'NO_RFA_PLAN', severity: 'major', scope: 'review',
  detect(ctx) {
    if (ctx.policy.thresholds.requiresRfaPlan?.value !== true || ctx.request.family !== 'facet') return [];
    if (!failing(ctx, 'rfa_plan', ['not_met', 'not_documented']).length) return [];
    return [flag(this.code, this.severity,
      `Diagnostic ${pretty(ctx.request.procedure)} is requested with no stated plan to proceed to radiofrequency ablation if positive: document that the blocks are in preparation for RFA.`,
      ctx.request.factIds, { policy: ctx.policy.id })];
  },
};
