import type { NlpDoc } from '../nlp/types.ts';
import type { Resources } from '../resources.ts';
import type { Fact } from '../schema/review.ts';

export function extractFacts(_nlp: NlpDoc, _res: Resources): Fact[] {
  return [];
}
