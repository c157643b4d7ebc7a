/** Every contract flag code has exactly one detector here (a test checks FLAG_CODES against it). */
import type { FlagDetector } from './types.ts';
import { dxCodeContradictsRadiculopathy } from './dx-code-contradicts-radiculopathy.ts';
import { radiculopathyWithFacetRequest } from './radiculopathy-with-facet-request.ts';
import { painBelowKneeWithFacetRequest } from './pain-below-knee-with-facet-request.ts';
import { esiForAxialPainOnly } from './esi-for-axial-pain-only.ts';
import { imagingNotConcordant } from './imaging-not-concordant.ts';
import { regionMismatch } from './region-mismatch.ts';
import { facetAtFusedLevel } from './facet-at-fused-level.ts';
import { repeatBlockAfterNegativeBlock } from './repeat-block-after-negative-block.ts';
import { rfaWithoutTwoPositiveBlocks } from './rfa-without-two-positive-blocks.ts';
import { confoundedDiagnosticBlock } from './confounded-diagnostic-block.ts';
import { noRfaPlan } from './no-rfa-plan.ts';
import { reliefNotQuantified } from './relief-not-quantified.ts';
import { inconsistentReliefReports } from './inconsistent-relief-reports.ts';
import { repeatEsiWithoutResponse } from './repeat-esi-without-response.ts';
import { repeatRfaCriteriaNotMet } from './repeat-rfa-criteria-not-met.ts';
import { conservativeCareDurationMissing } from './conservative-care-duration-missing.ts';
import { conservativeCareTooShort } from './conservative-care-too-short.ts';
import { painDurationTooShort } from './pain-duration-too-short.ts';
import { noPainScale } from './no-pain-scale.ts';
import { noProvocativeExam } from './no-provocative-exam.ts';
import { levelCountExceeded } from './level-count-exceeded.ts';
import { imagingGuidanceMissing } from './imaging-guidance-missing.ts';
import { sedationNotJustified } from './sedation-not-justified.ts';
import { invalidCode } from './invalid-code.ts';
import { codeDescriptorMismatch } from './code-descriptor-mismatch.ts';
import { bundledCode } from './bundled-code.ts';
import { codeLevelMismatch } from './code-level-mismatch.ts';

export const DETECTORS: readonly FlagDetector[] = Object.freeze([
  dxCodeContradictsRadiculopathy, radiculopathyWithFacetRequest, painBelowKneeWithFacetRequest,
  esiForAxialPainOnly, imagingNotConcordant, regionMismatch, facetAtFusedLevel,
  repeatBlockAfterNegativeBlock, rfaWithoutTwoPositiveBlocks, confoundedDiagnosticBlock, noRfaPlan,
  reliefNotQuantified, inconsistentReliefReports, repeatEsiWithoutResponse, repeatRfaCriteriaNotMet,
  conservativeCareDurationMissing, conservativeCareTooShort, painDurationTooShort, noPainScale,
  noProvocativeExam, levelCountExceeded, imagingGuidanceMissing, sedationNotJustified, invalidCode,
  codeDescriptorMismatch, bundledCode, codeLevelMismatch,
]);

/** Line-item coding findings: they deny or correct a line, never the clinical outcome (contract). */
export const CODING_FLAGS: ReadonlySet<string> = new Set(['INVALID_CODE', 'CODE_DESCRIPTOR_MISMATCH', 'BUNDLED_CODE', 'CODE_LEVEL_MISMATCH', 'REGION_MISMATCH']);
