/**
 * Redis itself crashes (kill -9) and restarts from its append-only file: nothing queued is lost,
 * and workers reconnect and finish every document.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { QueueClient } from '../../src/queue/client.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { startWorkers, type WorkerPool } from '../../src/queue/worker.ts';
import { describeRedis, noteVariant, sleep, tempDir, testConfig, TestRedis, until, removeTempDirs } from './redis-harness.ts';

describeRedis('Redis killed and restarted with AOF (real redis-server)', () => {
  let redis: TestRedis;
  let cfg: QueueConfig;
  let client: QueueClient;
  let pool: WorkerPool | undefined;
  const ids: string[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    cfg = testConfig(redis, await tempDir('redis-crash'), { MEDNEC_QUEUE_SLOW_MS: '300', MEDNEC_WORKER_NAME: 'crash-w' });
    client = await QueueClient.connect(cfg, 'service');
  });
  afterAll(async () => {
    await pool?.close(5_000);
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  test('documents queued before a Redis crash are all still queued after the restart', async () => {
    for (let i = 0; i < 6; i++) ids.push((await client.enqueue(await noteVariant('esi-request.txt', i), `e${i}.txt`)).id);
    await sleep(1_500); // appendfsync everysec: writes older than ~1 s are on disk
    await redis.kill9();
    await redis.restart();
    await until(async () => (await client.redis.ping().catch(() => null)) === 'PONG', 15_000, 'the client to reconnect');
    expect(await client.counts()).toEqual({ waiting: 6, active: 0, completed: 0, failed: 0 });
    expect(await client.queues.ingest.getJobCounts('waiting')).toEqual({ waiting: 6 });
  }, 60_000);

  test('a Redis crash in the middle of processing loses no document: workers reconnect and finish', async () => {
    const log: string[] = [];
    pool = await startWorkers(cfg, { concurrency: 1, log: (l) => log.push(l) });
    await until(async () => (await Promise.all(ids.map((id) => client.store.hasResult(id)))).some(Boolean), 60_000, 'a first result');
    await redis.kill9();
    await sleep(1_000);
    await redis.restart();
    await until(async () => (await Promise.all(ids.map((id) => client.store.hasResult(id)))).every(Boolean), 90_000, 'all six results');
    await until(async () => {
      const c = await client.counts().catch(() => null);
      return c && c.completed === 6 ? c : null;
    }, 30_000, 'the registry to count six completed').catch(async (e) => {
      throw new Error(`${e.message}: ${JSON.stringify(await client.counts())}\n${log.join('\n')}`);
    });
    expect(await client.counts()).toEqual({ waiting: 0, active: 0, completed: 6, failed: 0 });
  }, 120_000);
});
