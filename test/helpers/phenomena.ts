/**
 * Phenomenon wordings (test/fixtures/phenomena/*.jsonl): each line a text and what a reviewer reads
 * from it, written by someone other than the rule's author. `judge` says whether the review of the
 * text agrees; the tests and `scripts/phenomena.ts` (the score per phenomenon) share it.
 */
import { readFileSync } from 'node:fs';
import { reviewSource } from '../../src/pipeline/review.ts';
import type { Resources } from '../../src/resources.ts';
import type { Fact } from '../../src/schema/review.ts';
import type { Case } from '../../src/case/schema.ts';
import { textSource } from '../helpers.ts';

/** `context`: a document before the text in the same packet (a procedure note before a nurse's call about "the shot"). */
export interface Wording { phenomenon: string; text: string; expect: Record<string, unknown>; note?: string; known_miss?: string; context?: string }

export function loadWordings(path: string): Wording[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Wording);
}

/** The date the wordings are read as of (the second author counted durations to it). */
export const AS_OF = '06/01/2026';
const ESI = new Set(['transforaminal_esi', 'interlaminar_esi', 'caudal_esi', 'epidural_steroid_injection']);
const sameProc = (a: unknown, b: unknown) => a === b || (b === 'epidural_steroid_injection' && ESI.has(String(a)));
const MODALITY_ALIASES: Record<string, string[]> = {
  nsaid: ['nsaid', 'medication'], medication: ['medication', 'nsaid', 'muscle_relaxant', 'neuropathic', 'opioid', 'acetaminophen'],
  tens: ['tens'], activity_modification: ['activity_modification', 'rest'],
};

export function judge(w: Wording, res: Resources): { ok: boolean; got: string } {
  const text = w.context ? `${w.context}\n\f${w.text}` : `Date of service: ${AS_OF}\n${w.text}`;
  const review = reviewSource(textSource(text), { resources: res });
  const facts = review.facts;
  const of = (t: Fact['type']) => facts.filter((f) => f.type === t);
  const e = w.expect;
  switch (w.phenomenon) {
    case 'ablation-nerves': {
      const procs = [...of('requested_procedure'), ...of('prior_procedure')].filter((f) => f.assertion !== 'absent').map((f) => f.attributes.procedure);
      const ok = procs.includes('radiofrequency_ablation') && procs.includes('medial_branch_block') === e.medial_branch_block;
      return { ok, got: procs.join(',') };
    }
    case 'pain-duration-anaphora': {
      const months = of('pain_duration').filter((f) => f.assertion === 'present').map((f) => Number(f.attributes.months));
      const want = Number(e.painDurationAtLeastMonths);
      return { ok: months.some((m) => m >= want && m <= want + 13), got: months.join(',') || 'none' };
    }
    case 'care-in-passing': {
      const care = of('conservative_care').filter((f) => f.assertion === 'present');
      const mods = care.map((f) => String(f.attributes.modality));
      const wantMods = e.modalities as string[];
      const modsOk = wantMods.every((m) => mods.some((g) => (MODALITY_ALIASES[m] ?? [m]).includes(g)));
      const outcomeOk = care.some((f) => f.attributes.outcome === e.outcome || (e.outcome === 'partial' && f.attributes.outcome === 'failed') || (e.outcome === 'failed' && f.attributes.outcome === 'partial'));
      // Months to weeks: CONTRACT converts two months to 8 weeks; some writers use 4.33 a month.
      const weeksOk = e.weeks === null || care.some((f) => typeof f.attributes.durationWeeks === 'number' && Math.abs(f.attributes.durationWeeks - Number(e.weeks)) <= Math.max(0.5, Number(e.weeks) * 0.1));
      return { ok: modsOk && outcomeOk && weeksOk, got: care.map((f) => `${f.attributes.modality}/${f.attributes.outcome}/${f.attributes.durationWeeks}`).join(',') };
    }
    case 'relief-report': {
      if ('reliefAtLeastWeeks' in e) {
        // How long relief is shown to have lasted, as the criteria read it: a stated duration, or at
        // least as long as it was still reported after the procedure (case reports).
        const events = (review.case as Case).procedures.filter((p) => sameProc(p.procedure, e.procedure));
        const reports = events.flatMap((p) => p.reports);
        const ok = reports.some((r) => {
          const pctOk = e.reliefPercent === null ? r.reliefPercent === null : r.reliefPercent !== null && Math.abs(r.reliefPercent - Number(e.reliefPercent)) <= 1;
          const lasted = Math.max(r.reliefDurationHours ?? 0, r.heldAtLeastHours ?? 0) / 168;
          const wk = e.reliefAtLeastWeeks;
          const durOk = wk === null ? lasted === 0 : lasted >= Number(wk) * 0.9 && lasted <= Number(wk) * 1.25 + 1;
          return pctOk && durOk;
        }) || (e.reliefPercent === null && e.reliefAtLeastWeeks === null && events.length > 0 && reports.length === 0);
        return { ok, got: reports.map((r) => `${r.reliefPercent}/${Math.round(Math.max(r.reliefDurationHours ?? 0, r.heldAtLeastHours ?? 0) / 168 * 10) / 10}wk`).join(',') || (events.length ? 'no report' : 'none') };
      }
      const prior = of('prior_procedure').filter((f) => f.assertion === 'present' && sameProc(f.attributes.procedure, e.procedure));
      const ok = prior.some((f) => {
        const pct = f.attributes.reliefPercent;
        const pctOk = e.reliefPercent === null ? pct === undefined || pct === null : typeof pct === 'number' && Math.abs(pct - Number(e.reliefPercent)) <= 1;
        const hours = f.attributes.reliefDurationHours;
        const wk = e.reliefDurationWeeks;
        const durOk = wk === null || (typeof hours === 'number' && Math.abs(hours / 168 - Number(wk)) <= Math.max(1, Number(wk) * 0.1));
        return pctOk && durOk;
      });
      return { ok, got: prior.map((f) => `${f.attributes.procedure}/${f.attributes.reliefPercent}/${f.attributes.reliefDurationHours}`).join(',') || 'none' };
    }
    case 'request-statement': {
      const req = of('requested_procedure').filter((f) => f.assertion === 'present');
      const ok = req.some((f) => sameProc(f.attributes.procedure, e.procedure) &&
        JSON.stringify(f.attributes.levels ?? []) === JSON.stringify(e.levels) && (f.attributes.side ?? null) === e.side);
      return { ok, got: req.map((f) => `${f.attributes.procedure}/${JSON.stringify(f.attributes.levels ?? [])}/${f.attributes.side}`).join(',') || 'none' };
    }
    case 'request-full': {
      // The one service asked for now, with its levels, side, sedation and guidance; nothing else
      // named in the text (a conditional next step, a prior, a relative's) is requested.
      const req = of('requested_procedure').filter((f) => f.assertion === 'present');
      const want = req.filter((f) => sameProc(f.attributes.procedure, e.procedure));
      const sedation = (v: unknown) => (v === 'local' ? 'none' : v ?? null);
      const ok = want.length === 1 && req.length === 1 &&
        JSON.stringify(want[0]!.attributes.levels ?? []) === JSON.stringify(e.levels) &&
        (want[0]!.attributes.side ?? null) === e.side &&
        (e.sedation === null || sedation(want[0]!.attributes.sedation) === e.sedation) &&
        (e.guidance === null || (want[0]!.attributes.guidance ?? null) === e.guidance);
      return { ok, got: req.map((f) => `${f.attributes.procedure}/${JSON.stringify(f.attributes.levels ?? [])}/${f.attributes.side}/${f.attributes.sedation}/${f.attributes.guidance}`).join(',') || 'none' };
    }
    case 'prior-frame': {
      // Every prior session the text reports, each with its date, levels, side and relief as a
      // reviewer reads them; nothing else (a relative's, a planned or a cancelled one) is a prior.
      const priors = of('prior_procedure').filter((f) => f.assertion === 'present' && f.experiencer !== 'other');
      const want = (e.priors as Record<string, unknown>[]) ?? [];
      const sameDate = (a: unknown, b: unknown) => b === null || a === b || (typeof a === 'string' && typeof b === 'string' && (a.startsWith(b) || b.startsWith(a)));
      const matches = (w: Record<string, unknown>) => priors.some((f) => sameProc(f.attributes.procedure, w.procedure) && sameDate(f.attributes.date ?? null, w.date) &&
        (w.levels === null || JSON.stringify(f.attributes.levels ?? []) === JSON.stringify(w.levels)) &&
        (w.side === null || (f.attributes.side ?? null) === w.side) &&
        (w.reliefPercent === null || (typeof f.attributes.reliefPercent === 'number' && Math.abs(f.attributes.reliefPercent - Number(w.reliefPercent)) <= 1)));
      const sessions = new Set(priors.map((f) => `${f.attributes.procedure}|${f.attributes.date ?? ''}`));
      const ok = want.every(matches) && sessions.size <= want.length;
      return { ok, got: priors.map((f) => `${f.attributes.procedure}/${f.attributes.date}/${JSON.stringify(f.attributes.levels ?? [])}/${f.attributes.side}/${f.attributes.reliefPercent}`).join(' ; ') || 'none' };
    }
    case 'care-full': {
      // Every modality the text tells, each with its duration and outcome; an explicit non-use is
      // absent; care planned or a relative's is not counted.
      const care = of('conservative_care').filter((f) => f.experiencer !== 'other' && (f.assertion === 'present' || f.assertion === 'absent'));
      const want = (e.care as Record<string, unknown>[]) ?? [];
      const aliases = (m: string) => MODALITY_ALIASES[m] ?? [m];
      const ok = want.every((w) => care.some((f) => aliases(String(w.modality)).includes(String(f.attributes.modality)) &&
        f.assertion === (w.assertion === 'absent' ? 'absent' : 'present') &&
        (w.durationWeeks === null || w.durationWeeks === undefined || (typeof f.attributes.durationWeeks === 'number' && Math.abs(f.attributes.durationWeeks - Number(w.durationWeeks)) <= Math.max(0.5, Number(w.durationWeeks) * 0.1))) &&
        (w.outcome === null || w.outcome === undefined || f.attributes.outcome === w.outcome || (w.outcome === 'partial' && f.attributes.outcome === 'failed') || (w.outcome === 'failed' && f.attributes.outcome === 'partial')))) &&
        care.filter((f) => f.assertion === 'present').length <= want.filter((w) => w.assertion !== 'absent').length + 1;
      return { ok, got: care.map((f) => `${f.assertion === 'absent' ? '-' : ''}${f.attributes.modality}/${f.attributes.durationWeeks}/${f.attributes.outcome}`).join(', ') || 'none' };
    }
    case 'not-a-request': {
      const req = of('requested_procedure').filter((f) => f.assertion === 'present' && sameProc(f.attributes.procedure, e.procedure));
      return { ok: req.length === 0, got: req.map((f) => String(f.attributes.procedure)).join(',') || 'none' };
    }
    case 'flags': {
      // The flags a reviewer would and would not raise on the text (a short packet: codes, request, notes).
      const codes = review.flags.map((f) => f.code);
      const ok = ((e.raised as string[] | undefined) ?? []).every((c) => codes.includes(c)) &&
        ((e.notRaised as string[] | undefined) ?? []).every((c) => !codes.includes(c));
      return { ok, got: codes.join(',') || 'none' };
    }
    case 'imaging-current': {
      // Whether the case holds the finding as a current one (a finding an earlier study showed and a
      // later one no longer shows is not current).
      const found = (review.case as Case).imaging.filter((i) => i.assertion === 'present' && i.finding === e.finding);
      return { ok: (found.length > 0) === e.current, got: (review.case as Case).imaging.filter((i) => i.assertion === 'present').map((i) => `${i.finding}/${i.levels.join('+')}`).join(',') || 'none' };
    }
    case 'page-count': {
      // A fax header's or footer's page count ("Page 2 of 5", "pg 3/7", "- 4 of 6 -") beside a pain
      // score or an exam is no value: the pain scores read are exactly the ones told, and a motor
      // deficit only when the text tells one.
      const scores = of('pain_score').filter((f) => f.assertion === 'present').map((f) => Number(f.attributes.value)).sort((a, b) => a - b);
      const want = ((e.painScores as number[] | undefined) ?? []).slice().sort((a, b) => a - b);
      const motor = of('exam_finding').some((f) => f.assertion === 'present' && f.attributes.test === 'motor_deficit' && f.attributes.result === 'positive');
      const ok = JSON.stringify(scores) === JSON.stringify(want) && (e.motorDeficit === undefined || motor === e.motorDeficit);
      return { ok, got: `scores ${scores.join(',') || 'none'}; motor deficit ${motor}` };
    }
    default: return { ok: false, got: `unknown phenomenon ${w.phenomenon}` };
  }
}
