/**
 * conservative_care and medication.
 * CONTRACT.md: conservative_care is one per modality; pain medication counts as modality
 * `medication` (NSAIDs as `nsaid`); explicit non-use is `absent`; durationWeeks only when stated or
 * directly convertible. medication is one per drug per note (generic name), including drugs given
 * in a procedure, excluding contrast, saline and antiseptics.
 */
import type { Mention } from '../nlp/types.ts';
import { findDoses } from '../nlp/values/dose.ts';
import { findDurations } from '../nlp/values/duration.ts';
import { ExtractionContext, type FactDraft } from './context.ts';

const OUTCOME: [RegExp, string][] = [
  [/\b(fail(?:ed|ure|s)?|without (?:any )?(?:relief|benefit|improvement)|did not (?:help|improve|provide)|didn't help|no (?:relief|benefit|improvement|significant (?:relief|benefit|improvement))|not helpful|ineffective|unsuccessful|minimal (?:relief|benefit|improvement)|intoleran\w*|unable to tolerate|could not tolerate|exhausted|refractory)\b/, 'failed'],
  [/\b(partial|some (?:relief|benefit|improvement)|mild (?:relief|benefit|improvement)|temporary|temporarily|short[- ]term)\b/, 'partial'],
  [/\b(helps?|helped|helpful|improv(?:ed|ement)|benefit(?:ed)?|relief|effective|good response|responded)\b/, 'helped'],
  [/\b(currently|continues?|continuing|ongoing|is doing|is attending|still|daily|present(?:ly)?)\b/, 'ongoing'],
];

/** Drugs of procedures and the like are not conservative care. */
const NOT_CONSERVATIVE = new Set(['steroid', 'local_anesthetic', 'sedative', 'other']);

export function extractCare(ctx: ExtractionContext): FactDraft[] {
  const care: FactDraft[] = [];
  const meds: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'allergies'].includes(sentence.section)) return;
    const sentText = ctx.norm.slice(sentence.start, sentence.end);
    const durations = findDurations(sentText, ctx.nlp.noteDate ?? undefined).map((d) => ({ ...d, start: d.start + sentence.start, end: d.end + sentence.start }));
    for (const m of ctx.mentionsIn(si, 'conservative_care')) {
      if (m.concept === 'heat_ice') continue;
      care.push(careDraft(ctx, si, m, m.concept === 'conservative_care' ? 'unspecified' : m.concept, durations));
    }
    for (const m of ctx.mentionsIn(si, 'medication')) {
      const cls = String(m.attrs?.drugClass ?? 'unspecified');
      const isClass = m.attrs?.isClass === true;
      const modality = cls === 'nsaid' ? 'nsaid' : 'medication';
      if (!NOT_CONSERVATIVE.has(cls) && !['procedure'].includes(sentence.section)) {
        const d = careDraft(ctx, si, m, modality, durations);
        // A drug only considered or planned is a medication fact, not conservative care received.
        if (d.assertion !== 'hypothetical' || isClass) care.push(d);
      }
      if (isClass) continue;
      const a = ctx.assert(m, sentence, 'medication');
      if (a.experiencer === 'other') continue;
      const clause = ctx.clause(m, sentence, true);
      const after = ctx.norm.slice(m.end, Math.min(sentence.end, m.end + 60));
      const before = ctx.norm.slice(Math.max(sentence.start, m.start - 25), m.start);
      const dose = findDoses(after).find((d) => d.start < 25) ?? findDoses(before).pop();
      void clause;
      meds.push({
        type: 'medication', assertion: a.assertion, historical: a.historical,
        attributes: {
          name: String(m.attrs?.generic ?? m.concept),
          dose: dose?.dose, unit: dose?.unit, frequency: dose?.frequency, route: dose?.route,
          drugClass: cls,
        },
        spans: [m], rules: [m.ruleId, ...(a.rule ? [a.rule] : [])], extractor: 'care.medication',
        trigger: a.trigger?.text ?? null, section: sentence.section,
      });
    }
  });
  return [...mergeCare(care), ...mergeMeds(meds)];
}

function careDraft(ctx: ExtractionContext, si: number, m: Mention, modality: string, durations: { start: number; end: number; weeks: number | null; sessions?: number }[]): FactDraft {
  const sentence = ctx.sentences[si]!;
  const a = ctx.assert(m, sentence, 'conservative_care');
  const clause = ctx.clause(m, sentence);
  const clauseText = ctx.norm.slice(clause.start, clause.end);
  const dur = durations.filter((d) => d.start >= clause.start && d.end <= clause.end && d.weeks !== null)
    .sort((x, y) => Math.abs(x.start - m.start) - Math.abs(y.start - m.start))[0];
  const outcome = OUTCOME.find(([re]) => re.test(clauseText))?.[1];
  return {
    type: 'conservative_care', assertion: a.assertion === 'possible' ? 'hypothetical' : a.assertion,
    experiencer: a.experiencer, historical: a.historical,
    attributes: { modality, durationWeeks: dur?.weeks ?? undefined, outcome },
    spans: dur ? [m, { start: dur.start, end: dur.end }] : [m],
    rules: [m.ruleId, ...(a.rule ? [a.rule] : [])], extractor: 'care.conservative', trigger: a.trigger?.text ?? null, section: sentence.section,
  };
}

/** One fact per modality and assertion (prior PT present and planned PT hypothetical are two). */
function mergeCare(drafts: FactDraft[]): FactDraft[] {
  const out: FactDraft[] = [];
  // "Conservative care" in general, without a named modality, is not a fact (docs/annotation.md §4.8).
  for (const d of drafts.filter((x) => x.experiencer !== 'other' && x.attributes.modality !== 'unspecified')) {
    const hit = out.find((o) => o.attributes.modality === d.attributes.modality && o.assertion === d.assertion);
    if (!hit) { out.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } }); continue; }
    hit.spans.push(...d.spans);
    hit.rules.push(...d.rules);
    hit.attributes.durationWeeks ??= d.attributes.durationWeeks;
    if (d.attributes.outcome === 'failed' || hit.attributes.outcome === undefined) hit.attributes.outcome = d.attributes.outcome ?? hit.attributes.outcome;
  }
  return out;
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
