/**
 * Criteria evaluation entry point: facts → case model → one review per (request, policy) → flags
 * → determination. See CONTRACT.md "Determination".
 */
import type { Fact, Flag, Review } from '../schema/review.ts';

export interface EvaluateOptions {
  noteDate?: string;
  /** `--policy` overrides: evaluate only these; the first governs. */
  policies?: string[];
}

export interface Evaluation {
  case: Record<string, unknown>;
  reviews: Review[];
  flags: Flag[];
  determination: 'meets' | 'does_not_meet' | 'insufficient_documentation' | 'no_request_found';
}

export function evaluateCase(_facts: Fact[], _opts: EvaluateOptions = {}): Evaluation {
  return { case: {}, reviews: [], flags: [], determination: 'no_request_found' };
}
