/**
 * Fax intake as fax servers deliver it: multi-page TIFF (G3/G4), PNG and JPEG read page by page by
 * OCR like an image-only PDF, and the bad inputs a fax inbox gets (200 pages, a damaged file, an
 * all-black page, a 1×1 image) each a clear error or an empty-page diagnostic. Fixtures are made
 * at test time (test/helpers/fax-images.ts); OCR of all of them costs ~8 s of CPU.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors/index.ts';
import { PDFDocument } from 'pdf-lib';
import { imageToPdf, pageDpi, readImageInfo } from '../../src/ingest/image.ts';
import { readSource } from '../../src/ingest/index.ts';
import { defaultOcrEngine, findOcrTools } from '../../src/ingest/ocr.ts';
import { canMakeFaxImages, makeFaxImages, type FaxImages } from '../helpers/fax-images.ts';

const canRun = canMakeFaxImages();
const ocr = defaultOcrEngine({ concurrency: 2 });

async function inputError(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  expect((e as InputError).message).not.toContain('\n');
  return e as InputError;
}

describe.skipIf(!canRun)('image headers', () => {
  let img: FaxImages;
  beforeAll(() => { img = makeFaxImages(); });
  afterAll(() => img?.cleanup());

  test('a multi-page G4 TIFF: pages, sizes, resolution, compression', () => {
    const info = readImageInfo(img.g4, 'fax.tif');
    expect(info.kind).toBe('tiff');
    expect(info.pages).toHaveLength(2);
    expect(info.pages[0]).toMatchObject({ width: expect.any(Number), dpiX: 200, dpiY: 200, compression: 4 });
  });

  test('a standard-mode G3 TIFF is 200×100 dpi', () => {
    const info = readImageInfo(img.g3Standard, 'fax.tif');
    expect(info.pages[0]).toMatchObject({ dpiX: 200, dpiY: 100, compression: 3 });
    expect(pageDpi(info.pages[0]!)).toEqual({ x: 200, y: 100 });
  });

  test('a TIFF mixing fine and standard-mode pages is laid out page by page at each one\'s resolution', async () => {
    const info = readImageInfo(img.mixedModes, 'packet.tif');
    expect(info.pages.map((p) => [p.dpiX, p.dpiY])).toEqual([[200, 200], [200, 100]]);
    expect(info.pages[1]!.height * 2).toBeCloseTo(info.pages[0]!.height, -1);
    const pdf = await PDFDocument.load(await imageToPdf(img.mixedModes, info, 'packet.tif'));
    const [a, b] = pdf.getPages().map((p) => p.getSize());
    // Both pages ~8.5 in wide and ~3.9 in tall (the fixture's crop, grown by its skew): the standard page is not squashed.
    expect(b!.width).toBeCloseTo(a!.width, 0);
    expect(b!.height).toBeCloseTo(a!.height, 0);
    expect(a!.height / 72).toBeGreaterThan(3.7);
    expect(a!.height / 72).toBeLessThan(4);
  });

  test('PNG (pHYs) and JPEG (JFIF) resolutions', () => {
    const png = readImageInfo(img.png, 'scan.png').pages[0]!;
    expect(pageDpi(png).x).toBeCloseTo(200, 0);
    expect(readImageInfo(img.jpeg, 'scan.jpg')).toMatchObject({ kind: 'jpeg', pages: [{ dpiX: 200, dpiY: 200 }] });
  });

  test('a page without a resolution is laid out as Letter width; a short one as a standard-mode fax', () => {
    expect(pageDpi({ width: 1728, height: 2200 })).toEqual({ x: 203.3, y: 203.3 });
    expect(pageDpi({ width: 1728, height: 1100 })).toEqual({ x: 203.3, y: 100 });
    // A TIFF with resolution but no unit (ResolutionUnit 1): the x:y ratio holds.
    expect(pageDpi({ width: 1728, height: 1100, dpiX: -204, dpiY: -98 })).toEqual({ x: 203.3, y: 97.7 });
  });

  test('a TIFF cut short before its directory, or with no directory, is damaged', async () => {
    const e = await inputError(readSource(img.truncated, 'fax.tif', { ocr: null }));
    expect(e.code).toBe('MEDNEC_INPUT_CORRUPT');
    expect(e.message).toMatch(/^fax\.tif: the TIFF image is damaged \(.+\); send the complete file$/);
  });

  test('a 200-page TIFF is refused at once, before any conversion or OCR', async () => {
    expect(readImageInfo(img.pages200, 'big.tif').pages).toHaveLength(200);
    const t0 = performance.now();
    const e = await inputError(readSource(img.pages200, 'big.tif', { ocr }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.code).toBe('MEDNEC_INPUT_TOO_LARGE');
    expect(e.message).toBe('big.tif: 200 pages to read by OCR is over the 100-page limit (OCR takes about 3 s of CPU a page); split the packet and send the parts');
    // The queue's ingest stage (OCR deferred) refuses it too.
    expect((await inputError(readSource(img.pages200, 'big.tif', { ocr: null, deferOcr: true }))).code).toBe('MEDNEC_INPUT_TOO_LARGE');
  });

  test('without OCR an image is refused with what to install; with OCR deferred its pages wait for it', async () => {
    expect((await inputError(readSource(img.g4, 'fax.tif', { ocr: null }))).code).toBe('MEDNEC_OCR_UNAVAILABLE');
    const s = await readSource(img.g4, 'fax.tif', { ocr: null, deferOcr: true });
    expect(s).toMatchObject({ mediaType: 'image/tiff', emptyPages: [1, 2], ocrPages: [] });
    expect(s.pages.map((p) => p.text)).toEqual(['', '']);
  });
});

describe.skipIf(!canRun || !findOcrTools())('images read by OCR', () => {
  let img: FaxImages;
  beforeAll(() => { img = makeFaxImages(); });
  afterAll(() => img?.cleanup());

  test('a two-page G4 TIFF is read page by page', async () => {
    const s = await readSource(img.g4, 'fax.tif', { ocr });
    expect(s.mediaType).toBe('image/tiff');
    expect(s.ocrPages).toEqual([1, 2]);
    expect(s.pages[0]!.text).toMatch(/PRIOR AUTHORIZATION REQUEST/);
    expect(s.pages[0]!.text).toMatch(/64493/);
    expect(s.pages[1]!.text).toMatch(/OFFICE VISIT/);
    expect(s.diagnostics.map((d) => d.code)).toEqual(['OCR_PAGE', 'OCR_PAGE']);
  }, 60_000);

  test('a standard-mode (200×100) G3 TIFF, a PNG and a JPEG', async () => {
    for (const [bytes, name, type] of [[img.g3Standard, 'fax.tif', 'image/tiff'], [img.png, 'scan.png', 'image/png'], [img.jpeg, 'scan.jpg', 'image/jpeg']] as const) {
      const s = await readSource(bytes, name, { ocr });
      expect(s.mediaType).toBe(type);
      expect(s.ocrPages).toEqual([1]);
      expect(s.pages[0]!.text).toMatch(/AUTHORIZATION/);
      expect(s.pages[0]!.text).toMatch(/Whitcomb/);
    }
  }, 90_000);

  test('an all-black page is an empty page beside a readable one, and alone a clear error', async () => {
    const s = await readSource(img.blackThenText, 'fax.tif', { ocr });
    expect(s.emptyPages).toEqual([1]);
    expect(s.diagnostics).toContainEqual(expect.objectContaining({ code: 'PAGE_WITHOUT_TEXT', page: 1, message: 'page 1 has no text after OCR' }));
    expect(s.pages[1]!.text).toMatch(/AUTHORIZATION/);
    const e = await inputError(readSource(img.black, 'black.tif', { ocr }));
    expect(e.code).toBe('MEDNEC_INPUT_EMPTY');
    expect(e.message).toMatch(/black\.tif: the image has no readable text on any page/);
  }, 60_000);

  test('a page whose image data is junk gives an empty page, and the others are read', async () => {
    const s = await readSource(img.junkData, 'fax.tif', { ocr });
    expect(s.emptyPages).toContain(1);
    expect(s.pages[1]!.text).toMatch(/OFFICE VISIT/);
  }, 60_000);
});
