/**
 * Billing and diagnosis codes: ICD-10-CM (dotted, or undotted in a code context), CPT (5 digits,
 * only with context or in a known interventional-spine range), HCPCS Level II ("J1030"), ICD-9
 * (only in an explicit ICD-9 context), with the modifiers and units written after a code.
 * Spinal levels (L4, S1, L4-5, T12) are never codes; zip codes, phone numbers, claim numbers and
 * dates are never CPT codes.
 */
import {
  CODE_TAIL, CPT, CPT_BLOCK_BEFORE, CPT_CONTEXT, DIAGNOSIS_LIST_CONTEXT, HCPCS, ICD10_DOTTED, ICD10_UNDOTTED, ICD9, ICD9_CONTEXT,
  ICD_CONTEXT, ROW_END_UNITS,
} from './patterns.ts';
import { SpanIndex } from './scan.ts';

export type CodeSystem = 'icd10' | 'icd9' | 'cpt' | 'hcpcs';
export interface CodeMatch {
  start: number;
  end: number;
  system: CodeSystem;
  code: string;
  modifiers: string[];
  units?: number;
}

/**
 * CPT codes accepted without a "CPT" label: the interventional spine, guidance, sedation, imaging
 * and therapy codes a lumbar-injection packet bills (AMA CPT 2024 code set; ranges inclusive).
 */
const KNOWN_CPT: readonly [number, number][] = [
  [20550, 20553], // tendon sheath / trigger point injections
  [20930, 20939], // spine bone grafts
  [22010, 22899], // spine surgery: fusion, instrumentation, kyphoplasty, disc arthroplasty
  [27096, 27096], // SI joint injection with guidance
  [27279, 27280], // SI joint fusion
  [62270, 62273], // lumbar puncture, epidural blood patch
  [62280, 62282], // neurolytic epidural
  [62320, 62327], // interlaminar / caudal epidural injections and catheters
  [63001, 63295], // laminectomy, laminotomy, discectomy, corpectomy
  [63650, 63688], // spinal cord stimulator
  [64400, 64530], // somatic and sympathetic nerve blocks (64451 SI nerve block, 64454 genicular)
  [64479, 64484], // transforaminal epidural injections
  [64490, 64495], // facet joint / medial branch injections
  [64624, 64640], // destruction by neurolytic agent (64633–64636 facet RFA, 64625 SI RFA)
  [72020, 72159], // spine radiographs, CT, MRI
  [72240, 72295], // myelography, discography
  [76000, 76000], // fluoroscopy
  [77002, 77003], // fluoroscopic guidance (77003 spine)
  [77012, 77012], // CT guidance
  [95860, 95913], // EMG / nerve conduction
  [97010, 97546], // physical medicine and rehabilitation
  [98940, 98943], // chiropractic manipulation
  [99151, 99157], // moderate sedation
  [99202, 99499], // evaluation and management
  [1991, 1992], // anesthesia for a diagnostic or therapeutic nerve block (01991, 01992)
];

/** HCPCS prefixes accepted without context: drugs (J), temporary codes incl. contrast (Q). */
const HCPCS_NO_CONTEXT = /^[jq]/i;

function knownCpt(code: string): boolean {
  if (!/^\d{5}$/.test(code)) return false;
  const n = Number(code);
  return KNOWN_CPT.some(([a, b]) => n >= a && n <= b);
}

/** Is `code` (no dot) a spinal level written like a code ("L45", "T12", "S1")? */
function looksLikeLevel(code: string): boolean {
  return /^(?:[cs][1-8]|t(?:[1-9]|1[0-2])|l[1-5]|l[1-4][2-5]|[clts]\d{1,2}[clts]\d)$/i.test(code);
}

/** The line around `pos`, plus the previous line (a table header or a "CPT:" label above). */
function lineContext(s: string, start: number, end: number): { before: string; line: string } {
  // Bounded look-around: a run-on "line" of a fax with no newline must not make this quadratic.
  const { ls, le } = lineBounds(s, start, end);
  // The previous line too (a table header or a "CPT:" label above the row).
  const headStart = Math.max(0, ls - 160);
  const idx = ls > 0 ? s.slice(headStart, ls - 1).lastIndexOf('\n') : -1;
  const prevLs = ls === 0 ? 0 : idx >= 0 ? headStart + idx + 1 : headStart;
  return { before: s.slice(Math.max(prevLs, start - 160), start), line: s.slice(ls, le) };
}

/** Start and end of the line around [start, end), looking at most 300 characters each way. */
function lineBounds(s: string, start: number, end: number): { ls: number; le: number } {
  const lo = Math.max(0, start - 300), hi = Math.min(s.length, end + 300);
  const back = s.slice(lo, start).lastIndexOf('\n');
  const fwd = s.slice(end, hi).indexOf('\n');
  return { ls: back >= 0 ? lo + back + 1 : lo, le: fwd >= 0 ? end + fwd : hi };
}

function tail(s: string, end: number): { modifiers: string[]; units?: number; end: number } {
  const modifiers: string[] = [];
  let units: number | undefined;
  let pos = end;
  for (let i = 0; i < 6; i++) {
    const m = CODE_TAIL.exec(s.slice(pos, pos + 40));
    if (!m) break;
    if (m[1]) modifiers.push(m[1].toUpperCase());
    else units = Number(m[2] ?? m[3] ?? m[4] ?? m[5]);
    pos += m[0].length;
  }
  if (units === undefined) {
    // A code-table row that ends with its quantity ("J3301  Triamcinolone ... per 10 mg   x8"),
    // when no other code follows on the row.
    const ahead = s.slice(pos, pos + 121);
    const nl = ahead.indexOf('\n');
    const rest = nl >= 0 ? ahead.slice(0, nl) : ahead;
    const u = (nl >= 0 || pos + 121 > s.length) && !/(?<![0-9a-z])(?:\d{5}|[a-v]\d{4})(?![0-9a-z])/i.test(rest) ? ROW_END_UNITS.exec(rest) : null;
    if (u) units = Number(u[1]);
  }
  return units === undefined ? { modifiers, end: pos } : { modifiers, units, end: pos };
}

/**
 * An ICD-9 code without an "ICD-9" label still reads as one in a diagnosis list: under a diagnosis
 * heading (a few lines up), standing where a code stands (its own column, after ':' or '(', at the
 * end of a line) and not followed by a unit ("Temp 100.4 F").
 */
function icd9InDiagnosisList(s: string, start: number, end: number): boolean {
  if (!DIAGNOSIS_LIST_CONTEXT.test(s.slice(Math.max(0, start - 400), start))) return false;
  const before = s.slice(Math.max(0, start - 3), start);
  const after = s.slice(end, end + 12);
  if (/^\s{0,2}(?:f\b|c\b|°|degrees|mg|mcg|kg|lbs?|cm|mm|ml|cc|%|pounds|kilograms|kilos|units)/i.test(after)) return false;
  const placed = start === 0 || /(?:^|\n|\(|:\s?|,\s?|;\s?|\s\s|\d\.\s)$/.test(before);
  const ends = /^(?:\s*$|[ \t]*\n|\s\s|\)|,|;|\s[a-z])/i.test(after);
  return placed && ends;
}

/** Records a match (module-level, not a closure: tsx's keepNames wraps every closure it creates). */
function addMatch(out: CodeMatch[], taken: SpanIndex, m: CodeMatch): void {
  taken.add(m.start, m.end);
  out.push(m);
}

/** Just before a coverage policy's id: "LCD ", "LCD L38801 / ", "Article #", "billing article A58403 and ". */
const POLICY_ID_BEFORE = /\b(?:lcds?|ncds?|articles?|billing\s{1,2}articles?|cpb|local\s{1,2}coverage\s{1,2}determination|coverage\s{1,2}policy)\s{0,2}(?:#|no\.?|id:?)?\s{0,2}(?:[a-z]?\d{4,5}\s{0,2}(?:\/|,|and|&|\+)\s{0,2})*$/i;

export function findCodes(s: string): CodeMatch[] {
  const out: CodeMatch[] = [];
  const taken = new SpanIndex();

  ICD9.lastIndex = 0;
  for (let m = ICD9.exec(s); m; m = ICD9.exec(s)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const { before, line } = lineContext(s, start, end);
    if (!ICD9_CONTEXT.test(before) && !ICD9_CONTEXT.test(line) && !icd9InDiagnosisList(s, start, end)) continue;
    addMatch(out, taken, { start, end, system: 'icd9', code: m[1]!.toUpperCase(), modifiers: [] });
  }

  ICD10_DOTTED.lastIndex = 0;
  for (let m = ICD10_DOTTED.exec(s); m; m = ICD10_DOTTED.exec(s)) {
    const start = m.index, end = m.index + m[0].length;
    // ICD-9 V-codes ("V45.4") in an ICD-9 list were taken by the ICD-9 pass.
    if (taken.overlaps(start, end)) continue;
    addMatch(out, taken, { start, end, system: 'icd10', code: m[1]!.toUpperCase(), modifiers: [] });
  }

  // HCPCS before undotted ICD-10: "J1030" in a drug line is a HCPCS code.
  HCPCS.lastIndex = 0;
  for (let m = HCPCS.exec(s); m; m = HCPCS.exec(s)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const { before, line } = lineContext(s, start, end);
    const icdCtx = ICD_CONTEXT.test(before.slice(-60)) && !CPT_CONTEXT.test(before.slice(-60));
    if (icdCtx) continue;
    if (!HCPCS_NO_CONTEXT.test(m[1]!) && !/hcpcs|j-?codes?|drug\s{1,2}codes?|supply/i.test(before + line)) continue;
    const t = tail(s, end);
    addMatch(out, taken, { start, end: t.end, system: 'hcpcs', code: m[1]!.toUpperCase(), modifiers: t.modifiers, ...(t.units !== undefined ? { units: t.units } : {}) });
  }

  ICD10_UNDOTTED.lastIndex = 0;
  for (let m = ICD10_UNDOTTED.exec(s); m; m = ICD10_UNDOTTED.exec(s)) {
    const start = m.index, end = m.index + m[0].length;
    const code = m[1]!;
    if (taken.overlaps(start, end) || looksLikeLevel(code)) continue;
    const { before, line } = lineContext(s, start, end);
    // "Policy referenced:  LCD L38801 / A58403": a coverage policy's or article's id.
    if (POLICY_ID_BEFORE.test(before.slice(-60))) continue;
    const near = before.slice(-80);
    // Undotted codes need a code context: an ICD/Dx label, or sitting in a run of dotted codes.
    const inCodeRun = out.some((c) => c.system === 'icd10' && (Math.abs(c.start - end) < 30 || Math.abs(start - c.end) < 30) && !/\n/.test(s.slice(Math.min(c.end, end), Math.max(c.start, start))));
    if (!ICD_CONTEXT.test(near) && !/icd/i.test(line) && !inCodeRun) continue;
    if (code.length === 3 && !/icd|\bdx\b|diagnosis\s{1,2}codes?/i.test(near + line)) continue;
    const up = code.toUpperCase();
    addMatch(out, taken, { start, end, system: 'icd10', code: up.length > 3 ? `${up.slice(0, 3)}.${up.slice(3)}` : up, modifiers: [] });
  }

  CPT.lastIndex = 0;
  const cptCandidates: { start: number; end: number; code: string; known: boolean; labelled: boolean; blocked: boolean }[] = [];
  for (let m = CPT.exec(s); m; m = CPT.exec(s)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const code = m[1]!.toUpperCase();
    const { before, line } = lineContext(s, start, end);
    const near = s.slice(Math.max(0, start - 24), start);
    const blocked = CPT_BLOCK_BEFORE.test(near) && !/(?:cpt|code|codes|hcpcs)\s{0,2}[:#]?\s{0,2}$/i.test(near);
    const labelled = CPT_CONTEXT.test(before.slice(-100)) || /\bcpt\b/i.test(line);
    cptCandidates.push({ start, end, code, known: knownCpt(code), labelled, blocked });
  }
  const accepted = new Set<number>();
  cptCandidates.forEach((c, i) => {
    if (c.blocked) return;
    if (c.known || (c.labelled && (/^\d{5}$/.test(c.code) || /^0\d{3}t$/i.test(c.code)))) accepted.add(i);
  });
  // A code table: an unlisted 5-digit number on the same line as an accepted code (with no
  // blocker) is a code too.
  cptCandidates.forEach((c, i) => {
    if (accepted.has(i) || c.blocked || !/^\d{5}$/.test(c.code)) return;
    const { ls, le } = lineBounds(s, c.start, c.end);
    let rowHasCode = false;
    for (let j = i - 1; j >= 0 && cptCandidates[j]!.start >= ls && !rowHasCode; j--) rowHasCode = accepted.has(j);
    for (let j = i + 1; j < cptCandidates.length && cptCandidates[j]!.end <= le && !rowHasCode; j++) rowHasCode = accepted.has(j);
    if (rowHasCode && CPT_CONTEXT.test(s.slice(Math.max(0, ls - 200), le))) accepted.add(i);
  });
  for (const i of [...accepted].sort((a, b) => a - b)) {
    const c = cptCandidates[i]!;
    const t = tail(s, c.end);
    addMatch(out, taken, { start: c.start, end: t.end, system: 'cpt', code: c.code, modifiers: t.modifiers, ...(t.units !== undefined ? { units: t.units } : {}) });
  }

  return out.sort((a, b) => a.start - b.start);
}
