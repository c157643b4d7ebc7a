import { describe, expect, test } from 'vitest';
import { findCodes } from '../../../src/nlp/values/codes.ts';
import { normalizeView } from '../../../src/model/doc.ts';

function codes(s: string) {
  return findCodes(normalizeView(s)).map((c) => ({ system: c.system, code: c.code, modifiers: c.modifiers, ...(c.units !== undefined ? { units: c.units } : {}) }));
}

describe('findCodes', () => {
  describe('ICD-10-CM', () => {
    test.each([
      ['M47.816 Spondylosis without myelopathy or radiculopathy, lumbar region', 'M47.816'],
      ['M54.16 lumbar radiculopathy', 'M54.16'],
      ['M51.16', 'M51.16'],
      ['M48.061 spinal stenosis', 'M48.061'],
      ['M96.1 postlaminectomy syndrome', 'M96.1'],
      ['Z98.1 arthrodesis status', 'Z98.1'],
      ['M54.5 low back pain', 'M54.5'],
      ['G89.29 other chronic pain', 'G89.29'],
      ['S33.5XXA lumbar sprain', 'S33.5XXA'],
      ['Dx: M47816', 'M47.816'],
      ['ICD-10: M5416', 'M54.16'],
      ['Diagnosis codes: M47.816, M5116', 'M51.16'],
    ])('%s → %s', (text, code) => {
      expect(codes(text).map((c) => c.code)).toContain(code);
      expect(codes(text).every((c) => c.system === 'icd10')).toBe(true);
    });

    test('a list keeps every code in order', () => {
      expect(codes('ICD-10: M54.16, M51.16, M47.816').map((c) => c.code)).toEqual(['M54.16', 'M51.16', 'M47.816']);
    });

    test.each([
      ['L4-5 disc bulge'],
      ['L4 and S1 nerve roots'],
      ['T12 compression fracture'],
      ['M47816 without a label'],
      ['hemoglobin A1c 6.5'],
      ['Dx: L45'],
    ])('not an ICD-10 code: %s', (text) => {
      expect(codes(text)).toEqual([]);
    });
  });

  describe('ICD-9 only in an ICD-9 context', () => {
    test('labelled ICD-9 codes are read', () => {
      expect(codes('ICD-9: 724.4, 722.10')).toEqual([
        { system: 'icd9', code: '724.4', modifiers: [] },
        { system: 'icd9', code: '722.10', modifiers: [] },
      ]);
    });
    test('a diagnosis list without an ICD-9 label still reads its codes, V-codes included', () => {
      const s = 'DIAGNOSES:\n1. Post lumbar fusion        V45.4\n2. Axial low back pain      724.2\n';
      expect(codes(s)).toEqual([
        { system: 'icd9', code: 'V45.4', modifiers: [] },
        { system: 'icd9', code: '724.2', modifiers: [] },
      ]);
      expect(codes('ALLOWED CONDITIONS: 726.31 right medial epicondylitis; 354.0 right carpal tunnel syndrome.').map((c) => c.code))
        .toEqual(['726.31', '354.0']);
      expect(codes('PREOPERATIVE DIAGNOSIS: Sacroiliitis (720.2), myalgia (729.1).').map((c) => c.code)).toEqual(['720.2', '729.1']);
    });
    test('a decimal with a unit under a diagnosis heading is not a code', () => {
      expect(codes('Assessment: temp 100.4 F, weight 180.5 lbs')).toEqual([]);
    });
    test('a bare decimal is not an ICD-9 code', () => {
      expect(codes('temperature 100.4, weight 180.5')).toEqual([]);
      expect(codes('724.4')).toEqual([]);
    });
  });

  describe('CPT', () => {
    test.each([
      ['CPT 64493-50', { code: '64493', modifiers: ['50'] }],
      ['64493 RT KX', { code: '64493', modifiers: ['RT', 'KX'] }],
      ['64494 x1', { code: '64494', modifiers: [], units: 1 }],
      ['64484 x 2 units', { code: '64484', modifiers: [], units: 2 }],
      ['64484 units: 2', { code: '64484', modifiers: [], units: 2 }],
      ['64483-LT', { code: '64483', modifiers: ['LT'] }],
      ['64635 59 XS', { code: '64635', modifiers: ['59', 'XS'] }],
      ['77003 fluoroscopic guidance', { code: '77003', modifiers: [] }],
      ['62323 lumbar interlaminar ESI with imaging', { code: '62323', modifiers: [] }],
      ['CPT code 22851-59', { code: '22851', modifiers: ['59'] }],
      ['CPT: 12345', { code: '12345', modifiers: [] }],
    ])('%s', (text, expected) => {
      expect(codes(text)).toEqual([{ system: 'cpt', ...expected }]);
    });

    test('a code table row: modifier and quantity columns', () => {
      expect(codes('TFESI L/S      64483      RT    1       M51.17')).toEqual([
        { system: 'cpt', code: '64483', modifiers: ['RT'], units: 1 },
        { system: 'icd10', code: 'M51.17', modifiers: [] },
      ]);
      expect(codes('  724.2   Diagnostic lumbar medial branch block, bilateral L4-5     64493-50    1\n').find((c) => c.system === 'cpt'))
        .toEqual({ system: 'cpt', code: '64493', modifiers: ['50'], units: 1 });
    });
    test('a quantity at the end of a code row belongs to the row\'s code', () => {
      expect(codes('  J3301  Triamcinolone acetonide, per 10 mg                x8\n  J2001  Lidocaine HCl, 10 mg   x3\n'))
        .toEqual([
          { system: 'hcpcs', code: 'J3301', modifiers: [], units: 8 },
          { system: 'hcpcs', code: 'J2001', modifiers: [], units: 3 },
        ]);
    });
    test('a billing line lists several codes', () => {
      expect(codes('Procedure codes: 64493, 64494, 77003').map((c) => c.code)).toEqual(['64493', '64494', '77003']);
    });

    test.each([
      ['Sacramento, CA 95816'],
      ['Kansas City MO 64493'],
      ['Phone 916-555-1234'],
      ['Fax: (555) 123-45678'],
      ['Claim # 64493'],
      ['claim number 64493'],
      ['zip 64493'],
      ['Member ID 64493'],
      ['MRN: 99213'],
      ['12345 Main Street'],
      ['12345-6789'],
      ['20230314'],
      ['$64493'],
    ])('not a CPT code: %s', (text) => {
      expect(codes(text)).toEqual([]);
    });
  });

  describe('HCPCS', () => {
    test.each([
      ['J2003', 'J2003'],
      ['J1030 methylprednisolone 40 mg', 'J1030'],
      ['J3301 x 4 units', 'J3301'],
      ['Q9967 contrast', 'Q9967'],
      ['HCPCS: A4550', 'A4550'],
    ])('%s', (text, code) => {
      expect(codes(text)).toEqual([expect.objectContaining({ system: 'hcpcs', code })]);
    });
    test('units after a drug code', () => {
      expect(codes('J3301 x 4 units')[0]!.units).toBe(4);
    });
    test('a letter-digit token without context is not HCPCS', () => {
      expect(codes('room A4550')).toEqual([]);
    });
  });

  test('offsets cover the code and its modifiers', () => {
    const s = 'Billed: 64493-50 and 64494-50.';
    const v = normalizeView(s);
    expect(findCodes(v).map((c) => s.slice(c.start, c.end))).toEqual(['64493-50', '64494-50']);
  });
});

describe('a modifier written with its label, as EHR order lines do (dev writer 9A)', () => {
  test.each([
    ['   CPT 64635  Mod 50  Units 1   Destruction by neurolytic agent', '64635', ['50'], 1],
    ['   CPT 64636  Mod 50  Units 2   ... lumbar/sacral, each additional facet joint', '64636', ['50'], 2],
    ['64493 Modifier: 50  Qty 1', '64493', ['50'], 1],
    ['64494 mod RT x1', '64494', ['RT'], 1],
    ['64483  Mods: LT   Units: 1', '64483', ['LT'], 1],
  ])('%s', (text, code, modifiers, units) => {
    expect(findCodes(text)).toEqual([expect.objectContaining({ code, modifiers, units })]);
  });
  test('a "mod" that is no modifier is left alone', () => {
    expect(findCodes('64635  moderate sedation 1')[0]?.modifiers).toEqual([]);
  });
});

describe("a coverage policy's or article's id is no diagnosis code (dev d16c-02)", () => {
  test.each([
    ['ICD-10-CM:  M47.816\nPolicy referenced:  LCD L38801 / A58403 Facet Joint Interventions', ['M47.816']],
    ['Dx: M5416, M5126 per LCD L39242', ['M54.16', 'M51.26']],
    ['ICD-10: M47816 (LCD L38803, article A58405)', ['M47.816']],
    ['Criteria: LCD L38801 and billing article A58403 apply. Dx M47.816', ['M47.816']],
    ['Diagnosis: M51.16; reviewed under Local Coverage Determination L39240', ['M51.16']],
  ])('%s', (text, want) => {
    expect(codes(text).filter((c) => c.system === 'icd10').map((c) => c.code)).toEqual(want);
  });
});
