/**
 * PDF text layer per page through pdf-parse. Pages whose text layer is (nearly) empty are image
 * pages: they are returned empty and listed, and OCR fills them when an OCR engine is given.
 * So are scanned pages that carry only a short text stamp: fax servers and e-fax gateways write
 * their header line ("FAX 03/14/2024 09:13 FROM ... P. 2/5") as text over the scanned image, and
 * that line alone must not pass for the page's text.
 */
import { InputError, MednecError } from '../errors/index.ts';
import type { Page } from '../model/doc.ts';

/** Fewer non-space characters than this on a page means it is an image (scanned/faxed) page. */
export const MIN_TEXT_LAYER_CHARS = 20;

/** A page with a full-page image and fewer non-space characters than this is a stamped scan. */
export const MAX_STAMP_CHARS = 200;
/** An image of at least this many pixels is a page scan (a fax page is ~1728×2200), not a logo. */
export const MIN_SCAN_PIXELS = 1_000_000;

export interface PdfText { pages: Page[]; imagePages: number[] }

export async function readPdfText(bytes: Uint8Array, name = 'the PDF'): Promise<PdfText> {
  const { PDFParse } = await import('pdf-parse');
  // pdf.js transfers/detaches the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    const pages: Page[] = [];
    const imagePages: number[] = [];
    const stampCandidates: number[] = [];
    for (const p of result.pages) {
      const text = p.text ?? '';
      const chars = text.replace(/\s+/g, '').length;
      if (chars < MIN_TEXT_LAYER_CHARS || !textLayerReadable(text)) imagePages.push(p.num);
      else if (chars < MAX_STAMP_CHARS) stampCandidates.push(p.num);
      pages.push({ n: p.num, text, ocr: false });
    }
    if (stampCandidates.length > 0) {
      const scans = await pagesWithScan(parser, stampCandidates);
      imagePages.push(...stampCandidates.filter((n) => scans.has(n)));
      imagePages.sort((a, b) => a - b);
    }
    return { pages, imagePages };
  } catch (e) {
    throw classifyPdfError(e, bytes, name);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/**
 * Share of a text layer's visible characters that may be unreadable (private-use glyph codes,
 * U+FFFD, control characters) before the layer is distrusted and the page OCR'd instead. A PDF
 * whose fonts lack a Unicode map extracts as such codes: the page looks like text and is not.
 */
export const MAX_UNREADABLE_SHARE = 0.3;

/** Private-use code points, the replacement character and control characters other than white space. */
const UNREADABLE = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000E-\u001F\u007F]/gu;

export function textLayerReadable(text: string): boolean {
  const visible = text.replace(/\s+/g, '');
  if (visible.length === 0) return true;
  const bad = visible.match(UNREADABLE)?.length ?? 0;
  return bad / visible.length <= MAX_UNREADABLE_SHARE;
}

async function pagesWithScan(parser: { getImage: (p: object) => Promise<{ pages: { pageNumber: number; images: { width: number; height: number }[] }[] }> }, pages: number[]): Promise<Set<number>> {
  // Only the sizes are needed; no buffers or data URLs.
  const res = await parser.getImage({ partial: pages, imageBuffer: false, imageDataUrl: false, imageThreshold: 0 });
  return new Set(res.pages.filter((p) => p.images.some((i) => i.width * i.height >= MIN_SCAN_PIXELS)).map((p) => p.pageNumber));
}

function classifyPdfError(e: unknown, bytes: Uint8Array, name: string): MednecError {
  const errName = (e as { name?: string })?.name ?? '';
  const msg = String((e as { message?: string })?.message ?? e);
  if (errName === 'PasswordException' || /password/i.test(msg)) {
    return new InputError('MEDNEC_INPUT_ENCRYPTED', `${name}: the PDF is encrypted (password-protected); send an unprotected copy`, { cause: e });
  }
  // A transfer cut short (fax server, e-mail gateway) loses the end of the file: say so.
  if (!hasEofMarker(bytes)) {
    return new InputError('MEDNEC_INPUT_CORRUPT', `${name}: the PDF is truncated (no end-of-file marker); send the complete file`, { cause: e });
  }
  return new InputError('MEDNEC_INPUT_CORRUPT', `${name}: the PDF is damaged and cannot be parsed (${msg.split('\n')[0]!.slice(0, 120)})`, { cause: e });
}

/** `%%EOF` within the last 1 KB (readers tolerate trailing junk after it). */
function hasEofMarker(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1').includes('%%EOF');
}
