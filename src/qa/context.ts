/**
 * Note text around a fact for the QA report. Predicted facts carry evidence offsets; gold facts
 * carry none, so a miss is placed by the annotator's quote when the gold gives one, else by the
 * closest prediction's evidence, else by the first attribute value found in the text.
 */
import type { GoldFact } from './gold.ts';
import type { PredictedFact } from './match.ts';
import type { Snippet } from './score.ts';

export const CONTEXT_CHARS = 200;

export interface PageText { n: number; text: string }

export function snippetAt(pages: PageText[], page: number, start: number, end: number,
  via: Snippet['via'] = 'evidence', width = CONTEXT_CHARS): Snippet | undefined {
  const p = pages.find((x) => x.n === page);
  if (!p || start < 0 || end > p.text.length || start > end) return undefined;
  return {
    page,
    before: p.text.slice(Math.max(0, start - width), start),
    text: p.text.slice(start, end),
    after: p.text.slice(end, end + width),
    via,
  };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A quote found case-insensitively with white space (and line breaks) folded. */
function quotePattern(q: string): RegExp | null {
  const words = q.trim().split(/\s+/).filter(Boolean).map(escapeRegex);
  return words.length ? new RegExp(words.join('\\s+'), 'i') : null;
}

/** `L4-L5` as notes write it: L4-5, L4–L5, L4/5, L4 - L5. */
function levelPattern(level: string): RegExp | null {
  const m = /^([CTLS])(\d{1,2})(?:-([CTLS])(\d{1,2}))?$/i.exec(level.trim());
  if (!m) return null;
  if (!m[3]) return new RegExp(`\\b${m[1]}\\s?${m[2]}\\b`, 'i');
  return new RegExp(`\\b${m[1]}\\s?${m[2]}\\s*[-\\u2010-\\u2015/]\\s*(?:${m[3]}\\s?)?${m[4]}\\b`, 'i');
}

function findFirst(pages: PageText[], patterns: RegExp[], via: Snippet['via']): Snippet | undefined {
  for (const re of patterns) {
    for (const p of pages) {
      const m = re.exec(p.text);
      if (m) return snippetAt(pages, p.n, m.index, m.index + m[0].length, via);
    }
  }
  return undefined;
}

function goldQuotes(g: GoldFact): string[] {
  const e = g.evidence;
  if (e === undefined) return [];
  if (typeof e === 'string') return [e];
  return e.map((x) => (typeof x === 'string' ? x : x.text));
}

/** Levels first, then the longest words: the most specific value places the miss best. */
function attributePatterns(g: GoldFact): RegExp[] {
  const levels: RegExp[] = [];
  const words: [number, RegExp][] = [];
  for (const [k, v] of Object.entries(g.attributes)) {
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) {
      if (k === 'levels' || k === 'level') {
        const re = typeof x === 'string' ? levelPattern(x) : null;
        if (re) levels.push(re);
      } else if (typeof x === 'string' && x.length >= 3 && !/^\d{4}(-\d\d){0,2}$/.test(x)) {
        // Vocabulary values read as words in notes: medial_branch_block → "medial branch block".
        const re = quotePattern(x.replace(/_/g, ' '));
        if (re) words.push([x.length, re]);
      }
    }
  }
  return [...levels, ...words.sort((a, b) => b[0] - a[0]).map(([, re]) => re)];
}

export function predictedSnippet(pages: PageText[], p: PredictedFact): Snippet | undefined {
  const e = p.evidence?.[0];
  return e ? snippetAt(pages, e.page, e.start, e.end, 'evidence') : undefined;
}

export function goldSnippet(pages: PageText[], g: GoldFact, closest?: PredictedFact): Snippet | undefined {
  const quoted = findFirst(pages, goldQuotes(g).map(quotePattern).filter((r): r is RegExp => r !== null), 'gold-quote');
  if (quoted) return quoted;
  const e = closest?.evidence?.[0];
  if (e) {
    const s = snippetAt(pages, e.page, e.start, e.end, 'closest-prediction');
    if (s) return s;
  }
  return findFirst(pages, attributePatterns(g), 'attribute-search');
}
