/**
 * Starting Debian's redis-server with mednec's production settings. Used by `mednec redis`,
 * scripts/redis-local.sh and the queue tests (which thereby test the settings we ship).
 *
 *   appendonly yes, appendfsync everysec   a crash loses at most ~1 s of writes (0 without AOF: all)
 *   maxmemory-policy noeviction            BullMQ's requirement: never silently drop queue keys
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { MednecError } from '../errors/index.ts';

export const PRODUCTION_REDIS_SETTINGS: Readonly<Record<string, string>> = {
  appendonly: 'yes',
  appendfsync: 'everysec',
  'maxmemory-policy': 'noeviction',
};

export interface RedisServerOptions {
  port: number;
  dir: string;
  bind?: string;
  /** e.g. "2gb"; with noeviction, writes fail (loudly) when it is reached. */
  maxmemory?: string;
  /** Extra `--name value` pairs (tests pass `save: ''`). */
  extra?: Record<string, string>;
}

export function redisServerArgs(o: RedisServerOptions): string[] {
  const settings: Record<string, string> = {
    port: String(o.port),
    bind: o.bind ?? '127.0.0.1',
    dir: o.dir,
    ...PRODUCTION_REDIS_SETTINGS,
    ...(o.maxmemory ? { maxmemory: o.maxmemory } : {}),
    logfile: join(o.dir, 'redis.log'),
    ...o.extra,
  };
  return Object.entries(settings).flatMap(([k, v]) => [`--${k}`, v]);
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** PING over a raw socket (no client library, no retries); NOAUTH also means "up" (password set). */
export function pingRedis(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((res) => {
    const sock = new Socket();
    let buf = '';
    const done = (ok: boolean) => { sock.destroy(); res(ok); };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.connect(port, host, () => sock.write('PING\r\n'));
    sock.on('data', (d) => { buf += d.toString('latin1'); if (buf.includes('\r\n')) done(buf.startsWith('+PONG') || buf.startsWith('-NOAUTH')); });
  });
}

export async function waitForRedis(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await pingRedis(port, host)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new MednecError('MEDNEC_QUEUE_UNAVAILABLE', `redis-server did not answer on ${host}:${port} within ${timeoutMs} ms`);
}

/** Spawns redis-server in the foreground (as a child) and resolves once it answers PING. */
export async function spawnRedisServer(o: RedisServerOptions, stdio: 'ignore' | 'inherit' = 'ignore'): Promise<ChildProcess> {
  if (!redisServerAvailable()) {
    throw new MednecError('MEDNEC_QUEUE_UNAVAILABLE', 'redis-server is not installed (Debian: apt-get install redis-server; or run scripts/install-system-deps.sh)');
  }
  await mkdir(o.dir, { recursive: true, mode: 0o700 });
  const child = spawn('redis-server', redisServerArgs(o), { stdio });
  const exited = new Promise<never>((_, rej) => child.once('exit', (code) =>
    rej(new MednecError('MEDNEC_QUEUE_UNAVAILABLE', `redis-server exited (code ${code}); see ${join(o.dir, 'redis.log')}`))));
  exited.catch(() => undefined);
  await Promise.race([waitForRedis(o.port, o.bind === '0.0.0.0' ? '127.0.0.1' : (o.bind ?? '127.0.0.1')), exited]);
  return child;
}
