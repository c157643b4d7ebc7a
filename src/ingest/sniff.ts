/**
 * What a file is, decided by its bytes and never by its name: a faxed packet saved as `.txt` or a
 * PNG renamed `.pdf` must be read (or refused) for what it is.
 */
import { InputError } from '../errors/index.ts';

// The format is told by file-type (magic numbers of ~150 formats, Office containers opened to
// tell docx from zip); this table only says it in words and what the sender should do instead.
const KINDS: Record<string, string> = {
  png: 'a PNG image', jpg: 'a JPEG image', tif: 'a TIFF image', gif: 'a GIF image', bmp: 'a BMP image', webp: 'a WebP image',
  heic: 'a HEIC image', jp2: 'a JPEG 2000 image',
  zip: 'a ZIP archive (or a Word/Office document)', docx: 'a Word/Office document', xlsx: 'an Excel/Office document',
  pptx: 'a PowerPoint/Office document', odt: 'an OpenDocument file', cfb: 'a legacy Office document', doc: 'a legacy Office document',
  rtf: 'an RTF document', gz: 'a gzip archive', '7z': 'a 7-Zip archive', rar: 'a RAR archive', bz2: 'a bzip2 archive',
  xz: 'an xz archive', tar: 'a tar archive', elf: 'an executable', exe: 'an executable', ps: 'a PostScript file',
};

function hintFor(ext: string, mime: string): string {
  if (ext === 'tif') return 'convert it to PDF (e.g. img2pdf fax.tif -o fax.pdf)';
  if (mime.startsWith('image/')) return `wrap it in a PDF (e.g. img2pdf page.${ext} -o page.pdf)`;
  if (['gz', '7z', 'rar', 'bz2', 'xz', 'tar'].includes(ext)) return 'decompress it first';
  if (['zip', 'docx', 'xlsx', 'pptx', 'odt', 'cfb', 'doc'].includes(ext)) return 'export the note as PDF or plain text';
  if (ext === 'rtf') return 'save it as PDF or plain text';
  if (mime.startsWith('image/')) return 'send the document as PDF';
  return 'send the clinical document as PDF or text';
}

/** Formats file-type knows that are text mednec reads (a CDA or other XML note is text). */
const TEXT_FORMATS = new Set(['xml']);

let fileType: typeof import('file-type') | undefined;

/** Throws InputError MEDNEC_INPUT_UNSUPPORTED when the bytes are a known non-document format (not PDF, not text). */
export async function rejectKnownBinary(bytes: Uint8Array, name: string): Promise<void> {
  // Text that declares its encoding with a byte-order mark is text (file-type reads a UTF-16 BOM,
  // ff fe, as an MPEG audio frame sync); rejectUndecodableText judges it.
  if (hasByteOrderMark(bytes)) return;
  fileType ??= await import('file-type');
  const t = await fileType.fileTypeFromBuffer(bytes);
  if (!t || t.ext === 'pdf' || TEXT_FORMATS.has(t.ext)) return;
  const kind = KINDS[t.ext] ?? `a ${t.ext.toUpperCase()} file (${t.mime})`;
  throw new InputError('MEDNEC_INPUT_UNSUPPORTED', `${name} is ${kind}, not a PDF or a text note; ${hintFor(t.ext, t.mime)}`);
}

function hasByteOrderMark(b: Uint8Array): boolean {
  return (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)))
    || (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    || (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff);
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
