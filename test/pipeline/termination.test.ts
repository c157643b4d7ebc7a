/**
 * Every reading ends: texts that once sent an extractor into an endless loop are reviewed in a child
 * process with a time limit, so a regression fails this test instead of hanging the run (or a worker).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'mednec-termination-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a review ends in bounded time', () => {
  test.each([
    // Dev d7c-07: a pain diary heading right after a page break ("\fBLOCK DIARY - ...") made the
    // diary scan search the same heading again forever.
    ['a block diary that opens a page', 'PROCEDURE NOTE\nDate: 10/07/2025\nProcedure: right L4-5 medial branch block. Pre NRS 8/10.\fBLOCK DIARY - Gorge Spine\nPain before block: 8\n30 min   2\n1 hr   1\n2 hr   3\n'],
    ['a pain log heading mid-line after a page break', 'OFFICE NOTE\nDate: 01/05/2026\nPlan: RFA.\fPatient pain log (post-block) follows\nUsual pain before block: 7\n30 min 1\n2 hr 2\n'],
    ['two diary headings on pages in a row', 'PROCEDURE NOTE\nDate: 10/07/2025\nMBB right L4-5.\fBLOCK DIARY\nPain before block: 8\n1 hr 2\n\fBLOCK DIARY\nPain before block: 7\n1 hr 1\n'],
  ])('%s', (_name, text) => {
    const file = join(dir, `${_name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, ['bin/mednec.js', 'review', file], { timeout: 30_000, encoding: 'utf8' });
    expect(r.error, 'the review did not end within 30 s').toBeUndefined();
    expect(r.status).toBe(0);
  }, 40_000);
});
