/**
 * HTML reviewer report in the voice and order of the seed reviews (../shared/seeds/): the
 * determination and one paragraph saying why; the deficiencies grouped as a reviewer groups them;
 * a recommendation per billed line; what would make the request meet; the policy criteria; then
 * the source document with every evidence span highlighted, coloured by fact type.
 *
 * Evidence: the first time a fact is cited, its sentence (or form line) is quoted with the span
 * highlighted and its page; later citations refer to that quote by number. Quotes link to the
 * highlight in the source view and the highlight links back to the quote.
 *
 * One self-contained file (inline CSS, no scripts, no external assets); every piece of note text
 * goes through `esc`. The source view gives each page a `.page-body` row holding the page text,
 * so a page image (OCR'd pages) can be placed beside it.
 */
import type { Evidence, Fact, Flag, ReviewOutput } from '../schema/review.ts';
import {
  DISCLAIMER, determinationLabel, evidenceOf, factIndex, marksForPage, reportReviews, segments, statusLabel, topFlags,
  type Mark, type ReportCriterion, type ReportReview,
  evidenceBoxes, evidenceConfidence, verifyNote, type PageImage,
} from './model.ts';
import { alternatives } from './alternatives.ts';
import {
  DEFICIENCY_GROUPS, OTHER_GROUP, TYPE_GROUPS, factSummary, flagTitle, groupOf, itemReason, plain, policyName,
  recommendation, requestPhrase, sentenceCase, sentenceOf, splitMessage, typeGroup, typeWords, whyParagraph,
} from './voice.ts';

/** Text and attribute values: the five characters HTML gives meaning to. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Highlight colours per fact-type group: light backgrounds, dark text (contrast ≥ 7:1 with #1d2430). */
const GROUP_COLOURS: Record<string, { bg: string; line: string }> = {
  symptom: { bg: '#fff0a3', line: '#a37b00' },
  dx: { bg: '#ffd6dc', line: '#b4233c' },
  request: { bg: '#cfe8ff', line: '#1f5fa8' },
  prior: { bg: '#e4d9ff', line: '#5b3cc4' },
  care: { bg: '#d4f2d4', line: '#2e7d32' },
  finding: { bg: '#ffe0c2', line: '#b45309' },
  admin: { bg: '#e5e7eb', line: '#4b5563' },
};

const CSS = `
:root{--ink:#1d2430;--muted:#4b5563;--line:#d1d5db;--met:#17662f;--notmet:#a11a1a;--nodoc:#7a4500;--na:#4b5563;--focus:#1d4ed8}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);margin:0;background:#f3f4f6}
.wrap{max-width:1080px;margin:0 auto;padding:24px 32px 48px;background:#fff}
h1{font-size:23px;margin:0 0 4px;line-height:1.3}h2{font-size:19px;margin:30px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:16px;margin:18px 0 6px}h4{font-size:15px;margin:0 0 2px}
.sub,.meta{color:var(--muted);font-size:13px}
.notice{border:1px solid #a5b4fc;background:#eef2ff;padding:8px 12px;border-radius:6px;margin:12px 0;font-size:14px}
nav.toc{font-size:14px;margin:8px 0}nav.toc ol{display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:0;list-style:none}
.determination{border:2px solid var(--ink);border-radius:8px;padding:12px 16px;margin:12px 0}
.det{font-size:21px;font-weight:700;margin:0 0 6px}.det.o-meets{color:var(--met)}.det.o-does_not_meet{color:var(--notmet)}.det.o-insufficient_documentation{color:var(--nodoc)}.det.o-no_request_found{color:var(--na)}
.determination p{margin:6px 0}.determination dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0 0;font-size:14px}.determination dt{color:var(--muted)}.determination dd{margin:0}
.status{display:inline-block;padding:0 7px;border-radius:4px;font-size:12.5px;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.s-met{color:var(--met)}.s-not_met{color:var(--notmet)}.s-not_documented{color:var(--nodoc)}.s-not_applicable{color:var(--na)}
.sev{font-size:12.5px;font-weight:600;text-transform:uppercase;letter-spacing:.03em}.sev-critical{color:var(--notmet)}.sev-major{color:#9a3412}.sev-minor{color:var(--muted)}
.flag{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0}
.flag.critical{border-left-color:var(--notmet)}.flag.major{border-left-color:#c2410c}.flag.minor{border-left-color:#9ca3af}
.flag p{margin:4px 0}.fix{color:var(--muted)}
.quote{margin:6px 0 6px 4px;padding:4px 10px;border-left:3px solid var(--line);background:#fafafa}
.quote blockquote{margin:0;display:inline}.quote .qn{font-weight:600;margin-right:4px}.quote .where{font-size:12.5px;margin-left:6px;white-space:nowrap}
.refs{font-size:13.5px;color:var(--muted)}a.ref{font-weight:600}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:14px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}th{background:#f3f4f6}
table.codes td:first-child{width:34%}table.codes td:nth-child(2){width:22%}.print-only{display:none}
.rec{font-weight:600}.rec-deny{color:var(--notmet)}.rec-pending{color:var(--nodoc)}.rec-approve{color:var(--met)}.rec-correct{color:#1f5fa8}.rec-na{color:var(--na)}
ul.meet li{margin:3px 0}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:13px;margin:6px 0 10px;padding:0;list-style:none}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:5px}
.page{border:1px solid var(--line);border-radius:6px;margin:12px 0}
.page h3{margin:0;padding:6px 12px;background:#f3f4f6;border-bottom:1px solid var(--line);font-size:14px}
.page-body{display:flex;gap:12px;align-items:flex-start}
.pimg{flex:1 1 0;min-width:0;position:relative;margin:0;border-right:1px solid var(--line)}.pimg img{display:block;width:100%;height:auto}
.box{position:absolute;border:1px solid #b45309;background:rgba(250,204,21,.18);border-radius:2px}.box:target{outline:3px solid var(--focus)}
.verify{color:#9a3412;font-weight:600;font-size:12.5px;margin-left:6px}
.page-text{flex:1 1 0;min-width:0;margin:0;padding:12px;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace}
mark{color:inherit;padding:0 1px;border-bottom:2px solid}mark.multi{background-image:repeating-linear-gradient(135deg,transparent 0 4px,rgba(0,0,0,.10) 4px 6px)}
a.evl{color:inherit;text-decoration:none}
:target{outline:3px solid var(--focus);outline-offset:2px;scroll-margin-top:80px}mark:target{box-shadow:0 0 0 3px var(--focus)}
a{color:#1d4ed8}a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.facts{columns:2 360px;column-gap:28px;padding-left:18px;font-size:14px}.facts li{break-inside:avoid;margin:2px 0}
footer{margin-top:32px;padding-top:8px;border-top:1px solid var(--line);color:var(--muted);font-size:13px}
${Object.entries(GROUP_COLOURS).map(([g, c]) => `mark.g-${g},.sw.g-${g}{background-color:${c.bg};border-color:${c.line}}`).join('\n')}
@media print{
 body{background:#fff;font-size:10.5pt;line-height:1.4}.wrap{max-width:none;padding:0}
 nav.toc,.facts-section,details.other,table.criteria tr.row-met,table.criteria tr.row-not_applicable{display:none}.print-only{display:block}.quote .extra{display:none}
 a{color:inherit;text-decoration:none}
 h2{break-after:avoid;margin-top:16px}h3,h4{break-after:avoid}.quote,tr{break-inside:avoid}
 .page-text{font-size:8.5pt;line-height:1.3;padding:6px}.page{break-inside:auto}
 mark,.sw,.status{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 :target{outline:none;box-shadow:none}
}
@page{margin:14mm 12mm}
`;

const cls = (s: string): string => s.replace(/[^a-zA-Z0-9_-]/g, '');
const evId = (factId: string, i: number): string => `ev-${cls(factId)}-${i}`;

interface Ctx {
  facts: Map<string, Fact>;
  pages: string[] | undefined;
  /** Evidence highlighted in the source view ("f3/0"), so quotes can link to it. */
  anchored: Set<string>;
  ocrPages: Set<number>;
  /** OCR'd pages as images with their words' boxes (src/ingest/page-images.ts). */
  images: Map<number, PageImage>;
  /** Fact id → quote number, in the order facts are first quoted. */
  quoted: Map<string, number>;
}

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

  const anchored = new Set<string>();
  const pageMarks = new Map<number, { marks: Mark[]; mismatched: number }>();
  for (let n = 1; n <= pageCount; n++) {
    const text = pages?.[n - 1];
    if (text === undefined) continue;
    const { marks, mismatched } = marksForPage(review, n, text);
    for (const m of marks) anchored.add(`${m.factId}/${m.evidenceIndex}`);
    pageMarks.set(n, { marks, mismatched: mismatched.length });
  }
  const ctx: Ctx = { facts, pages, anchored, ocrPages: new Set(doc.ocrPages), images: new Map((images ?? []).map((i) => [i.page, i])), quoted: new Map() };

  const flags = topFlags(review);
  const alts = review.determination === 'meets' || review.determination === 'no_request_found' ? [] : alternatives(review);
  const title = gov ? `Medical necessity assessment: ${requestPhrase(gov)}` : 'Medical necessity assessment';
  const h: string[] = [];
  h.push('<!doctype html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>mednec review: ${esc(doc.name)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>', '<div class="wrap">');
  h.push(`<header><h1>${esc(sentenceCase(title))}</h1><div class="sub">${esc(doc.name)} · ${esc(documentText(review))}</div>`);
  h.push(`<p class="notice" role="note"><strong>${esc(DISCLAIMER)}</strong></p>`);
  h.push('<nav class="toc" aria-label="Contents"><ol>' + [
    ['determination', 'Determination'], ['deficiencies', 'Deficiencies'], ['codes', 'Code decisions'], ...(alts.length ? [['alternatives', 'Alternatives']] : []), ['would-meet', 'What would make it meet'],
    ['criteria', 'Policy criteria'], ['facts', 'Facts found'], ['source', 'Source document'],
  ].map(([id, t]) => `<li><a href="#${id}">${t}</a></li>`).join('') + '</ol></nav></header>');
  h.push('<main>');

  // 1. The determination and why.
  h.push('<section id="determination" aria-labelledby="determination-h"><h2 id="determination-h">Primary determination</h2><div class="determination">');
  h.push(`<p class="det o-${cls(review.determination)}">${esc(determinationLabel(review.determination))}</p>`);
  h.push(`<p>${esc(whyParagraph(review, gov, flags))}</p>`);
  if (gov) {
    h.push('<dl>');
    h.push(`<dt>Governing policy</dt><dd>${esc(gov.policyTitle ?? policyName(gov.policy))}${gov.verifiedOn ? ` <span class="meta">(checked ${esc(gov.verifiedOn)})</span>` : ''}</dd>`);
    if (gov.governingBasis) h.push(`<dt>Why this policy</dt><dd>${esc(sentenceCase(plain(gov.governingBasis)))}</dd>`);
    const counts = statusCounts(gov.criteria);
    if (counts) h.push(`<dt>Criteria</dt><dd>${counts}</dd>`);
    h.push('</dl>');
  }
  h.push('</div>');
  const diags = Array.isArray(review.diagnostics) ? review.diagnostics.filter((d) => d.severity !== 'info') : [];
  if (diags.length) {
    h.push('<p class="notice"><strong>Reading the document:</strong></p><ul>');
    for (const d of diags) h.push(`<li>${esc(sentenceCase(plain(d.message)))}${d.page ? ` (page ${d.page})` : ''}</li>`);
    h.push('</ul>');
  }
  h.push('</section>');

  // 2. Deficiencies, grouped as the seeds group them.
  h.push('<section id="deficiencies" aria-labelledby="deficiencies-h"><h2 id="deficiencies-h">Deficiencies in medical necessity</h2>');
  if (flags.length === 0) h.push('<p>No deficiencies were found in the documentation.</p>');
  for (const g of [...DEFICIENCY_GROUPS, { ...OTHER_GROUP, codes: [] as string[] }]) {
    const mine = flags.filter((f) => groupOf(f.code).id === g.id);
    if (mine.length === 0) continue;
    h.push(`<section aria-labelledby="group-${g.id}"><h3 id="group-${g.id}">${esc(g.title)}</h3>`);
    mine.forEach((f) => h.push(flagHtml(f, ctx)));
    h.push('</section>');
  }
  h.push('</section>');

  // 3. Per-line code decisions.
  const flagMessages = new Map(flags.map((f) => [f.code, f.message]));
  h.push('<section id="codes" aria-labelledby="codes-h"><h2 id="codes-h">Specific code decisions</h2>');
  if (!gov || gov.items.length === 0) h.push('<p class="meta">No billed lines were found.</p>');
  else {
    h.push('<table class="codes"><thead><tr><th scope="col">Line</th><th scope="col">Recommendation</th><th scope="col">Why</th></tr></thead><tbody>');
    for (const it of gov.items) {
      const rec = recommendation(it, gov);
      const line = [it.code, it.modifiers.length ? `-${it.modifiers.join('-')}` : '', it.units ? ` × ${it.units}` : ''].join('');
      h.push(`<tr><td>${line ? `<strong>${esc(line)}</strong><br>` : ''}${esc(plain(it.item))}</td>` +
        `<td><span class="rec rec-${rec.kind}">${esc(rec.text)}</span></td><td>${esc(itemReason(it, gov, flagMessages))}</td></tr>`);
    }
    h.push('</tbody></table>');
  }
  h.push('</section>');

  // 4. Alternative management the notes support.
  if (alts.length) {
    h.push('<section id="alternatives" aria-labelledby="alternatives-h"><h2 id="alternatives-h">Alternative management the notes support</h2>');
    for (const a of alts) h.push(`<h3>${esc(a.title)}</h3><p>${esc(a.text)}</p>${cite(a.facts, ctx)}`);
    h.push('</section>');
  }

  // 5. What would make the request meet (the seeds' future consideration criteria).
  h.push('<section id="would-meet" aria-labelledby="would-meet-h"><h2 id="would-meet-h">What would make the request meet</h2>');
  const meet = wouldMeet(gov, flags);
  if (meet.length === 0) {
    h.push(`<p>${review.determination === 'meets' ? 'The request meets the governing criteria as documented.'
      : review.determination === 'no_request_found' ? 'There is no request to evaluate: a note that names the procedure, its levels and codes would be reviewed against the policy criteria.'
      : 'No specific documentation step was identified.'}</p>`);
  }
  else h.push(`<ul class="meet">${meet.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`);
  h.push('</section>');

  // 5. The policy criteria, governing first; the others folded.
  h.push('<section id="criteria" aria-labelledby="criteria-h"><h2 id="criteria-h">Policy criteria</h2>');
  for (const r of reviews) {
    const table = criteriaTable(r, ctx);
    if (r === gov) {
      h.push(`<h3 id="policy-${cls(r.policy)}">${esc(r.policyTitle ?? policyName(r.policy))} <span class="meta">— governing, ${esc(determinationLabel(r.outcome).toLowerCase())}</span></h3>${table}`);
    } else {
      h.push(`<details class="other" id="policy-${cls(r.policy)}"><summary>${esc(r.policyTitle ?? policyName(r.policy))} — ${esc(determinationLabel(r.outcome).toLowerCase())}</summary>${table}</details>`);
    }
  }
  if (reviews.length === 0) h.push('<p class="meta">No policy applied: no requested procedure was found.</p>');
  h.push('</section>');

  // 6. Every fact, in words, each linked to its highlight.
  h.push('<section id="facts" class="facts-section" aria-labelledby="facts-h"><h2 id="facts-h">Facts found in the document</h2>');
  for (const g of TYPE_GROUPS) {
    const list = [...facts.values()].filter((f) => typeGroup(f.type) === g.id);
    if (list.length === 0) continue;
    h.push(`<h3><span class="sw g-${g.id}" aria-hidden="true"></span>${esc(g.label)}</h3><ul class="facts">`);
    for (const f of list) {
      const q = ctx.quoted.get(f.id);
      // Without the source view (no page texts), the fact list quotes the evidence itself.
      const where = evidenceOf(f).map((e, i) => ctx.anchored.has(`${f.id}/${i}`)
        ? pageLink(f.id, i, e.page, ctx) : `“${esc(e.text.replace(/\s+/g, ' ').trim())}” ${pageLink(f.id, i, e.page, ctx)}`).join(' ');
      h.push(`<li id="fact-${cls(f.id)}">${esc(sentenceCase(factSummary(f)))} <span class="refs">${where}${q ? ` · <a class="ref" href="#q-${cls(f.id)}">[${q}]</a>` : ''}</span></li>`);
    }
    h.push('</ul>');
  }
  h.push('</section>');

  // 7. The source, every evidence span highlighted.
  h.push('<section id="source" aria-labelledby="source-h"><h2 id="source-h">Source document</h2>');
  if (pageMarks.size === 0) h.push('<p class="meta">The page texts were not provided to the report; the evidence is quoted above.</p>');
  else {
    h.push('<p class="meta">Highlighted: every passage the review relies on, coloured by kind. Select a highlight to go to where the review quotes it.</p>');
    h.push(`<ul class="legend" aria-label="Highlight colours">${TYPE_GROUPS.map((g) => `<li><span class="sw g-${g.id}" aria-hidden="true"></span>${esc(g.label)}</li>`).join('')}<li><span class="sw g-admin" style="background-image:repeating-linear-gradient(135deg,transparent 0 4px,rgba(0,0,0,.18) 4px 6px)" aria-hidden="true"></span>Several facts overlap</li></ul>`);
    for (const [n, pm] of pageMarks) h.push(renderPage(n, pages![n - 1]!, pm.marks, pm.mismatched, ctx));
  }
  h.push('</section>');
  h.push('</main>');
  h.push(`<footer>${esc(DISCLAIMER)} Generated by mednec from ${esc(doc.name)} (SHA-256 ${esc(doc.id.slice(0, 16))}…).</footer>`);
  h.push('</div>', '</body>', '</html>', '');
  return h.join('\n');
}

function documentText(review: ReviewOutput): string {
  const d = review.document;
  const parts = [`${d.pages} page${d.pages === 1 ? '' : 's'}`];
  if (d.ocrPages.length) parts.push(`page${d.ocrPages.length > 1 ? 's' : ''} ${d.ocrPages.join(', ')} read by OCR`);
  if (d.emptyPages?.length) parts.push(`no text on page${d.emptyPages.length > 1 ? 's' : ''} ${d.emptyPages.join(', ')}`);
  return parts.join(' · ');
}

function statusCounts(criteria: ReportCriterion[]): string {
  const order = ['not_met', 'not_documented', 'met', 'not_applicable'];
  const n = new Map<string, number>();
  for (const c of criteria) n.set(c.status, (n.get(c.status) ?? 0) + 1);
  return order.filter((s) => n.get(s)).map((s) => `<span class="status s-${s}">${n.get(s)} ${esc(statusLabel(s))}</span>`).join(' ');
}

function wouldMeet(gov: ReportReview | undefined, flags: Flag[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    const t = sentenceCase(plain(s).replace(/\s+$/, ''));
    const k = t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    if (!t || seen.has(k)) return;
    seen.add(k);
    out.push(/[.!?]$/.test(t) ? t : `${t}.`);
  };
  for (const w of gov?.wouldMeet ?? []) add(w.action);
  for (const f of flags) { const fix = splitMessage(f.message).fix; if (fix) add(fix); }
  return out;
}

function pageLink(factId: string, i: number, page: number, ctx: Ctx, conf: number | null = null): string {
  // Quotes from OCR'd pages say so, with their words' lowest confidence.
  const ocr = ctx.ocrPages.has(page);
  const label = `p.\u00a0${page}${ocr ? (conf === null ? ' (OCR)' : ` (OCR ${Math.round(conf)}%)`) : ''}`;
  return ctx.anchored.has(`${factId}/${i}`)
    ? `<a class="p" href="#${evId(factId, i)}" title="page ${page}${ocr ? `, read by OCR${conf === null ? '' : ` (lowest word confidence ${Math.round(conf)}%)`}: check against the image` : ''}">${label}</a>`
    : `<span class="meta">${label}</span>`;
}

/** The first citation of a fact quotes its sentence(s); later ones refer to that quote. */
function cite(ids: string[], ctx: Ctx): string {
  const quotes: string[] = [];
  const refs: string[] = [];
  for (const id of [...new Set(ids)]) {
    const f = ctx.facts.get(id);
    if (!f) continue;
    const n = ctx.quoted.get(id);
    if (n !== undefined) { refs.push(`<a class="ref" href="#q-${cls(id)}" title="${esc(factSummary(f))}">[${n}]</a>`); continue; }
    const q = ctx.quoted.size + 1;
    ctx.quoted.set(id, q);
    quotes.push(quoteHtml(f, q, ctx));
  }
  return quotes.join('') + (refs.length ? `<p class="refs">Also relies on ${refs.join(' ')}</p>` : '');
}

/** One quote per distinct sentence of the fact, every evidence span of the fact in it highlighted. */
function quoteHtml(f: Fact, n: number, ctx: Ctx): string {
  const group = typeGroup(f.type);
  const ev = evidenceOf(f);
  const seen = new Set<string>();
  const parts: string[] = [];
  ev.forEach((e, i) => {
    const page = ctx.pages?.[e.page - 1];
    const s = sentenceOf(e, page);
    const key = s ? `${e.page}:${s.start}-${s.end}` : `${e.page}:${e.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    let body: string;
    if (s && page !== undefined) {
      const inSentence = ev.map((x, j) => ({ x, j })).filter(({ x }) => x.page === e.page && x.start >= s.start && x.end <= s.end);
      body = highlighted(page, s, inSentence.map(({ x }) => x), group);
    } else {
      body = `<mark class="g-${group}">${esc(e.text.replace(/\s+/g, ' ').trim())}</mark>`;
    }
    parts.push(`<blockquote>“${body}”</blockquote><span class="where">${pageLink(f.id, i, e.page, ctx, evidenceConfidence(e))}</span>`);
  });
  // On paper the first two passages stand for the fact; the rest are highlighted in the source.
  const shown = parts.slice(0, 2).join('<br>');
  const extra = parts.length > 2 ? `<span class="extra"><br>${parts.slice(2).join('<br>')}</span><span class="print-only meta">(${parts.length - 2} more passage${parts.length > 3 ? 's' : ''} highlighted in the source)</span>` : '';
  const verify = verifyNote(f);
  return `<div class="quote" id="q-${cls(f.id)}"><span class="qn">[${n}]</span><span class="meta">${esc(sentenceCase(factSummary(f)))}:</span>` +
    `${verify ? `<span class="verify">⚠ ${esc(verify)}</span>` : ''}<br>${shown}${extra}</div>`;
}

function highlighted(page: string, s: { start: number; end: number }, spans: Evidence[], group: string): string {
  const cuts = new Set<number>([s.start, s.end]);
  for (const e of spans) { cuts.add(e.start); cuts.add(e.end); }
  const pts = [...cuts].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!, b = pts[i + 1]!;
    const t = esc(page.slice(a, b).replace(/\s+/g, ' '));
    out += spans.some((e) => e.start <= a && e.end >= b) ? `<mark class="g-${group}">${t}</mark>` : t;
  }
  return out.trim();
}

function flagHtml(f: Flag, ctx: Ctx): string {
  const { problem, fix } = splitMessage(f.message);
  const id = `flag-${cls(f.code)}`;
  return `<article class="flag ${cls(f.severity)}" id="${id}" aria-labelledby="${id}-h"><h4 id="${id}-h"><span class="sev sev-${cls(f.severity)}">${esc(f.severity)}</span> · ${esc(flagTitle(f.code))}</h4>` +
    `<p>${esc(sentenceCase(problem))}.</p>${fix ? `<p class="fix">${esc(fix)}</p>` : ''}` +
    (f.evidence.length ? cite(f.evidence, ctx) : '<p class="meta">Nothing in the document addresses this: the criteria need it documented.</p>') + '</article>';
}

function criteriaTable(r: ReportReview, ctx: Ctx): string {
  if (r.criteria.length === 0) return '<p class="meta">No criteria apply.</p>';
  const rows = r.criteria.map((c) => {
    const refs = [...new Set(c.evidence)].map((id) => {
      const f = ctx.facts.get(id);
      if (!f) return '';
      const n = ctx.quoted.get(id);
      if (n !== undefined) return `<a class="ref" href="#q-${cls(id)}" title="${esc(factSummary(f))}">[${n}]</a>`;
      const i = evidenceOf(f).findIndex((_, k) => ctx.anchored.has(`${id}/${k}`));
      return i >= 0 ? `<a class="ref" href="#${evId(id, i)}" title="${esc(factSummary(f))}">${esc(typeWords(f.type))}, p.\u00a0${evidenceOf(f)[i]!.page}</a>` : esc(typeWords(f.type));
    }).filter(Boolean).join(' ');
    const unverified = c.confidence === 'UNCONFIRMED' ? ' <span class="meta">(threshold not verified against the published policy)</span>' : '';
    return `<tr id="crit-${cls(r.policy)}-${cls(c.id)}" class="row-${cls(c.status)}"><td><span class="status s-${cls(c.status)}">${esc(statusLabel(c.status))}</span></td>` +
      `<td>${esc(plain(c.text))}${unverified}</td><td>${esc(sentenceCase(plain(c.reason)))}${refs ? ` <span class="refs">${refs}</span>` : ''}</td></tr>`;
  });
  const met = r.criteria.filter((c) => c.status === 'met' || c.status === 'not_applicable').length;
  const printNote = met ? `<p class="print-only meta">${met} criteria met or not applicable are listed in the on-screen report.</p>` : '';
  return `${printNote}<table class="criteria"><thead><tr><th scope="col">Status</th><th scope="col">Criterion</th><th scope="col">Finding and evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderPage(n: number, text: string, marks: Mark[], mismatched: number, ctx: Ctx): string {
  const seen = new Set<string>();
  const body = segments(text, marks).map((s) => {
    const t = esc(text.slice(s.start, s.end));
    if (s.marks.length === 0) return t;
    const title = [...new Set(s.marks.map((m) => factSummary(ctx.facts.get(m.factId)!)))].join('; ');
    const ev = s.marks.map((m) => `${m.factId}/${m.evidenceIndex}`);
    // The first segment of each span carries its anchor, so quotes can link to it.
    const ids = ev.filter((k) => !seen.has(k));
    ids.forEach((k) => seen.add(k));
    const [f0, i0] = (ids[0] ?? '').split('/');
    const id = ids.length ? ` id="${evId(f0!, Number(i0))}"` : '';
    const extra = ids.slice(1).map((k) => { const [f, i] = k.split('/'); return `<a id="${evId(f!, Number(i))}"></a>`; }).join('');
    const first = s.marks[0]!;
    const back = ctx.quoted.has(first.factId) ? `#q-${cls(first.factId)}` : `#fact-${cls(first.factId)}`;
    const group = typeGroup(first.type);
    return `${extra}<a class="evl" href="${back}"><mark${id} class="g-${group}${s.marks.length > 1 ? ' multi' : ''}" title="${esc(title)}" data-ev="${esc(ev.join(' '))}">${t}</mark></a>`;
  }).join('');
  const ocr = ctx.ocrPages.has(n);
  const note = mismatched ? ` <span class="meta">(${mismatched} evidence span${mismatched > 1 ? 's' : ''} did not match this page's text and ${mismatched > 1 ? 'are' : 'is'} not highlighted)</span>` : '';
  return `<section class="page" id="page-${n}" aria-labelledby="page-${n}-h"><h3 id="page-${n}-h">Page ${n}${ocr ? ' <span class="meta">(read by OCR)</span>' : ''}${note}</h3>` +
    `<div class="page-body">${pageImageHtml(n, marks, ctx)}<pre class="page-text">${body}</pre></div></section>`;
}

/** The fax itself beside its text: every evidence span boxed where OCR read its words. */
function pageImageHtml(n: number, marks: Mark[], ctx: Ctx): string {
  const image = ctx.images.get(n);
  if (!image || !/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(image.src)) return '';
  const pct = (v: number) => `${(Math.min(1, Math.max(0, v)) * 100).toFixed(2)}%`;
  // A little margin round the words, so the box frames them rather than covering their strokes.
  const pad = (b: [number, number, number, number]): [number, number, number, number] =>
    [Math.max(0, b[0] - 0.003), Math.max(0, b[1] - 0.002), Math.min(1, b[2] + 0.003), Math.min(1, b[3] + 0.002)];
  const boxes = evidenceBoxes(marks, image.words).map(({ mark, box: raw }) => {
    const box = pad(raw);
    const f = ctx.facts.get(mark.factId);
    return `<a class="box" href="#${evId(mark.factId, mark.evidenceIndex)}" data-ev="${esc(`${mark.factId}/${mark.evidenceIndex}`)}" ` +
      `title="${esc(f ? factSummary(f) : mark.factId)}" aria-label="${esc(`evidence on the image: ${f ? factSummary(f) : mark.factId}`)}" style="left:${pct(box[0])};top:${pct(box[1])};width:${pct(box[2] - box[0])};height:${pct(box[3] - box[1])}"></a>`;
  }).join('');
  return `<figure class="pimg"><img src="${image.src}" alt="page ${n} as received">${boxes}</figure>`;
}
