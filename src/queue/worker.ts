/**
 * The worker process: one BullMQ Worker per stage queue. ingest/ocr/review run sandboxed (child
 * processes running workers/stage-processor.mjs) at CPU concurrency; publish runs here.
 * Retention (removeOnComplete/removeOnFail), lock and stall timings are set on the Workers.
 */
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import { renderReport } from '../report/index.ts';
import type { ReviewOutput } from '../schema/review.ts';
import { queueConfigEnv, type QueueConfig } from './config.ts';
import { createRedis, ensureReachable } from './connection.ts';
import { DurationMetrics } from './metrics.ts';
import { SANDBOXED_STAGES, STAGES, type Stage, type StageData, type StageReturn } from './pipeline.ts';
import { Registry } from './registry.ts';
import { failureReason, fromQueueError, isPermanent, previousTrace, queueError, recordFailure } from './stages.ts';
import { DataStore } from './store.ts';

export const STAGE_PROCESSOR = new URL('../../workers/stage-processor.mjs', import.meta.url);
const EXIT_WITH_PARENT = fileURLToPath(new URL('../../workers/exit-with-parent.cjs', import.meta.url));

export interface WorkerPoolOptions {
  /** Jobs in parallel per CPU-bound stage (default: cfg.cpuConcurrency = core count). */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface WorkerPool {
  workers: Record<Stage, Worker>;
  /** Stops taking jobs and waits for active ones; false if `deadlineMs` passed first. */
  close(deadlineMs?: number): Promise<boolean>;
}

const short = (id: string | undefined): string => (id ?? '?').slice(0, 12);

export async function startWorkers(cfg: QueueConfig, opts: WorkerPoolOptions = {}): Promise<WorkerPool> {
  const log = opts.log ?? (() => undefined);
  const concurrency = opts.concurrency ?? cfg.cpuConcurrency;
  const store = new DataStore(cfg.dataDir);
  await store.init();
  const redis = createRedis(cfg, 'service', (e) => log(`redis: ${e.message}`));
  try {
    await ensureReachable(redis, cfg);
  } catch (e) {
    redis.disconnect();
    throw e;
  }
  const registry = new Registry(redis, cfg.prefix);
  const metrics = new DurationMetrics(redis, cfg.prefix);

  const common: WorkerOptions = {
    connection: redis,
    prefix: cfg.prefix,
    name: cfg.workerName,
    lockDuration: cfg.lockDuration,
    stalledInterval: cfg.stalledInterval,
    maxStalledCount: cfg.maxStalledCount,
    removeOnComplete: cfg.keepCompleted,
    removeOnFail: cfg.keepFailed,
  };

  const publish = async (job: Job<StageData, StageReturn>): Promise<StageReturn> => {
    const id = job.data.docId;
    const t0 = performance.now();
    try {
      if (await store.hasResult(id) && !(await store.hasWork(id, 'review'))) {
        // Already published; Redis forgot (crash within the AOF fsync window) or the job re-ran.
        await registry.mark(id, 'done');
        const trace = await previousTrace(job);
        trace.push({ stage: 'publish', worker: cfg.workerName, ms: 0, at: new Date().toISOString(), skipped: true });
        return { trace };
      }
      const values = Object.values(await job.getChildrenValues()) as (StageReturn | null)[];
      const trace = values.flatMap((v) => v?.trace ?? []);
      const determination = values.find((v) => v?.determination)?.determination;
      const reports: { md?: string; html?: string } = {};
      if (cfg.publishReports) {
        // Optional (MEDNEC_PUBLISH_REPORTS=1): `mednec result --format md|html` renders on demand otherwise.
        try {
          const review = JSON.parse(await readFile(store.workPath(id, 'review'), 'utf8')) as ReviewOutput;
          reports.md = renderReport(review, 'md');
          reports.html = renderReport(review, 'html');
        } catch (e) {
          log(`publish ${short(id)}: reviewer report not rendered (${failureReason(e).message}); the review JSON is published`);
        }
      }
      trace.push({ stage: 'publish', worker: cfg.workerName, ms: Math.round(performance.now() - t0), at: new Date().toISOString() });
      await store.publishReview(id, reports, trace, determination);
      // The registry and every metric of the document in one round trip (only the first time it is marked done).
      const ops = [
        ...trace.filter((t) => !t.skipped).flatMap((t) => metrics.observeOps('stage', t.stage, t.ms / 1000)),
        ...metrics.observeOps('document', 'done', (Date.now() - job.timestamp) / 1000),
        ...(determination ? metrics.outcomeOps(determination) : []),
      ];
      await registry.markWith(id, 'done', ops);
      return { trace };
    } catch (e) {
      const permanent = isPermanent(e);
      if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await recordFailure(store, id, 'publish', e, job.attemptsMade + 1).catch(() => undefined);
      throw queueError(e, permanent);
    }
  };

  const workers = {} as Record<Stage, Worker>;
  for (const stage of STAGES) {
    const sandboxed = SANDBOXED_STAGES.includes(stage);
    const w = sandboxed
      // The children get this pool's configuration (data dir, worker name…) through their environment.
      ? new Worker<StageData, StageReturn>(stage, STAGE_PROCESSOR, {
        ...common, concurrency,
        workerForkOptions: { env: { ...process.env, ...queueConfigEnv(cfg) }, execArgv: [...process.execArgv.filter((a) => !a.startsWith('--inspect')), '--require', EXIT_WITH_PARENT] },
      })
      : new Worker<StageData, StageReturn>(stage, publish, { ...common, concurrency: Math.max(4, concurrency * 2) });
    if (stage === 'publish') {
      w.on('completed', (job) => log(`published ${short(job.id)} in ${((Date.now() - job.timestamp) / 1000).toFixed(2)} s`));
    }
    w.on('failed', (job, err) => {
      if (!job) return;
      void (async () => {
        // A parent failed by its failed child (failParentOnFailure: BullMQ fails it without running
        // it). The document failed at the child's stage, which recorded it; drop this job so that
        // every view (status --stages, the dashboard tiles, /metrics) counts the failure once.
        if ((job as Job & { deferredFailure?: string }).deferredFailure) {
          await job.remove({ removeChildren: false }).catch(() => undefined);
          return;
        }
        const attempts = job.opts.attempts ?? 1;
        const final = err.name === 'UnrecoverableError' || job.attemptsMade >= attempts || (await job.getState()) === 'failed';
        if (!final) {
          await metrics.retried(stage);
          log(`retrying ${stage} ${short(job.id)} (attempt ${job.attemptsMade} of ${attempts}): ${err.message}`);
          return;
        }
        const id = job.data.docId;
        if (await store.hasResult(id)) { await registry.mark(id, 'done'); return; } // published after all
        // The stage normally recorded the reason; a crashed child or a stall limit did not.
        const f = (await store.readFailure(id)) ?? (await recordFailure(store, id, stage, fromQueueError(err), job.attemptsMade));
        if (!(await registry.mark(id, 'failed'))) return; // already counted
        const p = redis.pipeline();
        metrics.failureCommands(p, f.stage);
        metrics.outcomeCommands(p, 'failed');
        metrics.observeCommands(p, 'document', 'failed', (Date.now() - job.timestamp) / 1000);
        await p.exec();
        log(`failed ${short(id)} at ${f.stage}: ${f.code}: ${f.message}`);
      })().catch((e) => log(`failure bookkeeping: ${failureReason(e).message}`));
    });
    w.on('stalled', (jobId) => log(`${stage} ${short(jobId)} stalled (its worker died or blocked); re-queued`));
    w.on('error', (e) => log(`${stage} worker: ${e.message}`));
    workers[stage] = w;
  }
  await Promise.all(Object.values(workers).map((w) => w.waitUntilReady()));
  log(`worker ${cfg.workerName}: stages ${STAGES.join(' → ')}, concurrency ${concurrency} per CPU stage`);

  return {
    workers,
    async close(deadlineMs = cfg.shutdownMs): Promise<boolean> {
      let timer: NodeJS.Timeout | undefined;
      const graceful = Promise.all(Object.values(workers).map((w) => w.close())).then(() => true);
      const deadline = new Promise<boolean>((res) => { timer = setTimeout(() => res(false), deadlineMs); });
      const ok = await Promise.race([graceful, deadline]);
      clearTimeout(timer);
      if (ok) await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
      return ok;
    },
  };
}
