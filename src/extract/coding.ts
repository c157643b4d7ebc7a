/**
 * diagnosis_code, procedure_code (every code printed, as written, with the label printed beside it)
 * and diagnosis (normalized concept words).
 */
import { findCodes } from '../nlp/values/codes.ts';
import { ExtractionContext, type FactDraft } from './context.ts';
import { DX_TO_FINDING, isImagingSentence } from './imaging.ts';

/** The label after a code on its line: "M47.816 - Spondylosis without radiculopathy, lumbar region". */
const LABEL = /^\s*(?:[-–:=(]|\bx\s*\d+\b|\s)*([a-z][a-z0-9 ,/'()&.-]{2,120}?)\s*(?=$|\n|\s{3,}|\||\b[a-z]\d{2}\.|\b\d{5}\b|\)\s*$)/i;

export function extractCoding(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const text = ctx.text;
  for (const c of findCodes(ctx.norm)) {
    const lineEnd = text.indexOf('\n', c.end);
    const rest = text.slice(c.end, lineEnd < 0 ? text.length : lineEnd);
    const label = LABEL.exec(rest.replace(/^\s*(?:-?\s*(?:50|rt|lt|kx|59|xs|x\d)\b[\s,]*)+/i, ' '))?.[1]?.replace(/[\s,.;:-]+$/, '').trim();
    const description = label && /[a-z]{3}/i.test(label) && !/^(units?|x)\b/i.test(label) ? label : undefined;
    if (c.system === 'icd10' || c.system === 'icd9') {
      out.push({
        type: 'diagnosis_code', assertion: 'present',
        attributes: { code: c.code.toUpperCase(), system: c.system, description },
        spans: [{ start: c.start, end: c.end }], rules: ['value.code.' + c.system], extractor: 'coding.dx',
      });
    } else {
      out.push({
        type: 'procedure_code', assertion: 'present',
        attributes: { system: c.system, code: c.code.toUpperCase(), units: c.units ?? 1, modifiers: c.modifiers.map((m) => m.toUpperCase()), description },
        spans: [{ start: c.start, end: c.end }], rules: ['value.code.' + c.system], extractor: 'coding.px',
      });
    }
  }
  const merged: FactDraft[] = [];
  for (const d of out) {
    const hit = merged.find((o) => o.type === d.type && o.attributes.code === d.attributes.code);
    if (!hit) { merged.push(d); continue; }
    hit.spans.push(...d.spans);
    for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined) hit.attributes[k] = v;
  }
  return merged;
}

/** Diagnoses that are imaging results when a study reports them (docs/annotation.md §4.12). */
const IMAGING_CONCEPTS = new Set(['degenerative disc disease', 'lumbar spondylosis', 'cervical spondylosis', 'lumbar disc herniation', 'lumbar spinal stenosis',
  'cervical spinal stenosis', 'lumbar spondylolisthesis', 'lumbar facet arthropathy', 'cervical facet arthropathy', 'thoracic facet arthropathy', 'lumbar scoliosis', 'compression fracture', 'internal disc disruption']);
const NON_SPINE_AFTER = /^\s*(?:of|in|involving|at)\s+(?:the\s+)?(?:right\s+|left\s+|bilateral\s+|both\s+)?(hips?|knees?|shoulders?|ankles?|wrists?|elbows?|feet|foot|hands?|fingers?|toes?)\b/;
const CERVICAL = /\b(cervical|c-spine|neck|c[2-7](?:-c?\d)?)\b/;
const THORACIC = /\b(thoracic|t-spine|t\d{1,2}(?:-t?\d{1,2})?)\b/;
const REGIONAL: Record<string, { cervical?: string; thoracic?: string }> = {
  'lumbar radiculopathy': { cervical: 'cervical radiculopathy' },
  'lumbar spinal stenosis': { cervical: 'cervical spinal stenosis' },
  'lumbar facet arthropathy': { cervical: 'cervical facet arthropathy', thoracic: 'thoracic facet arthropathy' },
  'lumbar spondylosis': { cervical: 'cervical spondylosis' },
  'lumbar strain': { cervical: 'cervical strain', thoracic: 'thoracic strain' },
};
/** A study report (CT/MRI/x-ray): its findings and impression are imaging results, not diagnoses. */
const IMAGING_REPORT_HEAD = /\b(mri|ct|computed tomography|magnetic resonance|x-?rays?|radiographs?|myelogram)\b[^\n]{0,80}\n?[\s\S]{0,400}\b(findings|impression|technique)\s*:/;

/** A report whose FINDINGS describe scans ("FINDINGS: Axial scans were performed ..."). */
const IMAGING_FINDINGS = /\bfindings\s*:[\s\S]{0,300}\b(scans?|images?|imaging|tomography|mri|sagittal|axial|coronal|weighted|radiographs?|views?)\b/;

export function extractDiagnoses(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const head = ctx.norm.slice(0, 900);
  const imagingReport = (IMAGING_REPORT_HEAD.test(head) || IMAGING_FINDINGS.test(head)) && !/\b(emg|nerve conduction)\b/.test(ctx.norm.slice(0, 300));
  let prevImaging = false;
  ctx.sentences.forEach((sentence, si) => {
    const sentText = ctx.norm.slice(sentence.start, sentence.end);
    // A sentence that goes on describing the study named just before it ("MRI 01/2022: ... . Mild
    // L4-5 facet arthropathy.") reports imaging too, unless it turns to the assessment.
    const prev = ctx.sentences[si - 1];
    const continues = prevImaging && prev !== undefined && prev.section === sentence.section && !/\n\s*\n/.test(ctx.norm.slice(prev.end, sentence.start)) &&
      !/\b(assessment|impression|diagnos\w*|a:|plan)\b/.test(sentText.slice(0, 40));
    const imagingHere = isImagingSentence(ctx, si) || continues;
    prevImaging = imagingHere;
    if (['allergies', 'medications'].includes(sentence.section)) return;
    // Imaging results are not diagnoses (docs/annotation.md §4.12).
    const imaging = imagingReport || (imagingHere && !['assessment'].includes(sentence.section));
    for (const m of ctx.mentionsIn(si, 'diagnosis')) {
      if (imaging && IMAGING_CONCEPTS.has(m.concept)) continue;
      if (NON_SPINE_AFTER.test(ctx.norm.slice(m.end, m.end + 40))) continue;
      // A code's printed descriptor ("M51.36 Other intervertebral disc degeneration") is not a diagnosis of its own.
      const lineStart = ctx.norm.lastIndexOf('\n', m.start) + 1;
      if (/(?:\b[a-z]\d{2}(?:\.[0-9a-z]{1,4})?|\b\d{3}\.\d{1,2})[\s,:;-]{1,6}(?:[a-z/]+\s+){0,4}$/.test(ctx.norm.slice(Math.max(lineStart, m.start - 40), m.start))) continue;
      const a = ctx.assert(m, sentence, 'diagnosis');
      if (a.assertion === 'hypothetical') continue;
      if (a.experiencer === 'other' && sentence.section !== 'family_history') continue;
      const around = ctx.norm.slice(Math.max(sentence.start, m.start - 30), Math.min(sentence.end, m.end + 20));
      const reg = REGIONAL[m.concept];
      const concept = reg?.cervical && CERVICAL.test(around) ? reg.cervical : reg?.thoracic && THORACIC.test(around) && !/lumbar|l\d/.test(around) ? reg.thoracic : m.concept;
      out.push({
        type: 'diagnosis', assertion: a.assertion,
        ...(a.experiencer === 'other' ? { experiencer: 'other' as const } : {}),
        historical: a.historical,
        attributes: { concept }, spans: [m], rules: [m.ruleId, ...(a.rule ? [a.rule] : [])],
        extractor: 'diagnosis', trigger: a.trigger?.text ?? null, section: sentence.section,
      });
    }
  });
  const merged: FactDraft[] = [];
  for (const d of out) {
    const hit = merged.find((o) => o.attributes.concept === d.attributes.concept && o.assertion === d.assertion && o.experiencer === d.experiencer);
    if (hit) { hit.spans.push(...d.spans); hit.rules.push(...d.rules); } else merged.push(d);
  }
  // One concept stated present and elsewhere negated ("no evidence of active radiculopathy") keeps the present fact.
  return merged.filter((d) => d.assertion === 'present' || !merged.some((o) => o !== d && o.assertion === 'present' && o.attributes.concept === d.attributes.concept && d.section === o.section));
}
