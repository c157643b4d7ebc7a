/**
 * Attribute equality after normalization (CONTRACT.md "Gold annotations"): arrays compare as sets
 * (levels normalized to the contract's `L4-L5` form), numbers within ±1, strings case-insensitive
 * with white space folded. Only the attributes the gold gives are compared.
 */

export type AttrValue = string | number | boolean | null | readonly (string | number)[] | undefined;

/** Absolute tolerance for numbers ("numbers within ±1"): 87.5% relief matches 88, 7/10 matches 8. */
export const NUMBER_TOLERANCE = 1;

/** `L4-5`, `l4–L5`, `L4/5`, `L4 - L5` → `L4-L5`; `l5` → `L5`. Anything else: upper-cased, spaces removed. */
export function normalizeLevel(v: string): string {
  const s = v.trim().toUpperCase().replace(/[\u2010-\u2015\u2212/]/g, '-').replace(/\s+/g, '');
  const m = /^([CTLS])(\d{1,2})-([CTLS])?(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}${m[2]}-${m[3] ?? m[1]}${m[4]}`;
  return s;
}

function normalizeString(v: string): string {
  return v.trim().replace(/\s+/g, ' ').toLowerCase();
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

function scalarEqual(g: unknown, p: unknown, key: string): boolean {
  if (key === 'levels' || key === 'level') {
    return typeof g === 'string' && typeof p === 'string' && normalizeLevel(g) === normalizeLevel(p);
  }
  // A number on either side compares numerically, so "100" (string) matches 100 and 99.5.
  if (typeof g === 'number' || typeof p === 'number') {
    const a = asNumber(g);
    const b = asNumber(p);
    return a !== null && b !== null && Math.abs(a - b) <= NUMBER_TOLERANCE + 1e-9;
  }
  // CONTRACT "Packets": sedation `local` and `none` both mean no sedation, and QA treats them as equal.
  if (key === 'sedation' && typeof g === 'string' && typeof p === 'string') {
    const noSedation = (x: string) => (['local', 'none'].includes(normalizeString(x)) ? 'none' : normalizeString(x));
    return noSedation(g) === noSedation(p);
  }
  if (typeof g === 'string' && typeof p === 'string') return normalizeString(g) === normalizeString(p);
  return g === p;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** Sets with the attribute's scalar equality: same size after de-duplication, every member found. */
function setEqual(g: unknown[], p: unknown[], key: string): boolean {
  const dedupe = (xs: unknown[]) => xs.filter((x, i) => xs.findIndex((y) => scalarEqual(x, y, key)) === i);
  const gs = dedupe(g);
  const ps = dedupe(p);
  return gs.length === ps.length && gs.every((x) => ps.some((y) => scalarEqual(x, y, key)));
}

/**
 * Does the predicted value equal the gold value? A gold `null` asks for the attribute to be absent
 * or null in the prediction (e.g. `belowKnee: null` = the note does not say).
 */
export function attributeEqual(key: string, gold: unknown, pred: unknown): boolean {
  if (gold === null || gold === undefined) return pred === null || pred === undefined;
  if (pred === null || pred === undefined) return false;
  if (Array.isArray(gold) || Array.isArray(pred)) return setEqual(asList(gold), asList(pred), key);
  return scalarEqual(gold, pred, key);
}

/** One line for a value in reports: arrays joined with commas. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '—';
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? v : JSON.stringify(v);
}
