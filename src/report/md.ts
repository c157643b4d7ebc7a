/**
 * Markdown reviewer report. Note text is quoted, never interpreted: every piece of document text
 * is escaped so a note containing markup or HTML renders as the characters it holds.
 */
import type { Fact, Flag, ReviewOutput } from '../schema/review.ts';
import {
  requestText,
  DISCLAIMER, attributeText, decisionLabel, determinationLabel, evidenceOf, factIndex, factLabel, factsByType,
  marksForPage, reportReviews, statusLabel, topFlags, words, type ReportCriterion, type ReportReview,
  evidenceConfidence, verifyNote,
} from './model.ts';
import { whyParagraph } from './voice.ts';

const STATUS_ICON: Record<string, string> = { met: '✅', not_met: '❌', not_documented: '❔', not_applicable: '➖' };
const SEVERITY_ICON: Record<string, string> = { critical: '🔴', major: '🟠', minor: '🟡' };

/** Inline text: markdown punctuation backslash-escaped, HTML special characters as entities. */
export function mdEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}#|!~])/g, '\\$1').replace(/\r\n?|\n/g, ' ');
}

/** A quote block of source text, line breaks kept. */
function quote(text: string, indent = ''): string[] {
  // A leading "-", "+" or "1." in a note line would start a list inside the quote.
  return text.split(/\r\n?|\n/).map((l) => {
    const escaped = mdEscape(l).replace(/^(\s*)([-+])(\s)/, '$1\\$2$3').replace(/^(\s*)(\d+)([.)])(\s)/, '$1$2\\$3$4');
    return `${indent}> ${escaped}`.trimEnd();
  });
}

export function renderMarkdown(review: ReviewOutput, pages?: string[]): string {
  const facts = factIndex(review);
  const reviews = reportReviews(review);
  const gov = reviews.find((r) => r.governing) ?? reviews[0];
  const doc = review.document;
  const out: string[] = [];

  out.push(`# Medical-necessity review: ${mdEscape(doc.name)}`, '');
  out.push(`> **${mdEscape(DISCLAIMER)}**`, '');
  out.push('| | |', '|---|---|');
  out.push(`| **Determination** | **${determinationLabel(review.determination)}** |`);
  if (gov) {
    out.push(`| Governing policy | ${mdEscape(gov.policyTitle ?? gov.policy)} (${mdEscape(gov.policy)}) |`);
    if (gov.governingBasis) out.push(`| Why this policy | ${mdEscape(gov.governingBasis)} |`);
    out.push(`| Request | ${mdEscape(requestText(gov))} |`);
    out.push(`| Outcome | ${STATUS_ICON[gov.outcome === 'meets' ? 'met' : gov.outcome === 'does_not_meet' ? 'not_met' : 'not_documented']} ${determinationLabel(gov.outcome)} |`);
  }
  out.push(`| Document | ${mdEscape(documentText(review))} |`, '');
  out.push(mdEscape(whyParagraph(review, gov, topFlags(review))), '');

  const diags = Array.isArray(review.diagnostics) ? review.diagnostics : [];
  if (diags.length) {
    out.push('**Reading the document:**', '');
    for (const d of diags) out.push(`- ${d.severity}: ${mdEscape(d.message)}${d.page ? ` (page ${d.page})` : ''} (${mdEscape(d.code)})`);
    out.push('');
  }

  const flags = topFlags(review);
  out.push('## Findings', '');
  if (flags.length === 0) out.push('No flags were raised.', '');
  for (const f of flags) out.push(...flagBlock(f, facts, '###', doc.ocrPages));

  for (const r of reviews) out.push(...reviewBlock(r, facts, doc.ocrPages));

  out.push('## Facts', '');
  for (const [type, list] of factsByType(review)) {
    out.push(`### ${mdEscape(words(type))}`, '', '| id | assertion | attributes | evidence |', '|---|---|---|---|');
    for (const f of list) {
      const ev = evidenceOf(f).map((e) => `p.${e.page} “${mdEscape(e.text)}”`).join('<br>');
      const assertion = f.assertion + (f.experiencer === 'other' ? ', other person' : '') + (f.historical ? ', historical' : '');
      out.push(`| ${mdEscape(f.id)} | ${mdEscape(assertion)} | ${mdEscape(attributeText(f))} | ${ev} |`);
    }
    out.push('');
  }

  out.push('## Evidence by page', '');
  const pageCount = Math.max(doc.pages ?? 0, pages?.length ?? 0);
  for (let n = 1; n <= pageCount; n++) {
    const ocr = doc.ocrPages.includes(n) ? ' (OCR)' : '';
    out.push(`### Page ${n}${ocr}`, '');
    const spans = pageSpans(review, facts, n, pages?.[n - 1]);
    if (spans.length === 0) out.push('No evidence on this page.', '');
    for (const s of spans) {
      out.push(`- **${mdEscape(s.label)}**, characters ${s.start}–${s.end}${s.mismatch ? ' ⚠ the quote does not match the page text at these offsets' : ''}`);
      out.push(...quote(s.text, '  '), '');
    }
  }
  out.push('---', '', `*${mdEscape(DISCLAIMER)}*`, '');
  return out.join('\n');
}

function documentText(review: ReviewOutput): string {
  const d = review.document;
  const parts = [d.name, `${d.pages} page${d.pages === 1 ? '' : 's'}`];
  if (d.ocrPages.length) parts.push(`OCR: page${d.ocrPages.length > 1 ? 's' : ''} ${d.ocrPages.join(', ')}`);
  if (d.emptyPages?.length) parts.push(`no text: page${d.emptyPages.length > 1 ? 's' : ''} ${d.emptyPages.join(', ')}`);
  parts.push(`sha256 ${d.id.slice(0, 12)}…`);
  return parts.join(' · ');
}

function citations(ids: string[], facts: Map<string, Fact>, indent: string, ocrPages: number[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const f = facts.get(id);
    const ev = evidenceOf(f);
    const verify = verifyNote(f);
    out.push(`${indent}- **${mdEscape(factLabel(f, id))}**${f ? ` — ${mdEscape(attributeText(f)) || 'no attributes'}` : ''}${verify ? ` — ⚠ **${verify}**` : ''}`);
    for (const e of ev) {
      const c = evidenceConfidence(e);
      const ocr = ocrPages.includes(e.page) ? (c === null ? ' (OCR)' : ` (OCR ${Math.round(c)}%)`) : '';
      out.push(`${indent}  page ${e.page}${ocr}:`, ...quote(e.text, `${indent}  `));
    }
  }
  return out;
}

function flagBlock(f: Flag, facts: Map<string, Fact>, heading: string, ocrPages: number[]): string[] {
  return [
    `${heading} ${SEVERITY_ICON[f.severity] ?? ''} ${f.severity}: ${mdEscape(f.code)}`, '',
    mdEscape(f.message), '',
    ...(f.evidence.length ? ['Evidence:', '', ...citations(f.evidence, facts, '', ocrPages), ''] : ['No evidence cited (an absence the criteria need).', '']),
  ];
}

function criterionBlock(c: ReportCriterion, facts: Map<string, Fact>, ocrPages: number[]): string[] {
  const out = [`#### ${STATUS_ICON[c.status] ?? ''} ${mdEscape(c.id)}: ${statusLabel(c.status)}`, '', `*${mdEscape(c.text)}*`, ''];
  if (c.reason) out.push(`Reason: ${mdEscape(c.reason)}`, '');
  if (c.thresholds.length) {
    out.push(`Thresholds: ${c.thresholds.map((t) => `${mdEscape(t.name)} = ${mdEscape(t.value)}${t.source ? ` (${mdEscape(t.source)})` : ''}`).join('; ')}`, '');
  }
  if (c.source || c.confidence) out.push(`Source: ${mdEscape(c.source ?? '')}${c.confidence ? ` · confidence ${mdEscape(c.confidence)}` : ''}`, '');
  if (c.evidence.length) out.push('Evidence:', '', ...citations(c.evidence, facts, '', ocrPages), '');
  return out;
}

function reviewBlock(r: ReportReview, facts: Map<string, Fact>, ocrPages: number[]): string[] {
  const out = [`## ${mdEscape(r.policy)}${r.governing ? ' (governing)' : ''}: ${determinationLabel(r.outcome)}`, ''];
  if (r.policyTitle) out.push(`**${mdEscape(r.policyTitle)}**${r.policyVersion ? ` · ${mdEscape(r.policyVersion)}` : ''}${r.verifiedOn ? ` · verified ${mdEscape(r.verifiedOn)}` : ''}`, '');
  if (r.citation) out.push(`Citation: ${mdEscape(r.citation)}`, '');
  out.push(`Request: ${mdEscape(requestText(r))}`, '');
  if (r.criteria.length) {
    out.push('| | criterion | status | reason |', '|---|---|---|---|');
    for (const c of r.criteria) out.push(`| ${STATUS_ICON[c.status] ?? ''} | ${mdEscape(c.id)} | ${statusLabel(c.status)} | ${mdEscape(c.reason)} |`);
    out.push('', '### Criteria', '');
    for (const c of r.criteria) out.push(...criterionBlock(c, facts, ocrPages));
  }
  if (r.items.length) {
    out.push('### Line items', '', '| item | code | units | modifiers | decision | reason |', '|---|---|---|---|---|---|');
    for (const i of r.items) {
      out.push(`| ${mdEscape(i.item)} | ${mdEscape(i.code ?? '')} | ${i.units ?? ''} | ${mdEscape(i.modifiers.join(', '))} | **${decisionLabel(i.decision)}** | ${mdEscape(i.reason)} |`);
    }
    out.push('');
  }
  if (r.wouldMeet.length) {
    out.push('### What would make it meet', '');
    for (const w of r.wouldMeet) out.push(`- **${mdEscape(w.criterion)}**${w.status ? ` (${statusLabel(w.status)})` : ''}: ${mdEscape(w.action)}`);
    out.push('');
  }
  if (r.flags.length) {
    out.push('### Flags under this policy', '');
    for (const f of r.flags) out.push(`- ${SEVERITY_ICON[f.severity] ?? ''} ${f.severity} **${mdEscape(f.code)}**: ${mdEscape(f.message)} (${f.evidence.map(mdEscape).join(', ') || 'no facts'})`);
    out.push('');
  }
  return out;
}

interface PageSpan { label: string; start: number; end: number; text: string; mismatch: boolean }
function pageSpans(review: ReviewOutput, facts: Map<string, Fact>, n: number, pageText: string | undefined): PageSpan[] {
  const spans: PageSpan[] = [];
  const mismatched = pageText === undefined ? null : new Set(marksForPage(review, n, pageText).mismatched.map((m) => `${m.factId}/${m.evidenceIndex}`));
  for (const f of facts.values()) {
    evidenceOf(f).forEach((e, i) => {
      if (e.page !== n) return;
      spans.push({ label: factLabel(f, f.id), start: e.start, end: e.end, text: e.text, mismatch: mismatched?.has(`${f.id}/${i}`) ?? false });
    });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}
