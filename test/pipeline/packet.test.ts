import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { mergePacketFacts, type DocumentFacts } from '../../src/extract/packet.ts';
import type { Fact } from '../../src/schema/review.ts';
import type { Case } from '../../src/case/schema.ts';
import { evidenceProblems, textSource } from '../helpers.ts';
import { segmentPages } from '../../src/nlp/segments.ts';
import { loadResources } from '../../src/resources.ts';

const banner = '11/20/2026 10:02  FROM: RIVERSIDE SPINE 555-0199  p.';
const packet = [
  `${banner}1\nRIVERSIDE SPINE & PAIN\nFAX COVER SHEET\nTo: Utilization Management\nRe: authorization, lumbar medial branch block\nPages: 4`,
  `${banner}2\nACME HEALTH PLAN\nOUTPATIENT PRECERTIFICATION REQUEST\nMember: Hal Jensen   DOB 02/03/1961   Sex: M\nProcedure: Bilateral L4-5 and L5-S1 medial branch block\nCPT 64493-50 x1, 64494-50 x1\nRequested date of service: 12/01/2026\nGuidance: fluoroscopy   Sedation: none`,
  `${banner}3\nRIVERSIDE SPINE & PAIN - PROGRESS NOTE\nDate of service: 11/18/2026\nHPI: 65 year old man with axial low back pain for 2 years, worse with extension. No leg pain.\nHe completed 8 weeks of physical therapy without benefit.\nExam: facet loading positive bilaterally.\nPlan: bilateral L4-5, L5-S1 medial branch block. If positive, RFA.`,
  `${banner}4\nRIVERSIDE SPINE & PAIN - PROCEDURE NOTE\nDate of procedure: 09/10/2026\nProcedure: Left L5-S1 transforaminal epidural steroid injection under fluoroscopy.\nThe patient tolerated the procedure well.`,
].join('\f');

describe('a packet is read document by document', () => {
  const review = reviewSource(textSource(packet, 'packet.txt'));
  const of = (type: string) => review.facts.filter((f) => f.type === type);

  test('the PA form\'s "Procedure:" field is the request, merged with the note\'s plan', () => {
    const req = of('requested_procedure').filter((f) => f.assertion === 'present');
    expect(req).toHaveLength(1);
    expect(req[0]!.attributes).toMatchObject({ procedure: 'medial_branch_block', levels: ['L4-L5', 'L5-S1'], side: 'bilateral' });
    const pages = new Set(req[0]!.evidence.map((e) => e.page));
    expect(pages.has(2) && pages.has(3)).toBe(true);
    expect(review.determination).not.toBe('no_request_found');
  });

  test('the procedure note\'s procedure is a prior procedure of its date, not a request', () => {
    const prior = of('prior_procedure').filter((f) => f.attributes.procedure === 'transforaminal_esi');
    expect(prior).toHaveLength(1);
    expect(prior[0]!.attributes.date).toBe('2026-09-10');
    expect(prior[0]!.evidence[0]!.page).toBe(4);
    expect(of('requested_procedure').some((f) => f.attributes.procedure === 'transforaminal_esi')).toBe(false);
  });

  test('evidence is page-relative in the whole packet, and facts name their document', () => {
    expect(evidenceProblems(review, packet.split('\f'))).toEqual([]);
    const docs = review.facts.flatMap((f) => f.provenance?.documents ?? []).map((d) => d.type);
    expect(new Set(docs)).toEqual(new Set(['fax_cover', 'pa_form', 'office_note', 'procedure_note']));
  });
});

const fact = (type: Fact['type'], attributes: Fact['attributes'], page: number, assertion: Fact['assertion'] = 'present'): Fact =>
  ({ id: 'x', type, assertion, attributes, evidence: [{ page: 1, start: page, end: page + 1, text: 'x' }], provenance: { extractor: 't', rules: [`r${page}`] } });
/** A document on page `firstPage`: its facts' evidence is on that page of the packet. */
const doc = (role: DocumentFacts['role'], firstPage: number, facts: Fact[]): DocumentFacts =>
  ({ type: role, role, firstPage, lastPage: firstPage, rule: null, date: null, facts: facts.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e, page: firstPage })) })) });

describe('mergePacketFacts', () => {
  test('same facts in two documents are one, with evidence from both', () => {
    const out = mergePacketFacts([doc('narrative', 1, [fact('exam_finding', { test: 'straight_leg_raise', result: 'positive', side: 'right' }, 1)]),
      doc('narrative', 2, [fact('exam_finding', { test: 'straight_leg_raise', result: 'positive', side: 'right' }, 2)])]);
    expect(out).toHaveLength(1);
    expect(out[0]!.evidence.map((e) => e.page)).toEqual([1, 2]);
  });
  test('differing attributes stay separate; less merges into more', () => {
    const out = mergePacketFacts([doc('narrative', 1, [fact('radicular_pain', { side: 'left' }, 1), fact('radicular_pain', { side: 'right', belowKnee: true }, 2)]),
      doc('narrative', 2, [fact('radicular_pain', { side: 'left', belowKnee: true }, 3), fact('radicular_pain', {}, 4, 'absent')])]);
    expect(out.map((f) => [f.assertion, f.attributes.side, f.attributes.belowKnee])).toEqual([['present', 'left', true], ['present', 'right', true]]);
  });
  test('one request per procedure, attributes from every document; one care fact per modality; one patient', () => {
    const out = mergePacketFacts([
      doc('narrative', 1, [fact('requested_procedure', { procedure: 'radiofrequency_ablation', side: 'right' }, 1), fact('conservative_care', { modality: 'physical_therapy', durationWeeks: 6 }, 2), fact('patient', { age: 60 }, 3)]),
      doc('request', 2, [fact('requested_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], guidance: 'fluoroscopy' }, 1), fact('conservative_care', { modality: 'physical_therapy', durationWeeks: 8, outcome: 'failed' }, 2), fact('patient', { age: 60, sex: 'female' }, 3)]),
    ]);
    const req = out.filter((f) => f.type === 'requested_procedure');
    expect(req).toHaveLength(1);
    expect(req[0]!.attributes).toMatchObject({ levels: ['L4-L5'], side: 'right', guidance: 'fluoroscopy' });
    expect(out.filter((f) => f.type === 'conservative_care').map((f) => f.attributes)).toEqual([{ modality: 'physical_therapy', durationWeeks: 8, outcome: 'failed' }]);
    expect(out.filter((f) => f.type === 'patient').map((f) => f.attributes)).toEqual([{ age: 60, sex: 'female' }]);
    expect(out.map((f) => f.id)).toEqual(out.map((_, i) => `f${i + 1}`));
  });
});

describe('reconcileRequests (five wordings each, from forms, orders and notes)', () => {
  const req = (procedure: string, levels: string[] | undefined, text: string): Fact =>
    ({ id: 'x', type: 'requested_procedure', assertion: 'present', attributes: { procedure, ...(levels ? { levels } : {}) }, evidence: [{ page: 1, start: 0, end: text.length, text }], provenance: { extractor: 't', rules: [] } });
  test.each([
    ['Lumbar epidural steroid injection', 'transforaminal_esi'],
    ['ESI', 'interlaminar_esi'],
    ['epidural injection', 'caudal_esi'],
    ['Epidural steroid', 'transforaminal_esi'],
    ['epidural', 'interlaminar_esi'],
  ])('an ESI named without its approach ("%s") is the one approach named elsewhere (%s)', (generic, approach) => {
    const out = mergePacketFacts([doc('request', 1, [req('epidural_steroid_injection', ['L5-S1'], generic)]), doc('narrative', 2, [req(approach, undefined, 'the injection')])]);
    expect(out.filter((f) => f.type === 'requested_procedure').map((f) => [f.attributes.procedure, f.attributes.levels])).toEqual([[approach, ['L5-S1']]]);
  });
  test.each(['medial branches', 'medial branch nerves', 'L3 and L4 medial branches', 'medial branch of L5', 'the medial\nbranches'])(
    '"%s" beside a requested ablation are its nerves, not a block', (text) => {
      const out = mergePacketFacts([doc('request', 1, [req('radiofrequency_ablation', ['L4-L5'], 'RF neurotomy'), req('medial_branch_block', ['L4-L5'], text)])]);
      expect(out.map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
    });
  test('a medial branch BLOCK requested with an ablation stays a request', () => {
    const out = mergePacketFacts([doc('request', 1, [req('radiofrequency_ablation', undefined, 'RFA'), req('medial_branch_block', undefined, 'medial branch block')])]);
    expect(out).toHaveLength(2);
  });
  test('facet procedures count joints: bare vertebra levels go when a joint is named', () => {
    const out = mergePacketFacts([doc('request', 1, [req('medial_branch_block', ['L3', 'L4'], 'MBB')]), doc('narrative', 2, [req('medial_branch_block', ['L4-L5', 'L5-S1'], 'MBB')])]);
    expect(out[0]!.attributes.levels).toEqual(['L4-L5', 'L5-S1']);
  });
});

describe('a request stated only as billed codes', () => {
  const form = (lines: string) => `ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nMember: Ann Lee   Age 58   F\n${lines}\nSignature: on file`;
  const note = 'VALLEY PAIN - PROGRESS NOTE\nDate of service: 10/01/2026\nHPI: axial low back pain for 2 years.';
  test.each([
    ['CPT/HCPCS  Modifier  Units\n64493      50        1\n64494      50        1', 'medial_branch_block', 'bilateral'],
    ['Codes: 64635-RT, 64636-RT', 'radiofrequency_ablation', 'right'],
    ['Service lines: 64483 LT x1', 'transforaminal_esi', 'left'],
    ['CPT 62323', 'interlaminar_esi', undefined],
    ['Line 1  64493  LT  1 unit\nLine 2  64494  LT  1 unit', 'medial_branch_block', 'left'],
  ])('%s → %s', (lines, procedure, side) => {
    const r = reviewSource(textSource(`${form(lines)}\f${note}`, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => [f.attributes.procedure, f.attributes.side])).toEqual([[procedure, side]]);
    expect(r.determination).not.toBe('no_request_found');
  });
  test('codes of another family beside a stated request are no second request', () => {
    const r = reviewSource(textSource(`${form('Procedure requested: left L5 transforaminal ESI\nCPT 64493, 64494')}\f${note}`, 'p.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['transforaminal_esi']);
  });
});

describe('a plan to continue documented care is part of that course', () => {
  test.each(['home_exercise', 'physical_therapy', 'nsaid', 'activity_modification', 'medication'])('%s', (modality) => {
    const out = mergePacketFacts([doc('narrative', 1, [fact('conservative_care', { modality, durationWeeks: 6, outcome: 'failed' }, 1)]),
      doc('narrative', 2, [fact('conservative_care', { modality }, 2, 'hypothetical')])]);
    expect(out.map((f) => [f.assertion, f.attributes.modality, f.attributes.durationWeeks])).toEqual([['present', modality, 6]]);
    expect(out[0]!.evidence).toHaveLength(2);
  });
  test('a plan for care never documented stays a plan', () => {
    const out = mergePacketFacts([doc('narrative', 1, [fact('conservative_care', { modality: 'physical_therapy' }, 1, 'hypothetical')])]);
    expect(out.map((f) => f.assertion)).toEqual(['hypothetical']);
  });
});

describe('one session told by several documents', () => {
  const prior = (attributes: Fact['attributes'], page: number) => fact('prior_procedure', attributes, page);
  test('a relief report takes the session\'s levels, side and intent from the procedure note of that day', () => {
    const out = mergePacketFacts([
      doc('performed', 3, [prior({ procedure: 'transforaminal_esi', levels: ['L5'], side: 'right', date: '2024-12-10' }, 1)]),
      doc('narrative', 4, [prior({ procedure: 'transforaminal_esi', date: '2024-12-10', reliefPercent: 60 }, 2), prior({ procedure: 'transforaminal_esi', date: '2024-12-10', reliefPercent: 20 }, 3)]),
    ]);
    expect(out.map((f) => [f.attributes.levels, f.attributes.side, f.attributes.reliefPercent])).toEqual([[['L5'], 'right', 60], [['L5'], 'right', 20]]);
  });
  test.each([
    ['epidural injection', 'interlaminar_esi'], ['ESI', 'transforaminal_esi'], ['epidural steroid injection', 'caudal_esi'],
    ['the epidural', 'interlaminar_esi'], ['lumbar ESI', 'transforaminal_esi'],
  ])('an ESI named without its approach ("%s") on a session day is that session (%s)', (_words, approach) => {
    const out = mergePacketFacts([
      doc('performed', 2, [prior({ procedure: approach, levels: ['L4-L5'], date: '2025-03-11' }, 1)]),
      doc('narrative', 3, [prior({ procedure: 'epidural_steroid_injection', date: '2025-03-11', reliefPercent: 70 }, 2)]),
    ]);
    expect(out.map((f) => [f.attributes.procedure, f.attributes.levels, f.attributes.reliefPercent])).toEqual([[approach, ['L4-L5'], 70]]);
  });
  test('a month date is the one session of that month; two sessions in the year leave a year date alone', () => {
    const out = mergePacketFacts([
      doc('performed', 2, [prior({ procedure: 'medial_branch_block', date: '2024-09-17' }, 1), prior({ procedure: 'medial_branch_block', date: '2024-10-15' }, 2)]),
      doc('narrative', 3, [prior({ procedure: 'medial_branch_block', date: '2024-09', reliefPercent: 90 }, 3), prior({ procedure: 'medial_branch_block', date: '2024', reliefPercent: 85 }, 4)]),
    ]);
    expect(out.map((f) => [f.attributes.date, f.attributes.reliefPercent ?? null]).sort()).toEqual([['2024', 85], ['2024-09-17', 90], ['2024-10-15', null]]);
  });
});

describe('blocks lead to an ablation: the billed codes say which is under review', () => {
  const note = 'VALLEY PAIN - PROGRESS NOTE\nDate of service: 10/01/2026\nAxial low back pain for 2 years.';
  const form = (codes: string, procedure: string) => `ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nProcedure requested: ${procedure}\n${codes}`;
  const requests = (text: string) => reviewSource(textSource(text, 'p.txt')).facts.filter((f) => f.type === 'requested_procedure').map((f) => [f.attributes.procedure, f.assertion]);
  test.each([
    ['64493-RT, 64494-RT', 'right L4-5 and L5-S1 medial branch block, then radiofrequency ablation if positive'],
    ['CPT 64493 x1, 64494 x1', 'confirmatory medial branch block; RFA request pending the result'],
  ])('blocks billed (%s): the ablation is the next step', (codes, procedure) => {
    const r = requests(`${form(codes, procedure)}\f${note}`);
    expect(r).toContainEqual(['medial_branch_block', 'present']);
    expect(r).not.toContainEqual(['radiofrequency_ablation', 'present']);
  });
  test.each([
    ['64635-50, 64636-50', 'bilateral L4-5, L5-S1 radiofrequency ablation of the medial branch nerves after two medial branch blocks'],
    ['CPT 64635 x1 64636 x1', 'RFA L4-L5 and L5-S1 (two positive MBBs)'],
  ])('ablation billed (%s): the blocks named beside it are its history', (codes, procedure) => {
    const r = requests(`${form(codes, procedure)}\f${note}`);
    expect(r).toContainEqual(['radiofrequency_ablation', 'present']);
    expect(r).not.toContainEqual(['medial_branch_block', 'present']);
  });
});

describe('a form\'s level and side fields describe its request', () => {
  const note = 'VALLEY PAIN - PROGRESS NOTE\nDate of service: 10/01/2026\nLeft leg pain to the foot for 6 months.';
  test.each([
    ['Procedure: transforaminal epidural steroid injection\nSpinal level(s): L5-S1       Laterality: Bilateral', ['L5-S1'], 'bilateral'],
    ['Service requested: TFESI\nLevel: L4-5\nSide: Left', ['L4-L5'], 'left'],
    ['Requested procedure: interlaminar ESI   Levels: L4/L5   Side: [X] right', ['L4-L5'], 'right'],
    ['Procedure requested: medial branch block\nLevels to be treated: L4-L5, L5-S1\nLaterality: B/L', ['L4-L5', 'L5-S1'], 'bilateral'],
    ['Request: caudal epidural injection\nTarget level: L5-S1   Laterality: Lt', ['L5-S1'], 'left'],
  ])('%s', (lines, levels, side) => {
    const r = reviewSource(textSource(`ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\n${lines}\f${note}`, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => [f.attributes.levels, f.attributes.side])).toEqual([[levels, side]]);
  });
});

describe('an MRI report in a packet', () => {
  const mri = 'NORTH IMAGING\nMRI OF THE LUMBAR SPINE WITHOUT CONTRAST\nTECHNIQUE: Sagittal T1/T2/STIR, axial T2.\nFINDINGS:\nMild foraminal narrowing at L4-5. Severe central canal stenosis at L3-4.\nFacet arthropathy at L4-5 and L5-S1.';
  const r = reviewSource(textSource(`VALLEY PAIN - PROGRESS NOTE\nLow back pain.\f${mri}`, 'p.txt'));
  const img = r.facts.filter((f) => f.type === 'imaging_finding' && f.assertion === 'present');
  test('its TECHNIQUE heading names no procedure: the findings are read', () => {
    expect(img.map((f) => f.attributes.finding).sort()).toEqual(['facet_arthropathy', 'stenosis']);
  });
  test('one stenosis finding of the study, its mild levels kept apart from the severe one', () => {
    const st = img.find((f) => f.attributes.finding === 'stenosis')!;
    expect([st.attributes.levels, st.attributes.severity, st.attributes.mildLevels]).toEqual([['L3-L4', 'L4-L5'], undefined, ['L4-L5']]);
  });
});

describe('one operation retold by several documents', () => {
  const op = (attributes: Fact['attributes'], page: number) => fact('surgery', attributes, page);
  test('levels most reports give, the fullest date', () => {
    const out = mergePacketFacts([
      doc('narrative', 1, [op({ procedure: 'fusion', levels: ['T12-L1', 'L1', 'L1-L2'], date: '2022-03' }, 1)]),
      doc('narrative', 2, [op({ procedure: 'fusion', levels: ['T12-L1', 'L1-L2', 'L2-L3'], date: '2022-03' }, 2)]),
      doc('narrative', 3, [op({ procedure: 'fusion', levels: ['T12-L1', 'L1-L2'] }, 3)]),
    ]);
    expect(out.map((f) => [f.attributes.levels, f.attributes.date])).toEqual([[['T12-L1', 'L1-L2'], '2022-03']]);
  });
  test.each([
    [{ procedure: 'fusion', levels: ['L4-L5'], date: '2007' }, { procedure: 'fusion', levels: ['L4-L5'], date: '2007-06-12' }, 1],
    [{ procedure: 'laminectomy', levels: ['L5-S1'] }, { procedure: 'laminectomy', levels: ['L5-S1'], year: 2019 }, 1],
    [{ procedure: 'discectomy', levels: ['L4-L5'], date: '2015' }, { procedure: 'discectomy', levels: ['L4-L5'], date: '2021' }, 2],
    [{ procedure: 'fusion', levels: ['L4-L5'] }, { procedure: 'fusion', levels: ['L2-L3'] }, 2],
    [{ procedure: 'fusion', levels: ['L5-S1'] }, { procedure: 'discectomy', levels: ['L5-S1'] }, 2],
  ])('%j + %j → %i operation(s)', (a, b, n) => {
    expect(mergePacketFacts([doc('narrative', 1, [op(a, 1)]), doc('narrative', 2, [op(b, 2)])])).toHaveLength(n);
  });
});

describe('a therapy note in a packet records its course', () => {
  const pt = (head: string, body: string) => reviewSource(textSource(`VALLEY PAIN - PROGRESS NOTE\nLow back pain.\f${head}\n${body}`, 'p.txt'))
    .facts.filter((f) => f.type === 'conservative_care' && f.attributes.modality === 'physical_therapy').map((f) => f.attributes.durationWeeks);
  test.each([
    ['NORTHCOAST PHYSICAL THERAPY & SPORTS REHAB       2250 Lorain Rd, Fairview Pk OH\nDISCHARGE SUMMARY', 'Dates of service: 10/14/2025 - 12/09/2025\nPlan: D/C from skilled PT.', 8],
    ['PHYSICAL THERAPY DISCHARGE SUMMARY', 'Visits attended: 12 of 12 (2x/wk x 6 wks)\nPlan: discharge to HEP.', 6],
    ['LAKE PHYSICAL THERAPY   ph 555-0100\nPT DISCHARGE SUMMARY', 'Episode of care: 01/06/2026 to 02/17/2026', 6],
    ['PHYSICAL THERAPY PROGRESS NOTE', 'Treatment dates: 3/2/26 - 4/13/26. Pt reports pain unchanged.', 6],
    ['COASTAL PHYSICAL THERAPY', 'Dates of service: 09/01/2025 - 10/27/2025 (16 visits)', 8],
  ])('%s', (head, body, weeks) => {
    expect(pt(head, body)).toContain(weeks);
  });
});

describe('form check boxes: only the checked options are stated', () => {
  const form = (lines: string) => reviewSource(textSource(`ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\n${lines}\fVALLEY PAIN - PROGRESS NOTE\nRight leg pain to the foot.`, 'p.txt'));
  const req = (lines: string) => form(lines).facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure);
  test.each([
    ['  [ ] Facet / MBB   [ ] RFA   [ ] SI joint   [X] Epidural steroid injection\n  Approach:  [ ] Transforaminal  [X] Interlaminar  [ ] Caudal', ['interlaminar_esi']],
    ['[X] Facet joint injection / medial branch block   [ ] Facet RF denervation\n[ ] Epidural steroid injection   [ ] SI joint', ['medial_branch_block']],
    ['Procedure: ☐ ESI  ☒ Radiofrequency ablation', ['radiofrequency_ablation']],
    ['Procedure: ( ) MBB  (X) Transforaminal ESI', ['transforaminal_esi']],
    ['Service: [x] Medial branch block [ ] RFA [ ] Epidural', ['medial_branch_block']],
  ])('%s', (lines, expected) => {
    expect(req(lines)).toEqual(expected);
  });
  test('an unchecked sedation option is no sedation request', () => {
    const r = form('Procedure requested: left L5 transforaminal ESI\nAnesthesia: [ ] MAC  [ ] Moderate sedation  [X] Local only');
    expect(r.facts.find((f) => f.type === 'requested_procedure')?.attributes.sedation).toBe('local');
  });
});

describe('a request decided against was not done', () => {
  const note = (text: string) => reviewSource(textSource(`ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nProcedure requested: right L5-S1 transforaminal ESI\fVALLEY PAIN - PROGRESS NOTE\nDate of service: 03/01/2026\n${text}`, 'p.txt'));
  test.each([
    'A lumbar ESI at L4-5 requested by his prior clinic in November (interlaminar, with IV sedation) was non-certified on 11/14/2025.',
    'An interlaminar epidural injection was denied by the plan on 12/02/2025.',
    'The request for an L4-5 interlaminar ESI was denied in December.',
    'Interlaminar ESI at L4-5 was not approved on 11/20/2025 for lack of imaging.',
    'Denial of the request for interlaminar ESI, 11/14/2025, upheld on appeal.',
  ])('%s', (text) => {
    const r = note(text);
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['transforaminal_esi']);
  });
});

describe('in a plan, relief told before the procedure is its reason', () => {
  test.each([
    'P: Given his excellent response to the diagnostic block we will proceed directly to RFA at left L4-5 and L5-S1.',
    'Plan: after 90% relief from both blocks, we will schedule radiofrequency ablation.',
    'Because the confirmatory block gave 85% relief, we request RFA of the same joints.',
    'Plan: With 80% relief after the first MBB, a second confirmatory MBB is requested.',
    'Assessment & plan: good relief with the blocks; proceed with RF neurotomy.',
  ])('%s', (text) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 03/01/2026\n${text}`));
    expect(r.facts.some((f) => f.type === 'requested_procedure' && f.assertion === 'present')).toBe(true);
  });
});

describe('two documents on one page, set apart by a rule line', () => {
  const page = 'URBANDALE URGENT CARE                          Visit 12/02/2025\nCC: low back pain radiating to L leg x 3 days\nA: acute L sciatica\n' +
    '----------------------------------------------------------------\nIOWA RADIOLOGY - WEST        MRI LUMBAR SPINE W/O       01/05/2026\nIMPRESSION:\n 1. L5-S1: left paracentral disc extrusion contacting the left S1 nerve root.\n';
  const text = `VALLEY PAIN - PROGRESS NOTE\nDate of service: 02/01/2026\nPlan: left S1 transforaminal ESI.\f${page}`;
  const r = reviewSource(textSource(text, 'p.txt'));
  test('the report after the rule is read as an imaging report, its evidence on the page it sits on', () => {
    const img = r.facts.filter((f) => f.type === 'imaging_finding' && f.assertion === 'present');
    expect(img.map((f) => f.attributes.finding)).toContain('disc_herniation');
    expect(img[0]!.provenance?.documents?.[0]?.type).toBe('imaging');
    expect(evidenceProblems(r, text.split('\f'))).toEqual([]);
  });
  test.each([
    ['-----------------------------------', 3], ['==========', 3], ['__________________', 3], ['- - - - -', 2], ['---', 2],
  ])('%s: %i documents', (rule, n) => {
    const pages = ['VALLEY PAIN - PROGRESS NOTE\nLow back pain.', `PHYSICAL THERAPY DISCHARGE SUMMARY\n${'Back pain, PT 6 weeks.\n'.repeat(12)}${rule}\nMRI LUMBAR SPINE\nIMPRESSION: disc bulge at L4-5.\n`];
    expect(segmentPages(pages.map((text) => ({ text })), loadResources().segments)).toHaveLength(n);
  });
});

describe('a sedation field takes its checked option', () => {
  test.each([
    ['Sedation:  [X] None   [ ] Moderate   [ ] MAC', 'none'],
    ['Anesthesia: [ ] Local only  [X] Moderate sedation  [ ] MAC/General', 'moderate'],
    ['Sedation: ( ) none (X) MAC', 'mac'],
    ['Anesthesia: ☒ Local only ☐ IV sedation', 'local'],
    ['Sedation: [x] IV conscious sedation [ ] none', 'iv'],
  ])('%s → %s', (line, sedation) => {
    const r = reviewSource(textSource(`ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nProcedure requested: right L5 transforaminal ESI\n${line}\fVALLEY PAIN - PROGRESS NOTE\nRight leg pain.`, 'p.txt'));
    expect(r.facts.find((f) => f.type === 'requested_procedure' && f.assertion === 'present')?.attributes.sedation).toBe(sedation);
  });
});

describe('a sedation label takes its answer; an unchecked option or a heading names none', () => {
  const sedationOf = (lines: string) => reviewSource(textSource(`ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nProcedure requested: right L5 transforaminal ESI\n${lines}\fVALLEY PAIN - PROGRESS NOTE\nRight leg pain.`, 'p.txt'))
    .facts.find((f) => f.type === 'requested_procedure' && f.assertion === 'present')?.attributes.sedation;
  test.each([
    ['Moderate sedation / MAC requested ............................ No', 'none'],
    ['Q12. Sedation / anesthesia requested:\n     > None - local anesthetic only', 'none'],
    ['Sedation requested? N', 'none'],
    ['IV sedation required: not requested', 'none'],
    ['MAC requested ........ Yes (severe claustrophobia)', 'mac'],
    ['ANESTHESIA / SEDATION\n [X] Local infiltration only - lidocaine 1% skin wheal\n [ ] Moderate sedation   [ ] MAC      Indication if checked: ______', 'local'],
    ['Anesthesia plan:  [ ] IV sedation  [ ] MAC', undefined],
    ['Plan: under fluoroscopy, no sedation: lidocaine for the first block, bupivacaine for the second.', 'none'],
  ])('%s → %s', (lines, sedation) => {
    expect(sedationOf(lines)).toBe(sedation);
  });
});

describe('an older study of the same kind is history', () => {
  const mri = (date: string, finding: string) => `NORTH IMAGING\nMRI LUMBAR SPINE WITHOUT CONTRAST      Date: ${date}\nIMPRESSION:\n1. ${finding}\n`;
  const packet = (...pages: string[]) => reviewSource(textSource(['ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nProcedure requested: right L4-5 and L5-S1 medial branch block', 'VALLEY PAIN - PROGRESS NOTE\nDate of service: 02/09/2026\nAxial right low back pain for 2 years.', ...pages].join('\f'), 'p.txt'));
  const generators = (r: ReturnType<typeof reviewSource>) => (r.case as { imaging: { finding: string; assertion: string }[] }).imaging.filter((i) => i.assertion === 'present').map((i) => i.finding).sort();
  test.each([
    [['12/04/2025', 'Right L4-5 facet arthropathy. No recurrent herniation.'], ['03/22/2011', 'Left L4-5 disc extrusion compressing the L5 root.'], ['facet_arthropathy']],
    [['01/10/2026', 'Facet arthropathy at L4-5.'], ['06/01/2018', 'Large L4-5 disc herniation.'], ['facet_arthropathy']],
    [['01/10/2026', 'Facet arthropathy at L4-5.'], ['10/01/2025', 'Small L4-5 disc protrusion.'], ['disc_herniation', 'facet_arthropathy']],
  ])('%j supersedes %j', (newer, older, expected) => {
    expect(generators(packet(mri(newer[0]!, newer[1]!), mri(older[0]!, older[1]!)))).toEqual(expected);
  });
});

describe('a procedure named as a document in an enclosure list is no event', () => {
  test.each([
    'Enclosed: office note 02/09/2026; MBB #1 procedure\nnote with pain diary 01/27/2026; SI joint injection note 06/10/2025.',
    'Attachments: TFESI procedure report 11/02/2025, MRI report.',
    'Records sent: RFA op note 2024-06-18.',
    'Enclosures: ESI 2nd procedure note (12/01/2025).',
    'Included: facet injection consent form 10/10/2025.',
  ])('%s', (line) => {
    const r = reviewSource(textSource(`VALLEY PAIN\nFAX COVER SHEET\nTo: UM\n${line}\fVALLEY PAIN - PROGRESS NOTE\nLow back pain.`, 'p.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.provenance?.documents?.some((d) => d.type === 'fax_cover'))).toEqual([]);
  });
});

describe('an imaging report\'s findings are of the study its title names', () => {
  test.each([
    ['LUMBAR SPINE RADIOGRAPHS, 3 VIEWS', 'xray'], ['MRI LUMBAR SPINE WITHOUT CONTRAST', 'mri'], ['CT L-SPINE W/O CONTRAST', 'ct'],
    ['X-RAY LUMBAR SPINE AP/LAT', 'xray'], ['Magnetic Resonance Imaging - Lumbar Spine', 'mri'],
  ])('%s → %s', (title, modality) => {
    const r = reviewSource(textSource(`VALLEY PAIN - PROGRESS NOTE\nLow back pain.\fNORTH IMAGING\n${title}\nIMPRESSION:\n1. Facet arthropathy at L4-5.`, 'p.txt'));
    expect(r.facts.find((f) => f.type === 'imaging_finding' && f.attributes.finding === 'facet_arthropathy')?.attributes.modality).toBe(modality);
  });
});

describe('a question the form answers "no" says nothing present', () => {
  const rad = (line: string) => reviewSource(textSource(`PAIN INTAKE QUESTIONNAIRE\n${line}\nLow back pain.`)).facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present');
  test.each([
    'Numbness or tingling in legs?  [ ] yes  [X] no',
    'Leg pain? (X) no ( ) yes',
    'Does the pain go down your leg?  ☐ Yes  ☒ No',
    'Pain radiating to the feet? [x] none [ ] left [ ] right',
    'Sciatica?   [ ] Y   [X] No',
    '10) Radicular symptoms?  YES [ ]  NO [X]',
    'Leg pain below the knee?  Yes ( )  No (X)',
    'Radiating leg pain?  yes ☐  no ☒',
  ])('%s', (line) => {
    expect(rad(line)).toEqual([]);
  });
  test.each(['Leg pain? [X] yes [ ] no'])('answered yes, it stands: %s', (line) => {
    expect(rad(line)).toHaveLength(1);
  });
});

describe('a review-of-systems minus says no', () => {
  test.each([
    'Neurological:    [-] numbness  [-] tingling  [-] leg weakness\n                 [-] radiating leg pain  [-] saddle anesthesia',
    'ROS: (+) back pain (-) leg pain (-) numbness',
    'Neuro ROS: [ - ] radiating pain  [ - ] paresthesias',
    'Sx: (-) sciatica, (-) leg weakness',
    'MSK: [+] low back pain   [-] leg pain',
  ])('%s', (line) => {
    const r = reviewSource(textSource(`REVIEW OF SYSTEMS\n${line}\n`));
    expect(r.facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present')).toEqual([]);
  });
});

describe('an ablation of the nerves supplying named joints treats those joints', () => {
  test.each([
    'we are seeking approval for bilateral lumbar radiofrequency ablation of the medial branch nerves supplying the L4-L5 and L5-S1 facet joints (the L3 and L4 medial branches and the L5 dorsal ramus on each side).',
    'Request: RF neurotomy of the bilateral L3, L4 medial branches and L5 dorsal rami.',
  ])('%s', (sentence) => {
    const r = reviewSource(textSource(`ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nTo the reviewing physician: ${sentence}\fVALLEY PAIN - PROGRESS NOTE\nAxial low back pain.`, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => [f.attributes.procedure, f.attributes.levels])).toEqual([['radiofrequency_ablation', ['L4-L5', 'L5-S1']]]);
  });
});

describe('a retrospective review: the service under review is no prior that makes it a repeat', () => {
  const packet = (cover: string) => [
    `TRINITY REVIEW - RECONSIDERATION\n${cover}\nService: right L5-S1 interlaminar epidural steroid injection, DOS 03/12/2025`,
    'PASO PAIN CLINIC - PROCEDURE NOTE\nDate of procedure: 03/12/2025\nProcedure: Right L5-S1 interlaminar epidural steroid injection under fluoroscopy.\nPre-procedure pain 8/10. Post-procedure pain 2/10.',
    'PASO PAIN CLINIC - OFFICE VISIT\nDate of service: 03/01/2025\nRight leg pain to the foot for 6 months, NRS 8/10. SLR positive on the right. PT 8 weeks failed.\nMRI: right L5-S1 disc herniation compressing the S1 root.',
  ].join('\f');
  test.each(['REQUEST FOR RECONSIDERATION OF RETROSPECTIVE REVIEW', 'Post-service review request', 'Retro review of services rendered 03/12/2025', 'Retrospective authorization requested', 'Review type: [ ] prospective [X] retrospective'])('%s', (cover) => {
    const r = reviewSource(textSource(packet(cover), 'p.txt'));
    const gov = r.reviews.find((x) => x.governing)!;
    expect(gov.criteria.find((c) => c.id === 'ESI-R1')?.status).toBe('not_applicable');
    expect(r.facts.some((f) => f.type === 'prior_procedure' && f.attributes.date === '2025-03-12')).toBe(true);
  });
});

describe('"this is his first ..." names the service asked for', () => {
  test.each([
    'This is his first epidural injection.',
    'This would be her first lumbar epidural steroid injection.',
    'It will be the patient\'s first ESI.',
    'The requested injection is his first transforaminal ESI.',
    'This is her very first epidural.',
  ])('%s', (sentence) => {
    const r = reviewSource(textSource(`ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nProcedure requested: left L4-5 transforaminal ESI\fDear Medical Director,\nWe request a left L4-5 transforaminal ESI. ${sentence}`, 'p.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
  });
});

describe('a procedure note scores its own immediate relief; an undated relief report is its session', () => {
  const note = (scores: string) => ['VALLEY PAIN - PROGRESS NOTE\nDate of service: 12/01/2025\nAfter the left L5-S1 interlaminar ESI she reports 70% relief of the leg pain.',
    `VALLEY PAIN - PROCEDURE NOTE\nDate of procedure: 11/18/2025\nProcedure: Left L5-S1 interlaminar epidural steroid injection under fluoroscopy.\n${scores}`].join('\f');
  test.each([
    ['PAIN: Pre-procedure 8/10 leg pain. 15 minutes after: pain went from 8/10 to 2/10.', 75],
    ['Pain scores: pre-procedure 8/10; 20 minutes post 2/10.', 75],
    ['Pre-procedure pain 8/10. Post-procedure pain 2/10.', 75],
    ['Pain before the injection 8/10, 30 min after 4/10.', 50],
    ['NRS pre 10/10 -> post 5/10 at discharge.', 50],
  ])('%s', (scores, relief) => {
    const r = reviewSource(textSource(note(scores), 'p.txt'));
    const prior = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => [f.attributes.date, f.attributes.reliefPercent]);
    expect(prior).toContainEqual(['2025-11-18', relief]);
    expect(prior).toContainEqual(['2025-11-18', 70]);
  });
});

describe('"medial branches" told on an ablation\'s day are its nerves', () => {
  test.each(['medial branches', 'medial branch nerves', 'L3 and L4 medial branches', 'the medial branch', 'medial branches and L5 dorsal ramus'])('%s', (words) => {
    const out = mergePacketFacts([
      doc('performed', 1, [fact('prior_procedure', { procedure: 'radiofrequency_ablation', levels: ['L4-L5'], date: '2025-05-06' }, 1)]),
      doc('narrative', 2, [{ ...fact('prior_procedure', { procedure: 'medial_branch_block', date: '2025-05-06', intent: 'diagnostic' }, 2), evidence: [{ page: 1, start: 0, end: words.length, text: words }] }]),
    ]);
    expect(out.filter((f) => f.attributes.procedure === 'medial_branch_block')).toEqual([]);
  });
  test('a block on the ablation\'s day stays a block', () => {
    const out = mergePacketFacts([
      doc('performed', 1, [fact('prior_procedure', { procedure: 'radiofrequency_ablation', date: '2025-05-06' }, 1)]),
      doc('narrative', 2, [{ ...fact('prior_procedure', { procedure: 'medial_branch_block', date: '2025-05-06' }, 2), evidence: [{ page: 1, start: 0, end: 19, text: 'medial branch block' }] }]),
    ]);
    expect(out.filter((f) => f.attributes.procedure === 'medial_branch_block')).toHaveLength(1);
  });
});

describe('a request a letter tells as denied, asked for again on a form, stands', () => {
  const form = (procedure: string, codes: string) => `TEXAS WORKERS' COMPENSATION - REQUEST FOR PREAUTHORIZATION\n[ ] Initial   [X] Reconsideration\nProcedure: ${procedure}\n${codes}`;
  const letter = (text: string) => `VALLEY PAIN\nLETTER OF MEDICAL NECESSITY\nDate: 01/07/2026\nTo the reviewer:\n${text}`;
  test.each([
    ['right L3-4 and L4-5 radiofrequency neurotomy', 'CPT 64635-RT, 64636-RT', 'The repeat radiofrequency neurotomy was denied on 12/18/2025.'],
    ['repeat RFA right L3-4, L4-5', 'CPT 64635 x1, 64636 x1', 'Your 12/18/2025 non-certification of the RF ablation is not supported by the record.'],
    ['bilateral L5-S1 transforaminal ESI', 'CPT 64483-50', 'The transforaminal ESI was not approved on 12/01/2025; we ask you to reconsider.'],
  ])('%s', (procedure, codes, text) => {
    const r = reviewSource(textSource(`${form(procedure, codes)}\f${letter(text)}`, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req).toHaveLength(1);
    expect(req[0]!.attributes.denied).toBeUndefined();
    expect(r.determination).not.toBe('no_request_found');
  });
  test('a service named only by an old determination and a note that tells it denied is no standing request', () => {
    const out = mergePacketFacts([
      doc('request', 1, [fact('requested_procedure', { procedure: 'transforaminal_esi', side: 'right' }, 1)]),
      { ...doc('narrative', 2, [fact('requested_procedure', { procedure: 'interlaminar_esi', denied: true }, 2)]) },
      { ...doc('request', 3, [fact('requested_procedure', { procedure: 'interlaminar_esi' }, 3)]), type: 'ur_determination' },
    ]);
    expect(out.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['transforaminal_esi']);
  });
});

describe('a form that bills the ablation names its nerves in a levels field', () => {
  test.each([
    'Levels: right L3-4 and L4-5 facet joints (right L2, L3, L4 medial branches)',
    'Target nerves: L3 and L4 medial branches, L5 dorsal ramus, left',
    'Levels/nerves: bilateral L4-5, L5-S1 (L3, L4 MB + L5 DR)',
  ])('%s', (levels) => {
    const form = `ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\n| CPT | Mod | Units |\n| 64635 | RT | 1 |\n| 64636 | RT | 1 |\n${levels}\nGuidance: fluoroscopy   Sedation: none`;
    const note = 'VALLEY PAIN - PROGRESS NOTE\nDate of service: 10/01/2026\nPlan: repeat radiofrequency ablation, same levels as before.';
    const r = reviewSource(textSource(`${form}\f${note}`, 'p.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
  });
});

describe('the field lines of a request block in one document', () => {
  const req = (text: string) => reviewSource(textSource(text)).facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes);
  test('"Level:" and "Side:" lines right after the service requested describe it', () => {
    expect(req('Service requested: 62323 Interlaminar epidural, lumbar, with imaging guidance\nLevel: L4/L5   Side: left paramedian\nGuidance: fluoroscopy')[0]).toMatchObject({ procedure: 'interlaminar_esi', levels: ['L4-L5'], side: 'left' });
  });
  test('a level field of another procedure further on is not the request\'s', () => {
    const r = req('Plan: caudal epidural steroid injection.\nHistory: right L5-S1 TFESI 2023 with 60% relief.\nLevel: L5-S1   Side: right');
    expect(r[0]).toMatchObject({ procedure: 'caudal_esi' });
    expect(r[0]!.side).toBeUndefined();
  });
});

describe('a bare modality in a guidance field names the request guidance', () => {
  const req = (text: string) => reviewSource(textSource(text)).facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.guidance);
  test.each([
    ['Requested: 64493 x1, 64494 x1 - MBB, left L4/5 and L5/S1. Guidance: CT. Sedation: none.', 'ct'],
    ['Procedure requested: right L5 TFESI\nGuidance: fluoro', 'fluoroscopy'],
    ['We request a caudal ESI.\nImaging guidance: ultrasound', 'ultrasound'],
    ['Service requested: bilateral L4-5 MBB\nGuidance: computed tomography', 'ct'],
    ['Requesting left L4-5 ILESI. Guidance: US', 'ultrasound'],
  ])('%s', (text, guidance) => {
    expect(req(text)).toEqual([guidance]);
  });
});

describe('a lone request form read on its own (one document, no packet)', () => {
  const lone = (text: string) => reviewSource(textSource(text, 'form.txt'));
  const facts = (r: ReturnType<typeof lone>, type: string) => r.facts.filter((f) => f.type === type && f.assertion === 'present');
  test.each([
    ['PRIOR AUTHORIZATION REQUEST - OUTPATIENT PROCEDURE\nMember: Linda K.  Age 64  F\nProcedure: Right L5-S1 transforaminal epidural steroid injection under fluoroscopy\nCPT: 64483 x1\nRequested date of service: 01/15/2027\nClinical summary: right leg pain to the lateral calf for 4 months.', 'transforaminal_esi', ['L5-S1'], 'right'],
    ['PROCEDURE SCHEDULING ORDER\nPatient: Tom R.   DOB 04/05/1960\nProcedure: bilateral L4-5, L5-S1 medial branch blocks\nDate of service: 02/02/2027\nAnesthesia: local only', 'medial_branch_block', ['L4-L5', 'L5-S1'], 'bilateral'],
    ['Precertification Request\nMember: R. Diaz\nRequested procedure: caudal epidural steroid injection\nDOS requested: 12/20/2026\nPrior injections: none', 'caudal_esi', [], undefined],
    ['REQUEST FOR AUTHORIZATION\nProcedure: Left L4-L5 interlaminar ESI\nDate of service: 11/30/2026 (retro)\nHx: left leg pain to the shin x 6 months', 'interlaminar_esi', ['L4-L5'], 'left'],
    ['OUTPATIENT PRIOR AUTHORIZATION REQUEST\nProcedure: radiofrequency ablation\nCPT   MOD  DESCRIPTION\n64635  RT  RF ablation lumbar facet nerves L4-L5\n64636  RT  each additional level L5-S1\nPlanned DOS: 03/01/2027', 'radiofrequency_ablation', ['L4-L5', 'L5-S1'], 'right'],
  ])('%s', (text, procedure, levels, side) => {
    const r = lone(text);
    const req = facts(r, 'requested_procedure');
    expect(req.map((f) => [f.attributes.procedure, f.attributes.levels ?? [], f.attributes.side])).toEqual([[procedure, levels, side]]);
    // The requested date of service is no prior session's date.
    expect(facts(r, 'prior_procedure').filter((f) => f.attributes.procedure === procedure)).toEqual([]);
  });
  test('the form\'s history heading still tells prior sessions ("Diagnostic blocks: #1 07/11/2023 ... 100%")', () => {
    const r = lone('PRIOR AUTHORIZATION REQUEST FORM\nProcedure: bilateral L4-L5, L5-S1 radiofrequency ablation\nDate submitted: 2023-09-05\nPrior treatment:\nDiagnostic medial branch blocks bilateral L4-L5 and L5-S1:\n #1  07/11/2023  pre 8/10 -> post 0/10 for 2.5 hours (100%)\n #2  07/27/2023  80% relief for 6 hours');
    expect(facts(r, 'requested_procedure').map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
    expect(facts(r, 'prior_procedure').map((f) => [f.attributes.procedure, f.attributes.date])).toEqual([['medial_branch_block', '2023-07-11'], ['medial_branch_block', '2023-07-27']]);
  });
  // A form's clinical summary restating the service asked for, with nothing past about it, is the request
  //, levels named
  // (dev packet dr-01: "Clinical summary (submitter): First diagnostic medial branch block, ..." was read as a prior block).
  test.each([
    ['PRIOR AUTHORIZATION REQUEST\nMember: J. Ruiz\nCPT 64493 x2, 64494 x2\nClinical summary (submitter):\nFirst diagnostic medial branch block, bilateral L4-5 and L5-S1, fluoroscopic guidance, local anesthetic only. Axial pain since 04/2024.', 'medial_branch_block', ['L4-L5', 'L5-S1'], 'bilateral'],
    ['PRECERTIFICATION FORM\nPatient: M. Olsen\nClinical information: Right L4-5 and L5-S1 radiofrequency ablation under fluoroscopy. Two prior blocks documented in the attached notes.', 'radiofrequency_ablation', ['L4-L5', 'L5-S1'], 'right'],
    ['OUTPATIENT AUTHORIZATION REQUEST\nMember: A. Patel   67 M\nClinical summary: Left L5 transforaminal epidural steroid injection, fluoro-guided, for left L5 radicular pain of 5 months.', 'transforaminal_esi', ['L5'], 'left'],
    ['REQUEST FOR PRIOR AUTHORIZATION\nClinical summary:\nBilateral L3-4, L4-5 facet joint intra-articular injections (therapeutic). Back pain 9 months, failed PT 8 weeks.', 'facet_injection', ['L3-L4', 'L4-L5'], 'bilateral'],
    ['PRE-SERVICE REVIEW FORM\nMember: D. King\nClinical summary: Initial diagnostic MBB right L4-L5, L5-S1; no sedation. NRS 7/10.', 'medial_branch_block', ['L4-L5', 'L5-S1'], 'right'],
  ])('a form\'s clinical summary restating the service is the request: %s', (text, procedure, levels, side) => {
    const r = lone(text);
    expect(facts(r, 'requested_procedure').map((f) => [f.attributes.procedure, f.attributes.levels ?? [], f.attributes.side])).toEqual([[procedure, levels, side]]);
    expect(facts(r, 'prior_procedure').filter((f) => f.attributes.procedure === procedure)).toEqual([]);
  });
  test.each([
    'PRIOR AUTHORIZATION REQUEST\nProcedure: bilateral L4-5 radiofrequency ablation\nClinical summary: Diagnostic medial branch block bilateral L4-5 on 03/02/2026 gave 90% relief for 6 hours.',
    'PRIOR AUTHORIZATION REQUEST\nProcedure: bilateral L4-5 radiofrequency ablation\nClinical summary: She had bilateral L4-5 medial branch blocks with 85% relief.',
  ])('a summary that tells a past session keeps it a prior: %s', (text) => {
    const r = lone(text);
    expect(facts(r, 'requested_procedure').map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
    expect(facts(r, 'prior_procedure').map((f) => f.attributes.procedure)).toEqual(['medial_branch_block']);
  });
  // Dev dz-01: "64494 ... Same, second level -- L4-5 bilat (L3 + L4 medial branches)" made the first block a second one.
  test.each([
    'PRIOR AUTHORIZATION REQUEST\nDiagnostic MBB #1\n64493 50 KX 1  single level -- L3-4 bilat (L2 + L3 medial branches)\n64494 50 KX 1  Same, second level -- L4-5 bilat (L3 + L4 medial branches)',
    'PRIOR AUTHORIZATION REQUEST\nProcedure: bilateral L4-5, L5-S1 medial branch blocks, second level billed with 64494',
    'PRIOR AUTHORIZATION REQUEST\nFirst diagnostic medial branch block: 64493 L4-5 bilateral; 64494 2nd level L5-S1 bilateral medial branches',
    'PRIOR AUTHORIZATION REQUEST\nProcedure: L4-5 and L5-S1 medial branch blocks, right (second joint level L5-S1)',
    'PRIOR AUTHORIZATION REQUEST\nCPT 64494 - medial branch block, second and additional levels, L5-S1 left',
  ])('a code description\'s "second level" counts levels, not sessions: %s', (text) => {
    const req = facts(lone(text), 'requested_procedure').filter((f) => f.attributes.procedure === 'medial_branch_block');
    expect(req.length).toBeGreaterThan(0);
    expect(req.map((f) => f.attributes.sequence ?? null)).not.toContain(2);
  });
  test('a second block told as such still is one ("confirmatory (second) MBB")', () => {
    const req = facts(lone('PRIOR AUTHORIZATION REQUEST\nProcedure: confirmatory (second) diagnostic medial branch block, bilateral L4-5 and L5-S1'), 'requested_procedure');
    expect(req.map((f) => f.attributes.sequence)).toEqual([2]);
  });
  test('a note that is no form keeps reading a "Procedure:" field as done', () => {
    const r = lone('PROCEDURE NOTE\nDate: 10/02/2026\nProcedure: Right L5-S1 transforaminal epidural steroid injection.\nTolerated well.');
    expect(facts(r, 'requested_procedure')).toEqual([]);
    expect(facts(r, 'prior_procedure').map((f) => f.attributes.procedure)).toEqual(['transforaminal_esi']);
  });
});

describe('a stated request takes levels and side from the lines that bill it', () => {
  const form = 'ACME HEALTH PLAN\nPRIOR AUTHORIZATION REQUEST\nCPT    MOD  UNITS  DESCRIPTION\n64493  50   1      lumbar L4-L5\n64494  50   1      each add\'l level L5-S1\nSignature: on file';
  test.each([
    'Plan: proceed with medial branch blocks.',
    'We are requesting diagnostic medial branch blocks.',
    'Recommend MBB to confirm facet-mediated pain.',
    'She would like to go ahead with the medial branch block.',
    'Request: medial branch blocks under fluoroscopy.',
  ])('%s', (plan) => {
    const note = `VALLEY PAIN - PROGRESS NOTE\nDate of service: 10/01/2026\nHPI: axial low back pain for 2 years.\n${plan}`;
    const r = reviewSource(textSource(`${form}\f${note}`, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => [f.attributes.procedure, f.attributes.levels, f.attributes.side])).toEqual([['medial_branch_block', ['L4-L5', 'L5-S1'], 'bilateral']]);
  });
});

describe('a visit now after a procedure done, and a letter of medical necessity', () => {
  const facts = (text: string, type: string) => reviewSource(textSource(text, 'note.txt')).facts.filter((f) => f.type === type && f.assertion === 'present');
  test.each([
    'Mr. H returns six weeks after his caudal epidural steroid injection of 01/08/2026. He had about 90% relief that lasted roughly five weeks.',
    'She returns 3 weeks after her right L5-S1 TFESI on 02/02/2026 with 70% relief lasting about 5 weeks so far.',
    'Patient returns today 2 months after his interlaminar ESI (11/04/2025); 60% relief for 6 weeks.',
    'He returns four weeks after the caudal ESI done 01/08/2026 and reports 50% relief for about 3 weeks.',
    'Ms. K returns 10 weeks after her L4-5 transforaminal injection of 12/01/2025, 80% better for 8 weeks.',
  ])('%s', (text) => {
    const prior = facts(`PROGRESS NOTE\nDate of service: 03/01/2026\n${text}`, 'prior_procedure');
    expect(prior.some((f) => typeof f.attributes.reliefPercent === 'number' && typeof f.attributes.reliefDurationHours === 'number')).toBe(true);
  });
  test('"Return 2 weeks after the injection" in a plan is still a visit to come', () => {
    expect(facts('PROGRESS NOTE\nDate of service: 03/01/2026\nPlan: right L5 TFESI. Return 2 weeks after the injection.', 'prior_procedure')).toEqual([]);
  });
  test.each([
    'Re: J. Doe - Letter of medical necessity for right L4-5 and L5-S1 radiofrequency ablation',
    'This letter documents the medical necessity of bilateral L4-5 and L5-S1 radiofrequency ablation.',
    'LMN for right L4-5 and L5-S1 radiofrequency ablation',
    'I am writing to support the medical necessity for a left L4-5 and L5-S1 radiofrequency ablation.',
    'Subject: medical necessity of lumbar radiofrequency ablation, right L4-5 and L5-S1',
  ])('%s', (line) => {
    const text = `SONORAN SPINE - LETTER\n${line}\n\nHe had two diagnostic medial branch blocks with 90% and 85% relief.`;
    expect(facts(text, 'requested_procedure').map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
    expect(facts(text, 'prior_procedure').map((f) => f.attributes.procedure)).not.toContain('radiofrequency_ablation');
  });
});

describe('a follow-up after a session dated beside it reports on that session', () => {
  test.each([
    'Follow-up 6 weeks after bilateral L4-5, L5-S1 RF neurotomy #2 (08/20/2024). VAS 6/10 today; VAS was 7/10 before the procedure.',
    'F/u 6 weeks after RFA of 08/20/2024: pain 6/10, down from 7/10 before.',
    'Seen for follow-up 6 weeks after the radiofrequency ablation on August 20, 2024; VAS 6/10 vs 7/10 pre-procedure.',
    'Recheck 6 wks after right L4-5, L5-S1 RFA done 08/20/2024. Pain 6/10 compared with 7/10 before the procedure.',
    'Re-evaluation six weeks after his radiofrequency ablation (08/20/2024): 6/10, was 7/10 before.',
  ])('%s', (text) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 10/01/2024\n${text}`, 'note.txt'));
    const prior = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && f.attributes.procedure === 'radiofrequency_ablation');
    expect(prior.map((f) => [f.attributes.date, f.attributes.reliefPercent])).toEqual([['2024-08-20', 14.3]]);
  });
});

describe('lone forms: fields, cues and code lines', () => {
  const read = (text: string) => reviewSource(textSource(text, 'form.txt')).facts;
  const requests = (text: string) => read(text).filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
  test.each([
    'Need auth for: 2nd (confirmatory) lumbar MBB, left L4-5 & L5-S1',
    'Auth request: left L4-5, L5-S1 medial branch blocks',
    'Requesting auth for left L4-5 and L5-S1 MBB',
    'Pending auth: MBB left L4-5, L5-S1',
    'Auth for left L4-L5, L5-S1 medial branch block please',
  ])('a shorthand "auth" asks for the service: %s', (line) => {
    const r = requests(`Riverbend Pain Clinic\nPt: E. N.   DOB 02/17/1979\n${line}\nFluoro.\n1st MBB left L4-5, L5-S1 on 09/14/2026 -> 85% relief x 5 hrs.`);
    expect(r.map((f) => [f.attributes.procedure, f.attributes.side])).toEqual([['medial_branch_block', 'left']]);
  });
  test.each([
    ['Proposed DOS: 12/08/2026'],
    ['DOS requested 10/27/2026'],
    ['Requested date of service: 01/15/2027'],
    ['Planned DOS: 03/01/2027'],
    ['Anticipated date of service 3/3/27'],
  ])('a title-less sheet with a request form\'s field (%s) is a form: its code line asks', (field) => {
    const r = requests(`DESERT SAGE SPINE CENTER\nTo: Health Plan UM   Fax 602-555-0138\n64493-LT   Lumbar facet joint injection, intra-articular, L5-S1\n${field}\nIndication: left L5-S1 facet synovial cyst.`);
    expect(r.map((f) => [f.attributes.procedure, f.attributes.levels, f.attributes.side])).toEqual([['facet_injection', ['L5-S1'], 'left']]);
  });
  test.each([
    ['Lumbar facet joint injection, intra-articular, L5-S1', 'facet_injection'],
    ['IA facet inj L5-S1', 'facet_injection'],
    ['Inj paravertebral facet jt nerve L5-S1', 'medial_branch_block'],
    ['Facet jt inj/MBB w/ imaging L5-S1', 'medial_branch_block'],
    ['L5-S1', 'medial_branch_block'],
  ])('the description column chooses what 64493 asks for: %s', (description, procedure) => {
    const r = requests(`PRIOR AUTHORIZATION REQUEST\nCPT    MOD  DESCRIPTION\n64493  LT   ${description}\nRequested DOS: 01/10/2027`);
    expect(r.map((f) => f.attributes.procedure)).toEqual([procedure]);
  });
  test('a description column wrapped onto the lines below gives the levels (dev writer 8A)', () => {
    const r = requests([
      'HOSPITAL OUTPATIENT DEPARTMENT (OPD) PRIOR AUTHORIZATION REQUEST',
      'Anticipated date of service:   04/14/2027',
      'Requested services',
      ' Line  HCPCS/CPT  Mod       Units  Description',
      ' 1     64493      50, KX    1      Inj paravertebral facet joint or nerves',
      '                                   innervating that joint w/ imaging guidance',
      '                                   - site: L4-L5',
      ' 2     64494      50, KX    1      Same, second level',
      '                                   - site: L5-S1',
      '',
      'Guidance: Fluoroscopy          Anesthesia: Local only',
    ].join('\n'));
    expect(r.map((f) => [f.attributes.procedure, f.attributes.levels, f.attributes.side])).toEqual([['medial_branch_block', ['L4-L5', 'L5-S1'], 'bilateral']]);
  });
  test.each([
    ['Imaging: fluoroscopic', 'fluoroscopy'],
    ['Imaging: CT', 'ct'],
    ['Imaging guidance: fluoro', 'fluoroscopy'],
    ['Guidance: CT guided', 'ct'],
    ['Imaging: ultrasound.', 'ultrasound'],
  ])('%s is the guidance field', (field, guidance) => {
    const r = requests(`PRIOR AUTHORIZATION REQUEST\nProcedure: left L5-S1 transforaminal ESI\n${field}\nRequested DOS: 01/10/2027`);
    expect(r.map((f) => f.attributes.guidance)).toEqual([guidance]);
  });
  test('"Imaging: CT lumbar spine 1/2023 - facet arthropathy" is a study, no guidance', () => {
    const r = requests('PRIOR AUTHORIZATION REQUEST\nProcedure: left L5-S1 transforaminal ESI\nImaging: CT lumbar spine 1/2023 - facet arthropathy\nRequested DOS: 01/10/2027');
    expect(r.map((f) => f.attributes.guidance)).toEqual([undefined]);
  });
  test.each([
    ['Laterality: [ ] Left  [X] Right  [ ] Bilateral', 'right'],
    ['Side: [ ] Right [x] Left', 'left'],
    ['Laterality: [ ] L [ ] R [X] Bilateral', 'bilateral'],
    ['Side: Left', 'left'],
    ['Laterality: [X] Right', 'right'],
  ])('the checked side: %s', (field, side) => {
    const r = requests(`PRIOR AUTHORIZATION REQUEST\nProcedure: L5-S1 transforaminal ESI\n${field}\nRequested DOS: 01/10/2027`);
    expect(r.map((f) => f.attributes.side)).toEqual([side]);
  });
  test.each([
    'TFESI not indicated.',
    'Intra-articular facet injections not requested (no synovial cyst).',
    'Not a candidate for an interlaminar ESI given prior laminectomy.',
    'Pt asked about an SI joint injection - exam negative for SIJ, not pursuing.',
    'Medial branch blocks / RFA not appropriate while the cyst is symptomatic.',
  ])('ruled out, neither asked for nor done: %s', (line) => {
    const f = read(`PRIOR AUTHORIZATION REQUEST\nProcedure: right L4-5 radiofrequency ablation\nRequested DOS: 01/10/2027\nHistory: right L4-5 MBB 11/02/2026 90% relief; repeat 11/23/2026 85% relief.\n${line}`);
    const named = f.filter((x) => (x.type === 'requested_procedure' || x.type === 'prior_procedure') && x.assertion === 'present').map((x) => x.attributes.procedure);
    expect(named.filter((p) => !['radiofrequency_ablation', 'medial_branch_block'].includes(String(p)))).toEqual([]);
    expect(f.filter((x) => x.type === 'requested_procedure' && x.assertion === 'present').map((x) => x.attributes.procedure)).toEqual(['radiofrequency_ablation']);
  });
  test('a request beside a ruled-out procedure stands', () => {
    const r = requests('PROGRESS NOTE\nDate of service: 12/01/2026\nWe are requesting right L4-5 radiofrequency ablation; a third MBB is not indicated.');
    expect(r.map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
  });
});

describe('a prior ESI\'s sustained response, told many ways, reaches ESI-R1', () => {
  const esiR1 = (line: string) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 04/01/2026\nHPI: 52F with right L5 radicular pain to the foot. ${line}\nPlan: repeat right L5-S1 TFESI.`, 'note.txt'));
    const gov = r.reviews.find((v) => (v as { governing?: boolean }).governing) as { criteria: { id: string; status: string }[] };
    return gov.criteria.find((c) => c.id === 'ESI-R1')?.status;
  };
  test.each([
    'She is s/p right L5-S1 TFESI on 10/03/2025 with 80% improvement x 3 months.',
    'Last ESI (09/2025) gave her about 6 months of 70% relief.',
    'Status post right L5-S1 TFESI 10/14/2025: 75% reduction in radicular pain sustained through January.',
    'The epidural on 10/14/2025 helped about 60% and the benefit lasted approximately 14 weeks.',
    'Excellent response to prior TFESI 10/2025 (>50% relief for >3 months).',
    'Prior TFESI 10/14/25 - relief: 70% x 12 wks.',
    'After her October 2025 TFESI she was pain free until mid-February.',
    'Her right L5-S1 TFESI of 10/14/2025 reduced her leg pain by two-thirds for roughly 16 weeks.',
  ])('%s', (line) => {
    expect(esiR1(line)).toBe('met');
  });
  test.each([
    'Last ESI (09/2025) gave her about 3 weeks of 70% relief.',
    'Status post right L5-S1 TFESI 10/14/2025: 75% reduction in radicular pain sustained through October.',
    'Prior TFESI 10/14/25 - relief: 30% x 12 wks.',
  ])('too short or too little: %s', (line) => {
    expect(esiR1(line)).toBe('not_met');
  });
});

describe('read from writer I\'s dev packets', () => {
  const facts = (text: string) => reviewSource(textSource(text, 'p.txt')).facts;
  test.each([
    'FROM: Maribel Soto, RFA coordinator',
    'DWC Form RFA with PR-2 (02/16/2026) and MRI report attached.',
    'Please route to the RFA department.',
    'RFA and PR-2 enclosed for review.',
    'Questions: call the RFA desk at ext 22.',
  ])('a California Request for Authorization is no ablation: %s', (line) => {
    const f = facts(`FAX COVER SHEET\n${line}\fPROGRESS NOTE\nDate of service: 02/16/2026\nPlan: left L4-5 interlaminar ESI.`);
    expect(f.filter((x) => x.type === 'requested_procedure' && x.assertion === 'present').map((x) => x.attributes.procedure)).toEqual(['interlaminar_esi']);
  });
  test('"the RFA for her facet pain" is still an ablation', () => {
    const f = facts('PROGRESS NOTE\nDate of service: 02/16/2026\nPlan: we will schedule the RFA for her facet pain at bilateral L4-5 and L5-S1.');
    expect(f.filter((x) => x.type === 'requested_procedure' && x.assertion === 'present').map((x) => x.attributes.procedure)).toEqual(['radiofrequency_ablation']);
  });
  test.each([
    'Previous ESI in last 12 months: [X] No  [ ] Yes',
    'Prior epidural injection: [x] no [ ] yes',
    'Any previous ESI:  [ ] Yes  [X] No',
    'Epidural injections in the past year: ( ) yes (x) no',
    'Prior TFESI at this level: [X] NO   [ ] YES',
  ])('a yes/no field answered no states no prior: %s', (line) => {
    const f = facts(`PRIOR AUTHORIZATION REQUEST\n[X] Interlaminar ESI   [ ] Caudal ESI\nLevel: L5-S1   Side: left\n${line}\nRequested DOS: 04/28/2026`);
    expect(f.filter((x) => x.type === 'prior_procedure' && x.assertion === 'present')).toEqual([]);
  });
  test.each([
    'Sedation should be reserved for extreme anxiety.',
    'MAC is indicated only for severe claustrophobia or needle phobia.',
    'Sedation is not supported absent a documented anxiety disorder.',
    'Monitored anesthesia is limited to patients with movement disorders such as tremor.',
    'Per ODG, sedation is discouraged unless there is extreme anxiety.',
  ])('a guideline\'s condition for sedation is not the patient\'s reason: %s', (line) => {
    const f = facts(`NOTICE OF ADVERSE DETERMINATION\nThe request for bilateral L4-5 facet injections with monitored anesthesia care is non-certified. ${line}`);
    expect(f.filter((x) => x.type === 'sedation_reason' && x.assertion === 'present')).toEqual([]);
  });
});

describe('"the last injection": a session named without its procedure is the document\'s one injection procedure', () => {
  const priors = (text: string) => reviewSource(textSource(`PROGRESS NOTE\nDate of service: 04/01/2026\n${text}`, 'note.txt')).facts
    .filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => [f.attributes.procedure, f.attributes.reliefPercent ?? null]);
  test.each([
    ['The last injection gave her about 70% relief for 3 months. Plan: repeat right L5-S1 TFESI.', 'transforaminal_esi', 70],
    ['She got 3 good months out of the last injection in October (~70%). Plan: repeat left L4-5 interlaminar ESI.', 'interlaminar_esi', 70],
    ['Her most recent injection helped 60% for about 10 weeks. Will request another caudal epidural steroid injection.', 'caudal_esi', 60],
    ['The previous block gave 90% relief for 6 hours. Plan: confirmatory bilateral L4-5, L5-S1 medial branch blocks.', 'medial_branch_block', 90],
    ['Last shot helped about 50% for 4 months. Plan: repeat lumbar epidural steroid injection.', 'epidural_steroid_injection', 50],
  ])('%s', (text, procedure, relief) => {
    expect(priors(text)).toContainEqual([procedure, relief]);
  });
  // "since the injection": relief told from the session on, as follow-up notes put it.
  test.each([
    ['Seen 4 weeks after left L5-S1 TFESI. She is 70% better since the injection.', 'transforaminal_esi', 70],
    ['F/u after caudal ESI: leg pain down about 60% since the shot.', 'caudal_esi', 60],
    ['Right L4-5 interlaminar ESI 02/10/2026. Since her injection she reports 80% improvement in leg pain.', 'interlaminar_esi', 80],
    ['Bilateral L4-5 medial branch blocks last month. Since the block he has had 50% relief only.', 'medial_branch_block', 50],
    ['Post left L4-5 TFESI: since his injection, ~75% reduction in radicular pain.', 'transforaminal_esi', 75],
  ])('%s', (text, procedure, relief) => {
    expect(priors(text)).toContainEqual([procedure, relief]);
  });
  // A follow-up "after" a procedure is the visit written now outside a plan, a visit to come when the words say so.
  test.each([
    ['F/u after L4-5 ILESI: 50% better.', ['interlaminar_esi', 50]],
    ['Follow-up after caudal ESI: leg pain down about 60%.', ['caudal_esi', 60]],
    ['She will follow up 2 weeks after the caudal ESI.', null],
    ['We will see her back after the right L5-S1 TFESI.', null],
    ['Return to clinic 3 weeks after the MBB.', null],
  ])('%s', (text, prior) => {
    expect(priors(text)).toEqual(prior ? [prior] : []);
  });
  // "The first injection (07/15/2025) reduced his leg pain by 75% ...": the first session, told without its procedure.
  test.each([
    ['The first injection (07/15/2025) reduced his leg pain by 75% at two weeks. Request: repeat right L5-S1 TFESI.', 'transforaminal_esi', 75],
    ['Her initial injection gave 60% relief for 4 months; we request a second left L4-5 interlaminar ESI.', 'interlaminar_esi', 60],
    ['After the first injection he was 70% better for 14 weeks. Plan: repeat caudal epidural steroid injection.', 'caudal_esi', 70],
    ['The first injection helped about 80% for 3 months. Requesting repeat right L4-5 TFESI.', 'transforaminal_esi', 80],
    ['Initial injection 9/2025: 65% relief x 4 months. Plan: repeat L5-S1 interlaminar epidural steroid injection.', 'interlaminar_esi', 65],
  ])('%s', (text, procedure, relief) => {
    expect(priors(text)).toContainEqual([procedure, relief]);
  });
  // In a plan, the time after the procedure asked for is no session done.
  test.each([
    'Plan: bilateral L4-5 and L5-S1 radiofrequency ablation. After RFA: 6 PT visits to advance core program.',
    'Plan: right L4-5, L5-S1 RFA under fluoroscopy; following the RFA, resume home exercises.',
    'Plan: left L5-S1 TFESI. After the injection, reassess at 2 weeks with NRS and ODI.',
    'Plan: confirmatory bilateral L4-5 MBB, then after the blocks record a pain diary for 6 hours.',
    'Plan: caudal ESI requested. Post-injection: PT 2x/week for 4 weeks.',
  ])('%s', (text) => {
    expect(priors(text)).toEqual([]);
  });
  test('a dated session after "after" in a plan is still one done', () => {
    expect(priors('Plan: repeat right L4-5 TFESI; she did well after the TFESI on 06/10/2025 with 70% relief for 4 months.').map((p) => p[0])).toContain('transforaminal_esi');
  });
  // A cue speaks of what follows it ("then", "after"), and a cue after a later procedure is that one's.
  test.each([
    ['Plan: bilateral L4-5 MBB x2, then RFA if positive.', ['medial_branch_block']],
    ['Plan: right L4-5 MBB; RFA if positive.', ['medial_branch_block']],
    ['Plan: bilateral L4-5 MBB, then a pain diary for 6 hours.', ['medial_branch_block']],
    ['Plan: left L5-S1 TFESI, subsequently PT for 6 weeks.', ['transforaminal_esi']],
    ['Plan: confirmatory bilateral L4-5 MBB, then after the blocks record a pain diary.', ['medial_branch_block']],
  ])('%s', (text, requested) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 04/01/2026\n${text}`, 'note.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(requested);
  });
  // The medial branches an ablation names are its targets, no block.
  test.each([
    'Prior RFA 02/11/2025: bilateral L4-5 and L5-S1 (L3, L4 medial branches and L5 dorsal rami), 70% relief for 8 months.',
    'Radiofrequency neurotomy of the right L3 and L4 medial branches was done 3/2025 with 80% relief.',
    'She had the left L4 and L5 medial branches ablated in 2024, 60% better for 7 months.',
    'Right L3, L4 medial branch and L5 dorsal ramus denervation 05/2025: 75% relief x 9 months.',
    'RF lesioning of the bilateral L4/L5 medial branches on 1/14/2025 gave 80% relief for 10 months.',
  ])('%s', (text) => {
    expect(priors(text).map((p) => p[0])).not.toContain('medial_branch_block');
  });
  // "IA injection": an intra-articular (facet) injection.
  test.each([
    ['Therapeutic IA injection bilateral L4-5 on 08/19/2025 gave 75% relief for 4 months.', 75],
    ['Right L5-S1 IA injection 3/2025: 60% better for about 3 months.', 60],
    ['She had IA injections at L4-5 in 2024 with about 50% relief.', 50],
    ['Prior IA steroid injection at left L4-5 (06/2025) helped 70% for 14 weeks.', 70],
    ['The IA injection in May gave her 80% relief for 3 months.', 80],
  ])('%s', (text, relief) => {
    expect(priors(text)).toContainEqual(['facet_injection', relief]);
  });
  // A field with a dot leader answered none names no session.
  test.each([
    'Prior epidural injections ......... None',
    'Prior ESI in this region .... 0',
    'Previous facet injections … none',
    'Prior RFA this level ........ None',
    'Prior lumbar ESIs, past 12 months ..... no',
  ])('%s', (text) => {
    expect(priors(text)).toEqual([]);
  });
  // A session named by its date alone ("the 10/7 injection") is the document's one injection procedure on that date.
  test.each([
    ['Right L5-S1 TFESI 10/07/2025. Phone call: pt reports she is still about 60% better than before the 10/7 injection.', 'transforaminal_esi', 60],
    ['Left L4-5 interlaminar ESI done 11/12/2025. Seen today: the 11/12 injection gave her 70% relief.', 'interlaminar_esi', 70],
    ['Caudal epidural steroid injection 2025-09-02. She says the 2025-09-02 injection helped about 50%.', 'caudal_esi', 50],
    ['Bilateral L4-5 medial branch block 12/03/2025. Diary: her 12/3 block gave 90% relief for 6 hours.', 'medial_branch_block', 90],
    ['Right L4-5 TFESI on 1/14/2026. Reports the 1/14 shot is still working, about 80% better.', 'transforaminal_esi', 80],
  ])('%s', (text, procedure, relief) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 03/01/2026\n${text}`, 'note.txt'));
    const f = r.facts.filter((x) => x.type === 'prior_procedure' && x.attributes.reliefPercent === relief);
    expect(f.map((x) => x.attributes.procedure)).toContain(procedure);
  });
  test('in a phone note that names no procedure, the packet\'s session of that date', () => {
    const r = reviewSource(textSource('PROCEDURE NOTE\nDate: 10/07/2025\nProcedure: L4-5 interlaminar epidural steroid injection.\fTELEPHONE ENCOUNTER\nDate/time: 01/23/2026 10:15\nPt reports she is still about 60% better than before the 10/7 injection.', 'p.txt'));
    const c = r.case as Case;
    expect(c.procedures.find((e) => e.procedure === 'interlaminar_esi')?.reports.some((x) => x.reliefPercent === 60 && x.reliefDate === '2026-01-23')).toBe(true);
  });
  // In a plan, a session named as past ("the prior injection") is one done; "the first block" may be one asked for.
  test.each([
    ['Left S1 TFESI 10/21/2025.\nTREATMENT PLAN\nRequest repeat left S1 TFESI. The prior injection took his leg pain from 8/10 to about 3/10 for roughly 12 weeks.', 62.5],
    ['Right L5 TFESI in 09/2025.\nPlan: repeat right L5 transforaminal ESI; the last injection gave 70% relief for 4 months.', 70],
    ['Caudal ESI 08/2025.\nPLAN: repeat caudal epidural steroid injection - her previous injection helped about 60% for 14 weeks.', 60],
    ['Left L4-5 interlaminar ESI 07/2025.\nAssessment/Plan: repeat left L4-5 interlaminar ESI, most recent injection 75% better x 4 months.', 75],
    ['Right L5-S1 TFESI 06/2025.\nP: request repeat right L5-S1 transforaminal ESI since the last shot helped 80% for 5 months.', 80],
  ])('%s', (text, relief) => {
    expect(priors(text).map((p) => p[1])).toContain(relief);
  });
  test('"lidocaine for the first block" in a plan is no session done', () => {
    expect(priors('Plan: diagnostic right L3-4 and L4-5 medial branch blocks under fluoroscopy, no sedation: lidocaine for the first block, bupivacaine for the second.')).toEqual([]);
  });
  test('a document that names two kinds of injection leaves "the last injection" unplaced', () => {
    expect(priors('The last injection gave 70% relief. Plan: right L5-S1 TFESI; an MBB was also discussed.').map((p) => p[0])).not.toContain('transforaminal_esi');
  });
});

describe('a course of care from a date to the present', () => {
  test.each([
    ['She has taken naproxen 1/2026 - present without relief.', 'nsaid', 12],
    ['Home exercise program 11/2025 to date, ongoing.', 'home_exercise', 21],
    ['Meloxicam 15 mg daily 01/05/2026 - now, minimal help.', 'nsaid', 12],
    ['Chiropractic 2/1/26 - present, no lasting change.', 'chiropractic', 8],
    ['Gabapentin 300 mg TID 12/2025 - current; no benefit.', 'medication', 17],
  ])('%s', (line, modality, weeks) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 04/01/2026\nHPI: low back pain. ${line}`, 'note.txt'));
    const care = r.facts.filter((f) => f.type === 'conservative_care' && f.attributes.modality === modality);
    expect(care.map((f) => Math.round(Number(f.attributes.durationWeeks)))).toContain(weeks);
  });
});

describe('pain since last season, and an onset told before a long description of the pain', () => {
  const months = (hpi: string) => reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/20/2026\nHPI: ${hpi}`, 'note.txt')).facts
    .filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months);
  test.each([
    ['Since last spring he has had a new band of aching low back pain, both sides.', 10.6],
    ['Back pain since last fall.', 4.6],
    ['Low back pain since last summer, worse with standing.', 7.6],
    ['She has had back pain since last winter.', 13.6],
    ['Since the fall of 2024 she has noticed a deep aching pain in the low back.', 16.6],
    ['Since early 2025 the patient has experienced intermittent axial low back pain.', 11.6],
  ])('%s', (hpi, m) => {
    expect(months(hpi)).toEqual([m]);
  });
});

describe('read from writer J\'s cases: pain duration and a code descriptor\'s "without"', () => {
  const facts = (hpi: string) => reviewSource(textSource(`PROGRESS NOTE\nDate of service: 02/09/2026\nHPI: ${hpi}`, 'note.txt')).facts;
  test.each([
    ['He has had intermittent low back trouble for roughly twelve years.', 144],
    ['He has had back problems for about 12 years.', 144],
    ['Since the spring of 2024 the pain has been constant.', 23.3],
    ['Leg pain since the summer of 2025.', 8.3],
    ['Back pain since late fall 2025.', 3.3],
  ])('%s', (hpi, months) => {
    expect(facts(hpi).filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months)).toEqual([months]);
  });
  test.each([
    'ASSESSMENT: Lumbar spondylosis without radiculopathy, clinically facet-mediated axial low back pain at L4-5 and L5-S1.',
    'Impression: spondylosis w/o myelopathy or radiculopathy, predominantly axial low back pain.',
    'Dx: lumbar spondylosis without myelopathy, likely facet-mediated axial back pain.',
  ])('a diagnosis named with its descriptor ends the "without": %s', (line) => {
    expect(facts(line).filter((f) => f.type === 'axial_pain').map((f) => f.assertion)).toContain('present');
  });
  test('a list after "without" stays negated', () => {
    expect(facts('Low back pain without numbness, tingling or weakness.').filter((f) => f.type === 'radicular_pain').map((f) => f.assertion)).not.toContain('present');
  });
});

describe('a first diagnostic block named without its target, and an ablation "being considered"', () => {
  const review = (text: string) => reviewSource(textSource(text, 'note.txt'));
  test.each([
    '- First diagnostic block, right L4-5 and L5-S1 with 1% lidocaine, done on 02/17/2026: 80% relief for about 90 minutes.',
    'The first block (right L4-5, L5-S1) on 02/17/2026 gave 85% relief for 2 hours.',
    'Initial diagnostic block 02/17/2026 right L4-5/L5-S1: 90% relief x 3 hours.',
    'Her initial block on 02/17/2026 gave 80% relief for the duration of the anesthetic.',
    'First diagnostic injection on 02/17/2026 (right L4-5, L5-S1): 100% relief for 3 hours.',
  ])('%s', (line) => {
    const r = review(`PROGRESS NOTE\nDate of service: 03/24/2026\n${line}\nPlan: confirmatory right L4-5 and L5-S1 medial branch block.`);
    const prior = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present');
    expect(prior.map((f) => [f.attributes.procedure, f.attributes.date])).toContainEqual(['medial_branch_block', '2026-02-17']);
  });
  test.each([
    '[X] Radiofrequency neurotomy is being considered',
    'RFA will be considered if both blocks are positive.',
    'Radiofrequency ablation is under consideration.',
    'RFA would be considered after two positive blocks.',
    'Lumbar RF neurotomy is a consideration down the road.',
  ])('the ablation is a conditional next step: %s', (line) => {
    const r = review(`PRIOR AUTHORIZATION REQUEST\nProcedure: confirmatory right L4-5 and L5-S1 medial branch block\nRequested DOS: 04/01/2026\n${line}`);
    const rfa = r.facts.filter((f) => f.type === 'requested_procedure' && f.attributes.procedure === 'radiofrequency_ablation');
    expect(rfa.every((f) => f.assertion === 'hypothetical')).toBe(true);
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['medial_branch_block']);
  });
});

describe('a date told as a report\'s dates the report, not a session', () => {
  test.each([
    'The 01/12/2026 report notes that the physician requests a repeat left L5-S1 interlaminar ESI.',
    'The 01/12/2026 progress report requests a repeat left L5-S1 interlaminar ESI.',
    'Per the 01/12/2026 office note, Dr. Lee requests a repeat left L5-S1 interlaminar ESI.',
    'The 01/12/2026 PR-2 requests a repeat left L5-S1 interlaminar ESI under fluoroscopy.',
    'At the 01/12/2026 follow-up visit a repeat left L5-S1 interlaminar ESI was requested.',
  ])('%s', (line) => {
    const r = reviewSource(textSource(`UTILIZATION REVIEW SUMMARY\nDate: 01/27/2026\nThe left L5-S1 interlaminar ESI of 08/19/2025 gave about 40% relief for three weeks. ${line}`, 'note.txt'));
    const prior = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present');
    expect(prior.map((f) => f.attributes.date)).not.toContain('2026-01-12');
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['interlaminar_esi']);
  });
});

describe('no injections of any kind', () => {
  test.each([
    'He has never had a spine injection of any kind.',
    'She denies any injections in the past.',
    'No injections of any kind to date.',
    'Has not had any spinal injections.',
    'He has had no previous injections.',
  ])('%s', (line) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 02/09/2026\nHPI: axial low back pain. ${line}`, 'note.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure').map((f) => [f.assertion, f.attributes.procedure ?? null])).toContainEqual(['absent', null]);
  });
});

describe('the intent told right after the procedure', () => {
  test.each([
    ['Plan: right L4-5 and L5-S1 intra-articular facet joint injections, therapeutic, under fluoroscopy.', 'therapeutic'],
    ['Request: bilateral L4-5 facet joint injection (therapeutic) with fluoroscopy.', 'therapeutic'],
    ['Plan: right L4-5 and L5-S1 medial branch blocks, diagnostic, no sedation.', 'diagnostic'],
    ['Request: left L5-S1 intra-articular facet injection, diagnostic, under CT.', 'diagnostic'],
    ['Plan: bilateral L3-4 facet joint injections (therapeutic), local only.', 'therapeutic'],
  ])('%s', (line, intent) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 02/09/2026\nHPI: axial low back pain for 2 years.\n${line}`, 'note.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.intent)).toEqual([intent]);
  });
});

describe('an intent no word tells: the procedure kind\'s own (lexicons/terms/procedures.json attrs.intent)', () => {
  test.each([
    ['S/p R L5-S1 TFESI 06/2025 with ~70% relief x 4 months.', 'transforaminal_esi', 'therapeutic'],
    ['She had a caudal epidural steroid injection on 09/09/2025; leg pain 8/10 before, 2/10 after.', 'caudal_esi', 'therapeutic'],
    ['Interlaminar ESI at L4-5 in March 2025 helped about half for six weeks.', 'interlaminar_esi', 'therapeutic'],
    ['Prior lumbar epidural injection 05/2025 gave 60 percent relief.', 'epidural_steroid_injection', 'therapeutic'],
    ['He underwent a left L4-5 transforaminal injection on 04/02/2025 with 80% relief of the leg pain.', 'transforaminal_esi', 'therapeutic'],
    ['Bilateral L4-5 and L5-S1 medial branch blocks on 12/16/2025: 7/10 before, 1/10 after.', 'medial_branch_block', 'diagnostic'],
    ['Diagnostic right L5-S1 transforaminal ESI 05/01/2025: leg pain gone for 6 hours.', 'transforaminal_esi', 'diagnostic'],
  ])('%s', (line, procedure, intent) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 02/09/2026\nHPI: low back and leg pain for 2 years. ${line}\nPlan: follow up.`, 'note.txt'));
    const prior = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && f.attributes.procedure === procedure);
    expect(prior.length).toBeGreaterThan(0);
    for (const f of prior) expect(f.attributes.intent).toBe(intent);
  });
});

describe('an EHR export\'s dot leaders and check-box rows (dev writer 9A)', () => {
  const review = (body: string) => reviewSource(textSource(`PRIOR AUTH PACKET\nEncounter: 12/30/2025  Office visit\n${body}\nPlan: bilateral L4-5 and L5-S1 medial branch blocks under fluoroscopy.\n`, 'packet.txt'));
  const care = (body: string) => review(body).facts.filter((f) => f.type === 'conservative_care').map((f) => [f.attributes.modality, f.assertion]);
  test.each([
    [' Acupuncture ................... [ ] Tried  [X] Not tried', 'acupuncture'],
    [' TENS .......................... [ ] Tried  [X] Not tried', 'tens'],
    [' Chiropractic: [X] Not tried  [ ] Tried', 'chiropractic'],
    [' Massage therapy ..... not tried', 'massage'],
    [' Acupuncture (x) not tried', 'acupuncture'],
  ])('a checked "not tried" answers its row: %s', (row, modality) => {
    expect(care(row)).toContainEqual([modality, 'absent']);
  });
  test('a checked "tried" row stays tried', () => {
    expect(care(' Physical therapy .............. [X] Tried  [ ] Not tried   06/2025-07/2025, 8 weeks')).toContainEqual(['physical_therapy', 'present']);
  });
  test('another field\'s "none" on the line does not reach back ("Guidance: [X] Fluoroscopy ... Sedation: [X] None")', () => {
    const r = reviewSource(textSource('PA FORM 01/10/2026\nRequested service: caudal epidural steroid injection, lumbar\n Guidance: [X] Fluoroscopy  [ ] CT  [ ] Ultrasound   Sedation: [X] None\n', 'pa.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => [f.attributes.guidance, f.attributes.sedation])).toEqual([['fluoroscopy', 'none']]);
  });
  test.each([
    [' Prior epidural injections:          None'],
    [' Prior epidural injections ......... None'],
    [' Prior ESI - none'],
  ])('a list\'s "label: none" with a wide gap names no session: %s', (row) => {
    const r = review(row);
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
  });
});

describe('a care table row led by its modality owns its cells, a wrapped one too (dev writer 9A)', () => {
  const care = (rows: string) => reviewSource(textSource(`OFFICE VISIT\nDate of service: 12/30/2025\nCC: chronic axial low back pain since 2022.\n CONSERVATIVE CARE                 Tried?          Dates / duration   Result\n${rows}\nPlan: bilateral L4-5 medial branch blocks.\n`, 'n.txt'))
    .facts.filter((f) => f.type === 'conservative_care' && f.assertion === 'present').map((f) => [f.attributes.modality, f.attributes.durationWeeks ?? null]);
  test.each([
    ['   Physical therapy .............. [X] Tried       06/2025-07/2025,   unhelpful\n                                                   8 weeks', 'physical_therapy', 8],
    ['   Physical therapy .............. [X] Tried       8 weeks            unhelpful', 'physical_therapy', 8],
    ['   Chiropractic .................. [X] Tried       12 weeks           some help', 'chiropractic', 12],
    ['   Physical therapy     [X] Tried     spring 2025, 6 weeks     no change', 'physical_therapy', 6],
    ['   Home exercise program ......... [X] Tried       3 months           ongoing', 'home_exercise', 12],
  ])('%s', (rows, modality, weeks) => {
    expect(care(rows)).toContainEqual([modality, weeks]);
  });
  test('a span after another modality on the row is that one\'s', () => {
    expect(care('   Massage [X] Tried   and acupuncture 6 weeks')).not.toContainEqual(['massage', 6]);
  });
});

describe('an EHR export\'s encounter line dates the note, and its onset field the complaint (dev writer 9A)', () => {
  test.each([
    ' Encounter: 12/30/2025  Office visit - follow-up after dx MBB #2',
    ' Encounter date: 12/30/2025',
  ])('%s', (line) => {
    const r = reviewSource(textSource(`EHR EXPORT\n${line}\n Chief complaint ............... Chronic low back pain, bilateral, axial\n Onset ......................... 2022 (gradual; no injury)\n`, 'n.txt'));
    expect((r.case.noteDate as { value: string | null }).value).toBe('2025-12-30');
    expect(r.facts.filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months)).toEqual([48]); // a year alone counts from its start, approximately
  });
});

describe('a procedure note\'s "PROC:" field names the procedure performed, and its scores its relief (dev writer 9A)', () => {
  test.each([
    ['PROC: Dx MBB #1 - b/l L4 MB + L5 DR (L5-S1 facets b/l)', 'Pain (NRS):  pre 7/10  -> 30 min post 1/10 (standing, ext/rot)', 85.7],
    ['Proc: diagnostic medial branch block, left L4-5 and L5-S1', 'Pre-procedure pain 8/10. Post-procedure pain 2/10.', 75],
    ['PROC: right L4-5 medial branch blocks', 'NRS pre 6/10, 30 minutes post 1/10', 83.3],
    ['PROC: bilateral L3-4, L4-5 MBB', 'Pre 9/10 -> post 2/10', 77.8],
    ['Proc.: Dx MBB #2 bilateral L5-S1', 'Pain: pre 8/10 -> at 15 min post 0/10', 100],
  ])('%s / %s', (proc, scores, percent) => {
    const r = reviewSource(textSource(`PAIN CLINIC - PROCEDURE NOTE\nPt: Doe, Jane  DOB 01/02/1960\nDOS: 01/27/2026   Provider: A. Smith, DO\n\n${proc}\nSEDATION: none.\nGUIDANCE: fluoro\n\n${scores}\n`, 'proc.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'medial_branch_block').map((f) => f.attributes.reliefPercent)).toContain(percent);
  });
});

describe('a procedure note\'s own reading of its pain log is the relief (dev writer 9B)', () => {
  test.each([
    ['Interpretation: 85.7% relief of index pain, duration consistent with bupivacaine.', 85.7],
    ['INTERPRETATION: positive block, 90% relief of the index pain.', 90],
    ['Result: 80% relief at 30 minutes with provocative maneuvers.', 80],
    ['Response: 100% relief of index pain for about 2 hours.', 100],
    ['Interpretation: 75% relief; duration consistent with lidocaine.', 75],
  ])('%s', (line, percent) => {
    const text = `SPINE CENTER - PROCEDURE REPORT\nPatient: Doe, Jane    DOS 10/28/2025\n\nPROCEDURE: Diagnostic medial branch block #2, bilateral L3 and L4 medial branches and L5 dorsal rami, under fluoroscopy.\nAnesthesia: local only.\nPre-procedure VAS (index low back pain): 7/10.\n\nPOST-PROCEDURE PAIN LOG\n 15 min ...... 2/10\n 30 min ...... 1/10\n 2 h ......... 1/10\n 8 h ......... 6/10\n\n${line}\n`;
    const r = reviewSource(textSource(text, 'proc.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'medial_branch_block').map((f) => f.attributes.reliefPercent)).toEqual([percent]);
  });
});

describe('a denied request\'s sedation yields to the standing request\'s (dev writer 9B)', () => {
  test.each([
    ['local anesthesia only', 'local'],
    ['no sedation', 'none'],
    ['under moderate sedation for her documented anxiety', 'moderate'],
  ])('resubmitted with %s', (how, sedation) => {
    const text = `NOTICE OF UTILIZATION REVIEW DETERMINATION       Date: 11/24/2025\nRequest 1: Bilateral L4-5 and L5-S1 radiofrequency neurotomy under general anesthesia.\nDETERMINATION: NON-CERTIFIED.\n\fPROGRESS REPORT\nDate of service: 12/09/2025\nTREATMENT PLAN\nRFA resubmitted: bilateral L4-5 and L5-S1 radiofrequency neurotomy, fluoroscopic guidance, ${how}.\n`;
    const r = reviewSource(textSource(text, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.sedation)).toEqual([sedation]);
  });
});

describe('a pain duration told in a dated log entry is as of that entry (dev writer 9C)', () => {
  test.each([
    ['12/15/2025  Initial exam. C/C low back pain with R leg pain to foot x 10\ndays after pushing filing cabinet. Pain 8/10.'],
    ['12/15/2025 - new pt. LBP and right leg pain for 10 days.'],
    ['12/15/25  Initial visit: right sciatica x 1.5 wks.'],
    ['12/15/2025  Eval. Low back and leg pain, onset 10 days ago.'],
    ['12/15/2025  S: R leg pain x 2 weeks, worse sitting.'],
  ])('%s', (entry) => {
    const text = `PAIN CLINIC - CONSULTATION\nDate of service: 02/10/2026\nHPI: right leg pain. Plan: right L5 transforaminal ESI under fluoroscopy.\n\fRED RIVER CHIROPRACTIC - PROGRESS NOTES\nPatient: Jane Doe\n\n${entry}\n01/14/2026  Visit 10. Leg pain 7/10.\n`;
    const c = reviewSource(textSource(text, 'packet.txt')).case as Case;
    expect(c.painDurationMonths.value).toBeGreaterThanOrEqual(1.9);
  });
});

describe('relief told in recovery is immediate; "no real change" at a follow-up is none (dev writer 9C)', () => {
  test.each([
    ['s/p R L4/5 TFESI 12/02/25 - in recovery "about half better", by 2 wk f/u no real change.'],
    ['Right L4-5 TFESI on 12/02/2025: in the recovery room 50% better; at 2 weeks no meaningful change.'],
    ['R L4-5 TFESI 12/02/2025. In PACU she felt about half better. At her 2-week follow-up, no significant change in the leg pain.'],
    ['Right L4-5 transforaminal ESI 12/02/2025 - before discharge 50% relief; by 2 wks no real change.'],
    ['TFESI right L4-5 on 12/02/2025; at discharge about half better, at the 2 week visit no appreciable change.'],
  ])('%s', (line) => {
    const r = reviewSource(textSource(`FOLLOW-UP NOTE\nDate of service: 02/25/2026\nHPI: right leg pain. ${line}\nPlan: repeat right L4-5 TFESI under fluoroscopy.\n`, 'n.txt'));
    const c = r.case as Case;
    const esi = c.procedures.find((e) => e.procedure === 'transforaminal_esi')!;
    expect(esi.reports.filter((x) => x.reliefPercent === 50).every((x) => x.immediate === true)).toBe(true);
    expect(esi.reports.some((x) => x.reliefPercent === 0)).toBe(true);
    expect(r.flags.map((f) => f.code)).toContain('REPEAT_ESI_WITHOUT_RESPONSE');
  });
  test.each([
    ['she did 10 weeks of physical therapy with no real change.'],
    ['no real change in his medications.'],
  ])('no session\'s relief: %s', (line) => {
    const r = reviewSource(textSource(`FOLLOW-UP NOTE\nDate of service: 02/25/2026\nHPI: low back pain. Bilateral L4-5 MBB 01/10/2026 with 90% relief for 6 hours.\n${line}\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.attributes.reliefPercent === 0)).toEqual([]);
  });
});

describe('a letter\'s subject line names what it asks for (dev writer 9B)', () => {
  test.each([
    ['Re: Gerald Szymanski, DOB 07/30/1969 - Letter of Medical Necessity,\n    right L4-5 and L5-S1 radiofrequency ablation'],
    ['RE: Request for right L4-5 and L5-S1 radiofrequency ablation'],
    ['Subject: right L4-5 and L5-S1 radiofrequency ablation - medical necessity'],
    ['Regarding: right L4-5 and L5-S1 radiofrequency ablation for G. Szymanski'],
    ['Re: G. Szymanski (DOB 07/30/1969)\n    Right L4-5 and L5-S1 radiofrequency ablation'],
  ])('%s', (subject) => {
    const r = reviewSource(textSource(`January 20, 2026\n\nHarborline Benefit Administrators\n${subject}\n\nTo the reviewing physician:\nMr. Szymanski has chronic axial low back pain. Two diagnostic medial branch blocks gave 87% and 80% relief. I respectfully request authorization.\n`, 'letter.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'radiofrequency_ablation')).toEqual([]);
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toContain('radiofrequency_ablation');
  });
});

describe('a consultant\'s recommendation is no session done (dev writer 9C)', () => {
  test.each([
    ['with no progressive or severe deficit I would favour a transforaminal epidural steroid injection at the right L5 root first.'],
    ['I would favor a right L5 transforaminal epidural steroid injection before any surgery.'],
    ['I would advise a right L5 transforaminal epidural steroid injection at this point.'],
    ['I would lean toward a right L5 transforaminal epidural steroid injection first.'],
    ['I would recommend a right L5 transforaminal epidural steroid injection and will defer to pain management.'],
  ])('%s', (line) => {
    const r = reviewSource(textSource(`ORTHOPAEDIC SPINE CONSULTATION\nDate of visit: 02/05/2026\nRight-sided sciatica since the autumn. MRI: right L4-5 lateral recess stenosis compressing the right L5 root.\nOpinion: right L5 radiculopathy. ${line}\n`, 'consult.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
    expect(r.facts.filter((f) => f.type === 'requested_procedure').map((f) => f.attributes.procedure)).toContain('transforaminal_esi');
  });
});

describe('a procedure note\'s 0-10 score table with bare numbers (dev writer 7-series, dr-02)', () => {
  test.each([
    ['Pain score (NRS 0-10), same activity (standing, extension):\n  Pre-procedure ........... 8\n  15 minutes .............. 3\n  30 minutes .............. 3', 62.5],
    ['NRS (0-10):\n  Pre: 7\n  Post: 1', 85.7],
    ['Pain scores, VAS 0-10\n  Baseline   6\n  30 min     3', 50],
    ['Pain score (0-10 NRS)\n  Before: 9\n  After: 2', 77.8],
    ['NPRS 0 - 10:\n  pre-block 8\n  20 min 1', 87.5],
  ])('%s', (table, percent) => {
    const r = reviewSource(textSource(`PAIN CLINIC - PROCEDURE NOTE\nDate of service: 01/20/2026\nPROCEDURE: Diagnostic medial branch block, right L3 and L4 medial branches.\nSedation: none.\n${table}\nDischarged ambulatory.\n`, 'proc.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'medial_branch_block').map((f) => f.attributes.reliefPercent)).toEqual([percent]);
  });
});

describe('a request changed to less sedation stands over its first ask (dev packet ds-06)', () => {
  test.each([
    ['Dr. Marchetti has no specific reason and withdrew the 01992 line. The injection will be done with local anesthetic only.', 'local'],
    ['MAC withdrawn by the requesting physician; local anesthetic only.', 'local'],
    ['After discussion the injection will now be performed with no sedation.', 'none'],
    ['Request modified: local anesthesia only, no MAC.', 'none'], // "no MAC": none (local and none mean the same; none wins)
    ['She will have it under local only instead.', 'local'],
  ])('%s', (line, sedation) => {
    const text = `PRIOR AUTHORIZATION REQUEST\nRequested service: L4-5 interlaminar epidural steroid injection under fluoroscopy with MAC (01992).\n\fUR TELEPHONE SUMMARY\nDate: 12/02/2025\nRequested service: L4-5 interlaminar epidural steroid injection.\n- Sedation: ${line}\n`;
    const r = reviewSource(textSource(text, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.sedation)).toEqual([sedation]);
  });
});

describe('a code line withdrawn is not billed (dev packet ds-06)', () => {
  test.each([
    ['01992 withdrawn by the requesting physician (not a denial).'],
    ['Dr. Marchetti withdrew the 01992 line; the injection will be done with local anesthetic only.'],
    ['The requesting physician has withdrawn CPT 01992.'],
    ['Note: 01992 was withdrawn after the peer-to-peer call.'],
    ['MAC code 01992 has been withdrawn.'],
  ])('%s', (line) => {
    const form = 'PRIOR AUTHORIZATION REQUEST\nDate: 11/24/2025\nRequested service: L4-5 interlaminar epidural steroid injection under fluoroscopy.\nCPT/HCPCS   Units   Description\n62323       1       Interlaminar epidural injection, lumbar\n01992       1       Anesthesia for injection, prone position\n';
    for (const text of [`${form}${line}\n`, `${form}\fUR TELEPHONE SUMMARY\nDate: 12/02/2025\n${line}\n`]) {
      const r = reviewSource(textSource(text, 'packet.txt'));
      expect(r.facts.filter((f) => f.type === 'procedure_code' && f.attributes.code === '01992').map((f) => [f.assertion, f.attributes.withdrawn])).toEqual([['present', true]]);
      expect((r.case as Case).procedureCodes.map((l) => l.code)).toEqual(['62323']);
    }
  });
  test('a table\'s status column of an earlier case is no withdrawal of the codes asked for again', () => {
    const r = reviewSource(textSource('PRIOR AUTHORIZATION REQUEST\nDate: 01/05/2026\nRequested service: bilateral L4-5 radiofrequency ablation.\nCPT 64635-50 x1\nPrior cases:\n  MSK-2025-0212950   64635-50/64636-50   Withdrawn  12/29/2025   (resubmitted as this case)\n', 'pa.txt'));
    expect((r.case as Case).procedureCodes.map((l) => l.code)).toContain('64635');
  });
});

describe('how long care helped is not how long it ran', () => {
  test.each([
    'He went to a chiropractor a few times, which helped for a day or two each time.',
    'Ibuprofen helped for about an hour after each dose.',
    'Massage eased it for only a day.',
    'PT helped a little for 2 days after each session.',
    'Ice and heat gave relief lasting an hour or so.',
  ])('%s', (line) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 02/09/2026\nHPI: low back pain. ${line}`, 'note.txt'));
    const care = r.facts.filter((f) => f.type === 'conservative_care' && f.assertion === 'present');
    expect(care.filter((f) => typeof f.attributes.durationWeeks === 'number' && Number(f.attributes.durationWeeks) < 1)).toEqual([]);
  });
});

describe('read from writers O and P', () => {
  const page = (head: string, body: string) => `${head}\n${body}`;
  test.each([
    ['Result: 90% relief of index pain at 30 minutes on provocative maneuvers.', 90],
    ['Results: 80% improvement in the index pain at 20 minutes.', 80],
    ['Pre-procedure pain score: 8/10.\nPost-procedure pain score (30 min, standing and extension): 3/10.', 62.5],
    ['Pre-procedure pain 6/10.\nPost-procedure pain (at discharge): 1/10.', 83.3],
    ['Outcome: 100% relief for 30 minutes.', 100],
  ])('a procedure note\'s result: %s', (lines, relief) => {
    const r = reviewSource(textSource(page('NORTHFIELD PAIN CLINIC - PROCEDURE NOTE\nDate: 11/18/2025', `Procedure: Diagnostic left L4-5 and L5-S1 medial branch blocks.\nSedation: none.\n${lines}`), 'note.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.reliefPercent)).toContain(relief);
  });
  test('two procedure notes whose title line repeats on each page are two documents, not a fax banner', () => {
    const note = (d: string, score: string) => `NORTHFIELD PAIN CLINIC - PROCEDURE NOTE\nDate: ${d}\nProcedure: Diagnostic bilateral L4-5 and L5-S1 medial branch blocks.\nPre-procedure pain score: 8/10.\nPost-procedure pain score: ${score}.\nErik Sandoval, MD`;
    const office = 'NORTHFIELD PAIN CLINIC - OFFICE VISIT\nDate: 01/12/2026\nPlan: bilateral L4-5 and L5-S1 radiofrequency ablation.';
    const r = reviewSource(textSource([office, note('11/18/2025', '1/10'), note('12/09/2025', '2/10')].join('\f'), 'p.txt'));
    const sessions = (r.case as Case).procedures.filter((e) => e.procedure === 'medial_branch_block').map((e) => [e.date, e.reliefPercent]);
    expect(sessions).toEqual([['2025-11-18', 87.5], ['2025-12-09', 75]]);
  });
  test.each([
    '8/26/25 10:05 Outgoing call, 2-wk post ESI: leg pain 3/10 (was 8 pre-ESI).',
    '09/02/2025 phone f/u 3 wks post L4-5 ILESI: 60% better.',
    '08/30/2025 RN call, 18 days after the ESI: NRS 3/10.',
    '9/9/25 - 4 weeks s/p ILESI, pain 3/10.',
    '08/26/2025: 2 wks post-ESI check, doing well, NRS 3.',
  ])('a time point after the session dates the report, not a second session: %s', (line) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/20/2026\nLast L4-5 ILESI 8/12/25 gave ~62% relief lasting ~4 mo.\n${line}\nPlan: repeat L4-5 ILESI.`, 'note.txt'));
    expect((r.case as Case).procedures.filter((e) => e.family === 'esi').map((e) => e.date)).toEqual(['2025-08-12']);
  });
  // Dev d7a-06: "At 10 weeks (PR-2 09/23/2025) the relief was sustained at about 70%" read as a second session of 09/23.
  test.each([
    ['At 10 weeks (PR-2 09/23/2025) the relief was sustained at about 70%, walking 45 minutes.', '2025-09-23'],
    ['At the 10-week visit (10/21/2025) relief was still about 70%.', '2025-10-21'],
    ['By 3 months, on 11/12/2025, he reported 70% relief.', '2025-11-12'],
    ['PR-2 10/28/2025: relief holding at 70%.', '2025-10-28'],
    ['At 12 weeks the relief was about 70% and he was working full shifts.', '2025-11-04'],
  ])('a later report with its visit date is a report of the one session: %s', (line, reportDate) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 11/18/2025\nHPI: Response to left L4-5 TFESI (08/12/2025): at the 4-week visit leg pain was 75% better.\n${line}\nPlan: repeat left L4-5 TFESI.`, 'note.txt'));
    const esi = (r.case as Case).procedures.filter((e) => e.family === 'esi');
    expect(esi.map((e) => e.date)).toEqual(['2025-08-12']);
    expect(esi[0]!.reports.map((x) => x.reliefDate)).toContain(reportDate);
  });
  test.each([
    'Prior ESI this region, past 12 mo: 0',
    'ESIs in the last 12 months: none',
    'Previous epidural injections: 0',
    'Number of prior TFESIs: zero',
    'Prior ESI in past year: none',
  ])('a count of prior sessions answered zero names none: %s', (line) => {
    const r = reviewSource(textSource(`PRIOR AUTHORIZATION REQUEST\nService: left L4-5 and L5-S1 transforaminal ESI\nRequested DOS: 02/01/2026\n${line}`, 'form.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
  });
});

describe('a letter\'s date line and a session it tells from years before (dev d7a-04)', () => {
  const noteDate = (text: string) => (reviewSource(textSource(text, 'letter.txt')).case as Case).noteDate.value;
  test.each([
    ['PINE HOLLOW SPINE ASSOCIATES\n\nDecember 12, 2025\n\nDear Medical Director,\nI am requesting a right S1 TFESI.', '2025-12-12'],
    ['Westside Pain Clinic\n1200 Main St\n\n12/12/2025\n\nTo whom it may concern:\nLetter of medical necessity.', '2025-12-12'],
    ['LETTER OF MEDICAL NECESSITY\nMarch 3, 2026\nRe: J. Doe', '2026-03-03'],
    ['Ridge Spine\n  Jan. 9, 2026\nDear Dr. Lee,', '2026-01-09'],
    ['APPEAL\n2026-02-14\nDear reviewer,', '2026-02-14'],
  ])('the date line of a letter dates it: %s', (text, iso) => {
    expect(noteDate(text)).toBe(iso);
  });
  test('a date inside a sentence is no date line', () => {
    expect(noteDate('Dear Medical Director,\nShe was seen on a day in March; MRI 12/01/2025 showed a herniation.')).not.toBe('2025-12-01');
  });
  test.each([
    'At his left L5 transforaminal injection on 05/17/2022 he was premedicated with lorazepam and had a panic attack.',
    'During the left L5 TFESI of 05/17/2022 he moved and the needle had to be withdrawn.',
    'His left L5 transforaminal injection 05/17/2022 required IV midazolam.',
    'A left L5 TFESI on 5/17/2022 needed moderate sedation to complete.',
    'The left L5 transforaminal ESI (05/17/2022) was completed only under moderate sedation.',
  ])('a request letter\'s session from years before is done, not asked for: %s', (line) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 12/09/2025\nPlan: right S1 TFESI under fluoroscopy.\fSPINE ASSOCIATES\n\nDecember 12, 2025\n\nSilver Advantage - Medical Director, Prior Authorization\n\nRE: request for moderate sedation with right S1 transforaminal epidural steroid injection\n\nDear Medical Director,\n${line}\nI am requesting moderate sedation (CPT 99152).`, 'letter.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => [f.attributes.levels, f.attributes.side])).toEqual([[['S1'], 'right']]);
  });
});

describe('dates a dated letter tells that are no session\'s (dev dk-08, dg-02, dg-03; shared ea-05)', () => {
  const letter = (body: string) => reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/15/2026\nPlan: repeat left L4-5 TFESI.\fWESTSIDE SPINE\n\nJanuary 22, 2026\n\nLone Star Mutual, Utilization Review Department\n${body}`, 'p.txt'));
  const priors = (r: ReturnType<typeof letter>) => r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => `${f.attributes.procedure}@${f.attributes.date ?? ''}`);
  test.each([
    'RE: Rogelio Santana, claim LSM-24-770815, DOI 11/04/2024\n    Letter of medical necessity - repeat left L4-5 TFESI',
    'RE: R. Santana   Date of injury: 11/04/2024   Request: repeat left L4-5 TFESI',
    'Claim 24-770815 (D.O.I. 11/04/2024): repeat left L4-5 transforaminal ESI',
    'Injury date 11/04/2024 - repeat left L4-5 TFESI requested',
    'RE: claimant R. Santana, DOI: 11/04/2024, left L4-5 TFESI (repeat)',
  ])('a date of injury dates no session: %s', (body) => {
    expect(priors(letter(body))).not.toContain('transforaminal_esi@2024-11-04');
  });
  test.each([
    'I am aware that Aetna declined a sacroiliac joint injection requested by his previous orthopedic office in February 2025.',
    'The plan denied an SI joint injection requested by Dr. Moss in February 2025.',
    'Your office non-certified a sacroiliac joint injection requested by his surgeon in February 2025.',
    'The carrier declined the SI joint injection requested by the orthopedic practice in February 2025.',
    'Medicare denied a right SI joint injection requested by another physician in February 2025.',
  ])('a request a payer declined was not done: %s', (body) => {
    expect(priors(letter(body)).filter((p) => p.startsWith('si_joint_injection'))).toEqual([]);
  });
  test.each([
    'I am requesting reconsideration of your 10/28/2025 decision to deny repeat radiofrequency ablation.',
    'We ask you to reverse the 10/28/2025 denial of the repeat radiofrequency ablation.',
    'Please review again your 10/28/2025 determination on the repeat radiofrequency ablation.',
    'This appeals the 10/28/2025 adverse determination for repeat radiofrequency ablation.',
    'We disagree with the 10/28/2025 notice denying repeat radiofrequency ablation.',
  ])('a decision\'s date dates no session: %s', (body) => {
    expect(priors(letter(body))).not.toContain('radiofrequency_ablation@2025-10-28');
  });
  test.each([
    'We are requesting authorization for a lumbar interlaminar epidural steroid injection at L4-5 under fluoroscopic guidance (CPT 62323) for Ms. Whitcomb, a 52-year-old woman with chronic low back pain since she twisted to catch herself on her basement stairs in October 2023.',
    'I am requesting a left L4-5 transforaminal epidural steroid injection for Mr. Santana, who has had left leg pain ever since he slipped on a wet bay floor at work in November 2024.',
    'We request approval of bilateral L4-5 medial branch blocks for this 70-year-old retired teacher, whose axial back pain began after she lifted her grandson in the summer of 2023.',
    'Requesting authorization for a right L5 TFESI for this patient, whose right leg pain has not let up since a motor vehicle collision on 03/02/2024.',
    'We are seeking approval for a caudal epidural steroid injection for Mrs. Ochoa, whose back and leg pain have been constant since her fall down the stairs in January 2024.',
  ])('a date far along a request\'s sentence is not the request\'s: %s', (body) => {
    const r = letter(body);
    const dated = r.facts.filter((f) => (f.type === 'prior_procedure' || f.type === 'requested_procedure') && f.assertion === 'present' && String(f.attributes.date ?? '').startsWith('202'));
    expect(dated.filter((f) => f.type === 'prior_procedure' && String(f.attributes.date) < '2025-01')).toEqual([]);
  });
});

describe('a return visit\'s interval and a therapy note\'s core strength', () => {
  const review = (text: string) => reviewSource(textSource(text, 'note.txt'));
  test.each([
    'Plan: right L5-S1 MBB. RTC 2 wk after block.',
    'Plan: right L5-S1 MBB; f/u in 3 weeks with pain diary.',
    'Plan: right L5-S1 MBB, follow up 4 weeks after the block.',
    'Plan: right L5-S1 MBB. Recheck in 2 wks.',
    'Plan: right L5-S1 MBB. Will see him back in 6 weeks.',
  ])('%s: the interval is no pain duration', (plan) => {
    const r = review(`PROGRESS NOTE\nDate of service: 02/03/2026\nHPI: low back pain since a lifting injury at work 8/14/25.\n${plan}`);
    expect(r.facts.filter((f) => f.type === 'pain_duration').map((f) => Number(f.attributes.months))).not.toContain(0.5);
  });
  // Shared packet eb-03: "NRS 6/10 today (5-8/10 range over the past month)" beside an injury of 08/2023.
  test.each([
    'Low back pain, NRS 6/10 today (5-8/10 range over the past month).',
    'Back pain averaging 7/10 over the last two weeks.',
    'Pain 5/10 at rest, 8/10 with activity for the past week.',
    'VAS 6/10 during the past month, worse mornings.',
    'LBP 4-7/10 in the last 10 days.',
  ])('the window a score was taken over is no pain duration: %s', (line) => {
    const r = review(`PROGRESS NOTE\nDate of service: 04/08/2025\nHPI: ${line}`);
    expect(r.facts.filter((f) => f.type === 'pain_duration')).toEqual([]);
  });
  test('a duration after a score that is no window still counts ("back pain 7/10 for 8 months")', () => {
    const r = review('PROGRESS NOTE\nDate of service: 04/08/2025\nHPI: Back pain 7/10 for 8 months.');
    expect(r.facts.filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months)).toEqual([8]);
  });
  test.each([
    'O: Core/hip strength 4-/5 -> 4+/5.',
    'Core strength 3+/5, improving.',
    'Trunk stability 4/5.',
    'Abdominal strength 4-/5 at discharge.',
    'Postural endurance 3/5.',
  ])('%s is conditioning, no motor deficit', (line) => {
    const r = review(`PT PROGRESS NOTE\nDate: 10/01/2025\n${line}`);
    expect(r.facts.filter((f) => f.type === 'exam_finding' && f.attributes.test === 'motor_deficit')).toEqual([]);
  });
  test('a myotome graded after core strength still counts', () => {
    const r = review('PT PROGRESS NOTE\nDate: 10/01/2025\nO: Core strength 4/5. Right EHL 4/5.');
    expect(r.facts.filter((f) => f.type === 'exam_finding' && f.attributes.test === 'motor_deficit').length).toBeGreaterThan(0);
  });
});

describe('"pre-ESI" and "post-ESI" in a dated call are time words, not sessions', () => {
  test.each([
    '8/26/25 RN call: leg pain NRS 3/10 (was 8 pre-ESI).',
    '8/26/25 phone note: pain 3/10 post-ESI, was 8/10 pre-ESI.',
    '08/26/2025 call - post-ILESI pain 2/10.',
    '8/26/25: NRS 3 now vs 8 pre-injection... doing HEP; no HA post-ESI.',
    '8/26/2025 nurse call: much better post-ESI, walking more.',
  ])('%s', (line) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/20/2026\nLast L4-5 ILESI 8/12/25 gave ~62% relief lasting ~4 mo.\n${line}\nPlan: repeat L4-5 ILESI.`, 'note.txt'));
    expect((r.case as Case).procedures.filter((e) => e.family === 'esi').map((e) => e.date)).toEqual(['2025-08-12']);
  });
});

describe('a plan\'s visit after the procedure asked for, and a checked "None" for prior sessions', () => {
  test.each([
    'Plan: right L4-5, L5-S1 RFA. Cont HEP. F/u 6 wk post RFA w/ NRS/ODI.',
    'Plan: right L4-5, L5-S1 RFA; RTC 4 wks post-RFA.',
    'Plan: right L4-5, L5-S1 RFA. Follow up 6 weeks post ablation.',
    'Plan: right L4-5, L5-S1 RFA. Recheck 3 wks post RFA.',
    'Plan: right L4-5, L5-S1 RFA. Return 6 weeks post R L4-5 RFA.',
  ])('no prior ablation: %s', (plan) => {
    const r = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/20/2026\nTwo MBBs gave 86% and 88% relief.\n${plan}`, 'note.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && f.attributes.procedure === 'radiofrequency_ablation')).toEqual([]);
  });
  test('"S: f/u 6 wk post RFA, 80% better" outside a plan still tells the ablation done', () => {
    const r = reviewSource(textSource('PROGRESS NOTE\nDate of service: 01/20/2026\nS: f/u 6 wk post RFA 12/02/2025, 80% better.', 'note.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toContain('radiofrequency_ablation');
  });
  test('"Prior RFA this region: [X] None  [ ] Yes" names no prior ablation', () => {
    const r = reviewSource(textSource('PRIOR AUTHORIZATION REQUEST\nService: right L4-5, L5-S1 RF ablation\nRequested DOS: 02/01/2026\nPrior RFA this region: [X] None  [ ] Yes, date ____', 'form.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
  });
});

describe('a procedure note\'s date is no decision\'s date on its heading lines', () => {
  test.each([
    ['PROCEDURE NOTE\nDate of procedure: 10/21/2025\nUR certification on file: ref 25-UR-55320 (certified 10/08/2025)\nProcedure: left S1 transforaminal epidural steroid injection.', '2025-10-21'],
    ['PROCEDURE NOTE - 11/07/2023\nPrior auth approved 10/30/2023\nProcedure: right L5-S1 transforaminal epidural steroid injection.', '2023-11-07'],
    ['OPERATIVE REPORT\nDOS: 02/03/2026   Authorization received 01/20/2026\nProcedure: caudal epidural steroid injection.', '2026-02-03'],
    ['PROCEDURE NOTE\n03/04/2025\nRequest submitted 02/10/2025\nProcedure: bilateral L4-5 medial branch block.', '2025-03-04'],
    ['PROCEDURE RECORD   Date: 07/15/2025   (authorized 07/01/2025)\nProcedure: left L4-5 intra-articular facet injection.', '2025-07-15'],
  ])('%s', (text, date) => {
    const r = reviewSource(textSource(text, 'p.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.date)).toContain(date);
  });
});

describe('a pain log after a block: the best reading against the score before', () => {
  const relief = (log: string) => reviewSource(textSource(`PROCEDURE NOTE\nDate: 12/09/2025\nProcedure: bilateral L4-5 medial branch block with 0.5% bupivacaine.\n\n${log}\n`, 'p.txt')).facts
    .filter((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'medial_branch_block').map((f) => f.attributes.reliefPercent).filter((x) => x !== undefined);
  test.each([
    ['PATIENT PAIN LOG - MBB #2 (12/09/2025)       Usual pain before block: 7\n  Time after block     Pain 0-10    What I did\n  30 min               3            walked to car\n  1 hr                 2            stood at bench\n  4 hr                 3            sitting\n  8 hr                 6            evening', 71.4],
    ['POST-BLOCK DIARY (pre-block pain 8/10)\n  1 hour  3     2 hours  4     3 hours  6     6 hours  8', 62.5],
    ['Pain diary: baseline 9\n30 minutes 1\n2 hours 1\n6 hours 4', 88.9],
    ['Post-injection pain log\nBefore block: 6/10\n15 min   0\n1 hr     1\n3 hrs    3', 100],
    ['Block diary - pain before the block 10\n 1 hr 5\n 2 hrs 4\n 5 hrs 9', 60],
  ])('%s', (log, percent) => {
    expect(relief(log)).toContain(percent);
  });
  test('a log without the score before gives no figure', () => {
    expect(relief('POST-BLOCK DIARY\n  1 hour  3     2 hours  4     3 hours  6')).toEqual([]);
  });
});

describe('pain referred into the buttock or thigh that stops above the knee, on a facet request', () => {
  const review = (hpi: string, plan = 'Plan: bilateral L4-5 and L5-S1 medial branch blocks, diagnostic, under fluoroscopy.') =>
    reviewSource(textSource(`PROGRESS NOTE\nDate of service: 02/01/2026\nHPI: Axial low back pain for 2 years, 7/10. ${hpi}\nEXAM: Facet loading positive bilaterally. SLR negative bilaterally. Strength and sensation intact.\n${plan}`, 'n.txt'));
  test.each([
    'The pain refers into the left buttock and the back of the left thigh and stops above the knee.',
    'Pain radiates to the right buttock and posterior thigh, not below the knee.',
    'Some referral into both buttocks and upper thighs, never past the knees.',
    'Occasional pain into the posterior thigh that does not go below the knee.',
    'Pain spreads into the left hip and thigh, stopping above the knee; no numbness or tingling.',
  ])('%s: no radiculopathy flag', (hpi) => {
    expect(review(hpi).flags.map((f) => f.code)).not.toContain('RADICULOPATHY_WITH_FACET_REQUEST');
  });
  test('pain named in a dermatome still is radicular', () => {
    expect(review('Burning pain in the L4 dermatome down the anterior thigh, stopping at the knee.').flags.map((f) => f.code)).toContain('RADICULOPATHY_WITH_FACET_REQUEST');
  });
});

describe('a workers\' comp status report form\'s numbered request field asks, and its visit date dates it (dev packet ds-03)', () => {
  const form = (heading: string) => `FLORIDA WORKERS' COMPENSATION UNIFORM MEDICAL TREATMENT / STATUS REPORTING FORM (DWC-25)
1. Patient: Doe, Jane   DOB 02/11/1987   Sex F
2. Employer: Sunshine Linen Service, LLC   Carrier: Coastal Palms Casualty Co.
3. Claim no.: CPC-25-118402   Date of this visit: 12/08/2025
7. History / findings: 38 y/o F with low back pain since the collision of 04/03/2025. Facet loading positive bilaterally.
   No prior spine injections or surgery.
${heading}
   [X] Diagnostic testing/procedure: bilateral L4-5, L5-S1 medial branch blocks,
       fluoroscopic guidance, CPT 64493-50, 64494-50
9. Functional limitations: no lifting >20 lb.
`;
  test.each([
    ['8. Treatment plan / requested authorization:'],
    ['8. Treatment plan/requested authorization:'],
    ['8. Requested authorization:'],
    ['8. Authorization requested:'],
    ['8. Treatment plan / request:'],
  ])('%s', (heading) => {
    const letter = 'TREASURE COAST PAIN & SPINE\nJanuary 14, 2026\nDear Dr. Nakamura:\nI ask that you reconsider the non-certification of the blocks.\nSincerely,\n/s/ M. Delacroix, MD\n';
    const r = reviewSource(textSource(`${letter}${form(heading)}`, 'packet.txt'));
    const present = (type: string) => r.facts.filter((f) => f.type === type && f.assertion === 'present').map((f) => f.attributes.procedure);
    expect(present('requested_procedure')).toContain('medial_branch_block');
    expect(present('prior_procedure')).toEqual([]);
  });
  test('"Date of this visit:" dates the form', () => {
    const r = reviewSource(textSource(form('8. Treatment plan / requested authorization:'), 'form.txt'));
    expect((r.case.noteDate as { value: string | null }).value).toBe('2025-12-08');
  });
});

describe('an office note\'s "Treatment" block orders the procedure written as a field under it (dev packet dq-06)', () => {
  test.each([
    ['Treatment\n 1. Lumbar disc herniation with radiculopathy\n    PROCEDURE: Left L5 transforaminal epidural steroid injection under fluoroscopy.\n    Continue HEP, gabapentin.', 'transforaminal_esi'],
    ['Orders\n  - Procedure: left L4-5 interlaminar epidural steroid injection with fluoroscopy', 'interlaminar_esi'],
    ['Assessment and Plan\n   1. Lumbar spondylosis\n      Procedure: bilateral L4-5 and L5-S1 medial branch blocks under fluoroscopy.', 'medial_branch_block'],
  ])('%j', (block, procedure) => {
    const r = reviewSource(textSource(`Progress Note: A. Smith, MD      12/16/2025\nHistory of Present Illness\n Back and left leg pain since 09/2025.\n${block}\nFollow Up\n 3 weeks after injection\n`, 'n.txt'));
    const present = (type: string) => r.facts.filter((f) => f.type === type && f.assertion === 'present').map((f) => f.attributes.procedure);
    expect(present('requested_procedure')).toContain(procedure);
    expect(present('prior_procedure')).toEqual([]);
  });
});

describe('a title line near the top with its date on it dates the note', () => {
  test.each([
    ['Progress Note: Kelsey Amburgey, MD      12/16/2025            Ins: Riverbend', '2025-12-16'],
    ['OFFICE NOTE - 03/02/2026', '2026-03-02'],
    ['Follow-up visit   Provider: J. Ruiz, PA-C   1/7/26', '2026-01-07'],
    ['Clinic note (pain) 11/30/2025 - R. Lee MD', '2025-11-30'],
    ['SOAP note   04/14/2026', '2026-04-14'],
  ])('%s', (line, iso) => {
    const r = reviewSource(textSource(`Riverside Spine\nPt: Doe, J  DOB: 10/19/1971\n${line}\nHPI: back pain since 2024.\n`, 'n.txt'));
    expect((r.case.noteDate as { value: string | null }).value).toBe(iso);
  });
  test('a date of birth on the title line is not the note\'s', () => {
    const r = reviewSource(textSource('Progress Note   Doe, J   DOB: 10/19/1971\nHPI: back pain since 2024.\n', 'n.txt'));
    expect((r.case.noteDate as { value: string | null }).value).toBeNull();
  });
});

describe('words that name no sedation or guidance of the request (dev writer 10C)', () => {
  const request = (text: string) => reviewSource(textSource(text, 'n.txt')).facts.find((f) => f.type === 'requested_procedure' && f.assertion === 'present')?.attributes;
  test.each([
    ['PRIOR AUTHORIZATION REQUEST - HOSPITAL OUTPATIENT DEPARTMENT\nMedicare Part A MAC  -  OPD PA Unit\nService: Dx MBB #1 B L4-5, L5-S1\nGuidance: [X] fluoro  Sedation: [X] none/local'],
    ['PRIOR AUTHORIZATION REQUEST\nSubmitted to the A/B MAC for review.\nService: bilateral L4-5 medial branch blocks under fluoroscopy.'],
    ['PRIOR AUTHORIZATION REQUEST\nMAC jurisdiction: JL\nService: bilateral L4-5 medial branch blocks under fluoroscopy.'],
  ])('the Medicare contractor is no monitored anesthesia care: %j', (text) => {
    expect(request(text)?.sedation).not.toBe('mac');
  });
  test.each([
    ['P: Dx IA facet inj L L4-5, L5-S1 in office under US guidance (no C-arm here), no sedation. Pt prefers local - 2.5 h drive to nearest fluoro suite.'],
    ['Plan: left L4-5 intra-articular facet injection, U/S-guided, in clinic; the fluoroscopy suite is booked for weeks.'],
    ['Plan: right L5-S1 intra-articular facet injection under U/S guidance in the office (no fluoro room here).'],
  ])('ultrasound named, a fluoroscopy room only mentioned: %j', (text) => {
    expect(request(`OFFICE NOTE 02/24/2026\nA: lumbar facet arthropathy.\n${text}\n`)?.guidance).toBe('ultrasound');
  });
});

describe('a plan\'s order line that bills codes before it names the procedure (dev writer 10A)', () => {
  test.each([
    ['ORDER: 64493-RT, 64494-RT - diagnostic MBB #2, right L4/L5 and L5/S1, fluoroscopy.', ['L4-L5', 'L5-S1']],
    ['ORDER: 64493-LT, 64494-LT - dx MBB #1, left L3/L4 + L4/L5, fluoro.', ['L3-L4', 'L4-L5']],
    ['Order: 64635-RT, 64636-RT - RFA #1 right L4-5 & L5-S1 (50% + relief x2 blocks)', ['L4-L5', 'L5-S1']],
    ['ORDER: 64483-LT - TFESI left L5 (L5-S1 foramen), fluoroscopy + contrast.', ['L5-S1']],
    ['ORDER: 64493-50, 64494-50 - bilateral MBB #2 at L4/5, L5/S1 under fluoroscopy.', ['L4-L5', 'L5-S1']],
  ])('%s', (line, levels) => {
    const r = reviewSource(textSource(`OFFICE VISIT\nDate of service: 01/27/2026\nPlan / orders\n${line}\n`, 'n.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.length).toBe(1);
    expect(req[0]!.attributes.levels).toEqual(levels);
  });
});

describe('a payer portal\'s case summary is the request form; its "Requested service lines" ask (dev writer 10A)', () => {
  test('the service lines\' codes request the procedure, the notes after them tell the history', () => {
    const portal = 'CARDINAL SENIOR ADVANTAGE (HMO) - UTILIZATION MANAGEMENT\nePA PORTAL :: CASE SUMMARY\nCase #: CSA-UM-2026-0131   Status: Pended\n\nRequested service lines\n #   Code    Modifiers   Qty   Description\n 1   64493   RT KX       1     Paravert facet nerve block, L/S, 1st level\n 2   64494   RT KX       1     Paravert facet nerve block, L/S, 2nd level\n';
    const note = '\fTIDEWATER SPINE - PROCEDURE NOTE\nDate: January 8, 2026\nProcedure: Diagnostic lumbar medial branch block #1, RIGHT L4/L5 and L5/S1\nSedation: none. Guidance: fluoroscopy.\n';
    const r = reviewSource(textSource(portal + note, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['medial_branch_block']);
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.date)).toEqual(['2026-01-08']);
  });
});

describe('an onset told as a bullet, and a block\'s time ago that is no pain duration (dev writer 10A)', () => {
  const months = (body: string) => reviewSource(textSource(`OFFICE VISIT\nDate of service: 01/27/2026\n${body}\n`, 'n.txt')).facts.filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months);
  test.each([
    ['  - Onset March 2025 lifting a carton of canned goods. Pain has been present since.'],
    ['Onset 03/2025 after lifting a carton; low back pain since.'],
    ['* Onset in March 2025, no injury.'],
    ['Onset: March 2025 (gradual)'],
    ['Symptom onset March 2025 while lifting.'],
  ])('%s', (body) => {
    expect(months(body)).toEqual([10.9]);
  });
  test.each([
    ['Chief complaint: right low back pain, follow-up after diagnostic block 3 weeks ago.'],
    ['CC: back pain, s/p TFESI 2 months ago.'],
    ['Low back pain, seen after the injection (left L5) 10 days ago.'],
  ])('not the pain\'s duration: %s', (body) => {
    expect(months(body)).toEqual([]);
  });
});

describe('a re-request with fewer levels stands on its own levels, not the earlier request\'s (dev writer 10B)', () => {
  const form = 'PRIOR AUTHORIZATION REQUEST\nDate: 01/22/2026\nService requested: bilateral lumbar medial branch blocks L4-5 and L5-S1, fluoroscopic guidance, no sedation\nCPT: 64493-50, 64494-50\n';
  const note = 'PROGRESS NOTE\nDate of service: 01/20/2026\nS: Bilateral axial low back pain since June 2024, 7/10. No leg pain.\nO: Facet loading positive bilaterally.\nP: Resubmit diagnostic MBB #1, bilateral L4-5 and L5-S1. Drop L3-4.\n';
  test.each([
    ['NOTICE OF DENIAL OF MEDICAL COVERAGE\nYour doctor asked us to cover: bilateral lumbar medial branch blocks at L3-4, L4-5 and L5-S1 (CPT 64493-50, 64494-50, 64495-50). We denied this request.\n'],
    ['PROGRESS NOTE\nDate of service: 11/11/2025\nLow back pain since 2024.\nPlan: bilateral MBB L3-4, L4-5, L5-S1 - will request.\n'],
    ['OFFICE VISIT\nDate of service: 10/28/2025\nA/P: request bilateral L3-4, L4-5, L5-S1 medial branch blocks.\n'],
    ['PROGRESS NOTE\nDate of service: 11/11/2025\nPlan: bilateral medial branch blocks L3-L4 through L5-S1 (three levels) - will submit.\n'],
    ['UTILIZATION REVIEW DETERMINATION - NON-CERTIFICATION\nRequested: bilateral L3-4, L4-5, L5-S1 medial branch blocks (64493-50, 64494-50, 64495-50)\nDetermination: NOT CERTIFIED.\n'],
  ])('%j', (earlier) => {
    const r = reviewSource(textSource(`${form}\f${earlier}\f${note}`, 'packet.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => f.attributes.levels)).toEqual([['L4-L5', 'L5-S1']]);
    expect(r.flags.map((f) => f.code)).not.toContain('LEVEL_COUNT_EXCEEDED');
    expect(r.flags.map((f) => f.code)).not.toContain('CODE_LEVEL_MISMATCH');
  });
  test('documents of the same weeks add their levels up', () => {
    const r = reviewSource(textSource(`${form}\fPROGRESS NOTE\nDate of service: 01/15/2026\nPlan: bilateral L3-4 medial branch blocks as well.\n`, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.levels)).toEqual([['L3-L4', 'L4-L5', 'L5-S1']]);
  });
});

describe('"RFA for" another procedure names the workers\' comp request form, not an ablation (dev writer 10B)', () => {
  const present = (plan: string) => reviewSource(textSource(`PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\nDate of exam: 01/06/2026\nRight leg pain below the knee, SLR positive on the right.\n${plan}\n`, 'n.txt'))
    .facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure);
  test.each([
    ['Plan: RFA for repeat right L4-5 and L5-S1 TFESI.', 'transforaminal_esi'],
    ['Plan: RFA for right L5-S1 transforaminal epidural steroid injection.', 'transforaminal_esi'],
    ['Plan: RFA to request a lumbar ESI at L4-5.', 'epidural_steroid_injection'],
    ['Plan: RFA requesting left L4-5 interlaminar ESI x1.', 'interlaminar_esi'],
    ['Plan: RFA for bilateral L4-5, L5-S1 medial branch blocks.', 'medial_branch_block'],
  ])('%s', (plan, procedure) => {
    const got = present(plan);
    expect(got).toContain(procedure);
    expect(got).not.toContain('radiofrequency_ablation');
  });
  test.each([
    ['Pages incl cover: 5    (X) RFA  (X) PR-2  (X) Procedure report  ( ) Other\nPlan: repeat left L5 transforaminal epidural steroid injection.', 'transforaminal_esi'],
    ['Enclosed: RFA, PR-2 and the procedure report.\nPlan: repeat left L5 transforaminal epidural steroid injection.', 'transforaminal_esi'],
    ['[X] RFA [X] PR-2\nPlan: repeat left L5 transforaminal epidural steroid injection.', 'transforaminal_esi'],
  ])('a checklist of the forms sent names no ablation: %j', (text, procedure) => {
    const got = present(text);
    expect(got).toContain(procedure);
    expect(got).not.toContain('radiofrequency_ablation');
  });
  test.each([
    ['Plan: RFA for right L4-5 and L5-S1 facet pain after two positive blocks.'],
    ['Plan: RFA for facet-mediated pain (radiofrequency ablation of the medial branches after the MBBs).'],
  ])('an ablation "for" pain stays an ablation: %s', (plan) => {
    expect(present(plan)).toContain('radiofrequency_ablation');
  });
});

describe('a first block the patient qualifies for is the one asked for, its reasons in the past tense (dev writer 10A)', () => {
  test.each([
    ['A: Facet pain. Meets the pathway for a first diagnostic block: pain more than 3 months, failed PT and NSAID.'],
    ['A: Facet pain. Meets criteria for a first diagnostic block - failed 8 weeks of PT, NSAIDs tried.'],
    ['A: Facet pain. She qualifies for a first diagnostic block; she completed PT and took meloxicam.'],
    ['A: Facet pain. Eligible for a first diagnostic block: had PT x 8 weeks without benefit.'],
    ['A: Facet pain. Appropriate for a first diagnostic block since PT and NSAIDs failed.'],
  ])('%s', (a) => {
    const r = reviewSource(textSource(`OFFICE NOTE\nDate of service: 01/20/2026\n${a}\nP: Requesting: diagnostic medial branch block #1, bilateral L4-5 and L5-S1.\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['medial_branch_block']);
  });
  test('"Seen 1/6/2026" dates the note', () => {
    const r = reviewSource(textSource('RIVERBEND SPINE - CLINIC NOTE\nPakkala, Joanne R.  F  66 y   Seen 1/6/2026   S. Achterberg MD\nLeft leg pain since mid-September 2025.\n', 'n.txt'));
    expect((r.case.noteDate as { value: string | null }).value).toBe('2026-01-06');
    expect(r.facts.filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months)).toEqual([4.2]);
  });
});

describe('a statement about a drug tells that drug\'s effect, not a procedure\'s relief (shared fa-08)', () => {
  test.each([
    ['Gabapentin started 01/13/2026 has taken the edge off the leg pain only.'],
    ['Meloxicam helps some with the morning stiffness.'],
    ['Tramadol gave partial relief at night.'],
  ])('%s', (line) => {
    const r = reviewSource(textSource(`OFFICE VISIT\nDate of service: 02/02/2026\nShe had a right L4-5 and L5-S1 radiofrequency ablation on 03/04/2025.\n${line}\nPlan: repeat RFA.\n`, 'n.txt'));
    const rfa = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present');
    expect(rfa.map((f) => [f.attributes.reliefQualitative ?? null, f.attributes.reliefPercent ?? null])).toEqual([[null, null]]);
  });
});

describe('a time point written as the label of its scores is a report of its own (dev writer 10A)', () => {
  test.each([
    ['40 mg per joint. 1 month: NRS 7 -> 2. 3 months: NRS 7 -> 3, ODI 46% -> 24%.', [[71.4, '1 month'], [57.1, '3 months']]],
    ['40 mg per joint. 2 weeks: 8/10 -> 2/10. 12 weeks: 8/10 -> 3/10.', [[75, '2 weeks'], [62.5, '12 weeks']]],
    ['40 mg per joint. 6-week check - 8/10 -> 3/10. 4-month check - 8/10 -> 4/10.', [[62.5, '6 weeks'], [50, '4 months']]],
    ['40 mg per joint. 1 month = pain 6 -> 1. 3 months = pain 6 -> 2.', [[83.3, '1 month'], [66.7, '3 months']]],
    ['40 mg per joint. 4 wk: VAS 9 -> 3. 3 mo: VAS 9 -> 4.', [[66.7, '4 weeks'], [55.6, '3 months']]],
  ])('%s', (line, reports) => {
    const r = reviewSource(textSource(`OFFICE NOTE\nDate of service: 02/03/2026\nInjection history\n  07/09/2025  Therapeutic intra-articular injections, left L4/5 and L5/S1, methylprednisolone\n              ${line}\n`, 'n.txt'));
    const got = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => [f.attributes.reliefPercent, f.attributes.reliefAt]);
    expect(got).toEqual(reports);
  });
});

describe('a pain diary returned as its own page, a table with pipes, dated by its injection-date field (dev packet do-04)', () => {
  const note = 'PROCEDURE NOTE\nDate of service: 01/08/2026\nProcedure: diagnostic right L4-5 and L5-S1 intra-articular facet injections, 1% lidocaine, no steroid.\n';
  const visit = 'FOLLOW-UP\nDate: 01/27/2026\nPlan: second (confirmatory) diagnostic right L4-5 and L5-S1 intra-articular facet injections.\n';
  test.each([
    [' Time after injection | Pain 0-10 | % relief\n Before injection     |    5      |    --\n 30 minutes           |    2      |   60\n 2 hours              |    3      |   40\n 6 hours              |    5      |    0', 60],
    [' Time        Pain\n Before injection   8\n 30 min      3\n 1 hour      2\n 4 hours     6', 75],
    [' Usual pain before injection (standing): 8\n 30 min             3           walked to car\n 1 hr               2           stood at counter\n 3 hr               6           standing', 75],
    [' Baseline | 6\n 15 min | 2\n 1 hr | 1\n 3 hrs | 5', 83.3],
    [' Pre-injection pain: 10\n 30 minutes   4\n 2 hours      5\n 5 hours      9', 60],
  ])('%j', (table, percent) => {
    const diary = `PATIENT PAIN DIARY - returned 01/12/2026\nName: Doe, Jane        Injection date: 01/08/2026\nIndex pain: right low back\n\n${table}\n`;
    const r = reviewSource(textSource(`${note}\f${diary}\f${visit}`, 'packet.txt'));
    const reports = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && f.attributes.reliefPercent !== undefined);
    expect(reports.map((f) => [f.attributes.procedure, f.attributes.date, f.attributes.reliefPercent])).toContainEqual(['facet_injection', '2026-01-08', percent]);
  });
});

describe('a score before and the best after in a follow-up\'s shorthand (dev packet d7c-02)', () => {
  test.each([
    ['NRS 8 pre; best 3/10 at 1 h (62.5%); 4/10 at 2 h', 62.5],
    ['NRS 8 pre, 3/10 at 1 h', 62.5],
    ['8/10 before, 2/10 at 30 min', 75],
    ['pain 6 pre; lowest 2 at 2 hrs', 66.7],
    ['VAS 9 before; nadir 3/10 at 45 minutes', 66.7],
  ])('%s', (line, percent) => {
    const r = reviewSource(textSource(`FOLLOW-UP\nDate of service: 01/27/2026\nS: F/u after R L4-5/L5-S1 MBB #1 (01/13/26, 2% lido). Diary reviewed: ${line}.\nP: Confirmatory MBB #2.\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.reliefPercent)).toContain(percent);
  });
});

describe('a pain diary laid out across: a row of times and a row of scores under it (dev packet d9c-02)', () => {
  const note = (date: string) => `PROCEDURE NOTE\nDOS ${date}\nProc: Diagnostic MBB, right L3, L4 MB and right L5 dorsal ramus (L4-5, L5-S1 facets)\nSedation: none.\n`;
  test.each([
    ['time      0    30m   1h   1.5h   2h   2.5h   3h   4h\nNRS       8    1     1    1      1    3      6    8', 87.5],
    ['time      0    1h   2h   3h   4h   5h   6h   7h\nNRS       7    1    1    1    1    1    4    7', 85.7],
    ['Time | pre | 30 min | 1 hr | 2 hr | 4 hr\nPain | 6 | 2 | 1 | 3 | 6', 83.3],
    ['hours    0   1   2   3   4\nVAS      9   2   2   5   9', 77.8],
    ['time after block   before  15m  1h  2h\npain score         8       4    2   6', 75],
  ])('%j', (table, percent) => {
    const diary = `PAIN DIARY - returned 01/14/2026  (block 01/13/2026, lidocaine)\n${table}\npt comment: "could bend"\n`;
    const r = reviewSource(textSource(`${note('01/13/2026')}\f${diary}`, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.reliefPercent)).toContain(percent);
  });
});

describe('a procedure note records its session\'s sedation; anxiety told only there is that session\'s reason (dev writer 11A)', () => {
  const pa = 'PRIOR AUTHORIZATION REQUEST\nDate: 01/06/2026\nService: confirmatory bilateral L4-5, L5-S1 medial branch blocks #2, fluoroscopy, MAC (CRNA).\nIndication for MAC: patient preference.\n';
  test.each([
    ['Moderate (conscious) sedation: midazolam 2 mg IV and fentanyl 50 mcg IV, given by RN for patient anxiety about the procedure.', 'moderate'],
    ['Sedation: IV sedation with midazolam 2 mg for anxiety.', 'iv'],
    ['Anesthesia: monitored anesthesia care (propofol) - patient anxious.', 'mac'],
  ])('%s', (line, sedation) => {
    const note = `PROCEDURE NOTE\nDate of service: 12/02/2025\nProcedure: diagnostic bilateral L4-5 and L5-S1 medial branch block #1.\n${line}\nPost: 8/10 -> 1/10 (87.5%).\n`;
    const r = reviewSource(textSource(`${pa}\f${note}`, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.sedation)).toContain(sedation);
    expect(r.flags.map((f) => f.code)).toContain('CONFOUNDED_DIAGNOSTIC_BLOCK');
    expect(r.flags.map((f) => f.code)).toContain('SEDATION_NOT_JUSTIFIED');
  });
  test.each([
    ['Sedation: none. Local skin wheal only.', 'none'],
    ['No sedation was given.', 'none'],
  ])('no sedation at the block: %s', (line, sedation) => {
    const note = `PROCEDURE NOTE\nDate of service: 12/02/2025\nProcedure: diagnostic bilateral L4-5 and L5-S1 medial branch block #1.\n${line}\n`;
    const r = reviewSource(textSource(`${pa}\f${note}`, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.sedation)).toContain(sedation);
    expect(r.flags.map((f) => f.code)).not.toContain('CONFOUNDED_DIAGNOSTIC_BLOCK');
  });
  test('an anxiety disorder in the request\'s own documents is a reason', () => {
    const note = 'PROCEDURE NOTE\nDate of service: 12/02/2025\nProcedure: diagnostic bilateral L4-5 and L5-S1 medial branch block #1.\nSedation: none.\n';
    const letter = 'LETTER OF MEDICAL NECESSITY\nDate: 01/06/2026\nShe has a long-standing panic disorder; MAC sedation is requested for the second block.\n';
    const r = reviewSource(textSource(`${pa}\f${note}\f${letter}`, 'packet.txt'));
    expect(r.flags.map((f) => f.code)).not.toContain('SEDATION_NOT_JUSTIFIED');
  });
});

describe('a table of sessions under a heading that names their procedure (dev writer 11A)', () => {
  test.each([
    ['Diagnostic medial branch blocks (bilateral L3, L4 MB + L5 DR; fluoro; no sedation):\n | Block | Date       | Agent             | Pre NRS | Post NRS | Relief | Duration |\n | #1    | 11/18/2025 | lidocaine 2%      | 8       | 1        | 87.5%  | ~2 h     |\n | #2    | 12/16/2025 | bupivacaine 0.5%  | 8       | 1        | 87.5%  | ~7 h     |'],
    ['Bilateral L4-5, L5-S1 medial branch blocks:\n #    Date          Anesthetic     % relief    Duration\n 1    11/18/2025    lidocaine      87.5%       2 hours\n 2    12/16/2025    bupivacaine    87.5%       7 hours'],
    ['MEDIAL BRANCH BLOCK HISTORY (bilateral L4-5 and L5-S1)\n| No. | Date | Relief | Lasted |\n|---|---|---|---|\n| 1 | 11/18/2025 | 87.5% | 2 h |\n| 2 | 12/16/2025 | 87.5% | 7 h |'],
    ['Medial branch blocks, bilateral L4-5/L5-S1\n  Session   Date of block   Peak relief   Duration\n  MBB 1     11/18/2025      87.5%         2 hrs\n  MBB 2     12/16/2025      87.5%         7 hrs'],
    ['Diagnostic MBBs - bilateral L4-L5, L5-S1:\n | Date | Local | Improvement | Duration |\n | 11/18/2025 | lido | 87.5% | 2h |\n | 12/16/2025 | bupi | 87.5% | 7h |'],
  ])('%j', (table) => {
    const r = reviewSource(textSource(`OFFICE VISIT\nDate of service: 01/20/2026\nAxial low back pain since 2023.\n${table}\n\nPlan: bilateral L4-5 and L5-S1 radiofrequency ablation.\n`, 'n.txt'));
    const rows = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && f.attributes.date !== undefined)
      .map((f) => [f.attributes.procedure, f.attributes.date, f.attributes.reliefPercent]);
    expect(rows).toEqual(expect.arrayContaining([['medial_branch_block', '2025-11-18', 87.5], ['medial_branch_block', '2025-12-16', 87.5]]));
  });
});

describe('a request told as the next reasonable step, or pending authorization (dev writer 11C)', () => {
  test.each([
    ['The next reasonable step is a single-level right L5 transforaminal injection with dexamethasone.'],
    ['A reasonable next step would be a right L5 transforaminal epidural steroid injection.'],
    ['The logical next step is a right L5 transforaminal injection under fluoroscopy.'],
    ['We would like to proceed with a right L5 transforaminal epidural steroid injection.'],
    ['I have asked my scheduler to obtain authorization for a right L5 transforaminal injection.'],
    ['He is scheduled pending approval for a right L5 transforaminal epidural steroid injection.'],
  ])('%s', (line) => {
    const r = reviewSource(textSource(`LETTER\nDate: 02/02/2026\nRight leg pain below the knee since October 2025 with a positive straight leg raise.\n${line}\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['transforaminal_esi']);
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
  });
  test.each([
    ['At the 09/30/2025 visit, about 11 weeks out, he still reported about 60% relief.', '11 weeks'],
    ['Seen 8 weeks out: about 70% relief.', '8 weeks'],
    ['Three months out he is 60% better.', '3 months'],
  ])('a time point "weeks out" dates the report: %s', (line, at) => {
    const r = reviewSource(textSource(`OFFICE NOTE\nDate: 10/01/2025\nRight S1 transforaminal ESI 07/15/2025: pain 7/10 before, 2/10 after.\n${line}\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.reliefAt)).toContain(at);
  });
});

describe('axial pain told in the patient\'s words (dev writer 11C)', () => {
  test.each([
    ['Mrs. Doe is back because the pain across the bottom of her back has been returning.'],
    ['She developed aching pain across the lumbosacral junction on both sides, without leg pain.'],
    ['"the same ache as before, like a belt pulled too tight across the bottom of my back."'],
    ['The pain is in her lower back, worse standing, and does not travel into the legs.'],
    ['It is across the belt line on both sides, worse standing at the sink.'],
  ])('%s', (line) => {
    const r = reviewSource(textSource(`OFFICE NOTE\nDate of service: 01/06/2026\n${line}\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'axial_pain' && f.assertion === 'present').length).toBe(1);
  });
});

describe('an epidural\'s approach and levels on a post-laminectomy request (dev writer 11C)', () => {
  const req = (body: string) => reviewSource(textSource(`PRIOR AUTHORIZATION REQUEST\nDate: 01/12/2026\n${body}\n`, 'n.txt')).facts
    .filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => [f.attributes.procedure, f.attributes.levels ?? null]);
  test.each([
    ['Item/service:  Epidural steroid injection, caudal approach\n   CPT 62323     1 unit   interlaminar epidural, lumbar or sacral (caudal),\n                          with imaging guidance (fluoroscopy or CT)'],
    ['Service: epidural steroid injection, caudal approach (CPT 62323 - interlaminar epidural, lumbar or sacral (caudal), with imaging).'],
    ['Requested: caudal epidural steroid injection; because of the scar at L3-4 and L4-5 we will use a caudal approach rather than an interlaminar needle.'],
    ['Requested: caudal epidural steroid injection under fluoroscopy (prior laminectomy at L4-5).'],
    ['Requested: caudal ESI; fusion at L4-L5 and L5-S1 with hardware, so no interlaminar access.'],
  ])('%j', (body) => {
    expect(req(body)).toEqual([['caudal_esi', null]]);
  });
});

describe('a follow-up told as "seven weeks after" dates its report (dev writer 11C)', () => {
  test.each([
    ['Seven weeks after L4-5 interlaminar ESI (09/16/2025). Leg pain back to 7/10, the same as before the injection.', '7 weeks'],
    ['Nine weeks after the L4-5 interlaminar ESI of 09/16/2025 she is 50% better.', '9 weeks'],
    ['Eleven weeks post L4-5 interlaminar ESI (09/16/2025): 60% relief.', '11 weeks'],
  ])('%s', (line, at) => {
    const r = reviewSource(textSource(`OFFICE NOTE\nDate of service: 12/10/2025\n${line}\nPlan: repeat L4-5 interlaminar ESI.\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.reliefAt)).toContain(at);
  });
});

describe('"X before a repeat Y": Y is the later option, not asked for now (dev writer 11B)', () => {
  test.each([
    ['Plan: She prefers to try an interlaminar epidural before a repeat SI injection.', 'si_joint_injection'],
    ['Plan: L4-5 interlaminar ESI before another SI joint injection.', 'si_joint_injection'],
    ['Plan: right L5 TFESI before repeating the facet injections.', 'facet_injection'],
    ['Plan: left L4-5 interlaminar ESI before considering radiofrequency ablation.', 'radiofrequency_ablation'],
    ['Plan: right L5 transforaminal ESI before proceeding to medial branch blocks.', 'medial_branch_block'],
  ])('%s', (plan, later) => {
    const r = reviewSource(textSource(`OFFICE VISIT\nDOS: 10/28/2025\nRight buttock and leg pain.\n${plan}\n`, 'n.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).not.toContain(later);
  });
});

describe('a chiropractor\'s report under its letterhead is its own document, its course of care dated (dev writer 11C)', () => {
  test.each([
    ['PRATER FAMILY CHIROPRACTIC                                      Page 4 of 5\nNarrative Report\n\nPatient: Curtis Maynard\nDate of report: 05/14/2025\nDates of care: 03/03/2025 through 05/12/2025 (12 visits over 10 weeks)\nTreatment: spinal manipulation, soft tissue work; some improvement.'],
    ['RIVERSIDE CHIROPRACTIC CLINIC\nDate of report: 05/14/2025\nDates of care: 03/03/2025 - 05/12/2025, 12 visits over 10 weeks.\nChiropractic adjustments with partial relief.'],
    ['CHIROPRACTIC NARRATIVE REPORT\nDate: 05/14/2025\nHe attended 12 visits over 10 weeks (03/03/2025 through 05/12/2025). Chiropractic care helped somewhat.'],
  ])('%j', (report) => {
    const note = 'OFFICE NOTE\nDate of service: 12/10/2025\nRight leg pain below the knee since February 2025. SLR positive on the right.\nPlan: right L4-5 transforaminal epidural steroid injection.\n';
    const r = reviewSource(textSource(`${note}\f${report}\n`, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'conservative_care' && f.attributes.modality === 'chiropractic').map((f) => f.attributes.durationWeeks)).toContain(10);
    expect(r.facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present').length).toBe(1);
  });
});

describe('a peer-to-peer record\'s "Discussion:" is what was said, not a plan of care (dev packet ds-06)', () => {
  test.each([
    ['Discussion:\n- Conservative care, per the PT discharge summary: outpatient PT 08/04/2025 to 09/26/2025, 8 weeks, no change.'],
    ['Discussion: Dr. M. confirmed physical therapy 08/04/2025 to 09/26/2025 (8 weeks) without benefit.'],
    ['DISCUSSION\nShe completed 8 weeks of physical therapy (08/04/2025 to 09/26/2025) with no lasting change.'],
  ])('%j', (discussion) => {
    const p2p = `HARBOR CREST MA - PEER-TO-PEER CONVERSATION RECORD\nUtilization review determination - case UM-25-1124-0588\nDate/time: 12/02/2025 12:15 (telephone)\n${discussion}\n`;
    const r = reviewSource(textSource(`PRIOR AUTHORIZATION REQUEST\nDate: 11/24/2025\nService: L4-5 interlaminar epidural steroid injection, fluoroscopy.\n\f${p2p}`, 'packet.txt'));
    expect(r.facts.filter((f) => f.type === 'conservative_care' && f.attributes.modality === 'physical_therapy').map((f) => [f.assertion, f.attributes.durationWeeks])).toContainEqual(['present', 8]);
  });
});

describe('a call or visit about "the shot" that names no procedure reports on the packet\'s latest session before it (dev packet d7b-01)', () => {
  const note = 'PROCEDURE REPORT\nDate of service: 07/22/2025\nProcedure: right L5-S1 transforaminal epidural steroid injection.\n';
  test.each([
    ['TELEPHONE ENCOUNTER    09/10/2025 14:22\nPt states he is "still about 60 percent better" than before the shot.', 60],
    ['NURSE CALL 09/10/2025\nShe reports about 70% relief from the shot.', 70],
    ['Telephone note 09/10/2025: patient says that shot gave her 80% relief, still holding.', 80],
  ])('%j', (call, percent) => {
    const r = reviewSource(textSource(`${note}\f${call}\n`, 'packet.txt'));
    const got = r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present' && f.attributes.reliefPercent === percent);
    expect(got.map((f) => [f.attributes.procedure, f.attributes.date, f.attributes.reliefDate])).toEqual([['transforaminal_esi', '2025-07-22', '2025-09-10']]);
  });
  test('alone, "the shot" names no session', () => {
    const r = reviewSource(textSource('TELEPHONE ENCOUNTER    09/10/2025\nShe reports about 70% relief from the shot.\n', 'call.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
  });
  test('"The 08/05/2025 PR-2 reports 80% improvement two weeks after the injection" dates a report, not a session', () => {
    const letter = 'APPEAL LETTER\nDate: 10/20/2025\nHe had a right L5-S1 TFESI on 07/22/2025; the procedure report records pain 8/10 before and 2/10 after. The 08/05/2025 PR-2\nreports 80% improvement two weeks after the injection.\n';
    const r = reviewSource(textSource(letter, 'letter.txt'));
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes.date)).not.toContain('2025-08-05');
  });
});

describe('imaging done before an operation, or a plain film, shows no compression now (dev writer 12B)', () => {
  const review = (imaging: string) => reviewSource(textSource(`OFFICE NOTE\nDate of service: 02/10/2026\nNew left thigh radicular pain since November 2025 above an L3-L5 fusion (March 2014); femoral stretch positive on the left.\nPT 6 weeks failed. NRS 7/10.\nImaging:\n${imaging}\nPlan: caudal epidural steroid injection under fluoroscopy.\n`, 'n.txt'));
  const esi1 = (imaging: string) => review(imaging).reviews.find((v) => v.policy === 'cms-lcd-esi')!.criteria.find((c) => c.id === 'ESI-1B')!.status;
  test.each([
    ['- MRI lumbar 11/2013 (before the fusion): L3-4 and L4-5 stenosis.'],
    ['- Pre-operative MRI 2013: severe L3-4 and L4-5 stenosis.'],
    ['- MRI prior to his fusion (2013) showed L3-4 and L4-5 stenosis.'],
    ['- Flexion-extension radiographs 04/2024: 3 mm retrolisthesis of L2 on L3.'],
  ])('%s', (imaging) => {
    expect(esi1(imaging)).not.toBe('met');
  });
  test('a current MRI still shows it', () => {
    expect(esi1('- MRI lumbar 12/2025: severe L2-3 stenosis above the fusion.')).toBe('met');
  });
});

describe('a leg pain episode told as over is history, not active radiculopathy (dev writers 10B, 12B)', () => {
  const active = (history: string) => {
    const r = reviewSource(textSource(`OFFICE NOTE\nDate of service: 01/20/2026\nHistory:\n${history}\n\nCurrent: right-sided axial low back pain since February 2025, 7/10; she denies leg pain. Facet loading positive on the right.\nPlan: right L4-5 and L5-S1 medial branch blocks.\n`, 'n.txt'));
    return r.flags.map((f) => f.code).filter((c) => c === 'RADICULOPATHY_WITH_FACET_REQUEST' || c === 'PAIN_BELOW_KNEE_WITH_FACET_REQUEST');
  };
  test.each([
    ['2) Spring 2024: left buttock and leg pain radiating to the top of the foot. A left L4-5 TFESI on 04/16/2024 gave 90% relief, and the leg pain has not recurred since.'],
    ['In March 2021 she had a right L5 TFESI for an episode of sciatica down to the ankle (90% relief at four weeks); that episode never recurred.'],
    ['- 2023: right leg pain into the calf after lifting; treated with PT, it did not recur.'],
    ['Left sciatica to the foot in 2022 resolved with a TFESI and has not returned.'],
    ['Remote right leg pain below the knee (2019) never came back after her ESI.'],
    ['In late 2022 she had right leg pain to the top of the foot; a right L5-S1 TFESI gave 80% relief and the leg pain was gone by May 2023.'],
    ['Right L5 radicular pain in late 2022 was treated with a TFESI; the leg pain had resolved by May 2023.'],
    // Cleared with treatment, and no leg pain since (dev d10b-04).
    ['In the fall of 2022 he had a few months of right-sided sciatica afterward that cleared with therapy, and he has had no leg pain since 2023.'],
    ['Right leg pain to the calf in 2021 cleared up after physical therapy.'],
    ['2022: left sciatica, resolved with physical therapy.'],
    ['She had right S1 radicular pain in 2020 that cleared on its own; no leg pain since.'],
    ['Left leg pain to the foot (2019) resolved after an epidural.'],
  ])('%s', (history) => {
    expect(active(history)).toEqual([]);
  });
  test('a leg pain that came back is active', () => {
    expect(active('Right leg pain below the knee since December 2025, returned after the 2024 TFESI wore off.').length).toBeGreaterThan(0);
  });
});

describe('a letter\'s subject line wrapped mid-phrase, and a pain told as "three years of ... pain" (dev writer 12C)', () => {
  test.each([
    ['RE: Clyde R. Brannigan  DOB 09/03/1953  -  LETTER OF MEDICAL NECESSITY, bilateral L4-5 and\nL5-S1 radiofrequency ablation (64635-50, 64636-50)'],
    ['Re: J. Doe - request for bilateral L4-5 and L5-S1\nradiofrequency ablation'],
    ['Subject: Prior authorization for right L4-5, L5-S1 radiofrequency ablation of the medial branches with\nfluoroscopic guidance'],
  ])('%j', (subject) => {
    const r = reviewSource(textSource(`January 19, 2026\n${subject}\n\nDear Medical Director,\nMr. B. is a 72-year-old retired machinist with three years of predominantly axial low back pain.\n`, 'letter.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
    expect(r.facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present')).toEqual([]);
    expect(r.facts.filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months)).toEqual([36]);
  });
});

describe('office notes kept as dated visit entries, and a procedure record kept as dated entries (dev d7c-07, d13c-01)', () => {
  const noteDate = (text: string) => (reviewSource(textSource(text, 'notes.txt')).case as Case).noteDate.value;
  test.each([
    ['SPINE & PAIN - OFFICE NOTES\n09/16/2025 - new consult\n CC: back pain.\n11/18/2025 - f/u after MBB #2\n MBB #2 helped.', '2025-11-18'],
    ['Clinic notes\n01/05/2026 - follow-up\n doing well\n02/09/2026: visit\n pain 3/10', '2026-02-09'],
    ['03/02/2026 - office visit\n LBP\n03/30/2026 - recheck after ESI\n 60% better', '2026-03-30'],
    ['12/01/2025 - telephone\n pt called\n11/20/2025 - post-injection visit\n 50% better', '2025-12-01'],
    ['10/10/2025 \u2013 consultation\n axial back pain for 2 years', '2025-10-10'],
  ])('the latest entry dates the notes: %s', (text, iso) => {
    expect(noteDate(text)).toBe(iso);
  });
  test("a procedure record's entries date the sessions told under them", () => {
    const text = 'OFFICE NOTE 12/01/2025\nPlan: RFA.\n\fSURGERY CENTER - PROCEDURE NOTES\nDOS 10/07/2025  Diagnostic MBB #1, bilateral L3-4 and L4-5. Pre NRS 8/10; 30 min post 1/10.\n\nDOS 11/04/2025  (1) Diagnostic MBB #2, bilateral L3-4 and L4-5.\n(2) Right sacroiliac joint injection - triamcinolone 40 mg.\nIV sedation: midazolam 2 mg.\n';
    const r = reviewSource(textSource(text, 'p.txt'));
    const si = r.facts.find((f) => f.type === 'prior_procedure' && f.attributes.procedure === 'si_joint_injection');
    expect(si?.attributes.date).toBe('2025-11-04');
    expect(r.flags.map((f) => f.code)).toContain('CONFOUNDED_DIAGNOSTIC_BLOCK');
  });
});

describe("a letter is dated by its date line, not by the claim's DOS or the notice its subject cites (dev d13c-02, shared eb-06)", () => {
  const noteDate = (text: string) => (reviewSource(textSource(text, 'letter.txt')).case as Case).noteDate.value;
  test.each([
    ['LAKESHORE SPINE & PAIN\n\nFebruary 16, 2026\n\nAetna - Provider Appeals\nRE:  Level 1 provider appeal\n     Denial reference: PRE-26-0203-88152, dated February 3, 2026\n\nDear Appeals Reviewer:\nI am writing to appeal.', '2026-02-16'],
    ['HEARTLAND PAIN\n\nFebruary 23, 2026\n\nRE:  Additional Documentation Request (ADR) dated 01/29/2026\n     Claim ICN 2225334510870   DOS 11/18/2025\n\nDear Medical Reviewer:\nEnclosed are the records.', '2026-02-23'],
    ['PASO DEL NORTE PAIN\n\nApril 8, 2025\n\nRe: Y. R., Claim APIC-24-112084, DOS 03/12/2025\n\nDear Reviewer,\nYour review of 03/31/2025 found ...', '2025-04-08'],
    ['Bayou City Pain\n\n01/20/2025\n\nRe: R. F.  DOI 03/14/2022\n\nTo whom it may concern:\nWe request reconsideration of the determination dated 01/10/2025.', '2025-01-20'],
    ['Summit Spine\n  March 3, 2026\nRE: appeal, date of service 02/10/2026\nDear Dr. Lee,\nPlease reconsider.', '2026-03-03'],
  ])('%#', (text, iso) => {
    expect(noteDate(text)).toBe(iso);
  });
});

describe('a corrected request replaces the one it corrects: its levels and code lines stand (dev d13c-05)', () => {
  const original = 'PRIOR AUTHORIZATION REQUEST FORM\nDate: 03/03/2026\nProcedure: diagnostic bilateral lumbar medial branch blocks, L3-4, L4-5 and L5-S1\nCPT 64493-50 x1\nCPT 64494-50 x1\nCPT 64495-50 x1\n';
  const corrected = (head: string) => `${head}\nDate: 03/09/2026\nProcedure: diagnostic bilateral lumbar medial branch blocks, L4-5 and L5-S1\nCPT 64493-50 x1\nCPT 64494-50 x1\n`;
  const note = 'PROGRESS NOTE 02/26/2026\nAxial low back pain 2 years, facet loading positive. PT 8 weeks failed.\nPlan: bilateral L3-4, L4-5, L5-S1 medial branch blocks.\n';
  test.each([
    'PRIOR AUTHORIZATION FORM        ** CORRECTED **',
    'CORRECTED PRIOR AUTHORIZATION REQUEST',
    'REVISED REQUEST FOR AUTHORIZATION - replaces our fax of 03/03/2026',
    'PRIOR AUTHORIZATION REQUEST (this form supersedes the request of 03/03/2026)',
    'AMENDED ORDER - OUTPATIENT PROCEDURE AUTHORIZATION FORM',
  ])('%s', (head) => {
    const r = reviewSource(textSource(`${original}\f${corrected(head)}\f${note}`, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => f.attributes.levels)).toEqual([['L4-L5', 'L5-S1']]);
    expect(r.flags.map((f) => f.code)).not.toContain('CODE_LEVEL_MISMATCH');
    expect(r.flags.map((f) => f.code)).not.toContain('LEVEL_COUNT_EXCEEDED');
  });
  test('without a correction, the later form and the note\'s three levels stay as asked', () => {
    const r = reviewSource(textSource(`${original}\f${note}`, 'p.txt'));
    expect(r.facts.find((f) => f.type === 'requested_procedure' && f.assertion === 'present')?.attributes.levels).toEqual(['L3-L4', 'L4-L5', 'L5-S1']);
  });
});

describe('a superseded form asks for nothing; the corrected one is the request (dev d12b-07)', () => {
  const old = (mark: string) => `PRIOR AUTHORIZATION REQUEST FORM\nDate: 02/20/2026\nProcedure requested: Lumbar interlaminar epidural steroid injection L4-5\n  CPT 62323 x1\n${mark}\n`;
  const fresh = 'PRIOR AUTHORIZATION REQUEST FORM\n*** CORRECTED REQUEST - replaces the request dated 02/20/2026 ***\nDate: 03/02/2026\nProcedure requested: RIGHT L5-S1 transforaminal epidural steroid\n  injection (right L5 nerve root), fluoroscopic guidance\n  CPT 64483   Modifier RT   Units 1\n';
  test.each([
    '                 *** SUPERSEDED - SEE CORRECTED REQUEST 03/02/2026 ***',
    'VOID - see corrected form',
    '(original request, for reference only)',
    'Status: superseded',
    'Replaced - see revised request of 03/02/2026',
  ])('%s', (mark) => {
    const r = reviewSource(textSource(`${old(mark)}\f${fresh}`, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => [f.attributes.procedure, f.attributes.levels, f.attributes.side])).toEqual([['transforaminal_esi', ['L5-S1'], 'right']]);
  });
});

describe('a term the splitter broke at a wrapped line is read whole', () => {
  const req = (text: string) => reviewSource(textSource(text, 'form.txt')).facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure);
  test.each([
    ['PRIOR AUTHORIZATION REQUEST\nProcedure requested: RIGHT L5-S1 transforaminal epidural steroid\n  injection (right L5 nerve root), fluoroscopic guidance\n', 'transforaminal_esi'],
    ['PRIOR AUTHORIZATION REQUEST\nService: bilateral L4-5 medial branch\n   block, fluoroscopy, local only\n', 'medial_branch_block'],
    ['PRIOR AUTHORIZATION REQUEST\nProcedure: left L4-5 and L5-S1 radiofrequency\n    ablation under fluoroscopy\n', 'radiofrequency_ablation'],
    ['PRIOR AUTHORIZATION REQUEST\nRequested: caudal epidural steroid\n  injection with fluoroscopy\n', 'caudal_esi'],
    ['PRIOR AUTHORIZATION REQUEST\nRequested: L4-5 interlaminar epidural\n  steroid injection\n', 'interlaminar_esi'],
  ])('%#', (text, procedure) => {
    expect(req(text)).toContain(procedure);
  });
});

describe('a request told as revised stands over the earlier one, and so do its revised code lines (dev d10b-03)', () => {
  const denial = 'NOTICE OF UTILIZATION REVIEW DETERMINATION - NON-CERTIFICATION\nDate: 02/03/2026\nServices: Bilateral lumbar RF neurotomy L3-4, L4-5, L5-S1 under fluoroscopy\n          64635-50 x1, 64636-50 x2\nDecision: non-certified.\n';
  const note = 'PROGRESS NOTE 01/28/2026\nAxial low back pain 3 years, facet loading positive bilaterally. MBBs 11/12/2025 and 12/10/2025 positive.\nPlan: request bilateral L3-S1 RF neurotomy (L3-4, L4-5, L5-S1).\n';
  test.each([
    'The first request (denied 2/3/2026) was for bilateral L3-4, L4-5 and L5-S1 radiofrequency neurotomy. We now request bilateral L4-5 and L5-S1 neurotomy only.\nRevised codes: 64635-50 x1, 64636-50 x1.',
    'After the denial the request is revised to bilateral L4-5 and L5-S1 RF neurotomy.\nCorrected CPT: 64635-50 x1, 64636-50 x1',
    'The original request was for three joints; we instead request bilateral L4-5 and L5-S1 radiofrequency ablation.\nRevised codes: 64635-50 x1, 64636-50 x1',
    'The request has been reduced to bilateral L4-5 and L5-S1 radiofrequency neurotomy.\nAmended codes: 64635-50 x1 and 64636-50 x1.',
    'Our earlier submission (non-certified 02/03/2026) was for L3-S1. We now request bilateral L4-5 and L5-S1 RF ablation.\nUpdated codes: 64635-50 x1, 64636-50 x1',
  ])('%s', (letter) => {
    const text = `RECONSIDERATION\nFebruary 16, 2026\nDear Reviewer,\n${letter}\n\f${denial}\f${note}`;
    const r = reviewSource(textSource(text, 'p.txt'));
    const req = r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => [f.attributes.procedure, f.attributes.levels])).toEqual([['radiofrequency_ablation', ['L4-L5', 'L5-S1']]]);
    expect(r.flags.map((f) => f.code)).not.toContain('CODE_LEVEL_MISMATCH');
    expect(r.flags.map((f) => f.code)).not.toContain('LEVEL_COUNT_EXCEEDED');
  });
});

describe("a head line's bare 'Visit DATE' dates the note; a pain the sentence opens with has the duration told after its place (dev d14c-03)", () => {
  const noteDate = (text: string) => (reviewSource(textSource(text, 'n.txt')).case as Case).noteDate.value;
  test.each([
    ['LONE PINE SPINE & PAIN - OFFICE VISIT\nPatient: D. S.   DOB 06/02/1976   Visit 02/17/2026\nAxial pain.', '2026-02-17'],
    ['CLINIC NOTE\nVisit: 03/03/2026\nLow back pain.', '2026-03-03'],
    ['URBANDALE URGENT CARE                                  Visit 12/02/2025 18:40\nCC: back pain', '2025-12-02'],
    ['Spine Center\nPt: A. B.   Visit # 4   Visit 01/09/2026\nFollow-up.', '2026-01-09'],
    ['PAIN CLINIC  Visit - 11/11/2025\nSeen for LBP.', '2025-11-11'],
  ])('%#', (text, iso) => {
    expect(noteDate(text)).toBe(iso);
  });
  const months = (text: string) => reviewSource(textSource(`OFFICE NOTE 02/17/2026\n${text}\n`, 'n.txt')).facts.filter((f) => f.type === 'pain_duration').map((f) => f.attributes.months);
  test.each([
    ['Chronic bilateral low back pain, centered at the lumbosacral junction slightly above the belt line, for about 3 years.', 36],
    ['Axial low back pain, worst across the belt line and into both buttocks but not the legs, for roughly 18 months.', 18],
    ['Right-sided back pain, sharp with twisting and dull at rest, at the L4-5 level, for 9 months now.', 9],
    ['Low back pain, constant and aching, left more than right, present for two years.', 24],
    ['Bilateral lumbar pain, mostly with standing and extension, for the past 6 months.', 6],
  ])('%s', (text, m) => {
    expect(months(text)).toContain(m);
  });
});
