import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import type { Fact } from '../../src/schema/review.ts';
import { textSource } from '../helpers.ts';

const res = loadResources();
const surgeries = (text: string): Fact[] =>
  reviewSource(textSource(text), { resources: res }).facts.filter((f) => f.type === 'surgery');
const attrs = (text: string) => surgeries(text).map((f) => {
  const { procedure, levels, date } = f.attributes as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ procedure, levels, date }).filter(([, v]) => v !== undefined));
});

describe('dates and levels told beside the operation', () => {
  test('"This was done on <date>" dates the operation told just before', () => {
    expect(attrs('He then underwent a fusion from L4 through S1 in another state. This was done on 03/14/2011. He did well at first.'))
      .toEqual([{ procedure: 'fusion', levels: ['L4-L5', 'L5-S1'], date: '2011-03-14' }]);
  });

  test('"in 1986 and again in 1994" is two operations', () => {
    expect(attrs('HISTORY: Status post C5-C6 anterior cervical discectomy and fusion in 1988 and again in 1999.')).toEqual([
      { procedure: 'fusion', levels: ['C5-C6'], date: '1988' },
      { procedure: 'fusion', levels: ['C5-C6'], date: '1999' },
    ]);
  });

  test('counted operations are each a fact, and the level given in the next sentence is theirs', () => {
    const facts = attrs('His back history is significant for two laminectomies and a discectomy done years ago. The level of concern was L5-S1.');
    expect(facts.filter((f) => f.procedure === 'laminectomy')).toEqual([
      { procedure: 'laminectomy', levels: ['L5-S1'] }, { procedure: 'laminectomy', levels: ['L5-S1'] },
    ]);
    expect(facts.filter((f) => f.procedure === 'discectomy')).toEqual([{ procedure: 'discectomy', levels: ['L5-S1'] }]);
  });

  test('one operation with several parts is still one fact named by its main part', () => {
    expect(attrs('She is status post L4-L5 laminectomy and bilateral foraminotomies, and posterior spinal fusion on 06/08/2017.'))
      .toEqual([{ procedure: 'fusion', levels: ['L4-L5'], date: '2017-06-08' }]);
  });

  test('two fusions at different levels are two operations', () => {
    const facts = attrs('He underwent a fusion of L4-L5 and L5-S1 in 1999. After a second injury he underwent fusion from L3 through S1 in 2006.');
    expect(facts).toHaveLength(2);
  });
});

describe('operations shown by their result', () => {
  test('hardware on a CT report is a fusion at the level of its paragraph, and a laminectomy beside it is part of it', () => {
    const text = 'CT LUMBAR SPINE\n\nFINDINGS:\nL4-5: Disc bulge. Left L5 hemilaminectomy.\nL5-S1: Postsurgical change with intervertebral disc spacer and bilateral pedicle screws in good position.';
    expect(attrs(text)).toEqual([{ procedure: 'fusion', levels: ['L5-S1'] }]);
  });

  test('a fusion told with a CT mention keeps its year', () => {
    expect(attrs('S/p L4-L5 TLIF in 2018 with a solid fusion on CT; axial pain above the fusion.'))
      .toEqual([{ procedure: 'fusion', levels: ['L4-L5'], date: '2018' }]);
  });

  test('imaging of a told fusion and a post-laminectomy diagnosis are evidence of that fusion', () => {
    const text = 'He underwent fusion from L3 through S1 on 05/02/2009. MRI done on 08/10/2010 shows laminectomies at L3 through S1 with pedicle screws.\n\nDIAGNOSES:\n1. Post-laminectomy syndrome.';
    expect(attrs(text)).toEqual([{ procedure: 'fusion', levels: ['L3-L4', 'L4-L5', 'L5-S1'], date: '2009-05-02' }]);
  });

  test('post-laminectomy pain alone is a laminectomy', () => {
    expect(attrs('PREOPERATIVE DIAGNOSIS: Left leg radiculopathy with history of post laminectomy pain.')).toEqual([{ procedure: 'laminectomy' }]);
  });

  test('a revision surgery is an operation of its own', () => {
    const facts = attrs('She is status post L4-L5 fusion. The fluid collection is expected given that she had a revision surgery performed.');
    expect(facts).toEqual(expect.arrayContaining([{ procedure: 'fusion', levels: ['L4-L5'] }, { procedure: 'other' }]));
  });
});

describe('whose surgery and whether', () => {
  test("a relative's back surgery is annotated with experiencer other", () => {
    const facts = surgeries('He is leery of surgery because his brother died from complications of back surgery.');
    expect(facts.map((f) => [f.assertion, f.experiencer])).toEqual([['present', 'other']]);
  });

  test('"to rule out whether or not she would be a candidate for a TLIF" is a hypothetical fusion', () => {
    const facts = surgeries('She is being sent for an L4 nerve root block to rule out whether or not she would be a candidate for a TLIF at L4-5.');
    expect(facts.map((f) => [f.assertion, f.attributes.procedure, f.attributes.levels])).toEqual([['hypothetical', 'fusion', ['L4-L5']]]);
  });
});

describe('operative wording', () => {
  test('an operation told level by level is one operation with all its levels', () => {
    const facts = attrs('PROCEDURE: Anterior cervical discectomy at C5-C6 and C6-C7. The discectomy at C5-C6 was done first. Then the discectomy at C6-C7 was completed.');
    expect(facts.filter((f) => f.procedure === 'discectomy')).toEqual([{ procedure: 'discectomy', levels: ['C5-C6', 'C6-C7'] }]);
  });

  test('a diagnosis that does not name the operation is not a surgery', () => {
    expect(attrs('ASSESSMENT: Adjacent segment disease. Risk of pseudarthrosis was discussed.')).toEqual([]);
  });
});

describe('surgical history lists', () => {
  test('a date written after each operation is its own', () => {
    expect(attrs('Patient is status post L3-L5 laminectomy and fusion (2012) and hardware removal in 2014.').map((f) => [f.procedure, f.date]))
      .toEqual([['fusion', '2012'], ['hardware_removal', '2014']]);
  });

  test('"two lumbar surgeries" alone are two operations; beside named operations they are those', () => {
    expect(attrs('PMH: History of two lumbar surgeries. Hypertension.')).toEqual([{ procedure: 'other' }, { procedure: 'other' }]);
    expect(attrs('History of two lumbar surgeries. She underwent L4-S1 PLIF in 2015. Laminectomy at L5 (1998).').map((f) => f.procedure))
      .toEqual(['fusion', 'laminectomy']);
  });
});

describe('operative reports', () => {
  test('the parts an operative report names are one operation named by its main part with all its levels', () => {
    const text = 'PREOPERATIVE DIAGNOSIS: Lumbar stenosis.\nPOSTOPERATIVE DIAGNOSIS: Same.\nPROCEDURES:\n1. Decompressive laminectomy, L4-L5.\n2. Bilateral foraminotomies.\n3. Posterolateral fusion, L4-L5 and L5-S1.\n\nHISTORY: He had a prior L5-S1 discectomy in 2009.\n\nDESCRIPTION: The laminectomy was carried out at L4-L5. Foraminotomies were performed bilaterally.';
    const facts = attrs(text);
    expect(facts).toContainEqual({ procedure: 'fusion', levels: ['L4-L5', 'L5-S1'] });
    expect(facts).toContainEqual({ procedure: 'discectomy', levels: ['L5-S1'], date: '2009' });
    expect(facts).toHaveLength(2);
  });
});

describe('operative narratives without a diagnosis heading', () => {
  const narrative = 'The patient was brought to the operating room and placed prone on the frame. A midline incision was made over L4 and L5. ' +
    'A laminectomy was performed at L4-L5. Bilateral foraminotomies were carried out. Pedicle screws were placed at L4 and L5 and a posterolateral fusion was done. ' +
    'Prior to closure the wound was irrigated. The wound was closed in layers. Estimated blood loss was 300 mL.';

  test('the steps of an operation mark the note as one operation named by its main part with all its levels', () => {
    const facts = attrs(narrative);
    expect(facts).toEqual([{ procedure: 'fusion', levels: ['L4-L5'] }]);
  });

  test('a fusion told vertebra by vertebra in the narrative fuses the segments between them', () => {
    const text = 'The patient was brought to the operating room and placed prone. An incision was made. The L5 lamina was removed and a decompression of the L5 nerve root was performed. ' +
      'Screws were placed in L5 and S1. The fusion was then completed with bone graft. The laminectomy was extended to S1. The wound was closed in layers.';
    expect(attrs(text)).toEqual([{ procedure: 'fusion', levels: ['L5-S1'] }]);
  });

  test('a redo operation tells an earlier one of its kind at its levels, and the part told as previous belongs to that one', () => {
    const text = 'PROCEDURE: Redo L5-S1 discectomy, right.\n\nDESCRIPTION: The patient was brought to the operating room and placed prone. An incision was made. ' +
      'Scar from the previous laminectomy was removed. The discectomy was done. The nerve root was free and the decompression was complete. The wound was closed in layers.';
    expect(attrs(text)).toEqual([{ procedure: 'discectomy', levels: ['L5-S1'] }, { procedure: 'discectomy', levels: ['L5-S1'] }]);
  });

  test('an operation told as history in the narrative stays its own', () => {
    const facts = attrs('He had a previous L5-S1 discectomy in 2009. ' + narrative);
    expect(facts).toContainEqual({ procedure: 'discectomy', levels: ['L5-S1'], date: '2009' });
    expect(facts.filter((f) => f.procedure === 'fusion')).toHaveLength(1);
  });

  test('an injection note done prone with its blood loss is no operative report', () => {
    const text = 'She underwent an L4-L5 laminectomy. Years later she underwent an L5-S1 discectomy. The patient was placed prone. Estimated blood loss: none. ' +
      'An L5-S1 transforaminal epidural steroid injection was performed.';
    expect(attrs(text).map((f) => f.procedure).sort()).toEqual(['discectomy', 'laminectomy']);
  });

  test('a negation before a comma does not reach the operation named after it with its article', () => {
    const text = 'The patient was brought to the operating room. An incision was made. A discectomy was done at L4-L5. ' +
      'A probe passed through the foramen without evidence of compression, the decompression was complete.';
    expect(surgeries(text).map((f) => [f.assertion, f.attributes.procedure])).toEqual([['present', 'discectomy']]);
  });
});

describe('operations listed together', () => {
  test('two operations with their own years and levels in one line stay two', () => {
    expect(attrs('PSH: history of L4-5 microdiscectomy 2012 and L4-S1 fusion 2018.')).toEqual([
      { procedure: 'discectomy', levels: ['L4-L5'], date: '2012' },
      { procedure: 'fusion', levels: ['L4-L5', 'L5-S1'], date: '2018' },
    ]);
  });
});
