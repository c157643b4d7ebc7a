import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, loadResources } from '../../src/resources.ts';
import { loadNegex, negexPath, parseNegex, runNegexBench, type NegexClass } from '../../src/qa/negex.ts';

const file = negexPath();
const present = existsSync(file);
if (!present) console.warn(`SKIPPED: NegEx benchmark gate, ${file} not found (set MEDNEC_SHARED_DIR)`);

type Split = 'odd' | 'even' | 'all';
interface Baseline { scores: Record<Split, Record<NegexClass, { precision: number; recall: number; f1: number }>> }
const baseline = JSON.parse(readFileSync(join(REPO_ROOT, 'qa/baseline.negex.json'), 'utf8')) as Baseline;

describe.skipIf(!present)('NegEx peer benchmark (regression gate against qa/baseline.negex.json)', () => {
  const report = present ? runNegexBench(loadResources(), loadNegex(file)) : null;
  const rows = (['odd', 'even', 'all'] as const).flatMap((split) =>
    (Object.keys(baseline.scores[split]) as NegexClass[]).flatMap((cls) =>
      (['precision', 'recall', 'f1'] as const).map((m) => [split, cls, m] as const)));

  test('the test set parses to 2,376 annotated sentences', () => {
    expect(parseNegex(loadNegex(file))).toHaveLength(2376);
  });
  test.each(rows)('%s %s %s is at or above the baseline', (split, cls, m) => {
    expect(report!.split[split].scores[cls][m]).toBeGreaterThanOrEqual(baseline.scores[split][cls][m]);
  });
  test('negation F beats published GenNegEx v1.2 (0.946) overall', () => {
    expect(report!.split.all.scores.negated.f1).toBeGreaterThan(0.946);
  });
});
