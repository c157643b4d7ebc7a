/**
 * Lexicons and rules are data (lexicons/), loaded once, validated with zod, deep-frozen, and
 * passed explicitly. Importing a module never reads the disk.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors/index.ts';
import { loadSegmentRules, type SegmentRules } from './nlp/segments.ts';
import { loadValueRules, type ValueRules } from './nlp/value-rules.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LEXICON_DIR = join(REPO_ROOT, 'lexicons');

const TermSchema = z.object({
  id: z.string().regex(/^lex\.[a-z0-9_.-]+$/),
  concept: z.string(),
  literals: z.array(z.string().min(1)).min(1),
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Match the literals with their case as written ("PT" = physical therapy, "Pt" = patient). */
  caseSensitive: z.boolean().optional(),
  note: z.string().optional(),
}).strict();
const TermFileSchema = z.object({
  version: z.string(),
  category: z.string(),
  source: z.string(),
  description: z.string().optional(),
  terms: z.array(TermSchema),
  retired: z.array(z.string()).optional(),
}).strict();
export type TermEntry = z.infer<typeof TermSchema> & { category: string };

const SectionRuleSchema = z.object({
  id: z.string().regex(/^sec\.[a-z0-9_.-]+$/),
  category: z.string(),
  literals: z.array(z.string().min(1)).min(1),
  /**
   * A heading written as a field, its value on its own line ("CPT: 64635-50, 64636-50",
   * "Dx: M51.17"), heads that line only: the lines after it belong to the section before it.
   */
  field: z.boolean().optional(),
  /** A line this pattern matches (lower-case) is no heading of the rule ("Plan: Medicare Advantage HMO" names a health plan). */
  unless: z.string().optional(),
  /**
   * The heading may lead a title line written all in capitals ("MRI LUMBAR SPINE WITH AND WITHOUT
   * GADOLINIUM - 05/29/2025"): the line is the heading and the lines after it its section.
   */
  titleLine: z.boolean().optional(),
  /**
   * Categories this heading is a field of when it is indented deeper than their heading, inside their
   * section: "Treatment\n 1. Lumbar disc herniation\n    PROCEDURE: Left L5 TFESI ..." is the plan's
   * procedure; the section keeps the outer category.
   */
  nestsUnder: z.array(z.string()).optional(),
  note: z.string().optional(),
}).strict();
const SectionFileSchema = z.object({
  version: z.string(),
  source: z.string(),
  sections: z.array(SectionRuleSchema),
}).strict();
export type SectionRule = z.infer<typeof SectionRuleSchema>;

export interface Resources {
  readonly terms: readonly TermEntry[];
  readonly sections: readonly SectionRule[];
  /** Raw JSON of lexicons/context/*.json, validated by the context engine's own loader. */
  readonly contextFiles: readonly { file: string; json: unknown }[];
  /** Packet segmentation rules (lexicons/segments.json), compiled; null when the file is absent. */
  readonly segments: SegmentRules | null;
  /** How values are told in words (lexicons/values/*.json): rules by category, in order. */
  readonly values: ValueRules;
  /** Component caches compiled once per Resources (tries, automata). */
  readonly cache: Map<string, unknown>;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const r = schema.safeParse(json);
  if (!r.success) throw new ConfigError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o) && !(o instanceof Map)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

const loaded = new Map<string, Resources>();

export function loadResources(dir: string = LEXICON_DIR): Resources {
  const hit = loaded.get(dir);
  if (hit) return hit;
  const terms: TermEntry[] = [];
  const ids = new Set<string>();
  for (const file of jsonFiles(join(dir, 'terms'))) {
    const f = parseWith(TermFileSchema, readJson(file), file);
    for (const t of f.terms) {
      if (ids.has(t.id)) throw new ConfigError(`${file}: duplicate lexicon id ${t.id}`);
      ids.add(t.id);
      terms.push({ ...t, category: f.category });
    }
  }
  const secPath = join(dir, 'sections.json');
  const sections = existsSync(secPath) ? parseWith(SectionFileSchema, readJson(secPath), secPath).sections : [];
  const contextFiles = jsonFiles(join(dir, 'context')).map((file) => ({ file, json: readJson(file) }));
  const res: Resources = {
    terms: deepFreeze(terms),
    sections: deepFreeze(sections),
    contextFiles: deepFreeze(contextFiles),
    segments: loadSegmentRules(dir),
    values: loadValueRules(dir),
    cache: new Map(),
  };
  loaded.set(dir, res);
  return res;
}
