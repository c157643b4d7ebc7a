import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, test } from 'vitest';
import { readPdfText, textLayerReadable } from '../../src/ingest/pdf.ts';

const SCANNED = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'scanned');

/** A 1×1 PNG, standing in for a letterhead logo. */
const LOGO = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');

describe('image pages of a PDF', () => {
  test('a text-layer page is text, an image-only page is an image page', async () => {
    const r = await readPdfText(readFileSync(join(SCANNED, 'fax-mixed.pdf')));
    expect(r.imagePages).toEqual([2]);
    expect(r.pages[0]!.text).toContain('PRIOR AUTHORIZATION REQUEST');
    expect(r.pages[1]!.text.trim()).toBe('');
  });

  test('a scanned page under a fax-server header stamp is still an image page', async () => {
    const pdf = await PDFDocument.load(readFileSync(join(SCANNED, 'fax-mixed.pdf')));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.getPage(1).drawText('03/14/2024 09:13 FROM: LAKESIDE SPINE & PAIN TO: UTILIZATION REVIEW P. 2/2', { x: 20, y: 780, size: 8, font });
    const r = await readPdfText(await pdf.save());
    expect(r.pages[1]!.text).toContain('LAKESIDE SPINE');
    expect(r.imagePages).toEqual([2]);
  });

  test('a short text page with a small logo is a text page', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([612, 792]);
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    page.drawImage(await pdf.embedPng(LOGO), { x: 20, y: 720, width: 60, height: 60 });
    page.drawText('Addendum: patient reports 70% relief for 5 hours after the L4-5 block.', { x: 20, y: 600, size: 10, font });
    const r = await readPdfText(await pdf.save());
    expect(r.imagePages).toEqual([]);
    expect(r.pages[0]!.text).toContain('70% relief');
  });
});

describe('textLayerReadable', () => {
  test.each([
    ['ordinary note text', 'Bilateral L4-5 and L5-S1 medial branch blocks under fluoroscopy.', true],
    ['accented and symbol characters', 'Pain 7/10 — “worse” at night; T° 37.2 °C; ≥80% relief', true],
    ['glyph codes from a font without a Unicode map', '\uE021\uE04F\uE053 \uE011\uE04C\uE04C L4 \uE051\uE04F\uE052', false],
    ['replacement characters', 'M\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD\uFFFDp', false],
    ['a few stray glyph codes in real text', 'Facet loading positive \uE000 bilaterally, straight leg raise negative.', true],
  ])('%s → %s', (_n, text, readable) => {
    expect(textLayerReadable(text)).toBe(readable);
  });
});
