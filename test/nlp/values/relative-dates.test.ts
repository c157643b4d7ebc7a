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
