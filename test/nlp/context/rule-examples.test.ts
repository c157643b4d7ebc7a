import { describe, expect, test } from 'vitest';
import { loadResources } from '../../../src/resources.ts';
import { ContextFileSchema, type ContextRule } from '../../../src/nlp/context/rules.ts';
import { compileContextEngine, type ContextEngine } from '../../../src/nlp/context/engine.ts';
import { run } from './helpers.ts';

const files = loadResources().contextFiles;
function engineWithout(id: string): ContextEngine {
  return compileContextEngine(files.map((f) => {
    const j = f.json as { rules?: { id: string }[] };
    return { file: f.file, json: { ...j, rules: (j.rules ?? []).filter((r) => r.id !== id) } };
  }));
}

const rules: ContextRule[] = loadResources().contextFiles.flatMap((f) => ContextFileSchema.parse(f.json).rules);
const cases = rules.flatMap((r) => [
  ...(r.examples?.hit ?? []).map((s) => [r.id, 'hit', s, r] as const),
  ...(r.examples?.miss ?? []).map((s) => [r.id, 'miss', s, r] as const),
]);

describe('every context rule example', () => {
  test('most trigger rules carry examples', () => {
    const triggers = rules.filter((r) => r.category !== 'terminate' && r.category !== 'pseudo');
    const withHit = triggers.filter((r) => (r.examples?.hit ?? []).length > 0);
    expect(withHit.length / triggers.length).toBeGreaterThan(0.9);
  });

  test.each(cases)('%s %s: %s', (id, kind, sentence, rule) => {
    const d = run(sentence);
    const structural = rule.category === 'terminate' || rule.category === 'pseudo';
    if (!structural) {
      const applied = d.applied.map((m) => m.rule);
      if (kind === 'hit') expect(applied).toContain(id);
      else expect(applied).not.toContain(id);
      return;
    }
    // A terminator or pseudo-trigger hit: it matched, and the target's assertion differs from
    // what the same rules minus this one say.
    const matched = d.matches.some((m) => m.rule === id);
    if (kind === 'hit') {
      expect(matched).toBe(true);
      const without = run(sentence, {}, engineWithout(id));
      expect(without.result).not.toEqual(d.result);
    } else {
      expect(matched).toBe(false);
    }
  });
});

const concepts = loadResources().contextFiles.flatMap((f) => ContextFileSchema.parse(f.json).conceptDefaults ?? []);
const conceptCases = concepts.flatMap((c) => [
  ...(c.examples?.hit ?? []).map((s) => [c.id, 'hit', s] as const),
  ...(c.examples?.miss ?? []).map((s) => [c.id, 'miss', s] as const),
]);

describe('every concept default example', () => {
  test('every concept default carries hit and miss examples', () => {
    expect(concepts.length).toBeGreaterThan(0);
    for (const c of concepts) {
      expect(c.examples?.hit.length, c.id).toBeGreaterThan(0);
      expect(c.examples?.miss.length, c.id).toBeGreaterThan(0);
    }
  });

  test.each(conceptCases)('%s %s: %s', (id, kind, sentence) => {
    const d = run(sentence);
    if (kind === 'hit') {
      expect(d.conceptRule).toBe(id);
      expect(d.result.historical).toBe(true);
    } else {
      expect(d.conceptRule).not.toBe(id);
    }
  });
});
