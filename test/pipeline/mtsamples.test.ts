import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readSourceFile } from '../../src/ingest/index.ts';
import { reviewSource } from '../../src/pipeline/review.ts';
import { ReviewOutputSchema } from '../../src/schema/review.ts';
import { evidenceProblems, HAS_SHARED, SHARED_DIR } from '../helpers.ts';

const dir = join(SHARED_DIR, 'corpus', 'mtsamples');

describe.skipIf(!HAS_SHARED)('all MTSamples notes (real transcriptions, ../shared/corpus/mtsamples)', () => {
  const files = HAS_SHARED ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
  test('there are 165 notes', () => {
    expect(files.length).toBe(165);
  });
  test('every note gives a contract-valid review whose evidence slices the page text exactly', async () => {
    const problems: string[] = [];
    for (const f of files) {
      const source = await readSourceFile(join(dir, f));
      const review = reviewSource(source);
      const parsed = ReviewOutputSchema.safeParse(review);
      if (!parsed.success) problems.push(`${f}: ${parsed.error.issues[0]?.message}`);
      problems.push(...evidenceProblems(review, source.pages.map((p) => p.text)).map((p) => `${f}: ${p}`));
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
