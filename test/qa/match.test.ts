import { describe, expect, test } from 'vitest';
import type { GoldFact } from '../../src/qa/gold.ts';
import { factMatches, matchNote, maximumMatching, type PredictedFact } from '../../src/qa/match.ts';
import { attributeEqual, normalizeLevel } from '../../src/qa/normalize.ts';

const g = (type: GoldFact['type'], assertion: GoldFact['assertion'], attributes: GoldFact['attributes'] = {}, extra: Partial<GoldFact> = {}): GoldFact =>
  ({ type, assertion, attributes, ...extra });
const p = (type: string, assertion: PredictedFact['assertion'], attributes: Record<string, unknown> = {}, extra: Partial<PredictedFact> = {}): PredictedFact =>
  ({ type, assertion, attributes, ...extra });

describe('attribute normalization', () => {
  test.each([
    ['L4-5', 'L4-L5'], ['l4–L5', 'L4-L5'], ['L5/S1', 'L5-S1'], ['L4 - L5', 'L4-L5'], ['l5', 'L5'], ['C5-6', 'C5-C6'],
  ])('level %s normalizes to %s', (raw, want) => {
    expect(normalizeLevel(raw)).toBe(want);
  });

  test.each([
    ['levels compare as sets', 'levels', ['L4-L5', 'L5-S1'], ['L5-S1', 'L4-5'], true],
    ['a missing level is a difference', 'levels', ['L4-L5', 'L5-S1'], ['L4-L5'], false],
    ['an extra level is a difference', 'levels', ['L4-L5'], ['L4-L5', 'L5-S1'], false],
    ['a repeated level does not change the set', 'levels', ['L4-L5'], ['L4-L5', 'L4-5'], true],
    ['numbers within 1 match', 'reliefPercent', 87.5, 88, true],
    ['numbers exactly 1 apart match', 'value', 7, 8, true],
    ['numbers 2 apart differ', 'value', 7, 9, false],
    ['a numeric string matches a number', 'months', '6', 6, true],
    ['strings are case-insensitive', 'name', 'gabapentin', 'Gabapentin', true],
    ['strings fold white space', 'concept', 'lumbar  radiculopathy', 'lumbar radiculopathy ', true],
    ['different strings differ', 'side', 'left', 'bilateral', false],
    ['booleans must be equal', 'belowKnee', true, false, false],
    ['a gold value missing from the prediction differs', 'side', 'left', undefined, false],
    ['gold null asks for the attribute to be absent', 'belowKnee', null, undefined, true],
    ['gold null is not met by a value', 'belowKnee', null, true, false],
    ['a scalar matches a one-element list', 'modifiers', ['50'], '50', true],
  ] as const)('%s', (_t, key, gold, pred, want) => {
    expect(attributeEqual(key, gold, pred)).toBe(want);
  });
});

describe('fact matching', () => {
  test('type, assertion and every gold attribute must agree; extra predicted attributes are fine', () => {
    const gold = g('prior_procedure', 'present', { procedure: 'medial_branch_block', levels: ['L4-L5'] });
    expect(factMatches(gold, p('prior_procedure', 'present', { procedure: 'medial_branch_block', levels: ['L4-5'], side: 'bilateral' }))).toBe(true);
    expect(factMatches(gold, p('prior_procedure', 'hypothetical', { procedure: 'medial_branch_block', levels: ['L4-L5'] }))).toBe(false);
    expect(factMatches(gold, p('requested_procedure', 'present', { procedure: 'medial_branch_block', levels: ['L4-L5'] }))).toBe(false);
  });

  test('experiencer is compared only when the gold states it', () => {
    const relative = g('surgery', 'present', { procedure: 'fusion' }, { experiencer: 'other' });
    expect(factMatches(relative, p('surgery', 'present', { procedure: 'fusion' }))).toBe(false);
    expect(factMatches(relative, p('surgery', 'present', { procedure: 'fusion' }, { experiencer: 'other' }))).toBe(true);
    expect(factMatches(g('surgery', 'present', { procedure: 'fusion' }), p('surgery', 'present', { procedure: 'fusion' }, { experiencer: 'other' }))).toBe(true);
  });

  test('maximum matching finds the assignment a greedy pass would miss', () => {
    // Gold 0 accepts preds 0 and 1, gold 1 accepts only pred 0: greedy 0→0 would leave gold 1 unmatched.
    const pairs = maximumMatching([0, 1], [0, 1], (l, r) => (l === 0 ? true : r === 0));
    expect(pairs).toEqual([[0, 1], [1, 0]]);
  });
});

describe('matchNote', () => {
  const listed = new Set(['radicular_pain', 'prior_procedure']);

  test('duplicate predictions of one gold fact give one match and one false positive', () => {
    const m = matchNote([g('radicular_pain', 'present', { side: 'left' })],
      [p('radicular_pain', 'present', { side: 'left' }), p('radicular_pain', 'present', { side: 'left' })], listed);
    expect(m.matched).toHaveLength(1);
    expect(m.falsePositives).toHaveLength(1);
    expect(m.missed).toHaveLength(0);
  });

  test('two identical gold facts need two predictions', () => {
    const m = matchNote([g('radicular_pain', 'present'), g('radicular_pain', 'present')], [p('radicular_pain', 'present')], listed);
    expect(m.matched).toHaveLength(1);
    expect(m.missed).toHaveLength(1);
  });

  test('predictions of types the gold does not list are ignored, not false positives', () => {
    const m = matchNote([g('radicular_pain', 'present')], [p('radicular_pain', 'present'), p('medication', 'present', { name: 'ibuprofen' })], listed);
    expect(m.falsePositives).toEqual([]);
    expect(m.ignored).toEqual([1]);
  });

  test('a gold fact of an unlisted type can still be found or missed', () => {
    const m = matchNote([g('medication', 'present', { name: 'gabapentin' })], [p('medication', 'present', { name: 'Gabapentin' })], listed);
    expect(m.matched).toEqual([[0, 0]]);
  });

  test('an assertion mismatch leaves a miss and a false positive, paired for the confusion matrix', () => {
    const m = matchNote([g('radicular_pain', 'absent')], [p('radicular_pain', 'present')], listed);
    expect(m.matched).toEqual([]);
    expect(m.assertionPairs).toEqual([[0, 0]]);
    expect(m.falsePositives).toEqual([0]);
    expect(m.missed[0]!.closest).toMatchObject({ pred: 0, assertionDiffers: true, alreadyMatched: false });
  });

  test('a miss reports which attributes its closest prediction gets right', () => {
    const m = matchNote(
      [g('prior_procedure', 'present', { procedure: 'transforaminal_esi', levels: ['L5-S1'], side: 'bilateral', reliefPercent: 80 })],
      [p('prior_procedure', 'present', { procedure: 'medial_branch_block' }),
        p('prior_procedure', 'present', { procedure: 'transforaminal_esi', levels: ['L5-S1'], side: 'left' })], listed);
    const c = m.missed[0]!.closest!;
    expect(c.pred).toBe(1);
    expect(Object.fromEntries(c.attributes.map((a) => [a.key, a.status]))).toEqual({
      procedure: 'ok', levels: 'ok', side: 'differs', reliefPercent: 'missing',
    });
  });

  test('when every prediction of the type is matched, the closest is marked as already matched', () => {
    const m = matchNote([g('radicular_pain', 'present', { side: 'left' }), g('radicular_pain', 'present', { side: 'right' })],
      [p('radicular_pain', 'present', { side: 'left' })], listed);
    expect(m.missed).toHaveLength(1);
    expect(m.missed[0]!.closest).toMatchObject({ pred: 0, alreadyMatched: true });
  });

  test('the more specific gold fact claims the prediction that fits it', () => {
    const m = matchNote([g('radicular_pain', 'present'), g('radicular_pain', 'present', { side: 'left' })],
      [p('radicular_pain', 'present', { side: 'left' })], listed);
    expect(m.matched).toEqual([[1, 0]]);
  });

  test('the type filter leaves other types out entirely', () => {
    const m = matchNote([g('radicular_pain', 'present'), g('prior_procedure', 'present')], [p('prior_procedure', 'present'), p('radicular_pain', 'absent')],
      new Set(['radicular_pain']), new Set(['radicular_pain']));
    expect(m.matched).toEqual([]);
    expect(m.missed.map((x) => x.gold)).toEqual([0]);
    expect(m.falsePositives).toEqual([1]);
  });
});

describe('sedation local and none are equal (CONTRACT "Packets")', () => {
  test.each([['local', 'none', true], ['none', 'local', true], ['Local', 'NONE', true], ['none', 'moderate', false], ['local', 'iv', false]])('%s vs %s → %s', async (g, p, eq) => {
    const { attributeEqual } = await import('../../src/qa/normalize.ts');
    expect(attributeEqual('sedation', g, p)).toBe(eq);
  });
});
