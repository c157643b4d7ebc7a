import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { discoverGold, EXPLICIT_ONLY_MARKER, sharedDir } from '../../src/qa/gold.ts';

const GOLD = JSON.stringify({ schemaVersion: '1', factTypes: [], facts: [] });

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mednec-qa-gold-'));
  for (const [p, body] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), body);
  }
  return root;
}

describe('gold discovery', () => {
  test('pairs each gold with the .txt beside it, preferring .txt over .pdf', async () => {
    const root = tree({ 'a.gold.json': GOLD, 'a.txt': 'x', 'a.pdf': '%PDF-1.4', 'b.gold.json': GOLD, 'b.pdf': '%PDF-1.4' });
    const cases = await discoverGold([root], join(root, 'shared'));
    expect(cases.map((c) => c.notePath)).toEqual([join(root, 'a.txt'), join(root, 'b.pdf')]);
  });

  test('a gold naming its note with an extension is paired with that note', async () => {
    const root = tree({ 'c.pdf.gold.json': GOLD, 'c.pdf': '%PDF-1.4' });
    expect((await discoverGold([root], root))[0]!.notePath).toBe(join(root, 'c.pdf'));
  });

  test('a shared note resolves against the shared folder', async () => {
    const root = tree({
      'mt/x.gold.json': JSON.stringify({ schemaVersion: '1', note: 'shared:corpus/mtsamples/x.txt', factTypes: [], facts: [] }),
      'shared/corpus/mtsamples/x.txt': 'note',
    });
    const [c] = await discoverGold([join(root, 'mt')], join(root, 'shared'));
    expect(c!.notePath).toBe(join(root, 'shared/corpus/mtsamples/x.txt'));
    expect(c!.skip).toBeUndefined();
  });

  test('a shared note is skipped with a reason when the shared folder is absent', async () => {
    const root = tree({ 'x.gold.json': JSON.stringify({ schemaVersion: '1', note: 'shared:corpus/mtsamples/x.txt', factTypes: [], facts: [] }) });
    const [c] = await discoverGold([root], join(root, 'no-shared'));
    expect(c!.notePath).toBeUndefined();
    expect(c!.skip).toMatch(/shared folder .* is absent/);
  });

  test('a gold without a note, or that does not validate, is skipped with a reason', async () => {
    const root = tree({ 'lonely.gold.json': GOLD, 'bad.gold.json': JSON.stringify({ schemaVersion: '1', factTypes: [], facts: [{ type: 'axial_pain', assertion: 'maybe' }] }),
      'typo.gold.json': JSON.stringify({ schemaVersion: '1', factTypes: ['radicular_pian'], facts: [] }) });
    const cases = await discoverGold([root], root);
    expect(cases.find((c) => c.goldPath.endsWith('typo.gold.json'))!.skip).toMatch(/invalid gold file: factTypes\.0/);
    expect(cases.find((c) => c.goldPath.endsWith('lonely.gold.json'))!.skip).toMatch(/no \.txt or \.pdf note/);
    expect(cases.find((c) => c.goldPath.endsWith('bad.gold.json'))!.skip).toMatch(/invalid gold file: facts\.0\.assertion/);
  });

  test('--recursive adds subfolders, and a gold reached twice is scored once', async () => {
    const root = tree({ 'a.gold.json': GOLD, 'a.txt': 'x', 'sub/b.gold.json': GOLD, 'sub/b.txt': 'x', '.hidden/c.gold.json': GOLD });
    expect((await discoverGold([root], root)).map((c) => c.goldPath)).toEqual([join(root, 'a.gold.json')]);
    const all = await discoverGold([root, join(root, 'sub')], root, { recursive: true });
    expect(all.map((c) => [c.goldPath, c.dir])).toEqual([[join(root, 'a.gold.json'), root], [join(root, 'sub/b.gold.json'), join(root, 'sub')]]);
  });

  test('--recursive walks past a held-out folder (it holds .heldout); naming the folder scores it', async () => {
    const root = tree({ 'a.gold.json': GOLD, 'a.txt': 'x', 'held/.heldout': 'final measurement', 'held/h.gold.json': GOLD, 'held/h.txt': 'x' });
    expect((await discoverGold([root], root, { recursive: true })).map((c) => c.goldPath)).toEqual([join(root, 'a.gold.json')]);
    expect((await discoverGold([join(root, 'held')], root, { recursive: true })).map((c) => c.goldPath)).toEqual([join(root, 'held/h.gold.json')]);
  });

  test('--recursive skips a subfolder marked explicit-only, which is still scored when named', async () => {
    const root = tree({ 'a.gold.json': GOLD, 'a.txt': 'x', 'fax/b.pdf.gold.json': GOLD, 'fax/b.pdf': '%PDF-1.4', [`fax/${EXPLICIT_ONLY_MARKER}`]: '' });
    expect((await discoverGold([root], root, { recursive: true })).map((c) => c.goldPath)).toEqual([join(root, 'a.gold.json')]);
    expect((await discoverGold([join(root, 'fax')], root, { recursive: true })).map((c) => c.notePath)).toEqual([join(root, 'fax/b.pdf')]);
  });

  test('MEDNEC_SHARED_DIR overrides the default ../shared', () => {
    expect(sharedDir('/repo', { MEDNEC_SHARED_DIR: '/data/shared' })).toBe('/data/shared');
    expect(sharedDir('/work/main', {})).toBe('/work/shared');
  });
});
