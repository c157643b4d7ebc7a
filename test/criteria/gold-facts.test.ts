/**
 * The criteria side of the sample golds, independent of extraction: each sample's gold facts
 * (plus the extension facts the contract's 17 types do not cover — payer, sedation reason — read
 * from the note the way the extractor is meant to) go through the evaluator, and the flags and
 * determination are compared with the gold. Flag samples (samples/flags/) annotate only the fact
 * types their flag needs, so only that flag is compared there.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluateCase } from '../../src/criteria/index.ts';
import { REPO_ROOT } from '../../src/resources.ts';
import type { Fact } from '../../src/schema/review.ts';

const DIR = join(REPO_ROOT, 'samples');
const FLAG_DIR = join(DIR, 'flags');
const present = existsSync(DIR);
if (!present) console.warn('samples/ is absent: gold-fact criteria tests skipped');

interface Gold { factTypes: string[]; facts: Omit<Fact, 'id' | 'evidence'>[]; flags?: string[]; determination?: string; reviews?: { policy: string; outcome: string }[] }

/** Extension facts and the note date, read from the note text (stand-in for the extractor). */
function contextFacts(text: string): { facts: Omit<Fact, 'id' | 'evidence'>[]; noteDate?: string } {
  const facts: Omit<Fact, 'id' | 'evidence'>[] = [];
  const payer = /medicare advantage/i.test(text) ? 'medicare_advantage' : /\bmedicare\b/i.test(text) ? 'medicare'
    : /\baetna\b/i.test(text) ? 'aetna' : /workers' comp|\bPR-2\b|\bDWC\b|claim number/i.test(text) ? 'workers_comp' : null;
  if (payer) facts.push({ type: 'payer', assertion: 'present', attributes: { name: payer } });
  const reason = /(phobia|anxiety|claustrophob|syncope|unable to lie still|cannot lie still)/i.exec(text);
  if (reason) facts.push({ type: 'sedation_reason', assertion: 'present', attributes: { reason: reason[1]!.toLowerCase() } });
  const m = /(?:Date of (?:service|exam)|DOS|Date)\s*:?\s*(\d{1,2})\/(\d{1,2})\/(\d{4})/i.exec(text);
  return { facts, noteDate: m ? `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}` : undefined };
}

function evaluateGold(goldPath: string) {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as Gold;
  const ctx = contextFacts(readFileSync(goldPath.replace(/\.gold\.json$/, '.txt'), 'utf8'));
  const facts = [...gold.facts, ...ctx.facts].map((f, i) => ({ ...f, id: `f${i + 1}`, evidence: [{ page: 1, start: 0, end: 1, text: 'x' }] })) as Fact[];
  return { gold, e: evaluateCase(facts, { noteDate: ctx.noteDate }) };
}

/**
 * Where the gold facts alone cannot decide, and why (the extractor supplies the missing attribute).
 * Anything else that disagrees fails the test.
 */
const GOLD_FACT_LIMITS: Record<string, string> = {
  'fax-packet-tfesi-repeat': 'gold relief facts carry no reliefDuration ("about 4 months"), so ESI-R1 is not_documented',
  'peer-review-repeat-rfa': 'gold relief facts carry no reliefDuration ("roughly 4 months"), so FJ-RFA-R is not_documented',
  'pm-progress-mbb2-confirmatory': 'the contract has no attribute for relief in words ("helped some"); the gold fact has none, so RELIEF_NOT_QUANTIFIED cannot fire',
  'RELIEF_NOT_QUANTIFIED.raise': 'the contract has no attribute for relief in words ("helped some")',
  'REPEAT_RFA_CRITERIA_NOT_MET.raise': 'gold relief facts carry no reliefDuration',
  'CODE_DESCRIPTOR_MISMATCH.raise': 'the gold code fact carries no description (the label printed beside J2778)',
  'INCONSISTENT_RELIEF_REPORTS.miss': 'the gold relief facts carry no time point ("at 2 weeks" / "at 8 weeks"), so they read as the same follow-up',
};

/** The fact types a flag reads; a flag sample whose gold does not annotate them is not compared. */
const FLAG_INPUTS: Record<string, string[]> = {
  CONSERVATIVE_CARE_DURATION_MISSING: ['conservative_care'], CONSERVATIVE_CARE_TOO_SHORT: ['conservative_care'],
  PAIN_DURATION_TOO_SHORT: ['pain_duration'], IMAGING_NOT_CONCORDANT: ['imaging_finding'], NO_PAIN_SCALE: ['pain_score'],
  NO_PROVOCATIVE_EXAM: ['exam_finding'], ESI_FOR_AXIAL_PAIN_ONLY: ['neurogenic_claudication', 'exam_finding'],
  RADICULOPATHY_WITH_FACET_REQUEST: ['exam_finding'], PAIN_BELOW_KNEE_WITH_FACET_REQUEST: ['exam_finding'],
};

const mains = present ? readdirSync(DIR).filter((f) => f.endsWith('.gold.json')).sort() : [];
const flagGolds = present && existsSync(FLAG_DIR) ? readdirSync(FLAG_DIR).filter((f) => f.endsWith('.gold.json')).sort() : [];

interface Comparison { name: string; ok: boolean; detail: string }

function compareMain(name: string): Comparison {
  const { gold, e } = evaluateGold(join(DIR, `${name}.gold.json`));
  const got = [...new Set(e.flags.map((f) => f.code))].sort();
  const want = [...(gold.flags ?? [])].sort();
  const problems: string[] = [];
  if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`flags ${got.join(',') || '-'} vs gold ${want.join(',') || '-'}`);
  if (gold.determination && e.determination !== gold.determination) problems.push(`determination ${e.determination} vs gold ${gold.determination}`);
  for (const r of gold.reviews ?? []) {
    const out = e.reviews.find((x) => x.policy === r.policy)?.outcome;
    if (out !== r.outcome) problems.push(`${r.policy} ${out} vs gold ${r.outcome}`);
  }
  return { name, ok: !problems.length, detail: problems.join('; ') };
}

function compareFlagSample(name: string): Comparison | null {
  const code = name.replace(/\.(raise|miss)$/, '');
  const { gold, e } = evaluateGold(join(FLAG_DIR, `${name}.gold.json`));
  if ((FLAG_INPUTS[code] ?? []).some((t) => !gold.factTypes.includes(t))) return null;
  const raised = e.flags.some((f) => f.code === code);
  const want = (gold.flags ?? []).includes(code);
  return { name: `flags/${name}`, ok: raised === want, detail: `${code} ${raised ? 'raised' : 'not raised'}, gold ${want ? 'raises' : 'does not'}` };
}

// The golds are another engineer's judgment calls and keep moving; this is a regression gate on
// the agreement rate, with every disagreement printed, rather than a lock on each sample.
const MIN_AGREEMENT = 0.9;

describe.skipIf(!present)('gold facts through the criteria', () => {
  const comparisons: Comparison[] = [
    ...mains.filter((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Gold).factTypes.length >= 17)
      .map((f) => f.replace('.gold.json', '')).filter((n) => !GOLD_FACT_LIMITS[n]).map(compareMain),
    ...flagGolds.map((f) => f.replace('.gold.json', '')).filter((n) => !GOLD_FACT_LIMITS[n])
      .map(compareFlagSample).filter((c): c is Comparison => c !== null),
  ];

  test(`at least ${MIN_AGREEMENT * 100}% of the samples' gold flags and outcomes follow from their gold facts`, () => {
    const bad = comparisons.filter((c) => !c.ok);
    if (bad.length) console.warn(`gold-fact disagreements (${bad.length}/${comparisons.length}):\n${bad.map((b) => `  ${b.name}: ${b.detail}`).join('\n')}`);
    expect(comparisons.length).toBeGreaterThan(20);
    expect((comparisons.length - bad.length) / comparisons.length).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  test('both seed packets reproduce their gold determination from the gold facts', () => {
    for (const n of ['seed-payer-mbb', 'seed-imr-mbb']) {
      if (!existsSync(join(DIR, `${n}.gold.json`))) continue;
      const { gold, e } = evaluateGold(join(DIR, `${n}.gold.json`));
      expect(e.determination, n).toBe(gold.determination);
    }
  });
});
