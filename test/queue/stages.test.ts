/** Stage error handling without Redis: what is retried, what fails at once, what is recorded. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sha256 } from '../../src/ingest/index.ts';
import { loadQueueConfig, type QueueConfig } from '../../src/queue/config.ts';
import { runSandboxedStage, type StageJob } from '../../src/queue/stages.ts';
import { DataStore } from '../../src/queue/store.ts';
import { removeTempDirs, tempDir } from './redis-harness.ts';

let cfg: QueueConfig;
let store: DataStore;
beforeAll(async () => {
  cfg = loadQueueConfig({ MEDNEC_DATA_DIR: await tempDir('stages'), MEDNEC_WORKER_NAME: 'unit' });
  store = new DataStore(cfg.dataDir);
  await store.init();
});
afterAll(removeTempDirs);

const job = (name: string, docId: string, attemptsMade: number, attempts = 3): StageJob => ({
  name, data: { docId }, attemptsMade, opts: { attempts }, getChildrenValues: async () => ({}),
});

test('bad input fails at once as an UnrecoverableError with its coded reason recorded', async () => {
  const { id } = await store.putDocument(Buffer.from([0, 1, 2, 3, 0, 0, 0, 9, 255, 254, 0, 0]), 'blob.bin');
  const e = await runSandboxedStage(job('ingest', id, 0), cfg).catch((x: Error) => x);
  expect(e).toBeInstanceOf(Error);
  expect((e as Error).name).toBe('UnrecoverableError');
  expect((e as Error).message).toMatch(/^MEDNEC_INPUT_UNSUPPORTED: /);
  expect((e as Error).message).not.toContain('blob.bin'); // file names stay out of Redis
  expect(await store.readFailure(id)).toMatchObject({ code: 'MEDNEC_INPUT_UNSUPPORTED', stage: 'ingest', attempts: 1 });
});

test('a transient error is retried: no failure is recorded until the last attempt', async () => {
  const id = sha256(Buffer.from('never stored'));
  const first = await runSandboxedStage(job('ingest', id, 0), cfg).catch((x: Error) => x);
  expect((first as Error).name).toBe('Error'); // BullMQ retries it with backoff
  expect(await store.readFailure(id)).toBeNull();
  const last = await runSandboxedStage(job('ingest', id, 2), cfg).catch((x: Error) => x);
  expect((last as Error).name).toBe('Error');
  expect(await store.readFailure(id)).toMatchObject({ code: 'MEDNEC_INTERNAL', stage: 'ingest', attempts: 3 });
});

test('a stage hands its source to the next through the data dir and reports a trace', async () => {
  const { id } = await store.putDocument(Buffer.from('Lumbar radiculopathy. Plan: L5-S1 TFESI.\n'), 'n.txt');
  const r = await runSandboxedStage(job('ingest', id, 0), cfg);
  // OCR is a phase of ingest: its own trace entry, ~0 ms without image pages.
  expect(r).toMatchObject({ trace: [{ stage: 'ingest', worker: 'unit' }, { stage: 'ocr', worker: 'unit' }] });
  expect((await store.readWork<{ pages: unknown[] }>(id, 'source')).pages).toHaveLength(1);
});

test('a job without a valid document id is refused without retries', async () => {
  const e = await runSandboxedStage(job('ingest', '../../etc/passwd', 0), cfg).catch((x: Error) => x);
  expect((e as Error).name).toBe('UnrecoverableError');
  expect((e as Error).message).toMatch(/^MEDNEC_INTERNAL: job has no valid docId/);
});
