/**
 * `mednec retry <document id>... | --failed [--code CODE]`: run failed documents again from ingest,
 * once whatever failed them is fixed (tesseract installed, a disk or Redis outage over). One line per
 * document: "<id> requeued" | "<id> done" | "<id> pending" | "<id> unknown" | "<id> missing-document".
 * `--failed` retries every failed document; `--code` only those whose recorded failure has that
 * code (e.g. MEDNEC_OCR_UNAVAILABLE). The earlier failure record is kept in
 * failures/…/<sha>.history.jsonl. Exit 0 when every document named is requeued (or already
 * done or pending), 5 when an id is unknown, 2 when a document's bytes are no longer stored.
 */
import { MednecError } from '../../errors/index.ts';
import { QueueClient, type RetryStatus } from '../../queue/client.ts';
import { loadQueueConfig } from '../../queue/config.ts';
import { isDocumentId } from '../../queue/store.ts';
import { opt, parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

const USAGE = 'usage: mednec retry <document id>... | --failed [--code CODE]   prints "<id> requeued|done|pending|unknown|missing-document"';

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['code'], booleans: ['help', 'failed'] });
  const all = a.flags.has('failed');
  if (a.flags.has('help') || (all === (a.positionals.length > 0))) {
    err(USAGE);
    return a.flags.has('help') ? 0 : 64;
  }
  const code = opt(a, 'code');
  if (code !== undefined && !all) throw new MednecError('MEDNEC_USAGE', '--code goes with --failed');
  const ids = a.positionals.map((p) => p.trim().toLowerCase());
  const bad = ids.find((id) => !isDocumentId(id));
  if (bad !== undefined) throw new MednecError('MEDNEC_RESULT_UNKNOWN', `"${bad.slice(0, 80)}" is not a document id (64 hex digits)`);

  const client = await QueueClient.connect(loadQueueConfig());
  const seen: RetryStatus[] = [];
  try {
    let targets = ids;
    if (all) {
      targets = [];
      for (const id of await client.registry.idsIn('failed')) {
        if (code === undefined || (await client.store.readFailure(id))?.code === code) targets.push(id);
      }
      if (targets.length === 0) err(`mednec: no failed documents${code ? ` with code ${code}` : ''}`);
    }
    for (const id of targets) {
      const s = await client.retry(id);
      seen.push(s);
      await out(`${id} ${s}\n`);
    }
  } finally {
    await client.close();
  }
  if (seen.includes('unknown')) return 5;
  if (seen.includes('missing-document')) return 2;
  return 0;
}
