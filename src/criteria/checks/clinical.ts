/** Clinical-picture checks: axial vs radicular pain, scales, duration, conservative care, exam. */
import type { Check } from '../types.ts';
import { result } from '../types.ts';

const BASELINE_CONTEXTS = new Set(['baseline', 'current', 'pre_procedure']);
const REHAB = new Set(['physical_therapy', 'home_exercise', 'chiropractic']);

/** FJ-1: predominantly axial pain. Pain past the knee or active radicular pain is not axial-predominant. */
export const axialPredominant: Check = (c) => {
  if (c.belowKnee.value === true) {
    return result('not_met', 'the pain radiates below the knee, which is not predominantly axial pain', [...c.belowKnee.factIds, ...c.axialPain.factIds]);
  }
  if (c.axialPain.present && c.radicular.status === 'active' && c.radicular.painFactIds.length) {
    return result('not_met', 'radicular leg pain is documented alongside the back pain, so the pain is not shown to be predominantly axial', [...c.radicular.painFactIds, ...c.axialPain.factIds]);
  }
  if (c.axialPain.present) return result('met', `axial ${c.axialPain.regions.join('/') || 'back'} pain is documented without radicular pain past the knee`, c.axialPain.factIds);
  return result('not_documented', 'no axial (back) pain is documented', []);
};

/** FJ-1/FJ-DOC, ESI-2: a numeric pain or disability scale at baseline. */
export const baselineScale: Check = (c) => {
  const base = c.painScores.filter((p) => !p.context || BASELINE_CONTEXTS.has(p.context));
  if (base.length) {
    const s = base[0]!;
    return result('met', `baseline ${s.scale ?? 'pain score'} ${s.value} is documented`, base.flatMap((p) => p.factIds));
  }
  return result('not_documented', 'no numeric pain or disability scale (NRS, VAS, ODI…) is documented at baseline', c.painScores.flatMap((p) => p.factIds));
};

export const painDuration: Check = (c, p) => {
  const min = p.minMonths as number | null;
  const v = c.painDurationMonths.value;
  if (min === null || min === undefined) return result('not_applicable', 'the policy sets no minimum pain duration');
  const basis = c.painDurationMonths.basis;
  // At least since a prior procedure: long enough, or not yet shown.
  if (v === null || (basis === 'prior_procedure' && v < min)) return result('not_documented', `how long the pain has lasted is not documented (${min} months required)`);
  const how = basis === 'injury' ? ' (computed from the injury date)' : basis === 'aged' ? ' (as stated earlier, to the review date)'
    : basis === 'prior_procedure' ? ' (at least: the earliest prior injection for it was that long ago)' : '';
  return v >= min
    ? result('met', `pain for about ${v} months${how}, at least the ${min} months required`, c.painDurationMonths.factIds)
    : result('not_met', `pain for about ${v} months${how}, less than the ${min} months required`, c.painDurationMonths.factIds);
};

/** FJ-2 / AET-2e / ODG / ESI-3: failed conservative care, for at least `minWeeks` when the policy counts weeks. */
export const conservativeCare: Check = (c, p) => {
  const min = (p.minWeeks as number | null | undefined) ?? null;
  const tried = c.conservativeCare.filter((x) => x.assertion === 'present');
  const ids = tried.flatMap((x) => x.factIds);
  if (!tried.length) return result('not_documented', 'no conservative care (therapy, exercise, medication) is documented');
  const failed = tried.filter((x) => x.outcome === 'failed' || x.outcome === 'partial');
  const helping = tried.filter((x) => x.outcome === 'helped');
  const weeks = c.conservativeCareWeeks.value;
  if (min !== null && weeks !== null && weeks < min) {
    return result('not_met', `conservative care is documented for ${weeks} weeks, less than the ${min} weeks required`, c.conservativeCareWeeks.factIds);
  }
  if (min !== null && weeks === null) {
    return result('not_documented', `conservative care (${tried.map((x) => x.modality).join(', ')}) is mentioned without its duration (${min} weeks required)`, ids);
  }
  if (!failed.length) {
    // Care tried without its outcome in words, while the pain it was meant to treat persists at a
    // significant level (NRS/VAS ≥ 4 of 10, ODI ≥ 20%): the care has not relieved it — weighed evenly,
    // that is failure documented, not left open. Care said to help is not.
    const persisting = c.painScores.filter((s) => (!s.context || BASELINE_CONTEXTS.has(s.context)) &&
      (/odi|oswestry/i.test(s.scale ?? '') ? s.value >= 20 : s.value >= 4 && s.value <= 10));
    const unstated = tried.filter((x) => x.outcome !== 'helped');
    if (!helping.length && unstated.length && persisting.length) {
      const dur = weeks !== null ? ` for ${weeks} weeks` : '';
      return result('met', `conservative care (${unstated.map((x) => x.modality).join(', ')})${dur} has not relieved the pain (${persisting[0]!.scale ?? 'pain'} ${persisting[0]!.value} persists)`,
        [...unstated.flatMap((x) => x.factIds), ...persisting.flatMap((s) => s.factIds)]);
    }
    const why = helping.length ? 'conservative care is documented as helping' : 'the outcome of conservative care is not stated';
    return result('not_documented', `${why}; failure of conservative care is not documented`, ids);
  }
  const dur = weeks !== null ? ` for ${weeks} weeks` : '';
  return result('met', `failed conservative care (${failed.map((x) => x.modality).join(', ')})${dur} is documented`, [...failed.flatMap((x) => x.factIds), ...c.conservativeCareWeeks.factIds]);
};

/** ESI-6: the injection sits inside active care (PT, home exercise). */
export const activeCare: Check = (c) => {
  const rehab = c.conservativeCare.filter((x) => REHAB.has(x.modality));
  const on = rehab.filter((x) => x.assertion === 'present');
  if (on.length) return result('met', `active care is documented (${on.map((x) => x.modality).join(', ')})`, on.flatMap((x) => x.factIds));
  const off = rehab.filter((x) => x.assertion === 'absent');
  if (off.length) return result('not_met', 'the patient is documented as not doing physical therapy or a home exercise program', off.flatMap((x) => x.factIds));
  return result('not_documented', 'no concurrent physical therapy or home exercise program is documented');
};

/** FJ-3 / AET-2a / ODG: no active (untreated or current) radiculopathy or neurogenic claudication. */
export const noActiveRadiculopathy: Check = (c, p) => {
  const r = c.radicular;
  const cyst = p.synovialCystException === true && c.imaging.some((i) => i.finding === 'synovial_cyst' && i.assertion === 'present');
  if (r.status === 'active') {
    const ev = [...r.painFactIds, ...r.examFactIds, ...r.diagnosisFactIds];
    if (cyst) return result('met', 'radiculopathy is documented but attributed to a facet synovial cyst, the one exception the policy allows', [...ev, ...c.imaging.filter((i) => i.finding === 'synovial_cyst').flatMap((i) => i.factIds)]);
    return result('not_met', 'active radiculopathy is documented (radicular pain, a positive radicular sign or a current radiculopathy diagnosis)', ev);
  }
  if (p.includeClaudication === true && c.claudication.status === 'present') {
    return result('not_met', 'neurogenic claudication is documented', c.claudication.factIds);
  }
  if (r.status === 'resolved') return result('met', 'radicular symptoms are documented only in the past', [...r.painFactIds, ...r.diagnosisFactIds]);
  if (r.status === 'absent') return result('met', 'radicular pain is documented as absent or the radicular exam is negative', r.absentFactIds);
  return result('met', 'no radicular pain, radicular sign or radiculopathy diagnosis is documented', []);
};

/** ESI-1: radicular pain, radiculopathy or neurogenic claudication supported by history and exam. */
const RADICULAR_EXAM_TESTS = new Set(['straight_leg_raise', 'sensory_deficit', 'motor_deficit', 'reflex_change']);

/**
 * ESI indication: radicular pain, radiculopathy or neurogenic claudication. With `requireExam`
 * (ODG: "radiculopathy documented by physical exam"), radicular symptoms need a positive radicular
 * sign (SLR, dermatomal sensory loss, weakness, reflex change); an exam that documents those
 * signs as normal does not corroborate them, and one that does not test them leaves it open.
 */
export const radicularOrClaudication: Check = (c, p) => {
  const r = c.radicular;
  if ((r.status === 'active' || r.status === 'resolved') && p.requireExam === true) {
    const tested = c.exam.filter((e) => RADICULAR_EXAM_TESTS.has(e.test) && e.assertion === 'present');
    const positive = tested.filter((e) => e.result === 'positive');
    if (positive.length) return result('met', `radicular pain with ${positive.map((e) => `a positive ${e.test.replace(/_/g, ' ')}`).join(', ')} on exam`, [...r.painFactIds, ...positive.flatMap((e) => e.factIds)]);
    if (c.claudication.status === 'present') return result('met', 'neurogenic claudication is documented', c.claudication.factIds);
    if (tested.length) return result('not_met', 'radicular symptoms are reported but the exam documents no radicular sign (straight-leg raise, sensation, strength and reflexes normal)', [...r.painFactIds, ...tested.flatMap((e) => e.factIds)]);
    return result('not_documented', 'radicular symptoms are reported but no exam of straight-leg raise, sensation, strength or reflexes is documented', r.painFactIds);
  }
  if (r.status === 'active' || r.status === 'resolved') {
    return result('met', 'radicular pain or radiculopathy is documented', [...r.painFactIds, ...r.examFactIds, ...r.diagnosisFactIds]);
  }
  if (c.claudication.status === 'present') return result('met', 'neurogenic claudication is documented', c.claudication.factIds);
  if (r.status === 'absent') return result('not_met', 'radicular pain is documented as absent and no neurogenic claudication is documented: axial pain alone is not an ESI indication', [...r.absentFactIds, ...c.axialPain.factIds]);
  return result('not_documented', 'no radicular pain, radiculopathy or neurogenic claudication is documented', c.axialPain.factIds);
};

/** AET-2b / ODG-1: pain on extension-rotation or facet loading, documented on exam. */
export const provocativeExam: Check = (c, p) => {
  const tests = (p.tests as string[] | undefined) ?? ['facet_loading', 'extension_rotation_pain'];
  const found = c.exam.filter((e) => tests.includes(e.test) && e.assertion === 'present');
  const pos = found.filter((e) => e.result === 'positive');
  if (pos.length) return result('met', `a positive ${pos.map((e) => e.test.replace(/_/g, ' ')).join(', ')} is documented`, pos.flatMap((e) => e.factIds));
  if (found.length) return result('not_met', 'facet provocation (loading / extension-rotation) is documented as negative', found.flatMap((e) => e.factIds));
  const other = c.exam.filter((e) => e.test === 'paraspinal_tenderness' && e.result === 'positive');
  return result('not_documented', `no facet loading or extension-rotation finding is documented${other.length ? ' (paraspinal tenderness alone is not a provocative test)' : ''}`, other.flatMap((e) => e.factIds));
};

/** AET-1: facet injections are covered for diagnosis only; therapeutic ones are experimental. */
export const diagnosticIntent: Check = (c, _p, { request }) => {
  if (request.intent === 'therapeutic') return result('not_met', 'a therapeutic facet injection is requested; the policy covers facet injections for diagnosis only', request.factIds);
  return result('met', request.intent === 'diagnostic' ? 'the block is requested as diagnostic' : 'the block is not described as therapeutic', request.factIds);
};

/** AET-2f / ODG: diagnostic blocks are done to decide on radiofrequency neurotomy. */
export const rfaPlan: Check = (c) => {
  const plan = c.planned.filter((p) => p.procedure === 'radiofrequency_ablation');
  if (plan.length) return result('met', 'radiofrequency ablation is planned if the blocks are positive', plan.flatMap((p) => p.factIds));
  return result('not_documented', 'no plan to proceed to radiofrequency ablation if the blocks are positive is documented');
};

const NOT_RFA_CANDIDATE = /not an rfa candidate|pseudarthros|pseudoarthros|pacemaker|defibrillator|stimulator|implanted (electrical )?device|intolera\w* of (rf|radiofrequency)|failed (rf|radiofrequency)/i;

/** FJ-IA-NORFA: a therapeutic facet injection needs a documented reason the patient is not an RFA candidate. */
export const notRfaCandidateReason: Check = (c, params) => {
  const dx = c.diagnoses.filter((d) => d.assertion === 'present' && NOT_RFA_CANDIDATE.test(d.concept));
  // The codes of such a reason (policy params: pseudarthrosis, an implanted pacemaker, defibrillator or neurostimulator).
  const reasonCodes = new Set(Array.isArray(params.reasonCodes) ? params.reasonCodes.map(String) : ['M96.0']);
  const codes = c.diagnosisCodes.filter((d) => reasonCodes.has(d.code));
  const surg = c.surgeries.filter((s) => /stimulator|pacemaker|implant/i.test(s.procedure));
  const ids = [...dx, ...codes, ...surg].flatMap((x) => x.factIds);
  return ids.length
    ? result('met', 'a reason the patient is not an RFA candidate is documented (pseudarthrosis or an implanted electrical device)', ids)
    : result('not_documented', 'no reason is documented why the patient is not a candidate for radiofrequency ablation');
};
