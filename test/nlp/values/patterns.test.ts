import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as P from '../../../src/nlp/values/patterns.ts';
import * as V from '../../../src/nlp/values/index.ts';

const SOURCE = readFileSync(new URL('../../../src/nlp/values/patterns.ts', import.meta.url), 'utf8');

/** Inputs that make backtracking regexes blow up: long runs of near-matches. */
const ADVERSARIAL = [
  '1'.repeat(20_000),
  'l4-'.repeat(5_000),
  '8/10 to '.repeat(3_000),
  'for '.repeat(5_000) + 'x',
  ' '.repeat(20_000) + 'relief',
  'no '.repeat(5_000),
  'pain '.repeat(4_000) + '7/',
  '64493 '.repeat(3_000),
  'm47.'.repeat(5_000),
  '1.1.1.1.'.repeat(3_000),
  'q.'.repeat(8_000),
  'a couple of '.repeat(1_500),
  '(l)(r)'.repeat(3_000),
];

/**
 * Catastrophic backtracking on 20,000 characters takes seconds to hours; linear scans take
 * milliseconds. The bounds are loose on purpose (CI shares 2 cores) and every pattern is warmed up
 * first so compile time is not counted.
 */
const REGEX_BOUND_MS = 1000;
const PARSERS_BOUND_MS = 3000;

function runParsers(s: string): void {
  V.findLevels(s); V.findSides(s); V.findRelief(s); V.findDurations(s, '2023-01-01'); V.findDates(s);
  V.findPainScores(s); V.findDoses(s); V.findCodes(s);
}

describe('patterns module', () => {
  test('every exported pattern has a doc comment naming what it implements', () => {
    const exports = [...SOURCE.matchAll(/^export const (\w+)/gm)].map((m) => m[1]!);
    expect(exports.length).toBeGreaterThan(40);
    for (const name of exports) {
      const at = SOURCE.search(new RegExp(`export const ${name}\\b`));
      const before = SOURCE.slice(Math.max(0, at - 400), at).trimEnd();
      expect(before.endsWith('*/'), `${name} has no doc comment`).toBe(true);
    }
  });

  test('regexes are compiled at load and case-insensitive where they read words', () => {
    for (const [name, v] of Object.entries(P)) {
      if (!(v instanceof RegExp)) continue;
      if (/^(?:DATE_(?:MDY|ISO|MONTH_YEAR_NUMERIC)|YEAR_ANCHOR)$/.test(name)) continue; // digits only
      expect(v.flags, name).toContain('i');
    }
  });

  test.each(ADVERSARIAL.map((s, i) => [i, s] as const))('every pattern runs in linear-ish time on adversarial input #%d', (_i, s) => {
    for (const [name, v] of Object.entries(P)) {
      if (!(v instanceof RegExp)) continue;
      const re = new RegExp(v.source, v.flags.includes('g') ? v.flags : v.flags + 'g');
      re.exec('L4-5 80% relief x 6 weeks 03/14/2023 64493-50');
      re.lastIndex = 0;
      const t0 = performance.now();
      let n = 0;
      for (let m = re.exec(s); m && n < 100_000; m = re.exec(s)) { n++; if (m[0] === '') re.lastIndex++; }
      expect(performance.now() - t0, name).toBeLessThan(REGEX_BOUND_MS);
    }
  });

  test('the parsers return quickly on adversarial input', () => {
    runParsers('Bilateral L4-5 MBB 03/14/2023 gave 80% relief x 6 hours; pain 7/10; gabapentin 300 mg TID; 64493-50');
    for (const s of ADVERSARIAL) {
      const t0 = performance.now();
      runParsers(s);
      expect(performance.now() - t0).toBeLessThan(PARSERS_BOUND_MS);
    }
  });
});
