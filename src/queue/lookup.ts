/**
 * Finding documents the way people refer to them: by an id prefix (the worker logs 12 hex digits)
 * or by the file name that was enqueued or dropped in the inbox; and listing recent documents
 * (`mednec list`). Reads the data dir (names live only there, never in Redis) and, for pending
 * documents, the registry.
 */
import { basename } from 'node:path';
import { MednecError } from '../errors/index.ts';
import type { DocState, Registry } from './registry.ts';
import { type DataStore, isDocumentId } from './store.ts';

/** Shortest id prefix `result` accepts (shorter ones match too much to be useful). */
export const MIN_PREFIX = 4;

export interface DocumentRow {
  id: string;
  name: string;
  state: 'queued' | 'done' | 'failed';
  /** The review's determination when done, the failure code when failed, '' while queued. */
  outcome: string;
  receivedAt: string;
  finishedAt: string;
}

/**
 * The one document `ref` names: a full id, a unique id prefix (≥ 4 hex digits) or a file name.
 * Unknown → MEDNEC_RESULT_UNKNOWN (exit 5); several matches → MEDNEC_RESULT_AMBIGUOUS (exit 6)
 * listing them (id, name, received).
 */
export async function resolveDocument(store: DataStore, ref: string): Promise<string> {
  const r = ref.trim();
  const lower = r.toLowerCase();
  if (isDocumentId(lower)) return lower;
  let matches: string[] = [];
  let what = '';
  if (/^[0-9a-f]+$/.test(lower) && lower.length >= MIN_PREFIX) {
    matches = await store.ids(lower);
    what = `id prefix "${lower}"`;
  }
  if (matches.length === 0) {
    matches = await store.idsByName(r);
    if (matches.length === 0 && basename(r) !== r) matches = await store.idsByName(basename(r));
    what = `file name "${basename(r).slice(0, 120)}"`;
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    const hint = /^[0-9a-f]+$/i.test(r) && r.length < MIN_PREFIX ? ` (an id prefix needs at least ${MIN_PREFIX} hex digits)` : '';
    throw new MednecError('MEDNEC_RESULT_UNKNOWN', `no document with id, id prefix or file name "${r.slice(0, 120)}"${hint}`);
  }
  const lines: string[] = [];
  for (const id of matches.slice(0, 20)) {
    const m = await store.readMeta(id).catch(() => null);
    lines.push(`  ${id}  ${m?.receivedAt ?? '?'}  ${m?.name ?? '?'}`);
  }
  if (matches.length > 20) lines.push(`  … and ${matches.length - 20} more`);
  throw new MednecError('MEDNEC_RESULT_AMBIGUOUS', `${what} matches ${matches.length} documents; give more of the id:\n${lines.join('\n')}`);
}

/** "90s", "15m", "1h", "2d", "1w" → milliseconds. */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(s.trim());
  if (!m) throw new MednecError('MEDNEC_USAGE', `"${s}" is not a duration (e.g. 90s, 15m, 1h, 2d, 1w)`);
  const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

/**
 * Documents received since `sinceMs` ago (all when undefined), newest first, optionally only in
 * one state. The registry says which ids exist and their state; the data dir gives names, times
 * and outcomes.
 */
export async function listDocuments(store: DataStore, registry: Registry,
  o: { sinceMs?: number; state?: DocState; limit?: number; now?: number } = {}): Promise<DocumentRow[]> {
  const states = await registry.all();
  const cutoff = o.sinceMs === undefined ? -Infinity : (o.now ?? Date.now()) - o.sinceMs;
  const rows: DocumentRow[] = [];
  for (const [id, state] of states) {
    if (o.state && state !== o.state) continue;
    const meta = await store.readMeta(id).catch(() => null);
    const receivedAt = meta?.receivedAt ?? '';
    if (receivedAt && Date.parse(receivedAt) < cutoff) continue;
    let outcome = '';
    let finishedAt = '';
    if (state === 'done') {
      const t = await store.readTrace(id).catch(() => null);
      outcome = t?.determination ?? '';
      finishedAt = t?.publishedAt ?? t?.stages.at(-1)?.at ?? '';
      if (!outcome) {
        const json = await store.readResult(id);
        if (json) { try { outcome = String((JSON.parse(json) as { determination?: string }).determination ?? ''); } catch { /* leave blank */ } }
      }
    } else if (state === 'failed') {
      const f = await store.readFailure(id).catch(() => null);
      outcome = f?.code ?? '';
      finishedAt = f?.at ?? '';
    }
    rows.push({ id, name: meta?.name ?? '', state, outcome, receivedAt, finishedAt });
  }
  rows.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.id.localeCompare(b.id));
  return o.limit === undefined ? rows : rows.slice(0, o.limit);
}
