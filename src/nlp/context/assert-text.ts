/**
 * Assert a target phrase inside a free text: the text is one document, split into sentences, the
 * target found case-insensitively with white space folded, and the engine run on the sentence that
 * holds it. Shared by `mednec assert` and the NegEx benchmark so both measure the same path.
 */
import { normalizeView } from '../../model/doc.ts';
import type { Span } from '../../model/doc.ts';
import { assertSpanDetailed, type AssertionDetail, type AssertOptions, type ContextEngine } from './engine.ts';
import { findTarget, type FindOptions } from './find-target.ts';
import { sentenceAt, splitSentences } from './sentences.ts';

export type TextAssertion =
  | { ok: true; target: Span; sentence: Span; detail: AssertionDetail }
  | { ok: false; error: string };

export function assertText(engine: ContextEngine, text: string, target: string, opts: AssertOptions & FindOptions = {}): TextAssertion {
  const norm = normalizeView(text);
  const span = findTarget(text, norm, target, opts);
  if (!span) return { ok: false, error: 'target not found in text' };
  const sentences = splitSentences(text);
  let sentence = sentenceAt(sentences, span.start) ?? { start: 0, end: text.length };
  // A target that runs past its sentence (a split inside the phrase) widens the sentence.
  if (sentence.end < span.end) {
    const last = sentenceAt(sentences, span.end - 1) ?? sentence;
    sentence = { start: sentence.start, end: Math.max(last.end, span.end) };
  }
  const detail = assertSpanDetailed(engine, text, norm, sentence, span, opts);
  return { ok: true, target: span, sentence, detail };
}
