/**
 * "Alternative appropriate management" (the seeds' section): what the notes themselves support
 * instead of, or before, the requested procedure. Rules over the facts only (never invented):
 * each suggestion cites the facts it rests on. Pure.
 */
import type { Fact, Flag, ReviewOutput } from '../schema/review.ts';
import { procedureWords } from './voice.ts';

export interface Alternative { title: string; text: string; facts: string[] }

const ESI = ['transforaminal_esi', 'interlaminar_esi', 'caudal_esi', 'epidural_steroid_injection', 'selective_nerve_root_block'];
const FACET = ['medial_branch_block', 'facet_injection', 'radiofrequency_ablation'];
/** Drug classes a pain plan optimises (others — blood pressure, diabetes — are not pain care). */
const PAIN_DRUGS = ['nsaid', 'neuropathic', 'anticonvulsant', 'antidepressant', 'muscle_relaxant', 'opioid', 'analgesic', 'topical_analgesic'];

export function alternatives(review: ReviewOutput): Alternative[] {
  const facts = review.facts;
  const present = (f: Fact) => f.assertion === 'present' && f.experiencer !== 'other';
  const requested = facts.filter((f) => f.type === 'requested_procedure' && present(f)).map((f) => String(f.attributes.procedure ?? ''));
  const facetRequest = requested.some((p) => FACET.includes(p));
  const esiRequest = requested.some((p) => ESI.includes(p));
  const radicular = facts.filter((f) => f.type === 'radicular_pain' && present(f));
  const out: Alternative[] = [];

  if (facetRequest && radicular.length) {
    const esis = facts.filter((f) => f.type === 'prior_procedure' && present(f) && ESI.includes(String(f.attributes.procedure)) &&
      typeof f.attributes.reliefPercent === 'number' && f.attributes.reliefPercent >= 50);
    if (esis.length) {
      const best = Math.max(...esis.map((f) => f.attributes.reliefPercent as number));
      const e = esis.find((f) => f.attributes.reliefPercent === best)!;
      const when = typeof e.attributes.date === 'string' ? ` of ${e.attributes.date}` : '';
      const range = esis.length > 1 && Math.min(...esis.map((f) => f.attributes.reliefPercent as number)) !== best
        ? `${Math.min(...esis.map((f) => f.attributes.reliefPercent as number))}–${best}%` : `${best}%`;
      out.push({ title: 'Continued epidural management', facts: [...esis.map((f) => f.id), radicular[0]!.id],
        text: `The notes document ${range} relief after the ${procedureWords(String(e.attributes.procedure))}${when} and active radicular pain: epidural management of the radiculopathy, if symptoms recur, fits the documentation better than facet procedures.` });
    } else {
      out.push({ title: 'Treat the radicular pain first', facts: [radicular[0]!.id],
        text: 'The notes document active radicular pain: its evaluation and treatment come before facet procedures, which address axial pain.' });
    }
  }
  if (esiRequest && radicular.length === 0) {
    const axial = facts.filter((f) => f.type === 'axial_pain' && present(f));
    const loading = facts.filter((f) => f.type === 'exam_finding' && present(f) && /facet|extension|rotation/.test(String(f.attributes.test)) && f.attributes.result === 'positive');
    if (axial.length) {
      out.push({ title: 'Evaluation for facet-mediated pain', facts: [axial[0]!.id, ...loading.map((f) => f.id)],
        text: `The notes document axial pain without radicular pain${loading.length ? ' and a positive facet loading examination' : ''}: diagnostic medial branch blocks address axial pain; an epidural injection addresses radicular pain.` });
    }
  }
  // Drugs given during a procedure (IV sedation, the injectate) are not ongoing care.
  const meds = facts.filter((f) => f.type === 'medication' && f.experiencer !== 'other' && PAIN_DRUGS.includes(String(f.attributes.drugClass)) &&
    f.assertion !== 'absent' && !/^(iv|im|intravenous|intramuscular|epidural)$/i.test(String(f.attributes.route ?? '')) && f.provenance?.section !== 'procedure');
  const current = meds.filter((f) => f.assertion === 'present' && !f.historical);
  const considered = meds.filter((f) => f.assertion === 'hypothetical' || f.assertion === 'possible');
  const name = (f: Fact) => [f.attributes.name, typeof f.attributes.dose === 'number' ? `${f.attributes.dose} ${f.attributes.unit ?? ''}`.trim() : '', f.attributes.frequency].filter(Boolean).join(' ');
  const uniq = (fs: Fact[]) => [...new Map(fs.map((f) => [String(f.attributes.name), f])).values()];
  if (current.length || considered.length) {
    const parts = [uniq(current).length ? `continue and optimise ${uniq(current).map(name).join(', ')}` : '',
      uniq(considered).length ? `consider ${uniq(considered).map((f) => String(f.attributes.name)).join(', ')}, as discussed in the notes` : ''].filter(Boolean);
    out.push({ title: 'Conservative treatment optimisation', facts: [...uniq(current), ...uniq(considered)].map((f) => f.id),
      text: `${parts.join('; ').replace(/^./, (c) => c.toUpperCase())}.` });
  }
  const careFlags: Flag[] = review.flags.filter((f) => f.code === 'CONSERVATIVE_CARE_DURATION_MISSING' || f.code === 'CONSERVATIVE_CARE_TOO_SHORT');
  if (careFlags.length) {
    out.push({ title: 'A documented course of conservative care', facts: careFlags.flatMap((f) => f.evidence),
      text: 'Complete a formal physical therapy or home exercise program and document its dates, length and outcome before further interventional procedures.' });
  }
  return out;
}
