import { describe, expect, test } from 'vitest';
import { findDates, parseDate } from '../../../src/nlp/values/dates.ts';
import { normalizeView } from '../../../src/model/doc.ts';

function dates(s: string): [string, string, string][] {
  return findDates(normalizeView(s)).map((d) => [s.slice(d.start, d.end), d.iso, d.precision]);
}

describe('findDates', () => {
  test.each([
    ['TFESI on 03/14/2023', '03/14/2023', '2023-03-14', 'day'],
    ['DOS 3/14/23', '3/14/23', '2023-03-14', 'day'],
    ['seen 3-14-2023', '3-14-2023', '2023-03-14', 'day'],
    ['date: 2023-03-14', '2023-03-14', '2023-03-14', 'day'],
    ['MRI dated March 14, 2023', 'March 14, 2023', '2023-03-14', 'day'],
    ['Mar 14 2023 follow-up', 'Mar 14 2023', '2023-03-14', 'day'],
    ['on 14 March 2023', '14 March 2023', '2023-03-14', 'day'],
    ['injection on Sept. 22, 2014', 'Sept. 22, 2014', '2014-09-22', 'day'],
    ['on March 14th, 2023', 'March 14th, 2023', '2023-03-14', 'day'],
    ['MBB 03/2023', '03/2023', '2023-03', 'month'],
    ['fusion in March 2023', 'March 2023', '2023-03', 'month'],
    ['in October of 2008', 'October of 2008', '2008-10', 'month'],
    ['L4-5 fusion in 2008', '2008', '2008', 'year'],
    ['renal transplant (1988)', '1988', '1988', 'year'],
    ['seen 11/05/99', '11/05/99', '1999-11-05', 'day'],
    ['seen 11/05/35', '11/05/35', '2035-11-05', 'day'],
    ['seen 11/05/36', '11/05/36', '1936-11-05', 'day'],
    ['date of injury 2/29/2024', '2/29/2024', '2024-02-29', 'day'],
  ])('%s', (text, span, iso, precision) => {
    expect(dates(text)).toEqual([[span, iso, precision]]);
  });

  test.each([
    ['take 1/2 tab at night'],
    ['pain 8/10'],
    ['on 3/14'],
    ['call 555-123-4567'],
    ['02/30/2023'],
    ['13/01/2023'],
    ['BP 130/80/60'],
    ['weight 2008 grams'],
    ['2008 patients were studied'],
    ['ratio 1:200,000'],
  ])('not a date: %s', (text) => {
    expect(dates(text)).toEqual([]);
  });

  test('several dates in order', () => {
    expect(dates('TFESI 01/05/2023 and MBB 02/10/2023').map((d) => d[1])).toEqual(['2023-01-05', '2023-02-10']);
  });
});

describe('parseDate', () => {
  test.each([
    ['03/14/2023', '2023-03-14', 'day'],
    [' March 2023 ', '2023-03', 'month'],
    ['2019', '2019', 'year'],
    ['in 2008', '2008', 'year'],
  ])('%s', (s, iso, precision) => {
    expect(parseDate(s)).toMatchObject({ iso, precision });
  });

  test('offsets are into the string given', () => {
    const d = parseDate('  03/14/2023')!;
    expect(d.start).toBe(2);
    expect(d.end).toBe(12);
  });

  test.each([['tomorrow'], ['3/14'], ['03/14/2023 and 04/01/2023'], ['1/2']])('null for %s', (s) => {
    expect(parseDate(s)).toBeNull();
  });
});
