/**
 * `mednec dashboard [--port 3000] [--host 127.0.0.1] [--allow-write]`: bull-board at /, Prometheus
 * metrics at /metrics, /healthz. Read-only (no retry/clean/pause, in the UI or the API) unless
 * `--allow-write`; bound to 127.0.0.1 unless `--host` says otherwise. bull-board has no login: put
 * it behind an authenticating proxy (README). Runs until SIGTERM/SIGINT.
 */
import { MednecError } from '../../errors/index.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { startDashboard } from '../../queue/dashboard.ts';
import { opt, parseArgs } from '../args.ts';
import { err } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['port', 'host'], booleans: ['help', 'read-only', 'allow-write'] });
  if (a.flags.has('help') || a.positionals.length > 0) {
    err('usage: mednec dashboard [--port 3000] [--host 127.0.0.1] [--allow-write]   (read-only and loopback-only by default)');
    return a.flags.has('help') ? 0 : 64;
  }
  const port = Number(opt(a, 'port') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MednecError('MEDNEC_USAGE', '--port must be 0..65535');
  if (a.flags.has('read-only') && a.flags.has('allow-write')) throw new MednecError('MEDNEC_USAGE', '--read-only and --allow-write contradict each other');
  const readOnly = !a.flags.has('allow-write');
  const d = await startDashboard(loadQueueConfig(), {
    port, host: opt(a, 'host') ?? '127.0.0.1', readOnly, log: (l) => err(l),
  });
  err(`dashboard: ${d.url} (${readOnly ? 'read-only' : 'WRITABLE: retry/clean allowed'}; metrics: ${d.url}metrics)`);
  await new Promise<void>((res) => { process.once('SIGTERM', res); process.once('SIGINT', res); });
  await d.close();
  return 0;
}
