/**
 * The reviewer's words: how the report names flags, groups deficiencies (as the seed reviews in
 * ../shared/seeds/ group them), phrases line-item recommendations and describes facts, with no
 * internal ids, file paths, snake_case or camelCase keys. Knowledge as data; pure functions.
 */
import type { Evidence, Fact, Flag, ReviewOutput } from '../schema/review.ts';
import type { ReportCriterion, ReportItem, ReportReview } from './model.ts';

/** Deficiency groups, in the order the seed reviews give them. */
export const DEFICIENCY_GROUPS: { id: string; title: string; codes: string[] }[] = [
  { id: 'diagnosis', title: 'Diagnosis and procedure do not match', codes: [
    'DX_CODE_CONTRADICTS_RADICULOPATHY', 'RADICULOPATHY_WITH_FACET_REQUEST', 'PAIN_BELOW_KNEE_WITH_FACET_REQUEST',
    'ESI_FOR_AXIAL_PAIN_ONLY', 'IMAGING_NOT_CONCORDANT', 'REGION_MISMATCH', 'FACET_AT_FUSED_LEVEL'] },
  { id: 'conservative', title: 'Conservative treatment documentation', codes: [
    'CONSERVATIVE_CARE_DURATION_MISSING', 'CONSERVATIVE_CARE_TOO_SHORT', 'PAIN_DURATION_TOO_SHORT', 'NO_PAIN_SCALE'] },
  { id: 'selection', title: 'Procedure selection', codes: [
    'NO_PROVOCATIVE_EXAM', 'LEVEL_COUNT_EXCEEDED', 'IMAGING_GUIDANCE_MISSING', 'SEDATION_NOT_JUSTIFIED', 'NO_RFA_PLAN'] },
  { id: 'prior', title: 'Prior block results', codes: [
    'REPEAT_BLOCK_AFTER_NEGATIVE_BLOCK', 'RFA_WITHOUT_TWO_POSITIVE_BLOCKS', 'CONFOUNDED_DIAGNOSTIC_BLOCK',
    'RELIEF_NOT_QUANTIFIED', 'INCONSISTENT_RELIEF_REPORTS', 'REPEAT_ESI_WITHOUT_RESPONSE', 'REPEAT_RFA_CRITERIA_NOT_MET'] },
  { id: 'coding', title: 'Coding', codes: ['INVALID_CODE', 'CODE_DESCRIPTOR_MISMATCH', 'BUNDLED_CODE', 'CODE_LEVEL_MISMATCH'] },
];
export const OTHER_GROUP = { id: 'other', title: 'Other findings' };

export function groupOf(code: string): { id: string; title: string } {
  return DEFICIENCY_GROUPS.find((g) => g.codes.includes(code)) ?? OTHER_GROUP;
}

export const FLAG_TITLES: Record<string, string> = {
  DX_CODE_CONTRADICTS_RADICULOPATHY: 'The diagnosis code contradicts the documented radiculopathy',
  RADICULOPATHY_WITH_FACET_REQUEST: 'Facet procedure requested while radiculopathy is active',
  PAIN_BELOW_KNEE_WITH_FACET_REQUEST: 'Pain below the knee, which facet pain does not explain',
  ESI_FOR_AXIAL_PAIN_ONLY: 'Epidural injection requested for axial pain only',
  IMAGING_NOT_CONCORDANT: 'Imaging does not match the requested level or side',
  REGION_MISMATCH: 'The request and the documented pain are in different spine regions',
  FACET_AT_FUSED_LEVEL: 'Facet procedure at a fused level',
  REPEAT_BLOCK_AFTER_NEGATIVE_BLOCK: 'Repeat block after a block that gave no relief',
  RFA_WITHOUT_TWO_POSITIVE_BLOCKS: 'Radiofrequency ablation without two positive diagnostic blocks',
  CONFOUNDED_DIAGNOSTIC_BLOCK: 'Diagnostic block done together with another injection',
  NO_RFA_PLAN: 'No plan for radiofrequency ablation after the diagnostic block',
  RELIEF_NOT_QUANTIFIED: 'Relief after the prior block is not quantified',
  INCONSISTENT_RELIEF_REPORTS: 'Relief after the prior procedure is reported inconsistently',
  REPEAT_ESI_WITHOUT_RESPONSE: 'Repeat epidural injection without a documented response',
  REPEAT_RFA_CRITERIA_NOT_MET: 'Repeat radiofrequency ablation without the required prior relief',
  CONSERVATIVE_CARE_DURATION_MISSING: 'Conservative treatment is mentioned without its duration',
  CONSERVATIVE_CARE_TOO_SHORT: 'Conservative treatment shorter than required',
  PAIN_DURATION_TOO_SHORT: 'Pain shorter than the required duration',
  NO_PAIN_SCALE: 'No pain score or functional scale documented',
  NO_PROVOCATIVE_EXAM: 'No provocative examination for facet pain documented',
  LEVEL_COUNT_EXCEEDED: 'More levels requested than the policy allows',
  IMAGING_GUIDANCE_MISSING: 'Imaging guidance not documented',
  SEDATION_NOT_JUSTIFIED: 'Sedation requested without a documented reason',
  INVALID_CODE: 'A billed code is not valid',
  CODE_DESCRIPTOR_MISMATCH: 'A billed code does not describe the requested procedure',
  BUNDLED_CODE: 'A billed line is included in the procedure',
  CODE_LEVEL_MISMATCH: 'The billed codes do not match the number of levels',
};

export function flagTitle(code: string): string {
  return FLAG_TITLES[code] ?? sentenceCase(code.toLowerCase().replace(/_/g, ' '));
}

const POLICY_NAMES: Record<string, string> = {
  'cms-lcd-facet': 'the Medicare facet joint LCD',
  'cms-lcd-esi': 'the Medicare epidural steroid injection LCD',
  odg: 'ODG / MTUS',
  'aetna-cpb-0016': 'Aetna CPB 0016',
};
export function policyName(id: string, title?: string): string {
  return POLICY_NAMES[id] ?? title ?? id.replace(/[-_]/g, ' ');
}

export function sentenceCase(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
const lowerFirst = (s: string): string => (s && !/^[A-Z]{2}|^[A-Z]\d/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/**
 * A message in a reviewer's words: no "UNCONFIRMED", no reference-file citations, no policy ids,
 * snake_case or camelCase keys.
 */
export function plain(s: string): string {
  let t = s
    .replace(/\s*\([^()]*\.md\b[^()]*\)/g, '')
    .replace(/;?\s*\b[\w./-]+\.md\b(\s+(section\s+)?[A-Z]\d+[a-z]?)?/g, '')
    .replace(/\bthe descriptor of (\w+) is UNCONFIRMED in the code table\b/g, 'the description of $1 is not verified')
    .replace(/\bdescriptor UNCONFIRMED\b/g, 'description not verified')
    .replace(/\bUNCONFIRMED\b/g, 'not verified');
  for (const [id, name] of Object.entries(POLICY_NAMES)) t = t.replace(new RegExp(`\\b${id}\\b`, 'g'), name);
  t = t.replace(/\b[a-z]+(?:_[a-z0-9]+)+\b/g, (w) => w.replace(/_/g, ' '));
  t = t.replace(/\b[a-z]+(?:[A-Z][a-z]+)+\b/g, (w) => w.replace(/([A-Z])/g, ' $1').toLowerCase());
  t = t.replace(/\b(esi|tfesi|ilesi|rfa|mbb|nrs|vas|odi|pt)\b/g, (w) => w.toUpperCase());
  return t.replace(/\s{2,}/g, ' ').replace(/\s+([,.;)])/g, '$1').trim();
}

/** A flag message is "<the problem>: <what to do>"; the two halves. */
export function splitMessage(message: string): { problem: string; fix: string | null } {
  const m = plain(message);
  const i = m.lastIndexOf(': ');
  if (i < 15) return { problem: m.replace(/[.\s]+$/, ''), fix: null };
  return { problem: m.slice(0, i).replace(/[.\s]+$/, ''), fix: sentenceCase(m.slice(i + 2).trim()) };
}

export const PROCEDURE_WORDS: Record<string, string> = {
  medial_branch_block: 'medial branch block', facet_injection: 'facet joint injection',
  radiofrequency_ablation: 'radiofrequency ablation', transforaminal_esi: 'transforaminal epidural steroid injection',
  interlaminar_esi: 'interlaminar epidural steroid injection', caudal_esi: 'caudal epidural steroid injection',
  epidural_steroid_injection: 'epidural steroid injection', selective_nerve_root_block: 'selective nerve root block',
  si_joint_injection: 'sacroiliac joint injection', trigger_point_injection: 'trigger point injection',
};
export const procedureWords = (p: string): string => PROCEDURE_WORDS[p] ?? p.replace(/_/g, ' ');

/** "bilateral diagnostic medial branch block at L4-L5 and L5-S1" */
export function requestPhrase(r: ReportReview): string {
  const q = r.request;
  const lv = q.levels.length > 1 ? `${q.levels.slice(0, -1).join(', ')} and ${q.levels.at(-1)}` : q.levels[0];
  return [q.side, q.intent, procedureWords(q.procedure), lv ? `at ${lv}` : ''].filter(Boolean).join(' ');
}

/** The line-item recommendation: never a bare "deny"; missing documentation is not a denial. */
export function recommendation(item: ReportItem, review: ReportReview): { text: string; kind: 'deny' | 'pending' | 'approve' | 'correct' | 'na' } {
  if (item.decision === 'approve') return { text: 'Recommend approve', kind: 'approve' };
  if (item.decision === 'correct') return { text: 'Correct the line — physician review', kind: 'correct' };
  if (item.decision === 'not_applicable') return { text: 'Not applicable', kind: 'na' };
  // A line that "follows the procedure" (guidance, add-on codes) shares the procedure's criteria.
  const ids = item.criteria.length || item.flags.length ? item.criteria : review.items.find((i) => i.criteria.length)?.criteria ?? [];
  const statuses = ids.map((id) => review.criteria.find((c) => c.id === id)?.status);
  const onlyMissing = item.flags.length === 0 && statuses.length > 0 && statuses.every((s) => s === 'not_documented' || s === 'met' || s === 'not_applicable');
  if (onlyMissing || (item.decision !== 'deny' && item.decision !== 'approve')) {
    return { text: 'Documentation insufficient — request records, physician review', kind: 'pending' };
  }
  return { text: 'Recommend deny — physician review', kind: 'deny' };
}

/** Why a line item gets its recommendation, in the criteria's own words. */
export function itemReason(item: ReportItem, review: ReportReview, flagMessages: Map<string, string>): string {
  if (item.flags.length) return item.flags.map((c) => splitMessage(flagMessages.get(c) ?? item.reason).problem).join('; ') + '.';
  const lead = review.items.find((i) => i.criteria.length);
  // A line billed with the procedure shares its decision: say so instead of repeating the criteria.
  if (/follows the procedure/i.test(item.reason) && lead && lead !== item && (item.criteria.length === 0 || item.criteria.join() === lead.criteria.join())) {
    return 'Billed with the procedure: follows its recommendation (first line).';
  }
  const ids = item.criteria.length ? item.criteria : [];
  const crit = ids.map((id) => review.criteria.find((c) => c.id === id)).filter((c) => c !== undefined);
  const notMet = crit.filter((c) => c.status === 'not_met').map((c) => lowerFirst(plain(c.text)));
  const missing = crit.filter((c) => c.status === 'not_documented').map((c) => lowerFirst(plain(c.text)));
  const parts = [notMet.length ? `Not met: ${notMet.join('; ')}.` : '', missing.length ? `Not documented: ${missing.join('; ')}.` : ''].filter(Boolean);
  const follows = /follows the procedure/i.test(item.reason) ? 'Follows the procedure. ' : '';
  return parts.length ? follows + parts.join(' ') : sentenceCase(plain(item.reason));
}

/** Fact-type colour groups of the source view (with the legend's words). */
export const TYPE_GROUPS: { id: string; label: string; types: string[] }[] = [
  { id: 'symptom', label: 'Pain and symptoms', types: ['radicular_pain', 'axial_pain', 'neurogenic_claudication', 'pain_score', 'pain_duration', 'injury'] },
  { id: 'dx', label: 'Diagnoses and diagnosis codes', types: ['diagnosis', 'diagnosis_code'] },
  { id: 'request', label: 'Requested procedure and billed codes', types: ['requested_procedure', 'procedure_code', 'sedation_reason'] },
  { id: 'prior', label: 'Prior procedures and surgery', types: ['prior_procedure', 'surgery'] },
  { id: 'care', label: 'Conservative care and medication', types: ['conservative_care', 'medication'] },
  { id: 'finding', label: 'Examination and imaging', types: ['exam_finding', 'imaging_finding', 'imaging_pending'] },
  { id: 'admin', label: 'Patient, payer and policy', types: ['patient', 'payer', 'criteria_set'] },
];
export function typeGroup(type: string): string {
  return TYPE_GROUPS.find((g) => g.types.includes(type))?.id ?? 'admin';
}

export const TYPE_WORDS: Record<string, string> = {
  radicular_pain: 'radicular pain', axial_pain: 'axial pain', neurogenic_claudication: 'neurogenic claudication',
  pain_score: 'pain score', pain_duration: 'pain duration', prior_procedure: 'prior procedure', surgery: 'spine surgery',
  conservative_care: 'conservative care', medication: 'medication', exam_finding: 'examination', imaging_finding: 'imaging',
  diagnosis: 'diagnosis', diagnosis_code: 'diagnosis code', procedure_code: 'billed code', requested_procedure: 'requested procedure',
  patient: 'patient', injury: 'injury', payer: 'payer', criteria_set: 'criteria named', sedation_reason: 'reason for sedation',
  imaging_pending: 'imaging report not in the packet',
};
export const typeWords = (t: string): string => TYPE_WORDS[t] ?? t.replace(/_/g, ' ');

const ASSERTION_WORDS: Record<string, string> = { absent: 'documented as absent', possible: 'possible', hypothetical: 'planned or conditional' };

/** A fact in a few words: "prior procedure: transforaminal epidural steroid injection, L5-S1, right, 2023-11-07, 80% relief, lasting 4 months". */
export function factSummary(f: Fact): string {
  const a = f.attributes;
  const v = (k: string): string | undefined => {
    const x = a[k];
    if (x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0)) return undefined;
    return Array.isArray(x) ? x.join(', ') : String(x);
  };
  const parts: string[] = [];
  const push = (s: string | undefined) => { if (s) parts.push(s); };
  switch (f.type) {
    case 'pain_score': push([v('scale'), v('value') && (v('max') ? `${v('value')}/${v('max')}` : v('value'))].filter(Boolean).join(' ')); push(v('context')?.replace(/_/g, ' ')); break;
    case 'medication': push([v('name'), v('dose') && `${v('dose')} ${v('unit') ?? ''}`.trim(), v('route'), v('frequency')].filter(Boolean).join(' ')); break;
    case 'diagnosis_code': case 'procedure_code': push([v('code'), v('description')].filter(Boolean).join(' ')); push(v('modifiers') && `modifiers ${v('modifiers')}`); push(v('units') && `${v('units')} unit(s)`); break;
    default:
      for (const [k, raw] of Object.entries(a)) {
        const s = v(k);
        if (!s || k === 'reliefDurationHours' || k === 'year' && v('date')) continue;
        if (k === 'procedure' || k === 'modality' && f.type === 'conservative_care') push(procedureWords(s));
        else if (k === 'durationWeeks') push(`${Math.round(Number(raw) * 10) / 10} weeks`);
        else if (k === 'months') push(`${s} months`);
        else if (k === 'sizeMm') push(`${s} mm`);
        else if (k === 'reliefPercent') push(`${s}% relief`);
        else if (k === 'reliefDuration') push(`lasting ${s}`);
        else if (k === 'reliefDate') push(`relief reported ${s}`);
        else if (k === 'belowKnee') push(raw === true ? 'below the knee' : raw === false ? 'not below the knee' : undefined);
        else if (k === 'age') push(`${s} years old`);
        else if (k === 'sequence') push(`set ${s}`);
        else if (k === 'sedation') push(s === 'none' ? 'no sedation' : `sedation: ${s.replace(/_/g, ' ')}`);
        else if (k === 'guidance') push(`${s.replace(/_/g, ' ')} guidance`);
        else if (typeof raw === 'boolean') push(raw ? k.replace(/([A-Z])/g, ' $1').toLowerCase() : undefined);
        else push(s.replace(/_/g, ' '));
      }
  }
  const extra = [ASSERTION_WORDS[f.assertion], f.experiencer === 'other' ? 'about another person' : '', f.historical ? 'in the past' : ''].filter(Boolean);
  return `${typeWords(f.type)}${parts.length ? `: ${parts.join(', ')}` : ''}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

/**
 * The sentence (or form line) to quote for an evidence span: the review's `sentence` span when it
 * has one and it holds the evidence, else the line(s) holding the span.
 */
export function sentenceOf(e: Evidence, page: string | undefined): { start: number; end: number } | null {
  if (page === undefined || e.end > page.length || page.slice(e.start, e.end) !== e.text) return null;
  const s = e.sentence;
  if (s && s.start <= e.start && s.end >= e.end && s.end <= page.length) return { start: s.start, end: s.end };
  const start = page.lastIndexOf('\n', e.start - 1) + 1;
  const nl = page.indexOf('\n', e.end);
  return { start, end: nl < 0 ? page.length : nl };
}

/** One paragraph saying why, in the seeds' form: "This <request> does NOT meet … because …". */
export function whyParagraph(review: ReviewOutput, gov: ReportReview | undefined, flags: Flag[]): string {
  if (!gov || review.determination === 'no_request_found') return 'No requested procedure was found in the document, so no policy criteria were applied.';
  const req = requestPhrase(gov);
  const pol = gov.policyTitle ? policyName(gov.policy, gov.policyTitle) : policyName(gov.policy);
  const notMet = gov.criteria.filter((c) => c.status === 'not_met');
  const missing = gov.criteria.filter((c) => c.status === 'not_documented');
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const list = (cs: ReportCriterion[]) => cs.slice(0, 3).map((c) => lower(plain(c.text))).join('; ') + (cs.length > 3 ? `; and ${cs.length - 3} more` : '');
  if (review.determination === 'meets') {
    const met = gov.criteria.filter((c) => c.status === 'met').length;
    return `This ${req} meets the criteria of ${pol}: each of the ${met} applicable criteria is documented${flags.length ? `, though ${flags.length} finding${flags.length > 1 ? 's are' : ' is'} noted below` : ''}.`;
  }
  const serious = flags.filter((f) => f.severity === 'critical');
  const lead = (serious.length ? serious : flags.filter((f) => f.severity === 'major')).slice(0, 2).map((f) => lower(splitMessage(f.message).problem));
  if (review.determination === 'does_not_meet') {
    const because = lead.length ? lead.join('; and ') : list(notMet) ? `the documentation does not satisfy: ${list(notMet)}` : 'criteria are not met';
    const more = flags.length - lead.length;
    return `This ${req} does not meet medical necessity criteria under ${pol} because ${because}.${more > 0 ? ` ${more} further deficienc${more > 1 ? 'ies are' : 'y is'} listed below.` : ''}`;
  }
  return `The documentation is not sufficient to decide this ${req} under ${pol}: it does not show ${missing.length ? list(missing) : 'what the criteria require'}.` +
    (lead.length ? ` In addition, ${lead.join('; and ')}.` : '') + ' This is a request for records, not a denial.';
}

