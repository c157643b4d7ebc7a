/**
 * What a file is, decided by its bytes and never by its name: a faxed packet saved as `.txt` or a
 * PNG renamed `.pdf` must be read (or refused) for what it is.
 */
import { InputError } from '../errors/index.ts';

interface Signature { magic: number[]; offset?: number; kind: string; hint: string }

/**
 * Common non-text formats that reach a review inbox, with what the sender should do instead. TIFF,
 * PNG and JPEG are documents (./image.ts) and never get here.
 */
const SIGNATURES: Signature[] = [
  { magic: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image', hint: 'send the document as PDF' },
  { magic: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (or a Word/Office document)', hint: 'export the note as PDF or plain text' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], kind: 'a legacy Office document', hint: 'export the note as PDF or plain text' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], kind: 'an RTF document', hint: 'save it as PDF or plain text' },
  { magic: [0x1f, 0x8b], kind: 'a gzip archive', hint: 'decompress it first' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], kind: 'an executable', hint: 'send the clinical document as PDF or text' },
];

/** Throws InputError MEDNEC_INPUT_UNSUPPORTED when the bytes are a known non-document format. */
export function rejectKnownBinary(bytes: Uint8Array, name: string): void {
  for (const s of SIGNATURES) {
    const at = s.offset ?? 0;
    if (bytes.length >= at + s.magic.length && s.magic.every((b, i) => bytes[at + i] === b)) {
      throw new InputError('MEDNEC_INPUT_UNSUPPORTED', `${name} is ${s.kind}, not a PDF or a text note; ${s.hint}`);
    }
  }
}

/**
 * Text in an encoding mednec does not decode (it reads UTF-8, UTF-16 with a byte-order mark and
 * Windows-1252/Latin-1). Caught here because the fallback decoder would otherwise turn it into
 * plausible-looking garbage, or reject it as "binary" with a misleading reason.
 */
export function rejectUndecodableText(bytes: Uint8Array, name: string): void {
  const b = bytes;
  if (b.length >= 4 && ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))) {
    throw new InputError('MEDNEC_INPUT_ENCODING', `${name} is UTF-32 text, which mednec does not read; re-save it as UTF-8`);
  }
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    if (b.length % 2 !== 0) {
      throw new InputError('MEDNEC_INPUT_ENCODING', `${name} claims UTF-16 (byte-order mark) but has an odd number of bytes; re-save it as UTF-8`);
    }
    return;
  }
  if (looksLikeUtf16WithoutBom(b)) {
    throw new InputError('MEDNEC_INPUT_ENCODING', `${name} looks like UTF-16 text without a byte-order mark; re-save it as UTF-8`);
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(3));
    } catch {
      throw new InputError('MEDNEC_INPUT_ENCODING', `${name} starts with a UTF-8 byte-order mark but is not valid UTF-8; re-save it as UTF-8`);
    }
  }
}

/** Latin text in UTF-16 has a zero in (nearly) every other byte and none in the other half. */
function looksLikeUtf16WithoutBom(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return false;
  let zeroEven = 0, zeroOdd = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) { if (i % 2 === 0) zeroEven++; else zeroOdd++; }
  const half = n / 2;
  return (zeroOdd > 0.7 * half && zeroEven < 0.05 * half) || (zeroEven > 0.7 * half && zeroOdd < 0.05 * half);
}
