/**
 * Load test of the queue (not a unit test): N documents through the drop folder and 2 workers on a
 * private redis-server (production settings: AOF everysec, noeviction), with chaos midway.
 *
 *   npx tsx scripts/load-test.ts [--n 1000] [--faxes 4] [--no-chaos] [--redis-kill9] [--chaos-at 0.5] [--keep] [--json out.json] [--profile dir]
 *
 * Documents: N good ones — distinct variants (one appended line / PDF comment) of samples/*.txt,
 * of their text-layer PDFs samples/*.pdf, and `--faxes` image-only faxes from samples/fax/*.pdf
 * (OCR'd by the ocr stage) — plus 30 kinds of bad input (empty, images, archives, Office files,
 * broken/encrypted/page-less PDFs, undecodable text, over the size limit…), each checked first
 * against the in-process reader so its expected failure code is known.
 *
 * Chaos (unless --no-chaos), when half the documents are finished: worker A is kill -9'ed (its
 * sandboxed children die with it), Redis is restarted (SIGTERM; it replays its AOF on start), and
 * worker A is started again. Lock/stall windows are 5 s so the killed worker's jobs are
 * recovered quickly.
 *
 * Verified: every good document has exactly one result (by document id: result file, registry
 * state, one file in inbox/done), every bad one exactly one failure with the expected coded
 * reason (inbox/failed/<name>.reason.txt); nothing left in the inbox or processing/; no word of
 * the notes in any log line (every log is scanned for the notes' distinctive words). Reported: wall
 * time, and CPU (user+sys from /proc, sampled, children included) of the workers, Redis and the
 * watcher against `mednec review` of the same good documents in one process: the queue's overhead
 * per document. Exit 0 when every check passes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { InputError } from '../src/errors/index.ts';
import { DEFAULT_MAX_BYTES, readSource, sha256 } from '../src/ingest/index.ts';
import { freePort, spawnRedisServer, waitForRedis } from '../src/queue/redis-server.ts';

const REPO = resolve(import.meta.dirname, '..');
const MEDNEC = join(REPO, 'bin/mednec.js');

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const N = Number(arg('n', '1000'));
const FAXES = Number(arg('faxes', '4'));
const CHAOS = !process.argv.includes('--no-chaos');
/** Crash Redis (kill -9: up to ~1 s of writes lost, appendfsync everysec) instead of stopping it. */
const REDIS_KILL9 = process.argv.includes('--redis-kill9');
/** When the chaos happens: the fraction of documents finished (default half). */
const CHAOS_AT = Number(arg('chaos-at', '0.5'));
const KEEP = process.argv.includes('--keep');
const JSON_OUT = arg('json');
const WARM = 8;
const PROFILE = arg('profile');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`[load ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

// ---------------------------------------------------------------- documents

interface Doc { name: string; bytes: Buffer; kind: string; good: boolean; expect?: string }

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
  + '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082', 'hex');

async function badInputs(): Promise<Doc[]> {
  const samplePdf = await readFile(join(REPO, 'samples/pa-form-rfa.pdf'));
  const zeroPage = Buffer.from(await (await PDFDocument.create()).save({ addDefaultPage: false }));
  const bad: [string, string, Buffer][] = [
    ['empty', 'empty.txt', Buffer.alloc(0)],
    ['whitespace only', 'blank.txt', Buffer.from('   \n\n\t  \n')],
    ['binary junk', 'junk.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
    ['PNG image', 'scan.pdf', PNG],
    ['JPEG image', 'photo.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(200, 1)])],
    ['TIFF fax', 'fax.tif', Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(64)])],
    ['GIF image', 'page.gif', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 2)])],
    ['BMP image', 'page.bmp', Buffer.concat([Buffer.from('BM'), Buffer.from([0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0]), Buffer.alloc(64)])],
    ['WebP image', 'page.webp', Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(40)])],
    ['ZIP archive', 'notes.zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 0x41)])],
    ['legacy Word document', 'note.doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])],
    ['RTF document', 'note.rtf', Buffer.from('{\\rtf1\\ansi Lumbar facet pain.}')],
    ['gzip archive', 'note.txt.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4])],
    ['7-Zip archive', 'notes.7z', Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), Buffer.alloc(32)])],
    ['bzip2 archive', 'note.bz2', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(32, 7)])],
    ['xz archive', 'note.xz', Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(32)])],
    ['RAR archive', 'notes.rar', Buffer.concat([Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), Buffer.alloc(32)])],
    ['ELF executable', 'reader', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(60)])],
    ['MP3 dictation', 'dictation.mp3', Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0)])],
    ['SQLite database', 'export.db', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)])],
    ['PDF cut short', 'packet-cut.pdf', samplePdf.subarray(0, Math.floor(samplePdf.length / 2))],
    ['PDF header and junk', 'packet-junk.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x9c), Buffer.from('\n%%EOF\n')])],
    ['password-protected PDF', 'locked.pdf', await readFile(join(REPO, 'test/fixtures/bad/encrypted.pdf'))],
    ['PDF without pages', 'nopages.pdf', zeroPage],
    ['UTF-32 text', 'note-utf32.txt', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('L\0\0\x004\0\0\0', 'latin1')])],
    ['UTF-16 with an odd byte count', 'note-odd.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('back pain', 'utf16le'), Buffer.from([0x41])])],
    ['UTF-16 without a byte-order mark', 'note-utf16.txt', Buffer.from('Lumbar facet pain, L4-5 and L5-S1. No radicular symptoms.', 'utf16le')],
    ['UTF-8 byte-order mark on Latin-1 bytes', 'note-bom.txt', Buffer.from([0xef, 0xbb, 0xbf, 0x4c, 0x34, 0x96, 0x35, 0x20, 0x70, 0x61, 0x69, 0x6e])],
    ['NUL-laden text', 'nul.txt', Buffer.from('L\0u\0m\0b\0a\0r\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x02\x03\x04\x05\x06')],
  ];
  const docs: Doc[] = [];
  for (const [kind, name, bytes] of bad) {
    const e = await readSource(bytes, name, { ocr: null, deferOcr: true }).then(() => null, (x: unknown) => x);
    if (!(e instanceof InputError)) throw new Error(`bad input "${kind}" is read without an InputError: fix the load test's list`);
    docs.push({ name: `bad-${name}`, bytes, kind, good: false, expect: e.code });
  }
  // Over the size limit (refused before it is stored): a sparse file, written below.
  docs.push({ name: 'bad-huge.pdf', bytes: Buffer.alloc(0), kind: 'over the size limit', good: false, expect: 'MEDNEC_INPUT_TOO_LARGE' });
  if (docs.length !== 30) throw new Error(`expected 30 kinds of bad input, have ${docs.length}`);
  return docs;
}

async function goodInputs(n: number): Promise<Doc[]> {
  const texts = readdirSync(join(REPO, 'samples')).filter((f) => f.endsWith('.txt')).sort();
  const pdfs = readdirSync(join(REPO, 'samples')).filter((f) => f.endsWith('.pdf')).sort();
  const faxes = readdirSync(join(REPO, 'samples/fax')).filter((f) => f.endsWith('.pdf')).sort();
  const docs: Doc[] = [];
  const nFax = Math.min(FAXES, n);
  for (let i = 0; i < nFax; i++) {
    const f = faxes[i % faxes.length]!;
    docs.push({ name: `fax-${i}-${f}`, bytes: Buffer.concat([await readFile(join(REPO, 'samples/fax', f)), Buffer.from(`\n%load fax ${i}\n`)]), kind: 'fax', good: true });
  }
  const rest = n - nFax;
  const nPdf = Math.round(rest * 0.4);
  for (let i = 0; i < nPdf; i++) {
    const f = pdfs[i % pdfs.length]!;
    docs.push({ name: `pdf-${i}-${f}`, bytes: Buffer.concat([await readFile(join(REPO, 'samples', f)), Buffer.from(`\n%load copy ${i}\n`)]), kind: 'pdf', good: true });
  }
  for (let i = 0; i < rest - nPdf; i++) {
    const f = texts[i % texts.length]!;
    docs.push({ name: `txt-${i}-${f}`, bytes: Buffer.concat([await readFile(join(REPO, 'samples', f)), Buffer.from(`\nElectronically signed, copy ${i}.\n`)]), kind: 'text', good: true });
  }
  return docs;
}

/**
 * Distinctive words of the notes (7+ letters), minus the vocabulary of mednec's own log lines: the
 * words of its messages (the sources of the queue, CLI, errors and ingest modules, and of BullMQ
 * and ioredis) and a few more.
 */
function noteWords(): Set<string> {
  const sources = ['src/queue', 'src/cli', 'src/cli/commands', 'src/errors', 'src/ingest', 'node_modules/bullmq/dist/esm/classes', 'node_modules/ioredis/built']
    .flatMap((d) => readdirSync(join(REPO, d)).filter((f) => /\.(ts|js)$/.test(f)).map((f) => readFileSync(join(REPO, d, f), 'utf8').toLowerCase()));
  const own = new Set(sources.join(' ').match(/[a-z]{7,}/g) ?? []);
  for (const w of ('document documents published retrying attempt stalled worker workers connection reconnect '
    + 'processing finished failed ingest review publish stages concurrency watching resuming enqueue duplicate '
    + 'queued retried unavailable internal unrecoverable because without redis draining exiting signal process '
    + 'children deadline recovered another records stopped clinical').split(' ')) own.add(w);
  const words = new Set<string>();
  for (const f of readdirSync(join(REPO, 'samples')).filter((x) => x.endsWith('.txt'))) {
    for (const w of readFileSync(join(REPO, 'samples', f), 'utf8').toLowerCase().match(/[a-z]{7,}/g) ?? []) if (!own.has(w)) words.add(w);
  }
  return words;
}

/** The watcher's name for a second file of the same name: `name-2.ext`, `name-3.ext`… */
function renamedCopy(name: string): RegExp {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${esc(stem)}-\\d+${esc(ext)}$`);
}

// ---------------------------------------------------------------- processes and CPU

const TCK = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100);

/** CPU seconds of a process and its descendants (live ones, plus reaped children via cutime/cstime). */
function treeCpu(pid: number): number {
  let stat: string;
  try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return NaN; }
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  let total = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TCK;
  let kids: number[] = [];
  try {
    kids = readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number));
  } catch { /* gone */ }
  for (const k of kids) { const c = treeCpu(k); if (!Number.isNaN(c)) total += c; }
  return total;
}

class Tracked {
  last = 0;
  constructor(readonly role: string, readonly child: ChildProcess) {}
  sample(): void { const c = treeCpu(this.child.pid!); if (!Number.isNaN(c)) this.last = c; }
}

async function main(): Promise<number> {
  const W = await mkdtemp(join(tmpdir(), 'mednec-load-'));
  const inbox = join(W, 'inbox');
  const logs = join(W, 'logs');
  await mkdir(inbox, { recursive: true });
  await mkdir(logs);
  await mkdir(join(W, 'good'));
  log(`work dir ${W}; ${N} good documents (${FAXES} faxes) + 30 bad; chaos ${CHAOS ? 'on' : 'off'}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);

  const good = await goodInputs(N);
  const bad = await badInputs();
  for (const d of good) await writeFile(join(W, 'good', d.name), d.bytes);
  const all = [...good, ...bad];
  const ids = new Map(good.map((d) => [sha256(d.bytes), d]));
  if (ids.size !== good.length) throw new Error('two good documents share an id');

  // Redis with the production settings, and the processes of the deployment.
  const port = await freePort();
  const redisDir = join(W, 'redis');
  const env = {
    ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, MEDNEC_DATA_DIR: join(W, 'data'),
    MEDNEC_LOCK_MS: '5000', MEDNEC_STALLED_MS: '5000', DOTENV_CONFIG_QUIET: 'true',
  };
  const tracked: Tracked[] = [];
  const startRedis = async () => {
    const r = await spawnRedisServer({ port, dir: redisDir });
    await waitForRedis(port);
    const t = new Tracked('redis', r);
    tracked.push(t);
    return t;
  };
  const startMednec = (role: string, args: string[], extra: Record<string, string> = {}) => {
    const out = createWriteStream(join(logs, `${role}.log`), { flags: 'a' });
    // --profile DIR: the workers (and, inheriting the flag, their sandboxed children) write CPU profiles.
    const prof = PROFILE && role.startsWith('worker') ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : [];
    const c = spawn(process.execPath, [...prof, MEDNEC, ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    c.stdout!.pipe(out, { end: false });
    c.stderr!.pipe(out, { end: false });
    const t = new Tracked(role, c);
    tracked.push(t);
    return t;
  };
  let redis = await startRedis();
  let workerA = startMednec('worker-a', ['worker', '--concurrency', '1'], { MEDNEC_WORKER_NAME: 'worker-a' });
  const workerB = startMednec('worker-b', ['worker', '--concurrency', '1'], { MEDNEC_WORKER_NAME: 'worker-b' });
  const watcher = startMednec('watch', ['watch', inbox, '--poll-ms', '200', '--settle-ms', '300']);
  const sampler = setInterval(() => { for (const t of tracked) t.sample(); }, 250);

  // Let the workers and watcher start before timing (their start-up is not per-document cost).
  for (;;) {
    const l = (await readFile(join(logs, 'worker-a.log'), 'utf8').catch(() => '')) + (await readFile(join(logs, 'worker-b.log'), 'utf8').catch(() => ''));
    const wl = await readFile(join(logs, 'watch.log'), 'utf8').catch(() => '');
    if ((l.match(/stages ingest/g) ?? []).length === 2 && /watching/.test(wl)) break;
    await sleep(200);
  }
  // Warm-up: a few notes, until both workers have started their sandboxed children (2 each; they
  // start lazily, and their start-up — tsx, the NLP resources — is not per-document cost).
  const childCount = (t: Tracked) => { try { return readdirSync(`/proc/${t.child.pid}/task`).flatMap((x) => readFileSync(`/proc/${t.child.pid}/task/${x}/children`, 'utf8').split(/\s+/).filter(Boolean)).length; } catch { return 0; } };
  for (let i = 0; i < WARM; i++) await writeFile(join(inbox, `warm-${i}.txt`), `Warm-up ${i}: low back pain, plan medial branch block L4-L5.\n`);
  const warmStart = performance.now();
  while ((await readdir(join(inbox, 'done')).catch(() => [])).length < WARM || childCount(workerA) < 2 || childCount(workerB) < 2) {
    if (performance.now() - warmStart > 120_000) { log('warm-up: not every child started within 120 s; timing anyway'); break; }
    await sleep(200);
  }
  log(`warm: ${childCount(workerA)} + ${childCount(workerB)} sandboxed children`);
  await sleep(1000);
  for (const t of tracked) t.sample();
  const cpu0 = new Map(tracked.map((t) => [t, t.last]));

  // Drop everything (written under a dot-name, then renamed: the watcher never sees half a file).
  const t0 = performance.now();
  for (const d of all) {
    const tmp = join(inbox, `.${d.name}.part`);
    if (d.name === 'bad-huge.pdf') { await writeFile(tmp, ''); await truncate(tmp, DEFAULT_MAX_BYTES + 1); } else await writeFile(tmp, d.bytes);
    await rename(tmp, join(inbox, d.name));
  }
  log(`dropped ${all.length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const finished = async () => (await readdir(join(inbox, 'done')).catch(() => [])).length - WARM
    + (await readdir(join(inbox, 'failed')).catch(() => [])).filter((n) => !n.endsWith('.reason.txt')).length;
  let chaosDone = !CHAOS;
  let lastN = -1;
  let lastChange = performance.now();
  const chaos: string[] = [];
  for (;;) {
    const n = await finished();
    if (n !== lastN) { lastN = n; lastChange = performance.now(); }
    if (n >= all.length) break;
    if (performance.now() - lastChange > 180_000) { log(`no progress for 180 s at ${n}/${all.length}: giving up`); break; }
    if (!chaosDone && n >= all.length * CHAOS_AT) {
      chaosDone = true;
      workerA.sample();
      workerA.child.kill('SIGKILL');
      chaos.push(`kill -9 worker-a at ${n}/${all.length} finished`);
      log(chaos.at(-1)!);
      await sleep(1000);
      redis.sample();
      const exited = new Promise((r) => redis.child.once('exit', r));
      redis.child.kill(REDIS_KILL9 ? 'SIGKILL' : 'SIGTERM');
      await exited;
      chaos.push(`redis ${REDIS_KILL9 ? 'killed (kill -9)' : 'stopped (SIGTERM)'} at ${await finished()}/${all.length}`);
      log(chaos.at(-1)!);
      await sleep(1000);
      redis = await startRedis();
      chaos.push('redis restarted from its AOF');
      log(chaos.at(-1)!);
      workerA = startMednec('worker-a2', ['worker', '--concurrency', '1'], { MEDNEC_WORKER_NAME: 'worker-a2' });
    }
    if (n % 50 === 0) log(`${n}/${all.length} finished`);
    await sleep(500);
  }
  const wall = (performance.now() - t0) / 1000;
  for (const t of tracked) t.sample();
  clearInterval(sampler);
  const cpuOf = (roles: RegExp) => tracked.filter((t) => roles.test(t.role)).reduce((s, t) => s + t.last - (cpu0.get(t) ?? 0), 0);
  const cpu = { workers: cpuOf(/^worker/), redis: cpuOf(/^redis$/), watch: cpuOf(/^watch$/) };
  log(`all ${lastN}/${all.length} finished in ${wall.toFixed(1)} s; stopping`);

  for (const t of tracked) if (t.role !== 'redis' && t.child.exitCode === null && t.child.signalCode === null) t.child.kill('SIGTERM');
  await sleep(1500);

  // ------------------------------------------------------------ checks
  const problems: string[] = [];
  const dataDir = join(W, 'data');
  const doneFiles = await readdir(join(inbox, 'done'));
  const failedFiles = await readdir(join(inbox, 'failed'));
  const left = [...(await readdir(inbox)).filter((n) => !['done', 'failed', 'processing'].includes(n)), ...(await readdir(join(inbox, 'processing')))];
  if (left.length) problems.push(`${left.length} file(s) never finished: ${left.slice(0, 5).join(', ')}`);
  const registry = spawnSync('redis-cli', ['-p', String(port), 'hgetall', '{mednec}:documents'], { encoding: 'utf8' }).stdout.trim().split('\n');
  const state = new Map<string, string>();
  for (let i = 0; i + 1 < registry.length; i += 2) state.set(registry[i]!, registry[i + 1]!);
  let goodOk = 0;
  for (const [id, d] of ids) {
    const result = await readFile(join(dataDir, 'results', id.slice(0, 2), `${id}.review.json`), 'utf8').catch(() => null);
    const failure = await readFile(join(dataDir, 'failures', id.slice(0, 2), id), 'utf8').catch(() => null);
    const inDone = doneFiles.filter((n) => n === d.name || renamedCopy(d.name).test(n)).length;
    const errs: string[] = [];
    if (!result) errs.push('no result');
    else { try { JSON.parse(result); } catch { errs.push('result is not JSON'); } }
    if (failure) errs.push(`a failure record (${failure.slice(0, 80)})`);
    if (state.get(id) !== 'done') errs.push(`registry says ${state.get(id)}`);
    if (inDone !== 1) errs.push(`${inDone} copies in done/`);
    if (errs.length) problems.push(`${d.name} (${id.slice(0, 12)}): ${errs.join('; ')}`); else goodOk++;
  }
  let badOk = 0;
  for (const d of bad) {
    const reason = await readFile(join(inbox, 'failed', `${d.name}.reason.txt`), 'utf8').catch(() => null);
    const copies = failedFiles.filter((n) => n === d.name).length;
    const extra = failedFiles.filter((n) => renamedCopy(d.name).test(n)).length;
    if (!reason || !reason.startsWith(`${d.expect}: `) || copies !== 1 || extra !== 0) {
      problems.push(`bad input "${d.kind}" (${d.name}): expected ${d.expect}, got ${reason ? reason.split('\n')[0] : 'no reason'}; copies ${copies}+${extra}`);
    } else badOk++;
  }
  const registered = [...state.values()];
  const counts = { done: registered.filter((s) => s === 'done').length, failed: registered.filter((s) => s === 'failed').length, other: registered.filter((s) => s !== 'done' && s !== 'failed').length };
  if (counts.done !== good.length + WARM) problems.push(`registry: ${counts.done} done, want ${good.length} + ${WARM} warm-up notes`);
  if (counts.failed !== bad.length - 1) problems.push(`registry: ${counts.failed} failed, want ${bad.length - 1} (the oversized file is refused before it has an id)`);
  if (counts.other) problems.push(`registry: ${counts.other} documents neither done nor failed`);
  const resultFiles = (await readdir(join(dataDir, 'results')).catch(() => [] as string[]))
    .flatMap((sh) => readdirSync(join(dataDir, 'results', sh)).filter((n) => n.endsWith('.review.json')));
  if (resultFiles.length !== good.length + WARM) problems.push(`${resultFiles.length} result files, want ${good.length} + ${WARM} warm-up notes`);

  // Published log lines per document id: a re-run after the kill publishes again (same bytes, same
  // result, idempotent); more than that would be duplicated work.
  const logText = readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('\n');
  const publishes = new Map<string, number>();
  for (const m of logText.matchAll(/published ([0-9a-f]{12})/g)) publishes.set(m[1]!, (publishes.get(m[1]!) ?? 0) + 1);
  const republished = [...publishes.values()].filter((c) => c > 1).length;

  // No note text in any log line (file names are the watcher's business and are stripped first).
  const words = noteWords();
  const names = all.map((d) => d.name);
  const hits = new Map<string, string>();
  for (const line of logText.split('\n')) {
    let l = line.toLowerCase();
    for (const n of names) l = l.split(n.toLowerCase()).join(' ');
    for (const w of l.match(/[a-z]{7,}/g) ?? []) if (words.has(w) && !hits.has(w)) hits.set(w, line.slice(0, 160));
  }
  if (hits.size) problems.push(`note words in logs: ${[...hits].slice(0, 5).map(([w, l]) => `"${w}" in: ${l}`).join(' | ')}`);

  // ------------------------------------------------------------ in-process review of the same documents
  log(`in-process review of the ${good.length} good documents (mednec review, one process)…`);
  const b0 = performance.now();
  const batch = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; { time node "${MEDNEC}" review "${join(W, 'good')}" --format jsonl > "${join(W, 'batch.jsonl')}" 2>/dev/null; } 2>&1`], { encoding: 'utf8', env });
  const batchWall = (performance.now() - b0) / 1000;
  const [bu, bs] = batch.stdout.trim().split('\n').at(-1)!.split(' ').map(Number);
  const batchCpu = bu! + bs!;
  const batchLines = readFileSync(join(W, 'batch.jsonl'), 'utf8').trim().split('\n').length;
  // Its fixed start-up (tsx, the NLP resources), measured on one short note: the workers' start-up is not counted either.
  await mkdir(join(W, 'one'));
  await writeFile(join(W, 'one', 'one.txt'), 'Low back pain, plan medial branch block L4-L5.\n');
  const one = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; { time node "${MEDNEC}" review "${join(W, 'one')}" --format jsonl > /dev/null 2>&1; } 2>&1`], { encoding: 'utf8', env });
  const [ou, os] = one.stdout.trim().split('\n').at(-1)!.split(' ').map(Number);
  const batchFixed = ou! + os!;
  if (batchLines !== good.length) problems.push(`batch review produced ${batchLines} lines for ${good.length} documents`);

  const per = (s: number) => (1000 * s / good.length).toFixed(1);
  const report = {
    documents: { good: good.length, faxes: good.filter((d) => d.kind === 'fax').length, pdf: good.filter((d) => d.kind === 'pdf').length, text: good.filter((d) => d.kind === 'text').length, bad: bad.length },
    chaos,
    checks: { noteWordsScanned: words.size, goodWithOneResult: goodOk, badWithExpectedReason: badOk, registry: counts, resultFiles: resultFiles.length, republishedAfterCrash: republished, noteWordsInLogs: hits.size, problems },
    wallSeconds: Number(wall.toFixed(1)),
    cpuSeconds: { workers: Number(cpu.workers.toFixed(2)), redis: Number(cpu.redis.toFixed(2)), watch: Number(cpu.watch.toFixed(2)), batchReview: Number(batchCpu.toFixed(2)), batchStartup: Number(batchFixed.toFixed(2)) },
    batchWallSeconds: Number(batchWall.toFixed(1)),
    perDocumentMs: {
      queue: Number(per(cpu.workers + cpu.redis)), batchReview: Number(per(batchCpu - batchFixed)),
      overhead: Number(per(cpu.workers + cpu.redis - (batchCpu - batchFixed))), watchIntake: Number(per(cpu.watch)),
    },
    loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  if (JSON_OUT) await writeFile(JSON_OUT, JSON.stringify(report, null, 2) + '\n');

  const redisExited = new Promise((r) => redis.child.once('exit', r));
  redis.child.kill('SIGTERM');
  await redisExited;
  if (!KEEP) await rm(W, { recursive: true, force: true }); else log(`kept ${W}`);
  log(problems.length ? `FAILED: ${problems.length} problem(s)` : 'all checks passed');
  return problems.length ? 1 : 0;
}

main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(2); });
