/**
 * A code labelled with a meaning it does not have (a cervical code labelled "lumbar", a drug code
 * labelled with another drug, "with radiculopathy" on a without-radiculopathy code), or whose
 * descriptor excludes the use (J2001 IV-infusion lidocaine for a block; 64772 for RFA).
 * Codes whose descriptor is UNCONFIRMED are not judged on their label.
 */
import type { CodeLine } from '../../case/schema.ts';
import { lookupCode, type CodeEntry, type CodeTable } from '../code-table.ts';
import { flag, pretty, type FlagDetector } from './types.ts';

const REGION_WORDS: [RegExp, string][] = [[/\bcervical\b/i, 'cervical'], [/\bthoracic\b/i, 'thoracic'], [/\blumbar\b|\blumbosacral\b/i, 'lumbar'], [/\bsacral\b/i, 'sacral']];
const BLOCK_FAMILIES = new Set(['facet', 'rfa', 'esi']);

/** Confirmed codes whose drug is `drug` (e.g. methylprednisolone acetate → J1020, J1030, J1040). */
function confirmedCodesFor(drug: string, codes: CodeTable): string[] {
  return [...codes.byCode.values()].filter((c) => c.drug === drug && c.confidence !== 'UNCONFIRMED' && !c.deleted).map((c) => c.code);
}

function labelProblem(line: CodeLine, e: CodeEntry, codes: CodeTable): string | null {
  const label = line.description;
  if (!label) return null;
  // A code whose own descriptor is UNCONFIRMED can still be shown mislabelled when the drug its
  // label names has confirmed codes of its own (J2778 labelled methylprednisolone: J1020-J1040).
  if (e.confidence === 'UNCONFIRMED') {
    if (e.role !== 'drug') return null;
    const low = label.toLowerCase();
    const named = codes.drugNames.filter((d) => new RegExp(`\\b${d}\\b`).test(low)).map((d) => codes.drugBrands[d] ?? d);
    for (const d of named) {
      const own = confirmedCodesFor(d, codes);
      if (d !== e.drug && own.length && !own.includes(e.code)) {
        return `labelled "${label}", but ${d} is billed with ${own.join('/')}; ${line.code} is not a ${d} code (its own descriptor is UNCONFIRMED in the code table)`;
      }
    }
    return null;
  }
  if (e.region) {
    const named = REGION_WORDS.filter(([re]) => re.test(label)).map(([, r]) => r);
    // "thoracolumbar"/"lumbosacral" descriptors name two regions; any overlap is consistent.
    if (named.length && !named.some((r) => e.region!.includes(r as never))) return `labelled "${label}" but ${line.code} is a ${e.region.join('/')} code (${e.meaning})`;
  }
  if (e.withoutRadiculopathy && /radicul/i.test(label) && !/without|w\/o|\bno\b/i.test(label)) {
    return `labelled "${label}" but ${line.code} means ${e.meaning}`;
  }
  if (e.role === 'drug' && e.drug) {
    const low = label.toLowerCase();
    const named = codes.drugNames.filter((d) => new RegExp(`\\b${d}\\b`).test(low)).map((d) => codes.drugBrands[d] ?? d);
    if (named.length && !named.includes(e.drug)) return `labelled "${label}" but ${line.code} is ${e.meaning}`;
  }
  return null;
}

export const codeDescriptorMismatch: FlagDetector = {
  code: 'CODE_DESCRIPTOR_MISMATCH', severity: 'major', scope: 'case',
  detect({ case: c, codes }) {
    const out = [];
    const blockLines = c.procedureCodes.filter((l) => BLOCK_FAMILIES.has(lookupCode(codes, l.code)?.family ?? ''));
    const requested = new Set(c.requests.map((r) => r.procedure));
    for (const l of [...c.diagnosisCodes, ...c.procedureCodes]) {
      const e = lookupCode(codes, l.code);
      if (!e) continue;
      const p = labelProblem(l, e, codes);
      if (p) { out.push(flag(this.code, this.severity, `Code ${l.code} is ${p}: bill the code whose descriptor matches the service.`, l.factIds, { line: l.code })); continue; }
      if (e.ivInfusionOnly && (blockLines.length || c.requests.some((r) => r.family !== 'other'))) {
        out.push(flag(this.code, this.severity,
          `${l.code} is ${e.meaning}; its descriptor excludes the local anesthetic of a nerve block or injection: remove the line (the local anesthetic is part of the procedure).`,
          [...l.factIds, ...blockLines.flatMap((b) => b.factIds), ...c.requests.flatMap((r) => r.factIds)], { line: l.code }));
        continue;
      }
      const misuse = (e.notFor ?? []).filter((p) => requested.has(p));
      if (misuse.length) {
        out.push(flag(this.code, this.severity,
          `${l.code} (${e.meaning}) is billed for ${pretty(misuse[0]!)}, but it is ${e.notForReason ?? 'not a code for that service'}: bill the matching procedure code.`,
          [...l.factIds, ...c.requests.filter((r) => misuse.includes(r.procedure)).flatMap((r) => r.factIds)], { line: l.code }));
        continue;
      }
      if (e.notSingleShot && c.requests.some((r) => r.family === 'esi')) {
        out.push(flag(this.code, this.severity,
          `${l.code} (${e.meaning}) is a catheter code, not a single-shot epidural injection: bill 62321/62323 or 64479-64484.`,
          [...l.factIds, ...c.requests.filter((r) => r.family === 'esi').flatMap((r) => r.factIds)], { line: l.code }));
      }
    }
    return out;
  },
};
