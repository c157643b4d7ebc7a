/**
 * The regression gate's baseline (`qa/baseline.json`): the committed scores on the gold corpus,
 * with each note's counts so that the gate compares like with like. A note added after the
 * baseline, a note whose gold or text changed (fingerprint), or a note that cannot be read here
 * (no ../shared on this machine) is reported and left out of the comparison, so people adding
 * samples are not blocked; a fact type new to the corpus is reported, not failed. Raising the
 * baseline is a deliberate commit: `mednec qa --recursive --write-baseline qa/baseline.json samples`.
 */
import { z } from 'zod';
import { emptyCounts, prf, type Counts, type NoteResult } from './score.ts';

/** Scores may drop by this much before the gate fails (rounding, tie order). */
export const GATE_EPSILON = 0.005;
/** Types (and flags, determinations) with fewer gold items than this are reported, not gated. */
export const GATE_MIN_SUPPORT = 3;

const Triple = z.tuple([z.number().int(), z.number().int(), z.number().int()]);
const NoteEntry = z.object({
  fingerprint: z.string(),
  facts: z.record(z.string(), Triple),
  flags: Triple.nullable(),
  determination: z.boolean().nullable(),
}).strict();
const Score = z.object({ f1: z.number().nullable(), precision: z.number().nullable(), recall: z.number().nullable(),
  tp: z.number(), fp: z.number(), fn: z.number() }).strict();

export const BaselineSchema = z.object({
  version: z.literal(1),
  description: z.string(),
  command: z.string(),
  generatedOn: z.string(),
  epsilon: z.number(),
  minSupport: z.number().int(),
  summary: z.object({
    notes: z.number().int(),
    overall: Score,
    types: z.record(z.string(), Score),
    flags: Score.nullable(),
    determination: z.object({ agree: z.number(), total: z.number(), rate: z.number().nullable() }).strict(),
  }).strict(),
  notes: z.record(z.string(), NoteEntry),
}).strict();
export type Baseline = z.infer<typeof BaselineSchema>;
type NoteEntryT = z.infer<typeof NoteEntry>;

const triple = (c: Counts): [number, number, number] => [c.tp, c.fp, c.fn];
const counts = (t: readonly [number, number, number]): Counts => ({ tp: t[0], fp: t[1], fn: t[2] });
const round = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);
const score = (c: Counts) => { const p = prf(c); return { f1: round(p.f1), precision: round(p.precision), recall: round(p.recall), tp: c.tp, fp: c.fp, fn: c.fn }; };

function entryOf(r: NoteResult): NoteEntryT {
  return {
    fingerprint: r.fingerprint ?? '',
    facts: Object.fromEntries(Object.keys(r.types).sort().map((t) => [t, triple(r.types[t]!)])),
    flags: r.flags ? [r.flags.tp.length, r.flags.fp.length, r.flags.fn.length] : null,
    determination: r.determination ? r.determination.agree : null,
  };
}

interface Totals { overall: Counts; types: Record<string, Counts>; flags: Counts | null; det: { agree: number; total: number } }

function totals(entries: NoteEntryT[]): Totals {
  const types: Record<string, Counts> = {};
  let flags: Counts | null = null;
  const det = { agree: 0, total: 0 };
  for (const e of entries) {
    for (const [t, c] of Object.entries(e.facts)) {
      const x = (types[t] ??= emptyCounts());
      x.tp += c[0]; x.fp += c[1]; x.fn += c[2];
    }
    if (e.flags) { flags ??= emptyCounts(); flags.tp += e.flags[0]; flags.fp += e.flags[1]; flags.fn += e.flags[2]; }
    if (e.determination !== null) { det.total++; if (e.determination) det.agree++; }
  }
  const overall = Object.values(types).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), emptyCounts());
  return { overall, types, flags, det };
}

/** `keyOf` turns a result into its stable key (the gold path relative to the repository root). */
export function buildBaseline(results: NoteResult[], keyOf: (r: NoteResult) => string, command: string, today: string): Baseline {
  const notes = Object.fromEntries(results.map((r) => [keyOf(r), entryOf(r)] as const).sort(([a], [b]) => a.localeCompare(b)));
  const t = totals(Object.values(notes));
  return {
    version: 1,
    description: 'QA regression gate (test/qa/gate.test.ts): scores on the gold corpus that the build defends. Regenerate deliberately with the command below.',
    command,
    generatedOn: today,
    epsilon: GATE_EPSILON,
    minSupport: GATE_MIN_SUPPORT,
    summary: {
      notes: results.length,
      overall: score(t.overall),
      types: Object.fromEntries(Object.keys(t.types).sort().map((k) => [k, score(t.types[k]!)])),
      flags: t.flags ? score(t.flags) : null,
      determination: { ...t.det, rate: round(t.det.total ? t.det.agree / t.det.total : null) },
    },
    notes,
  };
}

export interface GateCheck {
  metric: string;
  baseline: number;
  current: number;
  support: number;
  ok: boolean;
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
  /** Metrics whose support is under minSupport: shown, not gated. */
  ungated: string[];
}

export function compareToBaseline(baseline: Baseline, results: NoteResult[], keyOf: (r: NoteResult) => string): GateReport {
  const eps = baseline.epsilon;
  const minSupport = baseline.minSupport;
  const current = new Map(results.map((r) => [keyOf(r), entryOf(r)] as const));
  const newNotes = [...current.keys()].filter((k) => !(k in baseline.notes)).sort();
  const missingNotes = Object.keys(baseline.notes).filter((k) => !current.has(k)).sort();
  const changedNotes = Object.keys(baseline.notes).filter((k) => current.has(k) && current.get(k)!.fingerprint !== baseline.notes[k]!.fingerprint).sort();
  const common = Object.keys(baseline.notes).filter((k) => current.has(k) && !changedNotes.includes(k));
  const b = totals(common.map((k) => baseline.notes[k]!));
  const c = totals(common.map((k) => current.get(k)!));
  const allCurrent = totals([...current.values()]);
  const baselineTypes = new Set(Object.values(baseline.notes).flatMap((n) => Object.keys(n.facts)));

  const checks: GateCheck[] = [];
  const ungated: string[] = [];
  const check = (metric: string, bc: Counts | null | undefined, cc: Counts | null | undefined, support: number) => {
    const bf = bc ? prf(bc).f1 : null;
    const cf = cc ? prf(cc).f1 : null;
    if (bf === null) return;
    if (support < minSupport) { ungated.push(metric); return; }
    const cur = cf ?? 0;
    checks.push({ metric, baseline: bf, current: cur, support, ok: cur >= bf - eps });
  };
  check('facts overall F1', b.overall, c.overall, b.overall.tp + b.overall.fn);
  for (const t of Object.keys(b.types).sort()) check(`${t} F1`, b.types[t], c.types[t] ?? emptyCounts(), b.types[t]!.tp + b.types[t]!.fn);
  check('flags F1', b.flags, c.flags ?? emptyCounts(), b.flags ? b.flags.tp + b.flags.fn : 0);
  if (b.det.total >= minSupport) {
    const br = b.det.agree / b.det.total;
    const cr = c.det.total ? c.det.agree / c.det.total : 0;
    checks.push({ metric: 'determination agreement', baseline: br, current: cr, support: b.det.total, ok: cr >= br - eps });
  } else if (b.det.total > 0) {
    ungated.push('determination agreement');
  }
  const failures = checks.filter((x) => !x.ok);
  return {
    ok: failures.length === 0,
    compared: common.length,
    checks, failures, newNotes, missingNotes, changedNotes,
    newTypes: Object.keys(allCurrent.types).filter((t) => !baselineTypes.has(t)).sort(),
    ungated,
  };
}

function some(xs: string[], n = 6): string {
  return xs.length > n ? `${xs.slice(0, n).join(', ')} … and ${xs.length - n} more` : xs.join(', ');
}

export function describeGate(g: GateReport): string {
  const lines = [`QA gate: ${g.ok ? 'pass' : 'FAIL'} on ${g.compared} notes common with the baseline`];
  for (const x of g.checks) {
    lines.push(`  ${x.ok ? 'ok  ' : 'FAIL'} ${x.metric.padEnd(36)} ${x.current.toFixed(4)} vs baseline ${x.baseline.toFixed(4)} (support ${x.support})`);
  }
  if (g.ungated.length) lines.push(`  not gated (support < minimum): ${g.ungated.join(', ')}`);
  if (g.newTypes.length) lines.push(`  fact types new since the baseline (reported, not gated): ${g.newTypes.join(', ')}`);
  if (g.newNotes.length) lines.push(`  ${g.newNotes.length} notes new since the baseline: ${some(g.newNotes)}`);
  if (g.changedNotes.length) lines.push(`  ${g.changedNotes.length} notes whose gold or text changed (not compared): ${some(g.changedNotes)}`);
  if (g.missingNotes.length) lines.push(`  ${g.missingNotes.length} baseline notes not scored here: ${some(g.missingNotes)}`);
  if (g.newNotes.length || g.changedNotes.length || g.checks.some((x) => x.current > x.baseline + GATE_EPSILON)) {
    lines.push('  to raise the baseline deliberately: mednec qa --recursive --write-baseline qa/baseline.json samples');
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
