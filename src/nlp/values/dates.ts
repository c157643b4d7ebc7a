/**
 * Dates as US clinical notes write them: 03/14/2023, 3/14/23, 3-14-2023, 2023-03-14, March 14,
 * 2023, Mar 14 2023, Sept. 22, 2014, 14 March 2023, 03/2023, March 2023, and a lone year only in a
 * date-like context ("in 2008"). Numeric dates are month-first (US). A month/day with no year
 * ("3/14") is never a date: it is as likely a score or a fraction ("1/2 tab").
 * Two-digit years: 00–35 → 20xx, 36–99 → 19xx.
 */
import {
  DATE_DAY_MONTH_YEAR, DATE_ISO, DATE_MDY, DATE_MONTH_DAY_YEAR, DATE_MONTH_NAME_YEAR, DATE_MONTH_YEAR_NUMERIC,
  DATE_YEAR_CONTEXT, MONTH_ANCHOR, YEAR_ANCHOR,
} from './patterns.ts';
import { anchorWindows, execInWindows } from './scan.ts';

export interface DateMatch { start: number; end: number; iso: string; precision: 'day' | 'month' | 'year' }

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Years a clinical date may carry (birth years of the oldest patients to near-future plans). */
const MIN_YEAR = 1900, MAX_YEAR = 2035;

export function expandYear(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n <= 35 ? 2000 + n : 1900 + n;
}

function monthOf(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dayIso(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function monthIso(y: number, m: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) return null;
  return `${y}-${pad(m)}`;
}

type Rule = { re: RegExp; anchor?: 'month' | 'year'; read: (m: RegExpExecArray) => { iso: string | null; precision: DateMatch['precision']; start?: number } };

const RULES: readonly Rule[] = [
  { re: DATE_ISO, read: (m) => ({ iso: dayIso(Number(m[1]), Number(m[3]), Number(m[4])), precision: 'day' }) },
  { re: DATE_MDY, read: (m) => ({ iso: dayIso(expandYear(m[4]!), Number(m[1]), Number(m[3])), precision: 'day' }) },
  { re: DATE_MONTH_DAY_YEAR, anchor: 'month', read: (m) => ({ iso: dayIso(Number(m[3]), monthOf(m[1]!), Number(m[2])), precision: 'day' }) },
  { re: DATE_DAY_MONTH_YEAR, anchor: 'month', read: (m) => ({ iso: dayIso(expandYear(m[3]!), monthOf(m[2]!), Number(m[1])), precision: 'day' }) },
  { re: DATE_MONTH_YEAR_NUMERIC, read: (m) => ({ iso: monthIso(Number(m[2]), Number(m[1])), precision: 'month' }) },
  { re: DATE_MONTH_NAME_YEAR, anchor: 'month', read: (m) => ({ iso: monthIso(Number(m[2]), monthOf(m[1]!)), precision: 'month' }) },
  {
    re: DATE_YEAR_CONTEXT,
    anchor: 'year',
    read: (m) => ({ iso: m[1]!, precision: 'year', start: m.index + m[0].length - m[1]!.length }),
  },
];

export function findDates(s: string): DateMatch[] {
  const out: DateMatch[] = [];
  // Month-name and year-only patterns run only around a month word or a year (scan.ts).
  const windows = { month: anchorWindows(s, MONTH_ANCHOR, 16, 22), year: anchorWindows(s, YEAR_ANCHOR, 40, 30) };
  for (const rule of RULES) {
    let matches: RegExpExecArray[];
    if (rule.anchor) matches = execInWindows(s, windows[rule.anchor], rule.re);
    else {
      matches = [];
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(s); m; m = rule.re.exec(s)) matches.push(m);
    }
    for (const m of matches) {
      const r = rule.read(m);
      if (!r.iso) continue;
      const start = r.start ?? m.index, end = m.index + m[0].length;
      if (out.some((d) => start < d.end && end > d.start)) continue;
      out.push({ start, end, iso: r.iso, precision: r.precision });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Parses `s` as exactly one date (surrounding white space and punctuation allowed). */
export function parseDate(s: string): DateMatch | null {
  const t = s.trim();
  const lead = s.length - s.trimStart().length;
  const all = findDates(t);
  if (all.length === 1) {
    const d = all[0]!;
    const rest = (t.slice(0, d.start) + t.slice(d.end)).replace(/[\s,.;:()]/g, '');
    if (rest === '' || (d.precision === 'year' && /^(?:in|since|from|during|of|circa|year|dated)$/i.test(rest))) {
      return { ...d, start: d.start + lead, end: d.end + lead };
    }
  }
  // A bare year is a date when it is the whole string.
  const y = /^(19\d\d|20[0-3]\d)$/.exec(t);
  if (y && Number(y[1]) <= MAX_YEAR) {
    const start = s.indexOf(y[1]!);
    return { start, end: start + 4, iso: y[1]!, precision: 'year' };
  }
  return null;
}
