/** More levels per session than the policy allows (LCD facet 2, Aetna 3, ODG 2, TFESI 2, ILESI 1). */
import { failing, flag, type FlagDetector } from './types.ts';

export const levelCountExceeded: FlagDetector = {
  code: 'LEVEL_COUNT_EXCEEDED', severity: 'major', scope: 'review',
  detect(ctx) {
    const f = failing(ctx, 'level_count');
    if (!f.length) return [];
    return [flag(this.code, this.severity,
      `${f[0]!.reason.replace(/^./, (s) => s.toUpperCase())} under ${ctx.policy.id}: reduce the levels treated in one session or split them into separate sessions.`,
      [...ctx.request.factIds, ...f.flatMap((x) => x.evidence)], { policy: ctx.policy.id })];
  },
};
