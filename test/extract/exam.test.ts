import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

/** Exam findings of a short note as "test result side" strings, sorted. */
function exam(body: string): string[] {
  const review = reviewSource(textSource(`PHYSICAL EXAMINATION:\n${body}\n`));
  return review.facts.filter((f) => f.type === 'exam_finding')
    .map((f) => [f.attributes.test, f.attributes.result, f.attributes.side ?? '-'].join(' ')).sort();
}

describe('exam_finding: results and sides per test (annotation §4.10)', () => {
  test.each([
    ['SLR + R at 40 deg, - L.', ['straight_leg_raise negative left', 'straight_leg_raise positive right']],
    ['Straight leg raise positive on the left at 40 degrees, negative on the right.', ['straight_leg_raise negative right', 'straight_leg_raise positive left']],
    ['SLR neg B/L.', ['straight_leg_raise negative bilateral']],
    ['In the supine position, straight leg raise testing produces axial low back pain.', ['straight_leg_raise negative -']],
    ['Straight leg raises do not elicit any leg complaints.', ['straight_leg_raise negative -']],
    ['The right SLR is limited to 70 degrees, provoking back pain, with a positive Bragard sign.', ['straight_leg_raise positive right']],
    ['Seated, straight leg was negative on the LLE and also negative on the RLE.', ['straight_leg_raise negative bilateral']],
  ])('SLR: %s', (text, want) => { expect(exam(text)).toEqual(want); });

  test.each([
    ['Reflexes 2+ and symmetric at the knees and ankles.', ['reflex_change negative bilateral']],
    ['DTRs are +1 at the knees and ankles.', ['reflex_change negative bilateral']],
    ['Patellar reflex 2+ on the right and 1+ on the left.', ['reflex_change negative right', 'reflex_change positive left']],
    ['Knee jerks 2+ bilaterally, but the ankle jerk is diminished on the right.', ['reflex_change negative left', 'reflex_change positive right']],
    ['Achilles reflex absent on the left, 1+ on the right.', ['reflex_change positive left']],
    ['Reflexes are 2+ in both knees and absent at both ankles.', ['reflex_change positive bilateral']],
  ])('reflexes: %s', (text, want) => { expect(exam(text)).toEqual(want); });

  test.each([
    ['Strength 5/5 throughout.', ['motor_deficit negative -']],
    ['EHL strength 4/5 on the right, 5/5 on the left.', ['motor_deficit negative left', 'motor_deficit positive right']],
    ['There is weakness of the right hip flexors as compared to the left.', ['motor_deficit negative left', 'motor_deficit positive right']],
    ['Hip flexors 4-/4-, hip adductors 5/5.', ['motor_deficit positive bilateral']],
    ['Motor strength is 5/5 in the upper extremity muscle groups tested.', []],
  ])('motor: %s', (text, want) => { expect(exam(text)).toEqual(want); });

  test.each([
    ['Sensation intact to light touch.', ['sensory_deficit negative -']],
    ['Sensation is decreased in the left foot, otherwise intact to pinprick.', ['sensory_deficit negative right', 'sensory_deficit positive left']],
    ['Sensory examination is symmetric.', ['sensory_deficit negative bilateral']],
  ])('sensory: %s', (text, want) => { expect(exam(text)).toEqual(want); });

  test.each([
    ['Tender R lumbar paraspinals.', ['paraspinal_tenderness positive right']],
    ['No paraspinal tenderness.', ['paraspinal_tenderness negative -']],
    ['He is nontender to palpation over the spinous processes, SI joints, or paralumbar musculature.', ['paraspinal_tenderness negative -']],
    ['There is mild midline tenderness and right PSIS tenderness.', []],
    ['Tightness in the lumbar paraspinals.', []],
    ['Facet loading positive on the R, negative on the L.', ['facet_loading negative left', 'facet_loading positive right']],
    ['No pain with facet loading.', ['facet_loading negative -']],
    ["Kemp's test positive on the right.", ['extension_rotation_pain positive right']],
    ['Pain with extension and right rotation.', ['extension_rotation_pain positive right']],
    ['Lumbar range of motion limited in extension.', []],
  ])('provocative tests and tenderness: %s', (text, want) => { expect(exam(text)).toEqual(want); });

  test('a time arrow separates two examinations (initial -> discharge)', () => {
    expect(exam('SLR: positive R at 60 deg -> negative B/L.')).toEqual(['straight_leg_raise negative bilateral', 'straight_leg_raise positive right']);
  });

  test('complaints and instructions are not examination findings', () => {
    const review = reviewSource(textSource('HISTORY:\nShe complains of weakness in the right leg and denies numbness.\n\nPLAN:\nCall for increased pain, weakness or sensory changes.\n'));
    expect(review.facts.filter((f) => f.type === 'exam_finding')).toEqual([]);
  });

  test.each([
    ['He returned to the clinic on 1/5/95 for follow-up.'],
    ['Normal quadriceps and patellar tendons.'],
    ['Corneal reflex trace on the right.'],
  ])('not a lower-extremity examination finding: %s', (text) => { expect(exam(text)).toEqual([]); });
});
