/**
 * What both report formats show, read defensively from the review JSON: the contract's fields are
 * typed, the extensions other components add (items, wouldMeet, policy titles, thresholds) are
 * picked up when present and well-formed, and anything else is ignored. Pure: no I/O.
 */
import type { Evidence, Fact, Flag, ReviewOutput } from '../schema/review.ts';

export const DISCLAIMER = 'mednec recommends; a person decides. This review supports a clinician reviewer and is never ' +
  'the sole basis of a denial: check each finding against the quoted source before acting on it.';

const DETERMINATION_LABELS: Record<string, string> = {
  meets: 'Meets criteria',
  does_not_meet: 'Does not meet criteria',
  insufficient_documentation: 'Insufficient documentation',
  no_request_found: 'No request found',
};
const STATUS_LABELS: Record<string, string> = {
  met: 'met', not_met: 'not met', not_documented: 'not documented', not_applicable: 'not applicable',
};
const DECISION_LABELS: Record<string, string> = {
  approve: 'recommend approve', deny: 'recommend deny — physician review', correct: 'correct the line — physician review', not_applicable: 'not applicable',
};

export const determinationLabel = (d: string): string => DETERMINATION_LABELS[d] ?? words(d);
export const statusLabel = (s: string): string => STATUS_LABELS[s] ?? words(s);
export const decisionLabel = (s: string): string => DECISION_LABELS[s] ?? words(s);

/** `medial_branch_block` → `medial branch block`. */
/** The request in one line: procedure, side, levels and codes. */
export function requestText(r: ReportReview): string {
  const q = r.request;
  const parts = [words(q.procedure), q.side ?? '', q.levels.join(', ')].filter(Boolean).join(', ');
  return q.codes.length ? `${parts} (codes ${q.codes.join(', ')})` : parts;
}

export function words(s: string): string {
  return s.replace(/_/g, ' ');
}

export interface ReportReview {
  policy: string;
  governing: boolean;
  governingBasis?: string;
  policyTitle?: string;
  policyVersion?: string;
  verifiedOn?: string;
  citation?: string;
  outcome: string;
  request: { procedure: string; levels: string[]; side?: string; codes: string[]; intent?: string };
  criteria: ReportCriterion[];
  flags: Flag[];
  items: ReportItem[];
  wouldMeet: { criterion: string; status?: string; action: string }[];
}
export interface ReportCriterion {
  id: string; text: string; status: string; reason: string; evidence: string[];
  confidence?: string; source?: string; thresholds: { name: string; value: string; source?: string }[];
}
export interface ReportItem {
  item: string; code?: string; units?: number | null; modifiers: string[]; decision: string; reason: string;
  criteria: string[]; flags: string[];
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const objs = (v: unknown): Loose[] => (Array.isArray(v) ? v.filter((x): x is Loose => !!x && typeof x === 'object') : []);

export function reportReviews(review: ReviewOutput): ReportReview[] {
  const list = objs(review.reviews).map((r): ReportReview => {
    const req = (r.request && typeof r.request === 'object' ? r.request : {}) as Loose;
    return {
      policy: str(r.policy) ?? 'unknown policy',
      governing: r.governing === true,
      governingBasis: str(r.governingBasis),
      policyTitle: str(r.policyTitle),
      policyVersion: str(r.policyVersion),
      verifiedOn: str(r.verifiedOn),
      citation: str(r.citation),
      outcome: str(r.outcome) ?? 'unknown',
      request: { procedure: str(req.procedure) ?? 'unknown', levels: strs(req.levels), side: str(req.side), codes: strs(req.codes), intent: str(req.intent) },
      criteria: objs(r.criteria).map(criterion),
      flags: objs(r.flags).map(flag),
      items: objs(r.items).map((i) => ({
        item: str(i.item) ?? str(i.code) ?? 'item', code: str(i.code),
        units: typeof i.units === 'number' ? i.units : null, modifiers: strs(i.modifiers),
        decision: str(i.decision) ?? 'unknown', reason: str(i.reason) ?? '', criteria: strs(i.criteria), flags: strs(i.flags),
      })),
      wouldMeet: objs(r.wouldMeet).filter((w) => typeof w.action === 'string')
        .map((w) => ({ criterion: str(w.criterion) ?? '', status: str(w.status), action: w.action as string })),
    };
  });
  // The governing review first: it is the one the determination follows.
  return [...list.filter((r) => r.governing), ...list.filter((r) => !r.governing)];
}

function criterion(c: Loose): ReportCriterion {
  const thresholds = c.thresholds && typeof c.thresholds === 'object' ? Object.entries(c.thresholds as Loose) : [];
  return {
    id: str(c.id) ?? '?', text: str(c.text) ?? '', status: str(c.status) ?? 'unknown', reason: str(c.reason) ?? '',
    evidence: strs(c.evidence), confidence: str(c.confidence), source: str(c.source),
    thresholds: thresholds.map(([name, t]) => {
      const o = (t && typeof t === 'object' ? t : { value: t }) as Loose;
      const value = o.value === null || o.value === undefined ? 'none' : String(o.value);
      return { name, value: str(o.unit) ? `${value} ${o.unit as string}` : value, source: str(o.source) };
    }),
  };
}

export function flag(f: Loose): Flag {
  return {
    code: str(f.code) ?? 'FLAG', severity: (['critical', 'major', 'minor'].includes(f.severity as string) ? f.severity : 'minor') as Flag['severity'],
    message: str(f.message) ?? '', evidence: strs(f.evidence),
  };
}

export function topFlags(review: ReviewOutput): Flag[] {
  const order = { critical: 0, major: 1, minor: 2 } as const;
  return objs(review.flags).map(flag).sort((a, b) => order[a.severity] - order[b.severity]);
}

export function factIndex(review: ReviewOutput): Map<string, Fact> {
  return new Map(objs(review.facts).map((f) => [String(f.id), f as unknown as Fact]));
}

/** One line for a fact's attributes: `procedure: medial branch block · levels: L4-L5, L5-S1`. */
export function attributeText(f: Fact): string {
  const attrs = f.attributes && typeof f.attributes === 'object' ? Object.entries(f.attributes) : [];
  return attrs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? words(v) : String(v)}`)
    .join(' · ');
}

/** A short description of a fact for citations: `f3 prior procedure (absent)`. */
export function factLabel(f: Fact | undefined, id: string): string {
  if (!f) return `${id} (not in the facts list)`;
  const extra = [f.assertion !== 'present' ? f.assertion : '', f.experiencer === 'other' ? 'other person' : ''].filter(Boolean);
  return `${id} ${words(f.type)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

export function evidenceOf(f: Fact | undefined): Evidence[] {
  return f && Array.isArray(f.evidence) ? f.evidence.filter((e) => e && typeof e.page === 'number') : [];
}

/** Facts grouped by type, types in the order they first appear. */
export function factsByType(review: ReviewOutput): [string, Fact[]][] {
  const groups = new Map<string, Fact[]>();
  for (const f of factIndex(review).values()) {
    const g = groups.get(f.type) ?? [];
    g.push(f);
    groups.set(f.type, g);
  }
  return [...groups.entries()];
}

export interface Mark { start: number; end: number; factId: string; type: string; evidenceIndex: number }

/**
 * Evidence spans on one page, kept only where the quote matches the page text (a span that does
 * not is reported, never highlighted at the wrong place).
 */
export function marksForPage(review: ReviewOutput, page: number, text: string): { marks: Mark[]; mismatched: Mark[] } {
  const marks: Mark[] = [], mismatched: Mark[] = [];
  for (const f of factIndex(review).values()) {
    evidenceOf(f).forEach((e, i) => {
      if (e.page !== page) return;
      const m = { start: e.start, end: e.end, factId: f.id, type: f.type, evidenceIndex: i };
      if (e.start >= 0 && e.end <= text.length && e.start < e.end && text.slice(e.start, e.end) === e.text) marks.push(m);
      else mismatched.push(m);
    });
  }
  return { marks, mismatched };
}

/**
 * Cuts a page into segments at every span boundary; each segment lists the spans covering it.
 * Overlapping and nested evidence (a level inside a procedure phrase) thus highlights correctly.
 */
export function segments(text: string, marks: Mark[]): { start: number; end: number; marks: Mark[] }[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out: { start: number; end: number; marks: Mark[] }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!, end = points[i + 1]!;
    out.push({ start, end, marks: marks.filter((m) => m.start <= start && m.end >= end) });
  }
  return out;
}

/**
 * "verify against the image" when the fact decides a criterion or flag and rests on low-confidence
 * OCR'd words (review JSON `verifyAgainstImage`, src/pipeline/ocr-confidence.ts); else null.
 */
export function verifyNote(f: Fact | undefined): string | null {
  const x = f as (Fact & { verifyAgainstImage?: unknown; ocrConfidence?: unknown }) | undefined;
  if (x?.verifyAgainstImage !== true) return null;
  return `verify against the image (OCR confidence ${typeof x.ocrConfidence === 'number' ? `${Math.round(x.ocrConfidence)}%` : 'low'})`;
}

/** The OCR confidence of one evidence span, when the review gives it. */
export function evidenceConfidence(e: Evidence): number | null {
  const c = (e as Evidence & { ocrConfidence?: unknown }).ocrConfidence;
  return typeof c === 'number' ? c : null;
}

/** An OCR'd page's image for the report: a data URI and the words' offsets and boxes (page fractions). */
export interface PageImage {
  page: number;
  /** `data:image/png;base64,…` (the report is one self-contained file). */
  src: string;
  words: { start: number; end: number; box: [number, number, number, number] }[];
}

/** A box to draw on the page image, in fractions of the image (x0, y0, x1, y1), for one evidence span. */
export interface ImageBox { mark: Mark; box: [number, number, number, number] }

/**
 * The boxes of each evidence span on the page image: the boxes of the words the span overlaps,
 * joined along a text line (a word whose vertical extent overlaps the previous one's) so a quote
 * on two lines is two boxes, not one that covers the lines between.
 */
export function evidenceBoxes(marks: Mark[], words: PageImage['words']): ImageBox[] {
  const out: ImageBox[] = [];
  for (const m of marks) {
    let cur: [number, number, number, number] | null = null;
    for (const w of words) {
      if (w.end <= m.start || w.start >= m.end) continue;
      const b = w.box;
      if (cur && b[1] < cur[3] && b[3] > cur[1] && b[0] >= cur[0]) {
        cur = [Math.min(cur[0], b[0]), Math.min(cur[1], b[1]), Math.max(cur[2], b[2]), Math.max(cur[3], b[3])];
      } else {
        if (cur) out.push({ mark: m, box: cur });
        cur = [b[0], b[1], b[2], b[3]];
      }
    }
    if (cur) out.push({ mark: m, box: cur });
  }
  return out;
}
