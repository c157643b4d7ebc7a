/** Score the phenomenon wordings: `npx tsx scripts/phenomena.ts [file.jsonl] [--misses]`. */
import { loadResources } from '../src/resources.ts';
import { judge, loadWordings } from '../test/helpers/phenomena.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/phenomena/second-author.jsonl';
const res = loadResources();
const by = new Map<string, { n: number; ok: number }>();
for (const w of loadWordings(file)) {
  const r = judge(w, res);
  const s = by.get(w.phenomenon) ?? { n: 0, ok: 0 };
  s.n++; if (r.ok) s.ok++;
  by.set(w.phenomenon, s);
  if (!r.ok && args.includes('--misses')) console.log(`MISS ${w.phenomenon}: ${w.text}\n     want ${JSON.stringify(w.expect)} got ${r.got}`);
}
for (const [p, s] of by) console.log(`${p.padEnd(24)} ${s.ok}/${s.n}`);
