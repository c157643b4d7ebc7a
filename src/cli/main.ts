/**
 * mednec command line. Each command lives in its own module under ./commands and returns an exit
 * code. Errors map to one stderr line and an exit code here, and only here.
 */
import { MednecError } from '../errors/index.ts';
import { err, out } from './io.ts';
import { HelpRequested, helpFor } from './args.ts';
import { policyHelp } from './policies.ts';
import { VERSION } from '../version.ts';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  schema: { summary: 'schema [--out file]   JSON Schema of the review output', load: async () => (await import('./commands/schema.ts')).run },
  assert: { summary: 'assert < jsonl   (assertion of {"text","target"} per line)', load: async () => (await import('./commands/assert.ts')).run },
  'bench-negex': { summary: 'bench-negex [--json] [--errors]   (ConText engine on the NegEx test set)', load: async () => (await import('./commands/bench-negex.ts')).run },
  review: { summary: 'review <file|dir|->... [--policy id]... [--format json|jsonl|md|html|fhir] [--out dir]', load: async () => (await import('./commands/review.ts')).run },
  bench: { summary: 'bench [dir|file.txt]... [--reps n] [--warmup n] [--compromise-reps n] [--no-compromise] [--json]   throughput of the in-process pipeline', load: async () => (await import('./commands/bench.ts')).run },
  qa: { summary: 'qa <dir>... [--recursive] [--json out.json|-] [--html out.html] [--min-f1 x] [--types a,b] [--write-baseline file] [--baseline file] [--forms pdf,fax-std,fax-fine] [--allow-missing] | qa --agreement <dirA> <dirB>', load: async () => (await import('./commands/qa.ts')).run },
  worker: { summary: 'worker [--concurrency n]', load: async () => (await import('./commands/worker.ts')).run },
  enqueue: { summary: 'enqueue <file>...', load: async () => (await import('./commands/enqueue.ts')).run },
  watch: { summary: 'watch <inbox-dir>', load: async () => (await import('./commands/watch.ts')).run },
  retry: { summary: 'retry <document id>... | --failed [--code CODE]   run failed documents again', load: async () => (await import('./commands/retry.ts')).run },
  result: { summary: 'result <id | id prefix | file name> [--format json|md|html]', load: async () => (await import('./commands/result.ts')).run },
  list: { summary: 'list [--since 1h] [--state queued|done|failed] [--limit n] [--json]   recent documents', load: async () => (await import('./commands/list.ts')).run },
  status: { summary: 'status [--stages]', load: async () => (await import('./commands/status.ts')).run },
  dashboard: { summary: 'dashboard [--port n] [--host h] [--allow-write]', load: async () => (await import('./commands/dashboard.ts')).run },
  redis: { summary: 'redis [--port n] [--dir d]', load: async () => (await import('./commands/redis.ts')).run },
};

export function usage(): string {
  return ['usage: mednec <command> [options]', '', 'commands:',
    ...Object.entries(COMMANDS).map(([, c]) => `  mednec ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) { err(usage()); return 64; }
  if (name === '--help' || name === '-h' || name === 'help') {
    const sub = rest[0] && COMMANDS[rest[0]];
    if (sub) return main([rest[0]!, '--help']);
    await out(usage() + '\n\nmednec <command> --help shows a command\'s options.\n');
    return 0;
  }
  if (name === '--version' || name === '-v') { await out(`mednec ${VERSION} (output contract v1)\n`); return 0; }
  const cmd = COMMANDS[name];
  if (!cmd) { err(`mednec: unknown command "${name}"; run mednec --help for the list`); return 64; }
  try {
    return await (await cmd.load())(rest);
  } catch (e) {
    if (e instanceof HelpRequested) {
      const extra = [...(e.spec.values ?? []), ...(e.spec.booleans ?? [])].includes('policy') ? policyHelp() : [];
      await out(helpFor(cmd.summary, e.spec, extra));
      return 0;
    }
    return reportError(e);
  }
}

export function reportError(e: unknown): number {
  if (e instanceof MednecError) {
    err(`mednec: ${e.message} [${e.code}]`);
    return e.exitCode;
  }
  // Internal error: one line, no note text (PHI); the stack only with MEDNEC_DEBUG.
  const msg = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
  err(`mednec: internal error: ${msg.slice(0, 300)} [MEDNEC_INTERNAL]`);
  if (process.env.MEDNEC_DEBUG && e instanceof Error && e.stack) err(e.stack);
  return 1;
}
