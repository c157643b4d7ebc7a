/**
 * surgery: one per operation (a laminectomy with fusion → fusion), with levels and year/date;
 * a relative's surgery has experiencer other (docs/annotation.md §4.7).
 *
 * Two kinds of evidence: an operation the note tells ("underwent an L4-5 fusion in 2015") and an
 * operation shown only by its result (imaging: "pedicle screws at L5-S1", "laminectomy defect";
 * a diagnosis: "post-laminectomy syndrome"). A result is evidence of a told operation at the same
 * levels; it is an operation of its own only when the note tells none there.
 */
import type { Mention } from '../nlp/types.ts';
import { findDates, type DateMatch } from '../nlp/values/dates.ts';
import { findLevels } from '../nlp/values/levels.ts';
import { ExtractionContext, sortLevels, type FactDraft } from './context.ts';
import { isImagingSentence } from './imaging.ts';

const ORDER = ['C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1', 'S2'];
function vertebraeToSegments(levels: string[]): string[] {
  const idx = levels.map((l) => ORDER.indexOf(l)).filter((i) => i >= 0).sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = idx[0]!; i < idx[idx.length - 1]!; i++) out.push(`${ORDER[i]}-${ORDER[i + 1]}`);
  return out.length ? out : levels;
}

/** One operation with several parts takes the first of these (docs/annotation.md §4.7). */
const PRECEDENCE = ['fusion', 'disc_replacement', 'discectomy', 'laminectomy', 'laminotomy', 'foraminotomy', 'decompression'];

const NON_SPINE = /\b(hip|hips|knee|knees|shoulder|ankle|wrist|elbow|foot|feet|toe|hand|finger|thumb|eye|cardiac|heart|abdominal|gallbladder|bladder|breast|carpal)\b[\s\w-]{0,12}$/;
const PLAN_WORDS = /\b(candidate for|consider|considering|discuss|discussed|recommend|recommended|would benefit|option|options|plan(?:ned|s)? (?:for|to)|scheduled for|referr\w* for|evaluat\w* for)\b/;
const SURGICAL_WORDS = /\b(surg\w*|underwent|undergone|postsurgical|post-surgical|postoperative|post-operative|prior|previous|s\/p|status post|hardware|instrumentation|screws?|graft|cages?|spacer|rods?|operative|history of)\b/;

const YEAR = /\b(?:in|of|from|circa|year)\s+((?:19[5-9]|20[0-3])\d)\b|\((?:in\s+)?((?:19[5-9]|20[0-3])\d)\)/;

/** Implants seen on imaging or described as in place: the result of a fusion. */
const HARDWARE = /\b(?:pedicle screws?|(?:orthopedic|spinal|posterior|fusion|surgical) hardware|interbody (?:cages?|spacers?|devices?)|(?:intervertebral )?dis[ck] spacers?|posterior (?:rods?|plates?)|rods? and screws|screws? and rods?)\b/g;
const NO_HARDWARE = /\b(?:no|without|removal of|removed)\s+(?:\w+\s+){0,2}$/;
/** Words that make a surgery mention the description of its result ("laminectomy defect", "postsurgical change"). */
const RESULT_WORDS = /\b(defects?|changes?|postsurgical|post-surgical|postoperative|post-operative)\b/;
/** "This was done on 12/15/2005": the next sentence dates the operation just told. */
const NEXT_DATE = /^\s*(?:this|that|it|which|the (?:surgery|operation|procedure|fusion))\s+(?:was|were)\s+(?:done|performed|carried out|in|on)\b/;
/** "The area of concern was L4-L5": the next sentence gives the level of the operations just told. */
const LEVEL_NEXT = /^\s*(?:the\s+)?(?:area|level|levels|site|segment)s?(?:\s+of\s+(?:concern|surgery|involvement|the surgery))?\s+(?:was|were|is)\s+(?:at\s+)?(?:the\s+)?[lstc]\d/;
/** "in 1986 and again in 1994": the same operation done a second time. */
const AGAIN = /^[^.;]{0,6}\band again (?:in|on)\s+/;
/** "two laminectomies", "three back surgeries": how many operations. */
const COUNT = /(?<![\w/.-])(two|three|four|2|3|4)\s+(?:(?:prior|previous|lumbar|back|spine|spinal|cervical|separate)\s+)*$/;
/** Words that tell an operation as done ("s/p L5-S1 TLIF in 2019 with a solid fusion on CT"). */
const TOLD = /\b(s\/p|status post|underwent|undergone|had|has had|history of|h\/o|prior|previous)\b/;
const DX_RESULT: Record<string, string> = { 'post laminectomy syndrome': 'laminectomy', 'post cervical laminectomy syndrome': 'laminectomy', 'post lumbar fusion': 'fusion' };

function countOf(w: string): number {
  return /^(two|2)$/.test(w) ? 2 : /^(three|3)$/.test(w) ? 3 : /^(four|4)$/.test(w) ? 4 : 1;
}

interface Candidate { m: { start: number; end: number }; concept: string; ruleId: string; result: boolean; mention?: Mention }

export function extractSurgery(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (sentence.section === 'allergies') return;
    const ms = ctx.mentionsIn(si, 'surgery');
    const sentText = ctx.norm.slice(sentence.start, sentence.end);
    const imaging = isImagingSentence(ctx, si);
    // "post-laminectomy (syndrome)" names the result of an operation, not the operation.
    const cands: Candidate[] = ms.map((m) => ({ m, concept: m.concept, ruleId: m.ruleId, result: /^post(?:[\s-]|laminectomy|fusion)/.test(ctx.norm.slice(m.start, m.end)), mention: m }));
    // A surgery shown only by its result: a post-surgical diagnosis, implants in place.
    for (const d of ctx.mentionsIn(si, 'diagnosis')) {
      const concept = DX_RESULT[d.concept];
      // Only a diagnosis that names the operation ("post-laminectomy syndrome", "s/p lumbar fusion");
      // "failed back surgery syndrome" or "adjacent segment disease" does not say which one.
      if (concept && new RegExp(concept === 'fusion' ? 'fusion' : 'laminectomy').test(ctx.norm.slice(d.start, d.end)) &&
          !ms.some((m) => m.start < d.end && d.start < m.end)) cands.push({ m: d, concept, ruleId: d.ruleId, result: true });
    }
    HARDWARE.lastIndex = 0;
    for (let h = HARDWARE.exec(sentText); h; h = HARDWARE.exec(sentText)) {
      const start = sentence.start + h.index;
      if (NO_HARDWARE.test(sentText.slice(Math.max(0, h.index - 25), h.index))) continue;
      if (ms.some((m) => m.concept === 'fusion' && Math.abs(m.start - start) < 60) || cands.some((c) => c.concept === 'fusion' && c.result && Math.abs(c.m.start - start) < 60)) continue;
      cands.push({ m: { start, end: start + h[0].length }, concept: 'fusion', ruleId: 'surgery.hardware', result: true });
    }
    for (const c of cands) {
      const m = c.m;
      if (ctx.nlp.sections.some((x) => x.title && x.title.start <= m.start && x.title.end >= m.end)) continue;
      const a = ctx.assert(m, sentence, 'surgery');
      // "without evidence of compression, the decompression was complete": after a comma, a new noun
      // phrase with its article starts a clause of its own, out of the negation's reach.
      if (a.assertion === 'absent' && a.trigger && a.trigger.end <= m.start &&
          /,\s+(?:and\s+)?(?:the|this|that|his|her|their)\s+(?:[\w-]+\s+){0,2}$/.test(ctx.norm.slice(a.trigger.end, m.start))) {
        a.assertion = 'present';
        a.trigger = null;
        a.rule = null;
      }
      // A result is evidence only when it is there ("no hardware", "risk of pseudarthrosis" are not).
      if (c.result && a.assertion !== 'present') continue;
      const clause0 = ctx.clause(m, sentence);
      const clauseText0 = ctx.norm.slice(clause0.start, clause0.end);
      // Non-spine operations are not annotated ("hip arthrodesis", "foot surgery").
      if (NON_SPINE.test(ctx.norm.slice(Math.max(sentence.start, m.start - 25), m.start))) continue;
      // "to rule out whether or not she would be a candidate for a TLIF": a question, not a negation.
      if (a.assertion === 'absent' && a.trigger && /\bwhether or not\b/.test(ctx.norm.slice(Math.max(sentence.start, a.trigger.start - 12), a.trigger.end + 4))) a.assertion = 'hypothetical';
      // A procedure the note rules out ("not a candidate for spinal cord stimulation") is not a fact.
      if (/\bcandidate\b/.test(clauseText0) && a.assertion === 'absent') continue;
      // Options and plans: "we would discuss L4-5 decompression", "candidate for a TLIF" → hypothetical.
      if (a.assertion !== 'hypothetical' && PLAN_WORDS.test(clauseText0) && !(a.assertion === 'absent' && /\bnot\b|\bno\b/.test(ctx.norm.slice(Math.max(sentence.start, m.start - 20), m.start)))) a.assertion = 'hypothetical';
      // In an imaging report, "decompression"/"fusion" without surgical words describes anatomy.
      if (!c.result && imaging && (c.concept === 'decompression' || (c.concept === 'fusion' && !SURGICAL_WORDS.test(clauseText0)))) continue;
      // A generic "surgery" counts when negated, told as done, or a relative's; never as an option or plan.
      if (c.concept === 'other') {
        const past = ctx.mentionsIn(si, 'cue').some((q) => q.concept === 'past');
        if (a.assertion === 'hypothetical' || a.assertion === 'possible') continue;
        if (a.assertion === 'present' && a.experiencer !== 'other' && !(past || sentence.section === 'past_surgical_history')) continue;
        if (a.assertion === 'present' && ms.some((o) => o.concept !== 'other')) continue;
      }
      const clause = ctx.clause(m, sentence);
      const clauseText = ctx.norm.slice(clause.start, clause.end);
      const plural = (x: { start: number; end: number }) => COUNT.test(ctx.norm.slice(Math.max(sentence.start, x.start - 30), x.start));
      // "L4-5 laminectomy and discectomy" is one operation named by its main part; "two laminectomies
      // and a discectomy" are three.
      const rank = PRECEDENCE.indexOf(c.concept);
      // "microdiscectomy 2012 and fusion 2018": a date between them parts two operations.
      const between = (o: Mention) => ctx.norm.slice(Math.min(o.end, m.end), Math.max(o.start, m.start));
      if (!c.result && rank >= 0 && !plural(m) && ms.some((o) => o.start !== m.start && PRECEDENCE.indexOf(o.concept) >= 0 && PRECEDENCE.indexOf(o.concept) < rank && !plural(o) &&
          Math.abs(o.start - m.start) < 80 && !/[.;]/.test(between(o)) && findDates(between(o)).length === 0 && !/\b(?:19[5-9]|20[0-3])\d\b/.test(between(o)))) continue;
      // "fused" describes imaging or a level ("fused segment") — count it only with surgery words.
      if (/^fused$/.test(ctx.slice(m)) && !/surg|operat|underwent|s\/p|status post|history/.test(clauseText)) continue;
      // Levels said of the surgery, not of a finding beside it ("bulge at L3-4 above the prior fusion").
      // ... and not of another operation named beside it ("L4-5 microdiscectomy 2012 and L4-S1 fusion 2018").
      const prevOp = [...ms].reverse().find((o) => o.end <= m.start);
      const nextOp = ms.find((o) => o.start >= m.end);
      const sep = nextOp ? ctx.norm.slice(m.end, nextOp.start).search(/[,;]|\band\b/) : -1;
      const near = { start: Math.max(clause.start, m.start - 45, prevOp?.end ?? 0), end: Math.min(clause.end, m.end + 35, nextOp ? (sep >= 0 ? m.end + sep : nextOp.start) : Infinity) };
      const nearText = ctx.norm.slice(near.start, near.end);
      let levels = sortLevels(findLevels(nearText).filter((l) => l.kind !== 'medial_branch')
        .filter((l) => !/\b(above|below|adjacent|superior|inferior|cephalad|caudal)\b/.test(l.end + near.start <= m.start ? ctx.norm.slice(near.start + l.end, m.start) : ctx.norm.slice(m.end, near.start + l.start)))
        .flatMap((l) => l.levels));
      // The parts of one operation share its levels ("L4-L5 laminectomy and foraminotomies, and fusion").
      if (levels.length === 0 && rank >= 0) {
        const parts = ms.filter((o) => o.start < m.start && PRECEDENCE.indexOf(o.concept) > rank && m.start - o.end < 80 && !/[.;]/.test(ctx.norm.slice(o.end, m.start)));
        if (parts.length) {
          const from = Math.max(clause.start, sentence.start, parts[0]!.start - 25);
          levels = sortLevels(findLevels(ctx.norm.slice(from, parts[parts.length - 1]!.end)).filter((l) => l.kind !== 'medial_branch').flatMap((l) => l.levels));
        }
      }
      // A fusion "at L4 and L5" fuses the segment between them.
      if (c.concept === 'fusion' && levels.length >= 2 && levels.every((l) => !l.includes('-'))) levels = vertebraeToSegments(levels);
      // An imaging report's per-level paragraph ("L5-S1: ... pedicle screws ...") names the level once.
      const heading = /^\s*([lstc]\d{1,2}\s*[-/]\s*[lstc]?\d{1,2})\s*:/.exec(sentText);
      if (levels.length === 0 && c.result && heading) levels = sortLevels(findLevels(heading[1]!).flatMap((l) => l.levels));
      const next = ctx.sentences[si + 1];
      const nextText = next ? ctx.norm.slice(next.start, next.end) : '';
      if (levels.length === 0 && !c.result && LEVEL_NEXT.test(nextText)) levels = sortLevels(findLevels(nextText).flatMap((l) => l.levels));
      // An imaging study's date is not the operation's.
      const result = c.result || ((imaging || RESULT_WORDS.test(nearText)) && !TOLD.test(ctx.norm.slice(clause.start, m.start)));
      let dates: DateMatch[] = result ? [] : findDates(nearText.length > 0 ? ctx.norm.slice(near.start, Math.min(clause.end, m.end + 60)) : clauseText);
      let dateBase = nearText.length > 0 ? near.start : clause.start;
      if (!result && dates.length === 0 && NEXT_DATE.test(nextText)) { dates = findDates(nextText); dateBase = next!.start; }
      // A date written after the operation is its own ("fusion (2012) and hardware removal in 2014");
      // one before it, the nearest first, only when none follows.
      const rel = m.end - dateBase;
      dates = [...dates.filter((d) => d.start >= rel), ...dates.filter((d) => d.start < rel).reverse()];
      const date = dates.find((d) => d.precision === 'day' || d.precision === 'month');
      const bareYear = result ? undefined : /^\s*[,(]?\s*(?:in\s+)?((?:19[5-9]|20[0-3])\d)\b/.exec(ctx.norm.slice(m.end, m.end + 14))?.[1];
      const year = date ? undefined : (dates[0]?.iso ?? bareYear ?? (result ? undefined : YEAR.exec(clauseText)?.slice(1).find(Boolean)));
      const sentSurg = sentence.section === 'past_surgical_history';
      const count = countOf(COUNT.exec(ctx.norm.slice(Math.max(sentence.start, m.start - 30), m.start))?.[1] ?? '');
      const base: FactDraft = {
        type: 'surgery', assertion: a.assertion,
        ...(a.experiencer === 'other' ? { experiencer: 'other' as const } : {}),
        historical: a.historical || sentSurg,
        // A year alone is given both as `year` and as a year-precision `date` (CONTRACT.md: date or year).
        attributes: {
          procedure: c.concept, levels: levels.length ? levels : undefined,
          date: date?.iso ?? (year ? String(year).slice(0, 4) : undefined), year: year ? Number(String(year).slice(0, 4)) : undefined,
          ...(result ? { __result: true } : {}),
        },
        spans: [m], rules: [c.ruleId, ...(a.rule ? [a.rule] : [])], extractor: 'surgery', trigger: a.trigger?.text ?? null, section: sentence.section,
      };
      // One fact per operation counted ("two laminectomies") or repeated ("in 1986 and again in 1994").
      const first = dates.find((d) => d.iso === base.attributes.date || d.iso.slice(0, 4) === String(base.attributes.year ?? ''));
      const again = first ? AGAIN.exec(ctx.norm.slice(dateBase + first.end, dateBase + first.end + 40)) : null;
      const againDate = again && first ? findDates(ctx.norm.slice(dateBase + first.end, dateBase + first.end + 40))[0] : undefined;
      const n = Math.max(count, againDate ? 2 : 1);
      for (let k = 0; k < n; k++) {
        const attributes: FactDraft['attributes'] = { ...base.attributes, ...(n > 1 ? { __session: k } : {}) };
        if (k === 1 && againDate) {
          attributes.date = againDate.precision === 'year' ? againDate.iso.slice(0, 4) : againDate.iso;
          attributes.year = againDate.precision === 'year' ? Number(againDate.iso.slice(0, 4)) : undefined;
        }
        out.push({ ...base, attributes, spans: [...base.spans], rules: [...base.rules, ...(n > 1 ? ['surgery.count'] : [])] });
      }
    }
  });
  return mergeOperations(operativeNote(ctx, out));
}

/** An operative report: its heading names the diagnoses before and after the operation. */
const OPERATIVE_NOTE = /\bpre-?\s?operative\s+diagnos[ie]s\b/;
/**
 * ... or, without such a heading, its narrative tells an operation being done: the steps of an
 * operation that clinicians write in every operative note (the room, positioning, the incision,
 * the closure, the blood loss). Two different steps, one of them cutting or closing, mark the genre
 * (an injection note is also done prone, but makes no incision and closes nothing).
 */
const OPERATIVE_STEPS: { kind: string; re: RegExp }[] = [
  { kind: 'room', re: /\b(?:brought|taken|transported|wheeled|admitted)\s+(?:back\s+)?(?:in)?to\s+the\s+(?:main\s+)?(?:operating|surgical)\s+(?:room|suite|theat(?:er|re))\b|\boperating room\b/ },
  { kind: 'prone', re: /\b(?:placed|positioned|turned|rolled|flipped)\s+(?:\w+\s+){0,3}prone\b|\bprone position\b/ },
  { kind: 'incision', re: /\bincision\s+(?:was|is|were)\s+(?:then\s+)?(?:made|carried|performed|extended)\b|\b(?:made|performed)\s+an?\s+(?:\w+\s+){0,3}incision\b|\bincised\b/ },
  { kind: 'closure', re: /\bclosed\s+in\s+(?:\w+\s+){0,2}(?:layers|layered fashion|anatomic(?:al)? layers)\b|\b(?:wound|incision|fascia|skin|subcutaneous tissues?)\s+(?:was|were)\s+(?:then\s+)?(?:closed|reapproximated|approximated)\b/ },
  { kind: 'blood_loss', re: /\bestimated blood loss\b|\bebl\b/ },
];
const CUTTING = new Set(['incision', 'closure']);

/** Whether the note is an operative report, by its heading or by the steps its narrative tells. */
export function isOperativeNote(norm: string): boolean {
  if (OPERATIVE_NOTE.test(norm.slice(0, 1500))) return true;
  const kinds = OPERATIVE_STEPS.filter((s) => s.re.test(norm)).map((s) => s.kind);
  return kinds.length >= 2 && kinds.some((k) => CUTTING.has(k));
}
/** Words that tell an operation as an earlier one ("prior to closure" is a step of this one). */
const HISTORY_CUE = /\b(s\/p|status post|history of|h\/o|previous(?:ly)?|prior(?!\s+to\b)|ago|in the past|had (?:a|an)\b)/;

/**
 * An operative report performs one operation: the parts it names in its heading and technique
 * ("radical anterior discectomy C3-C4 ... foraminotomies ... decompression ... anterior cervical
 * fusion C3-C4, C4-C5") are that operation, named by its main part with all its levels
 * (docs/annotation.md §4.7). Operations told as history in the report stay their own.
 */
function operativeNote(ctx: ExtractionContext, drafts: FactDraft[]): FactDraft[] {
  if (!isOperativeNote(ctx.norm)) return drafts;
  const performed = drafts.filter((d) => {
    if (d.assertion !== 'present' || d.experiencer !== undefined || d.attributes.__result || d.attributes.__session !== undefined) return false;
    if (PRECEDENCE.indexOf(String(d.attributes.procedure)) < 0 || d.attributes.date !== undefined) return false;
    const s = ctx.sentences[ctx.sentenceIndexAt(d.spans[0]!.start)]!;
    return !HISTORY_CUE.test(ctx.norm.slice(s.start, s.end));
  });
  if (performed.length < 2) return drafts;
  const main = [...performed].sort((a, b) => PRECEDENCE.indexOf(String(a.attributes.procedure)) - PRECEDENCE.indexOf(String(b.attributes.procedure)))[0]!;
  const op: FactDraft = { ...main, spans: performed.flatMap((d) => d.spans), rules: [...new Set([...performed.flatMap((d) => d.rules), 'surgery.operative_note'])], attributes: { ...main.attributes } };
  const levels = sortLevels([...new Set(performed.flatMap((d) => (d.attributes.levels as string[] | undefined) ?? []))]);
  // Screws "in L5 and S1" of a fusion told level by level fuse the segments between them.
  const segments = levels.some((l) => l.includes('-')) ? levels.filter((l) => l.includes('-')) :
    op.attributes.procedure === 'fusion' && levels.length >= 2 ? vertebraeToSegments(levels) : [];
  op.attributes.levels = segments.length ? segments : levels.length ? levels : undefined;
  const rest = drafts.filter((d) => !performed.includes(d));
  const prior = priorOfRedo(ctx, performed, rest);
  if (prior.length) op.attributes.__session = 0;
  return [op, ...prior, ...rest.filter((d) => !d.rules.includes('surgery.redo_part'))];
}

/** "Redo L4-5 diskectomy", "re-do laminectomy": the operation was done once before. */
const REDO = /\b(?:redo|re-do|repeat)\s+(?:(?:left|right|bilateral|lumbar|[lstc]\d{1,2}(?:\s?[-/]\s?[lstc]?\d{1,2})?)\s+){0,3}$/;

/**
 * An operative report's redo operation tells an earlier one of the same kind at the same levels; a
 * part the report tells as earlier ("the area of previous laminotomy"), with no level or date of
 * its own, was a part of that earlier operation.
 */
function priorOfRedo(ctx: ExtractionContext, performed: FactDraft[], rest: FactDraft[]): FactDraft[] {
  const redo = performed.find((d) => d.spans.some((sp) => REDO.test(ctx.norm.slice(Math.max(0, sp.start - 40), sp.start))));
  if (!redo) return [];
  const rank = PRECEDENCE.indexOf(String(redo.attributes.procedure));
  // Two operations of one kind: kept apart as sessions (mergeOperations merges no two sessions).
  const prior: FactDraft = { ...redo, historical: true, spans: [...redo.spans], rules: [...redo.rules, 'surgery.redo'], attributes: { ...redo.attributes, __session: 1 } };
  for (const d of rest) {
    if (d.assertion !== 'present' || d.experiencer !== undefined || d.attributes.levels !== undefined || d.attributes.date !== undefined || d.attributes.__result) continue;
    if (PRECEDENCE.indexOf(String(d.attributes.procedure)) <= rank) continue;
    prior.spans.push(...d.spans);
    d.rules.push('surgery.redo_part');
  }
  return [prior];
}

function overlaps(a: FactDraft, b: FactDraft): boolean {
  const la = (a.attributes.levels as string[] | undefined) ?? [];
  const lb = (b.attributes.levels as string[] | undefined) ?? [];
  if (la.length === 0 || lb.length === 0) return true;
  const parts = (l: string) => l.split('-');
  return la.some((x) => lb.some((y) => x === y || parts(x).includes(y) || parts(y).includes(x)));
}

function overlapCount(a: FactDraft, b: FactDraft): number {
  const la = (a.attributes.levels as string[] | undefined) ?? [];
  const lb = (b.attributes.levels as string[] | undefined) ?? [];
  return la.filter((x) => lb.includes(x)).length;
}

function sameLevels(a: FactDraft, b: FactDraft): boolean {
  const la = (a.attributes.levels as string[] | undefined) ?? [];
  const lb = (b.attributes.levels as string[] | undefined) ?? [];
  return la.length === 0 || lb.length === 0 || (la.length === lb.length && la.every((x) => lb.includes(x)));
}

function absorb(hit: FactDraft, d: FactDraft): void {
  // Vertebrae named for an operation ("hardware at the L5 level") inside the segments a result shows.
  const hl = (hit.attributes.levels as string[] | undefined) ?? [];
  const dl = (d.attributes.levels as string[] | undefined) ?? [];
  if (hl.length && dl.some((x) => x.includes('-')) && hl.every((l) => !l.includes('-') && dl.some((x) => x.split('-').includes(l)))) hit.attributes.levels = dl;
  hit.spans.push(...d.spans);
  hit.rules.push(...d.rules);
  for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined && !k.startsWith('__')) hit.attributes[k] = v;
}

/**
 * Told operations merge when they are the same operation mentioned again (same procedure, same or
 * unstated levels and year); results then join the told operation they show (overlapping levels;
 * the same procedure first, then a fusion, then any), or each other.
 */
function mergeOperations(out: FactDraft[]): FactDraft[] {
  const merged: FactDraft[] = [];
  const sameKey = (o: FactDraft, d: FactDraft) => o.assertion === d.assertion && o.experiencer === d.experiencer;
  const sameOp = (o: FactDraft, d: FactDraft) => sameKey(o, d) && o.attributes.procedure === d.attributes.procedure && o.attributes.__session === d.attributes.__session &&
    (o.attributes.year === undefined || d.attributes.year === undefined || o.attributes.year === d.attributes.year) &&
    (o.attributes.date === undefined || d.attributes.date === undefined || String(o.attributes.date).slice(0, 4) === String(d.attributes.date).slice(0, 4));
  // First the same operation said again (same or unstated levels), so that each learns its date;
  // then parts of one operation told level by level ("discectomy at C5-6 ... at C6-7") when their
  // dates do not tell them apart.
  for (const d of out.filter((x) => !x.attributes.__result)) {
    const hit = merged.find((o) => sameOp(o, d) && sameLevels(o, d));
    if (hit) absorb(hit, d);
    else merged.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } });
  }
  for (let i = merged.length - 1; i >= 0; i--) {
    const d = merged[i]!;
    const hit = merged.find((o, j) => j < i && sameOp(o, d) && overlaps(o, d));
    if (!hit) continue;
    hit.attributes.levels = sortLevels([...new Set([...((hit.attributes.levels as string[] | undefined) ?? []), ...((d.attributes.levels as string[] | undefined) ?? [])])]);
    absorb(hit, d);
    merged.splice(i, 1);
  }
  const results = out.filter((x) => x.attributes.__result)
    .sort((a, b) => rankOf(a) - rankOf(b));
  for (const d of results) {
    const told = merged.filter((o) => sameKey(o, d) && o.attributes.procedure !== 'other' && overlaps(o, d));
    const best = (xs: FactDraft[]) => xs.sort((a, b) => overlapCount(b, d) - overlapCount(a, d))[0];
    const hit = best(told.filter((o) => o.attributes.procedure === d.attributes.procedure)) ?? best(told.filter((o) => o.attributes.procedure === 'fusion')) ?? best(told);
    if (hit) {
      // Implants or fusion seen at a told operation's levels: that operation included a fusion.
      if (d.attributes.procedure === 'fusion' && hit.attributes.procedure !== 'fusion' && hit.attributes.__result === undefined) {
        hit.attributes.procedure = 'fusion';
        const hl = (hit.attributes.levels as string[] | undefined) ?? [];
        const dl = (d.attributes.levels as string[] | undefined) ?? [];
        if (dl.length && hl.every((l) => !l.includes('-') && dl.some((x) => x.split('-').includes(l)))) hit.attributes.levels = dl;
      }
      absorb(hit, d);
    } else merged.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } });
  }
  // "History of two lumbar surgeries" beside the named operations: the generic mentions are those
  // operations; only as many as the named ones leave untold remain operations of their own.
  const isGeneric = (o: FactDraft) => o.attributes.procedure === 'other' && o.rules.includes('lex.surg.generic') && o.assertion === 'present' && o.experiencer === undefined;
  const named = merged.filter((o) => o.attributes.procedure !== 'other' && o.assertion === 'present' && o.experiencer === undefined);
  const generic = merged.filter(isGeneric);
  for (const g of generic.slice(0, named.length)) {
    named[0]!.spans.push(...g.spans);
    merged.splice(merged.indexOf(g), 1);
  }
  for (const o of merged) { delete o.attributes.__result; delete o.attributes.__session; }
  return merged;
}

function rankOf(d: FactDraft): number {
  const r = PRECEDENCE.indexOf(String(d.attributes.procedure));
  return r < 0 ? PRECEDENCE.length : r;
}
