/**
 * The pipeline shape: one BullMQ flow per document, a chain of three queues
 *
 *   ingest (+ OCR when pages are images) → review → publish        (a child runs before its parent)
 *
 * Every job in the chain has id = the document's sha256 and data = { docId } only. OCR is a phase
 * of ingest (its own trace entry and metrics): a job of its own cost every document a round of
 * queue traffic that only scanned faxes needed. ingest and review are CPU-bound and run in
 * sandboxed child processes; publish is I/O and runs in the worker process.
 */
import type { FlowJob } from 'bullmq';
import type { QueueConfig } from './config.ts';
import type { StageTrace } from './store.ts';

export const STAGES = ['ingest', 'review', 'publish'] as const;
export type Stage = (typeof STAGES)[number];
export const SANDBOXED_STAGES: readonly Stage[] = ['ingest', 'review'];


export interface StageData { docId: string }

/** What a stage returns to its parent (stored in Redis, so ids and timings only). */
export interface StageReturn {
  trace: StageTrace[];
  /** The review's determination (review stage; an enum value, no note text). */
  determination?: string;
}

/** Guard against anything but a reference ending up in Redis. */
export const JOB_SIZE_LIMIT = 512;

export function documentFlow(id: string, cfg: QueueConfig): FlowJob {
  const data: StageData = { docId: id };
  const opts = (child: boolean) => ({
    jobId: id,
    attempts: cfg.attempts,
    backoff: { type: 'exponential' as const, delay: cfg.backoffMs },
    sizeLimit: JOB_SIZE_LIMIT,
    ...(child ? { failParentOnFailure: true } : {}),
  });
  // Built leaf first: ingest, then review with child ingest, then publish, the root.
  let node: FlowJob | undefined;
  for (const stage of STAGES) {
    node = { name: stage, queueName: stage, data, opts: opts(stage !== 'publish'), ...(node ? { children: [node] } : {}) };
  }
  return node!;
}
