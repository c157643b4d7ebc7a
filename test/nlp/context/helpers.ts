import { normalizeView } from '../../../src/model/doc.ts';
import { loadResources } from '../../../src/resources.ts';
import { assertSpanDetailed, getContextEngine, type AssertOptions, type AssertionDetail, type ContextEngine } from '../../../src/nlp/context/engine.ts';

export const engine = getContextEngine(loadResources());

/**
 * Parse "text with [the target] in brackets" (optionally "[target|targetType]", and a leading
 * "{section}") and assert the
 * target, the whole string being one sentence.
 */
export function run(marked: string, opts: AssertOptions = {}, eng: ContextEngine = engine): AssertionDetail & { text: string } {
  // "{plan} Continue [HEP]." runs the sentence inside that section.
  const sec = /^\{([a-z_]+)\}\s*/.exec(marked);
  if (sec) { marked = marked.slice(sec[0].length); opts = { section: sec[1], ...opts }; }
  const m = /\[([^\]|]+)(?:\|([^\]]+))?\]/.exec(marked);
  if (!m) throw new Error(`no [target] in: ${marked}`);
  const text = marked.slice(0, m.index) + m[1] + marked.slice(m.index + m[0].length);
  const target = { start: m.index, end: m.index + m[1]!.length };
  const d = assertSpanDetailed(eng, text, normalizeView(text), { start: 0, end: text.length }, target, { targetType: m[2], ...opts });
  return { ...d, text };
}
