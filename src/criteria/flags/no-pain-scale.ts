/**
 * No numeric pain or disability scale at baseline. A documentation gap raised for every request,
 * whatever the policy (the contract states it without a policy condition; the LCDs require it as
 * FJ-1/FJ-DOC and ESI-2, and reviewers ask for it under every criteria set).
 */
import { flag, type FlagDetector } from './types.ts';

const BASELINE = new Set(['baseline', 'current', 'pre_procedure']);

export const noPainScale: FlagDetector = {
  code: 'NO_PAIN_SCALE', severity: 'minor', scope: 'case',
  detect({ case: c }) {
    const reqs = c.requests.filter((r) => r.family !== 'other');
    if (!reqs.length) return [];
    if (c.painScores.some((p) => !p.context || BASELINE.has(p.context))) return [];
    return [flag(this.code, this.severity,
      'No numeric pain or disability scale is documented at baseline: record an NRS/VAS pain score and a disability scale (ODI/RMDQ) before the procedure, and the same scale afterwards.',
      [...reqs.flatMap((r) => r.factIds), ...c.painScores.flatMap((p) => p.factIds)])];
  },
};
