/**
 * Fax images as fax servers deliver them, generated at test time from test/fixtures/scanned/
 * fax-text.pdf with the repo's fax recipe (scripts/lib/fax.sh: skew, impulse speckle, blur,
 * sampling at the fax resolution, 1-bit threshold): multi-page CCITT G4 TIFF, a standard-mode
 * (200×100) G3 TIFF, PNG and JPEG. Pages are cropped to their top part so each costs ~1 s of OCR.
 * Needs /usr/bin/convert (ImageMagick), pdftoppm (bash scripts/install-system-deps.sh).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCANNED = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'scanned');
const CONVERT = '/usr/bin/convert';

export function canMakeFaxImages(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return existsSync(CONVERT);
  } catch {
    return false;
  }
}

export interface FaxImages {
  dir: string;
  /** Two pages (fax-text.pdf pages 1 and 2, top parts), CCITT G4, 200×200 dpi. */
  g4: Buffer;
  /** Page 1 (top part), CCITT G3 (1-D), 200×100 "standard" mode. */
  g3Standard: Buffer;
  png: Buffer;
  jpeg: Buffer;
  /** Two pages: page 1 (top part) in fine mode (200×200), page 2 (top part) in standard mode (200×100). */
  mixedModes: Buffer;
  /** Two pages: all black, then page 1 (top part). */
  blackThenText: Buffer;
  /** One all-black page. */
  black: Buffer;
  /** 200 small blank pages. */
  pages200: Buffer;
  /** The G4 TIFF with its first page's data overwritten by junk (header and directories intact). */
  junkData: Buffer;
  /** The G4 TIFF cut short before its first directory. */
  truncated: Buffer;
  cleanup(): void;
}

function convert(args: string[]): void {
  execFileSync(CONVERT, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The recipe of scripts/lib/fax.sh fax_degrade, with a crop to the top `rows` of the page. */
function degrade(pgm: string, rows: number, ydpi: 200 | 100, extra: string[], out: string): void {
  const sample = ydpi === 200 ? [] : ['-sample', '100%x50%'];
  convert([pgm, '-crop', `1700x${rows}+0+0`, '+repage', '-seed', '7', '-rotate', '0.6', '+repage', '-attenuate', '0.3', '+noise', 'Impulse',
    '-blur', '0x0.4', ...sample, '-threshold', '55%', '-type', 'bilevel', '-units', 'PixelsPerInch', '-density', `200x${ydpi}`, ...extra, out]);
}

export function makeFaxImages(): FaxImages {
  const dir = mkdtempSync(join(tmpdir(), 'mednec-faximg-'));
  const p = (n: string) => join(dir, n);
  execFileSync('pdftoppm', ['-r', '200', '-gray', join(SCANNED, 'fax-text.pdf'), p('pg')]);
  const [pg1, pg2] = [p('pg-1.pgm'), p('pg-2.pgm')];
  degrade(pg1, 760, 200, ['-compress', 'Group4'], p('a.tif'));
  degrade(pg2, 760, 200, ['-compress', 'Group4'], p('b.tif'));
  convert([p('a.tif'), p('b.tif'), '-compress', 'Group4', p('g4.tif')]);
  degrade(pg1, 760, 100, ['-compress', 'Fax'], p('g3.tif'));
  degrade(pg2, 760, 100, ['-compress', 'Group4'], p('b-std.tif'));
  convert([p('a.tif'), p('b-std.tif'), '-compress', 'Group4', p('mixed.tif')]);
  degrade(pg1, 760, 200, [], p('scan.png'));
  degrade(pg1, 760, 200, ['-quality', '85'], p('scan.jpg'));
  convert(['-size', '1700x760', 'xc:black', '-type', 'bilevel', '-units', 'PixelsPerInch', '-density', '200', '-compress', 'Group4', p('black.tif')]);
  convert([p('black.tif'), p('a.tif'), '-compress', 'Group4', p('black-text.tif')]);
  convert(['-size', '200x200', 'xc:white', '-type', 'bilevel', '-duplicate', '199', '-compress', 'Group4', p('200.tif')]);
  const g4 = readFileSync(p('g4.tif'));
  const junkData = Buffer.from(g4);
  // ImageMagick writes page 1's strip right after the 8-byte header, its directory after it.
  const firstIfd = junkData.readUInt32LE(4);
  for (let i = 16; i < firstIfd - 16; i++) junkData[i] = (i * 7919 + 13) & 0xff;
  return {
    dir, g4, junkData, truncated: g4.subarray(0, Math.floor(readFileSync(p('g4.tif')).readUInt32LE(4) / 2)),
    g3Standard: readFileSync(p('g3.tif')), mixedModes: readFileSync(p('mixed.tif')), png: readFileSync(p('scan.png')), jpeg: readFileSync(p('scan.jpg')),
    black: readFileSync(p('black.tif')), blackThenText: readFileSync(p('black-text.tif')), pages200: readFileSync(p('200.tif')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
