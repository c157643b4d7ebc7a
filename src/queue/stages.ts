/**
 * The stage bodies. ingest/ocr/review run inside sandboxed child processes
 * (workers/stage-processor.mjs); publish runs in the worker process (src/queue/worker.ts).
 * Stages hand data to each other through the data dir (work/), never through Redis.
 *
 * Errors: bad input (InputError, or OCR/config that no retry can fix) fails the document at once
 * — an error named "UnrecoverableError", which BullMQ honours across the sandbox boundary — and
 * its reason is recorded in the result store. Anything else is transient and retried with
 * exponential backoff; the reason is recorded when the last attempt fails.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MednecError } from '../errors/index.ts';
import type { OcrEngine } from '../ingest/index.ts';
import type { Source } from '../model/doc.ts';
import type { Resources } from '../resources.ts';
import { loadQueueConfig, type QueueConfig } from './config.ts';
import type { Stage, StageData, StageReturn } from './pipeline.ts';
import { DataStore, isDocumentId, type FailureRecord, type StageTrace } from './store.ts';
import { startWatchdog } from './watchdog.ts';

/** The subset of a BullMQ job (sandboxed or not) the stages use. */
export interface StageJob {
  name: string;
  data: StageData;
  attemptsMade: number;
  opts: { attempts?: number };
  getChildrenValues(): Promise<Record<string, unknown>>;
}

const PERMANENT_CODES = new Set(['MEDNEC_OCR_UNAVAILABLE', 'MEDNEC_CONFIG', 'MEDNEC_STAGE_TIMEOUT']);

export function isPermanent(e: unknown): boolean {
  return e instanceof MednecError && (e.name === 'InputError' || PERMANENT_CODES.has(e.code));
}

/** A one-line reason without note text: coded errors carry our own messages; others name + first line. */
export function failureReason(e: unknown): { code: string; message: string } {
  if (e instanceof MednecError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'MEDNEC_INTERNAL', message: `${e.name}: ${e.message.split('\n')[0]!.slice(0, 200)}` };
  return { code: 'MEDNEC_INTERNAL', message: String(e).slice(0, 200) };
}

/** Undoes `queueError`: the coded reason of an error that came back from a stage. */
export function fromQueueError(e: Error): { code: string; message: string } {
  const code = (e as Error & { code?: unknown }).code;
  if (typeof code === 'string' && /^MEDNEC_[A-Z_]+$/.test(code)) {
    return { code, message: e.message.startsWith(code + ': ') ? e.message.slice(code.length + 2) : e.message };
  }
  return failureReason(e);
}

/** Documents are ingested under a neutral name so error messages (which reach Redis) carry no file name. */
export function neutralName(id: string): string {
  return `document ${id.slice(0, 12)}`;
}

// Heavy modules are imported by the stage that needs them: each sandboxed child runs one stage,
// so the ingest child never loads the NLP stack and the worker process loads neither.
let resources: Resources | undefined;
let ocrEngine: OcrEngine | null | undefined;

/**
 * The review stage's code and lexicons, loaded once per child and before the stage's clock starts:
 * a fresh child (the first job, or the one after a watchdog kill) spends most of a second compiling
 * and loading them, far more on a loaded machine, and a time limit is on reading the document.
 */
async function loadReviewer(): Promise<{ reviewSource: typeof import('../pipeline/review.ts').reviewSource; resources: Resources }> {
  const { reviewSource } = await import('../pipeline/review.ts');
  resources ??= (await import('../resources.ts')).loadResources();
  return { reviewSource, resources };
}

/**
 * ingest, then OCR when ingest found image-only pages (one job: most documents need no OCR, and a
 * separate job per document for a no-op cost more than the review itself). Each phase has its
 * own trace entry and failures name the phase.
 */
async function ingest(store: DataStore, id: string, cfg: QueueConfig, phase: { name: string }): Promise<Partial<StageReturn> & { trace: StageTrace[] }> {
  const t0 = performance.now();
  const { readSource } = await import('../ingest/index.ts');
  const bytes = await store.readDocument(id);
  let source = await readSource(bytes, neutralName(id), { ocr: null, deferOcr: true });
  const at = () => new Date().toISOString();
  const trace: StageTrace[] = [{ stage: 'ingest', worker: cfg.workerName, ms: Math.round(performance.now() - t0), at: at() }];
  const t1 = performance.now();
  if (source.emptyPages.length > 0) {
    phase.name = 'ocr';
    if (ocrEngine === undefined) ocrEngine = (await import('../ingest/ocr.ts')).defaultOcrEngine();
    // No engine: readSource refuses an all-image document (MEDNEC_OCR_UNAVAILABLE) and gives a
    // mixed one PAGE_WITHOUT_TEXT warnings, as `mednec review` does. With one, it re-reads: the
    // same page decisions as the in-process path.
    source = await readSource(bytes, neutralName(id), { ocr: ocrEngine });
  }
  trace.push({ stage: 'ocr', worker: cfg.workerName, ms: Math.round(performance.now() - t1), at: at() });
  await store.writeWork(id, 'source', source);
  return { trace };
}

async function review(store: DataStore, id: string, cfg: QueueConfig): Promise<Partial<StageReturn>> {
  const source = await store.readWork<Source>(id, 'source');
  const meta = await store.readMeta(id);
  if (meta) source.name = meta.name;
  if (cfg.slowMs > 0) await sleep(cfg.slowMs);
  if (cfg.hangId && id.startsWith(cfg.hangId)) for (;;) { /* fault injection: a reader that never ends */ }
  const { reviewSource, resources } = await loadReviewer();
  const out = reviewSource(source, { resources });
  // Written as published (the bytes `mednec review --format json` prints): publish renames it into place.
  await store.writeWorkText(id, 'review', JSON.stringify(out, null, 2) + '\n');
  return { determination: out.determination };
}

/** The trace of the stages before this one, from the direct child's return value. */
export async function previousTrace(job: StageJob): Promise<StageReturn['trace']> {
  const values = Object.values(await job.getChildrenValues()) as (StageReturn | null)[];
  return values.flatMap((v) => v?.trace ?? []);
}

function isFinalAttempt(job: StageJob, permanent: boolean): boolean {
  return permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

export async function recordFailure(store: DataStore, id: string, stage: string, e: unknown, attempts: number): Promise<FailureRecord> {
  const reason = e instanceof Error || e instanceof MednecError ? failureReason(e) : (e as { code: string; message: string });
  const f: FailureRecord = { code: reason.code, message: reason.message, stage, attempts, at: new Date().toISOString() };
  await store.writeFailure(id, f);
  return f;
}

/** The error thrown back to BullMQ: coded, one line, no note text; named so BullMQ stops retrying. */
export function queueError(e: unknown, permanent: boolean): Error {
  const r = failureReason(e);
  const out = new Error(`${r.code}: ${r.message}`);
  if (permanent) out.name = 'UnrecoverableError';
  (out as Error & { code?: string }).code = r.code;
  return out;
}

/** Entry point of the sandboxed processor for ingest (with OCR) and review. */
export async function runSandboxedStage(job: StageJob, cfg: QueueConfig = loadQueueConfig()): Promise<StageReturn> {
  const stage = job.name as Stage;
  const id = job.data?.docId;
  if (typeof id !== 'string' || !isDocumentId(id)) {
    const e = new Error(`MEDNEC_INTERNAL: job has no valid docId`);
    e.name = 'UnrecoverableError';
    throw e;
  }
  const store = new DataStore(cfg.dataDir);
  const t0 = performance.now();
  const phase = { name: stage as string };
  try {
    // Re-run of a stage whose later stages already published (Redis lost the last second of
    // state in a crash, or a stalled job ran twice): the hand-off files are gone, the result is
    // final. Pass it along; publish marks it done.
    if (await store.hasResult(id)) {
      const trace = stage === 'ingest' ? [] : await previousTrace(job);
      trace.push({ stage, worker: cfg.workerName, ms: 0, at: new Date().toISOString(), skipped: true });
      return { trace };
    }
    if (stage !== 'ingest' && stage !== 'review') throw new Error(`stage ${stage} is not a sandboxed stage`);
    // This stage ran out of time before (its watchdog killed the process and wrote the record):
    // it would again. `mednec retry` archives the record first, so a retry by hand runs it.
    const before = await store.readFailure(id);
    if (before?.code === 'MEDNEC_STAGE_TIMEOUT' && (before.stage === stage || (stage === 'ingest' && before.stage === 'ocr'))) {
      throw new MednecError('MEDNEC_STAGE_TIMEOUT', before.message);
    }
    if (stage === 'review') await loadReviewer();
    else await import('../ingest/index.ts');
    const limitMs = cfg.stageTimeoutMs[stage];
    const watchdog = startWatchdog(limitMs, store.failurePath(id), {
      code: 'MEDNEC_STAGE_TIMEOUT',
      message: `the ${stage} stage did not finish within ${limitMs / 1000} s and was stopped (MEDNEC_${stage.toUpperCase()}_TIMEOUT_MS); the document is kept`,
      stage,
      attempts: job.attemptsMade + 1,
    });
    try {
      if (stage === 'ingest') return await ingest(store, id, cfg, phase);
      // The earlier stage's return value (one round trip to Redis through the parent process).
      const trace = await previousTrace(job);
      const extra = await review(store, id, cfg);
      trace.push({ stage, worker: cfg.workerName, ms: Math.round(performance.now() - t0), at: new Date().toISOString() });
      return { ...extra, trace };
    } finally {
      await watchdog.stop();
    }
  } catch (e) {
    const permanent = isPermanent(e);
    if (isFinalAttempt(job, permanent)) await recordFailure(store, id, phase.name, e, job.attemptsMade + 1).catch(() => undefined);
    throw queueError(e, permanent);
  }
}
