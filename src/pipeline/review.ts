/**
 * The in-process review: bytes → Source → Doc → facts → case + criteria → review JSON.
 * Pure after ingest: `reviewSource` does no I/O.
 */
import { readSource, readSourceFile, type IngestOptions } from '../ingest/index.ts';
import { buildDoc, type Source } from '../model/doc.ts';
import type { ReviewOutput } from '../schema/review.ts';
import { analyze } from '../nlp/analyze.ts';
import { extractFacts } from '../extract/index.ts';
import { evaluateCase } from '../criteria/index.ts';
import { loadResources, type Resources } from '../resources.ts';
import { decidingFactIds, withOcrConfidence } from './ocr-confidence.ts';

export interface ReviewOptions extends IngestOptions {
  /** `--policy`: evaluate these policies only; the first governs. */
  policies?: string[];
  resources?: Resources;
}

export function reviewSource(source: Source, opts: ReviewOptions = {}): ReviewOutput {
  const res = opts.resources ?? loadResources();
  const doc = buildDoc(source);
  const nlp = analyze(doc, res);
  const facts = extractFacts(nlp, res);
  const evaluation = evaluateCase(facts, { noteDate: nlp.noteDate ?? undefined, policies: opts.policies });
  // Facts from OCR'd pages carry their words' confidence; a low one under a criterion or flag is
  // marked for checking against the image (./ocr-confidence.ts).
  const reported = withOcrConfidence(facts, source, decidingFactIds(evaluation));
  return {
    schemaVersion: '1',
    document: {
      id: source.id, name: source.name, mediaType: source.mediaType, pages: source.pages.length,
      ocrPages: source.ocrPages, emptyPages: source.emptyPages,
      ...(source.encoding ? { encoding: source.encoding } : {}),
    },
    facts: reported,
    case: evaluation.case,
    reviews: evaluation.reviews,
    flags: evaluation.flags,
    determination: evaluation.determination,
    diagnostics: source.diagnostics,
  };
}

export async function reviewBytes(bytes: Uint8Array, name: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSource(bytes, name, opts), opts);
}

export async function reviewFile(path: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSourceFile(path, opts), opts);
}
