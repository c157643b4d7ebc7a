/**
 * One dictionary scan over every lexicon literal: a character trie compiled once per Resources,
 * walked over the normalized view (Doc.norm, same length as Doc.text, so offsets need no map).
 * A space in a literal matches any run of white space or hyphens ("medial-branch", line-wrapped
 * "medial\nbranch"); a hyphen matches a hyphen, a space or nothing ("b/l"-style literals are
 * written as they appear). A word broken by line-end hyphenation ("seda-\ntion") matches its
 * unbroken literal; the match spans the original text, hyphen and line break included.
 * Matches are leftmost-longest at word boundaries, non-overlapping.
 */
import { normalizeView } from '../../model/doc.ts';
import type { Resources, TermEntry } from '../../resources.ts';
import type { Mention } from '../types.ts';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Entry ending here (first registered literal wins; ids are unique). */
  term?: TermEntry;
}

export interface Scanner {
  root: TrieNode;
  size: number;
}

const WORD = /[a-z0-9]/;
const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD.test(c);
const isGap = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '-' || c === '\f';

function normalizeLiteral(lit: string): string {
  return normalizeView(lit).replace(/\s+/g, ' ').trim();
}

export function compileScanner(terms: readonly TermEntry[]): Scanner {
  const root: TrieNode = { next: new Map() };
  let size = 0;
  for (const t of terms) {
    for (const lit of t.literals) {
      const key = normalizeLiteral(lit);
      let node = root;
      for (const ch of key) {
        let n = node.next.get(ch);
        if (!n) { n = { next: new Map() }; node.next.set(ch, n); }
        node = n;
      }
      if (!node.term) { node.term = t; size++; }
    }
  }
  return { root, size };
}

export function getScanner(res: Resources): Scanner {
  let s = res.cache.get('lexicon.scanner') as Scanner | undefined;
  if (!s) { s = compileScanner(res.terms); res.cache.set('lexicon.scanner', s); }
  return s;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';

/**
 * Line-end hyphenation at `i` (norm[i] === '-'): at least two letters before the hyphen (so "T-\nspine",
 * "L4-\nL5" stay apart), then optional spaces, one line break (a CR LF pair counts as one), optional
 * spaces, and a lower-case letter in the original text. Returns where the continuation starts, or -1.
 */
function hyphenBreakEnd(norm: string, text: string | undefined, i: number, limit: number): number {
  if (!isLetter(norm[i - 1]) || !isLetter(norm[i - 2])) return -1;
  let j = i + 1;
  while (j < limit && norm[j] === ' ') j++;
  if (norm[j] !== '\n') return -1;
  if (text !== undefined && text[j] === '\r' && text[j + 1] === '\n') j++;
  j++;
  while (j < limit && norm[j] === ' ') j++;
  if (j >= limit || !isLetter(norm[j])) return -1;
  const orig = text === undefined ? norm[j]! : text[j]!;
  return orig >= 'a' && orig <= 'z' ? j : -1;
}

/** Longest literal starting at `pos`; returns [end, term] or null. */
function matchAt(scanner: Scanner, norm: string, pos: number, limit: number, text?: string): [number, TermEntry] | null {
  let best: [number, TermEntry] | null = null;
  // Depth-first over (node, position) with gap handling; literals are short so this stays tiny.
  const stack: [TrieNode, number][] = [[scanner.root, pos]];
  while (stack.length) {
    const [node, i] = stack.pop()!;
    if (node.term && i > pos) {
      const last = norm[i - 1]!;
      // Word boundary after the match (unless the literal itself ends in punctuation).
      if (!isWordChar(last) || !isWordChar(norm[i])) {
        if (!best || i > best[0]) best = [i, node.term];
      }
    }
    if (i >= limit) continue;
    const c = norm[i]!;
    if (c === '-' && i > pos) {
      // A word hyphenated at a line end continues the literal after the break ("radi-\nculopathy").
      const j = hyphenBreakEnd(norm, text, i, limit);
      if (j > 0) stack.push([node, j]);
    }
    const direct = node.next.get(c === '\n' || c === '\f' ? ' ' : c);
    if (direct) {
      let j = i + 1;
      if (c === ' ' || c === '\n' || c === '\f') while (j < limit && isGap(norm[j]) && norm[j] !== '-') j++;
      stack.push([direct, j]);
    }
    const space = node.next.get(' ');
    if (space && isGap(c) && c !== ' ' && c !== '\n') {
      let j = i + 1;
      while (j < limit && isGap(norm[j])) j++;
      stack.push([space, j]);
    }
    if (c === ' ' || c === '\n') {
      // Literal hyphen matches white space too ("x-ray" ~ "x ray").
      const hy = node.next.get('-');
      if (hy) { let j = i + 1; while (j < limit && isGap(norm[j])) j++; stack.push([hy, j]); }
    }
    if (isWordChar(c) || c === '.' || c === '/') {
      // Literal hyphen may be absent ("l4-5" literal vs "l45" is NOT allowed; only between letters).
      const hy = node.next.get('-');
      if (hy && /[a-z]/.test(c) && /[a-z]/.test(norm[i - 1] ?? '')) stack.push([hy, i]);
    }
  }
  return best;
}

/** A case-sensitive entry matches only when the source text has one of its literals' exact case. */
function caseOk(term: TermEntry, text: string | undefined, s: number, e: number): boolean {
  if (!term.caseSensitive || text === undefined) return true;
  const got = text.slice(s, e).replace(/\s+/g, ' ');
  return term.literals.some((l) => l === got);
}

export function scanMentions(scanner: Scanner, norm: string, start = 0, end = norm.length, text?: string): Mention[] {
  const out: Mention[] = [];
  let i = start;
  while (i < end) {
    const c = norm[i]!;
    // Only start at a word start (or at a non-word char that begins a literal such as "+slr").
    if ((isWordChar(c) && isWordChar(norm[i - 1])) || c === ' ' || c === '\n') { i++; continue; }
    const m = scanner.root.next.has(c) ? matchAt(scanner, norm, i, end, text) : null;
    if (m && caseOk(m[1], text, i, m[0])) {
      const [e, t] = m;
      out.push({ start: i, end: e, ruleId: t.id, concept: t.concept, category: t.category, ...(t.attrs ? { attrs: t.attrs } : {}) });
      i = e;
    } else {
      i++;
    }
  }
  return out;
}
