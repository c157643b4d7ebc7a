/**
 * Anchored scanning. Patterns that begin with a count or a word list ("fifty percent", "for the
 * past several years") are slow to run over a whole note: the regex engine tries them at every
 * letter. A cheap anchor (the '%', the time unit, the side letter) finds the few places worth
 * looking at, and the full pattern runs only on a window around each, so the cost follows the
 * number of anchors instead of the length of the note.
 *
 * Windows are widened to white space on both sides, so a window starts where a word starts and
 * the patterns' `(?<![a-z0-9])` guards see the same thing they would in the whole string; windows
 * that overlap are merged, so no text is scanned twice and no match is reported twice.
 */

const WS = /\s/;

function widenLeft(s: string, i: number): number {
  let lo = Math.max(0, i);
  for (let k = 0; lo > 0 && !WS.test(s[lo - 1]!) && k < 32; k++) lo--;
  return lo;
}

function widenRight(s: string, i: number): number {
  let hi = Math.min(s.length, i);
  for (let k = 0; hi < s.length && !WS.test(s[hi]!) && k < 32; k++) hi++;
  return hi;
}

/** Merged windows [start, end) around every match of `anchor`, `back` chars before and `fwd` after. */
export function anchorWindows(s: string, anchor: RegExp, back: number, fwd: number): [number, number][] {
  const out: [number, number][] = [];
  anchor.lastIndex = 0;
  for (let a = anchor.exec(s); a; a = anchor.exec(s)) {
    if (a[0] === '') { anchor.lastIndex++; continue; }
    const lo = widenLeft(s, a.index - back);
    const hi = widenRight(s, a.index + a[0].length + fwd);
    const last = out[out.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/**
 * Every match of the global regex `re` inside the windows, with `index` moved to the whole
 * string's offsets. `re` must have the `g` flag; its `lastIndex` is reset.
 */
export function execInWindows(s: string, windows: readonly [number, number][], re: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (const [lo, hi] of windows) {
    const w = s.slice(lo, hi);
    re.lastIndex = 0;
    for (let m = re.exec(w); m; m = re.exec(w)) {
      if (m[0] === '') { re.lastIndex++; continue; }
      m.index += lo;
      out.push(m);
    }
  }
  return out;
}

/** `execInWindows` over the windows of `anchor`. */
export function execAnchored(s: string, anchor: RegExp, re: RegExp, back: number, fwd: number): RegExpExecArray[] {
  return execInWindows(s, anchorWindows(s, anchor, back, fwd), re);
}

/**
 * Spans already taken, kept sorted and disjoint, so "does this overlap a match we have?" is a
 * binary search instead of a scan of every earlier match (a note with thousands of numbers stays
 * linear-ish).
 */
export class SpanIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Index of the last span starting before `pos`, or -1. */
  private lastBefore(pos: number): number {
    let lo = 0, hi = this.starts.length - 1, ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < pos) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }

  overlaps(start: number, end: number): boolean {
    const i = this.lastBefore(end);
    return i >= 0 && this.ends[i]! > start;
  }

  /** Adds [start, end) if it overlaps nothing; returns whether it was added. */
  add(start: number, end: number): boolean {
    if (this.overlaps(start, end)) return false;
    const i = this.lastBefore(end) + 1;
    this.starts.splice(i, 0, start);
    this.ends.splice(i, 0, end);
    return true;
  }
}
