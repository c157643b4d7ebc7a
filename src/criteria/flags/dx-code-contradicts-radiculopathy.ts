/** A "without radiculopathy" code (M47.81x, M47.89x) billed while the notes document radiculopathy (not a past procedure's own diagnosis in its note). */
import { lookupCode } from '../code-table.ts';
import { flag, type FlagDetector } from './types.ts';

export const dxCodeContradictsRadiculopathy: FlagDetector = {
  code: 'DX_CODE_CONTRADICTS_RADICULOPATHY', severity: 'critical', scope: 'case',
  detect({ case: c, codes }) {
    // A past procedure's own diagnosis (told only in its note) is not billed with this request.
    const axialCodes = c.diagnosisCodes.filter((d) => !d.pastOnly && lookupCode(codes, d.code)?.withoutRadiculopathy);
    if (!axialCodes.length) return [];
    const radCodes = c.diagnosisCodes.filter((d) => lookupCode(codes, d.code)?.radiculopathy);
    // Radicular pain told only in the past ("in 2022 she had right leg pain ... it resolved after a
    // TFESI"), or denied now, is what the code says: no radiculopathy today. Then neither that pain
    // nor the ESI that relieved it contradicts the code (a radiculopathy code or a positive sign still does).
    const past = c.radicular.status === 'resolved' || c.radicular.status === 'absent';
    const pain = past ? [] : c.radicular.painFactIds;
    const exam = c.radicular.examFactIds;
    // An ESI response counts as evidence of radiculopathy: an ESI treats radicular pain, so a
    // response (≥50%) is attributed to leg pain unless the packet says it relieved back pain.
    const esi = past ? [] : c.procedures.filter((e) => e.family === 'esi' && (e.reliefPercent ?? 0) >= 50 && !/back|axial/i.test(e.relievedPain ?? ''));
    const other = [...pain, ...exam, ...radCodes.flatMap((d) => d.factIds), ...esi.flatMap((e) => e.reports.map((r) => r.factId))];
    if (!other.length) return [];
    const what = [pain.length && 'radicular pain', exam.length && 'a positive radicular exam', radCodes.length && `a radiculopathy code (${radCodes.map((d) => d.code).join(', ')})`, esi.length && 'relief of leg pain after an ESI'].filter(Boolean).join(', ');
    return [flag(this.code, this.severity,
      `Diagnosis code ${axialCodes.map((d) => d.code).join(', ')} means spondylosis without radiculopathy, but the notes document ${what}: correct the diagnosis code or document why the radicular findings do not apply.`,
      [...axialCodes.flatMap((d) => d.factIds), ...other])];
  },
};
