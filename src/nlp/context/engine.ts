/**
 * ConText assertion engine (Chapman/Harkema ConText, medspaCy's rule design) over the document's
 * normalized view. Rules are compiled once per Resources into a token trie (cached in res.cache)
 * and matched per sentence; nothing is built per call.
 *
 * Three independent dimensions, as in ConText:
 *   existence   negated | possible        -> assertion absent | possible
 *   temporality hypothetical | historical -> assertion hypothetical, historical flag
 *   experiencer family | other_experiencer -> experiencer other
 * When several modifiers reach a target, the assertion is decided by precedence
 * negated > possible > hypothetical (a denied plan is still absent; "possible" outranks a
 * conditional because uncertainty about existence is the stronger statement for review).
 * Historical and experiencer are separate flags and combine with any assertion.
 *
 * Scope: a trigger reaches forward (or backward) over the tokens of its own sentence until
 *   - a clause boundary: ";", a new list item or blank line (BOUNDARY token), or a ":" that does
 *     not directly follow a forward trigger / precede a backward one;
 *   - a terminate rule covering its category ("but", "however", "except", "secondary to"...);
 *   - another trigger of the same dimension (the nearer trigger owns the target, as in NegEx);
 *   - its maxScope in word tokens.
 *   Also: an inline enumeration ("2)"), a period after a full word inside the sentence, and a
 *   comma or period right after a forward trigger ("Metamucil p.r.n., aspirin").
 * Pseudo rules ("no change", "gram negative") and longer triggers prune the shorter triggers of the
 * same dimension they overlap ("no history of" beats "no" for existence; it does not stop
 * "history of" from marking the target historical, which is how the NegEx set is annotated); at
 * equal length a pseudo wins. A pseudo rule overlapping the target suppresses nothing.
 *
 * Section defaults (lexicons/context/section-defaults.json) apply when no trigger decides:
 * family_history -> other, past/surgical/social history and allergies -> historical,
 * plan/request -> hypothetical unless a history cue reaches the target or a pseudo rule for
 * hypothetical ("continue", "is on", "was") stands before it in the clause.
 *
 * Concept defaults (lexicons/context/concept-defaults.json) come last: when neither a trigger nor
 * the section makes a target historical, the kind of concept can (tobacco use is social history;
 * a bare chronic-disease list entry outside any section is past history).
 */
import type { Span } from '../../model/doc.ts';
import type { Resources } from '../../resources.ts';
import { loadContextRules, phraseTokens, ruleSlots, TRIGGER_CATEGORIES, WILD_EOC, WILD_NUM, WILD_WORD, WILD_YEAR,
  type Category, type ConceptDefault, type ContextRule, type Direction, type SectionDefault, type TriggerCategory } from './rules.ts';
import { tokenize, TokKind, type Tok } from './tokens.ts';

export interface AssertionResult {
  assertion: 'present' | 'absent' | 'possible' | 'hypothetical';
  experiencer: 'patient' | 'other';
  historical: boolean;
  trigger: { start: number; end: number; text: string } | null;
  rule: string | null;
}

export interface AssertOptions {
  /** Fact type or lexicon category of the target (for allowedTypes / excludedTypes). */
  targetType?: string;
  /** Section category of the sentence (family_history, past_history, plan, ...). */
  section?: string;
}

/** A trigger that reached the target. */
export interface AppliedModifier {
  rule: string;
  category: TriggerCategory;
  direction: Direction;
  start: number;
  end: number;
  text: string;
  /** Tokens between trigger and target. */
  distance: number;
}

/** A rule match in the sentence after pruning (triggers, terminators, pseudo-triggers). */
export interface RuleMatch { rule: string; category: Category; start: number; end: number }

export interface AssertionDetail {
  result: AssertionResult;
  applied: AppliedModifier[];
  matches: RuleMatch[];
  /** Section default that applied, if any. */
  sectionRule: string | null;
  /** Concept default that applied (lexicons/context/concept-defaults.json), if any. */
  conceptRule: string | null;
}

interface CompiledRule {
  id: string;
  category: Category;
  direction: Direction;
  /** Bit of the trigger category (0 for terminate/pseudo). */
  bit: number;
  /** Categories this match competes with when overlapping (pruning). */
  competes: number;
  /** Categories whose scopes a match of this rule stops. */
  blocks: number;
  maxScope: number;
  allowed: ReadonlySet<string> | null;
  excluded: ReadonlySet<string> | null;
}

interface TrieNode { next: Map<string, TrieNode>; rules: number[] }

interface CompiledConcept {
  id: string;
  listItemOnly: boolean;
  sections: ReadonlySet<string> | null;
  /** Token sequences joined by U+0001. */
  terms: ReadonlySet<string>;
  except: ReadonlySet<string>;
  /** Longest term or except term, in tokens. */
  maxLen: number;
  /** First tokens of the terms (a cheap reject before building keys). */
  firsts: ReadonlySet<string>;
}

const SEP = '\u0001';

function compileConcept(d: ConceptDefault): CompiledConcept {
  const seqs = (ts: readonly string[]) => ts.map((t) => phraseTokens(t));
  const terms = seqs(d.terms), except = seqs(d.exceptTerms);
  return {
    id: d.id,
    listItemOnly: d.listItemOnly,
    sections: d.sections ? new Set(d.sections) : null,
    terms: new Set(terms.map((t) => t.join(SEP))),
    except: new Set(except.map((t) => t.join(SEP))),
    maxLen: Math.max(...terms.map((t) => t.length), ...except.map((t) => t.length)),
    firsts: new Set(terms.map((t) => t[0]!)),
  };
}

/** Does any contiguous run of `words` spell a member of `set`? */
function holds(set: ReadonlySet<string>, maxLen: number, words: readonly string[]): boolean {
  if (set.size === 0) return false;
  for (let i = 0; i < words.length; i++) {
    let key = '';
    for (let n = 1; n <= maxLen && i + n <= words.length; n++) {
      key = n === 1 ? words[i]! : key + SEP + words[i + n - 1]!;
      if (set.has(key)) return true;
    }
  }
  return false;
}

export interface ContextEngine {
  readonly rules: readonly CompiledRule[];
  readonly root: TrieNode;
  readonly sectionDefaults: Readonly<Record<string, SectionDefault>>;
  readonly conceptDefaults: readonly CompiledConcept[];
  readonly ruleCount: number;
  readonly phraseCount: number;
}

/** Words of three or more letters that end in a period without ending the sentence. */
const PERIOD_ABBREVIATIONS = new Set([
  'neg', 'pos', 'bilat', 'approx', 'appt', 'etc', 'hrs', 'yrs', 'wks', 'mos', 'min', 'max', 'sec', 'pts', 'ext', 'flex',
  'abd', 'lat', 'med', 'ant', 'post', 'sup', 'inf', 'prox', 'dist', 'resp', 'temp', 'tabs', 'caps', 'disp', 'qty', 'tid', 'bid',
  'qid', 'qhs', 'prn', 'ref', 'dept', 'univ', 'assoc', 'vol', 'fig', 'no', 'nos', 'vs', 'dr', 'mrs', 'inc', 'corp', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

function endsSentence(prev: Tok, dot: Tok): boolean {
  return prev.e === dot.s && prev.kind === TokKind.Word && prev.t.length >= 3 && /^[a-z]+$/.test(prev.t) && !PERIOD_ABBREVIATIONS.has(prev.t);
}

/** Characters either side of the target that a scope can reach (no trigger reaches further). */
const SCOPE_WINDOW = 1000;

const BIT: Record<TriggerCategory, number> = { negated: 1, possible: 2, hypothetical: 4, historical: 8, family: 16, other_experiencer: 32 };
const ALL = 63;
const DIMENSION: Record<TriggerCategory, number> = {
  negated: 1 | 2, possible: 1 | 2, hypothetical: 4 | 8, historical: 4 | 8, family: 16 | 32, other_experiencer: 16 | 32,
};
const maskOf = (cats: readonly TriggerCategory[] | undefined): number => (cats ? cats.reduce((m, c) => m | BIT[c], 0) : ALL);

function compileRule(r: ContextRule): CompiledRule {
  const trig = r.category !== 'terminate' && r.category !== 'pseudo';
  const bit = trig ? BIT[r.category as TriggerCategory] : 0;
  return {
    id: r.id,
    category: r.category,
    direction: r.direction,
    bit,
    competes: trig ? DIMENSION[r.category as TriggerCategory] : r.category === 'pseudo' ? maskOf(r.pseudoFor) : maskOf(r.terminates),
    blocks: trig ? DIMENSION[r.category as TriggerCategory] : r.category === 'terminate' ? maskOf(r.terminates) : 0,
    maxScope: r.maxScope ?? Number.POSITIVE_INFINITY,
    allowed: r.allowedTypes ? new Set(r.allowedTypes) : null,
    excluded: r.excludedTypes ? new Set(r.excludedTypes) : null,
  };
}

/** Compile validated rule files into a matcher. */
export function compileContextEngine(files: readonly { file: string; json: unknown }[]): ContextEngine {
  const { rules, sectionDefaults, conceptDefaults } = loadContextRules(files);
  const root: TrieNode = { next: new Map(), rules: [] };
  const compiled: CompiledRule[] = [];
  let phrases = 0;
  rules.forEach((r, idx) => {
    compiled.push(compileRule(r));
    // Walk the slots with a frontier of trie nodes instead of expanding every phrase.
    let frontier = new Set<TrieNode>([root]);
    for (const { optional, alts } of ruleSlots(r).slots) {
      const next = new Set<TrieNode>(optional ? frontier : []);
      for (const start of frontier) {
        for (const alt of alts) {
          let n = start;
          for (const t of alt) {
            let c = n.next.get(t);
            if (!c) { c = { next: new Map(), rules: [] }; n.next.set(t, c); }
            n = c;
          }
          next.add(n);
        }
      }
      frontier = next;
    }
    for (const n of frontier) {
      if (n === root) continue;
      if (!n.rules.includes(idx)) n.rules.push(idx);
      phrases++;
    }
  });
  return Object.freeze({
    rules: Object.freeze(compiled), root, sectionDefaults: Object.freeze({ ...sectionDefaults }),
    conceptDefaults: Object.freeze(conceptDefaults.map(compileConcept)), ruleCount: compiled.length, phraseCount: phrases,
  });
}

/** The engine for these resources, compiled once and cached in `res.cache`. */
export function getContextEngine(res: Resources): ContextEngine {
  const hit = res.cache.get('context') as ContextEngine | undefined;
  if (hit) return hit;
  const engine = compileContextEngine(res.contextFiles);
  res.cache.set('context', engine);
  return engine;
}

/** All rule matches starting at each token, walking the trie (wildcards #num/#word). */
function findCandidates(engine: ContextEngine, toks: Tok[]): Cand[] {
  const out: Cand[] = [];
  const stack: { n: TrieNode; k: number }[] = [];
  const root = engine.root;
  const rootNum = root.next.has(WILD_NUM) || root.next.has(WILD_YEAR);
  const rootWord = root.next.has(WILD_WORD);
  for (let i = 0; i < toks.length; i++) {
    const first = toks[i]!;
    if (first.kind === TokKind.Boundary) continue;
    // Most tokens start no rule: skip them without walking the trie.
    if (!root.next.has(first.t) && !(rootNum && first.kind === TokKind.Num) && !(rootWord && first.kind !== TokKind.Punct)) continue;
    stack.length = 0;
    stack.push({ n: engine.root, k: i });
    while (stack.length) {
      const { n, k } = stack.pop()!;
      if (k > i) for (const r of n.rules) out.push({ i, j: k, r });
      const eoc = n.next.get(WILD_EOC);
      if (eoc && atClauseEnd(toks, k)) for (const r of eoc.rules) out.push({ i, j: k, r });
      if (k >= toks.length) continue;
      const tok = toks[k]!;
      if (tok.kind === TokKind.Boundary) continue;
      const lit = n.next.get(tok.t);
      if (lit) stack.push({ n: lit, k: k + 1 });
      if (tok.kind === TokKind.Num) {
        const w = n.next.get(WILD_NUM); if (w) stack.push({ n: w, k: k + 1 });
        const y = n.next.get(WILD_YEAR); if (y && YEAR.test(tok.t)) stack.push({ n: y, k: k + 1 });
      }
      if (tok.kind === TokKind.Word || tok.kind === TokKind.Num) { const w = n.next.get(WILD_WORD); if (w) stack.push({ n: w, k: k + 1 }); }
    }
  }
  return out;
}

/**
 * Longest match wins among overlapping matches that compete (share a dimension); at equal length a
 * pseudo-trigger beats a trigger ("clinical history" over "history of"); other ties are all kept.
 */
function prune(engine: ContextEngine, cands: Cand[]): Cand[] {
  if (cands.length < 2) return cands;
  const isPseudo = (c: Cand) => engine.rules[c.r]!.category === 'pseudo';
  const byLen = [...cands].sort((x, y) => (y.j - y.i) - (x.j - x.i) || Number(isPseudo(y)) - Number(isPseudo(x)) || x.i - y.i);
  const kept: Cand[] = [];
  for (const c of byLen) {
    const rc = engine.rules[c.r]!;
    let drop = false;
    for (const k of kept) {
      if (!(k.i < c.j && c.i < k.j) || (engine.rules[k.r]!.competes & rc.competes) === 0) continue;
      const lk = k.j - k.i, lc = c.j - c.i;
      if (lk > lc || (lk === lc && isPseudo(k) && !isPseudo(c))) { drop = true; break; }
    }
    if (!drop) kept.push(c);
  }
  return kept.sort((x, y) => x.i - y.i || x.j - y.j);
}

const ASSERTION_CATEGORY: Record<'absent' | 'possible' | 'hypothetical', TriggerCategory> = { absent: 'negated', possible: 'possible', hypothetical: 'hypothetical' };

/** Is there a pseudo-trigger for the section default's category before token `a` (the target)? */
function cancelsSection(engine: ContextEngine, cands: Cand[], toks: Tok[], a: number, assertion: 'absent' | 'possible' | 'hypothetical'): boolean {
  const bit = BIT[ASSERTION_CATEGORY[assertion]];
  for (const c of cands) {
    const r = engine.rules[c.r]!;
    if (r.category !== 'pseudo' || (r.competes & bit) === 0 || c.j > a) continue;
    let clear = true;
    for (let k = c.j; k < a && clear; k++) if (toks[k]!.kind === TokKind.Boundary || toks[k]!.t === ';') clear = false;
    if (clear) return true;
  }
  return false;
}

function typeAllowed(r: CompiledRule, targetType: string | undefined): boolean {
  if (r.excluded && targetType !== undefined && r.excluded.has(targetType)) return false;
  if (r.allowed && (targetType === undefined || !r.allowed.has(targetType))) return false;
  return true;
}

/** A colon ends a clause ("Neck: supple"), except right after a forward trigger ("Denies: fever")
 * or right before a backward one ("Radicular symptoms: none"). */
/** The words from toks[from] to the colon at toks[colon] are one label: no comma, no wide gap, at most four words. */
function labelOfColon(toks: Tok[], from: number, colon: number): boolean {
  let words = 0;
  for (let q = from; q < colon; q++) {
    const t = toks[q]!;
    if (t.kind <= TokKind.Num) words++;
    if (t.t === ',' || t.t === ';' || t.kind === TokKind.Boundary) return false;
    if (q > 0 && t.s - toks[q - 1]!.e >= 3) return false;
  }
  if (from > 0 && from < colon && toks[from]!.s - toks[from - 1]!.e >= 3) return false;
  return words <= 4;
}

function isColon(t: Tok): boolean {
  return t.kind === TokKind.Punct && t.t === ':';
}

/** A colon right after one of these words introduces a list that stays in scope
 * ("negative for: fever, chills"); after "the following ..." within four words, too
 * ("alert the physician if any of the following are noted: ..."). */
const LIST_INTRO_NEAR = new Set(['for', 'of', 'below', 'include', 'includes', 'including']);
/** A colon after these names what a past episode was: a historical trigger's scope runs on ("in
 * summer 2022 she had a different problem: right leg pain"); a negation's does not ("denies any other
 * problem: numbness is new"). */
const EPISODE_INTRO = new Set(['problem', 'episode', 'issue']);
const LIST_INTRO_FAR = new Set(['following', 'follows']);

function colonBlocks(toks: Tok[], k: number, category: Category): boolean {
  if (!isColon(toks[k]!)) return false;
  if (k > 0 && LIST_INTRO_NEAR.has(toks[k - 1]!.t)) return false;
  if (k > 0 && category === 'historical' && EPISODE_INTRO.has(toks[k - 1]!.t)) return false;
  for (let q = k - 1; q >= 0 && q >= k - 4; q--) if (LIST_INTRO_FAR.has(toks[q]!.t)) return false;
  return true;
}

interface Cand { i: number; j: number; r: number }

/** Four-digit year 1900-2099 (the #year wildcard). */
const YEAR = /^(?:19|20)\d\d$/;

function atClauseEnd(toks: Tok[], k: number): boolean {
  if (k >= toks.length) return true;
  const t = toks[k]!;
  return t.kind === TokKind.Boundary || (t.kind === TokKind.Punct && (t.t === '.' || t.t === ',' || t.t === ';' || t.t === ')'));
}

export function assertSpanDetailed(engine: ContextEngine, text: string, norm: string, sentence: Span, target: Span, opts: AssertOptions = {}): AssertionDetail {
  let sStart = Math.max(0, Math.min(sentence.start, target.start));
  let sEnd = Math.min(norm.length, Math.max(sentence.end, target.end));
  // A run-on "sentence" (OCR text without periods) is cut to a window around the target, at white
  // space, so one call stays linear and small whatever the input.
  if (target.start - sStart > SCOPE_WINDOW) {
    const ws = norm.indexOf(' ', target.start - SCOPE_WINDOW);
    sStart = ws >= 0 && ws < target.start ? ws + 1 : target.start - SCOPE_WINDOW;
  }
  if (sEnd - target.end > SCOPE_WINDOW) {
    const ws = norm.lastIndexOf(' ', target.end + SCOPE_WINDOW);
    sEnd = ws > target.end ? ws : target.end + SCOPE_WINDOW;
  }
  const toks = tokenize(norm, sStart, sEnd);

  // Target token range [a, b).
  let a = toks.length, b = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.e > target.start && t.s < target.end) { if (k < a) a = k; b = k + 1; }
  }
  if (b === 0) { // empty target: an insertion point
    a = toks.findIndex((t) => t.s >= target.start);
    if (a < 0) a = toks.length;
    b = a;
  }

  // A pseudo-trigger that overlaps the target is about the target itself ("no [changes in
  // hearing]"), so it suppresses nothing.
  const cands = prune(engine, findCandidates(engine, toks).filter((c) => !(engine.rules[c.r]!.category === 'pseudo' && c.i < b && a < c.j)));

  // Per-token masks of the categories whose scope stops there.
  const block = new Uint8Array(toks.length);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind === TokKind.Boundary || (t.kind === TokKind.Punct && t.t === ';')) block[k] = ALL;
    // A period after a full word, then white space, ends a sentence the splitter kept whole
    // because the next word is lower case ("Denies N/T in LEs. h/o L5-S1 microdiscectomy").
    else if (t.t === '.' && k > 0 && k + 1 < toks.length && toks[k + 1]!.s > t.e && endsSentence(toks[k - 1]!, t)) block[k] = ALL;
    // An inline enumeration "... s/p biopsy 2) Large hiatal hernia" starts a new item.
    else if (t.kind === TokKind.Num && t.t.length <= 2 && toks[k + 1]?.t === ')' && toks[k - 1]?.t !== '(') block[k] = ALL;
  }
  for (const c of cands) {
    const b = engine.rules[c.r]!.blocks;
    if (b) for (let k = c.i; k < c.j; k++) block[k]! |= b;
  }

  const applied: AppliedModifier[] = [];
  const wordsBetween = (from: number, to: number): number => {
    let n = 0;
    for (let k = from; k < to; k++) if (toks[k]!.kind <= TokKind.Num) n++;
    return n;
  };
  for (const c of cands) {
    const r = engine.rules[c.r]!;
    if (!r.bit || !typeAllowed(r, opts.targetType)) continue;
    let reach = -1;
    const fwd = r.direction === 'forward' || r.direction === 'bidirectional';
    const bwd = r.direction === 'backward' || r.direction === 'bidirectional';
    if (fwd && c.j <= a) {
      let ok = true;
      for (let k = c.j; k < a && ok; k++) {
        if (block[k]! & r.bit) ok = false;
        else if (k !== c.j && colonBlocks(toks, k, r.category)) ok = false;
        // A trigger followed by a comma or period closes its own item ("Hepatitis C negative,
        // normal enzymes", "Metamucil p.r.n., aspirin daily").
        else if (k === c.j && (toks[k]!.t === ',' || toks[k]!.t === '.')) ok = false;
      }
      const d = wordsBetween(c.j, a);
      if (ok && d <= r.maxScope) reach = d;
    } else if (fwd && c.i < a && c.j < b) {
      // The trigger runs into the target ("no [acute distress]" matched as "no acute"). A trigger
      // that starts the target phrase itself ("[negative MRI]", "[no relief]") is part of the
      // concept the caller looked up, not a modifier of it.
      reach = 0;
    }
    if (reach < 0 && bwd && c.i >= b) {
      let ok = true;
      for (let k = b; k < c.i && ok; k++) {
        if (block[k]! & r.bit) ok = false;
        else if (k !== c.i - 1 && colonBlocks(toks, k, r.category)) ok = false;
        // The field's own colon ("[Acupuncture] ....... [ ] Tried  [X] Not tried", "[Prior ESI] in last
        // 12 months: none") answers its label only: not a target before another field on the line
        // ("Guidance: [X] [Fluoroscopy]  [ ] CT   Sedation: [X] None").
        else if (k === c.i - 1 && isColon(toks[k]!) && !labelOfColon(toks, b, k)) ok = false;
      }
      // The same for a trigger that is the colon and its answer (": none", ": [X] None").
      if (ok && isColon(toks[c.i]!) && !labelOfColon(toks, b, c.i)) ok = false;
      const d = wordsBetween(b, c.i);
      if (ok && d <= r.maxScope) reach = d;
    } else if (reach < 0 && bwd && c.j > b && c.i > a) {
      reach = 0;
    }
    if (reach < 0) continue;
    const start = toks[c.i]!.s, end = toks[c.j - 1]!.e;
    applied.push({ rule: r.id, category: r.category as TriggerCategory, direction: r.direction, start, end, text: text.slice(start, end), distance: reach });
  }

  const nearest = (cat: TriggerCategory): AppliedModifier | null => {
    let best: AppliedModifier | null = null;
    for (const m of applied) if (m.category === cat && (!best || m.distance < best.distance)) best = m;
    return best;
  };
  const neg = nearest('negated'), poss = nearest('possible'), hyp = nearest('hypothetical');
  const hist = nearest('historical');
  const fam = nearest('family') ?? nearest('other_experiencer');
  const sec = opts.section ? engine.sectionDefaults[opts.section] : undefined;

  let assertion: AssertionResult['assertion'] = 'present';
  let decider: AppliedModifier | null = neg ?? poss ?? hyp;
  if (neg) assertion = 'absent';
  else if (poss) assertion = 'possible';
  else if (hyp) assertion = 'hypothetical';
  // A section's default assertion (Plan: hypothetical) yields to a history cue: "Plan: she had
  // 80% relief from the prior MBB" reports the past.
  // A pseudo-trigger of that category before the target cancels it too ("Plan: Continue HEP").
  else if (sec?.assertion && !hist && !cancelsSection(engine, cands, toks, a, sec.assertion)) assertion = sec.assertion;
  const experiencer = fam || sec?.experiencer ? 'other' : 'patient';
  const concept = !hist && !sec?.historical && assertion !== 'hypothetical' ? conceptDefault(engine, toks, a, b, opts.section) : null;
  const historical = !!hist || !!sec?.historical || !!concept;
  decider ??= fam ?? hist;
  const sectionUsed = !!sec && ((sec.experiencer && !fam) || (sec.historical && !hist) || (!!sec.assertion && assertion === sec.assertion && !neg && !poss && !hyp));
  const sectionRule = sectionUsed ? sec!.id : null;
  const result: AssertionResult = {
    assertion,
    experiencer,
    historical,
    trigger: decider ? { start: decider.start, end: decider.end, text: decider.text } : null,
    rule: decider ? decider.rule : sectionRule ?? concept?.id ?? null,
  };
  const matches: RuleMatch[] = cands.map((c) => {
    const r = engine.rules[c.r]!;
    return { rule: r.id, category: r.category, start: toks[c.i]!.s, end: toks[c.j - 1]!.e };
  });
  return { result, applied, matches, sectionRule, conceptRule: concept?.id ?? null };
}

/**
 * The first concept default whose terms the target [a, b) holds (and none of its except terms),
 * in a section it covers; list-item defaults also need the target to be the whole clause: only
 * punctuation, boundaries and a leading enumerator ("2)", "3.") outside it.
 */
function conceptDefault(engine: ContextEngine, toks: Tok[], a: number, b: number, section: string | undefined): CompiledConcept | null {
  if (engine.conceptDefaults.length === 0 || b <= a) return null;
  const words: string[] = [];
  for (let k = a; k < b; k++) if (toks[k]!.kind <= TokKind.Num) words.push(toks[k]!.t);
  let whole: boolean | null = null;
  let near: string[] | null = null;
  for (const c of engine.conceptDefaults) {
    if (c.sections && !c.sections.has(section ?? 'unknown')) continue;
    if (!words.some((w) => c.firsts.has(w)) || !holds(c.terms, c.maxLen, words)) continue;
    near ??= nearWords(toks, a, b);
    if (holds(c.except, c.maxLen, near)) continue;
    if (c.listItemOnly) {
      whole ??= isWholeClause(toks, a, b);
      if (!whole) continue;
    }
    return c;
  }
  return null;
}

/** Words either side of the target searched for except terms. */
const EXCEPT_REACH = 2;

/** The target's tokens plus up to EXCEPT_REACH words either side ("[alcohol] level"). */
function nearWords(toks: Tok[], a: number, b: number): string[] {
  let lo = a, hi = b;
  for (let n = 0; n < EXCEPT_REACH && lo > 0 && toks[lo - 1]!.kind <= TokKind.Num; n++) lo--;
  for (let n = 0; n < EXCEPT_REACH && hi < toks.length && toks[hi]!.kind <= TokKind.Num; n++) hi++;
  const out: string[] = [];
  for (let k = lo; k < hi; k++) out.push(toks[k]!.t);
  return out;
}

function isWholeClause(toks: Tok[], a: number, b: number): boolean {
  for (let k = 0; k < toks.length; k++) {
    if (k >= a && k < b) continue;
    const t = toks[k]!;
    if (t.kind === TokKind.Word) return false;
    if (t.kind === TokKind.Num && (k > a || !(toks[k + 1]?.t === ')' || toks[k + 1]?.t === '.'))) return false;
  }
  return true;
}

/**
 * The assertion of `target` inside `sentence`. text: the document text; norm: normalizeView(text)
 * (same length); sentence/target: [start, end) offsets; opts.targetType for allowed/excludedTypes;
 * opts.section for the section defaults (family_history -> other, past_history -> historical).
 */
export function assertSpan(engine: ContextEngine, text: string, norm: string, sentence: Span, target: Span, opts?: AssertOptions): AssertionResult {
  return assertSpanDetailed(engine, text, norm, sentence, target, opts).result;
}

export { TRIGGER_CATEGORIES };
