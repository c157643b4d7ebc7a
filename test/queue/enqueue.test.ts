import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, onTestFinished, test } from 'vitest';
import { sha256 } from '../../src/ingest/index.ts';
import { QueueClient } from '../../src/queue/client.ts';
import { STAGES } from '../../src/queue/pipeline.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { describeRedis, FIXTURES, noteVariant, tempDir, testConfig, testEnv, TestRedis, removeTempDirs } from './redis-harness.ts';

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
    // Its own queue prefix, so that the later tests' counts see only their documents.
    const own = testConfig(redis, dataDir, { MEDNEC_QUEUE_PREFIX: '{race}' });
    const [client, ...others] = await Promise.all([1, 2, 3, 4].map(() => QueueClient.connect(own)));
    try {
      // Many rounds: a producer that lost the registry race while the winner was still adding the
      // flow once took it for a dead producer and queued it again (2 of 4 "queued", a CI run).
      for (let n = 0; n < 25; n++) {
        const bytes = await noteVariant('esi-request.txt', 500 + n);
        const results = await Promise.all([client, ...others].map((c) => c.enqueue(bytes, 'esi.txt')));
        expect(results.filter((r) => r.status === 'queued'), `round ${n}`).toHaveLength(1);
        expect(new Set(results.map((r) => r.id))).toEqual(new Set([sha256(bytes)]));
        expect(await client.queues.publish.getJob(sha256(bytes))).toBeTruthy();
      }
    } finally {
      await Promise.all([client, ...others].map((c) => c.close()));
    }
  });

  test('a document registered by a producer that died before adding its flow is queued by the next enqueue; one still adding holds it', async () => {
    const client = await QueueClient.connect(testConfig(redis, dataDir, { MEDNEC_QUEUE_PREFIX: '{died}' }));
    onTestFinished(() => client.close());
    // Died: registered, no flow, and its adding lease ran out (a 1 ms lease here).
    const died = await noteVariant('esi-request.txt', 600);
    await client.store.putDocument(died, 'died.txt');
    expect(await client.registry.claim(sha256(died), 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await client.enqueue(died, 'died.txt')).toEqual({ id: sha256(died), status: 'queued' });
    expect(await client.queues.ingest.getJob(sha256(died))).toBeTruthy();
    expect(await client.enqueue(died, 'died.txt')).toEqual({ id: sha256(died), status: 'duplicate' });
    // Still adding: registered, no flow yet, its lease held.
    const adding = await noteVariant('esi-request.txt', 601);
    await client.store.putDocument(adding, 'adding.txt');
    expect(await client.registry.claim(sha256(adding))).toBe(true);
    expect(await client.enqueue(adding, 'adding.txt')).toEqual({ id: sha256(adding), status: 'duplicate' });
    expect(await client.queues.publish.getJob(sha256(adding))).toBeFalsy();
    // (Released without a flow: the producer's add failed. The next enqueue queues it.)
    await client.registry.release(sha256(adding));
    expect(await client.enqueue(adding, 'adding.txt')).toEqual({ id: sha256(adding), status: 'queued' });
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
    // Four distinct documents were enqueued under this prefix in this file, none processed (the race
    // and the dead-producer tests have their own prefixes).
    expect(lines[2]).toBe('waiting 4\nactive 0\ncompleted 0\nfailed 0\n');
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
