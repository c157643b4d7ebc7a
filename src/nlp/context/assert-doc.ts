/**
 * Assertion of a span of an analyzed document: the sentence holding the span (from
 * NlpDoc.sentences) bounds the scope and its section supplies the section defaults.
 */
import type { Span } from '../../model/doc.ts';
import type { Resources } from '../../resources.ts';
import type { NlpDoc } from '../types.ts';
import { assertSpan, getContextEngine, type AssertionResult } from './engine.ts';

/** Sentences are sorted by start (src/nlp/sentences.ts emits them in document order). */
function sentenceOf(nlp: NlpDoc, pos: number): { start: number; end: number; section: string } | null {
  const ss = nlp.sentences;
  let lo = 0, hi = ss.length - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid]!.start <= pos) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const s = best >= 0 ? ss[best]! : null;
  return s && s.end > pos ? s : null;
}

export function assertInDoc(res: Resources, nlp: NlpDoc, target: Span, opts: { targetType?: string; section?: string } = {}): AssertionResult {
  const s = sentenceOf(nlp, target.start);
  const sentence = s ? { start: s.start, end: Math.max(s.end, target.end) } : target;
  return assertSpan(getContextEngine(res), nlp.doc.text, nlp.doc.norm, sentence, target, { targetType: opts.targetType, section: opts.section ?? s?.section });
}
