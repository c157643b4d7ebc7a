export { assertSpan, assertSpanDetailed, compileContextEngine, getContextEngine } from './engine.ts';
export type { AppliedModifier, AssertionDetail, AssertionResult, AssertOptions, ContextEngine, RuleMatch } from './engine.ts';
export { ContextFileSchema, ContextRuleSchema, loadContextRules, expandRule, ruleSlots } from './rules.ts';
export type { Category, ContextRule, Direction, TriggerCategory } from './rules.ts';
export { findTarget } from './find-target.ts';
export { assertText, sentenceAt } from './assert-text.ts';
export type { TextAssertion } from './assert-text.ts';
export { assertInDoc } from './assert-doc.ts';
