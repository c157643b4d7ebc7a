/**
 * A dictation transcribed without punctuation ("... no numbness no tingling she did 10 weeks of
 * physical therapy last summer ... exam today tender right paraspinals ... plan scheduling for right
 * L4-5 and L5-S1 radiofrequency ablation ...") is one "sentence" of a thousand characters: negation
 * runs across it, a plan reads as history, relief attaches to the wrong session. A long statement
 * with almost no punctuation is split where a new statement starts (lexicons/values/dictation.json:
 * a subject and its verb, a session or a study named, a score at baseline) and where the speaker
 * dictates a heading inline ("exam today", "impression", "plan"), which also sets the section of
 * what follows until the statement ends.
 */
import type { ValueRule, ValueRules } from './value-rules.ts';
import type { Sentence } from './types.ts';

/**
 * A statement this long with at most one stop or comma per PER_MARK characters is a run-on
 * dictation (a long sentence punctuated by commas is prose, and its clauses are read as such).
 */
const MIN_LENGTH = 400;
const PER_MARK = 120;
/** No piece shorter than this (a cue right after another is one statement). */
const MIN_PIECE = 12;

const compiled = new WeakMap<readonly ValueRule[], { re: RegExp; label: string }[]>();

function cues(rules: ValueRules): { re: RegExp; label: string }[] {
  const list = rules.get('dictation') ?? [];
  let c = compiled.get(list);
  if (!c) { c = list.map((r) => ({ re: new RegExp(r.pattern, 'gi'), label: r.label })); compiled.set(list, c); }
  return c;
}

export function isRunOn(text: string): boolean {
  if (text.length < MIN_LENGTH) return false;
  const marks = (text.match(/[.;?!,](?=\s|$)/g) ?? []).length;
  return marks <= Math.floor(text.length / PER_MARK);
}

/** The statements of a document with every run-on dictation split at its cues. */
export function splitRunOns(sentences: Sentence[], norm: string, rules: ValueRules): Sentence[] {
  const list = cues(rules);
  if (list.length === 0) return sentences;
  let out: Sentence[] | undefined;
  sentences.forEach((s, i) => {
    const text = norm.slice(s.start, s.end);
    if (!isRunOn(text)) { out?.push(s); return; }
    const at = new Map<number, string>();
    for (const { re, label } of list) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        // Mid-statement only, after a space (not inside a word or after a stop it already has).
        if (m.index < MIN_PIECE || !/\s/.test(text[m.index - 1] ?? '')) continue;
        // "... which the patient states did not help": a relative clause goes on.
        // "... same targets and she had about 85 percent relief": a clause joined by "and" goes on too.
        if (label === 'clause' && /\b(?:which|that|who|whom|whose|and|but|so|then|because|as|if|when|while)\s+$/.test(text.slice(Math.max(0, m.index - 9), m.index))) continue;
        const prev = at.get(m.index);
        if (!prev || (prev === 'clause' && label !== 'clause')) at.set(m.index, label);
      }
    }
    const cuts = [...at.entries()].sort((a, b) => a[0] - b[0]);
    if (cuts.length === 0) { out?.push(s); return; }
    out ??= sentences.slice(0, i);
    let start = 0;
    let section = s.section;
    let nextSection = s.section;
    for (const [pos, label] of cuts) {
      if (pos - start < MIN_PIECE) { if (label.startsWith('section:')) nextSection = label.slice(8); continue; }
      out.push(trimmed(norm, s.start + start, s.start + pos, section));
      start = pos;
      if (label.startsWith('section:')) nextSection = label.slice(8);
      section = nextSection;
    }
    out.push(trimmed(norm, s.start + start, s.end, section));
  });
  return out ?? sentences;
}

function trimmed(norm: string, start: number, end: number, section: string): Sentence {
  while (start < end && /\s/.test(norm[start]!)) start++;
  while (end > start && /\s/.test(norm[end - 1]!)) end--;
  return { start, end, section };
}
