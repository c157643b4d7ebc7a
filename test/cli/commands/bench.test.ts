import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bench, listNotes, median, quantile, renderBench } from '../../../src/cli/commands/bench.ts';

const dir = mkdtempSync(join(tmpdir(), 'mednec-bench-'));
writeFileSync(join(dir, 'a.txt'), 'HPI: Low back pain radiating to the right calf for 6 months. Pain 7/10.\nPlan: right L5 TFESI.\n');
writeFileSync(join(dir, 'b.txt'), 'Bilateral L4-5 and L5-S1 medial branch blocks. Prior MBB gave 80% relief for 6 hours.\fPage two.\n');
writeFileSync(join(dir, 'b.gold.json'), '{}');
writeFileSync(join(dir, 'c.pdf'), '%PDF-1.4');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench', () => {
  test('lists text notes only, sorted', () => {
    expect(listNotes([dir, join(dir, 'missing')]).map((f) => f.slice(dir.length + 1))).toEqual(['a.txt', 'b.txt']);
  });

  test('quantile interpolates and median is the middle', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.95)).toBe(10);
    expect(median([5, 1, 3])).toBe(3);
  });

  test('times every stage and reports CPU throughput and wall latency', async () => {
    const r = await bench(listNotes([dir]), { reps: 2, warmup: 0, compromise: false, compromiseReps: 1 });
    expect(r.notes).toBe(2);
    expect(r.bytes).toBeGreaterThan(100);
    expect(Object.keys(r.stages)).toEqual(['ingest', 'doc', 'analyze', 'extract', 'evaluate']);
    expect(r.pipeline.cpu.notesPerSecond).toBeGreaterThan(0);
    expect(r.pipeline.wall.p95Ms).toBeGreaterThanOrEqual(r.pipeline.wall.medianMs);
    const share = Object.values(r.stages).reduce((n, s) => n + s.cpu.share, 0);
    expect(share).toBeCloseTo(1, 1);
    expect(r.compromise).toBeUndefined();
    expect(renderBench(r)).toMatch(/notes\/s/);
  });

  test('the compromise reference gives a ratio', async () => {
    const r = await bench(listNotes([dir]), { reps: 1, warmup: 0, compromise: true, compromiseReps: 1 });
    expect(r.compromise?.ratio).toBeGreaterThan(0);
    expect(renderBench(r)).toMatch(/faster than compromise-per-page/);
  });
});
