/**
 * The QA run: find gold files, review each note in process, score, and attach note text around
 * every miss and false positive. I/O lives here; scoring is pure (score.ts). Progress and skips go
 * to the caller's callback, never to stdout, and never with note text.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '../errors/index.ts';
import { readSourceFile, type OcrEngine } from '../ingest/index.ts';
import { reviewSource } from '../pipeline/review.ts';
import { loadResources, REPO_ROOT, type Resources } from '../resources.ts';
import type { ReviewOutput } from '../schema/review.ts';
import { goldSnippet, predictedSnippet, type PageText } from './context.ts';
import { attributeDetermination } from './attribution.ts';
import { discoverGold, HELD_OUT_MARKER, sharedDir, type Form } from './gold.ts';
import { scoreNote, summarize, type NoteResult, type QaSummary } from './score.ts';

export interface QaOptions {
  types?: ReadonlySet<string>;
  /** Also score gold files in subfolders. */
  recursive?: boolean;
  /** Where `shared:` notes live; default MEDNEC_SHARED_DIR or <repo>/../shared. */
  sharedDir?: string;
  resources?: Resources;
  ocr?: OcrEngine | null;
  /** Paths in results are written relative to this folder (default: the working directory). */
  cwd?: string;
  /** Score each packet in these forms (files beside the gold, gold.ts FORMS) instead of its one note. */
  forms?: readonly Form[];
  /** A folder named that does not exist (the run goes on with the others). */
  onMissing?: (dir: string) => void;
  onSkip?: (goldPath: string, reason: string) => void;
  onProgress?: (done: number, total: number, goldPath: string) => void;
}

export interface QaRun {
  dirs: string[];
  types?: string[];
  results: NoteResult[];
  skipped: { goldPath: string; reason: string }[];
  /** Folders named that do not exist. */
  missing?: string[];
  summary: QaSummary;
}

async function fingerprint(goldPath: string, notePath: string): Promise<string> {
  const h = createHash('sha256');
  h.update(await readFile(goldPath));
  h.update('\0');
  h.update(await readFile(notePath).catch(() => Buffer.alloc(0)));
  return h.digest('hex').slice(0, 16);
}

export async function runQa(dirs: string[], opts: QaOptions = {}): Promise<QaRun> {
  const cwd = opts.cwd ?? process.cwd();
  const rel = (p: string) => relative(cwd, p) || p;
  const missing: string[] = [];
  const cases = await discoverGold(dirs, opts.sharedDir ?? sharedDir(REPO_ROOT), {
    recursive: opts.recursive, forms: opts.forms,
    onMissing: (d) => { missing.push(rel(d)); opts.onMissing?.(rel(d)); },
  });
  const resources = opts.resources ?? loadResources();
  const skipped: QaRun['skipped'] = [];
  const results: NoteResult[] = [];
  const todo = cases.filter((c) => {
    if (c.skip || !c.gold || !c.notePath) {
      skipped.push({ goldPath: rel(c.goldPath), reason: c.skip ?? 'unknown' });
      opts.onSkip?.(rel(c.goldPath), c.skip ?? 'unknown');
      return false;
    }
    return true;
  });
  for (const [k, c] of todo.entries()) {
    const ref = { goldPath: rel(c.goldPath), notePath: rel(c.notePath!), dir: rel(c.dir), fingerprint: await fingerprint(c.goldPath, c.notePath!),
      ...(c.form ? { form: c.form } : {}), ...(existsSync(join(c.dir, HELD_OUT_MARKER)) ? { heldout: true } : {}) };
    let pages: PageText[] = [];
    let review: ReviewOutput | null = null;
    let error: string | undefined;
    try {
      const source = await readSourceFile(c.notePath!, { ocr: opts.ocr ?? null });
      pages = source.pages.map((p) => ({ n: p.n, text: p.text }));
      review = reviewSource(source, { resources });
    } catch (e) {
      // A note that cannot be read is skipped (the gold cannot be checked); a pipeline crash is
      // scored as "nothing predicted" so it shows up in the numbers rather than vanishing.
      if (e instanceof InputError) {
        skipped.push({ goldPath: ref.goldPath, reason: `${e.code}: ${e.message}` });
        opts.onSkip?.(ref.goldPath, `${e.code}: ${e.message}`);
        continue;
      }
      error = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
    }
    const r = scoreNote(ref, c.gold!, review, { types: opts.types }, error);
    if (review && r.determination) {
      // The review re-run on the gold facts: for every note, the criteria's ceiling; for a
      // disagreeing one, why it disagrees.
      const a = attributeDetermination({ gold: c.gold!, review });
      if (a) { r.onGoldFacts = a.onGoldFacts; if (!r.determination.agree) r.attribution = a; }
    }
    for (const m of r.misses) {
      // The closest prediction places a miss only when it is the same thing by most attributes;
      // otherwise (home_exercise vs chiropractic) its evidence would point at the wrong words.
      const ok = m.closest?.attributes.filter((x) => x.status === 'ok').length ?? 0;
      const near = m.closest && ok * 2 >= m.closest.attributes.length ? m.closest.fact : undefined;
      const s = goldSnippet(pages, m.gold, near);
      if (s) m.context = s;
    }
    for (const fp of r.falsePositives) {
      const s = predictedSnippet(pages, fp.fact);
      if (s) fp.context = s;
    }
    results.push(r);
    opts.onProgress?.(k + 1, todo.length, ref.goldPath);
  }
  return {
    dirs: dirs.map(rel),
    ...(opts.types ? { types: [...opts.types].sort() } : {}),
    results,
    skipped,
    missing,
    summary: summarize(results),
  };
}
