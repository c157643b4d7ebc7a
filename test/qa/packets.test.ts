/**
 * Packets as the unit of QA, scored for real on the small packets in test/fixtures/packets/
 * (written for these tests): the determination confusion matrix, approvals, and the
 * extraction-vs-criteria attribution; a held-out folder in the table; a missing blind folder; and
 * the same packets in their other forms (text-layer PDF, fax scans made by
 * scripts/make-packet-forms.ts) scored by one gold.
 *
 * Two fixtures disagree by construction whatever the engine does (their README says how); the
 * third is asserted only through invariants, so extraction work on main does not break this file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { makePacketForms } from '../../scripts/make-packet-forms.ts';
import { readSourceFile } from '../../src/ingest/index.ts';
import { defaultOcrEngine } from '../../src/ingest/ocr.ts';
import { runQa, type QaRun } from '../../src/qa/run.ts';
import { renderHtml } from '../../src/qa/html.ts';
import { renderTable } from '../../src/qa/table.ts';
import { REPO_ROOT } from '../../src/resources.ts';

const PACKETS = join(REPO_ROOT, 'test', 'fixtures', 'packets');
const BIN = join(REPO_ROOT, 'bin', 'mednec.js');
const byName = (run: QaRun, name: string) => run.results.find((r) => r.notePath.split('/').pop()!.startsWith(`${name}.`))!;

describe('determination QA on packets', () => {
  let run: QaRun;
  beforeAll(async () => { run = await runQa([PACKETS], { cwd: REPO_ROOT }); }, 120_000);

  test('the confusion matrix counts every packet once, and approvals read off it', () => {
    const d = run.summary.determinations;
    expect(run.results).toHaveLength(3);
    const total = Object.values(d.matrix).reduce((n, row) => n + Object.values(row).reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(3);
    expect(Object.values(d.matrix.insufficient_documentation!).reduce((a, b) => a + b, 0)).toBe(1);
    expect(d.matrix.insufficient_documentation!.no_request_found).toBe(1);
    expect(d.approvals.goldMeets).toBe(1);
    expect(d.approvals.whenMeets).toBe(d.matrix.meets!.meets);
    expect(d.approvals.goldNotMeets).toBe(2);
    expect(d.approvals.wrong).toBe(d.matrix.does_not_meet!.meets! + d.matrix.insufficient_documentation!.meets!);
    // The criteria reach the gold determination on the gold facts for the two packets built to.
    expect(d.onGoldFacts).toEqual({ agree: 2, total: 3, rate: 2 / 3 });
  });

  test('a request the text never states: extraction caused it, the request appears on the gold facts', () => {
    const r = byName(run, 'request-page-lost');
    expect(r.determination).toEqual({ gold: 'insufficient_documentation', predicted: 'no_request_found', agree: false });
    expect(r.attribution).toMatchObject({ cause: 'extraction', onGoldFacts: 'insufficient_documentation', governing: { predicted: null, onGold: 'cms-lcd-esi' } });
    expect(r.attribution!.reviews).toContainEqual({ policy: 'cms-lcd-esi', procedure: 'transforaminal_esi', predicted: null, onGold: 'insufficient_documentation' });
  });

  test('a judgement the facts cannot carry: the criteria caused it', () => {
    const r = byName(run, 'reviewer-judgement');
    expect(r.onGoldFacts).toBe('meets');
    expect(r.determination!.agree).toBe(false);
    expect(r.attribution).toMatchObject({ cause: 'criteria', gold: 'does_not_meet', onGoldFacts: 'meets' });
  });

  test('the clean packet: the gold facts meet, so any disagreement is extraction\'s', () => {
    const r = byName(run, 'tfesi-clear');
    expect(r.onGoldFacts).toBe('meets');
    if (r.determination!.agree) expect(r.attribution).toBeUndefined();
    else expect(r.attribution!.cause).toBe('extraction');
    const causes = run.summary.determinations.attribution;
    expect(causes.extraction + causes.criteria).toBe(causes.disagreeing);
    expect(causes.criteria).toBe(1);
  });

  test('the table prints the matrix, approvals and one line per disagreeing packet; a held-out folder only in aggregate', async () => {
    const table = renderTable(run);
    expect(table).toMatch(/Determinations \(rows gold, columns predicted\)/);
    expect(table).toMatch(/^ {2}insufficient_documentation\s+0\s+0\s+0\s+1\s+1$/m);
    expect(table).toMatch(/Approval recommended \(predicted meets\): \d of 1 packets whose gold meets; wrongly \d of 2 whose gold does not/);
    expect(table).toMatch(/request-page-lost\.txt: gold insuff, predicted no_req, on gold facts insuff → extraction; governing none → cms-lcd-esi; requests \+transforaminal_esi/);
    expect(table).toMatch(/reviewer-judgement\.txt: gold not_met, .* → criteria/);

    const dir = join(mkdtempSync(join(tmpdir(), 'mednec-blind-')), 'packets-blind');
    cpSync(PACKETS, dir, { recursive: true });
    writeFileSync(join(dir, '.heldout'), 'test\n');
    const held = await runQa([dir], { cwd: REPO_ROOT });
    const t = renderTable(held);
    expect(t).toMatch(/Disagreements by cause/);
    expect(t).not.toMatch(/request-page-lost/);
    expect(t).toMatch(/disagreeing notes in held-out folders: causes counted above/);
    expect(held.results.every((r) => r.heldout)).toBe(true);
    // --recursive from the parent walks past it, as for every held-out set.
    expect((await runQa([join(dir, '..')], { recursive: true, cwd: REPO_ROOT })).results).toEqual([]);
  });

  test('the HTML report has the matrix, approvals, per-policy outcomes and each packet\'s attribution', () => {
    const html = renderHtml(run);
    expect(html).toMatch(/<th>gold ↓ \/ predicted →<\/th><th>meets<\/th><th>does_not_meet<\/th>/);
    expect(html).toMatch(/Approval recommended \(predicted meets\)/);
    expect(html).toMatch(/On the gold facts the review gives <b>insufficient_documentation<\/b> → caused by <b>extraction<\/b>/);
    expect(html).toMatch(/caused by <b>criteria<\/b>/);
    expect(run.summary.policyOutcomes['cms-lcd-esi']!.insufficient_documentation).toEqual({ none: 1 });
  });

  test('mednec qa on a blind folder that does not exist says so: exit 2, or 0 with --allow-missing', () => {
    const missing = join(tmpdir(), 'mednec-no-such', 'packets-blind');
    const r = spawnSync(process.execPath, [BIN, 'qa', missing, '--no-ocr'], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(/^mednec: .*packets-blind: no such file or directory \[MEDNEC_INPUT_MISSING\]$/);
    const ok = spawnSync(process.execPath, [BIN, 'qa', missing, '--allow-missing', '--no-ocr'], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(ok.status).toBe(0);
  });

  test('the JSON carries the attribution; --forms rejects an unknown form', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mednec-qa-')), 'qa.json');
    const r = spawnSync(process.execPath, [BIN, 'qa', PACKETS, '--json', out, '--no-ocr'], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.summary.determinations.attribution.criteria).toBe(1);
    expect(json.results.find((x: { notePath: string }) => x.notePath.endsWith('request-page-lost.txt')).attribution.cause).toBe('extraction');
    const bad = spawnSync(process.execPath, [BIN, 'qa', PACKETS, '--forms', 'pdf,telex'], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/--forms takes a comma list of text, pdf, fax-std, fax-fine \(not telex\)/);
  });
});

const ocr = defaultOcrEngine();
const faxTools = ['gs', 'ps2pdf', 'pdftoppm', 'img2pdf', 'pdfimages'].every((t) => spawnSync('which', [t]).status === 0) && existsSync('/usr/bin/convert');
if (!ocr || !faxTools) console.warn('packet fax forms skipped: OCR or fax tools are not installed (bash scripts/install-system-deps.sh)');

describe('packet forms: one gold scores the text, the PDF and the faxes', () => {
  let out: string;
  let text: QaRun;
  let forms: QaRun;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'mednec-forms-'));
    await makePacketForms(PACKETS, { out, forms: ['pdf'] });
    if (ocr && faxTools) await makePacketForms(PACKETS, { out, forms: ['fax-std', 'fax-fine'], only: new Set(['request-page-lost']) });
    text = await runQa([PACKETS], { cwd: REPO_ROOT });
    forms = await runQa([join(out, 'packets')], { cwd: REPO_ROOT, forms: ['pdf', 'fax-fine'], ocr });
  }, 300_000);

  test('the forms sit beside a symlink to the gold (never a copy)', () => {
    const dir = join(out, 'packets');
    for (const n of ['tfesi-clear', 'request-page-lost', 'reviewer-judgement']) {
      expect(existsSync(join(dir, `${n}.pdf`))).toBe(true);
      expect(lstatSync(join(dir, `${n}.gold.json`)).isSymbolicLink()).toBe(true);
    }
  });

  test('the text-layer PDF of each packet gives the text form\'s determination and facts', () => {
    const pdf = forms.results.filter((r) => r.form === 'pdf');
    expect(pdf).toHaveLength(3);
    for (const r of pdf) {
      const t = text.results.find((x) => x.goldPath.split('/').pop() === r.goldPath.split('/').pop())!;
      expect(r.determination).toEqual(t.determination);
      expect(r.types).toEqual(t.types);
    }
    expect(forms.summary.forms!.pdf).toMatchObject({ notes: 3, determination: text.summary.determination });
  });

  test.skipIf(!ocr || !faxTools)('the faxes are image-only at 200×100 and 200×200 dpi, and the fine one scores by the same gold', async () => {
    const dir = join(out, 'packets');
    const ppi = (f: string) => execFileSync('pdfimages', ['-list', join(dir, f)], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
      .map((l) => l.trim().split(/\s+/).slice(12, 14).join('x'));
    expect(ppi('request-page-lost.fax-std.pdf')).toEqual(['200x100', '200x100']);
    expect(ppi('request-page-lost.fax-fine.pdf')).toEqual(['200x200', '200x200']);
    await expect(readSourceFile(join(dir, 'request-page-lost.fax-fine.pdf'), { ocr: null })).rejects.toMatchObject({ code: 'MEDNEC_OCR_UNAVAILABLE' });
    const fax = forms.results.filter((r) => r.form === 'fax-fine');
    expect(fax.map((r) => r.notePath.split('/').pop())).toEqual(['request-page-lost.fax-fine.pdf']);
    expect(fax[0]!.attribution).toMatchObject({ cause: 'extraction', onGoldFacts: 'insufficient_documentation' });
    expect(forms.summary.forms!['fax-fine']!.notes).toBe(1);
    expect(renderTable(forms)).toMatch(/By form\n {2}pdf\s+3 notes .*\n {2}fax-fine\s+1 notes/);
  });
});
