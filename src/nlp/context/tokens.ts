/**
 * Tokens for the ConText matcher, read off the normalized view (`normalizeView`, lower case, same
 * length as the text) so token offsets are offsets into the document text.
 *
 * Word tokens join letters/digits across an internal "/" or "'" (s/p, h/o, r/o, w/o), then split
 * the clitics spaCy splits ("didn't" -> "did" + "n't", "mother's" -> "mother" + "'s") so a rule
 * can say `not|n't`. Every other non-space character is a one-character punctuation token, so
 * "1.No evidence" gives "1" "." "no" (ClarityNLP#84: list numbering glued to the trigger).
 * A newline that starts a new list item or a blank line is a BOUNDARY token: scopes never cross it.
 */

export const TokKind = { Word: 0, Num: 1, Punct: 2, Boundary: 3 } as const;
export type TokKind = (typeof TokKind)[keyof typeof TokKind];

export interface Tok {
  /** [start, end) in the document. */
  s: number;
  e: number;
  /** Token text (normalized); '\n' for a boundary. */
  t: string;
  kind: TokKind;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c > 127 && isLetterOrDigit(c));
}

/** Unicode letter or digit (non-ASCII only; called rarely). */
const UNICODE_ALNUM = /[\p{L}\p{N}]/u;
function isLetterOrDigit(c: number): boolean {
  return UNICODE_ALNUM.test(String.fromCharCode(c));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 160;
}

function isDigitRun(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return t.length > 0;
}

/**
 * After a newline (at `i`, the char after '\n'), does a new list item, or a blank line, start?
 * List markers: "-", "*", "+", "#" followed by a space; "12." or "3)" followed by a space or a letter.
 */
function startsNewItem(norm: string, i: number, end: number): boolean {
  while (i < end && (norm.charCodeAt(i) === 32 || norm.charCodeAt(i) === 9)) i++;
  if (i >= end) return true;
  const c = norm.charCodeAt(i);
  if (c === 10 || c === 13 || c === 12) return true;
  if ((c === 45 || c === 42 || c === 43 || c === 35) && i + 1 < end && isSpace(norm.charCodeAt(i + 1))) return true;
  let j = i;
  while (j < end && j - i < 3 && norm.charCodeAt(j) >= 48 && norm.charCodeAt(j) <= 57) j++;
  if (j > i && j < end && (norm.charCodeAt(j) === 46 || norm.charCodeAt(j) === 41)) {
    const n = norm.charCodeAt(j + 1);
    return j + 1 >= end || isSpace(n) || (n >= 97 && n <= 122);
  }
  return false;
}

/**
 * Does the line ending at the newline `i` hold a form's check boxes ("Other procedures same day?
 * [ ] SI joint  [ ] ESI  [X] None")? Its answer ends with it: "None" negates nothing on the next line.
 */
function endsOptionLine(norm: string, i: number): boolean {
  const from = Math.max(norm.lastIndexOf('\n', i - 1) + 1, i - 200);
  return CHECK_BOX_ANYWHERE.test(norm.slice(from, i));
}
const CHECK_BOX_ANYWHERE = /(?:^|\s)(?:\[\s?[x✓✔*]?\s?\]|\(\s?[x✓✔]\s?\))/;

function pushWord(out: Tok[], s: number, e: number, t: string): void {
  // Clitics: "n't" and "'s" become their own tokens (same offsets, split in place).
  if (t.length > 3 && t.endsWith("n't")) {
    out.push({ s, e: e - 3, t: t.slice(0, -3), kind: TokKind.Word });
    out.push({ s: e - 3, e, t: "n't", kind: TokKind.Word });
    return;
  }
  if (t.length > 2 && t.endsWith("'s")) {
    const stem = t.slice(0, -2);
    out.push({ s, e: e - 2, t: stem, kind: isDigitRun(stem) ? TokKind.Num : TokKind.Word });
    out.push({ s: e - 2, e, t: "'s", kind: TokKind.Word });
    return;
  }
  out.push({ s, e, t, kind: isDigitRun(t) ? TokKind.Num : TokKind.Word });
}

const CHECK_BOX = /^(?:\[\s?[x✓✔*]?\s?\]|\(\s?[x✓✔]?\s?\))/;

/** Tokenize `norm[start, end)`. */
export function tokenize(norm: string, start = 0, end = norm.length): Tok[] {
  const out: Tok[] = [];
  let i = start;
  while (i < end) {
    const c = norm.charCodeAt(i);
    if (c === 10 || c === 12) {
      if ((startsNewItem(norm, i + 1, end) || endsOptionLine(norm, i)) && out.length > 0 && out[out.length - 1]!.kind !== TokKind.Boundary) {
        out.push({ s: i, e: i + 1, t: '\n', kind: TokKind.Boundary });
      }
      i++;
      continue;
    }
    if (isSpace(c)) { i++; continue; }
    // A form's check box ("[X]", "[ ]", "(x)", "☒") is no word: "Acupuncture ... [ ] Tried  [X] Not
    // tried" reads as "Acupuncture: not tried" (the unchecked option is blanked before this).
    if (c === 91 || c === 40) {
      const box = CHECK_BOX.exec(norm.slice(i, Math.min(end, i + 5)));
      if (box) { i += box[0].length; continue; }
    } else if (c === 0x2612 || c === 0x2611 || c === 0x25a0 || c === 0x2610) { i++; continue; }
    if (isWordCode(c)) {
      let j = i + 1;
      for (;;) {
        while (j < end && isWordCode(norm.charCodeAt(j))) j++;
        const d = norm.charCodeAt(j);
        // Join across "/" or "'" only when a word character follows (s/p, h/o, patient's).
        if (j + 1 < end && (d === 47 || d === 39) && isWordCode(norm.charCodeAt(j + 1))) { j += 2; continue; }
        break;
      }
      pushWord(out, i, j, norm.slice(i, j));
      i = j;
      continue;
    }
    out.push({ s: i, e: i + 1, t: norm[i]!, kind: TokKind.Punct });
    i++;
  }
  return out;
}
