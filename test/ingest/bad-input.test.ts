/**
 * Inputs a review inbox really receives that cannot be reviewed: each gives one InputError with its
 * catalogue code and a message saying what is wrong and what to send instead.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { InputError, type ErrorCode } from '../../src/errors/index.ts';
import { readSource } from '../../src/ingest/index.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const textPdf = readFileSync(join(FIXTURES, 'scanned', 'fax-text.pdf'));
const allImagePdf = readFileSync(join(FIXTURES, 'scanned', 'fax-all-image.pdf'));
const mixedPdf = readFileSync(join(FIXTURES, 'scanned', 'fax-mixed.pdf'));

async function zeroPagePdf(): Promise<Uint8Array> {
  return (await PDFDocument.create()).save({ addDefaultPage: false });
}

/** A real 1×1 PNG: signature, IHDR, IDAT, IEND (ImageMagick's, less its text chunks). */
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001010000000037' +
  '6ef9240000000a4944415408d76368000000820081dd436af40000000049454e44ae426082', 'hex');

const utf16NoBom = Buffer.from('Lumbar facet pain, L4-5 and L5-S1. No radicular symptoms.', 'utf16le');

const cases: [string, () => Promise<Uint8Array> | Uint8Array, string, ErrorCode, RegExp][] = [
  ['an empty file', () => new Uint8Array(0), 'note.txt', 'MEDNEC_INPUT_EMPTY', /empty/],
  ['a PDF with no pages', zeroPagePdf, 'packet.pdf', 'MEDNEC_INPUT_EMPTY', /no pages/],
  ['a PDF cut short in transfer', () => textPdf.subarray(0, Math.floor(textPdf.length / 2)), 'packet.pdf', 'MEDNEC_INPUT_CORRUPT', /truncated/],
  ['a PDF header followed by junk', () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x9c), Buffer.from('\n%%EOF\n')]), 'packet.pdf', 'MEDNEC_INPUT_CORRUPT', /damaged/],
  ['a password-protected PDF', () => readFileSync(join(FIXTURES, 'bad', 'encrypted.pdf')), 'packet.pdf', 'MEDNEC_INPUT_ENCRYPTED', /password/],
  ['binary junk', () => Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]), 'note.txt', 'MEDNEC_INPUT_UNSUPPORTED', /binary/],
  ['a 1×1 PNG named .pdf (read as the image it is)', () => PNG, 'scan.pdf', 'MEDNEC_INPUT_EMPTY', /scan\.pdf: the image is 1×1 pixels, too small to hold text/],
  ['a TIFF header with no image directory', () => Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(64)]), 'fax.pdf', 'MEDNEC_INPUT_CORRUPT', /TIFF image is damaged \(no image directory\)/],
  ['a Word document', () => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 0x41)]), 'note.docx', 'MEDNEC_INPUT_UNSUPPORTED', /Office/],
  ['a file over the size limit', () => Buffer.alloc(2048, 0x41), 'note.txt', 'MEDNEC_INPUT_TOO_LARGE', /2048 bytes is over the 1024-byte limit/],
  ['UTF-16 text without a byte-order mark', () => utf16NoBom, 'note.txt', 'MEDNEC_INPUT_ENCODING', /UTF-16.*without a byte-order mark/],
  ['UTF-32 text', () => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('L\0\0\x004\0\0\0', 'latin1')]), 'note.txt', 'MEDNEC_INPUT_ENCODING', /UTF-32/],
  ['UTF-16 with an odd byte count', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('pain', 'utf16le'), Buffer.from([0x41])]), 'note.txt', 'MEDNEC_INPUT_ENCODING', /odd number of bytes/],
  ['a UTF-8 byte-order mark on non-UTF-8 bytes', () => Buffer.from([0xef, 0xbb, 0xbf, 0x4c, 0x34, 0x96, 0x35]), 'note.txt', 'MEDNEC_INPUT_ENCODING', /not valid UTF-8/],
  ['a gzip archive', () => Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]), 'note.txt.gz', 'MEDNEC_INPUT_UNSUPPORTED', /gzip archive.*decompress/],
  ['a legacy Word document', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), 'note.doc', 'MEDNEC_INPUT_UNSUPPORTED', /legacy Office/],
  ['a WebP photo of a page', () => Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(40)]), 'page.pdf', 'MEDNEC_INPUT_UNSUPPORTED', /WebP image.*img2pdf/],
  ['a scanned PDF when OCR is not available', () => allImagePdf, 'fax.pdf', 'MEDNEC_OCR_UNAVAILABLE', /every page is a scanned image.*tesseract/],
];

describe('unreadable input', () => {
  test.each(cases)('%s gives one coded InputError', async (_n, bytes, name, code, message) => {
    const e = await readSource(await bytes(), name, { maxBytes: code === 'MEDNEC_INPUT_TOO_LARGE' ? 1024 : undefined })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe(code);
    expect((e as InputError).message).toMatch(message);
    expect((e as InputError).message).not.toContain('\n');
    expect((e as InputError).exitCode).toBe(2);
  });
});

describe('input decided by content, not by name', () => {
  test('a PDF named .txt is read as a PDF', async () => {
    const s = await readSource(textPdf, 'packet.txt');
    expect(s.mediaType).toBe('application/pdf');
    expect(s.pages).toHaveLength(2);
    expect(s.pages[0]!.text).toContain('PRIOR AUTHORIZATION REQUEST');
  });

  test('a PDF with only an owner password (print restrictions) opens', async () => {
    const s = await readSource(readFileSync(join(FIXTURES, 'bad', 'owner-password.pdf')), 'packet.pdf');
    expect(s.pages[1]!.text).toContain('medial branch blocks');
  });

  test('a mixed packet without OCR keeps its text page and reports the image page', async () => {
    const s = await readSource(mixedPdf, 'fax.pdf', { ocr: null });
    expect(s.pages[0]!.text).toContain('bilateral L4-5 and L5-S1 medial branch blocks');
    expect(s.emptyPages).toEqual([2]);
    expect(s.ocrPages).toEqual([]);
    expect(s.diagnostics).toEqual([expect.objectContaining({ code: 'PAGE_WITHOUT_TEXT', page: 2, severity: 'warning' })]);
  });

  test('UTF-16 with a byte-order mark is still read', async () => {
    const s = await readSource(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16NoBom]), 'note.txt');
    expect(s.pages[0]!.text).toBe('Lumbar facet pain, L4-5 and L5-S1. No radicular symptoms.');
  });
});

describe('deferred OCR (the queue OCRs in a later stage)', () => {
  test('an all-image PDF is accepted with every page listed for OCR', async () => {
    const s = await readSource(allImagePdf, 'fax.pdf', { ocr: null, deferOcr: true });
    expect(s.emptyPages).toEqual([1, 2]);
    expect(s.ocrPages).toEqual([]);
  });

  test('a broken PDF is still refused at once', async () => {
    await expect(readSource(textPdf.subarray(0, 1500), 'fax.pdf', { ocr: null, deferOcr: true }))
      .rejects.toSatisfy((e: unknown) => e instanceof InputError && e.code === 'MEDNEC_INPUT_CORRUPT');
  });
});
