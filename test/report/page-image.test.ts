/**
 * Evidence on the page image: for OCR'd pages the HTML report shows the page as received with each
 * evidence span boxed (OCR word boxes), beside the text view. No browser is available to this
 * suite (playwright-core/chromium are not in the repo yet), so the structure and the box
 * coordinates are checked; the boxes were checked by eye by drawing them on the page image.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findOcrTools } from '../../src/ingest/ocr.ts';
import { reviewSource } from '../../src/pipeline/review.ts';
import { renderReport } from '../../src/report/index.ts';
import { evidenceBoxes, type Mark, type PageImage } from '../../src/report/model.ts';
import type { Source } from '../../src/model/doc.ts';
import { canMakeFaxImages, makeFaxImages } from '../helpers/fax-images.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mark = (start: number, end: number): Mark => ({ start, end, factId: 'f1', type: 'requested_procedure', evidenceIndex: 0 });

describe('evidence boxes', () => {
  // "bilateral L4-5" on one line, "medial branch block" on the next.
  const words: PageImage['words'] = [
    { start: 0, end: 9, box: [0.1, 0.1, 0.2, 0.12] },
    { start: 10, end: 14, box: [0.21, 0.101, 0.25, 0.121] },
    { start: 15, end: 21, box: [0.1, 0.13, 0.16, 0.15] },
    { start: 22, end: 28, box: [0.17, 0.13, 0.22, 0.15] },
    { start: 29, end: 34, box: [0.23, 0.13, 0.27, 0.15] },
  ];

  test('a span on one line is one box around its words', () => {
    expect(evidenceBoxes([mark(0, 14)], words).map((b) => b.box)).toEqual([[0.1, 0.1, 0.25, 0.121]]);
  });

  test('a span over two lines is a box per line, and a span inside a word boxes that word', () => {
    expect(evidenceBoxes([mark(10, 28)], words).map((b) => b.box)).toEqual([[0.21, 0.101, 0.25, 0.121], [0.1, 0.13, 0.22, 0.15]]);
    expect(evidenceBoxes([mark(11, 12)], words).map((b) => b.box)).toEqual([[0.21, 0.101, 0.25, 0.121]]);
  });
});

const text = 'Plan: bilateral L4-5 medial branch block';
function ocrSource(): Source {
  const words: NonNullable<Source['pages'][0]['words']> = [];
  let at = 0;
  text.split(' ').forEach((w, i) => {
    words.push({ start: at, end: at + w.length, conf: 92, box: [0.1 + 0.1 * i, 0.2, 0.18 + 0.1 * i, 0.22] });
    at += w.length + 1;
  });
  return { id: 'b'.repeat(64), name: 'fax.tif', mediaType: 'image/tiff', pages: [{ n: 1, text, ocr: true, words }], ocrPages: [1], emptyPages: [], diagnostics: [] };
}
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQAAAAA3bvkkAAAACklEQVQI12NoAAAAggCB3UNq9AAAAABJRU5ErkJggg==';

describe('the HTML page view', () => {
  const source = ocrSource();
  const review = reviewSource(source);
  const images: PageImage[] = [{ page: 1, src: PNG, words: source.pages[0]!.words! }];

  test('shows the page image beside its text, each evidence span boxed and linked to its highlight', () => {
    const html = renderReport(review, 'html', [text], images);
    expect(html).toContain(`<div class="page-body"><figure class="pimg"><img src="${PNG}" alt="page 1 as received">`);
    const boxes = [...html.matchAll(/<a class="box" href="#(ev-[^"]+)" data-ev="([^"]+)" title="[^"]*" aria-label="[^"]*" style="left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%"><\/a>/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, anchor, ev, l, t, w, h] of boxes) {
      // Every box links to the highlighted span of the same evidence in the text view.
      expect(html).toContain(`id="${anchor}"`);
      expect(anchor).toBe(`ev-${ev!.replace('/', '-')}`);
      // The words' line (0.20–0.22) with a small margin.
      expect(Number(t)).toBeCloseTo(19.8, 5);
      expect(Number(h)).toBeCloseTo(2.4, 5);
      expect(Number(l) + Number(w)).toBeLessThanOrEqual(100);
    }
    // "medial branch block" (words 3–5): one box from 0.40 to 0.68, with the margin.
    const f = review.facts.find((x) => x.type === 'requested_procedure')!;
    const ev = f.evidence[0]!;
    expect(text.slice(ev.start, ev.end)).toBe('medial branch block');
    expect(html).toMatch(new RegExp(`data-ev="${f.id}/0" title="[^"]*" aria-label="[^"]*" style="left:39.70%;top:19.80%;width:28.60%;height:2.40%"`));
  });

  test('without an image, or with an image source that is not a data URI, the page is its text only', () => {
    expect(renderReport(review, 'html', [text])).not.toContain('class="pimg"');
    const html = renderReport(review, 'html', [text], [{ ...images[0]!, src: 'https://example.invalid/p.png' }]);
    expect(html).not.toContain('class="pimg"');
    expect(html).not.toContain('example.invalid');
  });
});

describe.skipIf(!findOcrTools() || !canMakeFaxImages())('mednec review --format html on a fax', () => {
  test('embeds each OCR\'d page image with the evidence boxed, in an owner-only file, and logs no image', async () => {
    const img = makeFaxImages();
    const out = mkdtempSync(join(tmpdir(), 'mednec-html-'));
    try {
      const input = join(img.dir, 'fax-0412.tif');
      writeFileSync(input, img.g4);
      const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [join(ROOT, 'bin', 'mednec.js'), 'review', input, '--format', 'html', '--out', out], { cwd: ROOT, encoding: 'utf8' },
          (e, _o, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stderr }));
      });
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/base64|iVBOR/);
      const [file] = readdirSync(out);
      expect(statSync(join(out, file!)).mode & 0o777).toBe(0o600);
      const html = readFileSync(join(out, file!), 'utf8');
      const figures = [...html.matchAll(/<figure class="pimg"><img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="page (\d) as received">/g)].map((m) => m[1]);
      expect(figures).toEqual(['1', '2']);
      const boxes = html.match(/<a class="box" /g) ?? [];
      expect(boxes.length).toBeGreaterThan(3);
    } finally {
      img.cleanup();
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
