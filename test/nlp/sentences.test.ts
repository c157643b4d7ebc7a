import { describe, expect, test } from 'vitest';
import { buildDoc, type Source } from '../../src/model/doc.ts';
import { detectSections } from '../../src/nlp/sections.ts';
import { splitSentences } from '../../src/nlp/sentences.ts';
import { loadResources } from '../../src/resources.ts';

function doc(text: string) {
  const source: Source = { id: 'x', name: 'x', mediaType: 'text/plain', pages: [{ n: 1, text, ocr: false }], ocrPages: [], emptyPages: [], diagnostics: [] };
  return buildDoc(source);
}
function sentences(text: string) {
  const d = doc(text);
  return splitSentences(d, detectSections(d, loadResources())).map((s) => [d.text.slice(s.start, s.end), s.section]);
}

describe('sections', () => {
  test('finds headers with colons, ALL-CAPS headers alone on a line, and numbered headers', () => {
    const d = doc('HISTORY OF PRESENT ILLNESS:\nBack pain.\n\nPHYSICAL EXAM\nSLR negative.\n1. Assessment: lumbar spondylosis\nPlan: MBB');
    expect(detectSections(d, loadResources()).map((s) => s.category)).toEqual(['hpi', 'exam', 'assessment', 'plan']);
  });
  test('does not take a sentence that starts with a header word for a header', () => {
    const d = doc('HPI: Pain.\nHistory of fusion in 2008 is noted.');
    expect(detectSections(d, loadResources()).map((s) => s.category)).toEqual(['hpi']);
  });
  test('a one-letter SOAP header needs its colon', () => {
    const d = doc('S: back pain\nA lumbar strain is likely.\nP: PT');
    expect(detectSections(d, loadResources()).map((s) => s.category)).toEqual(['hpi', 'plan']);
  });
});

describe('sentence splitter', () => {
  test('survives clinical abbreviations', () => {
    expect(sentences('Gabapentin 300 mg. Pt reports relief. Dr. Smith saw him. Take 1 tab q.d. SLR neg. bilat.').map((s) => s[0])).toEqual([
      'Gabapentin 300 mg.', 'Pt reports relief.', 'Dr. Smith saw him.', 'Take 1 tab q.d.', 'SLR neg. bilat.',
    ]);
  });
  test('joins wrapped lines and splits list items and blank lines', () => {
    const text = 'The patient reports low back pain that radiates down the right leg to the\nfoot and has failed physical therapy.\n- Gabapentin\n- Ibuprofen\n\nNo leg pain.';
    expect(sentences(text).map((s) => s[0])).toEqual([
      'The patient reports low back pain that radiates down the right leg to the\nfoot and has failed physical therapy.',
      '- Gabapentin', '- Ibuprofen', 'No leg pain.',
    ]);
  });
  test('a short line ending in a word hyphenated at the line end goes on; a level pair or a capital does not join', () => {
    expect(sentences('No seda-\ntion was given.').map((s) => s[0])).toEqual(['No seda-\ntion was given.']);
    expect(sentences('Levels: L4-\nL5 facet.').map((s) => s[0])).toEqual(['Levels: L4-', 'L5 facet.']);
    expect(sentences('Back pain, right-\nFollow up in 2 weeks.').map((s) => s[0])).toEqual(['Back pain, right-', 'Follow up in 2 weeks.']);
  });
  test('each sentence carries its section', () => {
    expect(sentences('PLAN: Bilateral L4-5 MBB.\nFAMILY HISTORY: Mother had a lumbar fusion.')).toEqual([
      ['PLAN', 'plan'], ['Bilateral L4-5 MBB.', 'plan'], ['FAMILY HISTORY', 'family_history'], ['Mother had a lumbar fusion.', 'family_history'],
    ]);
  });
});
