/**
 * Dates told relative to the note's own date: "on March 4th of this year", "October 14th of last
 * year", "last June", "in February", "six weeks ago". They need the date the note is read as of, so
 * they are not in findDates (which reads only what the words fix); a caller that knows the note's
 * date asks for them. A month or day without a year is the latest one on or before that date (a
 * past event's date).
 */
import type { DateMatch } from './dates.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const NUM: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, a: 1, an: 1 };

/** "March 4th of this year", "Oct 14 of last year", "March 4th" (no year). Groups: month, day, which year. */
const MONTH_DAY = new RegExp(`(?<![a-z])${MONTH}\\s{1,2}(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s{1,2}of\\s{1,2}(this|last)\\s{1,2}year)?(?![\\d/])(?!,?\\s{0,2}(?:19|20)\\d\\d)`, 'gi');
/** The day first, as British and dictated notes write it: "24 February", "the 13th of January". Groups: day, month. */
const DAY_MONTH = new RegExp(`(?<![\\d/.a-z])(?:the\\s{1,2})?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s{1,2}of)?\\s{1,2}${MONTH}(?![a-z])(?!,?\\s{0,2}(?:19|20)\\d\\d)`, 'gi');
/** The month, then its day: "in January on the 13th". Groups: month, day. */
const MONTH_ON_DAY = new RegExp(`(?<![a-z])${MONTH}\\s{1,2}on\\s{1,2}the\\s{1,2}(\\d{1,2})(?:st|nd|rd|th)(?![a-z])`, 'gi');
/** "last June", "this past March", "in February of last year". Groups: which, month, which year. */
const MONTH_ONLY = new RegExp(`(?<![a-z])(?:(last|this\\s{1,2}past|in|this)\\s{1,2})${MONTH}(?:\\s{1,2}of\\s{1,2}(this|last)\\s{1,2}year)?(?![a-z])(?!\\s{0,2}\\d)`, 'gi');
/** A procedure's noun right after a date: "(the June) injection", "(her March) TFESI". */
const SESSION_NOUN = '(?:injections?|shots?|blocks?|procedures?|esis?|epidurals?|tfesis?|ilesis?|mbbs?|rfas?|ablations?|sessions?|neurotomy|rhizotomy)\\b';
export const SESSION_NOUN_AFTER = new RegExp(`^\\s{1,2}${SESSION_NOUN}`, 'i');
/** "the June injection", "her March TFESI": a month that names a session. Group 1: the month. */
const MONTH_SESSION = new RegExp(`(?<![a-z])(?:the|her|his|their|that)\\s{1,2}${MONTH}(?=\\s{1,2}${SESSION_NOUN})`, 'gi');
/** "six weeks ago", "3 months ago", "a year ago". Groups: count, unit. */
const AGO = /(?<![a-z])(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s{1,2}(day|week|month|year)s?\s{1,2}ago(?![a-z])/gi;

const pad = (n: number) => String(n).padStart(2, '0');
const monthIndex = (m: string) => MONTHS.indexOf(m.slice(0, 3).toLowerCase()) + 1;

export function findRelativeDates(s: string, asOf: string | null | undefined): DateMatch[] {
  if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return [];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  const out: DateMatch[] = [];
  const add = (start: number, end: number, iso: string, precision: DateMatch['precision']) => {
    if (!out.some((d) => start < d.end && end > d.start)) out.push({ start, end, iso, precision });
  };
  MONTH_DAY.lastIndex = 0;
  for (let m = MONTH_DAY.exec(s); m; m = MONTH_DAY.exec(s)) {
    const month = monthIndex(m[1]!), day = Number(m[2]);
    if (!month || day < 1 || day > 31) continue;
    const year = m[3] === 'last' ? ay - 1 : m[3] === 'this' ? ay : (month < am || (month === am && day <= ad) ? ay : ay - 1);
    add(m.index, m.index + m[0].length, `${year}-${pad(month)}-${pad(day)}`, 'day');
  }
  const dayFirst = (day: number, month: number, start: number, end: number) => {
    if (!month || day < 1 || day > 31) return;
    const year = month < am || (month === am && day <= ad) ? ay : ay - 1;
    add(start, end, `${year}-${pad(month)}-${pad(day)}`, 'day');
  };
  DAY_MONTH.lastIndex = 0;
  for (let m = DAY_MONTH.exec(s); m; m = DAY_MONTH.exec(s)) {
    // "3 may help": "may" before a verb is no month.
    if (/^may$/i.test(m[2]!) && /^\s{1,2}(?!and\b|at\b|with\b|for\b|in\b|to\b|when\b|she\b|he\b|the\b)[a-z]/i.test(s.slice(m.index + m[0].length, m.index + m[0].length + 8))) continue;
    dayFirst(Number(m[1]), monthIndex(m[2]!), m.index, m.index + m[0].length);
  }
  MONTH_ON_DAY.lastIndex = 0;
  for (let m = MONTH_ON_DAY.exec(s); m; m = MONTH_ON_DAY.exec(s)) dayFirst(Number(m[2]), monthIndex(m[1]!), m.index, m.index + m[0].length);
  MONTH_ONLY.lastIndex = 0;
  for (let m = MONTH_ONLY.exec(s); m; m = MONTH_ONLY.exec(s)) {
    const month = monthIndex(m[2]!);
    if (!month) continue;
    const which = (m[1] ?? '').toLowerCase();
    const year = m[3] === 'last' ? ay - 1 : m[3] === 'this' ? ay
      : which === 'last' ? (month < am ? ay : ay - 1) : (month <= am ? ay : ay - 1);
    const start = m.index + m[0].length - m[0].replace(/^(?:last|this\s{1,2}past|in|this)\s{1,2}/i, '').length;
    add(start, m.index + m[0].length, `${year}-${pad(month)}`, 'month');
  }
  // "the June injection", "her March TFESI": a session named by its month, the latest such month.
  MONTH_SESSION.lastIndex = 0;
  for (let m = MONTH_SESSION.exec(s); m; m = MONTH_SESSION.exec(s)) {
    const month = monthIndex(m[1]!);
    if (!month) continue;
    const start = m.index + m[0].length - m[1]!.length - (m[0].endsWith('.') ? 1 : 0);
    add(start, m.index + m[0].length, `${month <= am ? ay : ay - 1}-${pad(month)}`, 'month');
  }
  AGO.lastIndex = 0;
  for (let m = AGO.exec(s); m; m = AGO.exec(s)) {
    const n = NUM[m[1]!.toLowerCase()] ?? Number(m[1]);
    const d = new Date(Date.UTC(ay, am - 1, ad));
    const unit = m[2]!.toLowerCase();
    if (unit === 'day') d.setUTCDate(d.getUTCDate() - n);
    else if (unit === 'week') d.setUTCDate(d.getUTCDate() - 7 * n);
    else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() - n);
    else d.setUTCFullYear(d.getUTCFullYear() - n);
    const iso = d.toISOString().slice(0, 10);
    add(m.index, m.index + m[0].length, unit === 'day' || unit === 'week' ? iso : unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 4), unit === 'day' || unit === 'week' ? 'day' : unit === 'month' ? 'month' : 'year');
  }
  return out.sort((a, b) => a.start - b.start);
}
