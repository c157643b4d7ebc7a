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

describe('a form\'s question and its answer, and the rows of a dated log', () => {
  test.each([
    ['Q8.  Were two diagnostic medial branch blocks performed before the first ablation? Dates and relief:\n     > Yes. 11/05/2024 lidocaine 90%; 12/03/2024 bupivacaine 85%', 1],
    ['Q4.  Percent pain relief after the prior ablation:\n     > 70%', 1],
    ['Q10. Does the member have radicular symptoms or exam findings of radiculopathy?\n     > No', 1],
    ['Prior injection dates and relief?\n  Answer: 03/04/2025, 80% for 5 months', 1],
    ['Q3.  Level(s) and side of the prior ablation:\n     > Bilateral L4-5 and L5-S1 (L3, L4 medial branches and L5 dorsal rami)\nQ4.  Percent pain relief after the prior ablation:\n     > 70%', 2],
  ])('%s: %i statement(s)', (text, n) => {
    expect(sentences(text)).toHaveLength(n);
  });
  test('each row of a dated log is its own statement; a wrapped cell without a date stays with its row', () => {
    const log = 'AUTHORIZATION HISTORY (this member, this program)\n  MSK-2024-0188203   64493-50/64494-50   Approved   10/28/2024   (diagnostic MBB x2)\n  MSK-2025-0017782   64635-50/64636-50   Approved   01/22/2025   (RFA performed 02/11/2025)';
    const rows = sentences(log).filter((s) => /MSK-/.test(String(s[0])));
    expect(rows.map((s) => s[1])).toEqual(['prior_treatment', 'prior_treatment']);
    const wrapped = 'Disc disorder w/            M51.17      Left S1 transforaminal     64483-LT    Qty 1 outpatient\nlumbosacral                             guidance                               no sedation';
    expect(sentences(wrapped)).toHaveLength(1);
  });
});

describe('a heading with a qualifier in parentheses', () => {
  test.each([
    ['AUTHORIZATION HISTORY (this member, this program)\nMBB approved 10/28/2024', 'prior_treatment'],
    ['PLAN (discussed with patient)\nRight L5 TFESI.', 'plan'],
    ['PHYSICAL EXAM (focused)\nSLR negative.', 'exam'],
    ['Past Surgical History (reviewed):\nNone.', 'past_surgical_history'],
    ['ASSESSMENT (ICD-10)\nM47.816', 'assessment'],
  ])('%s → %s', (text, category) => {
    expect(detectSections(doc(text), loadResources()).map((s) => s.category)).toContain(category);
  });
});

describe('a narrative line that announces what follows goes on into it', () => {
  test.each([
    'The diagnosis was made with two diagnostic medial branch blocks at bilateral L4-5 in early 2025:\n03/04/2025 with lidocaine (7/10 to 1/10) and 03/25/2025 with bupivacaine (90% relief).',
    'She has had the following injections at this clinic over the last two years:\nright L5 TFESI 02/2024 and right L5 TFESI 09/2024, each about 70% better.',
    'Conservative care tried before this request, per the referring provider:\nphysical therapy for eight weeks and naproxen daily without lasting relief.',
  ])('%s', (text) => {
    expect(sentences(text)).toHaveLength(1);
  });
  test.each([
    'HISTORY OF PRESENT ILLNESS:\nBack pain for two years.',
    'Medications reviewed today with the patient and her daughter at bedside:\n- Gabapentin 300 mg TID',
    'The patient was seen today for follow up of chronic low back pain issues:\nPain: 7/10 today.',
  ])('a heading, a list or a field after the colon starts its own: %s', (text) => {
    expect(sentences(text).length).toBeGreaterThan(1);
  });
});

describe('a form\'s dot leaders', () => {
  test.each([
    ['Prior epidural injections ......... None', 1],
    ['Requesting MD ...... Victor Nguyen, MD   NPI 1518830274\nRequested DOS ...... 03/03/2025 - 04/02/2025', 2],
    ['Radicular pain documented on exam ............................ Yes', 1],
    ['Pain improved... then came back.', 1],
  ])('%s: %i statement(s)', (text, n) => {
    expect(sentences(text)).toHaveLength(n);
  });
  test('a label with a leader starts its own line: no statement runs across the two fields', () => {
    const text = 'Carrier ............ Lone Prairie Casualty Company   Claim LPC-23-0559812   DOI 05/22/2023\nRequesting MD ...... Victor Nguyen, MD  (PM&R / Pain)   NPI 1518830274';
    const s = sentences(text);
    expect(s.length).toBeGreaterThanOrEqual(2);
    for (const [t] of s) expect(t).not.toMatch(/\n/);
  });
});

describe('a narrative line wrapped before a lower-case word and a colon goes on (dev writer 8A)', () => {
  test('"... and the left L5\\ndorsal ramus: 03/05/2024 with 90% relief" is one sentence', () => {
    const s = sentences('The facet origin of his pain was established with two diagnostic medial\nbranch blocks of the left L3 and L4 medial branches and the left L5\ndorsal ramus: 03/05/2024 with 90% relief and 03/26/2024 with 85% relief.\n');
    expect(s).toHaveLength(1);
  });
  test('a form label in capitals on the next line still starts a field', () => {
    const s = sentences('Requested procedure: left L4-5 and L5-S1 medial branch block under fluoroscopy\nSedation: none\n');
    expect(s.length).toBeGreaterThan(1);
  });
  test('a short line before a lower-case label still ends', () => {
    const s = sentences('MBB #1\nrelief: 90%\n');
    expect(s.length).toBeGreaterThan(1);
  });
});

describe('the folded view writes a dot leader as the field\'s colon (same length)', () => {
  test.each([
    [' Onset ......................... 2022 (gradual)', ' onset:                          2022 (gradual)'],
    [' Post-procedure NRS (30 min) ... 1/10', ' post-procedure nrs (30 min):    1/10'],
    ['Level.........L4-5', 'level:        l4-5'],
    ['Radiation below knee .......... [ ] Yes  [X] No', 'radiation below knee:           [ ] yes  [x] no'],
    ['Payer ...... Keystone Crest', 'payer:       keystone crest'],
  ])('%s', (text, view) => {
    expect(doc(text).norm).toBe(view);
  });
  test.each([
    ['Pain is better... she says.'],
    ['Wait....'],
    ['CPT 64636  Mod 50  Units 2   ... lumbar/sacral'],
  ])('an ellipsis is left alone: %s', (text) => {
    expect(doc(text).norm).toBe(text.toLowerCase());
  });
});

describe('a closing quote ends the sentence with its period (dev d9b-05)', () => {
  test.each([
    ['He says the block "helped, maybe 60% better, for a few hours." The first block gave 90%.', 2],
    ['She reports "it worked great." Plan: RFA.', 2],
    ["He said 'about half better.' Exam unchanged.", 2],
    ['Pt states \u201cno relief at all.\u201d MRI reviewed.', 2],
    ['Patient: "My back is 70% better!" Doing HEP.', 2],
  ])('%s', (text, n) => {
    expect(sentences(text)).toHaveLength(n);
  });
});

describe('a short line that stops on a word no sentence ends with goes on (dev writer 19A, d19a-01)', () => {
  test.each([
    'visit; benefit held until\n   mid-January',
    'Relief lasted about 70% for\n   about 5 months',
    'He was referred to\n   physical therapy',
    'MRI showed stenosis at\n   L4-5 and L5-S1',
    'Pain is worse with standing and\n   walking',
  ])('%s', (text) => {
    expect(sentences(text)).toHaveLength(1);
  });
  test.each([
    'Chief complaint\nlow back pain',
    'Plan of care\nschedule MBB',
    'Low back pain, 3 years\nno leg pain',
  ])('a short line of its own still ends: %s', (text) => {
    expect(sentences(text)).toHaveLength(2);
  });
});

describe("a line whose heading opens its section is measured whole for the short-line rule (dev writer 19C, d19c-03)", () => {
  test.each([
    'Subjective: The June 17 injection (about nine weeks ago)\nhelped maybe 40% for a couple of weeks.',
    'HPI: She returns after the left L5 TFESI in June\nwith about 60% relief of her leg pain.',
  ])('%s', (text) => {
    expect(sentences(text).filter(([s]) => /helped|relief/.test(String(s)))).toHaveLength(1);
    expect(sentences(text).some(([s]) => /injection|TFESI/.test(String(s)) && /helped|relief/.test(String(s)))).toBe(true);
  });
});
