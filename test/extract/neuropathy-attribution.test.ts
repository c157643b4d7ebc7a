import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import { textSource } from '../helpers.ts';

const res = loadResources();
const review = (text: string) => reviewSource(textSource(`Date: 11/20/2025\n${text}`), { resources: res });

describe('numbness and findings a note puts down to a polyneuropathy are no root\'s (dev d17a-04)', () => {
  test.each([
    'HPI: Axial low back pain. He also reports numbness and night-time burning in both feet up to about mid-shin, present since 2019; his PCP attributes this to diabetic neuropathy.',
    'HPI: Low back pain, no radiation. Tingling in both feet for years, due to her diabetic polyneuropathy.',
    'EMG/NCS\nReason: bilateral foot numbness; r/o lumbar radiculopathy vs peripheral neuropathy.\nInterpretation: length-dependent sensorimotor polyneuropathy, consistent with diabetic polyneuropathy. No evidence of lumbosacral radiculopathy.',
    'HPI: Back pain across the belt line. Burning feet in a stocking distribution, explained by his known peripheral neuropathy.',
    'HPI: Facet-type low back pain. Numb toes bilaterally, which neurology relates to a length-dependent neuropathy (B12 deficiency).',
  ])('%s', (text) => {
    expect(review(text).facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present')).toEqual([]);
  });

  test.each([
    'EXAM: Sensation decreased to monofilament and pinprick in both feet up to mid-shin. Achilles reflexes absent bilaterally.\nASSESSMENT: Facet pain. The foot numbness and absent ankle reflexes are from the neuropathy, not a lumbar root.',
    'EXAM: Decreased vibration and pinprick in both feet. Ankle jerks absent bilaterally.\nIMPRESSION: Sensory loss consistent with diabetic polyneuropathy; facet arthropathy L4-S1.',
  ])('the exam findings stay, marked as the neuropathy\'s: %s', (text) => {
    const r = review(text);
    const found = r.facts.filter((f) => f.type === 'exam_finding' && ['sensory_deficit', 'reflex_change'].includes(String(f.attributes.test)) && f.attributes.result === 'positive');
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.attributes.explainedBy).toBe('neuropathy');
  });

  test('leg pain that radiates is still radicular beside a neuropathy told of the feet', () => {
    const r = review('HPI: Right leg pain radiating down the back of the thigh into the calf. Separately, he has diabetic neuropathy of the feet.');
    expect(r.facts.some((f) => f.type === 'radicular_pain' && f.assertion === 'present')).toBe(true);
  });
});
