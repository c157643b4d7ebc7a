import type { Case, CaseRequest } from '../../case/schema.ts';
import type { CriterionResult, Flag } from '../../schema/review.ts';
import type { CodeTable } from '../code-table.ts';
import type { Policy } from '../policy.ts';
import type { FLAG_CODES } from '../../schema/review.ts';

export type FlagCode = (typeof FLAG_CODES)[number];
export type Severity = 'critical' | 'major' | 'minor';

export interface CaseFlagContext { case: Case; codes: CodeTable }
export interface ReviewFlagContext extends CaseFlagContext { request: CaseRequest; policy: Policy; criteria: CriterionResult[] }

/**
 * One detector per flag code. `case` detectors are policy-independent (coding and documentation
 * contradictions) and run once; `review` detectors depend on a policy's thresholds and run per
 * (request, policy) review.
 */
export type FlagDetector =
  | { code: FlagCode; severity: Severity; scope: 'case'; detect(ctx: CaseFlagContext): Flag[] }
  | { code: FlagCode; severity: Severity; scope: 'review'; detect(ctx: ReviewFlagContext): Flag[] };

export function flag(code: FlagCode, severity: Severity, message: string, evidence: string[], extra: Record<string, unknown> = {}): Flag {
  return { code, severity, message, evidence: [...new Set(evidence)], ...extra };
}

export const isFacetRequest = (r: CaseRequest) => r.family === 'facet' || r.family === 'rfa';
export const pretty = (s: string) => s.replace(/_/g, ' ');
export const levelText = (r: CaseRequest) => `${r.side ? `${r.side} ` : ''}${(r.levels.length ? r.levels : ['(levels not stated)']).join(', ')}`;

/** Criteria of this review computed by a given check, with the statuses that raise the flag. */
export function failing(ctx: ReviewFlagContext, check: string, statuses: string[] = ['not_met']): CriterionResult[] {
  return ctx.criteria.filter((c) => c.check === check && statuses.includes(c.status));
}
