import { describe, expect, test } from 'vitest';
import { findRelativeDates } from '../../../src/nlp/values/relative-dates.ts';

describe('dates told relative to the note date (as of 2026-06-01)', () => {
  test.each([
    ['on March 4th of this year', '2026-03-04'],
    ['on October 14th of last year', '2025-10-14'],
    ['January 6th of this year', '2026-01-06'],
    ['on March 4th', '2026-03-04'],
    ['on July 4th', '2025-07-04'],
    ['last June', '2025-06'],
    ['last March', '2026-03'],
    ['in June of last year', '2025-06'],
    ['in February', '2026-02'],
    ['six weeks ago', '2026-04-20'],
    ['3 months ago', '2026-03'],
  ])('%s → %s', (text, iso) => {
    expect(findRelativeDates(text, '2026-06-01').map((d) => d.iso)).toEqual([iso]);
  });
  test('a date the words fix, or no note date, gives nothing here', () => {
    expect(findRelativeDates('on March 4, 2024', '2026-06-01')).toEqual([]);
    expect(findRelativeDates('last June', null)).toEqual([]);
  });
});

describe('the day first, as British and dictated notes write it (dev writer 9C)', () => {
  test.each([
    ['On 24 February I performed a left L4/L5 medial branch block', '2026-02-24'],
    ['on the 24th of February', '2026-02-24'],
    ['the first block was in January on the 13th with lidocaine', '2026-01-13'],
    ['seen 5 Mar for follow-up', '2025-03-05'],
    ['a caudal epidural on 12 May', '2025-05-12'],
  ])('%s', (text, iso) => {
    expect(findRelativeDates(text.toLowerCase(), '2026-03-03').map((d) => d.iso)).toEqual([iso]);
  });
  test.each([['3 may help'], ['x 10 days'], ['L5 march']])('no date: %s', (text) => {
    expect(findRelativeDates(text.toLowerCase(), '2026-03-03')).toEqual([]);
  });
});
