/**
 * The in-process review: bytes → Source → Doc → facts → case + criteria → review JSON.
 * Pure after ingest: `reviewSource` does no I/O.
 */
import { readSource, readSourceFile, type IngestOptions } from '../ingest/index.ts';
import { buildDoc, type Source } from '../model/doc.ts';
import type { Fact, ReviewOutput } from '../schema/review.ts';
import type { NlpDoc, Sentence } from '../nlp/types.ts';
import type { Doc } from '../model/doc.ts';
import { analyze } from '../nlp/analyze.ts';
import { extractFacts } from '../extract/index.ts';
import { UNDATED_SESSION_RULE } from '../extract/procedures.ts';
import { evaluateCase } from '../criteria/index.ts';
import { loadResources, type Resources } from '../resources.ts';
import { wholeDocumentSectionRoles, segmentPages, singleDocumentType } from '../nlp/segments.ts';
import { completeRequestsFromCodes, markRetrospective, mergePacketFacts, packetDate, reconcileRequests, requestsFromCodes, studyOfTitle, type DocumentFacts } from '../extract/packet.ts';
import { loadCodeTable } from '../criteria/code-table.ts';
import { decidingFactIds, withOcrConfidence } from './ocr-confidence.ts';

export interface ReviewOptions extends IngestOptions {
  /** `--policy`: evaluate these policies only; the first governs. */
  policies?: string[];
  resources?: Resources;
}

export function reviewSource(source: Source, opts: ReviewOptions = {}): ReviewOutput {
  const res = opts.resources ?? loadResources();
  const { facts, noteDate } = readFacts(source, res);
  const evaluation = evaluateCase(facts, { noteDate: noteDate ?? undefined, policies: opts.policies });
  // Facts from OCR'd pages carry their words' confidence; a low one under a criterion or flag is
  // marked for checking against the image (./ocr-confidence.ts).
  const reported = withOcrConfidence(facts, source, decidingFactIds(evaluation));
  return {
    schemaVersion: '1',
    document: {
      id: source.id, name: source.name, mediaType: source.mediaType, pages: source.pages.length,
      ocrPages: source.ocrPages, emptyPages: source.emptyPages,
      ...(source.encoding ? { encoding: source.encoding } : {}),
    },
    facts: reported,
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
    const doc = buildDoc(source);
    const nlp = analyze(doc, res);
    // A lone prior-authorization form or scheduling order: its "Procedure:" field is the request.
    // Its text under no heading keeps its own reading: a lone form often carries the clinical
    // summary ("Diagnostic blocks: #1 07/11/2023 ... 100%") that a packet puts in an office note.
    const single = singleDocumentType(source.pages, res.segments);
    if (single) {
      nlp.segment = { type: single.type, role: single.role };
      for (const s of nlp.sentences) if (s.section !== 'unknown') s.section = single.sectionRoles?.[s.section] ?? s.section;
    } else {
      // A document its head names may give its sections their roles only ("Treatment" in a lone
      // office note is its plan), as in a packet.
      const roles = wholeDocumentSectionRoles(source.pages, res.segments);
      if (roles) for (const s of nlp.sentences) if (s.section !== 'unknown') s.section = roles[s.section] ?? s.section;
    }
    // One request per service, as in a packet: a request told as denied is an earlier one when
    // another is stated ("her previous request for an ILESI was denied"), an ESI without its approach
    // is the one approach named (src/extract/packet.ts reconcileRequests).
    // (A session told only as "the shot" needs a packet's other documents to be named: none here.)
    const facts = reconcileRequests(withSentences(extractFacts(nlp, res), doc, nlp.sentences))
      .filter((f) => !(f.attributes.procedure === 'injection_generic' && f.provenance?.rules.includes(UNDATED_SESSION_RULE)));
    // "Auth request: 64493-50, 64494-50 (L3-4, L4-5 facet jts)": codes listed in a sentence that asks
    // for them request their procedure when no sentence names one.
    // "Retrospective review requested for ... injections performed 03/02/2026": the one document asks
    // for review of the service it reports.
    if (res.segments?.retrospective?.re.test(doc.norm)) markRetrospective(facts);
    // A lone form's codes are what it asks for, as a form's in a packet are.
    const asked = (f: Fact) => single !== null || f.evidence.some((e) => inRequestSentence(nlp, e.start));
    facts.push(...requestsFromCodes(facts, loadCodeTable(), asked));
    completeRequestsFromCodes(facts, loadCodeTable(), asked);
    let next = facts.length;
    for (const f of facts) if (!/^f\d+$/.test(f.id)) f.id = `f${++next}`;
    return { facts, noteDate: nlp.noteDate, documents: [] };
  }
  const analyzed = segments.map((seg) => {
    // Each stretch of a page the document holds is a page of its own sub-source; evidence maps back.
    const pages = seg.pieces.map((pc, i) => ({ ...source.pages[pc.page - 1]!, n: i + 1, text: source.pages[pc.page - 1]!.text.slice(pc.start, pc.end) }));
    const sub: Source = { ...source, pages, ocrPages: [], emptyPages: [], diagnostics: [] };
    const doc = buildDoc(sub);
    const nlp = analyze(doc, res);
    nlp.segment = { type: seg.type, role: seg.role };
    for (const s of nlp.sentences) {
      const role = seg.sectionRoles[s.section];
      if (role) s.section = role;
    }
    return { seg, doc, nlp, date: nlp.noteDate };
  });
  // A document that states no date of its own is read as of the packet's date ("pain since early
  // 2024" in an undated letter still has a length).
  const asOf = packetDate(analyzed.map(({ seg, date }) => ({ type: seg.type, role: seg.role, firstPage: seg.firstPage, lastPage: seg.lastPage, rule: null, date, facts: [] })));
  const docs: DocumentFacts[] = analyzed.map(({ seg, doc, nlp, date }) => {
    if (!nlp.noteDate && asOf) nlp.asOfDate = asOf;
    const head = seg.type === 'imaging' ? doc.text.split('\n').filter((l) => l.trim()).slice(0, 8).join('\n') : '';
    // A request document that says, in its first lines, that it corrects an earlier request, or that
    // it was superseded and is kept for the record.
    const top = seg.role === 'request' ? doc.norm.split('\n').slice(0, 15).join('\n') : '';
    const superseded = top !== '' && res.segments?.superseded?.re.test(top) === true;
    const corrects = top !== '' && !superseded && res.segments?.correction?.re.test(top) === true;
    return { type: seg.type, role: seg.role, firstPage: seg.firstPage, lastPage: seg.lastPage, rule: seg.rules[0] ?? null, date, modality: studyOfTitle(head), ...(corrects ? { corrects } : {}), ...(superseded ? { superseded } : {}),
      facts: toSourcePages(withSentences(extractFacts(nlp, res), doc, nlp.sentences), seg.pieces) };
  });
  // Forms, letters, claims and determinations that say the review is retrospective (post-service):
  // lexicons/segments.json `retrospective`.
  const retrospective = analyzed.some(({ seg, doc }) => seg.role !== 'narrative' || seg.type === 'letter' || seg.type === 'ur_determination'
    ? res.segments?.retrospective?.re.test(doc.norm) === true : false);
  return { facts: mergePacketFacts(docs, loadCodeTable(), { retrospective }), noteDate: packetDate(docs), documents: docs.map(({ facts: _f, ...d }) => d) };
}

/** A sentence with a request cue ("Auth request:", "requesting", "schedule") holds the offset. */
function inRequestSentence(nlp: NlpDoc, at: number): boolean {
  const s = nlp.sentences.find((x) => at >= x.start && at < x.end);
  return s !== undefined && nlp.mentions.some((m) => m.category === 'cue' && m.concept === 'request' && m.start >= s.start && m.end <= s.end);
}

export async function reviewBytes(bytes: Uint8Array, name: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSource(bytes, name, opts), opts);
}

export async function reviewFile(path: string, opts: ReviewOptions = {}): Promise<ReviewOutput> {
  return reviewSource(await readSourceFile(path, opts), opts);
}

/** Longest sentence a report quotes whole; past it the quote is the evidence's line. */
const MAX_SENTENCE = 400;


/** Evidence of a document read from page stretches, mapped back to the source's pages and offsets. */
function toSourcePages(facts: Fact[], pieces: readonly { page: number; start: number }[]): Fact[] {
  return facts.map((f) => ({
    ...f,
    evidence: f.evidence.map((e) => {
      const pc = pieces[e.page - 1]!;
      return { ...e, page: pc.page, start: e.start + pc.start, end: e.end + pc.start,
        ...(e.sentence ? { sentence: { start: e.sentence.start + pc.start, end: e.sentence.end + pc.start } } : {}) };
    }),
  }));
}

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
