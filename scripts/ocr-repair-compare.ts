/**
 * The OCR repair's vocabulary matching compared: today's confusable-letter check against natural's
 * Damerau-Levenshtein distance (README "OCR-tolerant matching").
 *   1. False repairs: words each variant changes in clean typed notes (samples/**.txt and the
 *      shared MTSamples corpus, read only): every change there is wrong.
 *   2. With --fax: facts F1 on samples/fax, OCR'd once with the default engine (~2 s CPU a page;
 *      the raw OCR text is kept in memory only) and repaired by each variant.
 *
 *   npx tsx scripts/ocr-repair-compare.ts [--fax]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPdfText } from '../src/ingest/pdf.ts';
import { defaultOcrEngine } from '../src/ingest/ocr.ts';
import { repairOcrText, vocabularyReading, vocabularyReadingByDistance, type VocabularyReading } from '../src/ingest/ocr-repair.ts';
import { reviewSource } from '../src/pipeline/review.ts';
import { parseGold } from '../src/qa/gold.ts';
import { scoreNote, summarize, type NoteResult } from '../src/qa/score.ts';
import { loadResources, REPO_ROOT } from '../src/resources.ts';

const VARIANTS: [string, VocabularyReading][] = [
  ['confusable letters (today)', vocabularyReading],
  ['natural Damerau-Levenshtein', vocabularyReadingByDistance],
];

function textFiles(dir: string): string[] {
  let out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out = out.concat(textFiles(join(dir, e.name)));
    else if (e.name.endsWith('.txt')) out.push(join(dir, e.name));
  }
  return out;
}

const clean = [...textFiles(join(REPO_ROOT, 'samples')), ...textFiles(join(REPO_ROOT, '..', 'shared', 'corpus', 'mtsamples'))];
for (const [name, reading] of VARIANTS) {
  let changed = 0;
  for (const f of clean) {
    const t = readFileSync(f, 'utf8');
    const r = repairOcrText(t, undefined, reading);
    for (let i = 0; i < t.length; i++) if (t[i] !== r[i]) { changed++; while (i < t.length && /\S/.test(t[i]!)) i++; }
  }
  // Counts only: clean note text stays out of the output.
  console.log(`${name}: ${changed} words changed in ${clean.length} clean notes`);
}

if (process.argv.includes('--fax')) {
  const engine = defaultOcrEngine({ concurrency: 1 });
  if (!engine) throw new Error('tesseract/pdftoppm not installed');
  const dir = join(REPO_ROOT, 'samples', 'fax');
  const notes: { name: string; texts: string[] }[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.pdf')).sort()) {
    const bytes = readFileSync(join(dir, f));
    const { pages } = await readPdfText(bytes);
    const r = await engine.recognizePages!(bytes, pages.map((p) => p.n));
    notes.push({ name: f, texts: [...r.values()].map((x) => x.text) });
  }
  const resources = loadResources();
  for (const [name, reading] of VARIANTS) {
    const results: NoteResult[] = [];
    for (const n of notes) {
      const pages = n.texts.map((t, i) => ({ n: i + 1, text: repairOcrText(t, undefined, reading), ocr: true }));
      const review = reviewSource({ id: '0'.repeat(64), name: n.name, mediaType: 'application/pdf', pages, ocrPages: pages.map((p) => p.n), emptyPages: [], diagnostics: [] }, { resources });
      const gold = parseGold(JSON.parse(readFileSync(join(dir, `${n.name}.gold.json`), 'utf8')));
      results.push(scoreNote({ goldPath: n.name, notePath: n.name, dir: 'samples/fax' }, gold, review));
    }
    const s = summarize(results);
    console.log(`${name}: samples/fax facts F1 ${s.overall.f1?.toFixed(3)} (P ${s.overall.precision?.toFixed(3)} R ${s.overall.recall?.toFixed(3)}), flags F1 ${s.flags?.f1?.toFixed(3)}, determinations ${s.determination.agree} of ${s.determination.total}`);
  }
}
