/** Conservative care mentioned with no duration anywhere (the seed's "no documented duration"). */
import { flag, pretty, type FlagDetector } from './types.ts';

export const conservativeCareDurationMissing: FlagDetector = {
  code: 'CONSERVATIVE_CARE_DURATION_MISSING', severity: 'major', scope: 'case',
  detect({ case: c }) {
    const tried = c.conservativeCare.filter((x) => x.assertion === 'present');
    if (!tried.length || tried.some((x) => x.durationWeeks !== null) || !c.requests.length) return [];
    return [flag(this.code, this.severity,
      `Conservative care (${[...new Set(tried.map((x) => pretty(x.modality)))].join(', ')}) is mentioned without its duration: document the dates or number of weeks of each treatment and its outcome.`,
      tried.flatMap((x) => x.factIds))];
  },
};
