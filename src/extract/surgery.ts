/**
 * surgery: one per operation (a laminectomy with fusion → fusion), with levels and year/date;
 * a relative's surgery has experiencer other.
 */
import { findDates } from '../nlp/values/dates.ts';
import { findLevels } from '../nlp/values/levels.ts';
import { ExtractionContext, sortLevels, type FactDraft } from './context.ts';

/** One operation with several parts takes the first of these (docs/annotation.md §4.7). */
const PRECEDENCE = ['fusion', 'disc_replacement', 'discectomy', 'laminectomy', 'laminotomy', 'foraminotomy', 'decompression'];

const YEAR = /\b(?:in|of|from|circa|year)\s+((?:19[5-9]|20[0-3])\d)\b|\((?:in\s+)?((?:19[5-9]|20[0-3])\d)\)/;

export function extractSurgery(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (sentence.section === 'allergies') return;
    const ms = ctx.mentionsIn(si, 'surgery');
    for (const m of ms) {
      if (ctx.nlp.sections.some((x) => x.title && x.title.start <= m.start && x.title.end >= m.end)) continue;
      const a = ctx.assert(m, sentence, 'surgery');
      // A generic "surgery" counts when negated or told as done, never as an option or plan.
      if (m.concept === 'other') {
        const past = ctx.mentionsIn(si, 'cue').some((c) => c.concept === 'past');
        if (a.assertion === 'hypothetical' || a.assertion === 'possible') continue;
        if (a.assertion === 'present' && !(past || sentence.section === 'past_surgical_history') ) continue;
        if (a.assertion === 'present' && ms.some((o) => o.concept !== 'other')) continue;
      }
      const clause = ctx.clause(m, sentence);
      const clauseText = ctx.norm.slice(clause.start, clause.end);
      // "L4-5 laminectomy and discectomy" is one operation named by its main part.
      const rank = PRECEDENCE.indexOf(m.concept);
      if (rank >= 0 && ms.some((o) => o !== m && PRECEDENCE.indexOf(o.concept) >= 0 && PRECEDENCE.indexOf(o.concept) < rank &&
          Math.abs(o.start - m.start) < 80 && !/[.;]/.test(ctx.norm.slice(Math.min(o.end, m.end), Math.max(o.start, m.start))))) continue;
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
  return merged;
}
