/**
 * ConText rule files (lexicons/context/*.json): schema, validation and pattern expansion.
 * The design follows medspaCy's ConTextRule (literal/pattern, category, direction, max_scope,
 * allowed/excluded types), with a stable dotted id per rule and the examples each rule carries.
 */
import { z } from 'zod';
import { ConfigError } from '../../errors/index.ts';
import { tokenize, TokKind } from './tokens.ts';

export const TRIGGER_CATEGORIES = ['negated', 'possible', 'hypothetical', 'historical', 'family', 'other_experiencer'] as const;
export type TriggerCategory = (typeof TRIGGER_CATEGORIES)[number];
export const CATEGORIES = [...TRIGGER_CATEGORIES, 'terminate', 'pseudo'] as const;
export type Category = (typeof CATEGORIES)[number];
export const DIRECTIONS = ['forward', 'backward', 'bidirectional', 'terminate', 'pseudo'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Rule ids: `ctx.<family>.<name>`, stable, never reused (retired ids go in the file's `retired`). */
export const RULE_ID = /^ctx\.[a-z0-9_]+(?:\.[a-z0-9_-]+)+$/;

const ExamplesSchema = z.object({
  /**
   * Sentences with the target in [brackets] (`[target|targetType]`; a leading `{section}` sets the
   * section) that this rule must modify; for terminate/pseudo rules: that it matches and changes
   * the verdict the other rules would give.
   */
  hit: z.array(z.string().min(1)).default([]),
  /** Sentences with the target in [brackets] that this rule must NOT modify. */
  miss: z.array(z.string().min(1)).default([]),
}).strict();

export const ContextRuleSchema = z.object({
  id: z.string().regex(RULE_ID),
  /** Phrase matched token by token, white space folded, case-insensitive. */
  literal: z.string().min(1).optional(),
  /**
   * Token pattern: slots separated by spaces; `a|b` alternatives; `[a|b]` an optional slot;
   * `_` joins words inside one alternative (`in_the_past`); `#num` any number, `#year` a year,
   * `#word` any word, `#eoc` the end of the clause (last slot only: "fever: no" but not "pain: no radiation").
   */
  pattern: z.string().min(1).optional(),
  category: z.enum(CATEGORIES),
  direction: z.enum(DIRECTIONS),
  /** How many word tokens the scope reaches from the trigger (default: to the clause end). */
  maxScope: z.number().int().positive().optional(),
  /** The rule only modifies targets of these types (fact type or lexicon category). */
  allowedTypes: z.array(z.string().min(1)).min(1).optional(),
  /** The rule never modifies targets of these types. */
  excludedTypes: z.array(z.string().min(1)).min(1).optional(),
  /** Terminate rules: the categories whose scopes this stops (default: all). */
  terminates: z.array(z.enum(TRIGGER_CATEGORIES)).min(1).optional(),
  /** Pseudo rules: the categories whose shorter triggers this suppresses (default: all). */
  pseudoFor: z.array(z.enum(TRIGGER_CATEGORIES)).min(1).optional(),
  source: z.string().min(1),
  note: z.string().optional(),
  examples: ExamplesSchema.optional(),
}).strict().superRefine((r, ctx) => {
  if ((r.literal === undefined) === (r.pattern === undefined)) ctx.addIssue({ code: 'custom', message: 'exactly one of literal or pattern' });
  const structural = r.category === 'terminate' || r.category === 'pseudo';
  if (structural && r.direction !== r.category) ctx.addIssue({ code: 'custom', message: `category ${r.category} needs direction ${r.category}` });
  if (!structural && (r.direction === 'terminate' || r.direction === 'pseudo')) ctx.addIssue({ code: 'custom', message: `direction ${r.direction} needs category ${r.direction}` });
  if (r.terminates && r.category !== 'terminate') ctx.addIssue({ code: 'custom', message: 'terminates only on terminate rules' });
  if (r.pseudoFor && r.category !== 'pseudo') ctx.addIssue({ code: 'custom', message: 'pseudoFor only on pseudo rules' });
  if (r.allowedTypes && r.excludedTypes) ctx.addIssue({ code: 'custom', message: 'allowedTypes and excludedTypes are exclusive' });
  if (structural && (r.maxScope || r.allowedTypes || r.excludedTypes)) ctx.addIssue({ code: 'custom', message: 'maxScope/allowedTypes/excludedTypes only on trigger rules' });
});
export type ContextRule = z.infer<typeof ContextRuleSchema>;

const SectionDefaultSchema = z.object({
  id: z.string().regex(RULE_ID),
  source: z.string().min(1),
  experiencer: z.literal('other').optional(),
  historical: z.literal(true).optional(),
  assertion: z.enum(['absent', 'possible', 'hypothetical']).optional(),
}).strict();
export type SectionDefault = z.infer<typeof SectionDefaultSchema>;

/**
 * What a target is by the kind of concept it names, when no trigger and no section decides
 * (ConText's temporality is about the condition: tobacco use is social history, a bare chronic
 * disease entry is past history). Terms and exceptTerms are matched as whole token sequences
 * inside the target, case-insensitively.
 */
const ConceptDefaultSchema = z.object({
  id: z.string().regex(RULE_ID),
  source: z.string().min(1),
  note: z.string().optional(),
  historical: z.literal(true),
  /** Only when the target is the whole clause: a list entry ("HYPERTENSION.", "2) Gout."). */
  listItemOnly: z.boolean().default(false),
  /** Section categories where the default applies (absent: every section). */
  sections: z.array(z.string().min(1)).min(1).optional(),
  terms: z.array(z.string().min(1)).min(1),
  /** A target holding one of these, or with one in the two words either side, is not this kind
   * of concept ("alcohol withdrawal", "acute CHF", "[alcohol] level"). */
  exceptTerms: z.array(z.string().min(1)).default([]),
  examples: ExamplesSchema.optional(),
}).strict();
export type ConceptDefault = z.infer<typeof ConceptDefaultSchema>;

export const ContextFileSchema = z.object({
  version: z.string(),
  source: z.string(),
  description: z.string().optional(),
  rules: z.array(ContextRuleSchema).default([]),
  /** Section category -> what a target in that section is unless a trigger says otherwise. */
  sectionDefaults: z.record(z.string(), SectionDefaultSchema).optional(),
  conceptDefaults: z.array(ConceptDefaultSchema).optional(),
  retired: z.array(z.string().regex(RULE_ID)).optional(),
}).strict();

export interface LoadedRules {
  rules: ContextRule[];
  sectionDefaults: Record<string, SectionDefault>;
  conceptDefaults: ConceptDefault[];
}

/** Validate every context file; unknown keys, duplicate or retired ids are errors. */
export function loadContextRules(files: readonly { file: string; json: unknown }[]): LoadedRules {
  const rules: ContextRule[] = [];
  const ids = new Set<string>();
  const retired = new Set<string>();
  const sectionDefaults: Record<string, SectionDefault> = {};
  const conceptDefaults: ConceptDefault[] = [];
  for (const { file, json } of files) {
    const r = ContextFileSchema.safeParse(json);
    if (!r.success) throw new ConfigError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    for (const id of r.data.retired ?? []) retired.add(id);
    for (const rule of r.data.rules) {
      if (ids.has(rule.id)) throw new ConfigError(`${file}: duplicate context rule id ${rule.id}`);
      ids.add(rule.id);
      rules.push(rule);
    }
    for (const [sec, d] of Object.entries(r.data.sectionDefaults ?? {})) {
      if (sectionDefaults[sec]) throw new ConfigError(`${file}: section default for ${sec} given twice`);
      if (ids.has(d.id)) throw new ConfigError(`${file}: duplicate context rule id ${d.id}`);
      ids.add(d.id);
      sectionDefaults[sec] = d;
    }
    for (const d of r.data.conceptDefaults ?? []) {
      if (ids.has(d.id)) throw new ConfigError(`${file}: duplicate context rule id ${d.id}`);
      ids.add(d.id);
      for (const t of [...d.terms, ...d.exceptTerms]) if (phraseTokens(t).length === 0) throw new ConfigError(`${file}: ${d.id}: term "${t}" has no tokens`);
      conceptDefaults.push(d);
    }
  }
  for (const id of ids) if (retired.has(id)) throw new ConfigError(`context rule id ${id} is retired and cannot be reused`);
  return { rules, sectionDefaults, conceptDefaults };
}

export const WILD_NUM = '#num';
export const WILD_WORD = '#word';
/** A four-digit year 1900-2099. */
export const WILD_YEAR = '#year';
/** End of clause (consumes nothing): sentence end, a boundary, or one of . , ; ) */
export const WILD_EOC = '#eoc';
const WILDCARDS = new Set([WILD_NUM, WILD_WORD, WILD_YEAR, WILD_EOC]);
const MAX_EXPANSIONS = 4096;

export function phraseTokens(phrase: string): string[] {
  return tokenize(phrase.toLowerCase()).filter((t) => t.kind !== TokKind.Boundary).map((t) => t.t);
}

/** A rule as slots of token-sequence alternatives (a literal is one required slot). */
export interface RuleSlots { slots: { optional: boolean; alts: string[][] }[] }

/** Parse and check a rule's literal or pattern into slots. */
export function ruleSlots(rule: ContextRule): RuleSlots {
  if (rule.literal !== undefined) {
    const toks = phraseTokens(rule.literal);
    if (toks.length === 0) throw new ConfigError(`${rule.id}: literal has no tokens`);
    return { slots: [{ optional: false, alts: [toks] }] };
  }
  const raw = rule.pattern!.trim().split(/\s+/);
  const slots = raw.map((slot, i) => {
    const optional = slot.startsWith('[') && slot.endsWith(']');
    const body = optional ? slot.slice(1, -1) : slot;
    if (!body || /[[\]]/.test(body)) throw new ConfigError(`${rule.id}: bad pattern slot "${slot}"`);
    const alts = body.split('|').map((a) => {
      if (WILDCARDS.has(a)) return [a];
      const t = phraseTokens(a.replace(/_/g, ' '));
      if (t.length === 0) throw new ConfigError(`${rule.id}: empty alternative in "${slot}"`);
      return t;
    });
    if (alts.some((a) => a.includes(WILD_EOC)) && (i !== raw.length - 1 || optional || alts.length > 1 || i === 0)) {
      throw new ConfigError(`${rule.id}: #eoc must be the last slot, alone, and cannot start a pattern`);
    }
    return { optional, alts };
  });
  let count = 1;
  for (const sl of slots) {
    count *= sl.alts.length + (sl.optional ? 1 : 0);
    if (count > MAX_EXPANSIONS) throw new ConfigError(`${rule.id}: pattern expands to more than ${MAX_EXPANSIONS} phrases`);
  }
  if (slots.every((sl) => sl.optional)) throw new ConfigError(`${rule.id}: every slot is optional`);
  return { slots };
}

/** Every token sequence a rule matches (wildcards stay as WILD_NUM / WILD_WORD ...). For tests and tools. */
export function expandRule(rule: ContextRule): string[][] {
  let seqs: string[][] = [[]];
  for (const { optional, alts } of ruleSlots(rule).slots) {
    const next: string[][] = [];
    for (const s of seqs) {
      if (optional) next.push(s);
      for (const a of alts) next.push([...s, ...a]);
    }
    seqs = next;
  }
  return seqs.filter((s) => s.length > 0);
}
