/**
 * exam_finding: one fact per test and result, with the side(s) it was found on
 * (docs/annotation.md §4.10). A negative test is not a negation: the fact is `present` with
 * result negative.
 *
 * A sentence is cut into units at time arrows ("positive R -> negative B/L": two findings), and
 * units into segments at commas, semicolons and contrastive words. Each segment carries its own
 * test (or continues the previous one: "SLR + R at 40 deg, - L"), its result and its sides.
 * Inside one unit a side found abnormal is not also normal ("2+ bilaterally, but decreased on the
 * right" → positive right, negative left); a comparison or "otherwise intact" documents the other
 * side as normal.
 */
import { noteExplainsFindingsByNeuropathy } from './neuropathy.ts';
import type { Mention } from '../nlp/types.ts';
import { findSides } from '../nlp/values/laterality.ts';
import { combineSides, ExtractionContext, lineStartAt, mergeByKey, type FactDraft } from './context.ts';

type Result = 'positive' | 'negative';
type Side = 'left' | 'right' | 'bilateral';
interface Finding { test: string; result: Result; sides: Side[]; inferred: boolean; otherwise?: boolean; timed?: boolean; spans: { start: number; end: number }[]; rules: string[]; section: string }
interface Seg { start: number; end: number; text: string; orig: string }

/** Sections that never hold the examination. */
const SKIP_SECTIONS = new Set(['family_history', 'medications', 'allergies', 'procedure']);
/** Procedure narration and electrodiagnostics are not the physical examination. */
const NOT_EXAM = /stimulat|needle|fluorosc|inject|latenc|conduction|insertional|spontaneous activity|h-?\s?reflex|f-?waves?|evoked|in a straight leg raising manner/;
/** Complaints, instructions and goals: a symptom, not a finding. */
const COMPLAINT = /\b(complain\w*|c\/o|states?|stated|reports?|reported|describes?|notic\w*|feels?|felt|denies|denied|admits|seek|instructed|call|goals?|will|should|would|to be)\b/;
/** Outside an exam section, motor and sensory findings need a word of the examination. */
const NEURO_EXAM_CUE = /\b(exam\w*|testing|tested|light touch|pin ?prick|vibrat\w*|dermatom\w*|strength|intact|symmetric\w*|reflex\w*)\b|\d\s?\/\s?5|out of 5/;
/** Upper extremity, cervical and cranial examination (not annotated) ... */
const UPPER = /\b(upper extremit\w*|upper limbs?|ues|ue|bue|arms?|forearms?|hands?|handgrip|fingers?|fingertips?|palms?|thumbs?|scapul\w*|interscapular|paracervical|occipit\w*|spurling\w*|tinel\w*|phalen\w*|wrists?|elbows?|shoulders?|grip|biceps|triceps|brachioradialis|ulnar|median|radial|intrinsics|inteross\w*|thenar|hypothenar|pollicis|supraspinatus|infraspinatus|rotator cuff|pronat\w*|supinat\w*|pectoral\w*|c[2-8](?:-c?[3-8]|-t1)?|cervical|thoracic|neck|trapezi\w*|deltoids?|jaw|palmomental|hoffman'?s?|facial|abdominal|anal|plantar responses?|babinski|toes are downgoing|cranial|corneal|gag|palatal|pupil\w*|jaw jerk)\b/;
/** ... unless the segment also names the lower extremity. */
const LOWER = /\b(lower extremit\w*|les?|ble|lle|rle|legs?|knees?|ankles?|feet|foot|toes?|hips?|patell\w*|achilles|quadriceps|hamstrings?|thighs?|calf|calves|ehl|extensor hallucis|dorsiflex\w*|plantar ?flex\w*|lumbar|lumbosacral|l[1-5]|s1)\b/;

const PARASPINAL_LANDMARK = /paraspin|paravertebr|paralumbar|para-lumbar|erector|lumbar musc|quadratus|(?:lumbar|lumbosacral|low(?:er)? back) (?:\w+ )?musc|\bmuscul\w*\s+(?:\w+\s+){0,2}(?:lumbar|lumbosacral|low(?:er)? back)\b|\bmuscles?\s+(?:of|along|around|surrounding|adjacent to|beside|overlying)\s+(?:the\s+)?(?:\w+\s+)?(?:lumbar|lumbosacral|low(?:er)? back)\b/;
const TENDER_CUE = /tender|ttp|palpation|flinch|winc/;
const NONTENDER = /\b(non-?tender|not tender|no (?:\w+ ){0,3}tenderness|without (?:\w+ ){0,2}tenderness)\b/;
const ROTATION_CUE = /rotat|bend|oblique|kemp|twist|quadrant|lateral flexion/;
const RELIEF = /\b(help\w*|relie\w*|improv\w*|better)\b/;
const EXT_COMPLAINT = /\b(worse|aggravated|exacerbated) (?:with|by)\b/;

/** A cluster of provocation tests named before its count, with no strength word between: "SI provocation cluster (...): ". */
const TEST_COUNT_BEFORE = /\b(?:cluster|provocation\s+(?:tests?|maneuvers?)|provocative\s+(?:tests?|maneuvers?)|laslett\W?s?(?:\s+(?:tests?|criteria|cluster))?)\b(?:(?!strength|motor|weak|power|\behl\b|myotom|\n\s*\n)[\s\S]){0,140}$/;

/** Core or trunk strength right before a grade ("Core/hip strength 4-/5 -> 4+/5"), with no myotome named after it. */
const CORE_STRENGTH = /\b(?:core|trunk|truncal|abdominals?|postural|global)(?:\s*\/\s*\w+)?\s+(?:strength|stability|endurance|control|weakness)\b(?![^.;]*\b(?:ehl|dorsiflex\w*|plantarflex\w*|quad\w*|hamstrings?|iliopsoas|tibialis|gastroc\w*|toe|ankle|knee|foot|great\s+toe)\b)[^.;]*$/;

export function extractExam(ctx: ExtractionContext): FactDraft[] {
  const found: Finding[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (SKIP_SECTIONS.has(sentence.section)) return;
    const ms = ctx.mentionsIn(si, 'exam');
    if (ms.length === 0) return;
    const text = ctx.norm.slice(sentence.start, sentence.end);
    if (NOT_EXAM.test(text)) return;
    // An upper-extremity examination paragraph ("examination of her right elbow ...").
    if (!LOWER.test(text) && UPPER.test(paragraphOf(ctx, sentence.start)) && !LOWER.test(paragraphOf(ctx, sentence.start))) return;
    const headerSide = headerSideBefore(ctx, sentence.start);
    const units = splitUnits(text, sentence.start);
    let landmarkSeen = false;
    let carry: string[] = [];
    for (const unit of units) {
      const unitMs = ms.filter((m) => m.start >= unit.start && m.start < unit.end);
      if (PARASPINAL_LANDMARK.test(unit.text)) landmarkSeen = true;
      const r = unitFindings(ctx, si, unit, unitMs, headerSide, landmarkSeen, carry);
      carry = r.lastTests;
      found.push(...r.findings.map((f) => ({ ...f, timed: units.length > 1 })));
    }
  });
  const drafts = toDrafts(found);
  // "the foot numbness and absent ankle reflexes are from the neuropathy, not a lumbar root": where the
  // note puts sensory or reflex findings down to a polyneuropathy, its findings of both sides are
  // that neuropathy's (a length-dependent pattern), not a root's.
  if (noteExplainsFindingsByNeuropathy(ctx.norm)) {
    for (const d of drafts) {
      if ((d.attributes.test === 'sensory_deficit' || d.attributes.test === 'reflex_change') && d.attributes.result === 'positive' && d.attributes.side === 'bilateral') {
        d.attributes.explainedBy = 'neuropathy';
        d.rules.push('exam.explained_by_neuropathy');
      }
    }
  }
  return drafts;
}


function paragraphOf(ctx: ExtractionContext, pos: number): string {
  const a = ctx.norm.lastIndexOf('\n\n', pos);
  const b = ctx.norm.indexOf('\n\n', pos);
  return ctx.norm.slice(a < 0 ? 0 : a, b < 0 ? ctx.norm.length : b);
}

/** Units of a sentence: a time arrow separates two examinations. */
function splitUnits(text: string, offset: number): Seg[] {
  const out: Seg[] = [];
  const re = /->|→|=>/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: offset + last, end: offset + m.index, text: text.slice(last, m.index), orig: '' });
    last = m.index + m[0].length;
  }
  out.push({ start: offset + last, end: offset + text.length, text: text.slice(last), orig: '' });
  return out.filter((u) => u.text.trim());
}

/** Segments of a unit: commas, semicolons and abbreviation-hidden periods outside parentheses,
 * contrastive words, and "and"/"with" before a result ("2+ on the right and -1 on the left"). */
function splitSegments(ctx: ExtractionContext, unit: Seg): Seg[] {
  const t = unit.text;
  const orig = ctx.text.slice(unit.start, unit.end);
  const cuts: [number, number][] = [];
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === ';') && depth === 0) cuts.push([i, i + 1]);
    else if (c === '.' && depth === 0 && /^\.\s+[A-Z]/.test(orig.slice(i, i + 4))) cuts.push([i, i + 1]);
  }
  const re = new RegExp(`\\b(?:but|while|whereas|though|however|except(?: for)?|with the exception of)\\b|\\b(?:and|with)\\b(?= (?:\\w+ly )?(?:(?:is |are |was |were )?(?:${RESULT_HEAD})\\b|[-+]?\\d))`, 'g');
  for (let m = re.exec(t); m; m = re.exec(t)) cuts.push([m.index, m.index + m[0].length]);
  cuts.sort((a, b) => a[0] - b[0]);
  const out: Seg[] = [];
  let last = 0;
  for (const [a, b] of cuts) {
    if (a < last) continue;
    out.push(seg(ctx, unit.start + last, unit.start + a));
    last = b;
  }
  out.push(seg(ctx, unit.start + last, unit.end));
  // A bare site of a list ("2+ at the biceps, triceps, patellas and ankles") continues the segment before it.
  const merged: Seg[] = [];
  for (const x of out.filter((y) => y.text.trim())) {
    const prev = merged[merged.length - 1];
    if (prev && BARE_SITE.test(x.text) && !RESULT_WORD.test(x.text) && sidesOf(x).length === 0) merged[merged.length - 1] = seg(ctx, prev.start, x.end);
    else merged.push(x);
  }
  return merged;
}
const BARE_SITE = /^\s*(?:(?:and|or) )?(?:the )?[a-z]+(?:[ -][a-z]+)?(?: (?:and|or) (?:the )?[a-z]+(?:[ -][a-z]+)?)?\s*\.?\s*$/;
const RESULT_WORD = /\b(?:absent|normal|intact|decreased|diminished|reduced|trace|negative|positive|neg|pos|weak\w*|tender\w*|no|not|painful|limited|full|brisk|symmetric\w*|equal|present)\b/;
const RESULT_HEAD = '(?:at |in )?all other|otherwise|negative|positive|neg|pos|absent|normal|intact|decreased|diminished|no|trace|(?:\\w+[ -]){0,2}weakness|(?:\\w+ ){0,2}tenderness';

function seg(ctx: ExtractionContext, start: number, end: number): Seg {
  return { start, end, text: ctx.norm.slice(start, end), orig: ctx.text.slice(start, end) };
}

/** A test at a paired site named in the plural ("ankle jerks", "at the knees", "in the feet") speaks of both sides. */
const PLURAL_SITE = /\b(knees|ankles|patellae|patellas|achilles tendons|achilles reflexes|ankle jerks|knee jerks|ankle reflexes|knee reflexes|patellar reflexes|feet|calves|great toes|big toes|halluces|both (?:legs|lower extremities|lower limbs))\b/;
/** An abnormality "in the lower extremities" is found in both legs (a normal one there stays a global statement). */
const BOTH_LIMBS = /\b(lower extremities|lower limbs|legs)\b/;
/** "weaker on the right than on the left": the side compared against is the normal one. */
const LESS_THAN = /\b(?:weaker|less|lower|reduced|diminished|decreased)\b[^,;]*?\bthan\s+(?:on\s+|at\s+|in\s+)?(?:the\s+|her\s+|his\s+)?(?:that (?:of|on) the\s+)?(left|right)\b/;
const OTHERWISE = /\b(otherwise|all other|except|remainder|elsewhere)\b/;
const COMPARE = /\b(?:compared (?:to|with)|in comparison (?:to|with)|versus|vs\.?|relative to)\s+(?:that (?:of|on)\s+)?(?:(?:the|her|his|its|their)\s+)?(?:(?:counterparts?|contralateral (?:side|limb|leg|foot))\s+(?:on|of)\s+(?:the\s+)?)?(left|right)\b/;

function unitFindings(ctx: ExtractionContext, si: number, unit: Seg, ms: Mention[], headerSide: Side | undefined, landmarkSeen: boolean, carry: string[]): { findings: Finding[]; lastTests: string[] } {
  const sentence = ctx.sentences[si]!;
  const inExam = sentence.section === 'exam';
  if (UPPER.test(unit.text) && !LOWER.test(unit.text)) return { findings: [], lastTests: [] };
  const segs = splitSegments(ctx, unit);
  // An upper-limb segment lends no side to the leg segments after it.
  // A side named only as the reference of a comparison ("weaker than the right") is not where the finding is.
  const segSides = segs.map((x) => (UPPER.test(x.text) && !LOWER.test(x.text) ? [] : sidesOf(x).filter((sd) => sd !== referenceSide(x.text, unit.text))));
  const out: Finding[] = [];
  let lastTests = carry;
  // The test of an upper-limb segment continues only into a segment that names the legs ("2/2 BUE, absent in BLE").
  let upperCarry: string[] = [];
  let lead: Result | null = null;
  let pending: { tests: string[]; seg: Seg; ms: Mention[] }[] = [];
  segs.forEach((sg, k) => {
    if (UPPER.test(sg.text) && !LOWER.test(sg.text)) {
      const named = [...new Set(ms.filter((m) => m.start >= sg.start && m.start < sg.end).map((m) => m.concept))];
      upperCarry = named.length ? named : lastTests.length ? lastTests : upperCarry;
      lastTests = [];
      return;
    }
    const own = ms.filter((m) => m.start >= sg.start && m.start < sg.end && accept(ctx, m, sg, unit, inExam, landmarkSeen));
    const tests = [...new Set(own.map((m) => m.concept))];
    const useTests = tests.length ? tests : lastTests.length ? lastTests : LOWER.test(sg.text) ? upperCarry : [];
    // The side a segment speaks of: its own, else the one the unit names before it ("The right
    // SLR is limited ..., provoking ..."), else a header line; never for "otherwise" segments.
    const priorSides = new Set(segSides.slice(0, k).flat());
    const sides: Side[] = segSides[k]!.length ? segSides[k]! : OTHERWISE.test(sg.text) ? [] :
      priorSides.size === 1 ? [...priorSides] : headerSide ? [headerSide] : [];
    let any = false;
    for (const test of useTests) {
      const r = resultOf(test, sg.text, unit.text, segSides[k]!);
      const res = r ?? (tests.length ? lead : null);
      if (!res) continue;
      any = true;
      let fs = sides;
      if ((test === 'reflex_change' || test === 'sensory_deficit' || test === 'motor_deficit') && !segSides[k]!.length) {
        if (/\b(symmetric\w*|equal|equally)\b/.test(sg.text) || PAIR.test(sg.text)) fs = ['bilateral'];
        else if (PLURAL_SITE.test(sg.text) || (res === 'positive' && BOTH_LIMBS.test(sg.text))) fs = ['bilateral'];
        // "Motor strength is otherwise 4+/5" after a one-sided weakness: both sides are weak.
        else if (res === 'positive' && OTHERWISE.test(sg.text)) fs = ['bilateral'];
      }
      const mine = own.filter((m) => m.concept === test);
      out.push({ test, result: res, sides: fs, inferred: false, spans: [...mine, { start: sg.start, end: sg.end }], rules: mine.map((m) => m.ruleId), section: sentence.section, otherwise: OTHERWISE.test(sg.text) || /^\W*(?:otherwise|elsewhere)\b/.test(unit.text) });
      compare(out, sg.text, sentence.section, unit.text);
      // A result word before the test scopes over the following list ("negative SLR, Patrick's").
      const first = mine[0];
      if (first && r) lead = leadingResult(ctx.norm.slice(sg.start, first.start)) ? r : null;
    }
    if (!any && !tests.length) {
      // "..., worse on the left than the right" / "..., over the right leg compared to the left":
      // a qualifier without a result adds its sides to the finding before it.
      const prev = out[out.length - 1];
      if (prev && segSides[k]!.length && !prev.sides.length) prev.sides = segSides[k]!;
      if (prev) compare(out, sg.text, sentence.section, unit.text);
    }
    // Tests named without a result take the result after them ("SLR and Patrick's negative").
    if (!any && tests.length) pending.push({ tests, seg: sg, ms: own });
    if (any && pending.length) {
      const last = out[out.length - 1]!;
      for (const p of pending) for (const test of p.tests) {
        out.push({ ...last, test, spans: [...p.ms, { start: p.seg.start, end: p.seg.end }], rules: p.ms.map((m) => m.ruleId), inferred: false });
      }
      pending = [];
    }
    if (tests.length) lastTests = tests;
  });
  return { findings: settleUnit(out), lastTests };
}

/** A comparison names the reference side normal ("weaker on the right compared to the left"). */
/** The reference side of a comparison in a segment, if any. */
function referenceSide(text: string, unitText: string): Side | undefined {
  const ref = COMPARE.exec(text) ?? (/\b(?:bilateral\w*|both|bilat|b\/l)\b/.test(unitText) ? null : LESS_THAN.exec(text));
  return ref ? ref[1] as Side : undefined;
}

function compare(out: Finding[], text: string, section: string, unitText: string): void {
  const f = out[out.length - 1]!;
  const refSide = referenceSide(text, unitText);
  if (!refSide || f.result !== 'positive') return;
  const rest = [...expand(f.sides)].filter((s) => s !== refSide);
  f.sides = rest.length ? rest as Side[] : f.sides;
  out.push({ test: f.test, result: 'negative', sides: [refSide], inferred: true, spans: f.spans.slice(-1), rules: [], section, otherwise: false });
}

/** Inside one unit, a side found abnormal is not normal; "otherwise intact" names the other side. */
function settleUnit(out: Finding[]): Finding[] {
  const result: Finding[] = [];
  for (const test of new Set(out.map((f) => f.test))) {
    const fs = out.filter((f) => f.test === test);
    const pos = expand(fs.filter((f) => f.result === 'positive').flatMap((f) => f.sides));
    // "Light touch intact, vibration decreased": an abnormal sub-test makes the test positive.
    const posAnywhere = fs.some((f) => f.result === 'positive' && f.sides.length === 0);
    for (const f of fs) {
      if (f.result === 'positive') { result.push(f); continue; }
      if (f.sides.length === 0) {
        // A global normal beside a one-sided abnormality documents the other side.
        if (pos.size === 1) result.push({ ...f, sides: [pos.has('left') ? 'right' : 'left'], inferred: true });
        else if (pos.size === 0 && !posAnywhere) result.push(f);
        continue;
      }
      const left = [...expand(f.sides)].filter((s) => !pos.has(s));
      if (left.length) result.push({ ...f, sides: left as Side[] });
    }
  }
  return result;
}

function expand(sides: Side[]): Set<'left' | 'right'> {
  const s = new Set<'left' | 'right'>();
  for (const x of sides) {
    if (x === 'bilateral') { s.add('left'); s.add('right'); } else s.add(x);
  }
  return s;
}

/** Test-specific guards: whether a mention is the examination test in this segment. */
function accept(ctx: ExtractionContext, m: Mention, sg: Seg, unit: Seg, inExam: boolean, landmarkSeen: boolean): boolean {
  const lit = ctx.slice(m);
  const t = unit.text;
  switch (m.concept) {
    case 'paraspinal_tenderness':
      if (!(landmarkSeen || PARASPINAL_LANDMARK.test(t))) return false;
      if (!TENDER_CUE.test(t)) return false;
      return !(/\b(cervical|neck|thoracic|trapezi\w*)\b/.test(t) && !/\blumb\w*|low back/.test(t));
    case 'straight_leg_raise':
      // An active straight-leg lift or raise exercise is a movement, not the SLR test.
      return !/^\W{0,2}(?:lifts?|lifting|exercises?)\b/.test(ctx.norm.slice(m.end, m.end + 14)) && !/\bactive\W{0,2}$/.test(ctx.norm.slice(Math.max(0, m.start - 10), m.start));
    case 'extension_rotation_pain':
      if (/kemp|oblique|extension[- /]rotation/.test(lit)) return true;
      if (!ROTATION_CUE.test(sg.text) && !ROTATION_CUE.test(t)) return false;
      if (RELIEF.test(t) || EXT_COMPLAINT.test(t)) return false;
      return true;
    case 'motor_deficit':
    case 'sensory_deficit':
      if (/\d\/5/.test(lit) && /^\s*reflex/.test(ctx.norm.slice(m.end, m.end + 12))) return false;
      // A count of signs out of five ("Waddell signs 1/5", "nonorganic signs 2 of 5") is no strength grade.
      if (/\d\s*\/\s*5|of 5/.test(lit) && /\b(?:waddell\w*|non-?organic|nonphysiologic|signs?)\W{0,12}$/.test(ctx.norm.slice(Math.max(0, m.start - 30), m.start))) return false;
      // Nor is a count of provocation tests ("SI provocation cluster (thigh thrust, distraction,
      // compression, Gaenslen, sacral thrust): 0/5", "Laslett's tests 1 of 5 positive").
      if (/\d\s*\/\s*5|of 5/.test(lit) && TEST_COUNT_BEFORE.test(ctx.norm.slice(Math.max(0, m.start - 160), m.start))) return false;
      // A muscle or movement named alone ("quadriceps tendon", "hip flexion 90 degrees") is a
      // strength test only beside a strength word or grade.
      // "normal engagement of distal musculature": muscle activation is a strength finding.
      if (m.concept === 'motor_deficit' && /musc/.test(lit) && !/\b(engag\w*|activat\w*|recruit\w*|contract\w*)\b/.test(t)) return false;
      if (m.concept === 'motor_deficit' && !/strength|motor|weak|power|muscle testing|\/5|out of 5|foot drop|deficit|musc/.test(lit) &&
        !/strength|motor|weak|power|\/\s?5|out of 5|[0-5][+-]?\/[0-5]|\bgrade\b|(?:^|\s)[+-][0-5]\b/.test(t)) return false;
      // A grade literal inside a date or fraction ("on 1/5/95") is not a grade.
      if (/\d\/5/.test(lit) && (/^[\d\/]/.test(ctx.norm.slice(m.end, m.end + 1)) || /[\d\/]$/.test(ctx.norm.slice(m.start - 1, m.start)))) return false;
      // A page count in a fax header or footer ("Page 1/5", "p. 2/5", "Pg 3/5") is no grade.
      // A page count in brackets at a fax header's end ("... 716-555-0102   [1/5]") is no grade either.
      if (/\d\/5/.test(lit) && (/\b(?:page|pg|pp?)\.?\s*$/.test(ctx.norm.slice(Math.max(0, m.start - 8), m.start)) ||
        (/\[\s*$/.test(ctx.norm.slice(Math.max(0, m.start - 2), m.start)) && /^\s*\]/.test(ctx.norm.slice(m.end, m.end + 2))) ||
        // A running header or footer's page count after the patient's identifiers ("Colleen R  DOB
        // 08/19/1964  Acct MSP-118204  1/5"): the line names no strength word.
        (/^\s*$/.test(ctx.norm.slice(m.end, (ctx.norm.indexOf('\n', m.end) + 1 || ctx.norm.length + 1) - 1)) &&
          /\b(?:dob|acct|account|mrn|claim|fax|pg|page)\b/.test(ctx.norm.slice(lineStartAt(ctx.norm, m.start), m.start)) &&
          !/strength|motor|weak|power|muscle|ehl|dorsiflex|plantar|quad|hip|ankle|knee/.test(ctx.norm.slice(lineStartAt(ctx.norm, m.start), m.start))))) return false;
      if (COMPLAINT.test(t) && !/\b(exam\w*|testing)\b/.test(t)) return false;
      // Core, trunk or abdominal strength (a therapy note's "Core/hip strength 4-/5") is conditioning, no myotome.
      if (m.concept === 'motor_deficit' && CORE_STRENGTH.test(ctx.norm.slice(Math.max(0, m.start - 45), m.end))) return false;
      // A muscle named in a reflex statement ("medial hamstring reflex 2+/4") is not a strength test.
      if (m.concept === 'motor_deficit' && /reflex|\bdtrs?\b/.test(sg.text) && !/strength|motor|weak|power|\/\s?5|out of 5/.test(sg.text)) return false;
      return inExam || NEURO_EXAM_CUE.test(t);
    case 'reflex_change':
      // "patellar tendon", "Achilles tendinitis": a bare landmark is a reflex only beside reflex grades.
      if (!/reflex|jerk|dtr/.test(lit) && !/reflex|\bdtrs?\b|jerks?|\d\+|[0-4]\/[0-4]|\btrace\b|areflex/.test(t)) return false;
      return !COMPLAINT.test(t);
    default:
      return true;
  }
}

function leadingResult(before: string): boolean {
  return /\b(no|negative|neg|positive|pos|without|non-?tender|decreased|diminished|absent)\b/.test(before);
}

const NEG_WORD = /\b(nega-?\s?tive|neg|normal|unremarkable|within normal limits|wnl|pain[- ]free|painless|non-?tender|nontender)\b|\b(?:no|without)\s+(?:\w+\s+){0,3}(?:pain|tenderness|reproduction|radicul\w*|root tension|signs?|symptoms|complaints?|features?|findings?|discomfort)\b|\b(?:do|does|did)(?: not|n't) (?:\w+ )?(?:elicit|reproduce|produce|provoke|cause|recreate)\b|(?<=[^\s-][ \t]{0,3})-(?=\s|$|[rl]\b)|(?:^|\n)[ \t]*-(?=[ \t]*(?:[rl]|rt|lt|right|left|bilat\w*|b\/l)?\b[ \t]*(?:[.,;]|$))|\(\s?-\s?\)/;
const POS_WORD = /\bfacet\w*\s+(?:features?|findings?|signs?|component|pain)\b|\b(discomfort|hurts?|posi-?\s?tive|pos|reproduc\w*|elicit\w*|provok\w*|provocable|recreat\w*|produc\w*|caus\w*|radiat\w*|concordant|painful|pain|tender\w*|ttp|exacerbat\w*|increas\w*|aggravat\w*|shooting)\b|(?<![\w+])\+(?![\w/])|(?<![\w+])\+(?=[rl]\b)|\(\s?\+\s?\)/;

function resultOf(test: string, s: string, unit: string, sides: Side[]): Result | null {
  switch (test) {
    case 'motor_deficit': return motorResult(s);
    case 'sensory_deficit': return sensoryResult(s);
    case 'reflex_change': return reflexResult(s, unit, sides);
    case 'paraspinal_tenderness':
      if (NONTENDER.test(s) || /\bno (?:\w+ ){0,3}(?:paraspinal|paraspinous|paravertebral)\b/.test(s)) return 'negative';
      // "Palpation of the paraspinals does not reproduce her pain" / "... without pain".
      if (!/\btender/.test(s) && /\b(?:do|does|did)(?: not|n't) (?:\w+ )?(?:elicit|reproduce|produce|provoke|cause|recreate)\b|\b(?:no|without) (?:\w+ ){0,2}(?:pain|discomfort)\b|\bpainless\b|\bpain[- ]free\b/.test(s)) return 'negative';
      return TENDER_CUE.test(s) ? 'positive' : null;
    case 'straight_leg_raise': return slrResult(s.replace(/straight[- ]leg[- ]rai?s\w*|straight leg/g, 'slr'));
    default: return provocativeResult(s);
  }
}

function firstOf(s: string, neg: RegExp, pos: RegExp): Result | null {
  const n = neg.exec(s), p = pos.exec(s);
  if (n && !p) return 'negative';
  if (p && !n) return 'positive';
  if (n && p) return n.index <= p.index ? 'negative' : 'positive';
  return null;
}

function provocativeResult(s: string): Result | null {
  return firstOf(s, NEG_WORD, POS_WORD);
}

/** An SLR that reproduces only back pain is negative (§4.10). */
function slrResult(s: string): Result | null {
  const r = provocativeResult(s);
  if (r !== 'positive') return r;
  if (/\b(posi-?\s?tive|pos)\b|(?<![\w+])\+(?![\w/])|(?<![\w+])\+(?=[rl]\b)|\(\s?\+\s?\)|bragard|lasegue/.test(s)) return 'positive';
  const leg = /\b(leg|thigh|calf|calves|foot|feet|buttock|radic\w*|radiat\w*|sciatic\w*|shooting|knee|toes?|dermatom\w*)\b/.test(s);
  const back = /\b(back|lbp|lumbar|axial)\b/.test(s);
  if (back && !leg) return 'negative';
  return leg || /\b(reproduc\w*|elicit\w*|provok\w*|recreat\w*)\b/.test(s) ? 'positive' : null;
}

const GRADE_LT5 = /(?<![\d.\/])[+-]?[0-4](?:\+|-|\s?plus|\s?minus)?\s?(?:\/\s?5(?![\d\/])|out of 5)|(?<![\w\/.])[0-4][+-]?\/[0-4][+-]?(?![\d\/])/;
function motorResult(s: string): Result | null {
  if (/\b(no|without)\s+(?:\w+\s+){0,3}(?:weakness|deficits?)\b|\bnot? (?:\w+ )?weak/.test(s)) return 'negative';
  if (GRADE_LT5.test(s) || /\b(?:poor|impaired|reduced|diminished|absent)\s+(?:\w+\s+)?(?:engagement|activation|recruitment|contraction)\b|\bweak\w*|\b(?:decreased|diminished|reduced) (?:\w+ )?(?:strength|power)|foot drop|give-?way|\bdecreased\b/.test(s)) return 'positive';
  if (/(?<![\d.])[+-]?[0-4](?![\d.\/%]|\s?(?:degrees|mm|cm|times|weeks|months|years|\/10))/.test(s) && /\b(on the|left|right)\b/.test(s) && /extensors?|flexors?|dorsiflex|hallucis|ehl/.test(s)) return 'positive';
  if (/\b5\s?\/\s?5\b|5 out of 5|\+5\b|\b(full|intact|normal|good|symmetric)\b/.test(s)) return 'negative';
  return null;
}

function sensoryResult(s: string): Result | null {
  // "decreased, but not complete loss of sensation": a partial loss is a deficit.
  if (/\bnot (?:a )?(?:complete|total|full|entire|dense)(?:ly)? (?:loss|absent|anesthe\w*|numb\w*)/.test(s)) return 'positive';
  if (/\b(no|without|not|absence of|denies)\s+(?:\w+\s+){0,4}(?:deficits?|loss|abnormalit\w*|numbness|changes?)\b/.test(s)) return 'negative';
  if (/\b(decreas\w*|diminish\w*|reduced|absent|altered|impaired|loss|lost|numb\w*|hypo\w*|dysesthes\w*|deficits?|decrease)\b/.test(s)) return 'positive';
  if (/\b(intact|normal|symmetric\w*|within normal limits|unremarkable|good accuracy)\b/.test(s)) return 'negative';
  return null;
}

/** A reflex graded 0 ("0 bilaterally at the knees", "reflexes are 0"), not "0 beats of clonus" or "0/10". */
const ZERO_GRADE = /(?<![\d.\/+-])0(?![\d.\/%])(?!\s*(?:beats?|clonus|degrees|mm|cm))(?<!clonus\W{1,3}0)/;
const ONE_PLUS = /(?<![\d.\/])(?:1\+|\+1|-1|1\/4|1\+\/4)(?![\d\/])/;
const TWO = /(?<![\d.\/])(?:2\+?|\+2)(?:\/4)?(?![\d\/.%])/;
/** Right/left grade pairs ("4-/4-", "1/trace", "0/0"); "2+/4" is a grade out of 4. */
const PAIR_GRADES = /(?<![\w\/.])([1-3][+-]?)\/([1-3][+-]?)(?![\w\/])/;
const PAIR = /(?<![\w\/.])(?:[0-4][+-]?|trace)\/(?:[0-3][+-]?|4[+-]|trace)(?![\w\/])/;

function reflexResult(s: string, unit: string, sides: Side[]): Result | null {
  if (/\bno (?:\w+ )?reflex changes?\b/.test(s)) return 'negative';
  // Low but the same on both sides ("Achilles trace =", "1+ and symmetric", "diminished but equal"):
  // no focal (radicular) change.
  if (!/\basymmetric/.test(s) && (/(?:\+|\btrace|\babsent|\bdiminished|\bdecreased|\breduced|\bhypoactive)\s*=(?=\s|[,;|]|$)/.test(s) || /\b(?:symmetric(?:al(?:ly)?)?|equal(?:ly)?)\b/.test(s))) return 'negative';
  if (/\bless (?:brisk|active|reactive)\b|\b(absent|trace|hypoactive|hyporeflexi\w*|areflexi\w*|diminished|decreased|decrease|reduced|depressed|asymmetric\w*|sluggish|unobtainable|nonelicitable|unelicitable)\b|(?:cannot|can ?not|could not|unable to) (?:be )?elicit|no (?:\w+ ){0,2}reflex\w* (?:can|could) be elicited|\bnot (?:\w+ )?(?:elicit\w*|obtain\w*|present|appreciated|able to be elicited)\b|\b0\s?\/\s?[04]\b/.test(s) || ZERO_GRADE.test(s)) return 'positive';
  // A symmetric right/left pair ("1+/1+ BLE") is normal.
  const pair = PAIR_GRADES.exec(s);
  if (pair && pair[1] === pair[2]) return 'negative';
  if (ONE_PLUS.test(s) && !TWO.test(s)) {
    // 1+ is abnormal only against a 2+ on the other side; symmetric or global 1+ is normal.
    const one = sides.length === 1 && sides[0] !== 'bilateral' ? sides[0] : undefined;
    if (!one) return 'negative';
    const other = one === 'left' ? 'right' : 'left';
    return TWO.test(unit) && new RegExp(`\\b${other}\\b`).test(unit) ? 'positive' : null;
  }
  if (TWO.test(s) || /\b(normal|symmetric\w*|equal|intact|physiologic|brisk|present)\b/.test(s)) return 'negative';
  return null;
}

/** Sides of a segment: side words, one-letter R/L, LLE/RLE/BLE, "symmetric" left to the caller. */
function sidesOf(sg: Seg): Side[] {
  const out = new Set<Side>(findSides(sg.text).map((x) => x.side));
  for (const m of sg.orig.matchAll(/(?<![A-Za-z0-9\/'.])(?<![A-Za-z0-9]-)([RL])(?![A-Za-z0-9'\/-])/g)) out.add(m[1] === 'R' ? 'right' : 'left');
  for (const m of sg.text.matchAll(/\b([lrb])(?:le|ue)s?\b/g)) out.add(m[1] === 'l' ? 'left' : m[1] === 'r' ? 'right' : 'bilateral');
  if (/\b(?:both|bilat)\b/.test(sg.text)) out.add('bilateral');
  return [...out];
}

/** A header line right before the sentence that names a side ("RIGHT LOWER EXTREMITY:"). */
function headerSideBefore(ctx: ExtractionContext, start: number): Side | undefined {
  const before = ctx.norm.slice(Math.max(0, start - 120), start);
  const lines = before.split('\n').map((l) => l.trim());
  // The nearest non-empty line before the sentence, in the same paragraph.
  let i = lines.length - 1;
  if (lines[i] === '') i--;
  while (i >= 0 && lines[i] !== '') {
    const m = /^(right|left|bilateral)\b[^.:]{0,30}:$/.exec(lines[i]!);
    if (m) return m[1] as Side;
    if (!lines[i]!.endsWith(':')) return undefined;
    i--;
  }
  return undefined;
}

function toDrafts(found: Finding[]): FactDraft[] {
  // A side found abnormal anywhere in the note is not also normal, except between two
  // examinations at different times ("positive R -> negative B/L").
  const posByTest = new Map<string, Set<'left' | 'right'>>();
  for (const f of found) if (f.result === 'positive') {
    const s = posByTest.get(f.test) ?? new Set();
    for (const x of expand(f.sides)) s.add(x);
    posByTest.set(f.test, s);
  }
  const kept = found.flatMap((f) => {
    // "Right EHL 4/5. Otherwise 5/5.": an "otherwise" normal in its own sentence names the other side.
    if (f.otherwise && !f.timed && f.result === 'negative' && !f.sides.length && (posByTest.get(f.test)?.size ?? 0) === 1) {
      return [{ ...f, sides: [posByTest.get(f.test)!.has('left') ? 'right' : 'left'] as Side[], inferred: true }];
    }
    // A global normal beside an abnormality of both sides documents no normal side.
    if (!f.timed && f.result === 'negative' && !f.sides.length && (posByTest.get(f.test)?.size ?? 0) === 2) return [];
    // ... and so does an abnormality found without a side ("intact to light touch. Vibration is decreased").
    if (!f.timed && f.result === 'negative' && !f.sides.length && found.some((g) => g.test === f.test && g.result === 'positive' && !g.sides.length && !g.timed)) return [];
    if (f.timed || f.result !== 'negative' || !f.sides.length) return [f];
    const pos = posByTest.get(f.test) ?? new Set();
    const sides = [...expand(f.sides)].filter((s) => !pos.has(s));
    return sides.length ? [{ ...f, sides: sides as Side[] }] : [];
  });
  const drafts: FactDraft[] = kept.map((f) => ({
    type: 'exam_finding', assertion: 'present',
    attributes: { test: f.test, result: f.result, side: combineSides(f.sides) },
    spans: f.spans.map((s) => ({ start: s.start, end: s.end })), rules: f.rules.length ? f.rules : ['exam.segment'],
    extractor: 'exam', trigger: null, section: f.section,
  }));
  // Sides with the same result merge ("SLR negative on the left and right" → bilateral).
  const merged = mergeByKey(drafts, (d) => `${d.attributes.test}|${d.attributes.result}`);
  for (const d of merged) {
    const sides = drafts.filter((o) => o.attributes.test === d.attributes.test && o.attributes.result === d.attributes.result)
      .map((o) => o.attributes.side).filter((x): x is string => typeof x === 'string');
    d.attributes.side = combineSides(sides);
  }
  return merged;
}
