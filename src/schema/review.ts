/**
 * Output contract v1 (../shared/CONTRACT.md) as zod schemas. These are the single source of
 * truth for the review JSON: the JSON Schema in `schema/review.schema.json` is generated from
 * them (`mednec schema`), and tests validate every review against it.
 * Fields may be added; nothing here may be renamed without a new schemaVersion.
 */
import { z } from 'zod';

export const ASSERTIONS = ['present', 'absent', 'possible', 'hypothetical'] as const;
export const AssertionSchema = z.enum(ASSERTIONS);
export type Assertion = z.infer<typeof AssertionSchema>;

export const FACT_TYPES = [
  'radicular_pain', 'axial_pain', 'neurogenic_claudication', 'pain_score', 'pain_duration',
  'prior_procedure', 'surgery', 'conservative_care', 'medication', 'exam_finding',
  'imaging_finding', 'diagnosis', 'diagnosis_code', 'procedure_code', 'requested_procedure',
  'patient', 'injury',
  // Extensions (contract: "the code may add fact types"): who pays and which criteria set the
  // packet names drive the governing policy; a sedation reason justifies sedation.
  'payer', 'criteria_set', 'sedation_reason',
  // A study done whose report is not in the packet ("MRI 01/09/2026 - report requested, not yet
  // received"): imaging criteria wait for it.
  'imaging_pending',
] as const;
export const FactTypeSchema = z.enum(FACT_TYPES);
export type FactType = z.infer<typeof FactTypeSchema>;

export const PROCEDURES = [
  'medial_branch_block', 'facet_injection', 'radiofrequency_ablation', 'transforaminal_esi',
  'interlaminar_esi', 'caudal_esi', 'epidural_steroid_injection', 'selective_nerve_root_block',
  'si_joint_injection', 'trigger_point_injection',
] as const;
export const ProcedureSchema = z.enum(PROCEDURES);
export type Procedure = z.infer<typeof ProcedureSchema>;

export const SIDES = ['left', 'right', 'bilateral'] as const;
export const SideSchema = z.enum(SIDES);
export type Side = z.infer<typeof SideSchema>;

export const EvidenceSchema = z.object({
  page: z.number().int().min(1),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: z.string(),
  /** On an OCR'd page: the lowest word confidence (0–100) over the span (added field). */
  ocrConfidence: z.number().min(0).max(100).optional(),
  /** The sentence (or form line) holding the span, page-relative: what a report quotes. */
  sentence: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Attribute values are JSON scalars or arrays of strings; each type documents its keys. */
export const AttributeValueSchema = z.union([
  z.string(), z.number(), z.boolean(), z.array(z.string()), z.null(),
]);
export const FactSchema = z.object({
  id: z.string().regex(/^f\d+$/),
  type: FactTypeSchema,
  assertion: AssertionSchema,
  experiencer: z.enum(['patient', 'other']).optional(),
  historical: z.boolean().optional(),
  attributes: z.record(z.string(), AttributeValueSchema),
  evidence: z.array(EvidenceSchema).min(1),
  /** Why the fact is what it is: the extractor and every lexicon/context/section rule that fired. */
  provenance: z.object({
    extractor: z.string(),
    rules: z.array(z.string()),
    assertionTrigger: z.string().nullable().optional(),
    section: z.string().nullable().optional(),
    /** In a packet: the document(s) the fact was read from (type, pages, the rule that named it). */
    documents: z.array(z.object({ type: z.string(), role: z.string().optional(), firstPage: z.number().int(), lastPage: z.number().int(), rule: z.string().nullable() })).optional(),
  }).optional(),
  /** Lowest OCR confidence (0–100) of the fact's evidence on OCR'd pages (added field). */
  ocrConfidence: z.number().min(0).max(100).optional(),
  /**
   * True when the fact decides a criterion or a flag and rests on OCR'd words under 80% confidence:
   * "verify against the image" before relying on it (added field).
   */
  verifyAgainstImage: z.boolean().optional(),
});
export type Fact = z.infer<typeof FactSchema>;

export const POLICY_IDS = ['cms-lcd-facet', 'cms-lcd-esi', 'odg', 'aetna-cpb-0016'] as const;
export const OUTCOMES = ['meets', 'does_not_meet', 'insufficient_documentation'] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;
export const CRITERION_STATUSES = ['met', 'not_met', 'not_documented', 'not_applicable'] as const;

export const CriterionResultSchema = z.object({
  id: z.string(),
  text: z.string(),
  status: z.enum(CRITERION_STATUSES),
  reason: z.string(),
  evidence: z.array(z.string()),
}).passthrough();
export type CriterionResult = z.infer<typeof CriterionResultSchema>;

export const FLAG_CODES = [
  'DX_CODE_CONTRADICTS_RADICULOPATHY', 'RADICULOPATHY_WITH_FACET_REQUEST',
  'PAIN_BELOW_KNEE_WITH_FACET_REQUEST', 'ESI_FOR_AXIAL_PAIN_ONLY', 'IMAGING_NOT_CONCORDANT',
  'REGION_MISMATCH', 'FACET_AT_FUSED_LEVEL', 'REPEAT_BLOCK_AFTER_NEGATIVE_BLOCK',
  'RFA_WITHOUT_TWO_POSITIVE_BLOCKS', 'CONFOUNDED_DIAGNOSTIC_BLOCK', 'NO_RFA_PLAN',
  'RELIEF_NOT_QUANTIFIED', 'INCONSISTENT_RELIEF_REPORTS', 'REPEAT_ESI_WITHOUT_RESPONSE',
  'REPEAT_RFA_CRITERIA_NOT_MET', 'CONSERVATIVE_CARE_DURATION_MISSING',
  'CONSERVATIVE_CARE_TOO_SHORT', 'PAIN_DURATION_TOO_SHORT', 'NO_PAIN_SCALE',
  'NO_PROVOCATIVE_EXAM', 'LEVEL_COUNT_EXCEEDED', 'IMAGING_GUIDANCE_MISSING',
  'SEDATION_NOT_JUSTIFIED', 'INVALID_CODE', 'CODE_DESCRIPTOR_MISMATCH', 'BUNDLED_CODE',
  'CODE_LEVEL_MISMATCH',
] as const;

export const FlagSchema = z.object({
  code: z.string(),
  severity: z.enum(['critical', 'major', 'minor']),
  message: z.string(),
  evidence: z.array(z.string()),
}).passthrough();
export type Flag = z.infer<typeof FlagSchema>;

export const ReviewSchema = z.object({
  policy: z.string(),
  governing: z.boolean().optional(),
  request: z.object({
    procedure: z.string(),
    levels: z.array(z.string()),
    side: z.string().optional(),
    codes: z.array(z.string()),
  }).passthrough(),
  outcome: OutcomeSchema,
  criteria: z.array(CriterionResultSchema),
  citation: z.string(),
  flags: z.array(FlagSchema).optional(),
}).passthrough();
export type Review = z.infer<typeof ReviewSchema>;

export const DETERMINATIONS = ['meets', 'does_not_meet', 'insufficient_documentation', 'no_request_found'] as const;

export const DiagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  page: z.number().int().optional(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export const DocumentInfoSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  mediaType: z.string(),
  pages: z.number().int().min(0),
  ocrPages: z.array(z.number().int().min(1)),
  emptyPages: z.array(z.number().int().min(1)).optional(),
  encoding: z.string().optional(),
});
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>;

export const ReviewOutputSchema = z.object({
  schemaVersion: z.literal('1'),
  document: DocumentInfoSchema,
  facts: z.array(FactSchema),
  case: z.record(z.string(), z.unknown()),
  reviews: z.array(ReviewSchema),
  flags: z.array(FlagSchema),
  determination: z.enum(DETERMINATIONS),
  diagnostics: z.array(DiagnosticSchema).optional(),
}).passthrough();
export type ReviewOutput = z.infer<typeof ReviewOutputSchema>;
