/**
 * Renders every bundled sample note (`samples/*.txt`) as a small text-layer PDF beside it
 * (`samples/<name>.pdf`): Courier 9 pt, long lines wrapped at word boundaries, a new page every
 * 50 lines or at a form feed. Then reads each PDF back with pdf-parse and checks that its text
 * layer holds the note's words in order (white space folded).
 *
 *   npx tsx scripts/make-sample-pdfs.ts [--check]    # --check: verify only, write nothing
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = join(ROOT, 'samples');

export const LINES_PER_PAGE = 50;
export const COLUMNS = 92;
const FONT_SIZE = 9;
const LEADING = 13.5;
const MARGIN_X = 50;
const MARGIN_TOP = 56;

/** Characters outside WinAnsi (or that render badly in Courier) mapped to plain ASCII. */
const CHAR_MAP: Record<string, string> = {
  '\u2013': '-', '\u2014': '-', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"',
  '\u2192': '->', '\u2265': '>=', '\u2264': '<=', '\u00a0': ' ', '\t': '    ', '\u2022': '*',
};

export function toWinAnsi(line: string): string {
  let out = '';
  for (const ch of line) {
    const mapped = CHAR_MAP[ch];
    if (mapped !== undefined) out += mapped;
    else if (ch.charCodeAt(0) < 0x20) out += ' ';
    else if (ch.charCodeAt(0) > 0xff) out += '?';
    else out += ch;
  }
  return out;
}

/** Wraps one line at word boundaries to at most `width` characters (hard-splits longer words). */
export function wrapLine(line: string, width = COLUMNS): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^ +/, '');
  }
  if (rest.length > 0) out.push(rest);
  return out;
}

/** Splits a note into pages of printable lines: form feeds force a break, else every 50 lines. */
export function paginate(text: string): string[][] {
  const pages: string[][] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split('\f')) {
    const lines = block.split('\n').flatMap((l) => wrapLine(toWinAnsi(l)));
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < Math.max(lines.length, 1); i += LINES_PER_PAGE) {
      pages.push(lines.slice(i, i + LINES_PER_PAGE));
    }
  }
  return pages;
}

export async function renderPdf(text: string, title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('mednec samples');
  pdf.setCreator('scripts/make-sample-pdfs.ts');
  // Fixed dates keep the committed PDFs byte-stable across runs.
  const fixed = new Date('2026-01-01T00:00:00Z');
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  const font = await pdf.embedFont(StandardFonts.Courier);
  for (const lines of paginate(text)) {
    const page = pdf.addPage([612, 792]);
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      page.drawText(line, { x: MARGIN_X, y: 792 - MARGIN_TOP - i * LEADING, size: FONT_SIZE, font });
    });
  }
  return pdf.save({ useObjectStreams: true });
}

export function foldWhitespace(s: string): string {
  return toWinAnsi(s).replace(/\s+/g, ' ').trim();
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const r = await parser.getText();
    return r.pages.map((p) => p.text ?? '').join('\n');
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const names = (await readdir(SAMPLES)).filter((n) => n.endsWith('.txt')).sort();
  let failed = 0;
  for (const name of names) {
    const text = await readFile(join(SAMPLES, name), 'utf8');
    const pdfPath = join(SAMPLES, name.replace(/\.txt$/, '.pdf'));
    let bytes: Uint8Array;
    if (check) {
      bytes = new Uint8Array(await readFile(pdfPath));
    } else {
      bytes = await renderPdf(text, name.replace(/\.txt$/, ''));
      await writeFile(pdfPath, bytes);
    }
    const got = foldWhitespace(await pdfText(bytes));
    const want = foldWhitespace(text);
    const ok = got === want;
    if (!ok) failed++;
    process.stderr.write(`${ok ? 'ok  ' : 'FAIL'} ${name.replace(/\.txt$/, '.pdf')} ${bytes.length} bytes\n`);
  }
  process.stderr.write(`${names.length - failed} ok, ${failed} failed\n`);
  if (failed > 0) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
