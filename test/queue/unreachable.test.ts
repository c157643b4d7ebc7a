/**
 * Redis unreachable: every command fails within 2 s with one clear line naming REDIS_URL (no
 * ioredis internals, no stack), exit 1. No redis-server is needed: a free port nobody listens on
 * (connection refused) and a server that accepts but never answers (a hung or firewalled Redis).
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { QueueClient } from '../../src/queue/client.ts';
import { loadQueueConfig } from '../../src/queue/config.ts';
import { freePort } from '../../src/queue/redis-server.ts';
import { startWorkers } from '../../src/queue/worker.ts';
import { MednecProcess, removeTempDirs, tempDir } from './redis-harness.ts';

const LINE = /^mednec: cannot reach Redis at REDIS_URL=redis:\/\/127\.0\.0\.1:\d+: .+ \[MEDNEC_QUEUE_UNAVAILABLE\]\n$/;

async function elapsed(f: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const t0 = performance.now();
  const error = await f().then(() => null, (e: unknown) => e);
  return { ms: performance.now() - t0, error };
}

describe('Redis unreachable', () => {
  let refused: string;
  let silent: Server;
  let silentUrl: string;
  const sockets: Socket[] = [];
  let dataDir: string;

  beforeAll(async () => {
    refused = `redis://127.0.0.1:${await freePort()}`;
    silent = createServer((s) => { sockets.push(s); }); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentUrl = `redis://127.0.0.1:${(silent.address() as { port: number }).port}`;
    dataDir = await tempDir('unreachable');
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
    await removeTempDirs();
  });

  const cfg = (url: string) => loadQueueConfig({ REDIS_URL: url, MEDNEC_DATA_DIR: dataDir });

  test('the client and the worker pool give up within 2 s with one line naming REDIS_URL', async () => {
    for (const url of [refused, silentUrl]) {
      const starts: (() => Promise<unknown>)[] = [() => QueueClient.connect(cfg(url)), () => startWorkers(cfg(url), { concurrency: 1 })];
      for (const start of starts) {
        const { ms, error } = await elapsed(start);
        expect(error).toMatchObject({ code: 'MEDNEC_QUEUE_UNAVAILABLE' });
        const msg = (error as Error).message;
        expect(msg).not.toContain('\n');
        expect(msg).toContain(`REDIS_URL=${url}`);
        expect(msg).toMatch(url === refused ? /ECONNREFUSED/ : /no answer within 1500 ms/);
        expect(ms).toBeLessThan(2_000);
      }
    }
  });

  test('worker, enqueue, status, list and result print that one line and exit 1', async () => {
    const note = join(dataDir, 'note.txt');
    await writeFile(note, 'Lumbar facet pain. Plan: medial branch block L4-L5.\n');
    // Start-up of the CLI itself (tsx, imports) is not Redis's time: measured apart.
    const t0 = performance.now();
    await new MednecProcess(['--version'], {}).exited;
    const startup = performance.now() - t0;
    for (const args of [['worker', '--concurrency', '1'], ['enqueue', note], ['status'], ['list'], ['result', 'a'.repeat(64)]]) {
      const t = performance.now();
      const p = new MednecProcess(args, { REDIS_URL: refused, MEDNEC_DATA_DIR: dataDir, DOTENV_CONFIG_QUIET: 'true' });
      const { code } = await p.exited;
      const ms = performance.now() - t;
      expect({ args, code, stderr: p.stderr }).toMatchObject({ code: 1, stderr: expect.stringMatching(LINE) });
      expect(ms - startup).toBeLessThan(2_000);
    }
  }, 60_000);
});
