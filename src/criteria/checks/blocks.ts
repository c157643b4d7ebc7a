/** Longitudinal checks over the dated procedure timeline (case.procedures). */
import type { Case, ProcedureEvent, ReliefReport } from '../../case/schema.ts';
import { levelsOverlap } from '../../case/levels.ts';
import { DAYS_PER_MONTH, daysBetween, sameDay, toDay } from '../../case/dates.ts';
import type { Check } from '../types.ts';
import { result } from '../types.ts';

const DIAGNOSTIC_BLOCKS = new Set(['medial_branch_block', 'facet_injection']);
const INJECTIONS = new Set(['medial_branch_block', 'facet_injection', 'radiofrequency_ablation', 'transforaminal_esi',
  'interlaminar_esi', 'caudal_esi', 'epidural_steroid_injection', 'selective_nerve_root_block', 'si_joint_injection', 'trigger_point_injection']);

export function isDiagnosticBlock(e: ProcedureEvent, procedures: ReadonlySet<string> = DIAGNOSTIC_BLOCKS): boolean {
  return procedures.has(e.procedure) && e.intent !== 'therapeutic';
}

/** Events that could be the same target as the request: overlapping levels, or levels unknown. */
export function sameTarget(e: ProcedureEvent, levels: readonly string[]): boolean {
  if (!e.levels.length || !levels.length) return true;
  return e.levels.some((a) => levels.some((b) => levelsOverlap(a, b)));
}

export const reliefIds = (e: ProcedureEvent) => (e.reports.length ? e.reports.map((r) => r.factId) : e.factIds);

/** Prior diagnostic facet blocks on the request's target, oldest first. */
export function priorBlocks(c: Case, levels: readonly string[], procedures?: ReadonlySet<string>): ProcedureEvent[] {
  return c.procedures.filter((e) => isDiagnosticBlock(e, procedures) && sameTarget(e, levels));
}

/** Diagnostic blocks done the same day as a different injection (their relief cannot be attributed). */
export function confoundedBlocks(c: Case): { block: ProcedureEvent; other: ProcedureEvent }[] {
  const out: { block: ProcedureEvent; other: ProcedureEvent }[] = [];
  for (const b of c.procedures.filter((e) => isDiagnosticBlock(e))) {
    const other = c.procedures.find((o) => o !== b && INJECTIONS.has(o.procedure) && o.procedure !== b.procedure && sameDay(o.date, b.date));
    if (other) out.push({ block: b, other });
  }
  return out;
}

/** FJ-DX2 / AET-3: a second diagnostic block only after a first with relief ≥ the threshold. */
export const secondBlockAfterPositive: Check = (c, p, { request }) => {
  const min = p.minReliefPercent as number;
  const prior = priorBlocks(c, request.joints);
  if (!prior.length) {
    if ((request.sequence ?? 1) >= 2) return result('not_documented', `a second block is requested but the first block and its relief are not documented (≥${min}% required)`, request.factIds);
    return result('not_applicable', 'no prior diagnostic block: this is the first');
  }
  // The block before this request: the latest dated one. An undated block beside dated ones is one
  // told of the past ("some years ago ... a left facet joint injection ... helped for a couple of months").
  const dated = prior.filter((e) => e.date);
  const last = (dated.length ? dated : prior)[(dated.length ? dated : prior).length - 1]!;
  if (last.reliefPercent === null) return result('not_documented', `the relief after the prior ${last.procedure.replace(/_/g, ' ')}${last.date ? ` on ${last.date}` : ''} is not quantified (≥${min}% required)`, last.factIds);
  return last.reliefPercent >= min
    ? result('met', `the prior block${last.date ? ` on ${last.date}` : ''} gave ${last.reliefPercent}% relief (≥${min}% required)`, reliefIds(last))
    : result('not_met', `the prior block${last.date ? ` on ${last.date}` : ''} gave ${last.reliefPercent}% relief, under the ${min}% a second diagnostic block requires`, [...reliefIds(last), ...request.factIds]);
};

/** FJ-RFA-2: RFA only after `count` diagnostic medial branch blocks each with relief ≥ the threshold. */
export const positiveBlocksBeforeRfa: Check = (c, p, { request }) => {
  const min = p.minReliefPercent as number;
  const count = p.count as number;
  const staleMonths = p.staleMonths as number | null | undefined;
  const procs = new Set((p.procedures as string[] | undefined) ?? ['medial_branch_block']);
  const priorRfa = c.procedures.filter((e) => e.procedure === 'radiofrequency_ablation' && sameTarget(e, request.joints));
  const lastRfa = priorRfa[priorRfa.length - 1];
  if (lastRfa && staleMonths && c.noteDate.value && lastRfa.date) {
    const months = (daysBetween(lastRfa.date, c.noteDate.value) ?? 0) / DAYS_PER_MONTH;
    if (months <= staleMonths) return result('not_applicable', `a repeat RFA (prior RFA ${lastRfa.date}, within ${staleMonths} months): the repeat-RFA criterion applies`, lastRfa.factIds);
  } else if (lastRfa) {
    return result('not_applicable', 'a repeat RFA: the repeat-RFA criterion applies', lastRfa.factIds);
  }
  const blocks = priorBlocks(c, request.joints, procs).filter((b) => !lastRfa || (toDay(b.date ?? '') ?? 0) > (toDay(lastRfa.date ?? '') ?? 0));
  // A block whose relief read in the anesthetic's window (a diary's hour) falls well under the
  // threshold is not shown positive by a higher figure told elsewhere ("80% relief" in a letter
  // against the diary's 37.5% at one hour): the contemporaneous reading stands.
  const disputed = (b: ProcedureEvent) => b.reliefPercent !== null && b.reliefPercent >= min &&
    b.reports.some((r) => {
      // (Read at a diary's hour, or told as lasting hours: "about 50% better, best for first 3 hrs".)
      const hours = r.heldAtLeastHours ?? r.reliefDurationHours;
      return r.reliefPercent !== null && r.reliefPercent < min - 20 && r.immediate !== true && hours != null && hours > 0 && hours <= 24;
    });
  const positive = blocks.filter((b) => b.reliefPercent !== null && b.reliefPercent >= min && !disputed(b));
  const unknown = blocks.filter((b) => b.reliefPercent === null);
  const ids = blocks.flatMap(reliefIds);
  if (positive.length >= count) {
    // Each joint to be ablated needs its own blocks: a second block moved to other levels confirms
    // only the levels the two share (LCD L38801: "at the same level(s)").
    const at = (list: readonly ProcedureEvent[], joint: string) => list.filter((b) => sameTarget(b, [joint])).length;
    // Only when the blocks themselves were done at different levels: a request whose joints differ from
    // blocks that all agree is more often a request's levels read another way (nerves for joints).
    const sets = new Set(positive.filter((b) => b.levels.length).map((b) => b.levels.join(',')));
    const short = sets.size > 1 ? request.joints.filter((j) => at(positive, j) < count) : [];
    if (!short.length) return result('met', `${positive.length} diagnostic blocks with ≥${min}% relief are documented`, positive.flatMap(reliefIds));
    const told = short.map((j) => `${j} ${at(positive, j) === 1 ? 'once' : `${at(positive, j)} times`}`).join(', ');
    const status = short.every((j) => at(positive, j) + at(unknown, j) >= count) ? 'not_documented' : 'not_met';
    return result(status, `${positive.length} diagnostic blocks with ≥${min}% relief are documented, but they block ${told}: ${count} are required at each level to be ablated`, [...ids, ...request.factIds]);
  }
  if (positive.length + unknown.length >= count) return result('not_documented', `${blocks.length} prior block(s) documented, but the relief of ${unknown.length} is not quantified (${count} blocks with ≥${min}% required)`, ids);
  if (!blocks.length) return result('not_documented', `no prior diagnostic medial branch block is documented (${count} with ≥${min}% required)`, request.factIds);
  const against = blocks.filter(disputed);
  return result('not_met', `${positive.length} of the ${blocks.length} documented blocks reached ${min}% relief; ${count} are required${against.length ? ` (the relief read in the hours after the block on ${against.map((b) => b.date ?? 'an undated day').join(', ')} is under ${min}%, whatever a later account says)` : ''}`, [...ids, ...request.factIds]);
};

/** Hours in a month, as relief durations count them (365.25 × 24 / 12, rounded as src/nlp/values/relief.ts). */
const HOURS_PER_MONTH = 730;

/** Relief in words that is under any threshold. */
const LITTLE: ReadonlySet<string> = new Set(['none', 'minimal']);

/** How long relief is shown to have lasted: its stated duration, or at least as long as it was still reported after the procedure. */
const lastedH = (r: ReliefReport): number => Math.max(r.reliefDurationHours ?? 0, r.heldAtLeastHours ?? 0);

/**
 * A repeat asked for before the relief span has passed since the prior session (dated to the day, a
 * week or more before the note), its relief reported in numbers and no report showing the span:
 * the days since it, else null. The sustained relief the policy asks for cannot be shown yet.
 */
function askedTooSoon(c: Case, last: ProcedureEvent, reports: readonly ReliefReport[], min: number, needH: number): number | null {
  if (!last.date || !c.noteDate.value || !/^\d{4}-\d{2}-\d{2}$/.test(last.date)) return null;
  const days = daysBetween(last.date, c.noteDate.value);
  if (days === null || days < 7 || days * 24 >= needH || !reports.some((r) => r.reliefPercent !== null)) return null;
  return reports.some((r) => r.reliefPercent !== null && r.reliefPercent >= min && lastedH(r) >= needH) ? null : days;
}

/**
 * FJ-RFA-R: a repeat RFA needs ≥X% relief lasting ≥Y months (or weeks) after the prior one, and a
 * minimum interval. FJ-IA-R (the same check, `procedure: facet_injection`, `intent: therapeutic`): a
 * repeat therapeutic intra-articular injection needs ≥50% for ≥3 months after the prior one.
 */
export const repeatRfa: Check = (c, p, { request }) => {
  const min = p.minReliefPercent as number;
  const months = p.minReliefMonths as number;
  const interval = (p.minIntervalMonths as number | null | undefined) ?? null;
  const procedure = (p.procedure as string | undefined) ?? 'radiofrequency_ablation';
  const intent = (p.priorIntent as string | undefined) ?? null;
  const name = procedure === 'radiofrequency_ablation' ? 'RFA' : intent ? `${intent} ${procedure.replace(/_/g, ' ')}` : procedure.replace(/_/g, ' ');
  // (A session whose intent no mention tells is of the intent asked for: "right L4-5 and L5-S1
  // intra-articular facet joint injections on 07/22/2025" before a repeat therapeutic one.)
  const prior = c.procedures.filter((e) => e.procedure === procedure && (!intent || e.intent === intent || e.intent === null) && sameTarget(e, request.joints));
  if (!prior.length) return result('not_applicable', `no prior ${name} at these levels`);
  const last = prior[prior.length - 1]!;
  if (interval !== null && last.date && c.noteDate.value) {
    const m = (daysBetween(last.date, c.noteDate.value) ?? 0) / DAYS_PER_MONTH;
    if (m < interval) return result('not_met', `the prior ${name} was ${m.toFixed(1)} months ago, less than the ${interval} months required between sessions`, last.factIds);
  }
  // A policy counts the relief in months (LCD: 6) or in weeks (ODG: 12).
  const weeks = (p.minReliefWeeks as number | null | undefined) ?? null;
  // A month counts 730 h, as relief durations do (src/nlp/values/relief.ts): "for 6 months" is 6 months.
  const needH = weeks !== null ? weeks * 7 * 24 : months * HOURS_PER_MONTH;
  const span = weeks !== null ? `${weeks} weeks` : `${months} months`;
  const reports = last.reports.filter((r) => !r.immediate);
  // Asked for before the span has passed since the prior session ("RFA 08/19/2025 ... repeat requested
  // 01/05/2026"), its relief reported in numbers: relief lasting the span cannot be shown yet (as ESI-R1).
  const sinceDays = askedTooSoon(c, last, reports, min, needH);
  if (sinceDays !== null) {
    return result('not_met', `the repeat ${name} is requested ${(sinceDays / DAYS_PER_MONTH).toFixed(1)} months after the prior one (${last.date}); ≥${min}% relief lasting ≥${span} cannot be shown yet`, [...last.factIds, ...request.factIds]);
  }
  const good = reports.filter((r) => r.reliefPercent !== null && r.reliefPercent >= min && lastedH(r) >= needH);
  // A report that the relief lasted less than the span ("the relief wore off after about three
  // months") against one that it lasted the span (an appeal letter's "more than 50% for six
  // months"): the documentation disagrees, and the shorter account stands until it is resolved.
  const lastedShort = reports.filter((r) => r.reliefDurationHours !== null && r.reliefDurationHours < needH && (r.heldAtLeastHours ?? 0) < needH);
  if (good.length && lastedShort.length) {
    const r = lastedShort[0]!;
    return result('not_met', `the reports of the prior ${name} disagree: one says the relief lasted ${r.reliefDuration ?? 'less than required'}, less than the ${span} required, another ≥${span}`, [...lastedShort.map((x) => x.factId), ...good.map((x) => x.factId), ...request.factIds]);
  }
  if (good.length) return result('met', `the prior ${name} gave ≥${min}% relief for ≥${span}`, good.map((r) => r.factId));
  // Weighed evenly (as ESI-R1): a report of how long the relief lasted that falls short, or
  // quantified relief under the threshold with no report left open, decides; a ≥X% report without
  // its duration leaves it open only when no report tells how long it lasted.
  const quantified = reports.filter((r) => r.reliefPercent !== null);
  const short = quantified.filter((r) => r.reliefDurationHours !== null && r.reliefDurationHours < needH);
  const open = quantified.filter((r) => r.reliefPercent! >= min && r.reliefDurationHours === null);
  if (short.length) {
    const r = short[0]!;
    return result('not_met', `the prior ${name}'s relief lasted ${r.reliefDuration ?? 'less than required'}, less than the ${span} required (≥${min}%)`, [...short.map((x) => x.factId), ...request.factIds]);
  }
  // Relief under the threshold before the span ends ("VAS 6/10 compared with 7/10" at six weeks),
  // or in words under any threshold, is a report against it.
  const below = [...quantified.filter((r) => r.reliefPercent! < min && (r.heldAtLeastHours ?? 0) < needH), ...reports.filter((r) => r.reliefPercent === null && LITTLE.has(String(r.qualitative)))];
  if ((open.length || !quantified.length) && !below.length) {
    return result('not_documented', `the prior ${name}'s relief and how long it lasted are not both documented (≥${min}% for ≥${span} required)`, reliefIds(last));
  }
  return result('not_met', `the prior ${name} did not give ≥${min}% relief for ≥${span}${open.length ? ' (the reports disagree)' : ''}`, [...reliefIds(last), ...request.factIds]);
};

/**
 * ESI-R1: a repeat ESI needs ≥X% sustained relief for ≥Y weeks after the prior one. The scores
 * taken minutes after the injection in its own note say nothing of sustained relief. Evidence is
 * weighed evenly: met when a report shows the sustained relief; not_met when the quantified
 * reports fall short (under X%, or X% that lasted less than Y weeks) and none leaves it open;
 * not_documented only when nothing quantified is reported, or an X% report leaves the duration open
 * and no report contradicts it.
 */
export const repeatEsi: Check = (c, p, { request }) => {
  const min = p.minReliefPercent as number;
  const weeks = p.minWeeks as number;
  // An ESI on the other side over a year before ("left L5 TFESI 05/2022" before a right S1 request of
  // 12/2025) treated another episode: the request is an initial injection for this one.
  const otherEpisode = (e: ProcedureEvent) => {
    const sides = [e.side, request.side];
    const opposite = sides.includes('left') && sides.includes('right');
    const days = e.date !== null && c.noteDate.value !== null ? daysBetween(e.date, c.noteDate.value) ?? 0 : 0;
    // Years before, at another segment with another approach ("a right L5-S1 TFESI at another
    // practice in 2014" before an L4-5 interlaminar request), or many years before anywhere.
    const elsewhere = e.procedure !== request.procedure && e.levels.length > 0 && request.levels.length > 0 && !e.levels.some((l) => request.levels.includes(l));
    return (days > 365 && (opposite || elsewhere)) || days > 5 * 365;
  };
  const prior = c.procedures.filter((e) => e.family === 'esi' && !otherEpisode(e));
  if (!prior.length) return result('not_applicable', c.procedures.some((e) => e.family === 'esi') ? 'the only prior ESI was over a year ago on the other side or at another segment, or years ago: an initial injection for this episode' : 'no prior ESI: this is an initial injection');
  const last = prior[prior.length - 1]!;
  const needH = weeks * 7 * 24;
  const reports = last.reports.filter((r) => !r.immediate);
  // Asked for before the span has passed since the prior injection ("seen 5 weeks after the caudal
  // ESI, still 50% better, request repeat"): the sustained relief the policy asks for cannot be shown yet.
  // (Only when its relief is reported in numbers: unquantified relief is documentation to ask for;
  // a session on the note's own day is the service under review.)
  const since = askedTooSoon(c, last, reports, min, needH);
  if (since !== null) {
    return result('not_met', `the repeat ESI is requested ${Math.round(since / 7)} weeks after the prior one (${last.date}); ≥${min}% relief lasting ≥${weeks} weeks cannot be shown yet`, [...last.factIds, ...request.factIds]);
  }
  const good = reports.filter((r) => r.reliefPercent !== null && r.reliefPercent >= min && lastedH(r) >= needH);
  // As FJ-RFA-R: an account that the relief ended before the span stands against one that it lasted.
  const lastedShort = reports.filter((r) => r.reliefDurationHours !== null && r.reliefDurationHours < needH && (r.heldAtLeastHours ?? 0) < needH);
  if (good.length && lastedShort.length) {
    const r = lastedShort[0]!;
    return result('not_met', `the reports of the prior ESI disagree: one says the relief lasted ${r.reliefDuration ?? 'less than required'}, less than the ${weeks} weeks required, another ≥${weeks} weeks`, [...lastedShort.map((x) => x.factId), ...good.map((x) => x.factId), ...request.factIds]);
  }
  if (good.length) return result('met', `the prior ESI gave ≥${min}% relief for ≥${weeks} weeks`, good.map((r) => r.factId));
  const quantified = reports.filter((r) => r.reliefPercent !== null);
  // "Minimal relief", "no relief" in words are under any threshold.
  const below = [...quantified.filter((r) => r.reliefPercent! < min), ...reports.filter((r) => r.reliefPercent === null && LITTLE.has(String(r.qualitative)))];
  // How long the benefit lasted, told once for the session ("the benefit lasted roughly six to seven
  // weeks and then faded"), bounds every report of it that gives no duration of its own.
  const stated = reports.map((r) => r.reliefDurationHours).filter((h): h is number => h !== null);
  const sessionShort = stated.length > 0 && Math.max(...stated) < needH;
  const open = quantified.filter((r) => r.reliefPercent! >= min && r.reliefDurationHours === null && !sessionShort);
  if ((!quantified.length && !below.length) || (open.length && !below.length)) {
    // A series whose earlier injection fell short in numbers ("ESI #1: about 40% better, back to
    // baseline by three weeks") and whose latest is told only in words ("it took the edge off for a
    // while") has shown no sustained response: the latest cannot make up for the first.
    const earlierShort = !quantified.length ? prior.slice(0, -1).reverse().find((e) => {
      const rs = e.reports.filter((r) => !r.immediate);
      return rs.some((r) => r.reliefPercent !== null) && !rs.some((r) => r.reliefPercent !== null && r.reliefPercent >= min && lastedH(r) >= needH) &&
        rs.some((r) => (r.reliefPercent !== null && r.reliefPercent < min) || (r.reliefDurationHours !== null && r.reliefDurationHours < needH));
    }) : undefined;
    if (earlierShort && reports.length) {
      return result('not_met', `no ESI of the series shows ≥${min}% relief for ≥${weeks} weeks: the one of ${earlierShort.date ?? 'an earlier date'} fell short and the latest's relief is told only in words`, [...reliefIds(earlierShort), ...reliefIds(last), ...request.factIds]);
    }
    return result('not_documented', `the prior ESI's relief is not documented as ≥${min}% lasting ≥${weeks} weeks`, reliefIds(last));
  }
  const why = below.length ? `the prior ESI gave less than ${min}% relief${open.length ? ' in one report' : ''}` : `the prior ESI's ≥${min}% relief lasted less than ${weeks} weeks`;
  return result('not_met', why, [...reliefIds(last), ...request.factIds]);
};

/** Frequency caps: sessions of these procedures in the rolling window before the note, plus the request. */
export const sessionCap: Check = (c, p, { request }) => {
  const max = p.max as number;
  const window = (p.windowMonths as number | undefined) ?? 12;
  const procs = new Set(p.procedures as string[]);
  const ref = c.noteDate.value;
  if (!ref) return result('met', `no note date to count sessions against; no more than ${max} per ${window} months allowed`);
  const recent = c.procedures.filter((e) => procs.has(e.procedure) && e.date && (daysBetween(e.date, ref) ?? 1e9) >= 0 && (daysBetween(e.date, ref) ?? 1e9) <= window * DAYS_PER_MONTH);
  const n = recent.length + 1;
  return n <= max
    ? result('met', `${n} session(s) in ${window} months including this request (≤${max})`, recent.flatMap((e) => e.factIds))
    : result('not_met', `${n} sessions in ${window} months including this request, more than the ${max} allowed`, [...recent.flatMap((e) => e.factIds), ...request.factIds]);
};

/** FJ-SAMEDAY / AET-5: no diagnostic block done the same day as another injection. */
export const noSameDayBlocks: Check = (c) => {
  const conf = confoundedBlocks(c);
  if (conf.length) {
    const { block, other } = conf[0]!;
    return result('not_met', `the ${block.procedure.replace(/_/g, ' ')} on ${block.date} was done the same day as a ${other.procedure.replace(/_/g, ' ')}, so its relief cannot be attributed`, [...block.factIds, ...other.factIds]);
  }
  return result('met', 'no diagnostic block was combined with another injection on the same day');
};

/** FJ-SPACING: the confirmatory diagnostic block is done ≥ N days after the first (LCD [S]). */
export const blockSpacing: Check = (c, p, { request }) => {
  const min = p.minDays as number;
  const procs = new Set((p.procedures as string[] | undefined) ?? ['medial_branch_block']);
  const dated = priorBlocks(c, request.joints, procs).filter((b) => b.date && /^\d{4}-\d{2}-\d{2}$/.test(b.date));
  if (dated.length < 2) return result('not_applicable', 'fewer than two dated diagnostic blocks to space');
  const [a, b] = dated.slice(-2) as [ProcedureEvent, ProcedureEvent];
  const days = daysBetween(a.date!, b.date!) ?? 0;
  return days >= min
    ? result('met', `the last two diagnostic blocks were ${days} days apart (≥${min})`, [...a.factIds, ...b.factIds])
    : result('not_met', `the last two diagnostic blocks were ${days} days apart, less than the ${min} days required`, [...a.factIds, ...b.factIds]);
};
