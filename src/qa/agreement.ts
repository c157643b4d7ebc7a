/**
 * Inter-annotator agreement between two gold files of one packet (`mednec qa --agreement A B`):
 * A = `<name>.gold.json` in folder A, B = `<name>.gold2.json` (or `<name>.gold.json`) in folder B.
 * Facts are compared with QA's own matcher (match.ts), A as the reference: a B fact agrees with
 * an A fact when type and assertion are equal and every attribute A gives is equal after
 * normalization. Because that is directional (an attribute only B gives is not checked), the
 * reverse direction (B as reference) is reported too. Only the fact types BOTH golds list in
 * `factTypes` are compared. Flags as sets per packet (A expected, B found), determinations and the
 * governing policy exactly, with Cohen's kappa over determinations. `compareGolds` is pure.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors/index.ts';
import { fmtRate } from './table.ts';
import { GOLD_SUFFIX, parseGold, type Gold } from './gold.ts';
import { matchNote, type PredictedFact } from './match.ts';
import { emptyCounts, prf, type Agreement, type Counts, type Prf } from './score.ts';

export const GOLD2_SUFFIX = '.gold2.json';

export interface PacketAgreement {
  name: string;
  /** Fact types both golds list (after any --types filter). */
  types: string[];
  /** Per type, A as reference: TP = facts both give, FN = only A, FP = only B. */
  facts: Record<string, Counts>;
  /** The same with B as reference (overall only). */
  reverse: Counts;
  flags: { a: string[]; b: string[]; both: string[] } | null;
  determination: { a: string; b: string; agree: boolean } | null;
  governing: { a: string; b: string; agree: boolean } | null;
}

export interface AgreementSummary {
  packets: number;
  types: Record<string, Prf>;
  overall: Prf;
  /** B as reference. */
  reverse: Prf;
  flags: Prf | null;
  determination: Agreement & { kappa: number | null; pairs: Record<string, number> };
  governing: Agreement;
}

export interface AgreementRun {
  dirA: string;
  dirB: string;
  packets: PacketAgreement[];
  skipped: { name: string; reason: string }[];
  summary: AgreementSummary;
}

const add = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });

function governingOf(g: Gold): string | null {
  return (g.reviews ?? []).find((r) => r.governing === true)?.policy ?? null;
}

/** One packet's two golds. */
export function compareGolds(name: string, a: Gold, b: Gold, types?: ReadonlySet<string>): PacketAgreement {
  const bothListed = new Set(a.factTypes.filter((t) => b.factTypes.includes(t) && (!types || types.has(t))));
  const m = matchNote(a.facts, b.facts as PredictedFact[], bothListed, bothListed);
  const facts: Record<string, Counts> = Object.fromEntries([...bothListed].sort().map((t) => [t, emptyCounts()]));
  for (const [i] of m.matched) facts[a.facts[i]!.type]!.tp++;
  for (const { gold: i } of m.missed) facts[a.facts[i]!.type]!.fn++;
  for (const j of m.falsePositives) facts[b.facts[j]!.type]!.fp++;
  const r = matchNote(b.facts, a.facts as PredictedFact[], bothListed, bothListed);
  const reverse = { tp: r.matched.length, fn: r.missed.length, fp: r.falsePositives.length };
  const flags = a.flags && b.flags
    ? { a: [...new Set(a.flags)].sort(), b: [...new Set(b.flags)].sort(), both: [...new Set(a.flags)].filter((c) => b.flags!.includes(c)).sort() }
    : null;
  const ga = governingOf(a);
  const gb = governingOf(b);
  return {
    name, types: [...bothListed].sort(), facts, reverse, flags,
    determination: a.determination !== undefined && b.determination !== undefined
      ? { a: a.determination, b: b.determination, agree: a.determination === b.determination } : null,
    governing: ga && gb ? { a: ga, b: gb, agree: ga === gb } : null,
  };
}

/** Cohen's kappa over paired labels; null without pairs or when chance agreement is 1. */
export function cohensKappa(pairs: [string, string][]): number | null {
  if (!pairs.length) return null;
  const n = pairs.length;
  const po = pairs.filter(([x, y]) => x === y).length / n;
  const labels = [...new Set(pairs.flat())];
  const pe = labels.reduce((s, l) => s + (pairs.filter(([x]) => x === l).length / n) * (pairs.filter(([, y]) => y === l).length / n), 0);
  return pe >= 1 ? null : (po - pe) / (1 - pe);
}

export function summarizeAgreement(packets: PacketAgreement[]): AgreementSummary {
  const types: Record<string, Counts> = {};
  let reverse = emptyCounts();
  let flags: Counts | null = null;
  for (const p of packets) {
    for (const [t, c] of Object.entries(p.facts)) types[t] = add(types[t] ?? emptyCounts(), c);
    reverse = add(reverse, p.reverse);
    if (p.flags) flags = add(flags ?? emptyCounts(), { tp: p.flags.both.length, fn: p.flags.a.length - p.flags.both.length, fp: p.flags.b.length - p.flags.both.length });
  }
  const dets = packets.flatMap((p) => (p.determination ? [[p.determination.a, p.determination.b] as [string, string]] : []));
  const pairs: Record<string, number> = {};
  for (const [x, y] of dets) pairs[`${x} / ${y}`] = (pairs[`${x} / ${y}`] ?? 0) + 1;
  const agreeN = dets.filter(([x, y]) => x === y).length;
  const gov = packets.filter((p) => p.governing);
  const govAgree = gov.filter((p) => p.governing!.agree).length;
  return {
    packets: packets.length,
    types: Object.fromEntries(Object.keys(types).sort().map((t) => [t, prf(types[t]!)])),
    overall: prf(Object.values(types).reduce(add, emptyCounts())),
    reverse: prf(reverse),
    flags: flags ? prf(flags) : null,
    determination: { agree: agreeN, total: dets.length, rate: dets.length ? agreeN / dets.length : null, kappa: cohensKappa(dets),
      pairs: Object.fromEntries(Object.entries(pairs).sort()) },
    governing: { agree: govAgree, total: gov.length, rate: gov.length ? govAgree / gov.length : null },
  };
}

async function loadGold(path: string): Promise<Gold> {
  try {
    return parseGold(JSON.parse(await readFile(path, 'utf8')));
  } catch (e) {
    const why = e instanceof z.ZodError ? e.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
      : e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(`${basename(path)}: ${why}`);
  }
}

/** Pairs `<name>.gold.json` in A with `<name>.gold2.json` (else `<name>.gold.json`) in B. */
export async function runAgreementDirs(dirA: string, dirB: string,
  opts: { types?: ReadonlySet<string>; onSkip?: (name: string, why: string) => void } = {}): Promise<AgreementRun> {
  const list = async (d: string) => {
    try { return await readdir(d); } catch { throw new InputError('MEDNEC_INPUT_MISSING', `${d}: no such folder`); }
  };
  const namesA = (await list(dirA)).filter((n) => n.endsWith(GOLD_SUFFIX) && !n.startsWith('.')).sort();
  const inB = new Set(await list(dirB));
  const sameDir = resolve(dirA) === resolve(dirB);
  const packets: PacketAgreement[] = [];
  const skipped: AgreementRun['skipped'] = [];
  const skip = (name: string, reason: string) => { skipped.push({ name, reason }); opts.onSkip?.(name, reason); };
  for (const n of namesA) {
    const name = n.slice(0, -GOLD_SUFFIX.length);
    // `<name>.gold.json` in B only when B is another folder: never a gold against itself.
    const bName = inB.has(name + GOLD2_SUFFIX) ? name + GOLD2_SUFFIX : inB.has(n) && !sameDir ? n : null;
    if (!bName) { skip(name, `no ${name}${GOLD2_SUFFIX} in ${dirB}`); continue; }
    try {
      packets.push(compareGolds(name, await loadGold(join(dirA, n)), await loadGold(join(dirB, bName)), opts.types));
    } catch (e) {
      skip(name, `invalid gold file: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { dirA, dirB, packets, skipped, summary: summarizeAgreement(packets) };
}

export function agreementTable(r: AgreementRun): string {
  const s = r.summary;
  const w = Math.max(24, ...Object.keys(s.types).map((t) => t.length));
  const row = (label: string, p: Prf) => `  ${label.padEnd(w)} ${String(p.tp + p.fn).padStart(5)} ${String(p.tp + p.fp).padStart(5)} ${String(p.tp).padStart(5)} ${String(p.fn).padStart(7)} ${String(p.fp).padStart(7)}  ${fmtRate(p.f1)}`;
  const lines = [`mednec qa --agreement: ${s.packets} packets with two golds (A ${r.dirA}, B ${r.dirB}), ${r.skipped.length} skipped`, ''];
  lines.push(`${'Facts (A as reference)'.padEnd(w + 2)} ${'A'.padStart(5)} ${'B'.padStart(5)} ${'both'.padStart(5)} ${'only A'.padStart(7)} ${'only B'.padStart(7)}  ${'F1'.padStart(6)}`);
  for (const [t, p] of Object.entries(s.types)) lines.push(row(t, p));
  lines.push(row('overall (micro)', s.overall));
  lines.push(row('overall, B as reference', s.reverse));
  lines.push('');
  lines.push(s.flags ? `Flags: F1 ${fmtRate(s.flags.f1).trim()} (both ${s.flags.tp}, only A ${s.flags.fn}, only B ${s.flags.fp})` : 'Flags: not annotated in both');
  const d = s.determination;
  lines.push(`Determinations agreeing: ${d.total ? `${d.agree}/${d.total} (${fmtRate(d.rate).trim()}), Cohen's kappa ${d.kappa === null ? '—' : d.kappa.toFixed(3)}` : 'none annotated in both'}`);
  for (const [k, n] of Object.entries(d.pairs)) if (!k.split(' / ').every((x, _, xs) => x === xs[0])) lines.push(`  A / B ${k}: ${n}`);
  if (s.governing.total) lines.push(`Governing policy agreeing: ${s.governing.agree}/${s.governing.total}`);
  return lines.join('\n') + '\n';
}
