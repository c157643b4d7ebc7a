/**
 * Spinal level arithmetic over the contract's level notation (`L4-L5` segments, `L5`/`S1`
 * single vertebrae or roots). Facet joints are counted per segment (contract "How facts are
 * counted"; A58350 "count the number of facet joints injected, not the number of nerves").
 */
export type Region = 'cervical' | 'thoracic' | 'lumbar' | 'sacral';

const COUNTS: Record<string, number> = { C: 7, T: 12, L: 5, S: 5 };
const ORDER = ['C', 'T', 'L', 'S'] as const;
const SEGMENT_RE = /^([CTLS])(\d{1,2})(?:-([CTLS])(\d{1,2}))?$/;

/** Vertebra index, cranial to caudal (C1 = 0). */
export function vertebraIndex(v: string): number | null {
  const m = /^([CTLS])(\d{1,2})$/.exec(v.trim().toUpperCase());
  if (!m) return null;
  const n = Number(m[2]);
  if (n < 1 || n > COUNTS[m[1]!]!) return null;
  let base = 0;
  for (const r of ORDER) {
    if (r === m[1]) return base + n - 1;
    base += COUNTS[r]!;
  }
  return null;
}

function vertebraAt(i: number): string {
  let base = 0;
  for (const r of ORDER) {
    if (i < base + COUNTS[r]!) return `${r}${i - base + 1}`;
    base += COUNTS[r]!;
  }
  return '?';
}

/** `L4-5` → `L4-L5`; `l5` → `L5`; unknown shapes are returned upper-cased. */
export function normalizeLevel(level: string): string {
  const s = level.trim().toUpperCase().replace(/\s+/g, '').replace(/[–—/]/g, '-');
  const short = /^([CTLS])(\d{1,2})-(\d{1,2})$/.exec(s);
  if (short) return `${short[1]}${short[2]}-${short[1]}${short[3]}`;
  return s;
}

/** The motion segments (joints) a level string covers: `L3-S1` → L3-L4, L4-L5, L5-S1. */
export function segmentsOf(level: string): string[] {
  const m = SEGMENT_RE.exec(normalizeLevel(level));
  if (!m || !m[3]) return [];
  const a = vertebraIndex(`${m[1]}${m[2]}`);
  const b = vertebraIndex(`${m[3]}${m[4]}`);
  if (a === null || b === null || b <= a) return [];
  const out: string[] = [];
  for (let i = a; i < b; i++) out.push(`${vertebraAt(i)}-${vertebraAt(i + 1)}`);
  return out;
}

/** Joints for facet counting: segments expand; a single vertebra is kept as written. */
export function jointsOf(levels: readonly string[]): string[] {
  const out = new Set<string>();
  for (const l of levels) {
    const segs = segmentsOf(l);
    if (segs.length) segs.forEach((s) => out.add(s));
    else out.add(normalizeLevel(l));
  }
  return sortLevels([...out]);
}

export function sortLevels(levels: string[]): string[] {
  const key = (l: string) => vertebraIndex(normalizeLevel(l).split('-')[0]!) ?? 999;
  return [...levels].sort((a, b) => key(a) - key(b));
}

export function regionOfLevel(level: string): Region | null {
  const c = normalizeLevel(level)[0];
  return c === 'C' ? 'cervical' : c === 'T' ? 'thoracic' : c === 'L' ? 'lumbar' : c === 'S' ? 'sacral' : null;
}

/** Cranial and caudal vertebra indices a level touches (a root `L5` touches L5 only). */
export function spanOf(level: string): [number, number] | null {
  const m = SEGMENT_RE.exec(normalizeLevel(level));
  if (!m) return null;
  const a = vertebraIndex(`${m[1]}${m[2]}`);
  const b = m[3] ? vertebraIndex(`${m[3]}${m[4]}`) : a;
  return a === null || b === null ? null : [a, b];
}

/**
 * "L4-5 and L5-S1 (L4 and L5 foramina)": single roots or vertebrae that restate the listed segments (each
 * inside one of them) add no level; the segments stay. Levels with no segment, or a root outside every
 * segment ("L3, L4 medial branches" beside L4-L5), are left as they are.
 */
export function withoutRestatedRoots(levels: string[]): string[] {
  const spans = levels.map((l) => ({ l, s: spanOf(l) }));
  const segs = spans.filter((x) => x.s && x.s[0] !== x.s[1]);
  const roots = spans.filter((x) => x.s && x.s[0] === x.s[1]);
  if (segs.length === 0 || roots.length === 0) return levels;
  if (!roots.every((r) => segs.some((g) => r.s![0] >= g.s![0] && r.s![0] <= g.s![1]))) return levels;
  return levels.filter((l) => !roots.some((r) => r.l === l));
}

/** True when two levels share a vertebra or lie next to each other ("at or beside"). */
export function levelsNear(a: string, b: string, slack = 1): boolean {
  const x = spanOf(a); const y = spanOf(b);
  if (!x || !y) return false;
  return x[0] <= y[1] + slack && y[0] <= x[1] + slack;
}

/** True when the two levels overlap (share at least one vertebra boundary or the same root). */
export function levelsOverlap(a: string, b: string): boolean {
  const x = spanOf(a); const y = spanOf(b);
  if (!x || !y) return false;
  if (x[0] === x[1] || y[0] === y[1]) return x[0] <= y[1] && y[0] <= x[1];
  return x[0] < y[1] && y[0] < x[1];
}
