import type { Case, CaseRequest } from '../case/schema.ts';
import type { CodeTable } from './code-table.ts';
import type { Policy } from './policy.ts';

export type Status = 'met' | 'not_met' | 'not_documented' | 'not_applicable';
export interface CheckResult { status: Status; reason: string; evidence: string[] }
export interface CheckContext { request: CaseRequest; policy: Policy; codes: CodeTable }
/** A criterion check: pure, thresholds only from `params` (style.md: never in the code). */
export type Check = (c: Case, params: Readonly<Record<string, unknown>>, ctx: CheckContext) => CheckResult;

export const result = (status: Status, reason: string, evidence: string[] = []): CheckResult =>
  ({ status, reason, evidence: [...new Set(evidence)] });
