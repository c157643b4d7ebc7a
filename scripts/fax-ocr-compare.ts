/**
 * OCR variants compared by numbers on faxed samples (README "OCR engines compared"): for each
 * variant, facts F1 / flags F1 / determinations against the gold (the `mednec qa` scorer), recall of
 * the source note's words and of its codes, levels and dates in the OCR text, and OCR CPU seconds
 * per page (this process and its tesseract/pdftoppm children, from /proc/self/stat).
 *
 *   npx tsx scripts/fax-ocr-compare.ts [--variants baseline,userwords,deskew] samples/fax/NAME.pdf...
 *
 * CPU is scarce (2 cores shared): run it on a few notes. Pages of a note are read one at a time
 * (concurrency 1) so CPU per page is not inflated by contention between them.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createTesseractEngine, findOcrTools, type TesseractOptions } from '../src/ingest/ocr.ts';
import { lexiconUserWords, OCR_USER_PATTERNS as USER_PATTERNS } from '../src/ingest/ocr-vocab.ts';
import { runQa } from '../src/qa/run.ts';

// Engine settings (createTesseractEngine's defaults are the bare engine; defaultOcrEngine adds the user words).
const VARIANTS: Record<string, () => TesseractOptions> = {
  baseline: () => ({}),
  userwords: () => ({ userWords: lexiconUserWords(), userPatterns: USER_PATTERNS }),
  deskew: () => ({ deskew: true }),
  'userwords+deskew': () => ({ deskew: true, userWords: lexiconUserWords(), userPatterns: USER_PATTERNS }),
};

/** User + system CPU seconds of this process and its waited-for children. */
function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8');
  const cols = f.slice(f.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 (utime, stime, cutime, cstime) are cols 11–14 after the ")".
  return [11, 12, 13, 14].reduce((s, i) => s + Number(cols[i]), 0) / 100;
}

const fx = (v: number | null): string => (v === null ? "-" : v.toFixed(3));
const tokens = (t: string) => t.split(/[\s,;:()]+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, '')).filter(Boolean);
const KEY = /^(?:L\d(?:-(?:S?\d|L\d))?|S\d|[A-Z]\d\d\.\d{1,4}[A-Z]?|\d{5}|\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d\d-\d\d|\d{1,3}%|\d{1,2}\/10)$/;

/** Share of the source's words (and of its key tokens) found in the OCR text, as multisets. */
function recall(source: string, ocr: string): { words: number; keys: number } {
  const have = new Map<string, number>();
  for (const w of tokens(ocr)) have.set(w, (have.get(w) ?? 0) + 1);
  let n = 0, hit = 0, kn = 0, khit = 0;
  for (const w of tokens(source)) {
    const key = KEY.test(w);
    n++; if (key) kn++;
    const c = have.get(w) ?? 0;
    if (c > 0) { hit++; if (key) khit++; have.set(w, c - 1); }
  }
  return { words: n ? hit / n : 0, keys: kn ? khit / kn : 0 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const vi = args.indexOf('--variants');
  const variants = vi >= 0 ? args.splice(vi, 2)[1]!.split(',') : ['baseline', 'userwords', 'deskew'];
  const files = args.map((f) => resolve(f));
  const tools = findOcrTools();
  if (!tools) throw new Error('tesseract/pdftoppm not installed');
  const dir = mkdtempSync(join(tmpdir(), 'mednec-ocr-compare-'));
  try {
    for (const f of files) {
      symlinkSync(f, join(dir, basename(f)));
      symlinkSync(`${f}.gold.json`, join(dir, `${basename(f)}.gold.json`));
    }
    console.log('| variant | notes | pages | facts P / R / F1 | flags F1 | determinations | source words | codes/levels/dates | CPU s/page |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const v of variants) {
      const make = VARIANTS[v];
      if (!make) throw new Error(`unknown variant ${v} (${Object.keys(VARIANTS).join(', ')})`);
      const engine = createTesseractEngine(tools, { ...make(), concurrency: 1 });
      // Recall of the source words: the same OCR once more would double the cost, so the QA run's
      // OCR is wrapped to keep each page's text.
      const texts: string[][] = [];
      const keeping = {
        ...engine,
        async recognizePages(pdf: Uint8Array, pages: number[]) {
          const r = await engine.recognizePages!(pdf, pages);
          texts.push([...r.values()].map((x) => x.text));
          return r;
        },
      };
      const t0 = cpuSeconds();
      const run = await runQa([dir], { ocr: keeping, onProgress: () => undefined, onSkip: (g, why) => console.error(`skip ${g}: ${why}`) });
      const cpu = cpuSeconds() - t0;
      let pages = 0, words = 0, keys = 0;
      for (const [i, r] of run.results.entries()) {
        const name = basename(r.notePath, '.pdf');
        const src = readFileSync(join(resolve('samples'), `${name}.txt`), 'utf8');
        // Notes are read in order, one OCR call each (all-image PDFs).
        const ocr = texts[i] ?? [];
        pages += ocr.length;
        const rc = recall(src, ocr.join('\n'));
        words += rc.words; keys += rc.keys;
      }
      const s = run.summary;
      const n = run.results.length;
      console.log(`| ${v} | ${n} | ${pages} | ${fx(s.overall.precision)} / ${fx(s.overall.recall)} / ${fx(s.overall.f1)} | ` +
        `${fx(s.flags?.f1 ?? null)} | ${s.determination.agree} of ${s.determination.total} | ${(words / n).toFixed(3)} | ${(keys / n).toFixed(3)} | ${(cpu / Math.max(1, pages)).toFixed(2)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
