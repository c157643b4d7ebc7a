/**
 * The document store and the result store: files under `MEDNEC_DATA_DIR`, owner-only (0700 dirs,
 * 0600 files), addressed by the document's sha256. Note text lives here and only here — Redis sees
 * document ids. Every write is atomic (temp file + rename), so a reader never sees half a result.
 *
 *   docs/ab/<sha>               the document bytes as received
 *   docs/ab/<sha>.meta.json     { name, bytes, receivedAt } (first name wins)
 *   work/ab/<sha>.*.json        stage hand-offs (ingested source, review), removed on publish
 *   results/ab/<sha>.review.json|.md|.html, <sha>.trace.json   published results
 *   failures/ab/<sha>.json      { code, message, stage, attempts, at } for documents that failed
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivate } from '../cli/io.ts';
import { sha256 } from '../ingest/index.ts';

const ID = /^[0-9a-f]{64}$/;
export function isDocumentId(s: string): boolean {
  return ID.test(s);
}

export const DocMetaSchema = z.object({ name: z.string(), bytes: z.number(), receivedAt: z.string(), aliases: z.array(z.string()).optional() });
export type DocMeta = z.infer<typeof DocMetaSchema>;

export const FailureSchema = z.object({
  code: z.string(),
  message: z.string(),
  stage: z.string(),
  attempts: z.number(),
  at: z.string(),
});
export type FailureRecord = z.infer<typeof FailureSchema>;

/** Who ran a stage, for how long. `skipped`: the result was already published (a re-run after a crash). */
export interface StageTrace { stage: string; worker: string; ms: number; at: string; skipped?: boolean }
/** results/…/<sha>.trace.json: who ran each stage; `determination` saves readers parsing the review. */
export interface ResultTrace { id: string; stages: StageTrace[]; determination?: string; publishedAt?: string }

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

async function readJson<T>(p: string, schema?: z.ZodType<T>): Promise<T | null> {
  let raw: string;
  try { raw = await readFile(p, 'utf8'); } catch { return null; }
  const v = JSON.parse(raw) as unknown;
  return schema ? schema.parse(v) : (v as T);
}

export class DataStore {
  constructor(readonly root: string) {}

  private path(area: 'docs' | 'work' | 'results' | 'failures', id: string, suffix = ''): string {
    if (!isDocumentId(id)) throw new Error('not a document id');
    return join(this.root, area, id.slice(0, 2), id + suffix);
  }

  workPath(id: string, kind: string): string {
    return this.path('work', id, `.${kind}.json`);
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
  }

  /** Stores the bytes under their sha256 (idempotent) and returns the document id. */
  async putDocument(bytes: Uint8Array, name: string): Promise<{ id: string; stored: boolean }> {
    const id = sha256(bytes);
    const p = this.path('docs', id);
    if (await exists(p)) return { id, stored: false };
    await writePrivate(p, bytes);
    const meta: DocMeta = { name, bytes: bytes.length, receivedAt: new Date().toISOString() };
    if (!(await exists(p + '.meta.json'))) await writePrivate(p + '.meta.json', JSON.stringify(meta));
    return { id, stored: true };
  }

  async hasDocument(id: string): Promise<boolean> {
    return exists(this.path('docs', id));
  }

  readDocument(id: string): Promise<Buffer> {
    return readFile(this.path('docs', id));
  }

  async readMeta(id: string): Promise<DocMeta | null> {
    return readJson(this.path('docs', id, '.meta.json'), DocMetaSchema);
  }

  writeWork(id: string, kind: string, value: unknown): Promise<void> {
    return writePrivate(this.path('work', id, `.${kind}.json`), JSON.stringify(value));
  }

  writeWorkText(id: string, kind: string, text: string): Promise<void> {
    return writePrivate(this.path('work', id, `.${kind}.json`), text);
  }

  async readWork<T>(id: string, kind: string): Promise<T> {
    const v = await readJson<T>(this.path('work', id, `.${kind}.json`));
    if (v === null) throw new Error(`stage hand-off "${kind}" is missing for ${id.slice(0, 12)}`);
    return v;
  }

  async hasWork(id: string, kind: string): Promise<boolean> {
    return exists(this.path('work', id, `.${kind}.json`));
  }

  async clearWork(id: string): Promise<void> {
    for (const kind of ['source', 'review']) await rm(this.path('work', id, `.${kind}.json`), { force: true });
  }

  /** Publishes the review (and reports) atomically; the review JSON is written last: it is the "done" marker. */
  async writeResult(id: string, reviewJson: string, reports: { md?: string; html?: string }, trace: StageTrace[], determination?: string): Promise<void> {
    if (reports.md !== undefined) await writePrivate(this.path('results', id, '.review.md'), reports.md);
    if (reports.html !== undefined) await writePrivate(this.path('results', id, '.review.html'), reports.html);
    const t: ResultTrace = { id, stages: trace, ...(determination ? { determination } : {}), publishedAt: new Date().toISOString() };
    await writePrivate(this.path('results', id, '.trace.json'), JSON.stringify(t, null, 2));
    await writePrivate(this.path('results', id, '.review.json'), reviewJson);
    await rm(this.path('failures', id), { force: true });
  }

  /**
   * Publishes the review hand-off as is (the review stage wrote it in its final form): the trace
   * and any reports first, then an atomic rename of work/…review.json to results/…review.json,
   * the "done" marker. No parse, no copy.
   */
  async publishReview(id: string, reports: { md?: string; html?: string }, trace: StageTrace[], determination?: string): Promise<void> {
    if (reports.md !== undefined) await writePrivate(this.path('results', id, '.review.md'), reports.md);
    if (reports.html !== undefined) await writePrivate(this.path('results', id, '.review.html'), reports.html);
    const t: ResultTrace = { id, stages: trace, ...(determination ? { determination } : {}), publishedAt: new Date().toISOString() };
    await writePrivate(this.path('results', id, '.trace.json'), JSON.stringify(t, null, 2));
    await rename(this.path('work', id, '.review.json'), this.resultPath(id));
    await Promise.all([rm(this.path('failures', id), { force: true }), rm(this.path('work', id, '.source.json'), { force: true })]);
  }

  resultPath(id: string, ext: 'json' | 'md' | 'html' = 'json'): string {
    return this.path('results', id, `.review.${ext}`);
  }

  async readResult(id: string): Promise<string | null> {
    return readFile(this.resultPath(id), 'utf8').catch(() => null);
  }

  async readTrace(id: string): Promise<ResultTrace | null> {
    return readJson(this.path('results', id, '.trace.json'));
  }

  async hasResult(id: string): Promise<boolean> {
    return exists(this.resultPath(id));
  }

  writeFailure(id: string, f: FailureRecord): Promise<void> {
    return writePrivate(this.path('failures', id), JSON.stringify(f, null, 2));
  }

  /**
   * A retried document's failure record moves to `<sha>.history.jsonl` (one line per earlier
   * failure), so the record of what went wrong is kept while the document runs again.
   */
  async archiveFailure(id: string): Promise<FailureRecord | null> {
    const f = await this.readFailure(id);
    if (!f) return null;
    const hist = this.path('failures', id, '.history.jsonl');
    const prev = await readFile(hist, 'utf8').catch(() => '');
    await writePrivate(hist, prev + JSON.stringify({ ...f, retriedAt: new Date().toISOString() }) + '\n');
    await rm(this.path('failures', id), { force: true });
    return f;
  }

  /** Where `writeFailure` puts the record (the stage watchdog writes it synchronously). */
  failurePath(id: string): string {
    return this.path('failures', id);
  }

  async readFailure(id: string): Promise<FailureRecord | null> {
    return readJson(this.path('failures', id), FailureSchema);
  }

  /** Every stored document id (from docs/), optionally only those starting with a hex prefix. */
  async ids(prefix = ''): Promise<string[]> {
    const p = prefix.toLowerCase();
    const base = join(this.root, 'docs');
    const shards = p.length >= 2 ? [p.slice(0, 2)] : (await readdir(base).catch(() => [] as string[])).filter((d) => d.startsWith(p));
    const out: string[] = [];
    for (const sh of shards) {
      for (const n of await readdir(join(base, sh)).catch(() => [] as string[])) {
        if (isDocumentId(n) && n.startsWith(p)) out.push(n);
      }
    }
    return out.sort();
  }

  /** Ids of the documents received under `name` (the name given to enqueue, or dropped in the inbox). */
  async idsByName(name: string): Promise<string[]> {
    const out: string[] = [];
    for (const id of await this.ids()) {
      const m = await this.readMeta(id).catch(() => null);
      if (m && (m.name === name || m.aliases?.includes(name))) out.push(id);
    }
    return out;
  }

  /** A document enqueued again under another name: remember it, so `result <name>` finds it. */
  async addAlias(id: string, name: string): Promise<void> {
    const p = this.path('docs', id, '.meta.json');
    const m = await this.readMeta(id).catch(() => null);
    if (!m || m.name === name || m.aliases?.includes(name)) return;
    await writePrivate(p, JSON.stringify({ ...m, aliases: [...(m.aliases ?? []), name].slice(-20) }));
  }
}
