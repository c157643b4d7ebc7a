import { describe, expect, test } from 'vitest';
import { goldSnippet, predictedSnippet, snippetAt } from '../../src/qa/context.ts';
import { parseGold } from '../../src/qa/gold.ts';
import { escapeHtml, renderHtml } from '../../src/qa/html.ts';
import type { QaRun } from '../../src/qa/run.ts';
import { scoreNote, summarize } from '../../src/qa/score.ts';
import type { ReviewOutput } from '../../src/schema/review.ts';

const text = `${'x'.repeat(300)} Pain radiates down the <left> leg & into the calf. Prior L4-5 MBB gave 80% relief. ${'y'.repeat(300)}`;
const pages = [{ n: 1, text }];
const at = (s: string) => ({ page: 1, start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });

describe('note context for the report', () => {
  test('a snippet keeps 200 characters either side of the span', () => {
    const s = snippetAt(pages, 1, 310, 320)!;
    expect(s.before).toHaveLength(200);
    expect(s.after).toHaveLength(200);
    expect(s.text).toBe(text.slice(310, 320));
  });

  test('an out-of-range span gives no snippet', () => {
    expect(snippetAt(pages, 2, 0, 1)).toBeUndefined();
    expect(snippetAt(pages, 1, 5, text.length + 1)).toBeUndefined();
  });

  test('a gold quote is found across line breaks and case', () => {
    const s = goldSnippet([{ n: 1, text: 'a\nPAIN radiates\n down' }], { type: 'radicular_pain', assertion: 'present', attributes: {}, evidence: 'pain radiates down' })!;
    expect(s).toMatchObject({ text: 'PAIN radiates\n down', via: 'gold-quote' });
  });

  test('without a quote, a miss is placed at the closest prediction, else at an attribute value', () => {
    const g = { type: 'prior_procedure' as const, assertion: 'present' as const, attributes: { levels: ['L4-L5'], reliefPercent: 80 } };
    expect(goldSnippet(pages, g, { type: 'prior_procedure', assertion: 'present', attributes: {}, evidence: [at('MBB')] })).toMatchObject({ text: 'MBB', via: 'closest-prediction' });
    expect(goldSnippet(pages, g)).toMatchObject({ text: 'L4-5', via: 'attribute-search' });
  });
});

describe('HTML report', () => {
  const gold = parseGold({ schemaVersion: '1', factTypes: ['radicular_pain', 'prior_procedure'], facts: [
    { type: 'radicular_pain', assertion: 'present', attributes: { side: 'left', belowKnee: true }, evidence: 'radiates down the <left> leg' },
    { type: 'prior_procedure', assertion: 'present', attributes: { procedure: 'medial_branch_block', levels: ['L4-L5'], reliefPercent: 80 } },
  ], flags: ['NO_PAIN_SCALE'], determination: 'meets' });
  const review = {
    schemaVersion: '1', document: { id: '0'.repeat(64), name: 'n.txt', mediaType: 'text/plain', pages: 1, ocrPages: [] },
    facts: [
      { id: 'f1', type: 'radicular_pain', assertion: 'present', attributes: { side: 'right' }, evidence: [at('<left> leg')] },
      { id: 'f2', type: 'prior_procedure', assertion: 'present', attributes: { procedure: 'medial_branch_block', levels: ['L4-L5'], reliefPercent: 80 }, evidence: [at('L4-5 MBB')] },
    ],
    case: {}, reviews: [], flags: [], determination: 'insufficient_documentation',
  } as unknown as ReviewOutput;
  const r = scoreNote({ goldPath: 'samples/n.gold.json', notePath: 'samples/n.txt', dir: 'samples' }, gold, review);
  r.misses[0]!.context = goldSnippet(pages, r.misses[0]!.gold, r.misses[0]!.closest?.fact);
  r.falsePositives[0]!.context = predictedSnippet(pages, r.falsePositives[0]!.fact);
  const run: QaRun = { dirs: ['samples'], results: [r], skipped: [{ goldPath: 'samples/z.gold.json', reason: 'no .txt or .pdf note beside the gold file' }], summary: summarize([r]) };
  const html = renderHtml(run, '2026-11-22T08:00:00Z');

  test('escapes note text and highlights the span', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(html).toContain('<mark>radiates down the &lt;left&gt; leg</mark> &amp; into the calf');
    expect(html).not.toContain('<left>');
  });

  test('lists each miss with why it missed and each false positive, grouped under the note and type', () => {
    expect(html).toContain('side differs (gold left, predicted right); belowKnee missing (gold true)');
    expect(html.match(/class="item miss"/g)).toHaveLength(1);
    expect(html.match(/class="item fp"/g)).toHaveLength(1);
    expect(html).toContain('f1</span> <span class="muted">· the closest prediction to a miss above');
    expect(html).toMatch(/<h4>radicular_pain <span class="muted">TP 0 · FP 1 · FN 1<\/span><\/h4>/);
    expect(html).toContain('<code class="miss">NO_PAIN_SCALE</code>');
    expect(html).toContain('Determination: gold <b>meets</b>, predicted <b>insufficient_documentation</b>');
    expect(html).toContain('samples/z.gold.json: no .txt or .pdf note beside the gold file');
  });

  test('is self-contained: no external scripts, styles or images', () => {
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
  });
});
