/**
 * `mednec watch <inbox-dir> [--poll-ms n]`: enqueues every file dropped in the inbox; moves it to
 * inbox/processing, then inbox/done or inbox/failed (+ <name>.reason.txt). Runs until SIGTERM/SIGINT.
 */
import { MednecError } from '../../errors/index.ts';
import { QueueClient } from '../../queue/client.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { watchInbox } from '../../queue/inbox.ts';
import { opt, parseArgs } from '../args.ts';
import { err } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['poll-ms'], booleans: ['help'] });
  if (a.flags.has('help') || a.positionals.length !== 1) {
    err('usage: mednec watch <inbox-dir> [--poll-ms n]');
    return a.flags.has('help') ? 0 : 64;
  }
  const pollMs = Number(opt(a, 'poll-ms') ?? 500);
  if (!Number.isInteger(pollMs) || pollMs < 10) throw new MednecError('MEDNEC_USAGE', '--poll-ms must be an integer >= 10');
  const client = await QueueClient.connect(loadQueueConfig(), 'service', (e) => err(`redis: ${e.message}`));
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  err(`watch: watching ${a.positionals[0]} (Ctrl-C to stop)`);
  try {
    await watchInbox(a.positionals[0]!, client, { pollMs, signal: stop.signal, log: (l) => err(l) });
  } finally {
    await client.close();
  }
  err('watch: stopped');
  return 0;
}
