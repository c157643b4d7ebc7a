/** Policy and code data: valid, sourced, dated, with UNCONFIRMED items visibly marked. */
import { describe, expect, test } from 'vitest';
import { CHECK_IDS } from '../../src/criteria/checks/index.ts';
import { codeValidity, loadCodeTable, lookupCode } from '../../src/criteria/code-table.ts';
import { loadPolicies, parsePolicy } from '../../src/criteria/policy.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { POLICY_IDS } from '../../src/schema/review.ts';

const policies = loadPolicies(CHECK_IDS);
const codes = loadCodeTable();

describe('policy files', () => {
  test('exactly the contract\'s four policies load, each naming only registered checks', () => {
    expect(policies.map((p) => p.id).sort()).toEqual([...POLICY_IDS].sort());
  });

  test.each(policies.map((p) => [p.id, p] as const))('%s has a version, a verifiedOn date, and a source for every threshold and criterion', (_id, p) => {
    expect(p.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.version.length).toBeGreaterThan(5);
    for (const t of Object.values(p.thresholds)) expect(t.source.length).toBeGreaterThan(5);
    for (const c of p.criteria) {
      expect(c.source.length).toBeGreaterThan(5);
      expect(c.wouldMeet.length).toBeGreaterThan(10);
    }
  });

  test('UNCONFIRMED items stay marked in the data', () => {
    const byId = Object.fromEntries(policies.map((p) => [p.id, p]));
    expect(byId['cms-lcd-facet']!.criteria.find((c) => c.id === 'FJ-FUSED')!.confidence).toBe('UNCONFIRMED');
    expect(byId['aetna-cpb-0016']!.thresholds.rfaBlockReliefPercent!.confidence).toBe('UNCONFIRMED');
    expect(byId.odg!.thresholds.blockReliefPercent).toMatchObject({ value: 70, confidence: 'UNCONFIRMED' });
    expect(byId['cms-lcd-facet']!.thresholds.blockReliefPercent).toMatchObject({ value: 80, confidence: 'C' });
  });

  test('a criterion naming an unknown check or a missing threshold is a config error', () => {
    const p = JSON.parse(JSON.stringify(policies[0]));
    p.criteria[0].check = 'no_such_check';
    expect(() => parsePolicy(p, 'x.json', CHECK_IDS)).toThrow(ConfigError);
    const q = JSON.parse(JSON.stringify(policies[0]));
    q.criteria[0].params = { minMonths: '$nope' };
    expect(() => parsePolicy(q, 'x.json', CHECK_IDS)).toThrow(/missing threshold/);
  });
});

describe('code table', () => {
  test.each([
    ['M54.5', '2021-09-30', true],
    ['M54.5', '2021-10-01', false],
    ['M54.50', '2022-01-01', true],
    ['M47.81', '2024-01-01', false],
    ['M47.816', '2024-01-01', true],
    ['M51.36', '2024-06-01', true],
    ['M51.36', '2025-06-01', false],
    ['99154', '2025-01-01', false],
    ['J2000', '2025-01-01', false],
    ['64493', '2025-01-01', true],
  ])('%s on %s is valid: %s', (code, date, valid) => {
    expect(codeValidity(codes, code, date).valid).toBe(valid);
  });

  test('J2001 is IV-infusion lidocaine; J2003 is a lidocaine code marked UNCONFIRMED', () => {
    expect(lookupCode(codes, 'J2001')).toMatchObject({ drug: 'lidocaine', ivInfusionOnly: true, confidence: 'C' });
    expect(lookupCode(codes, 'J2003')).toMatchObject({ drug: 'lidocaine', localAnesthetic: true, confidence: 'UNCONFIRMED' });
  });

  test('add-on codes name their primary and what they count; "with imaging guidance" codes say so', () => {
    expect(lookupCode(codes, '64494')).toMatchObject({ role: 'addon', addOnOf: '64493', levelsCounted: 1 });
    expect(lookupCode(codes, '64484')).toMatchObject({ role: 'addon', addOnOf: '64483', levelsCounted: 'each' });
    expect(lookupCode(codes, '64493')!.includesGuidance).toBe(true);
    expect(lookupCode(codes, '77003')).toMatchObject({ role: 'guidance', guidance: 'fluoroscopy' });
    expect(lookupCode(codes, '64490')!.region).toEqual(['cervical', 'thoracic']);
  });

  test('every entry names a known source', () => {
    for (const e of codes.byCode.values()) expect(codes.sources[e.source] ?? (e.source.includes(' ') ? e.source : undefined)).toBeTruthy();
  });
});
