/**
 * Packet segmentation: a UR packet (several documents in one file) is split into its documents at
 * page breaks. Each page's head (its first lines, the fax machine's banner skipped) either names a
 * document — fax cover, PA form, scheduling order, office note, procedure note, imaging report,
 * therapy note, letter, UR determination, claim — or says it continues the one before. The rules
 * are data (`lexicons/segments.json`), each with an id and examples that a test runs.
 *
 * A segment's `role` tells the extractors how to read the procedures it names: `request` (a form
 * or order: what it names is asked for), `performed` (a procedure note: what it names was done),
 * `billing` (billed services), `narrative` (notes and letters: decided sentence by sentence).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import type { Resources } from '../resources.ts';

const ExamplesSchema = z.object({ hit: z.array(z.string()), miss: z.array(z.string()).optional() }).strict();
const PatternRuleSchema = z.object({
  id: z.string().regex(/^seg\.[a-z0-9_.-]+$/),
  pattern: z.string(),
  note: z.string().optional(),
  examples: ExamplesSchema,
}).strict();
export const SegmentRoleSchema = z.enum(['request', 'performed', 'billing', 'narrative']);
export type SegmentRole = z.infer<typeof SegmentRoleSchema>;
const TypeRuleSchema = PatternRuleSchema.extend({
  type: z.string().regex(/^[a-z_]+$/),
  role: SegmentRoleSchema,
  /** Section categories read differently in this kind of document ("procedure" on a PA form is the request). */
  sectionRoles: z.record(z.string(), z.string()).optional(),
  /** A document of one segment whose head names this type is read with its role too (a lone PA form). */
  singleDocument: z.boolean().optional(),
  /**
   * A document of one segment whose head names this type reads its sections with `sectionRoles`
   * (its role stays narrative): a lone office note's "Treatment" block is its plan.
   */
  sectionRolesWhenWhole: z.boolean().optional(),
  /**
   * Types this one outranks when both name the same head: a letter's salutation ("Dear Reviewer")
   * under an addressee line that names a prior-authorization department is a letter.
   */
  outranks: z.object({ types: z.array(z.string()), pattern: z.string(), note: z.string().optional() }).strict().optional(),
}).strict();
const SegmentFileSchema = z.object({
  version: z.string(),
  source: z.string(),
  headLines: z.number().int().min(1).max(40),
  banner: PatternRuleSchema,
  continuation: z.array(PatternRuleSchema),
  /** Packet cue: a document asks for review of a service already given (post-service review). */
  retrospective: PatternRuleSchema.optional(),
  /** A request document that corrects an earlier request: its levels stand (packet.ts standingLevels). */
  correction: PatternRuleSchema.optional(),
  /** A request document kept only for the record: what it asks for is no longer asked. */
  superseded: PatternRuleSchema.optional(),
  /** A lone document whose head names no type but whose fields make it a request form (read as a PA form). */
  singleDocumentCue: PatternRuleSchema.optional(),
  types: z.array(TypeRuleSchema).min(1),
}).strict();
export type SegmentFile = z.infer<typeof SegmentFileSchema>;
export type SegmentTypeRule = z.infer<typeof TypeRuleSchema>;

export interface SegmentRules {
  file: SegmentFile;
  headLines: number;
  banner: RegExp;
  continuation: { id: string; re: RegExp }[];
  retrospective: { id: string; re: RegExp } | null;
  correction: { id: string; re: RegExp } | null;
  superseded: { id: string; re: RegExp } | null;
  singleDocumentCue: { id: string; re: RegExp } | null;
  types: (SegmentTypeRule & { re: RegExp; outranksRe?: RegExp })[];
}

/** A stretch of one page: the whole page, or the part of it between separator rules. */
export interface Piece { page: number; start: number; end: number }

export interface Segment {
  /** 1-based page numbers, inclusive. */
  firstPage: number;
  lastPage: number;
  /** The page stretches the document is made of, in order (a page may hold the end of one document and the start of another). */
  pieces: Piece[];
  /** Document type (`office_note`, `pa_form`, ...) or `unknown` when no head named one. */
  type: string;
  role: SegmentRole;
  sectionRoles: Readonly<Record<string, string>>;
  /** Rule that named the document (`seg.pa_form`), and those that continued it onto later pages. */
  rules: string[];
}

const compile = (id: string, pattern: string): RegExp => {
  try {
    return new RegExp(pattern, 'm');
  } catch (e) {
    throw new ConfigError(`lexicons/segments.json: ${id}: bad pattern (${(e as Error).message})`);
  }
};

export function parseSegmentRules(json: unknown, file = 'lexicons/segments.json'): SegmentRules {
  const r = SegmentFileSchema.safeParse(json);
  if (!r.success) throw new ConfigError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const f = r.data;
  const ids = new Set<string>();
  for (const rule of [f.banner, ...f.continuation, ...(f.retrospective ? [f.retrospective] : []), ...(f.correction ? [f.correction] : []), ...(f.superseded ? [f.superseded] : []), ...(f.singleDocumentCue ? [f.singleDocumentCue] : []), ...f.types]) {
    if (ids.has(rule.id)) throw new ConfigError(`${file}: duplicate rule id ${rule.id}`);
    ids.add(rule.id);
  }
  return {
    file: f,
    headLines: f.headLines,
    banner: compile(f.banner.id, f.banner.pattern),
    continuation: f.continuation.map((c) => ({ id: c.id, re: compile(c.id, c.pattern) })),
    retrospective: f.retrospective ? { id: f.retrospective.id, re: compile(f.retrospective.id, f.retrospective.pattern) } : null,
    correction: f.correction ? { id: f.correction.id, re: compile(f.correction.id, f.correction.pattern) } : null,
    superseded: f.superseded ? { id: f.superseded.id, re: compile(f.superseded.id, f.superseded.pattern) } : null,
    singleDocumentCue: f.singleDocumentCue ? { id: f.singleDocumentCue.id, re: new RegExp(f.singleDocumentCue.pattern, 'im') } : null,
    types: f.types.map((t) => ({ ...t, re: compile(t.id, t.pattern), ...(t.outranks ? { outranksRe: compile(t.id, t.outranks.pattern) } : {}) })),
  };
}

export function loadSegmentRules(lexiconDir: string): SegmentRules | null {
  const path = join(lexiconDir, 'segments.json');
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return parseSegmentRules(json, path);
}

const shape = (line: string): string => line.trim().toLowerCase().replace(/\d+/g, '0');
const firstLine = (text: string): string => text.split(/\r?\n/).find((l) => l.trim()) ?? '';

/**
 * First lines that repeat (digits aside) on most pages of a packet: a fax banner of any shape. A
 * line that names a document ("NORTHFIELD PAIN CLINIC - PROCEDURE NOTE" over two procedure notes) is
 * a title, not a banner.
 */
export function repeatedBanners(pages: readonly { text: string }[], rules: SegmentRules | null = null): Set<string> {
  const counts = new Map<string, number>();
  for (const p of pages) {
    const line = firstLine(p.text);
    const s = shape(line);
    if (rules && rules.types.some((t) => t.type !== 'fax_cover' && t.re.test(line.trim().toLowerCase()))) continue;
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2 && n >= 0.4 * pages.length).map(([s]) => s));
}

/** The head of a page: its first non-empty lines, lower-cased, with the fax banner left out. */
export function pageHead(text: string, rules: SegmentRules, banners: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    // A scanned head's letter-shaped digits read as the letters ("PR0CEDURE N0TE", "0FFICE VISIT").
    const line = raw.trim().toLowerCase().replace(/(?<=[a-z])0|0(?=[a-z])/g, 'o').replace(/(?<=[a-z])1(?=[a-z])/g, 'l');
    if (!line) continue;
    if (rules.banner.test(line) || (out.length === 0 && banners.has(shape(line)))) continue;
    out.push(line);
    if (out.length >= rules.headLines) break;
  }
  return out;
}

export interface PageClass {
  type: SegmentTypeRule & { re: RegExp } | null;
  continues: string | null;
  /** The document a continuing head names on the same lines ("... PROCEDURE NOTE    Page 3 of 5"). */
  named?: SegmentTypeRule & { re: RegExp };
}

/**
 * What a page's head says: a document it starts (the top-most head line that names one; on that
 * line, the first type in the file's order), or that it continues one.
 */
export function classifyPage(text: string, rules: SegmentRules, banners?: ReadonlySet<string>, headLines?: number): PageClass {
  const head = pageHead(text, rules, banners).slice(0, headLines);
  const top = head.slice(0, 3);
  for (const c of rules.continuation) {
    if (!top.some((l) => c.re.test(l))) continue;
    const named = top.map((l) => rules.types.find((x) => x.re.test(l))).find((x) => x !== undefined);
    return { type: null, continues: c.id, ...(named ? { named } : {}) };
  }
  for (const l of head) {
    const t = rules.types.find((x) => x.re.test(l));
    if (!t) continue;
    const over = rules.types.find((x) => x.outranks?.types.includes(t.type) && x.outranksRe && head.some((h) => x.outranksRe!.test(h)));
    return { type: over ?? t, continues: null };
  }
  return { type: null, continues: null };
}

/** How many lines of a stretch under a rule inside a page may hold its title. */
const INNER_HEAD_LINES = 3;

/** A rule line that sets one document apart from the next on the same page ("-----", "=====", "_____"). */
const SEPARATOR = /^[ \t]*[-=_*~]{10,}[ \t]*$/gm;

/** The stretches of a page between separator rules (the whole page when it has none). */
export function pieces(text: string, page: number): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    if (text.slice(at, m.index).trim()) out.push({ page, start: at, end: m.index });
    at = m.index + m[0].length;
  }
  if (text.slice(at).trim() || out.length === 0) out.push({ page, start: at, end: text.length });
  // A stretch of one or two lines above a rule is a title bar, not a document: it heads the next stretch.
  for (let i = out.length - 2; i >= 0; i--) {
    if (text.slice(out[i]!.start, out[i]!.end).split('\n').filter((l) => l.trim()).length <= 2) {
      out[i + 1]!.start = out[i]!.start;
      out.splice(i, 1);
    }
  }
  return out;
}

/**
 * Split pages into documents. One page with no separator rule, or no rules: one segment of unknown
 * type. A stretch whose head names no document, or says it continues, goes on the document before;
 * a stretch after a separator rule starts a document only when its head names one.
 */
export function segmentPages(pages: readonly { text: string }[], rules: SegmentRules | null): Segment[] {
  const all = pages.flatMap((p, i) => pieces(p.text, i + 1));
  const whole = (): Segment[] => [{ firstPage: 1, lastPage: Math.max(1, pages.length), pieces: pages.map((p, i) => ({ page: i + 1, start: 0, end: p.text.length })), type: 'unknown', role: 'narrative', sectionRoles: {}, rules: [] }];
  if (!rules || all.length <= 1) return whole();
  const out: Segment[] = [];
  const banners = repeatedBanners(pages, rules);
  for (const piece of all) {
    const text = pages[piece.page - 1]!.text.slice(piece.start, piece.end);
    // A stretch under a rule inside a page names its document at its top (a title bar), not in its
    // body ("... authorization the plan issued for the lumbar MRI, not for the injection").
    const c = classifyPage(text, rules, banners, piece.start > 0 ? INNER_HEAD_LINES : undefined);
    const prev = out[out.length - 1];
    // A fax's running page count ("Page 3 of 5") on a head that names another kind of document than
    // the one before ("CEDAR RIDGE SURGERY CENTER - PROCEDURE NOTE   Page 3 of 5" after a PA form)
    // starts that document.
    if (prev && c.continues && c.named && c.named.type !== prev.type) {
      out.push({ firstPage: piece.page, lastPage: piece.page, pieces: [piece], type: c.named.type, role: c.named.role, sectionRoles: c.named.sectionRoles ?? {}, rules: [c.named.id, c.continues] });
      continue;
    }
    if (prev && !c.type) {
      // A stretch that continues, or names no document: the document before goes on.
      prev.lastPage = piece.page;
      prev.pieces.push(piece);
      if (c.continues) prev.rules.push(c.continues);
      continue;
    }
    if (!c.type) {
      out.push({ firstPage: piece.page, lastPage: piece.page, pieces: [piece], type: 'unknown', role: 'narrative', sectionRoles: {}, rules: [] });
      continue;
    }
    out.push({ firstPage: piece.page, lastPage: piece.page, pieces: [piece], type: c.type.type, role: c.type.role, sectionRoles: c.type.sectionRoles ?? {}, rules: [c.type.id] });
  }
  return out;
}

/**
 * The type of a document read whole (one segment): only a type marked `singleDocument` in the
 * data, named by the head of its first page ("PRIOR AUTHORIZATION REQUEST" over a lone form), or a
 * PA form when no title names another type and a request form's field is there ("Proposed DOS:");
 * otherwise the single document stays `unknown` and is read sentence by sentence.
 */
export function singleDocumentType(pages: readonly { text: string }[], rules: SegmentRules | null): (SegmentTypeRule & { re: RegExp }) | null {
  if (!rules || pages.length === 0) return null;
  const t = classifyPage(pages[0]!.text, rules).type;
  if (t?.singleDocument) return t;
  // No title, or a fax cover's: a request form's date-of-service field makes it one (`singleDocumentCue`).
  if ((!t || t.type === 'fax_cover') && rules.singleDocumentCue && pages.some((p) => rules.singleDocumentCue!.re.test(p.text))) {
    return rules.types.find((x) => x.type === 'pa_form' && x.singleDocument) ?? null;
  }
  return null;
}

/** The section roles a document read whole takes from the type its head names (`sectionRolesWhenWhole`). */
export function wholeDocumentSectionRoles(pages: readonly { text: string }[], rules: SegmentRules | null): Readonly<Record<string, string>> | null {
  const t = rules && pages.length ? classifyPage(pages[0]!.text, rules).type : null;
  return t?.sectionRolesWhenWhole ? t.sectionRoles ?? null : null;
}

export function segmentRulesOf(res: Resources): SegmentRules | null {
  return res.segments;
}
