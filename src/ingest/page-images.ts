/**
 * Images of a document's OCR'd pages for the HTML report, where each evidence span is boxed on
 * the fax itself (word boxes from OCR). Rendered with pdftoppm at a screen resolution into a 0700
 * temp directory that is removed at once; the PNG bytes only ever leave as a data URI inside the
 * report (written 0600 by the caller), never to a log.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Source } from '../model/doc.ts';
import type { PageImage } from '../report/model.ts';
import { imageKind, imageToPdf, readImageInfo } from './image.ts';
import { findOcrTools } from './ocr.ts';

/** Report resolution: 100 dpi shows a Letter page 850 px wide, enough to read a fax's 9 pt text. */
export const PAGE_IMAGE_DPI = 100;

/**
 * The OCR'd pages of `source` (read from `bytes`) that have word boxes, as PNG data URIs. Pages
 * read after turning them (an upside-down fax) are left out: their boxes are on the turned image.
 * Empty when pdftoppm is not installed.
 */
export async function ocrPageImages(bytes: Uint8Array, source: Source, dpi = PAGE_IMAGE_DPI, timeoutMs = 60_000): Promise<PageImage[]> {
  const pages = source.pages.filter((p) => p.ocr && p.words?.length && !p.rotated);
  const tools = findOcrTools();
  if (pages.length === 0 || !tools) return [];
  const pdf = imageKind(bytes) ? await imageToPdf(bytes, readImageInfo(bytes, source.name), source.name) : bytes;
  const dir = await mkdtemp(join(tmpdir(), 'mednec-pageimg-'));
  try {
    const input = join(dir, 'in.pdf');
    await writeFile(input, pdf, { mode: 0o600 });
    const out: PageImage[] = [];
    for (const p of pages) {
      const base = join(dir, `p${p.n}`);
      // Same crop as OCR (17×22 in at most), so the boxes' fractions map onto the same area.
      await new Promise<void>((resolve, reject) => {
        execFile(tools.pdftoppm, ['-r', String(dpi), '-gray', '-png', '-f', String(p.n), '-l', String(p.n),
          '-W', String(17 * dpi), '-H', String(22 * dpi), '-singlefile', input, base],
        { timeout: timeoutMs, killSignal: 'SIGKILL' }, (e) => (e ? reject(e) : resolve()));
      });
      const png = await readFile(`${base}.png`);
      out.push({ page: p.n, src: `data:image/png;base64,${png.toString('base64')}`, words: p.words!.map((w) => ({ start: w.start, end: w.end, box: w.box })) });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
