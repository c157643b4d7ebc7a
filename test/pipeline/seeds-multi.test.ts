/**
 * Issue 10: both seed re-tellings give the seeds' determinations and deficiencies, and a
 * multi-document version of each (fax cover, request form, office note, procedure note; written by
 * a helper blind to the code, samples/seeds-multi/) gives the same review.
 */
import { describe, expect, test } from 'vitest';
import { reviewFile } from '../../src/pipeline/review.ts';

const review = async (path: string) => {
  const r = await reviewFile(path);
  const gov = r.reviews.find((v) => (v as { governing?: boolean }).governing) as { policy: string; outcome: string };
  return { determination: r.determination, policy: gov.policy, outcome: gov.outcome, flags: [...new Set(r.flags.map((f) => f.code))].sort() };
};

describe.each([
  ['seed-payer-mbb', 'aetna-cpb-0016'],
  ['seed-imr-mbb', 'odg'],
])('%s: one document and the same case as a faxed packet', (name, policy) => {
  test('the same determination, governing policy and deficiencies', async () => {
    const single = await review(`samples/${name}.txt`);
    const multi = await review(`samples/seeds-multi/${name}-multi.txt`);
    expect(single).toMatchObject({ determination: 'does_not_meet', policy });
    expect(multi).toEqual(single);
  });
});
