/**
 * How long something lasted (pain, a course of physical therapy): "x 8 weeks", "x6 wks", "for 6
 * weeks", "6-week course", "twelve sessions over two months", "for 3 months", "since March",
 * "since 2019", "for over a year", "for the past several years", "2 years ago", "12 sessions".
 *
 * Conversions: 1 month = 4 weeks when months are turned into weeks (CONTRACT: "twelve sessions over
 * two months" = 8 weeks); weeks → months divides by 4.345 (52.14 / 12); 1 year = 12 months = 52
 * weeks. A range keeps its lower bound. Vague counts ("several", "a few") are lower bounds marked
 * `approximate`, and so are "over/more than/at least" and year-only "since 2019".
 */
import { parseDate } from './dates.ts';
import { parseCount } from './numbers.ts';
import { DURATION_AGO, DURATION_ATTRIBUTIVE, DURATION_BETTER_PART, DURATION_LEAD, DURATION_PAREN, DURATION_THE_PAST, SESSIONS, SESSIONS_ANCHOR, SINCE, SINCE_EVENT, STARTED_ON, TIME_UNIT_ANCHOR } from './patterns.ts';
import { anchorWindows, execAnchored, execInWindows } from './scan.ts';

export interface DurationMatch {
  start: number;
  end: number;
  weeks: number | null;
  months: number | null;
  sessions?: number;
  approximate?: boolean;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the duration runs from ("since March" → "2023-03"). */
  since?: string;
  /** How the duration was written: a span ("for 6 weeks"), a start point ("since"), or "ago". */
  relation?: 'for' | 'since' | 'ago';
}

const MONTH_INDEX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function round1(n: number): number { return Math.round(n * 10) / 10; }

/** Whole and fractional months between two ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); b after a. */
export function monthsBetween(from: string, to: string): number {
  const parse = (d: string): [number, number, number] => {
    const [y, m, day] = d.split('-').map(Number);
    return [y!, m ?? 1, day ?? 1];
  };
  const [y1, m1, d1] = parse(from);
  const [y2, m2, d2] = parse(to);
  return round1((y2 - y1) * 12 + (m2 - m1) + (d2 - d1) / 30.44);
}

function convert(value: number, unit: string): { weeks: number; months: number } | null {
  const u = unit.toLowerCase();
  if (u.startsWith('d')) return { weeks: round1(value / 7), months: round1(value / 30.44) };
  if (u.startsWith('w')) return { weeks: value, months: round1(value / 4.345) };
  if (u.startsWith('mo')) return { weeks: value * 4, months: value };
  if (u.startsWith('y')) return { weeks: value * 52, months: value * 12 };
  return null;
}

const LOWER_BOUND = /^(?:over|more|greater|>|at|well|just)/i;
const NEAR = /^(?:about|approx|roughly|nearly|almost|around|~|close)/i;

function overlaps(list: DurationMatch[], start: number, end: number): boolean {
  return list.some((d) => start < d.end && end > d.start);
}

/** Records a duration unless it overlaps one already found (module-level: no per-call closure). */
function addDuration(out: DurationMatch[], d: DurationMatch): void {
  if (!overlaps(out, d.start, d.end)) out.push(d);
}

/** The lead words of SINCE, SINCE_EVENT and STARTED_ON (a cheap test before them). */
const ONSET_ANCHOR = /since|start|begin|began|begun|onset|came\s{1,2}on|appeared|developed|arose|back\s{1,2}to|dates?\s{1,2}to|dating\s{1,2}to|initiated|commenced/i;

const TREATMENT_EVENT = /\b(?:injections?|blocks?|esi|tfesi|ilesi|mbbs?|rfa|ablation|neurotomy|surgery|operation|procedure|fusion|laminectomy|discectomy|therapy|pt|treatment|shot)\b/i;

export function findDurations(s: string, noteDate?: string): DurationMatch[] {
  const out: DurationMatch[] = [];

  // Durations end at a time unit: scan only around those (scan.ts).
  const windows = anchorWindows(s, TIME_UNIT_ANCHOR, 70, 30);
  for (const m of execInWindows(s, windows, DURATION_LEAD)) {
    const c = parseCount(m[3]!);
    const conv = c && convert(c.value + (m[5] ? 0.5 : 0), m[4]!);
    if (!c || !conv) continue;
    // "x" as a lead-in only when it is the sign ("x 8 weeks"), not the end of a word.
    const qual = (m[2] ?? '').trim();
    // "for the past several years" / "for over a year": the count is a lower bound.
    const approximate = c.approximate || LOWER_BOUND.test(qual) || NEAR.test(qual) || undefined;
    addDuration(out, { start: m.index, end: m.index + m[0].length, ...conv, ...(approximate ? { approximate } : {}), relation: 'for' });
  }

  for (const m of execInWindows(s, windows, DURATION_THE_PAST)) {
    const conv = convert(1 + (m[2] ? 0.5 : 0), m[1]!);
    if (conv) addDuration(out, { start: m.index, end: m.index + m[0].length, ...conv, relation: 'for' });
  }

  for (const m of execInWindows(s, windows, DURATION_BETTER_PART)) {
    const n = m[1] ? parseCount(m[1])?.value ?? 1 : 1;
    const conv = convert(n * 0.75, m[2]!);
    if (conv) addDuration(out, { start: m.index, end: m.index + m[0].length, weeks: round1(conv.weeks), months: round1(conv.months), approximate: true, relation: 'for' });
  }

  for (const m of execInWindows(s, windows, DURATION_PAREN)) {
    const c = parseCount(m[2]!);
    const conv = c && convert(c.value, m[3]!);
    if (!c || !conv) continue;
    const approximate = c.approximate || (m[1] !== undefined && !/^x$/i.test(m[1])) || undefined;
    addDuration(out, { start: m.index, end: m.index + m[0].length, ...conv, ...(approximate ? { approximate } : {}), relation: 'for' });
  }

  for (const m of execInWindows(s, windows, DURATION_ATTRIBUTIVE)) {
    if (/^(?:an?)$/i.test(m[1]!.trim())) continue; // "a week of" is too weak on its own
    const c = parseCount(m[1]!);
    const conv = c && convert(c.value, m[2]!);
    if (!c || !conv) continue;
    addDuration(out, { start: m.index, end: m.index + m[0].length, ...conv, ...(c.approximate ? { approximate: true } : {}), relation: 'for' });
  }

  for (const m of execInWindows(s, windows, DURATION_AGO)) {
    const c = parseCount(m[1]!);
    const conv = c && convert(c.value + (m[3] ? 0.5 : 0), m[2]!);
    if (!c || !conv) continue;
    addDuration(out, { start: m.index, end: m.index + m[0].length, ...conv, ...(c.approximate ? { approximate: true } : {}), relation: 'ago' });
  }

  const sinceMatches: RegExpExecArray[] = [];
  // An onset needs one of its lead words: most sentences have none, and these patterns are costly.
  const onsetWords = ONSET_ANCHOR.test(s);
  SINCE.lastIndex = 0;
  for (let m = onsetWords ? SINCE.exec(s) : null; m; m = SINCE.exec(s)) sinceMatches.push(m);
  SINCE_EVENT.lastIndex = 0;
  for (let m = onsetWords ? SINCE_EVENT.exec(s) : null; m; m = SINCE_EVENT.exec(s)) {
    const at = m.index, end = m.index + m[0].length;
    // "no pain since the injection on 10/02": relief after a treatment is no onset.
    if (TREATMENT_EVENT.test(m[0])) continue;
    if (!sinceMatches.some((x) => x.index < end && at < x.index + x[0].length)) sinceMatches.push(m);
  }
  STARTED_ON.lastIndex = 0;
  for (let m = onsetWords ? STARTED_ON.exec(s) : null; m; m = STARTED_ON.exec(s)) {
    const at = m.index, end = m.index + m[0].length;
    if (!sinceMatches.some((x) => x.index < end && at < x.index + x[0].length)) sinceMatches.push(m);
  }
  for (const m of sinceMatches) {
    // ("since spring '24": a two-digit year after an apostrophe is this century's.)
    const what = m[1]!.toLowerCase().replace(/['\u2019](\d\d)$/, '20$1');
    const d: DurationMatch = { start: m.index, end: m.index + m[0].length, weeks: null, months: null, relation: 'since' };
    let since: string | undefined;
    // "since mid-September 2025", "since early March": the month itself, approximately.
    const monthPart = /^(?:early|mid|late)[\s-]+(?=[a-z])/.exec(what);
    const explicit = parseDate(monthPart ? what.slice(monthPart[0].length) : what);
    if (monthPart) d.approximate = true;
    // "since early 2024", "since mid-2021": the part of the year, approximately.
    const partOfYear = /^(early|mid|late)[\s-]+((?:19|20)\d\d)$/.exec(what);
    // "since the spring of 2024": the season's first month, approximately (a winter starts in December).
    const season = /^(?:the\s+)?(?:(early|late|mid)[\s-]+)?(spring|summer|fall|autumn|winter)\s+(?:of\s+)?((?:19|20)\d\d)$/.exec(what);
    if (season) {
      // Its first month, or its last for "late", its middle for "mid" (months counted from a later start: a lower bound).
      const first: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 };
      const month = first[season[2]!]! + (season[1] === 'late' ? 2 : season[1] === 'mid' ? 1 : 0);
      const year = Number(season[3]) + (month > 12 ? 1 : 0);
      since = `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
      d.approximate = true;
    } else if (partOfYear) {
      since = `${partOfYear[2]}-${partOfYear[1] === 'early' ? '02' : partOfYear[1] === 'mid' ? '06' : '10'}`;
      d.approximate = true;
    } else if (explicit) {
      since = explicit.iso;
      if (explicit.precision === 'year') d.approximate = true;
    } else if (/^last\s+year/.test(what) && noteDate) {
      since = String(Number(noteDate.slice(0, 4)) - 1);
      d.approximate = true;
    } else if (/^last\s+(?:spring|summer|fall|winter)/.test(what) && noteDate) {
      // "since last spring": the latest such season over before the note date (a winter starts in December).
      const first: Record<string, number> = { spring: 3, summer: 6, fall: 9, winter: 12 };
      const ms = first[/(spring|summer|fall|winter)/.exec(what)![1]!]!;
      const noteIdx = Number(noteDate.slice(0, 4)) * 12 + Number(noteDate.slice(5, 7) || '12') - 1;
      let y = Number(noteDate.slice(0, 4));
      while (y * 12 + ms - 1 + 3 > noteIdx) y--;
      since = `${y}-${String(ms).padStart(2, '0')}`;
      d.approximate = true;
    } else {
      const mon = /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.exec(what);
      if (mon && noteDate && !/\d/.test(what)) {
        // "since March": the latest March on or before the note date.
        const month = MONTH_INDEX[mon[1]!]!;
        const ny = Number(noteDate.slice(0, 4)), nm = Number(noteDate.slice(5, 7) || '12');
        const y = month <= nm ? ny : ny - 1;
        since = `${y}-${String(month).padStart(2, '0')}`;
      }
    }
    if (since) {
      d.since = since;
      if (noteDate) {
        const months = Math.max(0, monthsBetween(since, noteDate));
        d.months = months;
        d.weeks = round1(months * 4.345);
      }
    }
    addDuration(out, d);
  }

  for (const m of execAnchored(s, SESSIONS_ANCHOR, SESSIONS, 60, 2)) {
    const c = parseCount(m[1]!);
    if (!c || c.value <= 0) continue;
    const start = m.index, end = m.index + m[0].length;
    // "twelve sessions over two months": the span that follows belongs to the sessions.
    const follow = out.find((d) => d.start >= end && d.start - end <= 6 && /^[\s,]*$/.test(s.slice(end, d.start)));
    if (follow) {
      follow.sessions = c.value;
      follow.start = start;
      continue;
    }
    // "over two months" may not have been read as a lead-in span yet ("in two months" is not one).
    const tail = /^\s{1,2}(?:over|in|during|across|within)\s{1,2}((?:\d{1,3}|[a-z-]{1,14}|a|an))\s{1,2}(weeks?|wks?|months?|mos?)\b/i.exec(s.slice(end, end + 40));
    if (tail) {
      const tc = parseCount(tail[1]!);
      const conv = tc && convert(tc.value, tail[2]!);
      if (conv) {
        out.push({ start, end: end + tail[0].length, ...conv, sessions: c.value, relation: 'for' });
        continue;
      }
    }
    if (!overlaps(out, start, end)) out.push({ start, end, weeks: null, months: null, sessions: c.value });
  }

  return out.sort((a, b) => a.start - b.start);
}
