/**
 * Text notes: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, Windows-1252/Latin-1 fallback.
 * CRLF and CR are kept in the page text (evidence offsets refer to the decoded text as is);
 * a form feed starts a new page.
 */
import { InputError } from '../errors/index.ts';
import type { Page } from '../model/doc.ts';

export interface DecodedText { text: string; encoding: string }

/** Share of control characters (other than tab, CR, LF, FF) above which bytes are not text. */
const MAX_CONTROL_SHARE = 0.02;

export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control / n > MAX_CONTROL_SHARE;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  if (looksBinary(bytes)) {
    throw new InputError('MEDNEC_INPUT_UNSUPPORTED', 'not a text file: the bytes are binary (and not a PDF)');
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: faxed/exported notes from Windows systems are Windows-1252 (a superset of Latin-1).
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252 0x80–0x9F (Node's decoder treats the label as ISO-8859-1 and keeps C1 controls). */
const CP1252_HIGH = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  }
  return s;
}

export function splitPages(text: string): Page[] {
  return text.split('\f').map((t, i) => ({ n: i + 1, text: t, ocr: false }));
}
