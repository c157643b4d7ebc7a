/** Procedure-code region, diagnosis-code region and documented levels must agree. */
import { regionOfLevel } from '../../case/levels.ts';
import { lookupCode } from '../code-table.ts';
import { flag, type FlagDetector } from './types.ts';

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

export const regionMismatch: FlagDetector = {
  code: 'REGION_MISMATCH', severity: 'major', scope: 'case',
  detect({ case: c, codes }) {
    const out = [];
    const levelRegions = [...new Set(c.requests.flatMap((r) => r.levels.map(regionOfLevel)).filter((x): x is NonNullable<typeof x> => !!x))];
    const levelIds = c.requests.filter((r) => r.levels.length).flatMap((r) => r.factIds);
    // The lines billed for the request: a code of another procedure (a prior SI joint injection's
    // 27096 in its own note) bills no region of this request.
    const billed = [...new Set(c.requests.flatMap((r) => r.codes))];
    const pcs = billed.map((l) => ({ l, e: lookupCode(codes, l.code) })).filter((x) => x.e?.region && x.e.role && ['primary', 'addon'].includes(x.e.role));
    for (const { l, e } of pcs) {
      if (levelRegions.length && !overlaps(e!.region!, levelRegions)) {
        out.push(flag(this.code, this.severity,
          `Procedure code ${l.code} is a ${e!.region!.join('/')} code but the documented levels are ${levelRegions.join('/')}: bill the code for the region treated.`,
          [...l.factIds, ...levelIds], { line: l.code }));
      }
    }
    const procRegions = pcs.length ? [...new Set(pcs.flatMap((x) => x.e!.region!))] : levelRegions;
    const procIds = pcs.length ? pcs.flatMap((x) => x.l.factIds) : levelIds;
    if (!procRegions.length) return out;
    for (const d of c.diagnosisCodes) {
      const e = lookupCode(codes, d.code);
      if (!e?.region || !e.supports?.length) continue;
      if (!overlaps(e.region, procRegions)) {
        out.push(flag(this.code, this.severity,
          `Diagnosis code ${d.code} (${e.meaning}) is for the ${e.region.join('/')} spine but the procedure is ${procRegions.join('/')}: submit the diagnosis code for the region treated.`,
          [...d.factIds, ...procIds], { line: d.code }));
      }
    }
    return out;
  },
};
