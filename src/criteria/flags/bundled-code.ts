/**
 * A service billed as its own line beside a code that includes it: 77003/77012 guidance or contrast
 * beside the "with imaging guidance" spine codes (A57787, A57826 [C]); the block's local anesthetic
 * billed as a lidocaine J-code (inclusive in the procedure; criteria.md (b) Drugs).
 */
import { lookupCode } from '../code-table.ts';
import { flag, type FlagDetector } from './types.ts';

const SPINE_FAMILIES = new Set(['facet', 'rfa', 'esi']);

export const bundledCode: FlagDetector = {
  code: 'BUNDLED_CODE', severity: 'minor', scope: 'case',
  detect({ case: c, codes }) {
    const lines = c.procedureCodes.map((l) => ({ l, e: lookupCode(codes, l.code) }));
    const withGuidance = lines.filter((x) => x.e?.includesGuidance && SPINE_FAMILIES.has(x.e.family ?? ''));
    const blocks = lines.filter((x) => SPINE_FAMILIES.has(x.e?.family ?? ''));
    const spineRequest = c.requests.filter((r) => r.family !== 'other');
    const out = [];
    for (const { l, e } of lines) {
      if (!e) continue;
      if ((e.role === 'guidance' && (e.guidance === 'fluoroscopy' || e.guidance === 'ct')) || e.role === 'contrast') {
        if (!withGuidance.length) continue;
        out.push(flag(this.code, this.severity,
          `${l.code} (${e.meaning}) is billed beside ${withGuidance.map((x) => x.l.code).join(', ')}, whose descriptor already includes imaging guidance and contrast: remove the separate line.`,
          [...l.factIds, ...withGuidance.flatMap((x) => x.l.factIds)], { line: l.code }));
      } else if (e.role === 'drug' && e.localAnesthetic && (blocks.length || spineRequest.length)) {
        const unconfirmed = e.confidence === 'UNCONFIRMED' ? ` (the descriptor of ${l.code} is UNCONFIRMED in the code table; it is billed here as lidocaine)` : '';
        out.push(flag(this.code, this.severity,
          `${l.code} bills the local anesthetic of the block as a separate drug line${unconfirmed}; the local anesthetic is included in the procedure: remove the line.`,
          [...l.factIds, ...(blocks.length ? blocks.flatMap((x) => x.l.factIds) : spineRequest.flatMap((r) => r.factIds))], { line: l.code }));
      }
    }
    return out;
  },
};
