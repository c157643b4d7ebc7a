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

describe('a procedure the requested one prepares for is planned, not asked for (dev d16b-01)', () => {
  test.each([
    'Date: 01/06/2026\nPLAN:\nRequesting diagnostic medial branch blocks bilateral L4-5 and L5-S1. The blocks are in preparation for RF neurotomy.',
    'Date: 01/06/2026\nPLAN: Bilateral L4-5, L5-S1 MBB in anticipation of radiofrequency ablation.',
    'Date: 01/06/2026\nPlan: right L5-S1 medial branch block as a prelude to RF ablation.',
    'Date: 01/06/2026\nPLAN: diagnostic MBB, right L4-5 and L5-S1, to determine candidacy for radiofrequency neurotomy.',
    'Date: 01/06/2026\nPlan: bilateral L3-4 MBB with a view to RFA if concordant.',
  ])('%s', (text) => {
    const rfa = facts(text).filter((f) => f.type === 'requested_procedure' && f.attributes.procedure === 'radiofrequency_ablation');
    expect(rfa.map((f) => f.assertion)).toEqual(['hypothetical']);
  });
});

describe('an earlier request decided against leaves the plan for the same procedure standing (dev d16b-01)', () => {
  test.each([
    'Date: 01/06/2026\nPLAN:\nRF neurotomy requested 12/11/2025 was non-certified 12/17/2025 because no block has been done. Requesting diagnostic medial branch blocks bilateral L4-5 and L5-S1. If the block gives >= 70% relief, I will then resubmit RF neurotomy.',
    'Date: 01/06/2026\nPLAN:\nThe RFA was denied on 12/17/2025. We will do a bilateral L4-5 MBB first; if positive, RFA.',
    'Date: 01/06/2026\nPLAN:\nDenial of the radiofrequency ablation noted. Diagnostic MBB right L5-S1 now; RF ablation will be considered afterwards.',
    'Date: 01/06/2026\nPLAN:\nOur request for RFA was not approved. Will request right L4-5 medial branch blocks; radiofrequency ablation to follow if both are positive.',
    'Date: 01/06/2026\nPLAN:\nNon-certification of lumbar RFA 12/2025 reviewed. Proceed with diagnostic MBB left L4-5, L5-S1; RF neurotomy if >= 80% relief.',
  ])('%s', (text) => {
    const rfa = facts(text).filter((f) => f.type === 'requested_procedure' && f.attributes.procedure === 'radiofrequency_ablation');
    expect(rfa.some((f) => f.assertion === 'hypothetical')).toBe(true);
  });
});

describe('a procedure a note only muses about is no request (dev d16b-02)', () => {
  test.each([
    'Date: 12/01/2025\nA/P:\n3. Chronic LBP - perhaps an epidural steroid injection would help her back; will defer to pain mgmt.',
    'Date: 12/01/2025\nPlan: maybe an epidural injection down the road; referral to spine.',
    'Date: 12/01/2025\nAssessment/Plan: An epidural steroid injection might help; she will think about it.',
    'Date: 12/01/2025\nPLAN: I wonder whether an ESI could help her leg; pain clinic to decide.',
    'Date: 12/01/2025\nA/P: LBP. An epidural may help. Pain management referral.',
  ])('%s', (text) => {
    const esi = facts(text).filter((f) => f.type === 'requested_procedure' && /esi|epidural/.test(String(f.attributes.procedure)));
    expect(esi.every((f) => f.assertion !== 'present')).toBe(true);
  });
});

describe("a block's result told before it, opening its statement, is a block done (dev d16b-02)", () => {
  test.each([
    'Date: 12/22/2025\nA/P: Lumbar facet-mediated pain, L4-5 and L5-S1 bilateral (M47.816).\nTwo concordant diagnostic MBBs >= 80%. Plan bilateral L4-5, L5-S1 RFA, fluoro, local only.',
    'Date: 12/22/2025\nAssessment: Both positive medial branch blocks (90%, 85%). Plan: RFA bilateral L4-5.',
    'Date: 12/22/2025\nPlan: two positive bilateral L4-5, L5-S1 MBBs; proceed with radiofrequency ablation.',
    'Date: 12/22/2025\nA/P: Two successful comparative blocks. Request RFA right L5-S1.',
    'Date: 12/22/2025\nPLAN:\nPositive diagnostic MBBs x2 documented. Submit RFA, bilateral L3-4, L4-5.',
  ])('%s', (text) => {
    const mbb = facts(text).filter((f) => f.type === 'requested_procedure' && f.attributes.procedure === 'medial_branch_block' && f.assertion === 'present');
    expect(mbb).toEqual([]);
  });
  test.each(['Date: 12/22/2025\nPLAN: If two positive diagnostic MBBs, then RFA.', 'Date: 12/22/2025\nPLAN: Bilateral L4-5 MBB; requires two positive diagnostic blocks before RFA.'])('a condition is no result: %s', (text) => {
    expect(facts(text).some((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'medial_branch_block' && f.assertion === 'present')).toBe(false);
  });
});

describe("a form's question answered no negates what it names (dev d17c-03)", () => {
  test.each([
    'UM QUESTIONNAIRE - FACET\nProcedure: bilateral L4-5 medial branch block\n12. Other invasive pain procedure (ESI, SI, TPI) planned same\n    session?                                                    [ ] Yes  [X] No\n13. Imaging guidance:  [X] Fluoroscopy',
    'PRIOR AUTHORIZATION REQUEST\nProcedure: right L5-S1 medial branch block\nAdditional procedure (epidural steroid injection) same day?  No',
    'PRECERT FORM\nService: bilateral L4-5 MBB\nESI requested at the same visit?   [X] No   [ ] Yes',
    'AUTHORIZATION REQUEST\nProcedure: left L4-5 medial branch block\nConcurrent trigger point injection?: NO',
    'REQUEST FORM\nService: right L3-4, L4-5 MBB\nWill an epidural injection be done the same day?  N',
  ])('%s', (text) => {
    const other = facts(text).filter((f) => f.type === 'requested_procedure' && f.assertion === 'present' && f.attributes.procedure !== 'medial_branch_block');
    expect(other).toEqual([]);
  });
  test('a question answered yes keeps what it names', () => {
    const f = facts('PRIOR AUTHORIZATION REQUEST\nProcedure: right L5-S1 medial branch block\nPrior lumbar surgery?   [X] Yes   [ ] No   L5-S1 laminectomy 2019');
    expect(f.some((x) => x.type === 'surgery' && x.assertion === 'present')).toBe(true);
  });
  test('the lines before the question are no part of it', () => {
    const f = facts('PRIOR AUTHORIZATION REQUEST\nProcedure: L4-5 ILESI\nConservative treatment tried:\n  home exercises, chiropractic, NSAIDs - no lasting relief\nFormal physical therapy completed?   [ ] Yes   [X] No');
    expect(f.filter((x) => x.type === 'conservative_care' && x.assertion === 'absent' && ['home_exercise', 'chiropractic'].includes(String(x.attributes.modality)))).toEqual([]);
  });
});
