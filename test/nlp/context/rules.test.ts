import { describe, expect, test } from 'vitest';
import { compileContextEngine } from '../../../src/nlp/context/engine.ts';
import { expandRule, loadContextRules, type ContextRule } from '../../../src/nlp/context/rules.ts';
import { loadResources } from '../../../src/resources.ts';
import { MednecError } from '../../../src/errors/index.ts';

const rule = (o: Partial<ContextRule> & Record<string, unknown>) => ({ id: 'ctx.neg.x', literal: 'denies', category: 'negated', direction: 'forward', source: 'test', ...o });
const file = (rules: unknown[], extra: Record<string, unknown> = {}) => [{ file: 't.json', json: { version: '1', source: 't', rules, ...extra } }];

describe('context rule files', () => {
  test('the shipped lexicons load and compile', () => {
    const e = compileContextEngine(loadResources().contextFiles);
    expect(e.ruleCount).toBeGreaterThan(50);
    expect(e.phraseCount).toBeGreaterThan(e.ruleCount);
  });
  test.each([
    ['an unknown key', [rule({ scope: 3 })]],
    ['a duplicate id', [rule({}), rule({ literal: 'denied' })]],
    ['both literal and pattern', [rule({ pattern: 'denies|denied' })]],
    ['a terminate category with a forward direction', [rule({ category: 'terminate' })]],
    ['maxScope on a pseudo rule', [rule({ category: 'pseudo', direction: 'pseudo', maxScope: 3 })]],
    ['a bad id', [rule({ id: 'neg.denies' })]],
  ])('rejects %s', (_name, rules) => {
    expect(() => loadContextRules(file(rules))).toThrow(MednecError);
  });
  test('rejects a retired id reused', () => {
    expect(() => loadContextRules(file([rule({})], { retired: ['ctx.neg.x'] }))).toThrow(/retired/);
  });
  test('a pattern expands optional slots, alternatives and joined words', () => {
    const seqs = expandRule(rule({ literal: undefined, pattern: '[may|might] rule out [for|against] in_the_past' }) as ContextRule);
    expect(seqs).toHaveLength(9);
    expect(seqs).toContainEqual(['rule', 'out', 'in', 'the', 'past']);
    expect(seqs).toContainEqual(['might', 'rule', 'out', 'against', 'in', 'the', 'past']);
  });
  test('#eoc must end a pattern', () => {
    expect(() => expandRule(rule({ literal: undefined, pattern: 'no #eoc pain' }) as ContextRule)).toThrow(/#eoc/);
  });
  test('literals are tokenized like text: clitics and slashes', () => {
    expect(expandRule(rule({ literal: "didn't" }) as ContextRule)).toEqual([['did', "n't"]]);
    expect(expandRule(rule({ literal: 'S/P' }) as ContextRule)).toEqual([['s/p']]);
  });
});
