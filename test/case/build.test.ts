import { describe, expect, test } from 'vitest';
import { buildCase } from '../../src/case/build.ts';
import { CaseSchema } from '../../src/case/schema.ts';
import { jointsOf, levelsNear, normalizeLevel, segmentsOf } from '../../src/case/levels.ts';
import { factBuilder } from '../criteria/fixtures/facts.ts';
import { cleanFacetCase } from '../criteria/fixtures/facts.ts';

describe('levels', () => {
  test.each([['L4-5', 'L4-L5'], ['l5-s1', 'L5-S1'], ['L5', 'L5'], ['L4–L5', 'L4-L5']])('%s normalizes to %s', (a, b) => {
    expect(normalizeLevel(a)).toBe(b);
  });
  test('a span expands to the motion segments it covers', () => {
    expect(segmentsOf('L3-S1')).toEqual(['L3-L4', 'L4-L5', 'L5-S1']);
    expect(jointsOf(['L5-S1', 'L4-5'])).toEqual(['L4-L5', 'L5-S1']);
  });
  test('"at or beside" accepts the adjacent segment and rejects one two levels away', () => {
    expect(levelsNear('L4-L5', 'L5-S1')).toBe(true);
    expect(levelsNear('L2-L3', 'L5-S1')).toBe(false);
  });
});

describe('buildCase', () => {
  test('the built case validates against the case schema and keeps fact ids on every request', () => {
    const k = cleanFacetCase();
    const c = buildCase(k.facts, '2025-03-01');
    expect(CaseSchema.safeParse(c).success).toBe(true);
    expect(c.requests).toHaveLength(1);
    expect(c.requests[0]!.factIds).toEqual([k.ids.request]);
    expect(c.requests[0]!.codes.map((l) => l.code)).toEqual(['64493', '64494']);
    expect(c.planned.map((p) => p.procedure)).toEqual(['radiofrequency_ablation']);
  });

  test('prior procedures form a timeline sorted by date with relief reports grouped per event', () => {
    const b = factBuilder();
    const late = b.add('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2024-05-01', reliefPercent: 90 });
    const early1 = b.add('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2023-04-11', reliefPercent: 100 });
    const early2 = b.add('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2023-04-11', reliefPercent: 50, reliefDuration: '6 weeks' });
    const undated = b.add('prior_procedure', { procedure: 'medial_branch_block', relief: 'helped' });
    const c = buildCase(b.facts, '2025-01-01');
    expect(c.procedures.map((e) => e.date)).toEqual(['2023-04-11', '2024-05-01']);
    expect(c.procedures[0]!.reports.map((r) => r.factId)).toEqual([early1, early2]);
    expect(c.procedures[0]!.reports[1]!.reliefDurationHours).toBe(6 * 168);
    expect(c.procedures[1]!.factIds).toEqual([late, undated]);
  });

  test('relief from before/after scores is computed and marked generated', () => {
    const b = factBuilder();
    b.add('prior_procedure', { procedure: 'medial_branch_block', date: '2024-05-01', preScore: 8, postScore: 1 });
    const r = buildCase(b.facts).procedures[0]!.reports[0]!;
    expect(r.reliefPercent).toBe(87.5);
    expect(r.generated).toBe(true);
  });

  test('a fusion over a span lists every fused joint; a relative\'s surgery is ignored', () => {
    const b = factBuilder();
    b.add('surgery', { procedure: 'fusion', levels: ['L3-S1'], year: 2012 });
    b.add('surgery', { procedure: 'fusion', levels: ['L1-L2'] }, { experiencer: 'other' });
    const c = buildCase(b.facts);
    expect(c.surgeries).toHaveLength(1);
    expect(c.surgeries[0]!.fusedJoints).toEqual(['L3-L4', 'L4-L5', 'L5-S1']);
  });

  test('pain duration comes from the stated months, else from the injury date (generated)', () => {
    const b = factBuilder();
    const inj = b.add('injury', { date: '2024-01-01' });
    const c = buildCase(b.facts, '2024-07-01');
    expect(c.painDurationMonths).toEqual({ value: 5, factIds: [inj], generated: true, basis: 'injury' });
    b.add('pain_duration', { months: 9 });
    expect(buildCase(b.facts, '2024-07-01').painDurationMonths).toMatchObject({ value: 9, basis: 'stated' });
  });

  test('the earliest dated prior injection is a lower bound on how long the pain has lasted', () => {
    const b = factBuilder();
    b.add('prior_procedure', { procedure: 'medial_branch_block', date: '2025-01-14' });
    const first = b.add('prior_procedure', { procedure: 'medial_branch_block', date: '2024-11-19' });
    b.add('prior_procedure', { procedure: 'radiofrequency_ablation', date: '2023' });
    expect(buildCase(b.facts, '2026-03-10').painDurationMonths).toEqual({ value: 15, factIds: [first], generated: true, basis: 'prior_procedure' });
    // A shorter stated length is the recurrence ("back for 2 months"): the lower bound stands.
    b.add('pain_duration', { months: 2 });
    expect(buildCase(b.facts, '2026-03-10').painDurationMonths).toMatchObject({ value: 15, basis: 'prior_procedure' });
    // A longer stated length wins over it.
    b.add('pain_duration', { months: 30 });
    expect(buildCase(b.facts, '2026-03-10').painDurationMonths).toMatchObject({ value: 30, basis: 'stated' });
  });

  test('a report dated to the month, or an ESI named without its approach on the day, is that one session', () => {
    const b = factBuilder();
    b.add('prior_procedure', { procedure: 'transforaminal_esi', date: '2025-06-10', levels: ['L5-S1'] });
    b.add('prior_procedure', { procedure: 'epidural_steroid_injection', date: '2025-06', reliefPercent: 70, reliefDuration: '4 months' });
    b.add('prior_procedure', { procedure: 'epidural_steroid_injection', date: '2025-06-10', reliefPercent: 80 });
    const esi = buildCase(b.facts, '2026-01-10').procedures.filter((e) => e.family === 'esi');
    expect(esi).toHaveLength(1);
    expect(esi[0]).toMatchObject({ procedure: 'transforaminal_esi', date: '2025-06-10' });
    expect(esi[0]!.reports.map((r) => r.reliefPercent).sort()).toEqual([70, 80]);
  });

  test('an undated report of "her last TFESI" is the latest dated session of its kind', () => {
    const b = factBuilder();
    b.add('prior_procedure', { procedure: 'transforaminal_esi', date: '2023-02-01' });
    b.add('prior_procedure', { procedure: 'transforaminal_esi', date: '2025-06-10' });
    b.add('prior_procedure', { procedure: 'transforaminal_esi', latest: true, reliefPercent: 70, reliefDuration: '4 months' });
    const esi = buildCase(b.facts, '2026-01-10').procedures.filter((e) => e.family === 'esi');
    expect(esi.map((e) => [e.date, e.reports.length])).toEqual([['2023-02-01', 0], ['2025-06-10', 1]]);
  });

  test('an undated report beside several dated sessions restates them: it fills the one untold, else makes no session', () => {
    const mbb = (extra: Record<string, unknown>) => ({ procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], side: 'right', intent: 'diagnostic', ...extra });
    // Every session has its relief: "both blocks were positive ... the confirmatory exceeded 80%" is no third block.
    const told = factBuilder();
    told.add('prior_procedure', mbb({ date: '2025-12-02', reliefPercent: 87.5 }));
    told.add('prior_procedure', mbb({ date: '2026-01-06', reliefPercent: 50 }));
    told.add('prior_procedure', mbb({ reliefPercent: 80 }));
    expect(buildCase(told.facts, '2026-02-10').procedures.map((e) => [e.date, e.reliefPercent])).toEqual([['2025-12-02', 87.5], ['2026-01-06', 50]]);
    // One session without a report of its own: the undated report is its relief.
    const untold = factBuilder();
    untold.add('prior_procedure', mbb({ date: '2025-12-02', reliefPercent: 90 }));
    untold.add('prior_procedure', mbb({ date: '2026-01-06' }));
    untold.add('prior_procedure', mbb({ reliefPercent: 85 }));
    expect(buildCase(untold.facts, '2026-02-10').procedures.map((e) => [e.date, e.reliefPercent])).toEqual([['2025-12-02', 90], ['2026-01-06', 85]]);
    // One dated session only: an undated report of other levels stays its own event.
    const other = factBuilder();
    other.add('prior_procedure', mbb({ date: '2025-12-02', reliefPercent: 90 }));
    other.add('prior_procedure', { procedure: 'medial_branch_block', levels: ['L3-L4'], reliefPercent: 80 });
    expect(buildCase(other.facts, '2026-02-10').procedures).toHaveLength(2);
  });

  test('leg pain of the past says nothing of where the pain reaches now', () => {
    const b = factBuilder();
    b.add('radicular_pain', { side: 'left', belowKnee: true }, { historical: true });
    b.add('axial_pain', { region: 'lumbar' });
    const c = buildCase(b.facts);
    expect(c.radicular.status).toBe('resolved');
    expect(c.belowKnee.value).toBeNull();
    b.add('radicular_pain', { side: 'right', belowKnee: true });
    expect(buildCase(b.facts).belowKnee.value).toBe(true);
  });

  test.each([
    ['active', [['radicular_pain', { side: 'right' }, {}]]],
    ['resolved', [['radicular_pain', { side: 'right' }, { historical: true }]]],
    ['absent', [['radicular_pain', {}, { assertion: 'absent' }]]],
    ['active', [['exam_finding', { test: 'straight_leg_raise', result: 'positive' }, {}]]],
    ['absent', [['exam_finding', { test: 'straight_leg_raise', result: 'negative' }, {}]]],
    ['unknown', []],
  ] as const)('radicular status is %s', (status, facts) => {
    const b = factBuilder();
    for (const [t, a, o] of facts) b.add(t as never, a as never, o as never);
    expect(buildCase(b.facts).radicular.status).toBe(status);
  });

  test('guidance, sedation and drug lines attach to the request; an ESI code does not attach to a facet request', () => {
    const b = factBuilder();
    b.add('requested_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'] });
    b.add('procedure_code', { code: '64493' });
    b.add('procedure_code', { code: '64483' });
    b.add('procedure_code', { code: '77003' });
    b.add('procedure_code', { code: 'j2001' });
    expect(buildCase(b.facts).requests[0]!.codes.map((l) => l.code)).toEqual(['64493', '77003', 'J2001']);
  });
});

describe('an intra-articular facet injection billed with a steroid is therapeutic when the request does not say', () => {
  const intentOf = (lines: [string, string[]][], extra: Record<string, unknown> = {}) => {
    const b = factBuilder();
    b.add('requested_procedure', { procedure: 'facet_injection', levels: ['L4-L5', 'L5-S1'], side: 'left', ...extra });
    for (const [code, modifiers] of lines) b.add('procedure_code', { system: /^J/.test(code) ? 'hcpcs' : 'cpt', code, units: 1, modifiers });
    return buildCase(b.facts, '2025-10-14').requests[0]!.intent;
  };
  test.each([
    [[['64493', ['LT']], ['64494', ['LT']], ['J3301', []]], 'therapeutic'],
    [[['64493', []], ['J1030', []]], 'therapeutic'],
    [[['64493', ['50']], ['J1100', []]], 'therapeutic'],
  ] as [[string, string[]][], string][])('%j → %s', (lines, intent) => {
    expect(intentOf(lines)).toBe(intent);
  });
  test('with KX on the facet line (a diagnostic line), or with lidocaine only, or a stated intent, it is left alone', () => {
    expect(intentOf([['64493', ['KX']], ['J3301', []]])).toBeNull();
    expect(intentOf([['64493', []], ['J2003', []]])).toBeNull();
    expect(intentOf([['64493', []], ['J3301', []]], { intent: 'diagnostic' })).toBe('diagnostic');
  });
});
