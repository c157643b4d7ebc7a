import { describe, expect, test } from 'vitest';
import { findPainScores } from '../../../src/nlp/values/pain-score.ts';
import { normalizeView } from '../../../src/model/doc.ts';

function scores(s: string) {
  return findPainScores(normalizeView(s)).map((p) => ({ text: s.slice(p.start, p.end), scale: p.scale, value: p.value, max: p.max }));
}

describe('findPainScores', () => {
  test.each([
    ['Pain 7/10 today.', 'NRS', 7, 10],
    ['pain is 7/10', 'NRS', 7, 10],
    ['VAS 6', 'VAS', 6, 10],
    ['VAS: 60 mm', 'VAS', 60, 100],
    ['NRS: 8/10', 'NRS', 8, 10],
    ['NPRS 5', 'NRS', 5, 10],
    ['She rates her pain at 6 out of 10.', 'NRS', 6, 10],
    ['rates her back pain as a 7', 'NRS', 7, 10],
    ['ODI 42%', 'ODI', 42, 100],
    ['Oswestry 38', 'ODI', 38, 100],
    ['Oswestry Disability Index score of 38%', 'ODI', 38, 100],
    ['ODI: 21/50', 'ODI', 21, 50],
    ['RMDQ 12', 'RMDQ', 12, 24],
    ['Roland-Morris 14/24', 'RMDQ', 14, 24],
    ['pain level 5', 'NRS', 5, 10],
    ['pain score of 8', 'NRS', 8, 10],
    ['Pain scale is 0.', 'NRS', 0, 10],
    ['pain is 6-7/10', 'NRS', 6.5, 10],
    ['7/10 low back pain', 'NRS', 7, 10],
  ])('%s → %s %d/%d', (text, scale, value, max) => {
    expect(scores(text)).toEqual([expect.objectContaining({ scale, value, max })]);
  });

  test.each([
    ['Pt c/o LBP, achy, 5/10 today (was 7/10 at initial visit)', [5, 7]],
    ['pre 8/10 -> post 0/10', [8, 0]],
  ])('a bare x/10 near pain words is NRS: %s', (text, values) => {
    const found = scores(text);
    expect(found.map((p) => p.value)).toEqual(values);
    expect(found.every((p) => p.scale === 'NRS')).toBe(true);
  });

  test('a scale label after a bare score names it', () => {
    expect(scores('7/10 VAS')).toEqual([expect.objectContaining({ scale: 'VAS', value: 7 })]);
    expect(scores('6/10 (NRS)')).toEqual([expect.objectContaining({ scale: 'NRS', value: 6 })]);
  });

  test('a bare x/10 with no pain words is kept as "other"', () => {
    expect(scores('Rates her stress level as an 8/10.')).toEqual([expect.objectContaining({ scale: 'other', value: 8 })]);
  });

  test('several scores in one line (average, worst, least)', () => {
    const s = 'VAS pain scale is rated as 6/10 for average pain, 10/10 for worst pain, and 3/10 for least pain.';
    expect(scores(s).map((p) => p.value)).toEqual([6, 10, 3]);
  });

  test.each([
    ['Strength 5/5 in all extremities'],
    ['5/5 strength bilaterally'],
    ['motor 4/5 right EHL'],
    ['DOS 3/14/2023'],
    ['take 1/2 tab'],
    ['pain for 2 weeks'],
    ['pain 3 times a day'],
    ['BP 130/80'],
    ['reflexes 2/4'],
    ['11/10 pain'],
  ])('not a pain score: %s', (text) => {
    expect(scores(text)).toEqual([]);
  });
});

describe('a range over the whole scale names the scale, it is no score (dev d17c-08)', () => {
  test.each([
    '3. Rate your pain now 0-10:          ____      Worst in past week:   ____',
    'Current pain score (0-10): ______',
    'NRS (0-10): ___',
    'Pain level 0 to 10: not recorded',
    'Pain intensity (1-10): ____',
  ])('%s', (text) => {
    expect(findPainScores(normalizeView(text))).toEqual([]);
  });
  test('a range inside the scale stays a score', () => {
    expect(findPainScores(normalizeView('pain 6-7/10')).map((p) => p.value)).toEqual([6.5]);
  });
});
