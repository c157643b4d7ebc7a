/**
 * Relief after a procedure or treatment, as a percentage when the note gives one:
 * "80% relief", "80-90%" (lower bound, CONTRACT), "fifty percent improvement", "no relief" (= 0),
 * "8/10 → 2/10" ((pre − post) / pre = 75), "complete relief" (= 100), plus words-only relief
 * ("some relief": percent null, for RELIEF_NOT_QUANTIFIED) and how long it lasted.
 * Only percentages near a relief word count: "50% stenosis" and "weight bearing 80%" do not.
 */
import {
  NUMBER_WORDS, PAIN_CONTEXT_BEFORE, PERCENT, PERCENT_ANCHOR, PERCENT_NOT_RELIEF_AFTER, PERCENT_NOT_RELIEF_BEFORE, RELIEF_ANCHOR,
  PERCENT_FIELD, RELIEF_DURATION_AFTER, RELIEF_FRACTION, RELIEF_FRACTION_COUNTED, SCORE_LABELLED, SCORE_AT_NEXT, SCORE_PAREN_PRE, SCORE_SAME_AS_BEFORE, ARROW_PERCENT, RELIEF_HELD, RELIEF_HELPED_FOR, RELIEF_LASTED, RELIEF_UNTIL, UNTIL_APPOSITIVE_DURATION, DURATION_OF_BEFORE, RELIEF_LASTED_RIGHT_AFTER, RELIEF_NONE, RELIEF_QUALITATIVE, RELIEF_WORD, SCORE_CHANGE, SCORE_POST_FIRST, SCORE_PRE_POST,
} from './patterns.ts';
import { anchorWindows, execAnchored, execInWindows, SpanIndex } from './scan.ts';
import { parseCount, wordsToNumber } from './numbers.ts';

export type ReliefDegree = 'none' | 'minimal' | 'some' | 'partial' | 'significant' | 'complete';
export type TimeUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months';

export interface ReliefDuration { value: number; unit: TimeUnit; hours: number }

export interface ReliefMatch {
  start: number;
  end: number;
  percent: number | null;
  qualitative: ReliefDegree | null;
  fromScore?: number;
  toScore?: number;
  duration?: ReliefDuration;
  /**
   * When the relief ended, as a date without the procedure's ("--03-05" for "until early March",
   * "2025-05-02" for "until ... on 5/2/2025"): the reader turns it into a duration from the session date.
   */
  until?: string;
  /** The time point of the report when the words give one ("3 at 2 weeks"): "2 weeks". */
  at?: string;
}

const DEGREES: readonly ReliefDegree[] = ['minimal', 'some', 'partial', 'significant', 'complete'];

/** Hours per unit; a month is 730 h (365.25 × 24 / 12). */
const HOURS: Record<TimeUnit, number> = { minutes: 1 / 60, hours: 1, days: 24, weeks: 168, months: 730 };

export function toTimeUnit(raw: string): TimeUnit | null {
  const u = raw.toLowerCase();
  if (u.startsWith('min')) return 'minutes';
  if (u.startsWith('h')) return 'hours';
  if (u.startsWith('d')) return 'days';
  if (u.startsWith('w')) return 'weeks';
  if (u.startsWith('mo')) return 'months';
  return null;
}

/** A span as written ("6", "weeks"; "~2", "h"): its value, unit and hours. */
export function duration(count: string, unit: string): ReliefDuration | undefined {
  // "for many months", "several weeks": how long is not said (never a short span to fall under a threshold).
  if (/^(?:many|several|multiple|numerous)$/i.test(count.trim())) return undefined;
  const c = /^an?$/i.test(count.trim()) ? { value: 1 } : parseCount(count);
  const u = toTimeUnit(unit);
  if (!c || !u) return undefined;
  return { value: c.value, unit: u, hours: Math.round(c.value * HOURS[u] * 100) / 100 };
}

/** Window of the same clause around [start, end): stops at a sentence end, a newline or ';'. */
function clause(s: string, start: number, end: number, reach: number): { before: string; after: string } {
  let b = s.slice(Math.max(0, start - reach), start);
  const cut = Math.max(b.lastIndexOf('\n'), b.lastIndexOf('; '), b.search(/\.\s[^.]*$/));
  if (cut >= 0) b = b.slice(cut + 1);
  let a = s.slice(end, end + reach);
  const stop = a.search(/\n|;|\.(?:\s|$)/);
  if (stop >= 0) a = a.slice(0, stop);
  return { before: b, after: a };
}

function attachDuration(s: string, r: ReliefMatch): void {
  const m = RELIEF_DURATION_AFTER.exec(s.slice(r.end, r.end + 150));
  if (!m) return;
  const d = duration(m[1]!, m[2]!);
  if (d) { r.duration = d; r.end += m.index + m[0].length; }
}

/** "Relief 85.7% at 2 hours", "relief of 62.5%": a decimal named as relief right before it. */
const DECIMAL_RELIEF_BEFORE = /\b(?:(?:relief|improvement)\s{0,2}(?:of\s{1,2}|:\s{0,2}|=\s{0,2})?|still\s{1,2}(?:about\s{1,2}|at\s{1,2})?)~?\s{0,2}$/i;

/** "gave 50%", "provided her about 70%": a procedure's yield, right before the percentage. */
const GAVE_BEFORE = /\b(?:gave|gives|provided|yielded|produced)\s+(?:her|him|them|the\s+patient\s+)?\s*(?:about\s+|roughly\s+|approximately\s+|~\s*|only\s+|maybe\s+)?$/i;
/** Right after a decimal percentage, the word that makes it relief: "62.5% relief", "87.5 % improvement", "66.7% better". */
const DECIMAL_RELIEF_AFTER = /^\s{0,2}(?:(?:pain\s{1,2})?relief|improvement|reduction|better|improved|decrease)\b/i;
/** "leg pain down about 60%", "pain is down by half... 50%", "symptoms down ~70%": pain that went down by the figure. */
const PAIN_DOWN_BEFORE = /\b(?:pain|symptoms|it)\s+(?:(?:is|are|was|were|has\s+gone|went)\s+)?down\s+(?:by\s+)?(?:about\s+|roughly\s+|approximately\s+|around\s+|nearly\s+|~\s*|only\s+)?$/i;

/** Relief from a 0–10 score before and after: (pre − post) / pre; a worsening is 0, never negative; null off the scale. */
function scoreRelief(pre: number, post: number): number | null {
  if (!(pre > 0 && pre <= 10 && post >= 0 && post <= 10)) return null;
  return Math.max(0, Math.round(((pre - post) / pre) * 1000) / 10);
}

/** A relief told by a score before and a score after, where no other match took its words; null off the scale. */
function scorePair(taken: SpanIndex, start: number, end: number, pre: number, post: number): ReliefMatch | null {
  const percent = scoreRelief(pre, post);
  if (taken.overlaps(start, end) || percent === null) return null;
  return { start, end, percent, qualitative: null, fromScore: pre, toScore: post };
}

/** A relief figure as a match: 0% is none, 100% complete. */
export function percentRelief(start: number, end: number, value: number): ReliefMatch {
  return { start, end, percent: value, qualitative: value === 0 ? 'none' : value === 100 ? 'complete' : null };
}

/** A stated figure ("(90%)", "% relief: 70") as a match with its duration, unless the span is already read. */
function addStatedPercent(s: string, out: ReliefMatch[], taken: SpanIndex, start: number, end: number, value: number): void {
  if (taken.overlaps(start, end)) return;
  const r = percentRelief(start, end, value);
  attachDuration(s, r);
  addMatch(out, taken, r);
}

/** Records a match (module-level, not a closure: tsx's keepNames wraps every closure it creates). */
function addMatch<T extends { start: number; end: number }>(out: T[], taken: SpanIndex, m: T): void {
  taken.add(m.start, m.end);
  out.push(m);
}

/** A later score and its time point: "(was) still at 3/10 at five months", "and 4/10 by 3 months". Groups: 1 score, 2–3 count and unit. */
const LATER_SCORE_AT = new RegExp(`(?:\\b(?:still\\s{1,2}(?:at\\s{1,2})?|(?:was|were|is)\\s{1,2}(?:still\\s{1,2})?(?:at\\s{1,2})?|remained\\s{1,2}(?:at\\s{1,2})?|and\\s{1,2}|then\\s{1,2})|[,;]\\s{0,2})(\\d{1,2})\\s{0,2}\\/\\s{0,2}10\\s{1,2}(?:at|by)\\s{1,2}(?:the\\s{1,2}|about\\s{1,2})?(\\d{1,2}|${NUMBER_WORDS})[- ]?(hours?|hrs?|days?|weeks?|wks?|months?|mos?)(?![a-z])`, 'i');

/** The time point first: "at the 4-month visit (12/16/2025) NRS was 3/10", "at 3 months, pain 4/10". Groups: 1–2 count and unit, 3 score. */
const LATER_AT_SCORE = new RegExp(`\\bat\\s{1,2}(?:the\\s{1,2}|her\\s{1,2}|his\\s{1,2})?(\\d{1,2}|${NUMBER_WORDS})[- ]?(days?|weeks?|wks?|months?|mos?)(?:[- ](?:visit|follow[- ]?up|f\\/u|check|mark))?\\s{0,2}(?:\\([^()]{0,24}\\))?\\s{0,2},?\\s{0,2}(?:(?:her|his|the)\\s{1,2})?(?:(?:nrs|vas|pain|score|pain\\s{1,2}score)\\s{1,2})?(?:was|of|=|:)?\\s{0,2}(\\d{1,2})\\s{0,2}\\/\\s{0,2}10(?![0-9])`, 'i');

/** A score's time point told right after it: "2/10 at 3 weeks", "2/10 by the 6-week visit". Groups: count, unit. */
const OWN_TIME_POINT = new RegExp(`^\\s{0,2}(?:at|by)\\s{1,2}(?:the\\s{1,2}|about\\s{1,2})?(\\d{1,2}|${NUMBER_WORDS})[- ]?(days?|weeks?|wks?|months?|mos?)(?![a-z])(?:[- ](?:visit|follow[- ]?up|f\\/u|mark))?`, 'i');

export function findRelief(s: string): ReliefMatch[] {
  const out: ReliefMatch[] = [];
  const taken = new SpanIndex();

  // Before/after scores first: "8/10 to 1/10" must not be read as anything else.
  SCORE_CHANGE.lastIndex = 0;
  for (let m = SCORE_CHANGE.exec(s); m; m = SCORE_CHANGE.exec(s)) {
    const pre = Number(m[1]), post = Number(m[3]);
    const slashed = Boolean(m[2] || m[4]);
    const percent = scoreRelief(pre, post);
    if (percent === null) continue;
    // A bare "from 8 to 1" needs pain words before it ("8/10 → 2/10" does not); so does "VAS 8 → 2",
    // whose arrow says change, where "pain 3 to 4 times a day" has none.
    // A block's anesthetic before the arrow ("02/11/2025 lidocaine  8 -> 1") makes it the block's pain scores.
    // A wrapped line's indent is no distance ("NRS 8 -> 2 at 3 months\n      (75%), 8 -> 3 at 7 months"),
    // and a change right after another one read as pain scores is one too.
    const painBefore = PAIN_CONTEXT_BEFORE.test(s.slice(Math.max(0, m.index - 120), m.index).replace(/\s+/g, ' ').slice(-50)) ||
      out.some((o) => o.fromScore !== undefined && o.end <= m!.index && m!.index - o.end <= 60 && !/[.;]/.test(s.slice(o.end, m!.index))) ||
      /\b(?:lidocaine|bupivacaine|ropivacaine|marcaine|xylocaine)\b[^.;\n]{0,12}$/i.test(s.slice(Math.max(0, m.index - 30), m.index));
    const arrow = /→|->|=>/.test(m[0]);
    if (!slashed && !(painBefore && (/^(?:from|pre)/i.test(m[0]) || arrow))) continue;
    // "7/10 to 8/10" is a worsening: relief 0 (scoreRelief), never a negative number.
    const r: ReliefMatch = { start: m.index, end: m.index + m[0].length, percent, qualitative: null, fromScore: pre, toScore: post };
    attachDuration(s, r);
    addMatch(out, taken, r);
  }

  // "from 8/10 to 2/10 by six weeks and he was still at 3/10 at five months": a later reading
  // against the same score before, told on in the sentence.
  for (const o of out.slice()) {
    if (o.fromScore === undefined) continue;
    // Its own time point right after it ("8/10 -> 2/10 at 3 weeks, 3/10 at 14 weeks") is its own, not the next reading's.
    const own = OWN_TIME_POINT.exec(s.slice(o.end, o.end + 30));
    const ownD = own ? duration(own[1]!, own[2]!) : undefined;
    if (own && ownD && !o.duration) o.at ??= `${ownD.value} ${ownD.unit}`;
    const from = o.end + (own ? own[0].length : 0);
    const rest = s.slice(from, from + 100);
    const stop = rest.search(/\.\s|\n\s*\n/);
    const within = stop < 0 ? rest : rest.slice(0, stop);
    // "... score N/10 at <time>" or "at the 4-month visit (12/16/2025) NRS was 3/10".
    const a = LATER_SCORE_AT.exec(within);
    const b = a ? null : LATER_AT_SCORE.exec(within);
    const m = a ?? b;
    if (!m) continue;
    const start = from + m.index + (a ? m[0].search(/\d/) : 0), end = from + m.index + m[0].length;
    const next = scorePair(taken, start, end, o.fromScore, Number(a ? a[1] : b![3]));
    const d = a ? duration(a[2]!, a[3]!) : duration(b![1]!, b![2]!);
    if (!next || !d) continue;
    next.at = `${d.value} ${d.unit}`;
    addMatch(out, taken, next);
  }

  // "8 -> 0.8 (90%)": the percentage a score change states is its relief.
  ARROW_PERCENT.lastIndex = 0;
  for (let m = ARROW_PERCENT.exec(s); m; m = ARROW_PERCENT.exec(s)) {
    const start = m.index, end = m.index + m[0].length, value = Number(m[1]);
    if (value > 100) continue;
    // The score change already read inside it takes the stated figure; else the figure is a match of its own.
    const read = out.filter((o) => o.start >= start && o.start < end);
    for (const o of read) o.percent = value;
    if (!read.length) addStatedPercent(s, out, taken, start, end, value);
  }
  // "NRS 2/10 (pre-RFA 7/10)": the score now, the score before in parentheses.
  SCORE_PAREN_PRE.lastIndex = 0;
  for (let m = SCORE_PAREN_PRE.exec(s); m; m = SCORE_PAREN_PRE.exec(s)) {
    // (Groups 3–4: the score before written first inside, "5/10 (8/10 before)".)
    const r = scorePair(taken, m.index, m.index + m[0].length, Number(m[2] ?? m[4]), Number(m[1] ?? m[3]));
    if (r) { attachDuration(s, r); addMatch(out, taken, r); }
  }
  // "NRS 7/10, same as before RFA": no relief.
  SCORE_SAME_AS_BEFORE.lastIndex = 0;
  for (let m = SCORE_SAME_AS_BEFORE.exec(s); m; m = SCORE_SAME_AS_BEFORE.exec(s)) {
    const r = scorePair(taken, m.index, m.index + m[0].length, Number(m[1]), Number(m[1]));
    if (r) { r.qualitative = 'none'; addMatch(out, taken, r); }
  }

  // Pain now, then pain before: "VAS 6/10 compared with 7/10 before the procedure", "3/10, down from 8/10".
  SCORE_POST_FIRST.lastIndex = 0;
  for (let m = SCORE_POST_FIRST.exec(s); m; m = SCORE_POST_FIRST.exec(s)) {
    if (!m[2] && !m[4]) continue;
    const r = scorePair(taken, m.index, m.index + m[0].length, Number(m[3]), Number(m[1]));
    if (r) addMatch(out, taken, r);
  }

  // "NRS 8 pre, 3 at 2 weeks", "VAS 9/10 before, 4/10 at the 4-week visit", "8/10 pre, 2/10 for the first 6 hours".
  if (/pre|before|baseline/i.test(s)) {
    SCORE_LABELLED.lastIndex = 0;
    for (let m = SCORE_LABELLED.exec(s); m; m = SCORE_LABELLED.exec(s)) {
      const r = scorePair(taken, m.index, m.index + m[0].length, Number(m[1]), Number(m[2]));
      if (!r) continue;
      if (m[3] && m[4]) { const d = duration(m[3], m[4]); if (d) r.at = `${d.value} ${d.unit}`; }
      if (m[5] && m[6]) { const d = duration(m[5], m[6]); if (d) r.duration = d; }
      if (!r.duration) attachDuration(s, r);
      addMatch(out, taken, r);
      // "...; 3/10 at 10 weeks": a later reading against the same score before.
      for (let at = m.index + m[0].length, n = SCORE_AT_NEXT.exec(s.slice(at)); n; n = SCORE_AT_NEXT.exec(s.slice(at))) {
        const next = scorePair(taken, at + n.index + n[0].search(/\d{1,2}(?:\s{0,2}\/\s{0,2}10)?\s{0,2}at\s/), at + n[0].length, Number(m[1]), Number(n[1]));
        const d = duration(n[2]!, n[3]!);
        if (!next || !d) break;
        next.at = `${d.value} ${d.unit}`;
        addMatch(out, taken, next);
        at += n[0].length;
      }
    }
  }

  // A form's "% relief: 70", "% relief: fifty (50)".
  if (s.includes('%')) {
    PERCENT_FIELD.lastIndex = 0;
    for (let m = PERCENT_FIELD.exec(s); m; m = PERCENT_FIELD.exec(s)) {
      const start = m.index, end = m.index + m[0].length;
      const value = m[1] !== undefined ? Number(m[1]) : m[3] !== undefined ? Number(m[3]) : wordsToNumber(m[2]!);
      if (value !== null && value <= 100) addStatedPercent(s, out, taken, start, end, value);
    }
  }

  // "Pre-procedure pain 7/10 ... post-procedure pain 0/10" across a sentence break.
  SCORE_PRE_POST.lastIndex = 0;
  for (let m = SCORE_PRE_POST.exec(s); m; m = SCORE_PRE_POST.exec(s)) {
    const r = scorePair(taken, m.index, m.index + m[0].length, Number(m[1]), Number(m[3]));
    if (r) addMatch(out, taken, r);
  }

  for (const m of execAnchored(s, PERCENT_ANCHOR, PERCENT, 40, 2)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const value = m[3] ? wordsToNumber(m[3]) : Number(m[1]);
    // Decimals are concentrations ("bupivacaine 0.25%"), unless relief is named right after ("(62.5% relief)").
    if (value === null || value > 100 || (/\./.test(m[1] ?? '') && !DECIMAL_RELIEF_AFTER.test(s.slice(end, end + 24)) && !DECIMAL_RELIEF_BEFORE.test(s.slice(Math.max(0, start - 16), start)))) continue;
    const second = m[2] ? Number(m[2]) : null;
    if (second !== null && (second > 100 || second < value)) continue;
    const { before, after } = clause(s, start, end, 70);
    if (PERCENT_NOT_RELIEF_AFTER.test(s.slice(end, end + 30))) continue;
    // "ODI improved from 44% to 16%": a disability score told as a change, not relief.
    if (/\b(?:odi|oswestry|ndi|disability(?:\s+index)?)\b[^.;,\n]{0,30}$/i.test(s.slice(Math.max(0, start - 40), start))) continue;
    // ... and its second figure, told after the first ("Oswestry score improved from 46% before the procedure to 18%").
    if (/\b(?:odi|oswestry|ndi|disability(?:\s+index)?)\b[^.;]{0,30}\bfrom\s{0,2}\d{1,3}\s{0,2}%[^.;%]{0,50}\bto\s{0,3}$/i.test(s.slice(Math.max(0, start - 120), start))) continue;
    // "lidocaine 1%" is a concentration; "lidocaine: 90% relief" is what the block gave.
    if (PERCENT_NOT_RELIEF_BEFORE.test(s.slice(Math.max(0, start - 30), start)) &&
        // (With a hedge between: "lidocaine: about 62% relief", "bupivacaine, ~80% better".)
        !(/(?:bupivacaine|lidocaine|ropivacaine|marcaine)\s{0,2}[:,-]\s{0,3}(?:(?:about|approx(?:imately|\.)?|roughly|nearly|almost|around|over|at least|~|>)\s{0,3})?$/i.test(s.slice(Math.max(0, start - 36), start)) && /^\s{0,2}(?:relief|improvement|pain\s{1,2}relief|better)\b/i.test(s.slice(end, end + 20)))) continue;
    // The relief word must sit in the same clause, close to the number; or the percentage is
    // followed at once by how long it lasted ("100% for 6 hours", "50% x 3 weeks"), which only
    // relief is.
    const near = before.slice(-60) + ' ' + after.slice(0, 45);
    const r = percentRelief(start, end, value);
    const lastedAt = RELIEF_LASTED_RIGHT_AFTER.test(s.slice(end, end + 12));
    // "A repeat at the same joint on January 6th gave 50%": what a procedure gave is its relief.
    // "75% at 4 weeks and 50% at 3 months": a figure listed right after a relief figure is one too.
    const listed = out.some((o) => o.percent !== null && o.end <= start && start - o.end <= 30 && /^[^.%]*?(?:,|;|\band\b|\bthen\b)\s*(?:about\s+|~\s*)?$/.test(s.slice(o.end, start)));
    const gave = listed || GAVE_BEFORE.test(s.slice(Math.max(0, start - 30), start)) || PAIN_DOWN_BEFORE.test(s.slice(Math.max(0, start - 40), start));
    if (!RELIEF_WORD.test(near) && !lastedAt && !gave) continue;
    attachDuration(s, r);
    // "about 6 months of 70% relief": how long, told before the figure.
    if (!r.duration) {
      const b = DURATION_OF_BEFORE.exec(s.slice(Math.max(0, start - 40), start));
      const d = b ? duration(b[1]!, b[2]!) : undefined;
      if (d) r.duration = d;
    }
    if (!RELIEF_WORD.test(near) && !r.duration && !gave) continue;
    addMatch(out, taken, r);
  }

  const windows = anchorWindows(s, RELIEF_ANCHOR, 50, 40);
  for (const m of execInWindows(s, windows, RELIEF_NONE)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    // "no relief" inside a longer word-degree phrase ("little to no relief") is handled below.
    if (/little\s{1,2}(?:to|or)\s{1,2}$/i.test(s.slice(Math.max(0, start - 12), start))) continue;
    const r: ReliefMatch = { start, end, percent: 0, qualitative: 'none' };
    attachDuration(s, r);
    addMatch(out, taken, r);
  }

  for (const m of execInWindows(s, windows, RELIEF_QUALITATIVE)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    // "70% of his leg pain resolved": the part resolved is the figure before it.
    if (/\d\s{0,2}(?:%|percent)\s{1,2}of\s{1,2}(?:[a-z]+\s{1,2}){0,3}$/i.test(s.slice(Math.max(0, start - 40), start))) continue;
    const g = [1, 2, 3, 4, 5].find((i) => m[i] !== undefined)!;
    const degree = DEGREES[g - 1]!;
    const r: ReliefMatch = { start, end, percent: degree === 'complete' ? 100 : null, qualitative: degree };
    attachDuration(s, r);
    // "about nine months of meaningful relief", "8 months of good relief": how long, told before it.
    if (!r.duration) {
      const b = DURATION_OF_BEFORE.exec(s.slice(Math.max(0, start - 40), start));
      const d = b ? duration(b[1]!, b[2]!) : undefined;
      if (d) r.duration = d;
    }
    addMatch(out, taken, r);
  }

  for (const m of execInWindows(s, windows, RELIEF_LASTED)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const d = duration(m[1]!, m[2]!);
    if (!d) continue;
    addMatch(out, taken, { start, end, percent: null, qualitative: null, duration: d });
  }

  for (const m of execInWindows(s, windows, RELIEF_HELPED_FOR)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const d = duration(m[1] ?? m[3]!, m[2] ?? m[4]!);
    if (!d) continue;
    addMatch(out, taken, { start, end, percent: null, qualitative: null, duration: d });
  }

  // "two-thirds improvement", "better by half": a fraction is a percentage.
  if (/half|third|quarter|fourth/i.test(s)) {
    RELIEF_FRACTION.lastIndex = 0;
    for (let m = RELIEF_FRACTION.exec(s); m; m = RELIEF_FRACTION.exec(s)) {
      const start = m.index, end = m.index + m[0].length;
      if (taken.overlaps(start, end)) continue;
      const words = (m[1] ?? m[2] ?? m[3]!).toLowerCase();
      const percent = /three/.test(words) ? 75 : /two/.test(words) ? 67 : /half/.test(words) ? 50 : /third/.test(words) ? 33 : 25;
      const r: ReliefMatch = { start, end, percent, qualitative: null };
      attachDuration(s, r);
      addMatch(out, taken, r);
    }
  }

  // "relief at about nine-tenths", "four-fifths better": a counted fraction is a percentage.
  if (/tenth|fifth|third|quarter/i.test(s)) {
    const COUNT: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
    const PART: Record<string, number> = { tenth: 10, fifth: 5, third: 3, quarter: 4 };
    RELIEF_FRACTION_COUNTED.lastIndex = 0;
    for (let m = RELIEF_FRACTION_COUNTED.exec(s); m; m = RELIEF_FRACTION_COUNTED.exec(s)) {
      const start = m.index, end = m.index + m[0].length;
      if (taken.overlaps(start, end)) continue;
      const n = COUNT[(m[1] ?? m[3]!).toLowerCase()]!;
      const d = PART[(m[2] ?? m[4]!).toLowerCase().replace(/s$/, '')]!;
      if (n >= d) continue;
      const r: ReliefMatch = { start, end, percent: Math.round((n / d) * 1000) / 10, qualitative: null };
      attachDuration(s, r);
      addMatch(out, taken, r);
    }
  }

  // "wore off after 3 weeks", "stayed there for six weeks": how long the relief told before it held,
  // or a duration of its own.
  if (/wore|wear|worn|faded|returned|came back|recurred|stayed|remained|held|kept|out of|baseline|usual/i.test(s)) {
    RELIEF_HELD.lastIndex = 0;
    for (let m = RELIEF_HELD.exec(s); m; m = RELIEF_HELD.exec(s)) {
      const start = m.index, end = m.index + m[0].length;
      if (taken.overlaps(start, end)) continue;
      const d = duration(m[1]!, m[2]!);
      if (!d) continue;
      const host = out.filter((r) => r.end <= start && !r.duration && !/[.;\n]/.test(s.slice(r.end, start))).pop();
      if (host) { host.duration = d; host.end = end; taken.add(start, end); continue; }
      // A stay needs the relief it continues; an end ("wore off after 3 weeks") tells relief by itself.
      if (/^(?:stayed|remained|held|kept)/i.test(m[0])) continue;
      // "back to baseline by three weeks" ends a relief told before it; alone it tells none.
      if (/^(?:back|returned\s+to)/i.test(m[0])) continue;
      addMatch(out, taken, { start, end, percent: null, qualitative: null, duration: d });
    }
  }

  // "lasted until early March": the end of the relief, for the session's date to turn into a duration.
  if (/until|till|through|thru|wore off|worn off|wearing off|faded|returned|came back/i.test(s)) {
    RELIEF_UNTIL.lastIndex = 0;
    for (let m = RELIEF_UNTIL.exec(s); m; m = RELIEF_UNTIL.exec(s)) {
      const start = m.index;
      const until = untilDate(m);
      if (!until) continue;
      // The relief of the same sentence (before it, or just after it: "good relief ... until mid-September - 70% better").
      const same = out.filter((r) => !r.duration && !r.until && !/[.\n]/.test(s.slice(Math.min(r.end, start), Math.max(r.start, start))));
      const host = same.sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start))[0];
      if (!host) continue;
      // "until around Christmas, roughly nine months": the length told beside the end is the duration.
      const told = UNTIL_APPOSITIVE_DURATION.exec(s.slice(start + m[0].length, start + m[0].length + 40));
      const d = told ? duration(told[1]!, told[2]!) : undefined;
      if (d) host.duration = d;
      else host.until = until;
    }
  }

  // "3 good months out of the last injection in October (~70%)": a figure in parentheses right after
  // a length told without one is its relief.
  for (const r of out) {
    if (r.percent !== null || r.qualitative !== null || !r.duration) continue;
    const m = /^[^.;\n()]{0,40}?\(\s{0,2}(?:~|about\s+|approx\.?\s+)?(\d{1,3})\s{0,2}%\s{0,2}\)/.exec(s.slice(r.end, r.end + 60));
    if (!m || Number(m[1]) > 100 || taken.overlaps(r.end + m.index, r.end + m[0].length)) continue;
    r.percent = Number(m[1]);
    r.end += m[0].length;
  }
  // "helped about 70%, but the benefit lasted only about five weeks": a length told on its own in the
  // same sentence, right after a figure told without one, is that figure's.
  out.sort((a, b) => a.start - b.start);
  for (let k = out.length - 1; k > 0; k--) {
    const r = out[k]!, host = out[k - 1]!;
    if (r.percent !== null || r.qualitative !== null || !r.duration || host.percent === null || host.duration || host.until) continue;
    if (r.start - host.end > 70 || /[.\n]/.test(s.slice(host.end, r.start).replace(/\n(?=[a-z ])/g, ' '))) continue;
    host.duration = r.duration;
    out.splice(k, 1);
  }
  return out;
}

const MONTH_NUMBER: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

function untilDate(m: RegExpExecArray): string | undefined {
  if (m[4]) {
    const [mo, d, y] = m[4].split('/').map(Number) as [number, number, number];
    const year = y < 100 ? 2000 + y : y;
    return `${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  if (m[7]) {
    // A holiday, on its usual day: "through Thanksgiving", "wore off by Christmas".
    const h = m[7].toLowerCase().replace(/\s+/g, ' ');
    const day = /thanks/.test(h) ? '11-25' : /christmas/.test(h) ? '12-25' : /new year/.test(h) ? '01-01' : /labor/.test(h) ? '09-05'
      : /memorial/.test(h) ? '05-28' : /halloween/.test(h) ? '10-31' : '07-04';
    return `--${day}`;
  }
  if (m[6]) {
    // A season's end (or middle, or start): "until the end of the summer" = 08-31.
    const season = m[6].toLowerCase().replace('autumn', 'fall');
    const part = (m[5] ?? '').toLowerCase();
    const at = /end|late/.test(part) ? 2 : /mid/.test(part) ? 1 : /early|beginning/.test(part) ? 0 : 2;
    const days: Record<string, string[]> = { spring: ['03-20', '04-30', '05-31'], summer: ['06-21', '07-31', '08-31'], fall: ['09-22', '10-31', '11-30'], winter: ['12-21', '01-31', '02-28'] };
    return `--${days[season]![at]}`;
  }
  const month = MONTH_NUMBER[(m[2] ?? '').slice(0, 3).toLowerCase()];
  if (!month) return undefined;
  const part = (m[1] ?? '').toLowerCase();
  // Early March: its first days count (a lower bound); mid: the 15th; late or the end: the 25th;
  // "through January" takes the month in (its 28th, a lower bound).
  const through = /^(?:through|thru)\b/i.test(m[0]) && !part;
  const day = /mid|middle/.test(part) ? 15 : /late|end/.test(part) || through ? (through ? 28 : 25) : 1;
  return `${m[3] ?? '-'}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
