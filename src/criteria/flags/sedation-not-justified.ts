/** Sedation or anesthesia requested without a documented reason (NGS 2021 [C]; ODG legacy). */
import { lookupCode } from '../code-table.ts';
import { flag, type FlagDetector } from './types.ts';

export const SEDATING = new Set(['moderate', 'iv', 'mac', 'general', 'deep', 'conscious']);

export const sedationNotJustified: FlagDetector = {
  code: 'SEDATION_NOT_JUSTIFIED', severity: 'minor', scope: 'case',
  detect({ case: c, codes }) {
    const reqs = c.requests.filter((r) => r.sedation && SEDATING.has(r.sedation.toLowerCase()));
    // A sedation code billed for a performed procedure (no request) is not a request for sedation.
    const lines = c.requests.length ? c.procedureCodes.filter((l) => lookupCode(codes, l.code)?.role === 'sedation') : [];
    if ((!reqs.length && !lines.length) || c.sedationReasons.length) return [];
    const what = reqs.length ? `${reqs[0]!.sedation === 'iv' ? 'IV' : reqs[0]!.sedation} sedation` : `sedation code ${lines.map((l) => l.code).join(', ')}`;
    return [flag(this.code, this.severity,
      `${what[0]!.toUpperCase()}${what.slice(1)} is requested without a documented reason (sedation is not routinely necessary for these injections): document the clinical reason or perform the procedure under local anesthesia.`,
      [...reqs.flatMap((r) => r.factIds), ...lines.flatMap((l) => l.factIds)])];
  },
};
