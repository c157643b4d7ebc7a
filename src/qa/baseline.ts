/**
 * The regression gate's baseline (`qa/baseline.json`): the committed scores on the gold corpus,
 * with each note's counts so that the gate compares like with like. A note added after the
 * baseline, a note whose gold or text changed (fingerprint), or a note that cannot be read here
 * (no ../shared on this machine) is reported and left out of the comparison, so people adding
 * samples are not blocked; a fact type new to the corpus is reported, not failed.
 *
 * Tolerances are COUNTS over the notes common with the baseline, not F1 ratios: a general rule
 * that costs one tuning note a fact or a determination but gains elsewhere must be able to land,
 * while a real regression (a type losing several facts, determinations falling) must not.
 *   - each fact type: its errors (FP + FN) may rise by `typeErrors`, or `typeShare` of its gold
 *     facts when that is more (one note's worth: a changed attribute is one FN and one FP);
 *   - all facts: errors may rise by `overallErrors` or `overallShare` of the gold facts;
 *   - flags: errors may rise by `flagErrors`;
 *   - determinations agreeing may fall by `determinations` (net: notes lost minus notes gained);
 *   - wrong approvals (predicted meets, gold does not) may rise by `wrongApprovals`.
 * Raising the baseline is a deliberate commit (command in README "QA").
 */
import { z } from 'zod';
import { emptyCounts, prf, type Counts, type NoteResult } from './score.ts';

export const DEFAULT_TOLERANCE = {
  typeErrors: 3,
  typeShare: 0.02,
  overallErrors: 6,
  overallShare: 0.01,
  flagErrors: 2,
  determinations: 1,
  wrongApprovals: 1,
} as const;
export type Tolerance = { -readonly [K in keyof typeof DEFAULT_TOLERANCE]: number };

const Triple = z.tuple([z.number().int(), z.number().int(), z.number().int()]);
const Score = z.object({ f1: z.number().nullable(), precision: z.number().nullable(), recall: z.number().nullable(),
  tp: z.number(), fp: z.number(), fn: z.number() }).strict();
const Summary = z.object({
  notes: z.number().int(),
  overall: Score,
  types: z.record(z.string(), Score),
  flags: Score.nullable(),
  determination: z.object({ agree: z.number(), total: z.number(), rate: z.number().nullable(), wrongApprovals: z.number().optional() }).strict(),
}).strict();

/** Version 1 (F1 within epsilon); still read so an older baseline on another branch is usable. */
const NoteEntryV1 = z.object({ fingerprint: z.string(), facts: z.record(z.string(), Triple), flags: Triple.nullable(), determination: z.boolean().nullable() }).strict();
const BaselineV1 = z.object({
  version: z.literal(1), description: z.string(), command: z.string(), generatedOn: z.string(),
  epsilon: z.number(), minSupport: z.number().int(), summary: Summary, notes: z.record(z.string(), NoteEntryV1),
}).strict();

const NoteEntry = z.object({
  fingerprint: z.string(),
  facts: z.record(z.string(), Triple),
  flags: Triple.nullable(),
  /** [gold, predicted] determinations, null when the gold gives none. */
  determination: z.tuple([z.string(), z.string()]).nullable(),
}).strict();
const BaselineV2 = z.object({
  version: z.literal(2),
  description: z.string(),
  command: z.string(),
  generatedOn: z.string(),
  tolerance: z.object({
    typeErrors: z.number().min(0), typeShare: z.number().min(0), overallErrors: z.number().min(0), overallShare: z.number().min(0),
    flagErrors: z.number().min(0), determinations: z.number().min(0), wrongApprovals: z.number().min(0),
  }).strict(),
  summary: Summary,
  notes: z.record(z.string(), NoteEntry),
}).strict();

export const BaselineSchema = z.union([BaselineV2, BaselineV1]);
export type Baseline = z.infer<typeof BaselineV2>;
type AnyBaseline = z.infer<typeof BaselineSchema>;
type NoteEntryT = z.infer<typeof NoteEntry>;

/** One note as the gate compares it (v1 entries know agreement only). */
interface Entry { fingerprint: string; facts: Record<string, readonly [number, number, number]>; flags: readonly [number, number, number] | null;
  agree: boolean | null; wrongApproval: boolean | null }

const triple = (c: Counts): [number, number, number] => [c.tp, c.fp, c.fn];
const round = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
const score = (c: Counts) => { const p = prf(c); return { f1: round(p.f1), precision: round(p.precision), recall: round(p.recall), tp: c.tp, fp: c.fp, fn: c.fn }; };
const isWrongApproval = (gold: string, predicted: string) => predicted === 'meets' && gold !== 'meets';

function entryOf(r: NoteResult): NoteEntryT {
  return {
    fingerprint: r.fingerprint ?? '',
    facts: Object.fromEntries(Object.keys(r.types).sort().map((t) => [t, triple(r.types[t]!)])),
    flags: r.flags ? [r.flags.tp.length, r.flags.fp.length, r.flags.fn.length] : null,
    determination: r.determination ? [r.determination.gold, r.determination.predicted] : null,
  };
}

function toEntry(e: NoteEntryT | z.infer<typeof NoteEntryV1>): Entry {
  const d = e.determination;
  return {
    fingerprint: e.fingerprint, facts: e.facts, flags: e.flags,
    agree: d === null ? null : typeof d === 'boolean' ? d : d[0] === d[1],
    wrongApproval: d === null || typeof d === 'boolean' ? null : isWrongApproval(d[0], d[1]),
  };
}

interface Totals { overall: Counts; types: Record<string, Counts>; flags: Counts | null; det: { agree: number; total: number; wrong: number; wrongKnown: boolean } }

function totals(entries: Entry[]): Totals {
  const types: Record<string, Counts> = {};
  let flags: Counts | null = null;
  const det = { agree: 0, total: 0, wrong: 0, wrongKnown: true };
  for (const e of entries) {
    for (const [t, c] of Object.entries(e.facts)) {
      const x = (types[t] ??= emptyCounts());
      x.tp += c[0]; x.fp += c[1]; x.fn += c[2];
    }
    if (e.flags) { flags ??= emptyCounts(); flags.tp += e.flags[0]; flags.fp += e.flags[1]; flags.fn += e.flags[2]; }
    if (e.agree !== null) {
      det.total++;
      if (e.agree) det.agree++;
      if (e.wrongApproval === null) det.wrongKnown = false; else if (e.wrongApproval) det.wrong++;
    }
  }
  const overall = Object.values(types).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), emptyCounts());
  return { overall, types, flags, det };
}

/** `keyOf` turns a result into its stable key (the gold path relative to the repository root). */
export function buildBaseline(results: NoteResult[], keyOf: (r: NoteResult) => string, command: string, today: string,
  tolerance: Tolerance = { ...DEFAULT_TOLERANCE }): Baseline {
  const notes = Object.fromEntries(results.map((r) => [keyOf(r), entryOf(r)] as const).sort(([a], [b]) => a.localeCompare(b)));
  const t = totals(Object.values(notes).map(toEntry));
  return {
    version: 2,
    description: 'QA regression gate (test/qa/gate.test.ts): scores on the gold corpus that the build defends, with tolerances in counts (src/qa/baseline.ts). Regenerate deliberately with the command below.',
    command,
    generatedOn: today,
    tolerance,
    summary: {
      notes: results.length,
      overall: score(t.overall),
      types: Object.fromEntries(Object.keys(t.types).sort().map((k) => [k, score(t.types[k]!)])),
      flags: t.flags ? score(t.flags) : null,
      determination: { agree: t.det.agree, total: t.det.total, rate: round(t.det.total ? t.det.agree / t.det.total : null), wrongApprovals: t.det.wrong },
    },
    notes,
  };
}

export interface GateCheck {
  metric: string;
  /** What is counted: `errors` (FP + FN, lower is better), `agreeing` (higher is better), `wrong approvals`. */
  unit: 'errors' | 'agreeing' | 'wrong approvals';
  baseline: number;
  current: number;
  /** How much worse `current` may be than `baseline`, in the unit's counts. */
  allowed: number;
  support: number;
  ok: boolean;
  /** For fact types and flags: F1 at the baseline and now (shown, not gated). */
  f1?: { baseline: number | null; current: number | null };
}

export interface GateReport {
  ok: boolean;
  compared: number;
  checks: GateCheck[];
  failures: GateCheck[];
  /** Scored now, not in the baseline. */
  newNotes: string[];
  /** In the baseline, not scored now (removed, skipped, or ../shared absent). */
  missingNotes: string[];
  /** Gold or note text changed since the baseline. */
  changedNotes: string[];
  /** Fact types scored now with no baseline entry. */
  newTypes: string[];
  /** Notes whose determination agreed at the baseline and does not now, and the reverse. */
  determinationsLost: string[];
  determinationsGained: string[];
  /** Metrics not gated (a v1 baseline has no predicted determinations: wrong approvals). */
  ungated: string[];
}

function toleranceOf(b: AnyBaseline): Tolerance {
  return b.version === 2 ? b.tolerance : { ...DEFAULT_TOLERANCE };
}

/**
 * @param scope when given, only baseline notes it accepts are expected (a run over part of the
 *   corpus does not report the rest as missing).
 */
export function compareToBaseline(baseline: AnyBaseline, results: NoteResult[], keyOf: (r: NoteResult) => string,
  scope?: (key: string) => boolean): GateReport {
  const tol = toleranceOf(baseline);
  const baseNotes = new Map(Object.entries(baseline.notes).filter(([k]) => !scope || scope(k)).map(([k, v]) => [k, toEntry(v)] as const));
  const current = new Map(results.map((r) => [keyOf(r), toEntry(entryOf(r))] as const));
  const newNotes = [...current.keys()].filter((k) => !baseNotes.has(k)).sort();
  const missingNotes = [...baseNotes.keys()].filter((k) => !current.has(k)).sort();
  const changedNotes = [...baseNotes.keys()].filter((k) => current.has(k) && current.get(k)!.fingerprint !== baseNotes.get(k)!.fingerprint).sort();
  const common = [...baseNotes.keys()].filter((k) => current.has(k) && !changedNotes.includes(k)).sort();
  const b = totals(common.map((k) => baseNotes.get(k)!));
  const c = totals(common.map((k) => current.get(k)!));
  const allCurrent = totals([...current.values()]);
  const baselineTypes = new Set([...baseNotes.values()].flatMap((n) => Object.keys(n.facts)));

  const checks: GateCheck[] = [];
  const ungated: string[] = [];
  const errors = (x: Counts) => x.fp + x.fn;
  const factCheck = (metric: string, bc: Counts, cc: Counts, fixed: number, share: number) => {
    const support = bc.tp + bc.fn;
    if (support + bc.fp === 0) return;
    const allowed = Math.max(fixed, Math.ceil(share * support));
    checks.push({ metric, unit: 'errors', baseline: errors(bc), current: errors(cc), allowed, support,
      ok: errors(cc) <= errors(bc) + allowed, f1: { baseline: round(prf(bc).f1), current: round(prf(cc).f1) } });
  };
  factCheck('facts overall', b.overall, c.overall, tol.overallErrors, tol.overallShare);
  for (const t of Object.keys(b.types).sort()) factCheck(t, b.types[t]!, c.types[t] ?? emptyCounts(), tol.typeErrors, tol.typeShare);
  if (b.flags) factCheck('flags', b.flags, c.flags ?? emptyCounts(), tol.flagErrors, 0);

  const lost = common.filter((k) => baseNotes.get(k)!.agree === true && current.get(k)!.agree === false);
  const gained = common.filter((k) => baseNotes.get(k)!.agree === false && current.get(k)!.agree === true);
  if (b.det.total > 0) {
    checks.push({ metric: 'determinations', unit: 'agreeing', baseline: b.det.agree, current: c.det.agree, allowed: tol.determinations,
      support: b.det.total, ok: c.det.agree >= b.det.agree - tol.determinations });
    if (b.det.wrongKnown) {
      checks.push({ metric: 'wrong approvals', unit: 'wrong approvals', baseline: b.det.wrong, current: c.det.wrong, allowed: tol.wrongApprovals,
        support: b.det.total, ok: c.det.wrong <= b.det.wrong + tol.wrongApprovals });
    } else {
      ungated.push('wrong approvals (the baseline has no predicted determinations)');
    }
  }
  const failures = checks.filter((x) => !x.ok);
  return {
    ok: failures.length === 0,
    compared: common.length,
    checks, failures, newNotes, missingNotes, changedNotes,
    newTypes: Object.keys(allCurrent.types).filter((t) => !baselineTypes.has(t)).sort(),
    determinationsLost: lost, determinationsGained: gained,
    ungated,
  };
}

function some(xs: string[], n = 6): string {
  return xs.length > n ? `${xs.slice(0, n).join(', ')} … and ${xs.length - n} more` : xs.join(', ');
}

export function describeGate(g: GateReport): string {
  const lines = [`QA gate: ${g.ok ? 'pass' : 'FAIL'} on ${g.compared} notes common with the baseline (tolerances in counts)`];
  for (const x of g.checks) {
    const worse = x.unit === 'agreeing' ? x.baseline - x.current : x.current - x.baseline;
    const f1 = x.f1 ? `  F1 ${x.f1.baseline?.toFixed(4) ?? '—'} → ${x.f1.current?.toFixed(4) ?? '—'}` : '';
    lines.push(`  ${x.ok ? 'ok  ' : 'FAIL'} ${x.metric.padEnd(26)} ${x.unit.padEnd(15)} ${String(x.current).padStart(5)} vs baseline ${String(x.baseline).padStart(5)}`
      + ` (${worse > 0 ? `${worse} worse` : worse < 0 ? `${-worse} better` : 'same'}, ${x.allowed} allowed)${f1}`);
  }
  if (g.determinationsLost.length) lines.push(`  determinations lost (${g.determinationsLost.length}): ${some(g.determinationsLost)}`);
  if (g.determinationsGained.length) lines.push(`  determinations gained (${g.determinationsGained.length}): ${some(g.determinationsGained)}`);
  if (g.ungated.length) lines.push(`  not gated: ${g.ungated.join(', ')}`);
  if (g.newTypes.length) lines.push(`  fact types new since the baseline (reported, not gated): ${g.newTypes.join(', ')}`);
  if (g.newNotes.length) lines.push(`  ${g.newNotes.length} notes new since the baseline: ${some(g.newNotes)}`);
  if (g.changedNotes.length) lines.push(`  ${g.changedNotes.length} notes whose gold or text changed (not compared): ${some(g.changedNotes)}`);
  if (g.missingNotes.length) lines.push(`  ${g.missingNotes.length} baseline notes not scored here: ${some(g.missingNotes)}`);
  const better = g.checks.some((x) => (x.unit === 'agreeing' ? x.current - x.baseline : x.baseline - x.current) > 0);
  if (g.newNotes.length || g.changedNotes.length || better) {
    lines.push('  to raise the baseline deliberately: npm run qa:baseline   (then commit qa/baseline.json on its own)');
  }
  return lines.join('\n');
}

/** Pretty JSON with one line per note, so a baseline change reads as a short diff. */
export function formatBaseline(b: Baseline): string {
  const { notes, ...head } = b;
  const body = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const lines = Object.entries(notes).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `${body},\n  "notes": {${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}}\n}\n`;
}
