/**
 * surgery: one per operation (a laminectomy with fusion → fusion), with levels and year/date;
 * a relative's surgery has experiencer other.
 */
import { findDates } from '../nlp/values/dates.ts';
import { findLevels } from '../nlp/values/levels.ts';
import { ExtractionContext, sortLevels, type FactDraft } from './context.ts';
import { isImagingSentence } from './imaging.ts';

const ORDER = ['T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1', 'S2'];
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
const SURGICAL_WORDS = /\b(surg\w*|postsurgical|post-surgical|postoperative|post-operative|prior|previous|s\/p|status post|hardware|instrumentation|screws?|graft|cages?|spacer|rods?|operative|history of)\b/;

const YEAR = /\b(?:in|of|from|circa|year)\s+((?:19[5-9]|20[0-3])\d)\b|\((?:in\s+)?((?:19[5-9]|20[0-3])\d)\)/;

export function extractSurgery(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (sentence.section === 'allergies') return;
    const ms = ctx.mentionsIn(si, 'surgery');
    for (const m of ms) {
      if (ctx.nlp.sections.some((x) => x.title && x.title.start <= m.start && x.title.end >= m.end)) continue;
      const a = ctx.assert(m, sentence, 'surgery');
      const clauseText0 = ctx.norm.slice(ctx.clause(m, sentence).start, ctx.clause(m, sentence).end);
      // Non-spine operations are not annotated ("hip arthrodesis", "foot surgery").
      if (NON_SPINE.test(ctx.norm.slice(Math.max(sentence.start, m.start - 25), m.start))) continue;
      // A procedure the note rules out ("not a candidate for spinal cord stimulation") is not a fact.
      if (/\bcandidate\b/.test(clauseText0) && a.assertion === 'absent') continue;
      // Options and plans: "we would discuss L4-5 decompression", "candidate for a TLIF" → hypothetical.
      if (a.assertion !== 'hypothetical' && PLAN_WORDS.test(clauseText0) && !(a.assertion === 'absent' && /\bnot\b|\bno\b/.test(ctx.norm.slice(Math.max(sentence.start, m.start - 20), m.start)))) a.assertion = 'hypothetical';
      // In an imaging report, "decompression"/"fusion" without surgical words describes anatomy.
      if (isImagingSentence(ctx, si) && (m.concept === 'decompression' || (m.concept === 'fusion' && !SURGICAL_WORDS.test(clauseText0)))) continue;
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
      // Levels said of the surgery, not of a finding beside it ("bulge at L3-4 above the prior fusion").
      const near = { start: Math.max(clause.start, m.start - 45), end: Math.min(clause.end, m.end + 35) };
      const nearText = ctx.norm.slice(near.start, near.end);
      let levels = sortLevels(findLevels(nearText).filter((l) => l.kind !== 'medial_branch')
        .filter((l) => !/\b(above|below|adjacent|superior|inferior|cephalad|caudal)\b/.test(l.end + near.start <= m.start ? ctx.norm.slice(near.start + l.end, m.start) : ctx.norm.slice(m.end, near.start + l.start)))
        .flatMap((l) => l.levels));
      // A fusion "at L4 and L5" fuses the segment between them.
      if (m.concept === 'fusion' && levels.length >= 2 && levels.every((l) => !l.includes('-'))) levels = vertebraeToSegments(levels);
      const dates = findDates(nearText.length > 0 ? ctx.norm.slice(near.start, Math.min(clause.end, m.end + 60)) : clauseText);
      const date = dates.find((d) => d.precision === 'day' || d.precision === 'month');
      const bareYear = /^\s*[,(]?\s*(?:in\s+)?((?:19[5-9]|20[0-3])\d)\b/.exec(ctx.norm.slice(m.end, m.end + 14))?.[1];
      const year = date ? undefined : (dates[0]?.iso ?? bareYear ?? YEAR.exec(clauseText)?.slice(1).find(Boolean));
      const sentSurg = sentence.section === 'past_surgical_history';
      out.push({
        type: 'surgery', assertion: a.assertion,
        ...(a.experiencer === 'other' ? { experiencer: 'other' as const } : {}),
        historical: a.historical || sentSurg,
        // A year alone is given both as `year` and as a year-precision `date` (CONTRACT.md: date or year).
        attributes: { procedure: m.concept, levels: levels.length ? levels : undefined, date: date?.iso ?? (year ? String(year).slice(0, 4) : undefined), year: year ? Number(String(year).slice(0, 4)) : undefined },
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
