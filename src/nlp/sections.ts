/**
 * Section detection: a header is a lexicon literal at the start of a line (after optional
 * numbering or bullets), followed by a colon/dash, or alone on its line (ALL-CAPS or not).
 * The body runs to the next header. Categories come from lexicons/sections.json.
 */
import type { Doc } from '../model/doc.ts';
import type { Resources, SectionRule } from '../resources.ts';
import type { Section } from './types.ts';

interface CompiledSections { re: RegExp; byLiteral: Map<string, SectionRule> }

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(rules: readonly SectionRule[]): CompiledSections {
  const byLiteral = new Map<string, SectionRule>();
  for (const r of rules) for (const l of r.literals) if (!byLiteral.has(l.toLowerCase())) byLiteral.set(l.toLowerCase(), r);
  const lits = [...byLiteral.keys()].sort((a, b) => b.length - a.length).map((l) => escapeRe(l).replace(/ /g, '[ \\t]+'));
  // Group 1: the header literal. A one-letter SOAP header ("S", "O", "A", "P") needs a colon.
  const re = new RegExp(
    `^[ \\t]*(?:(?:\\d{1,2}|[ivx]{1,4})[.)][ \\t]*|[*#>][ \\t]*)?(${lits.join('|')})(?:[ \\t]*(?::|-[ \\t]|—)|[ \\t]*(?=\\n|$))`,
    'gm',
  );
  return { re, byLiteral };
}

export function detectSections(doc: Doc, res: Resources): Section[] {
  let c = res.cache.get('sections') as CompiledSections | undefined;
  if (!c) { c = compile(res.sections); res.cache.set('sections', c); }
  const heads: { start: number; end: number; bodyStart: number; rule: SectionRule }[] = [];
  const norm = doc.norm;
  c.re.lastIndex = 0;
  for (let m = c.re.exec(norm); m; m = c.re.exec(norm)) {
    const lit = m[1]!.replace(/[ \t]+/g, ' ');
    const rule = c.byLiteral.get(lit);
    if (!rule) continue;
    const litStart = m.index + m[0].indexOf(m[1]!);
    const hasColon = /[:\-—][ \t]*$/.test(m[0]);
    // A header without a colon must stand alone on a short line; single letters need a colon.
    if (!hasColon && lit.length <= 2) continue;
    if (!hasColon) {
      const lineEnd = norm.indexOf('\n', m.index);
      const line = norm.slice(m.index, lineEnd < 0 ? norm.length : lineEnd).trim();
      if (line.length > lit.length + 2) continue;
    }
    heads.push({ start: litStart, end: litStart + m[1]!.length, bodyStart: m.index + m[0].length, rule });
    if (m[0].length === 0) c.re.lastIndex++;
  }
  const out: Section[] = [];
  if (heads.length === 0 || heads[0]!.start > 0) {
    out.push({ category: 'unknown', title: null, body: { start: 0, end: heads[0]?.start ?? doc.text.length }, ruleId: 'sec.none' });
  }
  heads.forEach((h, i) => {
    const end = i + 1 < heads.length ? heads[i + 1]!.start : doc.text.length;
    out.push({ category: h.rule.category, title: { start: h.start, end: h.end }, body: { start: h.bodyStart, end }, ruleId: h.rule.id });
  });
  return out;
}
