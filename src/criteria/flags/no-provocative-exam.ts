/** A facet request with no facet loading / extension-rotation finding on exam. */
import { flag, isFacetRequest, pretty, type FlagDetector } from './types.ts';

const PROVOCATIVE = new Set(['facet_loading', 'extension_rotation_pain']);

export const noProvocativeExam: FlagDetector = {
  code: 'NO_PROVOCATIVE_EXAM', severity: 'major', scope: 'case',
  detect({ case: c }) {
    const reqs = c.requests.filter(isFacetRequest);
    if (!reqs.length) return [];
    const found = c.exam.filter((e) => PROVOCATIVE.has(e.test) && e.assertion === 'present');
    if (found.some((e) => e.result === 'positive')) return [];
    const msg = found.length
      ? `Facet provocation is documented as negative while a ${pretty(reqs[0]!.procedure)} is requested: document the exam findings that point to the facet joints.`
      : `A ${pretty(reqs[0]!.procedure)} is requested with no facet loading or extension-rotation finding on exam: document the provocative facet exam.`;
    return [flag(this.code, this.severity, msg, [...reqs.flatMap((r) => r.factIds), ...found.flatMap((e) => e.factIds)])];
  },
};
