import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

const payers = (text: string) => reviewSource(textSource(text)).facts.filter((f) => f.type === 'payer').map((f) => f.attributes.name);

describe('no payer is read from a word that merely contains it', () => {
  test.each([
    'PAST MEDICAL HISTORY: hypertension.',
    'Medical decision making: moderate.',
    'Independent medical examination requested by the patient.',
    'MEDICAL RECORDS attached.',
    'He works as a medical assistant.',
  ])('%s', (text) => {
    expect(payers(text)).not.toContain('medicaid');
  });
  test.each(['Insurance: Medi-Cal managed care', 'Payer: MEDI-CAL', 'Coverage: Medi Cal (Anthem Blue Cross)', 'Insurance: Medicaid', 'medi-cal member'])('%s is Medicaid', (text) => {
    expect(payers(text)).toContain('medicaid');
  });
});

describe('workers\' compensation: strong words name it, shared words only together', () => {
  const governing = (text: string) => reviewSource(textSource(`${text}\nPlan: right L5 transforaminal ESI under fluoroscopy.\nRight leg pain to the foot for 6 months.`)).reviews.find((r) => r.governing)?.policy;
  test.each([
    ['Self-funded plan; claims administrator: KeyPoint Benefit Services', 'cms-lcd-esi'],
    ['Auto accident. Date of injury: 03/02/2025.', 'cms-lcd-esi'],
    ['Claim number WC-22-118; date of injury 03/02/2025', 'odg'],
    ["Workers' compensation claim.", 'odg'],
    ['PR-2 progress report.', 'odg'],
  ])('%s → %s', (text, policy) => {
    expect(governing(text)).toBe(policy);
  });
});

describe('a reason for sedation argued over a paragraph, or told as a movement disorder (dev writer 19A, d19a-05)', () => {
  const reasons = (text: string) => reviewSource(textSource(text)).facts.filter((f) => f.type === 'sedation_reason').map((f) => f.attributes.reason);
  test.each([
    'Why sedation is needed. Mrs. H has had Parkinson\'s disease for twelve years. She has severe peak-dose levodopa-induced dyskinesias. Her neurologist has adjusted her regimen repeatedly.',
    'We request moderate sedation. She has had Huntington disease for a decade. Continuous choreiform movements of the trunk make positioning unsafe.',
    'Moderate sedation is requested for this patient. Her essential tremor has worsened. At the last attempt she could not hold still for the needle. The procedure had to be stopped.',
    'IV sedation is medically necessary. He has cerebral palsy. Involuntary movements of the legs persist in the prone position.',
    'Sedation: moderate (midazolam). Reason: tardive dyskinesia with constant truncal movements.',
  ])('%s', (text) => {
    expect(reasons(`PLAN: L4-5 interlaminar ESI under fluoroscopy.\n${text}`)).toContain('inability_to_lie_still');
  });
  test('a movement word far from any sedation is no reason', () => {
    expect(reasons('HPI: She has Parkinson disease with mild dyskinesias.\n\nPLAN: L4-5 interlaminar ESI under fluoroscopy, local only.')).toEqual([]);
  });
});
