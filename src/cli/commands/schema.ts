/**
 * `mednec schema [--out file]`: the JSON Schema of the review output, generated from the zod
 * schemas (contract: "The repository keeps a JSON Schema of this output"). Without --out it goes
 * to stdout; `--out schema/review.schema.json` refreshes the committed copy.
 */
import { reviewJsonSchema } from '../../criteria/review-schema.ts';
import { parseArgs, opt } from '../args.ts';
import { err, out, writePrivate } from '../io.ts';

export function renderSchema(): string {
  return JSON.stringify(reviewJsonSchema(), null, 2) + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['out'], booleans: ['help'] });
  if (a.flags.has('help')) { err('usage: mednec schema [--out file]'); return 0; }
  const text = renderSchema();
  const path = opt(a, 'out');
  if (path) { await writePrivate(path, text); err(`wrote ${path}`); } else await out(text);
  return 0;
}
