/**
 * A stage time limit: a document whose review never ends (fault injection: a busy loop, which
 * blocks the child's event loop as a real endless loop would) is stopped by the stage watchdog,
 * fails once with MEDNEC_STAGE_TIMEOUT, is not retried into another hang, and the same worker
 * process goes on to review the next document.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sha256 } from '../../src/ingest/index.ts';
import { loadQueueConfig } from '../../src/queue/config.ts';
import { QueueClient } from '../../src/queue/client.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { describeRedis, MednecProcess, noteVariant, tempDir, testConfig, testEnv, TestRedis, until, removeTempDirs } from './redis-harness.ts';

test('stage time limits and the hang drill are read from the environment and checked', () => {
  const base = { MEDNEC_DATA_DIR: '/tmp/x' };
  expect(loadQueueConfig(base).stageTimeoutMs).toEqual({ ingest: 1_200_000, review: 300_000 });
  expect(loadQueueConfig({ ...base, MEDNEC_REVIEW_TIMEOUT_MS: '0' }).stageTimeoutMs.review).toBe(0);
  expect(() => loadQueueConfig({ ...base, MEDNEC_REVIEW_TIMEOUT_MS: '-5' })).toThrow(/MEDNEC_REVIEW_TIMEOUT_MS must be an integer >= 0/);
  expect(() => loadQueueConfig({ ...base, MEDNEC_QUEUE_HANG_ID: 'note.txt' })).toThrow(/MEDNEC_QUEUE_HANG_ID must be 4 to 64/);
  expect(loadQueueConfig({ ...base, MEDNEC_QUEUE_HANG_ID: 'ab12' }).hangId).toBe('ab12');
});

describeRedis('a stage that never ends (real redis-server, a worker process)', () => {
  let redis: TestRedis;
  let cfg: QueueConfig;
  let client: QueueClient;
  let worker: MednecProcess | undefined;

  beforeAll(async () => {
    redis = await TestRedis.start();
    const dataDir = await tempDir('timeout');
    cfg = testConfig(redis, dataDir);
    client = await QueueClient.connect(cfg);
  });
  afterAll(async () => {
    await worker?.kill();
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  // The limit is on reading the document: the child loads the review code and lexicons before its
  // clock starts (a fresh child after the kill, on a cold compile cache, takes seconds for that).
  const LIMIT_MS = 3000;
  const withLog = (e: Error): never => { throw new Error(`${e.message}; worker stderr:\n${worker!.stderr}`); };

  test('the watchdog stops it, the document fails once with MEDNEC_STAGE_TIMEOUT, the worker reviews the next', async () => {
    const hanging = await noteVariant('mbb-request.txt', 41);
    const id = sha256(hanging);
    worker = new MednecProcess(['worker', '--concurrency', '1'], testEnv(redis, cfg.dataDir, {
      MEDNEC_QUEUE_HANG_ID: id.slice(0, 16),
      MEDNEC_REVIEW_TIMEOUT_MS: String(LIMIT_MS),
      MEDNEC_ATTEMPTS: '3',
    }));
    await worker.waitFor(/concurrency 1 per CPU stage/);
    const t0 = Date.now();
    await client.enqueue(hanging, 'hangs.txt');
    const failed = await until(async () => { const s = await client.status(id); return s.state === 'failed' ? s : null; }, 60_000, 'the hanging document to fail')
      .catch(withLog);
    expect(failed.reason).toMatchObject({ code: 'MEDNEC_STAGE_TIMEOUT', stage: 'review' });
    expect(failed.reason.message).toMatch(/did not finish within 3 s/);
    // Killed once by the watchdog, then refused at once on the retry (not three hangs).
    expect(Date.now() - t0).toBeLessThan(LIMIT_MS * 3);
    // (The record is written before the kill, so the status says failed while BullMQ's retry, which
    // the record stops at once, is still to run.)
    await worker.waitFor(/failed [0-9a-f]{12} at review: MEDNEC_STAGE_TIMEOUT/);
    expect(worker.stderr).toMatch(/retrying review .*Unexpected exit code: null signal: SIGKILL/);
    // Killed once, not three times: one watchdog kill in the log (the wall clock above already bounds
    // the first failure; under CI load the retry's refusal may land a few hundred ms later).
    expect(worker.stderr.match(/signal: SIGKILL/g)?.length ?? 0).toBe(1);
    expect(await client.store.hasResult(id)).toBe(false);
    expect(await client.store.hasDocument(id)).toBe(true);

    // The same worker process, with a new sandboxed child, reviews the next document.
    const next = await noteVariant('mbb-request.txt', 42);
    await client.enqueue(next, 'next.txt');
    await until(() => client.store.hasResult(sha256(next)), 60_000, 'the next document to be published').catch(withLog);
    expect(worker.child.exitCode).toBeNull();
    // (The result is stored by the publish job before BullMQ marks that job completed: wait for the count.)
    await until(async () => ((await client.counts()).completed === 1 ? true : null), 10_000, 'the publish job to be marked completed');
    expect((await client.counts())).toMatchObject({ completed: 1, failed: 1 });
    // No note text in the worker's log.
    expect(worker.stderr).not.toMatch(/medial branch|lumbar|Electronically signed/i);
  }, 120_000);
});
