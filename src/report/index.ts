/**
 * Reviewer reports from a review: Markdown or a self-contained HTML file. `pages` are the page
 * texts the evidence offsets refer to (after OCR); with them the HTML shows the document with every
 * evidence span highlighted, without them the report quotes the evidence only.
 */
import type { ReviewOutput } from '../schema/review.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './md.ts';
import { renderFhir } from './fhir.ts';

export type ReportFormat = 'md' | 'html' | 'fhir';

export function renderReport(review: ReviewOutput, format: ReportFormat, pages?: string[]): string {
  if (format === 'fhir') return JSON.stringify(renderFhir(review), null, 2) + '\n';
  return format === 'md' ? renderMarkdown(review, pages) : renderHtml(review, pages);
}

export { renderHtml } from './html.ts';
export { renderMarkdown } from './md.ts';
export { DISCLAIMER } from './model.ts';
