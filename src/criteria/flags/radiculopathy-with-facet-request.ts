/** A facet procedure requested while radiculopathy is active (FJ-3, Aetna, ODG). */
import { flag, isFacetRequest, pretty, type FlagDetector } from './types.ts';

export const radiculopathyWithFacetRequest: FlagDetector = {
  code: 'RADICULOPATHY_WITH_FACET_REQUEST', severity: 'critical', scope: 'case',
  detect({ case: c }) {
    const reqs = c.requests.filter(isFacetRequest);
    if (!reqs.length || c.radicular.status !== 'active') return [];
    const cyst = c.imaging.some((i) => i.finding === 'synovial_cyst' && i.assertion === 'present');
    if (cyst) return [];
    const ev = [...c.radicular.painFactIds, ...c.radicular.examFactIds, ...c.radicular.diagnosisFactIds];
    return [flag(this.code, this.severity,
      `A ${pretty(reqs[0]!.procedure)} is requested while radiculopathy is active: treat the radicular pain first or document that it has resolved and the remaining pain is axial.`,
      [...reqs.flatMap((r) => r.factIds), ...ev])];
  },
};
