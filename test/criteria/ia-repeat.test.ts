/**
 * A repeat therapeutic intra-articular facet injection (LCD L38801): the reason the patient is not an
 * RFA candidate, told as a negated candidacy, and the prior injection's relief when no mention of
 * that session tells its intent.
 */
import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

const criterion = (text: string, id: string) => reviewSource(textSource(text, 'p.txt')).reviews.find((r) => r.policy === 'cms-lcd-facet')?.criteria.find((c) => c.id === id);
const note = (reason: string) => `OFFICE NOTE  Date: 01/20/2026\nHPI: 66 y/o with 4 years of axial low back pain, no leg pain. PT 8 weeks and NSAIDs failed.\n${reason}\nPLAN: Repeat right L4-5 intra-articular facet joint injection (therapeutic) under fluoroscopy, local only.\n`;

describe('a negated candidacy for RFA is the reason a therapeutic injection is asked for (dev writer 19A, d19a-04)', () => {
  test.each([
    'Because of that prior neuritis I do not consider her a candidate for repeat radiofrequency ablation.',
    'IMPRESSION: Facet pain; not a radiofrequency candidate because of the post-ablation neuritis in 2023.',
    'He is not a good candidate for RFA given his severe anxiety with the last lesioning.',
    'We do not feel she is a candidate for radiofrequency neurotomy due to the prior neuritis.',
    'Assessment: Not an RF neurotomy candidate (spinal cord stimulator in place).',
  ])('%s', (reason) => {
    expect(criterion(note(reason), 'FJ-IA-NORFA')?.status).toBe('met');
  });
  test('a candidacy told as such is no reason', () => {
    expect(criterion(note('If the injection helps only briefly, she would be a candidate for RFA.'), 'FJ-IA-NORFA')?.status).toBe('not_documented');
  });
});

describe("the prior injection's relief counts when no mention tells its intent", () => {
  test.each([
    'On 07/22/2025 we performed right L4-5 intra-articular facet joint injections. At her one-month visit the pain had gone from 8/10 to 3/10, and the benefit held until early December.',
    'Right L4-5 IA facet injection 07/22/2025: 65% relief for about 4 months.',
  ])('%s', (history) => {
    expect(criterion(note(`History: ${history}\nNot a candidate for RFA (pacemaker).`), 'FJ-IA-R')?.status).toBe('met');
  });
});
