/**
 * The in-process review: bytes → Source → Doc → facts → case + criteria → review JSON.
 * Pure after ingest: `reviewSource` does no I/O.
 */
import { readSource, readSourceFile, type IngestOptions } from '../ingest/index.ts';
import { buildDoc, type Source } from '../model/doc.ts';
import type { ReviewOutput } from '../schema/review.ts';
import { analyze } from '../nlp/analyze.ts';
import { extractFacts } from '../extract/index.ts';
import { evaluateCase } from '../criteria/index.ts';
import { loadResources, type Resources } from '../resources.ts';
import { segmentPages } from '../nlp/segments.ts';
import { mergePacketFacts, packetDate, type DocumentFacts } from '../extract/packet.ts';
import type { Fact } from '../schema/review.ts';
import { loadCodeTable } from '../criteria/code-table.ts';

export interface ReviewOptions extends IngestOptions {
  /** `--policy`: evaluate these policies only; the first governs. */
  policies?: string[];
  resources?: Resources;
}

export function reviewSource(source: Source, opts: ReviewOptions = {}): ReviewOutput {
  const res = opts.resources ?? loadResources();
  const { facts, noteDate } = readFacts(source, res);
  const evaluation = evaluateCase(facts, { noteDate: noteDate ?? undefined, policies: opts.policies });
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

/**
 * Facts of a source. A packet (pages that name several documents) is read document by document,
 * each with its own sections, date and role, and its facts merged as CONTRACT.md "Packets" fixes;
 * a single document is read whole.
 */
export function readFacts(source: Source, res: Resources): { facts: Fact[]; noteDate: string | null; documents: Omit<DocumentFacts, 'facts'>[] } {
  const segments = segmentPages(source.pages, res.segments);
  if (segments.length <= 1) {
    const nlp = analyze(buildDoc(source), res);
    return { facts: extractFacts(nlp, res), noteDate: nlp.noteDate, documents: [] };
  }
  const analyzed = segments.map((seg) => {
    const pages = source.pages.slice(seg.firstPage - 1, seg.lastPage).map((p, i) => ({ ...p, n: i + 1 }));
    const sub: Source = { ...source, pages, ocrPages: [], emptyPages: [], diagnostics: [] };
    const nlp = analyze(buildDoc(sub), res);
    nlp.segment = { type: seg.type, role: seg.role };
    for (const s of nlp.sentences) {
      const role = seg.sectionRoles[s.section];
      if (role) s.section = role;
    }
    return { seg, nlp, date: nlp.noteDate };
  });
  // A document that states no date of its own is read as of the packet's date ("pain since early
  // 2024" in an undated letter still has a length).
  const asOf = packetDate(analyzed.map(({ seg, date }) => ({ type: seg.type, role: seg.role, firstPage: seg.firstPage, lastPage: seg.lastPage, rule: null, date, facts: [] })));
  const docs: DocumentFacts[] = analyzed.map(({ seg, nlp, date }) => {
    if (!nlp.noteDate && asOf) nlp.asOfDate = asOf;
    return { type: seg.type, role: seg.role, firstPage: seg.firstPage, lastPage: seg.lastPage, rule: seg.rules[0] ?? null, date, facts: extractFacts(nlp, res) };
  });
  return { facts: mergePacketFacts(docs, loadCodeTable()), noteDate: packetDate(docs), documents: docs.map(({ facts: _f, ...d }) => d) };
}

export async function reviewBytes(bytes: Uint8Array, name: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSource(bytes, name, opts), opts);
}

export async function reviewFile(path: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSourceFile(path, opts), opts);
}
