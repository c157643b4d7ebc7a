/**
 * The dated code table (src/criteria/codes/codes.json): ICD-10-CM, CPT and HCPCS codes in scope
 * with their official meanings, billable/header status, deletion dates, region, add-on counting,
 * "includes imaging guidance", and confidence marks (UNCONFIRMED descriptors stay marked).
 * Loaded once, validated, frozen.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { toDay } from '../case/dates.ts';

const Region = z.enum(['cervical', 'thoracic', 'lumbar', 'sacral']);
export const CodeEntrySchema = z.object({
  code: z.string(),
  system: z.enum(['icd10cm', 'cpt', 'hcpcs']),
  meaning: z.string(),
  billable: z.boolean(),
  region: z.array(Region).optional(),
  source: z.string(),
  confidence: z.enum(['C', 'S', 'UNCONFIRMED']),
  note: z.string().optional(),
  added: z.string().optional(),
  deleted: z.string().optional(),
  billableUntil: z.string().optional(),
  withoutRadiculopathy: z.boolean().optional(),
  radiculopathy: z.boolean().optional(),
  claudication: z.boolean().optional(),
  fusion: z.boolean().optional(),
  supports: z.array(z.string()).optional(),
  family: z.string().optional(),
  role: z.enum(['primary', 'addon', 'guidance', 'sedation', 'contrast', 'drug']).optional(),
  addOnOf: z.string().optional(),
  includesGuidance: z.boolean().optional(),
  guidance: z.string().optional(),
  levelsCounted: z.union([z.number(), z.enum(['rest', 'each'])]).optional(),
  nonCovered: z.string().optional(),
  approach: z.string().optional(),
  /** The procedure a packet requests when it bills this code and no sentence names it (CONTRACT vocabulary). */
  requests: z.string().optional(),
  /**
   * A code that covers two procedures: the description column written beside it chooses ("64493
   * Lumbar facet joint injection, intra-articular, L5-S1" asks for an intra-articular injection).
   * The first pattern (lower-case) that matches the description names the procedure requested.
   */
  requestsWhenDescribed: z.array(z.object({ pattern: z.string(), requests: z.string() }).strict()).optional(),
  notSingleShot: z.boolean().optional(),
  notFor: z.array(z.string()).optional(),
  notForReason: z.string().optional(),
  sedation: z.string().optional(),
  maxAge: z.number().optional(),
  drug: z.string().nullable().optional(),
  localAnesthetic: z.boolean().optional(),
  ivInfusionOnly: z.boolean().optional(),
}).strict();
export type CodeEntry = z.infer<typeof CodeEntrySchema>;

const CodeFileSchema = z.object({
  version: z.string(),
  verifiedOn: z.string(),
  source: z.string(),
  sources: z.record(z.string(), z.string()),
  enumeratedRanges: z.array(z.object({ system: z.string(), from: z.string(), to: z.string(), except: z.array(z.string()).optional(), note: z.string().optional() }).strict()),
  drugNames: z.array(z.string()),
  drugBrands: z.record(z.string(), z.string()),
  codes: z.array(CodeEntrySchema),
}).strict();

export interface CodeTable {
  version: string;
  verifiedOn: string;
  sources: Record<string, string>;
  byCode: ReadonlyMap<string, CodeEntry>;
  enumeratedRanges: z.infer<typeof CodeFileSchema>['enumeratedRanges'];
  drugNames: readonly string[];
  drugBrands: Readonly<Record<string, string>>;
}

let cached: CodeTable | null = null;

export function loadCodeTable(path = join(dirname(fileURLToPath(import.meta.url)), 'codes', 'codes.json')): CodeTable {
  if (cached && arguments.length === 0) return cached;
  let json: unknown;
  try { json = JSON.parse(readFileSync(path, 'utf8')); } catch (e) {
    throw new ConfigError(`${path}: cannot read the code table (${(e as Error).message})`, { cause: e });
  }
  const r = CodeFileSchema.safeParse(json);
  if (!r.success) throw new ConfigError(`${path}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const byCode = new Map<string, CodeEntry>();
  for (const c of r.data.codes) {
    if (byCode.has(c.code)) throw new ConfigError(`${path}: duplicate code ${c.code}`);
    byCode.set(c.code, Object.freeze(c));
  }
  const table: CodeTable = Object.freeze({
    version: r.data.version, verifiedOn: r.data.verifiedOn, sources: r.data.sources, byCode,
    enumeratedRanges: r.data.enumeratedRanges, drugNames: r.data.drugNames, drugBrands: r.data.drugBrands,
  });
  if (arguments.length === 0) cached = table;
  return table;
}

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}

export function lookupCode(table: CodeTable, code: string): CodeEntry | undefined {
  return table.byCode.get(normalizeCode(code));
}

export type CodeValidity =
  | { valid: true; entry?: CodeEntry }
  | { valid: false; why: 'deleted' | 'header' | 'nonexistent' | 'not_yet_valid'; entry?: CodeEntry };

/** Whether a code could be billed on `onDate` (the note date; today when unknown). */
export function codeValidity(table: CodeTable, code: string, onDate: string | null): CodeValidity {
  const c = normalizeCode(code);
  const entry = table.byCode.get(c);
  const day = toDay(onDate ?? new Date().toISOString().slice(0, 10))!;
  if (entry) {
    if (entry.deleted && day >= toDay(entry.deleted)!) return { valid: false, why: 'deleted', entry };
    if (entry.added && day < toDay(entry.added)!) return { valid: false, why: 'not_yet_valid', entry };
    if (!entry.billable) {
      if (entry.billableUntil && day <= toDay(entry.billableUntil)!) return { valid: true, entry };
      return { valid: false, why: 'header', entry };
    }
    return { valid: true, entry };
  }
  if (/^\d{5}$/.test(c)) {
    const n = Number(c);
    for (const r of table.enumeratedRanges) {
      if (n >= Number(r.from) && n <= Number(r.to) && !(r.except ?? []).includes(c)) {
        return { valid: false, why: 'nonexistent' };
      }
    }
  }
  return { valid: true };
}

const DESCRIBED = new WeakMap<object, RegExp>();

/** The procedure a billed code asks for, its description column choosing when the code covers two (`requestsWhenDescribed`). */
export function requestedBy(entry: CodeEntry | undefined, description: string | undefined): string | undefined {
  if (!entry) return undefined;
  const d = (description ?? '').toLowerCase();
  if (d && entry.requestsWhenDescribed) {
    for (const w of entry.requestsWhenDescribed) {
      let re = DESCRIBED.get(w);
      if (!re) { re = new RegExp(w.pattern); DESCRIBED.set(w, re); }
      if (re.test(d)) return w.requests;
    }
  }
  return entry.requests;
}
