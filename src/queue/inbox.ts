/**
 * The drop folder. Every regular file that appears in the inbox (and has stopped growing) is moved
 * to inbox/processing/ and enqueued; when its review is published it moves to inbox/done/, and when
 * it fails to inbox/failed/ with `<name>.reason.txt` beside it. Files already in processing/ when
 * the watcher starts (it was stopped or crashed) are picked up again; enqueueing is idempotent.
 * A file that failed before and is dropped again is retried (`QueueClient.retry`).
 * Polling, not fs.watch: it works the same on local disks, NFS and SMB shares.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
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
  pollMs?: number;
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
  const seen = new Map<string, string>(); // name in inbox → "size:mtime" at the previous scan

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

  while (!opts.signal?.aborted) {
    // 1. Claim files that stopped changing since the previous scan.
    const entries = await readdir(inbox, { withFileTypes: true }).catch(() => []);
    const present = new Set<string>();
    for (const e of entries) {
      if (!e.isFile() || e.name.startsWith('.')) continue;
      present.add(e.name);
      const st = await stat(join(inbox, e.name)).catch(() => null);
      if (!st) continue;
      const sig = `${st.size}:${st.mtimeMs}`;
      if (seen.get(e.name) !== sig) { seen.set(e.name, sig); continue; }
      seen.delete(e.name);
      const target = await freeName(dir('processing'), e.name);
      await rename(join(inbox, e.name), join(dir('processing'), target));
      tracked.set(target, { id: null, attempts: 0 });
    }
    for (const n of seen.keys()) if (!present.has(n)) seen.delete(n);

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
}
