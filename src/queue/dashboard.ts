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
import { DurationMetrics, Gauge, type Registry } from './metrics.ts';
import { STAGES } from './pipeline.ts';

export interface DashboardOptions {
  port: number;
  /** 127.0.0.1 unless told otherwise (`--host`). */
  host: string;
  /** true unless started with `--allow-write`: no retry/clean/promote/pause, in the UI or the API. */
  readOnly: boolean;
  log?: (l: string) => void;
}

const JOB_STATES = ['waiting', 'prioritized', 'delayed', 'waiting-children', 'active', 'completed', 'failed'] as const;

/**
 * The /metrics registry (prom-client): the fleet-wide durations, failures, retries and outcomes the
 * workers record in Redis, plus, read at scrape time, the jobs of each stage queue by state (queue
 * depth) and the documents by state.
 */
export function metricsRegistry(client: QueueClient): Registry {
  return new DurationMetrics(client.redis, client.cfg.prefix).registry((reg) => {
    new Gauge({
      name: 'mednec_queue_jobs',
      help: 'Jobs in each stage queue by state; waiting+prioritized+delayed is the stage\'s queue depth. A failed document counts once, at the stage where it failed.',
      labelNames: ['stage', 'state'], registers: [reg],
      async collect() {
        const counts = await client.stageCounts();
        this.reset();
        for (const s of STAGES) for (const st of JOB_STATES) this.set({ stage: s, state: st }, counts[s][st] ?? 0);
      },
    });
    new Gauge({
      name: 'mednec_documents',
      help: 'Documents by state, each counted once (waiting, active, completed, failed).',
      labelNames: ['state'], registers: [reg],
      async collect() {
        const c = await client.counts();
        this.reset();
        for (const [state, n] of Object.entries(c)) this.set({ state }, n);
      },
    });
  });
}

/** The whole /metrics body, in Prometheus text format 0.0.4. */
export async function prometheusMetrics(client: QueueClient): Promise<string> {
  return metricsRegistry(client).metrics();
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
  if (o.readOnly) {
    // bull-board's readOnlyMode hides the actions and its API refuses them; refuse every write here too.
    app.use((req, res, next) => {
      if (req.method === 'GET' || req.method === 'HEAD') { next(); return; }
      res.status(403).type('text/plain').send('the dashboard is read-only (start it with --allow-write to retry or clean jobs)\n');
    });
  }
  const registry = metricsRegistry(client);
  app.get('/metrics', (_req, res) => {
    registry.metrics().then(
      (body) => res.type(registry.contentType).send(body),
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
