import { describe, expect, test } from 'vitest';
import { normalizeView } from '../../src/model/doc.ts';
import { compileScanner, getScanner, scanMentions } from '../../src/nlp/lexicon/scanner.ts';
import { loadResources, type TermEntry } from '../../src/resources.ts';

const terms: TermEntry[] = [
  { id: 'lex.t.mbb', concept: 'medial_branch_block', category: 'procedure', literals: ['medial branch block', 'MBB'] },
  { id: 'lex.t.mb', concept: 'medial_branch', category: 'procedure', literals: ['medial branch'] },
  { id: 'lex.t.xray', concept: 'xray', category: 'imaging_modality', literals: ['x-ray'] },
  { id: 'lex.t.sed', concept: 'sedation', category: 'procedure', literals: ['sedation'] },
  { id: 'lex.t.radic', concept: 'radiculopathy', category: 'diagnosis', literals: ['radiculopathy'] },
  { id: 'lex.t.tf', concept: 'transforaminal', category: 'procedure', literals: ['transforaminal epidural'] },
  { id: 'lex.t.tspine', concept: 'thoracic_spine', category: 'anatomy', literals: ['tspine'] },
  { id: 'lex.t.l45', concept: 'l4l5', category: 'level', literals: ['l4l5'] },
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
  test.each([
    ['no seda-\ntion given', 'seda-\ntion', 'lex.t.sed'],
    ['lumbar radi-\n  culopathy', 'radi-\n  culopathy', 'lex.t.radic'],
    ['radi- \nculopathy', 'radi- \nculopathy', 'lex.t.radic'],
    ['radi-\r\nculopathy', 'radi-\r\nculopathy', 'lex.t.radic'],
    ['left trans-\nforaminal epidural', 'trans-\nforaminal epidural', 'lex.t.tf'],
    ['Radi-\nculopathy', 'Radi-\nculopathy', 'lex.t.radic'],
    ['medial-\nbranch block', 'medial-\nbranch block', 'lex.t.mbb'],
  ])('a word hyphenated at a line end matches its literal with exact offsets: %j', (text, span, id) => {
    expect(scan(text)).toEqual([[span, id]]);
  });
  test.each([
    ['capitalized continuation', 'radi-\nCulopathy'],
    ['hyphen not at a line end', 'radi-culopathy'],
    ['hyphen then a space mid-line', 'radi- culopathy'],
    ['blank line between the parts', 'radi-\n\nculopathy'],
    ['a page break between the parts', 'radi-\fculopathy'],
    ['one letter before the hyphen', 'T-\nspine'],
    ['a level pair across a line break', 'L4-\nL5'],
    ['a digit before the hyphen', 'l4-\nl5'],
    ['no hyphen at the line end', 'radi\nculopathy'],
    ['the joined word runs on', 'seda-\ntions'],
  ])('a line-end hyphen is not joined when %s', (_why, text) => {
    expect(scan(text)).toEqual([]);
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
