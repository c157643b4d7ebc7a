/**
 * The drop folder. Every regular file that appears in the inbox (and has stopped growing) is moved
 * to inbox/processing/ and enqueued; when its review is published it moves to inbox/done/, and when
 * it fails to inbox/failed/ with `<name>.reason.txt` beside it. Files already in processing/ when
 * the watcher starts (it was stopped or crashed) are picked up again; enqueueing is idempotent.
 * A file that failed before and is dropped again is retried (`QueueClient.retry`).
 * The inbox is watched with chokidar: a file is claimed once `awaitWriteFinish` sees its size
 * unchanged for `settleMs` (a fax server still writing it is left alone). Polling by default
 * (`usePolling`): it works the same on local disks, NFS and SMB shares, where inotify sees nothing.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../errors/index.ts';
import { DEFAULT_MAX_BYTES } from '../ingest/index.ts';
import { writePrivate } from '../cli/io.ts';
import type { QueueClient } from './client.ts';
import { failureReason } from './stages.ts';

export const INBOX_DIRS = ['processing', 'done', 'failed'] as const;

/** Reads a file to enqueue, refusing what ingest would refuse anyway before it costs storage. */
export async function readDocumentFile(path: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Buffer> {
  const st = await stat(path).catch((e: unknown) => {
    throw new InputError('MEDNEC_INPUT_MISSING', `${basename(path)}: no such file or not readable`, { cause: e });
  });
  if (!st.isFile()) throw new InputError('MEDNEC_INPUT_MISSING', `${basename(path)}: not a regular file`);
  if (st.size > maxBytes) throw new InputError('MEDNEC_INPUT_TOO_LARGE', `${basename(path)}: ${st.size} bytes is over the ${maxBytes}-byte limit`);
  return readFile(path);
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/** `name`, or `name-2.ext`, `name-3.ext`… — whichever is free in `dir`. */
export async function freeName(dir: string, name: string): Promise<string> {
  if (!(await exists(join(dir, name))) && !(await exists(join(dir, name + '.reason.txt')))) return name;
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 2; ; i++) {
    const n = `${stem}-${i}${ext}`;
    if (!(await exists(join(dir, n))) && !(await exists(join(dir, n + '.reason.txt')))) return n;
  }
}

/**
 * A file moved from failed/ back into the inbox leaves its `<name>.reason.txt` behind: remove the
 * reasons in failed/ that have lost their file and belong to this document (or, for files refused
 * before they had an id, carry this name), so a second failure lands under the same name.
 */
export async function removeStaleReasons(failedDir: string, name: string, id: string | null): Promise<string[]> {
  const removed: string[] = [];
  for (const n of await readdir(failedDir).catch(() => [] as string[])) {
    if (!n.endsWith('.reason.txt')) continue;
    const file = n.slice(0, -'.reason.txt'.length);
    if (await exists(join(failedDir, file))) continue;
    const text = await readFile(join(failedDir, n), 'utf8').catch(() => '');
    const mine = id !== null ? text.includes(`\ndocument: ${id}\n`) : false;
    if (mine || (file === name && !/\ndocument: /.test(text))) {
      await rm(join(failedDir, n), { force: true });
      removed.push(n);
    }
  }
  return removed;
}

export interface WatchOptions {
  /** How often finished documents are looked for, and the polling interval of the watch (ms). */
  pollMs?: number;
  /** A dropped file is claimed once its size has not changed for this long (default 2 × pollMs). */
  settleMs?: number;
  /** Poll the folder (network shares; the default) or use the OS's file events (local disks). */
  usePolling?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

interface Tracked { id: string | null; attempts: number }

export async function watchInbox(inbox: string, client: QueueClient, opts: WatchOptions = {}): Promise<void> {
  const pollMs = opts.pollMs ?? 500;
  const log = opts.log ?? (() => undefined);
  const dir = (d: (typeof INBOX_DIRS)[number]) => join(inbox, d);
  for (const d of INBOX_DIRS) await mkdir(dir(d), { recursive: true, mode: 0o700 });
  const tracked = new Map<string, Tracked>(); // name in processing/ → document id (null: not yet enqueued)

  for (const e of await readdir(dir('processing'), { withFileTypes: true })) {
    if (e.isFile() && !e.name.startsWith('.')) tracked.set(e.name, { id: null, attempts: 0 });
  }
  if (tracked.size) log(`inbox: resuming ${tracked.size} file(s) left in processing/`);

  const fail = async (name: string, id: string | null, code: string, message: string, stage: string) => {
    const target = await freeName(dir('failed'), name);
    await writePrivate(join(dir('failed'), target + '.reason.txt'),
      `${code}: ${message}\nstage: ${stage}\n${id ? `document: ${id}\n` : ''}`);
    await rename(join(dir('processing'), name), join(dir('failed'), target));
    tracked.delete(name);
    log(`inbox: ${name} → failed/ (${code})`);
  };

  // 1. Files that stopped growing are claimed as chokidar reports them (existing ones too).
  const settleMs = opts.settleMs ?? 2 * pollMs;
  const root = resolve(inbox);
  const settled: string[] = [];
  const watcher = chokidarWatch(root, {
    depth: 0,
    ignoreInitial: false,
    usePolling: opts.usePolling ?? true,
    interval: pollMs,
    binaryInterval: pollMs,
    awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.max(10, Math.min(100, pollMs)) },
    ignored: (p: string) => p !== root && (basename(p).startsWith('.') || dirname(p) !== root),
  });
  watcher.on('add', (p: string) => { if (dirname(p) === root) settled.push(basename(p)); });
  watcher.on('error', (e: unknown) => log(`inbox: watch error: ${failureReason(e).message}`));
  await new Promise<void>((r) => watcher.once('ready', () => r()));

  try {
    while (!opts.signal?.aborted) {
      for (const name of settled.splice(0)) {
        const st = await stat(join(inbox, name)).catch(() => null);
        if (!st?.isFile()) continue;
        // chokidar's initial scan reports files without awaitWriteFinish: one written to within
        // settleMs may still be growing; look again next round.
        const age = Date.now() - st.mtimeMs;
        if (age >= 0 && age < settleMs) { settled.push(name); continue; }
        const target = await freeName(dir('processing'), name);
        try {
          await rename(join(inbox, name), join(dir('processing'), target));
        } catch {
          continue; // gone (another watcher took it, or intake removed it)
        }
        tracked.set(target, { id: null, attempts: 0 });
      }

      // 2. Enqueue what is not queued yet (new files, resumed files, Redis was down last time).
      for (const [name, t] of tracked) {
        if (t.id !== null || opts.signal?.aborted) continue;
        try {
          const bytes = await readDocumentFile(join(dir('processing'), name));
          const { id, status } = await client.enqueue(bytes, name);
          t.id = id;
          // A file that failed before and is dropped again runs again (intake re-drops a fax once
          // whatever failed it is fixed); its earlier failure is archived, not lost.
          const retried = status === 'duplicate' && (await client.store.readFailure(id)) !== null && (await client.retry(id)) === 'requeued';
          if (retried) await removeStaleReasons(dir('failed'), name, id);
          log(`inbox: ${name} → ${id} ${retried ? 'retried' : status}`);
        } catch (e) {
          if (e instanceof InputError) {
            await removeStaleReasons(dir('failed'), name, null);
            const r = failureReason(e);
            await fail(name, null, r.code, r.message, 'enqueue');
            continue;
          }
          t.attempts++;
          if (t.attempts === 1 || t.attempts % 20 === 0) log(`inbox: cannot enqueue ${name} yet (${failureReason(e).message}); will retry`);
        }
      }

      // 3. Move finished documents out of processing/.
      for (const [name, t] of tracked) {
        if (t.id === null) continue;
        if (await client.store.hasResult(t.id)) {
          const target = await freeName(dir('done'), name);
          await rename(join(dir('processing'), name), join(dir('done'), target));
          tracked.delete(name);
          log(`inbox: ${name} → done/`);
          continue;
        }
        const f = await client.store.readFailure(t.id);
        if (f) await fail(name, t.id, f.code, f.message, f.stage);
      }
      await sleep(pollMs, undefined, { signal: opts.signal }).catch(() => undefined);
    }
  } finally {
    await watcher.close();
  }
}
