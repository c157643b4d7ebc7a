import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { FlowProducer } from 'bullmq';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sha256 } from '../../src/ingest/index.ts';
import { findOcrTools } from '../../src/ingest/ocr.ts';
import { canMakeFaxImages, makeFaxImages } from '../helpers/fax-images.ts';
import { reviewFile } from '../../src/pipeline/review.ts';
import { QueueClient } from '../../src/queue/client.ts';
import type { QueueConfig } from '../../src/queue/config.ts';
import { startDashboard } from '../../src/queue/dashboard.ts';
import { watchInbox } from '../../src/queue/inbox.ts';
import { resolveDocument } from '../../src/queue/lookup.ts';
import { documentFlow } from '../../src/queue/pipeline.ts';
import { startWorkers, type WorkerPool } from '../../src/queue/worker.ts';
import { describeRedis, FIXTURES, REPO, tempDir, testConfig, testEnv, TestRedis, until, removeTempDirs } from './redis-harness.ts';

/** `mednec <args>` in this process (no tsx start-up per call), stdout and stderr captured. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  Object.assign(process.env, env);
  const { main } = await import('../../src/cli/main.ts');
  let stdout = '';
  let stderr = '';
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  const capture = (sink: (s: string) => void) => ((s: string | Uint8Array, cb?: unknown) => {
    sink(String(s));
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture((s) => { stdout += s; });
  process.stderr.write = capture((s) => { stderr += s; });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

const NOTES = ['mbb-request.txt', 'esi-request.txt', 'rfa-followup.txt'];

async function textPdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 740 - i * 16, size: 11, font }));
  return pdf.save();
}

describeRedis('the queue pipeline end to end (real redis-server, in-process worker pool)', () => {
  let redis: TestRedis;
  let cfg: QueueConfig;
  let client: QueueClient;
  let pool: WorkerPool;
  let dataDir: string;
  let inbox: string;
  const log: string[] = [];
  const stopWatch = new AbortController();
  let watching: Promise<void>;

  beforeAll(async () => {
    redis = await TestRedis.start();
    dataDir = await tempDir('pipeline');
    inbox = join(dataDir, 'inbox');
    // Keep no finished jobs: dedupe must survive BullMQ removing them.
    cfg = testConfig(redis, join(dataDir, 'store'), { MEDNEC_KEEP_COMPLETED: '0', MEDNEC_KEEP_FAILED: '0', MEDNEC_WORKER_NAME: 'w1' });
    client = await QueueClient.connect(cfg, 'service');
    pool = await startWorkers(cfg, { concurrency: 1, log: (l) => log.push(l) });
    await mkdir(inbox, { recursive: true });
    watching = watchInbox(inbox, client, { pollMs: 100, signal: stopWatch.signal });
  });
  afterAll(async () => {
    stopWatch.abort();
    await watching;
    await pool?.close(5_000);
    await client?.close();
    await redis?.stop();
    await removeTempDirs();
  });

  test('files dropped in the inbox end in done/ or failed/ with a reason, and the worker keeps going', async () => {
    const pdf = await textPdf(['LUMBAR SPINE CLINIC', 'Axial low back pain for 6 months despite PT and NSAIDs.',
      'Plan: bilateral L4-L5 medial branch block.']);
    // Bad input first, so good documents queue up behind failures.
    await writeFile(join(inbox, 'empty.txt'), '');
    await writeFile(join(inbox, 'scan.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await writeFile(join(inbox, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntruncated');
    for (const n of NOTES) await copyFile(join(FIXTURES, n), join(inbox, n));
    await writeFile(join(inbox, 'fax.pdf'), pdf);

    const done = await until(async () => {
      const d = (await readdir(join(inbox, 'done'))).sort();
      const f = (await readdir(join(inbox, 'failed'))).sort();
      return d.length === 4 && f.length === 6 ? { d, f } : null;
    }, 80_000, 'all eight files to leave processing/');
    expect(done.d).toEqual(['esi-request.txt', 'fax.pdf', 'mbb-request.txt', 'rfa-followup.txt']);
    expect(done.f).toEqual(['broken.pdf', 'broken.pdf.reason.txt', 'empty.txt', 'empty.txt.reason.txt', 'scan.bin', 'scan.bin.reason.txt']);
    expect(await readdir(join(inbox, 'processing'))).toEqual([]);
    expect(await readFile(join(inbox, 'failed', 'empty.txt.reason.txt'), 'utf8')).toMatch(/^MEDNEC_INPUT_EMPTY: .*\nstage: ingest\n/);
    expect(await readFile(join(inbox, 'failed', 'scan.bin.reason.txt'), 'utf8')).toMatch(/^MEDNEC_INPUT_UNSUPPORTED: /);
    expect(await readFile(join(inbox, 'failed', 'broken.pdf.reason.txt'), 'utf8')).toMatch(/^MEDNEC_INPUT_(CORRUPT|EMPTY): /);
    // The failed files are kept byte for byte.
    expect((await stat(join(inbox, 'failed', 'empty.txt'))).size).toBe(0);
    expect(await client.counts()).toEqual({ waiting: 0, active: 0, completed: 4, failed: 3 });
  }, 90_000);

  test('the published review equals the in-process review of the same file', async () => {
    for (const n of NOTES) {
      const bytes = await readFile(join(FIXTURES, n));
      const s = await client.status(sha256(bytes));
      expect(s.state).toBe('done');
      const queued = JSON.parse((s as { review: string }).review);
      const direct = await reviewFile(join(FIXTURES, n));
      expect(queued).toEqual(JSON.parse(JSON.stringify(direct)));
    }
  });

  test('the trace names each stage in order and the result files are owner-only', async () => {
    const id = sha256(await readFile(join(FIXTURES, NOTES[0]!)));
    const trace = await client.store.readTrace(id);
    expect(trace?.stages.map((s) => s.stage)).toEqual(['ingest', 'ocr', 'review', 'publish']);
    expect(new Set(trace?.stages.map((s) => s.worker))).toEqual(new Set(['w1']));
    expect((await stat(client.store.resultPath(id, 'json'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(client.store.root, 'results', id.slice(0, 2), `${id}.trace.json`))).mode & 0o777).toBe(0o600);
    // Reports are rendered on demand by `result` (MEDNEC_PUBLISH_REPORTS=1 pre-renders them).
    await expect(stat(client.store.resultPath(id, 'md'))).rejects.toThrow();
    expect(trace?.determination).toBe(JSON.parse((await client.store.readResult(id))!).determination);
  });

  test('`result` finds a document by id prefix or dropped file name; an ambiguous prefix lists the matches (exit 6)', async () => {
    const env = testEnv(redis, cfg.dataDir);
    const id = sha256(await readFile(join(FIXTURES, 'esi-request.txt')));
    const byPrefix = await cli(['result', id.slice(0, 12)], env);
    expect(byPrefix.code).toBe(0);
    expect(JSON.parse(byPrefix.stdout).determination).toBeTruthy();
    const byName = await cli(['result', 'esi-request.txt'], env);
    expect(byName).toMatchObject({ code: 0, stdout: byPrefix.stdout });
    // A path to the dropped file works too (its base name is looked up).
    expect((await cli(['result', join(inbox, 'done', 'esi-request.txt'), '--format', 'md'], env)).stdout).toMatch(/^#/);
    expect((await cli(['result', id.slice(0, 8), '--format', 'html'], env)).stdout).toMatch(/<html/i);
    // A failed document by name: exit 4 with its reason.
    const failed = await cli(['result', 'empty.txt'], env);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toMatch(/failed at ingest: MEDNEC_INPUT_EMPTY/);
    // Two stored documents whose ids share their first 4 hex digits.
    const byHead = new Map<string, Buffer>();
    let pair: [Buffer, Buffer] | undefined;
    for (let i = 0; !pair; i++) {
      const b = Buffer.from(`Lumbar facet pain, variant ${i}.\n`);
      const head = sha256(b).slice(0, 4);
      const other = byHead.get(head);
      if (other) pair = [other, b]; else byHead.set(head, b);
    }
    const ids = [];
    for (const [n, b] of pair.entries()) ids.push((await client.store.putDocument(b, `twin-${n}.txt`)).id);
    const amb = await cli(['result', ids[0]!.slice(0, 4)], env);
    expect(amb.code).toBe(6);
    expect(amb.stderr).toContain('MEDNEC_RESULT_AMBIGUOUS');
    for (const x of ids) expect(amb.stderr).toContain(x);
    expect((await cli(['result', 'no-such-file.pdf'], env)).code).toBe(5);
    expect((await cli(['result', 'abc'], env)).stderr).toMatch(/at least 4 hex digits/);
  });

  test('`list` shows recent documents with id, state, outcome and times; --state filters', async () => {
    const env = testEnv(redis, cfg.dataDir);
    const all = await cli(['list', '--since', '1h'], env);
    expect(all.code).toBe(0);
    const rows = all.stdout.trim().split('\n').slice(1).map((l) => l.split('\t'));
    expect(rows).toHaveLength(7);
    const esi = rows.find((r) => r[5] === 'esi-request.txt')!;
    expect(esi[0]).toBe(sha256(await readFile(join(FIXTURES, 'esi-request.txt'))).slice(0, 12));
    expect(esi[1]).toBe('done');
    expect(esi[2]).toMatch(/^(meets|does_not_meet|insufficient_documentation|no_request_found)$/);
    expect(Date.parse(esi[4]!)).toBeGreaterThanOrEqual(Date.parse(esi[3]!));
    const failed = await cli(['list', '--state', 'failed'], env);
    const frows = failed.stdout.trim().split('\n').slice(1).map((l) => l.split('\t'));
    expect(frows.map((r) => r[5]).sort()).toEqual(['broken.pdf', 'empty.txt', 'scan.bin']);
    expect(frows.find((r) => r[5] === 'empty.txt')![2]).toBe('MEDNEC_INPUT_EMPTY');
    const json = await cli(['list', '--json', '--limit', '2'], env);
    const objs = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; receivedAt: string });
    expect(objs).toHaveLength(2);
    expect(objs[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(objs[0]!.receivedAt >= objs[1]!.receivedAt).toBe(true);
    // Nothing was received in the future.
    expect((await cli(['list', '--since', '0s'], env)).stdout.trim().split('\n')).toHaveLength(1);
    expect((await cli(['list', '--since', 'yesterday'], env)).code).toBe(64);
  });

  test('a document enqueued again after its jobs were removed is still a duplicate', async () => {
    const bytes = await readFile(join(FIXTURES, NOTES[1]!));
    // MEDNEC_KEEP_COMPLETED=0: BullMQ removed every finished job.
    expect(await client.queues.publish.getJob(sha256(bytes))).toBeUndefined();
    expect(await client.enqueue(bytes, 'again.txt')).toEqual({ id: sha256(bytes), status: 'duplicate' });
    // The second name finds the document too (`result again.txt`).
    expect(await resolveDocument(client.store, 'again.txt')).toBe(sha256(bytes));
    expect(await resolveDocument(client.store, NOTES[1]!)).toBe(sha256(bytes));
    expect(await client.enqueue(Buffer.alloc(0), 'empty-again.txt')).toEqual({ id: sha256(Buffer.alloc(0)), status: 'duplicate' });
  });

  test('a flow that runs again for a published document (Redis lost its completion) skips the work', async () => {
    const bytes = await readFile(join(FIXTURES, NOTES[2]!));
    const id = sha256(bytes);
    const before = await client.store.readResult(id);
    const flow = new FlowProducer({ connection: client.redis, prefix: cfg.prefix });
    try {
      await flow.add(documentFlow(id, cfg)); // what a replayed AOF can leave behind
    } finally {
      await flow.close();
    }
    const published = () => log.filter((l) => l.startsWith(`published ${id.slice(0, 12)}`)).length;
    expect(published()).toBe(1);
    await until(async () => published() === 2, 30_000, 'the re-run to complete publish');
    expect(await client.store.readResult(id)).toBe(before);
    expect(await client.store.readFailure(id)).toBeNull();
    expect(await client.counts()).toEqual({ waiting: 0, active: 0, completed: 4, failed: 3 });
  }, 40_000);

  test('the dashboard serves bull-board and Prometheus metrics on loopback', async () => {
    const d = await startDashboard(cfg, { port: 0, host: '127.0.0.1', readOnly: true });
    try {
      expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const metrics = await (await fetch(d.url + 'metrics')).text();
      expect(metrics).toContain('mednec_queue_jobs{stage="review",state="waiting"} 0');
      expect(metrics).toContain('mednec_documents{state="completed"} 4');
      expect(metrics).toContain('mednec_documents{state="failed"} 3');
      // Four documents; the re-run of the previous test is not counted again (recorded when a document is first marked done).
      expect(metrics).toContain('mednec_stage_duration_seconds_count{stage="review"} 4');
      expect(metrics).toContain('mednec_document_duration_seconds_count{outcome="done"} 4');
      expect(metrics).toContain('mednec_document_duration_seconds_count{outcome="failed"} 3');
      expect(metrics).toContain('mednec_stage_failures_total{stage="ingest"} 3');
      const ui = await fetch(d.url);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toMatch(/<html/i);
      const queues = await (await fetch(d.url + 'api/queues')).json() as { queues: { name: string }[] };
      expect(queues.queues.map((q) => q.name).sort()).toEqual(['ingest', 'publish', 'review']);
      expect((await fetch(d.url + 'healthz')).status).toBe(200);
    } finally {
      await d.close();
    }
  });
  test.skipIf(!findOcrTools())('a faxed PDF with a scanned page is OCR\'d by the ocr stage', async () => {
    const bytes = await readFile(join(REPO, 'test/fixtures/scanned/fax-mixed.pdf'));
    const { id, status } = await client.enqueue(bytes, 'fax-mixed.pdf');
    expect(status).toBe('queued');
    const review = await until(async () => client.store.readResult(id), 150_000, 'the OCR\'d review');
    const r = JSON.parse(review);
    expect(r.document.ocrPages.length).toBeGreaterThan(0);
    expect(r.document.emptyPages).toEqual([]);
    expect(r.diagnostics.map((d: { code: string }) => d.code)).toContain('OCR_PAGE');
    const trace = await client.store.readTrace(id);
    // The scanned page made the OCR phase of ingest do real work (a text-only document passes it in ~0 ms).
    expect(trace!.stages.find((s) => s.stage === 'ocr')!.ms).toBeGreaterThan(100);
  }, 180_000);

  test.skipIf(!findOcrTools() || !canMakeFaxImages())('a fax server\'s TIFF dropped in the inbox is OCR\'d page by page; a 200-page one fails at ingest', async () => {
    const img = makeFaxImages();
    try {
      await writeFile(join(inbox, 'fax-0412.tif'), img.g4);
      await writeFile(join(inbox, 'fax-huge.tif'), img.pages200);
      await until(async () => (await readdir(join(inbox, 'done'))).includes('fax-0412.tif') &&
        (await readdir(join(inbox, 'failed'))).includes('fax-huge.tif.reason.txt'), 150_000, 'both TIFFs to leave processing/');
      expect(await readFile(join(inbox, 'failed', 'fax-huge.tif.reason.txt'), 'utf8'))
        .toMatch(/^MEDNEC_INPUT_TOO_LARGE: .*200 pages to read by OCR.*\nstage: ingest\n/);
      const r = JSON.parse((await client.store.readResult(sha256(img.g4)))!);
      expect(r.document).toMatchObject({ mediaType: 'image/tiff', pages: 2, ocrPages: [1, 2], emptyPages: [] });
      expect(r.diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['OCR_PAGE']));
    } finally {
      img.cleanup();
    }
  }, 180_000);
});
