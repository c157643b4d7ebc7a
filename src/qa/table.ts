/** The terminal summary of a QA run: numbers only, never note text. */
import { ASSERTIONS } from '../schema/review.ts';
import type { QaRun } from './run.ts';
import { formatChange } from './attribution.ts';
import { prf, type AssertionOrNone, type DeterminationSummary, type NoteResult, type Prf } from './score.ts';

const SHORT: Record<string, string> = { meets: 'meets', does_not_meet: 'not_met', insufficient_documentation: 'insuff', no_request_found: 'no_req' };

/** The determination section: confusion matrix, approvals, and why each disagreement happened. */
export function renderDeterminations(d: DeterminationSummary, results: NoteResult[]): string[] {
  const lines: string[] = [];
  const total = Object.values(d.matrix).reduce((n, row) => n + Object.values(row).reduce((a, b) => a + b, 0), 0);
  if (!total) return lines;
  const labels = d.labels.filter((l) => d.labels.indexOf(l) < 4 || Object.values(d.matrix).some((row) => row[l]) || Object.values(d.matrix[l] ?? {}).some(Boolean));
  lines.push('Determinations (rows gold, columns predicted)');
  lines.push(`  ${'gold \\ predicted'.padEnd(28)}${labels.map((l) => (SHORT[l] ?? l).padStart(9)).join('')}${'total'.padStart(9)}`);
  for (const g of labels) {
    const row = labels.map((p) => d.matrix[g]?.[p] ?? 0);
    lines.push(`  ${g.padEnd(28)}${row.map((n) => String(n).padStart(9)).join('')}${String(row.reduce((a, b) => a + b, 0)).padStart(9)}`);
  }
  const a = d.approvals;
  lines.push(`Approval recommended (predicted meets): ${a.whenMeets} of ${a.goldMeets} packets whose gold meets; wrongly ${a.wrong} of ${a.goldNotMeets} whose gold does not`);
  if (d.onGoldFacts.total) lines.push(`On the gold facts (perfect extraction) the criteria give the gold determination for ${d.onGoldFacts.agree} of ${d.onGoldFacts.total}`);
  const at = d.attribution;
  if (at.disagreeing) {
    lines.push(`Disagreements by cause (the review re-run on the gold facts): ${at.disagreeing} — extraction ${at.extraction} (gold facts give the gold determination), criteria ${at.criteria} (they do not)${at.unknown ? `, unknown ${at.unknown} (review failed)` : ''}`);
    const top = Object.entries(at.criteriaChanged).slice(0, 12).map(([id, n]) => `${id} ${n}`);
    if (top.length) lines.push(`  criteria whose status the gold facts change (notes): ${top.join(', ')}`);
    const shown = results.filter((r) => r.attribution && !r.heldout);
    const hidden = results.filter((r) => r.determination && !r.determination.agree && r.heldout).length;
    for (const r of shown) {
      const x = r.attribution!;
      const name = (r.notePath.split('/').pop() ?? r.notePath);
      // The review that governs on the gold facts decides the determination: its criteria first.
      const gov = x.governing.onGold;
      const mine = x.changed.filter((c) => c.policy === gov);
      const ch = (mine.length ? mine : x.changed).map(formatChange);
      const others = x.changed.length - ch.length;
      const parts = [`gold ${SHORT[x.gold] ?? x.gold}, predicted ${SHORT[x.predicted] ?? x.predicted}, on gold facts ${SHORT[x.onGoldFacts] ?? x.onGoldFacts} → ${x.cause}`];
      if (x.governing.predicted !== gov) parts.push(`governing ${x.governing.predicted ?? 'none'} → ${gov ?? 'none'}`);
      const appear = x.reviews.filter((v) => !v.predicted || !v.onGold);
      if (appear.length) {
        const reqs = [...new Set(appear.map((v) => `${v.predicted ? '-' : '+'}${v.procedure}`))];
        parts.push(`requests ${reqs.join(' ')}`);
      }
      if (ch.length) parts.push(`${gov && mine.length ? `${gov}: ` : ''}${ch.slice(0, 6).join(', ')}${ch.length > 6 ? ` … +${ch.length - 6}` : ''}${others ? ` (+${others} in other policies)` : ''}`);
      lines.push(`  ${name}: ${parts.join('; ')}`);
    }
    if (hidden) lines.push(`  (${hidden} disagreeing notes in held-out folders: causes counted above, per-note detail only in --json/--html)`);
  }
  return lines;
}

export function fmtRate(x: number | null): string {
  return x === null ? '   —  ' : x.toFixed(3).padStart(6);
}

function row(label: string, p: Prf, width: number): string {
  return `  ${label.padEnd(width)} ${String(p.tp + p.fn).padStart(5)} ${String(p.tp + p.fp).padStart(5)} ${String(p.tp).padStart(5)} ${String(p.fp).padStart(5)} ${String(p.fn).padStart(5)}  ${fmtRate(p.precision)} ${fmtRate(p.recall)} ${fmtRate(p.f1)}`;
}

function header(title: string, width: number): string {
  return `${title.padEnd(width + 2)} ${'gold'.padStart(5)} ${'pred'.padStart(5)} ${'TP'.padStart(5)} ${'FP'.padStart(5)} ${'FN'.padStart(5)}  ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`;
}

export function renderTable(run: QaRun): string {
  const s = run.summary;
  const lines: string[] = [];
  const dirs = Object.entries(s.dirs).map(([d, x]) => `${x.notes} in ${d}`).join(', ');
  lines.push(`mednec qa: ${s.notes} notes scored${dirs ? ` (${dirs})` : ''}, ${run.skipped.length} skipped${s.errors ? `, ${s.errors} review errors` : ''}${run.types ? `; types: ${run.types.join(', ')}` : ''}`);
  lines.push('');
  const w = Math.max(24, ...Object.keys(s.types).map((t) => t.length), ...Object.keys(s.flags?.codes ?? {}).map((c) => c.length));
  lines.push(header('Facts (exact match)', w));
  for (const [t, p] of Object.entries(s.types)) lines.push(row(t, p, w));
  lines.push(row('overall (micro)', s.overall, w));
  if (Object.keys(s.dirs).length > 1) for (const [d, p] of Object.entries(s.dirs)) lines.push(row(`  ${d}`, p, w));
  lines.push('');
  lines.push(header('Assertion classes', w));
  for (const a of ASSERTIONS) lines.push(row(a, s.assertions[a], w));
  lines.push('');
  lines.push(header('Assertion given type+attributes', w));
  for (const a of ASSERTIONS) lines.push(row(a, s.assertionsAligned[a], w));
  const keys: AssertionOrNone[] = [...ASSERTIONS, 'none'];
  lines.push('');
  lines.push('Assertion confusion (rows gold, columns predicted; same type and attributes; none = no such partner)');
  lines.push(`  ${''.padEnd(13)}${keys.map((k) => k.padStart(13)).join('')}`);
  for (const g of keys) lines.push(`  ${g.padEnd(13)}${keys.map((p) => (g === 'none' && p === 'none' ? '' : String(s.confusion[g][p])).padStart(13)).join('')}`);
  lines.push('');
  if (s.flags) {
    lines.push(header(`Flags (${s.flags.notes} notes)`, w));
    for (const [code, c] of Object.entries(s.flags.codes)) lines.push(row(code, prf(c), w));
    lines.push(row('flags (micro)', s.flags, w));
  } else {
    lines.push('Flags: no gold file annotates flags');
  }
  lines.push('');
  const det = s.determination;
  lines.push(`Determination agreement: ${det.total ? `${det.agree}/${det.total} (${fmtRate(det.rate).trim()})` : 'no gold determinations'}`);
  if (s.governing.total) lines.push(`Governing policy agreement: ${s.governing.agree}/${s.governing.total} (${fmtRate(s.governing.rate).trim()})`);
  for (const [policy, a] of Object.entries(s.policies)) {
    const po = s.policyOutcomes?.[policy] ?? {};
    const rows = Object.entries(po).map(([g, preds]) => `${SHORT[g] ?? g} → ${Object.entries(preds).map(([p, n]) => `${SHORT[p] ?? p} ${n}`).join(', ')}`);
    lines.push(`  ${policy.padEnd(16)} outcome agreement ${a.agree}/${a.total} (${fmtRate(a.rate).trim()})${rows.length ? `   gold → predicted: ${rows.join('; ')}` : ''}`);
  }
  if (s.determinations) {
    const dl = renderDeterminations(s.determinations, run.results);
    if (dl.length) lines.push('', ...dl);
  }
  if (s.forms) {
    lines.push('', 'By form');
    for (const [form, f] of Object.entries(s.forms)) {
      lines.push(`  ${form.padEnd(10)} ${String(f.notes).padStart(4)} notes  facts F1 ${fmtRate(f.facts.f1).trim()}  flags F1 ${fmtRate(f.flags?.f1 ?? null).trim()}  determinations ${f.determination.agree}/${f.determination.total}`);
    }
  }
  const diag = Object.entries(s.diagnostics);
  if (diag.length) {
    lines.push('');
    lines.push('Misses by cause (closest same-type prediction; attribute: ok / differs / missing)');
    for (const [t, d] of diag) {
      const attrs = Object.entries(d.attributes).map(([k, c]) => `${k} ${c.ok}/${c.differs}/${c.missing}`);
      const parts = [`${d.misses} missed`, d.noCandidate ? `${d.noCandidate} with no ${t} predicted` : '',
        d.assertionDiffers ? `assertion differs ${d.assertionDiffers}` : '', d.experiencerDiffers ? `experiencer differs ${d.experiencerDiffers}` : '', ...attrs]
        .filter(Boolean);
      lines.push(`  ${t.padEnd(w)} ${parts.join('; ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
