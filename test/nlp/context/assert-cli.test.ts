import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, loadResources } from '../../../src/resources.ts';
import { assertLine } from '../../../src/cli/commands/assert.ts';
const res = loadResources();

describe('mednec assert', () => {
  test('finds the target case-insensitively with white space folded', () => {
    expect(assertLine(res, JSON.stringify({ text: 'Patient DENIES radiating\n  symptoms.', target: 'Radiating symptoms' }))).toEqual({
      assertion: 'absent', experiencer: 'patient', historical: false, trigger: 'DENIES', rule: 'ctx.neg.denies',
    });
  });
  test.each([
    ['not JSON', 'nope'],
    ['a missing target', JSON.stringify({ text: 'x' })],
    ['a target not in the text', JSON.stringify({ text: 'No fever.', target: 'chills' })],
  ])('answers {"error"} for %s', (_n, line) => {
    expect(Object.keys(assertLine(res, line))).toEqual(['error']);
  });
  test('the command prints one JSON line per input line, in order, and nothing else', () => {
    const input = [
      { text: 'Her mother had a lumbar fusion.', target: 'lumbar fusion' },
      { text: 'broken', target: 'x' },
      { text: 'If positive, will proceed to RFA.', target: 'rfa' },
    ].map((o) => JSON.stringify(o)).join('\n').replace('{"text":"broken","target":"x"}', '{bad json');
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/mednec.js'), 'assert'], { input: input + '\n', encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ experiencer: 'other', assertion: 'present' });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toMatchObject({ assertion: 'hypothetical' });
  });
});
