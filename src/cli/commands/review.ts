/**
 * `mednec review <file|dir|->... [--policy id]... [--format json|jsonl|md|html|fhir] [--out dir] [--no-ocr]`
 * `-` reads the note from stdin. Several files or a directory: --format jsonl, a progress bar on a
 * terminal and a summary at the end; --out then writes each document's JSON and HTML review.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MednecError, InputError } from '../../errors/index.ts';
import { reviewSource, type ReviewOptions } from '../../pipeline/review.ts';
import { readSource, readSourceFile } from '../../ingest/index.ts';
import type { Source } from '../../model/doc.ts';
import type { ReviewOutput } from '../../schema/review.ts';
import { loadResources } from '../../resources.ts';
import { renderReport } from '../../report/index.ts';
import { parseArgs, opt, type ArgSpec } from '../args.ts';
import { checkPolicyIds } from '../policies.ts';
import { progress, formatDuration } from '../progress.ts';
import { err, out, writePrivate } from '../io.ts';
import { defaultOcrEngine } from '../../ingest/ocr.ts';
import { ocrPageImages } from '../../ingest/page-images.ts';

const NOTE_EXT = /(\.txt|\.text|\.pdf|\.tiff?|\.png|\.jpe?g|^[^.]+)$/i;

export const FORMATS = ['json', 'jsonl', 'md', 'html', 'fhir'] as const;
type Format = (typeof FORMATS)[number];

export const SPEC: ArgSpec = {
  values: ['policy', 'format', 'out'],
  booleans: ['no-ocr', 'help'],
  describe: {
    format: `output format: ${FORMATS.join(', ')} (default json for one file, jsonl for several)`,
    out: 'write to this directory (owner-only) instead of stdout; with several files, each document\'s JSON and HTML review',
  },
};

async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of inputs) {
    if (p === '-') { files.push(p); continue; }
    const st = await stat(p).catch(() => null);
    if (st?.isDirectory()) {
      // A folder holds notes (text or PDF) beside gold files, READMEs and reports: take the notes.
      const names = (await readdir(p)).filter((n) => !n.startsWith('.') && NOTE_EXT.test(n)).sort();
      const before = files.length;
      for (const n of names) {
        const s = await stat(join(p, n)).catch(() => null);
        if (s?.isFile()) files.push(join(p, n));
      }
      if (files.length === before) throw new InputError('MEDNEC_INPUT_EMPTY', `${p}: the directory holds no notes (.txt, .text or .pdf files)`);
    } else if (!st) {
      throw new InputError('MEDNEC_INPUT_MISSING', `${p}: no such file or directory`);
    } else {
      files.push(p);
    }
  }
  return files;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

async function readInput(f: string, opts: ReviewOptions, stdin: () => Promise<Buffer>): Promise<Source> {
  return f === '-' ? readSource(await stdin(), 'stdin', opts) : readSourceFile(f, opts);
}

const OUTCOME_WORDS: Record<string, string> = {
  meets: 'meet criteria', does_not_meet: 'do not meet criteria', insufficient_documentation: 'insufficient documentation', no_request_found: 'no request found',
};

/** `reviewed 40 documents in 12s: 10 meet criteria, 25 insufficient documentation; 2 failures` */
export function summaryLine(outcomes: Map<string, number>, failures: number, total: number, ms: number): string {
  const parts = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${OUTCOME_WORDS[k] ?? k}`);
  return `reviewed ${total - failures} of ${total} document${total === 1 ? '' : 's'} in ${formatDuration(ms)}` +
    `${parts.length ? `: ${parts.join(', ')}` : ''}; ${failures} failure${failures === 1 ? '' : 's'}`;
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, SPEC);
  if (a.positionals.length === 0) {
    throw new MednecError('MEDNEC_USAGE', 'review needs a note file, a directory or - (stdin); see mednec review --help');
  }
  const formatRaw = opt(a, 'format') ?? (a.positionals.length > 1 ? 'jsonl' : undefined);
  if (formatRaw !== undefined && !(FORMATS as readonly string[]).includes(formatRaw)) {
    throw new MednecError('MEDNEC_USAGE', `--format must be one of ${FORMATS.join(', ')} (got "${formatRaw}")`);
  }
  const policies = checkPolicyIds(a.options.get('policy'));
  if (a.positionals.filter((p) => p === '-').length > 1) throw new MednecError('MEDNEC_USAGE', 'stdin (-) can be read once');
  const outDir = opt(a, 'out');
  const resources = loadResources();
  const opts: ReviewOptions = { policies, resources, ocr: a.flags.has('no-ocr') ? null : defaultOcrEngine() };
  const files = await expandInputs(a.positionals);
  const isDir = files.length > 1 || a.positionals.length > 1;
  const format: Format = (formatRaw as Format | undefined) ?? (isDir ? 'jsonl' : 'json');
  if (format !== 'jsonl' && files.length !== 1) {
    throw new MednecError('MEDNEC_USAGE', `--format ${format} takes one file; use --format jsonl for several`);
  }
  let stdinBytes: Promise<Buffer> | null = null;
  const stdin = () => (stdinBytes ??= readStdin());
  if (format === 'jsonl') {
    const t0 = Date.now();
    const bar = progress(files.length, (s) => process.stderr.write(s), Boolean(process.stderr.isTTY));
    const outcomes = new Map<string, number>();
    let failures = 0;
    for (const f of files) {
      let ok = true;
      try {
        const source = await readInput(f, opts, stdin);
        const review = reviewSource(source, opts);
        outcomes.set(review.determination, (outcomes.get(review.determination) ?? 0) + 1);
        await out(JSON.stringify(review) + '\n');
        if (outDir) await writeBoth(outDir, review, source);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        failures++;
        ok = false;
        await out(JSON.stringify({ document: { name: basename(f) }, error: { code: e.code, message: e.message } }) + '\n');
      }
      bar.tick(f === '-' ? 'stdin' : basename(f), ok);
    }
    bar.done();
    err(summaryLine(outcomes, failures, files.length, Date.now() - t0));
    return 0;
  }
  // The reports show the page texts (after OCR) with the evidence highlighted: keep the source.
  const source = await readInput(files[0]!, opts, stdin);
  const review = reviewSource(source, opts);
  // The HTML shows each OCR'd page as the image it came from, evidence boxed on it. A page image
  // that cannot be made leaves that page as text (the report never fails for it).
  const images = format === 'html' && source.ocrPages.length
    ? await ocrPageImages(await readFile(files[0]!), source).catch(() => { err('page images could not be rendered; the report shows the OCR text only'); return []; })
    : [];
  const rendered = format === 'json' ? JSON.stringify(review, null, 2) + '\n' : renderReport(review, format, source.pages.map((p) => p.text), images);
  if (outDir) {
    const ext = format === 'json' ? 'review.json' : format === 'fhir' ? 'fhir.json' : `review.${format}`;
    const path = join(outDir, `${source.name}.${ext}`);
    await writePrivate(path, rendered);
    err(`wrote ${path}`);
  } else {
    await out(rendered);
  }
  return 0;
}

async function writeBoth(outDir: string, review: ReviewOutput, source: Source): Promise<void> {
  await writePrivate(join(outDir, `${source.name}.review.json`), JSON.stringify(review, null, 2) + '\n');
  await writePrivate(join(outDir, `${source.name}.review.html`), renderReport(review, 'html', source.pages.map((p) => p.text)));
}
