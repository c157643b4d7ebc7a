/**
 * facts → case model. Pure. Each field keeps the fact ids it came from; values computed here are
 * marked `generated`. Only patient facts (`experiencer` ≠ other) count; `absent` facts are kept
 * where the criteria need a documented negative (no radicular pain, no NSAIDs).
 */
import type { Fact } from '../schema/review.ts';
import { loadCodeTable, lookupCode, normalizeCode, type CodeTable } from '../criteria/code-table.ts';
import type { Case, CaseRequest, CodeLine, ProcedureEvent, ReliefReport } from './schema.ts';
import { jointsOf, normalizeLevel, sortLevels, withoutRestatedRoots } from './levels.ts';
import { compareDates, daysBetween, DAYS_PER_MONTH, isIsoDate, precision } from './dates.ts';

export type Family = 'facet' | 'rfa' | 'esi' | 'other';

const FAMILY: Record<string, Family> = {
  medial_branch_block: 'facet', facet_injection: 'facet', radiofrequency_ablation: 'rfa',
  transforaminal_esi: 'esi', interlaminar_esi: 'esi', caudal_esi: 'esi',
  epidural_steroid_injection: 'esi', selective_nerve_root_block: 'esi',
};
export function familyOf(procedure: string): Family {
  return FAMILY[procedure] ?? 'other';
}

const RADICULAR_EXAMS = new Set(['straight_leg_raise', 'sensory_deficit', 'motor_deficit', 'reflex_change']);
const RADICULAR_DX = /radicul|sciatica|nerve root (compression|impingement)/i;
const CLAUDICATION_DX = /neurogenic claudication/i;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() && Number.isFinite(Number(v))) return Number(v);
  return null;
};
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []);
const levelsOf = (v: unknown) => sortLevels(withoutRestatedRoots([...new Set(list(v).map(normalizeLevel))]));

function isPatient(f: Fact): boolean {
  return (f.experiencer ?? 'patient') === 'patient';
}

function codeLine(f: Fact): CodeLine {
  const a = f.attributes;
  return {
    system: str(a.system) ?? (f.type === 'diagnosis_code' ? 'icd10cm' : 'cpt'),
    code: normalizeCode(String(a.code ?? '')),
    units: num(a.units),
    modifiers: list(a.modifiers).map((m) => m.toUpperCase()),
    description: str(a.description),
    factIds: [f.id],
  };
}

/** "two hours" → 2; "6 weeks" → 1008. Only plain "<n> <unit>" phrases; everything else is null. */
export function durationHours(text: string | null): number | null {
  if (!text) return null;
  const m = /(\d+(?:\.\d+)?)\s*(hour|hr|day|week|wk|month|mo|year|yr)/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const u = m[2]!.toLowerCase();
  const h = u.startsWith('h') ? 1 : u.startsWith('d') ? 24 : u.startsWith('w') ? 168 : u.startsWith('m') ? 24 * DAYS_PER_MONTH : 24 * 365;
  return n * h;
}

function reliefReport(f: Fact): ReliefReport | null {
  const a = f.attributes;
  const pct = num(a.reliefPercent);
  const qualitative = str(a.relief) ?? str(a.reliefText) ?? str(a.reliefDescription) ?? str(a.reliefQualitative) ?? str(a.outcome);
  const reliefDate = str(a.reliefDate) ?? str(a.followUpDate) ?? str(a.reportDate) ?? str(a.reliefAt);
  const duration = str(a.reliefDuration);
  const hours = num(a.reliefDurationHours) ?? durationHours(duration);
  const pre = num(a.preScore); const post = num(a.postScore);
  let generated: boolean | undefined;
  let percent = pct;
  if (percent === null && pre !== null && post !== null && pre > 0) {
    percent = Math.round(((pre - post) / pre) * 1000) / 10;
    generated = true;
  }
  if (percent === null && qualitative === null && duration === null) return null;
  // Scores taken right after the injection say nothing of sustained relief; a report that tells how
  // long the relief lasted is no such score, whatever other reports it was merged with.
  const immediate = hours === null && ((f.provenance?.rules ?? []).includes('procedures.pre_post_scores') || a.reliefAt === 'immediate' || a.context === 'post_procedure');
  return { factId: f.id, reliefPercent: percent, reliefDuration: duration, reliefDurationHours: hours, ...(reliefDate ? { reliefDate } : {}), qualitative: percent === null ? qualitative : null, ...(immediate ? { immediate: true } : {}), ...(generated ? { generated } : {}) };
}

/** How long after the procedure the relief was reported: its time point ("3 months"), else its report date less the procedure's. */
function heldAtLeast(f: Fact, eventDate: string | null): number | null {
  const at = str(f.attributes.reliefAt);
  const m = at ? /^(\d+(?:\.\d+)?)\s*(minute|hour|day|week|month)s?$/.exec(at) : null;
  if (m) return Number(m[1]) * (m[2] === 'minute' ? 1 / 60 : m[2] === 'hour' ? 1 : m[2] === 'day' ? 24 : m[2] === 'week' ? 168 : 730);
  const when = str(f.attributes.reliefDate);
  if (when && eventDate && precision(when) === 'day' && precision(eventDate) === 'day') {
    const d = daysBetween(eventDate, when);
    if (d !== null && d > 0) return d * 24;
  }
  return null;
}

/** One kind of procedure: the same, or an ESI named without its approach beside one named with it. */
const sameKind = (a: string, b: string): boolean => a === b ||
  ((a === 'epidural_steroid_injection' || b === 'epidural_steroid_injection') && familyOf(a) === 'esi' && familyOf(b) === 'esi');

const unionLevels = (a: string[], b: string[]) => (b.every((l) => a.includes(l)) ? a : levelsOf([...a, ...b]));

const sameLevels = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function buildTimeline(facts: Fact[]): ProcedureEvent[] {
  const events: ProcedureEvent[] = [];
  const undated: Fact[] = [];
  const priors = facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && isPatient(f));
  const newEvent = (f: Fact, date: string | null): ProcedureEvent => {
    const a = f.attributes;
    const procedure = str(a.procedure) ?? 'unknown';
    return {
      procedure, family: familyOf(procedure), levels: levelsOf(a.levels), side: str(a.side), date,
      intent: str(a.intent), sedation: str(a.sedation), reports: [], reliefPercent: null, reliefDurationHours: null, factIds: [],
    };
  };
  const add = (ev: ProcedureEvent, f: Fact) => {
    ev.factIds.push(f.id);
    const r = reliefReport(f);
    if (r) {
      const held = heldAtLeast(f, ev.date);
      if (held !== null && !r.immediate) r.heldAtLeastHours = held;
      ev.reports.push(r);
    }
    const a = f.attributes;
    // Mentions of one session name its levels, or some of them ("the L5-S1 block"): all of them.
    ev.levels = unionLevels(ev.levels, levelsOf(a.levels));
    ev.side ??= str(a.side);
    ev.intent ??= str(a.intent);
    ev.sedation ??= str(a.sedation);
    ev.relievedPain ??= str(a.relievedPain) ?? str(a.painRegion) ?? str(a.target);
  };
  for (const f of priors) {
    const date = isIsoDate(f.attributes.date) ? f.attributes.date : null;
    if (!date) { undated.push(f); continue; }
    const procedure = str(f.attributes.procedure) ?? 'unknown';
    let ev = events.find((e) => sameKind(e.procedure, procedure) && e.date === date);
    if (!ev) { ev = newEvent(f, date); events.push(ev); }
    // "The ESI on 06/10/2025" is that day's transforaminal injection: the approach named wins.
    else if (ev.procedure === 'epidural_steroid_injection' && procedure !== ev.procedure) { ev.procedure = procedure; ev.family = familyOf(procedure); }
    add(ev, f);
  }
  // A report dated to the month or year ("the June 2025 TFESI gave 70% for 4 months") is the one
  // session of that procedure the record dates to the day within it.
  for (const ev of [...events]) {
    if (!ev.date || precision(ev.date) === 'day') continue;
    const within = events.filter((e) => e !== ev && sameKind(e.procedure, ev.procedure) && e.date && precision(e.date) === 'day' && e.date.startsWith(ev.date!));
    if (within.length !== 1) continue;
    const host = within[0]!;
    host.factIds.push(...ev.factIds);
    host.reports.push(...ev.reports);
    if (!host.levels.length) host.levels = ev.levels;
    host.side ??= ev.side;
    events.splice(events.indexOf(ev), 1);
  }
  // An undated report joins the one dated event of its procedure (the history restating the
  // procedure log), or an undated event with the same levels; otherwise it is its own event.
  for (const f of undated) {
    const procedure = str(f.attributes.procedure) ?? 'unknown';
    const levels = levelsOf(f.attributes.levels);
    const same = events.filter((e) => sameKind(e.procedure, procedure));
    // "Her last TFESI gave 70% relief for 4 months": the latest dated session of its kind.
    const latest = f.attributes.latest === true ? same.filter((e) => e.date).sort((a, b) => compareDates(a.date, b.date)).pop() : undefined;
    let ev = latest ?? (same.length === 1 && (!levels.length || !same[0]!.levels.length || sameLevels(levels, same[0]!.levels)) ? same[0]
      : events.find((e) => e.procedure === procedure && e.date === null && sameLevels(e.levels, levels)));
    // Several dated sessions of its kind: an undated report ("both blocks were positive ... the
    // confirmatory block exceeded 80%") retells them. It fills the one session no report tells the
    // relief of; when every session has its relief, it is a restatement, no session of its own.
    const dated = same.filter((e) => e.date !== null && (!levels.length || !e.levels.length || sameLevels(levels, e.levels) || e.levels.every((l) => levels.includes(l))));
    if (!ev && dated.length >= 2 && reliefReport(f)) {
      // A figure one dated session already reports ("85%" beside the 12/02 block's 85.7%) retells that
      // session: it fills no other.
      const pct = reliefReport(f)!.reliefPercent;
      if (pct !== null && dated.some((e) => e.reports.some((r) => r.reliefPercent !== null && Math.abs(r.reliefPercent - pct) <= 1.5))) continue;
      const untold = dated.filter((e) => !e.reports.some((r) => r.reliefPercent !== null || r.qualitative !== null));
      if (untold.length === 1) ev = untold[0];
      else if (untold.length === 0) continue;
    }
    if (!ev) { ev = newEvent(f, null); events.push(ev); }
    add(ev, f);
  }
  for (const ev of events) {
    const pcts = ev.reports.filter((r) => r.reliefPercent !== null);
    // The event's credited relief is the peak report (relief at its best, the way block response
    // is judged); INCONSISTENT_RELIEF_REPORTS looks at disagreements separately.
    if (pcts.length) {
      const best = pcts.reduce((a, b) => (b.reliefPercent! > a.reliefPercent! ? b : a));
      ev.reliefPercent = best.reliefPercent;
      ev.reliefDurationHours = Math.max(...ev.reports.map((r) => r.reliefDurationHours ?? 0)) || null;
    }
  }
  return events.sort((a, b) => compareDates(a.date, b.date));
}

/**
 * A retrospective review asks about a procedure already done: its session is the service under
 * review (CONTRACT "Packets"), never a prior that makes the request a repeat of itself. The latest
 * session of the requested procedure leaves the timeline the criteria read.
 */
function withoutServiceUnderReview(events: ProcedureEvent[], requests: Fact[]): ProcedureEvent[] {
  const retro = requests.filter((f) => f.attributes.retrospective === true).map((f) => str(f.attributes.procedure));
  if (!retro.length) return events;
  const drop = new Set<ProcedureEvent>();
  for (const proc of retro) {
    const same = events.filter((e) => e.procedure === proc || (familyOf(e.procedure) === familyOf(proc ?? '') && familyOf(e.procedure) === 'esi'));
    const last = same.filter((e) => e.date).sort((a, b) => compareDates(a.date, b.date)).pop();
    if (last) drop.add(last);
  }
  return events.filter((e) => !drop.has(e));
}

/**
 * Findings of the studies that are current: when a packet holds two reports of the same kind of
 * study (an MRI of 2011 and one of 2025), the older one's findings are history, superseded by the
 * newer. Findings without a study date (told in notes) stay.
 */
function currentStudies(facts: Fact[]): Fact[] {
  // One kind for spine MRI/CT (a report often names no modality beside its findings); EMG apart.
  const kind = (f: Fact) => (str(f.attributes.modality) === 'emg' ? 'emg' : str(f.attributes.modality) === 'xray' ? 'xray' : 'cross');
  const latest = new Map<string, string>();
  for (const f of facts) {
    const d = str(f.attributes.studyDate);
    if (d && isIsoDate(d) && (!latest.has(kind(f)) || compareDates(d, latest.get(kind(f))!) > 0)) latest.set(kind(f), d);
  }
  // A study more than a year older than the newest of its kind is history.
  return facts.filter((f) => {
    const d = str(f.attributes.studyDate);
    const newest = latest.get(kind(f));
    return !d || !newest || !isIsoDate(d) || (daysBetween(d, newest) ?? 0) < 365;
  });
}

/**
 * The packet's payer: the first one it names. Words workers' compensation shares with other plans
 * (claim number, date of injury, claims administrator, IMR) name it only when two different ones
 * appear and no other payer is named.
 */
function payerOf(facts: Fact[]): Case['payer'] {
  const named = facts.filter((f) => f.attributes.name !== 'workers_comp_hint');
  if (named.length) return { name: str(named[0]!.attributes.name), factIds: named.map((f) => f.id) };
  const hints = facts.filter((f) => f.attributes.name === 'workers_comp_hint');
  const distinct = new Set(hints.flatMap((f) => f.evidence.map((e) => e.text.toLowerCase().replace(/\s+/g, ' '))));
  return distinct.size >= 2 ? { name: 'workers_comp', factIds: hints.map((f) => f.id) } : { name: null, factIds: [] };
}

/**
 * One line per billed code: the same code with the same modifiers listed by two documents (the PA
 * form and the claim, or a letter quoting the form) is one line, its units the larger, its
 * description the one given, citing both facts; a line read without modifiers joins the one that
 * gives them. Lines with other modifiers (64493-RT, 64493-LT) stay apart.
 */
function oneLinePerCode(lines: CodeLine[]): CodeLine[] {
  const out: CodeLine[] = [];
  const mods = (x: CodeLine) => [...x.modifiers].map((m) => m.toUpperCase()).sort().join(',');
  for (const l of lines) {
    // A line read without its modifier column ("| 64493 | 50 | 1 |") is the one that gives them.
    const same = out.find((x) => x.system === l.system && x.code === l.code && (mods(x) === mods(l) || !x.modifiers.length || !l.modifiers.length));
    if (!same) { out.push({ ...l, modifiers: [...l.modifiers], factIds: [...l.factIds] }); continue; }
    if (!same.modifiers.length) same.modifiers = [...l.modifiers];
    same.units = Math.max(same.units ?? 1, l.units ?? 1);
    same.description ??= l.description;
    same.factIds.push(...l.factIds);
  }
  return out;
}

export function buildCase(facts: Fact[], noteDate?: string | null, codes: CodeTable = loadCodeTable()): Case {
  const patientFacts = facts.filter(isPatient);
  const of = (t: Fact['type']) => patientFacts.filter((f) => f.type === t);
  const present = (t: Fact['type']) => of(t).filter((f) => f.assertion === 'present');

  // A code told only by a procedure note is that past procedure's ("Diagnosis: ... (M47.816)" in a
  // 2023 RFA note), not the request's.
  const pastOnly = (f: Fact) => { const d = f.provenance?.documents ?? []; return d.length > 0 && d.every((x) => x.role === 'performed'); };
  const diagnosisCodes = present('diagnosis_code').map((f) => (pastOnly(f) ? { ...codeLine(f), pastOnly: true } : codeLine(f)));
  // (A line withdrawn by the requester is not billed: src/extract/coding.ts markWithdrawnCodes.)
  // A code told only by an earlier determination ("Your doctor asked us to cover ... 64493-50, 64494-50,
  // 64495-50 ... We denied this request") is the decided request's when the forms or notes bill that
  // family themselves.
  const decidedOnly = (f: Fact) => { const d = f.provenance?.documents ?? []; return d.length > 0 && d.every((x) => x.type === 'ur_determination'); };
  const billed = present('procedure_code').filter((f) => f.attributes.withdrawn !== true);
  const familyOfCode = (f: Fact) => lookupCode(codes, String(f.attributes.code ?? ''))?.family;
  const billedFamilies = new Set(billed.filter((f) => !decidedOnly(f)).map(familyOfCode).filter(Boolean));
  const procedureCodes = oneLinePerCode(billed.filter((f) => !(decidedOnly(f) && billedFamilies.has(familyOfCode(f)))).map(codeLine));

  // Requests: one per distinct procedure/levels/side; duplicate mentions merge.
  const requests: CaseRequest[] = [];
  for (const f of present('requested_procedure')) {
    const a = f.attributes;
    const procedure = str(a.procedure) ?? 'unknown';
    const levels = levelsOf(a.levels);
    const existing = requests.find((r) => r.procedure === procedure && (sameLevels(r.levels, levels) || !levels.length || !r.levels.length));
    if (existing) {
      existing.factIds.push(f.id);
      if (!existing.levels.length) { existing.levels = levels; existing.joints = jointsOf(levels); }
      existing.side ??= str(a.side); existing.sedation ??= str(a.sedation); existing.guidance ??= str(a.guidance);
      existing.intent ??= str(a.intent); existing.sequence ??= num(a.sequence);
      continue;
    }
    requests.push({
      procedure, family: familyOf(procedure), levels, joints: jointsOf(levels), side: str(a.side),
      sedation: str(a.sedation), guidance: str(a.guidance), intent: str(a.intent), sequence: num(a.sequence),
      codes: [], factIds: [f.id],
    });
  }
  // Code lines attach to the request of their family; guidance, sedation, contrast and drug lines
  // belong to every request (they are billed with the session).
  for (const line of procedureCodes) {
    const e = lookupCode(codes, line.code);
    const fam = e?.family;
    // A spine procedure code of another family (a prior procedure's billing) attaches to no request.
    const targets = fam && ['facet', 'rfa', 'esi', 'si', 'esi_catheter', 'open_nerve'].includes(fam) ? requests.filter((r) => r.family === fam || (fam === 'open_nerve' && r.family === 'rfa') || (fam === 'esi_catheter' && r.family === 'esi')) : requests;
    for (const r of targets) r.codes.push(line);
  }
  // An intra-articular facet injection billed with a steroid (J3301 triamcinolone, J1030 methylprednisolone,
  // ...) and no KX on its facet lines is a therapeutic injection when the request does not say.
  for (const r of requests) {
    if (r.procedure !== 'facet_injection' || r.intent) continue;
    const steroid = r.codes.some((l) => { const e = lookupCode(codes, l.code); return e?.role === 'drug' && !e.localAnesthetic; });
    const kx = r.codes.some((l) => lookupCode(codes, l.code)?.family === 'facet' && l.modifiers.includes('KX'));
    if (steroid && !kx) r.intent = 'therapeutic';
  }

  const planned = of('requested_procedure').filter((f) => f.assertion === 'hypothetical').map((f) => ({
    procedure: str(f.attributes.procedure) ?? 'unknown', levels: levelsOf(f.attributes.levels), factIds: [f.id],
  }));

  // Radicular status. Active = current radicular pain, a positive radicular exam sign, or a
  // current radiculopathy diagnosis; "resolved" = only historical mentions.
  const radPain = of('radicular_pain');
  const radPresent = radPain.filter((f) => f.assertion === 'present');
  // Pain that refers into the buttock or thigh and stops above the knee, with no dermatome named, is the
  // referral a facet joint gives: by itself no active radiculopathy (a radicular sign or diagnosis still is).
  // (Read so only for facet and ablation requests; an ESI request's leg pain stays its radicular pain.)
  const facetRequests = requests.length > 0 && requests.every((r) => r.family === 'facet' || r.family === 'rfa');
  const referredOnly = (f: Fact) => facetRequests && f.attributes.belowKnee === false && f.attributes.dermatome === undefined;
  const radCurrent = radPresent.filter((f) => !f.historical && !referredOnly(f));
  const radAbsent = radPain.filter((f) => f.assertion === 'absent');
  const exam = of('exam_finding');
  // (Findings the note puts down to a polyneuropathy are no root's.)
  const radExam = exam.filter((f) => f.assertion === 'present' && RADICULAR_EXAMS.has(String(f.attributes.test)) && f.attributes.result === 'positive' && f.attributes.explainedBy === undefined);
  const radExamNeg = exam.filter((f) => f.assertion === 'present' && f.attributes.test === 'straight_leg_raise' && f.attributes.result === 'negative');
  const radDx = present('diagnosis').filter((f) => RADICULAR_DX.test(String(f.attributes.concept ?? '')) && !/without radicul/i.test(String(f.attributes.concept ?? '')));
  const radDxCurrent = radDx.filter((f) => !f.historical);
  // A radiculopathy diagnosis alone is active only when leg pain is not documented as absent
  // ("h/o radiculopathy, treated; denies leg pain; SLR negative" is resolved).
  const deniedNow = radAbsent.length > 0 || radExamNeg.length > 0;
  const status = radCurrent.length || radExam.length || (radDxCurrent.length && !deniedNow) ? 'active'
    : radPresent.length || radDx.length ? 'resolved'
      : deniedNow ? 'absent' : 'unknown';
  const sides = new Set(radPresent.map((f) => str(f.attributes.side)).filter(Boolean));
  // Where the pain reaches now: leg pain of the past ("sciatica in 2023, resolved") says nothing of it.
  const below = radCurrent.filter((f) => f.attributes.belowKnee === true);
  const notBelow = radCurrent.filter((f) => f.attributes.belowKnee === false);

  const axial = of('axial_pain');
  const axialPresent = axial.filter((f) => f.assertion === 'present');
  const claud = of('neurogenic_claudication');
  const claudPresent = claud.filter((f) => f.assertion === 'present');

  // Pain duration: the longest stated duration; otherwise generated from the injury date; at least
  // as long as since the earliest dated injection.
  const nd = isIsoDate(noteDate) ? noteDate : null;
  const durations = present('pain_duration').filter((f) => num(f.attributes.months) !== null);
  const injuryFacts = present('injury').filter((f) => isIsoDate(f.attributes.date));
  let painDurationMonths: Case['painDurationMonths'] = { value: null, factIds: [] };
  if (durations.length) {
    // A duration stated as of an earlier document's date has grown by the review date.
    const aged = (f: Fact) => {
      const m = num(f.attributes.months)!;
      const asOf = str(f.attributes.asOf);
      const d = asOf && nd && isIsoDate(asOf) ? daysBetween(asOf, nd) : null;
      return d !== null && d > 0 ? Math.round((m + d / DAYS_PER_MONTH) * 10) / 10 : m;
    };
    const best = durations.reduce((a, b) => (aged(b) > aged(a) ? b : a));
    painDurationMonths = { value: aged(best), factIds: durations.map((f) => f.id), ...(aged(best) !== num(best.attributes.months) ? { generated: true, basis: 'aged' as const } : { basis: 'stated' as const }) };
  } else if (injuryFacts.length && nd) {
    // Pain began at the earliest injury the record dates (a form's other dates may sit beside the DOI).
    const first = injuryFacts.reduce((a, b) => (compareDates(String(b.attributes.date), String(a.attributes.date)) < 0 ? b : a));
    const d = daysBetween(String(first.attributes.date), nd);
    if (d !== null && d >= 0) painDurationMonths = { value: Math.floor(d / DAYS_PER_MONTH), factIds: [first.id], generated: true, basis: 'injury' };
  }
  if (nd) {
    // A spine injection done for this pain months ago shows it has lasted at least that long (a lower
    // bound: the criteria never read it as too short). It outweighs a shorter stated length, which in
    // a repeat request tells the recurrence ("pain back for the past 3 weeks"), not the condition.
    const dated = present('prior_procedure').filter((f) => isIsoDate(f.attributes.date) && precision(String(f.attributes.date)) !== 'year');
    if (dated.length) {
      const first = dated.reduce((a, b) => (compareDates(String(b.attributes.date), String(a.attributes.date)) < 0 ? b : a));
      const d = daysBetween(String(first.attributes.date), nd);
      const months = d !== null && d > 0 ? Math.floor(d / DAYS_PER_MONTH) : null;
      if (months !== null && (painDurationMonths.value === null || months > painDurationMonths.value)) {
        painDurationMonths = { value: months, factIds: [first.id, ...painDurationMonths.factIds], generated: true, basis: 'prior_procedure' };
      }
    }
  }

  const care = of('conservative_care').filter((f) => f.assertion === 'present' || f.assertion === 'absent').map((f) => ({
    modality: str(f.attributes.modality) ?? 'other', assertion: f.assertion, durationWeeks: num(f.attributes.durationWeeks),
    outcome: str(f.attributes.outcome), factIds: [f.id],
  }));
  const withWeeks = care.filter((c) => c.assertion === 'present' && c.durationWeeks !== null);
  const conservativeCareWeeks = withWeeks.length
    ? { value: Math.max(...withWeeks.map((c) => c.durationWeeks!)), factIds: withWeeks.map((c) => c.factIds[0]!), generated: true }
    : { value: null, factIds: [] };

  const surgeries = present('surgery').map((f) => {
    const levels = levelsOf(f.attributes.levels);
    const procedure = str(f.attributes.procedure) ?? 'unknown';
    return {
      procedure, levels, fusedJoints: /fusion|arthrodesis|tlif|plif|alif|xlif|olif/i.test(procedure) ? jointsOf(levels).filter((l) => l.includes('-')) : [],
      date: str(f.attributes.date) ?? (f.attributes.year != null ? String(f.attributes.year) : null), factIds: [f.id],
    };
  });

  const payerFacts = present('payer');
  const patientFact = present('patient');
  const injuryAll = present('injury');

  return {
    noteDate: nd ? { value: nd } : { value: null },
    patient: {
      age: num(patientFact.find((f) => num(f.attributes.age) !== null)?.attributes.age),
      sex: str(patientFact.find((f) => str(f.attributes.sex))?.attributes.sex),
      factIds: patientFact.map((f) => f.id),
    },
    payer: payerOf(payerFacts),
    criteriaSets: present('criteria_set').map((f) => ({ name: String(f.attributes.name ?? '').toLowerCase(), id: str(f.attributes.id), factIds: [f.id] })),
    requests,
    planned,
    radicular: {
      status, side: sides.size === 1 ? [...sides][0]! : sides.size > 1 ? 'bilateral' : null,
      painFactIds: radPresent.filter((f) => !referredOnly(f)).map((f) => f.id), examFactIds: radExam.map((f) => f.id),
      diagnosisFactIds: radDx.map((f) => f.id), absentFactIds: [...radAbsent, ...radExamNeg].map((f) => f.id),
    },
    belowKnee: below.length ? { value: true, factIds: below.map((f) => f.id) }
      : notBelow.length ? { value: false, factIds: notBelow.map((f) => f.id) } : { value: null, factIds: [] },
    axialPain: {
      present: axialPresent.length ? true : axial.some((f) => f.assertion === 'absent') ? false : null,
      regions: [...new Set(axialPresent.map((f) => str(f.attributes.region)).filter((x): x is string => !!x))],
      factIds: (axialPresent.length ? axialPresent : axial).map((f) => f.id),
    },
    claudication: {
      status: claudPresent.length ? 'present' : claud.some((f) => f.assertion === 'absent') ? 'absent' : 'unknown',
      factIds: (claudPresent.length ? claudPresent : claud).map((f) => f.id),
    },
    painDurationMonths,
    painScores: present('pain_score').filter((f) => num(f.attributes.value) !== null).map((f) => ({
      scale: str(f.attributes.scale), value: num(f.attributes.value)!, context: str(f.attributes.context), factIds: [f.id],
    })),
    conservativeCare: care,
    conservativeCareWeeks,
    procedures: withoutServiceUnderReview(buildTimeline(patientFacts), present('requested_procedure')),
    surgeries,
    exam: exam.filter((f) => f.assertion !== 'hypothetical').map((f) => ({
      test: String(f.attributes.test ?? ''), result: str(f.attributes.result), side: str(f.attributes.side), assertion: f.assertion, factIds: [f.id],
    })),
    imaging: currentStudies(of('imaging_finding')).filter((f) => f.assertion === 'present' || f.assertion === 'absent').map((f) => ({
      modality: str(f.attributes.modality), finding: String(f.attributes.finding ?? ''), levels: levelsOf(f.attributes.levels),
      side: str(f.attributes.side), sizeMm: num(f.attributes.sizeMm), assertion: f.assertion, factIds: [f.id],
      severity: str(f.attributes.severity),
      ...(Array.isArray(f.attributes.mildLevels) ? { mildLevels: levelsOf(f.attributes.mildLevels) } : {}),
      ...(f.attributes.preOperative === true ? { preOperative: true } : {}),
    })),
    diagnoses: of('diagnosis').filter((f) => f.assertion !== 'hypothetical').map((f) => ({ concept: String(f.attributes.concept ?? ''), assertion: f.assertion, factIds: [f.id] })),
    diagnosisCodes,
    procedureCodes,
    medications: present('medication').map((f) => ({ name: String(f.attributes.name ?? ''), factIds: [f.id] })),
    // Anxiety without a named disorder told only in an earlier session's procedure note is that
    // session's reason (lexicons/terms/sedation_reason.json `situational`), not this request's.
    sedationReasons: present('sedation_reason').filter((f) => !(f.attributes.situational === true && pastOnly(f))).map((f) => ({ reason: String(f.attributes.reason ?? ''), factIds: [f.id] })),
    // A missing report stays missing only while no finding of that study is read: a report of that
    // modality and date (or of that modality, the date unknown) in the packet answers it.
    // A study ordered is answered only by a report of that modality dated on or after the order.
    imagingPending: present('imaging_pending').filter((f) => !of('imaging_finding').some((i) => (i.assertion === 'present' || i.assertion === 'absent') &&
      i.attributes.modality === f.attributes.modality && (f.attributes.ordered === true
        ? typeof f.attributes.studyDate === 'string' && typeof i.attributes.studyDate === 'string' && i.attributes.studyDate >= f.attributes.studyDate
        : f.attributes.studyDate === undefined || i.attributes.studyDate === f.attributes.studyDate)))
      .map((f) => ({ modality: str(f.attributes.modality), date: str(f.attributes.studyDate), ...(f.attributes.ordered === true ? { ordered: true } : {}), factIds: [f.id] })),
    injury: { date: str(injuryAll[0]?.attributes.date), factIds: injuryAll.map((f) => f.id) },
  };
}
