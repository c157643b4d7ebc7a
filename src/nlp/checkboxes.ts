/**
 * Form check boxes. A form lists options beside boxes — "[ ] Facet / MBB   [ ] RFA   [X] Epidural
 * steroid injection", "Anesthesia: [ ] MAC  [X] Local only" — and only the checked ones are stated.
 * An unchecked option runs from its box to the next box, a wide gap or the end of the line; the
 * mentions inside it say nothing about the patient and are dropped before any extractor sees them.
 * So are the words of a question the form answers "no" ("Leg pain?  [ ] yes  [X] no").
 */
import type { Mention } from './types.ts';

/** An empty box: "[ ]", "[  ]", "( )", "☐", "□", "❏"; a review-of-systems minus "[-]", "(-)" says no. */
const UNCHECKED = /(?:\[\s{0,2}-?\s{0,2}\]|\(\s{0,2}-?\s{0,2}\)|[☐□❏])/g;
/** Where an option ends: the next box (empty or checked), a gap of three spaces, a line break. */
const OPTION_END = /\[\s{0,2}[-+]?\s{0,2}\]|\(\s{0,2}[-+]?\s{0,2}\)|\[\s?[xX✓✔*]\s?\]|\(\s?[xX✓✔*]\s?\)|[☐□❏☒☑■]|\s{3,}|\n/g;

export interface Span { start: number; end: number }

/** An empty box only (no minus). */
const EMPTY_BOX = /(?:\[\s{0,2}\]|\(\s{0,2}\)|[☐□❏])/g;

/** The spans of unchecked options in `norm` (the document's folded view). */
export function uncheckedOptions(norm: string, boxes: RegExp = UNCHECKED): Span[] {
  const out: Span[] = [];
  boxes.lastIndex = 0;
  for (let m = boxes.exec(norm); m; m = boxes.exec(norm)) {
    const start = m.index + m[0].length;
    OPTION_END.lastIndex = start;
    const e = OPTION_END.exec(norm);
    const end = e ? e.index : norm.length;
    if (end > start) out.push({ start, end });
  }
  return out;
}

/**
 * `norm` with the words of every option beside an empty box ("[ ]", "( )", "☐") turned to spaces
 * (same length); `norm` itself when there is none. A minus box ("(-) left") is an answer, kept.
 */
export function blankUncheckedOptions(norm: string): string {
  if (!/\[\s{0,2}\]|\(\s{0,2}\)|[☐□❏]/.test(norm)) return norm;
  const spans = uncheckedOptions(norm, EMPTY_BOX);
  if (spans.length === 0) return norm;
  let out = '', at = 0;
  for (const s of spans) { out += norm.slice(at, s.start) + norm.slice(s.start, s.end).replace(/[^\n]/g, ' '); at = s.end; }
  return out + norm.slice(at);
}

/**
 * A questionnaire line answered no: "Numbness or tingling in legs?  [ ] yes  [X] no", "Radicular
 * symptoms?  YES [ ]  NO [X]" (the box after its answer), and a yes/no
 * field "Previous ESI in last 12 months: [X] No  [ ] Yes" (a colon needs a yes option on the line).
 */
const ANSWERED_NO = /^([^\n?]{2,120})\?[^\n]*?(?:(?:\[\s?[x✓✔]\s?\]|\(\s?[x✓✔]\s?\)|[☒☑■])\s*(?:no|none|denies|never)\b|\bno\s*(?:\[\s?[x✓✔]\s?\]|\(\s?[x✓✔]\s?\)|[☒☑■]))|^([^\n?:]{2,120}):(?=[^\n]*\byes\b)[^\n]*?(?:\[\s?[x✓✔]\s?\]|\(\s?[x✓✔]\s?\)|[☒☑■])\s*no\b/gm;

/** The questions a form answers "no" (their text says nothing present about the patient). */
export function answeredNo(norm: string): Span[] {
  const out: Span[] = [];
  ANSWERED_NO.lastIndex = 0;
  for (let m = ANSWERED_NO.exec(norm); m; m = ANSWERED_NO.exec(norm)) out.push({ start: m.index, end: m.index + (m[1] ?? m[2]!).length });
  return out;
}

/**
 * A question whose answer, on the next line, is no: "Q10. Does the member have radicular symptoms or
 * exam findings of radiculopathy?\n     > No", "Leg pain below the knee?\n  Answer: None".
 */
const ANSWERED_NO_BELOW = /^([^\n?]{2,160})\?[ \t]*\n[ \t]*(?:>|-|•|\*|answer\s*:|response\s*:|a\s*:)?[ \t]*(?:no|none|denies|never|n)\b(?![ \t]*\/)/gm;

/** The questions answered no on the line below them. */
export function answeredNoBelow(norm: string): Span[] {
  const out: Span[] = [];
  ANSWERED_NO_BELOW.lastIndex = 0;
  for (let m = ANSWERED_NO_BELOW.exec(norm); m; m = ANSWERED_NO_BELOW.exec(norm)) out.push({ start: m.index, end: m.index + m[1]!.length });
  return out;
}

/** Mentions outside every unchecked option and every question answered no. */
export function dropUncheckedMentions(mentions: Mention[], norm: string): Mention[] {
  const below = norm.includes('?') ? answeredNoBelow(norm) : [];
  if (!/\[\s{0,2}[-x✓✔]?\s{0,2}\]|\(\s{0,2}[-x✓✔]?\s{0,2}\)|[☐□❏☒☑■]/.test(norm)) {
    return below.length ? mentions.filter((m) => !below.some((s) => m.start >= s.start && m.end <= s.end)) : mentions;
  }
  const spans = [...uncheckedOptions(norm), ...answeredNo(norm), ...below];
  return mentions.filter((m) => !spans.some((s) => m.start >= s.start && m.end <= s.end));
}
