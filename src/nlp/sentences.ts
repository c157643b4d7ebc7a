/**
 * Clinical sentence splitter. Works on the normalized view; returns spans into Doc.text.
 * - '.', '?', '!' end a sentence when followed by white space and an upper-case letter, a digit,
 *   a bullet or the end, unless the word before is a no-split abbreviation ("Dr.", "vs.", "e.g.")
 *   or a single letter inside an abbreviation ("q.d.", "b.i.d." never split: the next char is a letter).
 *   "300 mg. Pt" splits; "SLR neg. bilat." does not (lower-case continuation).
 * - A blank line, a page break and a section header always end a sentence.
 * - A single line break ends a sentence when the line before ends with punctuation or is short
 *   (a header, a list line, a form field), or the next line starts a list item or a field label;
 *   otherwise it is a wrapped line (faxed notes wrap mid-sentence) and the sentence goes on.
 *   A line ending in a word hyphenated at the line end ("seda-" + "tion") always goes on.
 */
import type { Doc, Span } from '../model/doc.ts';
import type { Section, Sentence } from './types.ts';

/** Abbreviations after which a period does not end a sentence even before a capital. */
const NO_SPLIT = new Set([
  'dr', 'mr', 'mrs', 'ms', 'st', 'vs', 'v', 'e.g', 'i.e', 'eg', 'ie', 'approx', 'aprox', 'apprx', 'appt', 'fig', 'no', 'nos',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'etc.,',
  'pt', 'pts', 'hx', 'h/o', 's/p', 'bilat', 'neg', 'pos', 'rt', 'lt', 'yo', 'y.o', 'prof', 'sr', 'jr',
]);

/** Below this length a line that ends in a line break is a header, field or list line. */
const SHORT_LINE = 48;
/** Words a sentence does not end with: a line that stops on one goes on on the next line. */
const DANGLING_END = /(?:^|\s)(?:until|till|to|of|and|or|the|a|an|with|for|at|in|on|by|from|about|than|after|before|since|into|over|between|as|but|was|were|is|are|had|has|have|been)$/i;

const LIST_START = /^[ \t]*(?:[-*•>]|#\s?\d{1,2}\b|\d{1,2}[.)](?!\d)|[a-h][.)][ \t]|\(?[ivx]{1,4}\)[ \t]|q\d{1,2}[.):][ \t])/;
/** A field label: "Levels:", and a label with a dot leader ("Requested DOS ...... 03/03/2025"). */
const FIELD_START = /^[ \t]*[a-z][a-z /&'()#-]{0,40}(?::|[ \t]?\.{3,})/;
/** A line in columns: three cells or more parted by runs of three spaces or a tab. */
const TABLE_ROW = /\S(?: {3,}|\t)\S.*\S(?: {3,}|\t)\S/;
/** A date in a row: 10/28/2024, 2024-10-28, 10/2024. */
const ROW_DATE = /(?<![\d/])(?:\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{4})(?![\d/])/;
/** A line that gives a form's answer: "> Yes", "Answer: No", "A: 8 months". */
const ANSWER_START = /^[ \t]*(?:>|answer\s*:|a\s*:|response\s*:)/;

function lineEndAt(norm: string, from: number, end: number): number {
  const n = norm.indexOf('\n', from);
  return n < 0 || n > end ? end : n;
}

export function splitSentences(doc: Doc, sections: Section[]): Sentence[] {
  const out: Sentence[] = [];
  for (const sec of sections) {
    if (sec.title) out.push({ start: sec.title.start, end: sec.title.end, section: sec.category });
    for (const s of splitRange(doc.text, doc.norm, sec.body)) out.push({ ...s, section: sec.category });
  }
  return out;
}

/** Split `range` of a text (with its same-length normalized view) into sentence spans. */
export function splitRange(text: string, norm: string, range: Span): Span[] {
  const spans: Span[] = [];
  let start = range.start;
  const push = (end: number, next: number = end) => {
    let s = start, e = end;
    while (s < e && /\s/.test(norm[s]!)) s++;
    while (e > s && /\s/.test(norm[e - 1]!)) e--;
    if (e > s && /[a-z0-9]/.test(norm.slice(s, e))) spans.push({ start: s, end: e });
    start = next;
  };
  for (let i = range.start; i < range.end; i++) {
    const c = norm[i]!;
    if (c === '\f') { push(i, i + 1); continue; }
    if (c === '\n') {
      let j = i + 1;
      while (j < range.end && (norm[j] === ' ' || norm[j] === '\t')) j++;
      if (j >= range.end || norm[j] === '\n' || norm[j] === '\f') { push(i); continue; }
      const lineStart = Math.max(norm.lastIndexOf('\n', i - 1) + 1, range.start);
      const prevLine = norm.slice(lineStart, i).trimEnd();
      const nextLineEnd = norm.indexOf('\n', j);
      const nextLine = norm.slice(j, nextLineEnd < 0 ? range.end : Math.min(nextLineEnd, range.end));
      // A word hyphenated at the line end ("radi-\nating") continues on the next line.
      if (/[a-z]{2}-$/.test(prevLine) && /[a-z]/.test(text[j] ?? '')) continue;
      // A form's question and its answer marked on the next line ("Q8. Were two blocks done? Dates and
      // relief:\n     > Yes. 11/05/2024 90%; 12/03/2024 85%") are one statement.
      if (/[?:]$/.test(prevLine) && ANSWER_START.test(nextLine)) continue;
      // A narrative line that ends by announcing what follows ("...two diagnostic medial branch blocks at
      // bilateral L4-5 in early 2025:\n03/04/2025 with lidocaine ...") goes on into it.
      if (/:$/.test(prevLine) && prevLine.trim().length >= SHORT_LINE && /^[ \t]*(?:\d{1,2}\/\d{1,2}\/\d{2,4}|[a-z])/.test(nextLine) &&
          !/^[ \t]*[A-Z]/.test(text.slice(j, j + 2)) && !LIST_START.test(nextLine) && !FIELD_START.test(nextLine)) continue;
            // Rows of a dated log laid out in columns ("MSK-2024-0188203   64493-50   Approved   10/28/2024") are one
      // row each; a row without its own date may be a wrapped cell of the row above ("no" / "sedation").
      if (TABLE_ROW.test(prevLine) && TABLE_ROW.test(nextLine) && ROW_DATE.test(prevLine) && ROW_DATE.test(nextLine)) { push(i); continue; }
      // A long narrative line wrapped mid-phrase before a lower-case word and a colon ("... and the left
      // L5\ndorsal ramus: 03/05/2024 with 90% relief ...") goes on: a form's label starts in capitals.
      const wrappedPhrase = FIELD_START.test(nextLine) && /[a-z]/.test(text[j] ?? '') && prevLine.trim().length >= 60 && /[a-z0-9,]$/i.test(prevLine) && !LIST_START.test(nextLine);
      // A short line that stops on a word no sentence ends with ("visit; benefit held until\n   mid-January")
      // is wrapped, not ended.
      // (The whole line counts: "Subjective: The June 17 injection (about nine weeks ago)" is not short
      // because its heading opens another section.)
      const wholeLine = norm.slice(norm.lastIndexOf('\n', i - 1) + 1, i).trim();
      const short = wholeLine.length < SHORT_LINE && !(DANGLING_END.test(prevLine) && /^[ \t]*[a-zA-Z0-9(]/.test(text.slice(j, j + 2)));
      if (/[.:;!?]$/.test(prevLine) || short || LIST_START.test(nextLine) || (FIELD_START.test(nextLine) && !wrappedPhrase)) {
        push(i);
      }
      continue;
    }
    if (c !== '.' && c !== '?' && c !== '!') continue;
    // A run of dots is a form's leader ("Prior epidural injections ......... None") or an ellipsis: no end.
    if (c === '.' && norm[i - 1] === '.') continue;
    // A closing quote ends the sentence with it: '... only for a few hours." The first block ...'.
    let close = i + 1;
    while (close < range.end && /["'\u201d\u2019]/.test(text[close]!)) close++;
    const after = norm[close];
    if (after !== ' ' && after !== '\t') continue;
    let j = close;
    while (j < range.end && (norm[j] === ' ' || norm[j] === '\t')) j++;
    if (j >= range.end || norm[j] === '\n') continue; // the line-break rule decides
    const nextCh = text[j]!;
    const startsUnit = /[A-Z0-9*\-•(\[]/.test(nextCh);
    // Clinical shorthand often starts a sentence in lower case ("Denies N/T in LEs. h/o L5-S1
    // microdiscectomy"): split there too, after a real word that is not an abbreviation.
    if (!startsUnit) {
      if (c !== '.' || !/[a-z]/.test(nextCh)) continue;
      const ws = Math.max(norm.lastIndexOf(' ', i - 1), norm.lastIndexOf('\n', i - 1), range.start - 1) + 1;
      const w = norm.slice(ws, i);
      if (w.length < 3 || NO_SPLIT.has(w) || /\./.test(w) || !/^[a-z)'"]+$/.test(w.replace(/\)$/, '')) || /^(mg|mcg|ml|cc|cm|mm|hrs?|min|wks?|yrs?|mos?|approx|aprox|apprx|vs|etc|bid|tid|qid|prn|hs|qd|po|iv|im|sq)$/.test(w)) continue;
    }
    // "Q8. Were ...?", a compound prompt "...ablation? Dates and relief:" and an answer "> Yes. 11/05/2024 ..."
    // stay one statement.
    if (c === '?' && /^[^\n?]{1,60}:[ \t]*$/.test(norm.slice(i + 1, lineEndAt(norm, i + 1, range.end)))) continue;
    if (c === '.' && /^[ \t]*(?:>|answer\s*:|a\s*:)\s*(?:yes|no)$/.test(norm.slice(Math.max(norm.lastIndexOf('\n', i - 1) + 1, range.start), i))) continue;
    if (c === '.' && /(?:^|\s)q\d{1,2}$/.test(norm.slice(Math.max(range.start, i - 4), i))) continue;
    if (c === '.') {
      const wordStart = Math.max(norm.lastIndexOf(' ', i - 1), norm.lastIndexOf('\n', i - 1), norm.lastIndexOf('(', i - 1), range.start - 1) + 1;
      const word = norm.slice(wordStart, i);
      if (NO_SPLIT.has(word)) continue;
      // A single letter after another "x." is inside an abbreviation such as "b.i.d." or "p.r.n.".
      if (/^[a-z]$/.test(word) && wordStart >= 2 && norm[wordStart - 1] === '.' ) continue;
      if (/^[a-z]$/.test(word) && /^[A-Z]$/.test(text[wordStart]!)) continue; // initials: "J. Smith"
    }
    push(close);
  }
  push(range.end);
  return spans;
}
