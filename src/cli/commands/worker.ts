/**
 * `mednec worker [--concurrency n]`: processes queued documents until SIGTERM/SIGINT, then drains
 * (finishes active jobs; after MEDNEC_SHUTDOWN_MS it exits anyway and the unfinished jobs are
 * recovered by other workers when their locks expire).
 */
import { MednecError } from '../../errors/index.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { startWorkers } from '../../queue/worker.ts';
import { opt, parseArgs } from '../args.ts';
import { err } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['concurrency'], booleans: ['help'] });
  if (a.flags.has('help') || a.positionals.length > 0) {
    err('usage: mednec worker [--concurrency n]   (REDIS_URL, MEDNEC_DATA_DIR; see docs/queue.md)');
    return a.flags.has('help') ? 0 : 64;
  }
  const cfg = loadQueueConfig();
  const c = opt(a, 'concurrency');
  const concurrency = c === undefined ? cfg.cpuConcurrency : Number(c);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new MednecError('MEDNEC_USAGE', '--concurrency must be a positive integer');

  process.on('unhandledRejection', (e) => err(`worker: unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
  const pool = await startWorkers(cfg, { concurrency, log: (l) => err(l) });
  const signal = await new Promise<string>((res) => {
    process.once('SIGTERM', () => res('SIGTERM'));
    process.once('SIGINT', () => res('SIGINT'));
  });
  // A second signal means "now".
  const hard = () => { err('worker: second signal, exiting now'); process.exit(1); };
  process.once('SIGTERM', hard);
  process.once('SIGINT', hard);
  err(`worker: ${signal}: finishing active jobs (up to ${cfg.shutdownMs} ms)`);
  const drained = await pool.close();
  err(drained ? 'worker: drained, exiting' : 'worker: shutdown deadline passed; unfinished jobs will be recovered by other workers');
  // Sandboxed children of unfinished jobs may still hold the event loop: leave regardless.
  setTimeout(() => process.exit(drained ? 0 : 1), 200).unref();
  return drained ? 0 : 1;
}
