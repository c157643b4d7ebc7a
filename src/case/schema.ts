/**
 * The normalized case model: what the criteria read. Every field carries the ids of the facts it
 * came from; a value computed rather than read (a month count from an injury date, a default) is
 * marked `generated: true` and has no text of its own (style.md (b) step 7).
 */
import { z } from 'zod';

const Ids = z.array(z.string());
const Gen = z.boolean().optional();

export const CodeLineSchema = z.object({
  system: z.string(),
  code: z.string(),
  units: z.number().nullable(),
  modifiers: z.array(z.string()),
  description: z.string().nullable(),
  factIds: Ids,
  /** Told only by the note of a procedure already done (that procedure's diagnosis or billing), not with the request. */
  pastOnly: z.boolean().optional(),
});
export type CodeLine = z.infer<typeof CodeLineSchema>;

export const RequestSchema = z.object({
  procedure: z.string(),
  family: z.enum(['facet', 'rfa', 'esi', 'other']),
  levels: z.array(z.string()),
  joints: z.array(z.string()),
  side: z.string().nullable(),
  sedation: z.string().nullable(),
  guidance: z.string().nullable(),
  intent: z.string().nullable(),
  sequence: z.number().nullable(),
  codes: z.array(CodeLineSchema),
  factIds: Ids,
});
export type CaseRequest = z.infer<typeof RequestSchema>;

export const ReliefReportSchema = z.object({
  factId: z.string(),
  reliefPercent: z.number().nullable(),
  reliefDuration: z.string().nullable(),
  reliefDurationHours: z.number().nullable(),
  /** When the relief was reported (a follow-up date), when the packet says. */
  reliefDate: z.string().nullable().optional(),
  /**
   * The relief was still reported this long after the procedure ("70% at 3 months", a follow-up
   * dated 12 weeks after it): a lower bound on how long it lasted, never a report that it ended.
   */
  heldAtLeastHours: z.number().nullable().optional(),
  /** Relief stated only in words ("helped", "some relief"). */
  qualitative: z.string().nullable(),
  /** Relief scored before and after the procedure in its own note (minutes after it): a block's response, not sustained relief. */
  immediate: z.boolean().optional(),
  generated: Gen,
});
export type ReliefReport = z.infer<typeof ReliefReportSchema>;

export const ProcedureEventSchema = z.object({
  procedure: z.string(),
  family: z.enum(['facet', 'rfa', 'esi', 'other']),
  levels: z.array(z.string()),
  side: z.string().nullable(),
  date: z.string().nullable(),
  intent: z.string().nullable(),
  sedation: z.string().nullable(),
  /** Which pain the procedure relieved, when the packet says (`relievedPain`/`painRegion` attribute). */
  relievedPain: z.string().nullable().optional(),
  reports: z.array(ReliefReportSchema),
  /** The best relief this event is credited with (lowest when the reports disagree at one time point). */
  reliefPercent: z.number().nullable(),
  reliefDurationHours: z.number().nullable(),
  factIds: Ids,
});
export type ProcedureEvent = z.infer<typeof ProcedureEventSchema>;

export const CaseSchema = z.object({
  noteDate: z.object({ value: z.string().nullable(), generated: Gen }),
  patient: z.object({ age: z.number().nullable(), sex: z.string().nullable(), factIds: Ids }),
  payer: z.object({ name: z.string().nullable(), factIds: Ids }),
  criteriaSets: z.array(z.object({ name: z.string(), id: z.string().nullable(), factIds: Ids })),
  requests: z.array(RequestSchema),
  /** Conditional or recommended procedures (`hypothetical`): the RFA plan lives here. */
  planned: z.array(z.object({ procedure: z.string(), levels: z.array(z.string()), factIds: Ids })),
  radicular: z.object({
    status: z.enum(['active', 'resolved', 'absent', 'unknown']),
    side: z.string().nullable(),
    painFactIds: Ids,
    examFactIds: Ids,
    diagnosisFactIds: Ids,
    absentFactIds: Ids,
  }),
  belowKnee: z.object({ value: z.boolean().nullable(), factIds: Ids }),
  axialPain: z.object({ present: z.boolean().nullable(), regions: z.array(z.string()), factIds: Ids }),
  claudication: z.object({ status: z.enum(['present', 'absent', 'unknown']), factIds: Ids }),
  painDurationMonths: z.object({ value: z.number().nullable(), factIds: Ids, generated: Gen,
    /** How the length was found: stated, aged to the review date, from the injury date, or at least since the earliest prior procedure (a lower bound). */
    basis: z.enum(['stated', 'aged', 'injury', 'prior_procedure']).optional() }),
  painScores: z.array(z.object({ scale: z.string().nullable(), value: z.number(), context: z.string().nullable(), factIds: Ids })),
  conservativeCare: z.array(z.object({
    modality: z.string(), assertion: z.string(), durationWeeks: z.number().nullable(),
    outcome: z.string().nullable(), factIds: Ids,
  })),
  conservativeCareWeeks: z.object({ value: z.number().nullable(), factIds: Ids, generated: Gen }),
  procedures: z.array(ProcedureEventSchema),
  surgeries: z.array(z.object({
    procedure: z.string(), levels: z.array(z.string()), fusedJoints: z.array(z.string()),
    date: z.string().nullable(), factIds: Ids,
  })),
  exam: z.array(z.object({ test: z.string(), result: z.string().nullable(), side: z.string().nullable(), assertion: z.string(), factIds: Ids })),
  imaging: z.array(z.object({
    modality: z.string().nullable(), finding: z.string(), levels: z.array(z.string()), side: z.string().nullable(),
    sizeMm: z.number().nullable(), assertion: z.string(), factIds: Ids,
    /** The report's grade of the finding (mild, moderate, severe), when it gives one. */
    severity: z.string().nullable().optional(),
    /** Levels of a merged finding that every report there grades mild. */
    mildLevels: z.array(z.string()).optional(),
    /** The study was told as done before an operation ("MRI 11/2013 (before the fusion)"). */
    preOperative: z.boolean().optional(),
  })),
  diagnoses: z.array(z.object({ concept: z.string(), assertion: z.string(), factIds: Ids })),
  diagnosisCodes: z.array(CodeLineSchema),
  procedureCodes: z.array(CodeLineSchema),
  medications: z.array(z.object({ name: z.string(), factIds: Ids })),
  sedationReasons: z.array(z.object({ reason: z.string(), factIds: Ids })),
  /** Studies done whose report is not in the packet (the imaging criteria wait for them). */
  /** Studies done whose report is missing, or (`ordered`) ordered and not yet done. */
  imagingPending: z.array(z.object({ modality: z.string().nullable(), date: z.string().nullable(), ordered: z.boolean().optional(), factIds: Ids })).default([]),
  injury: z.object({ date: z.string().nullable(), factIds: Ids }),
});
export type Case = z.infer<typeof CaseSchema>;
