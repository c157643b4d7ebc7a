/**
 * Spinal levels: "L4-5", "L4/5", "L4–L5", "L 5-S 1", "L5S1", "L45", "L3 to S1", "T12-L1", "C5-6",
 * single vertebrae/roots ("right L5 TFESI" → L5), lists ("L4-5 and L5-S1") and medial-branch
 * nerve lists, which map to the joints they serve (CONTRACT "How facts are counted").
 * Output format: segments `L4-L5`, `L5-S1`, single levels `L5`, sorted cranial → caudal, deduped.
 */
import {
  HEART_SOUND_CONTEXT, LEVEL_ATOM, LEVEL_BARE_CONTINUATION, LEVEL_LIST_GAP, MEDIAL_BRANCH_AFTER,
  MEDIAL_BRANCH_BEFORE, NERVE_HINT, PLURAL_NERVES_AFTER, ROOT_AFTER, ROOT_BEFORE, RFA_AFTER, T_NOT_LEVEL_AFTER, T_NOT_LEVEL_BEFORE,
} from './patterns.ts';

export interface LevelMatch {
  start: number;
  end: number;
  levels: string[];
  kind: 'segment' | 'vertebra' | 'range' | 'medial_branch' | 'list';
  /** For kind 'medial_branch': the nerves named (L3, L4, L5). */
  nerves?: string[];
  /**
   * Single vertebrae named as nerve roots or their territory ("S1 nerve root", "L5 radiculopathy",
   * "traversing S1"): an imaging finding's level is the segment, not the root it touches.
   */
  root?: boolean;
}

export type Region = 'cervical' | 'thoracic' | 'lumbar' | 'sacral';

/** Vertebrae (and the C8 root, which has no vertebra) in cranial → caudal order. */
export const VERTEBRAE: readonly string[] = [
  'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12',
  'L1', 'L2', 'L3', 'L4', 'L5',
  'S1', 'S2', 'S3', 'S4', 'S5',
];
const INDEX = new Map(VERTEBRAE.map((v, i) => [v, i]));
const MAX: Record<string, number> = { C: 8, T: 12, L: 5, S: 5 };

function vertebra(region: string, n: string | number): string | null {
  const r = region.toUpperCase();
  const num = typeof n === 'number' ? n : Number(n);
  if (!Number.isInteger(num) || num < 1 || num > (MAX[r] ?? 0)) return null;
  return `${r}${num}`;
}

/** The next vertebra caudally; C7 → T1 (C8 is a root between them, not a segment end). */
function nextVertebra(v: string): string | null {
  if (v === 'C7' || v === 'C8') return 'T1';
  const i = INDEX.get(v);
  return i === undefined || i + 1 >= VERTEBRAE.length ? null : VERTEBRAE[i + 1]!;
}

function prevVertebra(v: string): string | null {
  if (v === 'T1') return 'C7';
  const i = INDEX.get(v);
  return i === undefined || i === 0 ? null : VERTEBRAE[i - 1]!;
}

function segment(a: string): string | null {
  const b = nextVertebra(a);
  return b ? `${a}-${b}` : null;
}

function rank(level: string): number {
  const [a, b] = level.split('-');
  const ia = INDEX.get(a!) ?? 999;
  // A segment sorts right after its cranial vertebra: L4, L4-L5, L5.
  return ia * 2 + (b ? 1 : 0);
}

/** Sorts cranial → caudal and removes duplicates. */
export function sortLevels(levels: Iterable<string>): string[] {
  const arr = Array.isArray(levels) ? levels as string[] : [...levels];
  if (arr.length <= 1) return arr.slice();
  return [...new Set(arr)].sort((x, y) => rank(x) - rank(y));
}

/** Region of a level; a segment takes its cranial vertebra's region (L5-S1 is lumbar). */
export function levelRegion(level: string): Region {
  const c = level.trim().charAt(0).toUpperCase();
  if (c === 'C') return 'cervical';
  if (c === 'T') return 'thoracic';
  if (c === 'S') return 'sacral';
  return 'lumbar';
}

/** Segments from `from` to `to`: expandRange('L3', 'S1') → ['L3-L4', 'L4-L5', 'L5-S1']. */
export function expandRange(from: string, to: string): string[] {
  let a = from.toUpperCase(), b = to.toUpperCase();
  let ia = INDEX.get(a), ib = INDEX.get(b);
  if (ia === undefined || ib === undefined || ia === ib) return [];
  if (ia > ib) { [a, b] = [b, a]; [ia, ib] = [ib, ia]; }
  const out: string[] = [];
  let cur: string | null = a;
  while (cur && cur !== b) {
    const nx = nextVertebra(cur);
    if (!nx) break;
    out.push(`${cur}-${nx}`);
    cur = nx;
    if (out.length > 40) break;
  }
  return out;
}

/**
 * The facet joints a set of medial-branch nerves blocks. A joint X-Y is innervated by the medial
 * branches of the vertebra above X and of X (L4-L5 ← L3 + L4; L5-S1 ← L4 medial branch + L5
 * dorsal ramus), so a joint counts when both of its nerves are in the list (CONTRACT).
 */
export function medialBranchesToJoints(nerves: string[]): string[] {
  const set = new Set(nerves.map((n) => n.toUpperCase().replace(/\s+/g, '')));
  const joints: string[] = [];
  for (const x of set) {
    const above = prevVertebra(x);
    const seg = segment(x);
    if (above && seg && set.has(above)) joints.push(seg);
  }
  return sortLevels(joints);
}

interface Atom {
  start: number;
  end: number;
  /** A single vertebra, or the two ends of a segment/range. */
  from: string;
  to: string | null;
  spaced: boolean;
}

function parseAtom(m: RegExpExecArray): Atom | null {
  const start = m.index, end = m.index + m[0].length;
  if (m[1]) {
    // "L45": only adjacent digits are a segment ("L34", "L45"); "L35" is not a level.
    if (Number(m[2]) !== Number(m[1]) + 1) return null;
    return { start, end, from: `L${m[1]}`, to: `L${m[2]}`, spaced: false };
  }
  if (m[3]) return { start, end, from: 'L5', to: 'S1', spaced: false };
  const from = vertebra(m[4]!, m[5]!);
  if (!from) return null;
  const spaced = /^[clts]\s/i.test(m[0]);
  if (m[7] === undefined) return { start, end, from, to: null, spaced };
  const to = vertebra(m[6] ?? m[4]!, m[7]);
  if (!to) return null;
  if ((INDEX.get(to) ?? 0) <= (INDEX.get(from) ?? 0)) return null;
  return { start, end, from, to, spaced };
}

const ITEM_LABEL_AFTER = /^[.)][ \t]+[a-z]/i;
/** Only blanks between the start of the line (or of the text) and the label. */
const LINE_START_BEFORE = /(?:^|\n)[ \t]*$/;

/** `s` is a slice of a longer text: `text` from offset `at` (lines are judged in the whole text). */
export interface Within { text: string; at: number }

function itemLabel(text: string, start: number, end: number): boolean {
  return ITEM_LABEL_AFTER.test(text.slice(end, end + 4)) && LINE_START_BEFORE.test(start <= 12 ? text.slice(0, start) : '\0' + text.slice(start - 12, start));
}

/** Rejects readings that are not spinal levels: heart sounds S1–S4, MRI T1/T2, thyroid T3/T4. */
function plausible(s: string, a: Atom, within?: Within): boolean {
  if (a.spaced && a.to === null) return false; // "L 5" alone is too weak; "L 5-S 1" is fine.
  // A form's item number ("  C7. Date / relief, second block:", "L2) Levels requested"): a single
  // vertebra opening a line with a period or parenthesis after it labels the line (dev writer 12A).
  if (a.to === null && itemLabel(within ? within.text : s, a.start + (within?.at ?? 0), a.end + (within?.at ?? 0))) return false;
  const region = a.from.charAt(0);
  if (a.to === null && region === 'S') {
    const win = s.slice(Math.max(0, a.start - 40), Math.min(s.length, a.end + 40));
    if (HEART_SOUND_CONTEXT.test(win)) return false;
  }
  if (a.to === null && region === 'T') {
    if (T_NOT_LEVEL_AFTER.test(s.slice(a.end, a.end + 30))) return false;
    if (T_NOT_LEVEL_BEFORE.test(s.slice(Math.max(0, a.start - 25), a.start))) return false;
  }
  return true;
}

function atomLevels(a: Atom): string[] {
  if (a.to === null) return [a.from];
  if (nextVertebra(a.from) === a.to) return [`${a.from}-${a.to}`];
  return expandRange(a.from, a.to);
}

function atomVertebrae(a: Atom): string[] {
  if (a.to === null) return [a.from];
  const out = [a.from];
  let cur: string | null = a.from;
  while (cur && cur !== a.to && out.length < 40) { cur = nextVertebra(cur); if (cur) out.push(cur); }
  return out;
}

function findAtoms(s: string, within?: Within): Atom[] {
  const atoms: Atom[] = [];
  LEVEL_ATOM.lastIndex = 0;
  for (let m = LEVEL_ATOM.exec(s); m; m = LEVEL_ATOM.exec(s)) {
    const a = parseAtom(m);
    if (!a || !plausible(s, a, within)) continue;
    atoms.push(a);
    // "L3, 4 and 5": bare numbers continuing a vertebra list.
    if (a.to === null) {
      let prev = a.from, pos = a.end;
      for (;;) {
        LEVEL_BARE_CONTINUATION.lastIndex = pos;
        const c = LEVEL_BARE_CONTINUATION.exec(s);
        if (!c) break;
        const v = vertebra(prev.charAt(0), c[1]!);
        if (!v || nextVertebra(prev) !== v) break;
        const start = c.index + c[0].length - c[1]!.length;
        atoms.push({ start, end: c.index + c[0].length, from: v, to: null, spaced: false });
        prev = v; pos = c.index + c[0].length;
      }
      LEVEL_ATOM.lastIndex = Math.max(LEVEL_ATOM.lastIndex, pos);
    }
  }
  return atoms;
}

/** All level mentions in `s`, lists grouped into one match; `within` when `s` is a slice of a longer text. */
export function findLevels(s: string, within?: Within): LevelMatch[] {
  const atoms = findAtoms(s, within);
  const groups: { atoms: Atom[]; mbInside: boolean }[] = [];
  for (const a of atoms) {
    const g = groups[groups.length - 1];
    if (g) {
      const last = g.atoms[g.atoms.length - 1]!;
      const gap = s.slice(last.end, a.start);
      if (gap.length <= 40 && LEVEL_LIST_GAP.test(gap)) {
        g.atoms.push(a);
        if (/medial|dorsal|\bmbs?\b/i.test(gap)) g.mbInside = true;
        continue;
      }
    }
    groups.push({ atoms: [a], mbInside: false });
  }
  const out: LevelMatch[] = [];
  for (const g of groups) {
    const start = g.atoms[0]!.start, end = g.atoms[g.atoms.length - 1]!.end;
    const singles = g.atoms.filter((a) => a.to === null);
    const after = s.slice(end, end + 40);
    const before = s.slice(Math.max(0, start - 60), start);
    // Most mentions have no nerve words near: one literal scan skips the medial-branch checks.
    const hint = g.mbInside || NERVE_HINT.test(before) || NERVE_HINT.test(after);
    const pluralNerves = hint && (g.mbInside || PLURAL_NERVES_AFTER.test(after));
    const mbContext = hint && (g.mbInside || MEDIAL_BRANCH_BEFORE.test(before) || MEDIAL_BRANCH_AFTER.test(after) ||
      (RFA_AFTER.test(after) && singles.length >= 2));
    if (mbContext && (singles.length > 0 || pluralNerves)) {
      // Nerve list: single vertebrae are nerves, and so is a range followed by "medial branches"
      // ("L3-L5 medial branches" = L3, L4, L5); a segment ("L4-5 medial branch block") already
      // names the joint.
      const nerves: string[] = [];
      const joints: string[] = [];
      for (const a of g.atoms) {
        if (a.to === null || (pluralNerves && nextVertebra(a.from) !== a.to)) nerves.push(...atomVertebrae(a));
        else joints.push(...atomLevels(a));
      }
      out.push({ start, end, kind: 'medial_branch', nerves: sortLevels(nerves),
        levels: sortLevels([...joints, ...medialBranchesToJoints(nerves)]) });
      continue;
    }
    const levels = sortLevels(g.atoms.flatMap(atomLevels));
    let kind: LevelMatch['kind'];
    if (g.atoms.length > 1) kind = 'list';
    else {
      const a = g.atoms[0]!;
      kind = a.to === null ? 'vertebra' : nextVertebra(a.from) === a.to ? 'segment' : 'range';
    }
    const m: LevelMatch = { start, end, levels, kind };
    if (singles.length === g.atoms.length && (ROOT_AFTER.test(after) || ROOT_BEFORE.test(before))) m.root = true;
    out.push(m);
  }
  return out;
}

/** Normalizes one level string ("l4-5", "L5S1", "L4/L5") or returns null. */
export function normalizeLevel(s: string): string | null {
  const m = findLevels(s.trim());
  if (m.length !== 1 || m[0]!.start !== 0 || m[0]!.end !== s.trim().length) return null;
  return m[0]!.levels.length === 1 ? m[0]!.levels[0]! : null;
}
