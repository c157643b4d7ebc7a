/**
 * Test harness: a real redis-server (Debian's) on a free loopback port in a temp dir, started with
 * mednec's production settings (AOF everysec, noeviction) — never a mock. Missing redis-server is
 * a loud failure (CI installs it via scripts/install-system-deps.sh) unless MEDNEC_SKIP_REDIS=1,
 * which skips the queue suites with a visible warning.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';
import { loadQueueConfig, type QueueConfig } from '../../src/queue/config.ts';
import { freePort, redisServerAvailable, spawnRedisServer } from '../../src/queue/redis-server.ts';

export const REPO = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

const SKIP = process.env.MEDNEC_SKIP_REDIS === '1';
if (SKIP) console.warn('[queue tests] MEDNEC_SKIP_REDIS=1: the Redis-backed queue suites are SKIPPED');
else if (!redisServerAvailable()) {
  throw new Error('redis-server is not installed: the queue tests need it (run scripts/install-system-deps.sh, '
    + 'or set MEDNEC_SKIP_REDIS=1 to skip them visibly)');
}

/** `describe` for suites that need redis-server; skipped (visibly) only with MEDNEC_SKIP_REDIS=1. */
export const describeRedis = SKIP ? describe.skip : describe;

export class TestRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number, readonly dir: string, readonly password?: string) {}

  get url(): string { return `redis://${this.password ? `:${encodeURIComponent(this.password)}@` : ''}127.0.0.1:${this.port}`; }

  static async start(opts: { password?: string } = {}): Promise<TestRedis> {
    const dir = await mkdtemp(join(tmpdir(), 'mednec-redis-'));
    const r = new TestRedis(await freePort(), dir, opts.password);
    await r.launch();
    return r;
  }

  private async launch(): Promise<void> {
    const extra: Record<string, string> = { save: '' };
    if (this.password) extra.requirepass = this.password;
    this.child = await spawnRedisServer({ port: this.port, dir: this.dir, extra });
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(sig);
    await exited;
    this.child = null;
  }

  /** Crash: no shutdown save, no AOF flush beyond what `appendfsync everysec` already wrote. */
  kill9(): Promise<void> { return this.signal('SIGKILL'); }

  /** Start again on the same port and data dir (replays the AOF). */
  restart(): Promise<void> { return this.launch(); }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Short lock/stall/backoff timings so recovery happens in seconds, not minutes. */
export function testEnv(redis: TestRedis, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redis.url,
    MEDNEC_DATA_DIR: dataDir,
    MEDNEC_LOCK_MS: '1000',
    MEDNEC_STALLED_MS: '1000',
    MEDNEC_BACKOFF_MS: '100',
    MEDNEC_ATTEMPTS: '3',
    MEDNEC_SHUTDOWN_MS: '15000',
    DOTENV_CONFIG_QUIET: 'true',
    ...extra,
  };
}

export function testConfig(redis: TestRedis, dataDir: string, extra: Record<string, string> = {}): QueueConfig {
  return loadQueueConfig({ ...testEnv(redis, dataDir, extra) });
}

const created: string[] = [];

/** A private temp dir (note text is written there), removed by `removeTempDirs()`. */
export async function tempDir(tag: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), `mednec-q${tag}-`));
  created.push(d);
  return d;
}

export async function removeTempDirs(): Promise<void> {
  for (const d of created.splice(0)) await rm(d, { recursive: true, force: true });
}

/** A `mednec <args>` child process with its stderr collected. */
export class MednecProcess {
  readonly child: ChildProcess;
  stderr = '';
  stdout = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [join(REPO, 'bin/mednec.js'), ...args], {
      cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr!.on('data', (d) => { this.stderr += d.toString(); });
    this.child.stdout!.on('data', (d) => { this.stdout += d.toString(); });
    this.exited = new Promise((r) => this.child.once('exit', (code, signal) => r({ code, signal })));
  }

  get pid(): number { return this.child.pid!; }

  /** Pids of this process's children (the sandboxed stage processes), from /proc. */
  childPids(): number[] {
    try {
      return readdirSync(`/proc/${this.pid}/task`).flatMap((t) =>
        readFileSync(`/proc/${this.pid}/task/${t}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  }

  async waitFor(re: RegExp, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!re.test(this.stderr)) {
      if (this.child.exitCode !== null) throw new Error(`process exited before ${re}: ${this.stderr}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; stderr so far:\n${this.stderr}`);
      await sleep(50);
    }
  }

  /** Ends the process if it is still running (tests clean up after themselves). */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` until it returns a truthy value. */
export async function until<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** A fixture note made unique (different sha256) by an appended line. */
export async function noteVariant(fixture: string, n: number): Promise<Buffer> {
  const text = await readFile(join(FIXTURES, fixture), 'utf8');
  return Buffer.from(`${text}\nElectronically signed, copy ${n}.\n`);
}
