/**
 * Developer aid: print each document a packet is split into and the procedure facts it yields
 * before the packet merge. `npx tsx scripts/debug-packet.ts <packet.txt> [types]` — prints note
 * text fragments (evidence), so run it on tuning packets only, never on PHI or held-out sets.
 */
import { readFileSync } from 'node:fs';
import { readSource } from '../src/ingest/index.ts';
import { loadResources } from '../src/resources.ts';
import { segmentPages } from '../src/nlp/segments.ts';
import { buildDoc, type Source } from '../src/model/doc.ts';
import { analyze } from '../src/nlp/analyze.ts';
import { extractFacts } from '../src/extract/index.ts';

const [file, typeArg] = process.argv.slice(2);
if (!file) { console.error('usage: debug-packet <packet.txt> [type,type]'); process.exit(2); }
const types = new Set((typeArg ?? 'requested_procedure,prior_procedure').split(','));
const res = loadResources();
const source = await readSource(readFileSync(file), file, {});
for (const seg of segmentPages(source.pages, res.segments)) {
  const pages = seg.pieces.map((pc, i) => ({ ...source.pages[pc.page - 1]!, n: i + 1, text: source.pages[pc.page - 1]!.text.slice(pc.start, pc.end) }));
  const sub: Source = { ...source, pages, ocrPages: [], emptyPages: [], diagnostics: [] };
  const doc = buildDoc(sub);
  const nlp = analyze(doc, res);
  nlp.segment = { type: seg.type, role: seg.role };
  for (const s of nlp.sentences) { const role = seg.sectionRoles[s.section]; if (role) s.section = role; }
  console.log(`== ${seg.type} (${seg.role}) pages ${seg.firstPage}-${seg.lastPage} rules ${seg.rules.join(',')} date ${nlp.noteDate}`);
  for (const f of extractFacts(nlp, res)) {
    if (!types.has(f.type)) continue;
    const ev = f.evidence.map((e) => JSON.stringify(doc.text.slice(e.start, e.end).slice(0, 50))).join(' ');
    console.log(`  ${f.type} ${f.assertion} ${JSON.stringify(f.attributes)} [${f.provenance?.rules.join(',')}] sect=${f.provenance?.section} ${ev}`);
  }
}
