/**
 * `mednec watch <inbox-dir> [--poll-ms n] [--settle-ms n] [--native-events]`: enqueues every file
 * dropped in the inbox once it has stopped growing for settle-ms (default 2 × poll-ms); moves it
 * to inbox/processing, then inbox/done or inbox/failed (+ <name>.reason.txt). Polls the folder
 * (works on NFS/SMB shares) unless --native-events (inotify; local disks only). Runs until
 * SIGTERM/SIGINT.
 */
import { MednecError } from '../../errors/index.ts';
import { QueueClient } from '../../queue/client.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { watchInbox } from '../../queue/inbox.ts';
import { opt, parseArgs } from '../args.ts';
import { err } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['poll-ms', 'settle-ms'], booleans: ['help', 'native-events'] });
  if (a.flags.has('help') || a.positionals.length !== 1) {
    err('usage: mednec watch <inbox-dir> [--poll-ms 500] [--settle-ms 1000] [--native-events]');
    return a.flags.has('help') ? 0 : 64;
  }
  const pollMs = Number(opt(a, 'poll-ms') ?? 500);
  if (!Number.isInteger(pollMs) || pollMs < 10) throw new MednecError('MEDNEC_USAGE', '--poll-ms must be an integer >= 10');
  const settleMs = Number(opt(a, 'settle-ms') ?? 2 * pollMs);
  if (!Number.isInteger(settleMs) || settleMs < 10) throw new MednecError('MEDNEC_USAGE', '--settle-ms must be an integer >= 10');
  const client = await QueueClient.connect(loadQueueConfig(), 'service', (e) => err(`redis: ${e.message}`));
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  err(`watch: watching ${a.positionals[0]} (Ctrl-C to stop)`);
  try {
    await watchInbox(a.positionals[0]!, client, { pollMs, settleMs, usePolling: !a.flags.has('native-events'), signal: stop.signal, log: (l) => err(l) });
  } finally {
    await client.close();
  }
  err('watch: stopped');
  return 0;
}
