import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../src/resources.ts';
import { ReviewOutputSchema } from '../../src/schema/review.ts';
import { HAS_SHARED, SHARED_DIR } from '../helpers.ts';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'bin', 'mednec.js');

async function mednec(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MEDNEC_DEBUG: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const NOTE = `PAIN MANAGEMENT PROGRESS NOTE
Date of Service: 03/14/2024
HPI: 58-year-old female with low back pain for 2 years. She denies radiating leg pain.
PLAN: Bilateral L4-5 and L5-S1 medial branch blocks under fluoroscopy.
`;

describe('mednec review (command line)', () => {
  test('prints only the review JSON on stdout and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mednec-cli-'));
    writeFileSync(join(dir, 'note.txt'), NOTE);
    const r = await mednec(['review', join(dir, 'note.txt'), '--format', 'json']);
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout);
    expect(ReviewOutputSchema.safeParse(review).success).toBe(true);
    expect(review.document.name).toBe('note.txt');
  });

  test.each([
    ['a missing file', null, /no such file/],
    ['an empty file', '', /empty/],
    ['binary junk', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0]), /binary|executable|not a /i],
    ['a corrupt PDF', '%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf\n', /PDF/],
  ])('rejects %s with exit 2 and one line on stderr', async (_name, content, msg) => {
    const dir = mkdtempSync(join(tmpdir(), 'mednec-cli-'));
    const file = join(dir, 'input.pdf');
    if (content !== null) writeFileSync(file, content);
    const r = await mednec(['review', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('--out writes the review owner-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mednec-cli-'));
    writeFileSync(join(dir, 'note.txt'), NOTE);
    const r = await mednec(['review', join(dir, 'note.txt'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
    const files = readdirSync(join(dir, 'out'));
    expect(files).toEqual(['note.txt.review.json']);
    expect(statSync(join(dir, 'out', files[0]!)).mode & 0o777).toBe(0o600);
  });

  test.skipIf(!HAS_SHARED)('reviews all 165 MTSamples notes in one jsonl run with exit 0', async () => {
    const r = await mednec(['review', join(SHARED_DIR, 'corpus', 'mtsamples'), '--format', 'jsonl', '--no-ocr']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(165);
    expect(lines.filter((l) => l.error)).toEqual([]);
    for (const l of lines) expect(ReviewOutputSchema.safeParse(l).success).toBe(true);
  }, 180_000);
});
