/**
 * Why a packet's determination disagrees with its gold: the review is run again on the GOLD facts
 * instead of the extracted ones (same case builder, same criteria, same flags), and the two runs
 * are compared.
 *
 * - The gold facts give the gold determination → extraction caused the disagreement.
 * - They do not → the criteria (or flags, or the determination rules) caused it: even perfect
 *   extraction would not agree. (A gold determination the contract's facts cannot carry — relief
 *   in words, a relief duration the gold convention leaves out — lands here too.)
 *
 * Which facts go in: for every type the gold lists in `factTypes` (the types it annotates
 * completely), the gold's facts; for every other type (payer, sedation reason, types a packet's
 * gold leaves out), the extracted facts, which are all anyone has. The note date is the one the
 * review used. Gold facts carry no offsets, so each gets a synthetic evidence span (its own quote
 * when the gold gives one with page and offsets). Pure: no I/O beyond the frozen policy data the
 * evaluator loads once.
 */
import { evaluateCase, type EvaluateOptions } from '../criteria/index.ts';
import type { Evidence, Fact, ReviewOutput } from '../schema/review.ts';
import type { Gold, GoldFact } from './gold.ts';

export type AttributionCause = 'extraction' | 'criteria';

export interface CriterionChange {
  policy: string;
  procedure: string;
  criterion: string;
  /** Status in the review of the extracted facts (null: that review has no such criterion). */
  predicted: string | null;
  /** Status in the review of the gold facts. */
  onGold: string | null;
}

export interface ReviewChange {
  policy: string;
  procedure: string;
  predicted: string | null;
  onGold: string | null;
}

export interface Attribution {
  cause: AttributionCause;
  gold: string;
  predicted: string;
  /** The determination the gold facts give. */
  onGoldFacts: string;
  governing: { predicted: string | null; onGold: string | null };
  /** Reviews (policy × requested procedure) whose outcome differs between the two runs. */
  reviews: ReviewChange[];
  /**
   * Criteria whose status differs between the two runs, over the reviews both runs made; those of
   * the review that governs on the gold facts first.
   */
  changed: CriterionChange[];
  flags: { onlyPredicted: string[]; onlyOnGold: string[] };
  /** Fact types taken from extraction because the gold does not list them. */
  extractedTypes: string[];
}

/** "CMS-ESI-3: not_met → met" (criteria keyed by id; the policy only when ids repeat). */
export function formatChange(c: CriterionChange): string {
  return `${c.criterion}: ${c.predicted ?? 'absent'} → ${c.onGold ?? 'absent'}`;
}

interface ReviewLike {
  policy: string;
  governing?: boolean;
  outcome: string;
  request: { procedure: string };
  criteria: { id: string; status: string }[];
}

function syntheticEvidence(g: GoldFact): Evidence[] {
  const ev = g.evidence === undefined ? [] : Array.isArray(g.evidence) ? g.evidence : [g.evidence];
  const out: Evidence[] = [];
  for (const e of ev) {
    if (typeof e === 'string') { out.push({ page: 1, start: 0, end: 0, text: e }); continue; }
    const o = e as Record<string, unknown>;
    const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
    const page = n(o.page); const start = n(o.start); const end = n(o.end);
    out.push({ page: page && page >= 1 ? page : 1, start: start ?? 0, end: end ?? start ?? 0, text: typeof o.text === 'string' ? o.text : '' });
  }
  return out.length ? out : [{ page: 1, start: 0, end: 0, text: '' }];
}

/** Gold attribute values as the contract's fact attributes (numbers in lists become strings). */
function attributesOf(g: GoldFact): Fact['attributes'] {
  return Object.fromEntries(Object.entries(g.attributes).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v]));
}

/**
 * The facts the gold-fact review runs on: gold facts of the listed types, extracted facts of the
 * others, numbered afresh (f1…).
 */
export function goldFactInput(gold: Gold, predicted: readonly Fact[]): { facts: Fact[]; extractedTypes: string[] } {
  const listed = new Set<string>(gold.factTypes);
  const kept = predicted.filter((f) => !listed.has(f.type));
  const fromGold = gold.facts.filter((g) => listed.has(g.type)).map((g) => ({
    type: g.type, assertion: g.assertion, ...(g.experiencer ? { experiencer: g.experiencer } : {}),
    attributes: attributesOf(g), evidence: syntheticEvidence(g),
  }));
  const facts = [...fromGold, ...kept.map(({ id: _id, ...f }) => f)].map((f, i) => ({ ...f, id: `f${i + 1}` }) as Fact);
  return { facts, extractedTypes: [...new Set(kept.map((f) => f.type))].sort() };
}

function key(policy: string, procedure: string): string {
  return `${policy}\u0000${procedure}`;
}

/** One review per (policy, procedure): the governing one when a policy reviews several requests of a procedure. */
function byKey(reviews: readonly ReviewLike[]): Map<string, ReviewLike> {
  const m = new Map<string, ReviewLike>();
  for (const r of reviews) {
    const k = key(r.policy, r.request.procedure);
    const had = m.get(k);
    if (!had || (!had.governing && r.governing)) m.set(k, r);
  }
  return m;
}

export interface AttributionInput {
  gold: Gold;
  /** The review of the extracted facts (what `mednec review` printed). */
  review: Pick<ReviewOutput, 'facts' | 'determination' | 'reviews' | 'flags' | 'case'>;
  /** Policy options the review ran with (`--policy`). */
  options?: Pick<EvaluateOptions, 'policies' | 'policySet' | 'codeTable'>;
}

/** Null when the gold gives no determination. */
export function attributeDetermination({ gold, review, options }: AttributionInput): Attribution | null {
  if (gold.determination === undefined) return null;
  const nd = (review.case as { noteDate?: { value?: unknown } } | undefined)?.noteDate?.value;
  const { facts, extractedTypes } = goldFactInput(gold, review.facts);
  const onGold = evaluateCase(facts, { ...options, noteDate: typeof nd === 'string' ? nd : undefined });

  const pred = byKey(review.reviews as ReviewLike[]);
  const mine = byKey(onGold.reviews as ReviewLike[]);
  const reviews: ReviewChange[] = [];
  const changed: CriterionChange[] = [];
  for (const k of [...new Set([...pred.keys(), ...mine.keys()])].sort()) {
    const a = pred.get(k);
    const b = mine.get(k);
    const [policy, procedure] = k.split('\u0000') as [string, string];
    if (a?.outcome !== b?.outcome) reviews.push({ policy, procedure, predicted: a?.outcome ?? null, onGold: b?.outcome ?? null });
    // A review only one run made (a request found on one side only) is a review change, not a
    // change of each of its criteria.
    if (!a || !b) continue;
    const sa = new Map((a?.criteria ?? []).map((c) => [c.id, c.status]));
    const sb = new Map((b?.criteria ?? []).map((c) => [c.id, c.status]));
    for (const id of [...new Set([...sa.keys(), ...sb.keys()])]) {
      const x = sa.get(id) ?? null;
      const y = sb.get(id) ?? null;
      if (x !== y) changed.push({ policy, procedure, criterion: id, predicted: x, onGold: y });
    }
  }
  const govOnGold = (onGold.reviews as ReviewLike[]).find((r) => r.governing);
  const first = (c: CriterionChange) => (govOnGold && c.policy === govOnGold.policy && c.procedure === govOnGold.request.procedure ? 0 : 1);
  changed.sort((x, y) => first(x) - first(y));
  const fp = new Set(review.flags.map((f) => f.code));
  const fg = new Set(onGold.flags.map((f) => f.code));
  return {
    cause: onGold.determination === gold.determination ? 'extraction' : 'criteria',
    gold: gold.determination,
    predicted: review.determination,
    onGoldFacts: onGold.determination,
    governing: {
      predicted: (review.reviews as ReviewLike[]).find((r) => r.governing)?.policy ?? null,
      onGold: govOnGold?.policy ?? null,
    },
    reviews,
    changed,
    flags: { onlyPredicted: [...fp].filter((c) => !fg.has(c)).sort(), onlyOnGold: [...fg].filter((c) => !fp.has(c)).sort() },
    extractedTypes,
  };
}
