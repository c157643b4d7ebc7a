import { describe, expect, test } from 'vitest';
import { parseGold, type Gold } from '../../src/qa/gold.ts';
import { prf, scoreNote, summarize } from '../../src/qa/score.ts';
import type { ReviewOutput } from '../../src/schema/review.ts';

const ref = { goldPath: 'g.gold.json', notePath: 'g.txt', dir: 'samples' };

function review(facts: { type: string; assertion: string; attributes?: Record<string, unknown> }[], extra: Partial<ReviewOutput> = {}): ReviewOutput {
  return {
    schemaVersion: '1',
    document: { id: '0'.repeat(64), name: 'g.txt', mediaType: 'text/plain', pages: 1, ocrPages: [] },
    facts: facts.map((f, i) => ({ id: `f${i + 1}`, attributes: {}, evidence: [{ page: 1, start: 0, end: 1, text: 'x' }], ...f })) as ReviewOutput['facts'],
    case: {}, reviews: [], flags: [], determination: 'no_request_found', ...extra,
  };
}

function gold(g: Partial<Gold> & Pick<Gold, 'facts'>): Gold {
  return parseGold({ schemaVersion: '1', factTypes: [...new Set(g.facts.map((f) => f.type))], ...g });
}

describe('P/R/F1', () => {
  test.each([
    [{ tp: 3, fp: 1, fn: 0 }, 0.75, 1, 6 / 7],
    [{ tp: 0, fp: 0, fn: 2 }, null, 0, 0],
    [{ tp: 0, fp: 0, fn: 0 }, null, null, null],
  ])('%o gives P %s, R %s, F1 %s', (c, P, R, F) => {
    const r = prf(c);
    expect(r.precision).toBe(P);
    expect(r.recall).toBe(R);
    if (F === null) expect(r.f1).toBeNull(); else expect(r.f1).toBeCloseTo(F, 10);
  });
});

describe('scoreNote', () => {
  test('counts TP, FP and FN per type from the one-to-one matching', () => {
    const gd = gold({ facts: [
      { type: 'radicular_pain', assertion: 'present', attributes: { side: 'left' } },
      { type: 'prior_procedure', assertion: 'present', attributes: { procedure: 'transforaminal_esi', levels: ['L5-S1'], reliefPercent: 100 } },
      { type: 'prior_procedure', assertion: 'present', attributes: { procedure: 'medial_branch_block' } },
    ] });
    const r = scoreNote(ref, gd, review([
      { type: 'radicular_pain', assertion: 'present', attributes: { side: 'LEFT', belowKnee: true } },
      { type: 'prior_procedure', assertion: 'present', attributes: { procedure: 'transforaminal_esi', levels: ['L5-S1'], reliefPercent: 99.5 } },
      { type: 'prior_procedure', assertion: 'present', attributes: { procedure: 'radiofrequency_ablation' } },
      { type: 'medication', assertion: 'present', attributes: { name: 'ibuprofen' } },
    ]));
    expect(r.types).toEqual({ radicular_pain: { tp: 1, fp: 0, fn: 0 }, prior_procedure: { tp: 1, fp: 1, fn: 1 } });
    expect(r.ignoredPredictions).toBe(1);
    expect(r.misses[0]!.summary).toBe('procedure differs (gold medial_branch_block, predicted radiofrequency_ablation)');
  });

  test('assertion classes split the fact counts by assertion, and the confusion matrix shows the mix-up', () => {
    const gd = gold({ facts: [
      { type: 'radicular_pain', assertion: 'absent', attributes: {} },
      { type: 'requested_procedure', assertion: 'hypothetical', attributes: { procedure: 'radiofrequency_ablation' } },
      { type: 'requested_procedure', assertion: 'present', attributes: { procedure: 'medial_branch_block' } },
    ] });
    const r = scoreNote(ref, gd, review([
      { type: 'radicular_pain', assertion: 'present' },
      { type: 'requested_procedure', assertion: 'present', attributes: { procedure: 'radiofrequency_ablation' } },
      { type: 'requested_procedure', assertion: 'present', attributes: { procedure: 'medial_branch_block' } },
    ]));
    expect(r.assertions.absent).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(r.assertions.hypothetical).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(r.assertions.present).toEqual({ tp: 1, fp: 2, fn: 0 });
    expect(r.confusion.absent.present).toBe(1);
    expect(r.confusion.hypothetical.present).toBe(1);
    expect(r.confusion.present.present).toBe(1);
    expect(r.confusion.none.present).toBe(0);
  });

  test('flags compare as sets of codes; duplicates in the review count once', () => {
    const gd = gold({ facts: [], flags: ['NO_PAIN_SCALE', 'NO_RFA_PLAN'] });
    const flag = (code: string) => ({ code, severity: 'major' as const, message: 'm', evidence: [] });
    const r = scoreNote(ref, gd, review([], { flags: [flag('NO_PAIN_SCALE'), flag('NO_PAIN_SCALE'), flag('BUNDLED_CODE')] }));
    expect(r.flags).toMatchObject({ tp: ['NO_PAIN_SCALE'], fp: ['BUNDLED_CODE'], fn: ['NO_RFA_PLAN'] });
  });

  test('a gold without flags, determination or reviews leaves them unscored', () => {
    const r = scoreNote(ref, gold({ facts: [] }), review([]));
    expect(r.flags).toBeNull();
    expect(r.determination).toBeNull();
    expect(r.reviews).toEqual([]);
  });

  test('determination and per-policy outcomes agree only when equal; a missing policy review disagrees', () => {
    const gd = gold({ facts: [], determination: 'does_not_meet',
      reviews: [{ policy: 'odg', outcome: 'does_not_meet', governing: true }, { policy: 'cms-lcd-facet', outcome: 'meets' }] });
    const rv = (policy: string, outcome: 'meets' | 'does_not_meet', governing = false) =>
      ({ policy, governing, request: { procedure: 'medial_branch_block', levels: [], codes: [] }, outcome, criteria: [], citation: '' });
    const r = scoreNote(ref, gd, review([], { determination: 'does_not_meet', reviews: [rv('odg', 'does_not_meet', true)] }));
    expect(r.determination).toEqual({ gold: 'does_not_meet', predicted: 'does_not_meet', agree: true });
    expect(r.reviews).toEqual([
      { policy: 'odg', gold: 'does_not_meet', predicted: 'does_not_meet', agree: true },
      { policy: 'cms-lcd-facet', gold: 'meets', predicted: null, agree: false },
    ]);
    expect(r.governing).toEqual({ gold: 'odg', predicted: 'odg', agree: true });
  });

  test('a failed review scores every gold fact as missed', () => {
    const r = scoreNote(ref, gold({ facts: [{ type: 'radicular_pain', assertion: 'present', attributes: {} }], determination: 'meets' }), null, {}, 'Error: boom');
    expect(r.types.radicular_pain).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(r.determination?.agree).toBe(false);
    expect(r.error).toBe('Error: boom');
  });
});

describe('summarize', () => {
  test('totals are micro: counts summed over notes and types before dividing', () => {
    const gd = gold({ facts: [{ type: 'radicular_pain', assertion: 'present', attributes: {} }, { type: 'axial_pain', assertion: 'present', attributes: {} }] });
    const a = scoreNote(ref, gd, review([{ type: 'radicular_pain', assertion: 'present' }, { type: 'axial_pain', assertion: 'present' }]));
    const b = scoreNote({ ...ref, dir: 'samples/mtsamples' }, gd, review([{ type: 'radicular_pain', assertion: 'absent' }]));
    const s = summarize([a, b]);
    expect(s.overall).toMatchObject({ tp: 2, fp: 1, fn: 2 });
    expect(s.overall.f1).toBeCloseTo(4 / 7, 10);
    expect(s.types.axial_pain).toMatchObject({ tp: 1, fp: 0, fn: 1, recall: 0.5 });
    expect(s.dirs['samples/mtsamples']).toMatchObject({ tp: 0, fp: 1, fn: 2, notes: 1 });
    expect(s.diagnostics.radicular_pain).toMatchObject({ misses: 1, assertionDiffers: 1, noCandidate: 0 });
    expect(s.diagnostics.axial_pain).toMatchObject({ misses: 1, noCandidate: 1 });
  });
});

describe('assertion given type and attributes', () => {
  test('reads the confusion matrix without unpaired facts', () => {
    const gd = gold({ facts: [
      { type: 'radicular_pain', assertion: 'absent', attributes: {} },
      { type: 'requested_procedure', assertion: 'hypothetical', attributes: { procedure: 'radiofrequency_ablation' } },
      { type: 'requested_procedure', assertion: 'hypothetical', attributes: { procedure: 'medial_branch_block' } },
      { type: 'axial_pain', assertion: 'absent', attributes: {} },
    ] });
    const r = scoreNote(ref, gd, review([
      { type: 'radicular_pain', assertion: 'absent' },
      { type: 'requested_procedure', assertion: 'present', attributes: { procedure: 'radiofrequency_ablation' } },
      { type: 'requested_procedure', assertion: 'hypothetical', attributes: { procedure: 'medial_branch_block' } },
    ]));
    const s = summarize([r]);
    expect(s.assertionsAligned.absent).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.assertionsAligned.hypothetical).toMatchObject({ tp: 1, fp: 0, fn: 1 });
    expect(s.assertionsAligned.present).toMatchObject({ tp: 0, fp: 1, fn: 0 });
    // The missed axial_pain has no partner: it counts against "absent" in the all-facts scores only.
    expect(s.assertions.absent).toMatchObject({ tp: 1, fp: 0, fn: 1 });
  });
});
