/** A repeat RFA without the required relief or interval. */
import { failing, flag, type FlagDetector } from './types.ts';

export const repeatRfaCriteriaNotMet: FlagDetector = {
  code: 'REPEAT_RFA_CRITERIA_NOT_MET', severity: 'critical', scope: 'review',
  detect(ctx) {
    if (ctx.request.family !== 'rfa') return [];
    const f = failing(ctx, 'repeat_rfa');
    if (!f.length) return [];
    return [flag(this.code, this.severity,
      `A repeat RFA is requested but ${f[0]!.reason}: document the relief and its duration after the prior RFA, or wait out the interval.`,
      [...f.flatMap((x) => x.evidence), ...ctx.request.factIds], { policy: ctx.policy.id })];
  },
};
