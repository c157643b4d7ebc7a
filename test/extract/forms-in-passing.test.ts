import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import type { Fact } from '../../src/schema/review.ts';
import { textSource } from '../helpers.ts';

const res = loadResources();
const facts = (text: string): Fact[] => reviewSource(textSource(text), { resources: res }).facts;

describe("a form's line of check boxes ends its answer there: '[X] None' negates nothing on the next line (dev d16c-05)", () => {
  test.each([
    'PRIOR AUTHORIZATION REQUEST\nProcedure: right L4-5, L5-S1 medial branch block\nOther procedures same day?   [ ] SI joint  [ ] ESI  [ ] TPI   [X] None\nRadiofrequency neurotomy being considered if diagnostic blocks\npositive (>=80% x2):  [X] Yes   [ ] No',
    'PRECERTIFICATION\nService: bilateral L4-5 MBB\nAdditional services: [X] None  [ ] Sedation\nRFA planned if both blocks are positive.',
    'AUTH REQUEST\nProcedure: left L5-S1 medial branch block\nSame-day procedures: (x) none\nIf positive, radiofrequency ablation of the same nerves will follow.',
    'REQUEST FORM\nService requested: right L3-4, L4-5 MBB\nConcurrent injections?  [X] None\nPlan: radiofrequency neurotomy if >=80% relief twice.',
    'PRIOR AUTHORIZATION FORM\nProcedure: bilateral L5-S1 MBB\nPrior spine injections: [X] None   [ ] Yes\nWill proceed to RF ablation after two positive blocks.',
  ])('%s', (text) => {
    const rfa = facts(text).filter((f) => f.attributes.procedure === 'radiofrequency_ablation');
    expect(rfa.length).toBeGreaterThan(0);
    expect(rfa.every((f) => f.assertion !== 'absent')).toBe(true);
  });
  test('a check box answer still negates its own line', () => {
    const f = facts('AUTH REQUEST\nProcedure: left L5-S1 medial branch block\nPrior radiofrequency ablation?  [X] None\n');
    expect(f.filter((x) => x.attributes.procedure === 'radiofrequency_ablation' && x.assertion === 'present')).toEqual([]);
  });
});

describe('a count of provocation tests out of five is no strength grade (dev d16c-05)', () => {
  test.each([
    'EXAM: SI provocation cluster (thigh thrust, distraction, compression,\nGaenslen, sacral thrust): 0/5. Hip exam normal.',
    'Laslett cluster 1/5 positive (thigh thrust only).',
    'SIJ provocation tests: 0/5 positive.',
    'Provocative maneuvers for the SI joint (distraction, compression, thigh thrust, sacral thrust, Gaenslen): 1/5.',
    "Laslett's criteria: 0 of 5.",
  ])('%s', (text) => {
    expect(facts(text).filter((f) => f.type === 'exam_finding' && f.attributes.test === 'motor_deficit')).toEqual([]);
  });
});
