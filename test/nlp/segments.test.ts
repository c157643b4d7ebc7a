import { describe, expect, test } from 'vitest';
import { loadResources } from '../../src/resources.ts';
import { classifyPage, segmentPages } from '../../src/nlp/segments.ts';

const rules = loadResources().segments!;

describe('segment rules are data with examples', () => {
  const cases = [
    ...[rules.file.banner, ...rules.file.continuation, rules.file.retrospective!, rules.file.correction!, rules.file.superseded!, rules.file.singleDocumentCue!, ...rules.file.types].flatMap((r) => [
      ...r.examples.hit.map((s) => [r.id, 'hit', s] as const),
      ...(r.examples.miss ?? []).map((s) => [r.id, 'miss', s] as const),
    ]),
  ];
  test.each(cases)('%s %s: %s', (id, kind, line) => {
    const re = id === rules.file.banner.id ? rules.banner : id === rules.retrospective?.id ? rules.retrospective.re : id === rules.correction?.id ? rules.correction.re : id === rules.superseded?.id ? rules.superseded.re : id === rules.singleDocumentCue?.id ? rules.singleDocumentCue.re : (rules.continuation.find((c) => c.id === id)?.re ?? rules.types.find((t) => t.id === id)!.re);
    expect(re.test(line.toLowerCase())).toBe(kind === 'hit');
  });
});

describe('a page head names its document', () => {
  const head = (lines: string[]) => classifyPage(lines.join('\n'), rules);
  test.each([
    [['10/02/2026 09:14  FROM: LAKESIDE PAIN 555-0100  p.2', 'LAKESIDE PAIN CLINIC', '12 Shore Rd, Tel 555-0100  Fax 555-0101', 'PROGRESS NOTE'], 'office_note'],
    [['Harbor Health Plan', 'Pre-Certification Request - Outpatient Procedure', 'Member: J. Doe'], 'pa_form'],
    [['STATE OF CALIFORNIA  DWC FORM RFA', 'Employee: R. Lee   Claim: 12-334'], 'pa_form'],
    [['LAKESIDE PAIN CLINIC', 'OPERATIVE REPORT', 'Date: 03/01/2026'], 'procedure_note'],
    [['North Imaging', 'MRI OF THE LUMBAR SPINE WITHOUT CONTRAST'], 'imaging'],
    [['Coastal Rehab', 'PT DISCHARGE SUMMARY'], 'therapy_note'],
    [['NOTICE OF ADVERSE DETERMINATION - PREAUTHORIZATION'], 'ur_determination'],
    [['LAKESIDE PAIN CLINIC', 'Surgery Booking Sheet', 'Procedure: L4-5 MBB'], 'scheduling_order'],
    [['LAKESIDE PAIN CLINIC', 'FAX COVER SHEET', 'To: UM dept'], 'fax_cover'],
    [['Dr. A. Reyes', 'March 3, 2026', 'Dear Medical Director,'], 'letter'],
  ])('%j → %s', (lines, type) => {
    expect(head(lines).type?.type).toBe(type);
  });
  test('a running head of a later page continues the document', () => {
    expect(head(['Doe, Jane   DOS 03/02/2026   page 2', 'EXAM: BP 120/80']).continues).toBe('seg.cont.page_n');
    expect(head(['Consultation 03/02/2026 (continued)', 'PLAN:']).continues).toBe('seg.cont.page_n');
  });
});

describe('segmentPages', () => {
  test('a single page, or a note without page breaks, is one document', () => {
    expect(segmentPages([{ text: 'PROGRESS NOTE\nback pain' }], rules)).toHaveLength(1);
  });
  test('pages that name no document go on the one before', () => {
    const segs = segmentPages([
      { text: 'FAX COVER SHEET\nTo: UM' },
      { text: 'Prior Authorization Request\nCPT 64493' },
      { text: 'Lakeside Pain - Office Visit\nHPI: ...' },
      { text: 'Doe, Jane  page 2\nPLAN: ...' },
      { text: 'some text with no heading' },
      { text: 'PROCEDURE NOTE\nMBB' },
    ], rules);
    expect(segs.map((s) => [s.type, s.firstPage, s.lastPage, s.role])).toEqual([
      ['fax_cover', 1, 1, 'request'], ['pa_form', 2, 2, 'request'], ['office_note', 3, 5, 'narrative'], ['procedure_note', 6, 6, 'performed'],
    ]);
  });
});

describe('a fax\'s running page count', () => {
  test('a head naming another kind of document starts it, even with "Page 3 of 5" (dev writer 8A)', () => {
    const segs = segmentPages([
      { text: 'PRIOR AUTHORIZATION REQUEST                 Page 1 of 4\nProcedure: RFA' },
      { text: 'LAKESIDE PAIN - PROGRESS NOTE               Page 2 of 4\nHPI: ...' },
      { text: 'CEDAR RIDGE SURGERY CENTER - PROCEDURE NOTE   Page 3 of 4\nProcedure: MBB #1' },
      { text: 'Doe, Jane   DOS 02/17/2026   Page 4 of 4\nDisposition: home' },
    ], rules);
    expect(segs.map((s) => [s.type, s.firstPage, s.lastPage])).toEqual([
      ['pa_form', 1, 1], ['office_note', 2, 2], ['procedure_note', 3, 4],
    ]);
  });
  test('the same kind of document named again on a later page goes on', () => {
    const segs = segmentPages([
      { text: 'PROCEDURE NOTE\nProcedure: MBB' },
      { text: 'PROCEDURE NOTE (continued)   Page 2 of 2\nDisposition: home' },
    ], rules);
    expect(segs.map((s) => [s.type, s.firstPage, s.lastPage])).toEqual([['procedure_note', 1, 2]]);
  });
});

describe('a letter addressed to a prior-authorization department (dev writer 7C)', () => {
  test.each([
    ['January 12, 2026\n\nMedical Review - Prior Authorization\nNovitas Solutions\n\nDear Reviewer,\nI am writing in support of ...', 'letter'],
    ['December 12, 2025\n\nEvergreen Advantage - Medical Director, Prior Authorization\n\nRE: Dale W.\n\nDear Medical Director,\n...', 'letter'],
    ['PRIOR AUTHORIZATION REQUEST\nMember: Dale W.\nProcedure: left L5 TFESI', 'pa_form'],
    ['PRECERTIFICATION REQUEST\nTo: Prior authorization department\nService: caudal ESI', 'pa_form'],
  ])('%j is a %s', (text, type) => {
    expect(segmentPages([{ text: 'FAX COVER SHEET\nTo: UM' }, { text }], rules)[1]?.type).toBe(type);
  });
});

describe('heads as faxes and forms print them', () => {
  const head = (text: string) => classifyPage(text, rules).type?.type;
  test.each([
    ['CUMBERLAND PAIN & SPINE ASC - PR0CEDURE N0TE      DOS: 07/22/2025', 'procedure_note'],
    ['CUMBERLAND PAIN & SPINE      0FFICE VISIT - F0LLOW UP', 'office_note'],
    ['MID-STATE IMAGING     MRI LUMBAR SP1NE W/O', 'imaging'],
  ])('%s → %s', (line, type) => {
    expect(head(line)).toBe(type);
  });
  test('"see procedure note" on a form is a reference, not a title', () => {
    expect(head('Member: L. P.\nProcedure requested: MBB #2\nPrior related services: MBB #1 on 07/22/2025 - see procedure note')).not.toBe('procedure_note');
  });
  test('a title bar above a rule heads the stretch below it', () => {
    const segs = segmentPages([{ text: 'FAX COVER SHEET\nTo: UM' }, { text: 'BLUECROSS    OUTPATIENT PRIOR AUTHORIZATION REQUEST\n------------------------------\nMember: L. P.\nProcedure requested: right L4-5 MBB #2\nCPT 64493-RT' }], rules);
    expect(segs.map((s) => [s.type, s.pieces.length])).toEqual([['fax_cover', 1], ['pa_form', 1]]);
  });
});
