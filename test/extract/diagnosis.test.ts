import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

/** Diagnoses of a short note as "assertion concept" strings, sorted. */
function dx(text: string): string[] {
  const review = reviewSource(textSource(text));
  return review.facts.filter((f) => f.type === 'diagnosis').map((f) => `${f.assertion} ${String(f.attributes.concept)}`).sort();
}

describe('diagnosis: wording variants of a diagnosis statement (annotation §4.12)', () => {
  test.each([
    ['DIAGNOSIS: Herniation L4-5 disk, left.', ['present lumbar disc herniation']],
    ['PREOPERATIVE DIAGNOSIS: Herniated lumbar disk with intractable back pain.', ['present lumbar disc herniation']],
    ['PREOPERATIVE DIAGNOSES: DDD/disk protrusions/spondylosis L4-S1.', ['present degenerative disc disease', 'present lumbar disc herniation', 'present lumbar spondylosis']],
    ['ASSESSMENT: Grade 1 spondylolisthesis and stenosis at L4-5.', ['present lumbar spinal stenosis', 'present lumbar spondylolisthesis']],
    ['HPI: Back pain.\nIMP: Spondylolisthesis and stenosis at L4-5.', ['present lumbar spinal stenosis', 'present lumbar spondylolisthesis']],
    ['POSTOPERATIVE DIAGNOSES: Right lumbosacral radiculopathy secondary to lumbar spondylolysis.', ['present lumbar radiculopathy', 'present lumbar spondylolysis']],
    ['PRE-OP DIAGNOSES: Herniated disc - 722.10, Lumbar facet, arthropathy - 724.4.', ['present lumbar disc herniation', 'present lumbar facet arthropathy']],
    ['PREOPERATIVE DIAGNOSIS: Sacro-iliitis (720.2).', ['present sacroiliac joint dysfunction']],
  ])('%s', (text, expected) => {
    expect(dx(text + '\n')).toEqual(expected);
  });

  test('a strain or sprain takes the spine region written beside it', () => {
    expect(dx('IMPRESSION: Lumbar muscle strain.\n')).toEqual(['present lumbar strain']);
    expect(dx('IMPRESSION: (1) Sprain/strain injury to the lumbosacral spine. (2) Cervical sprain/strain.\n')).toEqual(['present cervical strain', 'present lumbar strain']);
    expect(dx('IMPRESSION: Right shoulder pain, most likely secondary to muscular strain.\n')).toEqual([]);
  });

  test('bare imaging words in a diagnosis list must be spine findings', () => {
    expect(dx('DIAGNOSES:\n1. Aortic stenosis.\n2. TMJ arthropathy secondary to bruxism.\n3. Lumbar spondylosis.\n')).toEqual(['present lumbar spondylosis']);
  });

  test('thoracic operative diagnoses: a T10-T12 level is not an ICD code before its descriptor', () => {
    expect(dx('PREOPERATIVE DIAGNOSIS: T12 compression fracture with cauda equina syndrome.\n')).toEqual(['present cauda equina syndrome', 'present compression fracture']);
    expect(dx('PREOPERATIVE DIAGNOSIS: T11 compression fracture.\n')).toEqual(['present compression fracture']);
    expect(dx('DIAGNOSES:\nM51.36 Other intervertebral disc degeneration, lumbar region\n')).toEqual([]);
  });
});

describe('diagnosis: trigger words outside their concept, region and assertion', () => {
  test('the cauda equina as anatomy is no cauda equina syndrome', () => {
    expect(dx('PROCEDURE: The dura and the cauda equina were protected with a cottonoid.\n')).toEqual([]);
  });

  test('hedged diagnoses are possible ("seemingly", "alternative diagnoses include")', () => {
    expect(dx('IMPRESSION: I think he seemingly has a peripheral neuropathy with a superimposed lumbosacral radiculopathy.\n'))
      .toEqual(['possible lumbar radiculopathy', 'possible peripheral neuropathy']);
    expect(dx('IMPRESSION: Leg weakness. Alternative diagnoses include lumbar spinal stenosis.\n')).toEqual(['possible lumbar spinal stenosis']);
    expect(dx('HISTORY: Shoulder pain without a suggestion of any cervical radiculopathies.\n')).toEqual(['absent cervical radiculopathy']);
  });

  test('a negated electrodiagnostic interpretation names the neuropathy it excludes', () => {
    expect(dx('EMG: There was no evidence of a demyelinating neuropathy or a lumbosacral radiculopathy.\n'))
      .toEqual(['absent lumbar radiculopathy', 'absent peripheral neuropathy']);
  });

  test('a sign not found on examination is no negated diagnosis', () => {
    expect(dx('PHYSICAL EXAMINATION:\nBack: no joint deformities or scoliosis.\n')).toEqual([]);
  });

  test('the region of a diagnosis comes from its paragraph when the mention has none', () => {
    expect(dx('HISTORY:\nHe had neck pain from a C5-6 disc herniation treated with an ACDF. He also had some radiculopathy at that time.\n'))
      .toEqual(['present cervical radiculopathy']);
    expect(dx('HISTORY:\nLow back pain since 2019. He also has radiculopathy.\n')).toEqual(['present lumbar radiculopathy']);
    expect(dx('HISTORY:\nLumbar pain for years.\n\nPHYSICAL EXAMINATION:\nNeck: supple, cervical nodes normal.\n\nASSESSMENT:\n1. Radiculopathy.\n')).toEqual(['present lumbar radiculopathy']);
  });

  test('a diagnosis stated before the study that confirms it is the clinician\'s; one a study reports is imaging', () => {
    expect(dx('INDICATION: Pain in the lumbar spine secondary to facet arthrosis verified with x-ray studies.\n')).toEqual(['present lumbar facet arthropathy']);
    expect(dx('ASSESSMENT:\nMRI 2024-05-10 Mild disc desiccation L4-L5 with a small central disc protrusion.\n')).toEqual([]);
  });

  test('dye spread seen during an injection is no diagnosis', () => {
    expect(dx('PROCEDURE: The dye spread pattern was narrowed consistent with foraminal stenosis.\n')).toEqual([]);
  });
});

describe('diagnosis: concepts by spine region (annotation §4.12 concept list)', () => {
  test('a cervical disc herniation or slip is outside the concept list; cervical radiculopathy and stenosis keep their region', () => {
    expect(dx('PREOPERATIVE DIAGNOSIS: Herniated nucleus pulposus, C5-C6, with spinal stenosis and radiculopathy.\n'))
      .toEqual(['present cervical radiculopathy', 'present cervical spinal stenosis']);
    expect(dx('ASSESSMENT:\n1. Cervical stenosis and retrolisthesis.\n')).toEqual(['present cervical spinal stenosis']);
  });

  test('an upper-limb electrodiagnostic radiculopathy is cervical', () => {
    expect(dx('IMPRESSION: This study is abnormal: mild bilateral C8 radiculopathies.\n')).toEqual(['present cervical radiculopathy']);
    expect(dx('HISTORY:\nAn EMG showed no evidence of radiculopathy in the left upper extremity.\n\nASSESSMENT:\nShoulder pain. With regard to the radiculopathy, it can be treated non-operatively.\n'))
      .toEqual(['absent cervical radiculopathy', 'present cervical radiculopathy']);
  });

  test('post laminectomy syndrome takes its region, and the laminectomy stays a surgery', () => {
    const review = reviewSource(textSource('DIAGNOSES:\n1. Cervical spondylosis.\n2. Post cervical laminectomy pain syndrome.\n'));
    expect(review.facts.filter((f) => f.type === 'diagnosis').map((f) => f.attributes.concept).sort()).toEqual(['cervical spondylosis', 'post cervical laminectomy syndrome']);
    expect(review.facts.filter((f) => f.type === 'surgery').map((f) => f.attributes.procedure)).toEqual(['laminectomy']);
  });

  test('a fusion the diagnosis statement names as the spine\'s state is post lumbar fusion; an operation performed is not', () => {
    expect(dx('PREOPERATIVE DIAGNOSIS: Stenosis at L2-3 adjacent to an instrumented fusion at L3-4.\n')).toEqual(['present lumbar spinal stenosis', 'present post lumbar fusion']);
    expect(dx('PROCEDURE: L4-5 posterior fusion.\n')).toEqual([]);
    expect(dx('DIAGNOSIS: Cervical stenosis status post C5-6 fusion.\n')).toEqual(['present cervical spinal stenosis']);
  });
});

describe('diagnosis: coordination, plan sections and code lines', () => {
  test('a coordination shares its head noun ("facet and sacroiliac joint syndrome")', () => {
    expect(dx('ASSESSMENT:\n1. Facet and sacroiliac joint syndrome on the right.\n')).toEqual(['present lumbar facet arthropathy', 'present sacroiliac joint dysfunction']);
    expect(dx('DIAGNOSIS: Sacroiliac and facet joint pain.\n')).toEqual(['present lumbar facet arthropathy', 'present sacroiliac joint dysfunction']);
  });

  test('post laminectomy wording with the region between ("post-laminectomy low back syndrome")', () => {
    expect(dx('ASSESSMENT:\n1. Post-laminectomy low back syndrome.\n')).toEqual(['present post laminectomy syndrome']);
  });

  test('a diagnosis stated in the plan section is present; a plan word makes it hypothetical (not annotated)', () => {
    expect(dx('PLAN:\nGet an x-ray.\n\nPeripheral neuropathy of her left foot is most likely secondary to chemotherapy.\n')).toEqual(['present peripheral neuropathy']);
    expect(dx('PLAN:\nShe will return if she develops cauda equina syndrome.\n')).toEqual([]);
  });

  test('the words of a line that starts with a code are its descriptor', () => {
    expect(dx('ICD9 CODE(S):\n724.4 Thoracic or lumbosacral neuritis or radiculitis.\n721.3 Lumbosacral spondylosis without myelopathy.\n')).toEqual([]);
  });

  test('myofascial dysfunction is myofascial pain', () => {
    expect(dx('IMPRESSION: Cervical sprain/strain with myofascial dysfunction.\n')).toEqual(['present cervical strain', 'present myofascial pain']);
  });
});
