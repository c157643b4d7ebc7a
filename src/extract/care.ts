/**
 * conservative_care and medication.
 * CONTRACT.md: conservative_care is one per modality; pain medication counts as modality
 * `medication` (NSAIDs as `nsaid`); explicit non-use is `absent`; durationWeeks only when stated or
 * directly convertible. medication is one per drug per note (generic name), including drugs given
 * in a procedure, excluding contrast, saline and antiseptics.
 */
import type { Mention, Sentence } from '../nlp/types.ts';
import { findDoses } from '../nlp/values/dose.ts';
import { findDurations } from '../nlp/values/duration.ts';
import { FREQUENCY, FREQUENCY_CODES, PRN, ROUTE, ROUTE_CODES } from '../nlp/values/patterns.ts';
import { readValue } from '../nlp/value-rules.ts';
import { ExtractionContext, type FactDraft, lineStartAt } from './context.ts';

/** A bare span next to a modality ("PT 8 wks", "failed 8 weeks of PT", "(8 weeks)"); not "in 8 weeks", "8 weeks ago". */
const BARE_SPAN = /(?<![\w/.-])(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s?-?\s?(weeks?|wks?|months?|mos?|weekly(?=\s+(?:\w+\s+)?(?:sessions?|visits?|classes|meetings)))\b(?!\s+ago)/g;
/** A course begun some time ago: "started PT", "began meloxicam" (what follows is how long it has run). */
const STARTED_BEFORE = /\b(?:started|began|begun|initiated|commenced)\b[^.;]{0,30}$/;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
/** "from 10/02/2023 through 11/27/2023": a course between two full dates. */
const DATE_RANGE = /\b(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\s*(?:-|–|to|through|thru|until|and)\s*(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/g;

/** Words before a duration that make it the relief's, not the course's: "helped for", "relief lasting", "eased it for". */
const RELIEF_SPAN_BEFORE = /\b(?:helped|helps|helping|relieved|eased|relief|better|improved|benefit(?:ed)?)\s{1,2}(?:(?:it|him|her|them|things|only|a\s{1,2}little)\s{1,2})?(?:(?:for|lasting|that\s{1,2}lasted|which\s{1,2}lasted)\s{1,2}(?:about\s{1,2}|only\s{1,2}|maybe\s{1,2})?)?$/;

export function extractCare(ctx: ExtractionContext): FactDraft[] {
  const care: FactDraft[] = [];
  const meds: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'allergies'].includes(sentence.section)) return;
    const sentText = ctx.norm.slice(sentence.start, sentence.end);
    // "an accident four years ago" dates an event; "he started PT 4 weeks ago" tells how long the course has run.
    const durations = findDurations(sentText, ctx.nlp.noteDate ?? ctx.nlp.asOfDate)
      .filter((d) => d.relation !== 'ago' || STARTED_BEFORE.test(sentText.slice(Math.max(0, d.start - 40), d.start)))
      // "which helped for a day or two each time": how long the relief lasted, not how long the course ran.
      .filter((d) => !RELIEF_SPAN_BEFORE.test(sentText.slice(Math.max(0, d.start - 30), d.start)))
      .map((d) => ({ ...d, start: d.start + sentence.start, end: d.end + sentence.start }));
    for (const m of ctx.mentionsIn(si, 'conservative_care')) {
      if (m.concept === 'heat_ice' || m.concept === 'not_care') continue;
      care.push(careDraft(ctx, si, m, m.concept === 'conservative_care' ? 'unspecified' : m.concept, durations));
    }
    for (const m of ctx.mentionsIn(si, 'care_generic')) {
      const modality = genericModality(ctx, sentence, m);
      if (modality) care.push(careDraft(ctx, si, m, modality, durations));
    }
    // A charge line names a drug code's descriptor, not a drug the patient took or was given.
    if (sentence.section === 'billing') return;
    const drugs = ctx.mentionsIn(si, 'medication').filter((m) => m.attrs?.cue === undefined && m.attrs?.exclude !== true);
    drugs.forEach((m, k) => {
      const isClass = m.attrs?.isClass === true;
      const cue = medCue(ctx, si, m);
      if (cue === 'allergy') return;
      const sig = isClass ? {} : medSig(ctx, m, sentence, drugs[k - 1]?.end ?? sentence.start, drugs[k + 1]?.start ?? sentence.end);
      if (m.attrs?.needsDose === true && sig.dose === undefined) return;
      const a = ctx.assert(m, sentence, 'medication');
      if (a.experiencer === 'other') return;
      const assertion = cue === 'nonuse' ? 'absent' : cue === 'plan' ? 'hypothetical' : cue === 'current' ? 'present'
        : PLAN_SECTIONS.has(sentence.section) ? 'hypothetical' : 'present';
      if (isPainCare(ctx, sentence, m, sig)) {
        const modality = m.attrs?.drugClass === 'nsaid' ? 'nsaid' : 'medication';
        const d = careDraft(ctx, si, m, modality, durations);
        // A named drug takes the medication reading; a class ("NSAIDs") keeps the ConText reading.
        // (A drug a plan section tells failed or partly helped was taken: "Naproxen did not help. We
        // will request a caudal ESI.")
        const told = cue === undefined && d.assertion === 'present' && (d.attributes.outcome === 'failed' || d.attributes.outcome === 'partial');
        if ((!isClass || cue !== undefined) && !told) d.assertion = assertion;
        care.push(d);
      }
      if (isClass) return;
      meds.push({
        type: 'medication', assertion, historical: a.historical,
        attributes: {
          name: String(m.attrs?.generic ?? m.concept),
          dose: sig.dose, unit: sig.unit, frequency: sig.frequency, route: sig.route,
          drugClass: String(m.attrs?.drugClass ?? 'unspecified'),
        },
        spans: sig.span ? [m, sig.span] : [m], rules: [m.ruleId, ...(a.rule ? [a.rule] : [])], extractor: 'care.medication',
        trigger: a.trigger?.text ?? null, section: sentence.section,
      });
    });
  });
  careTable(ctx, care);
  letterheadCare(ctx, care);
  return [...mergeCare(ctx, care), ...mergeMeds(meds)];
}

/**
 * A therapy note under a practice's letterhead ("CEDAR HOLLOW CHIROPRACTIC CLINIC - treatment
 * ledger") that names no modality in its text records that practice's care: its course and outcome
 * are the note's.
 */
function letterheadCare(ctx: ExtractionContext, care: FactDraft[]): void {
  if (ctx.documentType !== 'therapy_note' || care.some((f) => f.assertion === 'present')) return;
  const head = ctx.nlp.mentions.find((m) => typeof m.attrs?.organizationOf === 'string' && lineIndex(ctx.text, m.start) <= 3);
  if (!head) return;
  const dur = courseOfNote(ctx);
  const told = outcomeOfNote(ctx);
  care.push({
    type: 'conservative_care', assertion: 'present',
    attributes: { modality: String(head.attrs!.organizationOf), durationWeeks: dur?.weeks, outcome: told?.label },
    spans: dur ? [head, { start: dur.start, end: dur.end }] : [head],
    rules: [head.ruleId, 'care.letterhead', ...(told ? [told.id, NOTE_OUTCOME_RULE] : [])],
    extractor: 'care.conservative', trigger: null, section: ctx.sentences[ctx.sentenceIndexAt(head.start)]?.section ?? 'unknown',
  });
}

/** How many non-empty lines stand above the line that holds `pos`. */
function lineIndex(text: string, pos: number): number {
  return text.slice(0, lineStartAt(text, pos)).split('\n').filter((l) => l.trim()).length;
}

/** A care table's header: a cell naming the duration column and/or one naming the result column. */
const TABLE_WEEKS = /^(?:weeks?|wks?|duration(?:\s*\(wks?\))?|# ?weeks|length|how long)$/;
const TABLE_RESULT = /^(?:result|results|outcome|response|effect|benefit|relief)$/;
const CELL_SPLIT = /\s*\|\s*|\s{2,}|\t+/;

/**
 * A table of care ("CONSERVATIVE TX | WEEKS | RESULT" / "PT (20 visits) | 10 | partial"): each row
 * under the header is the frame of the modality in its first cell; its duration and result come
 * from the columns the header names, not from words around.
 */
function careTable(ctx: ExtractionContext, care: FactDraft[]): void {
  const lines: { start: number; text: string }[] = [];
  let at = 0;
  // The source text keeps tabs (the folded view makes them spaces); lower-cased, offsets unchanged.
  for (const text of ctx.text.toLowerCase().replace(/\r/g, '\n').split('\n')) { lines.push({ start: at, text }); at += text.length + 1; }
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i]!.text.trim().split(CELL_SPLIT).map((c) => c.trim());
    if (cells.length < 2) continue;
    const weekCol = cells.findIndex((c) => TABLE_WEEKS.test(c));
    const resultCol = cells.findIndex((c) => TABLE_RESULT.test(c));
    if (weekCol <= 0 && resultCol <= 0) continue;
    for (let j = i + 1; j < lines.length && lines[j]!.text.trim(); j++) {
      const line = lines[j]!;
      const row = line.text.trim().split(CELL_SPLIT).map((c) => c.trim());
      if (row.length < 2) break;
      const rowStart = line.start, rowEnd = line.start + line.text.length;
      const draft = care.find((d) => d.spans.some((sp) => sp.start >= rowStart && sp.end <= rowEnd) && d.assertion !== 'absent');
      if (!draft) continue;
      const weeks = weekCol > 0 ? /^(\d{1,3}(?:\.\d)?)\b/.exec(row[weekCol] ?? '') : null;
      if (weeks) draft.attributes.durationWeeks = Number(weeks[1]);
      const result = resultCol > 0 ? row[resultCol] : undefined;
      const outcome = result ? readValue(ctx.res.values, 'care_outcome', 'after', result) ?? readValue(ctx.res.values, 'care_outcome', 'cell', result) : null;
      if (outcome) { draft.attributes.outcome = outcome.label; draft.rules.push(outcome.id); }
      if (weeks || outcome) draft.rules.push('care.table_row');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Medications

/** Sections whose drugs are plans unless a cue says the patient already takes them. */
const PLAN_SECTIONS = new Set(['plan', 'request']);
/** Drug classes that count as conservative care for pain (docs/annotation.md 4.8). */
const PAIN_CLASSES = new Set(['nsaid', 'analgesic', 'opioid', 'neuropathic', 'muscle_relaxant', 'barbiturate', 'topical_analgesic', 'unspecified']);
/** What makes a drug of another class ("aspirin", "amitriptyline") a pain treatment. */
const PAIN_PURPOSE = /\b(?:pain|aches?|arthritis|sciatica|spasms?|neuropath\w*|radicul\w*|as needed|prn|p\.r\.n)\b/;
/** Drugs given in a procedure or under sedation are no conservative care. */
const PROCEDURAL = /\b(?:sedation|sedated|injected|injection of|infiltrat\w*|anesthetized|intravenous access|iv access|monitored anesthesia)\b/;
/** Cue literals of the shared cue lexicon that say nothing about a drug list ("Advair as needed, aspirin"). */
const NEUTRAL_CUES = new Set(['as needed', 'prn', 'if needed', 'if necessary', 'versus', 'vs', 'then', 'once', 'after which', 'subsequent', 'subsequently', 'indicated', 'medically necessary', 'rfa', 'appeal', 'disputed', 'submitted', 'after', 'following', 'post', 'since', 'last', 'prior', 'previous', 'previously']);
const MASS_UNITS = new Set(['mg', 'mcg', 'g']);
/**
 * Where a drug's sig ends: a line break, ';', or a comma before words that are no sig
 * ("aspirin q.h.s., cod liver oil b.i.d." stops before the oil; "Darvocet, one tablet q.4-6 hours" goes on).
 */
const SIG_END = /\n|;|,\s{0,2}(?=[a-z])(?!(?:p\.?\s?r\.?\s?n|as\s{1,2}needed|p\.?o\b|orally|by\s{1,2}mouth|daily|nightly|q\.?\s?\d|q\.?[dh]|q\.?a\.?m|q\.?p\.?m|[bt]\.?i\.?d|q\.?i\.?d|once|twice|three|four|one|two|half|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|every|at\s{1,2}bed|with\s{1,2}meals|for\s{1,2}pain|tabs?\b|tablets?|capsules?|caps?\b|sustained|extended|xl\b|sr\b|er\b|\d)\b)/i;
/** "80 mg of (preservative-free) Depo-Medrol": an amount written before the drug. */
const DOSE_BEFORE = /(\d{1,5}(?:,\d{3})?(?:\.\d{1,3})?|\.\d{1,3})\s{0,2}(mg|mcg|milligrams?|micrograms?|grams?|g)\s+(?:of\s+)?(?:(?:the|a|preservative[- ]free|pf|particulate|non-?particulate)\s+)*$/i;

/** Doses spelled out in words ("Twenty milligrams of Depo-Medrol", "prednisone forty mg"). */
const UNITS_W: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS_W: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const NUM_WORD = `(?:${Object.keys(TENS_W).join('|')}|${Object.keys(UNITS_W).reverse().join('|')}|hundred|and|[\\s-])+`;
const WORD_DOSE = new RegExp(`(?<![\\w-])(${NUM_WORD})\\s(mg|mcg|milligrams?|micrograms?|grams?)\\b`, 'i');
const WORD_DOSE_BEFORE = new RegExp(`(?<![\\w-])(${NUM_WORD})\\s(mg|mcg|milligrams?|micrograms?|grams?)\\s+(?:of\\s+)?(?:(?:the|a|preservative[- ]free|pf|particulate|non-?particulate)\\s+)*$`, 'i');

/** "one hundred twenty" → 120; undefined when the words are no number. */
export function wordsToNumber(words: string): number | undefined {
  let total = 0, cur = 0, any = false;
  for (const w of words.toLowerCase().split(/[\s-]+/).filter(Boolean)) {
    if (w === 'and') continue;
    if (w === 'hundred') { cur = (cur || 1) * 100; any = true; continue; }
    const v = UNITS_W[w] ?? TENS_W[w];
    if (v === undefined) return undefined;
    cur += v; any = true;
  }
  total += cur;
  return any && total > 0 ? total : undefined;
}

const NEW_VERB = /\b(?:and|then|or)\s+(?:to\s+)?(?:attend|start|begin|undergo|try|get|have|do|go|see|participate|enroll|obtain|receive|use|return)\b/;
type MedCue = 'plan' | 'current' | 'allergy' | 'nonuse' | 'switch';

/** The nearest cue before a drug in its clause (lexicon cues of medications.json and cues.json). */
export function medCue(ctx: ExtractionContext, si: number, m: Mention): Exclude<MedCue, 'switch'> | undefined {
  const sentence = ctx.sentences[si]!;
  const clause = ctx.clause(m, sentence);
  const cues = ctx.mentionsIn(si)
    .filter((c) => c.end <= m.start && c.start >= clause.start && m.start - c.end <= 100)
    // A procedure narrative tells what was given ("the planned approach was anesthetized with lidocaine").
    .filter((c) => sentence.section !== 'procedure' || c.category === 'medication')
    .map((c) => ({ c, kind: cueKind(ctx, c) }))
    .filter((x): x is { c: Mention; kind: MedCue } => x.kind !== undefined);
  const last = cues[cues.length - 1];
  if (!last) return undefined;
  // "will need to continue her medications and attend physical therapy": "continue" governs its own
  // object; the drug or modality after a new verb falls under the plan word before it.
  if (last.kind === 'current' && NEW_VERB.test(ctx.norm.slice(last.c.end, m.start))) {
    return cues[cues.length - 2]?.kind === 'plan' ? 'plan' : undefined;
  }
  // "failed a trial of", "tried a course of": a plan word right after a past one is history.
  if (last.kind === 'plan' && cues.length > 1 && /\btrial\b/.test(ctx.norm.slice(last.c.start, last.c.end))) {
    const prev = cues[cues.length - 2]!;
    if (prev.kind === 'current' && last.c.start - prev.c.end <= 3) return 'current';
  }
  // "switching from OxyContin to methadone": the drug switched from is the current one.
  if (last.kind === 'switch') return /\b(?:to|onto)\b/.test(ctx.norm.slice(last.c.end, m.start)) ? 'plan' : 'current';
  return last.kind;
}

function cueKind(ctx: ExtractionContext, c: Mention): MedCue | undefined {
  if (c.category === 'medication' && typeof c.attrs?.cue === 'string') return c.attrs.cue === 'plan_after' ? undefined : c.attrs.cue as MedCue;
  if (c.category !== 'cue') return undefined;
  const text = ctx.norm.slice(c.start, c.end).replace(/\s+/g, ' ');
  if (NEUTRAL_CUES.has(text)) return undefined;
  if (c.concept === 'past') return text === 'trial of' ? 'plan' : 'current';
  if (c.concept === 'request' || c.concept === 'conditional') return 'plan';
  return undefined;
}

interface MedSig { dose?: number; unit?: string; frequency?: string; route?: string; span?: { start: number; end: number } }

/**
 * The sig of a drug: a single mass amount (not a concentration, volume or another ingredient's
 * number), the frequency as a fixed code with " PRN" for as-needed, the route. The sig runs from
 * the drug to the next drug, the sentence end or a sig stop.
 */
export function medSig(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number }, prevEnd: number, nextStart: number): MedSig {
  const out: MedSig = {};
  const from = m.end;
  // "150-mg tablet": the hyphen of a compound adjective (same length, offsets kept).
  let win = ctx.norm.slice(from, Math.min(nextStart, sentence.end, from + 70)).replace(/(\d)-(mg|mcg|g)\b/g, '$1 $2');
  const stop = win.search(SIG_END);
  if (stop >= 0) win = win.slice(0, stop + 1);
  let sigEnd = 0;
  const componentMax = m.attrs?.combination === true ? Number(m.attrs.componentMaxMg ?? 0) : Infinity;
  if (componentMax > 0) {
    const beforeFrom = Math.max(prevEnd, sentence.start, m.start - 50);
    const before = DOSE_BEFORE.exec(ctx.norm.slice(beforeFrom, m.start));
    const wordBefore = before ? null : WORD_DOSE_BEFORE.exec(ctx.norm.slice(beforeFrom, m.start));
    const wordAfter = WORD_DOSE.exec(win);
    const wordN = (x: RegExpExecArray | null): number | undefined => (x ? wordsToNumber(x[1]!) : undefined);
    if (before) {
      out.dose = Number(before[1]!.replace(/,/g, ''));
      out.unit = massUnit(before[2]!);
      out.span = { start: beforeFrom + before.index, end: beforeFrom + before.index + before[0].trimEnd().length };
    } else if (wordBefore && wordN(wordBefore) !== undefined && toMg(wordN(wordBefore)!, massUnit(wordBefore[2]!)) < componentMax) {
      const lead = wordBefore[1]!.length - wordBefore[1]!.trimStart().length;
      out.dose = wordN(wordBefore);
      out.unit = massUnit(wordBefore[2]!);
      out.span = { start: beforeFrom + wordBefore.index + lead, end: beforeFrom + wordBefore.index + wordBefore[0].trimEnd().length };
    } else if (!findDoses(win).some((x) => MASS_UNITS.has(x.unit)) && wordAfter && wordAfter.index <= 30 && wordN(wordAfter) !== undefined && toMg(wordN(wordAfter)!, massUnit(wordAfter[2]!)) < componentMax) {
      out.dose = wordN(wordAfter);
      out.unit = massUnit(wordAfter[2]!);
      sigEnd = wordAfter.index + wordAfter[0].length;
    } else {
      const d = findDoses(win).find((x) => MASS_UNITS.has(x.unit) && x.start <= 30 && !/[/\d]/.test(win[x.start - 1] ?? '')
        && !/^\s*(?:\/|of\b|in\b|per\b)/i.test(win.slice(x.start).replace(/^[\d.,]+\s*[a-zµ]+/i, '')));
      // A combination's number is the named ingredient's only when it is in that ingredient's range
      // ("Lortab 7.5 mg"), not the acetaminophen of "Vicodin 500 mg".
      if (d && toMg(d.dose, d.unit) < componentMax) { out.dose = d.dose; out.unit = d.unit; sigEnd = d.end; }
    }
  }
  FREQUENCY.lastIndex = 0;
  const f = FREQUENCY.exec(win);
  let freq: string | undefined;
  if (f && !/\bup\s+to\s+\S+\s*$/i.test(win.slice(0, f.index))) {
    freq = frequencyCode(f);
    if (!['QD', 'BID', 'TID', 'QID', 'QHS', 'QAM', 'QPM', 'QOD'].includes(freq) && !/^Q\d+(?:-\d+)?H$/.test(freq)) freq = undefined;
    if (freq) sigEnd = Math.max(sigEnd, f.index + f[0].length);
  }
  const prn = PRN.exec(win);
  if (prn) sigEnd = Math.max(sigEnd, prn.index + prn[0].length);
  if (freq || prn) out.frequency = prn ? (freq ? `${freq} PRN` : 'PRN') : freq;
  ROUTE.lastIndex = 0;
  const ro = ROUTE.exec(win);
  if (ro && ro.index <= 40) {
    const gi = [1, 2, 3, 4, 5, 6, 7].find((k) => ro[k] !== undefined);
    if (gi) out.route = ROUTE_CODES[gi - 1];
  }
  if (!out.span && sigEnd > 0) out.span = { start: m.start, end: from + sigEnd };
  return out;
}

function toMg(dose: number, unit: string): number {
  return unit === 'g' ? dose * 1000 : unit === 'mcg' ? dose / 1000 : dose;
}

function massUnit(raw: string): string {
  const u = raw.toLowerCase();
  return u.startsWith('mc') || u.startsWith('micro') ? 'mcg' : u.startsWith('m') ? 'mg' : 'g';
}

function frequencyCode(f: RegExpExecArray): string {
  for (let i = 1; i < f.length; i++) {
    if (f[i] === undefined) continue;
    const code = FREQUENCY_CODES[i - 1];
    if (code) return code;
    return `Q${f[i]!.replace(/\s+/g, '').replace(/to/i, '-').replace(/[\u2010-\u2015\u2212]/g, '-')}H`;
  }
  return '';
}

/** A drug counts as conservative care when it treats pain and was not given in a procedure. */
function isPainCare(ctx: ExtractionContext, sentence: Sentence, m: Mention, sig: MedSig): boolean {
  if (sentence.section === 'procedure' || sig.route === 'IV' || sig.route === 'IM') return false;
  const sentText = ctx.norm.slice(sentence.start, sentence.end);
  if (PROCEDURAL.test(sentText)) return false;
  const pain = m.attrs?.painCare;
  if (pain === true) return true;
  if (pain === 'context') {
    const clause = ctx.clause(m, sentence);
    const text = ctx.norm.slice(clause.start, clause.end);
    // "Amitriptyline 25 mg qhs x 2 months - no benefit": a drug whose outcome is told in a pain
    // history was taken for the pain.
    if (PAIN_PURPOSE.test(text)) return true;
    if (!['hpi', 'history', 'assessment', 'request'].includes(sentence.section)) return false;
    const told = readValue(ctx.res.values, 'care_outcome', 'after', text.slice(m.start - clause.start));
    return told !== null && told.label !== 'ongoing';
  }
  return PAIN_CLASSES.has(String(m.attrs?.drugClass ?? 'unspecified'));
}

/** "Prior care:", "Previous treatment:", "Tried:": a label of care already had. */
const PRIOR_CARE_LABEL = /\b(?:prior|previous|past|failed)\s+(?:conservative\s+)?(?:care|treatments?|therapy|therapies|tx|management)\s*[:\-]|\b(?:tried|has\s+tried|history\s+of)\s*:/;
const GIVEN_TODAY = /\b(\d+\s*(?:min|mins|minutes)\b|performed|applied|administered|provided|re-?emphasized|reviewed|instructed in|was given|were given|today)\b/;

function careDraft(ctx: ExtractionContext, si: number, m: Mention, modality: string, durations: { start: number; end: number; weeks: number | null; sessions?: number }[]): FactDraft {
  const sentence = ctx.sentences[si]!;
  const a = ctx.assert(m, sentence, 'conservative_care');
  const clause = ctx.clause(m, sentence);
  const seg = careSegment(ctx, si, m, clause);
  const title = isTitle(ctx, m);
  const own = () => durations.filter((d) => d.start >= seg.start && d.end <= seg.end && d.weeks !== null)
    .sort((x, y) => Math.abs(x.start - m.start) - Math.abs(y.start - m.start))[0] ?? bareSpan(ctx, m, seg);
  const dur = title ? courseOfNote(ctx) : own() ?? (leadsTherapyNote(ctx, m) ? courseOfNote(ctx) : undefined);
  const outcomeRule = title ? null : readValue(ctx.res.values, 'care_outcome', 'after', ctx.norm.slice(seg.start, outcomeEnd(ctx, si, seg, clause, m))) ??
    readValue(ctx.res.values, 'care_outcome', 'before', ctx.norm.slice(Math.max(sentence.start, listHead(ctx, si, m) - 80), listHead(ctx, si, m)));
  // A therapy note that records one modality tells its outcome anywhere ("A/P: Partial response.",
  // "He reports no lasting improvement"): the note's outcome is the modality's.
  const noteOutcome = outcomeRule || !(title || leadsTherapyNote(ctx, m)) ? null : outcomeOfNote(ctx);
  const outcome = (outcomeRule ?? noteOutcome)?.label;
  const cue = medCue(ctx, si, m) ?? afterCue(ctx, si, m, clause);
  // A request form's section lists the care already done ("Conservative care: PT x 6 weeks", "WORK STATUS: modified duty").
  const bySection = a.trigger === null && a.rule?.startsWith('ctx.section.') === true && sentence.section !== 'plan';
  // A plan section that records treatment given at this visit ("Soft tissue massage x 10 min",
  // "Re-emphasized home stretches") is care received, not a plan.
  const givenToday = a.assertion === 'hypothetical' && a.trigger === null && GIVEN_TODAY.test(ctx.norm.slice(clause.start, clause.end));
  // "She no longer does PT", "the carrier is no longer authorizing chiropractic": care that stopped
  // was received (a drug taken before and stopped is present too, docs/annotation.md 4.9).
  const stoppedCover = a.assertion === 'absent' && /\bno longer\b/.test(a.trigger?.text ?? '');
  // "Plan: refer to PT ... Prior care: lumbar brace x 1 month, did not help": a label of care already
  // had, inside a plan, is history, not the plan.
  const lineStart = lineStartAt(ctx.norm, m.start);
  const priorLabel = a.assertion === 'hypothetical' && PRIOR_CARE_LABEL.test(ctx.norm.slice(Math.max(lineStart, sentence.start), m.start));
  // "DISCUSSION / TREATMENT PLAN: ... refractory to PT, chiropractic, NSAID": care a plan section
  // tells failed or partly helped was had; only the section made it a plan.
  const toldOutcome = a.trigger === null && (outcomeRule?.label === 'failed' || outcomeRule?.label === 'partial') && outcomeRule.id !== 'care.outcome.failed.despite';
  const base = (bySection || givenToday || priorLabel || toldOutcome) && a.assertion === 'hypothetical' || stoppedCover ? 'present' : a.assertion;
  const assertion = cue === 'plan' ? 'hypothetical' : cue === 'nonuse' ? 'absent' : cue === 'current' && base !== 'absent' ? 'present'
    : base === 'possible' ? 'hypothetical' : base;
  return {
    type: 'conservative_care', assertion,
    experiencer: a.experiencer, historical: a.historical,
    attributes: { modality, durationWeeks: dur?.weeks ?? undefined, outcome: assertion === 'hypothetical' || assertion === 'absent' ? undefined : outcome },
    spans: dur ? [m, { start: dur.start, end: dur.end }] : [m],
    rules: [m.ruleId, ...(a.rule ? [a.rule] : []), ...((outcomeRule ?? noteOutcome) && outcome && assertion !== 'hypothetical' && assertion !== 'absent' ? [(outcomeRule ?? noteOutcome)!.id, ...(outcomeRule ? [] : [NOTE_OUTCOME_RULE])] : [])],
    extractor: 'care.conservative', trigger: a.trigger?.text ?? null, section: sentence.section,
  };
}

/**
 * Where the list a modality belongs to begins ("in spite of chiropractic care (8 visits) and a home
 * TENS unit": at the chiropractic care), so words before the list tell every item's outcome.
 */
function listHead(ctx: ExtractionContext, si: number, m: Mention): number {
  const sentence = ctx.sentences[si]!;
  const bearing = careBearing(ctx, si).filter((x) => x.end <= m.start).sort((a, b) => b.start - a.start);
  let head = m.start;
  for (const x of bearing) {
    const gap = ctx.norm.slice(x.end, head);
    if (gap.length > 40 || /[.;:]/.test(gap) || !/^[\s\w()/,'&-]*$/.test(gap)) break;
    head = x.start;
  }
  return Math.max(head, sentence.start);
}

/** Mentions that carry their own outcome and span: modalities and drugs. */
function careBearing(ctx: ExtractionContext, si: number): Mention[] {
  // A general "conservative management, including PT and NSAIDs" heads its list and bounds nothing.
  const sentence = ctx.sentences[si]!;
  return ctx.mentionsIn(si).filter((x) => (x.category === 'conservative_care' && x.concept !== 'not_care' && x.concept !== 'conservative_care')
    || (x.category === 'medication' && x.attrs?.cue === undefined && x.attrs?.exclude !== true)
    || (x.category === 'care_generic' && genericModality(ctx, sentence, x) !== undefined));
}

/** Exercise done at home or on one's own ("continues at home with her exercises", "exercising on his own"). */
const HOME_CUE = /\b(?:at home|home|on (?:her|his|their|my) own|independently|by (?:her|him|them)sel(?:f|ves))\b/;
const EXERCISE_VERB = /\b(?:reviewed|instructed (?:in|on)|taught|given|shown|provided|prescribed|demonstrated|doing|does|did|performs?|performing|continues?|continuing|started|starting|uses|using|used)\s+(?:(?!(?:which|that|who|whom|whose|to|for|with|by|from|of|in|on|at|allow\w*|permit\w*|enabl\w*)\b)[a-z]+\s+){0,4}$/;
/** A list gap before an item with its own modifiers ("a brace, hand exercises"), not "therapy with exercises". */
const LIST_BEFORE = /^[\s,/]*(?:and\/or|and|or|&|as well as|plus|nor)?[\s,/]+(?:(?!(?:with|including|includ\w+|of|for|in|to|from|by|as|and|or|such|like)\b)[a-z]+\s+){0,2}$/;
/** Unnamed medications as a treatment received or taken ("received some medications", "taking no medications"). */
const TREATED_WITH = /\b(?:received|receiving|receives|given|prescribed|treated|managed|tried|trials? of|placed on|started on|put on|taking|takes|take|took|on)\s+(?:(?:with|conservatively|some|several|various|multiple|different|oral|other|a few|a couple of|a variety of|a number of|more|numerous|any|no|pain|narcotic|prescription|over-the-counter|otc)\s+){0,3}$/;
/** ... but not medications for another condition. */
const OTHER_PURPOSE = /^\s*(?:\w+\s+){0,2}for\s+(?:her\s+|his\s+|the\s+|their\s+|this\s+|that\s+|a\s+)?(?!(?:\w+\s+){0,2}(?:pain|aches?|back|legs?|sciatic\w*|spasms?|symptoms?|neuropath\w*|radicul\w*|injur\w*|discomfort|relief|arthritis|headaches?|it|this|that)\b)\w+/;

/** The modality an unnamed treatment word stands for in its context, if any. */
function genericModality(ctx: ExtractionContext, sentence: Sentence, m: Mention): string | undefined {
  const clause = ctx.clause(m, sentence);
  if (m.concept === 'exercise') {
    const win = ctx.norm.slice(Math.max(clause.start, m.start - 40), Math.min(clause.end, m.end + 40));
    if (/\bhome (?:health|care|nurs\w*)\b/.test(win)) return undefined;
    if (HOME_CUE.test(win)) return 'home_exercise';
    // Exercises taught or done as a treatment ("I reviewed some neck and back exercises", "does her
    // exercises daily"), or listed among other treatments ("a brace, hand exercises, physical therapy").
    const before = ctx.norm.slice(Math.max(clause.start, m.start - 50), m.start);
    if (EXERCISE_VERB.test(before)) return 'home_exercise';
    const si = ctx.sentenceIndexAt(sentence.start);
    const others = ctx.mentionsIn(si).filter((x) => (x.category === 'conservative_care' && x.concept !== 'not_care' && x.concept !== 'conservative_care')
      || (x.category === 'medication' && x.attrs?.cue === undefined && x.attrs?.exclude !== true));
    const listed = others.some((x) => (x.end <= m.start && LIST_BEFORE.test(ctx.norm.slice(x.end, m.start))) || (x.start >= m.end && LIST_GAP.test(ctx.norm.slice(m.end, x.start))));
    return listed ? 'home_exercise' : undefined;
  }
  if (m.concept === 'medication_unnamed') {
    if (sentence.section === 'procedure') return undefined;
    const before = ctx.norm.slice(Math.max(clause.start, m.start - 60), m.start);
    const after = ctx.norm.slice(m.end, Math.min(clause.end, m.end + 60));
    return TREATED_WITH.test(before) && !OTHER_PURPOSE.test(after) ? 'medication' : undefined;
  }
  return undefined;
}

/** A span told of the modality that follows it ("8 weeks of", "twelve sessions of formal"). */
const SPAN_OF_NEXT = /\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)\s?-?\s?(?:weeks?|wks?|months?|mos?|sessions?|visits?|treatments?)\s+(?:of\s+)?(?:formal\s+|outpatient\s+|supervised\s+|skilled\s+)?$/;

/** Where the words that belong to a modality begin after the one before it: at its own "8 weeks of". */
function ownedStart(ctx: ExtractionContext, a: number, b: number): number | undefined {
  const k = SPAN_OF_NEXT.exec(ctx.norm.slice(a, b));
  return k ? a + k.index : undefined;
}

/** Nothing but indent, a bullet or a number before a row's first word. */
const ROW_LEAD = /^\s*(?:[-*•]|\d{1,2}[.)]|[a-z][.)])?\s*$/;
const LIST_GAP = /^[\s,/]*(?:and\/or|and|or|&|as well as|plus|nor)?[\s,/]*$/;

/**
 * The part of the clause whose outcome and span belong to a mention: words after a modality
 * belong to it ("PT for 2 months with minimal improvement, and does exercises at home"); a list
 * ("failed PT and NSAIDs", "Medrol Dosepak and analgesics, which did not help") shares them.
 */
function careSegment(ctx: ExtractionContext, si: number, m: Mention, clause: { start: number; end: number }): { start: number; end: number } {
  const others = careBearing(ctx, si).filter((x) => x !== m && x.start >= clause.start && x.end <= clause.end);
  const prev = others.filter((x) => x.end <= m.start).pop();
  const next = others.find((x) => x.start >= m.end);
  const listed = (a: number, b: number): boolean => LIST_GAP.test(ctx.norm.slice(a, b));
  // "had PT and continues at home with exercises": the words after a conjunction go with the next mention.
  const conj = (a: number, b: number): number | undefined => {
    const k = /\b(?:and|but|then|while)\b[^,;:()\u2013\u2014-]*$/.exec(ctx.norm.slice(a, b));
    return k ? a + k.index : undefined;
  };
  // "home exercises since completing 8 weeks of physical therapy": a span told "of" the next modality is its own.
  const ownedByNext = (a: number, b: number): number | undefined => {
    const k = SPAN_OF_NEXT.exec(ctx.norm.slice(a, b));
    return k ? a + k.index : undefined;
  };
  return {
    start: prev && !listed(prev.end, m.start) ? conj(prev.end, m.start) ?? ownedStart(ctx, prev.end, m.start) ?? m.start : clause.start,
    end: next && !listed(m.end, next.start) ? conj(m.end, next.start) ?? ownedByNext(m.end, next.start) ?? next.start : clause.end,
  };
}

/** "had physical therapy, but it did not help": the contrast clause after a modality tells its outcome. */
function outcomeEnd(ctx: ExtractionContext, si: number, seg: { start: number; end: number }, clause: { start: number; end: number }, m?: Mention): number {
  const sentence = ctx.sentences[si]!;
  // A list row led by its modality ("Naproxen 500 mg BID - x 16 weeks this course; partial relief."):
  // the row's closing words are its outcome, past a semicolon, up to the next modality on the line.
  if (m) {
    const lineStart = lineStartAt(ctx.norm, m.start);
    const nl = ctx.norm.indexOf('\n', m.end);
    const lineEnd = Math.min(nl < 0 ? ctx.norm.length : nl, sentence.end);
    if (ROW_LEAD.test(ctx.norm.slice(lineStart, m.start)) && seg.end < lineEnd &&
        !careBearing(ctx, si).some((x) => x.start > m.end && x.start < lineEnd)) return lineEnd;
  }
  if (seg.end !== clause.end || clause.end >= sentence.end) return seg.end;
  const rest = ctx.norm.slice(clause.end, sentence.end);
  // "12 PT visits in fall 2025; reports it "helped a little"", "x 5 weeks; patient reports about 30%
  // improvement": a report of it after the semicolon.
  if (/^\s*;\s*(?:(?:(?:she|he|they|pt|patient|the patient)\s+)?(?:reports?|states?|says|notes?|describes?|feels?)\b|(?:it|this|which|that|they)\s+(?:takes?|took|helps?|helped|has|had|did|does|gave|gives|was|is|were)\b)/.test(rest) &&
      !careBearing(ctx, si).some((x) => x.start >= clause.end)) return sentence.end;
  if (!/^\s*,?\s*(?:but|however)\b/.test(rest)) return seg.end;
  const stop = rest.slice(4).search(/;|\bbut\b|\bhowever\b/);
  const end = stop >= 0 ? clause.end + 4 + stop : sentence.end;
  return careBearing(ctx, si).some((x) => x.start >= clause.end && x.start < end) ? seg.end : end;
}

/**
 * A modality in the note's title ("PHYSICAL THERAPY DISCHARGE SUMMARY", or a therapy clinic's
 * letterhead "NORTHCOAST PHYSICAL THERAPY & SPORTS REHAB" above "DISCHARGE SUMMARY"): the note is a
 * record of it. The title is an upper-case line among the first lines of the note, below a fax banner.
 */
function isTitle(ctx: ExtractionContext, m: Mention): boolean {
  const lineStart = ctx.text.lastIndexOf('\n', m.start - 1) + 1;
  const lineEnd = ctx.text.indexOf('\n', m.end);
  // The cell of the line that holds the mention (a letterhead puts the address beside it after a wide gap).
  const line = ctx.text.slice(lineStart, lineEnd < 0 ? ctx.text.length : lineEnd);
  let cellStart = 0;
  for (const gap of line.matchAll(/\s{3,}/g)) if (lineStart + gap.index! + gap[0].length <= m.start) cellStart = gap.index! + gap[0].length;
  const after = line.slice(cellStart).search(/\s{3,}/);
  const cell = line.slice(cellStart, after < 0 ? line.length : cellStart + after);
  if (!/[A-Z]{3}/.test(cell) || cell !== cell.toUpperCase()) return false;
  const before = ctx.text.slice(0, lineStart).split('\n').filter((l) => l.trim());
  if (before.length === 0) return true;
  // Below a banner or a letterhead: within the head of a therapy note in a packet.
  return ctx.documentType === 'therapy_note' && before.length <= 3;
}

/**
 * A therapy report whose letterhead names a clinic, not a modality ("RIVERSIDE CHIROPRACTIC CLINIC"
 * above "Dates of care: 03/03/2025 - 05/12/2025"): its first modality is the one the note records.
 */
function leadsTherapyNote(ctx: ExtractionContext, m: Mention): boolean {
  if (ctx.documentType !== 'therapy_note') return false;
  const care = ctx.nlp.mentions.filter((x) => x.category === 'conservative_care' && x.concept !== 'not_care');
  return care[0]?.start === m.start && !care.some((x) => isTitle(ctx, x));
}

const WEEKS_IN_CARE = /\bweeks?\s+(?:in|of)\s+(?:care|treatment|therapy)\s*[:=]?\s*(\d{1,2})\b|\bweek\s+(\d{1,2})\s+of\s+(?:the\s+|her\s+|his\s+)?(?:care\s+plan|plan\s+of\s+care|treatment(?:\s+plan)?|care|therapy)\b/;

/**
 * The course of care a note records: "12 visits over 8 weeks", "(tx x 6 wks so far)", "Dates of
 * service: 10/14/2025 - 12/09/2025". Sentences that name another modality tell their own care; the
 * note's title does not count as one.
 */
function courseOfNote(ctx: ExtractionContext): { start: number; end: number; weeks: number } | undefined {
  for (const [si, s] of ctx.sentences.entries()) {
    const text = ctx.norm.slice(s.start, s.end);
    if (careBearing(ctx, si).some((m) => !isTitle(ctx, m))) continue;
    const range = /\b(?:dates? of (?:service|treatment|care)|treatment dates?|episode of care|plan of care dates?|certification period|from)\W{0,4}$/;
    DATE_RANGE.lastIndex = 0;
    for (let x = DATE_RANGE.exec(text); x; x = DATE_RANGE.exec(text)) {
      if (!range.test(text.slice(Math.max(0, x.index - 30), x.index))) continue;
      const y = (v: string) => (v.length === 2 ? 2000 + Number(v) : Number(v));
      const from = Date.UTC(y(x[3]!), Number(x[1]) - 1, Number(x[2])), to = Date.UTC(y(x[6]!), Number(x[4]) - 1, Number(x[5]));
      const weeks = Math.round((to - from) / (7 * 86_400_000));
      if (weeks > 0 && weeks < 260) return { start: s.start + x.index, end: s.start + x.index + x[0].length, weeks };
    }
    // "Weeks in care: 4", "Visit 9 (week 4 of care plan)": the weeks of the course so far.
    const inCare = WEEKS_IN_CARE.exec(text);
    if (inCare) return { start: s.start + inCare.index, end: s.start + inCare.index + inCare[0].length, weeks: Number(inCare[1] ?? inCare[2]) };
    if (!/\b(?:tx|treatments?|visits?|sessions?|care)\b/.test(text)) continue;
    const ds = findDurations(text, ctx.nlp.noteDate ?? ctx.nlp.asOfDate).filter((x) => x.weeks !== null && x.relation === 'for' && !x.approximate);
    // "Continue 2x/wk x 3 wks (tx x 6 wks so far)": the course is the span of the visits or treatment.
    const d = ds.find((x) => x.sessions !== undefined || /\b(?:tx|treatments?|visits?|sessions?|care)\W*$/.test(text.slice(Math.max(0, x.start - 14), x.start))) ?? ds[0];
    if (d) return { start: s.start + d.start, end: s.start + d.end, weeks: d.weeks! };
  }
  return undefined;
}

/** Marks an outcome read from the note's course, not beside the modality (packet.ts lets a told one win). */
export const NOTE_OUTCOME_RULE = 'care.note_outcome';

/**
 * The outcome a therapy note tells of its course: the first sentence that names no other modality
 * and tells one (a course still under way says nothing yet).
 */
function outcomeOfNote(ctx: ExtractionContext): { label: string; id: string } | null {
  for (const [si, s] of ctx.sentences.entries()) {
    if (careBearing(ctx, si).some((m) => !isTitle(ctx, m) && !leadsTherapyNote(ctx, m))) continue;
    const told = readValue(ctx.res.values, 'care_outcome', 'after', ctx.norm.slice(s.start, s.end));
    if (told && told.label !== 'ongoing') return told;
  }
  return null;
}

/** A plan cue right after the modality ("chiropractic care should be considered"). */
function afterCue(ctx: ExtractionContext, si: number, m: Mention, clause: { start: number; end: number }): 'plan' | undefined {
  return ctx.mentionsIn(si, 'medication').some((c) => c.attrs?.cue === 'plan_after' && c.start >= m.end && c.end <= clause.end && c.start - m.end <= 50)
    ? 'plan' : undefined;
}

/** A bare span or a date range beside the modality, when the duration parser found no lead-in span. */
function bareSpan(ctx: ExtractionContext, m: Mention, clause: { start: number; end: number }): { start: number; end: number; weeks: number } | undefined {
  const text = ctx.norm.slice(clause.start, clause.end);
  const found: { start: number; end: number; weeks: number }[] = [];
  // A table row led by its modality ("Physical therapy ..... [X] Tried   06/2025-07/2025,   unhelpful"
  // with "8 weeks" wrapped under its column): every cell of the row, and of the lines the splitter
  // joined to it, is the modality's, when no other modality shares the row.
  const lineStart = lineStartAt(ctx.norm, m.start);
  const leadsRow = ROW_LEAD.test(ctx.norm.slice(lineStart, m.start)) && / {3,}/.test(text.slice(Math.max(0, m.end - clause.start)));
  BARE_SPAN.lastIndex = 0;
  for (let x = BARE_SPAN.exec(text); x; x = BARE_SPAN.exec(text)) {
    const start = clause.start + x.index, end = start + x[0].length;
    if (/\b(?:in|within|after|every|next|per|at|q)\s*$/.test(text.slice(0, x.index))) continue;
    const near = Math.min(Math.abs(start - m.end), Math.abs(m.start - end)) <= 20 || (text[x.index - 1] === '(' && text[x.index + x[0].length] === ')') ||
      (leadsRow && start > m.end && !CARE_WORD.test(ctx.norm.slice(m.end, start)));
    if (!near) continue;
    const n = NUMBER_WORDS[x[1]!] ?? Number(x[1]);
    found.push({ start, end, weeks: /^w/.test(x[2]!) ? n : n * 4 });
  }
  DATE_RANGE.lastIndex = 0;
  for (let x = DATE_RANGE.exec(text); x; x = DATE_RANGE.exec(text)) {
    const y = (v: string): number => (v.length === 2 ? 2000 + Number(v) : Number(v));
    const from = Date.UTC(y(x[3]!), Number(x[1]) - 1, Number(x[2])), to = Date.UTC(y(x[6]!), Number(x[4]) - 1, Number(x[5]));
    const weeks = Math.round((to - from) / (7 * 86400000));
    if (weeks > 0 && weeks < 104) found.push({ start: clause.start + x.index, end: clause.start + x.index + x[0].length, weeks });
  }
  // "NSAID (naproxen) 1/2026 - present", "PT since 02/03/2026": a course still going, to the note's date.
  const asOf = ctx.nlp.noteDate ?? ctx.nlp.asOfDate ?? null;
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    TO_PRESENT.lastIndex = 0;
    for (let x = TO_PRESENT.exec(text); x; x = TO_PRESENT.exec(text)) {
      const y = (v: string): number => (v.length === 2 ? 2000 + Number(v) : Number(v));
      const from = Date.UTC(y(x[3]!), Number(x[1]) - 1, x[2] ? Number(x[2]) : 1);
      const weeks = Math.floor((Date.parse(`${asOf}T00:00:00Z`) - from) / (7 * 86400000));
      if (weeks > 0 && weeks < 260) found.push({ start: clause.start + x.index, end: clause.start + x.index + x[0].length, weeks });
    }
  }
  return found.sort((p, q) => Math.abs(p.start - m.start) - Math.abs(q.start - m.start))[0];
}

/** Another modality's word between a row's modality and a span: the span is that one's. */
const CARE_WORD = /\b(?:therapy|pt|exercises?|hep|chiro\w*|nsaids?|ibuprofen|naproxen|meloxicam|medications?|acupuncture|tens|massage|injections?|brace|yoga)\b/;

/** A course from a date to now: "1/2026 - present", "02/03/26 to date", "since 1/5/2026". Groups: month, day?, year. */
const TO_PRESENT = /(?:\bsince\s+|(?<![\d/]))(\d{1,2})\/(?:(\d{1,2})\/)?(\d{4}|\d{2})(?![\d/])(?:\s*(?:-|–|to|through)\s*(?:present|now|current|ongoing|today|date)\b|(?<=since\s+\S+))/g;

/** One fact per modality and assertion (prior PT present and planned PT hypothetical are two). */
/** The drug a care draft came from ("lex.med.ibuprofen" → "ibuprofen"); classes ("NSAIDs") have none. */
function drugOf(ruleId: string): string | undefined {
  const m = /^lex\.med\.([a-z0-9_]+)/.exec(ruleId);
  return m && !/class/.test(m[1]!) && !ruleId.startsWith('lex.med.cue') ? m[1] : undefined;
}
/** A plan that adjusts the current regimen rather than adding a drug to it. */
const ADJUST = /\b(?:switch\w*|chang\w*|increas\w*|decreas\w*|another|refill\w*|renew\w*|taper\w*|wean\w*|continu\w*|resum\w*|adjust\w*|titrat\w*|convert\w*|rotat\w*|instead|in lieu|replace\w*|substitut\w*)\b/;

/**
 * Which outcome stands when accounts of one modality differ (in a note or across a packet's
 * documents): a partial benefit, the most specific account, then failure, then care still going
 * on, then help.
 */
export const OUTCOME_RANK: Readonly<Record<string, number>> = { partial: 4, failed: 3, ongoing: 2, helped: 1 };
const rankOf = (o: unknown): number => (typeof o === 'string' ? OUTCOME_RANK[o] ?? 0 : 0);

function mergeCare(ctx: ExtractionContext, drafts: FactDraft[]): FactDraft[] {
  const out: FactDraft[] = [];
  // "Conservative care" in general, without a named modality, is not a fact (docs/annotation.md §4.8).
  for (const d of drafts.filter((x) => x.experiencer !== 'other' && x.attributes.modality !== 'unspecified')) {
    const hit = out.find((o) => o.attributes.modality === d.attributes.modality && o.assertion === d.assertion);
    if (!hit) { out.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } }); continue; }
    hit.spans.push(...d.spans);
    hit.rules.push(...d.rules);
    hit.attributes.durationWeeks ??= d.attributes.durationWeeks;
    if (rankOf(d.attributes.outcome) > rankOf(hit.attributes.outcome)) hit.attributes.outcome = d.attributes.outcome;
  }
  // A drug plan beside pain drugs the patient already takes adjusts that medication ("switch to
  // methadone", "another Medrol Dosepak"): the present fact stands for it (docs/annotation.md 4.8).
  // A new drug added in the plan ("currently on ibuprofen ... will prescribe Voltaren") stays a plan.
  const fromDrug = (d: FactDraft): boolean => d.rules[0]?.startsWith('lex.med.') === true;
  const onDrugs = out.some((d) => fromDrug(d) && d.assertion === 'present');
  const current = new Set(out.filter((d) => fromDrug(d) && d.assertion === 'present').flatMap((d) => d.rules.map(drugOf)).filter((x) => x));
  const adjusts = (d: FactDraft): boolean => {
    const planned = d.rules.map(drugOf).filter((x): x is string => x !== undefined);
    // A refill written together with a new drug ("a prescription of Norco and Flexeril") adjusts the regimen too.
    if (planned.length === 0 || planned.some((x) => current.has(x))) return true;
    return d.spans.some((sp) => ADJUST.test(ctx.norm.slice(Math.max(0, sp.start - 60), sp.end + 20)));
  };
  return out.filter((d) => !(onDrugs && fromDrug(d) && d.assertion === 'hypothetical' && adjusts(d)));
}

function mergeMeds(drafts: FactDraft[]): FactDraft[] {
  const out: FactDraft[] = [];
  const rank = { present: 0, absent: 2, possible: 3, hypothetical: 1 } as const;
  for (const d of drafts) {
    const hit = out.find((o) => o.attributes.name === d.attributes.name);
    if (!hit) { out.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } }); continue; }
    if (rank[d.assertion] < rank[hit.assertion]) { hit.assertion = d.assertion; hit.historical = d.historical; }
    hit.spans.push(...d.spans);
    hit.rules.push(...d.rules);
    for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined) hit.attributes[k] = v;
  }
  return out;
}
