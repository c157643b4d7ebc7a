/**
 * Redis connections. `REDIS_URL` carries everything (user, password, db, `rediss://` for TLS);
 * ioredis parses it. Long-running processes (workers, the inbox watcher, the dashboard) reconnect
 * forever with capped backoff; one-shot commands fail fast with MEDNEC_QUEUE_UNAVAILABLE.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { MednecError } from '../errors/index.ts';
import { redactRedisUrl, type QueueConfig } from './config.ts';

export type ConnectionRole = 'service' | 'cli';

/** BullMQ's recommended reconnect curve: 1 s floor, exponential, 20 s cap. */
function serviceRetry(times: number): number {
  return Math.max(Math.min(Math.exp(times), 20_000), 1_000);
}

export function createRedis(cfg: QueueConfig, role: ConnectionRole, onError?: (e: Error) => void): Redis {
  const opts: RedisOptions = role === 'service'
    ? { maxRetriesPerRequest: null, retryStrategy: serviceRetry }
    : { maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: (times) => (times > 2 ? null : 200) };
  const redis = new Redis(cfg.redisUrl, { ...opts, lazyConnect: false });
  let last = '';
  redis.on('error', (e: Error) => {
    // One line per distinct error, never the URL's credentials (ioredis messages carry host:port only).
    if (e.message !== last) { last = e.message; onError?.(e); }
  });
  return redis;
}

/** Resolves once Redis answers PING; otherwise a coded error naming the (redacted) address. */
export async function ensureReachable(redis: Redis, cfg: QueueConfig, timeoutMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs); }),
    ]);
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new MednecError('MEDNEC_QUEUE_UNAVAILABLE', `cannot reach Redis at ${redactRedisUrl(cfg.redisUrl)} (set REDIS_URL): ${why}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}
