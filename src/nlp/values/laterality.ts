/**
 * Side mentions: left/right/bilateral and their abbreviations. Every mention is returned ("right
 * greater than left" gives right and left); the caller decides what a sentence means.
 */
import { LIGHT_TOUCH_AFTER, LIGHT_TOUCH_BEFORE, SIDE_BODY_PART_AFTER, SIDE_LETTER, SIDE_LETTER_ANCHOR, SIDE_WORD } from './patterns.ts';
import { execAnchored } from './scan.ts';

export type Side = 'left' | 'right' | 'bilateral';
export interface SideMatch { start: number; end: number; side: Side }

function sideOf(word: string): Side | null {
  const w = word.toLowerCase();
  if (w.startsWith('b')) return 'bilateral';
  if (w.startsWith('l')) return 'left';
  if (w.startsWith('r')) return 'right';
  return null;
}

/** "LT" is also light touch in a sensory exam ("LT/PP intact", "decreased LT"). */
function lightTouch(s: string, start: number, end: number): boolean {
  if (s[start - 1] === '/' || s[end] === '/') return true;
  const after = s.slice(end, end + 24);
  if (LIGHT_TOUCH_AFTER.test(after)) return true;
  return LIGHT_TOUCH_BEFORE.test(s.slice(Math.max(0, start - 24), start)) && !SIDE_BODY_PART_AFTER.test(after);
}

export function findSides(s: string): SideMatch[] {
  const out: SideMatch[] = [];
  SIDE_WORD.lastIndex = 0;
  for (let m = SIDE_WORD.exec(s); m; m = SIDE_WORD.exec(s)) {
    const w = m[1]!;
    // "BL" is also a lab/blood abbreviation; only trust it next to a body-side word.
    if (/^bl$/i.test(w) && !/^\s{0,2}(?:le|les|lower|legs?|ue|upper|feet|hips|knees|buttocks|l\d|s1|si|facet|mbb|rfa|tfesi|radic)/i.test(s.slice(m.index + w.length, m.index + w.length + 12))) continue;
    if (/^lt\.?$/i.test(w) && lightTouch(s, m.index, m.index + w.length)) continue;
    const side = sideOf(w);
    if (side) out.push({ start: m.index, end: m.index + w.length, side });
  }
  for (const m of execAnchored(s, SIDE_LETTER_ANCHOR, SIDE_LETTER, 8, 30)) {
    const letter = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    const side = sideOf(letter)!;
    out.push({ start: m.index, end: m.index + 1, side });
  }
  return out.sort((a, b) => a.start - b.start);
}
