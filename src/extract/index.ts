/**
 * Extraction: NlpDoc → contract facts. Each extractor is a pure function of the shared
 * ExtractionContext; the request's sedation and guidance are attached after procedures are known.
 */
import type { NlpDoc } from '../nlp/types.ts';
import type { Resources } from '../resources.ts';
import type { Fact } from '../schema/review.ts';
import { extractCare } from './care.ts';
import { extractCoding, extractDiagnoses } from './coding.ts';
import { ExtractionContext, finalizeFacts, type FactDraft } from './context.ts';
import { extractExam } from './exam.ts';
import { extractImaging } from './imaging.ts';
import { extractPain } from './pain.ts';
import { extractPatientContext } from './patient.ts';
import { extractProcedures } from './procedures.ts';
import { extractSurgery } from './surgery.ts';
import { extractSymptoms } from './symptoms.ts';

export function extractFacts(nlp: NlpDoc, res: Resources): Fact[] {
  const ctx = new ExtractionContext(nlp, res);
  const procedures = extractProcedures(ctx);
  attachRequestDetails(ctx, procedures);
  const drafts: FactDraft[] = [
    ...extractSymptoms(ctx),
    ...extractPain(ctx),
    ...procedures,
    ...extractSurgery(ctx),
    ...extractCare(ctx),
    ...extractExam(ctx),
    ...extractImaging(ctx),
    ...extractDiagnoses(ctx),
    ...extractCoding(ctx),
    ...extractPatientContext(ctx),
  ];
  return finalizeFacts(ctx, drafts);
}

const REQUESTISH = new Set(['request', 'plan']);
const FORM_FIELD = /^\s*(anesthesia|sedation|anesthesia\/sedation|sedation\/anesthesia|guidance|imaging guidance|imaging)\s*:/;

/**
 * Sedation and guidance of the present request(s): named in a request/plan section, or in a
 * sentence that names a requested procedure or a request cue.
 */
function attachRequestDetails(ctx: ExtractionContext, drafts: FactDraft[]): void {
  const requests = drafts.filter((d) => d.type === 'requested_procedure' && d.assertion === 'present');
  if (requests.length === 0) return;
  const reqSentences = new Set<number>();
  for (const r of requests) for (const s of r.spans) reqSentences.add(ctx.sentenceIndexAt(s.start));
  // The lines of a request block ("Request: ... / Codes: ... / Fluoroscopic guidance, local only.")
  // describe the request: a paragraph is the run of lines between blank lines.
  const paragraphOf = (si: number): number => {
    const s = ctx.sentences[si];
    if (!s) return -1;
    const before = ctx.norm.lastIndexOf('\n\n', s.start);
    return before;
  };
  const reqParagraphs = new Set([...reqSentences].map(paragraphOf));
  ctx.sentences.forEach((sentence, si) => {
    const sed = ctx.mentionsIn(si, 'sedation');
    const guide = ctx.mentionsIn(si, 'guidance');
    if (sed.length === 0 && guide.length === 0) return;
    // Form fields ("Anesthesia: local only", "Guidance: fluoroscopy") of a request form describe the request.
    const field = FORM_FIELD.test(ctx.norm.slice(sentence.start, sentence.end)) && sentence.section !== 'procedure';
    const requestish = REQUESTISH.has(sentence.section) || reqSentences.has(si) || field || reqParagraphs.has(paragraphOf(si)) ||
      ctx.mentionsIn(si, 'cue').some((c) => c.concept === 'request');
    if (!requestish) return;
    // Past-procedure sentences ("the prior block was done under IV sedation") do not describe the request.
    if (ctx.mentionsIn(si, 'cue').some((c) => c.concept === 'past') && !reqSentences.has(si) && !REQUESTISH.has(sentence.section)) return;
    for (const m of sed) {
      const a = ctx.assert(m, sentence, 'sedation');
      const value = a.assertion === 'absent' ? 'none' : m.concept;
      for (const r of requests) {
        // "No sedation - local anesthetic only" is no sedation: `none` wins over `local`.
        if (r.attributes.sedation === undefined || (r.attributes.sedation === 'local' && value === 'none')) {
          r.attributes.sedation = value;
          r.spans.push(m);
          r.rules.push(m.ruleId);
        }
      }
    }
    for (const m of guide) {
      const a = ctx.assert(m, sentence, 'guidance');
      if (a.assertion === 'absent') continue;
      for (const r of requests) {
        if (r.attributes.guidance === undefined) {
          r.attributes.guidance = m.concept;
          r.spans.push(m);
          r.rules.push(m.ruleId);
        }
      }
    }
  });
}
