/**
 * Policy data files (src/criteria/policies/<id>.json): criteria as data, thresholds with their
 * source, confidence and the date they were checked. A criterion param written "$name" refers to
 * `thresholds.name`, so each number lives in one place with its citation.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { PROCEDURES } from '../schema/review.ts';

const Confidence = z.enum(['C', 'S', 'UNCONFIRMED']);
export const ThresholdSchema = z.object({
  value: z.union([z.number(), z.boolean(), z.null()]),
  unit: z.string().optional(),
  source: z.string(),
  confidence: Confidence,
  note: z.string().optional(),
}).strict();
export type Threshold = z.infer<typeof ThresholdSchema>;

export const CriterionDefSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/),
  text: z.string(),
  check: z.string(),
  params: z.record(z.string(), z.unknown()).default({}),
  source: z.string(),
  confidence: Confidence,
  appliesTo: z.array(z.enum(PROCEDURES)).min(1),
  /** Only for requests with this intent (e.g. therapeutic IA criteria). */
  intent: z.enum(['diagnostic', 'therapeutic']).optional(),
  /** The documentation or step that would satisfy the criterion ("future consideration"). */
  wouldMeet: z.string(),
}).strict();
export type CriterionDef = z.infer<typeof CriterionDefSchema>;

export const PolicySchema = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  citation: z.string(),
  verifiedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sourceUrl: z.array(z.string()).min(1),
  appliesTo: z.array(z.enum(PROCEDURES)).min(1),
  /** Names by which a packet points at this policy (LCD/article numbers, CPB numbers, set names). */
  names: z.array(z.string()),
  thresholds: z.record(z.string(), ThresholdSchema),
  criteria: z.array(CriterionDefSchema).min(1),
  notes: z.array(z.string()).optional(),
}).strict();
export type Policy = z.infer<typeof PolicySchema>;

export const POLICY_DIR = join(dirname(fileURLToPath(import.meta.url)), 'policies');

/** A criterion's params with every "$threshold" reference replaced by its value. */
export function resolveParams(policy: Policy, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = typeof v === 'string' && v.startsWith('$') ? policy.thresholds[v.slice(1)]?.value ?? null : v;
  }
  return out;
}

/** The thresholds a criterion refers to, with their sources (shown in the review). */
export function referencedThresholds(policy: Policy, params: Record<string, unknown>): Record<string, Threshold> {
  const out: Record<string, Threshold> = {};
  for (const v of Object.values(params)) {
    if (typeof v === 'string' && v.startsWith('$') && policy.thresholds[v.slice(1)]) out[v.slice(1)] = policy.thresholds[v.slice(1)]!;
  }
  return out;
}

export function threshold(policy: Policy, name: string): number | null {
  const v = policy.thresholds[name]?.value;
  return typeof v === 'number' ? v : null;
}

export function parsePolicy(json: unknown, file: string, knownChecks?: ReadonlySet<string>): Policy {
  const r = PolicySchema.safeParse(json);
  if (!r.success) throw new ConfigError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const p = r.data;
  const ids = new Set<string>();
  for (const c of p.criteria) {
    if (ids.has(c.id)) throw new ConfigError(`${file}: duplicate criterion id ${c.id}`);
    ids.add(c.id);
    if (knownChecks && !knownChecks.has(c.check)) throw new ConfigError(`${file}: criterion ${c.id} names unknown check "${c.check}"`);
    for (const v of Object.values(c.params)) {
      if (typeof v === 'string' && v.startsWith('$') && !p.thresholds[v.slice(1)]) {
        throw new ConfigError(`${file}: criterion ${c.id} refers to missing threshold ${v}`);
      }
    }
  }
  return p;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') { Object.values(o).forEach(deepFreeze); Object.freeze(o); }
  return o;
}

let cached: readonly Policy[] | null = null;

/** Every policy in `dir`, validated and frozen; loaded once. */
export function loadPolicies(knownChecks?: ReadonlySet<string>, dir = POLICY_DIR): readonly Policy[] {
  if (cached && dir === POLICY_DIR) return cached;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const policies = files.map((f) => {
    let json: unknown;
    try { json = JSON.parse(readFileSync(join(dir, f), 'utf8')); } catch (e) {
      throw new ConfigError(`${f}: not valid JSON (${(e as Error).message})`, { cause: e });
    }
    const p = parsePolicy(json, f, knownChecks);
    if (`${p.id}.json` !== f) throw new ConfigError(`${f}: policy id ${p.id} does not match the file name`);
    return deepFreeze(p);
  });
  if (dir === POLICY_DIR) cached = policies;
  return policies;
}
