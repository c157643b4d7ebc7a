/** The reviewer's words (src/report/voice.ts) and the alternatives the notes support. */
import { describe, expect, test } from 'vitest';
import { plain, splitMessage, recommendation, itemReason, factSummary, sentenceOf, flagTitle, groupOf, FLAG_TITLES, DEFICIENCY_GROUPS } from '../../src/report/voice.ts';
import { alternatives } from '../../src/report/alternatives.ts';
import { FLAG_CODES, type Fact, type ReviewOutput } from '../../src/schema/review.ts';
import type { ReportReview } from '../../src/report/model.ts';

const fact = (id: string, type: string, attributes: Record<string, unknown>, extra: Partial<Fact> = {}): Fact =>
  ({ id, type, assertion: 'present', attributes, evidence: [{ page: 1, start: 0, end: 1, text: 'x' }], ...extra }) as Fact;

describe('plain words', () => {
  test('drops reference-file citations, UNCONFIRMED, policy ids and code-style keys', () => {
    expect(plain('CPB 0016 as summarized 2026 (criteria.md A3); RF thresholds UNCONFIRMED')).toBe('CPB 0016 as summarized 2026; RF thresholds not verified');
    expect(plain('does not meet aetna-cpb-0016 (AET-2A)')).toBe('does not meet Aetna CPB 0016 (AET-2A)');
    expect(plain('the medial_branch_block after a transforaminal esi, reliefPercent 80')).toBe('the medial branch block after a transforaminal ESI, relief percent 80');
    expect(plain('Lidocaine code (descriptor UNCONFIRMED)')).toBe('Lidocaine code (description not verified)');
  });
  test('a flag message splits into the problem and what to do', () => {
    expect(splitMessage('Conservative care is mentioned without its duration: document the dates.')).toEqual({ problem: 'Conservative care is mentioned without its duration', fix: 'Document the dates.' });
    expect(splitMessage('No colon here.')).toEqual({ problem: 'No colon here', fix: null });
  });
  test('every flag code has a title and a group', () => {
    for (const c of FLAG_CODES) expect(FLAG_TITLES[c], c).toBeDefined();
    const grouped = DEFICIENCY_GROUPS.flatMap((g) => g.codes);
    for (const c of FLAG_CODES) expect(grouped, c).toContain(c);
    expect(flagTitle('SOMETHING_NEW')).toBe('Something new');
    expect(groupOf('SOMETHING_NEW').id).toBe('other');
  });
});

describe('line-item recommendations', () => {
  const review = (status: string): ReportReview => ({
    policy: 'cms-lcd-facet', governing: true, outcome: 'does_not_meet', request: { procedure: 'medial_branch_block', levels: [], codes: [] },
    criteria: [{ id: 'C1', text: 'Pain for at least 3 months', status, reason: '', evidence: [], thresholds: [] }],
    flags: [], wouldMeet: [],
    items: [
      { item: 'medial branch block', decision: 'deny', reason: 'does not meet cms-lcd-facet (C1)', criteria: ['C1'], flags: [], modifiers: [] },
      { item: 'fluoroscopy guidance', decision: 'deny', reason: 'follows the procedure, which does not meet cms-lcd-facet', criteria: [], flags: [], modifiers: [] },
    ],
  });
  test('a criterion not met: recommend deny — physician review', () => {
    const r = review('not_met');
    expect(recommendation(r.items[0]!, r)).toEqual({ text: 'Recommend deny — physician review', kind: 'deny' });
    expect(itemReason(r.items[0]!, r, new Map())).toBe('Not met: pain for at least 3 months.');
  });
  test('only missing documentation: a request for records, also for the lines that follow the procedure', () => {
    const r = review('not_documented');
    expect(recommendation(r.items[0]!, r).kind).toBe('pending');
    expect(recommendation(r.items[1]!, r).kind).toBe('pending');
    expect(itemReason(r.items[1]!, r, new Map())).toMatch(/^Billed with the procedure/);
  });
});

describe('facts in words', () => {
  test('no keys, units spelled out, assertion in words', () => {
    expect(factSummary(fact('f1', 'prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], side: 'right', date: '2023-11-07', reliefPercent: 80, reliefDuration: '4 months', reliefDurationHours: 2920 })))
      .toBe('prior procedure: transforaminal epidural steroid injection, L5-S1, right, 2023-11-07, 80% relief, lasting 4 months');
    expect(factSummary(fact('f2', 'conservative_care', { modality: 'physical_therapy', durationWeeks: 8 }))).toBe('conservative care: physical therapy, 8 weeks');
    expect(factSummary(fact('f3', 'radicular_pain', {}, { assertion: 'absent' }))).toBe('radicular pain (documented as absent)');
    expect(factSummary(fact('f4', 'pain_score', { scale: 'NRS', value: 7, max: 10, context: 'baseline' }))).toBe('pain score: NRS 7/10, baseline');
  });
  test('a quote is the sentence span when it holds the evidence, else the line', () => {
    const page = 'First line.\nHe has leg pain. It radiates.\n';
    expect(sentenceOf({ page: 1, start: 19, end: 27, text: 'leg pain', sentence: { start: 12, end: 28 } }, page)).toEqual({ start: 12, end: 28 });
    expect(sentenceOf({ page: 1, start: 19, end: 27, text: 'leg pain' }, page)).toEqual({ start: 12, end: 41 });
    expect(sentenceOf({ page: 1, start: 19, end: 27, text: 'not here' }, page)).toBeNull();
  });
});

describe('alternatives the notes support', () => {
  const base = { schemaVersion: '1', document: { id: 'a'.repeat(64), name: 'n', mediaType: 'text/plain', pages: 1, ocrPages: [] }, case: {}, reviews: [], determination: 'does_not_meet' } as const;
  test('a facet request with active radicular pain and a prior ESI that helped: epidural management, citing both', () => {
    const facts = [
      fact('f1', 'requested_procedure', { procedure: 'medial_branch_block' }),
      fact('f2', 'radicular_pain', { side: 'right' }),
      fact('f3', 'prior_procedure', { procedure: 'transforaminal_esi', reliefPercent: 80, date: '2023-04-18' }),
      fact('f4', 'medication', { name: 'gabapentin', dose: 300, unit: 'mg', frequency: 'TID', drugClass: 'neuropathic' }),
      fact('f5', 'medication', { name: 'fentanyl', dose: 50, unit: 'mcg', route: 'IV', drugClass: 'opioid' }),
      fact('f6', 'medication', { name: 'lisinopril', drugClass: 'antihypertensive' }),
    ];
    const alts = alternatives({ ...base, facts, flags: [] } as unknown as ReviewOutput);
    expect(alts[0]).toMatchObject({ title: 'Continued epidural management', facts: ['f3', 'f2'] });
    expect(alts[0]!.text).toContain('80% relief after the transforaminal epidural steroid injection of 2023-04-18');
    expect(alts[1]).toMatchObject({ title: 'Conservative treatment optimisation', text: 'Continue and optimise gabapentin 300 mg TID.', facts: ['f4'] });
  });
  test('nothing to suggest from nothing', () => {
    expect(alternatives({ ...base, facts: [], flags: [] } as unknown as ReviewOutput)).toEqual([]);
  });
});
