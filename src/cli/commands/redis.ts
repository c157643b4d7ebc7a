/**
 * `mednec redis [--port 6379] [--dir ./.mednec-redis] [--bind 127.0.0.1] [--maxmemory 2gb]
 * [--print-args]`: runs Debian's redis-server in the foreground with mednec's production
 * settings (AOF appendfsync everysec, maxmemory-policy noeviction). Stops with it on SIGTERM/SIGINT.
 */
import { resolve } from 'node:path';
import { MednecError } from '../../errors/index.ts';
import { redisServerArgs, spawnRedisServer, type RedisServerOptions } from '../../queue/redis-server.ts';
import { opt, parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['port', 'dir', 'bind', 'maxmemory'], booleans: ['help', 'print-args'] });
  if (a.flags.has('help') || a.positionals.length > 0) {
    err('usage: mednec redis [--port 6379] [--dir ./.mednec-redis] [--bind 127.0.0.1] [--maxmemory 2gb] [--print-args]');
    return a.flags.has('help') ? 0 : 64;
  }
  const port = Number(opt(a, 'port') ?? 6379);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new MednecError('MEDNEC_USAGE', '--port must be 1..65535');
  const o: RedisServerOptions = {
    port,
    dir: resolve(opt(a, 'dir') ?? process.env.MEDNEC_REDIS_DIR ?? '.mednec-redis'),
    bind: opt(a, 'bind') ?? '127.0.0.1',
    maxmemory: opt(a, 'maxmemory'),
  };
  if (a.flags.has('print-args')) { await out(['redis-server', ...redisServerArgs(o)].join(' ') + '\n'); return 0; }
  const child = await spawnRedisServer(o, 'inherit');
  err(`redis: listening on ${o.bind}:${port}, data in ${o.dir} (AOF everysec, noeviction); REDIS_URL=redis://${o.bind === '0.0.0.0' ? '127.0.0.1' : o.bind}:${port}`);
  const stop = () => child.kill('SIGTERM'); // redis-server flushes the AOF and exits
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const code = await new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
  return code ?? 0;
}
