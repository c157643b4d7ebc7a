/**
 * HTML reviewer report: one self-contained file (inline CSS, no scripts, no external assets) that
 * reads on screen and prints cleanly. Every piece of note text goes through `esc`; evidence spans
 * are highlighted in the page text with <mark>, titled with the fact they support.
 */
import type { Fact, Flag, ReviewOutput } from '../schema/review.ts';
import {
  requestText,
  DISCLAIMER, attributeText, decisionLabel, determinationLabel, evidenceOf, factIndex, factLabel, factsByType,
  marksForPage, reportReviews, segments, statusLabel, topFlags, words, type ReportCriterion, type ReportReview,
  evidenceConfidence, verifyNote, evidenceBoxes, type PageImage,
} from './model.ts';

/** Text and attribute values: the five characters HTML gives meaning to. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root{--ink:#1d2430;--muted:#5b6472;--line:#d9dde3;--met:#1f7a3a;--notmet:#b42318;--nodoc:#a15c00;--na:#6b7280;--mark:#fff1a8}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);margin:0;background:#f5f6f8}
main{max-width:1040px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:16px;margin:20px 0 6px}h4{font-size:15px;margin:0}
.sub{color:var(--muted);font-size:13px}
.notice{border:1px solid #c7d2fe;background:#eef2ff;padding:8px 12px;border-radius:6px;margin:12px 0;font-size:14px}
.summary{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;border:2px solid var(--ink);border-radius:8px;padding:12px 16px;margin:12px 0}
.summary dt{color:var(--muted)}.summary dd{margin:0}
.det{font-size:20px;font-weight:700}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.s-met,.o-meets,.d-approve{color:var(--met)}.s-not_met,.o-does_not_meet,.d-deny{color:var(--notmet)}
.s-not_documented,.o-insufficient_documentation,.d-correct{color:var(--nodoc)}.s-not_applicable,.o-no_request_found,.d-not_applicable{color:var(--na)}
.sev-critical{color:#fff;background:var(--notmet);border-color:var(--notmet)}.sev-major{color:#fff;background:#c2410c;border-color:#c2410c}.sev-minor{color:var(--ink);background:#fde68a;border-color:#d97706}
.flag,.crit{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0;break-inside:avoid}
.flag.critical{border-left-color:var(--notmet)}.flag.major{border-left-color:#c2410c}.flag.minor{border-left-color:#d97706}
.crit.s-met{border-left-color:var(--met)}.crit.s-not_met{border-left-color:var(--notmet)}.crit.s-not_documented{border-left-color:var(--nodoc)}.crit.s-not_applicable{border-left-color:var(--na)}
.crit,.flag{color:var(--ink)}
.crit .text{font-style:italic}.why{margin:4px 0}.meta{color:var(--muted);font-size:12px}
ul.ev{list-style:none;padding:0;margin:6px 0 0}ul.ev li{margin:4px 0}
.pv{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px;align-items:start}.pimg{position:relative;margin:0;border:1px solid var(--line)}
.pimg img{display:block;width:100%;height:auto}.box{position:absolute;border:2px solid #d97706;background:rgba(250,204,21,.25);box-sizing:border-box}
.fid{font-weight:600}.verify{color:#b45309;font-weight:600;font-size:13px}.attrs{color:var(--muted);font-size:13px}
blockquote{margin:2px 0 6px;padding:4px 10px;border-left:3px solid #e0b400;background:#fffbea;white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:14px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}th{background:#f1f3f5}
.page{border:1px solid var(--line);border-radius:6px;margin:12px 0;break-inside:auto}
.page h3{margin:0;padding:6px 12px;background:#f1f3f5;border-bottom:1px solid var(--line);font-size:14px}
.page pre{margin:0;padding:12px;white-space:pre-wrap;word-wrap:break-word;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}
mark{background:var(--mark);border-bottom:2px solid #e0b400;padding:0 1px}mark.multi{background:#ffd86b}
a{color:#1d4ed8}.q{display:flex;gap:8px;align-items:baseline;margin-left:12px}.q>a,.q>span{flex:none;font-size:12px;width:44px}.q blockquote{flex:1}
footer{margin-top:32px;padding-top:8px;border-top:1px solid var(--line);color:var(--muted);font-size:13px}
@media print{body{background:#fff}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}
 mark,.badge,blockquote{-webkit-print-color-adjust:exact;print-color-adjust:exact}h2{break-after:avoid}h3{break-after:avoid}}
@page{margin:16mm 14mm}
`;

const OUTCOME_CLASS = (o: string): string => `o-${o.replace(/[^a-z_]/g, '')}`;
const cls = (s: string): string => s.replace(/[^a-zA-Z0-9_-]/g, '');

/**
 * `images`: for OCR'd pages, the page image with its words' boxes (src/ingest/page-images.ts); the
 * page is then shown as the image with every evidence span boxed, beside its text.
 */
export function renderHtml(review: ReviewOutput, pages?: string[], images?: PageImage[]): string {
  const facts = factIndex(review);
  const reviews = reportReviews(review);
  const gov = reviews.find((r) => r.governing) ?? reviews[0];
  const doc = review.document;
  const pageCount = Math.max(doc.pages ?? 0, pages?.length ?? 0);
  // Evidence that is highlighted in the document, so quotes can link to it.
  const anchored = new Set<string>();
  const pageHtml: string[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const text = pages?.[n - 1];
    if (text === undefined) continue;
    const { marks, mismatched } = marksForPage(review, n, text);
    for (const m of marks) anchored.add(`${m.factId}/${m.evidenceIndex}`);
    pageHtml.push(renderPage(n, text, marks, mismatched.length, doc.ocrPages.includes(n), facts, images?.find((i) => i.page === n)));
  }

  const ctx: Ctx = { anchored, ocrPages: new Set(doc.ocrPages) };
  const h: string[] = [];
  h.push('<!doctype html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>mednec review: ${esc(doc.name)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>', '<main>');
  h.push(`<h1>Medical-necessity review</h1><div class="sub">${esc(doc.name)}</div>`);
  h.push(`<p class="notice"><strong>${esc(DISCLAIMER)}</strong></p>`);

  h.push('<dl class="summary">');
  h.push(`<dt>Determination</dt><dd class="det ${OUTCOME_CLASS(review.determination)}">${esc(determinationLabel(review.determination))}</dd>`);
  if (gov) {
    h.push(`<dt>Governing policy</dt><dd>${esc(gov.policyTitle ?? gov.policy)} <span class="meta">(${esc(gov.policy)})</span></dd>`);
    if (gov.governingBasis) h.push(`<dt>Why this policy</dt><dd>${esc(gov.governingBasis)}</dd>`);
    h.push(`<dt>Request</dt><dd>${esc(requestText(gov))}</dd>`);
  }
  const counts = gov ? statusCounts(gov.criteria) : '';
  if (counts) h.push(`<dt>Criteria</dt><dd>${counts}</dd>`);
  h.push(`<dt>Document</dt><dd>${esc(documentText(review))}</dd>`);
  h.push('</dl>');

  const diags = Array.isArray(review.diagnostics) ? review.diagnostics : [];
  if (diags.length) {
    h.push('<p class="notice"><strong>Reading the document:</strong></p><ul>');
    for (const d of diags) h.push(`<li>${esc(d.severity)}: ${esc(d.message)}${d.page ? ` (page ${d.page})` : ''} <span class="meta">${esc(d.code)}</span></li>`);
    h.push('</ul>');
  }

  const flags = topFlags(review);
  h.push('<h2 id="findings">Findings</h2>');
  if (flags.length === 0) h.push('<p>No flags were raised.</p>');
  for (const f of flags) h.push(flagHtml(f, facts, ctx));

  for (const r of reviews) h.push(reviewHtml(r, facts, ctx));

  h.push('<h2 id="facts">Facts</h2>');
  for (const [type, list] of factsByType(review)) {
    h.push(`<h3>${esc(words(type))}</h3><table><thead><tr><th>id</th><th>assertion</th><th>attributes</th><th>evidence</th></tr></thead><tbody>`);
    for (const f of list) {
      const assertion = f.assertion + (f.experiencer === 'other' ? ', other person' : '') + (f.historical ? ', historical' : '');
      const ev = evidenceOf(f).map((e, i) => `${pageLink(f.id, i, e.page, ctx)} “${esc(e.text)}”`).join('<br>');
      h.push(`<tr id="fact-${cls(f.id)}"><td class="fid">${esc(f.id)}</td><td>${esc(assertion)}</td><td>${esc(attributeText(f))}</td><td>${ev}</td></tr>`);
    }
    h.push('</tbody></table>');
  }

  h.push('<h2 id="document">Document</h2>');
  if (pageHtml.length === 0) h.push('<p class="meta">The page texts were not provided to the report; evidence is quoted above.</p>');
  h.push(...pageHtml);
  h.push(`<footer>${esc(DISCLAIMER)} Generated by mednec from ${esc(doc.name)} (sha256 ${esc(doc.id.slice(0, 16))}…).</footer>`);
  h.push('</main>', '</body>', '</html>', '');
  return h.join('\n');
}

function documentText(review: ReviewOutput): string {
  const d = review.document;
  const parts = [`${d.pages} page${d.pages === 1 ? '' : 's'}`, d.mediaType];
  if (d.ocrPages.length) parts.push(`OCR on page${d.ocrPages.length > 1 ? 's' : ''} ${d.ocrPages.join(', ')}`);
  if (d.emptyPages?.length) parts.push(`no text on page${d.emptyPages.length > 1 ? 's' : ''} ${d.emptyPages.join(', ')}`);
  return parts.join(' · ');
}

function statusCounts(criteria: ReportCriterion[]): string {
  const order = ['not_met', 'not_documented', 'met', 'not_applicable'];
  const n = new Map<string, number>();
  for (const c of criteria) n.set(c.status, (n.get(c.status) ?? 0) + 1);
  return order.filter((s) => n.get(s)).map((s) => `<span class="badge s-${s}">${n.get(s)} ${esc(statusLabel(s))}</span>`).join(' ');
}

interface Ctx { anchored: Set<string>; ocrPages: Set<number> }

function pageLink(factId: string, i: number, page: number, ctx: Ctx, conf: number | null = null): string {
  // Quotes from OCR'd pages say so, with their words' confidence: the reviewer checks them against the image.
  const ocr = ctx.ocrPages.has(page);
  const label = `p.${page}${ocr ? ` OCR${conf === null ? '' : ` ${Math.round(conf)}%`}` : ''}`;
  return ctx.anchored.has(`${factId}/${i}`)
    ? `<a class="p" href="#ev-${cls(factId)}-${i}" title="page ${page}${ocr ? `, read by OCR${conf === null ? '' : ` (lowest word confidence ${Math.round(conf)}%)`}` : ''}">${label}</a>`
    : `<span class="meta">${label}</span>`;
}

function citations(ids: string[], facts: Map<string, Fact>, ctx: Ctx): string {
  if (ids.length === 0) return '';
  const li = ids.map((id) => {
    const f = facts.get(id);
    const attrs = f ? attributeText(f) : '';
    const quotes = evidenceOf(f).map((e, i) => `<div class="q">${pageLink(id, i, e.page, ctx, evidenceConfidence(e))}<blockquote>${esc(e.text)}</blockquote></div>`).join('');
    const label = f ? `<a href="#fact-${cls(id)}" class="fid">${esc(factLabel(f, id))}</a>` : `<span class="fid">${esc(factLabel(f, id))}</span>`;
    const verify = verifyNote(f);
    return `<li>${label}${attrs ? ` <span class="attrs">${esc(attrs)}</span>` : ''}${verify ? ` <span class="verify">⚠ ${esc(verify)}</span>` : ''}${quotes}</li>`;
  });
  return `<ul class="ev">${li.join('')}</ul>`;
}

function flagHtml(f: Flag, facts: Map<string, Fact>, ctx: Ctx): string {
  return `<div class="flag ${cls(f.severity)}"><h4><span class="badge sev-${cls(f.severity)}">${esc(f.severity)}</span> ${esc(f.code)}</h4>` +
    `<p class="why">${esc(f.message)}</p>` +
    (f.evidence.length ? citations(f.evidence, facts, ctx) : '<p class="meta">No evidence cited: an absence the criteria need.</p>') + '</div>';
}

function criterionHtml(c: ReportCriterion, facts: Map<string, Fact>, ctx: Ctx): string {
  const thresholds = c.thresholds.length
    ? `<div class="meta">Thresholds: ${c.thresholds.map((t) => `${esc(t.name)} = ${esc(t.value)}${t.source ? ` (${esc(t.source)})` : ''}`).join('; ')}</div>` : '';
  const source = c.source || c.confidence ? `<div class="meta">Source: ${esc(c.source ?? '')}${c.confidence ? ` · confidence ${esc(c.confidence)}` : ''}</div>` : '';
  return `<div class="crit s-${cls(c.status)}" id="crit-${cls(c.id)}"><h4><span class="badge s-${cls(c.status)}">${esc(statusLabel(c.status))}</span> ${esc(c.id)}</h4>` +
    `<div class="text">${esc(c.text)}</div>${c.reason ? `<p class="why">${esc(c.reason)}</p>` : ''}${thresholds}${source}` +
    citations(c.evidence, facts, ctx) + '</div>';
}

function reviewHtml(r: ReportReview, facts: Map<string, Fact>, ctx: Ctx): string {
  const h: string[] = [];
  h.push(`<h2 id="policy-${cls(r.policy)}">${esc(r.policyTitle ?? r.policy)}${r.governing ? ' <span class="badge">governing</span>' : ''} ` +
    `<span class="badge ${OUTCOME_CLASS(r.outcome)}">${esc(determinationLabel(r.outcome))}</span></h2>`);
  const meta = [r.policy, r.policyVersion, r.verifiedOn ? `verified ${r.verifiedOn}` : ''].filter(Boolean).map((s) => esc(s!)).join(' · ');
  h.push(`<p class="meta">${meta}</p>`);
  if (r.citation) h.push(`<p class="meta">Citation: ${esc(r.citation)}</p>`);
  h.push(`<p><strong>Request:</strong> ${esc(requestText(r))}</p>`);
  if (r.criteria.length) {
    h.push('<table><thead><tr><th>status</th><th>criterion</th><th>reason</th></tr></thead><tbody>');
    for (const c of r.criteria) {
      h.push(`<tr><td><span class="badge s-${cls(c.status)}">${esc(statusLabel(c.status))}</span></td><td><a href="#crit-${cls(c.id)}">${esc(c.id)}</a> ${esc(c.text)}</td><td>${esc(c.reason)}</td></tr>`);
    }
    h.push('</tbody></table>');
  }
  if (r.wouldMeet.length) {
    h.push('<h3>What would make it meet</h3><ul>');
    for (const w of r.wouldMeet) h.push(`<li><strong>${esc(w.criterion)}</strong>${w.status ? ` <span class="badge s-${cls(w.status)}">${esc(statusLabel(w.status))}</span>` : ''}: ${esc(w.action)}</li>`);
    h.push('</ul>');
  }
  if (r.items.length) {
    h.push('<h3>Line items</h3><table><thead><tr><th>item</th><th>code</th><th>units</th><th>modifiers</th><th>decision</th><th>reason</th></tr></thead><tbody>');
    for (const i of r.items) {
      h.push(`<tr><td>${esc(i.item)}</td><td>${esc(i.code ?? '')}</td><td>${i.units ?? ''}</td><td>${esc(i.modifiers.join(', '))}</td>` +
        `<td><span class="badge d-${cls(i.decision)}">${esc(decisionLabel(i.decision))}</span></td><td>${esc(i.reason)}</td></tr>`);
    }
    h.push('</tbody></table>');
  }
  if (r.criteria.length) {
    h.push('<h3>Criteria and evidence</h3>');
    for (const c of r.criteria) h.push(criterionHtml(c, facts, ctx));
  }
  if (r.flags.length) {
    h.push('<h3>Flags under this policy</h3><ul>');
    for (const f of r.flags) h.push(`<li><span class="badge sev-${cls(f.severity)}">${esc(f.severity)}</span> <strong>${esc(f.code)}</strong>: ${esc(f.message)} <span class="meta">(${esc(f.evidence.join(', ') || 'no facts')})</span></li>`);
    h.push('</ul>');
  }
  // Criterion ids repeat across policies: scope the anchors to this review.
  return h.join('\n').replace(/(id="|href="#)crit-/g, `$1crit-${cls(r.policy)}-`);
}

function renderPage(n: number, text: string, marks: ReturnType<typeof marksForPage>['marks'], mismatched: number, ocr: boolean, facts: Map<string, Fact>,
  image?: PageImage): string {
  const seen = new Set<string>();
  const body = segments(text, marks).map((s) => {
    const t = esc(text.slice(s.start, s.end));
    if (s.marks.length === 0) return t;
    const title = s.marks.map((m) => factLabel(facts.get(m.factId), m.factId)).join('; ');
    const ev = s.marks.map((m) => `${m.factId}/${m.evidenceIndex}`);
    // The first segment of each span carries its anchor, so quotes above can link to it.
    const ids = ev.filter((k) => !seen.has(k));
    ids.forEach((k) => seen.add(k));
    const id = ids.length ? ` id="ev-${cls(ids[0]!.replace('/', '-'))}"` : '';
    const extraAnchors = ids.slice(1).map((k) => `<a id="ev-${cls(k.replace('/', '-'))}"></a>`).join('');
    return `${extraAnchors}<mark${id}${s.marks.length > 1 ? ' class="multi"' : ''} title="${esc(title)}" data-ev="${esc(ev.join(' '))}">${t}</mark>`;
  }).join('');
  const note = mismatched ? ` <span class="meta">(${mismatched} evidence span${mismatched > 1 ? 's' : ''} did not match this page's text and ${mismatched > 1 ? 'are' : 'is'} not highlighted)</span>` : '';
  const head = `<h3>Page ${n}${ocr ? ' <span class="meta">(OCR)</span>' : ''}${note}</h3>`;
  if (!image || !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(image.src)) return `<section class="page" id="page-${n}">${head}<pre>${body}</pre></section>`;
  // The fax itself beside its text: every evidence span boxed where OCR read its words.
  const pct = (v: number) => `${(Math.min(1, Math.max(0, v)) * 100).toFixed(2)}%`;
  const boxes = evidenceBoxes(marks, image.words).map(({ mark, box }) =>
    `<a class="box" href="#ev-${cls(`${mark.factId}-${mark.evidenceIndex}`)}" data-ev="${esc(`${mark.factId}/${mark.evidenceIndex}`)}" ` +
    `title="${esc(factLabel(facts.get(mark.factId), mark.factId))}" style="left:${pct(box[0])};top:${pct(box[1])};width:${pct(box[2] - box[0])};height:${pct(box[3] - box[1])}"></a>`).join('');
  return `<section class="page" id="page-${n}">${head}<div class="pv"><figure class="pimg"><img src="${image.src}" alt="page ${n} as received">${boxes}</figure>` +
    `<pre>${body}</pre></div></section>`;
}
