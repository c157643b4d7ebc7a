/** The terminal summary of a QA run: numbers only, never note text. */
import { ASSERTIONS } from '../schema/review.ts';
import type { QaRun } from './run.ts';
import { prf, type AssertionOrNone, type Prf } from './score.ts';

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
    lines.push(`  ${policy.padEnd(16)} outcome agreement ${a.agree}/${a.total} (${fmtRate(a.rate).trim()})`);
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
