/**
 * Section detection: a header is a lexicon literal at the start of a line (after optional
 * numbering, bullets or a form's "SECTION C -"), followed by a colon/dash, or alone on its line (ALL-CAPS or not).
 * The body runs to the next header. Categories come from lexicons/sections.json.
 */
import { englishWords, isEnglish } from '../ingest/ocr-repair.ts';
import { normalizeView, type Doc } from '../model/doc.ts';
import type { Resources, SectionRule } from '../resources.ts';
import type { Section } from './types.ts';

interface CompiledSections { re: RegExp; byLiteral: Map<string, SectionRule>; byKey: Map<string, SectionRule>; ocr: OcrLiteral[] }

/** A heading literal with the spaces around its slash or ampersand dropped: "assessment / plan" = "assessment/plan". */
const keyOf = (l: string) => l.replace(/ ?([/&]) ?/g, '$1');

/** A heading literal as words, for the OCR-tolerant match (./sections.ts `ocrHeads`). */
interface OcrLiteral { words: string[]; letters: number; rule: SectionRule }

/**
 * A compound heading whose first part is a heading and whose second is words of its own ("PLAN /
 * ORDER", "Assessment & Discussion", "HISTORY/INTERVAL UPDATE"): group 2, the heading's title is the
 * first part's. Up to three words after the slash or ampersand.
 */
const COMPOUND_TAIL = '((?:[^\\S\\n]*[/&][^\\S\\n]*[a-z][a-z.]*(?:[ \\t][a-z][a-z.]*){0,2}))?';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(rules: readonly SectionRule[]): CompiledSections {
  const byLiteral = new Map<string, SectionRule>();
  for (const r of rules) for (const l of r.literals) if (!byLiteral.has(l.toLowerCase())) byLiteral.set(l.toLowerCase(), r);
  // ("ASSESSMENT / PLAN", "Impression & Plan": spaces around a slash or ampersand are free.)
  const lits = [...byLiteral.keys()].sort((a, b) => b.length - a.length)
    .map((l) => escapeRe(l).replace(/ /g, '[ \\t]+').replace(/(?:\[ \\t\]\+)?([/&])(?:\[ \\t\]\+)?/g, '[^\\S\\n]*$1[^\\S\\n]*'));
  // Group 1: the header literal. A one-letter SOAP header ("S", "O", "A", "P") needs a colon. A rule of
  // dashes or stars may frame it ("--- AUTHORIZATION REQUEST (to plan) ---").
  const re = new RegExp(
    `^[ \\t]*(?:(?:\\d{1,2}|[ivx]{1,4})[.)][ \\t]*|[*#>][ \\t]*|[-=*~_]{2,}[ \\t]*|(?:section|part)[ \\t]+[a-z0-9]{1,2}(?:[ \\t]*[-:.—])?[ \\t]+)?(${lits.join('|')})${COMPOUND_TAIL}(?:[ \\t]*(?::|-[ \\t]|—)|[ \\t]*(?=\\n|$)|(?:[ \\t]+\\([^()\\n]{1,60}\\))?[ \\t]*[-=*~_]{2,}[ \\t]*(?=\\n|$)|[ \\t]+(?=\\([^()\\n]{1,60}\\)[ \\t]*:?[ \\t]*(?:\\n|$)))`,
    'gm',
  );
  const ocr = [...byLiteral.entries()]
    .map(([l, rule]) => ({ words: l.split(/[^a-z0-9]+/).filter(Boolean), rule }))
    .filter((x) => x.words.length > 0)
    .map((x) => ({ ...x, letters: x.words.join('').length }))
    // Longest first: "assessment and plan" before "assessment".
    .sort((a, b) => b.words.length - a.words.length || b.letters - a.letters);
  const byKey = new Map([...byLiteral].map(([l, r]) => [keyOf(l), r] as const).reverse());
  return { re, byLiteral, byKey, ocr };
}

/**
 * Where a field heading's value ends: its line, and the lines after it indented deeper than the
 * heading ("ICD-10: M47.817 ...\n          M96.1 ...\n          Z98.1 ...").
 */
function fieldEnd(text: string, headStart: number, bodyStart: number): number {
  const indent = headStart - (text.lastIndexOf('\n', headStart - 1) + 1);
  let end = text.indexOf('\n', bodyStart);
  while (end >= 0) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next < 0 ? text.length : next);
    const lead = /^[ \t]*/.exec(line)![0].length;
    if (!line.trim() || lead <= indent) break;
    end = next < 0 ? text.length : next;
  }
  return end;
}

const UNLESS = new WeakMap<SectionRule, RegExp>();
/** A rule's `unless` pattern, compiled once. */
function unlessOf(rule: SectionRule): RegExp {
  let re = UNLESS.get(rule);
  if (!re) { re = new RegExp(rule.unless!); UNLESS.set(rule, re); }
  return re;
}

/** How far the line's text starts from the line start (the column of `at`'s line's first word, for a heading at `at`). */
function indentOf(text: string, at: number): number {
  return at - text.lastIndexOf('\n', at - 1) - 1;
}

/** The line that holds the offset. */
function lineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end < 0 ? text.length : end);
}

export function detectSections(doc: Doc, res: Resources): Section[] {
  let c = res.cache.get('sections') as CompiledSections | undefined;
  if (!c) { c = compile(res.sections); res.cache.set('sections', c); }
  const heads: { start: number; end: number; bodyStart: number; rule: SectionRule }[] = [];
  const norm = doc.norm;
  c.re.lastIndex = 0;
  for (let m = c.re.exec(norm); m; m = c.re.exec(norm)) {
    const lit = m[1]!.replace(/[ \t]+/g, ' ');
    const rule = c.byLiteral.get(lit) ?? c.byKey.get(keyOf(lit));
    if (!rule) continue;
    const litStart = m.index + m[0].indexOf(m[1]!);
    if (rule.unless && unlessOf(rule).test(lineAt(norm, litStart))) continue;
    // (A closing rule, "=== ... ===", ends the heading as a colon does.)
    const hasColon = /[:\-—][ \t]*$|[-=*~_]{2,}[ \t]*$/.test(m[0]);
    // A header without a colon must stand alone on a short line; single letters need a colon.
    if (!hasColon && lit.length <= 2) continue;
    // (A compound heading is one when its first part is a heading of more than one letter.)
    if (m[2] && lit.length <= 2) continue;
    const tail = m[2]?.length ?? 0;
    if (!hasColon) {
      const lineEnd = norm.indexOf('\n', m.index);
      const line = norm.slice(litStart, lineEnd < 0 ? norm.length : lineEnd).trim();
      // "AUTHORIZATION HISTORY (this member, this program)": a qualifier in parentheses may follow (the
      // heading pattern lets it through only at the end of its line).
      if (line.length > lit.length + tail + 2 && !/^\s*\([^()\n]{1,60}\)\s*:?$/.test(line.slice(lit.length + tail))) continue;
    }
    heads.push({ start: litStart, end: litStart + m[1]!.length, bodyStart: m.index + m[0].length, rule });
    if (m[0].length === 0) c.re.lastIndex++;
  }
  heads.push(...ocrHeads(doc, c, heads.map((h) => h.start)));
  heads.push(...titleLines(doc, c, heads.map((h) => h.start)));
  heads.sort((a, b) => a.start - b.start);
  const out: Section[] = [];
  if (heads.length === 0 || heads[0]!.start > 0) {
    out.push({ category: 'unknown', title: null, body: { start: 0, end: heads[0]?.start ?? doc.text.length }, ruleId: 'sec.none' });
  }
  // The section a field heading interrupts: it goes on after the field's line.
  let outer: Section = out[0] ?? { category: 'unknown', title: null, body: { start: 0, end: 0 }, ruleId: 'sec.none' };
  heads.forEach((h, i) => {
    const end = i + 1 < heads.length ? heads[i + 1]!.start : doc.text.length;
    // A field heading with its value on its line ("CPT: 64635-50") heads that line only
    // (sections.json `field`).
    const lineEnd = h.rule.field ? fieldEnd(norm, h.start, h.bodyStart) : -1;
    if (h.rule.field && lineEnd >= 0 && lineEnd < end && norm.slice(h.bodyStart, lineEnd).trim()) {
      out.push({ category: h.rule.category, title: { start: h.start, end: h.end }, body: { start: h.bodyStart, end: lineEnd }, ruleId: h.rule.id });
      out.push({ category: outer.category, title: null, body: { start: lineEnd, end }, ruleId: outer.ruleId });
      return;
    }
    // A heading indented under a section it is a field of ("Treatment / 1. ... /    PROCEDURE: ..."):
    // the outer section goes on (sections.json `nestsUnder`).
    // (A request block's own fields right under its heading nest at any indent: "--- AUTHORIZATION
    // REQUEST ---" / "Procedure: Diagnostic Lumbar Medial Branch Blocks ...".)
    const fieldOfRequest = outer.category === 'request' && outer.title !== null && !norm.slice(outer.title.end, h.start).includes('\n\n') &&
      norm.slice(outer.title.end, h.start).split('\n').length <= 3;
    if (h.rule.nestsUnder?.includes(outer.category) && outer.title && (indentOf(norm, h.start) > indentOf(norm, outer.title.start) || fieldOfRequest)) {
      out.push({ category: outer.category, title: null, body: { start: h.start, end }, ruleId: outer.ruleId });
      return;
    }
    outer = { category: h.rule.category, title: { start: h.start, end: h.end }, body: { start: h.bodyStart, end }, ruleId: h.rule.id };
    out.push(outer);
  });
  return out;
}

/**
 * A title line in capitals that starts with a `titleLine` heading ("MRI LUMBAR SPINE WITH AND WITHOUT
 * GADOLINIUM - 05/29/2025", "CT L-SPINE W/O CONTRAST 11/20/2025") heads the lines after it.
 */
function titleLines(doc: Doc, c: CompiledSections, taken: readonly number[]): { start: number; end: number; bodyStart: number; rule: SectionRule }[] {
  const out: { start: number; end: number; bodyStart: number; rule: SectionRule }[] = [];
  const lits = [...c.byLiteral.entries()].filter(([, r]) => r.titleLine).sort((a, b) => b[0].length - a[0].length);
  if (!lits.length) return out;
  for (const m of doc.text.matchAll(/^[ \t]*([A-Z][^\n]{3,88})$/gm)) {
    const line = m[1]!;
    // A sentence in capitals ("MRI SHOWS A DISC BULGE.") is no title.
    if (/[a-z]/.test(line) || /\.(?:\s|$)/.test(line.trimEnd() + ' ')) continue;
    const start = m.index! + m[0].indexOf(line);
    if (taken.includes(start)) continue;
    const low = doc.norm.slice(start, start + line.length).replace(/[ \t]+/g, ' ');
    const hit = lits.find(([l]) => low.startsWith(l + ' '));
    if (!hit) continue;
    out.push({ start, end: start + hit[0].length, bodyStart: start + line.length, rule: hit[1] });
  }
  return out;
}

/**
 * Letter pairs fax OCR confuses in headings (lower-cased; symmetric), for 4-letter headings where
 * only such a confusion is accepted: I/L ("PIAN"), E/F ("NOTF"), E/R ("Rxam"), D/P, H/K, 0/O, 1/l.
 */
const HEADING_CONFUSABLE = new Set(['il', 'ef', 'er', 'dp', 'hk', 'ec', 'ao', 'o0', 'l1', 'i1', 's5', 'ft', 'nm', 'rn', 'ty']
  .flatMap((p) => [p, p[1]! + p[0]!]));

const DIGIT_LETTER = new Set(['0o', '1l', '1i', '5s']);

/** Words that may start a real line before a heading word ("no history: ..."): never skipped as speckle. */
const LINE_WORDS = new Set(['no', 'on', 'in', 'of', 'at', 'to', 'is', 'he', 'we', 'if', 'as', 'or', 'an', 'by', 'my', 'it', 'be', 'do', 'so', 'up', 'us', 'me', 'pt', 'dr', 'mr', 'ms']);

/** Levenshtein distance of a and b, or `max + 1` once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Edits needed to read OCR token `t` (lower case, letters and digits) as heading word `w` of a
 * heading of `letters` letters, or Infinity. A misread word must not be an English word (a
 * correctly read "Notes" is not "Codes"); a 4-letter heading ("plan", "exam") takes only one
 * confusable letter; shorter ones must be exact.
 */
function wordEdits(t: string, w: string, letters: number, english: ReadonlySet<string> | null, guard: boolean): number {
  if (t === w) return 0;
  // A short word ("of", "and") only with a digit read for a letter ("HISTORY 0F PRESENT ILLNESS").
  if (w.length < 4) return t.length === w.length && [...t].filter((ch, i) => ch !== w[i]).length === 1 &&
    [...t].every((ch, i) => ch === w[i] || DIGIT_LETTER.has(ch + w[i]!)) ? 1 : Infinity;
  if (!english || (guard && /^[a-z]+$/.test(t) && isEnglish(t, english))) return Infinity;
  if (letters <= 4) {
    if (t.length !== w.length) return Infinity;
    let subs = 0;
    for (let i = 0; i < t.length; i++) if (t[i] !== w[i]) subs += HEADING_CONFUSABLE.has(t[i]! + w[i]!) ? 1 : 2;
    return subs === 1 ? 1 : Infinity;
  }
  const d = editDistance(t, w, 2);
  return d > 2 ? Infinity : d;
}

interface Token { text: string; start: number; end: number }

/**
 * Headings fax OCR garbled, on OCR'd pages only (the text-layer and plain-text pages keep the strict
 * match above): a line that starts (after at most two speckle tokens of 1–2 characters: "vt _",
 * "ae", "(0") with the words of a heading literal, each read with punctuation around it ("PAST.
 * SURGICAL. HISTORY:", "CHIEF: COMPLAINT"), a hyphen read as a space ("Post procedure
 * diagnosis"), or letters misread ("PIAN", "ASSFSSMENY", "Kistory", "PHYSICAL #&XAM": one edit in
 * a heading of 5–8 letters, two from 9), and that is a heading by its shape: a colon (or ';', as
 * OCR reads it) after the words, or an upper-case heading followed only by speckle (short tokens,
 * no digits: "PLAN | ce So"). The title span is the OCR'd words as they stand, so offsets are exact.
 */
function ocrHeads(doc: Doc, c: CompiledSections, taken: number[]): { start: number; end: number; bodyStart: number; rule: SectionRule }[] {
  const out: { start: number; end: number; bodyStart: number; rule: SectionRule }[] = [];
  const ocrPages = doc.source.pages.filter((p) => p.ocr);
  if (ocrPages.length === 0) return out;
  const english = englishWords();
  const takenLines = new Set(taken.map((t) => doc.text.lastIndexOf('\n', t - 1) + 1));
  for (const p of ocrPages) {
    const base = doc.pageStarts[p.n - 1]!;
    let lineStart = base;
    for (const line of p.text.split('\n')) {
      const at = lineStart;
      lineStart += line.length + 1;
      if (takenLines.has(at) || line.trim().length < 3) continue;
      const h = matchOcrHeading(doc.norm.slice(at, at + line.length), doc.text.slice(at, at + line.length), c, english);
      // "Plan: Medicare Advantage (HMO)" on a faxed form is still the health plan (the rule's `unless`).
      if (h && h.rule.unless && unlessOf(h.rule).test(doc.norm.slice(at, at + line.length))) continue;
      if (h) out.push({ start: at + h.start, end: at + h.end, bodyStart: at + h.bodyStart, rule: h.rule });
    }
  }
  return out;
}

/** The heading category a line of OCR text starts with, by the rules of `ocrHeads` (for tests). */
export function ocrHeadingOf(line: string, rules: readonly SectionRule[]): { category: string; title: string } | null {
  const h = matchOcrHeading(normalizeView(line), line, compile(rules));
  return h && { category: h.rule.category, title: line.slice(h.start, h.end) };
}

/** The heading a line of OCR text starts with (offsets in the line), or null. */
function matchOcrHeading(norm: string, text: string, c: CompiledSections, english: ReadonlySet<string> | null = englishWords()):
  { start: number; end: number; bodyStart: number; rule: SectionRule } | null {
  const tokens: Token[] = [];
  // Letters with an accent OCR put on them ("Consérvative") are compared without it.
  for (const m of norm.matchAll(/[\p{L}\p{N}]+/gu)) {
    const t = m[0].normalize('NFD').replace(/\p{M}/gu, '');
    if (/^[a-z0-9]+$/.test(t)) tokens.push({ text: t, start: m.index, end: m.index + m[0].length });
  }
  if (tokens.length === 0) return null;
  // Leading speckle: up to two short tokens that are not words a line starts with, and a
  // numbering ("1.", "2)") as the strict match allows.
  const starts: number[] = [0];
  for (let k = 0; k < Math.min(2, tokens.length - 1); k++) {
    const t = tokens[k]!;
    if (t.text.length > 2 || LINE_WORDS.has(t.text)) break;
    starts.push(k + 1);
  }
  for (const s of starts) {
    // Only punctuation/space between the line start (or the skipped speckle) and the heading.
    const first = tokens[s]!;
    const lead = norm.slice(s === 0 ? 0 : tokens[s - 1]!.end, first.start);
    if (s === 0 ? !/^[\s\p{P}\p{S}]*$/u.test(lead) : !/^[\s\p{P}\p{S}]*$/u.test(lead)) continue;
    let best: { lit: OcrLiteral; edits: number; end: number } | null = null;
    let tie = false;
    for (const lit of c.ocr) {
      if (lit.letters < 2 || s + lit.words.length > tokens.length) continue;
      if (best && lit.words.length < best.lit.words.length) break;
      const budget = lit.letters >= 9 ? 2 : lit.letters >= 4 ? 1 : 0;
      let edits = 0;
      for (let i = 0; i < lit.words.length && edits <= budget; i++) {
        const t = tokens[s + i]!;
        // Between two heading words only a space and punctuation ("PAST. SURGICAL", "CHIEF: COMPLAINT").
        if (i > 0 && !/^[^\p{L}\p{N}\n]{1,3}$/u.test(norm.slice(tokens[s + i - 1]!.end, t.start))) { edits = budget + 1; break; }
        // A misread English word counts only in a heading of two words or more ("CHIEF COMPLAIN?").
        edits += wordEdits(t.text, lit.words[i]!, lit.letters, english, lit.words.length === 1);
      }
      if (edits > budget) continue;
      const end = tokens[s + lit.words.length - 1]!.end;
      if (!best || edits < best.edits) { best = { lit, edits, end }; tie = false; } else if (edits === best.edits && best.lit.rule.category !== lit.rule.category && best.lit.words.length === lit.words.length) tie = true;
    }
    if (!best || tie) continue;
    const rest = norm.slice(best.end);
    const colon = /^[ \t.]*[:;]/.exec(rest);
    if (colon) {
      const body = best.end + colon[0].length;
      return { start: first.start, end: best.end, bodyStart: body, rule: best.lit.rule };
    }
    const head = text.slice(first.start, best.end);
    const upper = head.replace(/[^A-Za-z]/g, '');
    if (upper.length < 4 || upper !== upper.toUpperCase()) continue;
    const restTokens = rest.split(/\s+/).filter((w) => /[a-z0-9]/.test(w));
    const speckle = !/\d/.test(rest) && (restTokens.length === 0 || restTokens.reduce((n, w) => n + w.replace(/[^a-z]/g, '').length, 0) / restTokens.length <= 3);
    if (speckle) return { start: first.start, end: best.end, bodyStart: best.end, rule: best.lit.rule };
  }
  return null;
}
