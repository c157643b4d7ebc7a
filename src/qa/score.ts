/**
 * Scoring: one note's review against its gold (pure), and the micro-averaged totals over notes.
 *
 * Definitions (also in README "QA"):
 * - Facts: per type, TP = exact one-to-one matches, FN = gold facts left unmatched, FP = unmatched
 *   predictions of the types the gold lists in `factTypes` (others are ignored). Overall is micro:
 *   the counts summed over types and notes. F1 = 2TP / (2TP + FP + FN).
 * - Assertion classes: the same matching, split by assertion. For class c, TP = exact matches
 *   whose assertion is c, FN = unmatched gold facts labelled c, FP = counted predictions labelled
 *   c. The confusion matrix pairs the remaining gold facts and predictions whose type and
 *   attributes agree but whose assertion differs (gold → predicted); `none` = no such partner.
 *   "Given attributes" scores read the matrix without `none`: each gold fact's assertion is the
 *   label, the paired prediction's assertion the answer (the assertion engine alone).
 * - Flags: the gold's `flags` against the review's top-level flag codes, as sets per note.
 * - Determination and policy outcomes: exact agreement where the gold gives them.
 */
import type { Assertion, ReviewOutput } from '../schema/review.ts';
import { ASSERTIONS, DETERMINATIONS } from '../schema/review.ts';
import type { Attribution } from './attribution.ts';
import type { Gold, GoldFact } from './gold.ts';
import { matchNote, type AttrDiff, type Closest, type PredictedFact } from './match.ts';
import { formatValue } from './normalize.ts';

export interface Counts { tp: number; fp: number; fn: number }
export interface Prf extends Counts { precision: number | null; recall: number | null; f1: number | null }

export type AssertionOrNone = Assertion | 'none';

/** A snippet of note text around a span (filled in by the runner, which has the pages). */
export interface Snippet {
  page: number;
  before: string;
  text: string;
  after: string;
  /** How the span was found for a gold fact (gold quote, closest prediction, attribute value). */
  via?: 'evidence' | 'gold-quote' | 'closest-prediction' | 'attribute-search';
}

export interface MissItem {
  gold: GoldFact;
  closest?: {
    fact: PredictedFact;
    assertionDiffers: boolean;
    experiencerDiffers: boolean;
    attributes: AttrDiff[];
    alreadyMatched: boolean;
  };
  /** e.g. "levels ok; side differs (gold bilateral, predicted left)". */
  summary: string;
  context?: Snippet;
}

export interface FalsePositiveItem {
  fact: PredictedFact;
  context?: Snippet;
}

export interface FlagResult { expected: string[]; predicted: string[]; tp: string[]; fp: string[]; fn: string[] }
export interface ReviewAgreement { policy: string; procedure?: string; gold: string; predicted: string | null; agree: boolean }

export interface NoteResult {
  goldPath: string;
  notePath: string;
  dir: string;
  /** sha256 (16 hex) of the gold and note bytes: the gate compares a note only while both are unchanged. */
  fingerprint?: string;
  /** The review failed: the note is scored as if nothing was predicted. */
  error?: string;
  /** Which form of the packet was read (`text`, `pdf`, `fax-std`, `fax-fine`), when scored with `--forms`. */
  form?: string;
  /** The note's folder is a held-out set (`.heldout`): the table prints its aggregates only. */
  heldout?: boolean;
  listedTypes: string[];
  types: Record<string, Counts>;
  assertions: Record<Assertion, Counts>;
  confusion: Record<AssertionOrNone, Record<AssertionOrNone, number>>;
  flags: FlagResult | null;
  determination: { gold: string; predicted: string; agree: boolean } | null;
  reviews: ReviewAgreement[];
  /** Which policy governs, when the gold marks one review `governing: true`. */
  governing: { gold: string; predicted: string | null; agree: boolean } | null;
  matched: number;
  misses: MissItem[];
  falsePositives: FalsePositiveItem[];
  ignoredPredictions: number;
  /** The determination the review gives on the gold facts instead of the extracted ones. */
  onGoldFacts?: string;
  /** The determination disagrees: the review re-run on the gold facts says why (attribution.ts). */
  attribution?: Attribution;
}

export interface ScoreOptions {
  /** `--types`: score only these fact types. */
  types?: ReadonlySet<string>;
}

export function emptyCounts(): Counts { return { tp: 0, fp: 0, fn: 0 }; }

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null;
  const denom = 2 * c.tp + c.fp + c.fn;
  return { ...c, precision, recall, f1: denom > 0 ? (2 * c.tp) / denom : null };
}

function add(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

function emptyConfusion(): Record<AssertionOrNone, Record<AssertionOrNone, number>> {
  const keys: AssertionOrNone[] = [...ASSERTIONS, 'none'];
  return Object.fromEntries(keys.map((g) => [g, Object.fromEntries(keys.map((p) => [p, 0]))])) as
    Record<AssertionOrNone, Record<AssertionOrNone, number>>;
}

export function describeMiss(closest: Closest | undefined, g: GoldFact, p?: PredictedFact): string {
  if (!closest || !p) return `no ${g.type} predicted`;
  const parts: string[] = [];
  if (closest.assertionDiffers) parts.push(`assertion differs (gold ${g.assertion}, predicted ${p.assertion})`);
  if (closest.experiencerDiffers) parts.push(`experiencer differs (gold ${g.experiencer}, predicted ${p.experiencer ?? 'patient'})`);
  for (const a of closest.attributes) {
    if (a.status === 'ok') parts.push(`${a.key} ok`);
    else if (a.status === 'missing') parts.push(`${a.key} missing (gold ${formatValue(a.gold)})`);
    else parts.push(`${a.key} differs (gold ${formatValue(a.gold)}, predicted ${formatValue(a.pred)})`);
  }
  if (parts.length === 0) parts.push('same type, nothing else to compare');
  return (closest.alreadyMatched ? 'closest is matched to another gold fact: ' : '') + parts.join('; ');
}

function scoreFlags(gold: Gold, review: ReviewOutput | null): FlagResult | null {
  if (!gold.flags) return null;
  const expected = [...new Set(gold.flags)].sort();
  const predicted = [...new Set((review?.flags ?? []).map((f) => f.code))].sort();
  return {
    expected, predicted,
    tp: expected.filter((c) => predicted.includes(c)),
    fp: predicted.filter((c) => !expected.includes(c)),
    fn: expected.filter((c) => !predicted.includes(c)),
  };
}

function scoreReviews(gold: Gold, review: ReviewOutput | null): ReviewAgreement[] {
  return (gold.reviews ?? []).map((g) => {
    const same = (review?.reviews ?? []).filter((r) => r.policy === g.policy
      && (g.procedure === undefined || r.request.procedure === g.procedure));
    // Several requests under one policy and no procedure named: the governing one speaks.
    const r = same.find((x) => x.governing) ?? same[0];
    const predicted = r ? r.outcome : null;
    return { policy: g.policy, ...(g.procedure ? { procedure: g.procedure } : {}), gold: g.outcome, predicted, agree: predicted === g.outcome };
  });
}

function scoreGoverning(gold: Gold, review: ReviewOutput | null): NoteResult['governing'] {
  const g = (gold.reviews ?? []).find((r) => r.governing === true);
  if (!g) return null;
  const predicted = (review?.reviews ?? []).find((r) => r.governing)?.policy ?? null;
  return { gold: g.policy, predicted, agree: predicted === g.policy };
}

/** Score one note. `review` null = the review failed (`error`): nothing predicted. */
export function scoreNote(ref: { goldPath: string; notePath: string; dir: string; fingerprint?: string; form?: string; heldout?: boolean }, gold: Gold,
  review: ReviewOutput | null, opts: ScoreOptions = {}, error?: string): NoteResult {
  const inScope = opts.types;
  const listed = new Set(gold.factTypes.filter((t) => !inScope || inScope.has(t)));
  const preds: PredictedFact[] = (review?.facts ?? []) as PredictedFact[];
  const m = matchNote(gold.facts, preds, listed, inScope);

  const types: Record<string, Counts> = {};
  const bump = (t: string, k: keyof Counts) => { (types[t] ??= emptyCounts())[k]++; };
  for (const t of listed) types[t] ??= emptyCounts();
  const assertions = Object.fromEntries(ASSERTIONS.map((a) => [a, emptyCounts()])) as Record<Assertion, Counts>;
  const confusion = emptyConfusion();

  for (const [i, j] of m.matched) {
    bump(gold.facts[i]!.type, 'tp');
    assertions[gold.facts[i]!.assertion].tp++;
    confusion[gold.facts[i]!.assertion][preds[j]!.assertion]++;
  }
  for (const { gold: i } of m.missed) {
    bump(gold.facts[i]!.type, 'fn');
    assertions[gold.facts[i]!.assertion].fn++;
  }
  for (const j of m.falsePositives) {
    bump(preds[j]!.type, 'fp');
    assertions[preds[j]!.assertion].fp++;
  }
  const pairedG = new Set(m.assertionPairs.map(([i]) => i));
  const pairedP = new Set(m.assertionPairs.map(([, j]) => j));
  for (const [i, j] of m.assertionPairs) confusion[gold.facts[i]!.assertion][preds[j]!.assertion]++;
  for (const { gold: i } of m.missed) if (!pairedG.has(i)) confusion[gold.facts[i]!.assertion].none++;
  for (const j of m.falsePositives) if (!pairedP.has(j)) confusion.none[preds[j]!.assertion]++;

  const misses: MissItem[] = m.missed.map(({ gold: i, closest }) => {
    const g = gold.facts[i]!;
    const p = closest ? preds[closest.pred] : undefined;
    return {
      gold: g,
      ...(closest && p ? { closest: { fact: p, assertionDiffers: closest.assertionDiffers, experiencerDiffers: closest.experiencerDiffers,
        attributes: closest.attributes, alreadyMatched: closest.alreadyMatched } } : {}),
      summary: describeMiss(closest, g, p),
    };
  });

  const determination = gold.determination !== undefined
    ? { gold: gold.determination, predicted: review?.determination ?? 'error', agree: review?.determination === gold.determination }
    : null;

  return {
    ...ref,
    ...(error ? { error } : {}),
    listedTypes: [...listed].sort(),
    types, assertions, confusion,
    flags: scoreFlags(gold, review),
    determination,
    reviews: scoreReviews(gold, review),
    governing: scoreGoverning(gold, review),
    matched: m.matched.length,
    misses,
    falsePositives: m.falsePositives.map((j) => ({ fact: preds[j]! })),
    ignoredPredictions: m.ignored.length,
  };
}

export interface AttributeDiagnostics {
  misses: number;
  /** Misses with no prediction of the type at all. */
  noCandidate: number;
  assertionDiffers: number;
  experiencerDiffers: number;
  attributes: Record<string, Record<'ok' | 'differs' | 'missing', number>>;
}

export interface Agreement { agree: number; total: number; rate: number | null }

export interface QaSummary {
  notes: number;
  errors: number;
  overall: Prf;
  types: Record<string, Prf>;
  assertions: Record<Assertion, Prf>;
  /**
   * The assertion engine alone: over gold facts and predictions paired by type and attributes
   * (the confusion matrix without its `none` row and column), is the assertion the gold's?
   */
  assertionsAligned: Record<Assertion, Prf>;
  confusion: Record<AssertionOrNone, Record<AssertionOrNone, number>>;
  flags: (Prf & { notes: number; codes: Record<string, Counts> }) | null;
  determination: Agreement;
  /** The governing policy (CONTRACT.md "Determination"), where the gold marks one. */
  governing: Agreement;
  policies: Record<string, Agreement>;
  /** Per policy: gold outcome → predicted outcome (`none`: the policy was not evaluated) → notes. */
  policyOutcomes: Record<string, Record<string, Record<string, number>>>;
  diagnostics: Record<string, AttributeDiagnostics>;
  dirs: Record<string, Prf & { notes: number }>;
  /** Determinations, gold (rows) × predicted (columns), over notes whose gold gives one. */
  determinations: DeterminationSummary;
  /** Per form (`--forms`): facts, flags and determinations of the notes read in that form. */
  forms?: Record<string, { notes: number; facts: Prf; flags: Prf | null; determination: Agreement }>;
}

export interface DeterminationSummary {
  /** Row and column labels: the contract's four determinations, then any other value seen ("error"). */
  labels: string[];
  matrix: Record<string, Record<string, number>>;
  /**
   * "Approval recommended" = predicted `meets`. `whenMeets`: packets whose gold meets and that
   * were predicted meets (of `goldMeets`); `wrong`: predicted meets where the gold does not (of
   * `goldNotMeets`), the error a reviewer most needs to catch.
   */
  approvals: { goldMeets: number; whenMeets: number; goldNotMeets: number; wrong: number };
  /** The review re-run on the gold facts agrees with the gold determination: what the criteria reach with perfect extraction. */
  onGoldFacts: Agreement;
  /** Disagreeing notes by cause (the review re-run on gold facts); `unknown`: the review failed. */
  attribution: { disagreeing: number; extraction: number; criteria: number; unknown: number;
    /** Criterion id → how many disagreeing notes changed its status between the two runs. */
    criteriaChanged: Record<string, number> };
}

export function summarizeDeterminations(results: NoteResult[]): DeterminationSummary {
  const labels: string[] = [...DETERMINATIONS];
  const seen = results.flatMap((r) => (r.determination ? [r.determination.gold, r.determination.predicted] : []));
  for (const x of seen) if (!labels.includes(x)) labels.push(x);
  const matrix = Object.fromEntries(labels.map((g) => [g, Object.fromEntries(labels.map((p) => [p, 0]))])) as Record<string, Record<string, number>>;
  const approvals = { goldMeets: 0, whenMeets: 0, goldNotMeets: 0, wrong: 0 };
  const attribution = { disagreeing: 0, extraction: 0, criteria: 0, unknown: 0, criteriaChanged: {} as Record<string, number> };
  const og = { agree: 0, total: 0 };
  for (const r of results) {
    const d = r.determination;
    if (!d) continue;
    if (r.onGoldFacts !== undefined) { og.total++; if (r.onGoldFacts === d.gold) og.agree++; }
    matrix[d.gold]![d.predicted]!++;
    if (d.gold === 'meets') { approvals.goldMeets++; if (d.predicted === 'meets') approvals.whenMeets++; }
    else { approvals.goldNotMeets++; if (d.predicted === 'meets') approvals.wrong++; }
    if (d.agree) continue;
    attribution.disagreeing++;
    if (!r.attribution) { attribution.unknown++; continue; }
    attribution[r.attribution.cause]++;
    for (const id of new Set(r.attribution.changed.map((c) => c.criterion))) {
      attribution.criteriaChanged[id] = (attribution.criteriaChanged[id] ?? 0) + 1;
    }
  }
  attribution.criteriaChanged = Object.fromEntries(Object.entries(attribution.criteriaChanged).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
  return { labels, matrix, approvals, onGoldFacts: agreement(og.agree, og.total), attribution };
}

function agreement(agree: number, total: number): Agreement {
  return { agree, total, rate: total > 0 ? agree / total : null };
}

function sumTypes(r: NoteResult): Counts {
  return Object.values(r.types).reduce(add, emptyCounts());
}

export function alignedAssertions(confusion: Record<AssertionOrNone, Record<AssertionOrNone, number>>): Record<Assertion, Prf> {
  return Object.fromEntries(ASSERTIONS.map((c) => {
    const others = ASSERTIONS.filter((x) => x !== c);
    return [c, prf({
      tp: confusion[c][c],
      fp: others.reduce((n, g) => n + confusion[g][c], 0),
      fn: others.reduce((n, p) => n + confusion[c][p], 0),
    })];
  })) as Record<Assertion, Prf>;
}

/** Micro totals over notes. */
export function summarize(results: NoteResult[]): QaSummary {
  const typeCounts: Record<string, Counts> = {};
  const assertionCounts = Object.fromEntries(ASSERTIONS.map((a) => [a, emptyCounts()])) as Record<Assertion, Counts>;
  const confusion = emptyConfusion();
  let flagCounts = emptyCounts();
  let flagNotes = 0;
  const codes: Record<string, Counts> = {};
  let govAgree = 0;
  let govTotal = 0;
  let detAgree = 0;
  let detTotal = 0;
  const pol: Record<string, { agree: number; total: number }> = {};
  const policyOutcomes: Record<string, Record<string, Record<string, number>>> = {};
  const diagnostics: Record<string, AttributeDiagnostics> = {};
  const dirCounts: Record<string, Counts & { notes: number }> = {};

  for (const r of results) {
    for (const [t, c] of Object.entries(r.types)) typeCounts[t] = add(typeCounts[t] ?? emptyCounts(), c);
    for (const a of ASSERTIONS) assertionCounts[a] = add(assertionCounts[a], r.assertions[a]);
    for (const g of Object.keys(confusion) as AssertionOrNone[]) {
      for (const p of Object.keys(confusion[g]) as AssertionOrNone[]) confusion[g][p] += r.confusion[g][p];
    }
    if (r.flags) {
      flagNotes++;
      flagCounts = add(flagCounts, { tp: r.flags.tp.length, fp: r.flags.fp.length, fn: r.flags.fn.length });
      for (const [k, list] of [['tp', r.flags.tp], ['fp', r.flags.fp], ['fn', r.flags.fn]] as const) {
        for (const code of list) (codes[code] ??= emptyCounts())[k]++;
      }
    }
    if (r.determination) { detTotal++; if (r.determination.agree) detAgree++; }
    if (r.governing) { govTotal++; if (r.governing.agree) govAgree++; }
    for (const rv of r.reviews) {
      const po = ((policyOutcomes[rv.policy] ??= {})[rv.gold] ??= {});
      po[rv.predicted ?? 'none'] = (po[rv.predicted ?? 'none'] ?? 0) + 1;
      const p = (pol[rv.policy] ??= { agree: 0, total: 0 });
      p.total++;
      if (rv.agree) p.agree++;
    }
    for (const miss of r.misses) {
      const d = (diagnostics[miss.gold.type] ??= { misses: 0, noCandidate: 0, assertionDiffers: 0, experiencerDiffers: 0, attributes: {} });
      d.misses++;
      if (!miss.closest) { d.noCandidate++; continue; }
      if (miss.closest.assertionDiffers) d.assertionDiffers++;
      if (miss.closest.experiencerDiffers) d.experiencerDiffers++;
      for (const a of miss.closest.attributes) (d.attributes[a.key] ??= { ok: 0, differs: 0, missing: 0 })[a.status]++;
    }
    const dc = (dirCounts[r.dir] ??= { ...emptyCounts(), notes: 0 });
    const s = sumTypes(r);
    dc.tp += s.tp; dc.fp += s.fp; dc.fn += s.fn; dc.notes++;
  }

  const types = Object.fromEntries(Object.keys(typeCounts).sort().map((t) => [t, prf(typeCounts[t]!)]));
  const overall = prf(Object.values(typeCounts).reduce(add, emptyCounts()));
  return {
    notes: results.length,
    errors: results.filter((r) => r.error).length,
    overall,
    types,
    assertions: Object.fromEntries(ASSERTIONS.map((a) => [a, prf(assertionCounts[a])])) as Record<Assertion, Prf>,
    assertionsAligned: alignedAssertions(confusion),
    confusion,
    flags: flagNotes > 0 ? { ...prf(flagCounts), notes: flagNotes, codes: Object.fromEntries(Object.keys(codes).sort().map((k) => [k, codes[k]!])) } : null,
    determination: agreement(detAgree, detTotal),
    governing: agreement(govAgree, govTotal),
    policies: Object.fromEntries(Object.keys(pol).sort().map((k) => [k, agreement(pol[k]!.agree, pol[k]!.total)])),
    policyOutcomes: Object.fromEntries(Object.keys(policyOutcomes).sort().map((k) => [k, policyOutcomes[k]!])),
    diagnostics: Object.fromEntries(Object.keys(diagnostics).sort().map((k) => [k, diagnostics[k]!])),
    dirs: Object.fromEntries(Object.entries(dirCounts).map(([d, c]) => [d, { ...prf(c), notes: c.notes }])),
    determinations: summarizeDeterminations(results),
    ...(results.some((r) => r.form) ? { forms: summarizeForms(results) } : {}),
  };
}

function summarizeForms(results: NoteResult[]): NonNullable<QaSummary['forms']> {
  const forms = [...new Set(results.map((r) => r.form ?? 'text'))];
  return Object.fromEntries(forms.map((form) => {
    const rs = results.filter((r) => (r.form ?? 'text') === form);
    const facts = rs.map(sumTypes).reduce(add, emptyCounts());
    const fl = rs.filter((r) => r.flags);
    const flags = fl.length ? prf(fl.reduce((a, r) => add(a, { tp: r.flags!.tp.length, fp: r.flags!.fp.length, fn: r.flags!.fn.length }), emptyCounts())) : null;
    const det = rs.filter((r) => r.determination);
    return [form, { notes: rs.length, facts: prf(facts), flags, determination: agreement(det.filter((r) => r.determination!.agree).length, det.length) }];
  }));
}
