/** Each criterion check on hand-built facts: the statuses it can give, and the evidence it cites. */
import { describe, expect, test } from 'vitest';
import { buildCase } from '../../src/case/build.ts';
import { CHECKS } from '../../src/criteria/checks/index.ts';
import { loadCodeTable } from '../../src/criteria/code-table.ts';
import { loadPolicies } from '../../src/criteria/policy.ts';
import type { Fact } from '../../src/schema/review.ts';
import { factBuilder } from './fixtures/facts.ts';

const codes = loadCodeTable();
const policy = loadPolicies()[0]!;

type Spec = [string, Record<string, unknown>, (add: ReturnType<typeof factBuilder>['add']) => void, string];
const facetReq = (add: ReturnType<typeof factBuilder>['add'], extra: Record<string, unknown> = {}) =>
  add('requested_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], side: 'bilateral', ...extra });
const esiReq = (add: ReturnType<typeof factBuilder>['add'], extra: Record<string, unknown> = {}) =>
  add('requested_procedure', { procedure: 'transforaminal_esi', levels: ['L5-S1'], side: 'right', ...extra });

function runCheck(check: string, params: Record<string, unknown>, build: Spec[2], noteDate = '2025-03-01') {
  const b = factBuilder();
  build(b.add);
  const c = buildCase(b.facts as Fact[], noteDate, codes);
  return CHECKS[check]!(c, params, { request: c.requests[0]!, policy, codes });
}

const SPECS: Spec[] = [
  ['axial_predominant', {}, (a) => { facetReq(a); a('axial_pain', { region: 'lumbar' }); }, 'met'],
  ['axial_predominant', {}, (a) => { facetReq(a); a('axial_pain', { region: 'lumbar' }); a('radicular_pain', { belowKnee: true }); }, 'not_met'],
  ['axial_predominant', {}, (a) => { facetReq(a); }, 'not_documented'],
  ['baseline_scale', {}, (a) => { facetReq(a); a('pain_score', { scale: 'NRS', value: 7, context: 'current' }); }, 'met'],
  ['baseline_scale', {}, (a) => { facetReq(a); a('pain_score', { scale: 'NRS', value: 2, context: 'post_procedure' }); }, 'not_documented'],
  ['pain_duration', { minMonths: 3 }, (a) => { facetReq(a); a('pain_duration', { months: 6 }); }, 'met'],
  ['pain_duration', { minMonths: 3 }, (a) => { facetReq(a); a('pain_duration', { months: 1 }); }, 'not_met'],
  ['pain_duration', { minMonths: 3 }, (a) => { facetReq(a); }, 'not_documented'],
  // No stated length: a block 14 months before the review shows at least that long; one 2 months before shows nothing.
  ['pain_duration', { minMonths: 3 }, (a) => { facetReq(a); a('prior_procedure', { procedure: 'medial_branch_block', date: '2024-01-01' }); }, 'met'],
  ['pain_duration', { minMonths: 3 }, (a) => { facetReq(a); a('prior_procedure', { procedure: 'medial_branch_block', date: '2025-01-15' }); }, 'not_documented'],
  // A repeat request's recent length ("pain back for 3 weeks") is the recurrence: a block 14 months before still bounds it.
  ['pain_duration', { minMonths: 3 }, (a) => { facetReq(a); a('pain_duration', { months: 0.8 }); a('prior_procedure', { procedure: 'medial_branch_block', date: '2024-01-01' }); }, 'met'],
  ['pain_duration', { minMonths: 3 }, (a) => { facetReq(a); a('pain_duration', { months: 1 }); a('prior_procedure', { procedure: 'medial_branch_block', date: '2025-02-15' }); }, 'not_met'],
  ['conservative_care', { minWeeks: 6 }, (a) => { facetReq(a); a('conservative_care', { modality: 'physical_therapy', durationWeeks: 8, outcome: 'failed' }); }, 'met'],
  ['conservative_care', { minWeeks: 6 }, (a) => { facetReq(a); a('conservative_care', { modality: 'physical_therapy', durationWeeks: 4, outcome: 'failed' }); }, 'not_met'],
  ['conservative_care', { minWeeks: 6 }, (a) => { facetReq(a); a('conservative_care', { modality: 'physical_therapy', outcome: 'failed' }); }, 'not_documented'],
  ['conservative_care', { minWeeks: null }, (a) => { facetReq(a); a('conservative_care', { modality: 'nsaid', outcome: 'failed' }); }, 'met'],
  ['conservative_care', { minWeeks: null }, (a) => { facetReq(a); a('conservative_care', { modality: 'nsaid', outcome: 'helped' }); }, 'not_documented'],
  ['active_care', {}, (a) => { esiReq(a); a('conservative_care', { modality: 'home_exercise', outcome: 'ongoing' }); }, 'met'],
  ['active_care', {}, (a) => { esiReq(a); a('conservative_care', { modality: 'home_exercise' }, { assertion: 'absent' }); }, 'not_met'],
  ['active_care', {}, (a) => { esiReq(a); }, 'not_documented'],
  ['no_active_radiculopathy', {}, (a) => { facetReq(a); a('radicular_pain', {}, { assertion: 'absent' }); }, 'met'],
  ['no_active_radiculopathy', {}, (a) => { facetReq(a); a('radicular_pain', { side: 'left' }); }, 'not_met'],
  ['no_active_radiculopathy', { synovialCystException: true }, (a) => { facetReq(a); a('radicular_pain', { side: 'left' }); a('imaging_finding', { modality: 'mri', finding: 'synovial_cyst', levels: ['L4-L5'] }); }, 'met'],
  ['no_active_radiculopathy', { includeClaudication: true }, (a) => { facetReq(a); a('neurogenic_claudication', {}); }, 'not_met'],
  ['radicular_or_claudication', {}, (a) => { esiReq(a); a('radicular_pain', { side: 'right' }); }, 'met'],
  ['radicular_or_claudication', {}, (a) => { esiReq(a); a('radicular_pain', {}, { assertion: 'absent' }); }, 'not_met'],
  ['radicular_or_claudication', {}, (a) => { esiReq(a); }, 'not_documented'],
  ['provocative_exam', {}, (a) => { facetReq(a); a('exam_finding', { test: 'facet_loading', result: 'positive' }); }, 'met'],
  ['provocative_exam', {}, (a) => { facetReq(a); a('exam_finding', { test: 'facet_loading', result: 'negative' }); }, 'not_met'],
  ['provocative_exam', {}, (a) => { facetReq(a); a('exam_finding', { test: 'paraspinal_tenderness', result: 'positive' }); }, 'not_documented'],
  ['diagnostic_intent', {}, (a) => { facetReq(a, { intent: 'diagnostic' }); }, 'met'],
  ['diagnostic_intent', {}, (a) => { facetReq(a, { intent: 'therapeutic' }); }, 'not_met'],
  ['rfa_plan', {}, (a) => { facetReq(a); a('requested_procedure', { procedure: 'radiofrequency_ablation' }, { assertion: 'hypothetical' }); }, 'met'],
  ['rfa_plan', {}, (a) => { facetReq(a); }, 'not_documented'],
  ['not_rfa_candidate_reason', {}, (a) => { facetReq(a, { procedure: 'facet_injection', intent: 'therapeutic' }); a('diagnosis', { concept: 'pseudarthrosis L5-S1' }); }, 'met'],
  ['not_rfa_candidate_reason', {}, (a) => { facetReq(a, { procedure: 'facet_injection', intent: 'therapeutic' }); }, 'not_documented'],
  ...['Z95.0', 'Z95.810', 'Z96.82', 'M96.0'].map((code): Spec => ['not_rfa_candidate_reason', { reasonCodes: ['M96.0', 'Z95.0', 'Z95.810', 'Z95.818', 'Z96.82'] }, (a) => { facetReq(a, { procedure: 'facet_injection', intent: 'therapeutic' }); a('diagnosis_code', { system: 'icd10cm', code }); }, 'met']),
  ['not_rfa_candidate_reason', { reasonCodes: ['M96.0', 'Z95.0'] }, (a) => { facetReq(a, { procedure: 'facet_injection', intent: 'therapeutic' }); a('diagnosis_code', { system: 'icd10cm', code: 'Z98.1' }); }, 'not_documented'],
  ['second_block_after_positive', { minReliefPercent: 80 }, (a) => { facetReq(a); }, 'not_applicable'],
  ['second_block_after_positive', { minReliefPercent: 80 }, (a) => { facetReq(a, { sequence: 2 }); }, 'not_documented'],
  ['second_block_after_positive', { minReliefPercent: 80 }, (a) => { facetReq(a); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 85 }); }, 'met'],
  ['second_block_after_positive', { minReliefPercent: 80 }, (a) => { facetReq(a); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 75 }); }, 'not_met'],
  ['second_block_after_positive', { minReliefPercent: 70 }, (a) => { facetReq(a); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 75 }); }, 'met'],
  ['positive_blocks_before_rfa', { minReliefPercent: 80, count: 2 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 90 }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-20', reliefPercent: 80 }); }, 'met'],
  ['positive_blocks_before_rfa', { minReliefPercent: 80, count: 2 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'facet_injection', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 90 }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-20', reliefPercent: 40 }); }, 'not_met'],
  ['positive_blocks_before_rfa', { minReliefPercent: 80, count: 2 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); }, 'not_documented'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); }, 'not_applicable'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 60, reliefDuration: '9 months' }); }, 'met'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 60, reliefDuration: '3 months' }); }, 'not_met'],
  // Weighed evenly: "70% at 6 weeks" leaves the duration open, "two-thirds better for 5 months" tells it fell short.
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 70 }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 67, reliefDuration: '5 months' }); }, 'not_met'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 70 }); }, 'not_documented'],
  // ODG counts the relief in weeks (≥50% for ≥12 weeks): 4 months meets it, 6 weeks does not.
  ['repeat_rfa', { minReliefPercent: 50, minReliefWeeks: 12 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 60, reliefDuration: '4 months' }); }, 'met'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefWeeks: 12 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 60, reliefDuration: '6 weeks' }); }, 'not_met'],
  // Weighed evenly: a ≥50% report without its duration is open, unless a report under the threshold
  // before the span ends ("VAS 6/10 compared with 7/10" at six weeks) or in words says otherwise.
  ['repeat_rfa', { minReliefPercent: 50, minReliefWeeks: 12 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 60 }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 14.3, reliefDate: '2023-07-15' }); }, 'not_met'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 70 }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefQualitative: 'minimal' }); }, 'not_met'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 70 }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 30, reliefDate: '2024-03-01' }); }, 'not_documented'],
  // A month is 730 h, as relief durations count it: "for 6 months" meets a 6-month bar.
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2023-06-01', reliefPercent: 60, reliefDuration: '6 months' }); }, 'met'],
  // FJ-IA-R: a repeat therapeutic intra-articular injection (the same check on the prior therapeutic injection).
  ['repeat_rfa', { procedure: 'facet_injection', priorIntent: 'therapeutic', minReliefPercent: 50, minReliefMonths: 3 }, (a) => { a('requested_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'], date: '2024-08-19', reliefPercent: 60, reliefDuration: '4 months' }); }, 'met'],
  ['repeat_rfa', { procedure: 'facet_injection', priorIntent: 'therapeutic', minReliefPercent: 50, minReliefMonths: 3 }, (a) => { a('requested_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'], date: '2024-08-19', reliefPercent: 50, reliefAt: '3 months' }); }, 'met'],
  ['repeat_rfa', { procedure: 'facet_injection', priorIntent: 'therapeutic', minReliefPercent: 50, minReliefMonths: 3 }, (a) => { a('requested_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'], date: '2024-08-19', reliefPercent: 70, reliefDuration: '5 weeks' }); }, 'not_met'],
  ['repeat_rfa', { procedure: 'facet_injection', priorIntent: 'therapeutic', minReliefPercent: 50, minReliefMonths: 3 }, (a) => { a('requested_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'], date: '2024-08-19', relief: 'helped a lot' }); }, 'not_documented'],
  ['repeat_rfa', { procedure: 'facet_injection', priorIntent: 'therapeutic', minReliefPercent: 50, minReliefMonths: 3 }, (a) => { a('requested_procedure', { procedure: 'facet_injection', intent: 'therapeutic', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'facet_injection', intent: 'diagnostic', levels: ['L4-L5'], date: '2024-08-19', reliefPercent: 85, reliefDuration: '6 hours' }); }, 'not_applicable'],
  ['repeat_rfa', { minReliefPercent: 50, minReliefMonths: 6, minIntervalMonths: 6 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 90, reliefDuration: '8 months' }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 60, reliefDuration: '4 months' }); }, 'met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 60, reliefDuration: '3 weeks' }); }, 'not_met'],
  // The session's benefit told once ("lasted six to seven weeks") bounds its other reports (dev d7b-06).
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-09-09', reliefPercent: 85 }); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-09-09', reliefPercent: 70, reliefDuration: '6 weeks' }); }, 'not_met'],
  // Years before at another segment and approach, or over five years before: another episode (dev d7b-02).
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a, { procedure: 'interlaminar_esi', levels: ['L4-L5'], side: undefined }); a('prior_procedure', { procedure: 'transforaminal_esi', side: 'right', levels: ['L5-S1'], date: '2022-01-10', reliefPercent: 90 }); }, 'not_applicable'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', side: 'right', levels: ['L5-S1'], date: '2014-05-01', reliefPercent: 90 }); }, 'not_applicable'],
  // An ESI on the other side over a year before treated another episode (dev d7a-04); the same side, or within a year, is a repeat.
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', side: 'left', levels: ['L5'], date: '2022-05-17', reliefPercent: 90 }); }, 'not_applicable'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', side: 'right', date: '2022-05-17', reliefPercent: 60, reliefDuration: '3 weeks' }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', side: 'left', date: '2024-11-01', reliefPercent: 60, reliefDuration: '3 weeks' }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'interlaminar_esi', side: 'bilateral', date: '2022-05-17', reliefPercent: 60, reliefDuration: '3 weeks' }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', side: 'left', reliefPercent: 60, reliefDuration: '3 weeks' }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 60 }); }, 'not_documented'],
  // Relief in words under any threshold ("minimal relief") decides; "some relief" leaves it open.
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefQualitative: 'minimal' }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefQualitative: 'some' }); }, 'not_documented'],
  // Still reported at a time point: relief lasted at least that long ("70% at 3 months", a follow-up 14 weeks after it).
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 70, reliefAt: '3 months' }); }, 'met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 70, reliefDate: '2024-09-07' }); }, 'met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 70, reliefAt: '6 weeks' }); }, 'not_documented'],
  // Conflicting accounts of the last ESI: one under 50% decides not_met; an open 60% alone leaves it not_documented.
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 60 }); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 0 }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefPercent: 20 }); }, 'not_met'],
  ['repeat_esi', { minReliefPercent: 50, minWeeks: 12 }, (a) => { esiReq(a); a('prior_procedure', { procedure: 'transforaminal_esi', date: '2024-06-01', reliefQualitative: 'some relief' }); }, 'not_documented'],
  ['session_cap', { max: 4, procedures: ['transforaminal_esi'] }, (a) => { esiReq(a); for (const d of ['2024-05-01', '2024-07-01', '2024-09-01']) a('prior_procedure', { procedure: 'transforaminal_esi', date: d, reliefPercent: 60 }); }, 'met'],
  ['session_cap', { max: 4, procedures: ['transforaminal_esi'] }, (a) => { esiReq(a); for (const d of ['2024-05-01', '2024-07-01', '2024-09-01', '2024-12-01']) a('prior_procedure', { procedure: 'transforaminal_esi', date: d, reliefPercent: 60 }); }, 'not_met'],
  ['no_same_day_blocks', {}, (a) => { facetReq(a); a('prior_procedure', { procedure: 'medial_branch_block', date: '2025-01-01' }); a('prior_procedure', { procedure: 'caudal_esi', date: '2025-01-01' }); }, 'not_met'],
  ['no_same_day_blocks', {}, (a) => { facetReq(a); a('prior_procedure', { procedure: 'medial_branch_block', date: '2025-01-01' }); a('prior_procedure', { procedure: 'caudal_esi', date: '2025-01' }); }, 'met'],
  ['block_spacing', { minDays: 14 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 90 }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-20', reliefPercent: 85 }); }, 'met'],
  ['block_spacing', { minDays: 14 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 90 }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-08', reliefPercent: 85 }); }, 'not_met'],
  ['block_spacing', { minDays: 14 }, (a) => { a('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'] }); a('prior_procedure', { procedure: 'medial_branch_block', levels: ['L4-L5'], date: '2025-01-01', reliefPercent: 90 }); }, 'not_applicable'],
  ['level_count', { max: 2 }, (a) => { facetReq(a); }, 'met'],
  ['level_count', { max: 2 }, (a) => { facetReq(a, { levels: ['L3-S1'] }); }, 'not_met'],
  // No level written: the billed codes count them.
  ['level_count', { max: 2 }, (a) => { a('requested_procedure', { procedure: 'medial_branch_block', side: 'bilateral' }); a('procedure_code', { code: '64493', units: 1, modifiers: ['50'] }); a('procedure_code', { code: '64494', units: 1, modifiers: ['50'] }); }, 'met'],
  ['level_count', { max: 2 }, (a) => { a('requested_procedure', { procedure: 'medial_branch_block', side: 'right' }); a('procedure_code', { code: '64493', units: 1, modifiers: ['RT'] }); a('procedure_code', { code: '64494', units: 1, modifiers: ['RT'] }); a('procedure_code', { code: '64495', units: 1, modifiers: ['RT'] }); }, 'not_met'],
  ['level_count', { max: 2 }, (a) => { a('requested_procedure', { procedure: 'medial_branch_block', side: 'right' }); }, 'not_documented'],
  ['level_count', { max: 2, maxByProcedure: { interlaminar_esi: 1 }, noBilateral: ['interlaminar_esi'] }, (a) => { a('requested_procedure', { procedure: 'interlaminar_esi', levels: ['L4-L5'], side: 'bilateral' }); }, 'not_met'],
  ['imaging_guidance', {}, (a) => { facetReq(a, { guidance: 'fluoroscopy' }); }, 'met'],
  ['imaging_guidance', {}, (a) => { facetReq(a); a('procedure_code', { code: '64493' }); }, 'met'],
  ['imaging_guidance', {}, (a) => { facetReq(a); a('procedure_code', { code: '0216T' }); }, 'not_met'],
  ['imaging_guidance', {}, (a) => { facetReq(a); }, 'not_documented'],
  ['not_fused_level', {}, (a) => { facetReq(a); a('surgery', { procedure: 'fusion', levels: ['L5-S1'] }); }, 'not_met'],
  ['not_fused_level', {}, (a) => { facetReq(a); a('surgery', { procedure: 'discectomy', levels: ['L5-S1'] }); }, 'met'],
  ['no_alternative_generator', { requireImaging: true }, (a) => { facetReq(a); a('imaging_finding', { modality: 'mri', finding: 'disc_herniation', levels: ['L5-S1'] }); }, 'not_met'],
  ['no_alternative_generator', { requireImaging: true }, (a) => { facetReq(a); a('imaging_finding', { modality: 'mri', finding: 'facet_arthropathy', levels: ['L5-S1'] }); }, 'met'],
  ['no_alternative_generator', { requireImaging: true }, (a) => { facetReq(a); }, 'not_documented'],
  ['imaging_concordant', {}, (a) => { esiReq(a); a('imaging_finding', { modality: 'mri', finding: 'stenosis', levels: ['L4-L5'] }); }, 'met'],
  ['imaging_concordant', {}, (a) => { esiReq(a); a('imaging_finding', { modality: 'mri', finding: 'normal' }); }, 'not_met'],
  ['imaging_concordant', {}, (a) => { esiReq(a); }, 'not_documented'],
  // Only on the side opposite the symptoms, or a mild bulge alone, explains no radicular pain (dev writer 7B).
  ['imaging_concordant', {}, (a) => { esiReq(a); a('radicular_pain', { side: 'right' }); a('imaging_finding', { modality: 'mri', finding: 'disc_herniation', levels: ['L5-S1'], side: 'left' }); }, 'not_met'],
  ['imaging_concordant', {}, (a) => { esiReq(a); a('radicular_pain', { side: 'right' }); a('imaging_finding', { modality: 'mri', finding: 'disc_herniation', levels: ['L5-S1'], side: 'right' }); }, 'met'],
  ['imaging_concordant', {}, (a) => { esiReq(a); a('radicular_pain', { side: 'right' }); a('imaging_finding', { modality: 'mri', finding: 'stenosis', levels: ['L5-S1'], side: 'bilateral' }); }, 'met'],
  ['imaging_concordant', {}, (a) => { esiReq(a); a('imaging_finding', { modality: 'ct', finding: 'disc_bulge', levels: ['L5-S1'], severity: 'mild' }); }, 'not_met'],
  ['imaging_concordant', {}, (a) => { esiReq(a); a('imaging_finding', { modality: 'mri', finding: 'disc_bulge', levels: ['L5-S1'], severity: 'moderate' }); }, 'met'],
  // A study done whose report is missing: wait for it rather than judge the others (dev d7b-04).
  ['imaging_concordant', {}, (a) => { esiReq(a); a('imaging_finding', { modality: 'ct', finding: 'disc_bulge', levels: ['L5-S1'], severity: 'mild', studyDate: '2024-11-20' }); a('imaging_pending', { modality: 'mri', studyDate: '2025-01-09' }); }, 'not_documented'],
  ['imaging_concordant', {}, (a) => { esiReq(a); a('imaging_pending', { modality: 'mri', studyDate: '2025-01-09' }); a('imaging_finding', { modality: 'mri', finding: 'disc_herniation', levels: ['L5-S1'], studyDate: '2025-01-09' }); }, 'met'],
  ['no_stenosis', {}, (a) => { facetReq(a); a('imaging_finding', { modality: 'mri', finding: 'stenosis', levels: ['L4-L5'] }); }, 'not_met'],
  ['no_stenosis', {}, (a) => { facetReq(a); }, 'met'],
  ['no_routine_sedation', {}, (a) => { esiReq(a, { sedation: 'moderate' }); }, 'not_met'],
  ['no_routine_sedation', {}, (a) => { esiReq(a, { sedation: 'local' }); }, 'met'],
];

describe('criterion checks', () => {
  test('every registered check has at least one case here', () => {
    expect(new Set(SPECS.map((s) => s[0]))).toEqual(new Set(Object.keys(CHECKS)));
  });
  test.each(SPECS.map((s, i) => [s[0], s[3], i] as const))('%s gives %s (case %#)', (check, status, i) => {
    const [, params, build] = SPECS[i]!;
    const r = runCheck(check, params, build);
    expect(r.status).toBe(status);
    expect(r.reason.length).toBeGreaterThan(10);
    if (status === 'not_met') expect(r.evidence.length).toBeGreaterThan(0);
  });
});

describe('a finding graded mild is no competing pain generator', () => {
  test.each([['mild', 'met'], ['moderate', 'not_met'], ['severe', 'not_met'], [undefined, 'not_met']])('%s stenosis at the target → %s', (severity, status) => {
    expect(runCheck('no_alternative_generator', { requireImaging: true }, (a) => { facetReq(a); a('imaging_finding', { modality: 'mri', finding: 'stenosis', levels: ['L5-S1'], ...(severity ? { severity } : {}) }); }).status).toBe(status);
  });
});

describe('ODG: radiculopathy documented by physical exam', () => {
  const esi = (a: Parameters<Spec[2]>[0]) => { esiReq(a); a('radicular_pain', { side: 'left', belowKnee: true }); };
  test.each([
    ['a positive SLR corroborates', (a: Parameters<Spec[2]>[0]) => { esi(a); a('exam_finding', { test: 'straight_leg_raise', result: 'positive', side: 'left' }); }, 'met'],
    ['dermatomal sensory loss corroborates', (a: Parameters<Spec[2]>[0]) => { esi(a); a('exam_finding', { test: 'sensory_deficit', result: 'positive', side: 'left' }); }, 'met'],
    ['a normal neuro exam does not', (a: Parameters<Spec[2]>[0]) => { esi(a); a('exam_finding', { test: 'straight_leg_raise', result: 'negative' }); a('exam_finding', { test: 'reflex_change', result: 'negative' }); }, 'not_met'],
    ['no radicular exam leaves it open', (a: Parameters<Spec[2]>[0]) => { esi(a); }, 'not_documented'],
    ['claudication needs no radicular sign', (a: Parameters<Spec[2]>[0]) => { esiReq(a); a('neurogenic_claudication', {}); }, 'met'],
  ] as const)('%s', (_name, build, status) => {
    expect(runCheck('radicular_or_claudication', { requireExam: true }, build).status).toBe(status);
  });
  test('without requireExam (CMS LCD) radicular pain alone is the indication', () => {
    expect(runCheck('radicular_or_claudication', {}, (a) => { esi(a); a('exam_finding', { test: 'straight_leg_raise', result: 'negative' }); }).status).toBe('met');
  });
});

describe('no routine sedation (LCD ESI and facet articles; ODG legacy)', () => {
  test.each([
    ['moderate sedation without a reason', (a: Parameters<Spec[2]>[0]) => { esiReq(a, { sedation: 'moderate' }); }, 'not_met'],
    ['MAC without a reason', (a: Parameters<Spec[2]>[0]) => { facetReq(a, { sedation: 'mac' }); }, 'not_met'],
    ['IV sedation with a documented reason', (a: Parameters<Spec[2]>[0]) => { esiReq(a, { sedation: 'iv' }); a('sedation_reason', { reason: 'anxiety' }); }, 'met'],
    ['local anesthesia only', (a: Parameters<Spec[2]>[0]) => { esiReq(a, { sedation: 'local' }); }, 'met'],
    ['sedation not stated', (a: Parameters<Spec[2]>[0]) => { facetReq(a); }, 'met'],
  ] as const)('%s', (_n, build, status) => {
    expect(runCheck('no_routine_sedation', {}, build).status).toBe(status);
  });
});

describe('only a cross-sectional study shows a nerve root\'s compression', () => {
  test.each([
    ['x-ray', 'xray', 'not_documented'], ['MRI', 'mri', 'not_met'], ['CT', 'ct', 'not_met'],
  ] as const)('a %s without a compressive finding → %s', (_n, modality, status) => {
    expect(runCheck('imaging_concordant', {}, (a) => { esiReq(a); a('imaging_finding', { modality, finding: 'facet_arthropathy', levels: ['L4-L5'] }); }).status).toBe(status);
  });
});

describe('conservative care weighed evenly: tried, and the pain persists', () => {
  test.each([
    ['ongoing care, NRS 7 persists', (a: Parameters<Spec[2]>[0]) => { facetReq(a); a('conservative_care', { modality: 'physical_therapy', durationWeeks: 8, outcome: 'ongoing' }); a('pain_score', { scale: 'NRS', value: 7, context: 'current' }); }, 'met'],
    ['outcome unstated, ODI 40% persists', (a: Parameters<Spec[2]>[0]) => { facetReq(a); a('conservative_care', { modality: 'nsaid', durationWeeks: 8 }); a('pain_score', { scale: 'ODI', value: 40, context: 'baseline' }); }, 'met'],
    ['outcome unstated, pain 2/10', (a: Parameters<Spec[2]>[0]) => { facetReq(a); a('conservative_care', { modality: 'nsaid', durationWeeks: 8 }); a('pain_score', { scale: 'NRS', value: 2, context: 'current' }); }, 'not_documented'],
    ['care said to help', (a: Parameters<Spec[2]>[0]) => { facetReq(a); a('conservative_care', { modality: 'physical_therapy', durationWeeks: 8, outcome: 'helped' }); a('pain_score', { scale: 'NRS', value: 7, context: 'current' }); }, 'not_documented'],
    ['no pain score', (a: Parameters<Spec[2]>[0]) => { facetReq(a); a('conservative_care', { modality: 'physical_therapy', durationWeeks: 8, outcome: 'ongoing' }); }, 'not_documented'],
  ] as const)('%s', (_n, build, status) => {
    expect(runCheck('conservative_care', { minWeeks: 6 }, build).status).toBe(status);
  });
});
