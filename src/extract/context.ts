/**
 * Shared machinery for extractors: sentence and clause lookup, mentions per sentence, assertion
 * through the ConText engine, and FactDraft → Fact (merging, ids, page-relative evidence).
 */
import { withoutRestatedRoots } from '../case/levels.ts';
import { toEvidence, type Span } from '../model/doc.ts';
import type { Mention, NlpDoc, Sentence } from '../nlp/types.ts';
import type { Resources } from '../resources.ts';
import type { Assertion, Fact, FactType } from '../schema/review.ts';
import { assertSpan, getContextEngine, type AssertionResult, type ContextEngine } from '../nlp/context/index.ts';

export type AttrValue = string | number | boolean | string[];

export interface FactDraft {
  type: FactType;
  assertion: Assertion;
  experiencer?: 'patient' | 'other';
  historical?: boolean;
  attributes: Record<string, AttrValue | undefined>;
  spans: Span[];
  rules: string[];
  extractor: string;
  trigger?: string | null;
  section?: string;
}

export class ExtractionContext {
  readonly nlp: NlpDoc;
  readonly res: Resources;
  readonly text: string;
  readonly norm: string;
  private readonly engine: ContextEngine;
  private readonly mentionsBySentence: Mention[][];

  constructor(nlp: NlpDoc, res: Resources) {
    this.nlp = nlp;
    this.res = res;
    this.text = nlp.doc.text;
    this.norm = nlp.doc.norm;
    this.engine = getContextEngine(res);
    this.mentionsBySentence = nlp.sentences.map(() => []);
    let si = 0;
    for (const m of nlp.mentions) {
      while (si < nlp.sentences.length && nlp.sentences[si]!.end <= m.start) si++;
      if (si < nlp.sentences.length && nlp.sentences[si]!.start <= m.start) this.mentionsBySentence[si]!.push(m);
    }
  }

  get sentences(): Sentence[] { return this.nlp.sentences; }

  /** How this document states procedures: a form or order requests, a procedure note performed. */
  get role(): 'request' | 'performed' | 'billing' | 'narrative' { return this.nlp.segment?.role ?? 'narrative'; }
  get documentType(): string { return this.nlp.segment?.type ?? 'unknown'; }

  mentionsIn(sentenceIndex: number, category?: string): Mention[] {
    const all = this.mentionsBySentence[sentenceIndex] ?? [];
    return category ? all.filter((m) => m.category === category) : all;
  }

  /** Index of the sentence containing `pos` (binary search), or -1. */
  sentenceIndexAt(pos: number): number {
    const ss = this.nlp.sentences;
    let lo = 0, hi = ss.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = ss[mid]!;
      if (pos < s.start) hi = mid - 1; else if (pos >= s.end) lo = mid + 1; else return mid;
    }
    return -1;
  }

  slice(span: Span): string { return this.norm.slice(span.start, span.end); }

  assert(target: Span, sentence: Sentence, targetType: string): AssertionResult {
    return assertSpan(this.engine, this.text, this.norm, sentence, target, { targetType, section: sentence.section });
  }

  /**
   * The clause around `span` inside its sentence: bounded by ';', a bullet or a line break that
   * the splitter kept inside the sentence, and (for `tight`) commas and "but/however".
   */
  clause(span: Span, sentence: Span, tight = false): Span {
    const re = tight ? /[;,\n]|\bbut\b|\bhowever\b|\bwhereas\b|\bwhile\b/g : /;|\bbut\b|\bhowever\b|\bwhereas\b/g;
    const s = this.norm.slice(sentence.start, sentence.end);
    let start = sentence.start, end = sentence.end;
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const at = sentence.start + m.index;
      if (at + m[0].length <= span.start) start = at + m[0].length;
      else if (at >= span.end) { end = at; break; }
    }
    return { start, end };
  }
}

/** Draft → contract Fact. Evidence spans are sorted, de-duplicated and made page-relative. */
export function finalizeFacts(ctx: ExtractionContext, drafts: FactDraft[]): Fact[] {
  const withFirst = drafts.filter((d) => d.spans.some((s) => s.end > s.start))
    .map((d) => ({ d, first: Math.min(...d.spans.map((s) => s.start)) }));
  withFirst.sort((a, b) => a.first - b.first);
  return withFirst.map(({ d }, i) => {
    const spans = dedupeSpans(d.spans);
    const attributes: Record<string, string | number | boolean | string[]> = {};
    for (const [k, v] of Object.entries(d.attributes)) if (v !== undefined) attributes[k] = v;
    if (Array.isArray(attributes.levels) && (d.type === 'requested_procedure' || d.type === 'prior_procedure')) attributes.levels = withoutRestatedRoots(attributes.levels);
    const fact: Fact = {
      id: `f${i + 1}`,
      type: d.type,
      assertion: d.assertion,
      ...(d.experiencer === 'other' ? { experiencer: 'other' as const } : {}),
      ...(d.historical ? { historical: true } : {}),
      attributes,
      evidence: spans.map((s) => toEvidence(ctx.nlp.doc, s)),
      provenance: {
        extractor: d.extractor,
        rules: [...new Set(d.rules)],
        assertionTrigger: d.trigger ?? null,
        section: d.section ?? null,
      },
    };
    return fact;
  });
}

function dedupeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start >= last.start && s.end <= last.end) continue;
    out.push(s);
  }
  return out;
}

/** Merge drafts that share a key: evidence and rules are unioned; first draft's values win. */
export function mergeByKey(drafts: FactDraft[], key: (d: FactDraft) => string): FactDraft[] {
  const byKey = new Map<string, FactDraft>();
  const out: FactDraft[] = [];
  for (const d of drafts) {
    const k = key(d);
    const hit = byKey.get(k);
    if (hit) {
      hit.spans.push(...d.spans);
      hit.rules.push(...d.rules);
      for (const [a, v] of Object.entries(d.attributes)) if (hit.attributes[a] === undefined && v !== undefined) hit.attributes[a] = v;
    } else {
      const copy = { ...d, spans: [...d.spans], rules: [...d.rules], attributes: { ...d.attributes } };
      byKey.set(k, copy);
      out.push(copy);
    }
  }
  return out;
}

/** Levels sorted cranial to caudal, without duplicates (one implementation: the value parsers'). */
export { sortLevels } from '../nlp/values/levels.ts';

/** Where the line holding `pos` starts. */
export function lineStartAt(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The whole line that holds `pos`. */
export function lineAround(text: string, pos: number): string {
  const end = text.indexOf('\n', pos);
  return text.slice(lineStartAt(text, pos), end < 0 ? text.length : end);
}

export function combineSides(sides: Iterable<string>): 'left' | 'right' | 'bilateral' | undefined {
  const set = new Set(sides);
  if (set.has('bilateral') || (set.has('left') && set.has('right'))) return 'bilateral';
  if (set.has('left')) return 'left';
  if (set.has('right')) return 'right';
  return undefined;
}

/** The rule id on a request, or a code line, told as revised ("The request is revised to ...", "Revised codes: ..."): it stands over the earlier ones (packet.ts). */
export const REVISED_RULE = 'request.revised';
