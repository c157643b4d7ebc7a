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
