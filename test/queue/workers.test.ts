/**
 * Worker processes (`mednec worker`) against one real Redis: graceful shutdown, kill -9 recovery,
 * two workers sharing the load. One sequence, reusing processes, to keep the suite short.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { QueueClient } from '../../src/queue/client.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { describeRedis, MednecProcess, noteVariant, tempDir, testConfig, testEnv, TestRedis, until, removeTempDirs } from './redis-harness.ts';

describeRedis('worker processes (real redis-server)', () => {
  let redis: TestRedis;
  let cfg: QueueConfig;
  let client: QueueClient;
  let env: Record<string, string>;
  let w2: MednecProcess;
  const orphans: number[] = [];
  const procs: MednecProcess[] = [];
  const worker = (name: string, slowMs: number) => {
    const p = new MednecProcess(['worker', '--concurrency', '1'], { ...env, MEDNEC_WORKER_NAME: name, MEDNEC_QUEUE_SLOW_MS: String(slowMs) });
    procs.push(p);
    return p;
  };
  const reviewWorker = async (id: string) => (await client.store.readTrace(id))?.stages.filter((s) => s.stage === 'review').map((s) => s.worker);

  beforeAll(async () => {
    redis = await TestRedis.start();
    const dataDir = await tempDir('workers');
    env = testEnv(redis, dataDir);
    cfg = testConfig(redis, dataDir);
    client = await QueueClient.connect(cfg);
  });
  afterAll(async () => {
    for (const p of procs) await p.kill();
    // The killed worker's sandboxed children exit when their parent's IPC channel closes; one still
    // starting up may not have its handler yet: clean up after the test either way.
    for (const pid of orphans) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  test('SIGTERM lets the active job finish, then the worker exits 0; the next stage waits for another worker', async () => {
    const w1 = worker('W1', 2_500);
    await w1.waitFor(/concurrency 1 per CPU stage/);
    const { id } = await client.enqueue(await noteVariant('mbb-request.txt', 1), 'one.txt');
    await until(async () => (await client.queues.review.getActiveCount()) > 0, 60_000, 'the review job to be active');
    w1.child.kill('SIGTERM');
    const exit = await w1.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(w1.stderr).toMatch(/SIGTERM: finishing active jobs/);
    expect(w1.stderr).toMatch(/drained, exiting/);
    expect(await (await client.queues.review.getJob(id))?.getState()).toBe('completed');
    expect(await (await client.queues.publish.getJob(id))?.getState()).toBe('waiting');
    expect(await client.store.hasResult(id)).toBe(false);
    // Nothing was lost: the next worker publishes it.
    w2 = worker('W2', 3_000);
    await until(() => client.store.hasResult(id), 60_000, 'the document to be published by W2');
    expect(await reviewWorker(id)).toEqual(['W1']);
    expect((await client.store.readTrace(id))?.stages.at(-1)?.worker).toBe('W2');
  }, 120_000);

  test('a worker killed with kill -9 mid-job leaves the job to another worker, which completes it', async () => {
    await w2.waitFor(/concurrency 1 per CPU stage/);
    const { id } = await client.enqueue(await noteVariant('esi-request.txt', 2), 'two.txt');
    await until(async () => (await client.queues.review.getActiveCount()) > 0, 60_000, 'the review job to be active on W2');
    orphans.push(...w2.childPids());
    w2.child.kill('SIGKILL');
    await w2.exited;
    expect(await client.store.hasResult(id)).toBe(false);
    const w3 = worker('W3', 200);
    await until(() => client.store.hasResult(id), 60_000, 'the stalled job to be completed by W3');
    expect(await reviewWorker(id)).toEqual(['W3']);
    expect(w3.stderr).toMatch(/stalled/);
    const review = JSON.parse((await client.store.readResult(id))!);
    expect(review.document.id).toBe(id);
  }, 120_000);

  test('two worker processes share the load of one queue', async () => {
    const w4 = worker('W4', 200);
    await w4.waitFor(/concurrency 1 per CPU stage/);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push((await client.enqueue(await noteVariant(i % 2 ? 'rfa-followup.txt' : 'mbb-request.txt', 100 + i), `n${i}.txt`)).id);
    }
    await until(async () => (await Promise.all(ids.map((id) => client.store.hasResult(id)))).every(Boolean), 90_000, 'all eight documents');
    const reviewers = await Promise.all(ids.map(reviewWorker));
    // Each document was reviewed exactly once, and both workers did some of the reviewing.
    expect(reviewers.every((r) => r?.length === 1)).toBe(true);
    expect(new Set(reviewers.flat())).toEqual(new Set(['W3', 'W4']));
    expect(await client.counts()).toEqual({ waiting: 0, active: 0, completed: 10, failed: 0 });
  }, 120_000);
});
