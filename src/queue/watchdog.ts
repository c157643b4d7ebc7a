/**
 * A time limit for a sandboxed stage. A reader that never ends (an endless loop on some document)
 * blocks its child's event loop, so no timer of that thread can stop it and BullMQ keeps renewing
 * the job's lock from the worker process: the document would hold a worker slot forever. The
 * watchdog is a worker thread of the child: when the limit passes it writes the document's
 * failure record (synchronously, 0600, renamed into place) and kills its own process with SIGKILL.
 * BullMQ then fails the job ("Unexpected exit code"), and the retry finds the record and stops
 * (`runSandboxedStage`): a document that hung once hangs again.
 */
import { Worker } from 'node:worker_threads';
import type { FailureRecord } from './store.ts';

// Plain JavaScript: the thread is started with `eval` and loads no TypeScript.
const THREAD = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
setTimeout(() => {
  try {
    const { file, record } = workerData;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = path.join(path.dirname(file), '.' + process.pid + '-' + Date.now() + '.tmp');
    fs.writeFileSync(tmp, JSON.stringify({ ...record, at: new Date().toISOString() }, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
}, workerData.ms);
`;

export interface Watchdog {
  /** The stage ended in time: stop the thread. */
  stop(): Promise<void>;
}

/** Kills this process after `ms` (0: no limit), first writing `record` to `file`. */
export function startWatchdog(ms: number, file: string, record: Omit<FailureRecord, 'at'>): Watchdog {
  if (ms <= 0) return { stop: async () => undefined };
  const thread = new Worker(THREAD, { eval: true, workerData: { ms, file, record } });
  thread.unref();
  return { stop: async () => { await thread.terminate(); } };
}
