/**
 * A dictation transcribed without punctuation is split into statements at its cues
 * (lexicons/values/dictation.json), and its inline headings set the sections that follow.
 */
import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { isRunOn } from '../../src/nlp/run-on.ts';
import { textSource } from '../helpers.ts';

const review = (body: string) => reviewSource(textSource(`SPINE CLINIC\nDictation - follow-up - 03/10/2026 - A. Smith MD\n\n${body}\n`, 'dictation.txt'));
const exam = (r: ReturnType<typeof review>, test: string) => r.facts.filter((f) => f.type === 'exam_finding' && f.attributes.test === test).map((f) => f.attributes.result);

describe('a run-on dictation', () => {
  test('is told by its length and its want of stops and commas', () => {
    expect(isRunOn('this is a 54 year old woman seen back today '.repeat(12))).toBe(true);
    expect(isRunOn('She has pain, which is worse standing, and she did PT, which helped, and she takes meloxicam, daily. '.repeat(5))).toBe(false);
    expect(isRunOn('short note no stops')).toBe(false);
  });

  test.each([
    ['she does not have any pain going down the leg no numbness no tingling she did 10 weeks of physical therapy last summer twice a week with no real change she has taken meloxicam 15 mg daily for over a year exam today tender right paraspinals at L4 through S1 facet loading positive on the right straight leg raise negative both sides strength 5 out of 5 throughout sensation intact reflexes 2 plus and equal impression right L4-5 facet mediated pain plan scheduling for right L4-5 and L5-S1 radiofrequency ablation under fluoroscopy'],
    ['he has had low back pain for three years worse with standing and extension he denies leg pain he completed 8 weeks of PT without lasting benefit he takes naproxen twice a day physical exam shows facet loading positive bilaterally straight leg raising negative bilaterally strength is normal sensation intact assessment lumbar facet arthropathy at L4-5 and L5-S1 plan bilateral L4-5 and L5-S1 radiofrequency ablation under fluoroscopy'],
    ['the patient reports axial low back pain since 2022 no radiating symptoms the patient did 12 visits of physical therapy and home exercise she uses ibuprofen daily on examination she is tender over the lower lumbar facets facet loading positive on the left straight leg raise negative reflexes symmetric impression left L4-5 and L5-S1 facet pain recommendation proceed with left L4-5 and L5-S1 radiofrequency ablation under fluoroscopy'],
  ])('is read statement by statement: %s', (body) => {
    const r = review(body);
    expect(exam(r, 'straight_leg_raise')).toEqual(['negative']);
    expect(exam(r, 'facet_loading')).toEqual(['positive']);
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
    expect(r.facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present')).toEqual([]);
    expect(r.facts.filter((f) => f.type === 'conservative_care' && f.attributes.modality === 'physical_therapy').map((f) => f.assertion)).toEqual(['present']);
  });

  test('a relative clause and a clause joined by "and" stay with their statement', () => {
    const r = review('the first block was in january with lidocaine to the right L3 and L4 medial branches and her pain went from 8 to 1 for a little over two hours per her diary the second block was 6 wks ago with bupivacaine same targets and she had about 85 percent relief for roughly five hours then back to baseline both blocks local only no sedation under fluoro she did 10 weeks of physical therapy which the patient states did not help and she does home exercises plan right L4-5 and L5-S1 radiofrequency ablation');
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'medial_branch_block').map((f) => f.attributes.reliefPercent).sort()).toEqual([85, 87.5]);
  });
});
