/**
 * Ingest: bytes → Source { id: sha256, pages[] }. Page text is frozen from here on.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../errors/index.ts';
import type { Page, Source } from '../model/doc.ts';
import type { Diagnostic } from '../schema/review.ts';
import { IMAGE_MEDIA_TYPES, imageKind, imageToPdf, MIN_IMAGE_SIDE, readImageInfo } from './image.ts';
import type { OcrWord } from './ocr.ts';
import { repairOcrText } from './ocr-repair.ts';
import { readPdfText } from './pdf.ts';
import { rejectKnownBinary, rejectUndecodableText } from './sniff.ts';
import { decodeText, splitPages } from './text.ts';

/** Default size limit: a 20-page fax is ~4 MB; 50 MB leaves room for large scanned packets. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** OCR engine: page numbers (1-based) of image pages → their text. */
export interface OcrEngine {
  recognize(pdf: Uint8Array, pages: number[]): Promise<Map<number, string>>;
  /** Optional: the text with the mean word confidence (0–100) of each page. */
  recognizePages?(pdf: Uint8Array, pages: number[]): Promise<Map<number, OcrPageResult>>;
}
export interface OcrPageResult {
  text: string;
  confidence?: number;
  /** Clockwise degrees the page image was turned before it read (an upside-down or sideways fax). */
  rotated?: number;
  /** The words of `text` with their offsets, confidences and boxes (engines that give them). */
  words?: OcrWord[];
}

/**
 * Below this mean word confidence an OCR'd page gets a warning: on the fax fixtures a readable
 * page scores 85–95, and pages under ~75 had whole lines misread.
 */
export const OCR_LOW_CONFIDENCE = 75;

export interface IngestOptions {
  maxBytes?: number;
  /** OCR for image-only PDF pages; without it such pages are reported in `emptyPages`. */
  ocr?: OcrEngine | null;
  /**
   * Ingest now, OCR in a later step (the queue's `ocr` stage re-reads with an engine): image pages
   * are listed in `emptyPages` and a document that is all images is not refused yet.
   */
  deferOcr?: boolean;
  /**
   * Most pages one document may send to OCR (default DEFAULT_MAX_OCR_PAGES): OCR costs ~3 s of CPU
   * a page, so a 200-page fax is refused at once with a clear error instead of holding a worker.
   */
  maxOcrPages?: number;
}

/** Default page limit for OCR: 100 pages is ~5 min of CPU, past any single UR packet seen. */
export const DEFAULT_MAX_OCR_PAGES = 100;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isPdf(bytes: Uint8Array): boolean {
  // The header may be preceded by junk (up to 1024 bytes is tolerated by readers).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export async function readSourceFile(path: string, opts: IngestOptions = {}): Promise<Source> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new InputError('MEDNEC_INPUT_MISSING', `${basename(path)}: not a regular file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('MEDNEC_INPUT_MISSING', `${basename(path)}: no such file or not readable`, { cause: e });
  }
  if (size > max) {
    throw new InputError('MEDNEC_INPUT_TOO_LARGE', `${basename(path)}: ${size} bytes is over the ${max}-byte limit`);
  }
  const bytes = await readFile(path);
  return readSource(bytes, basename(path), opts);
}

export async function readSource(bytes: Uint8Array, name: string, opts: IngestOptions = {}): Promise<Source> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new InputError('MEDNEC_INPUT_EMPTY', `${name}: the file is empty`);
  if (bytes.length > max) {
    throw new InputError('MEDNEC_INPUT_TOO_LARGE', `${name}: ${bytes.length} bytes is over the ${max}-byte limit`);
  }
  const id = sha256(bytes);
  const diagnostics: Diagnostic[] = [];
  const kind = imageKind(bytes);
  if (kind) {
    // A fax server's TIFF, or a scan saved as PNG/JPEG: every page is an image page.
    const info = readImageInfo(bytes, name);
    const n = info.pages.length;
    checkOcrPages(n, name, opts);
    const tiny = info.pages.findIndex((p) => p.width < MIN_IMAGE_SIDE || p.height < MIN_IMAGE_SIDE);
    if (tiny >= 0) {
      const p = info.pages[tiny]!;
      throw new InputError('MEDNEC_INPUT_EMPTY', `${name}: ${n > 1 ? `page ${tiny + 1} of ` : ''}the image is ${p.width}×${p.height} pixels, too small to hold text`);
    }
    const mediaType = IMAGE_MEDIA_TYPES[kind];
    const pages: Page[] = info.pages.map((_, i) => ({ n: i + 1, text: '', ocr: false }));
    const all = pages.map((p) => p.n);
    if (opts.deferOcr && !opts.ocr) return { id, name, mediaType, pages, ocrPages: [], emptyPages: all, diagnostics };
    if (!opts.ocr) {
      throw new InputError('MEDNEC_OCR_UNAVAILABLE', `${name} is a scanned image and OCR is not available; ` +
        'install tesseract-ocr, poppler-utils and img2pdf (bash scripts/install-system-deps.sh) and do not pass --no-ocr');
    }
    const pdf = await imageToPdf(bytes, info, name);
    return ocrImagePages(id, name, mediaType, pdf, pages, all, opts.ocr, diagnostics, 'image');
  }
  if (isPdf(bytes)) {
    const { pages, imagePages } = await readPdfText(bytes, name);
    if (pages.length === 0) throw new InputError('MEDNEC_INPUT_EMPTY', `${name}: the PDF has no pages`);
    if (opts.deferOcr && !opts.ocr && imagePages.length > 0) {
      checkOcrPages(imagePages.length, name, opts);
      return { id, name, mediaType: 'application/pdf', pages, ocrPages: [], emptyPages: imagePages, diagnostics };
    }
    if (imagePages.length === pages.length && !opts.ocr) {
      throw new InputError('MEDNEC_OCR_UNAVAILABLE', `${name}: every page is a scanned image and OCR is not available; ` +
        'install tesseract-ocr and poppler-utils (bash scripts/install-system-deps.sh) and do not pass --no-ocr');
    }
    if (!opts.ocr || imagePages.length === 0) {
      for (const n of imagePages) {
        diagnostics.push({ code: 'PAGE_WITHOUT_TEXT', severity: 'warning', page: n, message: `page ${n} is a scanned image; OCR was not run` });
      }
      if (pages.every((p: Page) => p.text.trim() === '')) throw new InputError('MEDNEC_INPUT_EMPTY', `${name}: the PDF has no readable text on any page`);
      return { id, name, mediaType: 'application/pdf', pages, ocrPages: [], emptyPages: imagePages, diagnostics };
    }
    checkOcrPages(imagePages.length, name, opts);
    return ocrImagePages(id, name, 'application/pdf', bytes, pages, imagePages, opts.ocr, diagnostics, 'PDF');
  }
  await rejectKnownBinary(bytes, name);
  rejectUndecodableText(bytes, name);
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new InputError('MEDNEC_INPUT_EMPTY', `${name}: the file has no text`);
  return { id, name, mediaType: 'text/plain', encoding, pages: splitPages(text), ocrPages: [], emptyPages: [], diagnostics };
}

function checkOcrPages(count: number, name: string, opts: IngestOptions): void {
  const max = opts.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES;
  if (count > max) {
    throw new InputError('MEDNEC_INPUT_TOO_LARGE', `${name}: ${count} pages to read by OCR is over the ${max}-page limit ` +
      '(OCR takes about 3 s of CPU a page); split the packet and send the parts');
  }
}

/** OCR of the image pages of a PDF (the document's own, or one wrapping an image file). */
async function ocrImagePages(id: string, name: string, mediaType: string, pdf: Uint8Array, pages: Page[], imagePages: number[],
  ocr: OcrEngine, diagnostics: Diagnostic[], what: 'PDF' | 'image'): Promise<Source> {
  const results: Map<number, OcrPageResult> = ocr.recognizePages
    ? await ocr.recognizePages(pdf, imagePages)
    : new Map([...(await ocr.recognize(pdf, imagePages))].map(([n, text]) => [n, { text }]));
  const ocrPages: number[] = [];
  for (const n of imagePages) {
    const r = results.get(n);
    if (r === undefined) continue;
    // The OCR text, with digit/letter confusions repaired inside level, code, percentage,
    // score and date shapes (same length; ./ocr-repair.ts), is the page text from here on:
    // evidence offsets refer to it.
    const text = repairOcrText(r.text);
    pages[n - 1] = { n, text, ocr: true };
    // The repair keeps the length, so the words' offsets still hold.
    if (r.words && text.length === r.text.length) pages[n - 1]!.words = r.words;
    if (r.rotated) pages[n - 1]!.rotated = r.rotated;
    ocrPages.push(n);
    if (r.confidence !== undefined && r.text.trim() !== '') {
      const low = r.confidence < OCR_LOW_CONFIDENCE;
      diagnostics.push({ code: low ? 'OCR_LOW_CONFIDENCE' : 'OCR_PAGE', severity: low ? 'warning' : 'info', page: n,
        message: `page ${n} was read by OCR (mean word confidence ${Math.round(r.confidence)}%` +
          (r.rotated ? `, after turning it ${r.rotated}° clockwise` : '') + ')' +
          (low ? ': check quotes from this page against the image' : '') });
    }
  }
  const emptyPages = imagePages.filter((n) => !ocrPages.includes(n) || pages[n - 1]!.text.trim() === '');
  for (const n of emptyPages) {
    diagnostics.push({ code: 'PAGE_WITHOUT_TEXT', severity: 'warning', page: n, message: `page ${n} has no text after OCR` });
  }
  if (pages.every((p: Page) => p.text.trim() === '')) {
    throw new InputError('MEDNEC_INPUT_EMPTY', `${name}: the ${what} has no readable text on any page${ocrPages.length ? ' (even after OCR)' : ''}`);
  }
  return { id, name, mediaType, pages, ocrPages, emptyPages, diagnostics };
}
