/**
 * The in-process review: bytes → Source → Doc → facts → case + criteria → review JSON.
 * Pure after ingest: `reviewSource` does no I/O.
 */
import { readSource, readSourceFile, type IngestOptions } from '../ingest/index.ts';
import { buildDoc, type Source } from '../model/doc.ts';
import type { Fact, ReviewOutput } from '../schema/review.ts';
import type { Sentence } from '../nlp/types.ts';
import type { Doc } from '../model/doc.ts';
import { analyze } from '../nlp/analyze.ts';
import { extractFacts } from '../extract/index.ts';
import { evaluateCase } from '../criteria/index.ts';
import { loadResources, type Resources } from '../resources.ts';

export interface ReviewOptions extends IngestOptions {
  /** `--policy`: evaluate these policies only; the first governs. */
  policies?: string[];
  resources?: Resources;
}

export function reviewSource(source: Source, opts: ReviewOptions = {}): ReviewOutput {
  const res = opts.resources ?? loadResources();
  const doc = buildDoc(source);
  const nlp = analyze(doc, res);
  const facts = withSentences(extractFacts(nlp, res), doc, nlp.sentences);
  const evaluation = evaluateCase(facts, { noteDate: nlp.noteDate ?? undefined, policies: opts.policies });
  return {
    schemaVersion: '1',
    document: {
      id: source.id, name: source.name, mediaType: source.mediaType, pages: source.pages.length,
      ocrPages: source.ocrPages, emptyPages: source.emptyPages,
      ...(source.encoding ? { encoding: source.encoding } : {}),
    },
    facts,
    case: evaluation.case,
    reviews: evaluation.reviews,
    flags: evaluation.flags,
    determination: evaluation.determination,
    diagnostics: source.diagnostics,
  };
}

export async function reviewBytes(bytes: Uint8Array, name: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSource(bytes, name, opts), opts);
}

export async function reviewFile(path: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSourceFile(path, opts), opts);
}

/** Longest sentence a report quotes whole; past it the quote is the evidence's line. */
const MAX_SENTENCE = 400;

/**
 * Each evidence span gets the page-relative span of the sentence (or form line) that holds it, so
 * a report can quote the sentence with the evidence highlighted. The exact spans are unchanged.
 */
export function withSentences(facts: Fact[], doc: Doc, sentences: readonly Sentence[]): Fact[] {
  const sorted = [...sentences].sort((a, b) => a.start - b.start);
  const containing = (pos: number): Sentence | undefined => {
    let lo = 0, hi = sorted.length - 1, hit: Sentence | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start <= pos) { hit = sorted[mid]; lo = mid + 1; } else hi = mid - 1;
    }
    return hit && hit.end > pos ? hit : undefined;
  };
  return facts.map((f) => ({
    ...f,
    evidence: f.evidence.map((e) => {
      const base = doc.pageStarts[e.page - 1];
      const page = doc.source.pages[e.page - 1]?.text;
      if (base === undefined || page === undefined || e.end <= e.start) return e;
      const a = containing(base + e.start), b = containing(base + e.end - 1);
      let start = Math.max(0, Math.min((a?.start ?? base + e.start) - base, e.start));
      let end = Math.min(page.length, Math.max((b?.end ?? base + e.end) - base, e.end));
      const lineStart = page.lastIndexOf('\n', e.start - 1) + 1;
      const nl = page.indexOf('\n', e.end);
      const lineEnd = nl < 0 ? page.length : nl;
      // A run-on "sentence" (a form or a table without punctuation, columns set apart by runs of
      // spaces): the line(s) holding the evidence.
      const formLine = /\S {3,}\S/.test(page.slice(lineStart, lineEnd)) && page.slice(start, end).includes('\n');
      if (end - start > MAX_SENTENCE || formLine) {
        start = Math.max(start, lineStart);
        end = Math.min(end, lineEnd);
      }
      while (start < e.start && /\s/.test(page[start]!)) start++;
      while (end > e.end && /\s/.test(page[end - 1]!)) end--;
      return { ...e, sentence: { start, end } };
    }),
  }));
}
