/**
 * `mednec review` on input it cannot read: exit 2 and one stderr line naming the problem and its
 * code, never a stack trace, nothing on stdout. And OCR is on by default for scanned pages.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { findOcrTools } from '../../src/ingest/ocr.ts';
import { canMakeFaxImages, makeFaxImages } from '../helpers/fax-images.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'mednec-cli-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

interface Run { code: number; stdout: string; stderr: string }
function mednec(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'mednec.js'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

const textPdf = readFileSync(join(FIXTURES, 'scanned', 'fax-text.pdf'));

describe('mednec review on unreadable input', () => {
  test.concurrent.each([
    ['a missing file', () => join(dir, 'no-such-file.pdf'), [], 'MEDNEC_INPUT_MISSING'],
    ['a truncated PDF', () => file('cut.pdf', textPdf.subarray(0, 2000)), [], 'MEDNEC_INPUT_CORRUPT'],
    ['an encrypted PDF', () => join(FIXTURES, 'bad', 'encrypted.pdf'), [], 'MEDNEC_INPUT_ENCRYPTED'],
    ['a PNG cut short, named .pdf', () => file('scan.pdf', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), [], 'MEDNEC_INPUT_CORRUPT'],
    ['a GIF', () => file('scan.gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')), [], 'MEDNEC_INPUT_UNSUPPORTED'],
    ['a scanned PDF with --no-ocr', () => join(FIXTURES, 'scanned', 'fax-all-image.pdf'), ['--no-ocr'], 'MEDNEC_OCR_UNAVAILABLE'],
  ] as const)('%s exits 2 with one stderr line', async (_n, path, flags, code) => {
    const r = await mednec('review', path(), ...flags);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !/^npm warn/i.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^mednec: .+ \\[${code}\\]$`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});

const tools = findOcrTools();
if (!tools) console.warn('cli-input.test.ts: tesseract/pdftoppm not installed; the default-OCR test is skipped');

describe.skipIf(!tools)('mednec review on a mixed fax packet', () => {
  test('OCRs the image page by default and reports it in document.ocrPages', async () => {
    const r = await mednec('review', join(FIXTURES, 'scanned', 'fax-mixed.pdf'), '--format', 'json');
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout) as { document: { pages: number; ocrPages: number[]; emptyPages?: number[] } };
    expect(review.document.pages).toBe(2);
    expect(review.document.ocrPages).toEqual([2]);
    expect(review.document.emptyPages).toEqual([]);
  }, 180_000);
});

describe.skipIf(!tools || !canMakeFaxImages())('mednec review on a fax server\'s TIFF', () => {
  test('reads a two-page G4 TIFF page by page; a 200-page one exits 2 at once', async () => {
    const img = makeFaxImages();
    try {
      const r = await mednec('review', file('fax-0412.tif', img.g4), '--format', 'json');
      expect(r.code).toBe(0);
      const review = JSON.parse(r.stdout) as { document: { mediaType: string; pages: number; ocrPages: number[] }; facts: { type: string }[] };
      expect(review.document).toMatchObject({ mediaType: 'image/tiff', pages: 2, ocrPages: [1, 2] });
      expect(review.facts.map((f) => f.type)).toContain('requested_procedure');
      const big = await mednec('review', file('big.tif', img.pages200));
      expect(big.code).toBe(2);
      expect(big.stderr).toMatch(/200 pages to read by OCR is over the 100-page limit.*\[MEDNEC_INPUT_TOO_LARGE\]/);
    } finally {
      img.cleanup();
    }
  }, 180_000);
});
