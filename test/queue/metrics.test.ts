/**
 * /metrics, `status --stages` and the dashboard against a real redis-server and a real worker
 * pool: valid Prometheus exposition (checked by a real parser), a failed document counted once at
 * the stage where it failed, histograms, queue depth and outcomes; the dashboard read-only and on
 * loopback unless told otherwise.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { QueueClient } from '../../src/queue/client.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { prometheusMetrics, startDashboard } from '../../src/queue/dashboard.ts';
import { DurationMetrics } from '../../src/queue/metrics.ts';
import { startWorkers, type WorkerPool } from '../../src/queue/worker.ts';
import { describeRedis, FIXTURES, removeTempDirs, tempDir, testConfig, TestRedis, until } from './redis-harness.ts';

/**
 * Parses the exposition with parse-prometheus-text-format (it throws on a malformed line) and
 * checks what strict scrapers check and that parser does not (it merges repeated families
 * silently): one HELP and one TYPE per family, every sample inside its family. (Its histogram
 * objects drop labels, so histogram values are read from the text.)
 */
function parseStrict(text: string) {
  const help = [...text.matchAll(/^# HELP (\S+)/gm)].map((m) => m[1]!);
  const type = [...text.matchAll(/^# TYPE (\S+) (\S+)/gm)].map((m) => m[1]!);
  expect(new Set(help).size).toBe(help.length);
  expect(type).toEqual(help);
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const name = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)![1]!;
    expect(type.some((f) => name === f || name === `${f}_bucket` || name === `${f}_sum` || name === `${f}_count`)).toBe(true);
  }
  const families = parsePrometheus(text);
  expect(families.map((f) => f.name).sort()).toEqual([...help].sort());
  return new Map(families.map((f) => [f.name, f]));
}

describeRedis('metrics and the dashboard (real redis-server, in-process worker pool)', () => {
  let redis: TestRedis;
  let cfg: QueueConfig;
  let client: QueueClient;
  let pool: WorkerPool;

  beforeAll(async () => {
    redis = await TestRedis.start();
    // Failed jobs are kept (the default): the per-stage views must count a failed document once.
    cfg = testConfig(redis, await tempDir('metrics'));
    client = await QueueClient.connect(cfg, 'service');
    pool = await startWorkers(cfg, { concurrency: 1 });
    await client.enqueue(Buffer.alloc(0), 'empty.txt');
    await client.enqueue(Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 9, 8, 7, 0, 1, 2, 3, 4]), 'blob.bin');
    await client.enqueue(await readFile(join(FIXTURES, 'mbb-request.txt')), 'mbb-request.txt');
    await until(async () => {
      const c = await client.counts();
      const s = await client.stageCounts();
      return c.completed === 1 && c.failed === 2 && s.publish.failed === 0 && s.review.failed === 0;
    }, 60_000, 'one review and two failures, settled');
  }, 90_000);
  afterAll(async () => {
    await pool?.close(5_000);
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  test('a failed document is counted once, at the stage where it failed, in status --stages', async () => {
    const s = await client.stageCounts();
    expect([s.ingest.failed, s.review.failed, s.publish.failed]).toEqual([2, 0, 0]);
    expect(s.publish.completed).toBe(1);
    expect(await client.counts()).toEqual({ waiting: 0, active: 0, completed: 1, failed: 2 });
  });

  test('/metrics is valid Prometheus text: one HELP/TYPE per family, histograms, depth, failures once, outcomes', async () => {
    const text = await prometheusMetrics(client);
    const fam = parseStrict(text);
    const value = (name: string, labels: Record<string, string>) =>
      fam.get(name)!.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value;
    expect(fam.get('mednec_queue_jobs')!.type).toBe('GAUGE');
    expect(value('mednec_queue_jobs', { stage: 'ingest', state: 'failed' })).toBe('2');
    for (const st of ['review', 'publish']) expect(value('mednec_queue_jobs', { stage: st, state: 'failed' })).toBe('0');
    expect(value('mednec_queue_jobs', { stage: 'review', state: 'waiting' })).toBe('0');
    expect(value('mednec_documents', { state: 'failed' })).toBe('2');
    expect(value('mednec_documents', { state: 'completed' })).toBe('1');
    const failures = fam.get('mednec_stage_failures_total')!;
    expect(failures.type).toBe('COUNTER');
    expect(failures.metrics.map((m) => [m.labels?.stage, m.value])).toEqual([['ingest', '2']]);
    const outcomes = Object.fromEntries(fam.get('mednec_document_outcomes_total')!.metrics.map((m) => [m.labels!.outcome, m.value]));
    expect(outcomes.failed).toBe('2');
    expect(Object.keys(outcomes).filter((k) => k !== 'failed')).toHaveLength(1);
    expect(fam.get('mednec_stage_duration_seconds')!.type).toBe('HISTOGRAM');
    expect(fam.get('mednec_document_duration_seconds')!.type).toBe('HISTOGRAM');
    expect(text).toContain('mednec_stage_duration_seconds_bucket{stage="review",le="900"} 1');
    expect(text).toContain('mednec_stage_duration_seconds_count{stage="review"} 1');
    // Durations per phase of the published document (OCR is a phase of ingest: 0 s here, no image pages).
    for (const [st, n] of [['ingest', 1], ['ocr', 1], ['publish', 1]] as const) expect(text).toContain(`mednec_stage_duration_seconds_count{stage="${st}"} ${n}`);
    expect(text).toContain('mednec_document_duration_seconds_count{outcome="done"} 1');
    expect(text).toContain('mednec_document_duration_seconds_count{outcome="failed"} 2');
  });

  test('histogram buckets are cumulative', async () => {
    const m = new DurationMetrics(client.redis, '{histo-test}');
    for (const secs of [0.02, 0.2, 2_000]) await m.observe('stage', 'review', secs);
    const text = await m.registry().metrics();
    expect(text).toContain('mednec_stage_duration_seconds_bucket{stage="review",le="0.01"} 0');
    expect(text).toContain('mednec_stage_duration_seconds_bucket{stage="review",le="0.025"} 1');
    expect(text).toContain('mednec_stage_duration_seconds_bucket{stage="review",le="0.25"} 2');
    expect(text).toContain('mednec_stage_duration_seconds_bucket{stage="review",le="900"} 2');
    expect(text).toContain('mednec_stage_duration_seconds_bucket{stage="review",le="+Inf"} 3');
    expect(text).toContain('mednec_stage_duration_seconds_count{stage="review"} 3');
    expect(text).toMatch(/mednec_stage_duration_seconds_sum\{stage="review"\} 2000\.22/);
    parseStrict(text);
  });

  test('the dashboard is read-only on loopback by default; --allow-write enables actions', async () => {
    const ro = await startDashboard(cfg, { port: 0, host: '127.0.0.1', readOnly: true });
    try {
      expect(ro.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await fetch(ro.url + 'metrics');
      expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      parseStrict(await res.text());
      const q = await (await fetch(ro.url + 'api/queues')).json() as { queues: { name: string; readOnlyMode: boolean }[] };
      expect(q.queues.every((x) => x.readOnlyMode)).toBe(true);
      expect((await fetch(ro.url + 'api/queues/ingest/retry/failed', { method: 'PUT' })).status).toBe(403);
      expect((await client.stageCounts()).ingest.failed).toBe(2);
    } finally {
      await ro.close();
    }
    const rw = await startDashboard(cfg, { port: 0, host: '127.0.0.1', readOnly: false });
    try {
      const q = await (await fetch(rw.url + 'api/queues')).json() as { queues: { readOnlyMode: boolean }[] };
      expect(q.queues.every((x) => !x.readOnlyMode)).toBe(true);
      // A write reaches bull-board (cleaning completed jobs changes no document's state).
      expect((await fetch(rw.url + 'api/queues/publish/clean/completed', { method: 'PUT' })).status).toBe(200);
    } finally {
      await rw.close();
    }
  });
});
