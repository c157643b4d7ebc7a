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

describe('an imaging report\'s title line in capitals', () => {
  test.each([
    ['MRI LUMBAR SPINE WITH AND WITHOUT GADOLINIUM  -  05/29/2025\nPost-surgical change. Small left protrusion.\n', 'Post-surgical', 'imaging'],
    ['CT LUMBAR SPINE W/O CONTRAST 11/20/2025\nMild bulges at L4-5.\n', 'Mild bulges', 'imaging'],
    ['MRI L-SPINE 02/2026\nL4-5: broad-based bulge.\n', 'L4-5', 'imaging'],
    ['MRI LUMBAR SPINE SHOWS A DISC BULGE.\nPlan: PT.\n', 'MRI LUMBAR', 'unknown'],
    ['MRI lumbar spine showed a bulge at L4-5\nmore text\n', 'more text', 'unknown'],
  ])('%j', (text, line, category) => {
    expect(sectionOf(text, line)).toBe(category);
  });
});

/** The section category of the line that starts with `line` in a text page. */
function sectionOf(text: string, line: string): string {
  const doc = buildDoc(source(text, false));
  const at = doc.text.indexOf(line);
  return detectSections(doc, res).find((s) => at >= s.body.start && at < s.body.end)?.category ?? 'heading';
}

describe('form fields and form section titles', () => {
  test.each([
    ['Request: right L5 TFESI\nCPT: 64483-RT\nSedation: none', 'Sedation: none', 'unknown'],
    ['Services requested\nCodes: 64493-50, 64494-50\nLevels: L4-L5, L5-S1', 'Levels: L4-L5', 'request'],
    ['History: axial back pain\nDx: M47.816 spondylosis\nPrior MBB 02/2026 with 80% relief', 'Prior MBB', 'hpi'],
    ['Clinical summary: leg pain\n  ICD-10: M51.16 disc disorder\n          M96.1 postlaminectomy\nFailed 8 weeks of PT', 'Failed 8 weeks', 'hpi'],
    ['Procedure requested: caudal ESI\nHCPCS: 62323\nGuidance: fluoroscopy', 'Guidance: fluoroscopy', 'unknown'],
  ])('a code field heads its own line only: %j', (text, line, category) => {
    expect(sectionOf(text, line)).toBe(category);
  });
  test('a code field\'s indented continuation lines are its own', () => {
    expect(sectionOf('History: leg pain\n  ICD-10: M51.16 disc disorder\n          M96.1 postlaminectomy\nFailed PT', 'M96.1')).toBe('assessment');
  });
  test('a code heading alone on its line still heads the lines below it', () => {
    expect(sectionOf('Plan: MBB\nCPT CODES\n64493\n64494', '64494')).toBe('billing');
  });
  test.each([
    'Plan: Medicare Advantage (HMO)',
    'Plan: Blue Cross PPO',
    'Plan name: Harborline Health',
    'Plan: Aetna Open Access',
    'Plan: Texas workers\' compensation',
  ])('%s names a health plan, not a plan of care', (line) => {
    expect(sectionOf(`PRIOR AUTHORIZATION REQUEST\n${line}\nMember: A. B.`, 'Member: A. B.')).not.toBe('plan');
  });
  test('"Plan: proceed with RFA" is still a plan', () => {
    expect(sectionOf('Plan: proceed with RFA\nRTC 4 weeks', 'RTC 4 weeks')).toBe('plan');
  });
  test.each([
    ['SECTION C - SERVICE REQUESTED\n64635 RF ablation', '64635', 'request'],
    ['Section D: Clinical information\n72 year old woman', '72 year old', 'hpi'],
    ['PART 2 - PRIOR TREATMENT\nPT x 6 weeks', 'PT x 6', 'prior_treatment'],
    ['Prior interventional history:\n- MBB 02/11/2025: 90% relief', '- MBB', 'prior_treatment'],
    ['SUMMARY OF RECORDS REVIEWED\nThe member is 61', 'The member', 'hpi'],
  ])('a form\'s section title: %j', (text, line, category) => {
    expect(sectionOf(text, line)).toBe(category);
  });
});

describe('a health plan field on a faxed (OCR) page', () => {
  test('"Plan: Medicare Advantage (HMO)" heads no plan of care on an OCR page either', () => {
    const doc = buildDoc(source('PRIOR AUTH REQUEST\nPlan: Medicare Advantage (HMO) Faux: (555) 010-7781\n72 year old woman with axial low back pain', true));
    const at = doc.text.indexOf('72 year');
    expect(detectSections(doc, res).find((s) => at >= s.body.start && at < s.body.end)?.category).not.toBe('plan');
  });
});

describe('a request written as a field heads its line only', () => {
  test.each([
    ['RE: Letter of Medical Necessity\n      Requested: right L3-4 and L4-5 facet radiofrequency ablation\n\nDiagnostic blocks (2023). Two MBBs were done.', 'Diagnostic blocks'],
    ['Request: right L5 TFESI\n\nShe had a TFESI in 2024 with 70% relief.', 'She had a TFESI'],
    ['Requested procedure: bilateral L4-5 MBB\nHistory: axial pain for 2 years.', 'axial pain'],
    ['Service requested: caudal ESI\nShe failed 8 weeks of PT.', 'She failed'],
    ['Procedure requested: left L4-5 ILESI\nPrior ILESI 05/2025: 60% relief.', 'Prior ILESI'],
  ])('%j', (text, line) => {
    expect(sectionOf(text, line)).not.toBe('request');
  });
  test('a request heading alone on its line still heads the lines below it', () => {
    expect(sectionOf('REQUESTED PROCEDURE\nBilateral L4-5 and L5-S1 medial branch blocks', 'Bilateral L4-5')).toBe('request');
  });
});

describe('a procedure field indented under a plan or treatment block is part of it (dev packet dq-06)', () => {
  test.each([
    ['Treatment\n 1. Lumbar disc herniation with radiculopathy\n    PROCEDURE: Left L5 transforaminal epidural steroid injection under fluoroscopy.', 'treatment'],
    ['PLAN:\n  Procedure: bilateral L4-5 and L5-S1 medial branch blocks, fluoroscopic guidance.', 'plan'],
    ['Assessment and Plan\n   1. Lumbar spondylosis\n      Procedures: right L3-4, L4-5 radiofrequency ablation.', 'assessment_plan'],
    ['Orders\n  - Procedure: caudal epidural steroid injection with fluoroscopy', 'treatment'],
    ['REQUESTED SERVICES\n    Procedure: left L4-5 interlaminar ESI', 'request'],
  ])('%j', (text, category) => {
    const line = text.split('\n').at(-1)!.trim().slice(0, 12);
    expect(sectionOf(text, line)).toBe(category);
  });
  test.each([
    ['PLAN: RFA if the blocks help.\nPROCEDURE: Left L5 transforaminal epidural steroid injection.', 'Left L5'],
    ['Treatment\nPROCEDURE: bilateral L4-5 medial branch blocks.', 'bilateral L4-5'],
  ])('at the same indentation it starts its own section: %j', (text, line) => {
    expect(sectionOf(text, line)).toBe('procedure');
  });
  test('a "Treatment:" field with its value is no treatment block', () => {
    expect(sectionOf('HPI: back pain.\nTreatment: manual therapy and core exercise today.', 'manual therapy')).not.toBe('treatment');
  });
});

describe('a heading spaced around its slash or ampersand (dev d16c-05)', () => {
  test.each([
    ['IMAGING\nMRI: facet arthropathy.\n\nASSESSMENT / PLAN\nFacet pain; diagnostic MBB.', 'assessment_plan'],
    ['IMAGING\nMRI: facet arthropathy.\n\nAssessment / Plan:\nFacet pain; diagnostic MBB.', 'assessment_plan'],
    ['IMAGING\nMRI: facet arthropathy.\n\nIMPRESSION & PLAN\nFacet pain; diagnostic MBB.', 'assessment_plan'],
    ['IMAGING\nMRI: facet arthropathy.\n\nA / P: Facet pain; diagnostic MBB.', 'assessment_plan'],
    ['IMAGING\nMRI: facet arthropathy.\n\nPlan / Orders\nDiagnostic MBB.', 'plan'],
  ])('%s', (text, category) => {
    const cats = detectSections(buildDoc(source(text, false)), res).map((s) => s.category);
    expect(cats[cats.length - 1]).toBe(category);
  });
});

describe('a compound heading whose first part is a heading (dev writer 18C, d18c-04)', () => {
  test.each([
    ['ASSESSMENT\nFacet-mediated pain.\n\nPLAN / ORDER\nDiagnostic bilateral L4-5 and L5-S1 medial branch blocks.', 'plan'],
    ['ASSESSMENT\nFacet-mediated pain.\n\nPlan/next steps:\nDiagnostic MBB.', 'plan'],
    ['HPI\nLow back pain.\n\nIMAGING / OUTSIDE RECORDS\nMRI 2025: facet arthropathy.', 'imaging'],
    ['HPI\nLow back pain.\n\nMedications & Allergies:\nibuprofen; NKDA', 'medications'],
    ['HPI\nLow back pain.\n\nPHYSICAL EXAM / NEURO\nSLR negative.', 'exam'],
  ])('%s', (text, category) => {
    const cats = detectSections(buildDoc(source(text, false)), res).map((s) => s.category);
    expect(cats[cats.length - 1]).toBe(category);
  });
  test.each([
    'HPI\nLow back pain and/or leg pain for a year.',
    'HPI\nPlan / goal is to return to full duty by March.',
    'HPI\nP/ follow up in 4 weeks',
  ])('no heading: %s', (text) => {
    const cats = detectSections(buildDoc(source(text, false)), res).map((s) => s.category);
    expect(cats).toEqual(['hpi']);
  });
});
