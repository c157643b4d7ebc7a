import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

/** Imaging findings of a short note as "assertion finding modality levels size" strings, sorted. */
function imaging(text: string): string[] {
  const review = reviewSource(textSource(text));
  return review.facts.filter((f) => f.type === 'imaging_finding').map((f) => [
    f.assertion, f.attributes.finding, f.attributes.modality ?? '-',
    ((f.attributes.levels as string[] | undefined) ?? []).join(',') || '-', f.attributes.sizeMm ?? '-',
  ].join(' ')).sort();
}

describe('imaging_finding: study, finding, assertion and levels (annotation §4.11)', () => {
  test('a multi-level list gives one fact with every level', () => {
    expect(imaging('IMAGING:\nMRI lumbar spine 01/2024: annular bulging at L3-4, L4-5 and L5-S1.\n'))
      .toEqual(['present disc_bulge mri L3-L4,L4-L5,L5-S1 -']);
  });

  test('"No disc herniation or stenosis" negates both findings of the study', () => {
    expect(imaging('IMAGING:\nMRI L-spine 2023-12-05: moderate facet arthropathy L4-5 and L5-S1. No disc herniation or stenosis.\n'))
      .toEqual(['absent disc_herniation mri - -', 'absent stenosis mri - -', 'present facet_arthropathy mri L4-L5,L5-S1 -']);
  });

  test('nerve roots are not levels of a disc finding, and sizes are read from the finding', () => {
    expect(imaging('MRI lumbar spine (3/1/2024): L4-5 right paracentral disc extrusion measuring 6 mm, with compression of the traversing right L5 nerve root.\n'))
      .toEqual(['present disc_herniation mri L4-L5 6']);
  });

  test('a slip is named by its segment ("L4 on L5", "anterolisthesis of L5")', () => {
    expect(imaging('CT lumbar spine: grade 1 degenerative anterolisthesis L4 on L5 (4 mm).\n')).toEqual(['present spondylolisthesis ct L4-L5 4']);
    expect(imaging('IMAGING:\nX-rays show spondylolisthesis with 3.5 mm of anterolisthesis of L5.\n')).toEqual(['present spondylolisthesis xray L5-S1 3.5']);
  });

  test('a level header carries to the sentences of its paragraph, and the report modality to every finding', () => {
    const text = 'CT LUMBAR SPINE\n\nFINDINGS:\nComputerized tomography was performed with reformatted images.\n\n' +
      'L2-3: There is a circumferential disc protrusion measuring 4.6mm (AP). There is mild right neural foraminal narrowing and minimal facet arthrosis.\n\n' +
      'L4-5: There is posterior annular disc bulging. There is minimal narrowing of the lateral recesses of L5.\n';
    expect(imaging(text)).toEqual([
      'present disc_bulge ct L4-L5 -', 'present disc_herniation ct L2-L3 4.6', 'present facet_arthropathy ct L2-L3 -', 'present stenosis ct L2-L3,L4-L5 -',
    ]);
  });

  test('cervical and lumbar MRIs are two studies', () => {
    expect(imaging('HISTORY:\nHer cervical MRI reveals multilevel foraminal stenosis. Her lumbar MRI reveals spinal stenosis at L4-5.\n'))
      .toEqual(['present stenosis mri - -', 'present stenosis mri L4-L5 -']);
  });

  test('a sentence that continues the study inherits it ("An MRI was obtained. This revealed ...")', () => {
    expect(imaging('HISTORY:\nAn MRI of the lumbar spine was obtained. This revealed an L3-4 disc herniation.\n'))
      .toEqual(['present disc_herniation mri L3-L4 -']);
  });

  test('normal studies: each study called negative, not the parameters of a nerve conduction study', () => {
    expect(imaging('HISTORY:\nHis lumbar CT scan and X-rays were negative.\n')).toEqual(['present normal ct - -', 'present normal xray - -']);
    expect(imaging('NCS:\nMotor and sensory distal latencies and F-waves are normal in the lower extremities.\n')).toEqual([]);
  });

  test('hedged findings are possible; findings of no named study are diagnoses', () => {
    expect(imaging('HISTORY:\nHe had an MR myelogram, which showed severe stenosis at L3-L4, however it may have been artifact.\n'))
      .toEqual(['possible stenosis mri L3-L4 -']);
    expect(imaging('HISTORY:\nShe has a history of prior laminectomy for spinal stenosis.\n')).toEqual([]);
  });

  test('studies of other body parts give no spine finding', () => {
    expect(imaging('HISTORY:\nCT of the orbits showed fluid in the mastoid air cells, otherwise normal CT scan.\n')).toEqual([]);
  });

  test('"negative for disc herniation" is an absent herniation, not a normal study; vessel stenosis is no spine finding', () => {
    expect(imaging('HISTORY:\nMRI of the lumbar spine was negative for disk herniation.\n')).toEqual(['absent disc_herniation mri - -']);
    expect(imaging('HISTORY:\nCT angiography showed 55% stenosis of the left carotid artery.\n')).toEqual([]);
  });

  test('the FINDINGS of an operation are intra-operative, not a study', () => {
    expect(imaging('HISTORY:\nShe had back pain.\n\nPROCEDURE:\nLumbar laminectomy L3 to S1.\n\nFINDINGS:\nA very tight stenosis at L3-L4 and L4-L5.\n')).toEqual([]);
  });
});

describe('imaging_finding: studies named indirectly, alternatives and synonyms', () => {
  test('an "imaging study" is a study without a modality; a study showing no abnormality is normal', () => {
    expect(imaging('HISTORY:\nA recent imaging study showed a fractured pedicle screw with lucency around the hardware.\n')).toEqual(['present fusion_hardware - - -']);
    expect(imaging('HISTORY:\nMRI of the lumbar spine showed no evidence of an abnormality.\n')).toEqual(['present normal mri - -']);
  });

  test('"bulging or protrusion" names one disc finding, while "no bulging or protrusion" negates both', () => {
    expect(imaging('CT LUMBAR SPINE:\nAt L3-4 there is mild disc bulging or protrusion.\n')).toEqual(['present disc_bulge ct L3-L4 -']);
    expect(imaging('CT LUMBAR SPINE:\nAt L3-4 there is no disc bulging or protrusion.\n')).toEqual(['absent disc_bulge ct L3-L4 -', 'absent disc_herniation ct L3-L4 -']);
  });

  test('facet sclerosis is facet arthropathy, and an unlevelled mention joins the levelled one of its study', () => {
    expect(imaging('CT LUMBAR SPINE:\nThere is facet sclerosis at L5-S1. Facet arthrosis is seen in the lower lumbar spine.\n')).toEqual(['present facet_arthropathy ct L5-S1 -']);
  });

  test('a hedged finding ("some suggestion of ... encroachment") is possible', () => {
    expect(imaging('HISTORY:\nHis MRI showed some suggestion of foraminal encroachment at L4-5.\n')).toEqual(['possible stenosis mri L4-L5 -']);
  });
});

describe('imaging_finding: a study without modality holds for its own sentence only', () => {
  test('findings "in agreement with preoperative imaging studies" are imaging; the next sentence of the operation is not', () => {
    expect(imaging('PROCEDURE:\nThere was foraminal stenosis at C5-C6 in agreement with preoperative imaging studies. A nerve hook confirmed there were no extruded disc fragments.\n'))
      .toEqual(['present stenosis - C5-C6 -']);
  });
});

describe('imaging_finding: intra-operative films are not studies (annotation §4.11)', () => {
  test.each([
    'PROCEDURE:\nTwo screws were placed at C5 and C6. A final x-ray was done confirming good position of the hardware.\n',
    'PROCEDURE:\nPedicle screws were placed at L4 and L5; intraoperative x-rays showed good position of the instrumentation.\n',
    'PROCEDURE:\nA localizing x-ray was obtained. The plate and instrumentation were placed at C5-C6.\n',
  ])('%s', (text) => {
    expect(imaging(text)).toEqual([]);
  });

  test('a postoperative study of the hardware in a history is still a study', () => {
    expect(imaging('HISTORY:\nX-rays of the lumbar spine in 2019 showed pedicle screws at L4-L5.\n')).toEqual(['present fusion_hardware xray L4-L5 -']);
  });
});

describe('imaging_finding: radiology synonyms and plurals', () => {
  test('a "grade 1 slip" is a spondylolisthesis, "narrowed neural foramina" stenosis, "facet joint effusions" facet arthropathy', () => {
    expect(imaging('HISTORY:\nMRI of the lumbar spine showed a grade 1 slip at L4-5 with narrowed neural foramina and facet joint effusions.\n'))
      .toEqual(['present facet_arthropathy mri L4-L5 -', 'present spondylolisthesis mri L4-L5 -', 'present stenosis mri L4-L5 -']);
  });
});

describe('imaging_finding: studies of different dates', () => {
  test('"an MRI at that time" takes the date told before it and stays apart from a later dated MRI', () => {
    expect(imaging('HISTORY:\nHe was injured in May of 2005. He had an MRI at that time, which showed a herniation of the L5-S1 disc. Review of MRI done on 02/10/06 shows a small herniation at L1-L2.\n'))
      .toEqual(['present disc_herniation mri L1-L2 -', 'present disc_herniation mri L5-S1 -']);
  });
});

describe('imaging_finding: a report paragraph that opens at a level', () => {
  test('findings without a level in the paragraph are at the level it opens with, and the next paragraph starts afresh', () => {
    const text = 'CT LUMBAR SPINE\n\nFINDINGS:\nComputerized tomography was performed.\n\nThere is severe disc space narrowing at the L4-5 level with endplate changes. There is facet hypertrophy on the left. Mild foraminal narrowing is seen.\n\n' +
      'At the L3-4 level, a small disc bulge is present.\n\nThere is facet hypertrophy bilaterally.\n';
    expect(imaging(text)).toEqual(['present disc_bulge ct L3-L4 -', 'present facet_arthropathy ct L4-L5 -', 'present stenosis ct L4-L5 -']);
  });

  test('an item of a numbered impression does not give its level to the next item', () => {
    const text = 'CT LUMBAR SPINE\n\nFINDINGS:\nComputerized tomography was performed.\n\n1. Disc protrusion at L5-S1.\n2. Facet arthropathy in the lower lumbar spine.\n';
    expect(imaging(text)).toEqual(['present disc_herniation ct L5-S1 -', 'present facet_arthropathy ct - -']);
  });

  test('gas in a degenerated disc ("disk vacuum phenomenon") is no herniation', () => {
    expect(imaging('CT LUMBAR SPINE\n\nFINDINGS: Small amount of extruded disk vacuum phenomenon is present at L5-S1.\n')).toEqual([]);
  });
});

describe('imaging_finding: a study sentence that reports opens a list of its findings', () => {
  test('the sentence after "MRI revealed <a non-vocabulary finding>" speaks of that MRI', () => {
    expect(imaging('HISTORY:\nThe MRI of the lumbar spine revealed multilevel degenerative disc disease. He had an L4-5 slight anterior spondylolisthesis.\n'))
      .toEqual(['present spondylolisthesis mri L4-L5 -']);
  });

  test('a closing ", particularly at <levels>" places the findings before it', () => {
    expect(imaging('HISTORY:\nMRI of the lumbar spine showed facet arthropathy and foraminal narrowing, particularly at L4-5 and L5-S1.\n'))
      .toEqual(['present facet_arthropathy mri L4-L5,L5-S1 -', 'present stenosis mri L4-L5,L5-S1 -']);
  });
});

describe('the side a finding names', () => {
  const sides = (text: string) => reviewSource(textSource(text)).facts.filter((f) => f.type === 'imaging_finding')
    .map((f) => `${f.attributes.finding} ${f.attributes.side ?? '-'}`).sort();
  test.each([
    ['MRI lumbar spine 02/20/2026: small LEFT paracentral disc protrusion at L5-S1.', 'disc_herniation left'],
    ['MRI lumbar spine 02/20/2026: L4-5 disc bulge eccentric to the right.', 'disc_bulge right'],
    ['MRI lumbar spine 02/20/2026: moderate right foraminal stenosis at L4-5.', 'stenosis right'],
    ['MRI lumbar spine 02/20/2026: L5-S1 disc protrusion on the left.', 'disc_herniation left'],
    ['MRI lumbar spine 02/20/2026: L4-5 disc herniation contacting the right L5 root.', 'disc_herniation -'],
  ])('%s', (text, expected) => {
    expect(sides(text)).toEqual([expected]);
  });
});

describe('a study done whose report the packet does not hold (shared eb-07, dev d7b-04)', () => {
  const pending = (text: string) => reviewSource(textSource(`PROGRESS NOTE 02/01/2026\n${text}`)).facts.filter((f) => f.type === 'imaging_pending')
    .map((f) => `${f.attributes.modality ?? '-'} ${f.attributes.studyDate ?? '-'}`);
  test.each([
    ['MRI lumbar spine was done 01/09/2026 at Harlingen Open MRI; the report has not reached us despite two requests.', 'mri 2026-01-09'],
    ['Imaging: MRI L-spine 11/22/2024 (Big Country Open MRI) - report requested, not yet received.', 'mri 2024-11-22'],
    ['We are still awaiting the outside MRI report and will forward it as soon as it is received.', 'mri -'],
    ['The lumbar MRI was performed on 11/22/2024. Despite requests we have not yet received the report.', 'mri 2024-11-22'],
    ['CT lumbar spine 12/10/2025, results pending.', 'ct 2025-12-10'],
  ])('%s', (text, expected) => {
    expect(pending(text)).toEqual([expected]);
  });
  test('a report that is there is no missing report', () => {
    expect(pending('MRI lumbar spine 01/09/2026: L4-5 protrusion contacting the left L5 root. Report reviewed with the patient.')).toEqual([]);
  });
  test('the patient\'s account of a study is no finding of it', () => {
    expect(imaging('MRI lumbar spine was done 11/22/2024; we have not yet received the report; the patient was told it showed a bulging disc pressing on a nerve.')).toEqual(['possible disc_bulge mri - -']);
  });
});
