/**
 * Image documents as fax servers deliver them: multi-page TIFF (CCITT G3/G4, LZW, …), PNG and JPEG.
 * The header is read here (pure: page count, pixel size and resolution of every page, without
 * decoding a pixel), so a 200-page TIFF or a damaged one is refused before any work; the pages are
 * then wrapped losslessly in a PDF by `img2pdf` (a G4 strip passes through untouched) and read by
 * OCR exactly like the pages of an image-only PDF — same renderer, same filters, same text.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, MednecError } from '../errors/index.ts';
import { which } from './ocr.ts';

export type ImageKind = 'tiff' | 'png' | 'jpeg';

export const IMAGE_MEDIA_TYPES: Record<ImageKind, string> = { tiff: 'image/tiff', png: 'image/png', jpeg: 'image/jpeg' };

export interface ImagePage {
  width: number;
  height: number;
  /** Pixels per inch across and down, when the file states them (a standard-mode fax: 204×98). */
  dpiX?: number;
  dpiY?: number;
  /** TIFF compression code (3 = CCITT G3, 4 = G4, 5 = LZW, …). */
  compression?: number;
}

export interface ImageInfo { kind: ImageKind; pages: ImagePage[] }

/** The image kind by magic bytes, or null. */
export function imageKind(bytes: Uint8Array): ImageKind | null {
  const b = bytes;
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) return 'tiff';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  return null;
}

/** A TIFF with more directories than this is refused as damaged (a loop or garbage offsets). */
const MAX_TIFF_IFDS = 10_000;

/**
 * Page count, sizes and resolutions from the header. Throws InputError MEDNEC_INPUT_CORRUPT for a
 * file cut short or with offsets outside it.
 */
export function readImageInfo(bytes: Uint8Array, name: string): ImageInfo {
  const kind = imageKind(bytes);
  if (!kind) throw new InputError('MEDNEC_INPUT_UNSUPPORTED', `${name} is not a TIFF, PNG or JPEG image`);
  const corrupt = (why: string) => new InputError('MEDNEC_INPUT_CORRUPT', `${name}: the ${kind.toUpperCase()} image is damaged (${why}); send the complete file`);
  const pages = kind === 'tiff' ? tiffPages(bytes, corrupt) : kind === 'png' ? [pngPage(bytes, corrupt)] : [jpegPage(bytes, corrupt)];
  return { kind, pages };
}

type Corrupt = (why: string) => InputError;

function tiffPages(b: Uint8Array, corrupt: Corrupt): ImagePage[] {
  const le = b[0] === 0x49;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => { if (o + 2 > b.length) throw corrupt('cut short'); return dv.getUint16(o, le); };
  const u32 = (o: number) => { if (o + 4 > b.length) throw corrupt('cut short'); return dv.getUint32(o, le); };
  const pages: ImagePage[] = [];
  const seen = new Set<number>();
  let ifd = u32(4);
  if (ifd === 0) throw corrupt('no image directory');
  while (ifd !== 0) {
    if (ifd < 8 || ifd >= b.length || seen.has(ifd)) throw corrupt(seen.has(ifd) ? 'its directories loop' : 'a directory offset points outside the file');
    seen.add(ifd);
    if (seen.size > MAX_TIFF_IFDS) throw corrupt(`over ${MAX_TIFF_IFDS} directories`);
    const count = u16(ifd);
    if (ifd + 2 + count * 12 + 4 > b.length) throw corrupt('cut short');
    const tags = new Map<number, { type: number; n: number; at: number }>();
    for (let i = 0; i < count; i++) {
      const e = ifd + 2 + i * 12;
      tags.set(u16(e), { type: u16(e + 2), n: u32(e + 4), at: e + 8 });
    }
    const int = (tag: number): number | undefined => {
      const t = tags.get(tag);
      if (!t) return undefined;
      return t.type === 3 ? u16(t.at) : t.type === 4 ? u32(t.at) : undefined;
    };
    const rational = (tag: number): number | undefined => {
      const t = tags.get(tag);
      if (!t || t.type !== 5) return undefined;
      const off = u32(t.at);
      const den = u32(off + 4);
      return den ? u32(off) / den : undefined;
    };
    const width = int(256), height = int(257);
    if (!width || !height) throw corrupt(`page ${pages.length + 1} has no width or height`);
    const unit = int(296) ?? 2; // 1 none, 2 inch, 3 cm
    const xr = rational(282), yr = rational(283);
    const page: ImagePage = { width, height };
    const c = int(259);
    if (c !== undefined) page.compression = c;
    if (xr && yr && unit !== 1) { page.dpiX = unit === 3 ? xr * 2.54 : xr; page.dpiY = unit === 3 ? yr * 2.54 : yr; }
    else if (xr && yr && unit === 1) { page.dpiX = -xr; page.dpiY = -yr; } // a ratio only: see pageDpi
    const strips = tags.get(273) ?? tags.get(324); // StripOffsets / TileOffsets
    if (!strips || strips.n === 0) throw corrupt(`page ${pages.length + 1} has no image data`);
    const size = strips.type === 3 ? 2 : 4;
    // Values that fit in 4 bytes are inline; otherwise the entry holds the array's offset.
    const arrayAt = strips.n * size <= 4 ? strips.at : u32(strips.at);
    const first = size === 2 ? u16(arrayAt) : u32(arrayAt);
    if (first >= b.length) throw corrupt(`page ${pages.length + 1}'s image data is past the end of the file`);
    pages.push(page);
    ifd = u32(ifd + 2 + count * 12);
  }
  return pages;
}

function pngPage(b: Uint8Array, corrupt: Corrupt): ImagePage {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 33 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') throw corrupt('no header');
  const page: ImagePage = { width: dv.getUint32(16), height: dv.getUint32(20) };
  let at = 8;
  let sawData = false;
  while (at + 8 <= b.length) {
    const len = dv.getUint32(at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (at + 12 + len > b.length) throw corrupt('cut short');
    if (type === 'pHYs' && len >= 9 && b[at + 16] === 1) {
      page.dpiX = dv.getUint32(at + 8) * 0.0254;
      page.dpiY = dv.getUint32(at + 12) * 0.0254;
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') break;
    at += 12 + len;
  }
  if (!sawData) throw corrupt('no image data');
  return page;
}

function jpegPage(b: Uint8Array, corrupt: Corrupt): ImagePage {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 2;
  let dpi: [number, number] | undefined;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) throw corrupt('bad marker');
    const marker = b[at + 1]!;
    if (marker === 0xff) { at++; continue; }
    const len = dv.getUint16(at + 2);
    if (at + 2 + len > b.length) throw corrupt('cut short');
    // APP0 JFIF: units (1 = inch, 2 = cm), X and Y density.
    if (marker === 0xe0 && len >= 14 && String.fromCharCode(...b.subarray(at + 4, at + 9)) === 'JFIF\0') {
      const units = b[at + 11]!, x = dv.getUint16(at + 12), y = dv.getUint16(at + 14);
      if ((units === 1 || units === 2) && x && y) dpi = units === 2 ? [x * 2.54, y * 2.54] : [x, y];
    }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): height then width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const page: ImagePage = { width: dv.getUint16(at + 7), height: dv.getUint16(at + 5) };
      if (dpi) { page.dpiX = dpi[0]; page.dpiY = dpi[1]; }
      if (!page.width || !page.height) throw corrupt('no image size');
      return page;
    }
    at += 2 + len;
  }
  throw corrupt('no image size');
}

/** A page under this many pixels on either side cannot hold a line of text. */
export const MIN_IMAGE_SIDE = 64;

/**
 * The resolution a page is laid out at: the stated one when plausible (50–1200 ppi); otherwise the
 * width is taken as a Letter page's 8.5 in, and the height follows the stated x:y ratio (TIFF with
 * no unit) or, for a page less tall than wide at square pixels (a standard-mode fax saved without
 * its resolution), 11 in.
 */
export function pageDpi(p: ImagePage): { x: number; y: number } {
  const ok = (v: number | undefined): v is number => v !== undefined && v >= 50 && v <= 1200;
  if (ok(p.dpiX) && ok(p.dpiY)) return { x: round(p.dpiX), y: round(p.dpiY) };
  const x = Math.min(600, Math.max(72, p.width / 8.5));
  if (p.dpiX !== undefined && p.dpiY !== undefined && p.dpiX < 0 && p.dpiY < 0) return { x: round(x), y: round(x * (p.dpiY / p.dpiX)) };
  return { x: round(x), y: round(p.height / p.width < 0.9 ? Math.max(36, p.height / 11) : x) };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * The image's pages as an image-only PDF (img2pdf, lossless), each page laid out at its resolution
 * (the stated one, or pageDpi's).
 * Throws MEDNEC_OCR_UNAVAILABLE without img2pdf and MEDNEC_INPUT_CORRUPT when it cannot read the
 * pixels.
 */
export async function imageToPdf(bytes: Uint8Array, info: ImageInfo, name: string, timeoutMs = 120_000): Promise<Uint8Array> {
  const img2pdf = which('img2pdf', process.env.PATH ?? '');
  if (!img2pdf) {
    throw new InputError('MEDNEC_OCR_UNAVAILABLE', `${name} is an image and img2pdf is not installed to read it; ` +
      'install it (bash scripts/install-system-deps.sh)');
  }
  // Pages that state a plausible resolution are laid out by img2pdf each at its own (a packet may
  // mix fine and standard-mode pages); otherwise every page at the first page's inferred one.
  const stated = info.pages.every((p) => p.dpiX !== undefined && p.dpiY !== undefined && p.dpiX >= 50 && p.dpiX <= 1200 && p.dpiY >= 50 && p.dpiY <= 1200);
  const { x, y } = pageDpi(info.pages[0]!);
  const layout = stated ? [] : ['--imgsize', `${x}dpix${y}dpi`, '--fit', 'exact'];
  // mkdtemp creates the directory 0700: the image is PHI.
  const dir = await mkdtemp(join(tmpdir(), 'mednec-img-'));
  try {
    const src = join(dir, `in.${info.kind === 'jpeg' ? 'jpg' : info.kind === 'tiff' ? 'tif' : 'png'}`);
    const out = join(dir, 'out.pdf');
    await writeFile(src, bytes, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      execFile(img2pdf, ['--nodate', ...layout, '-o', out, src],
        { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, encoding: 'utf8' }, (error, _stdout, stderr) => {
          if (!error) return resolve();
          const e = error as NodeJS.ErrnoException & { killed?: boolean };
          if (e.killed) return reject(new MednecError('MEDNEC_OCR_FAILED', `${name}: converting the image for OCR timed out`, { cause: e }));
          // img2pdf's own error line (no note text: it prints file structure only).
          const why = (stderr.split('\n').find((l) => /^error:/.test(l)) ?? stderr.split('\n').find((l) => l.trim()) ?? `exit ${String(e.code)}`)
            .replace(/^error:\s*/, '').replace(/<[^>]*>/g, '').slice(0, 160);
          reject(new InputError('MEDNEC_INPUT_CORRUPT', `${name}: the ${info.kind.toUpperCase()} image cannot be read (${why}); send the complete file`, { cause: e }));
        });
    });
    return new Uint8Array(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
