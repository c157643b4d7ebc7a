/**
 * The QA regression gate: the gold corpus (samples/ and its subfolders) must score at least
 * the committed qa/baseline.json, minus a small epsilon, overall and per fact type (types with at
 * least 3 gold facts), for flags and for determinations. Raising the baseline is a deliberate
 * commit: `mednec qa --recursive --write-baseline qa/baseline.json samples`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { baselineKey } from '../../src/cli/commands/qa.ts';
import { defaultOcrEngine } from '../../src/ingest/ocr.ts';
import { BaselineSchema, compareToBaseline, describeGate } from '../../src/qa/baseline.ts';
import { sharedDir } from '../../src/qa/gold.ts';
import { runQa, type QaRun } from '../../src/qa/run.ts';
import { REPO_ROOT } from '../../src/resources.ts';

/** samples/ and every folder under it (mtsamples/, flags/, …): a new folder is covered as it lands. */
const CORPUS = join(REPO_ROOT, 'samples');
const BASELINE = join(REPO_ROOT, 'qa', 'baseline.json');
const SHARED = sharedDir(REPO_ROOT);

describe('QA regression gate', () => {
  let run: QaRun;
  beforeAll(async () => {
    if (!existsSync(SHARED)) console.warn(`QA gate: ${SHARED} is absent; MTSamples gold notes are skipped and left out of the comparison`);
    run = await runQa([CORPUS], { recursive: true, cwd: REPO_ROOT, ocr: defaultOcrEngine(), sharedDir: SHARED });
  }, 300_000);

  test('every gold file validates and has its note', () => {
    const broken = run.skipped.filter((s) => !/shared folder .* is absent/.test(s.reason));
    expect(broken, broken.map((s) => `${s.goldPath}: ${s.reason}`).join('\n')).toEqual([]);
  });

  test('no review fails on a gold note', () => {
    const failed = run.results.filter((r) => r.error).map((r) => `${r.notePath}: ${r.error}`);
    expect(failed).toEqual([]);
  });

  test('scores do not fall below qa/baseline.json', () => {
    const baseline = BaselineSchema.parse(JSON.parse(readFileSync(BASELINE, 'utf8')));
    const gate = compareToBaseline(baseline, run.results, (r) => baselineKey({ ...r, goldPath: join(REPO_ROOT, r.goldPath) }));
    console.warn(describeGate(gate));
    expect(gate.failures.map((f) => `${f.metric}: ${f.current.toFixed(4)} < baseline ${f.baseline.toFixed(4)}`)).toEqual([]);
  });
});
