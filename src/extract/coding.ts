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

export function extractDiagnoses(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    if (['allergies', 'medications'].includes(sentence.section)) return;
    // Imaging results are not diagnoses (docs/annotation.md §4.12).
    const imaging = isImagingSentence(ctx, si) && !['assessment'].includes(sentence.section);
    for (const m of ctx.mentionsIn(si, 'diagnosis')) {
      if (imaging && DX_TO_FINDING[m.concept]) continue;
      if (imaging && ['degenerative disc disease', 'lumbar spondylosis', 'lumbar scoliosis'].includes(m.concept) && sentence.section === 'imaging') continue;
      const a = ctx.assert(m, sentence, 'diagnosis');
      if (a.experiencer === 'other' && sentence.section !== 'family_history') continue;
      out.push({
        type: 'diagnosis', assertion: a.assertion,
        ...(a.experiencer === 'other' ? { experiencer: 'other' as const } : {}),
        historical: a.historical,
        attributes: { concept: m.concept }, spans: [m], rules: [m.ruleId, ...(a.rule ? [a.rule] : [])],
        extractor: 'diagnosis', trigger: a.trigger?.text ?? null, section: sentence.section,
      });
    }
  });
  const merged: FactDraft[] = [];
  for (const d of out) {
    const hit = merged.find((o) => o.attributes.concept === d.attributes.concept && o.assertion === d.assertion && o.experiencer === d.experiencer);
    if (hit) { hit.spans.push(...d.spans); hit.rules.push(...d.rules); } else merged.push(d);
  }
  return merged;
}
