/**
 * OCR confidence where the reviewer needs it. Every evidence span on an OCR'd page gets the
 * confidence of the words it rests on (the lowest of tesseract's word confidences over the span:
 * one misread word is enough to change a level or a code), and the fact the lowest of its spans.
 * A fact that decides a criterion or a flag and rests on a low-confidence word is marked
 * `verifyAgainstImage`: the reviewer checks that quote against the fax before relying on it.
 * Pure: added fields only (contract: fields may be added), nothing renamed or removed.
 */
import type { Page, Source } from '../model/doc.ts';
import type { Evidence, Fact, ReviewOutput } from '../schema/review.ts';

/**
 * Under this word confidence a word is "low confidence". Measured on six samples/fax notes read by
 * the default engine (tesseract 5.3.0, 1635 words, against the source notes' words): words scoring
 * 90–99 were the source's word 94% of the time, 80–89 77%, 70–79 59%, under 70 39%.
 */
export const LOW_WORD_CONFIDENCE = 80;

/** Lowest confidence of the page's words that overlap [start, end), or null when none do. */
export function spanConfidence(page: Page, start: number, end: number): number | null {
  if (!page.ocr || !page.words?.length) return null;
  let min: number | null = null;
  for (const w of page.words) {
    if (w.end <= start) continue;
    if (w.start >= end) break;
    if (min === null || w.conf < min) min = w.conf;
  }
  return min;
}

/** Ids of the facts a criterion or a flag (document-level or per review) cites. */
export function decidingFactIds(out: Pick<ReviewOutput, 'reviews' | 'flags'>): Set<string> {
  const ids = new Set<string>();
  for (const f of out.flags) for (const id of f.evidence) ids.add(id);
  for (const r of out.reviews) {
    for (const c of r.criteria) for (const id of c.evidence) ids.add(id);
    for (const f of r.flags ?? []) for (const id of f.evidence) ids.add(id);
  }
  return ids;
}

export type ConfidentEvidence = Evidence & { ocrConfidence?: number };
export type ConfidentFact = Fact & { ocrConfidence?: number; verifyAgainstImage?: boolean };

/** The facts with OCR confidences added (new objects; the input is not changed). */
export function withOcrConfidence(facts: Fact[], source: Source, deciding: Set<string>, low = LOW_WORD_CONFIDENCE): ConfidentFact[] {
  if (source.ocrPages.length === 0) return facts;
  return facts.map((f) => {
    let factMin: number | null = null;
    const evidence: ConfidentEvidence[] = f.evidence.map((e) => {
      const page = source.pages[e.page - 1];
      const c = page ? spanConfidence(page, e.start, e.end) : null;
      if (c === null) return e;
      if (factMin === null || c < factMin) factMin = c;
      return { ...e, ocrConfidence: c };
    });
    if (factMin === null) return f;
    const out: ConfidentFact = { ...f, evidence, ocrConfidence: factMin };
    if (factMin < low && deciding.has(f.id)) out.verifyAgainstImage = true;
    return out;
  });
}
