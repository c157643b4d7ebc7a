import { describe, expect, test } from 'vitest';
import { blur5, encodePgm, estimateSkew, median3, parsePgm, rotateGrey, rotateSmall, type GreyImage } from '../../src/ingest/ocr-image.ts';

/** Reference: sort the 3×3 neighbourhood (borders replicated) and take the middle. */
function bruteMedian(img: GreyImage): Uint8Array {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v: number[] = [];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = Math.min(h - 1, Math.max(0, y + dy)), xx = Math.min(w - 1, Math.max(0, x + dx));
          v.push(data[yy * w + xx]!);
        }
      }
      v.sort((a, b) => a - b);
      out[y * w + x] = v[4]!;
    }
  }
  return out;
}

/** Deterministic pseudo-random bytes (so a failure reproduces). */
function noise(n: number, seed: number, whiteShare = 0): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s >>> 8) % 100 < whiteShare * 100 ? 255 : (s >>> 16) & 255;
  });
}

describe('median3', () => {
  test.each([
    ['random grey', 37, 23, 0],
    ['mostly white paper', 40, 31, 0.9],
    ['one column', 1, 9, 0],
    ['one row', 9, 1, 0],
    ['one pixel', 1, 1, 0],
  ])('matches a sorted 3×3 neighbourhood on %s', (_n, w, h, white) => {
    const img = { width: w, height: h, data: noise(w * h, w * 31 + h, white) };
    expect(Array.from(median3(img).data)).toEqual(Array.from(bruteMedian(img)));
  });

  test('removes isolated speckle and keeps a stroke three pixels wide', () => {
    const w = 9, h = 9;
    const data = new Uint8Array(w * h).fill(255);
    data[2 * w + 2] = 0; // a speckle
    for (let y = 0; y < h; y++) for (let x = 5; x < 8; x++) data[y * w + x] = 0; // a stroke
    const out = median3({ width: w, height: h, data }).data;
    expect(out[2 * w + 2]).toBe(255);
    expect(out[4 * w + 6]).toBe(0);
  });
});

describe('PGM', () => {
  test('round-trips through encodePgm and parsePgm', () => {
    const img = { width: 5, height: 3, data: noise(15, 7) };
    const back = parsePgm(encodePgm(img));
    expect(back.width).toBe(5);
    expect(back.height).toBe(3);
    expect(Array.from(back.data)).toEqual(Array.from(img.data));
  });

  test('reads a header with a comment, as some writers emit', () => {
    const bytes = Buffer.concat([Buffer.from('P5\n# made by a scanner\n2 2\n255\n', 'latin1'), Buffer.from([1, 2, 3, 4])]);
    expect(Array.from(parsePgm(bytes).data)).toEqual([1, 2, 3, 4]);
  });

  test.each([
    ['not a PGM', Buffer.from('P6\n2 2\n255\n0000')],
    ['cut short', Buffer.from('P5\n4 4\n255\nabc')],
  ])('rejects an image that is %s', (_n, bytes) => {
    expect(() => parsePgm(bytes)).toThrow();
  });
});

describe('rotateGrey', () => {
  // 3 wide, 2 high:  a b c
  //                  d e f
  const img = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
  test.each([
    [90, 2, 3, [4, 1, 5, 2, 6, 3]],
    [180, 3, 2, [6, 5, 4, 3, 2, 1]],
    [270, 2, 3, [3, 6, 2, 5, 1, 4]],
    [0, 3, 2, [1, 2, 3, 4, 5, 6]],
  ])('turns an image %i° clockwise', (deg, w, h, data) => {
    const r = rotateGrey(img, deg);
    expect([r.width, r.height, Array.from(r.data)]).toEqual([w, h, data]);
  });

  test('four quarter turns give the image back', () => {
    let r: GreyImage = { width: 5, height: 3, data: noise(15, 3) };
    for (let i = 0; i < 4; i++) r = rotateGrey(r, 90);
    expect(Array.from(r.data)).toEqual(Array.from(noise(15, 3)));
  });
});

describe('blur5', () => {
  test('leaves a uniform page as it is', () => {
    const img = { width: 7, height: 5, data: new Uint8Array(35).fill(200) };
    expect(Array.from(blur5(img).data)).toEqual(Array.from(img.data));
  });

  test('spreads one black pixel over its 5×5 neighbourhood with binomial weights, symmetrically', () => {
    const data = new Uint8Array(81).fill(255);
    data[4 * 9 + 4] = 0;
    const out = blur5({ width: 9, height: 9, data }).data;
    // Centre: 255 - 255·36/256; the corners of the 5×5 window lose 255/256 (rounds back to 255).
    expect(out[4 * 9 + 4]).toBe(Math.round(255 - (255 * 36) / 256));
    expect(out[4 * 9 + 3]).toBe(out[4 * 9 + 5]);
    expect(out[3 * 9 + 4]).toBe(out[5 * 9 + 4]);
    expect(out[0]).toBe(255);
    expect(out[4 * 9 + 4]!).toBeLessThan(out[4 * 9 + 3]!);
  });
});

describe('skew estimate and levelling (measured as an option, off by default: README)', () => {
  /** White page with dark "text lines" 6 px thick every 40 px, falling `deg` degrees to the right. */
  function lines(deg: number, w = 800, h = 800): GreyImage {
    const data = new Uint8Array(w * h).fill(255);
    const t = Math.tan((deg * Math.PI) / 180);
    for (let y = 0; y < h; y++) {
      for (let x = 40; x < w - 40; x++) {
        const y0 = y - x * t;
        if (((y0 % 40) + 40) % 40 < 6 && x % 9 !== 0) data[y * w + x] = 0;
      }
    }
    return { width: w, height: h, data };
  }

  test('finds the angle of the lines and levelling the page brings it to 0', () => {
    for (const deg of [-1.4, -0.4, 0, 0.8]) {
      const img = lines(deg);
      const est = estimateSkew(img);
      expect(Math.abs(est - deg)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(estimateSkew(rotateSmall(img, est)))).toBeLessThanOrEqual(0.1);
    }
  });

  test('a blank page has no skew, and turning by 0 returns the same image', () => {
    const blank = { width: 100, height: 100, data: new Uint8Array(10_000).fill(255) };
    expect(estimateSkew(blank)).toBe(0);
    expect(rotateSmall(blank, 0)).toBe(blank);
  });
});
