/** Each command-line mistake: one clear stderr line, nothing on stdout, a documented exit code. */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../src/resources.ts';
import { parseArgs, HelpRequested } from '../../src/cli/args.ts';
import { barLine, formatDuration } from '../../src/cli/progress.ts';
import { summaryLine } from '../../src/cli/commands/review.ts';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'bin', 'mednec.js');

async function mednec(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = run(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MEDNEC_DEBUG: '' } });
  if (input !== undefined) { p.child.stdin!.write(input); p.child.stdin!.end(); }
  try {
    const { stdout, stderr } = await p;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

const NOTE = 'PAIN NOTE\nHPI: 58-year-old female with low back pain for 2 years.\nPLAN: Bilateral L4-5 medial branch blocks.\n';
const tmp = () => mkdtempSync(join(tmpdir(), 'mednec-mistake-'));

describe('parseArgs (util.parseArgs underneath, same shape as before)', () => {
  test('values repeat, booleans are flags, positionals and - stay, -- ends options', () => {
    const a = parseArgs(['x', '--policy', 'odg', '--policy=cms-lcd-facet', '--no-ocr', '-', '--', '--literal'], { values: ['policy'], booleans: ['no-ocr', 'help'] });
    expect(a.positionals).toEqual(['x', '-', '--literal']);
    expect(a.options.get('policy')).toEqual(['odg', 'cms-lcd-facet']);
    expect([...a.flags]).toEqual(['no-ocr']);
  });
  test('an unknown or mis-cased option is refused with a suggestion', () => {
    expect(() => parseArgs(['--Format', 'json'], { values: ['format'] })).toThrow(/unknown option --Format \(did you mean --format\?\)/);
  });
  test('a value option without its value is refused', () => {
    expect(() => parseArgs(['--format'], { values: ['format'] })).toThrow(/--format needs a value/);
    expect(() => parseArgs(['--format', '--out', 'd'], { values: ['format', 'out'] })).toThrow(/--format needs a value/);
  });
  test('- is a value (qa --json - prints to stdout); a dash-led value must be written with =', () => {
    expect(parseArgs(['d', '--json', '-'], { values: ['json'] }).options.get('json')).toEqual(['-']);
    expect(() => parseArgs(['--min-f1', '-1'], { values: ['min-f1'] })).toThrow(/--min-f1: a value starting with a dash is written --min-f1=<value>/);
    expect(parseArgs(['--min-f1=-1'], { values: ['min-f1'] }).options.get('min-f1')).toEqual(['-1']);
  });

  test('--help and -h ask for help', () => {
    expect(() => parseArgs(['-h'], { booleans: ['help'] })).toThrow(HelpRequested);
    expect(() => parseArgs(['--help'], {})).toThrow(HelpRequested);
  });
});

describe('mednec command-line mistakes', () => {
  test('an unknown --policy id: exit 64, the valid ids listed', async () => {
    const d = tmp(); writeFileSync(join(d, 'n.txt'), NOTE);
    const r = await mednec(['review', join(d, 'n.txt'), '--policy', 'aetna']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toMatch(/unknown --policy "aetna".*valid ids: aetna-cpb-0016, cms-lcd-esi, cms-lcd-facet, odg/);
  });
  test('a mis-cased --policy id: exit 64, the right spelling suggested', async () => {
    const d = tmp(); writeFileSync(join(d, 'n.txt'), NOTE);
    const r = await mednec(['review', join(d, 'n.txt'), '--policy', 'CMS-LCD-Facet']);
    expect(r.code).toBe(64);
    expect(oneLine(r.stderr)).toMatch(/case-sensitive: did you mean cms-lcd-facet\?/);
  });
  test('a mis-cased option: exit 64', async () => {
    const r = await mednec(['review', 'x.txt', '--Format', 'json']);
    expect(r.code).toBe(64);
    expect(oneLine(r.stderr)).toMatch(/unknown option --Format \(did you mean --format\?\)/);
  });
  test('an unknown --format: exit 64', async () => {
    const d = tmp(); writeFileSync(join(d, 'n.txt'), NOTE);
    const r = await mednec(['review', join(d, 'n.txt'), '--format', 'pdf']);
    expect(r.code).toBe(64);
    expect(oneLine(r.stderr)).toMatch(/--format must be one of json, jsonl, md, html, fhir/);
  });
  test('qa on a missing path: exit 2', async () => {
    const r = await mednec(['qa', join(tmp(), 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toMatch(/nope: no such file or directory \[MEDNEC_INPUT_MISSING\]/);
  });
  test('qa on a directory with no notes: exit 2', async () => {
    const r = await mednec(['qa', tmp()]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/no notes with gold files .*nothing to score \[MEDNEC_INPUT_EMPTY\]/);
  });
  test('review of a directory with no notes: exit 2', async () => {
    const d = tmp(); writeFileSync(join(d, 'x.json'), '{}');
    const r = await mednec(['review', d]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/the directory holds no notes .*\[MEDNEC_INPUT_EMPTY\]/);
  });
  test('a regression gate over 0 notes (empty directory): exit 2', async () => {
    const r = await mednec(['qa', tmp(), '--baseline', 'qa/baseline.json']);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/regression gate would compare 0 notes/);
  });
  test('a regression gate over 0 notes (none in the baseline): exit 64', async () => {
    const d = tmp(); mkdirSync(join(d, 'notes'));
    copyFileSync(join(REPO_ROOT, 'samples', 'pa-esi-axial-only.txt'), join(d, 'notes', 'pa-esi-axial-only.txt'));
    copyFileSync(join(REPO_ROOT, 'samples', 'pa-esi-axial-only.gold.json'), join(d, 'notes', 'pa-esi-axial-only.gold.json'));
    const r = await mednec(['qa', join(d, 'notes'), '--baseline', 'qa/baseline.json']);
    expect(r.code).toBe(64);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/regression gate compared 0 notes/);
  }, 60_000);
  test('an unknown command: exit 64', async () => {
    const r = await mednec(['reveiw', 'x']);
    expect(r.code).toBe(64);
    expect(oneLine(r.stderr)).toMatch(/unknown command "reveiw"/);
  });
  test('review without input: exit 64', async () => {
    const r = await mednec(['review']);
    expect(r.code).toBe(64);
    expect(oneLine(r.stderr)).toMatch(/review needs a note file/);
  });
});

describe('mednec help, version and stdin', () => {
  test('review --help: on stdout, every option and every policy id, exit 0', async () => {
    const r = await mednec(['review', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const o of ['--policy', '--format', '--out', '--no-ocr', '--help']) expect(r.stdout).toContain(o);
    for (const id of ['aetna-cpb-0016', 'cms-lcd-esi', 'cms-lcd-facet', 'odg']) expect(r.stdout).toContain(id);
  });
  test.each(['qa', 'bench', 'schema', 'status', 'worker', 'retry', 'result', 'dashboard'])('%s -h: usage and options on stdout', async (cmd) => {
    const r = await mednec([cmd, '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: mednec ${cmd}`));
    expect(r.stdout).toContain('-h, --help');
  });
  test('mednec --help lists the commands on stdout', async () => {
    const r = await mednec(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mednec review/);
  });
  test.each([['--version'], ['-v']])('%s prints the version on stdout', async (flag) => {
    const r = await mednec([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^mednec \d+\.\d+\.\d+/);
  });
  test('review - reads the note from stdin', async () => {
    const r = await mednec(['review', '-'], NOTE);
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout);
    expect(review.document.name).toBe('stdin');
    expect(review.facts.some((f: { type: string }) => f.type === 'requested_procedure')).toBe(true);
  });
});

describe('batch progress', () => {
  test('bar line with ETA', () => {
    expect(barLine(5, 20, 10_000, 'a.txt', 20)).toBe('[#####---------------] 5/20  25%  ETA 30s  a.txt');
    expect(barLine(20, 20, 65_000, 'z.txt', 4)).toMatch(/took 1m05s/);
    expect(formatDuration(3_400)).toBe('3.4s');
  });
  test('summary line', () => {
    expect(summaryLine(new Map([['meets', 2], ['insufficient_documentation', 5]]), 1, 8, 12_000))
      .toBe('reviewed 7 of 8 documents in 12s: 5 insufficient documentation, 2 meet criteria; 1 failure');
  });
  test.skipIf(!existsSync('/usr/bin/script'))('on a terminal: a progress bar with ETA redrawn in place, then the summary', async () => {
    const d = tmp(); mkdirSync(join(d, 'in'));
    writeFileSync(join(d, 'in', 'a.txt'), NOTE);
    writeFileSync(join(d, 'in', 'b.txt'), NOTE);
    // util-linux `script` gives the command a pseudo-terminal; stdout (the JSON lines) goes to a file.
    const cmd = `stty cols 120; '${process.execPath}' '${BIN}' review '${join(d, 'in')}' --format jsonl > '${join(d, 'out.jsonl')}'`;
    const { stdout } = await run('/usr/bin/script', ['-qc', cmd, '/dev/null'], { cwd: REPO_ROOT });
    expect(stdout).toMatch(/\r\[#+-*\] 1\/2  50%  ETA [\d.]+s  a\.txt/);
    expect(stdout).toMatch(/\r\[#{24}\] 2\/2 100%  took [\d.]+s  b\.txt/);
    expect(stdout).toMatch(/reviewed 2 of 2 documents in [\d.]+s: 2 .*; 0 failures/);
    expect(readFileSync(join(d, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  test('review <dir> --format jsonl --out: a line per note, a summary, JSON and HTML per document', async () => {
    const d = tmp(); mkdirSync(join(d, 'in'));
    writeFileSync(join(d, 'in', 'a.txt'), NOTE);
    writeFileSync(join(d, 'in', 'b.txt'), '');
    const r = await mednec(['review', join(d, 'in'), '--format', 'jsonl', '--out', join(d, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/\[1\/2\] a\.txt\n\[2\/2\] b\.txt \(failed\)\n/);
    expect(r.stderr).toMatch(/reviewed 1 of 2 documents in [\d.]+s: 1 .*; 1 failure/);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(join(d, 'out')).sort()).toEqual(['a.txt.review.html', 'a.txt.review.json']);
  });
});
