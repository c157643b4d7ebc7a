/**
 * imaging_finding: finding (contract vocabulary), modality, levels, sizeMm. The modality is the
 * nearest study named before the finding in the same section (or sentence).
 */
import { findLevels } from '../nlp/values/levels.ts';
import { ExtractionContext, mergeByKey, sortLevels, type FactDraft } from './context.ts';

const CONTRACT_FINDINGS = new Set(['disc_bulge', 'disc_herniation', 'stenosis', 'facet_arthropathy', 'spondylolisthesis', 'synovial_cyst', 'fusion_hardware', 'normal']);
/** Diagnosis concepts that name an imaging finding when a study reports them. */
export const DX_TO_FINDING: Record<string, string> = {
  'lumbar spinal stenosis': 'stenosis', 'cervical spinal stenosis': 'stenosis', 'lumbar disc herniation': 'disc_herniation',
  'lumbar spondylolisthesis': 'spondylolisthesis', 'lumbar facet arthropathy': 'facet_arthropathy', 'cervical facet arthropathy': 'facet_arthropathy',
};

/** A sentence that reports a study (imaging section, or names a study). */
export function isImagingSentence(ctx: ExtractionContext, si: number): boolean {
  const s = ctx.sentences[si]!;
  return s.section === 'imaging' || ctx.mentionsIn(si, 'imaging_modality').length > 0;
}

const SIZE = /(\d{1,2}(?:\.\d)?)\s*(?:-\s*)?(mm|millimeters?|cm)\b/;

export function extractImaging(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const modalities = ctx.nlp.mentions.filter((m) => m.category === 'imaging_modality');
  ctx.sentences.forEach((sentence, si) => {
    if (['family_history', 'allergies', 'medications'].includes(sentence.section)) return;
    // Diagnosis words said of a study ("MRI: facet arthropathy", "no foraminal stenosis") are findings.
    const candidates = [
      ...ctx.mentionsIn(si, 'imaging_finding'),
      ...ctx.mentionsIn(si, 'diagnosis').filter((d) => DX_TO_FINDING[d.concept]).map((d) => ({ ...d, concept: DX_TO_FINDING[d.concept]! })),
    ].sort((x, y) => x.start - y.start);
    for (const m of candidates) {
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
      let levels = sortLevels(findLevels(clauseText).filter((l) => l.kind !== 'medial_branch').flatMap((l) => l.levels));
      // A slip is named by its upper vertebra: "L4 spondylolisthesis" is the L4-L5 segment.
      if (m.concept === 'spondylolisthesis') levels = sortLevels(levels.map(toSegment));
      const size = SIZE.exec(ctx.norm.slice(Math.max(clause.start, m.start - 25), Math.min(clause.end, m.end + 15)));
      // The study: named in the sentence, else the last one named in this imaging section.
      const inSentence = modalities.filter((x) => x.start >= sentence.start && x.end <= sentence.end);
      const mod = nearestBefore(inSentence, m.start) ?? inSentence[0] ??
        (sentence.section === 'imaging' ? [...modalities].reverse().find((x) => x.end <= m.start && m.start - x.end < 1500) : undefined);
      // A finding no study is named for is a diagnosis, not an imaging finding (docs/annotation.md §4.11).
      if (!mod && sentence.section !== 'imaging' && !/\b(imaging|films?|study|studies|scan|report|myelogram)\b/.test(sentText)) continue;
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
  // One fact per study, finding and assertion, with the union of that study's levels.
  const merged = mergeByKey(out, (d) => `${d.assertion}|${d.attributes.finding}|${d.attributes.modality ?? ''}`);
  for (const d of merged) {
    const all = out.filter((o) => o.assertion === d.assertion && o.attributes.finding === d.attributes.finding && o.attributes.modality === d.attributes.modality)
      .flatMap((o) => (o.attributes.levels as string[] | undefined) ?? []);
    d.attributes.levels = all.length ? sortLevels(all) : undefined;
  }
  return merged;
}

function nearestBefore<T extends { end: number }>(items: T[], pos: number): T | undefined {
  return [...items].reverse().find((x) => x.end <= pos);
}

const NEXT: Record<string, string> = { L1: 'L2', L2: 'L3', L3: 'L4', L4: 'L5', L5: 'S1', T12: 'L1', C2: 'C3', C3: 'C4', C4: 'C5', C5: 'C6', C6: 'C7', C7: 'T1' };
function toSegment(level: string): string {
  return NEXT[level] ? `${level}-${NEXT[level]}` : level;
}
