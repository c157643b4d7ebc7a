/**
 * The full review output schema: the contract's ReviewOutputSchema with the case model and the
 * review extensions (items, wouldMeet, policy version) plugged in. `mednec schema` writes its JSON
 * Schema to schema/review.schema.json; a test keeps that file up to date.
 */
import { z } from 'zod';
import { CaseSchema } from '../case/schema.ts';
import { CriterionResultSchema, FlagSchema, ReviewOutputSchema, ReviewSchema } from '../schema/review.ts';

const Confidence = z.enum(['C', 'S', 'UNCONFIRMED']);

export const ItemSchema = z.object({
  item: z.string(),
  code: z.string().optional(),
  units: z.number().nullable().optional(),
  modifiers: z.array(z.string()).optional(),
  decision: z.enum(['approve', 'deny', 'not_applicable', 'correct']),
  reason: z.string(),
  criteria: z.array(z.string()).optional(),
  flags: z.array(z.string()).optional(),
});

export const FullCriterionSchema = CriterionResultSchema.extend({
  check: z.string().optional(),
  confidence: Confidence.optional(),
  source: z.string().optional(),
  thresholds: z.record(z.string(), z.object({
    value: z.union([z.number(), z.boolean(), z.null()]), unit: z.string().optional(), source: z.string(),
    confidence: Confidence, note: z.string().optional(),
  })).optional(),
});

export const FullReviewSchema = ReviewSchema.extend({
  governingBasis: z.string().optional(),
  policyTitle: z.string().optional(),
  policyVersion: z.string().optional(),
  verifiedOn: z.string().optional(),
  criteria: z.array(FullCriterionSchema),
  flags: z.array(FlagSchema).optional(),
  items: z.array(ItemSchema).optional(),
  wouldMeet: z.array(z.object({ criterion: z.string(), status: z.string(), action: z.string() })).optional(),
});

export const FullReviewOutputSchema = ReviewOutputSchema.extend({
  case: CaseSchema,
  reviews: z.array(FullReviewSchema),
});

export function reviewJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(FullReviewOutputSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'https://mednec.local/schema/review.schema.json',
    title: 'mednec review output (contract v1)',
  } as Record<string, unknown>;
}
