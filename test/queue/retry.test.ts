import { mkdir, open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sha256 } from '../../src/ingest/index.ts';
import { findOcrTools } from '../../src/ingest/ocr.ts';
import { QueueClient } from '../../src/queue/client.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { watchInbox } from '../../src/queue/inbox.ts';
import { startWorkers, type WorkerPool } from '../../src/queue/worker.ts';
import { sleep, describeRedis, MednecProcess, REPO, tempDir, testConfig, testEnv, TestRedis, until, removeTempDirs } from './redis-harness.ts';

const SCAN = join(REPO, 'test/fixtures/scanned/fax-all-image.pdf');
const ocr = findOcrTools() !== null;
if (!ocr) console.warn('[retry test] tesseract/pdftoppm not installed: the OCR-then-retry scenario is SKIPPED (scripts/install-system-deps.sh installs them)');

describeRedis('retry of failed documents (real redis-server, worker processes)', () => {
  let redis: TestRedis;
  let cfg: QueueConfig;
  let client: QueueClient;
  let dataDir: string;
  let env: Record<string, string>;
  const procs: MednecProcess[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    dataDir = await tempDir('retry');
    env = testEnv(redis, dataDir);
    cfg = testConfig(redis, dataDir);
    client = await QueueClient.connect(cfg);
  });
  afterAll(async () => {
    for (const p of procs) await p.kill();
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  test.skipIf(!ocr)('a fax that failed because OCR was not installed is reviewed after `mednec retry --failed --code`', async () => {
    const bytes = await readFile(SCAN);
    const id = sha256(bytes);
    expect((await client.enqueue(bytes, 'scanned-fax.pdf')).status).toBe('queued');

    // 1. A worker on a host without tesseract: the image-only fax fails at once, permanently.
    // (An empty PATH directory: node itself is started by absolute path, and its own directory may hold tesseract.)
    const bare = new MednecProcess(['worker', '--concurrency', '1'], { ...env, PATH: await tempDir('empty-path') });
    procs.push(bare);
    const failed = await until(async () => { const s = await client.status(id); return s.state === 'failed' ? s : null; }, 60_000, 'the fax to fail')
      .catch((e: Error) => { throw new Error(`${e.message}; worker stderr:\n${bare.stderr}`); });
    expect(failed.reason.code).toBe('MEDNEC_OCR_UNAVAILABLE');
    // The registry is marked right after the failure record is written.
    await until(async () => (await client.counts()).failed === 1, 10_000, 'the registry to count the failure');
    expect(await client.counts()).toMatchObject({ completed: 0, failed: 1 });
    bare.child.kill('SIGTERM');
    expect((await bare.exited).code).toBe(0);

    // Enqueueing the same bytes again does not re-run it: that is what retry is for.
    expect((await client.enqueue(bytes, 'scanned-fax.pdf')).status).toBe('duplicate');

    // 2. OCR installed (a worker with the normal PATH); retry every document that failed for that reason.
    const worker = new MednecProcess(['worker', '--concurrency', '1'], env);
    procs.push(worker);
    const cli = new MednecProcess(['retry', '--failed', '--code', 'MEDNEC_OCR_UNAVAILABLE'], env);
    procs.push(cli);
    expect((await cli.exited).code).toBe(0);
    expect(cli.stdout).toBe(`${id} requeued\n`);

    const done = await until(async () => { const s = await client.status(id); return s.state === 'done' ? s : null; }, 120_000, 'the retried fax to be published');
    const review = JSON.parse(done.review) as { facts: { type: string }[] };
    expect(review.facts.length).toBeGreaterThan(0);
    // (The result is stored by the publish job before BullMQ marks that job completed: wait for the count.)
    await until(async () => ((await client.counts()).completed === 1 ? true : null), 10_000, 'the publish job to be marked completed');
    expect(await client.counts()).toEqual({ waiting: 0, active: 0, completed: 1, failed: 0 });
    // The earlier failure is kept, not lost.
    const history = await readFile(join(dataDir, 'failures', id.slice(0, 2), `${id}.history.jsonl`), 'utf8');
    expect(history.trim().split('\n').map((l) => JSON.parse(l).code)).toEqual(['MEDNEC_OCR_UNAVAILABLE']);

    // A published document is not run again; an id never seen is reported.
    expect(await client.retry(id)).toBe('done');
    expect(await client.retry('0'.repeat(64))).toBe('unknown');
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  }, 200_000);

  test('`retry --failed` with nothing failed says so and exits 0; a bad id is a usage error', async () => {
    const none = new MednecProcess(['retry', '--failed', '--code', 'MEDNEC_NO_SUCH_CODE'], env);
    procs.push(none);
    expect((await none.exited).code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/no failed documents with code MEDNEC_NO_SUCH_CODE/);
    const bad = new MednecProcess(['retry', 'not-an-id'], env);
    procs.push(bad);
    expect((await bad.exited).code).toBe(5);
    expect(bad.stderr).toMatch(/not a document id/);
  }, 30_000);
});

describeRedis('the drop folder retries a failed file dropped again (real redis-server, in-process workers)', () => {
  let redis: TestRedis;
  let client: QueueClient;
  let pool: WorkerPool;
  let inbox: string;
  const stop = new AbortController();
  let watching: Promise<void>;

  beforeAll(async () => {
    redis = await TestRedis.start();
    const dataDir = await tempDir('redrop');
    inbox = join(dataDir, 'inbox');
    const cfg = testConfig(redis, join(dataDir, 'store'));
    client = await QueueClient.connect(cfg, 'service');
    pool = await startWorkers(cfg, { concurrency: 1 });
    await mkdir(inbox, { recursive: true });
    watching = watchInbox(inbox, client, { pollMs: 100, signal: stop.signal });
  });
  afterAll(async () => {
    stop.abort();
    await watching;
    await pool?.close(5_000);
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  test('moving a file from failed/ back into the inbox runs it again, keeps both failure records and leaves no stale reason', async () => {
    await writeFile(join(inbox, 'blank.txt'), '');
    const id = sha256(Buffer.alloc(0));
    const failedNow = () => readdir(join(inbox, 'failed')).catch(() => [] as string[]);
    await until(async () => (await failedNow()).includes('blank.txt.reason.txt'), 30_000, 'the first failure');
    await rename(join(inbox, 'failed', 'blank.txt'), join(inbox, 'blank.txt'));
    // Empty input fails again; the first failure's reason went when the retry started, so the
    // second lands under the same name (its record is in the history, below).
    const history = await until(async () => {
      const f = (await failedNow()).sort();
      const h = await readFile(join(client.store.root, 'failures', id.slice(0, 2), `${id}.history.jsonl`), 'utf8').catch(() => null);
      return h && f.includes('blank.txt') && f.includes('blank.txt.reason.txt') && (await readdir(join(inbox, 'processing'))).length === 0 ? h : null;
    }, 30_000, 'the second failure');
    expect((await failedNow()).sort()).toEqual(['blank.txt', 'blank.txt.reason.txt']);
    expect(await readFile(join(inbox, 'failed', 'blank.txt.reason.txt'), 'utf8')).toMatch(/^MEDNEC_INPUT_EMPTY: .*\nstage: ingest\ndocument: [0-9a-f]{64}\n$/);
    expect(history.trim().split('\n').map((l) => JSON.parse(l).code)).toEqual(['MEDNEC_INPUT_EMPTY']);
    expect((await client.store.readFailure(id))?.code).toBe('MEDNEC_INPUT_EMPTY');
    await until(async () => (await client.counts()).failed === 1, 10_000, 'the registry to count the failure');
    expect(await client.counts()).toEqual({ waiting: 0, active: 0, completed: 0, failed: 1 });
  }, 70_000);

  test('a file still being written is left alone until it stops growing (chokidar awaitWriteFinish)', async () => {
    const path = join(inbox, 'slow-fax.txt');
    const fh = await open(path, 'w');
    const lines = ['LUMBAR SPINE CLINIC', 'Axial low back pain for 8 months despite physical therapy.', 'Facet loading positive.',
      'Plan: bilateral L4-L5 medial branch block.'];
    for (const l of lines) {
      await fh.write(l + '\n');
      await sleep(120); // under the 200 ms settle time (2 × pollMs)
      expect(await readdir(inbox)).toContain('slow-fax.txt');
    }
    await fh.close();
    const id = sha256(await readFile(path));
    await until(async () => (await readdir(join(inbox, 'done'))).includes('slow-fax.txt'), 30_000, 'the finished file to be reviewed');
    expect((await client.store.readMeta(id))?.bytes).toBe(lines.join('\n').length + 1);
  }, 40_000);
});
