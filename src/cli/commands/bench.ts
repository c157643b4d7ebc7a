/**
 * `mednec bench [dir|file]... [--reps n] [--warmup n] [--compromise-reps n] [--no-compromise] [--json]`
 * (`npm run bench`)
 *
 * Runs the in-process pipeline over text notes (default: samples/, samples/mtsamples/ and
 * ../shared/corpus/mtsamples when present) with the stages called one by one, so each gets its own
 * clock: ingest (`readSource` on bytes already in memory: decoding, page split), doc (`buildDoc`:
 * join + normalized view), analyze, extract, evaluate.
 *
 * Figures are medians over warm repetitions: per note, the median of its repetitions; notes/s and
 * MB/s come from the sum of those medians. Each stage is timed twice: wall clock and this
 * process's CPU time (`process.cpuUsage`). The machine is shared, so wall time swings with other
 * people's load while CPU time does not; CPU figures are the headline, wall figures follow.
 * The reference is compromise's `nlp(pageText)` on the same pages, run right after the pipeline on
 * each note so both see the same load, reported as a ratio (what "parse every page with a
 * general NLP library" would cost). Results go to stdout (text or --json); progress to stderr.
 * No note text is printed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { MednecError } from '../../errors/index.ts';
import { readSource } from '../../ingest/index.ts';
import { buildDoc } from '../../model/doc.ts';
import { analyze } from '../../nlp/analyze.ts';
import { extractFacts } from '../../extract/index.ts';
import { evaluateCase } from '../../criteria/index.ts';
import * as values from '../../nlp/values/index.ts';
import { loadResources, REPO_ROOT, type Resources } from '../../resources.ts';
import { parseArgs, opt } from '../args.ts';
import { err, out } from '../io.ts';

const STAGES = ['ingest', 'doc', 'analyze', 'extract', 'evaluate'] as const;
type Stage = (typeof STAGES)[number];
type Clock = 'cpu' | 'wall';

export interface BenchOptions { reps: number; warmup: number; compromise: boolean; compromiseReps: number }

export interface Figures {
  /** Median over notes of each note's median time. */
  medianMs: number;
  p95Ms: number;
  /** Sum over notes of each note's median time. */
  totalMs: number;
}

export interface Throughput extends Figures { notesPerSecond: number; mbPerSecond: number }

export interface ClockFigures {
  pipeline: Throughput;
  stages: Record<Stage, Figures & { share: number }>;
  /** The eight value finders of src/nlp/values over each whole normalized note (a ceiling: extractors run them on sentences). */
  valueParsers: Throughput;
  compromise?: Throughput & {
    /** compromise time / pipeline time over all notes. */
    ratio: number;
    /** Median over notes of the per-note ratio. */
    medianRatio: number;
  };
}

export interface BenchResult {
  notes: number;
  bytes: number;
  reps: number;
  warmup: number;
  compromiseReps: number;
  inputs: string[];
  env: { node: string; cpu: string; cores: number; loadAverage: number };
  facts: number;
  cpu: ClockFigures;
  wall: ClockFigures;
}

const DEFAULT_INPUTS = [join(REPO_ROOT, 'samples'), join(REPO_ROOT, 'samples', 'mtsamples'), join(REPO_ROOT, '..', 'shared', 'corpus', 'mtsamples')];

/** Text notes in the inputs (directories are not walked recursively; gold files and PDFs are skipped). */
export function listNotes(inputs: string[]): string[] {
  const files: string[] = [];
  for (const p of inputs) {
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) {
      for (const n of readdirSync(p).sort()) {
        if (n.startsWith('.') || !n.endsWith('.txt')) continue;
        const f = join(p, n);
        if (statSync(f).isFile()) files.push(f);
      }
    } else if (p.endsWith('.txt')) files.push(p);
  }
  return files;
}

/** Linear-interpolated quantile of an ascending array. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function median(xs: number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

const r3 = (n: number): number => Math.round(n * 1000) / 1000;
const r1 = (n: number): number => Math.round(n * 10) / 10;

/** Wall and CPU milliseconds since an origin. */
function now(): { wall: number; cpu: number } {
  const u = process.cpuUsage();
  return { wall: performance.now(), cpu: (u.user + u.system) / 1000 };
}

type Times = Record<Clock, number>;
const since = (t0: { wall: number; cpu: number }): Times => {
  const t = now();
  return { wall: t.wall - t0.wall, cpu: t.cpu - t0.cpu };
};

interface Note { name: string; bytes: Uint8Array }

interface Run { stages: Record<Stage, Times>; values: Times; compromise?: Times }

async function runOnce(note: Note, res: Resources, nlp: ((t: string) => unknown) | null): Promise<Run & { facts: number }> {
  let t = now();
  const source = await readSource(note.bytes, note.name);
  const ingest = since(t); t = now();
  const doc = buildDoc(source);
  const docT = since(t); t = now();
  const nlpDoc = analyze(doc, res);
  const analyzeT = since(t); t = now();
  const facts = extractFacts(nlpDoc, res);
  const extractT = since(t); t = now();
  evaluateCase(facts, { noteDate: nlpDoc.noteDate ?? undefined });
  const evaluateT = since(t); t = now();
  const v = doc.norm;
  values.findLevels(v); values.findSides(v); values.findRelief(v); values.findDurations(v);
  values.findDates(v); values.findPainScores(v); values.findDoses(v); values.findCodes(v);
  const valuesT = since(t);
  let compromise: Times | undefined;
  if (nlp) {
    t = now();
    for (const p of source.pages) nlp(p.text);
    compromise = since(t);
  }
  return {
    stages: { ingest, doc: docT, analyze: analyzeT, extract: extractT, evaluate: evaluateT },
    values: valuesT, ...(compromise ? { compromise } : {}), facts: facts.length,
  };
}

function figures(perNote: number[]): Figures {
  const sorted = [...perNote].sort((a, b) => a - b);
  return { medianMs: r3(quantile(sorted, 0.5)), p95Ms: r3(quantile(sorted, 0.95)), totalMs: r3(sorted.reduce((a, b) => a + b, 0)) };
}

function throughput(perNote: number[], bytes: number): Throughput {
  const f = figures(perNote);
  const s = f.totalMs / 1000;
  return { ...f, notesPerSecond: r1(s > 0 ? perNote.length / s : 0), mbPerSecond: r3(s > 0 ? bytes / 1e6 / s : 0) };
}

function summarize(runs: Run[][], clock: Clock, bytes: number): ClockFigures {
  const noteMedian = (pick: (r: Run) => number | undefined): number[] =>
    runs.map((rs) => median(rs.map(pick).filter((x): x is number => x !== undefined)));
  const stageNotes = STAGES.map((s) => noteMedian((r) => r.stages[s][clock]));
  const pipelineNotes = noteMedian((r) => STAGES.reduce((n, s) => n + r.stages[s][clock], 0));
  const stageTotal = stageNotes.map((xs) => xs.reduce((a, b) => a + b, 0));
  const all = stageTotal.reduce((a, b) => a + b, 0);
  const stages = Object.fromEntries(STAGES.map((s, k) => [s, { ...figures(stageNotes[k]!), share: r3(all > 0 ? stageTotal[k]! / all : 0) }])) as ClockFigures['stages'];
  const out: ClockFigures = { pipeline: throughput(pipelineNotes, bytes), stages, valueParsers: throughput(noteMedian((r) => r.values[clock]), bytes) };
  if (runs.every((rs) => rs.some((r) => r.compromise))) {
    const cNotes = noteMedian((r) => r.compromise?.[clock]);
    const c = throughput(cNotes, bytes);
    out.compromise = {
      ...c,
      ratio: r1(out.pipeline.totalMs > 0 ? c.totalMs / out.pipeline.totalMs : 0),
      medianRatio: r1(median(cNotes.map((x, i) => (pipelineNotes[i]! > 0 ? x / pipelineNotes[i]! : 0)))),
    };
  }
  return out;
}

export async function bench(files: string[], opts: BenchOptions, progress: (s: string) => void = () => {}): Promise<BenchResult> {
  const notes: Note[] = files.map((f) => ({ name: basename(f), bytes: readFileSync(f) }));
  if (notes.length === 0) throw new MednecError('MEDNEC_USAGE', 'bench: no .txt notes found in the inputs');
  const res = loadResources();
  const bytes = notes.reduce((n, x) => n + x.bytes.length, 0);
  let nlp: ((text: string) => unknown) | null = null;
  if (opts.compromise) {
    nlp = (await import('compromise')).default as unknown as (text: string) => unknown;
    nlp('Warm the lexicon: L4-5 TFESI gave 80% relief for six weeks.');
  }
  const cReps = opts.compromise ? Math.min(opts.reps, opts.compromiseReps) : 0;
  const runs: Run[][] = notes.map(() => []);
  let facts = 0;
  for (let rep = 0; rep < opts.warmup + opts.reps; rep++) {
    const warm = rep >= opts.warmup;
    const withCompromise = warm && rep - opts.warmup < cReps;
    for (const [i, note] of notes.entries()) {
      const r = await runOnce(note, res, withCompromise ? nlp : null);
      if (warm) runs[i]!.push(r);
      if (rep === 0) facts += r.facts;
    }
    progress(`bench: ${warm ? 'rep' : 'warm-up'} ${warm ? rep - opts.warmup + 1 : rep + 1}/${warm ? opts.reps : opts.warmup} done${withCompromise ? ' (with the compromise reference)' : ''}`);
  }
  return {
    notes: notes.length, bytes, reps: opts.reps, warmup: opts.warmup, compromiseReps: cReps,
    inputs: [...new Set(files.map((f) => f.slice(0, f.length - basename(f).length - 1)))],
    env: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAverage: r1(loadavg()[0] ?? 0) },
    facts,
    cpu: summarize(runs, 'cpu', bytes),
    wall: summarize(runs, 'wall', bytes),
  };
}

export function renderBench(r: BenchResult): string {
  const c = r.cpu, w = r.wall;
  const lines = [
    `mednec bench: ${r.notes} text notes, ${(r.bytes / 1e6).toFixed(2)} MB, ${r.reps} warm reps (+${r.warmup} warm-up); ` +
      `node ${r.env.node}, ${r.env.cores} x ${r.env.cpu}, load average ${r.env.loadAverage}`,
    `  pipeline (CPU time)  ${c.pipeline.notesPerSecond} notes/s  ${c.pipeline.mbPerSecond} MB/s  per note: median ${c.pipeline.medianMs} ms, p95 ${c.pipeline.p95Ms} ms`,
    `  pipeline (wall)      ${w.pipeline.notesPerSecond} notes/s  ${w.pipeline.mbPerSecond} MB/s  per note: median ${w.pipeline.medianMs} ms, p95 ${w.pipeline.p95Ms} ms`,
    `  facts on the first pass: ${r.facts}`,
    '  stage (CPU)   median ms    p95 ms   total ms   share   | wall median ms',
    ...STAGES.map((s) => {
      const f = c.stages[s];
      return `  ${s.padEnd(12)} ${String(f.medianMs).padStart(10)} ${String(f.p95Ms).padStart(9)} ${String(f.totalMs).padStart(10)} ${(f.share * 100).toFixed(1).padStart(6)}%   | ${w.stages[s].medianMs}`;
    }),
    `  value parsers, all 8 finders on the whole note (CPU): median ${c.valueParsers.medianMs} ms, p95 ${c.valueParsers.p95Ms} ms, ${c.valueParsers.mbPerSecond} MB/s`,
  ];
  if (c.compromise && w.compromise) {
    lines.push(`  compromise nlp(pageText) (CPU): ${c.compromise.notesPerSecond} notes/s  ${c.compromise.mbPerSecond} MB/s  per note: median ${c.compromise.medianMs} ms, p95 ${c.compromise.p95Ms} ms (${r.compromiseReps} rep${r.compromiseReps > 1 ? 's' : ''})`);
    lines.push(`  => the pipeline is ${c.compromise.ratio}x faster than compromise-per-page over all notes (median per note ${c.compromise.medianRatio}x; wall: ${w.compromise.ratio}x / ${w.compromise.medianRatio}x)`);
  }
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['reps', 'warmup', 'compromise-reps'], booleans: ['json', 'no-compromise', 'help'] });
  if (a.flags.has('help')) {
    err('usage: mednec bench [dir|file.txt]... [--reps n (5)] [--warmup n (1)] [--compromise-reps n (1)] [--no-compromise] [--json]');
    return 0;
  }
  const int = (name: string, dflt: number, min: number): number => {
    const v = opt(a, name);
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new MednecError('MEDNEC_USAGE', `--${name} must be an integer >= ${min}`);
    return n;
  };
  const opts: BenchOptions = {
    reps: int('reps', 5, 1), warmup: int('warmup', 1, 0),
    compromise: !a.flags.has('no-compromise'), compromiseReps: int('compromise-reps', 1, 1),
  };
  const inputs = a.positionals.length > 0 ? a.positionals : DEFAULT_INPUTS;
  const files = listNotes(inputs);
  err(`bench: ${files.length} notes from ${inputs.filter((p) => existsSync(p)).length} input(s)`);
  const result = await bench(files, opts, err);
  await out(a.flags.has('json') ? JSON.stringify(result, null, 2) + '\n' : renderBench(result));
  return 0;
}
