import { describe, expect, test } from 'vitest';
import { buildDoc, normalizeView } from '../../../src/model/doc.ts';
import { loadResources } from '../../../src/resources.ts';
import { analyze } from '../../../src/nlp/analyze.ts';
import { assertSpan } from '../../../src/nlp/context/engine.ts';
import { assertInDoc } from '../../../src/nlp/context/assert-doc.ts';
import { engine } from './helpers.ts';

describe('robustness', () => {
  test.each([
    ['dots', '. '.repeat(50_000)],
    ['list markers', '1. - * 2) '.repeat(20_000)],
    ['triggers without end', 'no denies not without history of s/p '.repeat(5_000)],
  ])('a 100 KB run-on "sentence" of %s asserts in well under a second', (_n, filler) => {
    const text = filler + ' leg pain ' + filler;
    const norm = normalizeView(text);
    const at = filler.length + 1;
    const t0 = performance.now();
    const r = assertSpan(engine, text, norm, { start: 0, end: text.length }, { start: at, end: at + 8 });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(['present', 'absent', 'possible', 'hypothetical']).toContain(r.assertion);
  });
  test('assertInDoc uses the sentence and section of an analyzed document', () => {
    const text = 'FAMILY HISTORY:\nMother with lumbar stenosis.\n\nHPI:\nNo leg pain. Low back pain for 6 months.\n';
    const doc = buildDoc({ id: 'x', name: 'x', mediaType: 'text/plain', pages: [{ n: 1, text, ocr: false }], ocrPages: [], emptyPages: [], diagnostics: [] });
    const res = loadResources();
    const nlp = analyze(doc, res);
    const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    expect(assertInDoc(res, nlp, span('lumbar stenosis')).experiencer).toBe('other');
    expect(assertInDoc(res, nlp, span('leg pain')).assertion).toBe('absent');
    expect(assertInDoc(res, nlp, span('Low back pain')).assertion).toBe('present');
  });
});
