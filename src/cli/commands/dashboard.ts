/**
 * `mednec dashboard [--port 3000] [--host 127.0.0.1] [--read-only]`: bull-board at /, Prometheus
 * metrics at /metrics, /healthz. Runs until SIGTERM/SIGINT.
 */
import { MednecError } from '../../errors/index.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { startDashboard } from '../../queue/dashboard.ts';
import { opt, parseArgs } from '../args.ts';
import { err } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['port', 'host'], booleans: ['help', 'read-only'] });
  if (a.flags.has('help') || a.positionals.length > 0) {
    err('usage: mednec dashboard [--port 3000] [--host 127.0.0.1] [--read-only]');
    return a.flags.has('help') ? 0 : 64;
  }
  const port = Number(opt(a, 'port') ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MednecError('MEDNEC_USAGE', '--port must be 0..65535');
  const d = await startDashboard(loadQueueConfig(), {
    port, host: opt(a, 'host') ?? '127.0.0.1', readOnly: a.flags.has('read-only'), log: (l) => err(l),
  });
  err(`dashboard: ${d.url} (metrics: ${d.url}metrics)`);
  await new Promise<void>((res) => { process.once('SIGTERM', res); process.once('SIGINT', res); });
  await d.close();
  return 0;
}
