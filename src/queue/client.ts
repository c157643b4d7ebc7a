/**
 * The producer side: enqueue documents, read a document's state, count states. Used by the
 * `enqueue`, `watch`, `result` and `status` commands.
 */
import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { QueueConfig } from './config.ts';
import { createRedis, ensureReachable, type ConnectionRole } from './connection.ts';
import { documentFlow, STAGES, type Stage } from './pipeline.ts';
import { Registry } from './registry.ts';
import { DataStore, isDocumentId, type FailureRecord } from './store.ts';

export type EnqueueStatus = 'queued' | 'duplicate';
/** `retry`: requeued, or why not (done, still pending, never seen, bytes no longer stored). */
export type RetryStatus = 'requeued' | 'done' | 'pending' | 'unknown' | 'missing-document';

export type DocumentStatus =
  | { state: 'done'; review: string }
  | { state: 'failed'; reason: FailureRecord }
  | { state: 'pending'; where: string }
  | { state: 'unknown' }
  | { state: 'missing' };

export interface StateCounts { waiting: number; active: number; completed: number; failed: number }

export class QueueClient {
  readonly queues: Record<Stage, Queue>;
  readonly registry: Registry;
  readonly store: DataStore;
  private readonly flow: FlowProducer;

  private constructor(readonly cfg: QueueConfig, readonly redis: Redis, onError: (e: Error) => void) {
    const opts = { connection: redis, prefix: cfg.prefix };
    this.queues = Object.fromEntries(STAGES.map((s) => [s, new Queue(s, opts)])) as Record<Stage, Queue>;
    this.flow = new FlowProducer(opts);
    // Connection errors surface on every BullMQ object; the Redis connection already reports them once.
    for (const q of Object.values(this.queues)) q.on('error', onError);
    this.flow.on('error', onError);
    this.registry = new Registry(redis, cfg.prefix);
    this.store = new DataStore(cfg.dataDir);
  }

  static async connect(cfg: QueueConfig, role: ConnectionRole = 'cli', onError?: (e: Error) => void): Promise<QueueClient> {
    const redis = createRedis(cfg, role, onError);
    try {
      await ensureReachable(redis, cfg);
    } catch (e) {
      redis.disconnect();
      throw e;
    }
    const c = new QueueClient(cfg, redis, () => undefined);
    await c.store.init();
    return c;
  }

  /**
   * Stores the bytes and queues the document's flow unless it is already known. The registry's
   * HSETNX makes this safe under concurrent producers; the document is reviewed once.
   */
  async enqueue(bytes: Uint8Array, name: string): Promise<{ id: string; status: EnqueueStatus }> {
    const { id, stored } = await this.store.putDocument(bytes, name);
    if (!stored) await this.store.addAlias(id, name).catch(() => undefined);
    if (await this.registry.claim(id)) {
      try {
        await this.flow.add(documentFlow(id, this.cfg));
      } finally {
        await this.registry.release(id).catch(() => undefined);
      }
      return { id, status: 'queued' };
    }
    // Known id. Registered but with no flow, no result and no failure: the producer died between
    // the two writes (or Redis lost the flow): queue it again rather than strand it. A producer
    // still adding it holds the adding lease: then this is a duplicate, not a second "queued".
    if ((await this.registry.state(id)) === 'queued' && !(await this.queues.publish.getJob(id))
        && !(await this.store.hasResult(id)) && !(await this.store.readFailure(id))
        && await this.registry.lease(id)) {
      try {
        if (!(await this.queues.publish.getJob(id))) {
          await this.flow.add(documentFlow(id, this.cfg));
          return { id, status: 'queued' };
        }
      } finally {
        await this.registry.release(id).catch(() => undefined);
      }
    }
    return { id, status: 'duplicate' };
  }

  /**
   * Runs a failed document again from ingest: its old jobs are removed, its failure record is
   * archived (failures/…/<sha>.history.jsonl), the registry goes back to queued and a new flow is
   * added. For failures that something outside the document caused (OCR not installed, a disk or
   * Redis outage that outlasted the retries) once that is fixed; bad input fails again.
   */
  async retry(id: string): Promise<RetryStatus> {
    const st = await this.status(id);
    if (st.state === 'unknown') return 'unknown';
    if (st.state === 'done' || st.state === 'missing') return 'done';
    if (st.state === 'pending') return 'pending';
    if (!(await this.store.hasDocument(id))) return 'missing-document';
    // Root first: removing the publish job removes the chain under it; then any orphans.
    for (const stage of [...STAGES].reverse()) {
      const job = await this.queues[stage].getJob(id);
      if (job) await job.remove({ removeChildren: true }).catch(() => undefined);
    }
    await this.store.archiveFailure(id);
    await this.store.clearWork(id);
    await this.registry.requeue(id);
    await this.flow.add(documentFlow(id, this.cfg));
    return 'requeued';
  }

  /** Where a document is: the result store first (works without Redis for finished documents). */
  async status(id: string): Promise<DocumentStatus> {
    if (!isDocumentId(id)) return { state: 'unknown' };
    const review = await this.store.readResult(id);
    if (review !== null) return { state: 'done', review };
    const failure = await this.store.readFailure(id);
    if (failure) return { state: 'failed', reason: failure };
    const reg = await this.registry.state(id);
    if (reg === null) return { state: 'unknown' };
    if (reg === 'done') return { state: 'missing' };
    for (const stage of STAGES) {
      const job = await this.queues[stage].getJob(id);
      if (!job) continue;
      const st = await job.getState();
      if (st === 'failed') {
        return { state: 'failed', reason: { code: 'MEDNEC_INTERNAL', message: job.failedReason || 'failed', stage, attempts: job.attemptsMade, at: new Date(job.finishedOn ?? Date.now()).toISOString() } };
      }
      if (st !== 'waiting-children' && st !== 'completed') return { state: 'pending', where: `${stage} ${st}` };
    }
    if (reg === 'failed') return { state: 'failed', reason: { code: 'MEDNEC_INTERNAL', message: 'the failure reason was not recorded', stage: 'unknown', attempts: 0, at: '' } };
    return { state: 'pending', where: 'queued' };
  }

  /** Document-level counts: each document is counted once, in the state of the stage it is in. */
  async counts(): Promise<StateCounts> {
    const reg = await this.registry.counts();
    const active = (await Promise.all(STAGES.map((s) => this.queues[s].getActiveCount()))).reduce((a, b) => a + b, 0);
    const pending = Math.max(0, reg.total - reg.done - reg.failed);
    return { waiting: Math.max(0, pending - active), active: Math.min(active, pending), completed: reg.done, failed: reg.failed };
  }

  /** Per-stage BullMQ job counts (`mednec status --stages`). */
  async stageCounts(): Promise<Record<Stage, Record<string, number>>> {
    const out = {} as Record<Stage, Record<string, number>>;
    for (const s of STAGES) {
      out[s] = await this.queues[s].getJobCounts('waiting', 'waiting-children', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...Object.values(this.queues).map((q) => q.close()), this.flow.close()]).catch(() => undefined);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
