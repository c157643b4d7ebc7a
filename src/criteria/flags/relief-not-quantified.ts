/** Prior-procedure relief given only in words, with no percentage or before/after scores. */
import { flag, pretty, type FlagDetector } from './types.ts';

export const reliefNotQuantified: FlagDetector = {
  code: 'RELIEF_NOT_QUANTIFIED', severity: 'minor', scope: 'case',
  detect({ case: c }) {
    return c.procedures.filter((e) => e.reports.length && e.reports.every((r) => r.reliefPercent === null) && e.reports.some((r) => r.qualitative))
      .map((e) => flag(this.code, this.severity,
        `Relief after the ${pretty(e.procedure)}${e.date ? ` of ${e.date}` : ''} is described only in words ("${e.reports.find((r) => r.qualitative)!.qualitative}"): record the percentage relief or before/after pain scores and how long it lasted.`,
        e.reports.map((r) => r.factId)));
  },
};
