/**
 * One note's predicted facts against its gold facts (CONTRACT.md "Gold annotations"). A prediction
 * matches a gold fact when the type and assertion are equal and every attribute the gold gives is
 * equal after normalization. Matching is one-to-one and maximum (augmenting paths), so two
 * identical predictions of one gold fact give one true positive and one false positive, and the
 * count never depends on the order facts are listed in.
 */
import type { Assertion } from '../schema/review.ts';
import type { GoldFact } from './gold.ts';
import { attributeEqual } from './normalize.ts';

/** What the matcher needs from a predicted fact (a contract Fact has all of it). */
export interface PredictedFact {
  id?: string;
  type: string;
  assertion: Assertion;
  experiencer?: 'patient' | 'other';
  attributes: Record<string, unknown>;
  evidence?: { page: number; start: number; end: number; text: string }[];
}

export type AttrStatus = 'ok' | 'differs' | 'missing';

export interface AttrDiff {
  key: string;
  status: AttrStatus;
  gold: unknown;
  pred: unknown;
}

/** For a missed gold fact: the same-type prediction that agrees with it most, and how it differs. */
export interface Closest {
  pred: number;
  assertionDiffers: boolean;
  experiencerDiffers: boolean;
  /** One entry per attribute the gold gives. */
  attributes: AttrDiff[];
  /** The prediction is already matched to another gold fact (no unmatched one of this type). */
  alreadyMatched: boolean;
}

export interface NoteMatch {
  /** Exact matches: [gold index, prediction index]. */
  matched: [number, number][];
  /** Unmatched pairs whose type and attributes agree but whose assertion differs. */
  assertionPairs: [number, number][];
  /** Gold indices left unmatched, with their closest prediction when one of the type exists. */
  missed: { gold: number; closest?: Closest }[];
  /** Unmatched predictions of the listed (completely annotated) types. */
  falsePositives: number[];
  /** Predictions of types the gold does not list completely: neither right nor wrong. */
  ignored: number[];
}

function experiencerOk(g: GoldFact, p: PredictedFact): boolean {
  // Experiencer is compared only when the gold states it (a relative's surgery is `other`).
  return g.experiencer === undefined || g.experiencer === (p.experiencer ?? 'patient');
}

function attributesOk(g: GoldFact, p: PredictedFact): boolean {
  return Object.entries(g.attributes).every(([k, v]) => attributeEqual(k, v, p.attributes[k]));
}

export function factMatches(g: GoldFact, p: PredictedFact): boolean {
  return g.type === p.type && g.assertion === p.assertion && experiencerOk(g, p) && attributesOk(g, p);
}

/**
 * Maximum bipartite matching by augmenting paths (Kuhn). Left vertices are tried in the order
 * given, so callers put the most specific gold facts first; the size is maximum either way.
 */
export function maximumMatching(left: number[], right: number[], edge: (l: number, r: number) => boolean): [number, number][] {
  const adj = new Map(left.map((l) => [l, right.filter((r) => edge(l, r))]));
  const owner = new Map<number, number>();
  const augment = (l: number, seen: Set<number>): boolean => {
    for (const r of adj.get(l)!) {
      if (seen.has(r)) continue;
      seen.add(r);
      const o = owner.get(r);
      if (o === undefined || augment(o, seen)) { owner.set(r, l); return true; }
    }
    return false;
  };
  for (const l of left) augment(l, new Set());
  const pairs: [number, number][] = [...owner.entries()].map(([r, l]) => [l, r]);
  return pairs.sort((a, b) => a[0] - b[0]);
}

function diffAttributes(g: GoldFact, p: PredictedFact): AttrDiff[] {
  return Object.entries(g.attributes).map(([key, gold]) => {
    const pred = p.attributes[key];
    const status: AttrStatus = attributeEqual(key, gold, pred) ? 'ok'
      : pred === undefined || pred === null ? 'missing' : 'differs';
    return { key, status, gold, pred };
  });
}

function closestPrediction(g: GoldFact, preds: PredictedFact[], candidates: number[], alreadyMatched: boolean): Closest | undefined {
  let best: Closest | undefined;
  let bestScore = -1;
  for (const j of candidates) {
    const p = preds[j]!;
    const attributes = diffAttributes(g, p);
    const assertionDiffers = p.assertion !== g.assertion;
    const experiencerDiffers = !experiencerOk(g, p);
    // Attributes weigh most (they say what the fact is); assertion and experiencer break ties.
    const score = attributes.filter((a) => a.status === 'ok').length * 4
      + (assertionDiffers ? 0 : 2) + (experiencerDiffers ? 0 : 1);
    if (score > bestScore) {
      bestScore = score;
      best = { pred: j, assertionDiffers, experiencerDiffers, attributes, alreadyMatched };
    }
  }
  return best;
}

/**
 * @param listedTypes the gold's `factTypes` (after any `--types` filter): unmatched predictions of
 *   these types are false positives; predictions of other types are ignored.
 * @param inScope when given, gold facts and predictions of other types are left out entirely.
 */
export function matchNote(gold: GoldFact[], preds: PredictedFact[], listedTypes: ReadonlySet<string>,
  inScope?: ReadonlySet<string>): NoteMatch {
  const gIdx = gold.map((_, i) => i).filter((i) => !inScope || inScope.has(gold[i]!.type))
    // Most specific gold facts first: with several candidates, the detailed fact claims its twin.
    .sort((a, b) => Object.keys(gold[b]!.attributes).length - Object.keys(gold[a]!.attributes).length || a - b);
  const pIdx = preds.map((_, j) => j).filter((j) => !inScope || inScope.has(preds[j]!.type));

  const matched = maximumMatching(gIdx, pIdx, (i, j) => factMatches(gold[i]!, preds[j]!));
  const mg = new Set(matched.map(([i]) => i));
  const mp = new Set(matched.map(([, j]) => j));

  const freeG = gIdx.filter((i) => !mg.has(i));
  const freeP = pIdx.filter((j) => !mp.has(j));
  const assertionPairs = maximumMatching(freeG, freeP, (i, j) => {
    const g = gold[i]!;
    const p = preds[j]!;
    return g.type === p.type && g.assertion !== p.assertion && experiencerOk(g, p) && attributesOk(g, p);
  });
  const aligned = new Map(assertionPairs);

  const missed = freeG.sort((a, b) => a - b).map((i) => {
    const g = gold[i]!;
    const a = aligned.get(i);
    if (a !== undefined) {
      return { gold: i, closest: closestPrediction(g, preds, [a], false) };
    }
    const free = freeP.filter((j) => preds[j]!.type === g.type);
    const any = pIdx.filter((j) => preds[j]!.type === g.type);
    const closest = free.length > 0 ? closestPrediction(g, preds, free, false)
      : any.length > 0 ? closestPrediction(g, preds, any, true) : undefined;
    return closest ? { gold: i, closest } : { gold: i };
  });

  const falsePositives = freeP.filter((j) => listedTypes.has(preds[j]!.type));
  const ignored = pIdx.filter((j) => !mp.has(j) && !listedTypes.has(preds[j]!.type));
  return { matched, assertionPairs, missed, falsePositives, ignored };
}
