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

/** How long a command waits for Redis at start-up before it gives up with one clear line. */
export const CONNECT_TIMEOUT_MS = 1_500;

// The last connection error of each client before it first became ready (for ensureReachable's message).
const startupError = new WeakMap<Redis, string>();

export function createRedis(cfg: QueueConfig, role: ConnectionRole, onError?: (e: Error) => void): Redis {
  const opts: RedisOptions = role === 'service'
    ? { maxRetriesPerRequest: null, retryStrategy: serviceRetry, connectTimeout: CONNECT_TIMEOUT_MS, disconnectTimeout: 500 }
    // disconnectTimeout: ioredis otherwise keeps a one-shot command alive 2 s after giving up.
    : { maxRetriesPerRequest: 1, connectTimeout: CONNECT_TIMEOUT_MS, disconnectTimeout: 200, retryStrategy: (times) => (times > 2 ? null : 200) };
  const redis = new Redis(cfg.redisUrl, { ...opts, lazyConnect: false });
  let ready = false;
  redis.once('ready', () => { ready = true; });
  let last = '';
  redis.on('error', (e: Error) => {
    // Until the first connection, ensureReachable reports the failure (one line); after it, one
    // line per distinct error, never the URL's credentials (ioredis messages carry host:port only).
    if (!ready) { startupError.set(redis, e.message.split('\n')[0]!); return; }
    if (e.message !== last) { last = e.message; onError?.(e); }
  });
  return redis;
}

/**
 * Resolves once Redis answers PING; otherwise, within `timeoutMs`, a coded one-line error naming
 * REDIS_URL, the (redacted) address and the connection error (refused, timeout, auth, DNS).
 */
export async function ensureReachable(redis: Redis, cfg: QueueConfig, timeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onError: ((e: Error) => void) | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs); }),
      // Refused, DNS, TLS or auth: no need to wait out the timeout (services reconnect later, not at start).
      new Promise((_, rej) => { onError = rej; redis.once('error', onError); }),
    ]);
  } catch (e) {
    const why = startupError.get(redis) ?? (e instanceof Error ? e.message.split('\n')[0] : String(e));
    throw new MednecError('MEDNEC_QUEUE_UNAVAILABLE', `cannot reach Redis at REDIS_URL=${redactRedisUrl(cfg.redisUrl)}: ${why}`, { cause: e });
  } finally {
    clearTimeout(timer);
    if (onError) redis.off('error', onError);
  }
}
