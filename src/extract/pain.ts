/**
 * pain_score (scale, value, context) and pain_duration (months).
 */
import { findDates } from '../nlp/values/dates.ts';
import { findDurations, monthsBetween } from '../nlp/values/duration.ts';
import { compareDates, isIsoDate } from '../case/dates.ts';
import { findPainScores } from '../nlp/values/pain-score.ts';
import { ExtractionContext, mergeByKey, type FactDraft, lineStartAt } from './context.ts';

const PRE = /\b(pre[- ]?procedur\w*|pre[- ]?injection|before (?:the )?(?:procedure|injection|block)|prior to (?:the )?(?:procedure|injection|block)|preprocedur\w*)\b/;
const POST = /\b(post[- ]?procedur\w*|post[- ]?injection|post[- ]?block|after (?:the )?(?:procedure|injection|block|blocks|tfesi|esi|mbb|rfa)|following (?:the )?(?:procedure|injection|block)|postprocedur\w*|post)\b\W{0,20}$/;
/** "from 8/10 to 1/10", "8/10 -> 2/10", "pre 8/10 ... post 0/10": the two scores of one procedure's relief. */
const PAIR_TO = /^\s*(?:to|->|→|-+>|=>|down to)\s*$/;
const PAIR_FROM = /\b(from|went from|pre)\s*$/;
/** Goals and provoked pain are not pain scores ("pain less than 4/10", "increase in SI pain to 8/10 with testing"). */
const NOT_A_SCORE = /\b(less than|greater than|<|>|goal|will be|will report|at most|no more than|equal to|increase\w* in [\w\s]{0,30} to|increas\w* to)\W{0,12}(?:a\s+)?$/;
const BASELINE = /\b(baseline|average|usual(?:ly)?|typical(?:ly)?|on average|at rest|worst|best)\b/;
/** A follow-up/progress visit (its scores are `current`), told by the note's heading lines. */
const FOLLOW_UP = /\b(follow[- ]?up|f\/u|progress note|progress report|established patient|returns? (?:to clinic|for|today)|interval history|re-?evaluation|revisit|permanent and stationary|permanent & stationary|p&s|pr-2|visit \d+ of \d+|visit #\s?\d+|discharge summary|at discharge|post[- ]?op(?:erative)? visit|peer review|utilization review|current pain)\b/;

/** Vague amounts are not durations ("over the past several weeks", "for years"). */
const VAGUE = /\b(several|few|couple|many|some|number of)\b/;
/** A bare stated length: "(~18 mos)", "about 7 months now", "10 months of low back ache". */
const BARE = /(?:~|about|approximately|approx\.?|roughly|nearly|almost|over)?\s*(\d{1,3}(?:\.\d)?)\+?\s*(days?|weeks?|wks?|months?|mos?|years?|yrs?)\b(?=\s*(?:\)|now|of\b|duration|history|ago|,|\.))/g;

interface DurationCandidate { start: number; end: number; months: number; approximate?: boolean; rule: string; relation?: 'for' | 'since' | 'ago' }

/** A question about when the pain began or how long it has lasted. */
const TIME_QUESTION = /\b(?:when|how\s+long|duration|since\s+when|onset)\b/;
/** A bare length that is a form's whole answer: "How long have you had this pain?   2 years". */
const BARE_ANSWER = /^\W{0,3}(?:~|about|approximately|approx\.?|roughly|nearly|almost|over)?\s*(\d{1,3}(?:\.\d)?)\+?\s*(days?|weeks?|wks?|months?|mos?|years?|yrs?)\W{0,3}$/;

/** A bare length in months: days / 30, weeks / 4, years × 12. */
function monthsOf(n: number, unit: string): number {
  return /^d/.test(unit) ? n / 30 : /^w/.test(unit) ? n / 4 : /^y/.test(unit) ? n * 12 : n;
}

function durationCandidates(t: string, noteDate?: string, answer = false): DurationCandidate[] {
  const out: DurationCandidate[] = [];
  const bare = answer ? BARE_ANSWER.exec(t) : null;
  if (bare) {
    const n = Number(bare[1]);
    const unit = bare[2]!;
    const start = bare.index + bare[0].indexOf(bare[1]!);
    return [{ start, end: start + bare[0].trim().length, months: monthsOf(n, unit), approximate: /~|about|approx|roughly|nearly|almost|over/.test(bare[0]) || undefined, rule: 'pain.duration.stated' }];
  }
  for (const d of findDurations(t, noteDate)) {
    if (d.months === null || d.sessions) continue;
    // Vague amounts are not durations, except years: "for the past couple of years", "for several
    // years" say the pain has lasted years (approximately: two, or three for several/many).
    if (VAGUE.test(t.slice(d.start, d.end))) {
      if (!/\byears?\b/.test(t.slice(d.start, d.end)) || /\b(?:some|few|number of)\b/.test(t.slice(d.start, d.end))) continue;
      out.push({ start: d.start, end: d.end, months: /\bcouple\b/.test(t.slice(d.start, d.end)) ? 24 : 36, approximate: true, rule: 'pain.duration.vague_years' });
      continue;
    }
    out.push({ start: d.start, end: d.end, months: d.months, approximate: d.approximate, rule: d.since ? 'pain.duration.since' : 'pain.duration.stated', relation: d.relation });
  }
  BARE.lastIndex = 0;
  for (let m = BARE.exec(t); m; m = BARE.exec(t)) {
    const start = m.index + m[0].length - m[0].trimStart().length;
    if (out.some((o) => start < o.end && m!.index + m![0].length > o.start && !o.rule.endsWith('since'))) continue;
    if (/\b(?:year|yr)s?[- ]old\b|y\/o|yo\b/.test(t.slice(start, start + m[0].length + 6))) continue;
    const n = Number(m[1]);
    const unit = m[2]!;
    out.push({ start, end: m.index + m[0].length, months: monthsOf(n, unit), approximate: /~|about|approx|roughly|nearly|almost|over/.test(m[0]), rule: 'pain.duration.stated' });
  }
  return out.sort((a, b) => a.start - b.start);
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Scores written in words: "rates the pain six out of ten". */
const WORD_SCORE = /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:out\s+)?of\s+(?:ten|10)\b/g;
function wordScores(t: string): { start: number; end: number; scale: 'NRS'; value: number; max: number }[] {
  const out: { start: number; end: number; scale: 'NRS'; value: number; max: number }[] = [];
  WORD_SCORE.lastIndex = 0;
  for (let m = WORD_SCORE.exec(t); m; m = WORD_SCORE.exec(t)) out.push({ start: m.index, end: m.index + m[0].length, scale: 'NRS', value: NUMBER_WORDS.indexOf(m[1]!), max: 10 });
  return out;
}

/** A range takes its lower bound ("6-7/10" → 6). */
function rangeLow(t: string, p: { start: number; end: number; value: number }): number {
  const m = /(\d{1,2}(?:\.\d)?)\s*(?:-|to)\s*\d{1,2}(?:\.\d)?\s*\/\s*10/.exec(t.slice(p.start, p.end));
  return m ? Number(m[1]) : p.value;
}
/** A return visit's interval: "RTC 2 wk", "f/u in 3 weeks", "follow up 4-6 weeks", "see back in 2 wks". */
const VISIT_INTERVAL_BEFORE = /\b(?:rtc|return(?:\s+to\s+clinic)?|f\/u|follow[- ]?up|recheck|re-?eval(?:uat\w*)?|see\s+(?:him|her|them|pt|patient)?\s*(?:back)?)\s*(?:in|after)?\s*$/;
const PAIN_WORD = /\b(pain|ache|aching|hurt\w*|symptoms?|sx|sciatica|lbp|discomfort|radiculopathy|back\s+(?:trouble|problems?|issues?))\b/;
/** The pain named in the sentence before, taken up again: "it has been daily since 2019". */
const PAIN_PRONOUN = /\b(?:(?:it|this|they|these)\s+(?:has|have|had|is|are|was|were|started|began|came on|dates?|goes)\b|(?:had|has|have)\s+(?:had\s+)?(?:it|this|these|them)\b|the\s+(?:problem|issue|condition|complaint)\b)/;
/** A window of time told by "over/for/during the past/last ..." (a score's period when it follows one). */
const SCORE_WINDOW = /\b(?:over|for|during|throughout|in)\s+the\s+(?:past|last|previous|preceding)\b/;
/** A log entry's date at the start of its line: "12/15/2025  Initial exam.", "01/14/26 - visit 10". */
const ENTRY_DATE = /^\s*(\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2}))(?![\d/])/;
const ONSET_FIELD = /^\s*[-*•]?\s*(?:(?:date\s+of|symptoms?|sx|pain)\s+)?onset(?:\s+(?:date|of\s+(?:symptoms?|sx|pain)))?\s*(?::|(?=\s(?:in\s+)?(?:(?:early|late|mid)[\s-])?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|(?:19|20)\d\d|\d{1,2}\/)))/;
/** A treatment named right before a time ago ("after the block 3 weeks ago", "s/p TFESI 2 months ago"). */
const TREATMENT_BEFORE = /\b(?:blocks?|injections?|esi|tfesi|ilesi|mbbs?|rfa|ablation|neurotomy|procedure|surgery|shot|epidural|pt|therapy)\s*(?:#\s?\d\s*)?(?:\([^()]{0,20}\)\s*)?$/;
const ONSET = /\b(onset|began|started|start|since|for|x|over|duration|history of|ago|chronic)\b/;

export function extractPain(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const head = ctx.norm.slice(0, 600);
  const followUp = FOLLOW_UP.test(head);
  const procedureNote = ctx.nlp.sections.some((s) => s.category === 'procedure') && /procedure|operative/.test(head);
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'allergies', 'medications'].includes(sentence.section)) return;
    const t = ctx.norm.slice(sentence.start, sentence.end);
    const scores = [...findPainScores(t), ...wordScores(t)].sort((a, b) => a.start - b.start);
    const vasNamed = /\bvas\b|visual analog/.test(t);
    scores.forEach((p, k) => {
      const before = t.slice(Math.max(0, p.start - 60), p.start);
      const around = t.slice(Math.max(0, p.start - 60), Math.min(t.length, p.end + 30));
      if (NOT_A_SCORE.test(before) || /\bwith (?:manual muscle|testing|palpation|resist)/.test(t.slice(p.end, p.end + 40))) return;
      const prev = scores[k - 1];
      const next = scores[k + 1];
      const pairedAfter = prev && PAIR_TO.test(t.slice(prev.end, p.start).replace(/\bpost\b/, 'to'));
      const pairedBefore = next && (PAIR_TO.test(t.slice(p.end, next.start).replace(/\bpost\b/, 'to')) || (PAIR_FROM.test(before) && /^\s*(?:to|->|→|,?\s*post)\b/.test(t.slice(p.end, next.start))));
      // Consultations and H&Ps record a baseline; follow-up visits after treatment the current pain.
      const context = pairedAfter ? 'post_procedure' : pairedBefore ? 'pre_procedure'
        : PRE.test(around) ? 'pre_procedure'
        : POST.test(before) || sentence.section === 'post_procedure' ? 'post_procedure'
        : procedureNote ? 'pre_procedure'
        : /\b(initial(?:ly)?|at (?:the )?(?:initial )?(?:evaluation|intake|eval)|on admission|at the start|prior to treatment|before treatment|was)\b[^.]{0,25}$/.test(before) || /\b(at (?:the )?initial (?:visit|evaluation|eval))\b/.test(t.slice(p.end, p.end + 40)) ? 'baseline'
        : /\b(current(?:ly)?|now|at discharge|on discharge)\b/.test(before) && followUp ? 'current'
        : BASELINE.test(around) || !followUp ? 'baseline' : 'current';
      const scale = p.scale === 'other' && p.max === 10 ? (vasNamed ? 'VAS' : 'NRS') : p.scale === 'NRS' && vasNamed ? 'VAS' : p.scale;
      out.push({
        type: 'pain_score', assertion: 'present',
        attributes: { scale, value: rangeLow(t, p), max: p.max, context },
        spans: [{ start: sentence.start + p.start, end: sentence.start + p.end }], rules: ['value.pain_score'], extractor: 'pain.score', section: sentence.section,
      });
    });
    // "... long-standing axial low back pain. It has been daily since at least 2019": a sentence that
    // goes on about the pain the one before named, by a pronoun.
    const prev = ctx.sentences[si - 1];
    const prevText = prev ? ctx.norm.slice(prev.start, prev.end) : '';
    // ("3. When did the pain start?  about 10 months ago": a form's question about the pain, answered on its line.)
    // (Or on the line below it, the answer alone: "How long have you had back pain?\n   8 months".)
    const answers = !PAIN_WORD.test(t) && prev !== undefined && /\?\s*$/.test(prevText) && PAIN_WORD.test(prevText) && TIME_QUESTION.test(prevText) &&
      (!ctx.norm.slice(prev.end, sentence.start).includes('\n') || (t.trim().length < 30 && !/\n[ \t]*\n/.test(ctx.norm.slice(prev.end, sentence.start))));
    const anaphor = answers || (!PAIN_WORD.test(t) && prev !== undefined && prev.section === sentence.section &&
      PAIN_WORD.test(prevText) && PAIN_PRONOUN.test(t));
    // A form's onset field ("Onset ......... 2022 (gradual; no injury)", "Date of onset: 03/2024") under
    // a chief complaint dates the complaint itself.
    const onsetField = ONSET_FIELD.test(t);
    if (!PAIN_WORD.test(t) && !anaphor && !onsetField) return;
    const noteDate = ctx.nlp.noteDate ?? ctx.nlp.asOfDate;
    // The answer: this sentence after the previous one's question, or the part after its own "?".
    const q = t.indexOf('?');
    const answerAt = answers ? 0 : q > 0 && PAIN_WORD.test(t.slice(0, q)) && TIME_QUESTION.test(t.slice(0, q)) ? q + 1 : -1;
    const answer = answerAt >= 0 ? t.slice(answerAt) : '';
    const candidates = answerAt > 0 ? durationCandidates(t, noteDate) : [];
    if (answerAt >= 0 && !candidates.some((c) => c.start >= answerAt)) {
      candidates.push(...durationCandidates(answer, noteDate, true).map((c) => ({ ...c, start: c.start + answerAt, end: c.end + answerAt })));
      // ("When did the pain start?  Feb 2023": the answer to when is its onset.)
      const onset = /\bwhen\b/.test(answers ? prevText : t.slice(0, q)) && !candidates.some((c) => c.start >= answerAt) ? findDates(answer).find((d) => d.start < 12) : undefined;
      if (onset && noteDate && isIsoDate(noteDate) && compareDates(onset.iso, noteDate) <= 0) {
        candidates.push({ start: onset.start + answerAt, end: onset.end + answerAt, months: monthsBetween(onset.iso, noteDate), approximate: onset.precision !== 'day' || undefined, rule: 'pain.duration.since', relation: 'since' });
      }
    } else if (answerAt < 0) candidates.push(...durationCandidates(t, noteDate));
    for (const d of candidates) {
      // The duration must describe the pain ("back pain for 8 months", "since 2019"), not a treatment.
      // "Since last spring he has had a new band of aching low back pain": an onset told first reaches further.
      // ("three years of predominantly axial low back pain": a span told before its pain reaches further too.)
      // ("For about 8 months he has had right anterior thigh pain": a span that opens the sentence too.)
      const ahead = (d.rule === 'pain.duration.since' && /^\s*since\b/i.test(t.slice(d.start, d.end))) || /^\s*of\b/.test(t.slice(d.end, d.end + 4)) ||
        /^[\s"'(-]*(?:(?:for|over|during|in)\s+)?$/i.test(t.slice(0, d.start)) ? 80 : 30;
      const win = t.slice(Math.max(0, d.start - 70), d.end + ahead);
      // ("Chronic bilateral low back pain, centered at the lumbosacral junction slightly above the belt
      // line, for about 3 years": the pain the sentence opens with, its place told between.)
      const opensWithPain = d.relation === 'for' && PAIN_WORD.test(t.slice(0, 40)) && !/[.;]/.test(t.slice(0, d.start));
      if (!PAIN_WORD.test(win) && !(anaphor && (answers || PAIN_PRONOUN.test(t.slice(0, d.end)))) && !(onsetField && d.start < 60) && !opensWithPain) continue;
      // "RTC 2 wk after block", "f/u in 3 weeks": when to come back, not how long the pain has lasted.
      if (VISIT_INTERVAL_BEFORE.test(t.slice(Math.max(0, d.start - 25), d.start))) continue;
      // "follow-up after diagnostic block 3 weeks ago": when a treatment was, not how long the pain has lasted.
      if (d.relation === 'ago' && TREATMENT_BEFORE.test(t.slice(Math.max(0, d.start - 30), d.start))) continue;
      // "NRS 6/10 today (5-8/10 range over the past month)", "averaging 7/10 for the last two weeks":
      // the window a score was taken over, not how long the pain has lasted.
      if (SCORE_WINDOW.test(t.slice(Math.max(0, d.start - 16), d.end)) && scores.some((p) => p.end <= d.start && d.start - p.end <= 25)) continue;
      // A treatment's own length ("PT x 6 weeks", "6 weeks of PT", "gabapentin for 3 months"): a
      // treatment named just before it, or right after it by "of/in/with" — not one in the next
      // clause ("Left low back pain x 8 months, failed PT").
      const at = sentence.start + d.start, to = sentence.start + d.end;
      const treat = ctx.mentionsIn(ctx.sentenceIndexAt(sentence.start), undefined)
        .filter((m) => ['conservative_care', 'procedure', 'medication'].includes(m.category) && m.concept !== 'med_cue')
        .some((m) => (m.start < at && at - m.start < 30) || (m.start >= to && m.start - to < 30 && !/[,;.:]/.test(ctx.norm.slice(to, m.start))));
      if (treat) continue;
      // A dated entry ("12/15/2025  Initial exam. C/C low back pain ... x 10 days"): the duration is as of its date.
      const lineStart = lineStartAt(ctx.norm, sentence.start);
      const entry = ENTRY_DATE.exec(ctx.norm.slice(lineStart, sentence.start + d.start));
      const entryIso = entry ? findDates(entry[1]!)[0] : undefined;
      out.push({
        type: 'pain_duration', assertion: 'present',
        attributes: { months: Math.round(d.months * 10) / 10, approximate: d.approximate || undefined, ...(entryIso?.precision === 'day' && d.rule !== 'pain.duration.since' ? { asOf: entryIso.iso } : {}) },
        spans: [{ start: sentence.start + d.start, end: sentence.start + d.end }], rules: ['value.duration', d.rule], extractor: 'pain.duration', section: sentence.section,
      });
    }
  });
  // pain_duration: one per note, the duration of the complaint under review: the first sentence
  // that states one; in it, a stated length ("~18 mos") beats one computed from "since 2022".
  const durations = out.filter((d) => d.type === 'pain_duration');
  const firstSentence = durations.length ? ctx.sentenceIndexAt(durations[0]!.spans[0]!.start) : -1;
  const inFirst = durations.filter((d) => ctx.sentenceIndexAt(d.spans[0]!.start) === firstSentence);
  const firstDuration = inFirst.find((d) => !d.rules.includes('pain.duration.since')) ?? inFirst[0];
  const kept = out.filter((d) => d.type !== 'pain_duration' || d === firstDuration);
  return mergeByKey(kept, (d) => d.type === 'pain_score'
    ? `ps|${d.attributes.scale}|${d.attributes.value}|${d.attributes.context}`
    : `pd|${d.attributes.months}`);
}
