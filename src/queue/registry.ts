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

export class Registry {
  readonly key: string;
  readonly countsKey: string;
  constructor(private readonly redis: Redis, prefix: string) {
    this.key = `${prefix}:documents`;
    this.countsKey = `${prefix}:documents:counts`;
  }

  /** true if this call registered the id (first time seen), false if it was already known. */
  async claim(id: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.key, id, 'queued')) === 1;
  }

  async state(id: string): Promise<DocState | null> {
    return (await this.redis.hget(this.key, id)) as DocState | null;
  }

  async mark(id: string, state: 'done' | 'failed'): Promise<boolean> {
    return (await this.redis.eval(MARK, 2, this.key, this.countsKey, id, state)) === 1;
  }

  /** Documents known, done and failed (pending = total - done - failed). */
  async counts(): Promise<{ total: number; done: number; failed: number }> {
    const [total, c] = await Promise.all([this.redis.hlen(this.key), this.redis.hgetall(this.countsKey)]);
    return { total, done: Number(c.done ?? 0), failed: Number(c.failed ?? 0) };
  }
}
