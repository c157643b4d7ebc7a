import type { ReviewOutput } from '../schema/review.ts';

export function renderReport(review: ReviewOutput, format: 'md' | 'html'): string {
  const lines = [`# mednec review: ${review.document.name}`, '', `Determination: **${review.determination}**`];
  return format === 'md' ? lines.join('\n') + '\n' : `<!doctype html><meta charset="utf-8"><pre>${lines.join('\n')}</pre>\n`;
}
