/**
 * Numbers as clinicians write them in value phrases: digits, decimals, ranges (the lower bound is
 * kept: CONTRACT "a range takes its lower bound"), number words up to one hundred, and vague
 * quantities. Own table rather than compromise: the spans are short and closed, and a table is
 * ~1000x cheaper and deterministic.
 */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/**
 * Vague quantities as a lower bound, flagged approximate: "a couple of" = 2, "a few" = 2,
 * "several" = 3, "multiple"/"many" = 2/3. A criterion on "at least N" can use them; a reviewer
 * sees `approximate: true`.
 */
const VAGUE: Record<string, number> = {
  'a couple': 2, 'a couple of': 2, couple: 2, 'couple of': 2, 'a few': 2, few: 2, several: 3, multiple: 2, many: 3,
};

export interface ParsedCount { value: number; approximate: boolean; upper?: number }

/** Parses the number words "fifty", "seventy-five", "one hundred"; null if not a number word. */
export function wordsToNumber(s: string): number | null {
  const w = s.trim().toLowerCase().replace(/\s+/g, ' ');
  if (w in UNITS) return UNITS[w]!;
  if (/^(?:one|a) hundred$/.test(w)) return 100;
  const m = /^([a-z]+)(?:[- ]?([a-z]+))?$/.exec(w);
  if (!m) return null;
  const tens = TENS[m[1]!];
  if (tens === undefined) return null;
  if (!m[2]) return tens;
  const unit = UNITS[m[2]];
  return unit !== undefined && unit > 0 && unit < 10 && m[2] !== 'a' && m[2] !== 'an' ? tens + unit : null;
}

/** Parses a COUNT match (see patterns.ts): "8", "2-3", "1.5", "twelve", "a", "several". */
export function parseCount(raw: string): ParsedCount | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const range = /^(\d{1,3}(?:\.\d{1,2})?)\s?(?:[-\u2010-\u2015\u2212]|to)\s?(\d{1,3}(?:\.\d{1,2})?)$/.exec(s);
  if (range) {
    const lo = Number(range[1]), hi = Number(range[2]);
    return lo <= hi ? { value: lo, approximate: false, upper: hi } : { value: hi, approximate: false, upper: lo };
  }
  if (/^\d{1,3}(?:\.\d{1,2})?$/.test(s)) return { value: Number(s), approximate: false };
  if (/^\d{1,3}\+$/.test(s)) return { value: Number(s.slice(0, -1)), approximate: true };
  const half = /^([a-z]+|\d{1,2}) and a half$/.exec(s);
  if (half) {
    const whole = /^\d/.test(half[1]!) ? Number(half[1]) : wordsToNumber(half[1]!);
    return whole === null ? null : { value: whole + 0.5, approximate: false };
  }
  const wordRange = /^([a-z]+(?:[- ][a-z]+)?) (?:to|or) ([a-z]+(?:[- ][a-z]+)?)$/.exec(s) ?? /^([a-z]+)-([a-z]+)$/.exec(s);
  if (wordRange) {
    const lo = wordsToNumber(wordRange[1]!), hi = wordsToNumber(wordRange[2]!);
    if (lo !== null && hi !== null) return { value: Math.min(lo, hi), approximate: false, upper: Math.max(lo, hi) };
  }
  if (s === 'a half') return { value: 0.5, approximate: false };
  if (s in VAGUE) return { value: VAGUE[s]!, approximate: true };
  const n = wordsToNumber(s);
  return n === null ? null : { value: n, approximate: false };
}
