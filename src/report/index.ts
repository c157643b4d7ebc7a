/**
 * Reviewer reports from a review: Markdown or a self-contained HTML file. `pages` are the page
 * texts the evidence offsets refer to (after OCR); with them the HTML shows the document with every
 * evidence span highlighted, without them the report quotes the evidence only.
 */
import type { ReviewOutput } from '../schema/review.ts';
import type { PageImage } from './model.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './md.ts';
import { renderFhir } from './fhir.ts';

export type ReportFormat = 'md' | 'html' | 'fhir';

/** `images` (HTML only): OCR'd pages as images with their words' boxes, evidence boxed on them. */
export function renderReport(review: ReviewOutput, format: ReportFormat, pages?: string[], images?: PageImage[]): string {
  if (format === 'fhir') return JSON.stringify(renderFhir(review), null, 2) + '\n';
  return format === 'md' ? renderMarkdown(review, pages) : renderHtml(review, pages, images);
}

export { renderHtml } from './html.ts';
export { renderMarkdown } from './md.ts';
export { DISCLAIMER, type PageImage } from './model.ts';
