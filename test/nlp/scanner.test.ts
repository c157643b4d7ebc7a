import { describe, expect, test } from 'vitest';
import { normalizeView } from '../../src/model/doc.ts';
import { compileScanner, getScanner, scanMentions } from '../../src/nlp/lexicon/scanner.ts';
import { loadResources, type TermEntry } from '../../src/resources.ts';

const terms: TermEntry[] = [
  { id: 'lex.t.mbb', concept: 'medial_branch_block', category: 'procedure', literals: ['medial branch block', 'MBB'] },
  { id: 'lex.t.mb', concept: 'medial_branch', category: 'procedure', literals: ['medial branch'] },
  { id: 'lex.t.xray', concept: 'xray', category: 'imaging_modality', literals: ['x-ray'] },
  { id: 'lex.t.pt', concept: 'physical_therapy', category: 'conservative_care', literals: ['PT'], caseSensitive: true },
];

function scan(text: string) {
  return scanMentions(compileScanner(terms), normalizeView(text), 0, text.length, text).map((m) => [text.slice(m.start, m.end), m.ruleId]);
}

describe('lexicon scanner', () => {
  test('prefers the longest literal at a position', () => {
    expect(scan('bilateral medial branch block at L4-5')).toEqual([['medial branch block', 'lex.t.mbb']]);
  });
  test('matches across line wraps, hyphens and odd spacing', () => {
    expect(scan('medial\n  branch-block')).toEqual([['medial\n  branch-block', 'lex.t.mbb']]);
    expect(scan('x ray and X-RAY')).toEqual([['x ray', 'lex.t.xray'], ['X-RAY', 'lex.t.xray']]);
  });
  test('respects word boundaries', () => {
    expect(scan('MBBS and amBB')).toEqual([]);
    expect(scan('(MBB)')).toEqual([['MBB', 'lex.t.mbb']]);
  });
  test('case-sensitive literals tell PT from Pt', () => {
    expect(scan('Pt completed PT x 6 weeks')).toEqual([['PT', 'lex.t.pt']]);
  });
  test('the shipped lexicons load, validate and compile', () => {
    const res = loadResources();
    expect(res.terms.length).toBeGreaterThan(50);
    expect(getScanner(res).size).toBeGreaterThan(500);
  });
});
