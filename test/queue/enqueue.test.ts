import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sha256 } from '../../src/ingest/index.ts';
import { QueueClient } from '../../src/queue/client.ts';
import { STAGES } from '../../src/queue/pipeline.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { describeRedis, FIXTURES, tempDir, testConfig, testEnv, TestRedis, removeTempDirs } from './redis-harness.ts';

describeRedis('enqueue (real redis-server, no worker running)', () => {
  let redis: TestRedis;
  let cfg: QueueConfig;
  let client: QueueClient;
  let dataDir: string;

  beforeAll(async () => {
    redis = await TestRedis.start();
    dataDir = await tempDir('enqueue');
    cfg = testConfig(redis, dataDir);
    client = await QueueClient.connect(cfg);
  });
  afterAll(async () => {
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  test('the same bytes enqueued twice are queued once, under their sha256', async () => {
    const bytes = await readFile(join(FIXTURES, 'mbb-request.txt'));
    const first = await client.enqueue(bytes, 'mbb-request.txt');
    const second = await client.enqueue(bytes, 'renamed-copy.txt');
    expect(first).toEqual({ id: sha256(bytes), status: 'queued' });
    expect(second).toEqual({ id: sha256(bytes), status: 'duplicate' });
    expect(await client.queues.ingest.getJobCounts('waiting')).toEqual({ waiting: 1 });
    // The first name wins in the document store.
    expect((await client.store.readMeta(first.id))?.name).toBe('mbb-request.txt');
  });

  test('concurrent producers enqueueing the same fax yield exactly one "queued"', async () => {
    const bytes = await readFile(join(FIXTURES, 'esi-request.txt'));
    const others = await Promise.all([1, 2, 3].map(() => QueueClient.connect(cfg)));
    try {
      const results = await Promise.all([client, ...others].map((c) => c.enqueue(bytes, 'esi.txt')));
      expect(results.filter((r) => r.status === 'queued')).toHaveLength(1);
      expect(new Set(results.map((r) => r.id))).toEqual(new Set([sha256(bytes)]));
    } finally {
      await Promise.all(others.map((c) => c.close()));
    }
  });

  test('jobs carry the document id only; no note text or file name reaches Redis', async () => {
    const bytes = await readFile(join(FIXTURES, 'rfa-followup.txt'));
    const { id } = await client.enqueue(bytes, 'Synthetic-Patient-Three.txt');
    for (const stage of STAGES) {
      const job = await client.queues[stage].getJob(id);
      expect(job?.id).toBe(id);
      expect(job?.data).toEqual({ docId: id });
    }
    // Scan every key and value in this Redis for a distinctive phrase of the note and its file name.
    const r = new Redis(redis.url);
    try {
      const dump: string[] = [];
      for (const key of await r.keys('*')) {
        const type = await r.type(key);
        if (type === 'hash') dump.push(JSON.stringify(await r.hgetall(key)));
        else if (type === 'string') dump.push((await r.get(key)) ?? '');
        else if (type === 'stream') dump.push(JSON.stringify(await r.xrange(key, '-', '+')));
        else if (type === 'list') dump.push(JSON.stringify(await r.lrange(key, 0, -1)));
      }
      const all = dump.join('\n');
      expect(all).toContain(id);
      expect(all).not.toMatch(/radiofrequency|Synthetic|medial branch/i);
    } finally {
      r.disconnect();
    }
  });

  test('documents are stored owner-only under the data dir', async () => {
    const bytes = Buffer.from('LOW BACK PAIN\nPlan: lumbar epidural steroid injection at L4-L5.\n');
    const { id } = await client.enqueue(bytes, 'short.txt');
    const file = join(dataDir, 'docs', id.slice(0, 2), id);
    expect(await readFile(file)).toEqual(bytes);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'docs'))).mode & 0o777).toBe(0o700);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  test('the command line prints "<id> queued|duplicate" and `result` says pending (3) or unknown (5)', async () => {
    const f = join(dataDir, 'cli-note.txt');
    await writeFile(f, 'Lumbar facet pain. Plan: medial branch block L3-L4.\n');
    const id = sha256(await readFile(f));
    Object.assign(process.env, testEnv(redis, dataDir));
    const { main } = await import('../../src/cli/main.ts');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string | Uint8Array, cb?: unknown) => {
      lines.push(String(s));
      if (typeof cb === 'function') (cb as () => void)();
      return true;
    }) as typeof process.stdout.write;
    let codes: number[];
    try {
      codes = [
        await main(['enqueue', f]),
        await main(['enqueue', f]),
        await main(['result', id]),
        await main(['result', '0'.repeat(64)]),
        await main(['status']),
      ];
    } finally {
      process.stdout.write = write;
    }
    expect(codes).toEqual([0, 0, 3, 5, 0]);
    expect(lines.slice(0, 2)).toEqual([`${id} queued\n`, `${id} duplicate\n`]);
    // Five distinct documents were enqueued in this file, none processed.
    expect(lines[2]).toBe('waiting 5\nactive 0\ncompleted 0\nfailed 0\n');
  });
});

describeRedis('Redis with a password (requirepass)', () => {
  test('REDIS_URL carries the password; a wrong one fails fast with MEDNEC_QUEUE_UNAVAILABLE and no secret in the message', async () => {
    const r = await TestRedis.start({ password: 's3cret-pw' });
    try {
      const dir = await tempDir('auth');
      const c = await QueueClient.connect(testConfig(r, dir));
      try {
        expect((await c.enqueue(Buffer.from('Lumbar facet pain, plan MBB L4-5.\n'), 'a.txt')).status).toBe('queued');
      } finally {
        await c.close();
      }
      const bad = testConfig(r, dir, {});
      bad.redisUrl = `redis://:wrong-pw@127.0.0.1:${r.port}`;
      const e = await QueueClient.connect(bad).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'MEDNEC_QUEUE_UNAVAILABLE' });
      expect(String((e as Error).message)).toContain(`redis://127.0.0.1:${r.port}`);
      expect(String((e as Error).message)).not.toMatch(/wrong-pw|s3cret/);
    } finally {
      await r.stop();
      await removeTempDirs();
    }
  });
});
