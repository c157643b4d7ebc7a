/**
 * `mednec result <id | id prefix | file name>`: the review JSON on stdout. Exit 0 done, 3 still
 * pending, 4 failed (reason on stderr), 5 unknown, 6 ambiguous (a prefix or name that matches
 * several documents: they are listed on stderr). Finished documents are read from the result
 * store without contacting Redis.
 */
import { MednecError } from '../../errors/index.ts';
import { QueueClient } from '../../queue/client.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { resolveDocument } from '../../queue/lookup.ts';
import { DataStore, type FailureRecord } from '../../queue/store.ts';
import type { ReviewOutput } from '../../schema/review.ts';
import { opt, parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

function failed(id: string, f: FailureRecord): never {
  throw new MednecError('MEDNEC_RESULT_FAILED', `document ${id} failed at ${f.stage}: ${f.code}: ${f.message}`);
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['format'], booleans: ['help'] });
  if (a.flags.has('help') || a.positionals.length !== 1) {
    err('usage: mednec result <id | id prefix (4+ hex) | file name> [--format json|md|html]   exit 0 done, 3 pending, 4 failed, 5 unknown, 6 ambiguous');
    return a.flags.has('help') ? 0 : 64;
  }
  const format = opt(a, 'format') ?? 'json';
  if (!['json', 'md', 'html'].includes(format)) throw new MednecError('MEDNEC_USAGE', '--format must be json, md or html');
  const cfg = loadQueueConfig();
  const store = new DataStore(cfg.dataDir);
  const id = await resolveDocument(store, a.positionals[0]!);
  const emit = async (json: string) => {
    if (format === 'json') { await out(json); return 0; }
    // Reports are rendered from the published review JSON unless the workers pre-rendered them
    // (MEDNEC_PUBLISH_REPORTS=1).
    const { readFile } = await import('node:fs/promises');
    const saved = await readFile(store.resultPath(id, format as 'md' | 'html'), 'utf8').catch(() => null);
    if (saved !== null) { await out(saved); return 0; }
    const { renderReport } = await import('../../report/index.ts');
    await out(renderReport(JSON.parse(json) as ReviewOutput, format as 'md' | 'html'));
    return 0;
  };
  const done = await store.readResult(id);
  if (done !== null) return emit(done);
  const f = await store.readFailure(id);
  if (f) failed(id, f);

  const client = await QueueClient.connect(cfg);
  try {
    const s = await client.status(id);
    switch (s.state) {
      case 'done': return emit(s.review);
      case 'failed': return failed(id, s.reason);
      case 'pending': throw new MednecError('MEDNEC_RESULT_PENDING', `document ${id} is still pending (${s.where})`);
      case 'unknown': throw new MednecError('MEDNEC_RESULT_UNKNOWN', `no document with id ${id}`);
      case 'missing': throw new MednecError('MEDNEC_INTERNAL', `document ${id} was published, but its result is not in ${cfg.dataDir} (is MEDNEC_DATA_DIR shared with the workers?)`);
    }
  } finally {
    await client.close();
  }
}
