/**
 * Every packet in three forms, so that one gold scores them all (issue 9): from a folder of
 * packets (`<name>.txt`, form feed = page break, with `<name>.gold.json`), writes into
 * `<out>/<folder name>/`:
 *   <name>.pdf            text-layer PDF (pdf-lib, Courier 9 pt; scripts/make-sample-pdfs.ts)
 *   <name>.fax-std.pdf    image-only fax scan, "standard" mode 200×100 dpi, CCITT G4
 *   <name>.fax-fine.pdf   image-only fax scan, "fine" mode 200×200 dpi, CCITT G4
 *   <name>.gold.json      a symlink to the packet's gold (never a copy: shared golds stay in ../shared)
 * and copies the folder's `.heldout` marker. Score them with
 *   mednec qa <out>/<folder> --forms pdf,fax-std,fax-fine     (`npm run qa:forms`)
 *
 * The fax recipe is scripts/lib/fax.sh (the one samples/fax/ and the test fixtures use): Courier on
 * Letter → 200 dpi raster → skew, impulse speckle, blur, sampled at the mode's resolution,
 * thresholded to 1 bit. The style (skew, speckle, blur, threshold, 9 or 10 pt, fax-server stamp)
 * is chosen from a hash of the packet's name, the same for both modes, so the two scans of a
 * packet differ only in resolution; output is deterministic (seeded speckle, no dates). A form is
 * rebuilt only when missing or older than its text (`--force` rebuilds all).
 *
 *   npx tsx scripts/make-packet-forms.ts <dir>... [--out .qa-out/forms] [--forms pdf,fax-std,fax-fine] [--force] [--only name,...]
 * Needs for the faxes (bash scripts/install-system-deps.sh): ghostscript, poppler-utils, imagemagick, img2pdf.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPdf } from './make-sample-pdfs.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FAX_LIB = join(ROOT, 'scripts', 'lib', 'fax.sh');

export type FormName = 'pdf' | 'fax-std' | 'fax-fine';
export const FORM_SUFFIX: Record<FormName, string> = { pdf: '.pdf', 'fax-std': '.fax-std.pdf', 'fax-fine': '.fax-fine.pdf' };

const HEADERS = [
  'MAR-03-2025 09:13 FROM-LAKESIDE SPINE & PAIN   5558675309   T-412 P.%p/%n F-118',
  '03/03/2025 14:02 FAX 555 867 5309        SPINE CLINIC         PAGE %p/%n',
  'Received: Mar 03 2025 09:13AM  From: (555) 867-5309  To: Utilization Review  Page %p of %n',
  'From: RightFax Server  Sent: 3/3/2025 9:13:42 AM  To: UM Intake  Page: %p/%n',
  '',
];

/** A number in [0, count) from the packet name's hash: stable across runs and machines. */
export function pick(name: string, key: string, count: number): number {
  return createHash('sha256').update(`${name}/${key}`).digest().readUInt32BE(0) % count;
}

export interface FaxStyle { skew: string; noise: string; blur: string; threshold: number; pt: number; header: string; seed: number }

export function faxStyle(name: string): FaxStyle {
  const tenths = 3 + pick(name, 'skew', 10); // 0.3 … 1.2°
  const sign = pick(name, 'sign', 2) ? '' : '-';
  return {
    skew: `${sign}${Math.floor(tenths / 10)}.${tenths % 10}`,
    noise: `0.${String(15 + pick(name, 'noise', 21)).padStart(2, '0')}`, // 0.15 … 0.35
    blur: `0.${3 + pick(name, 'blur', 4)}`, // 0.3 … 0.6
    threshold: 50 + pick(name, 'threshold', 9), // 50 … 58 %
    pt: 9 + pick(name, 'font', 2),
    header: HEADERS[pick(name, 'header', HEADERS.length)]!,
    seed: pick(name, 'seed', 100000),
  };
}

function sh(script: string, args: string[]): void {
  execFileSync('bash', ['-c', `set -euo pipefail; . "${FAX_LIB}"; ${script}`, 'fax', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Both fax scans of one packet from one rendering (the modes share the style and speckle seed). */
function makeFaxes(txt: string, name: string, outs: Partial<Record<'fax-std' | 'fax-fine', string>>): void {
  const s = faxStyle(name);
  const work = mkdtempSync(join(tmpdir(), 'mednec-forms-'));
  try {
    sh('fax_need_tools; fax_text_to_pdf "$1" "$2/text.pdf" "$3" "$4"; pdftoppm -r 200 -gray "$2/text.pdf" "$2/pg"', [txt, work, String(s.pt), s.header]);
    const pages = readdirSync(work).filter((f) => /^pg-\d+\.pgm$/.test(f)).sort();
    for (const [mode, out] of Object.entries(outs) as ['fax-std' | 'fax-fine', string][]) {
      const ydpi = mode === 'fax-std' ? '100' : '200';
      const tifs = pages.map((p, i) => {
        const tif = join(work, `${mode}-${i + 1}.tif`);
        sh('fax_degrade "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8"', [join(work, p), tif, String(s.seed + i + 1), s.skew, s.noise, s.blur, String(s.threshold), ydpi]);
        return tif;
      });
      // --nodate and the internal engine (no random /ID): a regeneration is byte-identical.
      execFileSync('img2pdf', ['--nodate', '--engine', 'internal', ...tifs, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function fresh(out: string, src: string): boolean {
  return existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs;
}

function linkGold(gold: string, link: string): void {
  const target = resolve(gold);
  if (existsSync(link) || lstatSync(link, { throwIfNoEntry: false })) unlinkSync(link);
  symlinkSync(target, link);
}

export interface FormsOptions { out: string; forms: FormName[]; force?: boolean; only?: Set<string>; log?: (line: string) => void }

/** Makes the forms of every packet with a gold in `dir`; returns the output folder. */
export async function makePacketForms(dir: string, opts: FormsOptions): Promise<{ outDir: string; packets: number }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: no such folder`);
  const outDir = join(opts.out, basename(resolve(dir)));
  mkdirSync(outDir, { recursive: true });
  if (existsSync(join(dir, '.heldout'))) writeFileSync(join(outDir, '.heldout'), 'forms of a held-out set (scripts/make-packet-forms.ts)\n');
  const names = readdirSync(dir).filter((f) => f.endsWith('.txt') && existsSync(join(dir, f.replace(/\.txt$/, '.gold.json'))))
    .map((f) => f.slice(0, -4)).filter((n) => !opts.only || opts.only.has(n)).sort();
  for (const name of names) {
    const txt = join(dir, `${name}.txt`);
    linkGold(join(dir, `${name}.gold.json`), join(outDir, `${name}.gold.json`));
    const made: string[] = [];
    if (opts.forms.includes('pdf')) {
      const out = join(outDir, name + FORM_SUFFIX.pdf);
      if (opts.force || !fresh(out, txt)) {
        writeFileSync(out, await renderPdf(readFileSync(txt, 'utf8'), name));
        made.push('pdf');
      }
    }
    const faxes: Partial<Record<'fax-std' | 'fax-fine', string>> = {};
    for (const mode of ['fax-std', 'fax-fine'] as const) {
      const out = join(outDir, name + FORM_SUFFIX[mode]);
      if (opts.forms.includes(mode) && (opts.force || !fresh(out, txt))) faxes[mode] = out;
    }
    if (Object.keys(faxes).length) { makeFaxes(txt, name, faxes); made.push(...Object.keys(faxes)); }
    opts.log?.(`${name}: ${made.length ? `made ${made.join(', ')}` : 'up to date'}`);
  }
  return { outDir, packets: names.length };
}

async function main(argv: string[]): Promise<number> {
  const dirs: string[] = [];
  let out = join(ROOT, '.qa-out', 'forms');
  let forms: FormName[] = ['pdf', 'fax-std', 'fax-fine'];
  let force = false;
  let only: Set<string> | undefined;
  let allowMissing = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') out = argv[++i] ?? out;
    else if (a === '--forms') forms = (argv[++i] ?? '').split(',').filter(Boolean) as FormName[];
    else if (a === '--only') only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (a === '--force') force = true;
    else if (a === '--allow-missing') allowMissing = true;
    else if (a.startsWith('--')) { process.stderr.write(`make-packet-forms: unknown option ${a}\n`); return 64; }
    else dirs.push(a);
  }
  const bad = forms.find((f) => !(f in FORM_SUFFIX));
  if (!dirs.length || bad || !forms.length) {
    process.stderr.write(`usage: tsx scripts/make-packet-forms.ts <dir>... [--out dir] [--forms pdf,fax-std,fax-fine] [--only a,b] [--force] [--allow-missing]${bad ? ` (unknown form ${bad})` : ''}\n`);
    return 64;
  }
  for (const dir of dirs) {
    if (!existsSync(dir)) {
      process.stderr.write(`make-packet-forms: ${dir} does not exist${allowMissing ? ' (skipped)' : ''}\n`);
      if (allowMissing) continue;
      return 2;
    }
    const r = await makePacketForms(dir, { out, forms, force, only, log: (l) => process.stderr.write(`  ${l}\n`) });
    process.stderr.write(`make-packet-forms: ${r.packets} packets of ${dir} → ${r.outDir}\n`);
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
