/**
 * pain_score (scale, value, context) and pain_duration (months).
 */
import { findDurations } from '../nlp/values/duration.ts';
import { findPainScores } from '../nlp/values/pain-score.ts';
import { ExtractionContext, mergeByKey, type FactDraft } from './context.ts';

const PRE = /\b(pre[- ]?procedur\w*|pre[- ]?injection|before (?:the )?(?:procedure|injection|block)|prior to (?:the )?(?:procedure|injection|block)|preprocedur\w*)\b/;
const POST = /\b(post[- ]?procedur\w*|post[- ]?injection|after (?:the )?(?:procedure|injection|block|blocks|tfesi|esi|mbb)|following (?:the )?(?:procedure|injection|block)|postprocedur\w*|went (?:down )?to|decreased to|reduced to|improved to|dropped to)\b/;
const BASELINE = /\b(baseline|average|usual(?:ly)?|typical(?:ly)?|on average|at rest|worst|best)\b/;
/** A follow-up/progress visit (its scores are `current`), told by the note's heading lines. */
const FOLLOW_UP = /\b(follow[- ]?up|f\/u|progress note|established patient|returns? (?:to clinic|for)|interval history|re-?evaluation|revisit|permanent and stationary|p&s|pr-2)\b/;
const PAIN_WORD = /\b(pain|ache|aching|hurt\w*|symptoms?|sciatica|lbp|discomfort|radiculopathy)\b/;
const ONSET = /\b(onset|began|started|start|since|for|x|over|duration|history of|ago|chronic)\b/;

export function extractPain(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const head = ctx.norm.slice(0, 600);
  const followUp = FOLLOW_UP.test(head);
  const procedureNote = ctx.nlp.sections.some((s) => s.category === 'procedure') && /procedure|operative/.test(head);
  ctx.sentences.forEach((sentence) => {
    if (['family_history', 'allergies', 'medications'].includes(sentence.section)) return;
    const t = ctx.norm.slice(sentence.start, sentence.end);
    for (const p of findPainScores(t)) {
      const before = t.slice(Math.max(0, p.start - 60), p.start);
      const around = t.slice(Math.max(0, p.start - 60), Math.min(t.length, p.end + 30));
      // Consultations and H&Ps record a baseline; follow-up visits after treatment the current pain.
      const context = POST.test(before) || sentence.section === 'post_procedure' ? 'post_procedure'
        : PRE.test(around) || (procedureNote && sentence.section !== 'hpi') ? 'pre_procedure'
        : BASELINE.test(around) || !followUp ? 'baseline' : 'current';
      out.push({
        type: 'pain_score', assertion: 'present',
        attributes: { scale: p.scale, value: p.value, max: p.max, context },
        spans: [{ start: sentence.start + p.start, end: sentence.start + p.end }], rules: ['value.pain_score'], extractor: 'pain.score', section: sentence.section,
      });
    }
    if (!PAIN_WORD.test(t)) return;
    for (const d of findDurations(t, ctx.nlp.noteDate ?? undefined)) {
      if (d.months === null || d.sessions) continue;
      // The duration must describe the pain ("back pain for 8 months", "since 2019"), not a treatment.
      const win = t.slice(Math.max(0, d.start - 70), d.end + 10);
      if (!PAIN_WORD.test(win) || !ONSET.test(win)) continue;
      const treat = ctx.mentionsIn(ctx.sentenceIndexAt(sentence.start), undefined)
        .filter((m) => ['conservative_care', 'procedure', 'medication'].includes(m.category))
        .some((m) => Math.abs(m.start - (sentence.start + d.start)) < 30);
      if (treat) continue;
      out.push({
        type: 'pain_duration', assertion: 'present',
        attributes: { months: Math.round(d.months * 10) / 10, approximate: d.approximate || undefined },
        spans: [{ start: sentence.start + d.start, end: sentence.start + d.end }], rules: ['value.duration'], extractor: 'pain.duration', section: sentence.section,
      });
    }
  });
  // pain_duration: one per note, the duration of the complaint under review (the first stated).
  const firstDuration = out.find((d) => d.type === 'pain_duration');
  const kept = out.filter((d) => d.type !== 'pain_duration' || d === firstDuration);
  return mergeByKey(kept, (d) => d.type === 'pain_score'
    ? `ps|${d.attributes.scale}|${d.attributes.value}|${d.attributes.context}`
    : `pd|${d.attributes.months}`);
}
