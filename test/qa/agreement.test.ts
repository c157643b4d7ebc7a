/**
 * Inter-annotator agreement (`mednec qa --agreement A B`) on the hand-written golds in
 * test/fixtures/agreement/: a/<name>.gold.json against b/<name>.gold2.json.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cohensKappa, runAgreementDirs } from '../../src/qa/agreement.ts';
import { REPO_ROOT } from '../../src/resources.ts';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'agreement');
const A = join(DIR, 'a');
const B = join(DIR, 'b');

describe('gold agreement', () => {
  test('facts with the QA matcher (A as reference, and reversed), flags, determinations, governing policy', async () => {
    const r = await runAgreementDirs(A, B);
    expect(r.packets.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(r.skipped).toEqual([{ name: 'p3', reason: expect.stringMatching(/no p3\.gold2\.json/) }]);
    const p1 = r.packets[0]!;
    // B's extra guidance attribute is not checked with A as reference; 8 vs 6 weeks of PT is a disagreement.
    expect(p1.facts).toEqual({
      conservative_care: { tp: 0, fp: 1, fn: 1 }, exam_finding: { tp: 0, fp: 1, fn: 0 },
      radicular_pain: { tp: 1, fp: 0, fn: 0 }, requested_procedure: { tp: 1, fp: 0, fn: 0 },
    });
    // p2: pain_score is listed by A only, so it is not compared.
    expect(r.packets[1]!.types).toEqual(['axial_pain', 'requested_procedure']);
    const s = r.summary;
    expect(s.overall).toMatchObject({ tp: 4, fp: 2, fn: 1 });
    expect(s.overall.f1).toBeCloseTo(8 / 11, 6);
    // With B as reference the guidance attribute counts: the p1 request no longer agrees.
    expect(s.reverse).toMatchObject({ tp: 3, fp: 2, fn: 3 });
    expect(s.flags).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(s.determination).toMatchObject({ agree: 1, total: 2, pairs: { 'does_not_meet / insufficient_documentation': 1, 'meets / meets': 1 } });
    expect(s.determination.kappa).toBeCloseTo(1 / 3, 6);
    expect(s.governing).toMatchObject({ agree: 1, total: 2 });
  });

  test('both golds side by side in one folder (<name>.gold.json and <name>.gold2.json)', async () => {
    const one = mkdtempSync(join(tmpdir(), 'mednec-agree-'));
    cpSync(A, one, { recursive: true });
    cpSync(B, one, { recursive: true });
    const r = await runAgreementDirs(one, one);
    expect(r.packets.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(r.summary.overall).toMatchObject({ tp: 4, fp: 2, fn: 1 });
  });

  test("Cohen's kappa", () => {
    expect(cohensKappa([])).toBeNull();
    expect(cohensKappa([['a', 'a'], ['b', 'b']])).toBe(1);
    expect(cohensKappa([['a', 'a'], ['a', 'a']])).toBeNull();
    expect(cohensKappa([['a', 'b'], ['b', 'a']])).toBe(-1);
  });

  test('the command prints the table; a missing folder is one clear line, exit 2', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'mednec.js'), 'qa', '--agreement', ...args], { encoding: 'utf8', cwd: REPO_ROOT });
    const ok = run([A, B]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/2 packets with two golds/);
    expect(ok.stdout).toMatch(/overall \(micro\)\s+5\s+6\s+4\s+1\s+2\s+0\.727/);
    expect(ok.stdout).toMatch(/Determinations agreeing: 1\/2 \(0\.500\), Cohen's kappa 0\.333/);
    expect(ok.stderr).toMatch(/skipped p3/);
    const bad = run([A, join(DIR, 'nope')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/^mednec: .*nope: no such folder \[MEDNEC_INPUT_MISSING\]$/);
  });
});
