/**
 * `mednec qa <dir>... [--recursive] [--json out.json|-] [--html out.html] [--min-f1 x] [--types a,b]
 *   [--write-baseline qa/baseline.json] [--baseline qa/baseline.json] [--no-ocr]`
 * Scores every note that has a gold file against it (CONTRACT.md "Gold annotations"). The table
 * goes to stdout (stderr when the JSON does); the JSON and HTML contain note text and are written
 * owner-only.
 */
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { InputError, MednecError } from '../../errors/index.ts';
import { defaultOcrEngine } from '../../ingest/ocr.ts';
import { buildBaseline, BaselineSchema, formatBaseline, compareToBaseline, describeGate } from '../../qa/baseline.ts';
import { renderHtml } from '../../qa/html.ts';
import { runQa } from '../../qa/run.ts';
import type { NoteResult } from '../../qa/score.ts';
import { renderTable } from '../../qa/table.ts';
import { REPO_ROOT } from '../../resources.ts';
import { opt, parseArgs } from '../args.ts';
import { err, out, writePrivate } from '../io.ts';

const USAGE = 'usage: mednec qa <dir>... [--recursive] [--json out.json|-] [--html out.html] [--min-f1 x] [--types a,b] [--write-baseline file] [--baseline file] [--no-ocr]';

/** Baseline keys: gold paths relative to the repository root, whatever the working directory. */
export function baselineKey(r: NoteResult): string {
  return relative(REPO_ROOT, resolve(r.goldPath)).split('\\').join('/');
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['json', 'html', 'min-f1', 'types', 'write-baseline', 'baseline'], booleans: ['no-ocr', 'help', 'recursive'] });
  if (a.positionals.length === 0) throw new MednecError('MEDNEC_USAGE', `qa needs a directory of notes with gold files; ${USAGE.replace('usage: ', '')}`);
  for (const p of a.positionals) {
    if (!(await stat(p).catch(() => null))) throw new InputError('MEDNEC_INPUT_MISSING', `${p}: no such file or directory`);
  }
  const minF1Raw = opt(a, 'min-f1');
  const minF1 = minF1Raw === undefined ? undefined : Number(minF1Raw);
  if (minF1 !== undefined && !(minF1 >= 0 && minF1 <= 1)) throw new MednecError('MEDNEC_USAGE', '--min-f1 must be a number between 0 and 1');
  const typesRaw = opt(a, 'types');
  const types = typesRaw ? new Set(typesRaw.split(',').map((t) => t.trim()).filter(Boolean)) : undefined;
  const writeBaseline = opt(a, 'write-baseline');
  if (writeBaseline && types) throw new MednecError('MEDNEC_USAGE', '--write-baseline scores every type; drop --types');
  const jsonOut = opt(a, 'json');
  const htmlOut = opt(a, 'html');

  const qa = await runQa(a.positionals, {
    types,
    recursive: a.flags.has('recursive'),
    ocr: a.flags.has('no-ocr') ? null : defaultOcrEngine(),
    onSkip: (g, why) => err(`qa: skipped ${g}: ${why}`),
    onProgress: process.stderr.isTTY ? (k, n) => process.stderr.write(`\rqa: ${k}/${n} notes`) : undefined,
  });
  if (process.stderr.isTTY && qa.results.length) process.stderr.write('\n');
  if (qa.results.length === 0) {
    // Scores over no notes would read as a pass (a regression gate over 0 notes gates nothing).
    const what = opt(a, 'baseline') ? 'the regression gate would compare 0 notes' : 'there is nothing to score';
    throw new InputError('MEDNEC_INPUT_EMPTY', `no notes with gold files (*.gold.json beside a note) in ${a.positionals.join(', ')}${a.flags.has('recursive') ? '' : ' (try --recursive)'}${qa.skipped.length ? `; ${qa.skipped.length} skipped` : ''}: ${what}`);
  }
  for (const r of qa.results) if (r.error) err(`qa: review failed for ${r.notePath}: ${r.error} (scored as nothing predicted)`);

  const table = renderTable(qa);
  if (jsonOut === '-') {
    err(table);
    await out(JSON.stringify(qa, null, 2) + '\n');
  } else {
    await out(table);
    if (jsonOut) { await writePrivate(jsonOut, JSON.stringify(qa, null, 2) + '\n'); err(`wrote ${jsonOut}`); }
  }
  if (htmlOut) { await writePrivate(htmlOut, renderHtml(qa)); err(`wrote ${htmlOut}`); }

  if (writeBaseline) {
    const dirs = a.positionals.map((d) => relative(REPO_ROOT, resolve(d)) || '.');
    const command = `mednec qa${a.flags.has('recursive') ? ' --recursive' : ''} --write-baseline ${relative(REPO_ROOT, resolve(writeBaseline))} ${dirs.join(' ')}`;
    const b = buildBaseline(qa.results, baselineKey, command, new Date().toISOString().slice(0, 10));
    await writePrivate(writeBaseline, formatBaseline(b));
    err(`wrote baseline ${writeBaseline} (${b.summary.notes} notes, facts F1 ${b.summary.overall.f1 ?? '—'})`);
  }
  let rc = 0;
  const baselinePath = opt(a, 'baseline');
  if (baselinePath) {
    const b = BaselineSchema.parse(JSON.parse(await readFile(baselinePath, 'utf8')));
    const gate = compareToBaseline(b, qa.results, baselineKey);
    if (gate.compared === 0) {
      throw new MednecError('MEDNEC_USAGE', `the regression gate compared 0 notes: none of the ${qa.results.length} scored notes is in ${baselinePath} unchanged (run qa on the directories the baseline was written from)`);
    }
    err(describeGate(gate));
    if (!gate.ok) rc = 1;
  }
  if (minF1 !== undefined) {
    const f1 = qa.summary.overall.f1;
    if (f1 === null || f1 < minF1) {
      throw new MednecError('MEDNEC_QA_BELOW_MIN', `overall facts F1 ${f1 === null ? 'n/a (no gold facts)' : f1.toFixed(4)} is below --min-f1 ${minF1}`);
    }
  }
  return rc;
}
