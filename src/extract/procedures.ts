/**
 * prior_procedure and requested_procedure.
 * CONTRACT.md: one prior_procedure per procedure per session (all levels in `levels`); the
 * procedure performed in a procedure note is a prior procedure; each relief report of the same
 * event is its own fact; the requested procedure is `present`, conditional/recommended future ones
 * are `hypothetical`; a planned procedure is not also a prior one. Facet procedures count joints
 * (medial-branch nerves → joints); root-level injections keep the level written.
 */
import { daysBetween } from '../case/dates.ts';
import type { Span } from '../model/doc.ts';
import type { Mention, Sentence } from '../nlp/types.ts';
import { findDates, type DateMatch } from '../nlp/values/dates.ts';
import { findLevels } from '../nlp/values/levels.ts';
import { duration, findRelief, percentRelief, type ReliefMatch } from '../nlp/values/relief.ts';
import { findRelativeDates, SESSION_NOUN_AFTER } from '../nlp/values/relative-dates.ts';
import { readValue } from '../nlp/value-rules.ts';
import { findSides } from '../nlp/values/laterality.ts';
import { findPainScores } from '../nlp/values/pain-score.ts';
import { combineSides, ExtractionContext, sortLevels, type FactDraft, lineStartAt, REVISED_RULE } from './context.ts';

/** The ESI approaches (an ESI named without one is the generic `epidural_steroid_injection`). */
export const ESI_SPECIFIC: ReadonlySet<string> = new Set(['transforaminal_esi', 'interlaminar_esi', 'caudal_esi']);
/** Facet procedures: they count joints ("L4-L5"), not nerve roots. */
export const FACET: ReadonlySet<string> = new Set(['medial_branch_block', 'facet_injection', 'radiofrequency_ablation']);
/** Sections that state what is planned; a combined assessment & plan states it too (an undated procedure there, with no past cue, is the plan). */
const REQUEST_SECTIONS = new Set(['request', 'plan', 'assessment_plan']);
const PERFORMED_SECTIONS = new Set(['procedure']);
/** Sections that tell what was done before: on a form too, what they name is no request by default. */
const HISTORY_SECTIONS = new Set(['hpi', 'past_history', 'past_surgical_history', 'prior_treatment', 'post_procedure']);
const DIAGNOSTIC = /\bdiagnostic\b|\bconfirmatory\b|\bcomparative\b|\bprognostic\b/;
const THERAPEUTIC = /\btherapeutic\b/;
/** Ablations of other organs, named in a sentence beside a bare "ablation". */
const OTHER_ABLATION = /\b(?:atrial|a-?fib|afib|cardiac|heart|arrhythmi\w*|svt|flutter|cardiolog\w*|ep\s+study|endometri\w*|uterine|menorrhag\w*|thyroid|liver|hepatic|renal|kidney|tumou?r|nodule|vein|venous|varicose|barrett\w*|esophag\w*|prostat\w*|lung)\b/;
const BIRTH_DATE = /\b(dob|d\.o\.b\.?|date of birth|birth ?date|born)\W{0,6}$/;
/** A date of injury dates no session: "DOI 11/04/2024", "Date of injury: 11/04/2024". */
const INJURY_DATE = /\b(doi|d\.o\.i\.?|date of injury|injury date)\W{0,6}$/;
/** When relief ended ("75% relief that held for roughly 10 months; pain returned in January 2026"): no session's date. */
const RELIEF_END_DATE = /\b(?:pain|it|symptoms|the\s+ache)?\s*(?:returned|came\s+back|recurred|wore\s+off|resumed|crept\s+back|(?:began|started)\s+(?:wearing|to\s+wear)\s+off|(?:began|started)\s+(?:fading|to\s+fade)|faded|(?:was\s+)?wearing\s+off|(?:was\s+)?gone)\s+(?:(?:to\s+\w+\s+)?(?:in|on|by|around|about|during|over)\s+)?(?:early\s+|late\s+|mid-?\s*)?$/;

/** An author's and date in parentheses ("The Panel QME (Dr. Whitcombe, 09/30/2025) listed diagnostic facet blocks"): when the report was written. */
const AUTHOR_DATE = /\(\s*(?:dr\.?|doctor|prof\.?)\s+[a-z][\w.'-]*(?:\s+[a-z][\w.'-]*)?\s*,\s*(?:(?:md|do|dc|pa-c|np)\s*,\s*)?$/;

/** A payer's decision date ("(certified by UR 12/22/2025) was done 01/13/2026", "the adverse determination dated 01/10/2025"): when it was decided, not done. */
const DECISION_DATE = /\b(?:(?:certified|non-?certified|approved|authori[sz]ed|denied|pre-?certified)\s+(?:by\s+(?:ur|the\s+(?:carrier|payer|plan|insurer|reviewer))\s+)?(?:on\s+)?|(?:determination|denial|decision|notice|letter|adr|review|request\s+for\s+(?:additional\s+)?information)\s+(?:dated|of)\s+|(?:authori[sz]ation|request|form|fax)\s+(?:was\s+)?(?:sent|faxed|submitted|dated)\s+(?:on\s+)?)$/;
/** Words before a date that make it another event's: a decision, a report's author, relief ending. */
/** The end of a period ("Relief period: 09/16/2025 through approx. 01/05/2026", "held until 01/05"): never a session's date. */
const RELIEF_PERIOD_END = /\b(?:through|thru|until|till)\s+(?:approx(?:imately|\.)?\s+|about\s+|around\s+|roughly\s+)?$/;
const OTHER_EVENT_DATE: readonly RegExp[] = [DECISION_DATE, AUTHOR_DATE, RELIEF_END_DATE, RELIEF_PERIOD_END];
const POLICY_TALK = /\b(criteria|policy|policies|guidelines?|lcd|l3\d{4}|coverage|billing article|cpb|odg|mtus|acoem)\b/;
const OBSTETRIC = /\b(labor|childbirth|delivery|c-section|cesarean|obstetric|pregnan\w*)\b/;
/** "at these levels", "at those joints": levels named before, by another procedure. */
const THESE_LEVELS = /\b(?:these|those)\s+(?:levels?|joints?|segments?)\b/;
const SAME_LEVELS = /\bsame (levels?|joints?|segments?|sites?|location)\b/;
/** Negation that really says a procedure was not done ("no prior injections", "has not had an ESI"). */
const REAL_NEGATION = /^(no|not|never|denies|denied|without|none|has not|have not|hasn't|haven't|did not|didn't|declined|refused|negative for|no history of|no prior|no previous)$/;
/** A referral's or consult's stated purpose just before the procedure. */
const REFERRAL_FOR = /\b(?:evaluation|evaluate|consultation|consult|referred|referral|referring|refer|sent|being sent|send(?:ing)?|here|presents?)\s+(?:(?:her|him|them|the patient)\s+)?for\s+(?:an?\s+|the\s+|possible\s+|consideration of\s+|repeat\s+)?(?:(?:left|right|bilateral|lumbar|cervical|thoracic|diagnostic|therapeutic|[lsc]\d(?:\s*[-/]\s*[lsc]?\d)?)[,\s]+)*$/;
/** A negation of what the clinician does or would do, not of what the patient had. */
const PRACTICE_NEGATION = /\b(?:we|i|they|you)\b[^.;]{0,25}\b(?:do|does|will|would|can|could|should|generally|usually|typically)\s+not$|\b(?:don't|won't|cannot|can't|shouldn't)$/;
const NEGATION_OPENING = /^(?:no|not|never|denies|denied|without|has not|have not|hasn't|haven't|has never|have never)\b/;
/** Words after a procedure that make it the name of a document ("MBB procedure note", "RFA op report"). */
const DOCUMENT_AFTER = /^\s*(?:(?:#\s?\d+|no\.?\s?\d+|\d(?:st|nd|rd|th))\s*)?(?:\(\w+\)\s*)?(?:procedure\s+|op(?:erative)?\s+)?(?:note|notes|report|reports|record|records|documentation|consent form)\b/;
/** "This is his first ...", "this would be her first ...", "it will be the patient's first ...". */
const FIRST_OF_KIND = /\b(?:this|it|which|the\s+(?:requested|proposed|planned)\s+\w+)\s+(?:is|would\s+be|will\s+be)\s+(?:his|her|their|the\s+patient'?s|the|a)\s+(?:very\s+)?first\s+(?:(?:lumbar|spinal|diagnostic|therapeutic|left|right|bilateral)\s+)*$/;
/** A time point right before a procedure: "2-wk post ESI", "6 weeks s/p TFESI", "3 days after the block", "(was 8 pre-ESI)". */
const TIME_POINT_POST_BEFORE = /\b\d{1,2}[- ]?(?:wks?|weeks?|days?|d|mos?|months?)\.?\s{0,2}(?:post|s\/p|status\s+post|after)[- ]?\s{0,2}(?:(?:the|her|his|last|l|r|left|right|bilat|bilateral|lumbar|rf|radiofrequency|[lsc]\d(?:[-/][lsc]?\d)*(?:[,/]|\s+and)?)\s+){0,4}$|\b(?:pre|post)-\s?$/;
/** A visit set after a procedure ("RTC 4 wks after", "follow-up 2 weeks after the"): the procedure is to come. "He returns six weeks after his TFESI" is a visit now, after one done. */
/** A date right after a procedure's name ("#2 (08/20/2024)", "of 01/08/2026", "on March 3, 2025"): the session it names. */
const DONE_DATE_AFTER = /^\s{0,2}(?:#\s?\d\s{0,2})?(?:\(\s{0,2}|(?:of|on|dated|done|performed)\s{1,2}(?:on\s{1,2})?)(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s{1,2}\d{1,2},?\s{1,2}\d{4})/;
/** "f/u 6 wk post RFA", "RTC 2 wks post-MBB": a visit after a procedure (read so only in a plan). */
const FOLLOW_UP_POST = /\b(?:rtc|return(?:ing)?|f\/u|follow[- ]?up|recheck|re-?evaluat\w*)\b[^.;]{0,30}\bpost[-\s]\s*(?:the\s+)?(?:(?:left|right|r|l|rt|lt|bilat|bilateral|b\/l|lumbar|[lsc]\d(?:\s*[-/]\s*[lsc]?\d)?)[,\s]+)*$/;
const FOLLOW_UP_AFTER = /\b(?:rtc|return(?:ing)?(?:\s+to\s+(?:clinic|office))?|f\/u|follow[- ]?up|recheck|re-?evaluat\w*|see\s+(?:him|her|them|patient)(?:\s+back)?)\b[^.;]{0,30}\bafter\s+(?:the\s+|his\s+|her\s+|each\s+)?(?:(?:left|right|bilateral|lumbar|planned|proposed|requested|repeat|diagnostic|confirmatory|[lsc]\d(?:\s*[-/]\s*[lsc]?\d)?)[,\s]+)*$/;
/**
 * A procedure note whose procedure field ("Procedure: RIGHT sacroiliac joint injection ...": the first
 * procedure section that names any) names procedures, none of them this one.
 */
const PERFORMED = new WeakMap<ExtractionContext, readonly string[]>();
function otherThanPerformed(ctx: ExtractionContext, procedure: string): boolean {
  let named = PERFORMED.get(ctx);
  if (!named) { named = performedProcedures(ctx); PERFORMED.set(ctx, named); }
  return named.length > 0 && !named.includes(procedure);
}

function performedProcedures(ctx: ExtractionContext): string[] {
  // The note's first procedure section that names one: its field, or its list of procedures done (a
  // "Technique:" section after it tells how). Its first paragraph only: a note written under one
  // "Procedure:" heading goes on to other things.
  for (const sec of ctx.nlp.sections) {
    if (sec.category !== 'procedure') continue;
    const body = ctx.norm.slice(sec.body.start, sec.body.end);
    const first = Math.max(0, body.search(/\S/));
    const blank = body.slice(first).search(/\n[ \t]*\n/);
    const paraEnd = blank < 0 ? sec.body.end : sec.body.start + first + blank;
    const named = ctx.nlp.mentions.filter((m) => m.category === 'procedure' && m.concept !== 'injection_generic' && m.start >= sec.body.start && m.end <= paraEnd);
    if (named.length) return named.map((m) => m.concept);
  }
  return [];
}

/** A medial branch block mention that names only the nerves ("the L3 and L4 medial branches"), no block word. */
function namesNervesOnly(ctx: ExtractionContext, g: ProcMention): boolean {
  return g.procedure === 'medial_branch_block' && !/block|mbb|injection/.test(ctx.norm.slice(g.span.start, g.span.end));
}

/** A sentence about the nerves themselves: what supplies a joint, or what blocking them does. */
const NERVE_ANATOMY = /\b(?:suppl(?:y|ies|ied)|innervat\w*|subserv\w*)\b|^\s*blocking\b/;
/** Words of an ablation: the medial branches they name are its targets. */
const ABLATION_WORDS = /\b(?:ablat\w*|rfa|neurotom\w*|denervat\w*|rhizotom\w*|radiofrequency|rf\s+lesion\w*|lesioned|lesioning)\b/;
/** "the 10/7 injection", "her 12/03/2025 block": a session named by its date alone. Group 1: the date. */
const DATED_SESSION = /\b(?:the|her|his|their|that|this)\s+(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)\s+(?:injection|shot|block|procedure|esi|epidural)\b/;

/**
 * "Pt reports she is still about 60% better than before the 10/7 injection": relief told of a session
 * named only by its date, in a sentence that names no procedure, is a report of the document's one
 * injection procedure on that date (a month/day without a year is the latest on or before the note date).
 */
function datedSessionReports(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const noteDate = ctx.nlp.noteDate ?? ctx.nlp.asOfDate ?? null;
  ctx.sentences.forEach((sentence, si) => {
    if (ctx.mentionsIn(si, 'procedure').length) return;
    const text = ctx.norm.slice(sentence.start, sentence.end);
    const m = DATED_SESSION.exec(text);
    if (!m) return;
    const relief = findRelief(text).filter((r) => r.percent !== null || r.qualitative !== null);
    if (!relief.length) return;
    // The document's one injection procedure; or, when it names none (a phone note), the packet's session of that date.
    const procedure = soleInjectionProcedure(ctx) ?? 'injection_generic';
    // ("the June 17 injection", "the June injection": the latest such day or month on or before the note date.)
    const date = sessionDate(m[1]!, noteDate) ?? findRelativeDates(m[0], noteDate)[0]?.iso ?? null;
    if (!date) return;
    const at = sentence.start + m.index;
    for (const r of relief) {
      out.push({
        type: 'prior_procedure', assertion: 'present',
        attributes: {
          procedure, date, reliefPercent: r.percent ?? undefined, reliefQualitative: r.percent === null ? r.qualitative ?? undefined : undefined,
          // "still about 60% better": the relief as of this document's date.
          ...(noteDate && noteDate > date && /\b(?:still|now|currently|today|continues|remains)\b/.test(text) ? { reliefDate: noteDate } : {}),
        },
        spans: [{ start: at, end: at + m[0].length }, { start: sentence.start + r.start, end: sentence.start + r.end }],
        rules: ['procedures.dated_session', 'value.relief'], extractor: 'procedures.prior', trigger: null, section: sentence.section,
      });
    }
  });
  return out;
}

/** A pain log's heading: "PATIENT PAIN LOG - MBB #2 (12/09/2025)", "POST-BLOCK DIARY", "Pain diary:". */
const DIARY_HEAD = /\b(?:pain\s+(?:log|diary)|post[- ]?(?:block|injection|procedure)\s+(?:pain\s+)?(?:diary|log)|block\s+(?:diary|log))\b/;
/** The score before the block, told with the log: "Usual pain before block: 7", "pre: 8/10", "baseline 7". Group 1. */
const DIARY_PRE = /\b(?:(?:usual\s+)?pain\s+before(?:\s+(?:the\s+)?(?:block|injection|procedure))?|before\s+(?:the\s+)?(?:block|injection|procedure)|pre[- ]?(?:block|injection|procedure)?|baseline)(?:\s*\([^()\n]{0,30}\))?[ \t|]*(?:pain\s*)?(?:score\s*)?[:=]?[ \t|]*(\d{1,2})(?:\s*\/\s*10)?(?![\d/])/;
/** A log row's time after the block and the score then: "30 min   3", "2 hours  4", "1 hr 2", "30 minutes | 2 | 60". */
const DIARY_ROW = /(?<![\d.])(\d{1,2}(?:\.\d)?)\s*(min|mins|minutes|hr|hrs|hour|hours)\b[ \t|]{1,24}(\d{1,2})(?![\d/.:])/g;
/** The log's own field for the session it follows: "Injection date: 01/08/2026", "Block date: 1/8/26". Group 1. */
const DIARY_DATE = /\b(?:injection|block|procedure)(?:\s+date)?\s*[:#-]?\s*(\d{1,2}\/\d{1,2}\/\d{2,4})/;

/**
 * A pain log after a block: the score before it and the scores at times after it; the best reading
 * is the block's relief ((before - lowest) / before), at its time. The log names its procedure (else
 * the document's one facet block) and may date it.
 */
function diaryReports(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const norm = ctx.norm;
  for (let at = norm.search(DIARY_HEAD); at >= 0;) {
    // The head's line starts after a newline or a page break ("\fBLOCK DIARY - ...").
    const lineStart = Math.max(norm.lastIndexOf('\n', at), norm.lastIndexOf('\f', at)) + 1;
    // The log runs to its first blank line; a head block with the log's fields, a blank line, then
    // its table ("PATIENT PAIN DIARY ... Injection date: 01/08/2026\n\n Time after injection | Pain
    // 0-10 ..."): to the blank line after the table.
    const blankAfter = (from: number) => { const b = norm.slice(from).search(/\n[ \t]*\n|\f/); return b < 0 ? norm.length : from + b; };
    const rowsIn = (r: string) => [...r.matchAll(DIARY_ROW)].map((m) => ({ score: Number(m[3]), at: `${m[1]} ${/^m/.test(m[2]!) ? 'minutes' : 'hours'}`, index: m.index! }));
    let end = Math.min(blankAfter(lineStart), lineStart + 1200);
    const hasLog = (r: string) => rowsIn(r).length >= 2 || diaryAcross(r) !== null;
    if (!hasLog(norm.slice(lineStart, end)) && norm[end] === '\n') end = Math.min(blankAfter(norm.indexOf('\n', end + 1) + 1), lineStart + 1200);
    const region = norm.slice(lineStart, end);
    let pre: { index: number } | null = DIARY_PRE.exec(region);
    let rows = rowsIn(region);
    let before = pre ? Number((pre as RegExpExecArray)[1]) : NaN;
    // A log laid out across ("time  0  30m  1h ... / NRS  8  1  1 ..."): the first column is before.
    if (!(pre && rows.length >= 2 && before > 0 && before <= 10)) {
      const across = diaryAcross(region);
      if (across) ({ pre, rows, before } = across);
    }
    if (pre && rows.length >= 2 && before > 0 && before <= 10) {
      const best = rows.reduce((a, b) => (b.score < a.score ? b : a));
      const procs = ctx.nlp.mentions.filter((m) => m.category === 'procedure' && m.start >= lineStart && m.end <= end && m.concept !== 'injection_generic');
      const headLine = norm.slice(lineStart, norm.indexOf('\n', lineStart) < 0 ? end : norm.indexOf('\n', lineStart));
      // The session's own date field, else the head's date unless it is when the log came back.
      const field = DIARY_DATE.exec(region);
      const date = (field ? findDates(field[1]!)[0]?.iso : undefined) ??
        (/\breturned\b/.test(headLine) ? undefined : findDates(headLine).find((d) => d.precision === 'day')?.iso) ??
        // A procedure record's own diary, undated, in a record of one session: that session's.
        (ctx.role === 'performed' && !/\breturned\b/.test(headLine) && otherSessionEntries(ctx).length === 0 && laterEntries(ctx).length === 0 ? ctx.nlp.noteDate ?? undefined : undefined);
      // A log that names no procedure, in a document that names none, is the session of its date
      // another document names (src/extract/packet.ts resolveDatedSessions).
      const procedure = procs[0]?.concept ?? soleInjectionProcedure(ctx, true) ?? (date ? 'injection_generic' : undefined);
      if (procedure && best.score <= before) {
        const percent = Math.round(((before - best.score) / before) * 1000) / 10;
        out.push({
          type: 'prior_procedure', assertion: 'present',
          attributes: { procedure, ...(date ? { date } : {}), intent: procedure === 'medial_branch_block' ? 'diagnostic' : undefined, reliefPercent: percent, reliefAt: best.at },
          spans: [{ start: at, end: at + (DIARY_HEAD.exec(norm.slice(at))?.[0].length ?? 1) }, { start: lineStart + best.index, end: lineStart + best.index + 6 }],
          rules: ['procedures.pain_log', 'value.relief', ...(procedure === 'injection_generic' ? ['procedures.dated_session'] : [])], extractor: 'procedures.prior', trigger: null, section: ctx.sentences[ctx.sentenceIndexAt(at)]?.section,
        });
      }
    }
    // Always move past this head (a line longer than the region's cap ends the region before it).
    const from = Math.max(end, at + 1);
    const next = norm.slice(from).search(DIARY_HEAD);
    at = next < 0 ? -1 : from + next;
  }
  return out;
}

/** A log's row of times ("time      0    30m   1h   1.5h", "Time | pre | 30 min | 1 hr", "hours  0  1  2") and the row of scores under it ("NRS  8  1  1"). */
const ACROSS_TIMES = /^[ \t]*(time(?:\s+after(?:\s+(?:the\s+)?(?:block|injection))?)?|hours?|hrs|minutes|mins)\b[ \t:|]*([^\n]+)$/m;
const ACROSS_SCORES = /^[ \t]*(?:nrs|vas|pain(?:\s+(?:score|0-10))?|score)\b[ \t:|]*((?:\d{1,2}[ \t|]+){2,}\d{1,2})[ \t|]*$/m;
const ACROSS_TIME = /(pre|before|baseline|\d{1,2}(?:\.\d)?)(?:\s?(m|min|mins|minutes|h|hr|hrs|hours)\b)?/g;

function diaryAcross(region: string): { pre: { index: number }; rows: { score: number; at: string; index: number }[]; before: number } | null {
  const t = ACROSS_TIMES.exec(region);
  if (!t) return null;
  const s = ACROSS_SCORES.exec(region.slice(t.index + t[0].length));
  if (!s) return null;
  // Bare numbers take the label's unit ("hours  0  1  2"); otherwise each time names its own.
  const labelUnit = /^(?:hours?|hrs)$/.test(t[1]!) ? 'h' : /^min/.test(t[1]!) ? 'm' : null;
  const times = [...t[2]!.matchAll(ACROSS_TIME)].map((m) => ({ n: m[1]!, unit: m[2] ?? labelUnit }));
  const scores = s[1]!.trim().split(/[ \t|]+/).map(Number);
  if (times.length !== scores.length || times.length < 3) return null;
  const first = times[0]!;
  if (!(/^(?:pre|before|baseline)$/.test(first.n) || first.n === '0')) return null;
  if (times.slice(1).some((x) => !/^\d/.test(x.n) || !x.unit)) return null;
  const index = t.index + t[0].length + s.index;
  const rows = times.slice(1).map((x, i) => ({ score: scores[i + 1]!, at: `${x.n} ${x.unit!.startsWith('m') ? 'minutes' : 'hours'}`, index }));
  return { pre: { index }, rows, before: scores[0]! };
}

/**
 * A table's header naming a date column and a relief column ("| Block | Date | Agent | Pre NRS | Post
 * NRS | Relief | Duration |"), or a date column and the scores before and after ("Block #  Date
 * Target  Agent  Sedation  Pre NRS  Post NRS (peak)  Duration").
 */
const SESSION_TABLE_HEAD = /^(?=[^\n]*\bdate\b)(?=[^\n]*(?:\brelief\b|%\s*(?:relief|better|improvement)|\bimprovement\b|\bpost[- ]?(?:procedure\s+|block\s+|injection\s+)?(?:nrs|vas|pain|score)\b))[^\n]*$/gim;
/** A score column before or after: "Pre NRS", "Post NRS (peak)", "Pre-procedure pain", "VAS post". */
const PRE_SCORE_COL = /^(?:pre[- ]?(?:procedure|block|injection)?\s*(?:nrs|vas|pain|score)|(?:nrs|vas|pain|score)\s*pre|baseline(?:\s*(?:nrs|vas|pain|score))?)\b/;
const POST_SCORE_COL = /^(?:post[- ]?(?:procedure|block|injection)?\s*(?:nrs|vas|pain|score)|(?:nrs|vas|pain|score)\s*post)\b/;
/** A column of time points after the session: "Timepoint", "Time point", "Interval", "Follow-up". */
const TIME_POINT_COL = /^(?:time\s*point|interval|follow[- ]?up(?:\s+(?:time|interval|point))?|time\s+(?:after|since|post))\b/;
/** A time-point cell: "1 month", "6 months", "2 wks", "12 weeks post". */
const TIME_POINT_CELL = /^~?\s*(\d{1,2})\s*[- ]?\s*(days?|weeks?|wks?|months?|mos?)\b/;
const CELL_SCORE = /^~?\s*(\d{1,2}(?:\.\d)?)(?:\s*\/\s*10)?$/;
const CELL_PERCENT = /^~?\s*(\d{1,3}(?:\.\d)?)\s*%$/;
const CELL_DURATION = /^~?\s*(?:about\s+)?(\d{1,3}(?:\.\d)?)\s*(h|hr|hrs|hours?|d|days?|w|wk|wks|weeks?|mo|mos|months?)\.?$/;

/**
 * A table of sessions under a heading that names their procedure ("Diagnostic medial branch blocks
 * (bilateral L3, L4 MB + L5 DR; fluoro; no sedation):" then "| #1 | 11/18/2025 | lidocaine 2% | 8 |
 * 1 | 87.5% | ~2 h |"): each dated row is a session, its relief column its relief and its duration
 * column how long it lasted. Rows that name another procedure are read as sentences.
 */
function sessionTableRows(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const norm = ctx.norm;
  // ("| a | b |" or "a | b": the outer pipes are optional.)
  const cells = (line: string) => (line.includes('|') ? line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|') : line.trim().split(/\s{2,}/)).map((c) => c.trim());
  SESSION_TABLE_HEAD.lastIndex = 0;
  for (let h = SESSION_TABLE_HEAD.exec(norm); h; h = SESSION_TABLE_HEAD.exec(norm)) {
    const head = cells(h[0]);
    const dateCol = head.findIndex((c) => /\bdate\b/.test(c));
    const reliefCol = head.findIndex((c) => /relief|%|improvement/.test(c) && !/\b(?:pre|post)\b/.test(c));
    const preCol = head.findIndex((c) => PRE_SCORE_COL.test(c));
    const postCol = head.findIndex((c) => POST_SCORE_COL.test(c));
    const durationCol = head.findIndex((c) => /duration|lasted|how long/.test(c));
    if (dateCol < 0 || (reliefCol < 0 && (preCol < 0 || postCol < 0)) || head.length < 3) continue;
    // The procedure: named on the heading lines just above the table, or in each row's own
    // "Procedure" (or "Target") column ("12/16/2025  Dx medial branch block #1  L  L3-4, L4-5  ...  88%  ~2 h").
    const procCol = head.findIndex((c) => /^(?:procedure|intervention|injection|service|target|block)s?\b/.test(c));
    const levelCol = head.findIndex((c) => /^(?:joints?|levels?|level\(s\)|joint\(s\))\b/.test(c));
    const sideCol = head.findIndex((c) => /^(?:side|laterality)\b/.test(c));
    const above = norm.lastIndexOf('\n', Math.max(0, h.index - 1));
    const from = Math.max(0, norm.lastIndexOf('\n', Math.max(0, norm.lastIndexOf('\n', Math.max(0, above - 1)) - 1)));
    const headProc = ctx.nlp.mentions.find((m) => m.category === 'procedure' && m.start >= from && m.end <= h!.index && m.concept !== 'injection_generic');
    if (!headProc && procCol < 0) continue;
    const headText = norm.slice(from, h.index);
    const headLevels = sortLevels(findLevels(headText).filter((l) => l.kind !== 'vertebra').flatMap((l) => l.levels));
    const headSide = combineSides(findSides(headText).map((x) => x.side));
    // A follow-up log of one session ("Procedure: Right L4-5 / L5-S1 RFA   Date: 04/23/2024" over
    // "Timepoint  Date  NRS  % relief vs baseline"): its rows are that session's reports at their time
    // points, not sessions of their own.
    const timeCol = head.findIndex((c) => TIME_POINT_COL.test(c));
    const sessionDate = timeCol >= 0 ? findDates(headText).filter((d) => d.precision === 'day').pop()?.iso : undefined;
    if (timeCol >= 0 && !sessionDate) continue;
    let at = h.index + h[0].length + 1;
    for (let n = 0; n < 16 && at < norm.length; n++) {
      const end = norm.indexOf('\n', at) < 0 ? norm.length : norm.indexOf('\n', at);
      const line = norm.slice(at, end);
      if (!line.trim()) break;
      let row = cells(line);
      if (/^[\s|:+-]+$/.test(line)) { at = end + 1; continue; }
      // A cell of an aligned table that holds two spaces ("L  L4-5, L5-S1" under "Side / joints") or
      // is empty: the row's words go to the column they stand under.
      if (row.length !== head.length && !line.includes('|')) {
        const aligned = alignedCells(h[0], line);
        if (aligned && findDates(aligned[dateCol] ?? '').length) row = aligned;
      }
      // A cell wrapped onto the next line ("(L2, L3, L4 medial branches)   per nerve") belongs to the row above.
      if (row.length !== head.length) {
        if (row.length < head.length && !findDates(line).length) { at = end + 1; continue; }
        break;
      }
      const rowProc = procCol >= 0 ? ctx.nlp.mentions.find((m) => m.category === 'procedure' && m.start >= at && m.end <= end && m.concept !== 'injection_generic') : undefined;
      const proc = rowProc ?? headProc;
      if (!proc) { at = end + 1; continue; }
      if (ctx.nlp.mentions.some((m) => m.category === 'procedure' && m.start >= at && m.end <= end && m.concept !== proc.concept)) { at = end + 1; continue; }
      // (Levels and side in the procedure's own cell when no column of their own: "Bilat L4-5, L5-S1 MBB".)
      const levelCell = levelCol >= 0 ? row[levelCol]! : procCol >= 0 ? row[procCol]! : '';
      const cellLevels = sortLevels(findLevels(levelCell).filter((l) => l.kind !== 'vertebra').flatMap((l) => l.levels));
      const levels = levelCol >= 0 || cellLevels.length ? cellLevels : headLevels;
      const sideCell = sideCol >= 0 ? row[sideCol]!.replace(/^l$/, 'left').replace(/^r$/, 'right').replace(/^b$/, 'bilateral') : procCol >= 0 ? row[procCol]! : '';
      const side = combineSides(findSides(sideCell).map((x) => x.side)) ?? headSide;
      const date = findDates(row[dateCol]!).find((d) => d.precision === 'day');
      // The relief column, or the scores before and after ("8 ... 1": 87.5%).
      const pre = preCol >= 0 ? CELL_SCORE.exec(row[preCol]!) : null;
      const post = postCol >= 0 ? CELL_SCORE.exec(row[postCol]!) : null;
      const fromScores = reliefCol < 0 && pre && post && Number(pre[1]) > 0 && Number(pre[1]) <= 10 && Number(post[1]) <= Number(pre[1])
        ? Math.round((1 - Number(post[1]) / Number(pre[1])) * 1000) / 10 : null;
      const reliefCell = reliefCol >= 0 ? row[reliefCol]! : row[postCol]!;
      const pct = reliefCol >= 0 ? CELL_PERCENT.exec(reliefCell) : fromScores !== null ? ['', String(fromScores)] : null;
      const cell = durationCol >= 0 ? CELL_DURATION.exec(row[durationCol]!) : null;
      const dur = cell ? duration(cell[1]!, cell[2]!) : undefined;
      const point = timeCol >= 0 ? TIME_POINT_CELL.exec(row[timeCol]!) : null;
      if (date && pct && Number(pct[1]) <= 100 && (timeCol < 0 || point)) {
        // (Each cell found after the one before it: "1 ... 8  1" has its post score last.)
        let from = 0;
        const offsets = row.map((c) => { const i = line.indexOf(c, from); from = i < 0 ? from : i + c.length; return i; });
        const cellAt = at + Math.max(0, offsets[reliefCol >= 0 ? reliefCol : postCol]!);
        const preAt = reliefCol < 0 && preCol >= 0 ? at + Math.max(0, offsets[preCol]!) : undefined;
        out.push({
          type: 'prior_procedure', assertion: 'present',
          attributes: {
            procedure: proc.concept, date: sessionDate ?? date.iso, ...(levels.length ? { levels } : {}), ...(side ? { side } : {}),
            ...(point ? { reliefDate: date.iso, reliefAt: `${Number(point[1])} ${point[2]!.replace(/^wk$|^wks$/, 'week').replace(/^mos?$/, 'month').replace(/s$/, '')}${Number(point[1]) === 1 ? '' : 's'}` } : {}),
            intent: proc.concept === 'medial_branch_block' ? 'diagnostic' : undefined, reliefPercent: Number(pct[1]),
            ...(dur ? { reliefDuration: `${dur.value} ${dur.unit}`, reliefDurationHours: dur.hours } : {}),
          },
          spans: [{ start: proc.start, end: proc.end }, ...(preAt !== undefined ? [{ start: preAt, end: preAt + row[preCol]!.length }] : []), { start: cellAt, end: cellAt + reliefCell.length }],
          rules: [proc.ruleId, 'procedures.session_table', 'value.relief'], extractor: 'procedures.prior', trigger: null,
          section: ctx.sentences[ctx.sentenceIndexAt(at)]?.section,
        });
      }
      at = end + 1;
    }
  }
  return out;
}

/** Runs of words with single spaces inside, and where each starts on its line. */
const wordRuns = (line: string) => [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ s: m.index, e: m.index + m[0].length }));

/**
 * A row of a space-aligned table cut into the header's columns: each run of words goes to the last
 * column that starts at or before it (a run may start a character early); null when a column would
 * take nothing but its row is not blank there either way (the header does not align the row).
 */
function alignedCells(header: string, line: string): string[] | null {
  const cols = wordRuns(header).map((r) => r.s);
  const runs = wordRuns(line);
  if (cols.length < 3 || !runs.length) return null;
  const parts: { s: number; e: number }[][] = cols.map(() => []);
  for (const r of runs) {
    let k = cols.length - 1;
    while (k > 0 && cols[k]! > r.s + 1) k--;
    parts[k]!.push(r);
  }
  return parts.map((ps) => (ps.length ? line.slice(ps[0]!.s, ps[ps.length - 1]!.e) : ''));
}

/** A session's date as written: a full date, or a month/day taken as the latest on or before the note date. */
function sessionDate(written: string, noteDate: string | null): string | null {
  const full = findDates(written)[0];
  if (full && full.precision === 'day') return full.iso;
  const md = /^(\d{1,2})\/(\d{1,2})$/.exec(written);
  if (!md || !noteDate) return null;
  const month = Number(md[1]), day = Number(md[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  let year = Number(noteDate.slice(0, 4));
  const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (mmdd > noteDate.slice(5, 10)) year -= 1;
  return `${year}-${mmdd}`;
}

/** Cue rules that speak only of what comes after them in the clause (lexicons/terms/cues.json). */
const AHEAD_CUES: ReadonlySet<string> = new Set(['lex.cue.conditional_ahead', 'lex.cue.past_ahead']);
/** A clause that opens with the time after a procedure: "After RFA:", "Following the blocks,", "Post-MBB". */
const AFTER_IN_PLAN = /(?:^|[.;:]\s{0,2}|\n\s{0,6}|\b(?:then|and)\s{1,2})(?:after|following|post[-\s]?)\s{0,2}(?:the\s{1,2}|her\s{1,2}|his\s{1,2}|each\s{1,2})?(?:planned\s{1,2}|requested\s{1,2}|proposed\s{1,2})?$/;
/** Words that put a follow-up visit ahead: "will f/u", "to follow up", "RTC", "return to clinic", "schedule". */
const FUTURE_VISIT = /\b(?:will|shall|to|plan(?:s|ned)?|schedul\w*|rtc|return(?:ing)?\s+to|recheck|re-?evaluat\w*|see\s+(?:him|her|them|patient))\b/;
/** A request told as revised ("The request is revised to bilateral L4-5 and L5-S1", "We now request ... only"): its levels stand. */
const REVISED_REQUEST = /\b(?:is|was|has\s+been|have\s+been)\s+(?:revised|amended|changed|corrected|reduced)\s+(?:to|from)\b|\b(?:we|i)\s+(?:now|instead)\s+(?:request|ask\s+for|are\s+requesting)\b|\brevised\s+request\b/;

/** A request that was decided against (non-certified, denied, not approved), or an earlier one told as such ("The first request (denied 2/3/2026) was for ..."): no procedure was done. */
const DENIED_REQUEST = /\b(?:denial|non-?certification|adverse\s+determination)\s+of\b|\b(?:non-?certif(?:ied|ication)|(?:was|were|been|is)\s+(?:denied|not\s+(?:approved|authorized|certified))|denial\s+of\s+(?:the\s+)?(?:request|authorization)|(?:request|authorization)\s+(?:was|were)\s+(?:denied|declined|refused))\b|\b(?:declined|denied|non-?certified)\s+(?:a|an|the|his|her|their)\b[^.;]{0,80}\brequested\s+by\b|\b(?:first|original|previous|prior|earlier|initial)\s+(?:request|submission)\b[^.;]{0,40}\b(?:denied|non-?certified|was\s+for)\b/;
/** A row's closing figure: " - 90%", ": 85 %", "— 70%" at the end of the row's text. */
/** A date and, right after it, percentages: "5/2024 - 60%", "3/2025 (70%)", "2/2023 and 8/2023: 60% and 50%". Group 1: the percentages. */
const DATED_PERCENTS = /^[^.;\n]{0,60}?\b(?:\d{1,2}\/\d{1,2}\/\d{2,4}|\d{1,2}\/\d{4}|\d{4}-\d{2}(?:-\d{2})?)\s*(?:[-–—:=]\s*|\(\s*)((?:\d{1,3})\s*%(?:\s*(?:and|,|&|\/)\s*\d{1,3}\s*%)*)(?!\s*(?:stenosis|of\s+the|narrowing))/;
/** A dated row's closing relief figure, after a dash or a column gap; a range reads its lower bound ("L4-5     65-70%" = 65, CONTRACT). */
const ROW_RELIEF = /(?:[-–—:=]|[ \t]{2,})\s*(\d{1,3})(?:\s*[-–]\s*\d{1,3})?\s*%\s*(?:relief|improvement|better)?\s*\.?\s*$/;
/** A bulleted list item: "- ", "* ", "• ", "1. ", "2) ". */
const ROW_BULLET = /^[ \t]*(?:[-*•]|\d{1,2}[.)])\s+/;
/** A line that opens with a date: a row of a dated list. */
const ROW_LEAD = /^[ \t]*(?:[-*•]\s*)?(?:#\s?\d\s+)?(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2}|[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2}\/\d{4})\b/;

/**
 * The row of a dated list that holds `pos`: from its line start to the line before the next row,
 * blank line or line that is not indented (a wrapped row goes on indented). Null outside a list.
 */
function dateRow(ctx: ExtractionContext, pos: number): { start: number; end: number; dateEnd: number } | null {
  const start = lineStartAt(ctx.norm, pos);
  const first = ctx.norm.slice(start, ctx.norm.indexOf('\n', start) < 0 ? ctx.norm.length : ctx.norm.indexOf('\n', start));
  // A bulleted list item ("- ILESI L2-3 03/11/2025: some relief") is a row too; its date is anywhere in it.
  const bullet = ROW_BULLET.exec(first);
  const lead = ROW_LEAD.exec(first) ?? (bullet ? Object.assign([bullet[0]], { index: 0 }) as RegExpExecArray : null);
  if (!lead) return null;
  let end = start + first.length;
  for (;;) {
    if (end >= ctx.norm.length) break;
    const nextEnd = ctx.norm.indexOf('\n', end + 1);
    const line = ctx.norm.slice(end + 1, nextEnd < 0 ? ctx.norm.length : nextEnd);
    if (!/^[ \t]{2,}\S/.test(line) || ROW_LEAD.test(line) || ROW_BULLET.test(line)) break;
    end = nextEnd < 0 ? ctx.norm.length : nextEnd;
  }
  return { start, end, dateEnd: bullet && !ROW_LEAD.test(first) ? start : start + lead.index + lead[0].length };
}

/** A date the clause compares with ("same technique as 11/12/2024", "like the one on 3/2"). */
/** "same targets as", "same levels and technique as the one on": the date after it is the earlier session's. */
const SAME_AS_DATE = /\bsame\s+(?:[\w/-]+\s+){0,4}as\s+(?:(?:on|of|in|done\s+on|performed\s+on|that\s+of|the\s+one\s+on|before)\s+)?(?:the\s+)?(?:block\s+(?:of|on)\s+)?$/;
const REFERENCE_DATE = /\b(?:as|like|than)\s+(?:(?:on|of|in|done on|performed on|that of|the one on|the last one on|before|previously)\s+)?(?:the\s+)?$/;
const SAME_DATE = /\b(same (?:date|day|session|visit)|that same day|at the same time|concurrently|simultaneously)\b/;
const REPEAT_SESSION = /#\s?[2-9]\b|\b(?:second|2nd|third|3rd|repeat|repeated|number [2-9]|no\. [2-9])\b/;
/** A second session of a block ('second', 'repeat', '#2'); a code description's "second level" or "each additional" counts levels, not sessions. */
const SECOND = /\b(?:second|2nd|repeat|confirmatory|another|#2|number 2|no\. 2)\b(?!\s*(?:and\s+(?:any\s+)?additional\s+)?(?:level|joint|site|segment)s?\b)/;
/** A SECOND word starting in [from, to) (read on past `to`, so "second level" is seen whole). */
function secondNear(norm: string, from: number, to: number): boolean {
  const re = new RegExp(SECOND.source, 'g');
  const text = norm.slice(from, to + 40);
  for (const m of text.matchAll(re)) if (m.index < to - from) return true;
  return false;
}

interface ProcMention {
  m: Mention;
  si: number;
  span: Span;
  procedure: string;
}

export interface ProcedureResult { prior: FactDraft[]; requested: FactDraft[] }

export function extractProcedures(ctx: ExtractionContext): FactDraft[] {
  const groups = groupMentions(ctx);
  const prior: FactDraft[] = [];
  const requested: FactDraft[] = [];
  const noteDate = ctx.nlp.noteDate;
  let lastPrior: FactDraft | null = null;
  for (const g of groups) {
    const sentence = ctx.sentences[g.si]!;
    // A row of a dated list ("05/04/2021  bilateral L4-5, L5-S1 MBB (lidocaine) - 90%") is the frame
    // of its procedure: its date and relief are the row's own.
    const row = dateRow(ctx, g.span.start);
    const wide = ctx.clause(g.span, sentence);
    const clause = row ? { start: Math.max(wide.start, row.start), end: Math.min(wide.end, row.end) } : wide;
    const clauseText = ctx.norm.slice(clause.start, clause.end);
    const sentText = ctx.norm.slice(sentence.start, sentence.end);
    // Code descriptors in a billing table and policy names ("criteria for ESI") are not events.
    if (sentence.section === 'billing' || POLICY_TALK.test(sentText) || OBSTETRIC.test(sentText)) continue;
    const lineStart = ctx.norm.lastIndexOf('\n', g.span.start) + 1;
    // A code's descriptor column ("64493  Inj paravert facet jnt") names no event; a code in
    // parentheses before a label ("Requested Treatment (CPT 62323): Lumbar interlaminar ESI") does.
    if (sentence.section !== 'request' && /\b\d{5}\b(?!\s*\)\s*:)[^\n]{0,40}$/.test(ctx.norm.slice(Math.max(lineStart, g.span.start - 45), g.span.start))) continue;
    // "Enclosed: SI joint injection note 06/10/2025; MBB procedure report": a document, not an event.
    if (DOCUMENT_AFTER.test(ctx.norm.slice(g.span.end, g.span.end + 30))) continue;
    // "Bilateral L4-5 and L5-S1 (L3, L4 medial branches and L5 dorsal rami)" beside an ablation: the nerves
    // ablated, not a block.
    if (namesNervesOnly(ctx, g) &&
        ABLATION_WORDS.test(ctx.norm.slice(sentence.start, sentence.end))) continue;
    // "Each lumbar facet joint is supplied by two medial branches: the L3-L4 joint by the L2 and L3 medial
    // branches", "Blocking the L2, L3 and L4 medial branches on each side anesthetizes two joints": the
    // nerves' anatomy, or what blocking them does, not a block done.
    if (namesNervesOnly(ctx, g) && NERVE_ANATOMY.test(sentText)) continue;
    // "RTC 4 wks after RFA", "follow up two weeks after the injection": a visit after a procedure to come.
    // A session dated right after it ("Follow-up 6 weeks after RF neurotomy #2 (08/20/2024)") was done.
    // In a plan, "F/u 6 wk post RFA" is the visit after the procedure asked for ("post" alone also tells a visit done).
    if (REQUEST_SECTIONS.has(sentence.section) && FOLLOW_UP_POST.test(ctx.norm.slice(Math.max(sentence.start, g.span.start - 45), g.span.start))) continue;
    // In a plan, "After RFA: 6 PT visits", "following the MBBs, reassess": the time after the procedure asked for.
    if (REQUEST_SECTIONS.has(sentence.section) && AFTER_IN_PLAN.test(ctx.norm.slice(Math.max(sentence.start, g.span.start - 30), g.span.start)) &&
        !DONE_DATE_AFTER.test(ctx.norm.slice(g.span.end, Math.min(sentence.end, g.span.end + 30)))) continue;
    // Outside a plan, a follow-up after the procedure is the visit being written ("F/u after caudal ESI: 60%
    // better"), unless the words say it is to come ("will follow up after the injection").
    const before45 = ctx.norm.slice(Math.max(sentence.start, g.span.start - 45), g.span.start);
    if (FOLLOW_UP_AFTER.test(before45) && (REQUEST_SECTIONS.has(sentence.section) || FUTURE_VISIT.test(before45)) &&
        !DONE_DATE_AFTER.test(ctx.norm.slice(g.span.end, Math.min(sentence.end, g.span.end + 30)))) continue;
    const a = ctx.assert(g.span, sentence, 'procedure');
    if (a.experiencer === 'other') continue;
    // "Two diagnostic medial branch blocks positive; see procedure notes": a block with its result was done.
    // ("Two concordant diagnostic MBBs >= 80%. Plan ... RFA": the result told first, opening its statement.)
    const resultDone = frame(ctx, 'after', ctx.norm.slice(g.span.end, sentence.end), 'done') ??
      (g.span.start - sentence.start <= 80 ? frame(ctx, 'before', ctx.norm.slice(Math.max(0, sentence.start - 3), g.span.start), 'done') : null);
    // "Lumbar epidural steroid injection, intralaminar approach": the approach names the procedure.
    if (g.procedure === 'epidural_steroid_injection') g.procedure = approachOf(clauseText) ?? g.procedure;
    // "The last injection gave her 70% relief for about 3 months": a past session named without its
    // procedure is the one injection procedure the document names (an ESI of its one approach).
    // ("Pt states he is 'still about 60 percent better' than before the shot" in a nurse's call that
    // names no procedure: the packet's latest session before the call, packet.ts resolveUndatedSessions.)
    let undated = false;
    // "Says the block 'helped maybe 50 percent'" in a call that names no procedure: only the latest
    // session (packet.ts), and only with its relief told (checked below).
    if (g.m.ruleId === SESSION_TOLD) {
      if (a.assertion === 'absent' || ctx.documentType === 'unknown' || !ctx.nlp.noteDate || ctx.nlp.mentions.some((m) => m.category === 'procedure' && m.concept !== 'injection_generic')) continue;
      undated = true;
    } else if (g.procedure === 'injection_generic' && GENERIC_SESSION.has(g.m.ruleId) && a.assertion !== 'absent') {
      const sole = soleInjectionProcedure(ctx, g.m.ruleId === 'lex.proc.generic_block_session');
      if (!sole && (ctx.documentType === 'unknown' || !ctx.nlp.noteDate || ctx.nlp.mentions.some((m) => m.category === 'procedure' && m.concept !== 'injection_generic'))) continue;
      if (sole) g.procedure = sole; else undated = true;
    }
    const cues = ctx.mentionsIn(g.si, 'cue');
    // A cue that speaks of what follows it ("then RFA", "after the ESI") says nothing of a procedure before it.
    // A cue told after another procedure that follows this one ("MBB x2, then RFA if positive") is that one's.
    const procsAfter = ctx.mentionsIn(g.si, 'procedure').filter((p) => p.start >= g.span.end && p.end <= clause.end);
    // ("caudal ESI under fluoroscopy (prior laminectomy at L4-5)": a cue right before a surgery is the surgery's.)
    const surgeries = ctx.mentionsIn(g.si, 'surgery');
    const near = (c: Mention) => c.start >= clause.start && c.end <= clause.end && !(AHEAD_CUES.has(c.ruleId) && c.start >= g.span.end) &&
      !(c.start >= g.span.end && procsAfter.some((p) => p.end <= c.start)) &&
      !(c.start >= g.span.end && surgeries.some((x) => x.start >= c.end && x.start - c.end <= 12));
    // "Evaluation for right L4 SNRB", "she is being sent for an ESI": the service the note asks for.
    const referral = REFERRAL_FOR.test(ctx.norm.slice(Math.max(clause.start, g.span.start - 60), g.span.start));
    // A letter's subject line names what it asks for ("Re: G. S., DOB ... - Letter of Medical
    // Necessity,\n    right L4-5 and L5-S1 radiofrequency ablation"), its wrapped line too.
    const hasReq = referral || onSubjectLine(ctx, g.span.start) || cues.some((c) => c.concept === 'request' && near(c));
    const hasCond = cues.some((c) => c.concept === 'conditional' && near(c));
    const hasPast = cues.some((c) => c.concept === 'past' && near(c));
    // A date introduced as a visit ("at follow-up 05/02/2023", "seen 5/2") dates the report, not the procedure.
    const allDates = withRelativeDates(sentText, findDates(sentText), noteDate ?? ctx.nlp.asOfDate ?? null).map((d) => shift(d, sentence.start));
    const reportDates = allDates.filter((d) => frame(ctx, 'before', ctx.norm.slice(Math.max(sentence.start, d.start - 28), d.start), 'report') ||
      frame(ctx, 'after', ctx.norm.slice(d.end, Math.min(sentence.end, d.end + 40)), 'report'));
    const dates = allDates
      .filter((d) => !reportDates.includes(d) &&
        // "repeat ILESI, same technique as 11/12/2024": a date the request is compared with is the earlier session's.
        !(REQUEST_SECTIONS.has(sentence.section) && REFERENCE_DATE.test(ctx.norm.slice(Math.max(g.span.end, d.start - 24), d.start))) &&
        // "MBB #2, bilateral, same targets as 11/06/2025": the date of the session it repeats.
        !SAME_AS_DATE.test(ctx.norm.slice(Math.max(g.span.end, d.start - 40), d.start)) &&
        !BIRTH_DATE.test(ctx.norm.slice(Math.max(sentence.start, d.start - 20), d.start)) && !INJURY_DATE.test(ctx.norm.slice(Math.max(0, d.start - 20), d.start)) &&
        !OTHER_EVENT_DATE.some((re) => re.test(ctx.norm.slice(Math.max(sentence.start, d.start - 40), d.start))));
    let date: DateMatch | undefined = row ? dates.find((d) => d.start >= row.start && d.start < row.dateEnd) ?? nearest(dates.filter((d) => d.start >= row.start && d.end <= row.end), g.span) : nearest(dates, g.span);
    // "8/26/25 Outgoing call, 2-wk post ESI": a time point after the session dates the report, not the session.
    // ("3 wks s/p R L4-5 TFESI 11/11/25": a date right after the procedure is still its own.)
    // ("04/22/2025 (6 weeks after bilateral L4-5/L5-S1 RF neurotomy 03/11/2025)": the date after it is the session's.)
    if (date && date.end <= g.span.start && TIME_POINT_POST_BEFORE.test(ctx.norm.slice(Math.max(sentence.start, g.span.start - 60), g.span.start))) {
      date = nearest(dates.filter((d) => d.start >= g.span.end && d.start - g.span.end <= 20), g.span);
    }
    // "... radiofrequency ablation here on 09/12/2024 after two positive medial branch blocks": the
    // date of another procedure this one is told as before ("after", "following") is not its own.
    if (date && date.end <= g.span.start && EARLIER_THAN_BEFORE.test(ctx.norm.slice(Math.max(date.end, g.span.start - 50), g.span.start)) &&
        eventMentions(ctx, g.si).some((p) => p.concept !== g.procedure && p.start >= date!.end - 60 && p.end <= g.span.start)) date = undefined;
    if (!date && SAME_DATE.test(sentText)) {
      const prev = prior[prior.length - 1];
      if (prev?.attributes.date) date = { start: g.span.start, end: g.span.start, iso: String(prev.attributes.date), precision: 'day' };
    }
    const ownRelief = reliefFor(ctx, g, clause);
    // Relief told in the next sentence belongs to a prior procedure, not to one being requested here.
    // "Given his excellent response to the diagnostic block we will proceed to RFA": relief told
    // of another procedure in the sentence belongs to that one, not to the one requested.
    const others = eventMentions(ctx, g.si).filter((p) => p.concept !== g.procedure);
    const nearerOther = (r: { start: number; end: number }) => others.some((p) => Math.abs(p.start - r.start) < Math.abs(g.span.start - r.start));
    // In a plan, relief told before the procedure is the reason for it ("given his excellent response
    // to the diagnostic block, we will proceed to RFA"), not its result.
    const planned = hasReq || REQUEST_SECTIONS.has(sentence.section);
    const relief = hasReq && ownRelief.every((r) => r.start >= sentence.end || nearerOther(r) || (planned && r.end <= g.span.start)) ? [] : ownRelief;
    if (g.m.ruleId === SESSION_TOLD && (relief.length === 0 || hasReq)) continue;
    // Without the note's date, a date beside a scheduling word ("scheduled for a cervical ESI on
    // March 14") is the request's, not a past session's.
    // On a form or order (a request document) an undated-document date is the date of service asked for.
    // A request's sentence may run on to another event's date ("We are requesting authorization for an
    // L4-5 ILESI ... for a woman with low back pain since she fell in October 2023"): a date that far
    // from a requested procedure is not its own.
    if (date && hasReq && Math.min(Math.abs(date.start - g.span.end), Math.abs(g.span.start - date.end)) > 80) date = undefined;
    const isPastDate = date && noteDate ? date.iso < noteDate.slice(0, date.iso.length) : Boolean(date) && !hasReq && ctx.role !== 'request';
    const longAgo = !hasReq && Boolean(date && noteDate && (daysBetween(date.iso, noteDate) ?? 0) > 365);
    const seg = segmentFor(ctx, g, clause);
    let levels = levelsFor(ctx, g, seg);
    // "Two diagnostic medial branch blocks (11/19/2024, 90% ...; 12/17/2024, 85% ...) confirmed
    // facet-mediated pain at L4-5 and L5-S1": a facet procedure, alone in its sentence, takes the
    // joints the sentence names past its clause.
    if (!levels.length && FACET.has(g.procedure) && eventMentions(ctx, g.si).every((p) => p.concept === g.procedure) &&
        ctx.mentionsIn(g.si, 'surgery').length === 0) levels = levelsFor(ctx, g, sentence);
    // A side said once for a heading ("both bilat L4-L5 and L5-S1; L3, L4 medial branches ...").
    const segText = ctx.norm.slice(seg.start, seg.end);
    const side = combineSides(findSides(segText).filter((s) => !frame(ctx, 'after', segText.slice(s.end, s.end + 40), 'symptom')).map((s) => s.side)) ?? sideBefore(ctx, g, clause) ??
      (eventMentions(ctx, g.si).every((p) => p.concept === g.procedure)
        // "... at L5-S1 to treat her bilateral radicular leg pain": a side of a symptom is not the procedure's.
        ? combineSides(findSides(sentText).filter((s) => !frame(ctx, 'after', sentText.slice(s.end, s.end + 40), 'symptom')).map((s) => s.side)) : undefined);
    // Radiofrequency of the sympathetic chain is not a facet denervation.
    if (g.procedure === 'radiofrequency_ablation' && /sympathetic/.test(sentText)) continue;
    // A bare "ablation" ("the same right-sided ablation", "repeat ablation") is the spine's only where
    // the sentence names no other organ's ("AFib s/p prior ablation 2019", "endometrial ablation").
    if (g.procedure === 'radiofrequency_ablation' && /^[\w\s-]*ablation$/.test(ctx.norm.slice(g.span.start, g.span.end)) && !/radio|\brf|facet|nerve|lumbar|medial/.test(ctx.norm.slice(g.span.start, g.span.end)) && OTHER_ABLATION.test(sentText)) continue;
    // Intent is what the words beside the procedure say ("diagnostic MBB", "therapeutic TFESI").
    const nearBefore = ctx.norm.slice(Math.max(clause.start, g.span.start - 30), g.span.end);
    // ... or right after it, set off by a comma or parenthesis ("intra-articular facet joint injections, therapeutic, under fluoroscopy").
    const after = /^(?:\s{1,2}(?:joint|joints|injections?|blocks?|nerve|nerves))*\s{0,2}[,(]\s{0,2}(diagnostic|therapeutic)\b/.exec(ctx.norm.slice(g.span.end, Math.min(sentence.end, g.span.end + 40)))?.[1];
    const intent = DIAGNOSTIC.test(nearBefore) ? 'diagnostic' : THERAPEUTIC.test(nearBefore) ? 'therapeutic' : after ?? defaultIntent(ctx, g.procedure);
    const rules = [g.m.ruleId, ...(a.rule ? [a.rule] : []), ...(resultDone ? [resultDone.id] : [])];

    // ConText negation on a procedure counts only when it says the procedure was not done;
    // "symptoms resolved since her TFESI" does not negate the TFESI.
    // (A list negation's trigger carries its colon or dash: "Prior epidural injections:    None".)
    const negText = (a.trigger?.text ?? '').toLowerCase().replace(/^[\s:.-]+/, '').replace(/\s+/g, ' ').trim();
    // A negation before the procedure may run on ("not had any", "never had an"); after it, only the
    // bare words count ("ESI did not help" is a procedure that was done).
    // A list's "label: none" negates the procedure only when the procedure is that label ("Prior
    // epidural injections: None", "Prior ESI in last 12 months - none"), not another field after it
    // ("... medial branch blocks, fluoroscopic guidance, sedation: none").
    const listNegation = a.trigger ? /^\s*[:.-]/.test(a.trigger.text) : false;
    const ownLabel = !listNegation || (a.trigger!.start >= g.span.end && !/[,;\n]/.test(ctx.norm.slice(g.span.end, a.trigger!.start)) && a.trigger!.start - g.span.end <= 40);
    // (A form's question answered no — "Other invasive pain procedure (ESI, SI, TPI) planned same
    // session?  [X] No" — says the procedure is not done or asked for.)
    const realNegation = (REAL_NEGATION.test(negText) && ownLabel) || (a.trigger !== null && a.trigger !== undefined && a.trigger.end <= g.span.start && NEGATION_OPENING.test(negText)) ||
      a.rule?.startsWith('ctx.neg.answered_no') === true;
    if (a.assertion === 'absent' && (!realNegation ||
        (a.trigger && a.trigger.end < g.span.start && g.span.start - a.trigger.end > 45))) a.assertion = 'present';
    // A session named without its procedure that no document procedure places says nothing.
    if (g.procedure === 'injection_generic' && GENERIC_SESSION.has(g.m.ruleId) && !undated) continue;
    if (g.procedure === 'injection_generic' && !undated) {
      // "We do not perform injections while on warfarin" is practice, not the patient's history.
      const practice = a.trigger ? PRACTICE_NEGATION.test(ctx.norm.slice(Math.max(sentence.start, a.trigger.start - 30), a.trigger.end)) : false;
      // "Other injections today: none", "Same-day other injections: none": about this session, not the history.
      const sameSession = /\b(?:other|additional|today|same[\s-]day)\b/.test(ctx.norm.slice(Math.max(sentence.start, g.span.start - 25), Math.min(sentence.end, g.span.end + 10)));
      if (a.assertion === 'absent' && !practice && !sameSession) prior.push({ type: 'prior_procedure', assertion: 'absent', attributes: {}, spans: [g.span], rules: [g.m.ruleId, ...(a.rule ? [a.rule] : [])], extractor: 'procedures.prior', trigger: a.trigger?.text ?? null, section: sentence.section });
      continue;
    }
    // "An ESI requested in November was non-certified": a request decided against was not done.
    // ("The original request was for three joints; we instead request ...": the sentence tells the request now.)
    const revisedNow = REVISED_REQUEST.test(sentText);
    const denied = !revisedNow && DENIED_REQUEST.test(sentText) && relief.length === 0;
    // "This is his first epidural injection": the service asked for, told as the first of its kind.
    const firstOfKind = FIRST_OF_KIND.test(ctx.norm.slice(Math.max(sentence.start, g.span.start - 50), g.span.start)) && relief.length === 0;
    let kind: 'prior' | 'request';
    if (denied || firstOfKind) kind = 'request';
    // "The prior injection took his leg pain from 8/10 to 3/10": a session named as past is one done, in a plan too.
    // ("the first block" in a plan may be the first of the blocks asked for: left to the cues.)
    else if (GENERIC_SESSION.has(g.m.ruleId) && !/^(?:the\s+)?(?:first|initial)\b/.test(ctx.norm.slice(g.span.start, g.span.end))) kind = 'prior';
    else if (PERFORMED_SECTIONS.has(sentence.section) && !hasReq) kind = 'prior';
    // A form, order or determination names the service it asks for or decides, dated or not (a
    // retrospective request's date of service is past): a request, unless words say it was done.
    // (A session dated over a year before the document — "At his left L5 transforaminal injection on
    // 05/17/2022 he ..." in a letter of 12/2025 — is no retrospective request: it was done.)
    else if (ctx.role === 'request' && relief.length === 0 && !hasPast && !a.historical && !resultDone && !longAgo && (REQUEST_SECTIONS.has(sentence.section) || ctx.documentType === 'ur_determination')) kind = 'request';
    // ("Meets the pathway for a first diagnostic block: ... failed PT and NSAID": a session told as one
    // it qualifies for is asked for; the past words are its reasons.)
    else if (relief.length > 0 || isPastDate || (hasPast && !hasReq && !(a.assertion === 'hypothetical' && a.trigger && a.trigger.end <= g.span.start))) kind = 'prior';
    // (A result told right after a block — "two diagnostic medial branch blocks positive" — makes it
    // one done, on a form too: proc.status.result_after.)
    // ("I would favour a transforaminal injection first", "would recommend an MBB": a recommendation,
    // conditional, is a request told hypothetically.)
    else if (hasReq || hasCond || (REQUEST_SECTIONS.has(sentence.section) && !a.historical && !resultDone) || (a.assertion === 'hypothetical' && !resultDone)) kind = 'request';
    // A form or order names what it asks for (but not under its history heading: "Prior
    // treatment: diagnostic blocks ..."); a narrative names what was done.
    else if (ctx.role === 'request' && !HISTORY_SECTIONS.has(sentence.section) && !a.historical && !resultDone) kind = 'request';
    // A form's clinical summary that names a procedure with nothing past about it — no date, no
    // relief, no past cue, its levels named ("Clinical summary: First diagnostic medial branch block, bilateral L4-5
    // and L5-S1, fluoroscopic guidance ...") restates the service asked for.
    else if (ctx.role === 'request' && sentence.section === 'hpi' && a.assertion === 'present' && !a.historical && levels.length > 0) kind = 'request';
    // Nothing says it was done — no date, no relief, no past cue, not a procedure note — and nothing
    // says it is asked for: a procedure merely mentioned ("discussed ESI", "ESI risks reviewed") is
    // neither (issue 10: the default is "mentioned", not "prior").
    // A letter argues: a procedure it names in general, with nothing past about it ("a transforaminal
    // needle placement at S1 in a patient who cannot remain still is unsafe"), is named, levels or not.
    else if (a.assertion === 'present' && !a.historical && (!levels.length || (ctx.documentType === 'letter' && INDEFINITE_BEFORE.test(ctx.norm.slice(Math.max(sentence.start, g.span.start - 40), g.span.start)))) && ctx.role !== 'performed' && !isProcedureNote(ctx)) continue;
    else kind = 'prior';

    // "MBBs were scheduled for 8/2025 but were cancelled", "RFA was therefore not pursued": a session
    // that never happened is neither done nor asked for.
    if (framedAround(ctx, g.span, sentence, 'cancelled', 40)) continue;
    // "TFESI not indicated", "not a candidate for an interlaminar ESI": ruled out, neither done nor
    // asked for; but a determination's "the requested RFA is not indicated" decides the request.
    const askedBefore = cues.some((c) => c.concept === 'request' && c.start >= clause.start && c.end <= g.span.start);
    if (!askedBefore && ctx.documentType !== 'ur_determination' && framedAround(ctx, g.span, sentence, 'ruled_out', 60)) continue;
    // "We discussed an ESI at length; the patient declined", "she declined the RFA", "denied in
    // 11/2025; no new request at this time": a procedure turned down is not asked for.
    if (undated && (kind !== 'prior' || relief.length === 0)) continue;
    if (kind === 'request' && framedAround(ctx, g.span, sentence, 'declined', 60)) continue;
    if (kind === 'request') {
      // ConText reads "request"/"plan"/"will" as hypothetical; for the procedure under review that
      // is the request itself (present). Only a conditional ("if positive", "consider",
      // "candidate for") makes a requested procedure hypothetical.
      let assertion = a.assertion;
      if (assertion === 'hypothetical' || assertion === 'possible') assertion = hasCond ? 'hypothetical' : 'present';
      else if (assertion === 'present' && hasCond) assertion = 'hypothetical';
      requested.push({
        type: 'requested_procedure', assertion,
        attributes: {
          procedure: g.procedure, levels: levels.length ? levels : undefined, side, intent,
          sequence: secondNear(ctx.norm, Math.max(clause.start, g.span.start - 40), g.span.end + 12) && g.procedure !== 'radiofrequency_ablation' ? 2 : undefined,
          denied: denied || undefined,
        },
        spans: [g.span], rules: revisedNow ? [...rules, REVISED_RULE] : rules, extractor: 'procedures.requested', trigger: a.trigger?.text ?? null, section: sentence.section,
      });
      requested.push(...sharedHead(ctx, g, [requested[requested.length - 1]!]));
      continue;
    }
    // Anaphora: "the TFESI gave 50% relief" takes levels/side/date from the one earlier event.
    const same = prior.filter((p) => p.attributes.procedure === g.procedure);
    const sameLevels = SAME_LEVELS.test(clauseText);
    // A numbered or repeat session ("MBB #2 on 03/12", "repeat MBB 3/12: 85%") is done at the levels of the one before.
    const repeat = same.length > 0 && levels.length === 0 && !sameLevels &&
      REPEAT_SESSION.test(ctx.norm.slice(Math.max(clause.start, g.span.start - 30), Math.min(clause.end, g.span.end + 8)));
    let antecedent = same.length > 0 && ((!date && levels.length === 0) || sameLevels || repeat) ? same[same.length - 1]! : null;
    // "She completed dual MBBs at these levels": the levels of the procedure named just before (the request).
    if (!antecedent && levels.length === 0 && THESE_LEVELS.test(clauseText)) {
      antecedent = [...prior, ...requested].filter((p) => p.attributes.levels && p.spans[0]!.start < g.span.start).sort((a, b) => b.spans[0]!.start - a.spans[0]!.start)[0] ?? null;
    }
    // A procedure note kept as dated entries ("DOS 11/04/2025  (1) Diagnostic MBB #2 ... (2) Right
    // sacroiliac joint injection"): a session told there without a past word is that entry's.
    // (Not another procedure told in a later entry of the note: "Phone follow-up 11/26/2024: ... Low back
    // unchanged, still good from RFA" under an SI joint injection's note.)
    const performedEntry = ctx.role === 'performed' && sentence.section === 'unknown' && !hasPast && !a.historical && !otherThanPerformed(ctx, g.procedure);
    const base: FactDraft = {
      type: 'prior_procedure', assertion: a.assertion === 'hypothetical' ? 'present' : a.assertion, historical: true,
      attributes: {
        procedure: g.procedure,
        levels: levels.length && !sameLevels ? levels : (antecedent?.attributes.levels as string[] | undefined) ?? (levels.length ? levels : undefined),
        side: (sameLevels ? antecedent?.attributes.side as string | undefined : undefined) ?? side ?? (antecedent?.attributes.side as string | undefined),
        date: date?.iso ?? (sameLevels || repeat ? undefined : antecedent?.attributes.date as string | undefined) ?? ((PERFORMED_SECTIONS.has(sentence.section) && !otherThanPerformed(ctx, g.procedure)) || performedEntry ? headerDate(ctx, g.span.start) ?? noteDate ?? undefined : undefined),
        intent,
      },
      spans: [g.span], rules, extractor: 'procedures.prior', trigger: a.trigger?.text ?? null, section: sentence.section,
    };
    // "Her last TFESI gave 70% relief": an undated session told as the latest of its kind.
    // "the last injection": the latest word inside the mention counts too.
    const latest = base.attributes.date ? null : frame(ctx, 'before', ctx.norm.slice(Math.max(clause.start, g.span.start - 30), GENERIC_SESSION.has(g.m.ruleId) ? g.span.start + ctx.norm.slice(g.span.start, g.span.end).search(/\s(?:injection|shot|block|one|set)/) + 1 : g.span.start), 'latest');
    if (latest) { base.attributes.latest = true; base.rules.push(latest.id); }
    // A dated repeat ("repeated her RFA on 05/04/2005") is a session of its own, not the earlier one again.
    if (date && (repeat || REPEAT_SESSION.test(ctx.norm.slice(Math.max(clause.start, g.span.start - 30), g.span.start)))) base.attributes.__repeat = true;
    // "blocks on 06/13/2023 (90% relief) and 07/11/2023 (85% relief)": each report goes with the
    // session date told just before it, when the sentence dates more than one session.
    const nextOther = eventMentions(ctx, g.si).find((p) => p.start >= g.span.end && p.concept !== g.procedure)?.start ?? sentence.end;
    const sessionDates = relief.length > 1 ? dates.filter((d) => d.start >= g.span.end && d.end <= nextOther && d.precision !== 'year') : [];
    // "on 1/3/2025 and 1/24/2025: 90% and 80% relief respectively": all dates told before all the
    // reports pair in order.
    const inOrder = sessionDates.length > 1 && relief.length === sessionDates.length && sessionDates.every((d) => relief.every((r) => d.end <= r.start));
    // "gave 90% relief with lidocaine on 03/11/2025 and 85% relief with bupivacaine on 04/08/2025":
    // each report told before its own date.
    const eachThenDate = sessionDates.length > 1 && relief.length === sessionDates.length &&
      relief.every((r, i) => sessionDates[i]!.start >= r.end && (i + 1 >= relief.length || sessionDates[i]!.end <= relief[i + 1]!.start));
    // The session date a report goes with: by order, or the last told before it.
    const paired = sessionDates.length > 1 && relief.length === sessionDates.length;
    const ownSession = (r: ReliefMatch): DateMatch | undefined => (!paired ? undefined
      : inOrder || eachThenDate ? sessionDates[relief.indexOf(r)] : [...sessionDates].reverse().find((d) => d.end <= r.start));
    const ownDate = (r: ReliefMatch): string | undefined => ownSession(r)?.iso;
    // "performed on 03/04/2025 at left L4-5 and L5-S1 with 90% relief, and on 04/01/2025 at left L3-4
    // and L4-5 with 85% relief": the levels and side told in a session's stretch of the sentence are its own.
    const ownSite = (r: ReliefMatch): { levels?: string[]; side?: string } => {
      const d = inOrder ? undefined : ownSession(r);
      if (!d) return {};
      const i = sessionDates.indexOf(d);
      const stretch: Span = eachThenDate ? { start: i === 0 ? g.span.end : sessionDates[i - 1]!.end, end: d.end }
        : { start: d.start, end: sessionDates[i + 1]?.start ?? nextOther };
      const own = levelsFor(ctx, g, stretch);
      const ownSide = combineSides(findSides(ctx.norm.slice(stretch.start, stretch.end)).map((x) => x.side));
      return { ...(own.length ? { levels: own } : {}), ...(own.length && ownSide ? { side: ownSide } : {}) };
    };
    const drafts: FactDraft[] = relief.length === 0 ? [base] : relief.map((r) => {
      if (r.percent === null && NO_SIGNIFICANT_RELIEF.test(ctx.norm.slice(Math.max(0, r.start - 20), r.end + 5))) r.percent = 0;
      return {
        ...base,
        attributes: {
          ...base.attributes,
          ...(ownDate(r) ? { date: ownDate(r) } : {}),
          ...ownSite(r),
          reliefPercent: r.percent ?? undefined,
          reliefQualitative: r.percent === null ? r.qualitative ?? undefined : undefined,
          ...lastedUntil(r.duration || r.until ? r : { ...r, until: endedAt(ctx, r, sentence, noteDate ?? ctx.nlp.asOfDate ?? null) }, date?.iso),
          // When the relief was reported ("at follow-up 05/02/2023"): the time point of this report.
          reliefDate: nearest(reportDates, r)?.iso ?? (r.duration ? undefined : dateAfter(date?.iso, r.at ?? timePointAfter(ctx, r, sentence))),
          reliefAt: r.duration ? undefined : r.at ?? timePointAfter(ctx, r, sentence),
        },
        spans: [g.span, { start: r.start, end: r.end }],
        rules: [...rules, 'value.relief'],
      };
    });
    if (undated) for (const d of drafts) { d.rules.push(UNDATED_SESSION_RULE); d.attributes.reliefDate ??= ctx.nlp.noteDate ?? undefined; }
    const sessions = sessionsOf(ctx, g, clause, drafts, date);
    prior.push(...sessions, ...sharedHead(ctx, g, sessions));
    lastPrior = prior[prior.length - 1]!;
  }
  void lastPrior;
  prior.push(...listContinuations(ctx, prior));
  prior.push(...datedSessionReports(ctx));
  prior.push(...diaryReports(ctx));
  prior.push(...sessionTableRows(ctx));
  // In an RFA procedure note, "the medial branch nerves" are the nerves being ablated, not a block.
  if (prior.some((p) => p.section === 'procedure' && p.attributes.procedure === 'radiofrequency_ablation')) {
    for (let i = prior.length - 1; i >= 0; i--) {
      const p = prior[i]!;
      // (A block named as one — "block", "MBB 1" — or a row of a table of blocks stays.)
      if (p.attributes.procedure === 'medial_branch_block' && p.section === 'procedure' && !/block|\bmbbs?\b/.test(ctx.norm.slice(p.spans[0]!.start, p.spans[0]!.end)) &&
        !p.rules.includes('procedures.session_table')) prior.splice(i, 1);
    }
  }
  // A procedure note has no request: mentions of the performed procedure are that procedure.
  const performedTypes = new Set(prior.filter((p) => p.section === 'procedure' && p.assertion === 'present').map((p) => String(p.attributes.procedure)));
  if (performedTypes.size > 0) {
    for (let i = requested.length - 1; i >= 0; i--) {
      const r = requested[i]!;
      if (r.assertion === 'present' && (performedTypes.has(String(r.attributes.procedure)) || r.section === 'procedure')) requested.splice(i, 1);
    }
  }
  // "plan is RFA of the same levels": the conditional next step takes the request's levels and side.
  for (const r of requested) {
    if (r.assertion !== 'hypothetical' || r.attributes.levels) continue;
    const text = r.spans.map((sp) => ctx.norm.slice(ctx.sentences[ctx.sentenceIndexAt(sp.start)]?.start ?? sp.start, ctx.sentences[ctx.sentenceIndexAt(sp.start)]?.end ?? sp.end)).join(' ');
    const main = requested.find((x) => x.assertion === 'present' && x.attributes.levels);
    if (main && SAME_LEVELS.test(text)) { r.attributes.levels = main.attributes.levels; r.attributes.side ??= main.attributes.side; }
  }
  procedureNoteRelief(ctx, prior);
  procedureNoteSedation(ctx, prior);
  techniqueLevels(ctx, prior);
  requested.push(...nextOfSeries(ctx, requested));
  return [...mergePrior(prior), ...mergeRequested(requested)];
}

/**
 * How long relief lasted: its stated duration, or from the session's date to the day it ended
 * ("on 11/18/2025 ... 75% improvement that lasted until early March" = 15 weeks).
 */
function lastedUntil(r: ReliefMatch, date: string | undefined): { reliefDuration?: string; reliefDurationHours?: number } {
  if (r.duration) return { reliefDuration: `${r.duration.value} ${r.duration.unit}`, reliefDurationHours: r.duration.hours };
  // A session dated to its month ("her October 2025 TFESI ... pain free until mid-February")
  // counts from the month's last day: a lower bound.
  if (date && /^\d{4}-\d{2}$/.test(date)) {
    const [y, mo] = date.split('-').map(Number) as [number, number];
    date = `${date}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  if (!r.until || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return {};
  let end = r.until;
  if (end.startsWith('--')) {
    // No year: the first such day after the session.
    const y = Number(date.slice(0, 4));
    end = `${y}${end.slice(1)}`;
    if (end <= date) end = `${y + 1}${r.until.slice(1)}`;
  }
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
  if (!(days > 0 && days < 3 * 365)) return {};
  const weeks = Math.floor(days / 7);
  return { reliefDuration: `${weeks} weeks`, reliefDurationHours: days * 24 };
}

/** "a confirmatory block", "a second set", "repeat the block": the next one of a series, named without its procedure. */
const NEXT_OF_SERIES = /\b(?:a\s+|the\s+)?(?:second|2nd|confirmatory|confirming|repeat)\s+(?:diagnostic\s+|comparative\s+)?(?:block|blocks|set|injection|one)\b|\bconfirm\s+with\s+a\s+(?:second|2nd|repeat)\b/;
const CONDITION = /\b(?:if|once|provided|assuming|should\s+(?:she|he|they)|with\s+\d{2}\s*(?:%|percent)|depending)\b/;

/**
 * "Plan: bilateral L4-5, L5-S1 MBB. If she gets 80% relief, we will plan a confirmatory block": the
 * next block of the series the request starts, told without its procedure, is a hypothetical
 * request of that procedure (sequence 2) — a conditional next step, as CONTRACT counts them.
 */
function nextOfSeries(ctx: ExtractionContext, requested: FactDraft[]): FactDraft[] {
  const out: FactDraft[] = [];
  const blocks = requested.filter((r) => r.assertion === 'present' && (r.attributes.procedure === 'medial_branch_block' || r.attributes.procedure === 'facet_injection'));
  if (!blocks.length) return out;
  ctx.sentences.forEach((sentence, si) => {
    const text = ctx.norm.slice(sentence.start, sentence.end);
    const m = NEXT_OF_SERIES.exec(text);
    if (!m) return;
    // Its own clause ("...MBB #1; with 80 percent relief or better we will confirm with a second set").
    const clause = ctx.clause({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length }, sentence);
    if (!CONDITION.test(ctx.norm.slice(clause.start, clause.end))) return;
    if (eventMentions(ctx, si).some((x) => (x.concept === 'medial_branch_block' || x.concept === 'facet_injection') && x.start >= clause.start && x.end <= clause.end)) return;
    // The series the request started, named in this sentence or up to two before it.
    const host = blocks.find((r) => r.spans.some((sp) => { const k = ctx.sentenceIndexAt(sp.start); return k <= si && si - k <= 2; }));
    if (!host) return;
    out.push({ type: 'requested_procedure', assertion: 'hypothetical', attributes: { procedure: host.attributes.procedure, sequence: 2 },
      spans: [{ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length }], rules: ['procedures.next_of_series'],
      extractor: 'procedures.requested', trigger: null, section: sentence.section });
  });
  return out;
}

/** Past-tense words that make a month or day without a year a past session's ("she had ... on March 4th"). */
const PAST_TELLING = /\b(?:had|has had|underwent|received|got|gave|was done|were done|was performed|were performed|performed|did|completed)\b/;

/**
 * The dates of a sentence with those told relative to the note's date added: always the explicit ones
 * ("March 4th of this year", "last June", "six weeks ago"); a bare month or day ("on March 4th") only
 * in a sentence told in the past, where it is the latest such day before the note.
 */
function withRelativeDates(text: string, dates: DateMatch[], asOf: string | null): DateMatch[] {
  const rel = findRelativeDates(text, asOf).filter((d) => !dates.some((x) => d.start < x.end && d.end > x.start));
  if (!rel.length) return dates;
  const explicit = (d: DateMatch) => /\b(?:of (?:this|last) year|last|this past|ago)\b/.test(text.slice(Math.max(0, d.start - 10), d.end + 1));
  const past = PAST_TELLING.test(text);
  // (A month and day names a day of the past as a full date does: "The June 17 injection helped".)
  return [...dates, ...rel.filter((d) => explicit(d) || past || (d.precision === 'day' && /[a-z]/.test(text.slice(d.start, d.end))) || SESSION_NOUN_AFTER.test(text.slice(d.end, d.end + 16)))].sort((a, b) => a.start - b.start);
}

/**
 * "80% relief ... the leg pain has gradually returned over the past month", "the pain came back in
 * April": when relief ended, told after the report (in its sentence or the next), relative to the
 * note's date. An ISO date for lastedUntil, or undefined.
 */
const RELIEF_ENDED = /\b(?:pain|symptoms?|it|relief|benefit)\s+(?:has\s+|have\s+|had\s+)?(?:gradually\s+|slowly\s+|since\s+)?(?:returned|come\s+back|came\s+back|recurred|worn\s+off|wore\s+off|faded|worsened)\b(?:[^.;]{0,20}?\b(?:over|in|during)\s+the\s+(?:past|last)\s+(\d{1,2}|one|two|three|four|five|six|several|few|a|an)?\s*(day|week|month)s?\b)?/;
const ENDED_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, a: 1, an: 1, few: 2, several: 3 };

function endedAt(ctx: ExtractionContext, r: ReliefMatch, sentence: Span, asOf: string | null): string | undefined {
  if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return undefined;
  const next = ctx.sentences[ctx.sentenceIndexAt(sentence.start) + 1];
  const text = ctx.norm.slice(r.end, Math.min((next ?? sentence).end, r.end + 300));
  const m = RELIEF_ENDED.exec(text);
  if (!m) return undefined;
  if (m[2]) {
    const n = ENDED_WORDS[m[1] ?? 'a'] ?? Number(m[1]);
    const d = new Date(`${asOf}T00:00:00Z`);
    if (m[2] === 'day') d.setUTCDate(d.getUTCDate() - n); else if (m[2] === 'week') d.setUTCDate(d.getUTCDate() - 7 * n); else d.setUTCMonth(d.getUTCMonth() - n);
    return d.toISOString().slice(0, 10);
  }
  // "came back in April", "recurred 3 weeks ago", "returned on 05/02/2026".
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
  const rel = findRelativeDates(after, asOf)[0] ?? findDates(after)[0];
  // (Within a few words of it; a line wrap and its indent count as one space: "held until\n   mid-January".)
  if (!rel || after.slice(0, rel.start).replace(/\s+/g, ' ').length > 12) return undefined;
  return rel.precision === 'day' ? rel.iso : rel.precision === 'month' ? `${rel.iso}-01` : undefined;
}

/** "per the 06/04/2024 note": the date of a note that reports, not of a session. */
const NOTE_DATE_AFTER = /^\W{0,3}(?:office |clinic |progress |follow[- ]?up |consult(?:ation)? )?(?:note|visit|report|letter|records?)\b/;
/** Words that put a relief report at a later point in time than the one before it. */
const LATER_REPORT = /\b(?:at|by|after)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:\d{1,2}|one|two|three|four|six|eight|twelve)[- ]?(?:day|wk|week|month|mo)s?\b|\b(?:now|currently|later|since then|subsequently|fad(?:ed|ing)|wore off|wearing off)\b/;

/** A procedure told as done before the one just named: "... on 09/12/2024 after two positive ", "following a ". */
const EARLIER_THAN_BEFORE = /\b(?:after|following|preceded\s+by)\s+(?:[\w-]+[\s(]+){0,3}$/;

/** A date that names a session: "the August 20, 2024 procedure", "her 03/11 session". */
const SESSION_NAMED_BY_DATE = /^\s{0,2}(?:procedure|session|treatment|intervention)\b/;

/**
 * A list of sessions under one procedure heading ("Diagnostic MBBs L4-5, L5-S1:  #1 07/11: 100%
 * x 6 h.  #2 07/27: 80%"): a sentence with relief and no procedure of its own continues the
 * procedure named up to three sentences before it, as a new session when it has its own date.
 */
function listContinuations(ctx: ExtractionContext, prior: FactDraft[]): FactDraft[] {
  const out: FactDraft[] = [];
  // Each session a continuation adds, with the procedure mention (host) it continues.
  const hostOf = new Map<FactDraft, FactDraft>();
  const used = new Set(prior.flatMap((p) => p.spans.map((s) => s.start)));
  ctx.sentences.forEach((sentence, si) => {
    if (ctx.mentionsIn(si, 'procedure').length > 0) return;
    // A list item about a drug or a therapy tells that care's outcome ("- Ibuprofen 600 mg x 8 wks, no benefit").
    const lineStart = lineStartAt(ctx.norm, sentence.start);
    const bullet = ROW_BULLET.exec(ctx.norm.slice(lineStart, sentence.end));
    if (bullet && ctx.mentionsIn(si).some((m) => (m.category === 'medication' || m.category === 'conservative_care') && m.start <= lineStart + bullet[0].length + 1)) return;
    const text = ctx.norm.slice(sentence.start, sentence.end);
    // "Your letter says the LCD requires at least 50% relief lasting 6 months": a threshold, not a report.
    // A report the procedure's own reading already took ("... was repeated. At her six-week visit
    // about 70 percent relief, and at the six-month visit still two-thirds better": the first) is
    // left out; the others the sentence tells continue it.
    const relief = findRelief(text).map((r) => ({ ...r, start: r.start + sentence.start, end: r.end + sentence.start })).filter((r) => !isThreshold(ctx, r) && !used.has(r.start));
    if (relief.length === 0 || POLICY_TALK.test(text)) return;
    // "she did 10 weeks of physical therapy ... with no real change": a report after a care modality
    // in its own statement is that care's outcome.
    // (A drug before it may be the block's anesthetic: "lidocaine 2%, 90% relief".)
    if (careStatement(ctx, si, relief[0]!.start)) return;
    // ("... RFA - see follow-ups.\n\nOther history: right L3-4 laminectomy ...; that pain resolved":
    // an operation named before the relief owns it.)
    if (ctx.mentionsIn(si, 'surgery').some((m) => m.start < relief[0]!.start)) return;
    let host: FactDraft | undefined;
    for (let k = si - 1; k >= Math.max(0, si - 3) && !host; k--) {
      if (ctx.sentences[k]!.section !== sentence.section) break;
      const starts = new Set(ctx.mentionsIn(k, 'procedure').map((m) => m.start));
      host = [...prior, ...out].reverse().find((p) => p.spans.some((sp) => starts.has(sp.start)));
    }
    if (!host) return;
    // A session's own date leads its line ("#2  07/27/2023 ...", "- 03/07/2023 ...") or is told "on" it.
    const found = withRelativeDates(text, findDates(text), ctx.nlp.noteDate ?? ctx.nlp.asOfDate ?? null);
    // ("The 08/05/2025 PR-2 reports 80% improvement": a date told as a document's dates the report too.)
    const isReportDate = (d: DateMatch) => frame(ctx, 'before', text.slice(Math.max(0, d.start - 28), d.start), 'report') !== null ||
      frame(ctx, 'after', text.slice(d.end, d.end + 40), 'report') !== null;
    // (Or names the session by it: "At his six-week visit after the August 20, 2024 procedure ...".)
    const date = found.find((d) => !isReportDate(d) && !NOTE_DATE_AFTER.test(text.slice(d.end, d.end + 30)) &&
      (d.start < 25 || /\bon\W{0,3}$/.test(text.slice(Math.max(0, d.start - 6), d.start)) || SESSION_NAMED_BY_DATE.test(text.slice(d.end, d.end + 20))));
    const r = relief[0]!;
    // When a report was made: its own visit date ("At 10 weeks (PR-2 09/23/2025) the relief was
    // sustained at about 70%"), or its time point after the session.
    const atOf = (x: ReliefMatch) => (x.duration ? undefined : x.at ?? timePointAfter(ctx, x, sentence));
    const reportDateOf = (x: ReliefMatch) => found.find(isReportDate)?.iso ?? (x.duration ? undefined : dateAfter((date?.iso ?? host!.attributes.date) as string | undefined, atOf(x)));
    // A report told after this session's last report ("... 70 percent relief ... She was able to
    // return to work. The benefit began to fade around Christmas, so she had about nine months of
    // meaningful relief") adds to that report.
    const target = [...out].reverse().find((o) => hostOf.get(o) === host && typeof o.attributes.reliefPercent === 'number') ?? host;
    // Without a session date of its own, a sentence about an event that already has a measured relief
    // adds to that report: how long it lasted ("that relief lasted 4 months"), the same relief in
    // words ("the leg pain resolved"), or the relief with another activity ("with extension it helped
    // 70%": the lower one counts, docs/annotation.md §4.6). A later time point, or a visit of its own
    // ("PR-2 10/28/2025: relief holding at 70%"), is a report of its own.
    // ("1 month: NRS 7 -> 2. 3 months: NRS 7 -> 3": a time point of its own is a later report.)
    const ownAt = atOf(r);
    if (!date && typeof target.attributes.reliefPercent === 'number' && !LATER_REPORT.test(text) && !found.some(isReportDate) && !(ownAt && ownAt !== target.attributes.reliefAt)) {
      if (r.percent !== null && /\d|percent/.test(ctx.norm.slice(r.start, r.end))) target.attributes.reliefPercent = Math.min(target.attributes.reliefPercent, r.percent);
      else if (r.duration && target.attributes.reliefDuration === undefined) {
        target.attributes.reliefDuration = `${r.duration.value} ${r.duration.unit}`;
        target.attributes.reliefDurationHours = r.duration.hours;
      }
      target.spans.push({ start: r.start, end: r.end });
      return;
    }
    const { __heading: _heading, ...hostAttributes } = host.attributes;
    // A session of its own names its own side and levels ("His left L5-S1 transforaminal injection in
    // March 2022 gave him 90% relief. The right-sided injection on September 9 gave him about 70%").
    if (date) {
      const lead = text.slice(0, r.start - sentence.start).replace(OTHER_SIDE, ' ');
      const side = combineSides(findSides(lead).map((s) => s.side));
      const own = sortLevels(findLevels(lead).filter((l) => l.kind !== 'vertebra').flatMap((l) => l.levels));
      if (side && hostAttributes.side && side !== hostAttributes.side) {
        hostAttributes.side = side;
        hostAttributes.levels = undefined;
      }
      if (own.length) hostAttributes.levels = own;
    }
    // Each report the sentence tells ("at her six-week visit about 70 percent relief, and at the
    // six-month visit she was still roughly two-thirds better") is one.
    for (const x of relief) {
      const cont: FactDraft = {
        ...host,
        attributes: {
          ...hostAttributes,
          date: date?.iso ?? host.attributes.date,
          reliefPercent: x.percent ?? undefined,
          reliefQualitative: x.percent === null ? x.qualitative ?? undefined : undefined,
          // (Its length, or from the session's date to the end told: "the benefit held until early December".)
          reliefDuration: undefined, reliefDurationHours: undefined,
          ...lastedUntil(x, (date?.iso ?? host.attributes.date) as string | undefined),
          reliefDate: reportDateOf(x),
          reliefAt: atOf(x),
        },
        spans: [{ start: sentence.start, end: sentence.end }],
        rules: [...host.rules, 'procedures.list_continuation'],
      };
      out.push(cont);
      hostOf.set(cont, host);
    }
    // The heading itself, without relief, is not a session of its own.
    if (host.attributes.reliefPercent === undefined && host.attributes.reliefQualitative === undefined && !host.attributes.date) host.attributes.__heading = true;
  });
  return out;
}

/** A technique sentence that places the needle at a level ("needle ... into the epidural space at L4-L5"). */
const NEEDLE_TARGET = /\b(needle|interspace|epidural space|facet joint|joint space|foramen|foramina|neural foramen|lamina)\b/;
const OTHER_SIDE = /\b(the other side|the opposite side|contralateral(?: side)?|both sides|bilaterally)\b/;

/**
 * A procedure note whose heading names the procedure without levels ("PROCEDURE: Lumbar epidural
 * steroid injection") places it in the technique: the levels where the needle went, and both
 * sides when it was "carried out on the other side". A paramedian entry is not a side.
 */
function techniqueLevels(ctx: ExtractionContext, prior: FactDraft[]): void {
  const technique = ctx.sentences.filter((s) => s.section === 'procedure');
  if (technique.length === 0) return;
  // An operative note (the technique names an operation) performs that operation, not an injection.
  if (technique.some((s) => ctx.mentionsIn(ctx.sentences.indexOf(s), 'surgery').length > 0)) return;
  const firstTechnique = technique[0]!.start;
  // The performed procedure is named as such: in the procedure section, or as the note's title; not
  // told as history ("has failed epidural steroid injections").
  const named = (p: FactDraft) => {
    const si = ctx.sentenceIndexAt(p.spans[0]!.start);
    const s = ctx.sentences[si]!;
    if (ctx.mentionsIn(si, 'cue').some((c) => c.concept === 'past' && c.end <= p.spans[0]!.start)) return false;
    return p.section === 'procedure' || (s.start < Math.min(firstTechnique, 300) && ctx.norm.slice(s.start, s.end).split(/\s+/).length <= 10);
  };
  const inNote = prior.filter((p) => p.assertion === 'present' && named(p));
  const performed = inNote.filter((p) => !p.attributes.levels && !p.attributes.date);
  if (performed.length !== 1 || inNote.some((p) => p.attributes.levels)) return;
  const segments = new Set<string>(), roots = new Set<string>();
  let bilateral = false;
  for (const sentence of technique) {
    const text = ctx.norm.slice(sentence.start, sentence.end);
    if (OTHER_SIDE.test(text)) bilateral = true;
    if (!NEEDLE_TARGET.test(text)) continue;
    for (const l of findLevels(text)) {
      if (l.kind === 'medial_branch') continue;
      for (const lv of l.levels) (lv.includes('-') ? segments : roots).add(lv);
    }
  }
  const p = performed[0]!;
  const levels = segments.size > 0 ? [...segments] : FACET.has(String(p.attributes.procedure)) ? [] : [...roots];
  if (levels.length === 0 || levels.length > 3) return;
  p.attributes.levels = sortLevels(levels);
  if (bilateral && !p.attributes.side) p.attributes.side = 'bilateral';
  p.rules.push('procedures.technique_levels');
}

/** A 0-10 scale named in a heading line, its rows below: "pre-procedure: 8", "15 minutes: 3", "post: 2". */
const SCALE_HEADING = /^[^\n]*\b(?:nrs|vas|nprs|pain\s+scores?)\b[^\n]*\b0\s*-\s*10\b[^\n]*$/m;
const TABLE_PRE = /^[ \t]*(?:pre[- ]?(?:procedure|injection|block|op)?|baseline|before)[ \t]*:?[ \t]*(\d{1,2})(?![\d/.])[ \t]*$/m;
const TABLE_POST = /^[ \t]*(?:post[- ]?(?:procedure|injection|block|op)?|after|\d{1,3}[ \t]*(?:min(?:ute)?s?|hours?|hrs?|h))[ \t]*:?[ \t]*(\d{1,2})(?![\d/.])[ \t]*$/m;

/** The pre and first post score of a procedure note's 0-10 score table, when it has one. */
function scoreTable(norm: string): { pre: number; post: number } | null {
  const h = SCALE_HEADING.exec(norm);
  if (!h) return null;
  const body = norm.slice(h.index + h[0].length, h.index + h[0].length + 400);
  const pre = TABLE_PRE.exec(body);
  if (!pre) return null;
  const post = TABLE_POST.exec(body.slice(pre.index + pre[0].length));
  if (!post) return null;
  const a = Number(pre[1]), b = Number(post[1]);
  return a <= 10 && b <= 10 ? { pre: a, post: b } : null;
}

/** A procedure note's result line: "Result: 90% relief ...", "Response: 80% improvement", "Outcome: ...", "Summary: pre 8/10, post 1/10 (87.5%)", "Relief 85.7% at 2 hours.", "Peak relief 62% (8 -> 3)". */
const RESULT_LINE = /^\s*(?:(?:result|results|response|outcome|interpretation|summary|immediate\s+response|post[- ]?procedure\s+(?:relief|response))\s*:|(?:peak\s+|overall\s+|maximum\s+|max\s+|best\s+|greatest\s+|highest\s+)?relief\s*(?:of\s+|:\s*|=\s*)?~?\s*\d)/;

/** A follow-up entry a procedure note carries, dated after it: "FOLLOW-UP 11/04/2025 (two weeks): ...". */
const LATER_ENTRY = /^[ \t]*(?:follow[- ]?up|f\/u|post[- ]?(?:procedure|injection)\s+(?:call|check|visit)|phone\s+(?:call|follow[- ]?up)|nurse\s+call|addendum)\b[^\n]{0,12}?(\d{1,2}\/\d{1,2}\/\d{2,4})/gim;

/** An entry head of another session: "Block 1 - 05/20/2025 - ...", "MBB #2 06/10/2025:", "Session 3 (04/02/2025)". */
const SESSION_ENTRY = /^[ \t]*(?:block|mbb|injection|session|procedure|rfa|esi)\s*#?\s*\d{1,2}\b[^\n\d]{0,6}(\d{1,2}\/\d{1,2}\/\d{2,4})/gim;

/** The same head, tested on one line (not global: no lastIndex to keep). */
const SESSION_ENTRY_HEAD = new RegExp(SESSION_ENTRY.source, 'im');

/**
 * The dated entries a note carries whose head `re` matches (group 1 the date) and whose date `keep`
 * accepts: each runs to the next such head, or to the end of its paragraph.
 */
function datedEntries(ctx: ExtractionContext, re: RegExp, keep: (iso: string) => boolean): { start: number; end: number; date: string }[] {
  const heads: { start: number; date: string }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(ctx.norm); m; m = re.exec(ctx.norm)) {
    const d = findDates(m[1]!)[0];
    if (d && d.precision === 'day' && keep(d.iso)) heads.push({ start: m.index, date: d.iso });
  }
  return heads.map((h, i) => {
    const next = heads[i + 1]?.start ?? ctx.norm.length;
    const para = ctx.norm.slice(h.start, next).search(/\n[ \t]*\n/);
    return { start: h.start, end: para < 0 ? next : h.start + para, date: h.date };
  });
}

/** Entries of other sessions a procedure note carries ("Block 1 - 05/20/2025 - ..."). */
function otherSessionEntries(ctx: ExtractionContext): { start: number; end: number; date: string }[] {
  const noteDate = ctx.nlp.noteDate;
  return noteDate ? datedEntries(ctx, SESSION_ENTRY, (iso) => iso !== noteDate) : [];
}

/** Follow-up entries a procedure note carries, dated after it ("FOLLOW-UP 11/04/2025 (two weeks): ..."). */
function laterEntries(ctx: ExtractionContext): { start: number; end: number; date: string }[] {
  const noteDate = ctx.nlp.noteDate;
  return noteDate && ctx.role === 'performed' ? datedEntries(ctx, LATER_ENTRY, (iso) => iso > noteDate) : [];
}

/**
 * In a procedure note, pain scored before and after the procedure is its relief
 * ("pre-procedure 6/10, post-procedure 2/10" → 66.7%).
 */
function procedureNoteRelief(ctx: ExtractionContext, prior: FactDraft[]): void {
  // The procedure a procedure note performed: in its procedure section, or (a packet's procedure
  // note) the first present procedure dated the note's day.
  let performed = prior.filter((p) => p.section === 'procedure' && p.attributes.reliefPercent === undefined);
  if (performed.length === 0 && ctx.role === 'performed' && ctx.nlp.noteDate) {
    performed = prior.filter((p) => p.assertion === 'present' && p.attributes.date === ctx.nlp.noteDate && p.attributes.reliefPercent === undefined).slice(0, 1);
  }
  if (performed.length === 0) return;
  let pre: number | undefined, post: number | undefined, first: number | undefined;
  // A later entry in the note ("FOLLOW-UP 11/04/2025 (two weeks): Leg pain 5/10 (from 8/10)") is a
  // report of its own, taken that day: the session's scores end where it begins.
  const later = laterEntries(ctx);
  const laterStart = later[0]?.start ?? Infinity;
  // ... and an entry of another session the note carries ("Block 1 - 05/20/2025 - ... Index pain 8/10
  // before, 1/10 at 30-90 minutes") scores that session, not this one.
  const others = otherSessionEntries(ctx);
  for (const sentence of ctx.sentences) {
    if (sentence.start >= laterStart) break;
    if (others.some((e) => sentence.start >= e.start && sentence.start < e.end)) continue;
    const text = ctx.norm.slice(sentence.start, sentence.end);
    for (const ps of findPainScores(text)) {
      // The words that label this score: back to the previous score or the last ';' ',' or '.'.
      // A parenthesis names the time point ("Post-procedure pain score (30 min, standing): 3/10"), not a new label.
      const window = text.slice(Math.max(0, ps.start - 60), ps.start).replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
      const before = window.slice(Math.max(0, ...[...window.matchAll(/[;,.]\s|\d\/10/g)].map((m) => m.index! + m[0].length)));
      // A flow sheet labels its score after it, on its line ("0905  142/80  74  8/10   pre-procedure",
      // "1003 ... 1/10   15 min post").
      const lineAfter = /^[^\n]{0,50}/.exec(text.slice(ps.end))![0];
      const preAfter = /^\s{1,30}(?:pre[- ]?(?:procedur\w*|injection|block)|baseline)\b/.test(lineAfter);
      const postAfter = /^\s{1,30}(?:post[- ]?(?:procedur\w*|injection|block)|\d{1,3}\s*(?:min(?:ute)?s?|hours?|hrs?)\s+(?:post|after)|discharge)\b/.test(lineAfter);
      // The note's first score, before anything marked post-procedure, is the pre-procedure pain.
      if (post === undefined && !/post|after|following/.test(before) && !postAfter) first ??= ps.value;
      if (/pre[- ]?(?:procedur|injection|block)|before (?:the )?(?:procedure|injection|block)|preprocedur|prior to (?:the )?procedure/.test(before) || preAfter) pre ??= ps.value;
      else if (/post[- ]?(?:procedur|injection|block)|after (?:the )?(?:procedure|injection|block)|following the procedure|postprocedur|discharge|\b\d{1,3}\s*(?:min(?:ute)?s?|hours?|hrs?)\s+(?:post|after)\b[^.;]{0,25}$|\bpost\W{0,3}$|\bto\s+$/.test(before) || postAfter || sentence.section === 'post_procedure') post ??= ps.value;
    }
  }
  pre ??= first;
  const main = performed[0]!;
  for (const e of later) {
    const r = findRelief(reliefText(ctx, e.start, e.end)).find((x) => x.percent !== null);
    if (!r) continue;
    prior.push({ ...main, attributes: { ...main.attributes, reliefPercent: r.percent!, reliefDate: e.date, reliefDuration: undefined, reliefDurationHours: undefined },
      spans: [...main.spans.slice(0, 1), { start: e.start + r.start, end: e.start + r.end }], rules: [...main.rules.filter((x) => x !== 'procedures.pre_post_scores'), 'procedures.later_entry'] });
  }
  // "Result: 90% relief of index pain at 30 minutes", "Interpretation: 85.7% relief of index pain":
  // the note's own reading of its scores (a pain log's best hour, not its first) tells the relief.
  for (const sentence of ctx.sentences) {
    const text = ctx.norm.slice(sentence.start, sentence.end);
    // (A label that is also a section heading, "Response:", is a sentence of its own: read the line.)
    // (... or the sentence itself: "... at 4 h 5/10. Relief 85.7% at 2 hours.")
    if (!RESULT_LINE.test(ctx.norm.slice(lineStartAt(ctx.norm, sentence.start), sentence.end)) && !RESULT_LINE.test(text)) continue;
    const r = findRelief(text).find((x) => x.percent !== null);
    if (!r) continue;
    main.attributes.reliefPercent = r.percent!;
    main.spans.push({ start: sentence.start + r.start, end: sentence.start + r.end });
    main.rules.push('procedures.result_line');
    return;
  }
  // A score table under a heading that names its 0-10 scale, its numbers bare ("Pain score (NRS
  // 0-10), same activity:\n  Pre-procedure ........... 8\n  15 minutes .............. 3").
  if (pre === undefined || post === undefined) {
    const t = scoreTable(ctx.norm);
    if (t) ({ pre, post } = t);
  }
  if (pre === undefined || post === undefined || pre <= 0 || post > pre) return;
  main.attributes.reliefPercent = Math.round(((pre - post) / pre) * 1000) / 10;
  main.rules.push('procedures.pre_post_scores');
}

/**
 * In a procedure note, the sedation it records is the performed procedure's ("Moderate (conscious)
 * sedation: midazolam 2 mg IV ...", "Sedation: none", "under MAC"): a diagnostic block done under
 * sedation may be confounded (CONFOUNDED_DIAGNOSTIC_BLOCK). Its plan and history say nothing of it.
 */
function procedureNoteSedation(ctx: ExtractionContext, prior: FactDraft[]): void {
  // A procedure note: one of a packet, or a lone note titled as one (not a cover sheet listing
  // "Procedure note - MBB #2, 02/10/2026" among its enclosures).
  const lone = ctx.documentType === 'unknown' && /\b(?:procedure|operative|op)\s+(?:note|report)\b/.test(ctx.norm.slice(0, 300));
  if (ctx.role !== 'performed' && !lone) return;
  const performed = prior.filter((p) => p.assertion === 'present' && (p.section === 'procedure' || (ctx.role === 'performed' && ctx.nlp.noteDate !== null && p.attributes.date === ctx.nlp.noteDate)));
  if (performed.length === 0 || performed.some((p) => p.attributes.sedation !== undefined)) return;
  for (let si = 0; si < ctx.sentences.length; si++) {
    const sentence = ctx.sentences[si]!;
    if (NOT_THIS_SESSION_SECTIONS.has(sentence.section)) continue;
    for (const m of ctx.mentionsIn(si, 'sedation')) {
      // "Sedation:" as a label names none, its answer is the words after it; unless the label says
      // the kind: "Moderate (conscious) sedation: midazolam 2 mg IV ...".
      let kind: string | undefined;
      if (/^\s*[:=]/.test(ctx.norm.slice(m.end, m.end + 3)) && /^sedation$/.test(ctx.norm.slice(m.start, m.end))) {
        const q = /\b(moderate|conscious|iv|intravenous|deep|monitored)\b[^\n]{0,16}$/.exec(ctx.norm.slice(lineStartAt(ctx.norm, m.start), m.start));
        if (!q) continue;
        kind = /^(?:iv|intravenous)$/.test(q[1]!) ? 'iv' : q[1] === 'monitored' ? 'mac' : 'moderate';
      }
      const a = ctx.assert(m, sentence, 'sedation');
      if (a.assertion === 'hypothetical' || a.historical) continue;
      const value = a.assertion === 'absent' ? 'none' : kind ?? m.concept;
      for (const p of performed) { p.attributes.sedation = value; p.spans.push({ start: m.start, end: m.end }); p.rules.push(m.ruleId, 'procedures.note_sedation'); }
      return;
    }
  }
}
const NOT_THIS_SESSION_SECTIONS: ReadonlySet<string> = new Set(['plan', 'request', 'assessment_plan', 'past_history', 'past_surgical_history', 'prior_treatment', 'hpi', 'allergies', 'medications']);

/** "at the 2-week follow-up", "by 8 weeks", "after 3 months": when a relief report was taken. */
const TIME_POINT = /^[^.;]{0,30}?\b(?:at|by|after)\s+(?:the\s+|about\s+|approximately\s+)?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ](day|week|month)s?\b/;
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };

/** "At her 3-month follow-up she reported 70% relief", "at 12 weeks post-injection, 60% better": the time point told before the relief. */
const TIME_POINT_BEFORE = /(?:\b(?:at|by|after)\s+(?:the\s+|her\s+|his\s+|their\s+|about\s+|approximately\s+)?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]?(day|wk|week|month|mo)s?\b(?:[- ](?:follow[- ]?up|f\/u|visit|check|post(?:[- ]?(?:injection|procedure|op))?))?|\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s?[- ]?(day|wk|week|month|mo)s?\.?\s+(?:s\/p|status\s+post|after|post|out)\b)(?:(?!percent\b|better\b)[^;%]){0,120}$/;

/** A time point written as the label of its scores: "3 months: NRS 7 -> 3", "6-week check - 8/10 -> 3/10", "(3 months) pain 3/10". */
const TIME_LABEL = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]?(day|wk|week|month|mo)s?(?:[- ](?:follow[- ]?up|f\/u|visit|check|mark|post(?:[- ]?(?:injection|procedure|op))?))?\s*\)?\s*[:=-]?\s*(?:(?:nrs|vas|pain|score)\s*:?\s*)?$/;

/** Relief told as the present: "is now about 40%", "now ~60% better", "currently 50%". */
const NOW_BEFORE = /\b(?:now|currently|today)\s{1,2}(?:(?:still|only|at|about|approximately|around|roughly|maybe|~)\s{0,2}){0,2}~?\s{0,2}$/;
/** How long since the procedure, said of the note's present: "four months out", "6 wks s/p", "9 weeks post". */
const SINCE_PROCEDURE = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s?[- ]?(day|wk|week|month|mo)s?\.?\s+(?:s\/p|status\s+post|after|post|out)\b/;

/** "Re:", "Subject:", "Regarding:" opening a line: a letter's or a form's subject. */
const SUBJECT_LINE = /^\s{0,8}(?:re|subject|regarding|rationale\s+for)\s{0,2}:/;

function onSubjectLine(ctx: ExtractionContext, pos: number): boolean {
  const lineStart = lineStartAt(ctx.norm, pos);
  if (SUBJECT_LINE.test(ctx.norm.slice(lineStart, pos))) return true;
  // A wrapped subject: an indented line under the "Re:" line, or any line under one that breaks
  // mid-phrase ("... LETTER OF MEDICAL NECESSITY, bilateral L4-5 and\nL5-S1 radiofrequency ablation").
  if (lineStart === 0) return false;
  const prevStart = ctx.norm.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = ctx.norm.slice(prevStart, lineStart);
  if (SUBJECT_LINE.test(prev)) return /^\s{2,}\S/.test(ctx.norm.slice(lineStart, pos + 1)) || /(?:\b(?:and|or|of|for|with|to|at)|[,&/-])\s*\n?$/.test(prev);
  // A subject block's indented field under "RE:" ("RE:  Level 1 provider appeal\n     Member: ...\n
  // Service: first diagnostic bilateral L4-5 and L5-S1 medial branch blocks"): what it is about.
  if (!SUBJECT_FIELD.test(ctx.norm.slice(lineStart, pos))) return false;
  let at = lineStart;
  for (let i = 0; i < 6 && at > 0; i++) {
    const start = ctx.norm.lastIndexOf('\n', at - 2) + 1;
    const line = ctx.norm.slice(start, at);
    if (SUBJECT_LINE.test(line)) return true;
    if (!/^\s{2,}\S/.test(line)) return false;
    at = start;
  }
  return false;
}

/** A field of a subject block that names the service: "Service:", "Procedure:", "Request(ed):". */
const SUBJECT_FIELD = /^\s{2,}(?:service|services|procedure|procedures|request|requested(?:\s+service)?|treatment)\s*:/;

/** Relief told where the patient recovers from the procedure ("in recovery 'about half better'"): minutes after it. */
const IN_RECOVERY_BEFORE = /\b(?:in\s+(?:the\s+)?(?:recovery(?:\s+room)?|pacu)|(?:before|at)\s+discharge|prior\s+to\s+discharge)\b[^.;]{0,25}$/;

function timePointAfter(ctx: ExtractionContext, r: Span, sentence: Span): string | undefined {
  if (IN_RECOVERY_BEFORE.test(ctx.norm.slice(Math.max(sentence.start, r.start - 60), r.start))) return 'immediate';
  const after = TIME_POINT.exec(ctx.norm.slice(r.end, Math.min(sentence.end, r.end + 60)));
  // Before the relief: in its sentence, or the procedure's sentence just before it ("S: 3 months s/p
  // RFA on 2/3/2026. NRS 7 before, 2 now").
  const label = after ? null : TIME_LABEL.exec(ctx.norm.slice(Math.max(sentence.start, r.start - 40), r.start));
  // (A semicolon inside parentheses — "(bilat L4-5, L5-S1; 10/06/25)" — ends no clause.)
  const back = ctx.norm.slice(Math.max(sentence.start, r.start - 200), r.start).replace(/\([^()]*\)/g, (p) => p.replace(/;/g, ','));
  // "Now four months out from the RFA; relief was ~80% for the first three months and is now about
  // 40%": relief told as now is the note's time point, across the other report.
  const now = after || label || !NOW_BEFORE.test(back) ? null : SINCE_PROCEDURE.exec(back);
  const before = after || label ? null : now ?? TIME_POINT_BEFORE.exec(back);
  if (label) {
    const n = WORD_NUMBERS[label[1]!] ?? Number(label[1]);
    const unit = label[2]!.replace(/^wk$/, 'week').replace(/^mo$/, 'month');
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  const m = after ?? before;
  if (!m) return undefined;
  const count = m[1] ?? m[3]!;
  const unit = (m[2] ?? m[4]!).replace(/^wk$/, 'week').replace(/^mo$/, 'month');
  const n = WORD_NUMBERS[count] ?? Number(count);
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The date a relief report was taken: the procedure's date plus the time point ("2024-01-09" + "2 weeks"). */
function dateAfter(iso: string | undefined, at: string | undefined): string | undefined {
  if (!iso || !at || !/^\d{4}-\d{2}-\d{2}$/.test(iso) || !/^\d+ [a-z]+$/.test(at)) return undefined;
  const [n, unit] = at.split(' ') as [string, string];
  const d = new Date(`${iso}T00:00:00Z`);
  if (unit.startsWith('day')) d.setUTCDate(d.getUTCDate() + Number(n));
  else if (unit.startsWith('week')) d.setUTCDate(d.getUTCDate() + 7 * Number(n));
  else d.setUTCMonth(d.getUTCMonth() + Number(n));
  return d.toISOString().slice(0, 10);
}

/** "two right L2-L3 TFESIs", "a couple of epidurals", "an epidural injection x2": how many sessions. */
const COUNT_BEFORE = /(?<![\w/.-])(two|three|four|2|3|4|a couple of|a series of (?:two|three|2|3)|a total of (?:two|three|2|3)|multiple|several)\s+(?:prior\s+|previous\s+|lumbar\s+|(?:left|right|bilateral|bilat)\s+|(?:at\s+)?[lstc]\d(?:\s*[-/]\s*[lstc]?\d)?\s+|(?:and|,)\s+)*$/;
const COUNT_AFTER = /^s?\s*(?:x|times|×)\s*([2-4])\b/;
const LAST_DATED = /\b(?:the\s+)?(?:last|latest|most recent)(?:\s+(?:one|of which|being|was))?\W{0,12}(?:(?:on|in|dated)\s+)?$/;

function countOf(word: string): number | null {
  if (/^(two|2|a couple of)$/.test(word) || /(two|2)$/.test(word)) return 2;
  if (/^(three|3)$/.test(word) || /(three|3)$/.test(word)) return 3;
  if (/^(four|4)$/.test(word)) return 4;
  return null;
}

/**
 * One fact per session (docs/annotation.md §4.6): "two right L2-L3 TFESIs, the last one in March
 * 2005" → one undated and one dated; "a couple of epidurals ... with intralaminar and caudal
 * placements" → one per approach named.
 */
function sessionsOf(ctx: ExtractionContext, g: ProcMention, clause: Span, drafts: FactDraft[], date: DateMatch | undefined): FactDraft[] {
  const clauseText = ctx.norm.slice(clause.start, clause.end);
  const approaches = g.procedure === 'interlaminar_esi' || g.procedure === 'caudal_esi' || g.procedure === 'transforaminal_esi' || g.procedure === 'epidural_steroid_injection'
    ? approachesOf(clauseText) : [];
  if (approaches.length > 1 && g.m.concept === 'epidural_steroid_injection') {
    return approaches.flatMap((proc) => drafts.map((d) => ({ ...d, attributes: { ...d.attributes, procedure: proc } })));
  }
  // ("two medial branches", "the L2 and L3 medial branch nerves": nerves counted, not sessions.)
  if (namesNervesOnly(ctx, g)) return drafts;
  const before = ctx.norm.slice(Math.max(clause.start, g.span.start - 60), g.span.start);
  const cm = COUNT_BEFORE.exec(before);
  const n = cm ? countOf(cm[1]!) : Number(COUNT_AFTER.exec(ctx.norm.slice(g.span.end, g.span.end + 12))?.[1] ?? 0) || null;
  if (!n || n < 2) return drafts;
  const lastDated = date ? LAST_DATED.test(ctx.norm.slice(Math.max(clause.start, date.start - 40), date.start)) : false;
  // "x2 (2021, 2022)": one date per session, in order.
  const sentence = ctx.sentences[g.si]!;
  const listed = findDates(ctx.norm.slice(g.span.end, Math.min(sentence.end, g.span.end + 40)).split(/[;.]|\bwith\b/)[0]!);
  const window = ctx.norm.slice(g.span.end, Math.min(sentence.end, g.span.end + 40)).split(/[;.]|\bwith\b/)[0]!;
  const years = [...window.matchAll(/\b(19[5-9]\d|20[0-3]\d)\b/g)].map((y) => y[1]!);
  const perSession = listed.length === n ? listed.map((d) => d.iso) : years.length === n && listed.every((d) => d.precision === 'year') ? years : null;
  const out: FactDraft[] = [];
  for (let k = 0; k < n; k++) {
    for (const d of drafts) {
      const isLast = k === n - 1;
      out.push({ ...d, spans: [...d.spans], rules: [...d.rules, 'procedures.sessions'],
        attributes: { ...d.attributes, date: perSession ? perSession[k] : lastDated && !isLast ? undefined : d.attributes.date, __session: k } });
    }
  }
  return out;
}

/** Every ESI approach a clause names ("intralaminar and caudal placements"). */
function approachesOf(clause: string): string[] {
  const out: string[] = [];
  if (/\b(?:inter|intra|trans)laminar\b/.test(clause)) out.push('interlaminar_esi');
  if (/\bcaudal\b|sacral hiatus/.test(clause)) out.push('caudal_esi');
  if (/\btransforaminal\b/.test(clause)) out.push('transforaminal_esi');
  return out;
}

/**
 * Two procedures sharing one head noun ("facet and sacroiliac joint injections", "SI joint and
 * facet injections", "transforaminal and caudal epidurals"): the first names a procedure of its own.
 */
const SHARED_HEAD = /\b(facet(?: joint)?|sacroiliac(?: joint)?|si(?: joint)?|trigger point|transforaminal|caudal|interlaminar|epidural)\s+(?:and|or|&|\/)\s+$/;

function sharedHead(ctx: ExtractionContext, g: ProcMention, drafts: FactDraft[]): FactDraft[] {
  const before = ctx.norm.slice(Math.max(0, g.span.start - 30), g.span.start);
  const m = SHARED_HEAD.exec(before);
  if (!m) return [];
  const head = ctx.norm.slice(g.span.start, g.span.end);
  const word = m[1]!;
  const proc = /^facet/.test(word) ? (/block/.test(head) ? 'medial_branch_block' : 'facet_injection')
    : /^(sacroiliac|si)/.test(word) ? 'si_joint_injection'
    : word === 'trigger point' ? 'trigger_point_injection'
    : word === 'transforaminal' ? 'transforaminal_esi'
    : word === 'caudal' ? 'caudal_esi'
    : word === 'interlaminar' ? 'interlaminar_esi'
    : 'epidural_steroid_injection';
  if (proc === g.procedure) return [];
  const at = g.span.start - before.length + m.index;
  const span = { start: at, end: at + word.length };
  return drafts.map((d) => ({ ...d, spans: [span, ...d.spans.slice(1)], rules: [...d.rules, 'procedures.shared_head'], attributes: { ...d.attributes, procedure: proc } }));
}

/** The ESI approach named beside a generic "epidural steroid injection". */
/**
 * The approach a clause names for its epidural: the first named ("Epidural steroid injection, caudal
 * approach / CPT 62323 interlaminar epidural, lumbar or sacral (caudal)" is caudal); the 62320-62323
 * descriptor "interlaminar ..., lumbar or sacral (caudal)" names both and so neither.
 */
function approachOf(clause: string): string | undefined {
  const text = clause.replace(/\binterlaminar\b[^.\n]{0,60}?lumbar\s*(?:or|\/)\s*sacral\s*\(caudal\)/g, (m) => ' '.repeat(m.length));
  const found = [
    { at: text.search(/\b(?:inter|intra|trans)laminar\b/), procedure: 'interlaminar_esi' },
    { at: text.search(/\bcaudal\b|sacral hiatus/), procedure: 'caudal_esi' },
    { at: text.search(/\btransforaminal\b/), procedure: 'transforaminal_esi' },
  ].filter((x) => x.at >= 0).sort((a, b) => a.at - b.at);
  return found[0]?.procedure;
}

function shift(d: DateMatch, by: number): DateMatch {
  return { ...d, start: d.start + by, end: d.end + by };
}

function nearest<T extends Span>(items: T[], span: Span): T | undefined {
  let best: T | undefined, dist = Infinity;
  for (const it of items) {
    const d = it.end <= span.start ? span.start - it.end : it.start >= span.end ? it.start - span.end : 0;
    if (d < dist) { dist = d; best = it; }
  }
  return best;
}

/**
 * A procedure's intent when no word beside it tells one: the `intent` attribute of its concept's
 * lexicon terms (lexicons/terms/procedures.json: an MBB is diagnostic, an ESI therapeutic).
 */
function defaultIntent(ctx: ExtractionContext, concept: string): string | undefined {
  let byConcept = ctx.res.cache.get('procedure.defaultIntent') as Map<string, string> | undefined;
  if (!byConcept) {
    byConcept = new Map();
    for (const t of ctx.res.terms) {
      if (t.category === 'procedure' && typeof t.attrs?.intent === 'string' && !byConcept.has(t.concept)) byConcept.set(t.concept, t.attrs.intent);
    }
    ctx.res.cache.set('procedure.defaultIntent', byConcept);
  }
  return byConcept.get(concept);
}

/**
 * A procedure-frame cue (lexicons/values/procedure-frame.json): whether the words before or after a
 * procedure, date or side say it is declined, the latest session, a report date or a symptom's side.
 */
function frame(ctx: ExtractionContext, scope: 'before' | 'after', text: string, label: string): { label: string; id: string } | null {
  return readValue(ctx.res.values, 'procedure_frame', scope, text, label);
}

/** A status told around a procedure: after it to the sentence's end, or in the `reach` characters before it. */
function framedAround(ctx: ExtractionContext, span: Span, sentence: Span, label: string, reach: number): boolean {
  return frame(ctx, 'after', ctx.norm.slice(span.end, sentence.end), label) !== null ||
    frame(ctx, 'before', ctx.norm.slice(Math.max(sentence.start, span.start - reach), span.start), label) !== null;
}

/** An indefinite noun phrase before a procedure ("a transforaminal needle placement ..."): a kind, not a session. */
const INDEFINITE_BEFORE = /(?:^|[^\w])(?:a|an)\s+(?:[\w-]+\s+){0,2}$/;

const ESI_APPROACHES: ReadonlySet<string> = new Set(['transforaminal_esi', 'interlaminar_esi', 'caudal_esi']);
/** Lexicon rules of a past session named without its procedure ("the last injection", "the first diagnostic block"). */
const LOCAL_ANESTHETIC = /caine$|^local/;
/** A session told as "the shot" in a document that names no procedure, left for the packet to name. */
export const UNDATED_SESSION_RULE = 'procedures.undated_session';

/**
 * A statement about a care modality or a drug tells that care's outcome, not a procedure's relief:
 * "she did 10 weeks of physical therapy ... with no real change" (a modality before the report),
 * "Gabapentin started 01/13/2026 has taken the edge off the leg pain" (a drug, not a block's
 * anesthetic, that opens the statement; "lidocaine 2%, 90% relief" stays the block's).
 */
function careStatement(ctx: ExtractionContext, si: number, reliefStart: number): boolean {
  const sentence = ctx.sentences[si]!;
  return ctx.mentionsIn(si, 'conservative_care').some((m) => m.end <= reliefStart) ||
    ctx.mentionsIn(si, 'medication').some((m) => m.start - sentence.start <= 3 && m.end <= reliefStart && !LOCAL_ANESTHETIC.test(m.concept));
}
const SESSION_TOLD = 'lex.proc.generic_session_told';
const GENERIC_SESSION: ReadonlySet<string> = new Set(['lex.proc.generic_injection_session', 'lex.proc.generic_block_session', SESSION_TOLD]);

/**
 * The one injection procedure a document names (its procedure mentions, generic ones aside): an ESI
 * of its one approach (approach-less when it names several or none), or one facet block procedure;
 * null when it names procedures of several families or none.
 */
function soleInjectionProcedure(ctx: ExtractionContext, blocksOnly = false): string | null {
  // A diagnostic block is a facet block: the ablation or epidural the document also names is not one.
  const named = new Set(ctx.nlp.mentions.filter((m) => m.category === 'procedure' && m.concept !== 'injection_generic' &&
    (!blocksOnly || m.concept === 'medial_branch_block' || m.concept === 'facet_injection')).map((m) => m.concept));
  if (named.size === 0) return null;
  const esi = [...named].every((c) => ESI_APPROACHES.has(c) || c === 'epidural_steroid_injection');
  if (esi) {
    const approaches = [...named].filter((c) => ESI_APPROACHES.has(c));
    return approaches.length === 1 ? approaches[0]! : 'epidural_steroid_injection';
  }
  if (named.size === 1 && (named.has('medial_branch_block') || named.has('facet_injection'))) return [...named][0]!;
  // A block among a policy's "facet injection / MBB" words: the block the document names most, by a majority.
  if (blocksOnly && named.size === 2) {
    const count = (c: string) => ctx.nlp.mentions.filter((m) => m.category === 'procedure' && m.concept === c).length;
    const mbb = count('medial_branch_block'), ia = count('facet_injection');
    return mbb > ia ? 'medial_branch_block' : ia > mbb ? 'facet_injection' : null;
  }
  return null;
}

/** Words only a procedure note uses: the procedure being done. */
const PERFORMING = /\b(?:tolerated the procedure|placed (?:in the )?prone|in the prone position|needle was (?:advanced|placed|inserted|directed)|spinal needle|informed consent was obtained|standard asa monitors)\b/;

/** A procedure note read as one document: it tells the procedure being done. */
function isProcedureNote(ctx: ExtractionContext): boolean {
  return PERFORMING.test(ctx.norm);
}

/** A medial-branch mention that names a block ("MBB", "medial branch block"), not only the nerves. */
const NAMED_BLOCK = /\b(?:block|mbb|mbnb)/;

/**
 * The procedure events a sentence names: its procedure mentions, less the nerves an ablation in it
 * treats ("REPEAT radiofrequency ablation ... (L3 and L4 medial branches and L5 dorsal rami)"),
 * which are the ablation's target, not a block of their own.
 */
function eventMentions(ctx: ExtractionContext, si: number): Mention[] {
  const mentions = ctx.mentionsIn(si, 'procedure');
  if (!mentions.some((m) => m.concept === 'radiofrequency_ablation')) return mentions;
  return mentions.filter((m) => m.concept !== 'medial_branch_block' || NAMED_BLOCK.test(ctx.norm.slice(m.start, m.end)));
}

/** Adjacent mentions of one procedure ("medial branch block (MBB)") become one group. */
function groupMentions(ctx: ExtractionContext): ProcMention[] {
  const out: ProcMention[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'allergies'].includes(sentence.section)) return;
    for (const m of eventMentions(ctx, si)) {
      const last = out[out.length - 1];
      if (last && last.si === si && last.procedure === m.concept && m.start - last.span.end < 40 &&
          !/[;.]|\band\b|,/.test(ctx.norm.slice(last.span.end, m.start).replace(/\(|\)/g, ''))) {
        last.span = { start: last.span.start, end: m.end };
        continue;
      }
      out.push({ m, si, span: { start: m.start, end: m.end }, procedure: m.concept });
    }
  });
  return out;
}

/**
 * The words that describe one procedure when a clause names several ("bilateral L4-5 and L5-S1
 * MBBs and bilateral L5-S1 TFESI"): the text before it back to the previous procedure; when that
 * names no level, the text after it up to the next procedure.
 */
function segmentFor(ctx: ExtractionContext, g: ProcMention, clause: Span): Span {
  // Operations named beside the procedure bound its words too ("an L4 SNRB to rule out a TLIF at L4-5").
  // The nerves an ablation treats ("RF neurotomy of the L3, L4 medial branches") are its own words, no other procedure.
  const procs = [...eventMentions(ctx, g.si), ...ctx.mentionsIn(g.si, 'surgery')]
    .filter((p) => p.start >= clause.start && p.end <= clause.end).sort((a, b) => a.start - b.start);
  // Another session of the same procedure bounds them too ("a right L5-S1 MBB on 02/11/2025 with 80%
  // relief, then a right L4-5 MBB on 03/18/2025 ..."): a date or a relief report stands between.
  const sessionBetween = (from: number, to: number) => findDates(ctx.norm.slice(from, to)).length > 0 || findRelief(ctx.norm.slice(from, to)).length > 0;
  const prev = [...procs].reverse().find((p) => p.end <= g.span.start && (p.concept !== g.procedure || sessionBetween(p.end, g.span.start)));
  const next = procs.find((p) => p.start >= g.span.end && (p.concept !== g.procedure || separates(ctx, g, p)));
  if (!prev && !next) return clause;
  const before = { start: prev ? prev.end : clause.start, end: g.span.end };
  if (findLevels(ctx.norm.slice(before.start, before.end)).length > 0) return before;
  // In a list ("facet injections, subsequent right L3 to S1 MBBs"), the words after a procedure end
  // at the comma that starts the next item; a comma before more levels or a side continues it.
  const end = next ? next.start : clause.end;
  const after = ctx.norm.slice(g.span.end, end);
  const cut = after.search(/[,;](?!\s*(?:and\s+)?(?:(?:at|the|bilateral|bilat|left|right|on the (?:left|right))\s+)?(?:[lstc]\d|bilateral|left|right|both))/);
  return { start: g.span.start, end: cut >= 0 ? g.span.end + cut : end };
}

/** Side words said before a procedure in a list ("... same session as a left SI joint injection"). */
function sideBefore(ctx: ExtractionContext, g: ProcMention, clause: Span): string | undefined {
  const procs = eventMentions(ctx, g.si).filter((p) => p.start >= clause.start && p.end <= g.span.start);
  const from = procs.length ? procs[procs.length - 1]!.end : clause.start;
  return combineSides(findSides(ctx.norm.slice(from, g.span.start)).map((s) => s.side));
}

/** Words that make the levels after them a surgery's: "the scar at", "laminectomy at", "fused at", "the operated levels (". */
const SURGERY_LEVELS_BEFORE = /\b(?:scar(?:ring)?|laminectom(?:y|ies)|laminotom(?:y|ies)|fusion|fused|discectom(?:y|ies)|hardware|instrumentation|arthrodesis|decompression|operated(?:\s+levels?)?)\s+(?:tissue\s+)?(?:at|of|from|across)?\s*(?:the\s+)?(?:levels?\s+)?$/;

/** A level cut by the end of a line at its hyphen ("left L4-\n    5 and L5-S1"): the clause runs on to the next line. */
const LEVEL_CUT_AT_END = /(?<![a-z0-9])[clts]\d{1,2}\s{0,2}[-\u2010-\u2015/]\s*$/;

function levelsFor(ctx: ExtractionContext, g: ProcMention, clause: Span): string[] {
  if (LEVEL_CUT_AT_END.test(ctx.norm.slice(Math.max(clause.start, clause.end - 8), clause.end))) {
    const nl = ctx.norm.indexOf('\n', clause.end + 1);
    clause = { start: clause.start, end: nl < 0 ? ctx.norm.length : nl };
  }
  const text = ctx.norm.slice(clause.start, clause.end);
  const matches = findLevels(text, { text: ctx.norm, at: clause.start });
  const facet = FACET.has(g.procedure);
  const levels: string[] = [];
  // Sacroiliac lateral-branch RFA keeps the nerves written ("L5, S1, S2 and S3").
  // S2 and S3 serve no facet joint: a lesion list that names them is a sacroiliac lateral-branch RFA.
  if (g.procedure === 'radiofrequency_ablation' && (/sacroiliac|\bsi\b|lateral branch/.test(text) || /\bs[23]\b/.test(text)) && matches.every((x) => x.kind === 'vertebra')) {
    const roots = [...text.matchAll(/\b([ls][1-5])\b/g)].map((m) => m[1]!.toUpperCase());
    if (roots.length) return sortLevels(roots);
  }
  // A root named beside its segment ("L3-L4 TFESI (L3 nerve root)") is the same injection.
  const hasSegments = matches.some((x) => x.kind !== 'vertebra' && x.kind !== 'medial_branch');
  for (const l of matches) {
    // "because of the scar at L3-4 and L4-5 we will use a caudal approach": the levels of a surgery
    // or its scar, not of the injection.
    if (SURGERY_LEVELS_BEFORE.test(text.slice(Math.max(0, l.start - 40), l.start))) continue;
    if (!facet && l.kind === 'medial_branch') continue;
    if (facet && l.kind === 'vertebra' && matches.some((x) => x.kind === 'medial_branch')) continue;
    if (l.kind === 'vertebra' && hasSegments && g.procedure !== 'radiofrequency_ablation') continue;
    levels.push(...l.levels);
  }
  return sortLevels(levels);
}

/**
 * A procedure told as done alongside the one the sentence is about ("MBB done in the same session
 * as a left SI joint injection; 90% relief"): the relief in that sentence is the main procedure's.
 */
const ACCOMPANYING = /\b(?:(?:in )?the same (?:session|sitting|setting|visit|day|procedure) as|at the same time as|along with|together with|in conjunction with|combined with|concurrent(?:ly)? with|same[- ]day)\b[^.;]{0,30}$/;

function accompanying(ctx: ExtractionContext, p: Span): boolean {
  return ACCOMPANYING.test(ctx.norm.slice(Math.max(0, p.start - 70), p.start));
}

/**
 * Whether a later mention `b` of a procedure ends the words about `a` in the same sentence: another
 * procedure does (unless it only accompanies `a`); another session of the same procedure does when a
 * date or a relief report stands between them ("MBB #1 03/14 90% relief, MBB #2 04/04 85% relief").
 */
function separates(ctx: ExtractionContext, a: ProcMention, b: Mention): boolean {
  if (b.start < a.span.end) return false;
  if (b.concept !== a.procedure) return !accompanying(ctx, b);
  const between = ctx.norm.slice(a.span.end, b.start);
  return findDates(between).length > 0 || findRelief(between).length > 0;
}

/** A sentence that is only the heading of what the patient reports ("S:", "Subjective:"). */
function isHeadingOnly(ctx: ExtractionContext, s: Span): boolean {
  return ctx.nlp.sections.some((sec) => sec.category === 'hpi' && sec.title !== null && sec.title.start <= s.start && s.end <= sec.title.end + 2);
}

/** A sentence's text for the relief parser: a line wrapped mid-sentence is one line. */
function reliefText(ctx: ExtractionContext, start: number, end: number): string {
  // (An indented continuation too: "about 60%\n               relief lasting about 4 months".)
  return ctx.norm.slice(start, end).replace(/\n(?=[ \t]*[a-z(])/g, (nl, off: number) => (/^[ \t]*[a-z(]/.test(ctx.text.slice(start + off + 1, start + off + 40)) ? ' ' : nl));
}

/** Relief reported in the procedure's clause, or in the next sentence when it names no other procedure. */
function reliefFor(ctx: ExtractionContext, g: ProcMention, clause: Span): ReliefMatch[] {
  const sentence = ctx.sentences[g.si]!;
  const procs = eventMentions(ctx, g.si);
  const nextProc = procs.find((p) => separates(ctx, g, p));
  const end = nextProc ? nextProc.start : sentence.end;
  const start = Math.min(clause.start, g.span.start);
  const text = reliefText(ctx, start, end);
  let found = findRelief(text).map((r) => ({ ...r, start: r.start + start, end: r.end + start })).filter((r) => !isThreshold(ctx, r));
  // Relief before the mention belongs to an earlier procedure (or session) in the same sentence.
  const prevProc = [...procs].reverse().find((p) => p.end <= g.span.start &&
    (p.concept !== g.procedure || findDates(ctx.norm.slice(p.end, g.span.start)).length > 0 || findRelief(ctx.norm.slice(p.end, g.span.start)).length > 0));
  if (prevProc) found = found.filter((r) => r.start > g.span.start);
  // "Eligible for a first diagnostic block: had PT x 8 weeks without benefit": relief told after a
  // care modality that starts a clause of its own after the procedure is that care's outcome.
  const cares = ctx.mentionsIn(g.si, 'conservative_care').filter((m) => m.start >= g.span.end && /[:;,]/.test(ctx.norm.slice(g.span.end, m.start)));
  if (cares.length) found = found.filter((r) => !cares.some((m) => m.end <= r.start));
  // A procedure that only accompanies the one the sentence is about has no relief of its own here.
  if (prevProc && accompanying(ctx, g.span)) return [];
  // "TFESI 5/2024 - 60%", "RFA same levels 3/2025 (70%)", "injections 2/2023 and 8/2023: 60% and 50%":
  // percentages told right after a session's date are its relief, with no relief word.
  if (found.length === 0) {
    const after = ctx.norm.slice(g.span.end, end);
    const m = DATED_PERCENTS.exec(after);
    if (m) {
      const base = g.span.end + m.index + m[0].length - m[1]!.length;
      for (const p of m[1]!.matchAll(/(\d{1,3})\s*%/g)) {
        const value = Number(p[1]);
        if (value <= 100) found.push(percentRelief(base + p.index!, base + p.index! + p[0].length, value));
      }
    }
  }
  // A dated entry of a visit ("04/22/2025 (6 weeks after bilateral L4-5/L5-S1 RF neurotomy 03/11/2025)")
  // heads the notes below it: no row of a list of sessions.
  const row0 = dateRow(ctx, g.span.start);
  const ownRow = row0 && TIME_POINT_POST_BEFORE.test(ctx.norm.slice(Math.max(row0.start, g.span.start - 60), g.span.start)) ? undefined : row0;
  if (found.length === 0 && !nextProc && (!ownRow || (ctx.sentences[g.si + 1]?.start ?? Infinity) < ownRow.end)) {
    // (A heading alone — "S:" over "Back pain 2/10 (was 8/10 before RF)" — is passed over.)
    let ni = g.si + 1;
    while (ctx.sentences[ni] && isHeadingOnly(ctx, ctx.sentences[ni]!)) ni++;
    const next = ctx.sentences[ni];
    const t = next ? reliefText(ctx, next.start, next.end) : '';
    // A following line with its own date is a session of its own (a list of blocks), not this one's relief.
    // (Nor is a following entry of another session: "Session 1 (05/20/2025): pre 7/10, post 7/10".)
    const entryHead = next ? SESSION_ENTRY_HEAD.test(ctx.norm.slice(lineStartAt(ctx.norm, next.start), next.end)) : false;
    if (next && ctx.mentionsIn(ni, 'procedure').length === 0 && next.start - sentence.end < 200 && !entryHead &&
        !(findDates(t).length > 0 && /^\s*(?:[-*#•]|\d{1,2}[.)]|#)/.test(ctx.text.slice(next.start, next.end)))) {
      // (Nor an operation's outcome: "Remote lumbar decompression (2014): roughly 80% better afterwards.")
      const surgeries = ctx.mentionsIn(ni, 'surgery');
      found = findRelief(t).map((r) => ({ ...r, start: r.start + next.start, end: r.end + next.start }))
        .filter((r) => !isThreshold(ctx, r) && !surgeries.some((m) => m.end <= r.start));
      if (found.length && careStatement(ctx, ni, found[0]!.start)) found = [];
    }
  }
  // A dated list row's closing figure is its relief ("05/04/2021  bilateral L4-5, L5-S1 MBB (lidocaine) - 90%").
  const row = dateRow(ctx, g.span.start);
  if (found.length === 0 && row) {
    const m = ROW_RELIEF.exec(ctx.norm.slice(g.span.end, row.end));
    if (m) {
      const at = g.span.end + m.index + m[0].indexOf(m[1]!, m[0].search(/\d/));
      found = [{ start: at, end: at + m[1]!.length, percent: Number(m[1]), qualitative: null }];
    }
  }
  // "90% relief; the leg pain resolved": a report in words beside a measured one is the same report.
  const measured = (r: ReliefMatch) => r.fromScore !== undefined || /\d|percent/.test(ctx.norm.slice(r.start, r.end));
  if (found.some(measured)) found = found.filter((r) => measured(r) || r.qualitative === 'none' || r.percent === null);
  return found;
}

/** The date on a procedure note's heading lines ("PROCEDURE NOTE - 11/07/2023"), just before the procedure. */
function headerDate(ctx: ExtractionContext, pos: number): string | undefined {
  const from = Math.max(0, pos - 220, ctx.norm.lastIndexOf('\f', pos) + 1);
  const text = ctx.norm.slice(from, pos);
  // Not a birth date, nor a decision's ("UR certification ... (certified 10/08/2025)"); a heading's own
  // "PROCEDURE NOTE - 11/07/2023" stays.
  const ds = findDates(text).filter((d) => !BIRTH_DATE.test(text.slice(Math.max(0, d.start - 20), d.start)) && d.precision === 'day' &&
    frame(ctx, 'before', text.slice(Math.max(0, d.start - 28), d.start), 'report')?.id !== 'proc.date.decision');
  return ds[ds.length - 1]?.iso;
}

/** "If >= 80% relief, will schedule RFA": a criterion to meet, not a relief report. */
function isThreshold(ctx: ExtractionContext, r: { start: number; end: number }): boolean {
  // A bound ("> 50%", "greater than 80%", "at least 50%") is a threshold when a rule asks for it
  // ("the LCD requires at least 50% relief", "must have > 80%", "Medicare covers a repeat ablation only
  // when the prior ablation gave at least 50%", "Repeat neurotomy may be supported when the prior
  // procedure produced at least 50% relief"), a report when the patient had it
  // ("obtained greater than 80% relief", ">50% relief for 7 months"); never an arrow ("8/10 -> 2/10").
  const before = ctx.norm.slice(Math.max(0, r.start - 16), r.start);
  const bound = /(?:(?<![-=])>|≥|>=)\s{0,2}$|(?:\bat least\b|\bgreater than\b|\bmore than\b|\bover\b)[^.;]{0,14}$/.test(before);
  const rule = /(?:\bminimum\b|\bthreshold\b|\brequires?\b|\brequired\b|\bmust\b|\bneeds?\b|\bshould\b|\bcriteri\w*|\bpolicy\b|\blcd\b|\bodg\b|\bguidelines?\b|\bdefined as\b|\bconsidered\b|\bdepends?\s+on\b|\bsuccessful\b|\b(?:approved|covered|allowed|indicated|appropriate|necessary|supported|recommended|certified|authorized)\s+(?:only\s+)?(?:when|if)\b|\bonly\s+(?:when|if)\b|\bpositive\s+(?:block|response)\b)[^.]{0,160}$/.test(ctx.norm.slice(Math.max(0, r.start - 200), r.start));
  // ("Two diagnostic blocks, each with at least 80% relief, are required before RFA": the rule told after.)
  const ruleAfter = /^[^.;]{0,40}\b(?:(?:are|is)\s+)?(?:required|needed|necessary)\b/.test(ctx.norm.slice(r.end, r.end + 60)) ||
    // A form's question on the threshold (">=50% improvement?  [X] Yes", "> 80% relief x 3 months? Y").
    /^[^.;?\n]{0,45}\?/.test(ctx.norm.slice(r.end, r.end + 50));
  return (bound && (rule || ruleAfter)) || /(?:\bminimum\b|\bthreshold\b|\brequires?\b)[^.;]{0,14}$/.test(before) ||
    /\bif\b[^.;]{0,45}$/.test(ctx.norm.slice(Math.max(0, r.start - 50), r.start)) ||
    /^[^.;]{0,12}\bor (?:more|greater|better|higher|above)\b/.test(ctx.norm.slice(r.end, r.end + 30));
}

/** "without any significant relief", "no significant relief": relief 0 (docs/annotation.md §4.6). */
const NO_SIGNIFICANT_RELIEF = /\b(without (?:any )?(?:significant |meaningful |real )?(?:relief|benefit|improvement)|no (?:significant |meaningful |real )(?:relief|benefit|improvement))\b/;

function levelKey(d: FactDraft): string {
  return ((d.attributes.levels as string[] | undefined) ?? []).join(',');
}

/** Same procedure, same date (or none), compatible levels, same relief (or none) → one fact. */
function mergePrior(input: FactDraft[]): FactDraft[] {
  const out: FactDraft[] = [];
  const drafts = input.filter((d) => !d.attributes.__heading);
  // One session per procedure and exact date: the levels of its parts are one fact's levels
  // ("1. Left L5-S1 TFESI  2. Left L4-5 TFESI" in one procedure note).
  for (const d of drafts) {
    if (!d.attributes.date || String(d.attributes.date).length < 10) continue;
    for (const o of drafts) {
      if (o === d || o.attributes.procedure !== d.attributes.procedure || o.attributes.date !== d.attributes.date || o.assertion !== d.assertion) continue;
      if (!compatible(o.attributes.reliefPercent, d.attributes.reliefPercent)) continue;
      const lv = sortLevels([...((o.attributes.levels as string[] | undefined) ?? []), ...((d.attributes.levels as string[] | undefined) ?? [])]);
      if (lv.length) { o.attributes.levels = lv; d.attributes.levels = lv; }
      const side = combineSides([o.attributes.side, d.attributes.side].filter((x): x is string => typeof x === 'string'));
      o.attributes.side = side; d.attributes.side = side;
    }
  }
  // A procedure note performs one session of each procedure it names: its parts ("Left L3-L4 TFESI
  // ... Left L4-L5 TFESI") are one fact with all their levels.
  const perf = drafts.filter((d) => d.section === 'procedure' && d.assertion === 'present' && d.attributes.reliefPercent === undefined);
  for (const d of perf) {
    for (const o of perf) {
      if (o === d || o.attributes.procedure !== d.attributes.procedure || !compatible(o.attributes.date, d.attributes.date)) continue;
      const lv = sortLevels([...((o.attributes.levels as string[] | undefined) ?? []), ...((d.attributes.levels as string[] | undefined) ?? [])]);
      if (lv.length) { o.attributes.levels = lv; d.attributes.levels = lv; }
    }
  }
  // "Last ESI (L4-5 ILESI) on 2/1/2023": a generic ESI of the same session as the one ESI whose
  // approach is named is that ESI.
  for (const d of drafts) {
    if (d.attributes.procedure !== 'epidural_steroid_injection') continue;
    const specific = [...new Set(drafts.filter((o) => ESI_SPECIFIC.has(String(o.attributes.procedure)) && o.assertion === d.assertion &&
      compatible(o.attributes.date, d.attributes.date) && (levelKey(o) === levelKey(d) || levelKey(d) === '')).map((o) => String(o.attributes.procedure)))];
    if (specific.length === 1 && d.attributes.date !== undefined) d.attributes.procedure = specific[0];
  }
  // In a procedure note, a generic "epidural" mention in the technique is the named ESI itself.
  const performed = drafts.filter((d) => d.section === 'procedure' && ESI_SPECIFIC.has(String(d.attributes.procedure)));
  for (const d of drafts) {
    if (d.attributes.procedure === 'epidural_steroid_injection' && performed.length > 0 && d.section === 'procedure') {
      d.attributes.procedure = performed[0]!.attributes.procedure;
    }
  }
  for (const d of drafts) {
    const hit = out.find((o) => o.assertion === d.assertion && o.attributes.procedure === d.attributes.procedure && sameSession(o, d) &&
      compatible(o.attributes.date, d.attributes.date) && compatible(o.attributes.side, d.attributes.side) &&
      (levelKey(o) === levelKey(d) || levelKey(o) === '' || levelKey(d) === '') &&
      compatible(o.attributes.reliefPercent ?? o.attributes.reliefQualitative, d.attributes.reliefPercent ?? d.attributes.reliefQualitative) &&
      compatible(o.attributes.reliefDuration, d.attributes.reliefDuration));
    if (hit) {
      hit.spans.push(...d.spans);
      hit.rules.push(...d.rules);
      for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined) hit.attributes[k] = v;
    } else {
      out.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } });
    }
  }
  // A relief-less mention of an event that has relief reports is evidence of that event, not a new one.
  for (const o of out) delete o.attributes.__heading;
  const strip = (o: FactDraft) => { delete o.attributes.__session; delete o.attributes.__repeat; return o; };
  // A report in words only ("good response to the RFA") of an event that has a measured report is
  // evidence of that event, not another report.
  for (let i = out.length - 1; i >= 0; i--) {
    const o = out[i]!;
    if (o.attributes.reliefPercent !== undefined || o.attributes.reliefQualitative === undefined) continue;
    const twin = out.find((x) => x !== o && x.assertion === o.assertion && x.attributes.procedure === o.attributes.procedure && sameSession(x, o) &&
      x.attributes.reliefPercent !== undefined && compatible(x.attributes.date, o.attributes.date));
    if (twin) { twin.spans.push(...o.spans); out.splice(i, 1); }
  }
  return out.filter((o) => {
    if (o.attributes.reliefPercent !== undefined || o.attributes.reliefQualitative !== undefined) return true;
    const twin = out.find((x) => x !== o && x.assertion === o.assertion && x.attributes.procedure === o.attributes.procedure && sameSession(x, o) &&
      (x.attributes.reliefPercent !== undefined || x.attributes.reliefQualitative !== undefined) &&
      compatible(x.attributes.date, o.attributes.date) && (levelKey(x) === levelKey(o) || levelKey(o) === ''));
    if (twin) { twin.spans.push(...o.spans); return false; }
    return true;
  }).map(strip);
}

/** Sessions told apart by a count or a repeat ("two TFESIs", "repeated her RFA") are not merged. */
function sameSession(a: FactDraft, b: FactDraft): boolean {
  const sa = a.attributes.__session, sb = b.attributes.__session;
  return (sa === undefined || sb === undefined || sa === sb) && !a.attributes.__repeat === !b.attributes.__repeat;
}

function compatible(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined || a === b;
}

/** One requested_procedure per procedure and assertion: levels, side and details unioned. */
function mergeRequested(drafts: FactDraft[]): FactDraft[] {
  const out: FactDraft[] = [];
  for (const d of drafts) {
    const hit = out.find((o) => o.assertion === d.assertion && o.attributes.procedure === d.attributes.procedure);
    if (!hit) { out.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } }); continue; }
    // "The first request (denied 2/3/2026) was for bilateral L3-4, L4-5 and L5-S1 ... We now request
    // bilateral L4-5 and L5-S1 only": the levels and side of the request still open, or revised, stand.
    const hitLv = (hit.attributes.levels as string[] | undefined) ?? [], dLv = (d.attributes.levels as string[] | undefined) ?? [];
    const revHit = hit.rules.includes(REVISED_RULE), revD = d.rules.includes(REVISED_RULE);
    hit.spans.push(...d.spans);
    hit.rules.push(...d.rules);
    if ((!hit.attributes.denied !== !d.attributes.denied || revHit !== revD) && hitLv.length && dLv.length) {
      const open = hit.attributes.denied || (revD && !revHit) ? d : hit;
      hit.attributes.levels = open.attributes.levels;
      hit.attributes.side = open.attributes.side ?? hit.attributes.side ?? d.attributes.side;
      hit.attributes.denied = undefined;
      for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined && k !== 'denied') hit.attributes[k] = v;
      continue;
    }
    const lv = sortLevels([...hitLv, ...dLv]);
    hit.attributes.levels = lv.length ? lv : undefined;
    hit.attributes.side = combineSides([hit.attributes.side, d.attributes.side].filter((x): x is string => typeof x === 'string'));
    for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined) hit.attributes[k] = v;
  }
  // A requested procedure is not also hypothetical: drop the hypothetical twin of a present request,
  // unless it is the next one of a series ("if positive, we will plan a confirmatory block"), or the
  // present one was decided against ("RF neurotomy requested 12/11/2025 was non-certified ... The blocks
  // are in preparation for RF neurotomy": the plan goes on).
  return out.filter((o) => !(o.assertion === 'hypothetical' && out.some((p) => p.assertion === 'present' && p.attributes.procedure === o.attributes.procedure &&
    !p.attributes.denied && !(o.attributes.sequence === 2 && p.attributes.sequence !== 2))));
}

export type { Sentence };
