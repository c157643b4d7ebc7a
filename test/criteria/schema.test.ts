import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { renderSchema } from '../../src/cli/commands/schema.ts';
import { evaluateCase } from '../../src/criteria/index.ts';
import { REPO_ROOT } from '../../src/resources.ts';
import { seed000, seed003 } from './fixtures/seeds.ts';
import { cleanEsiCase, cleanFacetCase } from './fixtures/facts.ts';

const committed = join(REPO_ROOT, 'schema', 'review.schema.json');

function output(facts: ReturnType<typeof seed000>['facts'], noteDate?: string) {
  const e = evaluateCase(facts, { noteDate });
  return {
    schemaVersion: '1',
    document: { id: 'a'.repeat(64), name: 'x.txt', mediaType: 'text/plain', pages: 1, ocrPages: [] },
    facts, case: e.case, reviews: e.reviews, flags: e.flags, determination: e.determination,
  };
}

describe('the exported JSON Schema', () => {
  test('the committed schema/review.schema.json is what `mednec schema` generates now', () => {
    expect(readFileSync(committed, 'utf8'), 'run: node bin/mednec.js schema --out schema/review.schema.json').toBe(renderSchema());
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(committed, 'utf8')));
  test.each([
    ['seed 000', seed000().facts, '2023-05-02'],
    ['seed 003', seed003().facts, '2014-09-22'],
    ['clean facet case', cleanFacetCase().facts, '2025-01-01'],
    ['clean ESI case', cleanEsiCase().facts, '2025-01-01'],
    ['an empty packet', [], undefined],
  ])('a review of %s validates against it', (_name, facts, date) => {
    const ok = validate(output(facts, date));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('a review with a misspelt outcome does not validate', () => {
    const o = output(seed000().facts, '2023-05-02');
    (o.reviews[0] as { outcome: string }).outcome = 'approved';
    expect(validate(o)).toBe(false);
  });
});
