/**
 * `mednec bench [dir|file]... [--reps n] [--warmup n] [--compromise-reps n] [--no-compromise] [--json]`
 * (`npm run bench`)
 *
 * Runs the in-process pipeline over text notes (default: samples/, samples/mtsamples/ and
 * ../shared/corpus/mtsamples when present) with the stages called one by one: ingest
 * (`readSource` on bytes already in memory: decoding, page split), doc (`buildDoc`: join +
 * normalized view), analyze, extract, evaluate.
 *
 * Two clocks, because the machine is shared (load averages of 20 on 2 cores are normal here):
 * - CPU time of this process (`process.cpuUsage`), taken around each stage's batch over all notes
 *   (stage-major order: every note through ingest, then every note through doc, ...). Other
 *   people's load does not move it, so notes/s, MB/s, stage shares and the compromise ratio come
 *   from it. (`cpuUsage` is a system call costing up to ~0.2 ms under load: sampling it per note and
 *   per stage would bill that to the stages.)
 * - Wall time per note and stage (`performance.now`), for the per-note median and p95 a user
 *   waits; it includes time the process was preempted.
 * Every figure is the median over the warm repetitions. The reference is compromise's
 * `nlp(pageText)` on the same pages (what "parse every page with a general NLP library" costs).
 * Results go to stdout (text or --json); progress to stderr. No note text is printed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { MednecError } from '../../errors/index.ts';
import { readSource } from '../../ingest/index.ts';
import { buildDoc, type Doc, type Source } from '../../model/doc.ts';
import { analyze } from '../../nlp/analyze.ts';
import type { NlpDoc } from '../../nlp/types.ts';
import { extractFacts } from '../../extract/index.ts';
import { evaluateCase } from '../../criteria/index.ts';
import type { Fact } from '../../schema/review.ts';
import * as values from '../../nlp/values/index.ts';
import { loadResources, REPO_ROOT } from '../../resources.ts';
import { parseArgs, opt } from '../args.ts';
import { err, out } from '../io.ts';

const STAGES = ['ingest', 'doc', 'analyze', 'extract', 'evaluate'] as const;
type Stage = (typeof STAGES)[number];

export interface BenchOptions { reps: number; warmup: number; compromise: boolean; compromiseReps: number }

/** CPU figures of one batch over all notes (median over reps). */
export interface CpuFigures { totalMs: number; meanMs: number; notesPerSecond: number; mbPerSecond: number }
/** Wall figures over notes (each note's median over reps). */
export interface WallFigures { medianMs: number; p95Ms: number }

export interface BenchResult {
  notes: number;
  bytes: number;
  reps: number;
  warmup: number;
  compromiseReps: number;
  inputs: string[];
  env: { node: string; cpu: string; cores: number; loadAverage: number };
  facts: number;
  pipeline: { cpu: CpuFigures; wall: WallFigures };
  stages: Record<Stage, { cpu: CpuFigures & { share: number }; wall: WallFigures }>;
  /** The eight value finders of src/nlp/values over each whole normalized note (a ceiling: extractors run them on sentences). */
  valueParsers: { cpu: CpuFigures; wall: WallFigures };
  compromise?: {
    cpu: CpuFigures;
    wall: WallFigures;
    /** compromise CPU / pipeline CPU over all notes. */
    ratio: number;
    /** Median over notes of compromise wall / pipeline wall. */
    medianWallRatio: number;
  };
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

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs `f` on every item; returns this batch's CPU ms and each item's wall ms. */
async function batch<T, R>(items: T[], f: (x: T) => R | Promise<R>): Promise<{ results: R[]; cpu: number; wall: number[] }> {
  const results: R[] = [];
  const wall: number[] = [];
  const c0 = cpuMs();
  for (const x of items) {
    const t0 = performance.now();
    results.push(await f(x));
    wall.push(performance.now() - t0);
  }
  return { results, cpu: cpuMs() - c0, wall };
}

interface Note { name: string; bytes: Uint8Array }

function cpuFigures(totalMs: number, notes: number, bytes: number): CpuFigures {
  const s = totalMs / 1000;
  return { totalMs: r3(totalMs), meanMs: r3(totalMs / notes), notesPerSecond: r1(s > 0 ? notes / s : 0), mbPerSecond: r3(s > 0 ? bytes / 1e6 / s : 0) };
}

function wallFigures(perNote: number[]): WallFigures {
  const sorted = [...perNote].sort((a, b) => a - b);
  return { medianMs: r3(quantile(sorted, 0.5)), p95Ms: r3(quantile(sorted, 0.95)) };
}

/** Per note, the median over reps of samples[rep][note]. */
function noteMedians(samples: number[][], notes: number): number[] {
  return Array.from({ length: notes }, (_, i) => median(samples.map((rep) => rep[i]!)));
}

function runValueParsers(v: string): void {
  values.findLevels(v); values.findSides(v); values.findRelief(v); values.findDurations(v);
  values.findDates(v); values.findPainScores(v); values.findDoses(v); values.findCodes(v);
}

export async function bench(files: string[], opts: BenchOptions, progress: (s: string) => void = () => {}): Promise<BenchResult> {
  const notes: Note[] = files.map((f) => ({ name: basename(f), bytes: readFileSync(f) }));
  if (notes.length === 0) throw new MednecError('MEDNEC_USAGE', 'bench: no .txt notes found in the inputs');
  const res = loadResources();
  const bytes = notes.reduce((n, x) => n + x.bytes.length, 0);
  const n = notes.length;

  const stageCpu: Record<Stage, number[]> = { ingest: [], doc: [], analyze: [], extract: [], evaluate: [] };
  const stageWall: Record<Stage, number[][]> = { ingest: [], doc: [], analyze: [], extract: [], evaluate: [] };
  const valuesCpu: number[] = [];
  const valuesWall: number[][] = [];
  let facts = 0;
  let docs: Doc[] = [];
  for (let rep = 0; rep < opts.warmup + opts.reps; rep++) {
    const warm = rep >= opts.warmup;
    const ingest = await batch(notes, (x) => readSource(x.bytes, x.name));
    const doc = await batch(ingest.results, (s: Source) => buildDoc(s));
    const an = await batch(doc.results, (d: Doc) => analyze(d, res));
    const ex = await batch(an.results, (a: NlpDoc) => extractFacts(a, res));
    const ev = await batch(ex.results.map((f, i) => [f, an.results[i]!] as const),
      ([f, a]: readonly [Fact[], NlpDoc]) => evaluateCase(f, { noteDate: a.noteDate ?? undefined }));
    const vp = await batch(doc.results, (d: Doc) => runValueParsers(d.norm));
    if (rep === 0) facts = ex.results.reduce((k, f) => k + f.length, 0);
    docs = doc.results;
    if (warm) {
      const runs: Record<Stage, { cpu: number; wall: number[] }> = { ingest, doc, analyze: an, extract: ex, evaluate: ev };
      for (const s of STAGES) { stageCpu[s].push(runs[s].cpu); stageWall[s].push(runs[s].wall); }
      valuesCpu.push(vp.cpu); valuesWall.push(vp.wall);
    }
    progress(`bench: ${warm ? 'rep' : 'warm-up'} ${warm ? rep - opts.warmup + 1 : rep + 1}/${warm ? opts.reps : opts.warmup} done`);
  }

  const stageTotals = STAGES.map((s) => median(stageCpu[s]));
  const pipelineCpu = stageTotals.reduce((a, b) => a + b, 0);
  const perStageWall = STAGES.map((s) => noteMedians(stageWall[s], n));
  const pipelineWall = Array.from({ length: n }, (_, i) => perStageWall.reduce((k, w) => k + w[i]!, 0));
  const result: BenchResult = {
    notes: n, bytes, reps: opts.reps, warmup: opts.warmup, compromiseReps: 0,
    inputs: [...new Set(files.map((f) => f.slice(0, f.length - basename(f).length - 1)))],
    env: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAverage: r1(loadavg()[0] ?? 0) },
    facts,
    pipeline: { cpu: cpuFigures(pipelineCpu, n, bytes), wall: wallFigures(pipelineWall) },
    stages: Object.fromEntries(STAGES.map((s, k) => [s, {
      cpu: { ...cpuFigures(stageTotals[k]!, n, bytes), share: r3(pipelineCpu > 0 ? stageTotals[k]! / pipelineCpu : 0) },
      wall: wallFigures(perStageWall[k]!),
    }])) as BenchResult['stages'],
    valueParsers: { cpu: cpuFigures(median(valuesCpu), n, bytes), wall: wallFigures(noteMedians(valuesWall, n)) },
  };

  if (opts.compromise) {
    progress('bench: compromise reference, nlp(pageText) on every page...');
    const nlp = (await import('compromise')).default as unknown as (text: string) => unknown;
    nlp('Warm the lexicon: L4-5 TFESI gave 80% relief for six weeks.');
    const cReps = Math.max(1, Math.min(opts.reps, opts.compromiseReps));
    const cCpu: number[] = [];
    const cWall: number[][] = [];
    for (let rep = 0; rep < cReps; rep++) {
      const c = await batch(docs, (d: Doc) => { for (const p of d.source.pages) nlp(p.text); });
      cCpu.push(c.cpu); cWall.push(c.wall);
    }
    const cTotal = median(cCpu);
    const cNotes = noteMedians(cWall, n);
    result.compromiseReps = cReps;
    result.compromise = {
      cpu: cpuFigures(cTotal, n, bytes),
      wall: wallFigures(cNotes),
      ratio: r1(pipelineCpu > 0 ? cTotal / pipelineCpu : 0),
      medianWallRatio: r1(median(cNotes.map((c, i) => (pipelineWall[i]! > 0 ? c / pipelineWall[i]! : 0)))),
    };
  }
  return result;
}

export function renderBench(r: BenchResult): string {
  const p = r.pipeline;
  const lines = [
    `mednec bench: ${r.notes} text notes, ${(r.bytes / 1e6).toFixed(2)} MB, ${r.reps} warm reps (+${r.warmup} warm-up); ` +
      `node ${r.env.node}, ${r.env.cores} x ${r.env.cpu}, load average ${r.env.loadAverage}`,
    `  pipeline: ${p.cpu.notesPerSecond} notes/s, ${p.cpu.mbPerSecond} MB/s, ${p.cpu.meanMs} ms CPU per note (mean)` +
      ` | wall per note: median ${p.wall.medianMs} ms, p95 ${p.wall.p95Ms} ms`,
    `  facts on the first pass: ${r.facts}`,
    '  stage        CPU ms/note   share  | wall median   p95',
    ...STAGES.map((s) => {
      const st = r.stages[s];
      return `  ${s.padEnd(12)} ${String(st.cpu.meanMs).padStart(10)} ${(st.cpu.share * 100).toFixed(1).padStart(6)}%  | ${String(st.wall.medianMs).padStart(10)} ${String(st.wall.p95Ms).padStart(8)}`;
    }),
    `  value parsers (all 8 finders on the whole note): ${r.valueParsers.cpu.meanMs} ms CPU per note, ${r.valueParsers.cpu.mbPerSecond} MB/s` +
      ` | wall median ${r.valueParsers.wall.medianMs} ms, p95 ${r.valueParsers.wall.p95Ms} ms`,
  ];
  if (r.compromise) {
    const c = r.compromise;
    lines.push(`  compromise nlp(pageText): ${c.cpu.notesPerSecond} notes/s, ${c.cpu.mbPerSecond} MB/s, ${c.cpu.meanMs} ms CPU per note` +
      ` | wall median ${c.wall.medianMs} ms, p95 ${c.wall.p95Ms} ms (${r.compromiseReps} rep${r.compromiseReps > 1 ? 's' : ''})`);
    lines.push(`  => the pipeline is ${c.ratio}x faster than compromise-per-page (CPU, all notes; per-note wall median ratio ${c.medianWallRatio}x)`);
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
    const k = Number(v);
    if (!Number.isInteger(k) || k < min) throw new MednecError('MEDNEC_USAGE', `--${name} must be an integer >= ${min}`);
    return k;
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
