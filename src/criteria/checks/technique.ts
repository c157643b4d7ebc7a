/** Technique and anatomy checks: levels, guidance, fused segments, imaging. */
import type { Case, CaseRequest } from '../../case/schema.ts';
import { levelsNear, levelsOverlap } from '../../case/levels.ts';
import { lookupCode, type CodeTable } from '../code-table.ts';
import type { Check } from '../types.ts';
import { result } from '../types.ts';

/** Levels a request counts: joints for facet/RFA (a bilateral level is one level), levels as written for ESI. */
export function requestLevelCount(r: CaseRequest): number {
  if (r.family === 'facet' || r.family === 'rfa') return r.joints.length;
  // A caudal injection enters at the sacral hiatus: one level whether or not one is written.
  if (r.procedure === 'caudal_esi') return Math.max(1, r.levels.length);
  return r.levels.length;
}

/**
 * The code lines of a request's family and the levels they bill: one for the primary code, one per
 * unit of a counted add-on ("64494 x1"), and at least one more for a "rest" add-on ("+64495").
 */
export function billedLines(r: CaseRequest, codes: CodeTable) {
  const lines = r.codes.map((l) => ({ l, e: lookupCode(codes, l.code) })).filter((x) => x.e?.family === r.family || (r.family === 'facet' && x.e?.family === 'facet'));
  const primaries = lines.filter((x) => x.e!.role === 'primary');
  const addons = lines.filter((x) => x.e!.role === 'addon');
  if (!primaries.length) return null;
  const units = (xs: typeof lines) => xs.reduce((s, x) => s + (x.l.units ?? 1), 0);
  // "+64495/+64492: third and any additional level(s)" is one line for every level past two.
  const rest = addons.filter((x) => x.e!.levelsCounted === 'rest');
  const counted = addons.filter((x) => x.e!.levelsCounted !== 'rest');
  const billedLevels = 1 + units(counted) + (rest.length ? 1 : 0);
  return { lines, primaries, addons, rest, counted, units, billedLevels };
}

export const levelCount: Check = (_c, p, { request, codes }) => {
  const byProc = (p.maxByProcedure as Record<string, number> | undefined) ?? {};
  const max = byProc[request.procedure] ?? (p.max as number);
  const n = requestLevelCount(request);
  const noBilateral = (p.noBilateral as string[] | undefined) ?? [];
  if (noBilateral.includes(request.procedure) && request.side === 'bilateral') {
    return result('not_met', `a bilateral ${request.procedure.replace(/_/g, ' ')} is requested; the policy never covers it bilaterally`, request.factIds);
  }
  if (!n) {
    // No level written: the billed codes count them ("64493-50 + 64494-50" is two joints; a primary
    // billed once per side counts per side).
    const billed = billedLines(request, codes);
    if (!billed) return result('not_documented', 'the levels to be treated are not documented', request.factIds);
    const perSide = Math.max(1, billed.units(billed.primaries));
    const counted = billed.rest.length ? 3 : Math.round(billed.units([...billed.primaries, ...billed.counted]) / perSide);
    const ids = [...request.factIds, ...billed.lines.flatMap((x) => x.l.factIds)];
    return counted <= max
      ? result('met', `no level is written; the billed codes count ${counted} level(s) (≤${max} per session)`, ids)
      : result('not_met', `no level is written; the billed codes count ${counted} levels in one session, more than the ${max} allowed`, ids);
  }
  return n <= max
    ? result('met', `${n} level(s) requested (≤${max} per session)`, request.factIds)
    : result('not_met', `${n} levels requested in one session, more than the ${max} allowed`, request.factIds);
};

export type GuidanceFinding = { kind: 'fluoroscopy' | 'ct' | 'ultrasound' | 'none' | 'mri' | null; factIds: string[] };

/** The guidance the request documents: stated, or implied by its code lines. */
export function requestGuidance(r: CaseRequest, codes: CodeTable): GuidanceFinding {
  const g = r.guidance?.toLowerCase() ?? null;
  if (g) {
    const kind = /fluor/.test(g) ? 'fluoroscopy' : /\bct\b|comput/.test(g) ? 'ct' : /ultra|\bus\b/.test(g) ? 'ultrasound' : /mri/.test(g) ? 'mri' : /none|without/.test(g) ? 'none' : null;
    if (kind) return { kind, factIds: r.factIds };
  }
  for (const line of r.codes) {
    const e = lookupCode(codes, line.code);
    if (!e) continue;
    if (e.guidance === 'ultrasound' || e.guidance === 'none') return { kind: e.guidance, factIds: line.factIds };
  }
  for (const line of r.codes) {
    const e = lookupCode(codes, line.code);
    if (e?.includesGuidance) return { kind: 'fluoroscopy', factIds: line.factIds };
    if (e?.guidance === 'fluoroscopy' || e?.guidance === 'ct') return { kind: e.guidance, factIds: line.factIds };
  }
  return { kind: null, factIds: [] };
}

/**
 * No routine sedation: moderate/IV sedation, MAC or general anesthesia for these injections needs a
 * documented reason (LCD ESI and facet articles [C]; NGS 2021 for IA/MBB [C]; ODG legacy: IV
 * sedation may negate a diagnostic block). A request that names none, or local only, meets it.
 */
export const noRoutineSedation: Check = (c, _p, { request }) => {
  const sed = (request.sedation ?? '').toLowerCase();
  if (!SEDATING_LEVELS.has(sed)) return result('met', sed ? `${sed === 'none' ? 'no' : sed} sedation requested` : 'no sedation is requested', request.factIds);
  const what = sed === 'iv' ? 'IV sedation' : sed === 'mac' ? 'monitored anesthesia care' : `${sed} sedation`;
  if (c.sedationReasons.length) return result('met', `${what} is requested with a documented reason (${c.sedationReasons.map((r) => r.reason.replace(/_/g, ' ')).join(', ')})`, [...request.factIds, ...c.sedationReasons.flatMap((r) => r.factIds)]);
  return result('not_met', `${what} is requested without a documented reason; sedation is not routinely necessary for this injection`, request.factIds);
};
const SEDATING_LEVELS = new Set(['moderate', 'iv', 'mac', 'general', 'deep', 'conscious']);

export const imagingGuidance: Check = (_c, p, { request, codes }) => {
  const allowed = (p.allowed as string[] | undefined) ?? ['fluoroscopy', 'ct'];
  const g = requestGuidance(request, codes);
  if (!g.kind) return result('not_documented', 'the imaging guidance for the procedure (fluoroscopy or CT) is not documented', request.factIds);
  return allowed.includes(g.kind)
    ? result('met', `${g.kind === 'ct' ? 'CT' : g.kind} guidance`, g.factIds)
    : result('not_met', `${g.kind === 'none' ? 'no imaging' : g.kind} guidance; the policy requires ${allowed.join(' or ')}`, g.factIds);
};

/** Requested joints inside a fused segment. */
export function fusedTargets(c: Case, r: CaseRequest): { joints: string[]; factIds: string[] } {
  const joints: string[] = []; const ids: string[] = [];
  for (const s of c.surgeries) {
    const hit = r.joints.filter((j) => s.fusedJoints.includes(j));
    if (hit.length) { joints.push(...hit); ids.push(...s.factIds); }
  }
  return { joints: [...new Set(joints)], factIds: ids };
}

export const notFusedLevel: Check = (c, _p, { request }) => {
  const f = fusedTargets(c, request);
  if (f.joints.length) return result('not_met', `${f.joints.join(', ')} lies inside a fused segment`, [...f.factIds, ...request.factIds]);
  const fusions = c.surgeries.filter((s) => s.fusedJoints.length);
  return result('met', fusions.length ? `the requested levels are outside the fused segment(s) ${fusions.flatMap((s) => s.fusedJoints).join(', ')}` : 'no spinal fusion is documented', fusions.flatMap((s) => s.factIds));
};

// Findings that compete with the facet joint as the pain generator at a target level. A low-grade
// spondylolisthesis or a synovial cyst (a facet-joint finding) does not (samples/pa-form-rfa).
const OTHER_GENERATORS = new Set(['disc_herniation', 'stenosis']);
const COMPRESSIVE = new Set(['disc_herniation', 'disc_bulge', 'stenosis', 'spondylolisthesis', 'synovial_cyst']);
const SPINE_IMAGING = new Set(['mri', 'ct', 'xray', null]);
const CROSS_SECTIONAL = new Set<string | null>(['mri', 'ct', 'myelogram', null]);

/**
 * Imaging findings that point to another pain generator at the requested facet levels. A finding
 * the report grades mild ("mild foraminal narrowing") is degenerative background, not a competing
 * generator.
 */
export function alternativeGenerators(c: Case, r: CaseRequest) {
  return c.imaging.filter((i) => i.assertion === 'present' && OTHER_GENERATORS.has(i.finding) && i.severity !== 'mild'
    && i.levels.some((l) => !(i.mildLevels ?? []).includes(l) && r.joints.some((j) => levelsOverlap(l, j))));
}

/** FJ-4 / AET-2c: imaging excludes other causes (no other generator at the target levels). */
export const noAlternativeGenerator: Check = (c, p, { request }) => {
  const alt = alternativeGenerators(c, request);
  if (alt.length) return result('not_met', `imaging shows ${alt.map((a) => `${a.finding.replace(/_/g, ' ')} at ${a.levels.join(', ')}`).join('; ')}, another possible pain generator at the requested level`, [...alt.flatMap((a) => a.factIds), ...request.factIds]);
  const studies = c.imaging.filter((i) => SPINE_IMAGING.has(i.modality));
  if (studies.length) return result('met', 'imaging shows no other pain generator at the requested levels', studies.flatMap((i) => i.factIds));
  return p.requireImaging === true
    ? result('not_documented', 'no imaging is documented to exclude other causes of the pain')
    : result('met', 'no non-facet pathology is documented');
};

/** ESI-1: concordant imaging — a compressive finding at or beside the level to be injected. */
export function concordantFindings(c: Case, r: CaseRequest) {
  // The side the symptoms are on (else the side to be injected): a finding on the other side only
  // ("small LEFT paracentral protrusion" for right leg pain) does not explain them.
  const uni = (s: string | null | undefined) => (s === 'left' || s === 'right' ? s : null);
  const symptomSide = uni(c.radicular.side) ?? uni(r.side);
  // A study done before an operation the case records shows the spine before it, not now.
  const operated = c.surgeries.some((s) => s.procedure !== 'spinal_cord_stimulator');
  return c.imaging.filter((i) => i.assertion === 'present' && COMPRESSIVE.has(i.finding)
    && !(i.preOperative && operated)
    // Plain films show no nerve root's compression (a slip on a radiograph is no concordant finding).
    && !(i.modality && !CROSS_SECTIONAL.has(i.modality))
    && !(symptomSide && uni(i.side) && i.side !== symptomSide)
    // A mild bulge alone compresses nothing (the LCD asks for a herniation, an osteophyte complex
    // or severe degeneration with stenosis).
    && !(i.finding === 'disc_bulge' && i.severity === 'mild')
    && (!r.levels.length || !i.levels.length || i.levels.some((l) => r.levels.some((x) => levelsNear(l, x)))));
}

export const imagingConcordant: Check = (c, _p, { request }) => {
  const hits = concordantFindings(c, request);
  if (hits.length) return result('met', `imaging shows ${hits.map((h) => `${h.finding.replace(/_/g, ' ')}${h.levels.length ? ` at ${h.levels.join(', ')}` : ''}`).join('; ')}`, hits.flatMap((h) => h.factIds));
  // A study done whose report is not in the packet may be the one that shows it: wait for it.
  if (c.imagingPending.length) {
    const p = c.imagingPending[0]!;
    const what = `the ${p.modality ? p.modality.toUpperCase() : 'imaging study'}${p.date ? ` of ${p.date}` : ''}`;
    return result('not_documented', p.ordered ? `${what} is ordered and not yet done: send its report when it is` : `${what} was done but its report is not in the packet: send the report`, c.imagingPending.flatMap((x) => x.factIds));
  }
  // Only a cross-sectional study (MRI, CT, myelogram) shows a nerve root's compression; plain films do
  // not; a study from before an operation the case records shows the spine before it.
  const operated = c.surgeries.some((s) => s.procedure !== 'spinal_cord_stimulator');
  const studies = c.imaging.filter((i) => CROSS_SECTIONAL.has(i.modality) && !(i.preOperative && operated));
  if (studies.length) return result('not_met', `imaging shows no compression, herniation or stenosis at or beside ${request.levels.join(', ') || 'the requested level'}`, [...studies.flatMap((i) => i.factIds), ...request.factIds]);
  return result('not_documented', 'no MRI or CT is documented to show a concordant finding');
};

/** ODG: no spinal stenosis for facet procedures. */
export const noStenosis: Check = (c) => {
  const st = c.imaging.filter((i) => i.finding === 'stenosis' && i.assertion === 'present');
  if (st.length) return result('not_met', `imaging shows spinal stenosis (${st.flatMap((s) => s.levels).join(', ') || 'level not stated'})`, st.flatMap((s) => s.factIds));
  if (c.claudication.status === 'present') return result('not_met', 'neurogenic claudication (clinical stenosis) is documented', c.claudication.factIds);
  return result('met', 'no spinal stenosis is documented');
};
