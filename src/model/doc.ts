/**
 * The document model. Offsets are [start, end) UTF-16 indices into `Doc.text`, which is the pages'
 * text joined with '\f' and is never edited. `Doc.norm` is a same-length normalized view
 * (lower case, unicode dashes/quotes/spaces folded) used for matching, so an offset found in
 * `norm` is an offset into `text` with no map needed.
 */
import type { Diagnostic, Evidence } from '../schema/review.ts';

export interface Span { start: number; end: number }

export interface Page {
  /** 1-based page number. */
  n: number;
  /** Extracted text (text layer or OCR), exactly as evidence offsets refer to it. */
  text: string;
  ocr: boolean;
  /**
   * OCR'd pages: each word of `text` with its [start, end) offsets, tesseract's confidence (0–100)
   * and its box as fractions of the page image (x0, y0, x1, y1).
   */
  words?: { start: number; end: number; conf: number; box: [number, number, number, number] }[];
  /** OCR'd pages: clockwise degrees the page image was turned before it was read. */
  rotated?: number;
}

export interface Source {
  id: string;
  name: string;
  mediaType: string;
  encoding?: string;
  pages: Page[];
  ocrPages: number[];
  emptyPages: number[];
  diagnostics: Diagnostic[];
}

export const PAGE_SEPARATOR = '\f';

export interface Doc {
  source: Source;
  text: string;
  norm: string;
  /** Offset in `text` where each page starts (index = page number - 1). */
  pageStarts: number[];
}

/** Same-length folding of one character for matching (see Doc.norm). */
const FOLD: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\uFE63': '-', '\uFF0D': '-',
  '\u00A0': ' ', '\u2007': ' ', '\u202F': ' ', '\u2009': ' ', '\u200A': ' ', '\u2002': ' ', '\u2003': ' ', '\t': ' ', '\u3000': ' ',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u2032': "'", '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u2033': '"',
  '\u2026': '.', '\u2022': '*', '\u00B7': '*', '\u25CF': '*', '\r': '\n', '\u2028': '\n', '\u2029': '\n',
};

/**
 * A dot leader between a form label and its value ("Onset ............ 2022", "Post-procedure NRS
 * (30 min) ... 1/10") is a field separator: the view writes it as a colon after the label and
 * spaces, so every field reader sees "Onset:             2022". Four dots or more, or three after a
 * space; a value must follow on the line (an ellipsis ending a sentence is left alone).
 */
const LEADER = /(?<=[\w)\]%]) ?(?:\.{4,}| \.{3})(?=[ \t]*[^\s.])/g;

function foldLeaders(norm: string): string {
  if (!norm.includes('...')) return norm;
  return norm.replace(LEADER, (m) => ':' + ' '.repeat(m.length - 1));
}

export function normalizeView(text: string): string {
  return foldLeaders(foldChars(text));
}

function foldChars(text: string): string {
  let out = '';
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    // Fast path: lower-casing kept the length, fold only the special characters.
    for (let i = 0; i < lower.length; i++) {
      const c = lower[i]!;
      out += FOLD[c] ?? c;
    }
    return out;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const f = FOLD[c];
    if (f) { out += f; continue; }
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

export function buildDoc(source: Source): Doc {
  const pageStarts: number[] = [];
  let text = '';
  source.pages.forEach((p, i) => {
    if (i > 0) text += PAGE_SEPARATOR;
    pageStarts.push(text.length);
    text += p.text;
  });
  return { source, text, norm: normalizeView(text), pageStarts };
}

/** Page number (1-based) containing document offset `pos`. */
export function pageOf(doc: Doc, pos: number): number {
  let lo = 0, hi = doc.pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.pageStarts[mid]! <= pos) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Page-relative evidence for a document span. A span that crosses a page break is cut at the end
 * of its first page, so `text === page.text.slice(start, end)` always holds.
 */
export function toEvidence(doc: Doc, span: Span): Evidence {
  const page = pageOf(doc, span.start);
  const base = doc.pageStarts[page - 1]!;
  const pageLen = doc.source.pages[page - 1]!.text.length;
  const start = span.start - base;
  const end = Math.min(span.end - base, pageLen);
  return { page, start, end, text: doc.text.slice(span.start, base + end) };
}
