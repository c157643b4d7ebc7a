/**
 * NegEx peer benchmark: the ConText engine over the NegEx/ConText test set
 * (shared/corpus/negex/rsAnnotations-1-120-random.txt, 2,376 annotated sentences), scored per
 * class against the physicians' labels, on the odd line numbers (the half rules were tuned on),
 * the even ones (held out) and all. Published GenNegEx v1.2 on this set: negation P 0.933,
 * R 0.959, F 0.946.
 *
 * Each row runs the same path as `mednec assert`: the sentence is one document, cut into
 * sections and sentences by the pipeline's components, the condition found case-insensitively (the set writes it in capitals; an upper-case
 * occurrence is preferred), the engine run on the sentence that holds it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../resources.ts';
import type { Resources } from '../resources.ts';
import { normalizeView } from '../model/doc.ts';
import { assertSpanDetailed, getContextEngine } from '../nlp/context/engine.ts';
import { assertText } from '../nlp/context/assert-text.ts';

export const NEGEX_FILE = 'corpus/negex/rsAnnotations-1-120-random.txt';

/** shared/ dir: env MEDNEC_SHARED_DIR, else <repo>/../shared. */
export function sharedDir(): string {
  return process.env.MEDNEC_SHARED_DIR ? resolve(process.env.MEDNEC_SHARED_DIR) : resolve(REPO_ROOT, '..', 'shared');
}
export function negexPath(): string {
  return join(sharedDir(), NEGEX_FILE);
}

export interface NegexRow {
  line: number;
  condition: string;
  sentence: string;
  negated: boolean;
  temporality: 'recent' | 'historical' | 'hypothetical';
  other: boolean;
}

export function parseNegex(raw: string): NegexRow[] {
  const rows: NegexRow[] = [];
  for (const l of raw.split(/\r?\n/).slice(1)) {
    if (!l.trim()) continue;
    const f = l.split('\t');
    if (f.length < 6) continue;
    const temp = f[4]!.trim().toLowerCase();
    rows.push({
      line: Number(f[0]),
      condition: f[1]!,
      sentence: f[2]!,
      negated: f[3]!.trim().toLowerCase() === 'negated',
      temporality: temp === 'historical' ? 'historical' : temp === 'not particular' ? 'hypothetical' : 'recent',
      other: f[5]!.trim().toLowerCase() !== 'patient',
    });
  }
  return rows;
}

export interface Prf { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
const CLASSES = ['negated', 'hypothetical', 'historical', 'other'] as const;
export type NegexClass = (typeof CLASSES)[number];

export interface NegexSplit { n: number; notFound: number; scores: Record<NegexClass, Prf> }
export interface NegexReport {
  file: string;
  rules: number;
  split: { odd: NegexSplit; even: NegexSplit; all: NegexSplit };
  speed: { assertions: number; ms: number; perSecond: number; engineMs?: number; enginePerSecond?: number };
  published: { negation: { precision: number; recall: number; f1: number } };
  errors?: NegexError[];
}
export interface NegexError { line: number; cls: NegexClass; kind: 'fp' | 'fn'; rule: string | null; trigger: string | null; sentence: string; condition: string }

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

interface Pred { negated: boolean; hypothetical: boolean; historical: boolean; other: boolean; found: boolean; rule: string | null; trigger: string | null; rules: Record<NegexClass, string | null> }

function predict(res: Resources, r: NegexRow): Pred {
  const a = assertText(res, r.sentence, r.condition, { preferUpperCase: true });
  if (!a.ok) return { negated: false, hypothetical: false, historical: false, other: false, found: false, rule: null, trigger: null, rules: { negated: null, hypothetical: null, historical: null, other: null } };
  const out = a.detail.result;
  const by = (cats: string[]): string | null => a.detail.applied.find((m) => cats.includes(m.category))?.rule ?? null;
  return {
    negated: out.assertion === 'absent',
    hypothetical: out.assertion === 'hypothetical',
    historical: out.historical,
    other: out.experiencer === 'other',
    found: true,
    rule: out.rule,
    trigger: out.trigger?.text ?? null,
    rules: { negated: by(['negated']), hypothetical: by(['hypothetical']), historical: by(['historical']), other: by(['family', 'other_experiencer']) },
  };
}

function gold(r: NegexRow, c: NegexClass): boolean {
  return c === 'negated' ? r.negated : c === 'hypothetical' ? r.temporality === 'hypothetical' : c === 'historical' ? r.temporality === 'historical' : r.other;
}

export function runNegexBench(res: Resources, raw: string, opts: { errors?: boolean; file?: string } = {}): NegexReport {
  const rows = parseNegex(raw);
  const t0 = performance.now();
  const engine = getContextEngine(res);
  const preds = rows.map((r) => predict(res, r));
  const ms = performance.now() - t0;
  const errors: NegexError[] = [];
  const score = (keep: (r: NegexRow) => boolean): NegexSplit => {
    const counts = Object.fromEntries(CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<NegexClass, { tp: number; fp: number; fn: number }>;
    let n = 0, notFound = 0;
    rows.forEach((r, i) => {
      if (!keep(r)) return;
      n++;
      const p = preds[i]!;
      if (!p.found) notFound++;
      for (const c of CLASSES) {
        const g = gold(r, c), y = p[c];
        if (g && y) counts[c].tp++;
        else if (y) counts[c].fp++;
        else if (g) counts[c].fn++;
      }
    });
    return { n, notFound, scores: Object.fromEntries(CLASSES.map((c) => [c, prf(counts[c].tp, counts[c].fp, counts[c].fn)])) as Record<NegexClass, Prf> };
  };
  if (opts.errors) {
    rows.forEach((r, i) => {
      const p = preds[i]!;
      for (const c of CLASSES) {
        const g = gold(r, c), y = p[c];
        if (g !== y) errors.push({ line: r.line, cls: c, kind: y ? 'fp' : 'fn', rule: p.rules[c] ?? p.rule, trigger: p.trigger, sentence: r.sentence.replace(/\s+/g, ' '), condition: r.condition });
      }
    });
  }
  return {
    file: opts.file ?? NEGEX_FILE,
    rules: engine.ruleCount,
    split: { odd: score((r) => r.line % 2 === 1), even: score((r) => r.line % 2 === 0), all: score(() => true) },
    speed: { assertions: rows.length, ms: Math.round(ms * 10) / 10, perSecond: Math.round(rows.length / (ms / 1000)) },
    published: { negation: { precision: 0.933, recall: 0.959, f1: 0.946 } },
    ...(opts.errors ? { errors } : {}),
  };
}

/**
 * Best-of-N timing, resources already compiled: end to end (`assertText`: document, sections,
 * sentences, find, assert) and the engine alone (`assertSpanDetailed` on the prepared spans).
 */
export function measureSpeed(res: Resources, raw: string, reps = 5): NegexReport['speed'] {
  const rows = parseNegex(raw);
  const engine = getContextEngine(res);
  const prepared: { text: string; norm: string; sentence: { start: number; end: number }; target: { start: number; end: number } }[] = [];
  let endToEnd = Number.POSITIVE_INFINITY;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    for (const r of rows) {
      const a = assertText(res, r.sentence, r.condition, { preferUpperCase: true });
      if (k === 0 && a.ok) prepared.push({ text: r.sentence, norm: normalizeView(r.sentence), sentence: a.sentence, target: a.target });
    }
    endToEnd = Math.min(endToEnd, performance.now() - t0);
  }
  let engineOnly = Number.POSITIVE_INFINITY;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    for (const p of prepared) assertSpanDetailed(engine, p.text, p.norm, p.sentence, p.target);
    engineOnly = Math.min(engineOnly, performance.now() - t0);
  }
  return {
    assertions: rows.length,
    ms: Math.round(endToEnd * 10) / 10,
    perSecond: Math.round(rows.length / (endToEnd / 1000)),
    engineMs: Math.round(engineOnly * 10) / 10,
    enginePerSecond: Math.round(prepared.length / (engineOnly / 1000)),
  };
}

const pct = (x: number): string => x.toFixed(3);

export function formatNegexReport(r: NegexReport): string {
  const lines: string[] = [];
  lines.push(`NegEx test set (${r.file}), ${r.split.all.n} sentences, ${r.rules} context rules`);
  lines.push('class          split  n     tp   fp   fn   P      R      F');
  for (const c of CLASSES) {
    for (const k of ['odd', 'even', 'all'] as const) {
      const s = r.split[k].scores[c];
      lines.push(`${c.padEnd(14)} ${k.padEnd(6)} ${String(r.split[k].n).padEnd(5)} ${String(s.tp).padEnd(4)} ${String(s.fp).padEnd(4)} ${String(s.fn).padEnd(4)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}`);
    }
  }
  lines.push(`targets not found: odd ${r.split.odd.notFound}, even ${r.split.even.notFound}`);
  lines.push(`published GenNegEx v1.2 negation: P ${r.published.negation.precision} R ${r.published.negation.recall} F ${r.published.negation.f1}`);
  lines.push(`speed: ${r.speed.assertions} assertions in ${r.speed.ms} ms = ${r.speed.perSecond}/s end to end (sections + sentences + find + assert)`);
  if (r.speed.enginePerSecond) lines.push(`       engine alone ${r.speed.engineMs} ms = ${r.speed.enginePerSecond} assertions/s`);
  return lines.join('\n');
}

export function loadNegex(path = negexPath()): string {
  return readFileSync(path, 'utf8');
}
