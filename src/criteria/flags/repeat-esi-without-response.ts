/** A repeat ESI after a prior one without the policy's sustained relief (LCD ≥50% for ≥3 months). */
import { failing, flag, type FlagDetector } from './types.ts';

export const repeatEsiWithoutResponse: FlagDetector = {
  code: 'REPEAT_ESI_WITHOUT_RESPONSE', severity: 'critical', scope: 'review',
  detect(ctx) {
    if (ctx.request.family !== 'esi') return [];
    const f = failing(ctx, 'repeat_esi');
    if (!f.length) return [];
    return [flag(this.code, this.severity,
      `A repeat ESI is requested but ${f[0]!.reason}: document the sustained response on the same scale, or change the approach, level or drug with a rationale.`,
      [...f.flatMap((x) => x.evidence), ...ctx.request.factIds], { policy: ctx.policy.id })];
  },
};
