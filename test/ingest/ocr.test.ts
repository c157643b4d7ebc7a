/**
 * OCR of faxed PDFs. The real-OCR cases read test/fixtures/scanned (made by
 * scripts/make-fax-fixtures.sh from fax-note.txt) and cost ~2–8 s per page, so the suite OCRs
 * three pages in all: the two of fax-all-image.pdf here, and page 2 of fax-mixed.pdf in
 * test/ingest/cli.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { MednecError } from '../../src/errors/index.ts';
import { readSource } from '../../src/ingest/index.ts';
import { createTesseractEngine, defaultOcrEngine, findOcrTools, meanWordConfidence, parseOsdRotation, textFromTsv } from '../../src/ingest/ocr.ts';
import { buildDoc, toEvidence, type Source } from '../../src/model/doc.ts';
import { reviewSource } from '../../src/pipeline/review.ts';
import type { ReviewOutput } from '../../src/schema/review.ts';
import { fold, fuzzyDistance } from '../helpers/fuzzy.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'scanned');
const SOURCE_PAGES = readFileSync(join(FIXTURES, 'fax-note.txt'), 'utf8').split('\f');

/** OCR may get about one character in ten wrong in a phrase (fax speckle, Courier's thin strokes). */
const tolerance = (phrase: string): number => Math.floor(phrase.length / 10);

describe('finding the OCR tools', () => {
  test('gives no engine when tesseract and pdftoppm are not on PATH', () => {
    expect(findOcrTools('/nonexistent-dir')).toBeNull();
  });

  test('finds executables by name on PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mednec-test-bin-'));
    try {
      for (const t of ['tesseract', 'pdftoppm']) {
        writeFileSync(join(dir, t), '#!/bin/sh\nexit 0\n');
        chmodSync(join(dir, t), 0o755);
      }
      expect(findOcrTools(`/nonexistent-dir:${dir}`)).toEqual({ tesseract: join(dir, 'tesseract'), pdftoppm: join(dir, 'pdftoppm') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('OCR failures', () => {
  // A private TMPDIR per test shows the engine removes its working directory (rendered pages are PHI).
  let tmp: string;
  let savedTmp: string | undefined;
  let bin: string;
  beforeEach(() => {
    savedTmp = process.env.TMPDIR;
    tmp = mkdtempSync(join(tmpdir(), 'mednec-test-tmp-'));
    bin = mkdtempSync(join(tmpdir(), 'mednec-test-bin-'));
    process.env.TMPDIR = tmp;
  });
  afterEach(() => {
    process.env.TMPDIR = savedTmp;
    if (savedTmp === undefined) delete process.env.TMPDIR;
    rmSync(tmp, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  });
  const script = (name: string, body: string): string => {
    const p = join(bin, name);
    writeFileSync(p, `#!/bin/sh\n${body}\n`);
    chmodSync(p, 0o755);
    return p;
  };

  test.each([
    ['a renderer that fails', () => ({ pdftoppm: script('pdftoppm', 'echo "Syntax Error: Couldn\'t read xref table" >&2; exit 1') }), {}, /page 1 failed: pdftoppm: Syntax Error/],
    ['a renderer that hangs', () => ({ pdftoppm: script('pdftoppm', 'sleep 20') }), { pageTimeoutMs: 300 }, /page 1 timed out after 0 s \(in pdftoppm\)/],
    ['a missing tesseract', () => ({ pdftoppm: script('pdftoppm', 'for a; do last=$a; done; printf "P5\\n2 2\\n255\\nabcd" > "$last.pgm"'), tesseract: join(bin, 'no-such-tesseract') }), {}, /page 1 failed: no-such-tesseract: not installed/],
  ])('%s gives MEDNEC_OCR_FAILED and leaves no temp files', async (_n, tools, opts, message) => {
    const engine = createTesseractEngine({ tesseract: '/bin/false', ...tools() }, opts);
    const e = await engine.recognize(new Uint8Array([1, 2, 3]), [1]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MednecError);
    expect((e as MednecError).code).toBe('MEDNEC_OCR_FAILED');
    expect((e as MednecError).message).toMatch(message);
    expect(readdirSync(tmp)).toEqual([]);
  });

  const TSV_HEAD = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  test('runs tesseract with OpenMP limited to one thread and takes the text and confidence from its word table', async () => {
    const engine = createTesseractEngine({
      pdftoppm: script('pdftoppm', 'for a; do last=$a; done; printf "P5\\n2 2\\n255\\nabcd" > "$last.pgm"'),
      tesseract: script('tesseract', [
        `printf '${TSV_HEAD}\\n' > "$2.tsv"`,
        `printf '5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t9\\t9\\t90\\tOMP=%s\\n' "$OMP_THREAD_LIMIT" >> "$2.tsv"`,
        `printf '5\\t1\\t1\\t1\\t1\\t2\\t0\\t0\\t9\\t9\\t12\\t;\\n5\\t1\\t1\\t1\\t1\\t3\\t0\\t0\\t9\\t9\\t70.5\\tblock\\n' >> "$2.tsv"`,
        'printf "ignored\\n\\f" > "$2.txt"',
      ].join('\n')),
    }, { concurrency: 2 });
    const pages = await engine.recognizePages!(new Uint8Array([1]), [1, 2, 3]);
    expect([...pages.keys()].sort()).toEqual([1, 2, 3]);
    expect(pages.get(2)).toMatchObject({ text: 'OMP=1 block', confidence: 80.3, words: [{ start: 0, end: 5, conf: 90 }, { start: 6, end: 11 }] });
    expect((await engine.recognize(new Uint8Array([1]), [1])).get(1)).toBe('OMP=1 block');
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('reads a low-confidence page again after turning it as orientation detection says', async () => {
    // The fake tesseract reads well only the turned image (its name ends in -r.pgm).
    const tesseract = script('tesseract', [
      'if [ "$4" = "0" ]; then printf "Orientation in degrees: 180\\nRotate: 180\\nOrientation confidence: 9.5\\n"; exit 0; fi',
      'case "$1" in *-r.pgm) conf=93; word=upright;; *) conf=30; word=umop;; esac',
      `printf '${TSV_HEAD}\\n5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t9\\t9\\t%s\\t%s\\n' $conf $word > "$2.tsv"`,
    ].join('\n'));
    const engine = createTesseractEngine({ pdftoppm: script('pdftoppm', 'for a; do last=$a; done; printf "P5\\n2 1\\n255\\nab" > "$last.pgm"'), tesseract });
    expect((await engine.recognizePages!(new Uint8Array([1]), [1])).get(1)).toMatchObject({ text: 'upright', confidence: 93, rotated: 180 });
  });

  test('falls back to the text output, without its page separator, when there is no word table', async () => {
    const engine = createTesseractEngine({
      pdftoppm: script('pdftoppm', 'for a; do last=$a; done; printf "P5\\n2 2\\n255\\nabcd" > "$last.pgm"'),
      tesseract: script('tesseract', 'printf "Facet loading positive\\n\\f" > "$2.txt"'),
    });
    expect(await engine.recognizePages!(new Uint8Array([1]), [1])).toEqual(new Map([[1, { text: 'Facet loading positive' }]]));
  });
});

const row = (block: number, par: number, line: number, conf: number, text: string): string =>
  [5, 1, block, par, line, 1, 0, 0, 1, 1, conf, text].join('\t');

describe('textFromTsv', () => {
  test('lays out lines and paragraphs as tesseract\'s text output does', () => {
    const tsv = ['level\t…', [4, 1, 1, 1, 1, 0, 0, 0, 1, 1, -1, ''].join('\t'),
      row(1, 1, 1, 95, 'OFFICE'), row(1, 1, 1, 96, 'VISIT'), row(1, 1, 1, 92, '-'), row(1, 1, 1, 90, '03/11/2024'),
      row(1, 2, 1, 91, 'He'), row(1, 2, 1, 93, 'denies'), row(1, 2, 1, 94, 'radiating'),
      row(1, 2, 2, 2.5, ';'), row(1, 2, 2, 90, 'pain'), row(1, 2, 2, 0, '_'), row(1, 2, 2, 88, '>='), row(1, 2, 2, 30, 'legs')].join('\n');
    expect(textFromTsv(tsv)).toBe('OFFICE VISIT - 03/11/2024\n\nHe denies radiating\npain >= legs');
  });

  test('gives null for a table without words, so the text output is used', () => {
    expect(textFromTsv('level\tpage_num\n1\t1\t0\t0\t0\t0\t0\t0\t9\t9\t-1\t')).toBeNull();
    expect(textFromTsv('')).toBeNull();
  });
});

describe('parseOsdRotation', () => {
  test.each([
    ['Page number: 0\nOrientation in degrees: 180\nRotate: 180\nOrientation confidence: 12.18\nScript: Latin', 180],
    ['Orientation in degrees: 90\nRotate: 270\nOrientation confidence: 14.07', 270],
    ['Orientation in degrees: 0\nRotate: 0\nOrientation confidence: 10.84', 0],
    ['Orientation in degrees: 180\nRotate: 180\nOrientation confidence: 0.4', 0],
    ['Too few characters. Skipping this page', 0],
  ])('reads the turn from OSD output %#', (osd, deg) => {
    expect(parseOsdRotation(osd)).toBe(deg);
  });
});

describe('meanWordConfidence', () => {
  test('averages the words of the TSV and skips structure rows, empty words and speckle', () => {
    const tsv = ['level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      [1, 1, 0, 0, 0, 0, 0, 0, 1, 1, -1, ''].join('\t'), row(1, 1, 1, 96, 'medial'), row(1, 1, 1, 40, 'branch'),
      row(1, 1, 1, 95, ' '), row(1, 1, 1, -1, 'x'), row(1, 1, 1, 5, ';')].join('\n');
    expect(meanWordConfidence(tsv)).toBe(68);
    expect(meanWordConfidence('')).toBeNull();
  });
});

const tools = findOcrTools();
if (!tools) console.warn('ocr.test.ts: tesseract/pdftoppm not installed (bash scripts/install-system-deps.sh); real OCR tests skipped');

describe.skipIf(!tools)('OCR of a faxed, image-only PDF', () => {
  let source: Source;
  let review: ReviewOutput;
  let seconds: number;
  beforeAll(async () => {
    const t0 = performance.now();
    source = await readSource(readFileSync(join(FIXTURES, 'fax-all-image.pdf')), 'fax-all-image.pdf', { ocr: defaultOcrEngine() });
    seconds = (performance.now() - t0) / 1000;
    review = reviewSource(source);
  }, 180_000);

  test('OCRs every page and lists them in document.ocrPages', () => {
    expect(source.ocrPages).toEqual([1, 2]);
    expect(source.pages.every((p) => p.ocr)).toBe(true);
    expect(review.document.ocrPages).toEqual([1, 2]);
    expect(review.document.emptyPages).toEqual([]);
    // Each OCR'd page reports its mean word confidence for the reviewer.
    expect(source.diagnostics.map((d) => [d.page, d.code])).toEqual([[1, 'OCR_PAGE'], [2, 'OCR_PAGE']]);
    expect(source.diagnostics[0]!.message).toMatch(/^page 1 was read by OCR \(mean word confidence \d+%\)$/);
    console.warn(`ocr.test.ts: 2 fax pages OCR'd in ${seconds.toFixed(1)} s`);
  });

  test.each([
    [1, 'PRIOR AUTHORIZATION REQUEST'], [1, '64493'], [1, '64494'], [1, 'M47.816'],
    [1, 'bilateral L4-5 and L5-S1 medial branch blocks'], [1, 'Medicare Advantage'], [1, '04/02/2024'],
    [2, 'denies radiating pain'], [2, 'L4-5'], [2, 'medial branch'], [2, '03/11/2024'],
    [2, 'physical therapy 2x/week for 8 weeks'], [2, 'Facet loading positive'], [2, 'Pain is 7/10'],
    [2, 'Straight leg raise negative'], [2, 'proceed to radiofrequency ablation'],
  ])('page %i keeps the fact "%s"', (page, phrase) => {
    expect(fold(SOURCE_PAGES[page - 1]!)).toContain(fold(phrase));
    expect(fuzzyDistance(source.pages[page - 1]!.text, phrase)).toBeLessThanOrEqual(tolerance(phrase));
  });

  test('page text holds no form feed, which would split a page in two', () => {
    expect(source.pages.some((p) => p.text.includes('\f'))).toBe(false);
    expect(buildDoc(source).pageStarts).toHaveLength(2);
  });

  test('evidence offsets of the review slice the OCR page text exactly', () => {
    for (const f of review.facts) {
      for (const ev of f.evidence) {
        expect(ev.text).toBe(source.pages[ev.page - 1]!.text.slice(ev.start, ev.end));
      }
    }
    // Also for spans found in the joined document, whatever the extractors find today.
    const doc = buildDoc(source);
    for (const phrase of ['medial branch', 'L4-5', 'radiofrequency ablation']) {
      const at = doc.text.lastIndexOf(phrase);
      expect(at).toBeGreaterThan(doc.pageStarts[1]!);
      const ev = toEvidence(doc, { start: at, end: at + phrase.length });
      expect(ev.page).toBe(2);
      expect(source.pages[1]!.text.slice(ev.start, ev.end)).toBe(phrase);
    }
  });
});

describe.skipIf(!tools)('the OCR tools on this machine', () => {
  test('render a page declared 200 inches square cropped to 17×22 inches', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([14_400, 14_400]);
    // The fake tesseract reports the size of the image it was given (the PGM's second line).
    const bin = mkdtempSync(join(tmpdir(), 'mednec-test-bin-'));
    try {
      writeFileSync(join(bin, 'tesseract'), '#!/bin/sh\nhead -c 40 "$1" | sed -n 2p > "$2.txt"\n');
      chmodSync(join(bin, 'tesseract'), 0o755);
      const engine = createTesseractEngine({ pdftoppm: tools!.pdftoppm, tesseract: join(bin, 'tesseract') }, { medianPasses: 0, dpi: 100 });
      expect((await engine.recognize(await pdf.save(), [1])).get(1)).toBe('1700 2200');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  test('are the Debian builds the engine expects', () => {
    const v = execFileSync(tools!.tesseract, ['--version'], { encoding: 'utf8' });
    expect(v).toMatch(/tesseract \d+\.\d+/);
    expect(execFileSync(tools!.tesseract, ['--list-langs'], { encoding: 'utf8' })).toMatch(/\beng\b/);
  });
});
