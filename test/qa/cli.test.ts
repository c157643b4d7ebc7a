import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../src/resources.ts';

const BIN = join(REPO_ROOT, 'bin', 'mednec.js');

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mednec-qa-cli-'));
  writeFileSync(join(dir, 'n1.txt'), 'Low back pain for 8 months. Denies leg pain.\n');
  // An attribute no extractor produces, so the note is a guaranteed miss whatever the pipeline does.
  writeFileSync(join(dir, 'n1.gold.json'), JSON.stringify({ schemaVersion: '1', factTypes: ['axial_pain'],
    facts: [{ type: 'axial_pain', assertion: 'present', attributes: { qaFixtureOnly: 'never predicted' } }] }));
  writeFileSync(join(dir, 'orphan.gold.json'), JSON.stringify({ schemaVersion: '1', factTypes: [], facts: [] }));
  return dir;
}

const mednec = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: REPO_ROOT, env: { ...process.env, MEDNEC_SHARED_DIR: '/nonexistent' } });

describe('mednec qa command', () => {
  test('prints the table, writes owner-only JSON and HTML, and exits 1 with one line when --min-f1 is not met', () => {
    const dir = corpus();
    const r = mednec(['qa', dir, '--json', join(dir, 'out.json'), '--html', join(dir, 'out.html'), '--min-f1', '0.5', '--no-ocr']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Facts \(exact match\)/);
    expect(r.stdout).toMatch(/axial_pain\s+1\s+\d+\s+0\s+\d+\s+1/);
    const last = r.stderr.trim().split('\n').filter((l) => l.startsWith('mednec:'));
    expect(last).toEqual([expect.stringMatching(/^mednec: overall facts F1 0\.0000 is below --min-f1 0\.5 \[MEDNEC_QA_BELOW_MIN\]$/)]);
    expect(r.stderr).toMatch(/skipped .*orphan\.gold\.json: no \.txt or \.pdf note/);
    for (const f of ['out.json', 'out.html']) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(json.summary.types.axial_pain.fn).toBe(1);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  test('--json - puts the JSON alone on stdout and the table on stderr; a met --min-f1 exits 0', () => {
    const dir = corpus();
    const r = mednec(['qa', dir, '--json', '-', '--min-f1', '0', '--no-ocr']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary.notes).toBe(1);
    expect(r.stderr).toMatch(/Facts \(exact match\)/);
  });
});
