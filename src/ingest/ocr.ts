/**
 * OCR of image-only PDF pages with native tesseract + poppler, run as child processes (nothing is
 * downloaded at run time). Per page: `pdftoppm -r 300 -gray` → 3×3 median twice (built in,
 * ./ocr-image.ts) → `tesseract --psm 6 -l eng` with OMP_THREAD_LIMIT=1; pages run in parallel up to
 * the core count.
 *
 * Why these settings (measured on test/fixtures/scanned and two ghostscript G4 faxes, Courier 10 pt;
 * see scripts/make-fax-fixtures.sh): rendering a 200-ppi fax at 200 dpi leaves glyphs too small for
 * tesseract (word recall 30–122 of 163); at 300 dpi it is 143–163. Impulse speckle needs a median
 * filter first (16/163 without), and a second 3×3 pass clears the margin speckle the first leaves
 * (155 vs 144 of 163) without hurting clean faxes. A σ ≈ 1 px blur after the median smooths the
 * staircase edges of an upsampled 1-bit fax before tesseract binarizes it: on six of the hardest
 * samples/fax pages (200×100 "standard" faxes, 9 pt) source-word recall rose from 0.635 to 0.665.
 * The median is ours, not ImageMagick's: Debian's
 * IM 6 Q16 took 12–17 s for the two passes on one 300-dpi page where ours takes about 1.4 s, with
 * identical pixels. OpenMP must be limited to one thread: on a
 * shared 2-core box tesseract's busy-waiting threads made one page take minutes
 * (../shared/reference/stack.md §3).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { MednecError } from '../errors/index.ts';
import type { OcrEngine, OcrPageResult } from './index.ts';
import { lexiconUserWords, OCR_USER_PATTERNS } from './ocr-vocab.ts';
import { blur5, encodePgm, estimateSkew, median3, parsePgm, rotateGrey, rotateSmall, type GreyImage } from './ocr-image.ts';

export interface OcrTools {
  tesseract: string;
  pdftoppm: string;
}

export interface TesseractOptions {
  /** Render resolution for OCR (default 300; see the module comment). */
  dpi?: number;
  /** tesseract page segmentation mode (default 6: one uniform block of text, which a fax note is). */
  psm?: number;
  lang?: string;
  /** Deadline for one page (render + denoise + recognize). Default 120 s: a loaded 2-core box. */
  pageTimeoutMs?: number;
  /** Pages recognized at once (default: the core count). */
  concurrency?: number;
  /** Median passes before recognition (default 2; 0 disables). */
  medianPasses?: number;
  /** Smooth the denoised page (σ ≈ 1 px blur) before recognition (default true; see the module comment). */
  smooth?: boolean;
  /**
   * Under this mean word confidence the page's orientation is checked (tesseract OSD) and a
   * rotated page is read again (default 50). Faxes arrive upside down or sideways: read as they
   * are, they give gibberish at confidence ~35, where an upright noisy fax page scores 85–90.
   */
  orientationCheckBelow?: number;
  /** Level the text lines (projection-profile skew estimate, ./ocr-image.ts) before recognition (default false; README "OCR engines compared"). */
  deskew?: boolean;
  /** tesseract `--user-words`: extra dictionary words, one a line (default none; measured, see README). */
  userWords?: readonly string[];
  /** tesseract `--user-patterns`: patterns such as `L\\d-S\\d` (default none; measured, see README). */
  userPatterns?: readonly string[];
}

/** Largest page area rendered for OCR, in inches (tabloid/ledger, 11×17, fits either way round). */
const MAX_PAGE_INCHES = [17, 22] as const;

const DEFAULTS = {
  dpi: 300, psm: 6, lang: 'eng', pageTimeoutMs: 120_000, medianPasses: 2, smooth: true, orientationCheckBelow: 50,
  deskew: false, userWords: [] as readonly string[], userPatterns: [] as readonly string[],
} as const;

/** Native tesseract engine, or null when `tesseract` or `pdftoppm` is not on PATH. */
export function defaultOcrEngine(opts: TesseractOptions = {}): OcrEngine | null {
  const tools = findOcrTools();
  // The lexicons' words and the shapes of codes, levels and dates as tesseract user words and
  // patterns: a measured gain (./ocr-vocab.ts).
  return tools ? createTesseractEngine(tools, { userWords: lexiconUserWords(), userPatterns: OCR_USER_PATTERNS, ...opts }) : null;
}

export function findOcrTools(path = process.env.PATH ?? ''): OcrTools | null {
  const tesseract = which('tesseract', path);
  const pdftoppm = which('pdftoppm', path);
  if (!tesseract || !pdftoppm) return null;
  return { tesseract, pdftoppm };
}

export function which(name: string, path: string): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try { accessSync(p, constants.X_OK); return p; } catch { /* next */ }
  }
  return null;
}

export function createTesseractEngine(tools: OcrTools, opts: TesseractOptions = {}): OcrEngine {
  const o = { ...DEFAULTS, ...opts };
  const concurrency = Math.max(1, opts.concurrency ?? availableParallelism());
  const recognizePages = async (pdf: Uint8Array, pages: number[]): Promise<Map<number, OcrPageResult>> => {
    const result = new Map<number, OcrPageResult>();
    if (pages.length === 0) return result;
    // mkdtemp creates the directory 0700: rendered pages are PHI.
    const dir = await mkdtemp(join(tmpdir(), 'mednec-ocr-'));
    try {
      const pdfPath = join(dir, 'in.pdf');
      await writeFile(pdfPath, pdf, { mode: 0o600 });
      if (o.userWords.length) await writeFile(join(dir, 'user.words'), o.userWords.join('\n') + '\n', { mode: 0o600 });
      if (o.userPatterns.length) await writeFile(join(dir, 'user.patterns'), o.userPatterns.join('\n') + '\n', { mode: 0o600 });
      await runPool(pages, concurrency, async (n) => {
        result.set(n, await recognizePage(tools, o, dir, pdfPath, n));
      });
      return result;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return {
    recognizePages,
    async recognize(pdf: Uint8Array, pages: number[]): Promise<Map<number, string>> {
      return new Map([...(await recognizePages(pdf, pages))].map(([n, r]) => [n, r.text]));
    },
  };
}

/** Runs `work` over `items`, at most `limit` at once; stops starting new items after a failure. */
async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try { await work(item); } catch (e) { failure ??= { error: e }; }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}

type Settings = Required<Omit<TesseractOptions, 'concurrency'>>;

async function recognizePage(tools: OcrTools, o: Settings, dir: string, pdfPath: string, n: number): Promise<OcrPageResult> {
  const deadline = Date.now() + o.pageTimeoutMs;
  const base = join(dir, `p${n}`);
  // -singlefile: the output is exactly `<base>.pgm` (no page-number suffix, whose padding varies).
  // -W/-H crop the render to 17×22 in: a page declared hundreds of inches wide (damaged or hostile
  // PDF) would otherwise become gigabytes of pixels. Letter, legal, A4 and tabloid pages fit whole.
  const maxW = Math.round(MAX_PAGE_INCHES[0] * o.dpi), maxH = Math.round(MAX_PAGE_INCHES[1] * o.dpi);
  await run(tools.pdftoppm, ['-r', String(o.dpi), '-gray', '-f', String(n), '-l', String(n), '-W', String(maxW), '-H', String(maxH),
    '-singlefile', pdfPath, base], n, deadline, o.pageTimeoutMs);
  let image = `${base}.pgm`;
  let img: GreyImage | null = null;
  if (o.medianPasses > 0 || o.smooth || o.deskew) {
    img = parsePgm(await readFile(image));
    for (let i = 0; i < o.medianPasses; i++) img = median3(img);
    if (o.deskew) img = rotateSmall(img, estimateSkew(img));
    if (o.smooth) img = blur5(img);
    image = `${base}-m.pgm`;
    await writeFile(image, encodePgm(img), { mode: 0o600 });
  }
  const first = await recognizeImage(tools, o, image, `${base}-ocr`, n, deadline);
  if ((first.confidence ?? 100) >= o.orientationCheckBelow) return first;
  // Low confidence: an upside-down or sideways page? OSD failing (no osd data) is not an error.
  const rotate = await detectRotation(tools, image, n, deadline, o.pageTimeoutMs).catch(() => 0);
  if (rotate === 0) return first;
  img ??= parsePgm(await readFile(image));
  const turned = `${base}-r.pgm`;
  await writeFile(turned, encodePgm(rotateGrey(img, rotate)), { mode: 0o600 });
  const second = await recognizeImage(tools, o, turned, `${base}-rocr`, n, deadline);
  return (second.confidence ?? 0) > (first.confidence ?? 0) ? { ...second, rotated: rotate } : first;
}

async function recognizeImage(tools: OcrTools, o: Settings, image: string, out: string, n: number, deadline: number): Promise<OcrPageResult> {
  // One run writes the text and the word table (for the confidence): <out>.txt and <out>.tsv.
  const dir = dirname(out);
  const extra = [...(o.userWords.length ? ['--user-words', join(dir, 'user.words')] : []),
    ...(o.userPatterns.length ? ['--user-patterns', join(dir, 'user.patterns')] : [])];
  await run(tools.tesseract, [image, out, '--psm', String(o.psm), '-l', o.lang, '--dpi', String(o.dpi), ...extra, 'txt', 'tsv'],
    n, deadline, o.pageTimeoutMs);
  const tsv = await readFile(`${out}.tsv`, 'utf8').catch(() => '');
  const confidence = meanWordConfidence(tsv);
  // The page text is rebuilt from the word table without speckle "words"; the plain text output is
  // the fallback. Either way it is frozen here: evidence offsets refer to it.
  const layout = layoutFromTsv(tsv);
  if (layout) return { text: layout.text, words: layout.words, ...(confidence === null ? {} : { confidence }) };
  const text = (await readFile(`${out}.txt`, 'utf8')).replace(/\f/g, '').trimEnd();
  return { text, ...(confidence === null ? {} : { confidence }) };
}

/** Clockwise degrees (0, 90, 180, 270) that make the page upright, from tesseract's OSD. */
async function detectRotation(tools: OcrTools, image: string, n: number, deadline: number, pageTimeoutMs: number): Promise<number> {
  return parseOsdRotation(await run(tools.tesseract, [image, 'stdout', '--psm', '0'], n, deadline, pageTimeoutMs));
}

/** Below this OSD orientation confidence the page is left as it is (tesseract's own advice is ~2). */
const MIN_ORIENTATION_CONFIDENCE = 2;

export function parseOsdRotation(osd: string): number {
  const rotate = /^Rotate:\s*(\d+)/m.exec(osd);
  const conf = /^Orientation confidence:\s*([\d.]+)/m.exec(osd);
  const deg = rotate ? Number(rotate[1]) : 0;
  if (![90, 180, 270].includes(deg)) return 0;
  return conf && Number(conf[1]) >= MIN_ORIENTATION_CONFIDENCE ? deg : 0;
}

/**
 * A recognized token with no letter or digit and a confidence under this is fax speckle read as
 * punctuation (";", "_", ":" at a line's edge), not text. Measured on test/fixtures/scanned: such
 * tokens scored 0–50, real ones ("-", "&", ">=") 77–97. Dropping them matters: a stray ";" before
 * the second line of "denies radiating / pain into the legs" ended the negation's scope and turned
 * an absent radicular pain into a present one.
 */
export const SPECKLE_MAX_CONFIDENCE = 60;

/**
 * Text from tesseract's TSV, laid out as its text renderer does (words joined by a space, a line
 * break per line, a blank line between paragraphs), less speckle tokens. Null when the TSV has no
 * words (the caller then uses the text output).
 */
export function textFromTsv(tsv: string): string | null {
  return layoutFromTsv(tsv)?.text ?? null;
}

/**
 * One recognized word of an OCR'd page: its [start, end) offsets in the page text, tesseract's
 * confidence (0–100) and its box as fractions of the page image (x0, y0, x1, y1), so a report can
 * draw it on an image of any resolution.
 */
export interface OcrWord { start: number; end: number; conf: number; box: [number, number, number, number] }

/** The page text of textFromTsv with every word's offsets, confidence and box; null without words. */
export function layoutFromTsv(tsv: string): { text: string; words: OcrWord[] } | null {
  let text = '';
  const words: OcrWord[] = [];
  let lineKey = '', parKey = '';
  let pageW = 0, pageH = 0;
  let any = false, lineHasWord = false;
  const frac = (v: number, of: number) => (of > 0 ? Math.round((v / of) * 10000) / 10000 : 0);
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c[0] === '1' && c.length >= 12) { pageW = Number(c[8]); pageH = Number(c[9]); continue; }
    if (c[0] !== '5' || c.length < 12) continue;
    const raw = c[11]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    any = true;
    const conf = Number(c[10]);
    if (isSpeckle(raw, conf)) continue;
    const word = raw.replace(/\f/g, '');
    const par = `${c[2]}/${c[3]}`, line = `${par}/${c[4]}`;
    if (line !== lineKey) {
      if (lineKey) text += par !== parKey ? '\n\n' : '\n';
      lineKey = line;
      parKey = par;
      lineHasWord = false;
    }
    if (lineHasWord) text += ' ';
    const left = Number(c[6]), top = Number(c[7]), w = Number(c[8]), h = Number(c[9]);
    words.push({ start: text.length, end: text.length + word.length, conf: Number.isFinite(conf) ? Math.max(0, Math.round(conf)) : 0,
      box: [frac(left, pageW), frac(top, pageH), frac(left + w, pageW), frac(top + h, pageH)] });
    text += word;
    lineHasWord = true;
  }
  if (!any) return null;
  // As the text renderer: no trailing white space (a line of only speckle leaves an empty line).
  const trimmed = text.trimEnd();
  return { text: trimmed, words: words.filter((w) => w.end <= trimmed.length) };
}

/** Mean confidence (0–100) of the recognized words in tesseract's TSV (speckle excluded), or null. */
export function meanWordConfidence(tsv: string): number | null {
  let sum = 0, count = 0;
  for (const line of tsv.split('\n')) {
    const cols = line.split('\t');
    const word = (cols[11] ?? '').trim();
    if (cols[0] !== '5' || cols.length < 12 || word === '') continue;
    const conf = Number(cols[10]);
    if (!Number.isFinite(conf) || conf < 0 || isSpeckle(word, conf)) continue;
    sum += conf;
    count++;
  }
  return count ? Math.round((sum / count) * 10) / 10 : null;
}

function isSpeckle(word: string, conf: number): boolean {
  return !/[\p{L}\p{N}]/u.test(word) && conf < SPECKLE_MAX_CONFIDENCE;
}

function run(cmd: string, args: string[], page: number, deadline: number, pageTimeoutMs: number): Promise<string> {
  const tool = cmd.split('/').pop()!;
  const timeout = deadline - Date.now();
  if (timeout <= 0) return Promise.reject(timedOut(tool, page, pageTimeoutMs));
  return new Promise((resolve, reject) => {
    execFile(cmd, args, {
      timeout, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, encoding: 'utf8',
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
      if (e.killed || e.signal === 'SIGKILL') return reject(timedOut(tool, page, pageTimeoutMs, e));
      // The tool's own first stderr line says why (no note text: these tools print none).
      const why = e.code === 'ENOENT' ? 'not installed' : (stderr.split('\n').find((l) => l.trim()) ?? `exit ${String(e.code)}`).slice(0, 200);
      reject(new MednecError('MEDNEC_OCR_FAILED', `OCR of page ${page} failed: ${tool}: ${why}`, { cause: e }));
    });
  });
}

function timedOut(tool: string, page: number, ms: number, cause?: unknown): MednecError {
  return new MednecError('MEDNEC_OCR_FAILED', `OCR of page ${page} timed out after ${Math.round(ms / 1000)} s (in ${tool})`, { cause });
}
