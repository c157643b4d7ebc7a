/**
 * End to end: `reviewFile` (ingest → NLP → extraction → criteria) on every sample note, compared
 * with its gold's flags, determination and governing review. Extraction keeps improving and the
 * golds are judgment calls, so the whole set is gated on an agreement rate (every disagreement is
 * printed); the two seed packets must reproduce their seed's governing policy, determination
 * and criteria.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { reviewFile } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import { REPO_ROOT } from '../../src/resources.ts';
import type { ReviewOutput } from '../../src/schema/review.ts';
import { Ajv2020 } from 'ajv/dist/2020.js';

const DIR = join(REPO_ROOT, 'samples');
const present = existsSync(DIR);
if (!present) console.warn('samples/ is absent: end-to-end criteria tests skipped');

interface Gold { flags?: string[]; determination?: string; reviews?: { policy: string; outcome: string }[] }
interface Row { name: string; gold: Gold; review: ReviewOutput }

const goldPaths = (): string[] => !present ? [] : [
  ...readdirSync(DIR).filter((f) => f.endsWith('.gold.json')).map((f) => join(DIR, f)),
  ...(existsSync(join(DIR, 'flags')) ? readdirSync(join(DIR, 'flags')).filter((f) => f.endsWith('.gold.json')).map((f) => join(DIR, 'flags', f)) : []),
].filter((g) => existsSync(g.replace(/\.gold\.json$/, '.txt')));

type Governed = { policy: string; governing?: boolean; outcome: string; criteria: { id: string; status: string }[] };
const governing = (r: ReviewOutput) => (r.reviews as Governed[]).find((x) => x.governing);

function disagreement(row: Row): string | null {
  const got = [...new Set(row.review.flags.map((f) => f.code))].sort();
  const want = [...(row.gold.flags ?? [])].sort();
  const out: string[] = [];
  const extra = got.filter((c) => !want.includes(c)); const missing = want.filter((c) => !got.includes(c));
  if (extra.length || missing.length) out.push(`flags +[${extra.join(',')}] -[${missing.join(',')}]`);
  if (row.gold.determination && row.gold.determination !== row.review.determination) out.push(`determination ${row.review.determination} vs ${row.gold.determination}`);
  const g = row.gold.reviews?.[0];
  const gov = governing(row.review);
  if (g && gov && g.policy !== gov.policy && row.gold.reviews!.length === 1) out.push(`governing ${gov.policy} vs ${g.policy}`);
  return out.length ? out.join('; ') : null;
}

// Measured 2026-11-22 ~08:00 UTC with the extractors then on main: 57-59/71 agree, every miss an
// extraction miss (see the printed list and the criteria README). Raise this as extraction improves;
// it sits below the measured rate so extraction churn does not fail the build.
const MIN_AGREEMENT = 0.7;

describe.skipIf(!present)('end to end on samples/', () => {
  const rows: Row[] = [];
  beforeAll(async () => {
    const resources = loadResources();
    for (const g of goldPaths()) {
      const review = await reviewFile(g.replace(/\.gold\.json$/, '.txt'), { resources, ocr: null });
      rows.push({ name: g.slice(DIR.length + 1).replace(/\.gold\.json$/, ''), gold: JSON.parse(readFileSync(g, 'utf8')) as Gold, review });
    }
  }, 120_000);

  test(`at least ${MIN_AGREEMENT * 100}% of the samples get exactly their gold flags and determination`, () => {
    const bad = rows.map((r) => [r.name, disagreement(r)] as const).filter(([, d]) => d);
    if (bad.length) console.warn(`end-to-end disagreements (${bad.length}/${rows.length}):\n${bad.map(([n, d]) => `  ${n}: ${d}`).join('\n')}`);
    expect(rows.length).toBeGreaterThan(20);
    expect((rows.length - bad.length) / rows.length).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  test.each([
    // seed 000: Aetna CPB review, upheld as not medically necessary.
    ['seed-payer-mbb', 'aetna-cpb-0016', 'does_not_meet', { 'AET-2A': 'not_met', 'AET-3': 'not_met', 'AET-5': 'not_met', 'AET-2E': 'not_documented' }],
    // seed 003: CA IMR under MTUS/ODG, denial upheld.
    ['seed-imr-mbb', 'odg', 'does_not_meet', { 'ODG-F1': 'not_documented', 'ODG-F4': 'not_met', 'ODG-F6': 'not_documented', 'ODG-F7': 'not_documented' }],
  ] as const)('%s reproduces its seed: governed by %s, %s, criterion by criterion', (name, policy, outcome, criteria) => {
    const row = rows.find((r) => r.name === name);
    if (!row) return;
    const gov = governing(row.review)!;
    expect(gov.policy).toBe(policy);
    expect(row.review.determination).toBe(outcome);
    for (const [id, status] of Object.entries(criteria)) expect(gov.criteria.find((c) => c.id === id)?.status, id).toBe(status);
    // The exact flag set depends on extraction; it is locked on hand-built facts in seeds.test.ts
    // and counted in the agreement gate above. Here a difference is reported, not failed.
    const d = disagreement(row);
    if (d) console.warn(`${name}: ${d}`);
  });

  test('every end-to-end review validates against schema/review.schema.json', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'review.schema.json'), 'utf8')));
    for (const r of rows) {
      const ok = validate(r.review);
      expect(validate.errors ?? [], r.name).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  test('the seed 003 packet decides IV sedation and fluoroscopy as their own items', () => {
    const row = rows.find((r) => r.name === 'seed-imr-mbb');
    if (!row) return;
    const items = (governing(row.review) as unknown as { items: { item: string; code?: string; decision: string }[] }).items;
    expect(items.some((i) => /sedation/i.test(i.item) && i.decision === 'deny')).toBe(true);
    expect(items.some((i) => /fluoroscopy/i.test(i.item) && i.decision === 'deny')).toBe(true);
  });
});
