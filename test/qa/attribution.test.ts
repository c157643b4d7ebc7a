/**
 * attributeDetermination: the review re-run on the gold facts says whether extraction or the
 * criteria caused a disagreeing determination, and which criteria changed status. Hand-built
 * facts (no extraction): the "predicted" review is the evaluator's output on a damaged copy.
 */
import { describe, expect, test } from 'vitest';
import { evaluateCase } from '../../src/criteria/index.ts';
import { attributeDetermination, formatChange, goldFactInput } from '../../src/qa/attribution.ts';
import { parseGold, type Gold } from '../../src/qa/gold.ts';
import { summarizeDeterminations, type NoteResult } from '../../src/qa/score.ts';
import type { Fact, ReviewOutput } from '../../src/schema/review.ts';
import { cleanEsiCase } from '../criteria/fixtures/facts.ts';

const LISTED = ['radicular_pain', 'exam_finding', 'pain_duration', 'pain_score', 'conservative_care', 'imaging_finding',
  'procedure_code', 'diagnosis_code', 'requested_procedure'];

function goldOf(facts: Fact[], determination: string, extra: Partial<Gold> = {}): Gold {
  return parseGold({
    schemaVersion: '1', factTypes: LISTED, determination,
    facts: facts.filter((f) => LISTED.includes(f.type)).map(({ type, assertion, attributes }) => ({ type, assertion, attributes })),
    ...extra,
  });
}

/** The review the pipeline would print for these (extracted) facts. */
function reviewOf(facts: Fact[], noteDate?: string): Pick<ReviewOutput, 'facts' | 'determination' | 'reviews' | 'flags' | 'case'> {
  const e = evaluateCase(facts, { noteDate });
  return { facts, determination: e.determination, reviews: e.reviews, flags: e.flags, case: e.case as unknown as Record<string, unknown> };
}

describe('attributeDetermination', () => {
  test('a request extraction missed: the gold facts give the gold determination → extraction', () => {
    const { facts, ids } = cleanEsiCase();
    const gold = goldOf(facts, 'meets');
    const review = reviewOf(facts.filter((f) => f.id !== ids.request));
    expect(review.determination).toBe('no_request_found');
    const a = attributeDetermination({ gold, review })!;
    expect(a).toMatchObject({ cause: 'extraction', gold: 'meets', predicted: 'no_request_found', onGoldFacts: 'meets' });
    expect(a.governing).toEqual({ predicted: null, onGold: 'cms-lcd-esi' });
    // The request exists only on the gold side: review changes, not per-criterion noise.
    expect(a.reviews).toContainEqual({ policy: 'cms-lcd-esi', procedure: 'transforaminal_esi', predicted: null, onGold: 'meets' });
    expect(a.changed).toEqual([]);
  });

  test('a fact extracted wrong: names the criteria whose status the gold facts change', () => {
    const { facts, ids } = cleanEsiCase();
    const gold = goldOf(facts, 'meets');
    // Extraction read the radicular pain as negated and missed the positive SLR.
    const damaged = facts.filter((f) => f.id !== ids.slr)
      .map((f) => (f.id === ids.radicular ? { ...f, assertion: 'absent' as const, attributes: {} } : f));
    const review = reviewOf(damaged);
    expect(review.determination).not.toBe('meets');
    const a = attributeDetermination({ gold, review })!;
    expect(a.cause).toBe('extraction');
    expect(a.onGoldFacts).toBe('meets');
    const esi = a.changed.filter((c) => c.policy === 'cms-lcd-esi');
    expect(esi.length).toBeGreaterThan(0);
    // Every change is from a status worse than met to met on the gold facts, governing policy first.
    for (const c of esi) expect(c.onGold).toBe('met');
    expect(a.changed[0]!.policy).toBe('cms-lcd-esi');
    expect(formatChange(esi[0]!)).toMatch(/^[A-Z0-9-]+: (not_met|not_documented) → met$/);
    expect(a.reviews.find((r) => r.policy === 'cms-lcd-esi')).toMatchObject({ predicted: review.determination, onGold: 'meets' });
  });

  test('the gold facts do not give the gold determination → criteria', () => {
    const { facts } = cleanEsiCase();
    // A reviewer's judgement the criteria do not encode (here: a gold that says does_not_meet).
    const gold = goldOf(facts, 'does_not_meet');
    const review = reviewOf(facts);
    const a = attributeDetermination({ gold, review })!;
    expect(a).toMatchObject({ cause: 'criteria', gold: 'does_not_meet', predicted: 'meets', onGoldFacts: 'meets' });
    expect(a.changed).toEqual([]);
    expect(a.flags).toEqual({ onlyPredicted: [], onlyOnGold: [] });
  });

  test('no gold determination: nothing to attribute', () => {
    const { facts } = cleanEsiCase();
    const gold = parseGold({ schemaVersion: '1', factTypes: [], facts: [] });
    expect(attributeDetermination({ gold, review: reviewOf(facts) })).toBeNull();
  });
});

describe('goldFactInput', () => {
  test('gold facts for listed types, extracted facts for the others, synthetic evidence, fresh ids', () => {
    const gold = parseGold({
      schemaVersion: '1', factTypes: ['requested_procedure', 'imaging_finding'],
      facts: [
        { type: 'requested_procedure', assertion: 'present', attributes: { procedure: 'transforaminal_esi', levels: ['L5-S1'] } },
        { type: 'imaging_finding', assertion: 'present', attributes: { modality: 'mri', finding: 'stenosis', levels: ['L4-L5'] },
          evidence: [{ page: 2, start: 10, end: 20, text: 'stenosis x' }] },
        { type: 'imaging_finding', assertion: 'absent', attributes: { finding: 'normal' }, evidence: 'no normal study' },
        // A type the gold does not list is not taken from the gold.
        { type: 'medication', assertion: 'present', attributes: { name: 'gabapentin' } },
      ],
    });
    const predicted: Fact[] = [
      { id: 'f7', type: 'requested_procedure', assertion: 'present', attributes: { procedure: 'medial_branch_block' }, evidence: [{ page: 1, start: 0, end: 3, text: 'MBB' }] },
      { id: 'f8', type: 'payer', assertion: 'present', attributes: { name: 'aetna' }, evidence: [{ page: 1, start: 5, end: 10, text: 'Aetna' }] },
      { id: 'f9', type: 'medication', assertion: 'present', attributes: { name: 'naproxen' }, evidence: [{ page: 1, start: 12, end: 20, text: 'naproxen' }] },
    ];
    const { facts, extractedTypes } = goldFactInput(gold, predicted);
    expect(extractedTypes).toEqual(['medication', 'payer']);
    expect(facts.map((f) => [f.id, f.type, f.attributes.procedure ?? f.attributes.name ?? f.attributes.finding])).toEqual([
      ['f1', 'requested_procedure', 'transforaminal_esi'], ['f2', 'imaging_finding', 'stenosis'], ['f3', 'imaging_finding', 'normal'],
      ['f4', 'payer', 'aetna'], ['f5', 'medication', 'naproxen'],
    ]);
    expect(facts[0]!.evidence).toEqual([{ page: 1, start: 0, end: 0, text: '' }]);
    expect(facts[1]!.evidence).toEqual([{ page: 2, start: 10, end: 20, text: 'stenosis x' }]);
    expect(facts[2]!.evidence).toEqual([{ page: 1, start: 0, end: 0, text: 'no normal study' }]);
  });

  test('the payer kept from extraction decides the governing policy on the gold facts too', () => {
    const { facts, add } = cleanEsiCase();
    add('payer', { name: 'workers_comp' });
    const gold = goldOf(facts, 'does_not_meet');
    const a = attributeDetermination({ gold, review: reviewOf(facts) })!;
    expect(a.governing.onGold).toBe(a.governing.predicted);
    expect(a.extractedTypes).toContain('payer');
  });
});

describe('summarizeDeterminations', () => {
  const note = (gold: string, predicted: string, extra: Partial<NoteResult> = {}) =>
    ({ determination: { gold, predicted, agree: gold === predicted }, ...extra }) as NoteResult;
  test('confusion matrix, approvals and causes', () => {
    const { facts } = cleanEsiCase();
    const a = attributeDetermination({ gold: goldOf(facts, 'does_not_meet'), review: reviewOf(facts) })!;
    const s = summarizeDeterminations([
      note('meets', 'meets', { onGoldFacts: 'meets' }),
      note('meets', 'insufficient_documentation', { onGoldFacts: 'meets', attribution: { ...a, cause: 'extraction', changed: [{ policy: 'odg', procedure: 'x', criterion: 'ODG-E4', predicted: 'not_documented', onGold: 'met' }] } }),
      note('does_not_meet', 'meets', { onGoldFacts: 'meets', attribution: a }),
      note('insufficient_documentation', 'no_request_found'),
      note('meets', 'error'),
      { determination: null } as NoteResult,
    ]);
    expect(s.labels).toEqual(['meets', 'does_not_meet', 'insufficient_documentation', 'no_request_found', 'error']);
    expect(s.matrix.meets).toEqual({ meets: 1, does_not_meet: 0, insufficient_documentation: 1, no_request_found: 0, error: 1 });
    expect(s.matrix.does_not_meet!.meets).toBe(1);
    expect(s.matrix.insufficient_documentation!.no_request_found).toBe(1);
    expect(s.approvals).toEqual({ goldMeets: 3, whenMeets: 1, goldNotMeets: 2, wrong: 1 });
    expect(s.onGoldFacts).toEqual({ agree: 2, total: 3, rate: 2 / 3 });
    expect(s.attribution).toEqual({ disagreeing: 4, extraction: 1, criteria: 1, unknown: 2, criteriaChanged: { 'ODG-E4': 1 } });
  });
});
