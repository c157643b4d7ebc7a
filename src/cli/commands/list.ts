/**
 * `mednec list [--since 1h] [--state queued|done|failed] [--limit n] [--json]`: recent documents,
 * newest first, one per line: id (12 hex), state, outcome (determination, or failure code),
 * received, finished, name — tab-separated under a header. `--json`: one JSON object per line with the
 * full id.
 */
import { MednecError } from '../../errors/index.ts';
import { QueueClient } from '../../queue/client.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { listDocuments, parseDuration } from '../../queue/lookup.ts';
import type { DocState } from '../../queue/registry.ts';
import { opt, parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

const STATES: DocState[] = ['queued', 'done', 'failed'];

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['since', 'state', 'limit'], booleans: ['help', 'json'] });
  if (a.flags.has('help') || a.positionals.length > 0) {
    err('usage: mednec list [--since 1h] [--state queued|done|failed] [--limit n] [--json]');
    return a.flags.has('help') ? 0 : 64;
  }
  const since = opt(a, 'since');
  const sinceMs = since === undefined ? undefined : parseDuration(since);
  const stateArg = opt(a, 'state');
  // "pending" is what `result` calls a queued document.
  const state = stateArg === 'pending' ? 'queued' : stateArg;
  if (state !== undefined && !STATES.includes(state as DocState)) throw new MednecError('MEDNEC_USAGE', '--state must be queued (pending), done or failed');
  const limitArg = opt(a, 'limit');
  const limit = limitArg === undefined ? undefined : Number(limitArg);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new MednecError('MEDNEC_USAGE', '--limit must be a positive integer');

  const client = await QueueClient.connect(loadQueueConfig());
  try {
    const rows = await listDocuments(client.store, client.registry, { sinceMs, state: state as DocState | undefined, limit });
    if (a.flags.has('json')) {
      await out(rows.map((r) => JSON.stringify(r) + '\n').join(''));
    } else {
      const lines = ['id\tstate\toutcome\treceived\tfinished\tname',
        ...rows.map((r) => [r.id.slice(0, 12), r.state, r.outcome || '-', r.receivedAt || '-', r.finishedAt || '-', r.name].join('\t'))];
      await out(lines.join('\n') + '\n');
    }
  } finally {
    await client.close();
  }
  return 0;
}
