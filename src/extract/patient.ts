/**
 * patient (age, sex), injury (date, mechanism), payer, criteria_set, sedation_reason.
 */
import type { Span } from '../model/doc.ts';
import { findDates } from '../nlp/values/dates.ts';

/** Words before a reason that make it a guideline's condition: "reserved for", "such as", "unless there is", "no documented". */
const RULE_CONDITION = /\b(?:reserved\s+for|limited\s+to|such\s+as|e\.g\.|unless(?:\s+there\s+is)?|in\s+cases?\s+of|indicated\s+(?:only\s+)?(?:for|in)|no\s+documented|without\s+(?:a\s+)?documented|absent\s+(?:a\s+)?documented)\b[^.;]{0,40}$/;
import { ExtractionContext, type FactDraft } from './context.ts';

/** "36-year-old man", "a 52 y/o female", "54 yo M", "Age: 61", "61 years of age"; form fields "MEMBER: Howard P., male, 67", "Pt: Eleanor S., 70 F". */
const AGE = /\b(\d{1,3})\s*(?:-|\s)?\s*(?:year|yr)s?(?:\s*|-)old\b|\b(\d{1,3})\s*(?:y\/o|yo|y\.o\.|yrs? old)(?![a-z])|\bage[:\s]+(\d{1,3})\b|\b(\d{1,3}) years of age\b|\b(?:male|female|man|woman)\s*,\s*(\d{1,3})\b(?!\s*(?:mg|%|\/))|,\s*(\d{2,3})\s*(?:m|f|male|female)\b/;
const SEX = /\b(male|female|man|woman|gentleman|lady|boy|girl)\b|\b(?:sex|gender)\s*:\s*(m|f|male|female)\b|\b\d{1,3}\s*(?:y\/o|yo|y\.o\.)\s*(m|f)\b|,\s*\d{2,3}\s*(m|f)\b/;
/**
 * Mechanism of injury (docs/annotation.md §4.14), most specific first: a motor vehicle accident; an
 * object or person striking the patient ("a stack of doors fell, hitting her on the head", "kicked
 * her in the back") before a fall; work spread over time before the lifting it involved; a slip or fall before the load
 * the patient was carrying ("slipped off the truck while loading").
 */
const MECHANISM: [RegExp, string][] = [
  [/\b(motor vehicle (?:accident|collision)|mva|mvc|car accident|car wreck|rear[- ]ended|auto accident|vehicle accident)\b/, 'motor_vehicle_accident'],
  [/\b(struck by|hit by|(?:hit(?:ting)?|struck|striking|kick(?:ed|ing)|knock(?:ed|ing)) (?:him|her|them) (?:on|in|across|to|down)|fell on (?:him|her|top of)|crush(?:ed|ing)? (?:by|under|between))\b/, 'struck_by'],
  [/\b(repetitive (?:work|motion|use|activit\w*|job|tasks?|duties)|cumulative trauma|overuse|(?:occurred|developed|came on) (?:gradually )?over (?:a (?:period of|long) time|time|months|years))\b/, 'repetitive_work'],
  [/\b(fell|fall(?:ing|s)?|slip(?:ped|ping)?|trip(?:ped)?|lost (?:his|her) (?:footing|balance)|landed on)\b/, 'fall'],
  [/\b(lift\w*|carry\w*|pick(?:ed|ing)? up|(?:un)?load(?:ed|ing)|moving (?:a |heavy )?(?:box|boxes|furniture|patient))\b/, 'lifting'],
  [/\b(twist\w*)\b/, 'twisting'],
  [/\b(push\w*|pull\w*)\b/, 'pushing_pulling'],
  [/\b(struck|crush\w*)\b/, 'struck_by'],
  [/\b(bend\w*|reach\w*|stoop\w*)\b/, 'other'],
];

/** "DOB: 04/22/1957": the date of birth, when the note states no age. */
const BIRTH = /\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born)\W{0,6}(\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2}|[a-z]{3,9}\.? \d{1,2},? \d{4})/;

/** Age in whole years at the note's date (or the packet's), from the date of birth. */
function ageFromBirth(ctx: ExtractionContext): number | undefined {
  const ref = ctx.nlp.noteDate ?? ctx.nlp.asOfDate;
  const m = BIRTH.exec(ctx.norm);
  const dob = m ? findDates(m[1]!)[0] : undefined;
  if (!ref || !dob || dob.precision !== 'day' || !/^\d{4}-\d{2}-\d{2}$/.test(ref)) return undefined;
  const [by, bm, bd] = dob.iso.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = ref.split('-').map(Number) as [number, number, number];
  const age = ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
  return age > 0 && age < 120 ? age : undefined;
}

export function extractPatientContext(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const norm = ctx.norm;
  // patient: the first age and sex statement in the document.
  const age = AGE.exec(norm);
  const sex = SEX.exec(norm);
  // Pronouns alone give the sex (docs/annotation.md §4.14) when the note states it nowhere else.
  const he = (norm.match(/\b(he|his|him|mr)\b/g) ?? []).length;
  const she = (norm.match(/\b(she|her|hers|mrs|ms)\b/g) ?? []).length;
  const hand = /\b(r|l)h([mf])\b/.exec(norm);
  const pronoun = !sex && hand ? (hand[2] === 'm' ? 'male' : 'female')
    : !sex && Math.max(he, she) >= 2 && (Math.min(he, she) === 0 || Math.max(he, she) >= 4 * Math.min(he, she)) ? (he > she ? 'male' : 'female') : undefined;
  const pronounAt = pronoun ? norm.search(pronoun === 'male' ? /\b(he|his|him|mr)\b/ : /\b(she|her|hers|mrs|ms)\b/) : -1;
  if (age || sex || pronoun) {
    const spans: Span[] = [];
    if (age) spans.push({ start: age.index, end: age.index + age[0].length });
    if (sex && !(age && sex.index >= age.index && sex.index < age.index + age[0].length)) spans.push({ start: sex.index, end: sex.index + sex[0].length });
    if (pronoun && pronounAt >= 0) spans.push({ start: pronounAt, end: pronounAt + (norm.slice(pronounAt).match(/^\w+/)?.[0].length ?? 1) });
    const s = sex ? (sex[1] ?? sex[2] ?? sex[3] ?? sex[4] ?? '').toLowerCase() : pronoun === 'female' ? 'f' : pronoun === 'male' ? 'm' : '';
    out.push({
      type: 'patient', assertion: 'present',
      attributes: {
        age: age ? Number(age[1] ?? age[2] ?? age[3] ?? age[4] ?? age[5] ?? age[6]) : ageFromBirth(ctx),
        sex: s ? (/^(f|female|woman|lady|girl)$/.test(s) ? 'female' : 'male') : undefined,
      },
      spans, rules: ['value.age', 'value.sex'], extractor: 'patient',
    });
  }
  out.push(...extractInjuries(ctx));
  // payer and criteria set: every distinct name the packet uses.
  ctx.sentences.forEach((sentence, si) => {
    for (const m of ctx.mentionsIn(si)) {
      if (m.category !== 'payer' && m.category !== 'criteria_set') continue;
      const a = ctx.assert(m, sentence, m.category);
      if (a.assertion === 'absent') continue;
      const type = m.category === 'payer' ? 'payer' : 'criteria_set';
      const id = /^l\d{5}$/.test(ctx.slice(m)) ? ctx.slice(m).toUpperCase() : /0016|cpb/.test(ctx.slice(m)) ? '0016' : undefined;
      const hit = out.find((o) => o.type === type && o.attributes.name === m.concept);
      if (hit) { hit.spans.push(m); continue; }
      out.push({
        type, assertion: 'present', attributes: { name: m.concept, id, text: ctx.text.slice(m.start, m.end) },
        spans: [m], rules: [m.ruleId], extractor: type, section: sentence.section,
      });
    }
    // sedation reason: a reason word in a sentence that talks about sedation/anesthesia.
    const reasons = ctx.mentionsIn(si, 'sedation_reason');
    // A reason stands beside the sedation it justifies: the same sentence or the next/previous one, or
    // the paragraph that argues for it ("Why sedation is needed. ... severe levodopa-induced dyskinesias
    // ... she could not keep her trunk still", a few sentences on).
    const sameParagraph = (k: number) => {
      const [a, b] = k < si ? [ctx.sentences[k]!.end, sentence.start] : [sentence.end, ctx.sentences[k]!.start];
      return !/\n[ \t]*\n|\f/.test(ctx.norm.slice(a, b));
    };
    let sedNear = false;
    for (let k = Math.max(0, si - 4); k <= Math.min(ctx.sentences.length - 1, si + 4) && !sedNear; k++) {
      sedNear = ctx.mentionsIn(k, 'sedation').length > 0 && (Math.abs(k - si) <= 1 || sameParagraph(k));
    }
    if (reasons.length && sedNear) {
      for (const r of reasons) {
        const a = ctx.assert(r, sentence, 'sedation_reason');
        // A plan section reads as hypothetical; only a negated reason ("no anxiety") is no reason.
        if (a.assertion === 'absent' || a.assertion === 'possible') continue;
        // What a guideline reserves sedation for ("should be reserved for extreme anxiety", "such as
        // needle phobia") is the rule's condition, not the patient's reason.
        if (RULE_CONDITION.test(ctx.norm.slice(Math.max(sentence.start, r.start - 60), r.start))) continue;
        if (out.some((o) => o.type === 'sedation_reason' && o.attributes.reason === r.concept)) continue;
        out.push({ type: 'sedation_reason', assertion: 'present', attributes: { reason: r.concept, ...(r.attrs?.situational === true ? { situational: true } : {}) }, spans: [r], rules: [r.ruleId], extractor: 'sedation_reason', section: sentence.section });
      }
    }
  });
  return out;
}

/** Injury cue words, "without injury" phrasing, and dates that are not injury dates. */
const INJURY_WORD = /\b(date of injury|doi|injur(?:ed|y|ies)|accident|incident|industrial|trauma|fell|slipped|tripped|mva|mvc|motor vehicle|felt (?:a |something )?pop\w*|(?:hurt|twisted|strained|pulled|wrenched|injured) (?:his|her|my) (?:low(?:er)? )?back|(?:was|were) (?:lifting|loading|unloading|pushing|pulling)|(?:began|started|onset)\b[^.;]{0,60}\b(?:when|while|after))\b/;
const NO_INJURY = /\b(without (?:any )?(?:injury|trauma|inciting event)|no (?:history of )?(?:injury|trauma|inciting|specific injury)|denie[sd] (?:any )?(?:history of )?(?:injury|trauma|fall)|not (?:related to|due to) (?:an? )?(?:injury|trauma))\b/;
const NOT_INJURY_DATE = /\b(dob|date of birth|as of|as of today|p&s|permanent|stationary|seen|visit|dated|report)\W{0,16}(?:on\W{1,3})?$/;
/** A visit or a study dated, not the injury: "seen in clinic on 11/23/94", "10/8/93 brain MRI". */
const SEEN_ON = /\b(?:seen|evaluated|examined|visited|presented)\b[^.;]{0,30}\bon\W{0,3}$/;
const STUDY_AFTER = /^\W{0,3}(?:\w+\s+)?(?:mri|ct|x-?rays?|emg|ncs|radiographs?|scan|study|visit|note)\b/;
/** An accident the note says caused nothing ("did not report any complaints of back pain following that accident"). */
const NO_CONSEQUENCE = /\b(?:did not|didn't|never|without|no)\b[^.;]{0,90}\b(?:complain\w*|require\w* (?:any )?(?:treatment|physical therapy|care)|(?:increased |any )?(?:back )?pain|symptoms|injur(?:y|ies))\b[^.;]{0,30}\b(?:following|after|from)\b/;
/** When an undated event happened: "eight years ago", "four to five days ago". */
const AGO = /\b((?:\w+(?:[- ]to[- ]\w+)?|\d+(?:\s*(?:-|to)\s*\d+)?) (?:years?|months?|weeks?|days?) ago)\b/;

/**
 * injury: the accident or work injury the note links to the complaint — one fact per event (date,
 * or "N years ago" when undated), with the mechanism told in the same or the next sentences; an
 * onset told with its mechanism ("began when he was lifting boxes", "felt a pop while lifting on
 * 06/30/04") is an injury; "without injury" → one absent fact.
 */
function extractInjuries(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  let negated: FactDraft | null = null;
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'allergies', 'medications'].includes(sentence.section)) return;
    const t = ctx.norm.slice(sentence.start, sentence.end);
    const cue = INJURY_WORD.exec(t);
    // An accident the note says caused no complaint is not annotated (docs/annotation.md §4.14).
    if (cue && NO_CONSEQUENCE.test(t.slice(cue.index))) return;
    const neg = NO_INJURY.exec(t);
    if (neg) {
      negated ??= { type: 'injury', assertion: 'absent', attributes: {}, spans: [{ start: sentence.start + neg.index, end: sentence.start + neg.index + neg[0].length }], rules: ['value.injury.none'], extractor: 'injury', section: sentence.section };
      return;
    }
    if (!cue) return;
    if (/\b(knee|shoulder|wrist|hand|finger|ankle|head|eye|elbow)\b/.test(t.slice(cue.index, cue.index + 30)) && !/back|lumbar|spine|neck/.test(t)) return;
    const dates = findDates(t).filter((d) => d.start >= cue.index - 45 && !NOT_INJURY_DATE.test(t.slice(Math.max(0, d.start - 24), d.start)) &&
      !SEEN_ON.test(t.slice(Math.max(0, d.start - 45), d.start)) && !STUDY_AFTER.test(t.slice(d.end, d.end + 25)));
    const onset = /^(?:began|started|onset|felt|was|were|hurt)/.test(cue[0]);
    const strong = onset || /date of injury|doi|work|industrial|injured|accident|incident|fell|slipped|tripped|sustained|mva|mvc|motor vehicle/.test(t);
    if (dates.length === 0 && !strong) return;
    // The mechanism may be told in the sentences after the one that dates the injury.
    const next = [1, 2].map((k) => ctx.sentences[si + k]).filter((x): x is NonNullable<typeof x> => Boolean(x));
    const window = [t, ...next.map((x) => ctx.norm.slice(x.start, x.end))].join(' ');
    const mech = MECHANISM.find(([re]) => re.test(t))?.[1] ?? MECHANISM.find(([re]) => re.test(window))?.[1];
    if (dates.length === 0 && !mech && !/date of injury|doi|work[- ]related injury|industrial injury|injured at work|work injury/.test(t)) return;
    // An onset without a mechanism of its own ("pain began after an incident") needs one nearby.
    if (onset && !mech && dates.length === 0) return;
    const ago = AGO.exec(t)?.[1];
    for (const d of dates.length ? dates : [null]) {
      const iso = d?.iso;
      const a = d ? Math.min(cue.index, d.start) : cue.index;
      const b = d ? Math.max(cue.index + cue[0].length, d.end) : cue.index + cue[0].length;
      const span = { start: sentence.start + a, end: sentence.start + b };
      const hit = out.find((o) => o.attributes.date === iso && (iso !== undefined || o.attributes.__ago === ago));
      if (hit) { hit.spans.push(span); hit.attributes.mechanism ??= mech; continue; }
      out.push({ type: 'injury', assertion: 'present', historical: true, attributes: { date: iso, mechanism: mech, __ago: iso ? undefined : ago }, spans: [span], rules: ['value.injury'], extractor: 'injury', section: sentence.section });
    }
  });
  for (const o of out) if (o.attributes.mechanism === undefined) delete o.attributes.mechanism;
  // An undated mention of a dated injury is the same event: it lends its mechanism.
  const dated = out.filter((o) => o.attributes.date);
  if (dated.length) {
    for (const o of out) if (!o.attributes.date && o.attributes.mechanism) dated[0]!.attributes.mechanism ??= o.attributes.mechanism;
    return dated.map(stripAgo);
  }
  if (out.length === 0 && negated) return [negated];
  // Undated events told apart by when they happened ("fell eight years ago", "fell again four days
  // ago"); a mention that says neither is evidence of the first of them.
  const timed = out.filter((o) => o.attributes.__ago);
  if (timed.length === 0) return out.slice(0, 1).map(stripAgo);
  for (const o of out) {
    if (o.attributes.__ago) continue;
    timed[0]!.spans.push(...o.spans);
    timed[0]!.attributes.mechanism ??= o.attributes.mechanism;
  }
  return timed.map(stripAgo);
}

function stripAgo(o: FactDraft): FactDraft {
  delete o.attributes.__ago;
  return o;
}
