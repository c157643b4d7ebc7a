/**
 * exam_finding: one fact per test and result, with the side(s) it was found on.
 * CONTRACT.md: "SLR positive on the right, negative on the left" → two facts; "SLR negative
 * bilaterally" → one; "strength 5/5" → motor_deficit negative. A negative test is not a negation:
 * the fact is `present` with result negative.
 */
import type { Mention } from '../nlp/types.ts';
import { findSides } from '../nlp/values/laterality.ts';
import { combineSides, ExtractionContext, mergeByKey, type FactDraft } from './context.ts';

const POSITIVE = /\b(positive|pos|reproduc\w*|elicit\w*|provok\w*|recreat\w*|caus(?:es|ed|ing) (?:\w+ )?pain|pain(?:ful)? (?:with|on)|painful|tender(?:ness)?|present|exacerbat\w*|increas\w* (?:\w+ )?pain|aggravat\w*|worse|decreased|diminished|reduced|absent|weak(?:ness)?|hypo\w*|depressed|trace|\d(?:\+|-)?\/5)(?![a-z])|\+(?=\s|$|,|;|\.)/g;
const NEGATIVE = /\b(negative|neg|no pain|without pain|painless|pain[- ]free|non[- ]?tender|nontender|no tenderness|intact|normal|symmetric(?:al)?|unremarkable|full|no (?:radicular|reproduction|weakness|deficit|focal)|5\/5|2\+)(?![a-z])|(?<![a-z0-9])-(?=\s|$|,|;|\.)/g;

/** Words that place a sentence outside an exam section in the examination. */
const EXAM_CONTEXT = /\b(exam\w*|palpation|revealed|reveals|demonstrat\w*|test(?:ing)?|maneuvers?|positive|negative|neg|pos|slr|straight leg|strength|reflex\w*|dtrs?|sensation|sensory|kemp|facet loading|\d\/5|\d\+)\b/;

/** Generic tenderness counts as paraspinal only with a lumbar landmark in the clause. */
const LUMBAR_LANDMARK = /paraspin|paravertebr|lumbar|low back|lower back|facet|lumbosacral|l[1-5]|spinous/;
/** "extension" alone is the provocative test only when pain is tied to it. */
const EXT_PAIN = /pain|painful|aggravat|worse|increas|reproduc|provok|concordant|limited/;

export function extractExam(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'imaging', 'medications', 'allergies'].includes(sentence.section)) return;
    // Exam findings come from the examination, not from complaints ("worse with extension").
    if (sentence.section !== 'exam' && !EXAM_CONTEXT.test(ctx.norm.slice(sentence.start, sentence.end))) return;
    const ms = ctx.mentionsIn(si, 'exam');
    ms.forEach((m, k) => {
      const nextStart = ms[k + 1]?.start ?? sentence.end;
      const prevEnd = ms[k - 1]?.end ?? sentence.start;
      out.push(...examDrafts(ctx, si, m, prevEnd, nextStart));
    });
  });
  // Sides with the same result merge ("SLR negative on the left and right" → bilateral).
  const merged = mergeByKey(out.map((d) => ({ ...d, attributes: { ...d.attributes, sides: d.attributes.side ? [String(d.attributes.side)] : [] } })),
    (d) => `${d.attributes.test}|${d.attributes.result}`);
  for (const d of merged) {
    const sides = out.filter((o) => o.attributes.test === d.attributes.test && o.attributes.result === d.attributes.result)
      .map((o) => o.attributes.side).filter((x): x is string => typeof x === 'string');
    d.attributes.side = combineSides(sides);
    delete d.attributes.sides;
  }
  return merged;
}

function examDrafts(ctx: ExtractionContext, si: number, m: Mention, prevEnd: number, nextStart: number): FactDraft[] {
  const sentence = ctx.sentences[si]!;
  const clause = ctx.clause(m, sentence);
  const lit = ctx.slice(m);
  const test = m.concept;
  // The scope of the result words: from the clause start to the next test mention.
  const scope = { start: Math.max(clause.start, prevEnd, m.start - 40), end: Math.min(clause.end, Math.max(nextStart, m.end)) };
  const text = ctx.norm.slice(scope.start, scope.end);
  if (test === 'paraspinal_tenderness' && /^(tenderness|tender to palpation|ttp)$/.test(lit) && !LUMBAR_LANDMARK.test(text)) return [];
  if (test === 'extension_rotation_pain' && /^(extension|lumbar extension)$/.test(lit) && !EXT_PAIN.test(text)) return [];
  const a = ctx.assert(m, sentence, 'exam_finding');
  if (a.experiencer === 'other' || a.assertion === 'hypothetical') return [];
  // Segments "positive on the right, negative on the left" each carry a result and a side.
  // Result words before the test count only inside its own segment ("negative SLR"), not a
  // previous test's ("facet loading positive, pain with extension").
  const segs = splitSegments(text).filter((sg) => scope.start + sg.end > m.start);
  const results: { result: 'positive' | 'negative'; side?: string; span: { start: number; end: number } }[] = [];
  for (const sg of segs) {
    const r = resultOf(test, sg.text, lit);
    if (!r) continue;
    const side = combineSides(findSides(sg.text).map((s) => s.side));
    results.push({ result: r, side, span: { start: scope.start + sg.start, end: scope.start + sg.end } });
  }
  let list = results;
  if (list.length === 0) {
    // A finding named by its deficit ("weakness", "decreased sensation", "tenderness") is positive;
    // negated ("no weakness") it is a negative result.
    const implied = impliedPositive(test, lit);
    if (!implied && a.assertion !== 'absent') return [];
    list = [{ result: a.assertion === 'absent' ? 'negative' : 'positive', side: combineSides(findSides(text).map((s) => s.side)), span: m }];
  } else if (a.assertion === 'absent') {
    list = list.map((r) => ({ ...r, result: 'negative' as const }));
  }
  // One side word for the whole clause applies to every segment that has none.
  const sentSide = combineSides(segs.flatMap((sg) => findSides(sg.text).map((s) => s.side)));
  if (list.length === 1 && !list[0]!.side) list[0]!.side = sentSide;
  return list.map((r) => ({
    type: 'exam_finding' as const, assertion: 'present' as const,
    attributes: { test, result: r.result, side: r.side },
    spans: r.span === m ? [m] : [m, r.span], rules: [m.ruleId, ...(a.rule ? [a.rule] : [])],
    extractor: 'exam', trigger: a.trigger?.text ?? null, section: sentence.section,
  }));
}

function splitSegments(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /[,;]|\bbut\b|\bwhile\b|\band\b(?= (?:negative|positive|neg|pos)\b)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: last, end: m.index, text: text.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  out.push({ start: last, end: text.length, text: text.slice(last) });
  return out.filter((s) => s.text.trim().length > 0);
}

function resultOf(test: string, seg: string, lit: string): 'positive' | 'negative' | null {
  NEGATIVE.lastIndex = 0; POSITIVE.lastIndex = 0;
  const neg = NEGATIVE.exec(seg);
  const pos = POSITIVE.exec(seg);
  if (test === 'motor_deficit') {
    if (/\b5\/5\b|full strength|strength (?:is )?(?:intact|normal|full)|no (?:focal )?(?:motor )?(?:weakness|deficit)|motor (?:is |exam (?:is )?)?(?:intact|normal)/.test(seg)) return 'negative';
    if (/\b[0-4](?:\+|-)?\/5\b|weak|decreased strength|diminished strength|foot drop/.test(seg)) return 'positive';
  }
  if (test === 'reflex_change') {
    if (/\b(absent|diminished|decreased|reduced|hypoactive|trace|0\/4|1\+|1\/4|asymmetric)\b/.test(seg)) return 'positive';
    if (/\b(2\+|normal|symmetric|intact|equal|physiologic)\b/.test(seg)) return 'negative';
  }
  if (test === 'sensory_deficit') {
    if (/\b(decreased|diminished|reduced|absent|altered|impaired|loss|numb\w*|hypo\w*)\b/.test(seg)) return 'positive';
    if (/\b(intact|normal|grossly intact|symmetric)\b/.test(seg)) return 'negative';
  }
  if (!neg && !pos) return null;
  if (neg && !pos) return 'negative';
  if (pos && !neg) {
    // The test's own name ("tenderness", "weakness") is not a result word by itself.
    if (pos[0] === lit || lit.includes(pos[0])) return null;
    return 'positive';
  }
  return neg!.index <= pos!.index ? 'negative' : 'positive';
}

function impliedPositive(test: string, lit: string): boolean {
  if (test === 'paraspinal_tenderness') return true;
  if (test === 'motor_deficit') return /weak|deficit|foot drop|[0-4][+-]?\/5/.test(lit);
  if (test === 'sensory_deficit') return /decreased|diminished|reduced|deficit|loss|hypo/.test(lit);
  if (test === 'reflex_change') return /hypo|areflex/.test(lit);
  if (test === 'extension_rotation_pain') return /pain|worse|aggravat|increas/.test(lit);
  return false;
}
