/**
 * Facts of a packet (several documents in one file), counted as CONTRACT.md "Packets" fixes:
 * each document is read on its own (its own sections, date and role), then facts that report the
 * same thing merge into one with evidence from every document.
 *
 * - same type, assertion, experiencer and attributes → one fact;
 * - a report that says less merges into one that says more when nothing they both state differs
 *   (radicular pain on the same side, a procedure session, an operation, an exam finding, an injury);
 * - `radicular_pain` is absent only when no document reports it present;
 * - one `requested_procedure` per procedure, its attributes from every document (forms first);
 * - one `conservative_care` per modality, one `patient`, one code fact per code;
 * - a requested date of service is the request's, never a prior procedure's.
 */
import type { Fact } from '../schema/review.ts';
import { findLevels, sortLevels } from '../nlp/values/levels.ts';
import { combineSides } from './context.ts';
import { daysBetween } from '../case/dates.ts';
import { ESI_SPECIFIC, FACET, UNDATED_SESSION_RULE } from './procedures.ts';
import { NOTE_OUTCOME_RULE, OUTCOME_RANK } from './care.ts';
import { REVISED_RULE } from './context.ts';
import { markWithdrawnCodes } from './coding.ts';
import { SEDATION_CHANGED_RULE } from './index.ts';
import { lookupCode, normalizeCode, requestedBy, type CodeTable } from '../criteria/code-table.ts';

type Attrs = Fact['attributes'];
type AttrValue = Attrs[string];

export interface DocumentFacts {
  type: string;
  role: 'request' | 'performed' | 'billing' | 'narrative';
  firstPage: number;
  lastPage: number;
  rule: string | null;
  /** The document's own date (date of service, of the visit, of the request). */
  date: string | null;
  /** An imaging report's study, from its title (mri, ct, xray, emg). */
  modality?: string | null;
  /** A request document that says it corrects an earlier request (lexicons/segments.json `correction`). */
  corrects?: boolean;
  /** A request document kept only for the record (`superseded`): what it asks for is no longer asked. */
  superseded?: boolean;
  facts: Fact[];
}

/** Attributes that say which thing a fact is; the rest (descriptions, internal notes) never keep two facts apart. */
const IDENTITY: Partial<Record<string, readonly string[]>> = {
  radicular_pain: ['side', 'belowKnee', 'dermatome'],
  prior_procedure: ['procedure', 'levels', 'side', 'date', 'reliefPercent', 'intent'],
  surgery: ['procedure', 'levels', 'date', 'year'],
  injury: ['date', 'mechanism'],
  exam_finding: ['test', 'result', 'side'],
  diagnosis_code: ['code'],
  procedure_code: ['system', 'code', 'modifiers'],
  medication: ['name'],
  conservative_care: ['modality'],
  axial_pain: ['region'],
  diagnosis: ['concept'],
  imaging_finding: ['modality', 'finding', 'levels', 'sizeMm'],
  pain_score: ['scale', 'value', 'context'],
  pain_duration: ['months'],
  patient: [],
};
/** Types whose fact that says less merges into one that says more. */
const SUBSUME = new Set(['radicular_pain', 'prior_procedure', 'surgery', 'injury', 'exam_finding']);

function canon(v: AttrValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return JSON.stringify([...v].map(String).sort());
  return typeof v === 'string' ? v.toLowerCase() : String(v);
}

function identityKeys(f: Fact): readonly string[] {
  return IDENTITY[f.type] ?? Object.keys(f.attributes).sort();
}

function keyOf(f: Fact): string {
  const attrs = identityKeys(f).map((k) => `${k}=${canon(f.attributes[k])}`).join('|');
  return `${f.type}|${f.assertion}|${f.experiencer ?? 'patient'}|${attrs}`;
}

/** Every identity attribute `a` states is stated the same by `b` (and `b` states more). */
function subsumedBy(a: Fact, b: Fact): boolean {
  if (a.type !== b.type || a.assertion !== b.assertion || (a.experiencer ?? 'patient') !== (b.experiencer ?? 'patient')) return false;
  let more = false;
  for (const k of identityKeys(a)) {
    const va = a.attributes[k], vb = b.attributes[k];
    if (va === undefined) { if (vb !== undefined) more = true; continue; }
    if (vb === undefined || canon(va) !== canon(vb)) return false;
  }
  return more;
}

function absorb(into: Fact, from: Fact): void {
  for (const e of from.evidence) {
    if (!into.evidence.some((x) => x.page === e.page && x.start === e.start && x.end === e.end)) into.evidence.push(e);
  }
  for (const [k, v] of Object.entries(from.attributes)) if (into.attributes[k] === undefined && v !== undefined) into.attributes[k] = v;
  if (into.provenance && from.provenance) {
    into.provenance.rules = [...new Set([...into.provenance.rules, ...from.provenance.rules])];
    into.provenance.documents = [...(into.provenance.documents ?? []), ...(from.provenance.documents ?? [])]
      .filter((d, i, all) => all.findIndex((x) => x.firstPage === d.firstPage) === i);
  }
}

/**
 * One leg complaint told by several documents in parts ("right ... L4 distribution" in an office note,
 * "leg pain below the knee" in a chiropractor's report): a radicular pain that names no side joins the
 * one present report that does, when none of their attributes disagree.
 */
function mergeRadicular(facts: Fact[]): Fact[] {
  const present = facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present' && (f.experiencer ?? 'patient') === 'patient');
  const sided = present.filter((f) => f.attributes.side !== undefined);
  if (sided.length !== 1) return facts;
  const host = sided[0]!;
  const agree = (f: Fact) => Object.entries(f.attributes).every(([k, v]) => v === undefined || host.attributes[k] === undefined || canon(v) === canon(host.attributes[k]));
  const joined = new Set(present.filter((f) => f !== host && f.attributes.side === undefined && agree(f)));
  for (const f of joined) absorb(host, f);
  return facts.filter((f) => !joined.has(f));
}

/** Facts arrive with evidence on the source's pages already; here they learn their document. */
function withDocument(f: Fact, d: DocumentFacts): Fact {
  // A pain duration told in an older document ("LBP x 3 days" at an urgent-care visit in December)
  // has grown by the packet's date: the document's date goes with it (`asOf`).
  // (A duration its own dated entry dates, "12/15/2025 Initial exam ... x 10 days", keeps that date.)
  const asOf: Record<string, string> = f.type === 'pain_duration' && d.date && f.attributes.asOf === undefined ? { asOf: d.date }
    // An imaging report's findings carry the study's date: a newer study of the same kind supersedes them.
    : f.type === 'imaging_finding' && d.type === 'imaging' && d.date ? { studyDate: d.date } : {};
  // An imaging report's findings are of the study its title names, when the finding's sentence names none.
  if (f.type === 'imaging_finding' && d.type === 'imaging' && d.modality && f.attributes.modality === undefined) asOf.modality = d.modality;
  return {
    ...f,
    attributes: { ...f.attributes, ...asOf },
    evidence: f.evidence.map((e) => ({ ...e })),
    provenance: {
      extractor: f.provenance?.extractor ?? 'unknown',
      rules: [...(f.provenance?.rules ?? [])],
      assertionTrigger: f.provenance?.assertionTrigger ?? null,
      section: f.provenance?.section ?? null,
      documents: [{ type: d.type, role: d.role, firstPage: d.firstPage, lastPage: d.lastPage, rule: d.rule }],
    },
  };
}

/** The study an imaging report's title names ("MRI LUMBAR SPINE", "LUMBAR SPINE RADIOGRAPHS, 3 VIEWS"). */
export function studyOfTitle(head: string): string | null {
  const h = head.toLowerCase();
  if (/\b(?:mri|magnetic resonance)\b/.test(h)) return 'mri';
  if (/\b(?:ct|computed tomography|cat scan)\b/.test(h)) return 'ct';
  if (/\b(?:emg|electromyograph\w*|nerve conduction|electrodiagnostic)\b/.test(h)) return 'emg';
  if (/\b(?:x-?rays?|radiographs?|plain films?|xr)\b/.test(h)) return 'xray';
  return null;
}

const ROLE_ORDER: Record<DocumentFacts['role'], number> = { request: 0, billing: 1, narrative: 2, performed: 3 };

/** Merge the facts of a packet's documents. Pure; fact ids are given anew in evidence order. */
export function mergePacketFacts(docs: readonly DocumentFacts[], codes?: CodeTable, opts: { retrospective?: boolean } = {}): Fact[] {
  const all: Fact[] = [];
  // Requests read first from forms and orders, so their attributes win.
  const ordered = [...docs].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.firstPage - b.firstPage);
  const docDate = new Map<Fact, string | null>();
  const correcting = new Set<Fact>();
  const fromForms = new Set<Fact>();
  const supersededFacts = new Set<Fact>();
  for (const d of ordered) {
    for (const f of d.facts) {
      const g = withDocument(f, d); docDate.set(g, d.date); all.push(g);
      // (A request or code line told as revised, "The request is revised to bilateral L4-5 and L5-S1",
      // "Revised codes: 64635-50 x1, 64636-50 x1", corrects too.)
      if (d.corrects || (g.provenance?.rules ?? []).includes(REVISED_RULE)) correcting.add(g); else if (d.role === 'request') fromForms.add(g);
      if (d.superseded) supersededFacts.add(g);
    }
  }
  // A superseded form's requests are no longer asked; its code lines are withdrawn.
  for (let i = all.length - 1; i >= 0; i--) {
    const f = all[i]!;
    if (!supersededFacts.has(f)) continue;
    if (f.type === 'requested_procedure') all.splice(i, 1);
    else if (f.type === 'procedure_code' && f.assertion === 'present') f.attributes.withdrawn = true;
  }
  // A corrected request replaces the forms before it: what only they ask for is no longer asked
  // ("the 02/20 form ... lists the wrong procedure. Please review the corrected request").
  const correctedProcs = new Set([...correcting].filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => String(f.attributes.procedure)));
  if (correctedProcs.size) {
    for (let i = all.length - 1; i >= 0; i--) {
      const f = all[i]!;
      if (f.type === 'requested_procedure' && fromForms.has(f) && !correctedProcs.has(String(f.attributes.procedure))) all.splice(i, 1);
    }
  }

  // "the 10/7 injection" told in a document that names no procedure: the session of that date another
  // document names (dropped when none does).
  resolveDatedSessions(all);
  resolveUndatedSessions(all, docDate);
  for (let i = all.length - 1; i >= 0; i--) if (all[i]!.attributes.procedure === 'injection_generic' && all[i]!.provenance?.rules.some((r) => r === 'procedures.dated_session' || r === UNDATED_SESSION_RULE)) all.splice(i, 1);

  // The request: one per procedure, attributes from every document that names it.
  const requestDates = new Set(all.filter((f) => f.type === 'requested_procedure' && typeof f.attributes.date === 'string').map((f) => String(f.attributes.date)));
  // A code line a document says was withdrawn ("01992 withdrawn by the requesting physician").
  markWithdrawnCodes(all, (f) => f.provenance?.rules ?? []);
  // A corrected request bills its own code lines: a line that only what it replaces names is withdrawn.
  const standingCodes = new Set(all.filter((f) => correcting.has(f) && f.type === 'procedure_code').map((f) => String(f.attributes.code)));
  if (standingCodes.size) {
    for (const f of all) if (f.type === 'procedure_code' && f.assertion === 'present' && !correcting.has(f) && !standingCodes.has(String(f.attributes.code))) f.attributes.withdrawn = true;
  }
  let facts = reconcileRequests(mergeRequests(all, docDate, correcting));
  if (codes) {
    facts = [...settleChainByCodes(facts, codes), ...requestsFromCodes(facts, codes)];
    completeRequestsFromCodes(facts, codes);
  }
  reconcileSessions(facts);
  if (opts.retrospective) markRetrospective(facts);
  // A requested date of service is never a prior procedure's date.
  facts = facts.filter((f) => !(f.type === 'prior_procedure' && f.assertion === 'present' && typeof f.attributes.date === 'string' &&
    requestDates.has(f.attributes.date) && f.attributes.reliefPercent === undefined && !isPerformedFact(f)));

  // Same thing, same words: one fact.
  const byKey = new Map<string, Fact>();
  const merged: Fact[] = [];
  for (const f of facts) {
    if (f.type === 'patient' || f.type === 'conservative_care') { merged.push(f); continue; }
    const k = keyOf(f);
    const hit = byKey.get(k);
    if (!hit) { byKey.set(k, f); merged.push(f); continue; }
    // A code line told as revised ("Revised codes: ... 64636-50 x1") bills its own units.
    if (f.type === 'procedure_code' && revisedFact(f) && !revisedFact(hit) && f.attributes.units !== undefined) hit.attributes.units = f.attributes.units;
    absorb(hit, f);
  }
  // Less into more.
  let out = merged.filter((f) => {
    if (!SUBSUME.has(f.type)) return true;
    const host = merged.find((g) => g !== f && subsumedBy(f, g));
    if (!host) return true;
    absorb(host, f);
    return false;
  });
  out = mergeRadicular(out);
  out = mergeOperations(out);
  out = mergeConservativeCare(out);
  out = mergePatient(out);
  // Radicular pain is absent only when no document reports it present.
  if (out.some((f) => f.type === 'radicular_pain' && f.assertion === 'present' && (f.experiencer ?? 'patient') === 'patient')) {
    out = out.filter((f) => !(f.type === 'radicular_pain' && f.assertion === 'absent'));
  }
  out.sort((a, b) => firstEvidence(a) - firstEvidence(b));
  return out.map((f, i) => ({ ...f, id: `f${i + 1}` }));
}

/**
 * "Still about 60 percent better than before the shot" in a nurse's call of 09/10/2025 that names no
 * procedure: the session is the latest one another document dates on or before the call (its
 * procedure, date, levels and side); with none, it stays unnamed (and is dropped).
 */
function resolveUndatedSessions(all: Fact[], dateOf: ReadonlyMap<Fact, string | null>): void {
  const dated = all.filter((g) => g.type === 'prior_procedure' && g.assertion === 'present' && g.attributes.procedure !== 'injection_generic' &&
    typeof g.attributes.date === 'string' && FULL_DATE.test(String(g.attributes.date)));
  for (const f of all) {
    if (f.attributes.procedure !== 'injection_generic' || !f.provenance?.rules.includes(UNDATED_SESSION_RULE)) continue;
    const asOf = dateOf.get(f);
    if (!asOf) continue;
    const before = dated.filter((g) => String(g.attributes.date) <= asOf).sort((a, b) => String(b.attributes.date).localeCompare(String(a.attributes.date)));
    const latest = before[0];
    if (!latest || before.some((g) => g.attributes.date === latest.attributes.date && g.attributes.procedure !== latest.attributes.procedure)) continue;
    // That session as its documents tell it: each attribute from the first that gives it (a form may
    // name the session without its levels).
    const same = before.filter((g) => g.attributes.date === latest.attributes.date);
    for (const k of ['procedure', 'date', 'levels', 'side', 'intent'] as const) {
      const v = same.find((g) => g.attributes[k] !== undefined)?.attributes[k];
      if (v !== undefined) f.attributes[k] = v;
    }
  }
}

/** A dated session named without its procedure takes the procedure of a session of that date named elsewhere. */
function resolveDatedSessions(all: Fact[]): void {
  for (const f of all) {
    if (f.type !== 'prior_procedure' || f.attributes.procedure !== 'injection_generic' || typeof f.attributes.date !== 'string') continue;
    const same = new Set(all.filter((g) => g !== f && g.type === 'prior_procedure' && g.attributes.date === f.attributes.date &&
      g.attributes.procedure !== 'injection_generic').map((g) => String(g.attributes.procedure)));
    if (same.size === 1) f.attributes.procedure = [...same][0]!;
  }
}

/**
 * A retrospective review: the service under review was done (its note is also a prior procedure).
 * With no request stated, the service under review is the latest procedure done (a procedure
 * note's first): CONTRACT "Packets". Every request is marked retrospective. Mutates `facts`.
 */
export function markRetrospective(facts: Fact[]): void {
  if (!facts.some((f) => f.type === 'requested_procedure' && f.assertion === 'present')) {
    const done = facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && typeof f.attributes.date === 'string' && FULL_DATE.test(String(f.attributes.date)));
    const noted = done.filter((f) => (f.provenance?.documents ?? []).some((d) => d.type === 'procedure_note'));
    const last = (noted.length ? noted : done).sort((a, b) => String(a.attributes.date).localeCompare(String(b.attributes.date))).pop();
    if (last) {
      const { procedure, levels, side, sedation, guidance } = last.attributes;
      const attributes: Fact['attributes'] = {};
      for (const [k, v] of Object.entries({ procedure, levels, side, sedation, guidance })) if (v !== undefined) attributes[k] = v;
      facts.push({ id: 'x', type: 'requested_procedure', assertion: 'present', attributes, evidence: last.evidence.map((e) => ({ ...e })),
        provenance: { extractor: 'packet.retrospective', rules: ['packet.retrospective_service'], assertionTrigger: null, section: null, documents: last.provenance?.documents ?? [] } });
    }
  }
  for (const f of facts) if (f.type === 'requested_procedure' && f.assertion === 'present') f.attributes.retrospective = true;
}

function firstEvidence(f: Fact): number {
  return Math.min(...f.evidence.map((e) => e.page * 1e7 + e.start), Number.MAX_SAFE_INTEGER);
}

function isPerformedFact(f: Fact): boolean {
  return (f.provenance?.documents ?? []).some((d) => d.type === 'procedure_note');
}

/** Words that make a medial-branch mention a block, not the nerves an ablation targets. */
const BLOCK_WORD = /\b(?:block|blocks|mbb|mbbs|injection|injections|nerve block)\b/i;

/**
 * One request per service, reconciled across the packet's documents:
 * - an ESI named without its approach on one document ("lumbar epidural steroid injection" on a
 *   form) is the one approach another document names, when only one is named;
 * - "medial branches" named beside a requested ablation are the nerves it treats, not a block;
 * - facet procedures count joints: a joint named anywhere makes bare vertebra levels (the
 *   medial-branch nerves written by vertebra) redundant.
 */
export function reconcileRequests(facts: Fact[]): Fact[] {
  const present = facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
  const approaches = present.filter((f) => ESI_SPECIFIC.has(String(f.attributes.procedure)));
  const drop = new Set<Fact>();
  if (approaches.length === 1) {
    for (const f of present) {
      if (f.attributes.procedure !== 'epidural_steroid_injection') continue;
      const host = approaches[0]!;
      const hostLevels = asList(host.attributes.levels);
      const { levels: _l, side: _s, ...rest } = f.attributes;
      absorb(host, { ...f, attributes: rest });
      if (hostLevels.length === 0 && asList(f.attributes.levels).length) host.attributes.levels = f.attributes.levels;
      if (host.attributes.side === undefined && f.attributes.side !== undefined) host.attributes.side = f.attributes.side;
      drop.add(f);
    }
  }
  // A prior determination names the request it decided; when the packet's forms or notes state a
  // request, a service named only by an earlier determination is that earlier request, not this one.
  const docTypes = (f: Fact) => (f.provenance?.documents ?? []).map((d) => d.type);
  if (present.some((f) => docTypes(f).some((t) => t !== 'ur_determination'))) {
    for (const f of present) if (docTypes(f).length && docTypes(f).every((t) => t === 'ur_determination')) drop.add(f);
  }
  // A request told as denied ("was non-certified") is an earlier request when another is stated;
  // told of the same service, it is the request now appealed.
  const standing = present.filter((f) => f.attributes.denied !== true && !drop.has(f));
  for (const f of present) {
    if (f.attributes.denied !== true || drop.has(f)) continue;
    const same = standing.find((g) => g.attributes.procedure === f.attributes.procedure);
    if (same) { const { denied: _d, ...rest } = f.attributes; absorb(same, { ...f, attributes: rest }); drop.add(f); }
    else if (standing.length) drop.add(f);
  }
  // "[X] Facet joint injection / medial branch block": one facet request named two ways; the one
  // more documents name (the block on a tie) is the request.
  const ia = present.filter((f) => f.attributes.procedure === 'facet_injection' && !drop.has(f));
  const mb = present.filter((f) => f.attributes.procedure === 'medial_branch_block' && !drop.has(f));
  if (ia.length === 1 && mb.length === 1) {
    const docs = (f: Fact) => new Set((f.provenance?.documents ?? []).map((d) => d.firstPage)).size;
    const [keep, lose] = docs(ia[0]!) > docs(mb[0]!) ? [ia[0]!, mb[0]!] : [mb[0]!, ia[0]!];
    const { procedure: _p, ...rest } = lose.attributes;
    absorb(keep, { ...lose, attributes: rest });
    drop.add(lose);
  }
  const rfa = present.find((f) => f.attributes.procedure === 'radiofrequency_ablation' && !drop.has(f));
  if (rfa) {
    for (const f of present) {
      if (f.attributes.procedure === 'medial_branch_block' && !f.evidence.some((e) => BLOCK_WORD.test(e.text))) {
        // "RFA of the medial branch nerves supplying the L4-L5 and L5-S1 joints": the nerves' joints are the ablation's.
        if (!asList(rfa.attributes.levels).length && asList(f.attributes.levels).length) rfa.attributes.levels = f.attributes.levels;
        if (rfa.attributes.side === undefined && f.attributes.side !== undefined) rfa.attributes.side = f.attributes.side;
        drop.add(f);
      }
    }
  }
  for (const f of present) keepJointLevels(f);
  return facts.filter((f) => !drop.has(f));
}

/** Facet procedures count joints: a joint ("L4-L5") named makes the bare vertebra levels beside it (the medial-branch nerves) redundant. */
function keepJointLevels(f: Fact): void {
  if (!FACET.has(String(f.attributes.procedure))) return;
  const levels = asList(f.attributes.levels);
  if (levels.some((l) => l.includes('-')) && levels.some((l) => !l.includes('-'))) f.attributes.levels = levels.filter((l) => l.includes('-'));
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SESSION_ATTRS = ['levels', 'side', 'intent'] as const;

/**
 * Each procedure session is told by several documents — the procedure note (levels, side, date),
 * the follow-up (relief at a date), the letter (relief in its own words) — and CONTRACT "Packets"
 * counts one session with one fact per relief report. A report takes the session's attributes it
 * does not state itself: an ESI named without its approach is the approach the packet's sessions
 * name (when only one is named for that date or, undated, at all); a month or year date is the one
 * full date of that procedure's sessions it fits; levels, side and intent come from the other
 * reports of the same procedure on the same day when those agree.
 */
export function reconcileSessions(facts: Fact[]): void {
  const priors = facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && (f.experiencer ?? 'patient') === 'patient');
  const date = (f: Fact) => (typeof f.attributes.date === 'string' ? f.attributes.date : undefined);
  const fits = (a?: string, b?: string) => !a || !b || a.startsWith(b) || b.startsWith(a);
  for (const f of priors) {
    if (f.attributes.procedure !== 'epidural_steroid_injection') continue;
    const approaches = new Set(priors.filter((g) => ESI_SPECIFIC.has(String(g.attributes.procedure)) && (date(f) ? date(g) !== undefined && fits(date(f), date(g)) : true))
      .map((g) => String(g.attributes.procedure)));
    if (approaches.size === 1) f.attributes.procedure = [...approaches][0]!;
  }
  for (const f of priors) {
    const d = date(f);
    if (d && FULL_DATE.test(d)) continue;
    // A month or year date is the one session of that procedure it fits; an undated relief report is
    // the procedure's one dated session (its follow-up told without the date).
    if (!d && f.attributes.reliefPercent === undefined && f.attributes.reliefQualitative === undefined) continue;
    const full = new Set(priors.filter((g) => g.attributes.procedure === f.attributes.procedure && FULL_DATE.test(date(g) ?? '') && (!d || date(g)!.startsWith(d))).map((g) => date(g)!));
    if (full.size === 1) f.attributes.date = [...full][0]!;
  }
  // "Medial branches" told on an ablation's day are the nerves it treated, not a block of their own.
  const rfaDays = new Set(priors.filter((g) => g.attributes.procedure === 'radiofrequency_ablation' && FULL_DATE.test(date(g) ?? '')).map((g) => date(g)!));
  for (const f of priors) {
    if (f.attributes.procedure === 'medial_branch_block' && rfaDays.has(date(f) ?? '') && !f.evidence.some((e) => BLOCK_WORD.test(e.text))) {
      f.attributes.procedure = 'radiofrequency_ablation';
      delete f.attributes.intent;
    }
  }
  // Facet procedures count joints: a joint named makes the bare nerve levels beside it redundant.
  for (const f of priors) keepJointLevels(f);
  for (const f of priors) {
    const d = date(f);
    if (!d || !FULL_DATE.test(d)) continue;
    const session = priors.filter((g) => g !== f && g.attributes.procedure === f.attributes.procedure && date(g) === d);
    for (const k of SESSION_ATTRS) {
      if (f.attributes[k] !== undefined) continue;
      const values = new Map(session.filter((g) => g.attributes[k] !== undefined).map((g) => [canon(g.attributes[k]), g.attributes[k]]));
      if (values.size === 1) f.attributes[k] = [...values.values()][0]!;
    }
  }
}

/**
 * Diagnostic blocks lead to an ablation: when a packet names both as requested, the codes its
 * forms bill say which one is under review. The ablation billed: the blocks named beside it are
 * its history. The blocks billed: the ablation is the next step, a plan (hypothetical).
 */
export function settleChainByCodes(facts: Fact[], codes: CodeTable): Fact[] {
  const present = facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
  const mbb = present.filter((f) => f.attributes.procedure === 'medial_branch_block' || f.attributes.procedure === 'facet_injection');
  const rfa = present.filter((f) => f.attributes.procedure === 'radiofrequency_ablation');
  if (!mbb.length || !rfa.length) return facts;
  const billed = new Set<string>();
  for (const f of facts) {
    if (f.type !== 'procedure_code' || f.assertion !== 'present' || !inRequestDocument(f)) continue;
    const proc = requestedBy(lookupCode(codes, normalizeCode(String(f.attributes.code ?? ''))), typeof f.attributes.description === 'string' ? f.attributes.description : undefined);
    if (proc) billed.add(proc === 'radiofrequency_ablation' ? 'rfa' : proc === 'medial_branch_block' || proc === 'facet_injection' ? 'block' : 'other');
  }
  if (billed.has('rfa') && !billed.has('block')) return facts.filter((f) => !mbb.includes(f));
  if (billed.has('block') && !billed.has('rfa')) {
    for (const f of rfa) {
      f.assertion = 'hypothetical';
      f.provenance?.rules.push('packet.chain_by_codes');
    }
  }
  return facts;
}

const SIDE_MODIFIER: Record<string, string> = { '50': 'bilateral', RT: 'right', LT: 'left' };

/** A code billed or listed on a form, order or claim (a document that asks for or bills a service). */
function inRequestDocument(f: Fact): boolean {
  return (f.provenance?.documents ?? []).some((d) => d.role === 'request' || d.role === 'billing');
}

/**
 * A packet that bills a procedure on a form, an order or a claim requests it even when no sentence
 * names it ("CPT 64493-50, 64494-50" alone on a PA form is a bilateral two-joint facet block): one
 * request per procedure the codes name (codes.json `requests`), when no document states a request.
 * Codes of another family beside a stated request are a coding question (the flags), not a request.
 * `asked` says which codes ask for a service (default: those on a request or billing document).
 */
export function requestsFromCodes(facts: readonly Fact[], codes: CodeTable, asked: (code: Fact) => boolean = inRequestDocument): Fact[] {
  if (facts.some((f) => f.type === 'requested_procedure' && f.assertion === 'present')) return [];
  return [...billedByProcedure(facts, codes, asked)].map(([procedure, lines]) => {
    const { levels, side } = billedDetails(lines);
    return {
      id: 'x', type: 'requested_procedure' as const, assertion: 'present' as const,
      attributes: { procedure, ...(levels.length ? { levels } : {}), ...(side ? { side } : {}) },
      evidence: lines.flatMap((l) => l.evidence),
      provenance: { extractor: 'packet.request_from_codes', rules: ['packet.request_from_codes', ...lines.flatMap((l) => l.provenance?.rules ?? [])], assertionTrigger: null, section: null,
        documents: lines.flatMap((l) => l.provenance?.documents ?? []) },
    };
  });
}

/**
 * A stated request whose words give no levels or side takes them from the lines that bill it
 * ("Plan: RFA" beside "64635-50  RF ablation ... L4-L5 / 64636-50 ... L5-S1": bilateral L4-L5,
 * L5-S1): levels from the description column, side from the modifiers (issue 10 item 5: levels and
 * side from every source that gives them). The facts keep the code lines as evidence.
 */
export function completeRequestsFromCodes(facts: Fact[], codes: CodeTable, asked: (code: Fact) => boolean = inRequestDocument): void {
  const requests = facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present' && (f.attributes.levels === undefined || f.attributes.side === undefined));
  if (requests.length === 0) return;
  const billed = billedByProcedure(facts, codes, asked);
  for (const r of requests) {
    const lines = billed.get(String(r.attributes.procedure ?? ''));
    if (!lines) continue;
    const { levels, side } = billedDetails(lines);
    const filled: string[] = [];
    if (r.attributes.levels === undefined && levels.length) { r.attributes.levels = levels; filled.push('levels'); }
    if (r.attributes.side === undefined && side) { r.attributes.side = side; filled.push('side'); }
    if (filled.length === 0) continue;
    r.evidence.push(...lines.flatMap((l) => l.evidence));
    r.provenance?.rules.push('packet.request_details_from_codes');
  }
}

/** The code lines asked for (`asked`), by the procedure each requests (codes.json `requests`). */
function billedByProcedure(facts: readonly Fact[], codes: CodeTable, asked: (code: Fact) => boolean): Map<string, Fact[]> {
  const byProcedure = new Map<string, Fact[]>();
  for (const f of facts) {
    if (f.type !== 'procedure_code' || f.assertion !== 'present') continue;
    if (!asked(f)) continue;
    const proc = requestedBy(lookupCode(codes, normalizeCode(String(f.attributes.code ?? ''))), typeof f.attributes.description === 'string' ? f.attributes.description : undefined);
    if (!proc) continue;
    byProcedure.set(proc, [...(byProcedure.get(proc) ?? []), f]);
  }
  return byProcedure;
}

/** Levels written in the code lines' description column ("64494-50  L3-4, L4-5 facet jts") and the side their modifiers give. */
function billedDetails(lines: readonly Fact[]): { levels: string[]; side: string | undefined } {
  const side = combineSides(lines.flatMap((l) => asList(l.attributes.modifiers).map((m) => SIDE_MODIFIER[m.toUpperCase()]).filter((x): x is string => Boolean(x))));
  const levels = sortLevels([...new Set(lines.flatMap((l) => findLevels(String(l.attributes.description ?? '')).filter((m) => m.kind !== 'vertebra').flatMap((m) => m.levels)))]);
  return { levels, side };
}

/** A request told as denied, or named only by a UR determination (a service already decided). */
function decided(f: Fact): boolean {
  const docs = f.provenance?.documents ?? [];
  return f.attributes.denied === true || (docs.length > 0 && docs.every((d) => d.type === 'ur_determination'));
}

/** How long before the latest request document another's request is an earlier one (a month). */
const EARLIER_REQUEST_DAYS = 30;

/**
 * The levels a request stands on when its documents name different ones: a standing request's over a
 * decided one's (a denial names the levels it denied), and the latest request's over one asked for
 * more than a month before it ("Plan: bilateral MBB L3-4, L4-5, L5-S1 - will request" in November,
 * "we now request ... L4-5 and L5-S1 only" in January). Null: every document's levels count.
 */
function standingLevels(group: readonly Fact[], dateOf: ReadonlyMap<Fact, string | null>, correcting: ReadonlySet<Fact> = new Set()): string[] | null {
  const withLevels = group.filter((f) => asList(f.attributes.levels).length);
  // A corrected request ("CORRECTED REQUEST - REPLACES OUR FAX OF 03/03/2026") replaces every other.
  const corrected = withLevels.filter((f) => correcting.has(f));
  if (corrected.length && corrected.length < withLevels.length) return sortLevels([...new Set(corrected.flatMap((f) => asList(f.attributes.levels)))]);
  const open = withLevels.filter((f) => !decided(f));
  const pool = open.length ? open : withLevels;
  const dates = pool.map((f) => dateOf.get(f)).filter((d): d is string => typeof d === 'string' && d.length === 10).sort();
  const latest = dates.at(-1);
  const kept = pool.filter((f) => {
    const d = dateOf.get(f);
    return !latest || typeof d !== 'string' || d.length !== 10 || (daysBetween(d, latest) ?? 0) <= EARLIER_REQUEST_DAYS;
  });
  if (kept.length === withLevels.length) return null;
  return sortLevels([...new Set(kept.flatMap((f) => asList(f.attributes.levels)))]);
}

function mergeRequests(facts: Fact[], dateOf: ReadonlyMap<Fact, string | null> = new Map(), correcting: ReadonlySet<Fact> = new Set()): Fact[] {
  const out: Fact[] = [];
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    if (f.type !== 'requested_procedure' || f.assertion !== 'present') continue;
    const proc = String(f.attributes.procedure ?? '');
    groups.set(proc, [...(groups.get(proc) ?? []), f]);
  }
  const levelsOf = new Map([...groups].map(([proc, g]) => [proc, standingLevels(g, dateOf, correcting)]));
  const present = new Map<string, Fact>();
  // Which attributes of a merged request came from a request already decided (a denial's, or a
  // cover letter's retelling of it): "Request 1: ... under general anesthesia. NON-CERTIFIED."
  // A standing request's own word replaces them ("The neurotomy is requested on its own, local
  // anesthesia only").
  const fromDecided = new Map<Fact, Set<string>>();
  const HOW = ['sedation', 'guidance'] as const;
  for (const f of facts) {
    if (f.type !== 'requested_procedure' || f.assertion !== 'present') { out.push(f); continue; }
    const proc = String(f.attributes.procedure ?? '');
    const hit = present.get(proc);
    if (!hit) {
      present.set(proc, f); out.push(f);
      if (decided(f)) fromDecided.set(f, new Set(HOW.filter((k) => f.attributes[k] !== undefined)));
      continue;
    }
    const stale = fromDecided.get(hit);
    if (stale && !decided(f)) {
      for (const k of HOW) if (stale.has(k) && f.attributes[k] !== undefined) { hit.attributes[k] = f.attributes[k]!; stale.delete(k); }
    }
    const levels = [...new Set([...(asList(hit.attributes.levels)), ...asList(f.attributes.levels)])];
    const side = hit.attributes.side === undefined ? f.attributes.side
      : f.attributes.side === undefined ? hit.attributes.side : combineSides([String(hit.attributes.side), String(f.attributes.side)]);
    // Denied only when every document tells it decided (denied, or named by a determination): a form
    // asking for it now is a standing request.
    const denied = decided(hit) && decided(f) && (hit.attributes.denied === true || f.attributes.denied === true);
    absorb(hit, f);
    if (!denied) delete hit.attributes.denied;
    const standing = levelsOf.get(proc);
    if (standing) hit.attributes.levels = standing;
    else if (levels.length) hit.attributes.levels = sortLevels(levels);
    if (side !== undefined) hit.attributes.side = side;
    // "No sedation" said anywhere is no sedation; local and none mean the same.
    if (hit.attributes.sedation === 'local' && f.attributes.sedation === 'none') hit.attributes.sedation = 'none';
    // A request changed to less sedation ("withdrew the 01992 line ... local anesthetic only") stands.
    if (f.provenance?.rules.includes(SEDATION_CHANGED_RULE) && f.attributes.sedation !== undefined) hit.attributes.sedation = f.attributes.sedation;
  }
  return out;
}

function asList(v: AttrValue | undefined): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [];
}

/**
 * One fact per operation: documents retell an operation with its levels counted their own way
 * ("T12-L2 fusion", "fusion T12-L1, L1-L2", "posterior fusion T12 to L2 and L2-3 decompression").
 * Reports of the same procedure whose dates fit (equal, one a month or year of the other, or one
 * undated) and whose levels overlap are one operation; its levels are those most reports give
 * (more than half of those that state levels), else the ones all give.
 */
export function mergeOperations(facts: Fact[]): Fact[] {
  const ops = facts.filter((f) => f.type === 'surgery' && f.assertion === 'present' && (f.experiencer ?? 'patient') === 'patient');
  const dateOf = (f: Fact) => String(f.attributes.date ?? f.attributes.year ?? '');
  const fits = (a: string, b: string) => !a || !b || a.startsWith(b) || b.startsWith(a);
  const overlap = (a: string[], b: string[]) => !a.length || !b.length || a.some((x) => b.includes(x));
  const groups: Fact[][] = [];
  for (const f of ops) {
    const g = groups.find((gr) => gr.every((h) => h.attributes.procedure === f.attributes.procedure && fits(dateOf(h), dateOf(f)) && overlap(asList(h.attributes.levels), asList(f.attributes.levels))));
    if (g) g.push(f); else groups.push([f]);
  }
  const drop = new Set<Fact>();
  for (const g of groups) {
    if (g.length < 2) continue;
    const host = g.reduce((a, b) => (dateOf(b).length > dateOf(a).length ? b : a));
    const stated = g.map((f) => asList(f.attributes.levels)).filter((l) => l.length);
    const counts = new Map<string, number>();
    for (const l of stated) for (const x of new Set(l)) counts.set(x, (counts.get(x) ?? 0) + 1);
    let levels = [...counts].filter(([, n]) => n > stated.length / 2).map(([x]) => x);
    if (!levels.length && stated.length) levels = stated.reduce((a, b) => a.filter((x) => b.includes(x)));
    for (const f of g) if (f !== host) { absorb(host, f); drop.add(f); }
    if (levels.length) host.attributes.levels = sortLevels(levels);
  }
  return facts.filter((f) => !drop.has(f));
}

/**
 * One conservative-care fact per modality and assertion: the longest stated course, the outcome
 * that ranks first (care.ts OUTCOME_RANK). A plan for a modality the packet documents as done
 * ("continue HEP", "resume PT") is
 * part of that course, not a second fact.
 */
const revisedFact = (f: Fact): boolean => f.provenance?.rules.includes(REVISED_RULE) ?? false;

const noteOutcome = (f: Fact): boolean => f.provenance?.rules.includes(NOTE_OUTCOME_RULE) ?? false;

function mergeConservativeCare(facts: Fact[]): Fact[] {
  const by = new Map<string, Fact>();
  const done = new Map<string, Fact>();
  for (const f of facts) {
    if (f.type === 'conservative_care' && f.assertion === 'present' && (f.experiencer ?? 'patient') === 'patient') done.set(canon(f.attributes.modality), done.get(canon(f.attributes.modality)) ?? f);
  }
  return facts.filter((f) => {
    if (f.type === 'conservative_care' && f.assertion === 'hypothetical') {
      const host = done.get(canon(f.attributes.modality));
      if (host) { absorb(host, { ...f, attributes: {} }); return false; }
    }
    if (f.type !== 'conservative_care') return true;
    const k = `${f.assertion}|${f.experiencer ?? 'patient'}|${canon(f.attributes.modality)}`;
    const hit = by.get(k);
    if (!hit) { by.set(k, f); return true; }
    const w1 = hit.attributes.durationWeeks, w2 = f.attributes.durationWeeks;
    const o1 = hit.attributes.outcome, o2 = f.attributes.outcome;
    // An outcome a therapy note tells of its whole course yields to one told of the modality itself.
    const weak1 = noteOutcome(hit), weak2 = noteOutcome(f);
    absorb(hit, f);
    if (typeof w1 === 'number' && typeof w2 === 'number') hit.attributes.durationWeeks = Math.max(w1, w2);
    if (typeof o1 === 'string' && typeof o2 === 'string' && (weak1 !== weak2 ? weak1 : (OUTCOME_RANK[o2] ?? 0) > (OUTCOME_RANK[o1] ?? 0))) hit.attributes.outcome = o2;
    return false;
  });
}

/** One patient: the age most documents give (the oldest on a tie: the latest document), the sex. */
function mergePatient(facts: Fact[]): Fact[] {
  const patients = facts.filter((f) => f.type === 'patient' && (f.experiencer ?? 'patient') === 'patient');
  if (patients.length <= 1) return facts;
  const ages = new Map<number, number>();
  const sexes = new Map<string, number>();
  for (const p of patients) {
    if (typeof p.attributes.age === 'number') ages.set(p.attributes.age, (ages.get(p.attributes.age) ?? 0) + 1);
    if (typeof p.attributes.sex === 'string') sexes.set(p.attributes.sex, (sexes.get(p.attributes.sex) ?? 0) + 1);
  }
  const host = patients[0]!;
  for (const p of patients.slice(1)) absorb(host, p);
  const age = [...ages.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
  const sex = [...sexes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (age !== undefined) host.attributes.age = age;
  if (sex !== undefined) host.attributes.sex = sex;
  return facts.filter((f) => !(patients.includes(f) && f !== host));
}

/**
 * The packet's review date: the latest date a document states for itself that is not a request's
 * (a requested date of service lies ahead); a form's date when nothing else has one.
 */
export function packetDate(docs: readonly DocumentFacts[]): string | null {
  const dated = (ds: readonly DocumentFacts[]) => ds.map((d) => d.date).filter((x): x is string => Boolean(x)).sort();
  const clinical = dated(docs.filter((d) => d.role !== 'request'));
  if (clinical.length) return clinical[clinical.length - 1]!;
  const any = dated(docs);
  return any.length ? any[any.length - 1]! : null;
}
