/**
 * `mednec review <file|dir>... [--policy id]... [--format json|jsonl|md|html] [--out dir]`
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MednecError, InputError } from '../../errors/index.ts';
import { reviewFile, reviewSource, type ReviewOptions } from '../../pipeline/review.ts';
import { readSourceFile } from '../../ingest/index.ts';
import { loadResources } from '../../resources.ts';
import { renderReport } from '../../report/index.ts';
import { parseArgs, opt } from '../args.ts';
import { err, out, writePrivate } from '../io.ts';
import { defaultOcrEngine } from '../../ingest/ocr.ts';
import { ocrPageImages } from '../../ingest/page-images.ts';

const NOTE_EXT = /(\.txt|\.text|\.pdf|\.tiff?|\.png|\.jpe?g|^[^.]+)$/i;

const FORMATS = ['json', 'jsonl', 'md', 'html'] as const;
type Format = (typeof FORMATS)[number];

async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of inputs) {
    const st = await stat(p).catch(() => null);
    if (st?.isDirectory()) {
      // A folder holds notes (text or PDF) beside gold files, READMEs and reports: take the notes.
      const names = (await readdir(p)).filter((n) => !n.startsWith('.') && NOTE_EXT.test(n)).sort();
      for (const n of names) {
        const s = await stat(join(p, n)).catch(() => null);
        if (s?.isFile()) files.push(join(p, n));
      }
    } else {
      files.push(p);
    }
  }
  return files;
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['policy', 'format', 'out'], booleans: ['no-ocr', 'help'] });
  if (a.flags.has('help') || a.positionals.length === 0) {
    err('usage: mednec review <file|dir>... [--policy id]... [--format json|jsonl|md|html] [--out dir] [--no-ocr]');
    return a.flags.has('help') ? 0 : 64;
  }
  const format = (opt(a, 'format') ?? (a.positionals.length > 1 ? 'jsonl' : 'json')) as Format;
  if (!FORMATS.includes(format)) throw new MednecError('MEDNEC_USAGE', `--format must be one of ${FORMATS.join(', ')}`);
  const outDir = opt(a, 'out');
  const resources = loadResources();
  const opts: ReviewOptions = {
    policies: a.options.get('policy'),
    resources,
    ocr: a.flags.has('no-ocr') ? null : defaultOcrEngine(),
  };
  const files = await expandInputs(a.positionals);
  if (format !== 'jsonl' && files.length !== 1) {
    throw new MednecError('MEDNEC_USAGE', `--format ${format} takes one file; use --format jsonl for several`);
  }
  if (format === 'jsonl') {
    let failures = 0;
    for (const [i, f] of files.entries()) {
      try {
        const review = await reviewFile(f, opts);
        await out(JSON.stringify(review) + '\n');
        if (outDir) await writePrivate(join(outDir, `${basename(f)}.review.json`), JSON.stringify(review, null, 2));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        failures++;
        await out(JSON.stringify({ document: { name: basename(f) }, error: { code: e.code, message: e.message } }) + '\n');
      }
      err(`[${i + 1}/${files.length}] ${basename(f)}`);
    }
    err(`reviewed ${files.length - failures} of ${files.length} documents`);
    return 0;
  }
  // The reports show the page texts (after OCR) with the evidence highlighted: keep the source.
  const source = await readSourceFile(files[0]!, opts);
  const review = reviewSource(source, opts);
  // The HTML shows each OCR'd page as the image it came from, evidence boxed on it. A page image
  // that cannot be made leaves that page as text (the report never fails for it).
  const images = format === 'html' && source.ocrPages.length
    ? await ocrPageImages(await readFile(files[0]!), source).catch(() => { err('page images could not be rendered; the report shows the OCR text only'); return []; })
    : [];
  const rendered = format === 'json' ? JSON.stringify(review, null, 2) + '\n' : renderReport(review, format, source.pages.map((p) => p.text), images);
  if (outDir) {
    const ext = format === 'json' ? 'review.json' : `review.${format}`;
    const path = join(outDir, `${basename(files[0]!)}.${ext}`);
    await writePrivate(path, rendered);
    err(`wrote ${path}`);
  } else {
    await out(rendered);
  }
  return 0;
}
