/**
 * The self-contained HTML QA report: the summary tables, then every miss and false positive with
 * the note text around it (±200 characters, the span highlighted), grouped by note and fact type.
 * It contains note text (PHI): the CLI writes it owner-only.
 */
import { ASSERTIONS } from '../schema/review.ts';
import type { GoldFact } from './gold.ts';
import type { PredictedFact } from './match.ts';
import { formatValue } from './normalize.ts';
import type { QaRun } from './run.ts';
import { prf, type AssertionOrNone, type NoteResult, type Prf, type Snippet } from './score.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const rate = (x: number | null) => (x === null ? '—' : x.toFixed(3));

function prfCells(p: Prf): string {
  const f1 = p.f1 === null ? '' : p.f1 >= 0.95 ? 'good' : p.f1 >= 0.8 ? 'fair' : 'poor';
  return `<td>${p.tp + p.fn}</td><td>${p.tp + p.fp}</td><td>${p.tp}</td><td>${p.fp}</td><td>${p.fn}</td>`
    + `<td>${rate(p.precision)}</td><td>${rate(p.recall)}</td><td class="${f1}">${rate(p.f1)}</td>`;
}

const PRF_HEAD = '<th>gold</th><th>pred</th><th>TP</th><th>FP</th><th>FN</th><th>P</th><th>R</th><th>F1</th>';

function factLine(f: GoldFact | PredictedFact): string {
  const attrs = Object.entries(f.attributes).map(([k, v]) => `<span class="attr">${escapeHtml(k)}=<b>${escapeHtml(formatValue(v))}</b></span>`).join(' ');
  const exp = f.experiencer && f.experiencer !== 'patient' ? ` <span class="tag">experiencer ${escapeHtml(f.experiencer)}</span>` : '';
  return `<span class="tag a-${escapeHtml(f.assertion)}">${escapeHtml(f.assertion)}</span>${exp} ${attrs || '<i>no attributes</i>'}`;
}

const VIA: Record<NonNullable<Snippet['via']>, string> = {
  evidence: 'predicted evidence',
  'gold-quote': 'the gold quote',
  'closest-prediction': 'placed at the closest prediction',
  'attribute-search': 'placed at the first attribute value found in the text (approximate)',
};

function snippet(s: Snippet | undefined): string {
  if (!s) return '<div class="ctx none">no location: the gold gives no quote and nothing in the text was found</div>';
  return `<div class="ctx"><div class="where">page ${s.page} · ${VIA[s.via ?? 'evidence']}</div>`
    + `<pre>${s.before.length >= 200 ? '…' : ''}${escapeHtml(s.before)}<mark>${escapeHtml(s.text)}</mark>${escapeHtml(s.after)}${s.after.length >= 200 ? '…' : ''}</pre></div>`;
}

function noteSection(r: NoteResult, idx: number): string {
  const byType = new Map<string, string[]>();
  const push = (t: string, html: string) => byType.set(t, [...(byType.get(t) ?? []), html]);
  for (const m of r.misses) {
    const closest = m.closest ? `<div class="closest">closest prediction: ${factLine(m.closest.fact)}</div>` : '';
    push(m.gold.type, `<li class="item miss"><div><span class="kind">MISS</span> ${factLine(m.gold)}</div>`
      + `<div class="why">${escapeHtml(m.summary)}</div>${closest}${snippet(m.context)}</li>`);
  }
  const nearMisses = new Set(r.misses.map((m) => m.closest?.fact).filter((f) => f !== undefined));
  for (const fp of r.falsePositives) {
    const near = nearMisses.has(fp.fact) ? ' <span class="muted">· the closest prediction to a miss above</span>' : '';
    push(fp.fact.type, `<li class="item fp"><div><span class="kind">FALSE POSITIVE</span> ${factLine(fp.fact)}`
      + `${fp.fact.id ? ` <span class="muted">${escapeHtml(fp.fact.id)}</span>` : ''}${near}</div>${snippet(fp.context)}</li>`);
  }
  const groups = [...byType.keys()].sort().map((t) => `<h4>${escapeHtml(t)} <span class="muted">${r.types[t] ? `TP ${r.types[t]!.tp} · FP ${r.types[t]!.fp} · FN ${r.types[t]!.fn}` : ''}</span></h4><ul>${byType.get(t)!.join('')}</ul>`);
  const extra: string[] = [];
  if (r.error) extra.push(`<p class="err">review failed: ${escapeHtml(r.error)} (scored as nothing predicted)</p>`);
  if (r.flags && (r.flags.fn.length || r.flags.fp.length)) {
    extra.push(`<p>Flags — missed: ${r.flags.fn.map((c) => `<code class="miss">${escapeHtml(c)}</code>`).join(' ') || 'none'}; `
      + `false positive: ${r.flags.fp.map((c) => `<code class="fp">${escapeHtml(c)}</code>`).join(' ') || 'none'}; `
      + `found: ${r.flags.tp.map((c) => `<code>${escapeHtml(c)}</code>`).join(' ') || 'none'}</p>`);
  }
  if (r.determination && !r.determination.agree) {
    extra.push(`<p>Determination: gold <b>${escapeHtml(r.determination.gold)}</b>, predicted <b>${escapeHtml(r.determination.predicted)}</b></p>`);
  }
  if (r.attribution) {
    const a = r.attribution;
    const rows = a.changed.map((c) => `<tr><td>${escapeHtml(c.criterion)}</td><td>${escapeHtml(c.policy)}</td><td>${escapeHtml(c.procedure)}</td><td>${escapeHtml(c.predicted ?? 'absent')}</td><td>${escapeHtml(c.onGold ?? 'absent')}</td></tr>`).join('');
    const revs = a.reviews.map((v) => `${escapeHtml(v.policy)} / ${escapeHtml(v.procedure)}: ${escapeHtml(v.predicted ?? 'no review')} → ${escapeHtml(v.onGold ?? 'no review')}`).join('; ');
    extra.push(`<p>On the gold facts the review gives <b>${escapeHtml(a.onGoldFacts)}</b> → caused by <b>${a.cause}</b>`
      + `${a.governing.predicted !== a.governing.onGold ? ` · governing ${escapeHtml(a.governing.predicted ?? 'none')} → ${escapeHtml(a.governing.onGold ?? 'none')}` : ''}`
      + `${revs ? ` · reviews: ${revs}` : ''}`
      + `${a.flags.onlyPredicted.length || a.flags.onlyOnGold.length ? ` · flags only predicted: ${a.flags.onlyPredicted.map(escapeHtml).join(', ') || 'none'}; only on gold facts: ${a.flags.onlyOnGold.map(escapeHtml).join(', ') || 'none'}` : ''}</p>`
      + (rows ? `<table><tr><th>criterion</th><th>policy</th><th>procedure</th><th>on extracted facts</th><th>on gold facts</th></tr>${rows}</table>` : ''));
  }
  if (r.governing && !r.governing.agree) {
    extra.push(`<p>Governing policy: gold <b>${escapeHtml(r.governing.gold)}</b>, predicted <b>${escapeHtml(r.governing.predicted ?? 'none')}</b></p>`);
  }
  for (const rv of r.reviews.filter((x) => !x.agree)) {
    extra.push(`<p>Policy ${escapeHtml(rv.policy)}${rv.procedure ? ` (${escapeHtml(rv.procedure)})` : ''}: gold <b>${escapeHtml(rv.gold)}</b>, predicted <b>${escapeHtml(rv.predicted ?? 'no review')}</b></p>`);
  }
  const c = Object.values(r.types).reduce((a, x) => ({ tp: a.tp + x.tp, fp: a.fp + x.fp, fn: a.fn + x.fn }), { tp: 0, fp: 0, fn: 0 });
  return `<section id="n${idx}"><details open><summary><b>${escapeHtml(r.notePath)}</b> <span class="muted">gold ${escapeHtml(r.goldPath)} · TP ${c.tp} · FP ${c.fp} · FN ${c.fn}`
    + `${r.ignoredPredictions ? ` · ${r.ignoredPredictions} predictions of unlisted types ignored` : ''}</span></summary>`
    + `${extra.join('')}${groups.join('') || '<p class="muted">no fact misses or false positives</p>'}</details></section>`;
}

function indexRow(r: NoteResult, i: number): string {
  const c = Object.values(r.types).reduce((a, x) => ({ tp: a.tp + x.tp, fp: a.fp + x.fp, fn: a.fn + x.fn }), { tp: 0, fp: 0, fn: 0 });
  const f1 = prf(c).f1;
  const cls = f1 === null ? '' : f1 >= 0.95 ? 'good' : f1 >= 0.8 ? 'fair' : 'poor';
  const flags = r.flags ? `${r.flags.fn.length} / ${r.flags.fp.length}` : '—';
  const det = r.determination ? (r.determination.agree ? 'agrees' : `<span class="err">${escapeHtml(r.determination.predicted)}</span>`) : '—';
  const name = r.notePath.split('/').pop() ?? r.notePath;
  return `<tr><td><a href="#n${i}">${escapeHtml(name)}</a></td><td>${escapeHtml(r.dir)}</td><td>${c.tp}</td><td>${c.fp}</td><td>${c.fn}</td><td class="${cls}">${rate(f1)}</td><td>${flags}</td><td>${det}</td></tr>`;
}

function hasProblems(r: NoteResult): boolean {
  return r.misses.length > 0 || r.falsePositives.length > 0 || !!r.error || !!(r.flags && (r.flags.fn.length || r.flags.fp.length))
    || !!(r.determination && !r.determination.agree) || r.reviews.some((x) => !x.agree) || !!(r.governing && !r.governing.agree);
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1150px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde;padding-bottom:4px}
h4{margin:14px 0 6px;font-size:14px}
table{border-collapse:collapse;margin:6px 0 10px}td,th{border:1px solid #dde;padding:3px 8px;text-align:right}
th{background:#f3f4f8}td:first-child,th:first-child{text-align:left}
tr.total td{font-weight:600;background:#f8f8fb}
.good{background:#e3f5e6}.fair{background:#fff4d6}.poor{background:#fbe1e1}
.muted{color:#6b7280;font-weight:normal}
section{margin:10px 0;border:1px solid #e3e5ee;border-radius:6px;padding:6px 12px}
summary{cursor:pointer;padding:4px 0}
ul{list-style:none;padding:0;margin:0}
.item{border-left:4px solid #ccc;padding:6px 10px;margin:8px 0;background:#fafbfd}
.item.miss{border-color:#d9534f}.item.fp{border-color:#e69500}
.kind{font-size:11px;font-weight:700;letter-spacing:.04em;color:#fff;background:#d9534f;border-radius:3px;padding:1px 5px}
.fp .kind{background:#e69500}
.tag{font-size:12px;border-radius:3px;padding:0 5px;background:#e8eaf2}
.a-absent{background:#dbeafe}.a-possible{background:#ede9fe}.a-hypothetical{background:#fce7f3}
.attr{margin-right:8px;font-size:13px}
.why{color:#8a2b2b;margin:3px 0;font-size:13px}.closest{font-size:13px;color:#374151}
.ctx pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #e5e7eb;padding:6px 8px;margin:4px 0 0;font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace}
.ctx .where{font-size:11px;color:#6b7280}.ctx.none{font-size:12px;color:#6b7280;font-style:italic}
mark{background:#ffe066;padding:0 1px;border-radius:2px}
code{font-size:12px;background:#eef;padding:0 4px;border-radius:3px}code.miss{background:#fbe1e1}code.fp{background:#ffefc2}
.err{color:#b91c1c;font-weight:600}
td a{overflow-wrap:anywhere}
summary b{overflow-wrap:anywhere}
`;

export function renderHtml(run: QaRun, generatedAt = new Date().toISOString()): string {
  const s = run.summary;
  const typeRows = Object.entries(s.types).map(([t, p]) => `<tr><td>${escapeHtml(t)}</td>${prfCells(p)}</tr>`).join('');
  const dirRows = Object.keys(s.dirs).length > 1
    ? Object.entries(s.dirs).map(([d, p]) => `<tr><td>&nbsp;&nbsp;${escapeHtml(d)} (${p.notes} notes)</td>${prfCells(p)}</tr>`).join('') : '';
  const assertionRows = ASSERTIONS.map((a) => `<tr><td>${a}</td>${prfCells(s.assertions[a])}</tr>`).join('');
  const keys: AssertionOrNone[] = [...ASSERTIONS, 'none'];
  const confusion = `<table><tr><th>gold ↓ / predicted →</th>${keys.map((k) => `<th>${k}</th>`).join('')}</tr>`
    + keys.map((g) => `<tr><td>${g}</td>${keys.map((p) => `<td>${g === 'none' && p === 'none' ? '' : s.confusion[g][p]}</td>`).join('')}</tr>`).join('') + '</table>';
  const flags = s.flags
    ? `<table><tr><th>flag</th><th>TP</th><th>FP</th><th>FN</th></tr>${Object.entries(s.flags.codes).map(([c, x]) => `<tr><td>${escapeHtml(c)}</td><td>${x.tp}</td><td>${x.fp}</td><td>${x.fn}</td></tr>`).join('')}</table>`
      + `<table><tr><th></th>${PRF_HEAD}</tr><tr class="total"><td>flags (${s.flags.notes} notes)</td>${prfCells(s.flags)}</tr></table>`
    : '<p class="muted">No gold file annotates flags.</p>';
  const det = s.determination;
  const dd = s.determinations;
  const dLabels = dd ? dd.labels.filter((l, i) => i < 4 || Object.values(dd.matrix).some((row) => row[l])) : [];
  const detMatrix = dd && det.total
    ? `<table><tr><th>gold ↓ / predicted →</th>${dLabels.map((l) => `<th>${escapeHtml(l)}</th>`).join('')}</tr>`
      + dLabels.map((g) => `<tr><td>${escapeHtml(g)}</td>${dLabels.map((p) => `<td${g === p ? ' class="good"' : ''}>${dd.matrix[g]?.[p] ?? 0}</td>`).join('')}</tr>`).join('') + '</table>'
      + `<p>Approval recommended (predicted meets): <b>${dd.approvals.whenMeets}</b> of ${dd.approvals.goldMeets} packets whose gold meets; wrongly <b>${dd.approvals.wrong}</b> of ${dd.approvals.goldNotMeets} whose gold does not.`
      + `${dd.onGoldFacts.total ? ` On the gold facts the criteria give the gold determination for ${dd.onGoldFacts.agree} of ${dd.onGoldFacts.total}.` : ''}</p>`
      + (dd.attribution.disagreeing ? `<p>Disagreements by cause (the review re-run on the gold facts): ${dd.attribution.disagreeing} — extraction <b>${dd.attribution.extraction}</b>, criteria <b>${dd.attribution.criteria}</b>${dd.attribution.unknown ? `, unknown ${dd.attribution.unknown}` : ''}.`
        + `${Object.keys(dd.attribution.criteriaChanged).length ? ` Criteria the gold facts change: ${Object.entries(dd.attribution.criteriaChanged).map(([k, n]) => `${escapeHtml(k)} ${n}`).join(', ')}.` : ''}</p>` : '')
    : '';
  const forms = s.forms
    ? `<h2>By form</h2><table><tr><th>form</th><th>notes</th><th>facts F1</th><th>flags F1</th><th>determinations</th></tr>${Object.entries(s.forms).map(([f, x]) => `<tr><td>${escapeHtml(f)}</td><td>${x.notes}</td><td>${rate(x.facts.f1)}</td><td>${rate(x.flags?.f1 ?? null)}</td><td>${x.determination.agree}/${x.determination.total}</td></tr>`).join('')}</table>` : '';
  const policies = Object.entries(s.policies).map(([p, a]) => `<tr><td>${escapeHtml(p)}</td><td>${a.agree}/${a.total}</td><td>${rate(a.rate)}</td></tr>`).join('');
  const diag = Object.entries(s.diagnostics).map(([t, d]) => `<tr><td>${escapeHtml(t)}</td><td>${d.misses}</td><td>${d.noCandidate}</td><td>${d.assertionDiffers}</td>`
    + `<td style="text-align:left">${Object.entries(d.attributes).map(([k, c]) => `${escapeHtml(k)}: ${c.ok} ok / ${c.differs} differ / ${c.missing} missing`).join('<br>')}</td></tr>`).join('');
  const problems = run.results.map((r, i) => [r, i] as const).filter(([r]) => hasProblems(r));
  const clean = run.results.filter((r) => !hasProblems(r));
  const skipped = run.skipped.length
    ? `<h2>Skipped (${run.skipped.length})</h2><ul>${run.skipped.map((x) => `<li>${escapeHtml(x.goldPath)}: ${escapeHtml(x.reason)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>mednec QA report</title><style>${CSS}</style></head><body>
<h1>mednec QA report</h1>
<p class="muted">${s.notes} notes scored from ${run.dirs.map(escapeHtml).join(', ')}${run.types ? ` · types ${run.types.map(escapeHtml).join(', ')}` : ''} · ${run.skipped.length} skipped · generated ${escapeHtml(generatedAt)}. Contains note text: keep it private.</p>
<h2>Facts (exact match)</h2>
<table><tr><th>type</th>${PRF_HEAD}</tr>${typeRows}<tr class="total"><td>overall (micro)</td>${prfCells(s.overall)}</tr>${dirRows}</table>
<h2>Assertion classes</h2>
<table><tr><th>assertion</th>${PRF_HEAD}</tr>${assertionRows}</table>
<p class="muted">Given type and attributes (the assertion engine alone): each gold fact paired with a prediction of the same type and attributes; is the assertion right?</p>
<table><tr><th>assertion</th>${PRF_HEAD}</tr>${ASSERTIONS.map((a) => `<tr><td>${a}</td>${prfCells(s.assertionsAligned[a])}</tr>`).join('')}</table>
<p class="muted">Confusion among gold facts and predictions of the same type and attributes (rows gold, columns predicted; none = no such partner).</p>
${confusion}
<h2>Flags</h2>${flags}
<h2>Determination</h2>
<p>Agreement ${det.total ? `${det.agree}/${det.total} (${rate(det.rate)})` : '— (no gold determinations)'}${s.governing.total ? ` · governing policy ${s.governing.agree}/${s.governing.total} (${rate(s.governing.rate)})` : ''}</p>
${policies ? `<table><tr><th>policy</th><th>outcome agreement</th><th>rate</th></tr>${policies}</table>` : ''}
${detMatrix}
${forms}
${diag ? `<h2>Misses by cause</h2><p class="muted">For each missed gold fact, the closest prediction of the same type and which gold attributes it gets right.</p><table><tr><th>type</th><th>missed</th><th>none predicted</th><th>assertion differs</th><th style="text-align:left">attributes</th></tr>${diag}</table>` : ''}
<h2>Notes with misses or false positives (${problems.length})</h2>
<details><summary>Index: facts F1, flags and determination per note</summary>
<table><tr><th>note</th><th>folder</th><th>TP</th><th>FP</th><th>FN</th><th>F1</th><th>flags missed / extra</th><th>determination</th></tr>
${problems.map(([r, i]) => indexRow(r, i)).join('\n')}</table></details>
${problems.map(([r, i]) => noteSection(r, i)).join('\n')}
${clean.length ? `<h2>Notes without errors (${clean.length})</h2><ul>${clean.map((r) => `<li>${escapeHtml(r.notePath)}</li>`).join('')}</ul>` : ''}
${skipped}
</body></html>
`;
}
