/** Test helpers shared across suites. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../src/resources.ts';
import type { ReviewOutput } from '../src/schema/review.ts';
import type { Source } from '../src/model/doc.ts';

/** The shared folder (seeds, corpus): env MEDNEC_SHARED_DIR or ../shared beside the repository. */
export const SHARED_DIR = resolve(process.env.MEDNEC_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));
export const HAS_SHARED = existsSync(join(SHARED_DIR, 'corpus'));
if (!HAS_SHARED) console.warn(`[mednec tests] ${SHARED_DIR} not found: tests on the shared corpus are skipped`);

export function textSource(text: string, name = 'note.txt'): Source {
  return { id: '0'.repeat(64), name, mediaType: 'text/plain', pages: text.split('\f').map((t, i) => ({ n: i + 1, text: t, ocr: false })), ocrPages: [], emptyPages: [], diagnostics: [] };
}

/** Every fact's evidence must slice its page's text exactly (CONTRACT.md Fact). */
export function evidenceProblems(review: ReviewOutput, pages: string[]): string[] {
  const out: string[] = [];
  for (const f of review.facts) {
    for (const e of f.evidence) {
      const page = pages[e.page - 1];
      if (page === undefined) out.push(`${f.id}: page ${e.page} does not exist`);
      else if (page.slice(e.start, e.end) !== e.text) out.push(`${f.id}: evidence ${e.start}-${e.end} on page ${e.page} does not slice "${e.text.slice(0, 40)}"`);
      else if (e.end <= e.start) out.push(`${f.id}: empty evidence span`);
    }
  }
  return out;
}
