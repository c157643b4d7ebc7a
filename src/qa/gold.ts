/**
 * Gold annotations (CONTRACT.md "Gold annotations"): `<note>.gold.json` beside its note, or a gold
 * whose `note` names a shared corpus file (`shared:corpus/mtsamples/<file>`) so that real notes we
 * may not redistribute stay in ../shared. Loading validates with zod; discovery pairs each gold
 * with its note and says why when it cannot.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ASSERTIONS, FACT_TYPES } from '../schema/review.ts';

const GoldAttributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()])), z.null()]);

/**
 * Where the annotator saw the fact: a quote of the note text (or several). Optional; it only helps
 * the HTML report show a miss in context. Predicted-fact evidence objects `{ text }` are accepted.
 */
const GoldEvidence = z.union([
  z.string(),
  z.array(z.union([z.string(), z.object({ text: z.string() }).passthrough()])),
]);

/** A type the schema does not know is a typo that would silently score as misses. */
const GoldFactType = z.enum(FACT_TYPES);

export const GoldFactSchema = z.object({
  type: GoldFactType,
  assertion: z.enum(ASSERTIONS),
  experiencer: z.enum(['patient', 'other']).optional(),
  attributes: z.record(z.string(), GoldAttributeValue).default({}),
  evidence: GoldEvidence.optional(),
}).passthrough();
export type GoldFact = z.infer<typeof GoldFactSchema>;

export const GoldReviewSchema = z.object({
  policy: z.string(),
  outcome: z.string(),
  /** When the packet requests several procedures, which request this outcome belongs to. */
  procedure: z.string().optional(),
  /** The policy that governs the packet (CONTRACT.md "Determination"). */
  governing: z.boolean().optional(),
}).passthrough();
export type GoldReview = z.infer<typeof GoldReviewSchema>;

export const GoldSchema = z.object({
  schemaVersion: z.literal('1'),
  /** A note outside the folder: `shared:<path under the shared dir>` or a path relative to the gold. */
  note: z.string().optional(),
  factTypes: z.array(GoldFactType),
  facts: z.array(GoldFactSchema),
  /** All flags expected; absent = flags not annotated for this note (not scored). */
  flags: z.array(z.string()).optional(),
  determination: z.string().optional(),
  reviews: z.array(GoldReviewSchema).optional(),
}).passthrough();
export type Gold = z.infer<typeof GoldSchema>;

export const GOLD_SUFFIX = '.gold.json';
export const SHARED_PREFIX = 'shared:';

/** A gold file paired with its note, or the reason it cannot be scored. */
export interface GoldCase {
  goldPath: string;
  /** The folder the gold sits in (for per-folder totals). */
  dir: string;
  gold?: Gold;
  notePath?: string;
  skip?: string;
  /** The packet form read (`--forms`): text, pdf, fax-std, fax-fine. */
  form?: string;
}

/**
 * The forms a packet is scored in (`mednec qa --forms …`), made by scripts/make-packet-forms.ts
 * beside one gold `<name>.gold.json`: the text `<name>.txt`, a text-layer PDF `<name>.pdf`, and
 * image-only fax scans `<name>.fax-std.pdf` (200×100 dpi) and `<name>.fax-fine.pdf` (200×200).
 */
export const FORMS = { text: '.txt', pdf: '.pdf', 'fax-std': '.fax-std.pdf', 'fax-fine': '.fax-fine.pdf' } as const;
export type Form = keyof typeof FORMS;
export function isForm(x: string): x is Form {
  return Object.hasOwn(FORMS, x);
}

export function parseGold(json: unknown): Gold {
  return GoldSchema.parse(json);
}

/** `MEDNEC_SHARED_DIR`, else `<repo>/../shared`. */
export function sharedDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.MEDNEC_SHARED_DIR ? resolve(env.MEDNEC_SHARED_DIR) : resolve(repoRoot, '..', 'shared');
}

function noteCandidates(goldPath: string): string[] {
  const base = goldPath.slice(0, -GOLD_SUFFIX.length);
  // `case.gold.json` → case.txt, then case.pdf; `case.pdf.gold.json` names its note directly.
  return /\.(txt|pdf)$/i.test(base) ? [base] : [`${base}.txt`, `${base}.pdf`];
}

export function resolveNote(goldPath: string, gold: Gold, shared: string): { notePath?: string; skip?: string } {
  if (gold.note) {
    if (gold.note.startsWith(SHARED_PREFIX)) {
      const p = join(shared, gold.note.slice(SHARED_PREFIX.length));
      if (!existsSync(shared)) return { skip: `shared folder ${shared} is absent (set MEDNEC_SHARED_DIR)` };
      return existsSync(p) ? { notePath: p } : { skip: `note ${gold.note} not found under ${shared}` };
    }
    const p = resolve(dirname(goldPath), gold.note);
    return existsSync(p) ? { notePath: p } : { skip: `note ${gold.note} not found` };
  }
  const found = noteCandidates(goldPath).find((p) => existsSync(p));
  return found ? { notePath: found } : { skip: 'no .txt or .pdf note beside the gold file' };
}

/**
 * A folder holding this file is a held-out gold set: `--recursive` walks past it, so neither the
 * QA gate nor a routine `qa --recursive samples` shows its scores; name the folder itself to
 * score it (the one deliberate measurement).
 */
export const HELD_OUT_MARKER = '.heldout';

/**
 * A folder holding this file is scored only when named, never reached by `--recursive`: the faxed
 * corpus (samples/fax/) needs minutes of OCR, which the regression gate and `npm run qa` over
 * samples/ must not pay (it has its own command, `npm run qa:fax`).
 */
export const EXPLICIT_ONLY_MARKER = '.qa-explicit-only';

async function listFolders(dir: string, recursive: boolean): Promise<string[]> {
  if (!recursive) return [dir];
  const out = [dir];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries.filter((x) => x.isDirectory() && !x.name.startsWith('.') && x.name !== 'node_modules').sort((a, b) => a.name.localeCompare(b.name))) {
    if ([HELD_OUT_MARKER, EXPLICIT_ONLY_MARKER].some((m) => existsSync(join(dir, e.name, m)))) continue;
    out.push(...await listFolders(join(dir, e.name), true));
  }
  return out;
}

/**
 * Every `*.gold.json` inside each folder (and its subfolders with `recursive`), in name order,
 * each gold once even when folders overlap. `dir` is the folder the gold sits in.
 */
export async function discoverGold(dirs: string[], shared: string,
  opts: { recursive?: boolean; forms?: readonly Form[]; onMissing?: (dir: string) => void } = {}): Promise<GoldCase[]> {
  const cases: GoldCase[] = [];
  const seen = new Set<string>();
  for (const given of dirs) {
    const st = await stat(given).catch(() => null);
    if (!st) { opts.onMissing?.(given); continue; }
    const folders = st?.isDirectory() ? await listFolders(given, opts.recursive ?? false) : [];
    const files = st?.isFile() && given.endsWith(GOLD_SUFFIX) ? [given] : [];
    for (const folder of folders) {
      const names = (await readdir(folder)).filter((n) => n.endsWith(GOLD_SUFFIX) && !n.startsWith('.')).sort();
      files.push(...names.map((n) => join(folder, n)));
    }
    for (const goldPath of files) {
      if (seen.has(resolve(goldPath))) continue;
      seen.add(resolve(goldPath));
      const dir = dirname(goldPath);
      let gold: Gold;
      try {
        gold = parseGold(JSON.parse(await readFile(goldPath, 'utf8')));
      } catch (e) {
        const why = e instanceof z.ZodError
          ? e.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
          : e instanceof Error ? e.message.split('\n')[0] : String(e);
        cases.push({ goldPath, dir, skip: `invalid gold file: ${why}` });
        continue;
      }
      if (!opts.forms) { cases.push({ goldPath, dir, gold, ...resolveNote(goldPath, gold, shared) }); continue; }
      if (gold.note) { cases.push({ goldPath, dir, gold, skip: `the gold names its note (${gold.note}); --forms needs the forms beside the gold` }); continue; }
      const base = goldPath.slice(0, -GOLD_SUFFIX.length);
      const found = opts.forms.filter((f) => existsSync(base + FORMS[f]));
      if (!found.length) cases.push({ goldPath, dir, gold, skip: `none of the forms ${opts.forms.join(', ')} beside the gold` });
      for (const form of found) cases.push({ goldPath, dir, gold, notePath: base + FORMS[form], form });
    }
  }
  return cases;
}
