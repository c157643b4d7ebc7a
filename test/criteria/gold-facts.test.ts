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

describe.skipIf(!present)('gold facts through the criteria', () => {
  test.each(mains.filter((f) => (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Gold).factTypes.length >= 17).map((f) => f.replace('.gold.json', '')))(
    '%s: flags and determination match the gold', (name) => {
      if (GOLD_FACT_LIMITS[name]) return;
      const { gold, e } = evaluateGold(join(DIR, `${name}.gold.json`));
      expect([...new Set(e.flags.map((f) => f.code))].sort()).toEqual([...(gold.flags ?? [])].sort());
      if (gold.determination) expect(e.determination).toBe(gold.determination);
      for (const r of gold.reviews ?? []) {
        expect(e.reviews.find((x) => x.policy === r.policy)?.outcome, r.policy).toBe(r.outcome);
      }
    });

  test.each(flagGolds.map((f) => f.replace('.gold.json', '')))('flags/%s: the flag it is about is raised or not as the gold says', (name) => {
    if (GOLD_FACT_LIMITS[name]) return;
    const code = name.replace(/\.(raise|miss)$/, '');
    const { gold, e } = evaluateGold(join(FLAG_DIR, `${name}.gold.json`));
    if ((FLAG_INPUTS[code] ?? []).some((t) => !gold.factTypes.includes(t))) return;
    const got = e.flags.map((f) => f.code);
    if ((gold.flags ?? []).includes(code)) expect(got).toContain(code);
    else expect(got).not.toContain(code);
  });
});
