/**
 * Tolerant matching for OCR output: does `phrase` occur in `text` with at most `maxEdits`
 * character edits (Sellers' approximate substring search)? Case and runs of white space are folded
 * first, because OCR rarely keeps either reliably.
 */
export function fold(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ');
}

export function fuzzyContains(text: string, phrase: string, maxEdits = 1): boolean {
  return fuzzyDistance(text, phrase) <= maxEdits;
}

/** Smallest edit distance between `phrase` and any substring of `text` (both folded). */
export function fuzzyDistance(text: string, phrase: string): number {
  const t = fold(text), p = fold(phrase);
  let prev = Array.from({ length: p.length + 1 }, (_, i) => i);
  let best = prev[p.length]!;
  for (let j = 1; j <= t.length; j++) {
    const cur = [0];
    for (let i = 1; i <= p.length; i++) {
      const cost = p[i - 1] === t[j - 1] ? 0 : 1;
      cur[i] = Math.min(prev[i - 1]! + cost, prev[i]! + 1, cur[i - 1]! + 1);
    }
    best = Math.min(best, cur[p.length]!);
    prev = cur;
  }
  return best;
}
