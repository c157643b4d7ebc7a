/**
 * `mednec dashboard`: bull-board (job lists, retries) at /, Prometheus metrics at /metrics,
 * a health probe at /healthz. Binds 127.0.0.1 unless told otherwise: bull-board has no login,
 * so expose it only behind an authenticating proxy. Jobs carry document ids only, so nothing in
 * the dashboard is note text.
 */
import type { Server } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express from 'express';
import { QueueClient } from './client.ts';
import type { QueueConfig } from './config.ts';
import { DurationMetrics } from './metrics.ts';
import { STAGES } from './pipeline.ts';

export interface DashboardOptions { port: number; host: string; readOnly: boolean; log?: (l: string) => void }

/** The whole /metrics body: BullMQ's per-queue job counts, document counts, mednec durations. */
export async function prometheusMetrics(client: QueueClient): Promise<string> {
  const parts: string[] = [];
  for (const s of STAGES) parts.push(await client.queues[s].exportPrometheusMetrics({ app: 'mednec' }));
  const c = await client.counts();
  parts.push([
    '# HELP mednec_documents Documents by state (each document counted once).',
    '# TYPE mednec_documents gauge',
    ...Object.entries(c).map(([state, n]) => `mednec_documents{state="${state}"} ${n}`),
  ].join('\n'));
  parts.push(await new DurationMetrics(client.redis, client.cfg.prefix).exportPrometheus());
  return parts.map((p) => p.trimEnd()).join('\n') + '\n';
}

export async function startDashboard(cfg: QueueConfig, o: DashboardOptions): Promise<{ url: string; close(): Promise<void> }> {
  const client = await QueueClient.connect(cfg, 'service', (e) => o.log?.(`redis: ${e.message}`));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/');
  createBullBoard({
    queues: STAGES.map((s) => new BullMQAdapter(client.queues[s], { readOnlyMode: o.readOnly, description: `mednec stage: ${s}` })),
    // @bull-board/express 9.10.1 nests its own @bull-board/api 9.10.1 next to the root 9.10.2:
    // same shapes, separately declared types.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'mednec queues' } },
  });
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', (_req, res) => {
    prometheusMetrics(client).then(
      (body) => res.type('text/plain; version=0.0.4').send(body),
      (e: unknown) => res.status(503).type('text/plain').send(`metrics unavailable: ${e instanceof Error ? e.message : String(e)}\n`),
    );
  });
  app.get('/healthz', (_req, res) => {
    client.redis.ping().then(() => res.send('ok\n'), () => res.status(503).send('redis unreachable\n'));
  });
  app.use('/', serverAdapter.getRouter());
  const server = await new Promise<Server>((res, rej) => {
    const s = app.listen(o.port, o.host, () => res(s));
    s.once('error', rej);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/`,
    async close() {
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      await client.close();
    },
  };
}
