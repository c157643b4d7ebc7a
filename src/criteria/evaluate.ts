/**
 * facts → case → one review per (requested procedure × policy covering it) → flags →
 * determination (contract "Determination"). Pure apart from loading the frozen policy and code
 * data once.
 */
import { buildCase } from '../case/build.ts';
import type { Case, CaseRequest } from '../case/schema.ts';
import type { CriterionResult, Fact, Flag, Outcome } from '../schema/review.ts';
import { CHECKS, CHECK_IDS } from './checks/index.ts';
import { loadCodeTable, type CodeTable } from './code-table.ts';
import { DETECTORS } from './flags/index.ts';
import { chooseGoverning } from './governing.ts';
import { decideItems, type Item } from './items.ts';
import { loadPolicies, referencedThresholds, resolveParams, type Policy } from './policy.ts';

export interface EvaluateOptions {
  noteDate?: string;
  /** `--policy` overrides: evaluate only these; the first that covers the request governs. */
  policies?: string[];
  /** Injected data (tests); defaults to the repository's policy and code files. */
  policySet?: readonly Policy[];
  codeTable?: CodeTable;
}

export interface WouldMeet { criterion: string; status: string; action: string }

export interface EvaluatedReview {
  policy: string;
  governing: boolean;
  governingBasis?: string;
  policyTitle: string;
  policyVersion: string;
  verifiedOn: string;
  request: { procedure: string; levels: string[]; side?: string; codes: string[]; [k: string]: unknown };
  outcome: Outcome;
  criteria: CriterionResult[];
  citation: string;
  flags: Flag[];
  items: Item[];
  wouldMeet?: WouldMeet[];
}

export interface Evaluation {
  case: Case;
  reviews: EvaluatedReview[];
  flags: Flag[];
  determination: 'meets' | 'does_not_meet' | 'insufficient_documentation' | 'no_request_found';
}

const RANK: Record<Outcome, number> = { does_not_meet: 0, insufficient_documentation: 1, meets: 2 };

function effectiveIntent(r: CaseRequest): string {
  return r.intent ?? (r.procedure === 'radiofrequency_ablation' ? 'therapeutic' : 'diagnostic');
}

export function evaluateCriteria(c: Case, r: CaseRequest, policy: Policy, codes: CodeTable): CriterionResult[] {
  return policy.criteria.filter((d) => d.appliesTo.includes(r.procedure as never)).map((d) => {
    const base = { id: d.id, text: d.text, check: d.check, confidence: d.confidence, source: d.source };
    const thresholds = referencedThresholds(policy, d.params);
    if (d.intent && r.family === 'facet' && effectiveIntent(r) !== d.intent) {
      return { ...base, status: 'not_applicable' as const, reason: `applies to ${d.intent} requests only`, evidence: [] };
    }
    const res = CHECKS[d.check]!(c, resolveParams(policy, d.params), { request: r, policy, codes });
    return { ...base, status: res.status, reason: res.reason, evidence: res.evidence, ...(Object.keys(thresholds).length ? { thresholds } : {}) };
  });
}

export function outcomeOf(criteria: CriterionResult[]): Outcome {
  const applicable = criteria.filter((x) => x.status !== 'not_applicable');
  if (applicable.some((x) => x.status === 'not_met')) return 'does_not_meet';
  if (applicable.some((x) => x.status === 'not_documented')) return 'insufficient_documentation';
  return 'meets';
}

function dedupe(flags: Flag[]): Flag[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    const k = `${f.code}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function evaluate(facts: Fact[], opts: EvaluateOptions = {}): Evaluation {
  const codes = opts.codeTable ?? loadCodeTable();
  const policies = opts.policySet ?? loadPolicies(CHECK_IDS);
  const c = buildCase(facts, opts.noteDate ?? null, codes);
  const caseFlags = DETECTORS.filter((d) => d.scope === 'case').flatMap((d) => (d.scope === 'case' ? d.detect({ case: c, codes }) : []));
  const reviews: EvaluatedReview[] = [];
  const governingOutcomes: Outcome[] = [];
  const governingFlags: Flag[] = [];

  for (const r of c.requests) {
    const covering = policies.filter((p) => p.appliesTo.includes(r.procedure as never));
    const chosen = opts.policies?.length ? covering.filter((p) => opts.policies!.includes(p.id)) : [];
    const evaluated = chosen.length ? chosen : covering;
    if (!evaluated.length) continue;
    const gov = chooseGoverning(c, r, evaluated, opts.policies);
    for (const policy of evaluated) {
      const criteria = evaluateCriteria(c, r, policy, codes);
      const outcome = outcomeOf(criteria);
      const ctx = { case: c, codes, request: r, policy, criteria };
      const reviewFlags = DETECTORS.flatMap((d) => (d.scope === 'review' ? d.detect(ctx) : []));
      const flags = dedupe([...caseFlags, ...reviewFlags]);
      const isGov = gov?.policy === policy.id;
      const defs = new Map(policy.criteria.map((d) => [d.id, d]));
      const review: EvaluatedReview = {
        policy: policy.id,
        governing: isGov,
        ...(isGov ? { governingBasis: gov!.basis } : {}),
        policyTitle: policy.title,
        policyVersion: policy.version,
        verifiedOn: policy.verifiedOn,
        request: {
          procedure: r.procedure, levels: r.levels, ...(r.side ? { side: r.side } : {}),
          codes: r.codes.map((l) => l.code),
          ...(r.intent ? { intent: r.intent } : {}), ...(r.sedation ? { sedation: r.sedation } : {}),
          ...(r.guidance ? { guidance: r.guidance } : {}), factIds: r.factIds,
        },
        outcome,
        criteria,
        citation: policy.citation,
        flags,
        items: decideItems(c, r, policy, outcome, criteria, flags, codes),
      };
      if (outcome !== 'meets') {
        review.wouldMeet = criteria.filter((x) => x.status === 'not_met' || x.status === 'not_documented')
          .map((x) => ({ criterion: x.id, status: x.status, action: defs.get(x.id)!.wouldMeet }));
      }
      reviews.push(review);
      if (isGov) { governingOutcomes.push(outcome); governingFlags.push(...reviewFlags); }
    }
  }
  const determination = governingOutcomes.length
    ? governingOutcomes.reduce((a, b) => (RANK[b] < RANK[a] ? b : a))
    : 'no_request_found';
  return { case: c, reviews, flags: dedupe([...caseFlags, ...governingFlags]), determination };
}
