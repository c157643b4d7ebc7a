/** Governing policy and determination exactly as the contract's "Determination" section says. */
import { describe, expect, test } from 'vitest';
import { evaluateCase } from '../../src/criteria/index.ts';
import type { Fact } from '../../src/schema/review.ts';
import { cleanEsiCase, cleanFacetCase } from './fixtures/facts.ts';

type R = { policy: string; governing?: boolean; outcome: string; policyVersion?: string; citation: string };
const governing = (facts: Fact[], policies?: string[]) =>
  (evaluateCase(facts, { noteDate: '2025-03-01', policies }).reviews as R[]).filter((r) => r.governing).map((r) => r.policy);

describe('governing policy', () => {
  test.each([
    ['no payer or criteria set, facet request', cleanFacetCase, [], 'cms-lcd-facet'],
    ['no payer or criteria set, ESI request', cleanEsiCase, [], 'cms-lcd-esi'],
    ['payer Medicare Advantage', cleanFacetCase, [['payer', { name: 'medicare_advantage' }]], 'cms-lcd-facet'],
    ['payer Aetna, facet request', cleanFacetCase, [['payer', { name: 'aetna' }]], 'aetna-cpb-0016'],
    ['payer Aetna, ESI request (CPB 0016 not encoded for ESI)', cleanEsiCase, [['payer', { name: 'aetna' }]], 'cms-lcd-esi'],
    ['workers\' compensation', cleanFacetCase, [['payer', { name: 'workers_comp' }]], 'odg'],
    ['a named LCD beats the payer', cleanFacetCase, [['payer', { name: 'aetna' }], ['criteria_set', { name: 'lcd', id: 'L38801' }]], 'cms-lcd-facet'],
    ['named ODG beats a Medicare payer', cleanFacetCase, [['payer', { name: 'medicare' }], ['criteria_set', { name: 'odg' }]], 'odg'],
    ['named MCG maps to odg', cleanEsiCase, [['criteria_set', { name: 'mcg' }]], 'odg'],
    ['named CPB 0016', cleanFacetCase, [['criteria_set', { name: 'cpb', id: '0016' }]], 'aetna-cpb-0016'],
    ['commercial payer falls back to the CMS LCD', cleanFacetCase, [['payer', { name: 'commercial' }]], 'cms-lcd-facet'],
  ] as const)('%s → %s', (_n, base, extra, expected) => {
    const b = base();
    for (const [t, a] of extra) b.add(t as Fact['type'], a as Fact['attributes']);
    expect(governing(b.facts)).toEqual([expected]);
  });

  test('--policy evaluates only that policy and it governs, whatever the packet names', () => {
    const b = cleanFacetCase();
    b.add('payer', { name: 'aetna' });
    const e = evaluateCase(b.facts, { noteDate: '2025-03-01', policies: ['odg'] });
    expect(e.reviews.map((r) => [r.policy, (r as R).governing])).toEqual([['odg', true]]);
  });

  test('without --policy every policy covering the procedure is reviewed, exactly one governs', () => {
    const e = evaluateCase(cleanFacetCase().facts, { noteDate: '2025-03-01' });
    expect(e.reviews.map((r) => r.policy).sort()).toEqual(['aetna-cpb-0016', 'cms-lcd-facet', 'odg']);
    expect(e.reviews.filter((r) => (r as R).governing)).toHaveLength(1);
  });

  test('each review states the policy version and citation', () => {
    for (const r of evaluateCase(cleanEsiCase().facts).reviews as R[]) {
      expect(r.policyVersion).toBeTruthy();
      expect(r.citation).toMatch(/verified \d{4}-\d{2}-\d{2}/);
    }
  });
});

describe('determination', () => {
  test('no requested procedure → no_request_found with no reviews', () => {
    const b = cleanFacetCase();
    const e = evaluateCase(b.facts.filter((f) => f.type !== 'requested_procedure'));
    expect(e.determination).toBe('no_request_found');
    expect(e.reviews).toEqual([]);
  });

  test('several requests → the worst governing outcome', () => {
    const b = cleanFacetCase();
    b.add('requested_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], side: 'right', guidance: 'fluoroscopy' });
    const e = evaluateCase(b.facts, { noteDate: '2025-03-01' });
    const gov = (e.reviews as R[]).filter((r) => r.governing).map((r) => [r.policy, r.outcome]);
    expect(gov).toEqual(expect.arrayContaining([['cms-lcd-facet', 'meets'], ['cms-lcd-esi', 'does_not_meet']]));
    expect(e.determination).toBe('does_not_meet');
  });

  test('an undocumented criterion with none unmet gives insufficient_documentation', () => {
    const b = cleanFacetCase();
    const e = evaluateCase(b.facts.filter((f) => f.id !== b.ids.duration), { noteDate: '2025-03-01' });
    expect(e.determination).toBe('insufficient_documentation');
    const gov = e.reviews.find((r) => (r as R).governing) as unknown as { wouldMeet: { criterion: string; action: string }[] };
    expect(gov.wouldMeet).toEqual([{ criterion: 'FJ-2A', status: 'not_documented', action: expect.stringMatching(/3 months/) }]);
  });

  test('coding flags deny or correct their line but leave a clinical meets alone', () => {
    const b = cleanFacetCase();
    b.add('procedure_code', { system: 'hcpcs', code: 'J2003', units: 1, description: 'lidocaine' });
    b.add('procedure_code', { system: 'cpt', code: '77003', units: 1 });
    b.add('diagnosis_code', { code: 'M47.81' });
    const e = evaluateCase(b.facts, { noteDate: '2025-03-01' });
    expect(e.determination).toBe('meets');
    expect(e.flags.map((f) => f.code).sort()).toEqual(['BUNDLED_CODE', 'BUNDLED_CODE', 'INVALID_CODE']);
    const items = (e.reviews.find((r) => (r as R).governing) as unknown as { items: { code?: string; decision: string }[] }).items;
    expect(items.filter((i) => i.code).map((i) => [i.code, i.decision])).toEqual([
      ['64493', 'approve'], ['64494', 'approve'], ['J2003', 'deny'], ['77003', 'deny'],
    ]);
  });

  test('a code line with the wrong add-on units is marked for correction', () => {
    const b = cleanFacetCase();
    b.facts.find((f) => f.id === b.ids.cpt2)!.attributes.units = 3;
    const e = evaluateCase(b.facts, { noteDate: '2025-03-01' });
    const items = (e.reviews.find((r) => (r as R).governing) as unknown as { items: { code?: string; decision: string }[] }).items;
    expect(items.find((i) => i.code === '64494')?.decision).toBe('correct');
    expect(e.determination).toBe('meets');
  });
});

describe('add-on units', () => {
  test.each([
    [['L3-L4', 'L4-L5', 'L5-S1'], [['64493', 1], ['64494', 1], ['64495', 1]], false],
    [['L2-L3', 'L3-L4', 'L4-L5', 'L5-S1'], [['64493', 1], ['64494', 1], ['64495', 1]], false],
    [['L4-L5', 'L5-S1'], [['64493', 1], ['64494', 1], ['64495', 1]], true],
    [['L4-L5', 'L5-S1'], [['64493', 1]], true],
  ] as const)('levels %j billed as %j → CODE_LEVEL_MISMATCH %s', (levels, lines, raised) => {
    const b = cleanFacetCase();
    const facts = b.facts.filter((f) => f.type !== 'procedure_code');
    facts.find((f) => f.id === b.ids.request)!.attributes.levels = [...levels];
    let n = 100;
    for (const [code, units] of lines) facts.push({ id: `f${n++}`, type: 'procedure_code', assertion: 'present', attributes: { system: 'cpt', code, units, modifiers: ['50'] }, evidence: [{ page: 1, start: 0, end: 1, text: 'x' }] });
    const codes = evaluateCase(facts, { noteDate: '2025-03-01' }).flags.map((f) => f.code);
    expect(codes.includes('CODE_LEVEL_MISMATCH')).toBe(raised);
  });

  test('general anesthesia for a facet block is denied as an item even with a documented reason', () => {
    const b = cleanFacetCase();
    b.facts.find((f) => f.id === b.ids.request)!.attributes.sedation = 'general';
    b.add('sedation_reason', { reason: 'anxiety' });
    const gov = evaluateCase(b.facts, { noteDate: '2025-03-01' }).reviews.find((r) => (r as R).governing) as unknown as { items: { item: string; decision: string }[] };
    expect(gov.items.find((i) => /general/.test(i.item))?.decision).toBe('deny');
  });
});

test('a therapeutic intra-articular injection under the LCD needs two qualifying blocks and a reason RFA is not an option', () => {
  const b = cleanFacetCase();
  Object.assign(b.facts.find((f) => f.id === b.ids.request)!.attributes, { procedure: 'facet_injection', intent: 'therapeutic' });
  const e = evaluateCase(b.facts, { noteDate: '2025-03-01', policies: ['cms-lcd-facet'] });
  const crit = Object.fromEntries(e.reviews[0]!.criteria.map((c) => [c.id, c.status]));
  expect(crit).toMatchObject({ 'FJ-IA-2': 'not_documented', 'FJ-IA-NORFA': 'not_documented', 'FJ-DX2': 'not_applicable' });
  expect(e.determination).toBe('insufficient_documentation');
});
