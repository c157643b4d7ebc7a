import { describe, expect, test } from 'vitest';
import { expandRange, findLevels, levelRegion, medialBranchesToJoints, normalizeLevel, sortLevels } from '../../../src/nlp/values/levels.ts';
import { normalizeView } from '../../../src/model/doc.ts';

/** Levels of every match, run on the same-length lower-cased view the extractors use. */
function levels(s: string): string[][] {
  return findLevels(normalizeView(s)).map((m) => m.levels);
}

describe('findLevels', () => {
  test.each([
    ['L4-5 disc bulge', [['L4-L5']]],
    ['stenosis at L4/5', [['L4-L5']]],
    ['L4\u2013L5 facet arthropathy', [['L4-L5']]],
    ['L4-L5 facet arthropathy', [['L4-L5']]],
    ['broad-based bulge at L 5-S 1', [['L5-S1']]],
    ['L5S1 disc', [['L5-S1']]],
    ['L45 disc space narrowing', [['L4-L5']]],
    ['bilateral L4-5 and L5-S1 medial branch blocks', [['L4-L5', 'L5-S1']]],
    ['right L5 TFESI', [['L5']]],
    ['L5-S1 TFESI on the left', [['L5-S1']]],
    ['C5-6 herniation', [['C5-C6']]],
    ['T12-L1 compression deformity', [['T12-L1']]],
    ['C7-T1 interlaminar ESI', [['C7-T1']]],
    ['s/p L4-S1 fusion', [['L4-L5', 'L5-S1']]],
    ['facet arthropathy from L3 to S1', [['L3-L4', 'L4-L5', 'L5-S1']]],
    ['L3-S1 facet injections', [['L3-L4', 'L4-L5', 'L5-S1']]],
    ['laminectomy L3 through L5', [['L3-L4', 'L4-L5']]],
    ['at L3-4, L4-5, and L5-S1', [['L3-L4', 'L4-L5', 'L5-S1']]],
    ['left L4 and L5 transforaminal injections', [['L4', 'L5']]],
    ['right S1 radiculopathy', [['S1']]],
    ['T-12 compression fracture', [['T12']]],
    ['OCR: L5-Sl disc', [['L5-S1']]],
    ['OCR: LS-S1 facet', [['L5-S1']]],
  ])('%s → %j', (text, expected) => {
    expect(levels(text)).toEqual(expected);
  });

  test('works on raw mixed-case text with unicode dashes too', () => {
    expect(findLevels('Bilateral L4\u20135 and L5\u2013S1').map((m) => m.levels)).toEqual([['L4-L5', 'L5-S1']]);
  });

  test('offsets point into the string given', () => {
    const s = 'MRI: moderate stenosis at L4-5 and L5-S1.';
    const [m] = findLevels(normalizeView(s));
    expect(s.slice(m!.start, m!.end)).toBe('L4-5 and L5-S1');
    expect(m!.kind).toBe('list');
  });

  test.each([
    ['segment', 'L4-5'],
    ['vertebra', 'L5 nerve root'],
    ['range', 'L3-S1'],
    ['list', 'L4-5, L5-S1'],
    ['medial_branch', 'L3 and L4 medial branch nerves'],
  ])('kind %s for "%s"', (kind, text) => {
    expect(findLevels(text.toLowerCase())[0]!.kind).toBe(kind);
  });

  test.each([
    ['compressing the left S1 nerve root', true],
    ['contacting the traversing R S1 root', true],
    ['right L5 radiculopathy', true],
    ['numbness in an S1 distribution', true],
    ['decompression of right L5 and S1 nerve roots', true],
    ['disc herniation at L5-S1', false],
    ['right L5 TFESI', false],
  ])('marks nerve roots: %s → %s', (text, root) => {
    const [m] = findLevels(normalizeView(text));
    expect(Boolean(m!.root)).toBe(root);
  });

  describe('medial-branch nerve lists map to the joints they serve', () => {
    test.each([
      ['L3, L4 medial branches and L5 dorsal ramus', ['L4-L5', 'L5-S1'], ['L3', 'L4', 'L5']],
      ['L3 and L4 medial branch nerves', ['L4-L5'], ['L3', 'L4']],
      ['blocks of the medial branches of L4 and L5', ['L5-S1'], ['L4', 'L5']],
      ['L4 medial branch and L5 dorsal ramus blocks', ['L5-S1'], ['L4', 'L5']],
      ['bilateral L3, 4, 5 medial branches', ['L4-L5', 'L5-S1'], ['L3', 'L4', 'L5']],
      ['RFA of the L3-L5 medial branches', ['L4-L5', 'L5-S1'], ['L3', 'L4', 'L5']],
      ['right L3, L4, L5 RFA', ['L4-L5', 'L5-S1'], ['L3', 'L4', 'L5']],
      ['medial branch blocks at L2, L3 and L4', ['L3-L4', 'L4-L5'], ['L2', 'L3', 'L4']],
    ])('%s', (text, joints, nerves) => {
      const [m] = findLevels(normalizeView(text));
      expect(m!.kind).toBe('medial_branch');
      expect(m!.levels).toEqual(joints);
      expect(m!.nerves).toEqual(nerves);
    });

    test('a segment beside "medial branch block" already names the joint', () => {
      const [m] = findLevels('l4-5 and l5-s1 medial branch blocks');
      expect(m!.kind).toBe('list');
      expect(m!.levels).toEqual(['L4-L5', 'L5-S1']);
    });
  });

  describe('traps: not spinal levels', () => {
    test.each([
      ['c/o low back pain'],
      ['S1 and S2 normal, no murmurs, rubs or gallops'],
      ['RRR, normal S1 S2'],
      ['T2 hyperintense signal in the cord'],
      ['sagittal T1 and T2 images'],
      ['TSH and free T4 were normal'],
      ['L35 is not a level'],
      ['pl4 sample'],
      ['hemoglobin a1c 6.5'],
      ['L 5 out of 10'],
      ['LS-SI joint'],
    ])('%s', (text) => {
      expect(findLevels(normalizeView(text))).toEqual([]);
    });

    test('a form item number opening a line is a label, not a vertebra; a level opening a line is still read', () => {
      const form = 'C5. Number of blocks: 2\n  C6. Date / relief, first block: 12/02/2025\n  C7. Date / relief, second block: 01/06/2026\n' +
        'L1) Levels requested: L4-5\n\tS1. Side: left\nT2. Prior fusion?  No';
      expect(levels(form)).toEqual([['L4-L5']]);
      expect(levels('Findings:\nL5-S1. Broad disc bulge.\nL5 radiculopathy on the right')).toEqual([['L5-S1'], ['L5']]);
      expect(levels('the first block at L5. Relief was 80%')).toEqual([['L5']]);
    });

    test('a number after a level is not read as the next vertebra when it is a time', () => {
      expect(levels('right L5, 6 weeks ago')).toEqual([['L5']]);
    });
  });
});

describe('level helpers', () => {
  test('expandRange spans the segments between two vertebrae, across regions', () => {
    expect(expandRange('L3', 'S1')).toEqual(['L3-L4', 'L4-L5', 'L5-S1']);
    expect(expandRange('T11', 'L2')).toEqual(['T11-T12', 'T12-L1', 'L1-L2']);
    expect(expandRange('C6', 'T1')).toEqual(['C6-C7', 'C7-T1']);
    expect(expandRange('S1', 'L4')).toEqual(['L4-L5', 'L5-S1']);
  });

  test('medialBranchesToJoints needs both nerves of a joint', () => {
    expect(medialBranchesToJoints(['L3', 'L4'])).toEqual(['L4-L5']);
    expect(medialBranchesToJoints(['L4', 'L5'])).toEqual(['L5-S1']);
    expect(medialBranchesToJoints(['L2', 'L3', 'L4', 'L5'])).toEqual(['L3-L4', 'L4-L5', 'L5-S1']);
    expect(medialBranchesToJoints(['T12', 'L1'])).toEqual(['L1-L2']);
    expect(medialBranchesToJoints(['L4'])).toEqual([]);
  });

  test.each([
    ['L5-S1', 'lumbar'], ['S1', 'sacral'], ['T12-L1', 'thoracic'], ['C5-C6', 'cervical'], ['L4', 'lumbar'],
  ])('levelRegion(%s) = %s', (level, region) => {
    expect(levelRegion(level)).toBe(region);
  });

  test('sortLevels orders cranial to caudal and dedupes', () => {
    expect(sortLevels(['L5-S1', 'L4', 'L4-L5', 'T12-L1', 'L5-S1', 'C5-C6'])).toEqual(['C5-C6', 'T12-L1', 'L4', 'L4-L5', 'L5-S1']);
  });

  test.each([['l4-5', 'L4-L5'], ['L5S1', 'L5-S1'], ['L4/L5', 'L4-L5'], ['s1', 'S1'], ['L4-5 and L5-S1', null], ['knee', null]])(
    'normalizeLevel(%s) = %s', (s, expected) => {
      expect(normalizeLevel(s)).toBe(expected);
    });
});

describe('a level cut at its hyphen by the end of a line', () => {
  test.each([
    ['left L4-\n    5 and L5-S1', ['L4-L5', 'L5-S1']],
    ['bilateral L3-\nL4 facet joints', ['L3-L4']],
    ['right L5-\n  S1 TFESI', ['L5-S1']],
    ['at L4/\n5 on the left', ['L4-L5']],
    ['C5-\n6 disc', ['C5-C6']],
  ])('%j', (text, want) => {
    expect(levels(text).flat()).toEqual(want);
  });
});

describe('a medial-branch list whose dorsal ramus says its side again (dev de-08)', () => {
  test.each([
    ['of the left L3 and L4 medial branches and the left L5 dorsal ramus', ['L4-L5', 'L5-S1']],
    ['right L3, L4 medial branches and right L5 dorsal ramus', ['L4-L5', 'L5-S1']],
    ['bilateral L3 and L4 medial branches and the bilateral L5 dorsal rami', ['L4-L5', 'L5-S1']],
    ['L4 medial branch and the left L5 dorsal ramus', ['L5-S1']],
    ['the left L2, L3 medial branches, and the left L4 medial branch', ['L3-L4', 'L4-L5']],
  ])('%s', (text, want) => {
    expect(levels(text).flat()).toEqual(want);
  });
});
