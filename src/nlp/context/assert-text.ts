/**
 * Assert a target phrase inside a free text: the text is one document, cut into sections and
 * sentences by the pipeline's own components (src/nlp/sections.ts, src/nlp/sentences.ts), the
 * target found case-insensitively with white space folded, and the engine run on the sentence that
 * holds it with that sentence's section. Shared by `mednec assert` and the NegEx benchmark so
 * both measure the same path as `review`.
 */
import { buildDoc } from '../../model/doc.ts';
import type { Span } from '../../model/doc.ts';
import type { Resources } from '../../resources.ts';
import { detectSections } from '../sections.ts';
import { splitSentences } from '../sentences.ts';
import type { Sentence } from '../types.ts';
import { assertSpanDetailed, getContextEngine, type AssertionDetail, type AssertOptions } from './engine.ts';
import { findTarget, type FindOptions } from './find-target.ts';

export type TextAssertion =
  | { ok: true; target: Span; sentence: Span; section: string; detail: AssertionDetail }
  | { ok: false; error: string };

/** The sentence containing `pos` (sentences sorted by start), or null. */
export function sentenceAt<T extends Span>(sentences: readonly T[], pos: number): T | null {
  let best: T | null = null;
  for (const s of sentences) {
    if (s.start > pos) break;
    if (s.end > pos) best = s;
  }
  return best;
}

export function assertText(res: Resources, text: string, target: string, opts: AssertOptions & FindOptions = {}): TextAssertion {
  const engine = getContextEngine(res);
  const doc = buildDoc({ id: 'assert', name: 'assert', mediaType: 'text/plain', pages: [{ n: 1, text, ocr: false }], ocrPages: [], emptyPages: [], diagnostics: [] });
  const span = findTarget(text, doc.norm, target, opts);
  if (!span) return { ok: false, error: 'target not found in text' };
  const sections = detectSections(doc, res);
  const sentences = splitSentences(doc, sections).sort((a, b) => a.start - b.start);
  let first: Sentence = sentenceAt(sentences, span.start) ?? { start: 0, end: text.length, section: 'unknown' };
  // A target that is a section heading ("ALLERGIES - NONE") reads on into the first body sentence.
  const idx = sentences.indexOf(first);
  const isTitle = sections.some((s) => s.title && s.title.start === first.start && s.title.end === first.end);
  if (isTitle && idx >= 0 && sentences[idx + 1]) first = { ...first, end: sentences[idx + 1]!.end };
  // A target that runs past its sentence (a split inside the phrase) widens the sentence.
  const last = sentenceAt(sentences, span.end - 1) ?? first;
  const sentence = { start: Math.min(first.start, span.start), end: Math.max(first.end, last.end, span.end) };
  const section = opts.section ?? first.section;
  const detail = assertSpanDetailed(engine, text, doc.norm, sentence, span, { ...opts, section });
  return { ok: true, target: span, sentence, section, detail };
}
