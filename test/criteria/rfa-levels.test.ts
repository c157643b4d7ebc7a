/**
 * An RFA needs its diagnostic blocks at each joint it ablates (LCD L38801: two blocks "at the same
 * level(s)"): a second block moved to other levels confirms only the levels the two share. Each
 * session told in one sentence keeps its own levels.
 */
import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

const head = 'PAIN CLINIC PROGRESS NOTE\nDate of service: 11/18/2025\nHPI: 63 y/o with 3 years of axial low back pain, no radiation into the legs. Failed 8 weeks of PT and NSAIDs. MRI: facet arthropathy L3-S1.\n';
const review = (body: string) => reviewSource(textSource(head + body, 'p.txt'));
const rfa2 = (body: string) => review(body).reviews.find((r) => r.policy === 'cms-lcd-facet')?.criteria.find((c) => c.id === 'FJ-RFA-2');
const blocks = (body: string) => review(body).facts.filter((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'medial_branch_block')
  .map((f) => [f.attributes.date, f.attributes.levels, f.attributes.reliefPercent]);

describe('blocks that do not cover every joint to be ablated twice', () => {
  test.each([
    ['a block log', 'Prior blocks:\nMBB #1 09/10/2025 bilateral L4-5, L5-S1: 9/10 -> 1/10 for 2 hours.\nMBB #2 10/08/2025 bilateral L3-4, L4-5: 8/10 -> 1/10 for 5 hours.\nPlan: bilateral L4-5 and L5-S1 radiofrequency ablation.\n'],
    ['one sentence, two sessions', 'Diagnostic medial branch blocks were performed on 03/04/2025 at left L4-5 and L5-S1 with 90% relief, and on 04/01/2025 at left L3-4 and L4-5 with 85% relief.\nPlan: We are requesting left L4-5 and L5-S1 radiofrequency ablation.\n'],
    ['a table', 'Date        Procedure                 Levels            Relief\n06/02/2025  Diagnostic MBB #1         R L4-5, L5-S1     90%\n07/07/2025  Diagnostic MBB #2         R L3-4, L4-5      85%\n\nPlan: right L4-5, L5-S1 RFA.\n'],
    ['each block at one level', 'She had a right L5-S1 medial branch block on 02/11/2025 with 80% relief, then a right L4-5 medial branch block on 03/18/2025 with 90% relief.\nPlan: right L5-S1 radiofrequency ablation.\n'],
    ['the second block moved', 'First diagnostic MBB (01/14/2025): bilateral L5-S1, 85% relief for 3 hours. Second diagnostic MBB (02/25/2025) was done at bilateral L4-5 instead, 90% relief for 6 hours.\nAssessment/Plan: bilateral L4-5 and L5-S1 RF neurotomy.\n'],
  ])('%s: not met', (_, body) => {
    expect(rfa2(body)?.status).toBe('not_met');
  });

  test.each([
    ['both blocks at the requested joints', 'Prior blocks:\nMBB #1 09/10/2025 bilateral L4-5, L5-S1: 9/10 -> 1/10 for 2 hours.\nMBB #2 10/08/2025 bilateral L4-5, L5-S1: 8/10 -> 1/10 for 5 hours.\nPlan: bilateral L4-5 and L5-S1 radiofrequency ablation.\n'],
    ['a later mention names one of a session\'s joints', 'Prior blocks:\nMBB #1 09/10/2025 bilateral L4-5, L5-S1: 9/10 -> 1/10 for 2 hours.\nMBB #2 10/08/2025 bilateral L4-5, L5-S1: 8/10 -> 1/10 for 5 hours.\nThe 10/08/2025 L5-S1 block gave him the best day he has had in a year.\nPlan: bilateral L4-5 and L5-S1 radiofrequency ablation.\n'],
    // (Blocks that agree with each other leave a request's other joint to the request's reading: its
    // levels read another way — nerves for joints — is the likelier cause; left to the reviewer.)
    ['blocks that agree, a request naming one more joint', 'Prior blocks:\nMBB #1 09/10/2025 bilateral L4-5: 9/10 -> 1/10 for 2 hours.\nMBB #2 10/08/2025 bilateral L4-5: 8/10 -> 1/10 for 5 hours.\nPlan: bilateral L4-5 and L5-S1 radiofrequency ablation.\n'],
  ])('%s: met', (_, body) => {
    expect(rfa2(body)?.status).toBe('met');
  });

  test('sessions told in one sentence keep their own levels', () => {
    expect(blocks('Diagnostic medial branch blocks were performed on 03/04/2025 at left L4-5 and L5-S1 with 90% relief, and on 04/01/2025 at left L3-4 and L4-5 with 85% relief.\n'))
      .toEqual([['2025-03-04', ['L4-L5', 'L5-S1'], 90], ['2025-04-01', ['L3-L4', 'L4-L5'], 85]]);
    expect(blocks('She had a right L5-S1 medial branch block on 02/11/2025 with 80% relief, then a right L4-5 medial branch block on 03/18/2025 with 90% relief.\n'))
      .toEqual([['2025-02-11', ['L5-S1'], 80], ['2025-03-18', ['L4-L5'], 90]]);
  });
});
