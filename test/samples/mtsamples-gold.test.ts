import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ASSERTIONS, FACT_TYPES, PROCEDURES, SIDES } from '../../src/schema/review.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const goldRoot = join(repo, 'samples');
const sharedDir = process.env.MEDNEC_SHARED_DIR ?? resolve(repo, '../shared');
/** The tuning gold (mtsamples/) and the held-out gold sets (mtsamples-heldout/, mtsamples-heldout-b/), as `folder/file` paths. */
const GOLD_FOLDERS = ['mtsamples', 'mtsamples-heldout', 'mtsamples-heldout-b'].filter((d) => existsSync(join(goldRoot, d)));
const goldFiles = GOLD_FOLDERS.flatMap((d) =>
  readdirSync(join(goldRoot, d)).filter((f) => f.endsWith('.gold.json')).map((f) => `${d}/${f}`)).sort();

type GoldFact = { type: string; assertion: string; experiencer?: string; attributes: Record<string, unknown> };
type Gold = { schemaVersion: string; note: string; factTypes: string[]; facts: GoldFact[] };
const load = (f: string): Gold => JSON.parse(readFileSync(join(goldRoot, f), 'utf8')) as Gold;

// The brief's `^[CTLS]\d{1,2}(-[CTLS]\d)?$`, widened so thoracic segments such as T9-T10 pass.
const LEVEL = /^[CTLS]\d{1,2}(-[CTLS]\d{1,2})?$/;
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const ORDER = 'CTLS';
/** Cranial-to-caudal sort key of a level such as `L4-L5` or `S1`. */
const levelKey = (l: string): number => ORDER.indexOf(l[0]!) * 100 + Number(/^[CTLS](\d+)/.exec(l)![1]);

/** Vocabularies of the contract and of docs/annotation.md that gold attributes must use. */
const VOCAB: Record<string, Record<string, readonly string[]>> = {
  axial_pain: { region: ['lumbar', 'lumbosacral', 'cervical', 'thoracic'] },
  pain_score: { scale: ['NRS', 'VAS', 'ODI'], context: ['baseline', 'current', 'pre_procedure', 'post_procedure'] },
  prior_procedure: { procedure: PROCEDURES, side: SIDES, intent: ['diagnostic', 'therapeutic'] },
  requested_procedure: {
    procedure: PROCEDURES, side: SIDES,
    sedation: ['none', 'local', 'moderate', 'iv', 'mac', 'general'], guidance: ['fluoroscopy', 'ct', 'ultrasound'],
  },
  radicular_pain: { side: SIDES },
  surgery: {
    procedure: ['fusion', 'laminectomy', 'laminotomy', 'discectomy', 'foraminotomy', 'decompression',
      'disc_replacement', 'vertebroplasty', 'kyphoplasty', 'hardware_removal', 'spinal_cord_stimulator', 'other'],
  },
  conservative_care: {
    modality: ['physical_therapy', 'home_exercise', 'chiropractic', 'acupuncture', 'cognitive_behavioral_therapy',
      'nsaid', 'medication', 'activity_modification', 'massage', 'tens', 'bracing'],
    outcome: ['failed', 'partial', 'helped', 'ongoing'],
  },
  medication: { unit: ['mg', 'mcg', 'g'] },
  exam_finding: {
    test: ['straight_leg_raise', 'facet_loading', 'extension_rotation_pain', 'paraspinal_tenderness',
      'sensory_deficit', 'motor_deficit', 'reflex_change'],
    result: ['positive', 'negative'], side: SIDES,
  },
  imaging_finding: {
    modality: ['mri', 'ct', 'xray', 'emg'],
    finding: ['disc_bulge', 'disc_herniation', 'stenosis', 'facet_arthropathy', 'spondylolisthesis',
      'synovial_cyst', 'fusion_hardware', 'normal'],
  },
  procedure_code: { system: ['cpt', 'hcpcs'] },
  patient: { sex: ['female', 'male'] },
  injury: { mechanism: ['lifting', 'fall', 'motor_vehicle_accident', 'twisting', 'pushing_pulling', 'struck_by', 'repetitive_work', 'other'] },
};

/** The diagnosis concept list is the table of section 4.12 in docs/annotation.md. */
function conceptList(): Set<string> {
  const doc = readFileSync(join(repo, 'docs/annotation.md'), 'utf8');
  const section = doc.slice(doc.indexOf('Concept list'), doc.indexOf('### 4.13'));
  return new Set([...section.matchAll(/^\| `([a-z ]+)` \|/gm)].map((m) => m[1]!));
}

describe('MTSamples gold annotations', () => {
  test('there are at least 24 gold files', () => {
    expect(goldFiles.length).toBeGreaterThanOrEqual(24);
  });

  const concepts = conceptList();
  test('the annotation guide lists the diagnosis concepts', () => {
    expect(concepts.has('lumbar radiculopathy')).toBe(true);
    expect(concepts.size).toBeGreaterThan(10);
  });

  describe.each(goldFiles)('%s', (file) => {
    const gold = load(file);

    test('has the gold format and names its shared note by file name', () => {
      expect(gold.schemaVersion).toBe('1');
      expect(gold.note).toBe(`shared:corpus/mtsamples/${file.replace(/^.*\//, '').replace(/\.gold\.json$/, '.txt')}`);
      expect(Array.isArray(gold.factTypes) && gold.factTypes.length > 0).toBe(true);
      expect(new Set(gold.factTypes).size).toBe(gold.factTypes.length);
      for (const t of gold.factTypes) expect(FACT_TYPES).toContain(t);
      expect(Array.isArray(gold.facts)).toBe(true);
    });

    test('every fact has a listed type, a contract assertion and attributes', () => {
      for (const f of gold.facts) {
        expect(gold.factTypes, `${f.type} not in factTypes`).toContain(f.type);
        expect(ASSERTIONS).toContain(f.assertion);
        if (f.experiencer !== undefined) expect(['patient', 'other']).toContain(f.experiencer);
        expect(typeof f.attributes).toBe('object');
      }
    });

    test('attribute values use the fixed vocabularies', () => {
      for (const f of gold.facts) {
        for (const [key, allowed] of Object.entries(VOCAB[f.type] ?? {})) {
          const v = f.attributes[key];
          if (v !== undefined) expect(allowed, `${f.type}.${key}`).toContain(v);
        }
        if (f.type === 'diagnosis') expect(concepts, String(f.attributes.concept)).toContain(f.attributes.concept);
        if (f.type === 'medication') expect(f.attributes.name).toMatch(/^[a-z][a-z -]*$/);
        if (f.type === 'medication' && f.attributes.frequency !== undefined) {
          expect(f.attributes.frequency).toMatch(/^(PRN|(QD|BID|TID|QID|QHS|QAM|Q\d+(-\d+)?H)( PRN)?)$/);
        }
        if (f.type === 'diagnosis_code') expect(f.attributes.code).toMatch(/^([A-Z]\d{2}(\.[0-9A-Z]{1,4})?|V?\d{3}(\.\d{1,2})?)$/);
        if (f.type === 'procedure_code') expect(f.attributes.code).toMatch(/^(\d{4}[0-9A-Z]|[A-Z]\d{4})$/);
      }
    });

    test('levels are well formed and sorted cranial to caudal; dates are ISO', () => {
      for (const f of gold.facts) {
        for (const key of ['levels', 'dermatome'] as const) {
          const levels = f.attributes[key];
          if (levels === undefined) continue;
          expect(Array.isArray(levels)).toBe(true);
          const list = levels as string[];
          for (const l of list) expect(l).toMatch(LEVEL);
          expect(list).toEqual([...list].sort((a, b) => levelKey(a) - levelKey(b)));
        }
        if (f.attributes.date !== undefined) expect(f.attributes.date).toMatch(DATE);
        if (f.attributes.reliefPercent !== undefined) {
          expect(f.attributes.reliefPercent as number).toBeGreaterThanOrEqual(0);
          expect(f.attributes.reliefPercent as number).toBeLessThanOrEqual(100);
        }
      }
    });

    test('holds no note text (only short attribute values)', () => {
      const text = readFileSync(join(goldRoot, file), 'utf8');
      const strings = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
      for (const s of strings) expect(s.length, s).toBeLessThanOrEqual(120);
    });
  });

  const haveShared = existsSync(join(sharedDir, 'corpus/mtsamples'));
  if (!haveShared) console.warn(`[mtsamples-gold] shared corpus not found at ${sharedDir}: skipping the note-existence checks`);
  describe.skipIf(!haveShared)('with the shared corpus present', () => {
    test.each(goldFiles)('%s refers to a note that exists', (file) => {
      const note = load(file).note.replace(/^shared:/, '');
      expect(existsSync(join(sharedDir, note)), note).toBe(true);
    });
  });
});
