import { describe, expect, test } from 'vitest';
import { blankUncheckedOptions, uncheckedOptions } from '../../src/nlp/checkboxes.ts';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

describe('an option beside an empty box says nothing, not even a value', () => {
  test.each([
    ['SLR: [ ] + L  [ ] + R  [X] neg bilat', 'SLR: [ ]      [ ]      [X] neg bilat'],
    ['Facet loading: [X] + bilat  [ ] neg', 'Facet loading: [X] + bilat  [ ]    '],
    ['Result: ( ) positive (x) negative', 'Result: ( )          (x) negative'],
    ['Side: ☐ left ☒ right', 'Side: ☐      ☒ right'],
    ['Sedation: [ ] MAC\n[X] local', 'Sedation: [ ]    \n[X] local'],
  ])('%s', (line, blanked) => {
    expect(blankUncheckedOptions(line)).toBe(blanked);
    expect(blankUncheckedOptions(line)).toHaveLength(line.length);
  });
  test('a minus box is an answer ("(-) left"), kept; no box, the same string', () => {
    expect(blankUncheckedOptions('SLR (-) left, (+) right')).toBe('SLR (-) left, (+) right');
    const plain = 'SLR negative bilaterally.';
    expect(blankUncheckedOptions(plain)).toBe(plain);
    expect(uncheckedOptions('ROS: [-] numbness').length).toBe(1);
  });
  test.each([
    ['SLR: [ ] + L  [ ] + R  [X] neg bilat', 'negative'],
    ['Straight leg raise: [ ] positive L  [ ] positive R  [X] negative', 'negative'],
    ['SLR:  ( ) pos  (X) neg', 'negative'],
    ['SLR: [X] + L  [ ] + R  [ ] neg bilat', 'positive'],
    ['SLR: ☒ positive right ☐ negative', 'positive'],
  ])('exam form %s → SLR %s', (line, result) => {
    const r = reviewSource(textSource(`PAIN CLINIC FOLLOW-UP\nDate of service: 02/01/2026\nEXAM\n${line}\n`, 'n.txt'));
    const slr = r.facts.filter((f) => f.type === 'exam_finding' && f.attributes.test === 'straight_leg_raise' && f.assertion === 'present');
    expect(slr.map((f) => f.attributes.result)).toEqual([result]);
  });
});

describe('a question answered no on the line below says nothing present', () => {
  const rad = (text: string) => reviewSource(textSource(`PRIOR AUTHORIZATION QUESTIONNAIRE\nProcedure requested: bilateral L4-5 medial branch block\n${text}\n`, 'q.txt'))
    .facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present');
  test.each([
    'Q10. Does the member have radicular symptoms or exam findings of radiculopathy?\n     > No',
    'Radiating leg pain below the knee?\n  No',
    'Does the patient have sciatica?\n- none',
    'Leg pain radiating into the foot?\nAnswer: No',
    'Any radicular pain down the leg?\n   > N',
  ])('%s', (text) => {
    expect(rad(text)).toEqual([]);
  });
  test('answered yes, the symptom stands', () => {
    expect(rad('Radiating leg pain below the knee?\n  > Yes, right leg to the foot').length).toBeGreaterThan(0);
  });
});
