/**
 * imaging_finding: finding (contract vocabulary), modality, levels, sizeMm. The modality is the
 * nearest study named before the finding in the same section (or sentence).
 */
import { findLevels } from '../nlp/values/levels.ts';
import { ExtractionContext, mergeByKey, sortLevels, type FactDraft } from './context.ts';

const CONTRACT_FINDINGS = new Set(['disc_bulge', 'disc_herniation', 'stenosis', 'facet_arthropathy', 'spondylolisthesis', 'synovial_cyst', 'fusion_hardware', 'normal']);
const SIZE = /(\d{1,2}(?:\.\d)?)\s*(?:-\s*)?(mm|millimeters?|cm)\b/;

export function extractImaging(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const modalities = ctx.nlp.mentions.filter((m) => m.category === 'imaging_modality');
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'allergies', 'medications'].includes(sentence.section)) return;
    for (const m of ctx.mentionsIn(si, 'imaging_finding')) {
      if (!CONTRACT_FINDINGS.has(m.concept)) continue;
      const sentText = ctx.norm.slice(sentence.start, sentence.end);
      const inImaging = sentence.section === 'imaging' || modalities.some((x) => x.start >= sentence.start && x.end <= sentence.end);
      // "normal"/"unremarkable" is an imaging finding only when said of a study.
      if (m.concept === 'normal' && !(inImaging && /\b(mri|ct|x-?rays?|radiographs?|study|scan|imaging|emg|films?)\b/.test(sentText))) continue;
      // Hardware words outside imaging context are surgery talk, not a finding.
      if (m.concept === 'fusion_hardware' && !inImaging) continue;
      const a = ctx.assert(m, sentence, 'imaging_finding');
      if (a.experiencer === 'other') continue;
      const clause = ctx.clause(m, sentence);
      const clauseText = ctx.norm.slice(clause.start, clause.end);
      const levels = sortLevels(findLevels(clauseText).filter((l) => l.kind !== 'medial_branch').flatMap((l) => l.levels));
      const size = SIZE.exec(ctx.norm.slice(Math.max(clause.start, m.start - 25), Math.min(clause.end, m.end + 15)));
      const mod = [...modalities].reverse().find((x) => x.end <= m.start && m.start - x.end < 1500);
      out.push({
        type: 'imaging_finding', assertion: a.assertion, historical: a.historical,
        attributes: {
          finding: m.concept,
          modality: mod?.concept ?? (sentence.section === 'imaging' ? 'mri' : undefined),
          levels: levels.length ? levels : undefined,
          sizeMm: size ? Number(size[1]) * (size[2] === 'cm' ? 10 : 1) : undefined,
        },
        spans: [m], rules: [m.ruleId, ...(mod ? [mod.ruleId] : []), ...(a.rule ? [a.rule] : [])],
        extractor: 'imaging', trigger: a.trigger?.text ?? null, section: sentence.section,
      });
    }
  });
  return mergeByKey(out, (d) => `${d.assertion}|${d.attributes.finding}|${d.attributes.modality ?? ''}|${((d.attributes.levels as string[]) ?? []).join(',')}`);
}
