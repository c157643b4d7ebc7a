import { describe, expect, test } from 'vitest';
import { buildDoc, type Source } from '../../src/model/doc.ts';
import { detectSections, ocrHeadingOf } from '../../src/nlp/sections.ts';
import { loadResources } from '../../src/resources.ts';

const res = loadResources();

function source(text: string, ocr: boolean): Source {
  return { id: '0'.repeat(64), name: 'note', mediaType: ocr ? 'application/pdf' : 'text/plain', pages: [{ n: 1, text, ocr }], ocrPages: ocr ? [1] : [], emptyPages: [], diagnostics: [] };
}

describe('headings garbled by fax OCR', () => {
  test.each([
    ['PIAN: RFA if relief', 'plan', 'PIAN'],
    ['ASSFSSMENY', 'assessment', 'ASSFSSMENY'],
    ['Rxam: facet loading positive', 'exam', 'Rxam'],
    ['Kistory: 47 y/o M', 'hpi', 'Kistory'],
    ['HISTORY 0F PRESENT ILLNESS', 'hpi', 'HISTORY 0F PRESENT ILLNESS'],
    ['CHIEF COMPLAIN?', 'chief_complaint', 'CHIEF COMPLAIN'],
    ['PHYSICAL #&XAM', 'exam', 'PHYSICAL #&XAM'],
    ['PAST. SURGICAL. HISTORY:.No prior spine surgery', 'past_surgical_history', 'PAST. SURGICAL. HISTORY'],
    ['Post procedure diagnosis: same', 'assessment', 'Post procedure diagnosis'],
    ['Consérvative  treatment: PT 10 sessions', 'prior_treatment', 'Consérvative  treatment'],
    ['vt _ imaging: CT lumbar spine', 'imaging', 'imaging'],
    ['ae Conservative care: PT 12 weeks', 'prior_treatment', 'Conservative care'],
    ['PLAN | ce So', 'plan', 'PLAN'],
    ['ASSESSMENT ee ne BO', 'assessment', 'ASSESSMENT'],
  ])('%s is a %s heading', (line, category, title) => {
    expect(ocrHeadingOf(line, res.sections)).toEqual({ category, title });
  });

  test.each([
    'Notes: none',                 // an English word is not a misread heading word
    'No history: of back surgery', // a real word before it is not speckle
    'He has a history of falls',
    'PLAN B IS 2 LEVELS',          // upper case followed by text, not speckle
    'Pain: 8/10',
    'Plain film: negative',
    'Plan to continue PT and HEP', // no colon, not upper case
  ])('%s is not a heading', (line) => {
    expect(ocrHeadingOf(line, res.sections)).toBeNull();
  });

  test('on an OCR page a garbled heading ends the previous section, with exact offsets', () => {
    const text = 'HPI: back pain for 2 years.\nPIAN: bilateral L4-5 MBB.\n';
    const plan = detectSections(buildDoc(source(text, true)), res).find((s) => s.category === 'plan');
    expect(plan?.title && text.slice(plan.title.start, plan.title.end)).toBe('PIAN');
    expect(text.slice(plan!.body.start, plan!.body.end)).toBe(' bilateral L4-5 MBB.\n');
  });

  test('a text page keeps the strict heading match', () => {
    const text = 'HPI: back pain for 2 years.\nPIAN: bilateral L4-5 MBB.\n';
    expect(detectSections(buildDoc(source(text, false)), res).map((s) => s.category)).toEqual(['hpi']);
  });
});

describe('plural and dated-form headings on text pages', () => {
  test.each([
    ['POSTOPERATIVE DIAGNOSES:\n1. Lumbar stenosis.\n', 'assessment'],
    ['PREOPERATIVE DIAGNOSES:\nL4-L5 spondylolisthesis.\n', 'assessment'],
    ['DISCHARGE DIAGNOSES:\nLumbar radiculopathy.\n', 'assessment'],
    ['OPERATIVE PROCEDURES:\nL4-L5 laminectomy.\n', 'procedure'],
  ])('%j opens a %s section', (text, category) => {
    const doc = buildDoc(source(text, false));
    const secs = detectSections(doc, res).filter((s) => s.title);
    expect(secs.map((s) => s.category)).toEqual([category]);
  });
});
