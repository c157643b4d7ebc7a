/**
 * surgery: one per operation (a laminectomy with fusion → fusion), with levels and year/date;
 * a relative's surgery has experiencer other.
 */
import { findDates } from '../nlp/values/dates.ts';
import { findLevels } from '../nlp/values/levels.ts';
import { ExtractionContext, sortLevels, type FactDraft } from './context.ts';

const YEAR = /\b(?:in|of|from|circa|year)\s+((?:19[5-9]|20[0-3])\d)\b|\((?:in\s+)?((?:19[5-9]|20[0-3])\d)\)/;

export function extractSurgery(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (sentence.section === 'allergies') return;
    const ms = ctx.mentionsIn(si, 'surgery');
    const hasFusion = ms.some((m) => m.concept === 'fusion');
    for (const m of ms) {
      const a = ctx.assert(m, sentence, 'surgery');
      const clause = ctx.clause(m, sentence);
      const clauseText = ctx.norm.slice(clause.start, clause.end);
      // "laminectomy and fusion at L4-5" is one operation: the fusion.
      if (hasFusion && m.concept !== 'fusion' && m.concept !== 'spinal_cord_stimulator' &&
          ms.some((f) => f.concept === 'fusion' && Math.abs(f.start - m.start) < 80)) continue;
      // "fused" describes imaging or a level ("fused segment") — count it only with surgery words.
      if (/^fused$/.test(ctx.slice(m)) && !/surg|operat|underwent|s\/p|status post|history/.test(clauseText)) continue;
      const levels = sortLevels(findLevels(clauseText).filter((l) => l.kind !== 'medial_branch').flatMap((l) => l.levels));
      const dates = findDates(clauseText);
      const date = dates.find((d) => d.precision === 'day' || d.precision === 'month');
      const year = date ? undefined : (dates[0]?.iso ?? YEAR.exec(clauseText)?.slice(1).find(Boolean));
      const sentSurg = sentence.section === 'past_surgical_history';
      out.push({
        type: 'surgery', assertion: a.assertion,
        ...(a.experiencer === 'other' ? { experiencer: 'other' as const } : {}),
        historical: a.historical || sentSurg,
        attributes: { procedure: m.concept, levels: levels.length ? levels : undefined, date: date?.iso, year: year ? Number(String(year).slice(0, 4)) : undefined },
        spans: [m], rules: [m.ruleId, ...(a.rule ? [a.rule] : [])], extractor: 'surgery', trigger: a.trigger?.text ?? null, section: sentence.section,
      });
    }
  });
  // Same operation mentioned again (history, assessment, imaging) → one fact.
  const merged: FactDraft[] = [];
  for (const d of out) {
    const hit = merged.find((o) => o.assertion === d.assertion && o.experiencer === d.experiencer && o.attributes.procedure === d.attributes.procedure &&
      (o.attributes.year === undefined || d.attributes.year === undefined || o.attributes.year === d.attributes.year) &&
      (!o.attributes.levels || !d.attributes.levels || (o.attributes.levels as string[]).some((l) => (d.attributes.levels as string[]).includes(l))));
    if (!hit) { merged.push({ ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } }); continue; }
    hit.spans.push(...d.spans);
    hit.rules.push(...d.rules);
    for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined) hit.attributes[k] = v;
  }
  // A generic "back surgery" is the same operation as a named one.
  const named = merged.filter((d) => d.attributes.procedure !== 'back_surgery');
  return merged.filter((d) => d.attributes.procedure !== 'back_surgery' || !named.some((n) => n.assertion === d.assertion));
}
