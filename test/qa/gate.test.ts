/**
 * The QA regression gate: the gold corpus (samples/ and its subfolders, and the shared packet
 * corpus ../shared/corpus/packets) must score within the committed qa/baseline.json's tolerances,
 * which are counts (src/qa/baseline.ts): per fact type and overall errors, flag errors,
 * determinations agreeing and wrong approvals. Held-out folders (.heldout: the blind packets,
 * set B) are never gated. Raising the baseline is a deliberate commit: `npm run qa:baseline`.
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
const PACKETS = join(SHARED, 'corpus', 'packets');

describe('QA regression gate', () => {
  let run: QaRun;
  beforeAll(async () => {
    if (!existsSync(SHARED)) console.warn(`QA gate: ${SHARED} is absent; MTSamples gold notes are skipped and left out of the comparison`);
    run = await runQa([CORPUS, ...(existsSync(PACKETS) ? [PACKETS] : [])], { recursive: true, cwd: REPO_ROOT, ocr: defaultOcrEngine(), sharedDir: SHARED });
  }, 300_000);

  test('every gold file validates and has its note', () => {
    const broken = run.skipped.filter((s) => !/shared folder .* is absent/.test(s.reason));
    expect(broken, broken.map((s) => `${s.goldPath}: ${s.reason}`).join('\n')).toEqual([]);
  });

  test('held-out folders are never gated or tuned on', () => {
    expect(run.results.filter((r) => r.heldout).map((r) => r.goldPath)).toEqual([]);
  });

  test('no review fails on a gold note', () => {
    const failed = run.results.filter((r) => r.error).map((r) => `${r.notePath}: ${r.error}`);
    expect(failed).toEqual([]);
  });

  test('scores do not fall below qa/baseline.json', () => {
    const baseline = BaselineSchema.parse(JSON.parse(readFileSync(BASELINE, 'utf8')));
    const gate = compareToBaseline(baseline, run.results, (r) => baselineKey({ ...r, goldPath: join(REPO_ROOT, r.goldPath) }));
    console.warn(describeGate(gate));
    expect(gate.failures.map((f) => `${f.metric} ${f.unit}: ${f.current} vs baseline ${f.baseline} (${f.allowed} allowed)`)).toEqual([]);
  });
});
