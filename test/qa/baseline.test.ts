import { describe, expect, test } from 'vitest';
import { BaselineSchema, buildBaseline, compareToBaseline, describeGate, formatBaseline } from '../../src/qa/baseline.ts';
import type { Counts, NoteResult } from '../../src/qa/score.ts';

function note(key: string, types: Record<string, Counts>, opts: { fingerprint?: string; flags?: [number, number, number]; det?: boolean } = {}): NoteResult {
  const codes = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
  return {
    goldPath: key, notePath: key.replace('.gold.json', '.txt'), dir: 'samples', fingerprint: opts.fingerprint ?? 'fp',
    listedTypes: Object.keys(types), types,
    assertions: { present: { tp: 0, fp: 0, fn: 0 }, absent: { tp: 0, fp: 0, fn: 0 }, possible: { tp: 0, fp: 0, fn: 0 }, hypothetical: { tp: 0, fp: 0, fn: 0 } },
    confusion: {} as NoteResult['confusion'],
    flags: opts.flags ? { expected: [], predicted: [], tp: codes(opts.flags[0], 'T'), fp: codes(opts.flags[1], 'P'), fn: codes(opts.flags[2], 'N') } : null,
    determination: opts.det === undefined ? null : { gold: 'meets', predicted: opts.det ? 'meets' : 'does_not_meet', agree: opts.det },
    reviews: [], governing: null, matched: 0, misses: [], falsePositives: [], ignoredPredictions: 0,
  };
}
const key = (r: NoteResult) => r.goldPath;
const base = (results: NoteResult[]) => buildBaseline(results, key, 'mednec qa --write-baseline qa/baseline.json samples', '2026-11-22');

describe('QA baseline and gate', () => {
  const before = [
    note('samples/a.gold.json', { prior_procedure: { tp: 4, fp: 0, fn: 1 }, radicular_pain: { tp: 1, fp: 0, fn: 0 } }, { flags: [2, 0, 1], det: true }),
    note('samples/b.gold.json', { prior_procedure: { tp: 2, fp: 1, fn: 0 } }, { det: true }),
    note('samples/c.gold.json', { prior_procedure: { tp: 1, fp: 0, fn: 0 } }, { det: false }),
  ];

  test('the baseline validates against its schema and records totals', () => {
    const b = BaselineSchema.parse(JSON.parse(JSON.stringify(base(before))));
    expect(b.summary.types.prior_procedure).toMatchObject({ tp: 7, fp: 1, fn: 1, f1: 0.875 });
    expect(b.notes['samples/a.gold.json']!.facts.prior_procedure).toEqual([4, 0, 1]);
    expect(b.summary.determination).toEqual({ agree: 2, total: 3, rate: 0.6667 });
  });

  test('unchanged scores pass', () => {
    expect(compareToBaseline(base(before), before, key).ok).toBe(true);
  });

  test('a drop in a well-supported type fails the gate and names the type', () => {
    const after = [note('samples/a.gold.json', { prior_procedure: { tp: 2, fp: 0, fn: 3 }, radicular_pain: { tp: 1, fp: 0, fn: 0 } }, { flags: [2, 0, 1], det: true }), ...before.slice(1)];
    const g = compareToBaseline(base(before), after, key);
    expect(g.ok).toBe(false);
    expect(g.failures.map((f) => f.metric)).toEqual(['facts overall F1', 'prior_procedure F1']);
    expect(describeGate(g)).toMatch(/FAIL prior_procedure F1/);
  });

  test('a type with fewer than 3 gold facts is reported, not gated', () => {
    const after = [note('samples/a.gold.json', { prior_procedure: { tp: 4, fp: 0, fn: 1 }, radicular_pain: { tp: 0, fp: 0, fn: 1 } }, { flags: [2, 0, 1], det: true }), ...before.slice(1)];
    const g = compareToBaseline(base(before), after, key);
    expect(g.ungated).toContain('radicular_pain F1');
    expect(g.failures.map((f) => f.metric)).toEqual(['facts overall F1']);
  });

  test('a drop within epsilon passes', () => {
    const b = base(before);
    b.epsilon = 0.2;
    const after = [note('samples/a.gold.json', { prior_procedure: { tp: 3, fp: 0, fn: 2 }, radicular_pain: { tp: 1, fp: 0, fn: 0 } }, { flags: [2, 0, 1], det: true }), ...before.slice(1)];
    expect(compareToBaseline(b, after, key).ok).toBe(true);
  });

  test('new notes, new types, changed and missing notes are reported and kept out of the comparison', () => {
    const after = [
      before[0]!,
      note('samples/b.gold.json', { prior_procedure: { tp: 0, fp: 5, fn: 2 } }, { fingerprint: 'edited', det: false }),
      note('samples/new.gold.json', { injury: { tp: 0, fp: 0, fn: 4 }, prior_procedure: { tp: 0, fp: 0, fn: 9 } }),
    ];
    const g = compareToBaseline(base(before), after, key);
    expect(g).toMatchObject({ ok: true, compared: 1, newNotes: ['samples/new.gold.json'], changedNotes: ['samples/b.gold.json'],
      missingNotes: ['samples/c.gold.json'], newTypes: ['injury'] });
  });

  test('flag F1 and determination agreement are gated too', () => {
    const after = [note('samples/a.gold.json', { prior_procedure: { tp: 4, fp: 0, fn: 1 }, radicular_pain: { tp: 1, fp: 0, fn: 0 } }, { flags: [0, 0, 3], det: false }), ...before.slice(1)];
    const g = compareToBaseline(base(before), after, key);
    expect(g.failures.map((f) => f.metric)).toEqual(['flags F1', 'determination agreement']);
  });
});

describe('baseline file format', () => {
  test('round-trips through JSON with one line per note', () => {
    const b = base([note('samples/a.gold.json', { radicular_pain: { tp: 1, fp: 0, fn: 0 } }), note('samples/b.gold.json', {})]);
    const text = formatBaseline(b);
    expect(JSON.parse(text)).toEqual(b);
    expect(text).toContain('    "samples/a.gold.json": {"fingerprint":"fp","facts":{"radicular_pain":[1,0,0]},"flags":null,"determination":null}');
    expect(JSON.parse(formatBaseline(base([])))).toEqual(base([]));
  });
});
