/**
 * OCR confidence on facts: evidence spans on OCR'd pages carry the lowest confidence of their
 * words; a fact that decides a criterion or flag and rests on a low-confidence word is marked
 * "verify against the image" in the review JSON and in both reports.
 */
import { describe, expect, test } from 'vitest';
import { readSource } from '../../src/ingest/index.ts';
import { defaultOcrEngine, findOcrTools } from '../../src/ingest/ocr.ts';
import type { Source } from '../../src/model/doc.ts';
import { LOW_WORD_CONFIDENCE, spanConfidence, withOcrConfidence } from '../../src/pipeline/ocr-confidence.ts';
import { reviewSource } from '../../src/pipeline/review.ts';
import { renderReport } from '../../src/report/index.ts';
import { ReviewOutputSchema, type Fact } from '../../src/schema/review.ts';
import { canMakeFaxImages, makeFaxImages } from '../helpers/fax-images.ts';

const text = 'Plan: bilateral L4-5 medial branch block';
/** Words of `text` with confidences: "medial" read at 41%. */
function ocrSource(conf = [96, 93, 90, 41, 91, 95]): Source {
  const words: NonNullable<Source['pages'][0]['words']> = [];
  let at = 0;
  text.split(' ').forEach((w, i) => {
    words.push({ start: at, end: at + w.length, conf: conf[i]!, box: [0.1 * i, 0.1, 0.1 * i + 0.08, 0.12] });
    at += w.length + 1;
  });
  return { id: 'a'.repeat(64), name: 'fax.tif', mediaType: 'image/tiff', pages: [{ n: 1, text, ocr: true, words }], ocrPages: [1], emptyPages: [], diagnostics: [] };
}

const fact = (id: string, start: number, end: number): Fact => ({
  id, type: 'requested_procedure', assertion: 'present', attributes: {}, evidence: [{ page: 1, start, end, text: text.slice(start, end) }],
});

describe('confidence of an evidence span', () => {
  test('is the lowest confidence of the words it overlaps', () => {
    const s = ocrSource();
    expect(spanConfidence(s.pages[0]!, 6, 15)).toBe(93); // "bilateral"
    expect(spanConfidence(s.pages[0]!, 6, 27)).toBe(41); // "bilateral L4-5 medial"
    expect(spanConfidence(s.pages[0]!, 22, 23)).toBe(41); // inside a word
    expect(spanConfidence({ n: 1, text, ocr: false }, 0, 4)).toBeNull();
  });

  test('a deciding fact on a low-confidence word is marked; one that decides nothing, or reads well, is not', () => {
    const s = ocrSource();
    const out = withOcrConfidence([fact('f1', 6, 40), fact('f2', 6, 27), fact('f3', 28, 40)], s, new Set(['f1', 'f3']));
    expect(out[0]).toMatchObject({ ocrConfidence: 41, verifyAgainstImage: true, evidence: [{ ocrConfidence: 41 }] });
    expect(out[1]).toMatchObject({ ocrConfidence: 41 });
    expect(out[1]!.verifyAgainstImage).toBeUndefined(); // decides nothing
    expect(out[2]).toMatchObject({ ocrConfidence: 91 });
    expect(out[2]!.verifyAgainstImage).toBeUndefined(); // reads well
    expect(LOW_WORD_CONFIDENCE).toBe(80);
  });

  test('a text document is left as it is', () => {
    const s: Source = { ...ocrSource(), pages: [{ n: 1, text, ocr: false }], ocrPages: [] };
    const facts = [fact('f1', 6, 40)];
    expect(withOcrConfidence(facts, s, new Set(['f1']))).toBe(facts);
  });

  test('the review JSON and both reports say "verify against the image" for a deciding fact read at low confidence', () => {
    const review = reviewSource(ocrSource());
    expect(() => ReviewOutputSchema.parse(review)).not.toThrow();
    const requested = review.facts.find((f) => f.type === 'requested_procedure');
    expect(requested).toBeDefined();
    expect(requested!.evidence.every((e) => typeof e.ocrConfidence === 'number')).toBe(true);
    const marked = review.facts.filter((f) => f.verifyAgainstImage);
    expect(marked.length).toBeGreaterThan(0);
    for (const f of marked) expect(f.ocrConfidence).toBeLessThan(80);
    const md = renderReport(review, 'md', [text]);
    expect(md).toMatch(/⚠ \*\*verify against the image \(OCR confidence 41%\)\*\*/);
    expect(md).toMatch(/page 1 \(OCR 41%\):/);
    const html = renderReport(review, 'html', [text]);
    expect(html).toContain('<span class="verify">⚠ verify against the image (OCR confidence 41%)</span>');
  });
});

describe.skipIf(!findOcrTools() || !canMakeFaxImages())('on a real standard-mode fax', () => {
  test('every fact from the OCR\'d page carries its words\' confidence; word offsets match the page text', async () => {
    const img = makeFaxImages();
    try {
      const source = await readSource(img.g3Standard, 'fax.tif', { ocr: defaultOcrEngine() });
      const page = source.pages[0]!;
      expect(page.words!.length).toBeGreaterThan(20);
      for (const w of page.words!) {
        // A word is the characters tesseract read (rarely with a leading space of its own).
        expect(page.text.slice(w.start, w.end).trim()).not.toBe('');
        expect(w.box[0]).toBeLessThan(w.box[2]);
        expect(w.box[1]).toBeLessThan(w.box[3]);
      }
      const review = reviewSource(source);
      expect(review.facts.length).toBeGreaterThan(0);
      for (const f of review.facts) {
        expect(f.ocrConfidence).toEqual(Math.min(...f.evidence.map((e) => e.ocrConfidence!)));
        if (f.verifyAgainstImage) expect(f.ocrConfidence).toBeLessThan(LOW_WORD_CONFIDENCE);
      }
    } finally {
      img.cleanup();
    }
  }, 60_000);
});
