/**
 * Find a target phrase in a text the way `mednec assert` promises: case-insensitive, white space
 * folded (any run of white space matches any other), on the normalized view so dashes and quotes
 * are folded too. Offsets are into the text.
 */
import type { Span } from '../../model/doc.ts';
import { normalizeView } from '../../model/doc.ts';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface FindOptions {
  /** Prefer an occurrence written in capitals in the text (the NegEx set marks its condition so). */
  preferUpperCase?: boolean;
}

/** Every occurrence of `target` in `norm`, then the chosen one; null when absent. */
export function findTarget(text: string, norm: string, target: string, opts: FindOptions = {}): Span | null {
  const words = normalizeView(target).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  // Built per call from the caller's phrase (not a rule): one small regex over one text.
  const re = new RegExp(words.map(escapeRe).join('\\s+'), 'g');
  let first: Span | null = null;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!opts.preferUpperCase) return span;
    first ??= span;
    const orig = text.slice(span.start, span.end);
    if (orig === orig.toUpperCase() && orig !== orig.toLowerCase()) return span;
    re.lastIndex = m.index + 1;
  }
  return first;
}
