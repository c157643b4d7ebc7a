/**
 * Value rules (lexicons/values/*.json): how a value is told in words — a care outcome today —
 * as data. Each rule has an id, a label (the value it gives), a scope (which words it reads: the
 * mention's own words `after`, the words right `before` it, or a table `cell`), a pattern and
 * examples that test/nlp/value-rules.test.ts runs. Within a category, rules are tried in file order
 * and the first that matches decides, so the order is part of the data.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';

const ValueRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9_.-]+$/),
  label: z.string().min(1),
  scope: z.enum(['after', 'before', 'cell']),
  pattern: z.string().min(1),
  note: z.string().optional(),
  examples: z.object({ hit: z.array(z.string()).min(1), miss: z.array(z.string()).optional() }).strict(),
}).strict();
const ValueFileSchema = z.object({
  version: z.string(),
  source: z.string(),
  category: z.string().regex(/^[a-z_]+$/),
  rules: z.array(ValueRuleSchema).min(1),
}).strict();
export type ValueRule = z.infer<typeof ValueRuleSchema> & { re: RegExp };
export type ValueScope = ValueRule['scope'];

/** Compiled rules by category, in file order. */
export type ValueRules = ReadonlyMap<string, readonly ValueRule[]>;

export function loadValueRules(lexiconDir: string): ValueRules {
  const dir = join(lexiconDir, 'values');
  const out = new Map<string, ValueRule[]>();
  if (!existsSync(dir)) return out;
  const ids = new Set<string>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, name);
    let json: unknown;
    try { json = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`, { cause: e }); }
    const r = ValueFileSchema.safeParse(json);
    if (!r.success) throw new ConfigError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const list = out.get(r.data.category) ?? [];
    for (const rule of r.data.rules) {
      if (ids.has(rule.id)) throw new ConfigError(`${file}: duplicate value rule id ${rule.id}`);
      ids.add(rule.id);
      let re: RegExp;
      try { re = new RegExp(rule.pattern, 'i'); } catch (e) { throw new ConfigError(`${file}: rule ${rule.id}: bad pattern (${(e as Error).message})`, { cause: e }); }
      list.push({ ...rule, re });
    }
    out.set(r.data.category, list);
  }
  return out;
}

/** The rules of a category for one scope (and label), in file order: selected once, read often. */
const selected = new WeakMap<readonly ValueRule[], Map<string, readonly ValueRule[]>>();
function rulesFor(rules: ValueRules, category: string, scope: ValueScope, label: string | undefined): readonly ValueRule[] {
  const all = rules.get(category);
  if (!all) return [];
  let byKey = selected.get(all);
  if (!byKey) { byKey = new Map(); selected.set(all, byKey); }
  const key = `${scope}|${label ?? ''}`;
  let list = byKey.get(key);
  if (!list) { list = all.filter((r) => r.scope === scope && (label === undefined || r.label === label)); byKey.set(key, list); }
  return list;
}

/** The first rule of `category` and `scope` (and `label`, when given) whose pattern matches `text`, or null. */
export function readValue(rules: ValueRules, category: string, scope: ValueScope, text: string, label?: string): { label: string; id: string } | null {
  for (const r of rulesFor(rules, category, scope, label)) if (r.re.test(text)) return { label: r.label, id: r.id };
  return null;
}
