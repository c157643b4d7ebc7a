/**
 * The same procedure at the same point in time reported with different relief. Reports at
 * different times (next day vs six weeks) are a course, not a contradiction; so only reports with
 * the same stated time point are compared; a report with no time point (no duration, no follow-up
 * date) is taken as the same follow-up as the one it disagrees with, but never as the scores taken
 * minutes after the injection in its own note.
 */
import { flag, pretty, type FlagDetector } from './types.ts';
import params from './params.json' with { type: 'json' };

const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');

export const inconsistentReliefReports: FlagDetector = {
  code: 'INCONSISTENT_RELIEF_REPORTS', severity: 'major', scope: 'case',
  detect({ case: c }) {
    const gap = params.inconsistentReliefGapPercent.value;
    const out = [];
    for (const e of c.procedures) {
      const q = e.reports.filter((r) => r.reliefPercent !== null && !r.generated);
      let hit: [typeof q[number], typeof q[number]] | null = null;
      for (let i = 0; i < q.length && !hit; i++) {
        for (let j = i + 1; j < q.length && !hit; j++) {
          const a = q[i]!; const b = q[j]!;
          // Scores minutes after the injection (its own note) and a later follow-up are two times.
          if (Boolean(a.immediate) !== Boolean(b.immediate)) continue;
          const known = (r: typeof a) => !!r.reliefDuration || r.reliefDurationHours !== null || !!r.reliefDate;
          const sameTime = !known(a) || !known(b) || (a.reliefDate && b.reliefDate ? a.reliefDate === b.reliefDate
            : norm(a.reliefDuration) === norm(b.reliefDuration) || (a.reliefDurationHours !== null && a.reliefDurationHours === b.reliefDurationHours));
          if (sameTime && Math.abs(a.reliefPercent! - b.reliefPercent!) >= gap) hit = [a, b];
        }
      }
      if (hit) {
        out.push(flag(this.code, this.severity,
          `The ${pretty(e.procedure)}${e.date ? ` of ${e.date}` : ''} is reported with ${hit[0].reliefPercent}% and ${hit[1].reliefPercent}% relief for the same time point: reconcile the relief reports (which follow-up, which pain) before relying on them.`,
          [hit[0].factId, hit[1].factId]));
      }
    }
    return out;
  },
};
