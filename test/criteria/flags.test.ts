/**
 * Every contract flag: one hand-built case that raises it and one near miss that must not.
 * Cases start from a clean facet or ESI packet (which raises nothing) and change one thing.
 */
import { describe, expect, test } from 'vitest';
import { evaluateCase } from '../../src/criteria/index.ts';
import { DETECTORS } from '../../src/criteria/flags/index.ts';
import { FLAG_CODES, type Fact } from '../../src/schema/review.ts';
import { cleanEsiCase, cleanFacetCase } from './fixtures/facts.ts';

type Base = ReturnType<typeof cleanFacetCase> | ReturnType<typeof cleanEsiCase>;
interface Scenario { base: () => Base; drop?: (ids: Record<string, string>) => string[]; add?: (add: Base['add']) => void; noteDate?: string; patch?: (facts: Fact[], ids: Record<string, string>) => void }

function run(s: Scenario) {
  const b = s.base();
  s.add?.(b.add);
  const ids = b.ids as Record<string, string>;
  s.patch?.(b.facts, ids);
  const drop = new Set(s.drop?.(ids) ?? []);
  const facts = b.facts.filter((f) => !drop.has(f.id));
  return Object.assign(evaluateCase(facts, { noteDate: s.noteDate ?? '2025-03-01' }), { facts });
}
const attrs = (facts: Fact[], id: string) => facts.find((f) => f.id === id)!.attributes;
const facet = cleanFacetCase; const esi = cleanEsiCase;
const rfaRequest = (facts: Fact[], ids: Record<string, string>) => {
  Object.assign(attrs(facts, ids.request!), { procedure: 'radiofrequency_ablation', intent: 'therapeutic' });
  facts.find((f) => f.id === ids.plan)!.assertion = 'absent';
  Object.assign(attrs(facts, ids.cpt1!), { code: '64635', modifiers: ['50'] });
  Object.assign(attrs(facts, ids.cpt2!), { code: '64636', modifiers: ['50'] });
};

const CASES: Record<string, { raise: Scenario; miss: Scenario }> = {
  DX_CODE_CONTRADICTS_RADICULOPATHY: {
    raise: { base: facet, drop: (i) => [i.radicularAbsent!], add: (a) => a('radicular_pain', { side: 'left', belowKnee: true }) },
    miss: { base: facet }, // M47.816 with radicular pain denied
  },
  RADICULOPATHY_WITH_FACET_REQUEST: {
    raise: { base: facet, drop: (i) => [i.radicularAbsent!], add: (a) => a('radicular_pain', { side: 'left' }) },
    miss: { base: facet, drop: (i) => [i.radicularAbsent!], add: (a) => a('radicular_pain', { side: 'left' }, { historical: true }) },
  },
  PAIN_BELOW_KNEE_WITH_FACET_REQUEST: {
    raise: { base: facet, drop: (i) => [i.radicularAbsent!], add: (a) => a('radicular_pain', { side: 'left', belowKnee: true }) },
    miss: { base: facet, drop: (i) => [i.radicularAbsent!], add: (a) => a('radicular_pain', { side: 'left', belowKnee: false }) },
  },
  ESI_FOR_AXIAL_PAIN_ONLY: {
    raise: { base: esi, drop: (i) => [i.radicular!, i.slr!, i.dx!], add: (a) => a('axial_pain', { region: 'lumbar' }) },
    miss: { base: esi, drop: (i) => [i.radicular!, i.slr!, i.dx!], add: (a) => a('neurogenic_claudication', {}) },
  },
  IMAGING_NOT_CONCORDANT: {
    raise: { base: esi, patch: (f, i) => { attrs(f, i.mri!).levels = ['L2-L3']; } },
    miss: { base: esi, patch: (f, i) => { attrs(f, i.mri!).levels = ['L4-L5']; } },
  },
  REGION_MISMATCH: {
    raise: { base: facet, patch: (f, i) => { attrs(f, i.cpt1!).code = '64490'; attrs(f, i.cpt2!).code = '64491'; } },
    miss: { base: facet },
  },
  FACET_AT_FUSED_LEVEL: {
    raise: { base: facet, add: (a) => a('surgery', { procedure: 'fusion', levels: ['L4-L5'], year: 2015 }) },
    miss: { base: facet, add: (a) => a('surgery', { procedure: 'fusion', levels: ['L3-L4'], year: 2015 }) },
  },
  REPEAT_BLOCK_AFTER_NEGATIVE_BLOCK: {
    raise: { base: facet, add: (a) => a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], side: 'bilateral', date: '2025-01-15', intent: 'diagnostic', reliefPercent: 30 }) },
    miss: { base: facet, add: (a) => a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], side: 'bilateral', date: '2025-01-15', intent: 'diagnostic', reliefPercent: 90 }) },
  },
  RFA_WITHOUT_TWO_POSITIVE_BLOCKS: {
    raise: { base: facet, patch: rfaRequest, add: (a) => a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], date: '2025-01-15', reliefPercent: 90 }) },
    miss: {
      base: facet, patch: rfaRequest, add: (a) => {
        a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], date: '2025-01-15', reliefPercent: 90 });
        a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], date: '2025-02-05', reliefPercent: 85 });
      },
    },
  },
  CONFOUNDED_DIAGNOSTIC_BLOCK: {
    raise: { base: facet, add: (a) => { a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], date: '2025-01-15', reliefPercent: 90 }); a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2025-01-15', reliefPercent: 60 }); } },
    miss: { base: facet, add: (a) => { a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], date: '2025-01-15', reliefPercent: 90 }); a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-10-02', reliefPercent: 60 }); } },
  },
  NO_RFA_PLAN: {
    raise: { base: facet, drop: (i) => [i.plan!], add: (a) => a('payer', { name: 'aetna' }) },
    miss: { base: facet, add: (a) => a('payer', { name: 'aetna' }) },
  },
  RELIEF_NOT_QUANTIFIED: {
    raise: { base: esi, add: (a) => a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', relief: 'helped' }) },
    miss: { base: esi, add: (a) => a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', relief: 'helped a lot', reliefPercent: 70, reliefDuration: '5 months' }) },
  },
  INCONSISTENT_RELIEF_REPORTS: {
    raise: { base: esi, add: (a) => { a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', reliefPercent: 100 }); a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', reliefPercent: 50 }); } },
    miss: { base: esi, add: (a) => { a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', reliefPercent: 100, reliefDuration: '1 day' }); a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', reliefPercent: 50, reliefDuration: '6 weeks' }); } },
  },
  REPEAT_ESI_WITHOUT_RESPONSE: {
    raise: { base: esi, add: (a) => a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', reliefPercent: 30, reliefDuration: '2 weeks' }) },
    miss: { base: esi, add: (a) => a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01', reliefPercent: 70, reliefDuration: '4 months' }) },
  },
  REPEAT_RFA_CRITERIA_NOT_MET: {
    raise: { base: facet, patch: rfaRequest, add: (a) => a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5', 'L5-S1'], date: '2024-01-10', reliefPercent: 30, reliefDuration: '2 months' }) },
    miss: { base: facet, patch: rfaRequest, add: (a) => a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5', 'L5-S1'], date: '2024-01-10', reliefPercent: 70, reliefDuration: '8 months' }) },
  },
  CONSERVATIVE_CARE_DURATION_MISSING: {
    raise: { base: facet, patch: (f, i) => { delete attrs(f, i.pt!).durationWeeks; delete attrs(f, i.nsaid!).durationWeeks; } },
    miss: { base: facet },
  },
  CONSERVATIVE_CARE_TOO_SHORT: {
    raise: { base: facet, add: (a) => a('payer', { name: 'aetna' }), patch: (f, i) => { attrs(f, i.pt!).durationWeeks = 3; attrs(f, i.nsaid!).durationWeeks = 3; } },
    miss: { base: facet, add: (a) => a('payer', { name: 'aetna' }), patch: (f, i) => { attrs(f, i.pt!).durationWeeks = 6; attrs(f, i.nsaid!).durationWeeks = 3; } },
  },
  PAIN_DURATION_TOO_SHORT: {
    raise: { base: facet, patch: (f, i) => { attrs(f, i.duration!).months = 2; } },
    miss: { base: facet, patch: (f, i) => { attrs(f, i.duration!).months = 3; } },
  },
  NO_PAIN_SCALE: {
    raise: { base: facet, drop: (i) => [i.nrs!] },
    miss: { base: facet, drop: (i) => [i.nrs!], add: (a) => a('pain_score', { scale: 'ODI', value: 42, context: 'baseline' }) },
  },
  NO_PROVOCATIVE_EXAM: {
    raise: { base: facet, drop: (i) => [i.loading!] },
    miss: { base: facet, drop: (i) => [i.loading!], add: (a) => a('exam_finding', { test: 'extension_rotation_pain', result: 'positive', side: 'bilateral' }) },
  },
  LEVEL_COUNT_EXCEEDED: {
    raise: { base: facet, patch: (f, i) => { attrs(f, i.request!).levels = ['L3-L4', 'L4-L5', 'L5-S1']; Object.assign(attrs(f, i.cpt2!), { code: '64494' }); } },
    miss: { base: facet, add: (a) => a('payer', { name: 'aetna' }), patch: (f, i) => { attrs(f, i.request!).levels = ['L3-L4', 'L4-L5', 'L5-S1']; } },
  },
  IMAGING_GUIDANCE_MISSING: {
    raise: { base: facet, drop: (i) => [i.cpt1!, i.cpt2!], patch: (f, i) => { attrs(f, i.request!).guidance = 'ultrasound'; } },
    miss: { base: facet, drop: (i) => [i.cpt1!, i.cpt2!], patch: (f, i) => { attrs(f, i.request!).guidance = 'ct'; } },
  },
  SEDATION_NOT_JUSTIFIED: {
    raise: { base: facet, patch: (f, i) => { attrs(f, i.request!).sedation = 'moderate'; } },
    miss: { base: facet, patch: (f, i) => { attrs(f, i.request!).sedation = 'moderate'; }, add: (a) => a('sedation_reason', { reason: 'anxiety' }) },
  },
  INVALID_CODE: {
    raise: { base: facet, add: (a) => a('diagnosis_code', { code: 'M54.5', description: 'Low back pain' }), noteDate: '2023-02-01' },
    miss: { base: facet, add: (a) => a('diagnosis_code', { code: 'M54.5', description: 'Low back pain' }), noteDate: '2021-06-01' },
  },
  CODE_DESCRIPTOR_MISMATCH: {
    raise: { base: facet, add: (a) => a('procedure_code', { system: 'hcpcs', code: 'J2001', units: 1, description: 'lidocaine' }) },
    miss: { base: facet, add: (a) => a('procedure_code', { system: 'hcpcs', code: 'J1030', units: 1, description: 'Depo-Medrol 40 mg' }) },
  },
  // Kept beside the table: an UNCONFIRMED descriptor (J2778) still shows a mislabel when the
  // drug named has confirmed codes of its own.
  BUNDLED_CODE: {
    raise: { base: facet, add: (a) => a('procedure_code', { system: 'cpt', code: '77003', units: 1 }) },
    miss: { base: facet, add: (a) => a('procedure_code', { system: 'hcpcs', code: 'J1030', units: 1, description: 'methylprednisolone acetate 40 mg' }) },
  },
  CODE_LEVEL_MISMATCH: {
    raise: { base: facet, patch: (f, i) => { attrs(f, i.cpt2!).units = 2; } },
    miss: { base: facet, patch: (f, i) => { Object.assign(attrs(f, i.cpt1!), { units: 2, modifiers: ['RT', 'LT'] }); Object.assign(attrs(f, i.cpt2!), { units: 2, modifiers: ['RT', 'LT'] }); } },
  },
};

describe('flag detectors', () => {
  test('every contract flag code has exactly one detector and one raise/miss pair here', () => {
    expect(DETECTORS.map((d) => d.code).sort()).toEqual([...FLAG_CODES].sort());
    expect(Object.keys(CASES).sort()).toEqual([...FLAG_CODES].sort());
  });

  test.each([['clean facet case', facet], ['clean ESI case', esi]])('the %s raises no flag and meets its governing policy', (_n, base) => {
    const e = run({ base });
    expect(e.flags).toEqual([]);
    expect(e.determination).toBe('meets');
  });

  test.each(Object.keys(CASES))('%s is raised with evidence ids on the case built to raise it', (code) => {
    const e = run(CASES[code]!.raise);
    const f = e.flags.find((x) => x.code === code);
    expect(f, `flags: ${e.flags.map((x) => x.code).join(', ')}`).toBeDefined();
    expect(f!.evidence.length).toBeGreaterThan(0);
    expect(f!.message).toMatch(/\.$/);
    const known = new Set(e.facts.map((x) => x.id));
    expect(f!.evidence.filter((id) => !known.has(id))).toEqual([]);
  });

  // Contradictions cite both sides: the code line or request, and the fact it contradicts.
  test.each([
    ['DX_CODE_CONTRADICTS_RADICULOPATHY', ['diagnosis_code', 'radicular_pain']],
    ['FACET_AT_FUSED_LEVEL', ['requested_procedure', 'surgery']],
    ['REGION_MISMATCH', ['procedure_code', 'requested_procedure']],
    ['BUNDLED_CODE', ['procedure_code']],
    ['CONFOUNDED_DIAGNOSTIC_BLOCK', ['prior_procedure']],
    ['PAIN_BELOW_KNEE_WITH_FACET_REQUEST', ['requested_procedure', 'radicular_pain']],
    ['IMAGING_NOT_CONCORDANT', ['imaging_finding', 'requested_procedure']],
    ['INCONSISTENT_RELIEF_REPORTS', ['prior_procedure']],
  ])('%s cites evidence on both sides (%j)', (code, types) => {
    const e = run(CASES[code]!.raise);
    const f = e.flags.find((x) => x.code === code)!;
    const cited = f.evidence.map((id) => e.facts.find((x) => x.id === id)!.type);
    for (const t of types) expect(cited).toContain(t);
    expect(f.evidence.length).toBeGreaterThanOrEqual(2);
  });

  test.each(Object.keys(CASES))('%s is not raised on its near miss', (code) => {
    const e = run(CASES[code]!.miss);
    expect(e.flags.map((x) => x.code)).not.toContain(code);
  });
});

describe('descriptor checks on codes marked UNCONFIRMED', () => {
  const withLine = (code: string, description: string) => {
    const b = cleanFacetCase();
    b.add('procedure_code', { system: 'hcpcs', code, units: 1, description });
    return evaluateCase(b.facts, { noteDate: '2025-03-01' }).flags.map((f) => f.code);
  };
  test('J2778 labelled methylprednisolone is a descriptor mismatch (methylprednisolone acetate is J1020-J1040)', () => {
    expect(withLine('J2778', 'Methylprednisolone acetate 40 mg')).toContain('CODE_DESCRIPTOR_MISMATCH');
  });
  test('J2003 labelled lidocaine is not judged on its label (its descriptor is UNCONFIRMED) but is bundled', () => {
    const got = withLine('J2003', 'Injection, lidocaine HCl');
    expect(got).not.toContain('CODE_DESCRIPTOR_MISMATCH');
    expect(got).toContain('BUNDLED_CODE');
  });
});

describe('INCONSISTENT_RELIEF_REPORTS: the scores minutes after the injection are their own time point', () => {
  const session = { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01' };
  test.each([
    ['a follow-up of 10 weeks', { reliefPercent: 60, reliefDuration: '10 weeks' }],
    ['a follow-up with no time point', { reliefPercent: 50 }],
    ['a follow-up on a later date', { reliefPercent: 40, reliefDate: '2024-07-15' }],
  ])('85.7%% right after the injection and %s are a course, not a contradiction', (_what, later) => {
    const e = run({ base: esi, add: (a) => { a('prior_procedure', { ...session, reliefPercent: 85.7, reliefAt: 'immediate' }); a('prior_procedure', { ...session, ...later }); } });
    expect(e.flags.map((x) => x.code)).not.toContain('INCONSISTENT_RELIEF_REPORTS');
  });
  test('two reports of the same follow-up still disagree', () => {
    const e = run({ base: esi, add: (a) => { a('prior_procedure', { ...session, reliefPercent: 85.7, reliefAt: 'immediate' }); a('prior_procedure', { ...session, reliefPercent: 90 }); a('prior_procedure', { ...session, reliefPercent: 40 }); } });
    expect(e.flags.map((x) => x.code)).toContain('INCONSISTENT_RELIEF_REPORTS');
  });
});

describe('INCONSISTENT_RELIEF_REPORTS: a report with no time point may be any follow-up; two undated reports disagree', () => {
  const session = { procedure: 'caudal_esi', date: '2026-02-03' };
  const flagged = (reports: Record<string, unknown>[]) => run({ base: esi, add: (a) => { for (const r of reports) a('prior_procedure', { ...session, ...r }); } })
    .flags.map((x) => x.code).includes('INCONSISTENT_RELIEF_REPORTS');
  test.each([
    ['a letter\'s 50% is the five-week 50%, not a second reading of 70% at three weeks', [{ reliefPercent: 70, reliefDuration: '3 weeks' }, { reliefPercent: 50, reliefDuration: '5 weeks' }, { reliefPercent: 50 }], false],
    ['a summary\'s 65% fits the dated 70%', [{ reliefPercent: 70, reliefDate: '2026-02-24' }, { reliefPercent: 65 }], false],
    ['a letter\'s undated 60% beside a dated 30%: a course, no contradiction shown', [{ reliefPercent: 30, reliefDate: '2026-02-17' }, { reliefPercent: 60 }], false],
    ['an undated 60% beside a six-week 14%', [{ reliefPercent: 14, reliefDuration: '6 weeks' }, { reliefPercent: 60 }], false],
    ['two reports of the same follow-up date, 80% and 40%', [{ reliefPercent: 80, reliefDate: '2026-02-24' }, { reliefPercent: 40, reliefDate: '2026-02-24' }], true],
    ['two undated reports, 85% and 0%', [{ reliefPercent: 85 }, { reliefPercent: 0 }], true],
    ['one dated, one for a duration: two time points', [{ reliefPercent: 80, reliefDate: '2026-02-24' }, { reliefPercent: 40, reliefDuration: '3 months' }], false],
  ])('%s', (_what, reports, expected) => {
    expect(flagged(reports as Record<string, unknown>[])).toBe(expected);
  });
});

describe('code lines told twice, and codes of another procedure', () => {
  const code = (a: Base['add'], c: string, modifiers: string[] = ['50'], units = 1) => a('procedure_code', { system: 'cpt', code: c, units, modifiers });
  test.each([
    ['the PA form and the claim list the same lines', (a: Base['add']) => { code(a, '64493'); code(a, '64494'); }],
    ['a letter quotes the lines without their modifier', (a: Base['add']) => { code(a, '64493', []); code(a, '64494', []); }],
    ['one document lists the primary again', (a: Base['add']) => { code(a, '64493'); }],
  ])('%s: one billed line each, no CODE_LEVEL_MISMATCH', (_what, add) => {
    const e = run({ base: facet, add });
    expect(e.flags.map((x) => x.code)).not.toContain('CODE_LEVEL_MISMATCH');
  });
  test('a prior SI joint injection\'s code (27096) bills no region of the lumbar request', () => {
    const e = run({ base: facet, add: (a) => { code(a, '27096', ['RT']); a('prior_procedure', { procedure: 'si_joint_injection', side: 'right', date: '2024-05-01' }); } });
    expect(e.flags.map((x) => x.code)).not.toContain('REGION_MISMATCH');
  });
  test('a cervical code billed for the lumbar request still mismatches', () => {
    const e = run({ base: facet, patch: (f, i) => { attrs(f, i.cpt1!).code = '64490'; } });
    expect(e.flags.map((x) => x.code)).toContain('REGION_MISMATCH');
  });
});

describe('DX_CODE_CONTRADICTS_RADICULOPATHY reads the codes billed with the request', () => {
  const performed = [{ type: 'procedure_note', role: 'performed' as const, firstPage: 7, lastPage: 7, rule: 'seg.procedure_note' }];
  const request = [{ type: 'pa_form', role: 'request' as const, firstPage: 2, lastPage: 2, rule: 'seg.pa_form' }];
  const withDx = (documents: typeof performed | typeof request) => run({ base: esi, add: (a) => { a('diagnosis_code', { system: 'icd10', code: 'M47.816' }); }, patch: (facts) => {
    const dx = facts.find((f) => f.type === 'diagnosis_code' && f.attributes.code === 'M47.816')!;
    dx.provenance = { ...(dx.provenance ?? { extractor: 't', rules: [] }), documents };
  } });
  test('a past procedure\'s own diagnosis, told only in its note, is no billed code of this request', () => {
    expect(withDx(performed).flags.map((x) => x.code)).not.toContain('DX_CODE_CONTRADICTS_RADICULOPATHY');
  });
  test('the same code on the request form contradicts the radicular findings', () => {
    expect(withDx(request).flags.map((x) => x.code)).toContain('DX_CODE_CONTRADICTS_RADICULOPATHY');
  });
});

describe('DX_CODE_CONTRADICTS_RADICULOPATHY and a radiculopathy of the past', () => {
  // Dev packet dr-01: "in summer 2022 she had a different problem: right leg pain ... treated with a
  // right L5 TFESI ... the leg pain resolved completely" beside M47.816 on a first MBB request.
  const pastTfesi = (a: ReturnType<typeof cleanFacetCase>['add']) =>
    a('prior_procedure', { procedure: 'transforaminal_esi', levels: ['L5'], side: 'right', date: '2022-09', reliefPercent: 100 }, { historical: true });
  const codes = (s: Scenario) => run(s).flags.map((x) => x.code);
  test('leg pain told only in the past, relieved by a TFESI, does not contradict the code', () => {
    const c = codes({ base: facet, drop: (i) => [i.radicularAbsent!], add: (a) => { a('radicular_pain', { side: 'right', belowKnee: true, dermatome: 'L5' }, { historical: true }); pastTfesi(a); } });
    expect(c).not.toContain('DX_CODE_CONTRADICTS_RADICULOPATHY');
    expect(c).not.toContain('RADICULOPATHY_WITH_FACET_REQUEST');
  });
  test('leg pain denied now, an old TFESI that relieved it: no contradiction', () => {
    expect(codes({ base: facet, add: (a) => pastTfesi(a) })).not.toContain('DX_CODE_CONTRADICTS_RADICULOPATHY');
  });
  test('leg pain now beside the same TFESI history contradicts the code', () => {
    expect(codes({ base: facet, drop: (i) => [i.radicularAbsent!], add: (a) => { a('radicular_pain', { side: 'right', belowKnee: true }); pastTfesi(a); } })).toContain('DX_CODE_CONTRADICTS_RADICULOPATHY');
  });
  test('an ESI response with no word of the leg pain now still contradicts the code (seed 000)', () => {
    expect(codes({ base: facet, drop: (i) => [i.radicularAbsent!, i.slr!], add: (a) => pastTfesi(a) })).toContain('DX_CODE_CONTRADICTS_RADICULOPATHY');
  });
  test('a positive radicular sign now contradicts the code, whatever the history', () => {
    expect(codes({ base: facet, drop: (i) => [i.radicularAbsent!, i.slr!], add: (a) => { a('radicular_pain', { side: 'right', belowKnee: true }, { historical: true }); a('exam_finding', { test: 'straight_leg_raise', result: 'positive', side: 'right' }); } })).toContain('DX_CODE_CONTRADICTS_RADICULOPATHY');
  });
});

describe('FJ-RFA-R: reports that disagree on how long the prior ablation helped', () => {
  const session = { procedure: 'radiofrequency_ablation', levels: ['L4-L5', 'L5-S1'], side: 'bilateral', date: '2024-01-10' };
  const repeat = (reports: Record<string, unknown>[]) => {
    const e = run({ base: facet, patch: rfaRequest, add: (a) => { for (const r of reports) a('prior_procedure', { ...session, ...r }); } });
    const c = e.reviews.find((v) => v.policy === 'cms-lcd-facet')!.criteria.find((x) => x.id === 'FJ-RFA-R')!;
    return { status: c.status, flagged: e.flags.some((f) => f.code === 'REPEAT_RFA_CRITERIA_NOT_MET') };
  };
  test.each([
    ['a letter\'s ">50% for six months" against a note\'s "wore off after about three months"', [{ reliefPercent: 50, reliefDuration: '6 months' }, { reliefPercent: 0, reliefDuration: '3 months' }], 'not_met'],
    ['70% for 8 months against "60% but only for 10 weeks"', [{ reliefPercent: 70, reliefDuration: '8 months' }, { reliefPercent: 60, reliefDuration: '10 weeks' }], 'not_met'],
    ['80% for 7 months against "the benefit faded by the 12-week mark" (no figure)', [{ reliefPercent: 80, reliefDuration: '7 months' }, { reliefDuration: '12 weeks' }], 'not_met'],
    ['two accounts of six months or more agree', [{ reliefPercent: 70, reliefDuration: '8 months' }, { reliefPercent: 60, reliefDuration: '6 months' }], 'met'],
    ['a course: 80% at 3 months (a time point, not an end) and 60% for 7 months', [{ reliefPercent: 80, reliefAt: '3 months' }, { reliefPercent: 60, reliefDuration: '7 months' }], 'met'],
  ])('%s', (_what, reports, status) => {
    const r = repeat(reports as Record<string, unknown>[]);
    expect(r.status).toBe(status);
    expect(r.flagged).toBe(status === 'not_met');
  });
});

describe('ESI-R1: reports that disagree on how long the prior ESI helped', () => {
  const session = { procedure: 'transforaminal_esi', levels: ['L5-S1'], date: '2024-06-01' };
  test.each([
    ['"70% for 4 months" in a letter against "wore off after 3 weeks" in a note', [{ reliefPercent: 70, reliefDuration: '4 months' }, { reliefPercent: 0, reliefDuration: '3 weeks' }], true],
    ['"70% for 4 months" against "60% for 14 weeks": both long enough', [{ reliefPercent: 70, reliefDuration: '4 months' }, { reliefPercent: 60, reliefDuration: '14 weeks' }], false],
  ])('%s', (_what, reports, flagged) => {
    const e = run({ base: esi, add: (a) => { for (const r of reports) a('prior_procedure', { ...session, ...r }); } });
    expect(e.flags.some((f) => f.code === 'REPEAT_ESI_WITHOUT_RESPONSE')).toBe(flagged);
  });
});

describe('FJ-DX2: the block before the request is the latest dated one; an undated block beside it is of the past', () => {
  test.each([
    ['an undated IA injection "some years ago" with relief in words, a dated MBB with 85%', [{ procedure: 'facet_injection', side: 'left' }, { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], date: '2026-02-24', reliefPercent: 85, intent: 'diagnostic' }], 'met'],
    ['only an undated block, relief not quantified', [{ procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], intent: 'diagnostic' }], 'not_documented'],
    ['a dated block with 40%', [{ procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], date: '2025-02-01', reliefPercent: 40, intent: 'diagnostic' }], 'not_met'],
  ])('%s', (_what, blocks, status) => {
    const e = run({ base: facet, noteDate: '2026-03-03', patch: (f, i) => { attrs(f, i.request!).sequence = 2; }, add: (a) => { for (const b of blocks) a('prior_procedure', b as Record<string, string | number | boolean | string[] | null>); } });
    expect(e.reviews.find((v) => v.policy === 'cms-lcd-facet')!.criteria.find((x) => x.id === 'FJ-DX2')!.status).toBe(status);
  });
});

describe('ESI-R1: a repeat asked for before the span has passed since the prior injection', () => {
  const flagged = (date: string, reports: Record<string, string | number | boolean | string[] | null>[], noteDate = '2026-03-10') =>
    run({ base: esi, noteDate, add: (a) => { for (const r of reports) a('prior_procedure', { procedure: 'caudal_esi', date, ...r }); } })
      .reviews.find((v) => v.policy === 'cms-lcd-esi')!.criteria.find((x) => x.id === 'ESI-R1')!;
  test.each([
    ['5 weeks after, 70% then 50%', '2026-02-03', [{ reliefPercent: 70, reliefAt: '3 weeks' }, { reliefPercent: 50 }], 'not_met'],
    ['4 weeks after, 80% still', '2026-02-10', [{ reliefPercent: 80 }], 'not_met'],
    ['16 weeks after, 60% for 14 weeks', '2025-11-18', [{ reliefPercent: 60, reliefDuration: '14 weeks' }], 'met'],
    ['5 weeks after, relief in words only', '2026-02-03', [{ reliefQualitative: 'significant' }], 'not_documented'],
    ['the same day (the service under review)', '2026-03-10', [{ reliefPercent: 80, reliefAt: 'immediate' }], 'not_documented'],
  ])('%s', (_what, date, reports, status) => {
    expect(flagged(date, reports as Record<string, string | number | boolean | string[] | null>[]).status).toBe(status);
  });
});

describe('ESI-R1: a series whose earlier injection fell short in numbers and whose latest is told only in words (dev writer 10A)', () => {
  const status = (sessions: Record<string, string | number | boolean | string[] | null>[]) =>
    run({ base: esi, noteDate: '2026-02-10', add: (a) => { for (const s of sessions) a('prior_procedure', { procedure: 'interlaminar_esi', levels: ['L4-L5'], ...s }); } })
      .reviews.find((v) => v.policy === 'cms-lcd-esi')!.criteria.find((x) => x.id === 'ESI-R1')!.status;
  test.each([
    ['#1 40%, #2 "helped some"', [{ date: '2025-08-20', reliefPercent: 40 }, { date: '2025-11-05', reliefQualitative: 'some' }], 'not_met'],
    ['#1 60% for 3 weeks, #2 "took the edge off"', [{ date: '2025-08-20', reliefPercent: 60, reliefDuration: '3 weeks' }, { date: '2025-11-05', reliefQualitative: 'some' }], 'not_met'],
    ['#1 30%, #2 "partial relief"', [{ date: '2025-06-01', reliefPercent: 30 }, { date: '2025-10-01', reliefQualitative: 'partial' }], 'not_met'],
    ['#1 70% for 4 months, #2 "helped some": the first showed a response', [{ date: '2025-03-01', reliefPercent: 70, reliefDuration: '4 months' }, { date: '2025-10-01', reliefQualitative: 'some' }], 'not_documented'],
    ['#1 unquantified, #2 unquantified', [{ date: '2025-06-01', reliefQualitative: 'some' }, { date: '2025-10-01', reliefQualitative: 'partial' }], 'not_documented'],
  ])('%s', (_what, sessions, want) => {
    expect(status(sessions as unknown as Record<string, string | number | boolean | string[] | null>[])).toBe(want);
  });
});

describe('INCONSISTENT_RELIEF_REPORTS: a report dated at its follow-up and one told by how long it lasted are two times (dev writer 11C)', () => {
  const session = { procedure: 'interlaminar_esi', levels: ['L4-L5'], date: '2025-09-16' };
  test.each([
    ['0% at 7 weeks, 42.9% that lasted 2 weeks', { reliefPercent: 0, reliefDate: '2025-11-04', reliefDuration: '2 weeks' }, { reliefPercent: 42.9, reliefDuration: '2 weeks' }, false],
    ['10% on 11/04, 70% for 3 weeks', { reliefPercent: 10, reliefDate: '2025-11-04' }, { reliefPercent: 70, reliefDuration: '3 weeks' }, false],
    ['two reports of the same follow-up date', { reliefPercent: 10, reliefDate: '2025-11-04' }, { reliefPercent: 70, reliefDate: '2025-11-04' }, true],
    ['two reports that lasted the same span', { reliefPercent: 20, reliefDuration: '3 weeks' }, { reliefPercent: 80, reliefDuration: '3 weeks' }, true],
  ])('%s', (_what, a1, a2, flagged) => {
    const e = run({ base: esi, add: (a) => { a('prior_procedure', { ...session, ...a1 }); a('prior_procedure', { ...session, ...a2 }); } });
    expect(e.flags.map((x) => x.code).includes('INCONSISTENT_RELIEF_REPORTS')).toBe(flagged);
  });
});

describe('FJ-RFA-R: a repeat asked for before the span has passed since the prior ablation (dev writer 11A)', () => {
  const status = (date: string, reports: Record<string, unknown>[], noteDate = '2026-01-05') => {
    const e = run({ base: facet, patch: rfaRequest, noteDate, add: (a) => { for (const r of reports) a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5', 'L5-S1'], side: 'bilateral', date, ...r } as Record<string, string | number | boolean | string[] | null>); } });
    return e.reviews.find((v) => v.policy === 'cms-lcd-facet')!.criteria.find((x) => x.id === 'FJ-RFA-R')!.status;
  };
  test.each([
    ['4.8 months after, 70% at 2 weeks and 62.5% at 6 weeks', '2025-08-19', [{ reliefPercent: 70, reliefAt: '2 weeks' }, { reliefPercent: 62.5, reliefAt: '6 weeks' }], 'not_met'],
    ['3 months after, 80% still', '2025-10-05', [{ reliefPercent: 80 }], 'not_met'],
    ['8 months after, 70% for 7 months', '2025-05-05', [{ reliefPercent: 70, reliefDuration: '7 months' }], 'met'],
    ['4 months after, relief in words only', '2025-09-05', [{ reliefQualitative: 'significant' }], 'not_documented'],
  ])('%s', (_what, date, reports, want) => {
    expect(status(date, reports as Record<string, unknown>[])).toBe(want);
  });
});
