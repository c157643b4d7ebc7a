/**
 * A small clinical-aware sentence splitter, used by `mednec assert` and the NegEx benchmark until
 * the pipeline's sentence component (src/nlp/sentences) exists. Offsets are [start, end) into the
 * text; nothing is rewritten.
 *
 * Splits: after . ! ? followed by white space and a capital letter, digit, bracket or the end,
 * unless the word before the period is a known abbreviation (Dr., vs., b.i.d., y.o., ...) or a
 * single letter; at a newline that starts a list item or header ("SLR: neg", "- fever", "2) ..."),
 * after a line ending in . ! ? or :, at the end of a list item's line before a capital, at a blank
 * line, and at a form feed (page break).
 */
import type { Span } from '../../model/doc.ts';

/** Lower-case abbreviations that end in a period without ending the sentence. */
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'sr', 'vs', 'v', 'approx', 'appt', 'etc', 'e.g', 'i.e', 'eg', 'ie', 'cf', 'al',
  'pt', 'pts', 'hx', 'dx', 'tx', 'rx', 'sx', 'fx', 'neg', 'pos', 'bilat', 'b/l', 'lt', 'rt', 'ext', 'flex', 'abd',
  'q.d', 'b.i.d', 't.i.d', 'q.i.d', 'p.r.n', 'q.h.s', 'p.o', 'q.o.d', 'h.s', 'a.m', 'p.m', 'y.o', 'yo', 'y/o',
  'mg', 'mcg', 'ml', 'cc', 'nos', 'fig', 'inc', 'dept', 'univ', 'ave', 'blvd', 'min', 'max', 'hr', 'hrs', 'wk', 'wks',
  'mo', 'mos', 'yr', 'yrs', 'sec', 'lb', 'lbs', 'oz', 'ft', 'cm', 'mm', 'approx', 'est', 'avg', 'ref',
]);

/** Header-like line start: a short label then a colon ("Radicular symptoms:", "SLR:", "PLAN:"). */
const LINE_HEADER = /^[ \t]*[A-Za-z][A-Za-z0-9 /&'()-]{0,40}:/;
/** List item line start: bullet or enumeration. */
const LINE_ITEM = /^[ \t]*(?:[-*+\u2022#][ \t]|\d{1,2}[.)](?:[ \t]|[A-Za-z]))/;

function isUpperOrDigitStart(c: string | undefined): boolean {
  if (c === undefined) return true;
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '(' || c === '[' || c === '"' || c === '*' || c === '-' || c === '_';
}

function wordBefore(text: string, dot: number): string {
  let i = dot - 1;
  while (i >= 0 && /[A-Za-z./]/.test(text[i]!)) i--;
  return text.slice(i + 1, dot).toLowerCase().replace(/^\.+/, '');
}

function pushTrimmed(out: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}

/** Sentence spans of `text` (no empty spans, white space trimmed). */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '\f') { pushTrimmed(out, text, start, i); start = i + 1; continue; }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') continue; // split on the \n of a CRLF
      const lineEnd = text.indexOf('\n', i + 1);
      const next = text.slice(i + 1, lineEnd < 0 ? to : Math.min(lineEnd, to));
      let p = i - 1;
      while (p >= start && (text[p] === ' ' || text[p] === '\t' || text[p] === '\r')) p--;
      const prevEnd = p >= start ? text[p]! : '';
      // A list item ends at its line when the next line starts with a capital.
      const itemEnds = LINE_ITEM.test(text.slice(start, i)) && /^[ \t]*[A-Z]/.test(next);
      if (next.trim() === '' || LINE_ITEM.test(next) || LINE_HEADER.test(next) || /[.!?:]/.test(prevEnd) || itemEnds) {
        pushTrimmed(out, text, start, i + 1);
        start = i + 1;
      }
      continue;
    }
    if (c === '.' || c === '!' || c === '?') {
      let j = i + 1;
      while (j < to && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '"' || text[j] === ')')) j++;
      if (j < to && !/\s/.test(text[j]!)) continue;
      let k = j;
      while (k < to && (text[k] === ' ' || text[k] === '\t')) k++;
      if (k < to && (text[k] === '\n' || text[k] === '\r')) continue; // the newline rule decides
      if (!isUpperOrDigitStart(k < to ? text[k] : undefined)) continue;
      if (c === '.') {
        const w = wordBefore(text, i);
        if (ABBREVIATIONS.has(w) || /^[a-z]$/.test(w)) continue;
        // "1." or "2)" as an enumeration marker at the start of the sentence: keep it with its item.
        if (/^\s*\d{1,2}$/.test(text.slice(start, i))) continue;
      }
      pushTrimmed(out, text, start, j);
      start = j;
      i = j - 1;
    }
  }
  pushTrimmed(out, text, start, to);
  return out;
}

/** The sentence containing `pos` (or the nearest before it). */
export function sentenceAt(sentences: readonly Span[], pos: number): Span | null {
  let lo = 0, hi = sentences.length - 1, best: Span | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (s.start <= pos) { best = s; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}
