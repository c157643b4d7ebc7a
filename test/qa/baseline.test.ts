import { describe, expect, test } from 'vitest';
import { BaselineSchema, buildBaseline, compareToBaseline, describeGate, formatBaseline } from '../../src/qa/baseline.ts';
import type { Counts, NoteResult } from '../../src/qa/score.ts';

function note(key: string, types: Record<string, Counts>, opts: { fingerprint?: string; flags?: [number, number, number]; det?: [string, string] } = {}): NoteResult {
  const codes = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
  return {
    goldPath: key, notePath: key.replace('.gold.json', '.txt'), dir: 'samples', fingerprint: opts.fingerprint ?? 'fp',
    listedTypes: Object.keys(types), types,
    assertions: { present: { tp: 0, fp: 0, fn: 0 }, absent: { tp: 0, fp: 0, fn: 0 }, possible: { tp: 0, fp: 0, fn: 0 }, hypothetical: { tp: 0, fp: 0, fn: 0 } },
    confusion: {} as NoteResult['confusion'],
    flags: opts.flags ? { expected: [], predicted: [], tp: codes(opts.flags[0], 'T'), fp: codes(opts.flags[1], 'P'), fn: codes(opts.flags[2], 'N') } : null,
    determination: opts.det === undefined ? null : { gold: opts.det[0], predicted: opts.det[1], agree: opts.det[0] === opts.det[1] },
    reviews: [], governing: null, matched: 0, misses: [], falsePositives: [], ignoredPredictions: 0,
  };
}
const key = (r: NoteResult) => r.goldPath;
const base = (results: NoteResult[]) => buildBaseline(results, key, 'mednec qa --write-baseline qa/baseline.json samples', '2026-11-22');
const M: [string, string] = ['meets', 'meets'];
const D: [string, string] = ['does_not_meet', 'does_not_meet'];
const pp = (tp: number, fp: number, fn: number) => ({ prior_procedure: { tp, fp, fn } });

/** Ten notes, 100 prior_procedure facts (allowed: max(3, 2% of 100) = 3 more errors), 10 determinations. */
function corpus(): NoteResult[] {
  return Array.from({ length: 10 }, (_, i) => note(`samples/n${i}.gold.json`, { ...pp(9, 0, 1), radicular_pain: { tp: 1, fp: 0, fn: 0 } },
    { flags: [1, 0, 0], det: i < 5 ? M : i < 9 ? D : ['meets', 'insufficient_documentation'] }));
}
const edit = (rs: NoteResult[], i: number, types: Record<string, Counts> | null, det?: [string, string], flags?: [number, number, number]) =>
  rs.map((r, k) => (k === i ? note(r.goldPath, types ?? r.types, { flags: flags ?? [1, 0, 0], det: det ?? [r.determination!.gold, r.determination!.predicted] }) : r));

describe('QA baseline and gate (tolerances in counts)', () => {
  const before = corpus();

  test('the baseline validates against its schema and records totals, determinations and wrong approvals', () => {
    const b = BaselineSchema.parse(JSON.parse(JSON.stringify(base(before))));
    expect(b.version).toBe(2);
    expect(b.summary.types.prior_procedure).toMatchObject({ tp: 90, fp: 0, fn: 10 });
    expect(b.notes['samples/n9.gold.json']!.determination).toEqual(['meets', 'insufficient_documentation']);
    expect(b.summary.determination).toEqual({ agree: 9, total: 10, rate: 0.9, wrongApprovals: 0 });
  });

  test('unchanged scores pass', () => {
    const g = compareToBaseline(base(before), before, key);
    expect(g.ok).toBe(true);
    expect(g.checks.map((c) => c.metric)).toEqual(['facts overall', 'prior_procedure', 'radicular_pain', 'flags', 'determinations', 'wrong approvals']);
  });

  test('a type may lose up to its allowance (one note\'s worth), not more', () => {
    const three = edit(before, 0, { ...pp(6, 0, 4), radicular_pain: { tp: 1, fp: 0, fn: 0 } });
    expect(compareToBaseline(base(before), three, key).ok).toBe(true);
    const four = edit(before, 0, { ...pp(5, 1, 5), radicular_pain: { tp: 1, fp: 0, fn: 0 } });
    const g = compareToBaseline(base(before), four, key);
    expect(g.failures.map((f) => f.metric)).toEqual(['prior_procedure']);
    expect(describeGate(g)).toMatch(/FAIL prior_procedure\s+errors\s+15 vs baseline\s+10 \(5 worse, 3 allowed\)/);
  });

  test('a general rule that costs one tuning note a fact and a determination but gains elsewhere lands', () => {
    let after = edit(before, 0, { ...pp(8, 1, 2), radicular_pain: { tp: 1, fp: 0, fn: 0 } }, ['meets', 'insufficient_documentation']);
    after = edit(after, 9, { ...pp(10, 0, 0), radicular_pain: { tp: 1, fp: 0, fn: 0 } });
    const g = compareToBaseline(base(before), after, key);
    expect(g.ok).toBe(true);
    expect(g.determinationsLost).toEqual(['samples/n0.gold.json']);
    expect(describeGate(g)).toMatch(/ok   determinations\s+agreeing\s+8 vs baseline\s+9 \(1 worse, 1 allowed\)/);
  });

  test('determinations: a net loss of two fails; losing two while gaining one passes', () => {
    const lose2 = edit(edit(before, 0, null, ['meets', 'no_request_found']), 5, null, ['does_not_meet', 'insufficient_documentation']);
    expect(compareToBaseline(base(before), lose2, key).failures.map((f) => f.metric)).toEqual(['determinations']);
    const gain1 = edit(lose2, 9, null, M);
    const g = compareToBaseline(base(before), gain1, key);
    expect(g.ok).toBe(true);
    expect(g.determinationsGained).toEqual(['samples/n9.gold.json']);
  });

  test('wrong approvals are gated on their own', () => {
    const wrong = edit(edit(before, 5, null, ['does_not_meet', 'meets']), 6, null, ['does_not_meet', 'meets']);
    const later = edit(edit(wrong, 9, null, M), 0, null, M);
    const g = compareToBaseline(base(before), later, key);
    // 8 agreeing vs 9 is within the allowance; two new wrong approvals are not.
    expect(g.failures.map((f) => f.metric)).toEqual(['wrong approvals']);
  });

  test('flags may gain two errors, not three', () => {
    const two = edit(edit(before, 0, null, undefined, [0, 0, 1]), 1, null, undefined, [1, 1, 0]);
    expect(compareToBaseline(base(before), two, key).ok).toBe(true);
    const three = edit(two, 2, null, undefined, [1, 1, 0]);
    expect(compareToBaseline(base(before), three, key).failures.map((f) => f.metric)).toEqual(['flags']);
  });

  test('new notes, new types, changed and missing notes are reported and kept out of the comparison', () => {
    const after = [
      ...before.slice(0, 8),
      note('samples/n8.gold.json', pp(0, 5, 2), { fingerprint: 'edited', det: ['meets', 'does_not_meet'] }),
      note('samples/new.gold.json', { injury: { tp: 0, fp: 0, fn: 4 }, prior_procedure: { tp: 0, fp: 0, fn: 9 } }),
    ];
    const g = compareToBaseline(base(before), after, key);
    expect(g).toMatchObject({ ok: true, compared: 8, newNotes: ['samples/new.gold.json'], changedNotes: ['samples/n8.gold.json'],
      missingNotes: ['samples/n9.gold.json'], newTypes: ['injury'] });
  });

  test('a scope leaves baseline notes outside the folders scored out of "missing"', () => {
    const g = compareToBaseline(base(before), before.slice(0, 3), key, (k) => /n[0-2]\./.test(k));
    expect(g.missingNotes).toEqual([]);
    expect(g.compared).toBe(3);
  });

  test('a version 1 baseline (agreement only) is still read; wrong approvals are then not gated', () => {
    const v1 = {
      version: 1, description: 'x', command: 'x', generatedOn: '2026-11-22', epsilon: 0.005, minSupport: 3,
      summary: { notes: 1, overall: { f1: 1, precision: 1, recall: 1, tp: 1, fp: 0, fn: 0 }, types: {}, flags: null, determination: { agree: 1, total: 1, rate: 1 } },
      notes: { 'samples/n0.gold.json': { fingerprint: 'fp', facts: { prior_procedure: [9, 0, 1] }, flags: [1, 0, 0], determination: true } },
    };
    const g = compareToBaseline(BaselineSchema.parse(v1), before.slice(0, 1), key);
    expect(g.ok).toBe(true);
    expect(g.ungated.join()).toMatch(/wrong approvals/);
  });
});

describe('baseline file format', () => {
  test('round-trips through JSON with one line per note', () => {
    const b = base([note('samples/a.gold.json', { radicular_pain: { tp: 1, fp: 0, fn: 0 } }, { det: M }), note('samples/b.gold.json', {})]);
    const text = formatBaseline(b);
    expect(JSON.parse(text)).toEqual(b);
    expect(text).toContain('    "samples/a.gold.json": {"fingerprint":"fp","facts":{"radicular_pain":[1,0,0]},"flags":null,"determination":["meets","meets"]}');
    expect(JSON.parse(formatBaseline(base([])))).toEqual(base([]));
  });
});
