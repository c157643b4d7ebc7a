/**
 * The document registry in Redis: one hash field per document id → "queued" | "done" | "failed",
 * plus per-state counters. It is the dedupe marker (HSETNX), so "the same fax enqueued twice is
 * reviewed once" holds after BullMQ has removed the finished jobs (removeOnComplete/removeOnFail).
 * Holds ids only — never names or text. Keys carry the queue prefix's hash tag (same cluster slot).
 */
import type { Redis } from 'ioredis';

export type DocState = 'queued' | 'done' | 'failed';

// KEYS[1] registry hash, KEYS[2] counters hash; ARGV[1] id, ARGV[2] new state.
// A document that is done never becomes failed (a late failure of a duplicate run is ignored).
const MARK = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old == ARGV[2] then return 0 end
if old == 'done' and ARGV[2] == 'failed' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
if old == 'done' or old == 'failed' then redis.call('HINCRBY', KEYS[2], old, -1) end
return 1`;

// MARK, and only when it marked: HINCRBY / HINCRBYFLOAT / SADD on KEYS[3..] (metrics) — one round
// trip for the registry and every metric of a finished document. ARGV[3] = number of ops, then
// per op: command, field, value (KEYS[2 + i] is op i's key).
const MARK_WITH = MARK.replace('return 1', `
local n = tonumber(ARGV[3])
for i = 1, n do
  local cmd, field, v = ARGV[1 + 3 * i], ARGV[2 + 3 * i], ARGV[3 + 3 * i]
  if cmd == 'SADD' then redis.call('SADD', KEYS[2 + i], field) else redis.call(cmd, KEYS[2 + i], field, v) end
end
return 1`);

export type MetricOp = ['HINCRBY' | 'HINCRBYFLOAT' | 'SADD', string, string, string | number];

// KEYS[1] registry hash, KEYS[2] counters hash; ARGV[1] id. failed -> queued (a retry); 1 if it moved.
const REQUEUE = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old ~= 'failed' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], 'queued')
redis.call('HINCRBY', KEYS[2], 'failed', -1)
return 1`;

// KEYS[1] registry hash, KEYS[2] the id's adding lease; ARGV[1] id, ARGV[2] lease ms. Registers the
// id and takes the lease in one step: 1 if this call registered it.
const CLAIM = `
if redis.call('HSETNX', KEYS[1], ARGV[1], 'queued') == 0 then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return 1`;

/** How long a producer may take to add a document's flow before another may take it over. */
export const ADDING_LEASE_MS = 60_000;

export class Registry {
  readonly key: string;
  readonly countsKey: string;
  constructor(private readonly redis: Redis, prefix: string) {
    this.key = `${prefix}:documents`;
    this.countsKey = `${prefix}:documents:counts`;
  }

  /**
   * true if this call registered the id (first time seen), false if it was already known. The
   * caller also holds the id's adding lease: it adds the flow, then `release`s it.
   */
  async claim(id: string, leaseMs = ADDING_LEASE_MS): Promise<boolean> {
    return (await this.redis.eval(CLAIM, 2, this.key, this.leaseKey(id), id, String(leaseMs))) === 1;
  }

  /**
   * The adding lease of a registered id whose flow is missing: true if no producer holds it (the
   * one that registered it finished, failed or died more than the lease ago), and now this one does.
   */
  async lease(id: string, leaseMs = ADDING_LEASE_MS): Promise<boolean> {
    return (await this.redis.set(this.leaseKey(id), '1', 'PX', leaseMs, 'NX')) === 'OK';
  }

  async release(id: string): Promise<void> {
    await this.redis.del(this.leaseKey(id));
  }

  private leaseKey(id: string): string { return `${this.key}:adding:${id}`; }

  async state(id: string): Promise<DocState | null> {
    return (await this.redis.hget(this.key, id)) as DocState | null;
  }

  async mark(id: string, state: 'done' | 'failed'): Promise<boolean> {
    return (await this.redis.eval(MARK, 2, this.key, this.countsKey, id, state)) === 1;
  }

  /** `mark`, plus metric updates applied in the same script only if the document changed state. */
  async markWith(id: string, state: 'done' | 'failed', ops: MetricOp[]): Promise<boolean> {
    const keys = [this.key, this.countsKey, ...ops.map((o) => o[1])];
    const args = [id, state, String(ops.length), ...ops.flatMap((o) => [o[0], o[2], String(o[3])])];
    return (await this.redis.eval(MARK_WITH, keys.length, ...keys, ...args)) === 1;
  }

  /** A failed document goes back to queued (`mednec retry`); false if it was not failed. */
  async requeue(id: string): Promise<boolean> {
    return (await this.redis.eval(REQUEUE, 2, this.key, this.countsKey, id)) === 1;
  }

  /** Ids in a state, for `mednec retry --failed` (HSCAN: no blocking on a large registry). */
  async idsIn(state: DocState): Promise<string[]> {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, kv] = await this.redis.hscan(this.key, cursor, 'COUNT', 1000);
      for (let i = 0; i + 1 < kv.length; i += 2) if (kv[i + 1] === state) out.push(kv[i]!);
      cursor = next;
    } while (cursor !== '0');
    return out.sort();
  }

  /** Every registered id with its state (HSCAN). */
  async all(): Promise<Map<string, DocState>> {
    const out = new Map<string, DocState>();
    let cursor = '0';
    do {
      const [next, kv] = await this.redis.hscan(this.key, cursor, 'COUNT', 1000);
      for (let i = 0; i + 1 < kv.length; i += 2) out.set(kv[i]!, kv[i + 1] as DocState);
      cursor = next;
    } while (cursor !== '0');
    return out;
  }

  /** Documents known, done and failed (pending = total - done - failed). */
  async counts(): Promise<{ total: number; done: number; failed: number }> {
    const [total, c] = await Promise.all([this.redis.hlen(this.key), this.redis.hgetall(this.countsKey)]);
    return { total, done: Number(c.done ?? 0), failed: Number(c.failed ?? 0) };
  }
}
