/** The check registry: criterion data names a check by id; ids are stable and never reused. */
import type { Check } from '../types.ts';
import * as clinical from './clinical.ts';
import * as blocks from './blocks.ts';
import * as technique from './technique.ts';

export const CHECKS: Readonly<Record<string, Check>> = Object.freeze({
  axial_predominant: clinical.axialPredominant,
  baseline_scale: clinical.baselineScale,
  pain_duration: clinical.painDuration,
  conservative_care: clinical.conservativeCare,
  active_care: clinical.activeCare,
  no_active_radiculopathy: clinical.noActiveRadiculopathy,
  radicular_or_claudication: clinical.radicularOrClaudication,
  provocative_exam: clinical.provocativeExam,
  diagnostic_intent: clinical.diagnosticIntent,
  rfa_plan: clinical.rfaPlan,
  not_rfa_candidate_reason: clinical.notRfaCandidateReason,
  second_block_after_positive: blocks.secondBlockAfterPositive,
  positive_blocks_before_rfa: blocks.positiveBlocksBeforeRfa,
  repeat_rfa: blocks.repeatRfa,
  repeat_esi: blocks.repeatEsi,
  session_cap: blocks.sessionCap,
  no_same_day_blocks: blocks.noSameDayBlocks,
  block_spacing: blocks.blockSpacing,
  level_count: technique.levelCount,
  imaging_guidance: technique.imagingGuidance,
  no_routine_sedation: technique.noRoutineSedation,
  not_fused_level: technique.notFusedLevel,
  no_alternative_generator: technique.noAlternativeGenerator,
  imaging_concordant: technique.imagingConcordant,
  no_stenosis: technique.noStenosis,
});

export const CHECK_IDS: ReadonlySet<string> = new Set(Object.keys(CHECKS));
