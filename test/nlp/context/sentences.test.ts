import { describe, expect, test } from 'vitest';
import { splitSentences } from '../../../src/nlp/context/sentences.ts';

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

describe('clinical sentence splitter', () => {
  test('splits at a period before a capital and keeps abbreviations', () => {
    expect(split('Seen by Dr. Smith today. No leg pain. Takes gabapentin 300 mg b.i.d. Daily walks.')).toEqual([
      'Seen by Dr. Smith today.', 'No leg pain.', 'Takes gabapentin 300 mg b.i.d. Daily walks.',
    ]);
  });
  test('a new list item or header line starts a sentence; a wrapped line does not', () => {
    expect(split('Radicular symptoms: none\nSLR: neg\n- fever\nPain radiates to the\nleft calf.')).toEqual([
      'Radicular symptoms: none', 'SLR: neg', '- fever', 'Pain radiates to the\nleft calf.',
    ]);
  });
  test('a blank line and a page break split', () => {
    expect(split('Low back pain\n\nPlan RFA\fPage two')).toEqual(['Low back pain', 'Plan RFA', 'Page two']);
  });
  test('offsets are into the original text', () => {
    const t = '  No fever.  Leg pain.';
    const s = splitSentences(t);
    expect(s.map((x) => [x.start, x.end])).toEqual([[2, 11], [13, 22]]);
  });
});
