/**
 * `mednec enqueue <file>...`: one line per file, "<document id> queued" | "<document id> duplicate".
 * Directories are expanded one level (regular, non-hidden files). Unreadable or oversized files are
 * reported on stderr and make the exit code 2; the others are still enqueued.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../../errors/index.ts';
import { QueueClient } from '../../queue/client.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { readDocumentFile } from '../../queue/inbox.ts';
import { parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

const ENQUEUE_BATCH = 16;

async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st?.isDirectory()) { files.push(p); continue; }
    for (const n of (await readdir(p)).filter((n) => !n.startsWith('.')).sort()) {
      if ((await stat(join(p, n)).catch(() => null))?.isFile()) files.push(join(p, n));
    }
  }
  return files;
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { booleans: ['help'] });
  if (a.flags.has('help') || a.positionals.length === 0) {
    err('usage: mednec enqueue <file|dir>...   prints "<document id> queued|duplicate" per file');
    return a.flags.has('help') ? 0 : 64;
  }
  const files = await expand(a.positionals);
  const client = await QueueClient.connect(loadQueueConfig());
  let bad = 0;
  const one = async (f: string): Promise<string | InputError> => {
    try {
      const { id, status } = await client.enqueue(await readDocumentFile(f), basename(f));
      return `${id} ${status}\n`;
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
  };
  try {
    // A few files in flight at once (Redis round trips overlap); lines stay in argument order.
    for (let i = 0; i < files.length; i += ENQUEUE_BATCH) {
      for (const r of await Promise.all(files.slice(i, i + ENQUEUE_BATCH).map(one))) {
        if (typeof r === 'string') { await out(r); continue; }
        bad++;
        err(`mednec: ${r.message} [${r.code}]`);
      }
    }
  } finally {
    await client.close();
  }
  return bad ? 2 : 0;
}
