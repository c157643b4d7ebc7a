/** ESI for axial pain alone is not covered (LCD A2 item 11 [C]). */
import { lookupCode } from '../code-table.ts';
import { flag, pretty, type FlagDetector } from './types.ts';

export const esiForAxialPainOnly: FlagDetector = {
  code: 'ESI_FOR_AXIAL_PAIN_ONLY', severity: 'critical', scope: 'case',
  detect({ case: c, codes }) {
    const reqs = c.requests.filter((r) => r.family === 'esi');
    if (!reqs.length) return [];
    if (c.radicular.status === 'active' || c.radicular.status === 'resolved' || c.claudication.status === 'present') return [];
    if (c.diagnosisCodes.some((d) => { const e = lookupCode(codes, d.code); return e?.radiculopathy || e?.claudication; })) return [];
    if (c.diagnoses.some((d) => d.assertion === 'present' && /stenosis|claudication/i.test(d.concept))) return [];
    return [flag(this.code, this.severity,
      `A ${pretty(reqs[0]!.procedure)} is requested but no radicular pain, radiculopathy or neurogenic claudication is documented: document the radicular symptoms and signs, or reconsider the injection for axial pain.`,
      [...reqs.flatMap((r) => r.factIds), ...c.axialPain.factIds, ...c.radicular.absentFactIds])];
  },
};
