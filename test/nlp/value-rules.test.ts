import { describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResources } from '../../src/resources.ts';
import { loadValueRules, readValue } from '../../src/nlp/value-rules.ts';

const res = loadResources();
const all = [...res.values.entries()].flatMap(([category, rules]) => rules.map((r) => ({ category, r })));

describe('value rules are data with examples (lexicons/values)', () => {
  test('there are rules', () => expect(all.length).toBeGreaterThan(5));
  test.each(all.flatMap(({ category, r }) => r.examples.hit.map((s) => [r.id, category, s] as const)))('%s reads "%s"… (%s)', (id, category, s) => {
    const rule = res.values.get(category)!.find((x) => x.id === id)!;
    expect(rule.re.test(s.toLowerCase())).toBe(true);
    // Rules are tried in order: the example must give this rule's value, not an earlier rule's.
    expect(readValue(res.values, category, rule.scope, s.toLowerCase())?.label).toBe(rule.label);
  });
  test.each(all.flatMap(({ r }) => (r.examples.miss ?? []).map((s) => [r.id, s] as const)))('%s does not read "%s"', (id, s) => {
    const rule = all.find((x) => x.r.id === id)!.r;
    expect(rule.re.test(s.toLowerCase())).toBe(false);
  });
  test('a bad file is refused with its name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mednec-values-'));
    mkdirSync(join(dir, 'values'));
    writeFileSync(join(dir, 'values', 'x.json'), JSON.stringify({ version: '1', source: 's', category: 'x', rules: [{ id: 'x.a', label: 'y', scope: 'after', pattern: '(', examples: { hit: ['a'] } }] }));
    expect(() => loadValueRules(dir)).toThrow(/x\.json: rule x\.a: bad pattern/);
  });
});
