/**
 * Criteria evaluation entry point: facts → case model → one review per (request, policy) → flags
 * → determination. See CONTRACT.md "Determination" and src/criteria/README.md.
 */
import type { Fact, Flag, Review } from '../schema/review.ts';
import type { Case } from '../case/schema.ts';
import { evaluate, type EvaluateOptions as FullOptions } from './evaluate.ts';

export type EvaluateOptions = FullOptions;

export interface Evaluation {
  case: Case;
  reviews: Review[];
  flags: Flag[];
  determination: 'meets' | 'does_not_meet' | 'insufficient_documentation' | 'no_request_found';
}

export function evaluateCase(facts: Fact[], opts: EvaluateOptions = {}): Evaluation {
  return evaluate(facts, opts) as unknown as Evaluation;
}

export { evaluate } from './evaluate.ts';
export { buildCase } from '../case/build.ts';
