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
}).strict();
const SegmentFileSchema = z.object({
  version: z.string(),
  source: z.string(),
  headLines: z.number().int().min(1).max(40),
  banner: PatternRuleSchema,
  continuation: z.array(PatternRuleSchema),
  types: z.array(TypeRuleSchema).min(1),
}).strict();
export type SegmentFile = z.infer<typeof SegmentFileSchema>;
export type SegmentTypeRule = z.infer<typeof TypeRuleSchema>;

export interface SegmentRules {
  file: SegmentFile;
  headLines: number;
  banner: RegExp;
  continuation: { id: string; re: RegExp }[];
  types: (SegmentTypeRule & { re: RegExp })[];
}

export interface Segment {
  /** 1-based page numbers, inclusive. */
  firstPage: number;
  lastPage: number;
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
  for (const rule of [f.banner, ...f.continuation, ...f.types]) {
    if (ids.has(rule.id)) throw new ConfigError(`${file}: duplicate rule id ${rule.id}`);
    ids.add(rule.id);
  }
  return {
    file: f,
    headLines: f.headLines,
    banner: compile(f.banner.id, f.banner.pattern),
    continuation: f.continuation.map((c) => ({ id: c.id, re: compile(c.id, c.pattern) })),
    types: f.types.map((t) => ({ ...t, re: compile(t.id, t.pattern) })),
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

/** First lines that repeat (digits aside) on most pages of a packet: a fax banner of any shape. */
export function repeatedBanners(pages: readonly { text: string }[]): Set<string> {
  const counts = new Map<string, number>();
  for (const p of pages) {
    const s = shape(firstLine(p.text));
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2 && n >= 0.4 * pages.length).map(([s]) => s));
}

/** The head of a page: its first non-empty lines, lower-cased, with the fax banner left out. */
export function pageHead(text: string, rules: SegmentRules, banners: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().toLowerCase();
    if (!line) continue;
    if (rules.banner.test(line) || (out.length === 0 && banners.has(shape(line)))) continue;
    out.push(line);
    if (out.length >= rules.headLines) break;
  }
  return out;
}

export interface PageClass { type: SegmentTypeRule & { re: RegExp } | null; continues: string | null }

/**
 * What a page's head says: a document it starts (the top-most head line that names one; on that
 * line, the first type in the file's order), or that it continues one.
 */
export function classifyPage(text: string, rules: SegmentRules, banners?: ReadonlySet<string>): PageClass {
  const head = pageHead(text, rules, banners);
  const top = head.slice(0, 3);
  for (const c of rules.continuation) if (top.some((l) => c.re.test(l))) return { type: null, continues: c.id };
  for (const l of head) {
    const t = rules.types.find((x) => x.re.test(l));
    if (t) return { type: t, continues: null };
  }
  return { type: null, continues: null };
}

/** Split pages into documents. One page, or no rules: one segment of unknown type. */
export function segmentPages(pages: readonly { text: string }[], rules: SegmentRules | null): Segment[] {
  const whole = (): Segment[] => [{ firstPage: 1, lastPage: Math.max(1, pages.length), type: 'unknown', role: 'narrative', sectionRoles: {}, rules: [] }];
  if (!rules || pages.length <= 1) return whole();
  const out: Segment[] = [];
  const banners = repeatedBanners(pages);
  pages.forEach((p, i) => {
    const n = i + 1;
    const c = classifyPage(p.text, rules, banners);
    const prev = out[out.length - 1];
    if (prev && !c.type) {
      // A page that continues, or names no document: the document before goes on.
      prev.lastPage = n;
      if (c.continues) prev.rules.push(c.continues);
      return;
    }
    if (!c.type) {
      out.push({ firstPage: n, lastPage: n, type: 'unknown', role: 'narrative', sectionRoles: {}, rules: [] });
      return;
    }
    out.push({ firstPage: n, lastPage: n, type: c.type.type, role: c.type.role, sectionRoles: c.type.sectionRoles ?? {}, rules: [c.type.id] });
  });
  return out;
}

export function segmentRulesOf(res: Resources): SegmentRules | null {
  return res.segments;
}
