/**
 * Evidence on the page image, in a real browser (Debian's chromium driven by playwright-core, as
 * test/browser/report.test.ts): a faxed TIFF (made at test time) reviewed by `mednec review
 * --format html` shows each OCR'd page as received, the image loads, every evidence box lies on
 * the image over ink, and a box links to the span's highlight in the text beside it.
 * MEDNEC_SCREENSHOT_DIR=docs refreshes the README's docs/report-fax-image.png.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { findOcrTools } from '../../src/ingest/ocr.ts';
import { REPO_ROOT } from '../../src/resources.ts';
import { canMakeFaxImages, makeFaxImages } from '../helpers/fax-images.ts';

const CHROMIUM = '/usr/bin/chromium';
// As test/browser/report.test.ts (imported from there, its tests would run twice).
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RUN = (existsSync(CHROMIUM) || process.env.CI === 'true') && !!findOcrTools() && canMakeFaxImages();

describe.skipIf(!RUN)('the page image with evidence boxed, in chromium', () => {
  test('the fax image loads beside its text, boxes sit on it over ink, and a box leads to its highlight', async () => {
    const img = makeFaxImages();
    const out = mkdtempSync(join(tmpdir(), 'mednec-pimg-'));
    const ctx = await chromium.launchPersistentContext(join(out, 'profile'), {
      executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, viewport: { width: 1280, height: 900 },
    });
    try {
      const input = join(img.dir, 'fax-0412.tif');
      writeFileSync(input, img.g4);
      const code = await new Promise<number>((resolve) => {
        execFile(process.execPath, [join(REPO_ROOT, 'bin', 'mednec.js'), 'review', input, '--format', 'html', '--out', out], { cwd: REPO_ROOT },
          (e) => resolve(e ? Number((e as { code?: number }).code ?? 1) : 0));
      });
      expect(code).toBe(0);
      const file = readdirSync(out).find((n) => n.endsWith('.html'))!;
      const page = await ctx.newPage();
      await page.goto(pathToFileURL(join(out, file)).href);
      const figure = page.locator('#page-1 figure.pimg');
      const image = figure.locator('img');
      await image.scrollIntoViewIfNeeded();
      expect(await image.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 500)).toBe(true);
      const fig = (await figure.boundingBox())!;
      const text = (await page.locator('#page-1 .page-text').boundingBox())!;
      // Side by side: the image left of the text, both visible widths.
      expect(fig.width).toBeGreaterThan(300);
      expect(fig.x + fig.width).toBeLessThanOrEqual(text.x + 1);
      const boxes = figure.locator('a.box');
      const n = await boxes.count();
      expect(n).toBeGreaterThan(3);
      // Every box lies inside the image, and the image has ink (dark pixels) under it: the box is
      // on the words, not on blank paper.
      const inked = await page.evaluate(() => {
        const im = document.querySelector('#page-1 figure.pimg img') as HTMLImageElement;
        const c = document.createElement('canvas');
        c.width = im.naturalWidth; c.height = im.naturalHeight;
        const g = c.getContext('2d')!;
        g.drawImage(im, 0, 0);
        const r = im.getBoundingClientRect();
        return [...document.querySelectorAll('#page-1 figure.pimg a.box')].map((a) => {
          const b = a.getBoundingClientRect();
          const x0 = Math.round(((b.left - r.left) / r.width) * im.naturalWidth), y0 = Math.round(((b.top - r.top) / r.height) * im.naturalHeight);
          const w = Math.max(1, Math.round((b.width / r.width) * im.naturalWidth)), h = Math.max(1, Math.round((b.height / r.height) * im.naturalHeight));
          const d = g.getImageData(x0, y0, w, h).data;
          let dark = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++;
          return { inside: b.left >= r.left - 1 && b.right <= r.right + 1 && b.top >= r.top - 1 && b.bottom <= r.bottom + 1, ink: dark / (w * h) };
        });
      });
      for (const b of inked) {
        expect(b.inside).toBe(true);
        expect(b.ink).toBeGreaterThan(0.03);
      }
      if (process.env.MEDNEC_SCREENSHOT_DIR) await page.locator('#page-1 .page-body').screenshot({ path: join(process.env.MEDNEC_SCREENSHOT_DIR, 'report-fax-image.png') });
      expect(await boxes.first().getAttribute('aria-label')).toBeTruthy();
      const first = boxes.first();
      const href = (await first.getAttribute('href'))!;
      await first.click();
      await page.waitForFunction((h) => location.hash === h, href);
      const target = page.locator(href);
      expect(await target.evaluate((el) => el.tagName)).toMatch(/^(MARK|A)$/);
      expect(await target.isVisible() || (await target.evaluate((el) => el.tagName)) === 'A').toBe(true);
    } finally {
      await ctx.close();
      img.cleanup();
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
