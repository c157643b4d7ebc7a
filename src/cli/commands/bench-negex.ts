/**
 * `mednec bench-negex [--json] [--errors] [--file path]`: the NegEx peer benchmark (src/qa/negex.ts).
 */
import { existsSync } from 'node:fs';
import { InputError } from '../../errors/index.ts';
import { loadResources } from '../../resources.ts';
import { formatNegexReport, loadNegex, measureSpeed, negexPath, runNegexBench } from '../../qa/negex.ts';
import { opt, parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['file'], booleans: ['json', 'errors', 'help'] });
  if (a.flags.has('help')) {
    err('usage: mednec bench-negex [--json] [--errors] [--file rsAnnotations-1-120-random.txt]');
    return 0;
  }
  const file = opt(a, 'file') ?? negexPath();
  if (!existsSync(file)) throw new InputError('MEDNEC_INPUT_MISSING', `NegEx test set not found: ${file} (set MEDNEC_SHARED_DIR)`);
  const raw = loadNegex(file);
  const res = loadResources();
  const report = runNegexBench(res, raw, { errors: a.flags.has('errors') });
  report.speed = measureSpeed(res, raw);
  await out(a.flags.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatNegexReport(report) + '\n');
  return 0;
}
