import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

const patient = (text: string) => reviewSource(textSource(text)).facts.filter((f) => f.type === 'patient').map((f) => f.attributes);

describe('age and sex from form fields and the date of birth', () => {
  test.each([
    ['MEMBER: Howard P., male, 67', { age: 67, sex: 'male' }],
    ['Pt: Eleanor S., 70 F', { age: 70, sex: 'female' }],
    ['Date of service: 03/12/2025\nPatient: Ostrowski, Marlene R   DOB: 04/22/1957   Sex: F', { age: 67, sex: 'female' }],
    ['Visit date: 01/05/2026\nName: Lee, Ann   D.O.B. 01/06/1961   Gender: Female', { age: 64, sex: 'female' }],
    ['Beneficiary: Ernest L. Pacheco   Sex: M   Age 71', { age: 71, sex: 'male' }],
  ])('%s', (text, want) => {
    expect(patient(text)).toEqual([want]);
  });
  test('a dose after a comma is no age', () => {
    expect(patient('He takes meloxicam, 15 mg daily.')).toEqual([]);
  });
});
