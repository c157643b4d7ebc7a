import { describe, expect, test } from 'vitest';
import { findDurations, monthsBetween } from '../../../src/nlp/values/duration.ts';
import { normalizeView } from '../../../src/model/doc.ts';

function durations(s: string, noteDate?: string) {
  return findDurations(normalizeView(s), noteDate);
}

describe('findDurations', () => {
  test.each([
    ['physical therapy x 8 weeks', 8, 1.8],
    ['PT x6 wks without benefit', 6, 1.4],
    ['home exercise program for 6 weeks', 6, 1.4],
    ['completed a 6-week course of PT', 6, 1.4],
    ['8 weeks of physical therapy', 8, 1.8],
    ['low back pain for 3 months', 12, 3],
    ['a 3-month history of low back pain', 12, 3],
    ['chiropractic care over the past 2 months', 8, 2],
    ['pain for 10 days', 1.4, 0.3],
    ['symptoms for two years', 104, 24],
    ['for one and a half years', 78, 18],
    // Half a unit told after the unit, and one unit with no count after "the past/last" (dev dz-01).
    ['back pain came back roughly a year and a half ago', 78, 18],
    ['low back pain for a year and a half', 78, 18],
    ['LBP started about a month and a half ago', 6, 1.5],
    ['axial back pain over the past year, worse standing', 52, 12],
    ['back pain for the last year and a half', 78, 18],
    ['PT throughout the previous month', 4, 1],
  ])('%s → %d weeks, %d months', (text, weeks, months) => {
    const [d] = durations(text);
    expect(d).toMatchObject({ weeks, months });
  });

  test('twelve sessions over two months is 8 weeks (1 month = 4 weeks, CONTRACT)', () => {
    const s = 'She completed twelve sessions over two months.';
    const [d] = durations(s);
    expect(d).toMatchObject({ weeks: 8, months: 2, sessions: 12 });
    expect(s.slice(d!.start, d!.end)).toBe('twelve sessions over two months');
  });

  test('a duration in parentheses: "R leg pain since 2022 (~18 mos)"', () => {
    const d = durations('R leg pain since 2022 overall (~18 mos).', '2024-04-01');
    expect(d.find((x) => x.relation === 'for')).toMatchObject({ months: 18, approximate: true });
  });

  test('sessions alone carry no duration', () => {
    expect(durations('attended 12 sessions of PT')).toEqual([expect.objectContaining({ sessions: 12, weeks: null, months: null })]);
  });

  test.each([
    ['back pain for 3+ months', 3],
    ['back pain for over a year', 12],
    ['for the past several years', 36],
    ['for approximately six months', 6],
    ['within the last couple of years', 24],
  ])('lower bounds and vague counts are approximate: %s', (text, months) => {
    const [d] = durations(text);
    expect(d).toMatchObject({ months, approximate: true });
  });

  describe('since', () => {
    test('"since March" counts back from the note date to the latest March', () => {
      const [d] = durations('pain since March', '2023-06-01');
      expect(d).toMatchObject({ since: '2023-03', months: 3, relation: 'since' });
      const [e] = durations('pain since November', '2023-02-01');
      expect(e).toMatchObject({ since: '2022-11', months: 3 });
    });

    test('"since 2019" is approximate (year precision)', () => {
      const [d] = durations('back pain since 2019', '2023-01-01');
      expect(d).toMatchObject({ since: '2019', months: 48, approximate: true });
    });

    test('"since January 2021" uses the month', () => {
      const [d] = durations('since January 2021', '2021-07-01');
      expect(d).toMatchObject({ since: '2021-01', months: 6 });
    });

    test('without a note date the start is kept and the length is unknown', () => {
      expect(durations('since 2019')[0]).toMatchObject({ since: '2019', months: null, weeks: null });
      expect(durations('since March')[0]).toMatchObject({ months: null, weeks: null });
    });
  });

  test('"2 years ago" is a duration back from the note', () => {
    expect(durations('pain began 2 years ago')[0]).toMatchObject({ months: 24, relation: 'ago' });
    expect(durations('started about six to eight months ago')[0]).toMatchObject({ months: 6, relation: 'ago' });
  });

  test.each([
    ['follow up in 6 weeks'],
    ['return to clinic in 2 weeks'],
    ['she is 45 years old'],
    ['referred to Dr. X and Dr. Y'],
    ['the skin over and around the site'],
  ])('not a duration: %s', (text) => {
    expect(durations(text)).toEqual([]);
  });
});

describe('monthsBetween', () => {
  test.each([
    ['2023-03', '2023-06', 3],
    ['2019', '2023-01-01', 48],
    ['2022-11-15', '2023-02-15', 3],
    ['2023-01-01', '2023-01-16', 0.5],
  ])('%s → %s = %d', (a, b, n) => {
    expect(monthsBetween(a, b)).toBe(n);
  });
});

describe('a course running from a full date', () => {
  test.each([
    ['naproxen 500 mg bid started 01/29/2026, mild benefit', '2026-01-29'],
    ['pt began on 2/2/26, 4 visits so far', '2026-02-02'],
    ['meloxicam initiated 12/01/2025', '2025-12-01'],
    ['home exercise program since 11/15/2025', '2025-11-15'],
    ['gabapentin commenced 10/05/2025', '2025-10-05'],
  ])('%s', (text, since) => {
    expect(findDurations(text, '2026-03-01').find((d) => d.relation === 'since')?.since).toBe(since);
  });
});

describe('an onset told as a form field dates the complaint (dev writer 9A)', () => {
  test.each([
    ['onset:                          2022 (gradual; no injury)', '2022'],
    ['onset: 03/2024', '2024-03'],
    ['date of onset: 2022', '2022'],
    ['symptom onset: june 2025', '2025-06'],
    ['pain onset: early 2024', '2024-02'],
  ])('%s', (text, since) => {
    expect(findDurations(text, '2025-12-30')).toEqual([expect.objectContaining({ relation: 'since', since })]);
  });
});

describe('an onset told by its event "of" a date, a wrapped line too (dev packet ds-03)', () => {
  test.each([
    ['her pain has been present since the rear-end collision of\n   04/03/2025, now more than nine months.', '2025-04-03'],
    ['back pain since her work injury of 3/2/2025', '2025-03-02'],
    ['symptoms since a lifting injury of march 2025', '2025-03'],
    ['low back pain ever since the accident of 1/5/2025', '2025-01-05'],
    ['pain dating back to the fall of 11/2024', '2024-11'],
  ])('%s', (text, since) => {
    expect(findDurations(text, '2026-01-14')).toEqual([expect.objectContaining({ relation: 'since', since })]);
  });
  test.each([
    ['no pain since the injection of 10/02/2025'],
    ['since the end of august the leg pain is back to where it was'],
  ])('no onset: %s', (text) => {
    expect(findDurations(text, '2026-01-14')).toEqual([]);
  });
});

describe('an onset field "of symptoms", and "since" an approximate full date (dev writer 10C)', () => {
  test.each([
    ['onset of sx: 10/2025      baseline nrs: 8/10', '2025-10'],
    ['onset of symptoms: march 2025', '2025-03'],
    ['sx onset: 11/2025', '2025-11'],
    ['lbp + r leg pain since ~10/25/25 after lifting', '2025-10-25'],
    ['pain since approx. 9/1/2025', '2025-09-01'],
  ])('%s', (text, since) => {
    expect(findDurations(text, '2026-01-20')).toEqual([expect.objectContaining({ relation: 'since', since })]);
  });
});

describe('"since" a part of a month (dev writer 10B)', () => {
  test.each([
    ['left leg pain since mid-september 2025, when she helped a friend up', '2025-09'],
    ['back pain since early march', '2025-03'],
    ['pain since late october 2025', '2025-10'],
    ['symptoms since mid november', '2025-11'],
    ['leg pain since early-december 2025', '2025-12'],
  ])('%s', (text, since) => {
    expect(findDurations(text, '2026-01-06')).toEqual([expect.objectContaining({ relation: 'since', since, approximate: true })]);
  });
});

describe("a season or month with a two-digit year after an apostrophe (dev d15c-04)", () => {
  test.each([
    ["axial LBP since spring '24 (lifting a snowblower)", '2024-03'],
    ["back pain since fall '23", '2023-09'],
    ["LBP since March '25", '2025-03'],
    ["pain since winter of '22", '2022-12'],
    ["low back pain since summer \u201924", '2024-06'],
  ])('%s', (text, since) => {
    expect(findDurations(text.toLowerCase(), '2026-01-20').map((d) => d.since)).toContain(since);
  });
});
