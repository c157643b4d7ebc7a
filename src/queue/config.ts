/**
 * Queue configuration from the environment. One place reads `process.env`; everything else takes
 * a `QueueConfig`. Timings are configurable so tests can use short lock/stall windows.
 */
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import { MednecError } from '../errors/index.ts';

export interface QueueConfig {
  /** `REDIS_URL`: redis://[user:pass@]host:port[/db] or rediss:// for TLS. */
  redisUrl: string;
  /** `MEDNEC_DATA_DIR`: document store and result store (must be shared by all hosts). */
  dataDir: string;
  /**
   * BullMQ key prefix. Wrapped in braces (a Redis Cluster hash tag) so every key of every mednec
   * queue — and the document registry — hashes to one slot: flows move jobs across queues in one
   * Lua script, so the queues of one flow must share a slot.
   */
  prefix: string;
  /** Worker lock: a job whose lock is not renewed within this many ms is considered stalled. */
  lockDuration: number;
  /** How often each worker looks for stalled jobs (ms). */
  stalledInterval: number;
  /** How many times a job may stall before it fails for good. */
  maxStalledCount: number;
  /** Attempts for transient errors (exponential backoff from `backoffMs`). */
  attempts: number;
  backoffMs: number;
  /** Jobs kept after completion/failure (per queue, set on the Workers). */
  keepCompleted: { count: number; age: number };
  keepFailed: { count: number; age: number };
  /** How long SIGTERM waits for active jobs before closing anyway (their locks then expire). */
  shutdownMs: number;
  /** Default concurrency for the CPU-bound (sandboxed) stages. */
  cpuConcurrency: number;
  /** This worker's name in traces (host:pid unless MEDNEC_WORKER_NAME is set). */
  workerName: string;
  /** Fault injection for tests and drills: every review job sleeps this long first. */
  slowMs: number;
  /**
   * Fault injection for tests and drills: the review of a document whose id starts with this hex
   * prefix blocks its process forever (a busy loop, as a reader that never ends would).
   */
  hangId: string;
  /**
   * How long a sandboxed stage may run before its child process is killed and the document fails
   * with MEDNEC_STAGE_TIMEOUT (0 = no limit). OCR of a 100-page fax takes minutes; a review, under a second.
   */
  stageTimeoutMs: { ingest: number; review: number };
  /** Render the Markdown/HTML reports at publish (MEDNEC_PUBLISH_REPORTS=1); otherwise `result` renders them on demand. */
  publishReports: boolean;
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new MednecError('MEDNEC_CONFIG', `${name} must be an integer >= ${min} (got "${raw}")`);
  return v;
}

function hexPrefix(env: NodeJS.ProcessEnv, name: string): string {
  const raw = env[name] ?? '';
  if (raw !== '' && !/^[0-9a-f]{4,64}$/.test(raw)) throw new MednecError('MEDNEC_CONFIG', `${name} must be 4 to 64 lower-case hex digits (got "${raw}")`);
  return raw;
}

export function loadQueueConfig(env: NodeJS.ProcessEnv = process.env): QueueConfig {
  const prefix = env.MEDNEC_QUEUE_PREFIX || '{mednec}';
  if (prefix.includes(':')) throw new MednecError('MEDNEC_CONFIG', 'MEDNEC_QUEUE_PREFIX must not contain ":"');
  return {
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    dataDir: resolve(env.MEDNEC_DATA_DIR || '.mednec'),
    prefix,
    lockDuration: int(env, 'MEDNEC_LOCK_MS', 30_000, 100),
    stalledInterval: int(env, 'MEDNEC_STALLED_MS', 30_000, 100),
    maxStalledCount: int(env, 'MEDNEC_MAX_STALLED', 2, 0),
    attempts: int(env, 'MEDNEC_ATTEMPTS', 5, 1),
    backoffMs: int(env, 'MEDNEC_BACKOFF_MS', 2_000, 1),
    keepCompleted: { count: int(env, 'MEDNEC_KEEP_COMPLETED', 1_000), age: 24 * 3600 },
    keepFailed: { count: int(env, 'MEDNEC_KEEP_FAILED', 5_000), age: 14 * 24 * 3600 },
    shutdownMs: int(env, 'MEDNEC_SHUTDOWN_MS', 30_000, 0),
    cpuConcurrency: int(env, 'MEDNEC_CONCURRENCY', availableParallelism(), 1),
    workerName: env.MEDNEC_WORKER_NAME || `${hostname()}:${process.pid}`,
    slowMs: int(env, 'MEDNEC_QUEUE_SLOW_MS', 0),
    hangId: hexPrefix(env, 'MEDNEC_QUEUE_HANG_ID'),
    stageTimeoutMs: {
      ingest: int(env, 'MEDNEC_INGEST_TIMEOUT_MS', 20 * 60_000),
      review: int(env, 'MEDNEC_REVIEW_TIMEOUT_MS', 5 * 60_000),
    },
    publishReports: env.MEDNEC_PUBLISH_REPORTS === '1',
  };
}

/** The environment that reproduces `cfg` in another process (the sandboxed stage children). */
export function queueConfigEnv(cfg: QueueConfig): Record<string, string> {
  return {
    REDIS_URL: cfg.redisUrl,
    MEDNEC_DATA_DIR: cfg.dataDir,
    MEDNEC_QUEUE_PREFIX: cfg.prefix,
    MEDNEC_LOCK_MS: String(cfg.lockDuration),
    MEDNEC_STALLED_MS: String(cfg.stalledInterval),
    MEDNEC_MAX_STALLED: String(cfg.maxStalledCount),
    MEDNEC_ATTEMPTS: String(cfg.attempts),
    MEDNEC_BACKOFF_MS: String(cfg.backoffMs),
    MEDNEC_KEEP_COMPLETED: String(cfg.keepCompleted.count),
    MEDNEC_KEEP_FAILED: String(cfg.keepFailed.count),
    MEDNEC_SHUTDOWN_MS: String(cfg.shutdownMs),
    MEDNEC_CONCURRENCY: String(cfg.cpuConcurrency),
    MEDNEC_WORKER_NAME: cfg.workerName,
    MEDNEC_QUEUE_SLOW_MS: String(cfg.slowMs),
    MEDNEC_QUEUE_HANG_ID: cfg.hangId,
    MEDNEC_INGEST_TIMEOUT_MS: String(cfg.stageTimeoutMs.ingest),
    MEDNEC_REVIEW_TIMEOUT_MS: String(cfg.stageTimeoutMs.review),
    MEDNEC_PUBLISH_REPORTS: cfg.publishReports ? '1' : '0',
  };
}

/** The Redis address without credentials, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? ':' + u.port : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
