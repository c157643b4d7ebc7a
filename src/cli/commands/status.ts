/**
 * `mednec status [--stages]`: document counts per state, one "state count" per line
 * (waiting, active, completed, failed). `--stages` adds "<stage> <state> <count>" lines with the
 * BullMQ job counts of each stage queue.
 */
import { QueueClient } from '../../queue/client.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { booleans: ['help', 'stages'] });
  if (a.flags.has('help') || a.positionals.length > 0) {
    err('usage: mednec status [--stages]');
    return a.flags.has('help') ? 0 : 64;
  }
  const client = await QueueClient.connect(loadQueueConfig());
  try {
    const c = await client.counts();
    const lines = [`waiting ${c.waiting}`, `active ${c.active}`, `completed ${c.completed}`, `failed ${c.failed}`];
    if (a.flags.has('stages')) {
      for (const [stage, counts] of Object.entries(await client.stageCounts())) {
        for (const [state, n] of Object.entries(counts)) lines.push(`${stage} ${state} ${n}`);
      }
    }
    await out(lines.join('\n') + '\n');
  } finally {
    await client.close();
  }
  return 0;
}
