/**
 * Pain and disability scores: "pain 7/10", "VAS 6", "NRS: 8/10", "rates pain at 6 out of 10",
 * "ODI 42%", "Oswestry 38", "RMDQ 12", "pain level 5". Not "5/5 strength" (a score needs a
 * maximum of 10 or a scale label), not dates ("3/14/2023"), not "1/2 tab".
 * A range ("pain 6-7/10") gives its midpoint: within ±1 of either end.
 */
import { SpanIndex } from './scan.ts';
import { PAIN_CONTEXT_BEFORE, PAIN_SCORE_LABELLED, PAIN_SCORE_RATES, SCALE_SCORE, SCORE_OF_TEN } from './patterns.ts';

export type PainScale = 'NRS' | 'VAS' | 'ODI' | 'RMDQ' | 'other';
export interface PainScoreMatch { start: number; end: number; scale: PainScale; value: number; max: number }

function scaleOf(label: string): PainScale {
  const l = label.toLowerCase();
  if (l.startsWith('vas') || l.startsWith('visual')) return 'VAS';
  if (l.startsWith('odi') || l.startsWith('osw')) return 'ODI';
  if (l.startsWith('rmdq') || l.startsWith('roland')) return 'RMDQ';
  return 'NRS';
}

/** Default maximum of each scale when the note gives none. */
const DEFAULT_MAX: Record<PainScale, number> = { NRS: 10, VAS: 10, ODI: 100, RMDQ: 24, other: 10 };

/** "Rate your pain now 0-10: ____", "NRS (0-10)": a range over the whole scale names the scale, it is no score. */
function wholeScale(a: string, b: string | undefined, max = 10): boolean {
  return b !== undefined && Number(a) <= 1 && Number(b) === max;
}

function value(a: string, b: string | undefined): number {
  const x = Number(a);
  if (b === undefined) return x;
  const y = Number(b);
  return y >= x ? (x + y) / 2 : x;
}

export function findPainScores(s: string): PainScoreMatch[] {
  const out: PainScoreMatch[] = [];
  const taken = new SpanIndex();

  SCALE_SCORE.lastIndex = 0;
  for (let m = SCALE_SCORE.exec(s); m; m = SCALE_SCORE.exec(s)) {
    const scale = scaleOf(m[1]!);
    if (wholeScale(m[2]!, m[3], m[4] ? Number(m[4]) : 10)) continue;
    const v = value(m[2]!, m[3]);
    let max = m[4] ? Number(m[4]) : DEFAULT_MAX[scale];
    // VAS is often charted on 100 mm.
    if (scale === 'VAS' && !m[4] && v > 10) max = 100;
    if (v < 0 || v > max || max === 0) continue;
    if (scale === 'RMDQ' && max !== 24 && !m[4]) continue;
    if (!taken.add(m.index, m.index + m[0].length)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, scale, value: v, max });
  }

  for (const re of [PAIN_SCORE_LABELLED, PAIN_SCORE_RATES]) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const start = m.index, end = m.index + m[0].length;
      if (wholeScale(m[1]!, m[2])) continue;
      const v = value(m[1]!, m[2]);
      if (v > 10 || !taken.add(start, end)) continue;
      out.push({ start, end, scale: 'NRS', value: v, max: 10 });
    }
  }

  SCORE_OF_TEN.lastIndex = 0;
  for (let m = SCORE_OF_TEN.exec(s); m; m = SCORE_OF_TEN.exec(s)) {
    const start = m.index, end = m.index + m[0].length;
    if (taken.overlaps(start, end) || wholeScale(m[1]!, m[2])) continue;
    const v = value(m[1]!, m[2]);
    if (v > 10) continue;
    // A bare "7/10" is a pain score when pain words are near ("7/10 low back pain", "pain ... 7/10");
    // otherwise it is kept as 'other' (the caller decides), except where it is a strength or a dose.
    const after = s.slice(end, end + 25);
    if (/^\s{0,2}(?:strength|motor|power|reflex|tabs?|tablets?|pills?|mg|ml)/i.test(after)) continue;
    // "7/10 VAS", "6/10 (NRS)": the label after names the scale.
    const label = /^\s{0,3}\(?\s{0,2}(vas|nrs|nprs)\b/i.exec(after);
    const painNear = label !== null || PAIN_CONTEXT_BEFORE.test(s.slice(Math.max(0, start - 50), start)) || /^\s{0,3}(?:[a-z]+\s{1,2}){0,3}pain/i.test(after);
    const scale: PainScale = label ? scaleOf(label[1]!) : painNear ? 'NRS' : 'other';
    taken.add(start, end);
    out.push({ start, end, scale, value: v, max: 10 });
  }

  return out.sort((a, b) => a.start - b.start);
}
