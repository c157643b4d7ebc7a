/**
 * Doses and sigs: "300 mg TID", "300 mg three times daily" (→ TID), "10 mg q.h.s." (→ QHS),
 * "b.i.d." (→ BID), "q8h" (→ Q8H), "prn", "1 mL of 0.5% bupivacaine", "80 mg Depo-Medrol", "2 cc".
 * Units are normalized to mg, mcg, g, mL, cc, %, mg/mL, mg/kg. A percentage is a dose only as a
 * drug concentration ("0.5% bupivacaine", "lidocaine 1%"), never "80% relief". Lab values
 * ("2.0 mg/dL") are not doses.
 */
import { CONCENTRATION_DRUG, DOSE, SIG_STOP, FREQUENCY, FREQUENCY_CODES, PRN, ROUTE, ROUTE_CODES } from './patterns.ts';

export interface DoseMatch {
  start: number;
  end: number;
  dose: number;
  unit: string;
  frequency?: string;
  route?: string;
  prn?: boolean;
  /** Frequency and PRN together, as the gold writes them ("TID PRN", "PRN"). */
  sig?: string;
}

function unitOf(raw: string): string {
  const u = raw.toLowerCase().replace(/\s+/g, '');
  if (u === 'mg/ml') return 'mg/mL';
  if (u === 'mg/kg') return 'mg/kg';
  if (u === 'mg' || u.startsWith('milligram')) return 'mg';
  if (u === 'mcg' || u === 'µg' || u === 'ug' || u.startsWith('microgram')) return 'mcg';
  if (u === 'g' || u === 'gm' || u.startsWith('gram')) return 'g';
  if (u === 'ml') return 'mL';
  return u; // cc, %
}

/** The frequency code of a FREQUENCY match. */
function frequencyCode(m: RegExpExecArray): string {
  for (let i = 1; i < m.length; i++) {
    if (m[i] === undefined) continue;
    const code = FREQUENCY_CODES[i - 1];
    if (code) return code;
    return `Q${m[i]!.replace(/\s+/g, '').replace(/to/i, '-').replace(/[\u2010-\u2015\u2212]/g, '-')}H`;
  }
  return '';
}

/** The sig after a dose runs to the next dose, sentence end or line end, at most 60 characters. */
function sigWindow(s: string, from: number, nextDose: number): string {
  let w = s.slice(from, Math.min(nextDose, from + 60));
  const stop = w.search(SIG_STOP);
  if (stop >= 0) w = w.slice(0, stop + 1);
  return w;
}

export function findDoses(s: string): DoseMatch[] {
  const raw: { start: number; end: number; dose: number; unit: string }[] = [];
  DOSE.lastIndex = 0;
  for (let m = DOSE.exec(s); m; m = DOSE.exec(s)) {
    const unit = unitOf(m[2]!);
    const dose = Number(m[1]!.replace(/,/g, ''));
    if (!Number.isFinite(dose)) continue;
    const start = m.index, end = m.index + m[0].length;
    if (unit === '%') {
      const around = s.slice(Math.max(0, start - 25), start) + ' ' + s.slice(end, end + 25);
      if (dose > 10 || !CONCENTRATION_DRUG.test(around)) continue;
    }
    raw.push({ start, end, dose, unit });
  }
  return raw.map((d, i) => {
    const next = raw[i + 1]?.start ?? s.length;
    const sig = parseSig(sigWindow(s, d.end, next));
    const r: DoseMatch = { ...d };
    if (sig.frequency) r.frequency = sig.frequency;
    if (sig.route) r.route = sig.route;
    if (sig.prn) r.prn = true;
    if (sig.sig) r.sig = sig.sig;
    // The span grows over the sig it found, so evidence reads "300 mg TID", not "300 mg".
    if (sig.end > 0 && sig.end <= 40) r.end = d.end + sig.end;
    return r;
  });
}

export interface Sig {
  frequency?: string;
  route?: string;
  prn?: boolean;
  /** Frequency and PRN as one string, the way the gold writes them: "TID", "TID PRN", "PRN". */
  sig?: string;
  /** Where the last sig element ends in the string given (0 when none). */
  end: number;
}

/**
 * The sig in a short string that follows a drug or a dose ("p.o. b.i.d. p.r.n.", "PRN",
 * "three times a day as needed"). For a drug written without a dose ("acetaminophen PRN"), call it
 * on the few words after the name.
 */
export function parseSig(win: string): Sig {
  const out: Sig = { end: 0 };
  FREQUENCY.lastIndex = 0;
  const f = FREQUENCY.exec(win);
  if (f) {
    out.frequency = frequencyCode(f);
    // "TID." ends a sentence; "t.i.d." keeps its last dot.
    const trailingStop = f[0].endsWith('.') && !f[0].slice(0, -1).includes('.');
    out.end = Math.max(out.end, f.index + f[0].length - (trailingStop ? 1 : 0));
  }
  ROUTE.lastIndex = 0;
  const ro = ROUTE.exec(win);
  if (ro) {
    const gi = [1, 2, 3, 4, 5, 6, 7].find((k) => ro[k] !== undefined)!;
    out.route = ROUTE_CODES[gi - 1];
    out.end = Math.max(out.end, ro.index + ro[0].length);
  }
  const p = PRN.exec(win);
  if (p) { out.prn = true; out.end = Math.max(out.end, p.index + p[0].length); }
  if (out.frequency || out.prn) out.sig = [out.frequency, out.prn ? 'PRN' : undefined].filter(Boolean).join(' ');
  return out;
}
