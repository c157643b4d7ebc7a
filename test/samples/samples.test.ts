/**
 * The bundled sample notes (`samples/*.txt`, `samples/flags/*.txt`) and their gold annotations
 * (`<note>.gold.json`, contract "Gold annotations"): every gold parses, uses only the contract's
 * vocabularies, sits beside its note, and (top-level samples) beside a PDF whose text layer is the
 * note.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  ASSERTIONS, DETERMINATIONS, FACT_TYPES, FLAG_CODES, OUTCOMES, POLICY_IDS, PROCEDURES, SIDES,
} from '../../src/schema/review.ts';
import { foldWhitespace, pdfText } from '../../scripts/make-sample-pdfs.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLES = join(ROOT, 'samples');
const FLAG_SAMPLES = join(SAMPLES, 'flags');

const goldFiles = (dir: string): string[] => existsSync(dir)
  ? readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort().map((n) => join(dir, n))
  : [];
const TOP = goldFiles(SAMPLES);
const FLAGS = goldFiles(FLAG_SAMPLES);
const ALL = [...TOP, ...FLAGS];
const rel = (p: string): string => p.slice(ROOT.length + 1);
const notePath = (gold: string): string => gold.replace(/\.gold\.json$/, '.txt');

const SEGMENTS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6',
  'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'L1', 'L2', 'L3', 'L4', 'L5', 'S1', 'S2', 'S3', 'S4', 'S5'];
/** Position of a level (`L4-L5` or a root `L5`) on the cranial-to-caudal axis. */
function levelRank(level: string): number {
  const parts = level.split('-');
  const ranks = parts.map((p) => SEGMENTS.indexOf(p));
  if (ranks.some((r) => r < 0) || parts.length > 2) return Number.NaN;
  if (parts.length === 2 && ranks[1]! !== ranks[0]! + 1) return Number.NaN;
  return ranks[0]! * 2 + (parts.length === 2 ? 1 : 0);
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** Allowed values of the contract's enumerated attributes (key -> values), by fact type. */
const ENUMS: Record<string, Record<string, readonly string[]>> = {
  '*': { side: SIDES, intent: ['diagnostic', 'therapeutic'] },
  radicular_pain: {},
  axial_pain: { region: ['lumbar', 'lumbosacral', 'cervical', 'thoracic'] },
  pain_score: { context: ['baseline', 'current', 'pre_procedure', 'post_procedure'] },
  prior_procedure: { procedure: PROCEDURES },
  requested_procedure: {
    procedure: PROCEDURES,
    sedation: ['none', 'local', 'moderate', 'iv', 'mac', 'general'],
    guidance: ['fluoroscopy', 'ct', 'ultrasound'],
  },
  // Surgery vocabulary of docs/annotation.md (the contract lists fusion, laminectomy, discectomy, ...).
  surgery: {
    procedure: ['fusion', 'laminectomy', 'laminotomy', 'discectomy', 'foraminotomy', 'decompression',
      'disc_replacement', 'vertebroplasty', 'kyphoplasty', 'hardware_removal', 'spinal_cord_stimulator', 'other'],
  },
  conservative_care: {
    modality: ['physical_therapy', 'home_exercise', 'chiropractic', 'acupuncture',
      'cognitive_behavioral_therapy', 'nsaid', 'medication', 'activity_modification', 'massage', 'tens', 'bracing'],
    outcome: ['failed', 'partial', 'helped', 'ongoing'],
  },
  exam_finding: {
    test: ['straight_leg_raise', 'facet_loading', 'extension_rotation_pain', 'paraspinal_tenderness',
      'sensory_deficit', 'motor_deficit', 'reflex_change'],
    result: ['positive', 'negative'],
  },
  imaging_finding: {
    modality: ['mri', 'ct', 'xray', 'emg'],
    finding: ['disc_bulge', 'disc_herniation', 'stenosis', 'facet_arthropathy', 'spondylolisthesis',
      'synovial_cyst', 'fusion_hardware', 'normal'],
  },
  procedure_code: { system: ['cpt', 'hcpcs'] },
  patient: { sex: ['male', 'female'] },
};

const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
const GoldFact = z.object({
  type: z.enum(FACT_TYPES),
  assertion: z.enum(ASSERTIONS),
  experiencer: z.enum(['patient', 'other']).optional(),
  historical: z.boolean().optional(),
  attributes: z.record(z.string(), AttributeValue),
}).strict();
const GoldSchema = z.object({
  schemaVersion: z.literal('1'),
  factTypes: z.array(z.enum(FACT_TYPES)),
  facts: z.array(GoldFact),
  flags: z.array(z.enum(FLAG_CODES)),
  determination: z.enum(DETERMINATIONS).optional(),
  reviews: z.array(z.object({
    policy: z.enum(POLICY_IDS), outcome: z.enum(OUTCOMES), governing: z.boolean().optional(),
  }).strict()).optional(),
  notes: z.string().min(1),
}).strict();
type Gold = z.infer<typeof GoldSchema>;

/** Contract-level problems in one gold fact's attributes (empty when none). */
function attributeProblems(fact: Gold['facts'][number]): string[] {
  const problems: string[] = [];
  const enums = { ...ENUMS['*'], ...(ENUMS[fact.type] ?? {}) };
  for (const [key, value] of Object.entries(fact.attributes)) {
    const allowed = enums[key];
    if (allowed && !allowed.includes(String(value))) problems.push(`${key}=${String(value)} not in vocabulary`);
    if (key === 'levels') {
      const levels = value as string[];
      const ranks = levels.map(levelRank);
      if (ranks.some(Number.isNaN)) problems.push(`levels ${levels.join(',')} not written like L4-L5 / L5`);
      else if (ranks.some((r, i) => i > 0 && r <= ranks[i - 1]!)) problems.push(`levels ${levels.join(',')} not sorted cranial to caudal`);
    }
    if (key === 'date' && !ISO_DATE.test(String(value))) problems.push(`date ${String(value)} not ISO`);
    if (['reliefPercent', 'durationWeeks', 'months', 'value', 'age', 'units', 'sizeMm', 'dose', 'year'].includes(key)
      && typeof value !== 'number') problems.push(`${key} must be a number`);
    if (key === 'reliefPercent' && (Number(value) < 0 || Number(value) > 100)) problems.push('reliefPercent out of 0-100');
    if (key === 'belowKnee' && typeof value !== 'boolean') problems.push('belowKnee must be boolean');
    if (key === 'modifiers' && !Array.isArray(value)) problems.push('modifiers must be an array');
    if (fact.type === 'medication' && key === 'name' && String(value) !== String(value).toLowerCase()) problems.push('medication name must be lower case');
    if (fact.type === 'diagnosis_code' && key === 'code' && !/^([A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?|V?\d{2,3}(\.\d{1,2})?)$/.test(String(value))) problems.push(`code ${String(value)} not dotted upper case`);
    if (fact.type === 'procedure_code' && key === 'code' && !/^(\d{4}[0-9T]|[A-Z]\d{4})$/.test(String(value))) problems.push(`code ${String(value)} not a CPT/HCPCS code`);
  }
  return problems;
}

const loadGold = (p: string): Gold => GoldSchema.parse(JSON.parse(readFileSync(p, 'utf8')));

describe('bundled sample gold annotations', () => {
  test('there are at least 14 top-level samples', () => {
    expect(TOP.length).toBeGreaterThanOrEqual(14);
  });

  test.each(ALL.map((p) => [rel(p), p]))('%s follows the contract gold format', (_name, p) => {
    const gold = loadGold(p);
    const problems = gold.facts.flatMap((f, i) => attributeProblems(f).map((m) => `fact ${i} (${f.type}): ${m}`));
    expect(problems).toEqual([]);
    expect(new Set(gold.flags).size).toBe(gold.flags.length);
    expect(new Set(gold.factTypes).size).toBe(gold.factTypes.length);
  });

  test.each(ALL.map((p) => [rel(p), p]))('%s agrees with itself on request, reviews and determination', (_name, p) => {
    const gold = loadGold(p);
    const governing = (gold.reviews ?? []).filter((r) => r.governing);
    expect(governing.length).toBeLessThanOrEqual(1);
    if (gold.determination && governing.length === 1) expect(governing[0]!.outcome).toBe(gold.determination);
    if (gold.factTypes.includes('requested_procedure') && gold.determination) {
      const requested = gold.facts.some((f) => f.type === 'requested_procedure' && f.assertion === 'present');
      expect(requested).toBe(gold.determination !== 'no_request_found');
    }
    if (gold.determination === 'no_request_found') expect(gold.reviews ?? []).toEqual([]);
  });

  test.each(ALL.map((p) => [rel(p), p]))('%s has its note beside it, printable in WinAnsi', (_name, p) => {
    const note = notePath(p);
    expect(existsSync(note)).toBe(true);
    const text = readFileSync(note, 'utf8');
    expect(text.trim().length).toBeGreaterThan(0);
    // Every character must survive the PDF font's WinAnsi encoding unchanged.
    expect([...text].filter((c) => c.charCodeAt(0) > 0xff || c === '\uFFFD')).toEqual([]);
  });

  test('every flag code has a raising and a near-miss flag sample', () => {
    if (FLAGS.length === 0) return;
    const names = new Set(FLAGS.map((p) => p.slice(FLAG_SAMPLES.length + 1)));
    const missing = FLAG_CODES.flatMap((c) => [`${c}.raise.gold.json`, `${c}.miss.gold.json`]).filter((n) => !names.has(n));
    expect(missing).toEqual([]);
  });

  test.each(FLAGS.map((p) => [rel(p), p]))('%s raises its flag only when it is the raising sample', (_name, p) => {
    const m = /([A-Z_]+)\.(raise|miss)\.gold\.json$/.exec(p);
    expect(m).not.toBeNull();
    const gold = loadGold(p);
    expect(gold.flags.includes(m![1] as (typeof FLAG_CODES)[number])).toBe(m![2] === 'raise');
  });
});

describe('bundled sample PDFs', () => {
  test.each(TOP.map((p) => [rel(p).replace(/\.gold\.json$/, '.pdf'), p]))('%s has a text layer equal to its note', async (_name, p) => {
    const pdf = p.replace(/\.gold\.json$/, '.pdf');
    expect(existsSync(pdf)).toBe(true);
    const bytes = new Uint8Array(readFileSync(pdf));
    expect(bytes.length).toBeLessThan(30_000);
    const text = await pdfText(bytes);
    expect(foldWhitespace(text)).toBe(foldWhitespace(readFileSync(notePath(p), 'utf8')));
  });
});
