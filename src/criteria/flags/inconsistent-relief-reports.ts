/**
 * The same procedure at the same point in time reported with different relief. Reports at
 * different times (next day vs six weeks) are a course, not a contradiction; so only reports with
 * the same stated time point are compared (the same follow-up date, or the same duration); two
 * reports that give no time point at all are taken as the same follow-up; a report with no time point
 * is not compared with one that names its time (it may be any follow-up: a letter's "more than 50%
 * since then" beside "70% at three weeks", "6 weeks 75%" beside a later "now about 50% better" are a
 * course, as CONTRACT says, not a contradiction shown); never compared with the scores taken minutes
 * after the injection in its own note.
 */
import { flag, pretty, type FlagDetector } from './types.ts';
import params from './params.json' with { type: 'json' };
import type { Case } from '../../case/schema.ts';

const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');

type Report = Case['procedures'][number]['reports'][number];
const known = (r: Report) => !!r.reliefDuration || r.reliefDurationHours != null || !!r.reliefDate;
const lasting = (r: Report) => !!r.reliefDuration || r.reliefDurationHours != null;
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
          const sameTime = !known(a) && !known(b) ? true
            : !known(a) || !known(b) ? false // a report without its time point may be any follow-up: no contradiction shown
              : a.reliefDate && b.reliefDate ? a.reliefDate === b.reliefDate
                // A report dated at its follow-up ("seven weeks after ... back to 7/10") and one told only
                // by how long it lasted ("took the edge off for a couple of weeks") are two times.
                : Boolean(a.reliefDate) !== Boolean(b.reliefDate) ? false
                : lasting(a) && lasting(b) ? norm(a.reliefDuration) === norm(b.reliefDuration)
                  || (a.reliefDurationHours != null && a.reliefDurationHours === b.reliefDurationHours)
                  : false;
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
