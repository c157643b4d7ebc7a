/**
 * Grey page images for OCR: binary PGM (what `pdftoppm -gray` writes) and a 3×3 median filter.
 * The median removes a fax's impulse speckle, which otherwise turns tesseract's output into noise
 * (measured on test/fixtures/scanned at 300 dpi: word recall 16/163 without it, 155/163 with two
 * passes). Done here rather
 * than with ImageMagick so OCR needs only tesseract and poppler, and gives the same text everywhere.
 */

export interface GreyImage { width: number; height: number; data: Uint8Array }

/** `P5 <width> <height> <maxval>` header (comments allowed), then width×height 8-bit samples. */
const PGM_HEADER = /^P5(?:\s+|#[^\n]*\n)*(\d+)(?:\s+|#[^\n]*\n)+(\d+)(?:\s+|#[^\n]*\n)+(\d+)\s/;

export function parsePgm(bytes: Uint8Array): GreyImage {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const m = PGM_HEADER.exec(head);
  if (!m) throw new Error('not a binary PGM image');
  const width = Number(m[1]), height = Number(m[2]), maxval = Number(m[3]);
  if (maxval > 255) throw new Error('16-bit PGM is not supported');
  const offset = m[0].length;
  if (bytes.length < offset + width * height) throw new Error('PGM image is cut short');
  return { width, height, data: bytes.subarray(offset, offset + width * height) };
}

export function encodePgm(img: GreyImage): Uint8Array {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

/**
 * 3×3 median with replicated borders (pixel-identical to ImageMagick's `-median 3`). Each column
 * triple is sorted once per row and shared by the three pixels that see it; the median of nine is
 * then med(max of the lows, med of the middles, min of the highs), which is exact.
 */
export function median3(img: GreyImage): GreyImage {
  const { width: w, height: h, data: src } = img;
  const dst = new Uint8Array(w * h);
  const lo = new Uint8Array(w), md = new Uint8Array(w), hi = new Uint8Array(w);
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : 0) * w, mid = y * w, dn = (y < h - 1 ? y + 1 : y) * w;
    for (let x = 0; x < w; x++) {
      let a = src[up + x]!, b = src[mid + x]!, c = src[dn + x]!, t: number;
      if (a > b) { t = a; a = b; b = t; }
      if (b > c) { t = b; b = c; c = t; }
      if (a > b) { t = a; a = b; b = t; }
      lo[x] = a; md[x] = b; hi[x] = c;
    }
    for (let x = 0; x < w; x++) {
      const l = x > 0 ? x - 1 : 0, r = x < w - 1 ? x + 1 : x;
      const l0 = lo[l]!, l1 = lo[x]!, l2 = lo[r]!;
      // White paper is most of a page: all nine samples equal → that value.
      if (l0 === 255 && l1 === 255 && l2 === 255) { dst[mid + x] = 255; continue; }
      const maxLo = l0 > l1 ? (l0 > l2 ? l0 : l2) : (l1 > l2 ? l1 : l2);
      const h0 = hi[l]!, h1 = hi[x]!, h2 = hi[r]!;
      const minHi = h0 < h1 ? (h0 < h2 ? h0 : h2) : (h1 < h2 ? h1 : h2);
      const medMd = med3(md[l]!, md[x]!, md[r]!);
      dst[mid + x] = med3(maxLo, medMd, minHi);
    }
  }
  return { width: w, height: h, data: dst };
}

function med3(a: number, b: number, c: number): number {
  return a > b ? (b > c ? b : a > c ? c : a) : (a > c ? a : b > c ? c : b);
}

/**
 * Separable binomial blur [1 4 6 4 1]/16 in each direction (a Gaussian of σ ≈ 1 px), replicated
 * borders. Run after the median on a fax page rendered at 300 dpi: an upsampled 1-bit fax has
 * staircase edges (3 rows per scan line at 200×100 "standard" resolution), and tesseract
 * binarizes a smoothed page into cleaner glyphs (word recall on samples/fax: see ocr.ts).
 */
export function blur5(img: GreyImage): GreyImage {
  const { width: w, height: h, data: src } = img;
  const tmp = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const a = src[row + (x > 1 ? x - 2 : 0)]!, b = src[row + (x > 0 ? x - 1 : 0)]!, c = src[row + x]!;
      const d = src[row + (x < w - 1 ? x + 1 : w - 1)]!, e = src[row + (x < w - 2 ? x + 2 : w - 1)]!;
      tmp[row + x] = a + 4 * b + 6 * c + 4 * d + e;
    }
  }
  const dst = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const r0 = (y > 1 ? y - 2 : 0) * w, r1 = (y > 0 ? y - 1 : 0) * w, r2 = y * w;
    const r3 = (y < h - 1 ? y + 1 : h - 1) * w, r4 = (y < h - 2 ? y + 2 : h - 1) * w;
    for (let x = 0; x < w; x++) {
      dst[r2 + x] = (tmp[r0 + x]! + 4 * tmp[r1 + x]! + 6 * tmp[r2 + x]! + 4 * tmp[r3 + x]! + tmp[r4 + x]! + 128) >> 8;
    }
  }
  return { width: w, height: h, data: dst };
}

/** The image turned clockwise by 90, 180 or 270 degrees (any other angle returns it unchanged). */
export function rotateGrey(img: GreyImage, degrees: number): GreyImage {
  const { width: w, height: h, data: src } = img;
  const deg = ((degrees % 360) + 360) % 360;
  if (deg === 180) {
    const dst = new Uint8Array(w * h);
    for (let i = 0, n = w * h; i < n; i++) dst[i] = src[n - 1 - i]!;
    return { width: w, height: h, data: dst };
  }
  if (deg !== 90 && deg !== 270) return img;
  // Turned a quarter, the image is h wide and w high.
  const dst = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = src[y * w + x]!;
      if (deg === 90) dst[x * h + (h - 1 - y)] = v;
      else dst[(w - 1 - x) * h + y] = v;
    }
  }
  return { width: h, height: w, data: dst };
}

/**
 * Skew of the text lines in degrees (positive: lines fall to the right; rotateSmall(img, skew) levels
 * them), by projection profile: the angle whose row histogram of dark
 * pixels is most peaked (sum of squares), on a 4× reduced copy, searched over ±maxDeg in 0.1° steps.
 * 0 when the page has too little ink to tell.
 */
export function estimateSkew(img: GreyImage, maxDeg = 3, step = 0.1): number {
  const f = 4;
  const w = Math.floor(img.width / f), h = Math.floor(img.height / f);
  const xs: number[] = [], ys: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // A reduced pixel is ink when its top-left sample is dark (cheap; the median has run).
      if (img.data[(y * f) * img.width + x * f]! < 128) { xs.push(x); ys.push(y); }
    }
  }
  if (xs.length < 200) return 0;
  let best = 0, bestScore = -1;
  const hist = new Float64Array(h + w * 2 + 2);
  for (let a = -maxDeg; a <= maxDeg + 1e-9; a += step) {
    const t = Math.tan((a * Math.PI) / 180);
    hist.fill(0);
    const off = w + 1;
    for (let i = 0; i < xs.length; i++) hist[Math.round(ys[i]! - xs[i]! * t) + off]!++;
    let score = 0;
    for (let i = 0; i < hist.length; i++) score += hist[i]! * hist[i]!;
    if (score > bestScore) { bestScore = score; best = a; }
  }
  return Math.round(best * 10) / 10;
}

/** The image turned by `deg` degrees (positive: content falling to the right is levelled), bilinear, white outside. */
export function rotateSmall(img: GreyImage, deg: number): GreyImage {
  if (deg === 0) return img;
  const { width: w, height: h, data: src } = img;
  const dst = new Uint8Array(w * h);
  const r = (deg * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  const cx = w / 2, cy = h / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Source position of the destination pixel (inverse rotation).
      const dx = x - cx, dy = y - cy;
      const sx = c * dx - s * dy + cx, sy = s * dx + c * dy + cy;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) { dst[y * w + x] = 255; continue; }
      const fx = sx - x0, fy = sy - y0, i = y0 * w + x0;
      const top = src[i]! + (src[i + 1]! - src[i]!) * fx, bot = src[i + w]! + (src[i + w + 1]! - src[i + w]!) * fx;
      dst[y * w + x] = Math.round(top + (bot - top) * fy);
    }
  }
  return { width: w, height: h, data: dst };
}
