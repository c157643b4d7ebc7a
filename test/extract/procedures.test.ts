import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import type { Fact } from '../../src/schema/review.ts';
import { textSource } from '../helpers.ts';
import { findRelief } from '../../src/nlp/values/relief.ts';
import { normalizeView } from '../../src/model/doc.ts';
const relief = (s: string) => findRelief(normalizeView(s));

const res = loadResources();
const prior = (text: string): Fact['attributes'][] =>
  reviewSource(textSource(text), { resources: res }).facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present').map((f) => f.attributes);
const pick = (a: Fact['attributes'], keys: string[]) => Object.fromEntries(keys.filter((k) => a[k] !== undefined).map((k) => [k, a[k]]));

describe('sessions listed under one heading or in one sentence', () => {
  test('every numbered line under a procedure heading is its own session', () => {
    const text = 'Diagnostic blocks (bilateral L4-L5 and L5-S1 medial branches):\n #1  03/02/2023  lidocaine 2%   90% relief for 3 hours\n #2  03/20/2023  bupivacaine 0.5%   80% relief for 6 hours\nNo sedation with either block.';
    const facts = prior(text).map((a) => pick(a, ['procedure', 'date', 'reliefPercent']));
    expect(facts).toContainEqual({ procedure: 'medial_branch_block', date: '2023-03-02', reliefPercent: 90 });
    expect(facts).toContainEqual({ procedure: 'medial_branch_block', date: '2023-03-20', reliefPercent: 80 });
  });

  test('two sessions of one procedure in one sentence keep their own relief', () => {
    const facts = prior('History: diagnostic MBB #1 02/06/2023 95% relief, diagnostic MBB #2 02/27/2023 75% relief (bilateral L3-4, L4-5).')
      .map((a) => pick(a, ['date', 'reliefPercent']));
    expect(facts).toContainEqual({ date: '2023-02-06', reliefPercent: 95 });
    expect(facts).toContainEqual({ date: '2023-02-27', reliefPercent: 75 });
    expect(facts).toHaveLength(2);
  });

  test('a numbered second block is done at the levels of the first', () => {
    const facts = prior('S/p left L3-4, L4-5 MBB #1 on 05/01/2023: 85% relief for 4 hours; MBB #2 on 05/22/2023: 90% relief for 7 hours.');
    const second = facts.find((a) => a.date === '2023-05-22');
    expect(second).toMatchObject({ levels: ['L3-L4', 'L4-L5'], side: 'left', reliefPercent: 90 });
  });
});

describe("an operation's outcome after a list of sessions is no session's relief (dev d12b-06)", () => {
  test.each([
    'Procedures:\n  03/11/2025  left L4-5, L5-S1 RFA - see follow-ups.\n\nOther history: right L3-4 laminectomy in August 2015 for right thigh pain; that pain resolved.',
    'Procedures:\n  03/11/2025  left L4-5, L5-S1 RFA.\nPSH: L5-S1 microdiscectomy 2012 with 100% relief of the leg pain.',
    'Procedures:\n  03/11/2025  left L4-5, L5-S1 RFA.\nAlso had a right L4 hemilaminectomy in 2016, leg pain resolved completely.',
    'Prior treatment: left L4-5, L5-S1 RFA 03/11/2025.\nHe had an L5-S1 fusion in 2019 with 90% improvement in his leg pain.',
    'Interventions: left L4-5, L5-S1 RFA on 03/11/2025.\nRemote lumbar decompression (2014): roughly 80% better afterwards.',
  ])('%s', (text) => {
    const rfa = prior(text).filter((a) => a.procedure === 'radiofrequency_ablation');
    expect(rfa.length).toBeGreaterThan(0);
    for (const a of rfa) expect(a.reliefPercent).toBeUndefined();
  });
});

describe('a later report that names its session by date is that session\'s (shared fb-05)', () => {
  test.each([
    'His first neurotomy on 09/12/2023 gave 75% relief for about five months.\n\nAt his six-week visit after the August 20, 2024 procedure he reported approximately 60% improvement.',
    'Lumbar RF neurotomy on 09/12/2023 gave 75% relief. At follow-up after the 08/20/2024 procedure she noted about 60% relief.',
    'RFA 09/12/2023: 75% relief. Six weeks after the Aug 20, 2024 treatment, 60% better per the patient.',
    'Bilateral L4-5 radiofrequency ablation 09/12/2023 with 75% relief for 5 months. Following the 8/20/2024 session, roughly 60% improvement at 6 weeks.',
    'Right L5 RF ablation on 09/12/2023, 75% relief. After the August 20, 2024 intervention he reported 60% relief at his visit.',
  ])('%s', (text) => {
    const facts = prior(text).filter((a) => a.procedure === 'radiofrequency_ablation').map((a) => [a.date, a.reliefPercent]);
    expect(facts).toContainEqual(['2024-08-20', 60]);
    expect(facts).not.toContainEqual(['2023-09-12', 60]);
  });
});

describe('a procedure told as done before another keeps none of its date (dev d16c-02)', () => {
  test.each([
    'She had bilateral L4-5 and L5-S1 radiofrequency ablation here on 09/12/2024 after two positive medial branch blocks.',
    'RFA was performed 09/12/2024 following diagnostic medial branch blocks with 80% relief.',
    'Underwent L4-5 RF neurotomy on 09/12/2024, after a positive MBB.',
    'Radiofrequency ablation 09/12/2024 after two diagnostic blocks (MBBs) confirmed facet pain.',
    'He had a lumbar RFA on September 12, 2024 preceded by two medial branch blocks.',
  ])('%s', (text) => {
    const facts = prior(`Date: 10/02/2025\nHPI: ${text}`);
    expect(facts.find((a) => a.procedure === 'radiofrequency_ablation')?.date).toBe('2024-09-12');
    expect(facts.filter((a) => a.procedure === 'medial_branch_block').map((a) => a.date)).not.toContain('2024-09-12');
  });
});

describe('a table of sessions whose relief is its score columns before and after (dev d16c-02)', () => {
  test.each([
    'DIAGNOSTIC BLOCK RECORD\n\nBlock #  Date        Target                          Agent          Pre NRS  Post NRS (peak)  Duration\n1        07/16/2024  Bilat L4-5, L5-S1 MBB           2% lidocaine   8        1                ~2 h\n2        08/06/2024  Bilat L4-5, L5-S1 MBB           bupivacaine    8        0                ~6 h',
    'Medial branch blocks (bilateral L4-5, L5-S1):\n| # | Date | Agent | Pre NRS | Post NRS |\n| 1 | 07/16/2024 | lidocaine | 8 | 1 |\n| 2 | 08/06/2024 | bupivacaine | 8 | 0 |',
    'Diagnostic MBBs, bilateral L4-5 and L5-S1\nDate        Anesthetic    Pre-procedure pain   Post-procedure pain\n07/16/2024  lidocaine     8/10                 1/10\n08/06/2024  bupivacaine   8/10                 0/10',
    'Lumbar medial branch blocks, bilateral L4-5/L5-S1:\nSession   Date         Baseline   Post NRS   Duration\n#1        07/16/2024   8          1          2 h\n#2        08/06/2024   8          0          6 h',
    'Procedure           Date         Pre VAS   Post VAS\nBilat L4-5, L5-S1 MBB   07/16/2024   8   1\nBilat L4-5, L5-S1 MBB   08/06/2024   8   0',
  ])('%s', (text) => {
    const facts = prior(`Date: 10/02/2025\n${text}`).filter((a) => a.procedure === 'medial_branch_block').map((a) => [a.date, a.reliefPercent]);
    expect(facts).toContainEqual(['2024-07-16', 87.5]);
    expect(facts).toContainEqual(['2024-08-06', 100]);
  });
});

describe('an aligned table whose cells hold two spaces or are empty: the words go to the column they stand under (dev d18a-03)', () => {
  test.each([
    ' Date        Procedure                       Side / joints     Agent                  Relief   How long\n ----------  ------------------------------  ----------------  ---------------------  -------  -------------\n 10/08/2025  Diagnostic MBB #1               L  L4-5, L5-S1    2% lidocaine 0.5 mL    86%      about 2 hours\n 11/05/2025  Diagnostic MBB #2               L  L4-5, L5-S1    0.5% bupivacaine       88%      about 6 hours',
    'Date         Procedure            Levels               Agent          Relief\n10/08/2025   Diagnostic MBB       L4-5  L5-S1          lidocaine      86%\n11/05/2025   Diagnostic MBB       L4-5  L5-S1          bupivacaine    88%',
    'Date         Procedure            Side    Levels          Sedation   Relief\n10/08/2025   medial branch block  L       L4-5, L5-S1                86%\n11/05/2025   medial branch block  L       L4-5, L5-S1     none       88%',
    'Date        Block                    Agent              Relief    Duration\n10/08/2025  MBB #1 left L4-5, L5-S1   lidocaine  2%      86%       2 h\n11/05/2025  MBB #2 left L4-5, L5-S1   bupivacaine  0.5%  88%       6 h',
    'DATE         PROCEDURE                  JOINTS                 RELIEF    NOTES\n10/08/2025   Diagnostic MBB (#1)        left  L4-5, L5-S1      86%\n11/05/2025   Diagnostic MBB (#2)        left  L4-5, L5-S1      88%       walked 2 miles',
  ])('%s', (text) => {
    const facts = prior(`Date: 12/02/2025\n${text}`).filter((a) => a.procedure === 'medial_branch_block').map((a) => [a.date, a.reliefPercent]);
    expect(facts).toContainEqual(['2025-10-08', 86]);
    expect(facts).toContainEqual(['2025-11-05', 88]);
  });
});

describe('the date relief began to wear off is no session date (dev d16a-02)', () => {
  test.each([
    'HPI: right L5 TFESI last spring with good relief through the summer, about 70%, and it began wearing off in October.',
    'HPI: Her right L5 TFESI gave 70% relief, which started to wear off in October 2025.',
    'HPI: right L5 transforaminal injection, 70% better; the benefit began to fade in October.',
    'HPI: He had a right L5 TFESI with about 70% relief that faded in October.',
    'HPI: right L5 TFESI: 70% relief, wearing off by October 2025.',
  ])('%s', (text) => {
    const dates = prior(`Date: 01/20/2026\n${text}`).filter((a) => a.procedure === 'transforaminal_esi').map((a) => a.date);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.filter((d) => String(d).startsWith('2025-10'))).toEqual([]);
  });
});

describe("a follow-up log of one session: its rows are that session's reports at their time points (dev d16a-08)", () => {
  test.each([
    'OUTCOMES TRACKER\nProcedure: Right L4-5 / L5-S1 radiofrequency ablation     Date: 04/23/2024\n\nTimepoint    Date        NRS (0-10)   % relief vs baseline   ODI\nBaseline     04/23/2024  8            --                     42%\n1 month      05/21/2024  2            75%                    16%\n6 months     10/22/2024  2            75%                    18%\n12 months    04/22/2025  4            50%                    26%',
    'RFA FOLLOW-UP LOG\nRight L4-5, L5-S1 radiofrequency ablation performed 04/23/2024\n| Time point | Date | NRS | Relief |\n| 1 month | 05/21/2024 | 2 | 75% |\n| 6 months | 10/22/2024 | 2 | 75% |\n| 12 months | 04/22/2025 | 4 | 50% |',
    'Radiofrequency ablation (right L4-5, L5-S1) on 04/23/2024 - outcomes\nInterval     Date         % improvement\n1 mo         05/21/2024   75%\n6 mo         10/22/2024   75%\n12 mo        04/22/2025   50%',
    'Procedure: RF neurotomy right L4-5/L5-S1, DOS 04/23/2024\nFollow-up    Date         Pain   Relief\n4 wks        05/21/2024   2      75%\n6 months     10/22/2024   2      75%\n12 months    04/22/2025   4      50%',
    'Right lumbar RFA 04/23/2024 (L4-5, L5-S1)\nTime since   Date        % relief\n1 month      05/21/2024  75%\n6 months     10/22/2024  75%\n12 months    04/22/2025  50%',
  ])('%s', (text) => {
    const rfa = prior(`Date: 08/14/2025\n${text}`).filter((a) => a.procedure === 'radiofrequency_ablation');
    expect(rfa.map((a) => a.date).filter((d) => d !== '2024-04-23')).toEqual([]);
    expect(rfa.some((a) => a.reliefPercent === 50)).toBe(true);
  });
});

describe("a form's question on a threshold is no relief report, and a period's end is no session date (dev d17b-01)", () => {
  test.each([
    'Most recent ESI, this region: 09/16/2025 (L L5 + S1 TFESI)\n  >=50% improvement?  [X] Yes   Scale: NRS + ODI',
    'Prior TFESI 09/16/2025.  > 50% relief x 3 months?  Y',
    'Last lumbar TFESI on 09/16/2025 - at least 50% pain relief? [X] Yes',
    'TFESI 09/16/2025: >= 50% improvement sustained >= 12 weeks? YES',
    'Prior left L5 TFESI (09/16/2025). Relief of 50% or more? [X] Yes [ ] No',
  ])('%s', (text) => {
    const tf = prior(`Date: 02/02/2026\n${text}`).filter((a) => /esi/.test(String(a.procedure)));
    expect(tf.filter((a) => a.reliefPercent === 50)).toEqual([]);
  });
  test.each([
    'Most recent ESI: 09/16/2025 (L L5 + S1 TFESI)\nRelief period: 09/16/2025 through approx. 01/05/2026',
    'Left L5 TFESI 09/16/2025; relief held until 01/05/2026.',
    'TFESI 09/16/2025, benefit lasted till about 01/05/2026.',
    'Prior ESI 09/16/2025 - relief thru 01/05/2026.',
    'L5-S1 TFESI on 09/16/2025 with relief until approximately 01/05/2026.',
  ])('%s', (text) => {
    const dates = prior(`Date: 02/02/2026\n${text}`).filter((a) => /esi/.test(String(a.procedure))).map((a) => a.date);
    expect(dates).not.toContain('2026-01-05');
  });
});

describe("a procedure record's best-relief line is its session's relief (dev d17a-07)", () => {
  test.each([
    ['POST-BLOCK PAIN LOG\n   Pre 15 min 30 min 1 hr\n   8   4   3   3\nBest relief: 62.5% (8 -> 3).', 62.5],
    ['Greatest relief: 70% at 30 minutes.', 70],
    ['Highest relief 85% (post 1/10).', 85],
    ['Peak relief: 90%.', 90],
    ['Maximum relief: 50% at one hour.', 50],
  ])('%s', (text, percent) => {
    const note = `INTERVENTIONAL PROCEDURE RECORD\nDOS 10/21/2025\nProcedure: Bilateral L4-5 and L5-S1 medial branch blocks, diagnostic #1, fluoroscopically guided.\n\n${text}`;
    expect(prior(note).filter((a) => a.procedure === 'medial_branch_block').map((a) => a.reliefPercent)).toContain(percent);
  });
});

describe('relief attribution', () => {
  test('a procedure done in the same session as another leaves the relief to the main one', () => {
    const facts = prior('Diagnostic right L5-S1 MBB was performed on 01/15/2024 in the same session as a right SI joint injection; he reported 85% relief for 4 hours.');
    expect(facts.find((a) => a.procedure === 'medial_branch_block')).toMatchObject({ reliefPercent: 85 });
    const si = facts.find((a) => a.procedure === 'si_joint_injection');
    expect(si).toMatchObject({ side: 'right', date: '2024-01-15' });
    expect(si?.reliefPercent).toBeUndefined();
  });

  test('relief fading over weeks is two reports, each dated by its time point', () => {
    const facts = prior('Left L5-S1 TFESI on 03/04/2024 gave 60% relief at the 3-week\nfollow-up, fading to 30% by 10 weeks.');
    expect(facts.map((a) => a.reliefPercent).sort()).toEqual([30, 60]);
    expect(facts.find((a) => a.reliefPercent === 60)?.reliefDate).toBe('2024-03-25');
  });

  test('symptoms said to resolve beside a measured relief are the same report', () => {
    const facts = prior('She had a left L4-5 TFESI on 02/02/2023 with 75% relief; the leg pain resolved and has not come back.');
    expect(facts.map((a) => a.reliefPercent)).toEqual([75]);
  });
});

describe('counted and repeated sessions', () => {
  test('"two TFESIs, the last one in a month" gives one undated and one dated session', () => {
    const facts = prior('Dr. Smith had performed two left L4-L5 transforaminal epidural injections, last one in June 2019.');
    expect(facts.map((a) => pick(a, ['procedure', 'levels', 'date']))).toEqual(expect.arrayContaining([
      { procedure: 'transforaminal_esi', levels: ['L4-L5'] },
      { procedure: 'transforaminal_esi', levels: ['L4-L5'], date: '2019-06' },
    ]));
    expect(facts).toHaveLength(2);
  });

  test('epidurals with several approaches named give one session per approach', () => {
    const facts = prior('He has had a couple of epidurals in the past with interlaminar and caudal approaches, with short-term relief.');
    expect(facts.map((a) => a.procedure).sort()).toEqual(['caudal_esi', 'interlaminar_esi']);
  });

  test('a dated repeat of an earlier procedure is a second session', () => {
    const facts = prior('He had a right L3-S1 radiofrequency ablation in the past. Dr. Jones repeated his radiofrequency ablation on the right side from L3-S1 on 09/12/2018.');
    expect(facts.filter((a) => a.procedure === 'radiofrequency_ablation')).toHaveLength(2);
  });
});

describe('continuation sentences', () => {
  test('relief with another activity at the same time keeps the lower value', () => {
    const facts = prior('Her lumbar facet joints were denervated about 4 months ago. The denervation procedure helped her back pain about 50% when sitting. With extension it helped her back pain about 80%.');
    expect(facts.filter((a) => a.procedure === 'radiofrequency_ablation').map((a) => a.reliefPercent)).toEqual([50]);
  });

  test('how long a measured relief lasted, told in the next sentence, completes that report', () => {
    const facts = prior('Bilateral L3-4 RFA on 02/01/2023: at the 6-week visit he reported 70% relief. Per the 03/15/2024 note, that relief lasted about 5 months.');
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ date: '2023-02-01', reliefPercent: 70, reliefDuration: '5 months' });
  });

  test('a resolved symptom told after a measured relief is not a second report', () => {
    const facts = prior('He had a right L5-S1 TFESI on 01/10/2023 with 80% relief.\nThe leg pain resolved and has not recurred.');
    expect(facts.map((a) => a.reliefPercent)).toEqual([80]);
  });
});

describe('procedure lists and names', () => {
  test('"facet and sacroiliac joint injections" are two procedures with the side said before them', () => {
    const facts = prior('Dr. Lee had performed right and left facet and sacroiliac joint injections, subsequent left L4 to S1 medial branch blocks.');
    expect(facts.map((a) => pick(a, ['procedure', 'side', 'levels']))).toEqual(expect.arrayContaining([
      { procedure: 'facet_injection', side: 'bilateral' },
      { procedure: 'si_joint_injection', side: 'bilateral' },
      { procedure: 'medial_branch_block', side: 'left', levels: ['L4-L5', 'L5-S1'] },
    ]));
  });

  test('an RFA of the L5 to S3 nerves is a sacroiliac lateral-branch RFA and keeps its nerves', () => {
    const facts = prior('PROCEDURE: Right L5, S1, S2, and S3 radiofrequency ablation.\n\nINDICATION: Buttock pain.');
    expect(facts[0]).toMatchObject({ procedure: 'radiofrequency_ablation', levels: ['L5', 'S1', 'S2', 'S3'], side: 'right' });
  });

  test('practice statements about injections do not negate a prior injection', () => {
    const facts = reviewSource(textSource('She is on Coumadin and we generally do not perform injections while patients are on this.'), { resources: res }).facts
      .filter((f) => f.type === 'prior_procedure');
    expect(facts).toEqual([]);
  });

  test('"has not had injections" is an absent prior procedure', () => {
    const facts = reviewSource(textSource('HPI: Low back pain for 2 years. He has not had any injections.'), { resources: res }).facts
      .filter((f) => f.type === 'prior_procedure');
    expect(facts.map((f) => f.assertion)).toEqual(['absent']);
  });

  test('a referral for a procedure is the request, not a prior procedure', () => {
    const facts = reviewSource(textSource('REASON FOR REFERRAL: Evaluation for left L5 selective nerve root block.\n\nHPI: She is being sent for an L5 selective nerve root block to decide whether she is a candidate for a fusion at L5-S1.'), { resources: res }).facts;
    expect(facts.filter((f) => f.type === 'prior_procedure')).toEqual([]);
    expect(facts.find((f) => f.type === 'requested_procedure')?.attributes).toMatchObject({ procedure: 'selective_nerve_root_block', levels: ['L5'] });
  });
});

describe('procedure notes', () => {
  test('the technique places a procedure named without levels, and "the other side" makes it bilateral', () => {
    const text = 'LUMBAR FACET JOINT INJECTION.\n\nPROCEDURE DETAILS: The patient was placed prone. A 22-gauge spinal needle was advanced to the L4-5 facet joint under fluoroscopy. 1 mL of bupivacaine was injected. The same procedure was carried out on the other side.';
    expect(prior(text)[0]).toMatchObject({ procedure: 'facet_injection', levels: ['L4-L5'], side: 'bilateral' });
  });

  test('an epidural placed through an interspace takes that interspace, not the lamina below it', () => {
    const text = 'PROCEDURE: Lumbar epidural steroid injection.\n\nDETAILS OF THE PROCEDURE: The L3-L4 interspace was identified fluoroscopically. A left paramedian insertion was marked. A Tuohy needle was advanced until just superior to the lamina of L4. 80 mg of Depo-Medrol was injected.';
    const f = prior(text)[0];
    expect(f).toMatchObject({ procedure: 'epidural_steroid_injection', levels: ['L3-L4'] });
    expect(f?.side).toBeUndefined();
  });
});

describe('general wording outside the gold notes', () => {
  test('"an epidural injection x2" is two sessions, and a later mention joins them', () => {
    const facts = prior('She had an epidural injection x2 and her pain got somewhat better. The doctor stopped giving any other epidural injection.');
    expect(facts.filter((a) => a.procedure === 'epidural_steroid_injection')).toHaveLength(2);
  });

  test('an injection told as history in an operative note takes no levels from the technique', () => {
    const text = 'HISTORY: The patient has failed epidural steroid injections.\n\nPROCEDURE: Anterior cervical discectomy and fusion.\n\nDESCRIPTION OF PROCEDURE: The C5-C6 disc space was identified and a needle was placed into the disc space. The discectomy was completed.';
    expect(prior(text).find((a) => a.procedure === 'epidural_steroid_injection')?.levels).toBeUndefined();
  });

  test('epidural bleeders and drains are anatomy and hardware, not injections', () => {
    expect(prior('Hemostasis of the epidural bleeders was achieved. An epidural drain was placed.')).toEqual([]);
  });
});

describe('short-hand histories', () => {
  test('"Last ESI (L4-5 ILESI) on <date>" is one interlaminar ESI', () => {
    const facts = prior('HPI: Last ESI (L4-5 ILESI) on 2/1/2023 provided 50% relief for 2 weeks.');
    expect(facts.map((a) => pick(a, ['procedure', 'levels', 'date', 'reliefPercent']))).toEqual([
      { procedure: 'interlaminar_esi', levels: ['L4-L5'], date: '2023-02-01', reliefPercent: 50 },
    ]);
  });

  test('"x2 (2021, 2022)" gives each session its year', () => {
    const facts = prior('Previous injections: right L5 TFESI x2 (2021, 2022) with minimal relief.');
    expect(facts.map((a) => a.date).sort()).toEqual(['2021', '2022']);
  });
});

describe('requests and anesthesia told like procedures', () => {
  test('a procedure scheduled on a date, in an undated note, is not a past session', () => {
    const facts = prior('Plan: The patient is tentatively scheduled for a cervical epidural steroid injection on March 14, 2005.');
    expect(facts).toEqual([]);
  });

  test('"I am referring her for consideration of ..." is a request', () => {
    expect(prior('I am referring her for consideration of lumbar epidural steroid injections.')).toEqual([]);
  });

  test('an epidural placed for anesthesia is not an injection', () => {
    expect(prior('After the successful placement of an epidural, as well as general anesthesia, the knee was prepped.')).toEqual([]);
  });
});

describe('California DWC "RFA" is the Request for Authorization form, not an ablation', () => {
  test.each([
    'Plan: left L5-S1 transforaminal ESI. RFA sent to the carrier today.',
    'RFA submitted 04/09/2025 for the epidural injection.',
    'Enclosed: DWC Form RFA and PR-2.',
    'The level is not specified on the RFA.',
    'RFA received: 04/10/2025.',
  ])('%s', async (text) => {
    const { reviewSource } = await import('../../src/pipeline/review.ts');
    const { textSource } = await import('../helpers.ts');
    const r = reviewSource(textSource(text));
    expect(r.facts.filter((f) => f.attributes.procedure === 'radiofrequency_ablation')).toEqual([]);
  });
});

describe('where the DWC form is named, a bare "RFA" with nothing of an ablation around it is the form (dev d16c-04)', () => {
  const form = 'State of California, Division of Workers\' Compensation\nREQUEST FOR AUTHORIZATION   DWC Form RFA\nRequested treatment: left L4-5 interlaminar epidural steroid injection.\n\n';
  const ablations = (text: string) => reviewSource(textSource(form + text), { resources: res }).facts
    .filter((f) => f.attributes.procedure === 'radiofrequency_ablation');
  test.each([
    'Enclosed: RFA, pain management consultation, PTP PR-2 07/21/2025, MRI lumbar spine.',
    'Attached please find the RFA, the consult and the PT notes.',
    'The RFA was faxed to the adjuster on 08/12/2025.',
    'Please process the attached RFA within the statutory timeframe.',
    'Documents: RFA (1 page), consultation (3 pages), MRI report.',
  ])('%s', (text) => {
    expect(ablations(text)).toEqual([]);
  });
  test.each([
    'Prior bilateral L4-5 RFA on 02/11/2025 gave 70% relief for 8 months.',
    'She had RFA of the left L4-5 and L5-S1 medial branches in 2024.',
    'Her facet pain came back 8 months after the last RFA.',
  ])('an ablation named with its targets stays one: %s', (text) => {
    expect(ablations(text).length).toBeGreaterThan(0);
  });
});

describe('a dated list row is the frame of its procedure', () => {
  test.each([
    ['Interventional history:\n  05/04/2021  bilateral L4-5, L5-S1 medial branch block (lidocaine) - 90%\n  06/01/2021  bilateral L4-5, L5-S1 medial branch block (bupivacaine) - 85%\n  08/17/2021  bilateral L4-5, L5-S1 radiofrequency ablation - 80% relief\n              for about 11 months',
      [['medial_branch_block', '2021-05-04', 90], ['medial_branch_block', '2021-06-01', 85], ['radiofrequency_ablation', '2021-08-17', 80]]],
    ['Prior injections:\n- 2024-02-06  right L4-5 TFESI: 60%\n- 2024-05-14  right L4-5 TFESI: 20%',
      [['transforaminal_esi', '2024-02-06', 60], ['transforaminal_esi', '2024-05-14', 20]]],
    ['Procedure log\n03/02/2023   L4-5 interlaminar ESI — 70%\n09/12/2023   L4-5 interlaminar ESI — 40%',
      [['interlaminar_esi', '2023-03-02', 70], ['interlaminar_esi', '2023-09-12', 40]]],
    ['History:\n  Jan 9, 2025  left L5-S1 facet joint injection = 80%\n  Apr 2, 2025  left L5-S1 facet joint injection = 50%',
      [['facet_injection', '2025-01-09', 80], ['facet_injection', '2025-04-02', 50]]],
    ['Blocks:\n  11/04/2025  MBB B/L L3, L4 MB + L5 DR (lidocaine) - 90%\n  12/02/2025  MBB B/L L3, L4 MB + L5 DR (bupivacaine) - 95%',
      [['medial_branch_block', '2025-11-04', 90], ['medial_branch_block', '2025-12-02', 95]]],
  ])('%s', (text, expected) => {
    const got = prior(`PROGRESS NOTE\nDate of service: 03/01/2026\n${text}`).map((a) => [a.procedure, a.date, a.reliefPercent]);
    for (const e of expected) expect(got).toContainEqual(e);
  });
  test('medial branches joined by "+" name their joints ("L3, L4 MB + L5 DR" = L4-L5, L5-S1)', () => {
    const got = prior('PROGRESS NOTE\nDate of service: 03/01/2026\nDiagnostic MBB #1 (B/L L3, L4 MB + L5 DR, 2% lidocaine) on 11/04/2025: 90% relief for about 2 hours.');
    expect(got[0]?.levels).toEqual(['L4-L5', 'L5-S1']);
  });
});

describe('a visit set after a procedure to come is no event', () => {
  test.each([
    'Plan: proceed directly to RFA. RTC 4 wks after RFA.',
    'Follow up two weeks after the injection.',
    'Will see her back 3 weeks after the left L5 TFESI.',
    'Return to clinic 2-3 weeks after the MBB with her pain diary.',
    'F/u after each block to review the diary.',
  ])('%s', (text) => {
    expect(prior(`PROGRESS NOTE\nDate of service: 03/01/2026\n${text}`)).toEqual([]);
  });
});

describe('a denial of a procedure is no procedure done', () => {
  test.each([
    'The 01/22/2026 denial of the left L4-5 and L5-S1 transforaminal epidural steroid injections stated that the response to PT was not provided.',
    'Non-certification of the L4-5 interlaminar ESI on 11/14/2025 was based on missing imaging.',
    'Adverse determination of the bilateral L4-5 medial branch block dated 02/02/2026.',
    'Her RFA was denied on 12/01/2025.',
    'The request for a caudal ESI was not approved on 10/10/2025.',
  ])('%s', (text) => {
    expect(prior(`PROGRESS NOTE\nDate of service: 03/01/2026\n${text}`).filter((a) => a.date)).toEqual([]);
  });
});

describe('a bulleted list item is the frame of its procedure; a drug item keeps its own outcome', () => {
  test('the next item\'s "no benefit" is the drug\'s, not the injection\'s', () => {
    const got = prior('PROGRESS NOTE\nDate of service: 04/01/2025\nHistory:\n- ILESI L2-3 (L paramedian) 10/08/2024: 70% relief x about 4 months.\n- ILESI L2-3 (L paramedian) 03/11/2025: reports some relief, "not as good as\n  the first one"; could not put a number on it.\n- Ibuprofen 600 mg TID x 8 wks (fall 2024), no benefit.');
    expect(got.map((a) => [a.date, a.reliefPercent])).toEqual([['2024-10-08', 70], ['2025-03-11', undefined]]);
  });
  test.each([
    ['- TFESI right L5 01/10/2025: 60% relief\n- Gabapentin 300 mg, no help', [['2025-01-10', 60]]],
    ['* MBB #1 02/02/2025 - 90%\n* MBB #2 03/01/2025 - 85%', [['2025-02-02', 90], ['2025-03-01', 85]]],
    ['1. Caudal ESI 05/05/2024, 50% relief\n2. PT 6 weeks, no change', [['2024-05-05', 50]]],
  ])('%s', (list, expected) => {
    const got = prior(`PROGRESS NOTE\nDate of service: 06/01/2025\n${list}`).map((a) => [a.date, a.reliefPercent]);
    for (const e of expected) expect(got).toContainEqual(e);
    expect(got).toHaveLength(expected.length);
  });
});

describe('when a relief report was taken', () => {
  test.each([
    ['Right L5 TFESI on 01/10/2024. At her 3-month follow-up she reported 70% relief.', '3 months'],
    ['Right L5 TFESI on 01/10/2024; at 12 weeks post-injection he was 60% better.', '12 weeks'],
    ['Right L5 TFESI on 01/10/2024 gave 75% relief at six weeks.', '6 weeks'],
    ['Right L5 TFESI on 01/10/2024: at the 2-month visit, 80% improvement in leg pain.', '2 months'],
    ['Right L5 TFESI on 01/10/2024. By 8 weeks she reported 50% relief.', '8 weeks'],
  ])('%s', (text, at) => {
    expect(prior(text).find((a) => a.procedure === 'transforaminal_esi')).toMatchObject({ reliefAt: at });
  });
});

describe('sessions told in one sentence with their own dates and relief', () => {
  test.each([
    ['confirmed by bilateral L4-5 and L5-S1 medial branch blocks on 06/13/2023 (90% relief) and 07/11/2023 (85% relief).', ['2023-06-13', 90], ['2023-07-11', 85]],
    ['Two diagnostic medial branch blocks (11/19/2024, 90% relief with lidocaine; 12/17/2024, 85% relief with bupivacaine) confirmed facet-mediated pain at L4-5 and L5-S1.', ['2024-11-19', 90], ['2024-12-17', 85]],
    ['Diagnostic MBBs at L3-4 and L4-5 were done 02/01/2025 with 80% relief and 02/22/2025 with 90% relief.', ['2025-02-01', 80], ['2025-02-22', 90]],
  ] as const)('%s', (text, first, second) => {
    const facts = prior(`HPI: ${text}`).filter((a) => a.procedure === 'medial_branch_block').map((a) => [a.date, a.reliefPercent]);
    expect(facts).toContainEqual([...first]);
    expect(facts).toContainEqual([...second]);
  });

  test('a facet procedure alone in its sentence takes the joints the sentence names past its clause', () => {
    const facts = prior('HPI: Two diagnostic medial branch blocks (11/19/2024, 90% relief; 12/17/2024, 85% relief) confirmed facet-mediated pain at L4-5 and L5-S1.');
    for (const a of facts) expect(a.levels).toEqual(['L4-L5', 'L5-S1']);
  });
});

describe('an undated session told as the latest of its kind', () => {
  test.each([
    'Her last TFESI gave 70% relief for about 4 months.',
    'The most recent lumbar epidural helped 60% for 3 months.',
    'Previous right L5 TFESI: 80% relief x 12 weeks.',
    'His latest caudal ESI provided 50% improvement for 10 weeks.',
    'Prior interlaminar ESI gave two-thirds relief for four months.',
  ])('%s', (text) => {
    expect(prior(`HPI: ${text}`).some((a) => a.latest === true && typeof a.reliefPercent === 'number')).toBe(true);
  });
});

describe('the next block of a series is a hypothetical request of its own', () => {
  const requests = (text: string) => reviewSource(textSource(text), { resources: res }).facts
    .filter((f) => f.type === 'requested_procedure').map((f) => [f.attributes.procedure, f.assertion]);
  test.each([
    'Plan: bilateral L4-5 and L5-S1 medial branch blocks with lidocaine. If she gets 80% relief, we will plan a confirmatory block with bupivacaine and then RFA.',
    'Plan: diagnostic right L4-5, L5-S1 MBB. If positive, a second confirmatory MBB will follow.',
    'We request bilateral L3-4, L4-5 MBB #1; with 80 percent relief or better we will confirm with a second set.',
  ])('%s', (text) => {
    const r = requests(text);
    expect(r).toContainEqual(['medial_branch_block', 'present']);
    expect(r).toContainEqual(['medial_branch_block', 'hypothetical']);
  });
  test('a plan that restates the requested block is no second fact', () => {
    expect(requests('Plan: bilateral L4-5 MBB. We will schedule the MBB next week.').filter(([p]) => p === 'medial_branch_block')).toEqual([['medial_branch_block', 'present']]);
  });
});

describe('relief that lasted until the pain came back', () => {
  const withDate = (t: string) => prior(`Date of service: 06/01/2026\nHPI: ${t}`)[0];
  test.each([
    ['Right L5 TFESI on 01/06/2026 gave 80% relief. The leg pain has gradually returned over the past month.', 16],
    ['She had 70% relief from the L4-5 ILESI on 12/02/2025; the pain came back in April.', 17],
    ['Her 11/10/2025 caudal ESI helped about 60%, but the pain recurred 3 weeks ago.', 26],
    ['L4-5 ILESI 10/01/2025: 75% relief. Symptoms returned over the last 2 months.', 26],
    ['The 12/15/2025 TFESI gave her 90% relief until the pain came back on 04/20/2026.', 18],
  ])('%s', (text, weeks) => {
    expect(withDate(text)).toMatchObject({ reliefDuration: `${weeks} weeks` });
  });
  test('"recurred 3 weeks ago" is not a relief of 3 weeks', () => {
    expect(withDate('Her 11/10/2025 caudal ESI helped about 60%, but the pain recurred 3 weeks ago.')!.reliefDuration).not.toBe('3 weeks');
  });
});

describe('a procedure merely mentioned is neither done nor asked for', () => {
  test.each([
    'Risks and benefits of an epidural steroid injection were reviewed with the patient.',
    'We talked about how an ESI works and what to expect.',
    'Information about medial branch blocks was provided.',
    'Patient education: radiofrequency ablation, handout given.',
    'She asked whether a TFESI could help her leg pain.',
  ])('%s', (text) => {
    expect(prior(`HPI: Low back pain.\n${text}`).filter((a) => a.procedure !== undefined)).toEqual([]);
  });
  test.each([
    'She had an ESI in 2023 that helped 60%.',
    'S/p right L5 TFESI.',
    'Prior ESI at L4-5 with good relief.',
  ])('told as done, it stays a prior: %s', (text) => {
    expect(prior(`HPI: ${text}`).length).toBeGreaterThan(0);
  });
});

describe("'prior authorization' is no past", () => {
  test.each([
    'Prior authorization request: right L5 TFESI under fluoroscopy.',
    'Prior auth ESI request submitted today for left L4-5.',
    'Prior authorization for bilateral L4-5 medial branch blocks is requested.',
    'We are submitting a prior authorization request for caudal ESI.',
    'Prior approval requested: L5-S1 interlaminar ESI.',
  ])('%s', (text) => {
    expect(prior(`PLAN: ${text}`)).toEqual([]);
  });
});

describe('relief until a holiday', () => {
  test.each([
    ['Caudal ESI 10/14/2024 helped roughly 60%; the benefit held through Thanksgiving.', 6],
    ['Right L5 TFESI on 09/01/2025 gave 70% relief until Christmas.', 16],
    ['L4-5 ILESI 05/01/2025: 80% relief through the Fourth of July.', 9],
    ['Her 10/01/2025 TFESI helped 75%, but it wore off by Thanksgiving.', 7],
    ['Caudal ESI on 09/15/2025 gave 60% relief through Halloween.', 6],
  ])('%s', (text, weeks) => {
    expect(prior(`Date of service: 06/01/2026\nHPI: ${text}`)[0]).toMatchObject({ reliefDuration: `${weeks} weeks` });
  });
});

describe('an ablation named without "radiofrequency" (dev dj-02)', () => {
  test.each([
    ['Second ablation. On 03/18/2025 the same right-sided ablation was repeated; at six weeks she reported about 70 percent relief.', '2025-03-18'],
    ['Her repeat ablation on 03/18/2025 at L4-5 gave 70% relief for 8 months.', '2025-03-18'],
    ['The left-sided ablation of 03/18/2025 gave 70% relief lasting 7 months.', '2025-03-18'],
    ['Bilateral ablation 03/18/2025: 70% relief for about 8 months.', '2025-03-18'],
    ['Facet ablation on 03/18/2025 helped 70% for 9 months.', '2025-03-18'],
  ])('%s', (text, date) => {
    expect(prior(text).filter((a) => a.procedure === 'radiofrequency_ablation').map((a) => a.date)).toContain(date);
  });
  test.each([
    'PMH: AFib s/p prior ablation 2019; on apixaban.',
    'PSH: endometrial ablation 2015, repeat ablation 2018.',
    'Cardiology: second ablation for atrial flutter 2021.',
  ])('another organ\'s ablation is none: %s', (text) => {
    expect(prior(text).filter((a) => a.procedure === 'radiofrequency_ablation')).toEqual([]);
  });
});

describe('a sentence after a session with several reports, and how long the last one lasted (dev dj-02)', () => {
  const reports = (text: string) => prior(text).filter((a) => a.procedure === 'radiofrequency_ablation' && a.date === '2025-03-18')
    .map((a) => [a.reliefPercent ?? null, a.reliefDuration ?? null]);
  test.each([
    'On 03/18/2025 the right L4-5 radiofrequency ablation was repeated. At her six-week visit she reported about 70 percent relief, and at the six-month visit she was still roughly two-thirds better. She returned to work. The benefit began to fade around Christmas, so she had about nine months of meaningful relief.',
    'Repeat RFA right L4-5 on 03/18/2025. At 6 weeks 70% relief, and at 6 months two-thirds better. In all she had about 9 months of good relief.',
    'She had a repeat right L4-5 radiofrequency ablation on 03/18/2025. By six weeks she was 70% better; at the six-month follow-up she remained two-thirds improved. The relief lasted about 9 months.',
    'Right L4-5 RFA repeated 03/18/2025. Six-week visit: 70% relief; six-month visit: about two-thirds relief. Overall about nine months of significant relief.',
    'The right L4-5 radiofrequency ablation was redone on 03/18/2025. At 6 weeks she reported 70% relief and at 6 months about two-thirds relief. That gave her about nine months of relief.',
  ])('%s', (text) => {
    const got = reports(text);
    expect(got.map((r) => r[0])).toEqual(expect.arrayContaining([70]));
    expect(got.some((r) => r[1] === '9 months')).toBe(true);
  });
  test.each([
    'Medicare covers a repeat ablation at the same level only when the prior ablation gave at least 50% pain relief lasting at least 6 months.',
    'A repeat RFA is payable only if the prior one gave at least 50% relief for 6 months.',
  ])('a coverage rule\'s figure is no report: %s', (text) => {
    expect(prior(text).filter((a) => a.reliefPercent === 50)).toEqual([]);
  });
});

describe('a later session a sentence tells with its own date and side', () => {
  test.each([
    'His left L5-S1 transforaminal injection in March 2022 gave him 90% relief for more than a year. The right-sided injection on September 9, 2025 gave him about 70% relief.',
    'His left L5-S1 transforaminal injection in March 2022 gave him 90% relief for more than a year. The right injection on 09/09/2025 gave him about 70% relief.',
  ])('%s', (text) => {
    const facts = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/10/2026\n${text}`)).facts.filter((f) => f.type === 'prior_procedure');
    expect(facts.map((f) => [f.attributes.side, f.attributes.date, f.attributes.reliefPercent])).toEqual([['left', '2022-03', 90], ['right', '2025-09-09', 70]]);
  });
});

describe('"RFA #2" is the second ablation; "RFA # 48213" is a form number', () => {
  test.each([
    ['RFA #1 on 03/21/2023 gave 70% relief for 14 months.', ['radiofrequency_ablation']],
    ['She had RFA #2 in 2025 with 60% relief.', ['radiofrequency_ablation']],
    ['RFA # 48213 was received on 01/02/2026.', []],
    ['RFA #12 dated 01/02/2026 was received.', []],
  ])('%s', (text, procedures) => {
    const facts = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/10/2026\n${text}`)).facts.filter((f) => f.type === 'prior_procedure');
    expect(facts.map((f) => f.attributes.procedure)).toEqual(procedures);
  });
});

describe('a block with its result told after it on a form was done, not asked for (dev writer 7C)', () => {
  test.each([
    'Other Information: Two diagnostic medial branch blocks positive; see procedure notes.',
    'Other Information: both MBBs were positive (85% and 90%).',
    'Comments: medial branch blocks concordant x2.',
  ])('%s', (line) => {
    const text = `REQUEST FOR AUTHORIZATION\nService requested: left L4-5 radiofrequency ablation, CPT 64635-LT\nRequested DOS: 02/10/2026\n${line}\n`;
    const req = reviewSource(textSource(text)).facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present');
    expect(req.map((f) => f.attributes.procedure)).toEqual(['radiofrequency_ablation']);
  });
});

describe('a letter names procedures while it argues (dev d7a-04)', () => {
  test('"a transforaminal needle placement at S1 in a patient who cannot remain still is unsafe" is no session', () => {
    const text = 'FAX COVER SHEET\nTo: UM\n\fDecember 12, 2025\n\nMedical Director, Prior Authorization\n\nDear Medical Director,\nI am requesting moderate sedation with a right S1 transforaminal epidural steroid injection. A transforaminal needle placement at S1 in a patient who cannot remain still is unsafe.\n\nSincerely,\nH. Ruiz, MD\n';
    const prior = reviewSource(textSource(text)).facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present');
    expect(prior).toEqual([]);
  });
});

describe('each relief told before its own session date (shared fa-07)', () => {
  test.each([
    'Two diagnostic medial branch blocks of the left L3-4 and L4-5 joints gave 90% relief with lidocaine on 03/11/2025 and 85% relief with bupivacaine on 04/08/2025.',
    'Two diagnostic medial branch blocks at left L3-4 and L4-5: 90% relief on 03/11/2025 and 85% relief on 04/08/2025.',
    'Two diagnostic medial branch blocks at left L3-4 and L4-5: 03/11/2025 with 90% relief and 04/08/2025 with 85% relief.',
  ])('%s', (text) => {
    const facts = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/10/2026\n${text}`)).facts.filter((f) => f.type === 'prior_procedure');
    expect(facts.map((f) => [f.attributes.date, f.attributes.reliefPercent])).toEqual([['2025-03-11', 90], ['2025-04-08', 85]]);
  });
});

describe('a reason the patient cannot have an ablation, told in words (dev d8a-07, shared fa-07)', () => {
  test.each([
    'He is not a candidate for radiofrequency ablation because of his implanted defibrillator.',
    'His neurologist advised against radiofrequency lesioning because of his deep brain stimulators.',
    'RFA contraindicated per cardiology.',
  ])('%s', (text) => {
    const dx = reviewSource(textSource(`PROGRESS NOTE\nDate of service: 01/10/2026\n${text}`)).facts.filter((f) => f.type === 'diagnosis' && f.assertion === 'present');
    expect(dx.map((f) => f.attributes.concept)).toContain('not an rfa candidate');
  });
});

describe('a letter\'s named session stays a session (narrowed after a blind round)', () => {
  test('"her right L5-S1 transforaminal injection" in a letter is still hers', () => {
    const text = 'FAX COVER SHEET\nTo: UM\n\fDecember 12, 2025\n\nMedical Director, Prior Authorization\n\nDear Medical Director,\nI am requesting a repeat right L5-S1 transforaminal epidural steroid injection. Her right L5-S1 transforaminal injection let her return to full duty.\n\nSincerely,\nH. Ruiz, MD\n';
    const prior = reviewSource(textSource(text)).facts.filter((f) => f.type === 'prior_procedure' && f.assertion === 'present');
    expect(prior.map((f) => f.attributes.procedure)).toContain('transforaminal_esi');
  });
});

describe("a document's handling stamp is no past (dev d12a-04)", () => {
  const req = (text: string) => reviewSource(textSource(text), { resources: res }).facts
    .filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure);
  test.each([
    'PATHWAY SPECIALTY BENEFITS                     Fax received: 02/18/2026 08:55\nFacet Denervation (RFA) - Clinical Questionnaire       Page 1 of 5',
    'DATE RECEIVED 03/04/2026 14:10\nLumbar radiofrequency ablation - prior authorization request',
    'Received date: 2026-01-12   Radiofrequency ablation request form',
    'received via fax 1/5/26 14:02\nRequest for authorization: lumbar RFA',
    'Fax rec\'d 04/11/2026 09:31 - Carelon clinical worksheet: radiofrequency ablation',
  ])('%s', (head) => {
    const text = `${head}\nMember: Jane Q. Public   DOB 01/02/1960\nLevels / side: left L4-5 and L5-S1\nCPT: 64635-LT, 64636-LT\n`;
    expect(prior(text).filter((a) => a.procedure === 'radiofrequency_ablation')).toEqual([]);
    expect(req(text)).toContain('radiofrequency_ablation');
  });
});

describe("a cover sheet's or medical necessity form's 'Procedure:' field is the service sent for review (dev d12a-07)", () => {
  const req = (text: string) => reviewSource(textSource(text), { resources: res }).facts
    .filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure);
  test.each([
    'FAX COVER SHEET\nTo: UM dept   Date: 02/20/2026   Requested DOS: 03/04/2026\nProcedure: L5-S1 interlaminar epidural steroid injection, right\nCPT: 62323',
    'FACSIMILE TRANSMITTAL - 3 pages\nRe: Deshawn P.   DOB 08/09/1986\nProcedure: right L5 transforaminal epidural steroid injection\nDate of service: 03/10/2026',
    'Utilization Management - Outpatient Pain Procedure Medical Necessity Form\nDate received: 02/23/2026\nRequested DOS: 03/04/2026\nProcedure: L5-S1 interlaminar epidural steroid injection',
    'MEDICAL NECESSITY REVIEW FORM - SPINAL INJECTION\nPlanned date: 04/02/2026\nProcedure: caudal epidural steroid injection under fluoroscopy',
    'FAX\nTo: Prior authorization unit\nProcedure: left L4-5 interlaminar ESI\nScheduled: 03/18/2026',
  ])('%s', (text) => {
    // A cover sheet heads a packet: the office note that follows is its own document.
    const all = `${text}\n\fPROGRESS NOTE  02/17/2026\nLow back pain with right leg pain for 3 months; PT 6 weeks without benefit.\n`;
    expect(prior(all)).toEqual([]);
    expect(req(all).length).toBeGreaterThan(0);
  });
});

describe('relief told as now, at the time since the procedure the note states (tenth author)', () => {
  test.each([
    ['Now four months out from bilateral L4-5 and L5-S1 RFA done 09/15/2025; relief was ~80% for the first three months and is now about 40%.', 40, '4 months'],
    ['Six weeks s/p right L5 TFESI on 01/10/2026; she had 90% relief at first and is currently about 50% better.', 50, '6 weeks'],
    ['At nine weeks post-RFA (bilat L4-5, L5-S1; 10/06/25) pt remains ~60% improved.', 60, '9 weeks'],
    ['3 months post left L4-5 and L5-S1 RFA (11/03/2025; lesions at 80 C); today still 70% better.', 70, '3 months'],
    ['Two months out from the caudal ESI of 12/01/2025: initial 100% relief, now ~60%.', 60, '2 months'],
  ])('%s', (text, percent, at) => {
    expect(prior(text).some((a) => a.reliefPercent === percent && a.reliefAt === at)).toBe(true);
  });
});

describe("a nurse's call or portal message about 'the injection' / 'the block' is the latest session's report (tenth author)", () => {
  const note = (date: string, proc: string) => `PROCEDURE NOTE   Date of service: ${date}\nProcedure: ${proc} under fluoroscopy.\n\f`;
  test.each([
    [note('01/30/2026', 'bilateral L4-5 medial branch blocks'), 'Nurse call 01/30/26  (L. Baptiste, LPN)\nReturned pt call. Says the block "helped maybe 50 percent" and wore off after about 3 hrs.', 'medial_branch_block', 50],
    [note('02/16/2026', 'right L5 transforaminal epidural steroid injection'), 'MyChart message   Received 03/02/2026 7:15 PM\nhi dr lund the injection is working, my leg is maybe 60% better', 'transforaminal_esi', 60],
    [note('03/03/2026', 'left L4-5 interlaminar epidural steroid injection'), 'TELEPHONE ENCOUNTER 03/17/2026\nPt reports that injection took about 70% of the leg pain away.', 'interlaminar_esi', 70],
    [note('04/01/2026', 'right L4-5 and L5-S1 medial branch blocks'), 'PATIENT PORTAL MESSAGE 04/01/2026\nThe block worked great, 90% better for about 6 hours then back to normal.', 'medial_branch_block', 90],
    [note('05/05/2026', 'caudal epidural steroid injection'), 'Phone note 05/26/2026\nStates the injection gave her 40% relief so far.', 'caudal_esi', 40],
  ])('%#: %s', (before, call, procedure, percent) => {
    expect(prior(before + call).some((a) => a.procedure === procedure && a.reliefPercent === percent)).toBe(true);
  });
  test('a document that names its procedure keeps its relief ("Diary from that block reviewed")', () => {
    const text = 'Interval history: Returns after his second diagnostic medial branch block on 03/18/2026. Diary from that block reviewed: he rated his relief at about nine-tenths for roughly five hours.';
    expect(prior(text).some((a) => a.procedure === 'medial_branch_block' && a.reliefPercent === 90)).toBe(true);
  });
  test('"the injection" with no relief told is no session ("We discussed the injection")', () => {
    const text = note('01/30/2026', 'right L5 transforaminal epidural steroid injection') + 'Phone note 02/02/2026\nPt asked about the injection and wants to know if she can drive.';
    expect(prior(text).filter((a) => a.procedure === 'transforaminal_esi')).toHaveLength(1);
  });
});

describe("a payer's decision date is not the session's date (dev d12b-03)", () => {
  test.each([
    ['Left S1 transforaminal ESI (certified by UR 12/22/2025) was done 01/13/2026.', '2026-01-13'],
    ['Right L5 TFESI, approved 02/02/2026, performed 02/20/2026 with 70% relief.', '2026-02-20'],
    ['Right L5-S1 ILESI, certified 09/30/2025, done 10/14/2025; 70% better.', '2025-10-14'],
    ['Caudal ESI pre-certified 11/10/2025; done 11/24/2025, 60% better.', '2025-11-24'],
    ['Right L4-5 ILESI, UR certified 05/05/2025, done 05/19/2025 with 50% relief.', '2025-05-19'],
  ])('%s', (text, date) => {
    expect(prior(`HPI: ${text}`).map((a) => a.date)).toContain(date);
  });
});

describe('a time point after the session, its levels and side between (dev d13b-02)', () => {
  test.each([
    '04/22/2025 (6 weeks after bilateral L4-5/L5-S1 RF neurotomy 03/11/2025)\nS: Back pain 2/10 (was 8/10 before RF).',
    '04/22/2025 - 6 weeks post left L4-5, L5-S1 radiofrequency ablation 03/11/2025. Back pain 2/10 (was 8/10 before RF).',
    '04/22/2025: 6 wks s/p right L3-L4 and L4-L5 RFA of 03/11/2025; pain 2/10 (was 8/10 before RFA).',
    '04/22/2025 (6 weeks after the bilateral L4-5 and L5-S1 RFA on 03/11/2025). Pain 2/10 (was 8/10 before the RFA).',
    '04/22/2025 6 weeks status post lumbar RF ablation 03/11/2025. Back pain 2/10 (was 8/10 pre-procedure).',
  ])('%s', (text) => {
    const rfa = prior(text).filter((a) => a.procedure === 'radiofrequency_ablation');
    expect(rfa.map((a) => a.date)).not.toContain('2025-04-22');
    expect(rfa.some((a) => a.date === '2025-03-11' && a.reliefPercent === 75)).toBe(true);
  });
});

describe("a policy's threshold quoted in a determination is no relief (dev d13b-02)", () => {
  test.each([
    'Repeat neurotomy may be supported when the prior procedure produced at least 50% relief documented for at least 12 weeks.',
    'A repeat ESI is recommended only if the prior injection gave at least 50% relief for 6 weeks.',
    'RFA is certified when diagnostic blocks produce at least 80% relief.',
    'Repeat RF ablation is authorized if the prior ablation gave at least 50% relief for 6 months.',
    'An ESI may be approved when the first produced more than 50% relief for at least 3 months.',
  ])('%s', (text) => {
    expect(prior(`Criteria: ${text}`).filter((a) => typeof a.reliefPercent === 'number')).toEqual([]);
  });
});

describe("a procedure named as a score's point of reference is no session (dev d13b-02)", () => {
  test.each([
    'Right L4-5 and L5-S1 RFA on 03/11/2025. On 04/22/2025 pain 2/10 (was 8/10 before RFA).',
    'Right L4-5 and L5-S1 RFA on 03/11/2025. On 04/22/2025 NRS 3/10 vs 7/10 pre-RFA.',
    'Right L4-5 and L5-S1 RFA on 03/11/2025. Seen 04/22/2025: back pain 2/10, 8/10 prior to the RFA.',
    'Right L4-5 and L5-S1 RFA on 03/11/2025. Visit 04/22/2025 - pain 1/10 from 6/10 before the ablation.',
    'Right L4-5 and L5-S1 RFA on 03/11/2025. At the 04/22/2025 visit: 2/10, was 8 before radiofrequency ablation.',
  ])('%s', (text) => {
    expect(prior(`HPI: ${text}`).filter((a) => a.procedure === 'radiofrequency_ablation').map((a) => a.date)).toEqual(['2025-03-11']);
  });
});

describe("a procedure record's flow sheet labels its scores after them, and its summary line (dev d11a-01)", () => {
  const rec = (sheet: string) => `PROGRESS NOTE 12/10/2025\nPlan: confirmatory MBB.\n\fST. ANSELM VALLEY HOSPITAL - PROCEDURE RECORD\nDiagnostic Lumbar Medial Branch Block #2\nDOS 12/16/2025\nTargets: bilateral L4-L5 and L5-S1 joints\nSedation: none\n${sheet}`;
  test.each([
    [' Time   NRS   Notes\n 1310   8/10                   pre-procedure\n 1403   2/10                   15 min post\n', 75],
    [' 0730   NRS 7/10      pre-procedure\n 0815   NRS 2/10      20 min post-procedure\n', 71.4],
    [' 0800  6/10  baseline\n 0840  3/10  30 minutes post\n', 50],
    ['Summary: pre 8/10, post 1/10 (87.5%); relief about 7 hours.\n', 87.5],
    [' 1310  8/10  pre-procedure\n 1407  1/10  15 min\nSummary: pre 8/10, post 2/10 (75%).\n', 75],
  ])('%#', (sheet, percent) => {
    expect(prior(rec(sheet)).find((a) => a.procedure === 'medial_branch_block')?.reliefPercent).toBe(percent);
  });
});

describe("a subject block's service field under 'RE:' is what a letter asks for (dev d13c-02)", () => {
  const req = (text: string) => reviewSource(textSource(text), { resources: res }).facts
    .filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure);
  test.each([
    'RE:  Level 1 provider appeal - precertification denial\n     Member: Gregory A. Tallis\n     Service: first diagnostic bilateral L4-5 and L5-S1 medial branch blocks, CPT 64493-50\n\nDear Appeals Reviewer:\nPlease reconsider.',
    'Re: Appeal of denial\n    Patient: J. Doe   DOB 01/01/1970\n    Procedure: right L5-S1 transforaminal epidural steroid injection\n\nDear reviewer,\nThe patient has radicular pain.',
    'RE: Reconsideration request\n     Claim 12345\n     Requested service: left L4-5 interlaminar ESI\n\nTo whom it may concern:\nWe ask you to reconsider.',
    'Subject: Prior authorization\n      Member ID W123\n      Request: bilateral L4-5 radiofrequency ablation\n\nDear Medical Director,\nShe had two positive blocks.',
    'RE:  Peer review follow-up\n     Patient: A. B.\n     Procedures: bilateral L3-4 and L4-5 facet joint injections\n\nDear Dr. Smith,\nThank you for the call.',
  ])('%#', (text) => {
    expect(req(text).length).toBeGreaterThan(0);
    expect(prior(text)).toEqual([]);
  });
});

describe('a threshold whose rule is told after it is no relief (dev d13c-08)', () => {
  test.each([
    'Two diagnostic medial branch blocks, each with at least 80% relief, are required before facet radiofrequency ablation.',
    'Prior MBBs with at least 80% relief are needed for RFA.',
    'A response of greater than 50% relief for 3 months is required before a repeat ESI.',
    'At least 50% relief lasting 6 months is necessary for a repeat ablation.',
    'Two blocks with more than 80% relief each are required.',
  ])('%s', (text) => {
    expect(prior(`Note: the second medial branch block (11/25/2025) has no documented relief. ${text}`).filter((a) => typeof a.reliefPercent === 'number')).toEqual([]);
  });
});

describe("a procedure note's later follow-up entry is its own report, not the session's post score (dev ds-04)", () => {
  const note = (entry: string) => 'PROGRESS NOTE 10/01/2025\nPlan: caudal ESI.\n\fPAIN ASSOCIATES - PROCEDURE NOTE\nDate: 10/21/2025\nProcedure: Caudal epidural steroid injection with fluoroscopic guidance.\nSedation: none.\nPre-procedure NRS 8/10. Tolerated well.\n\n' + entry;
  test.each([
    ['FOLLOW-UP 11/04/2025 (two weeks): Leg pain 5/10 (from 8/10).\n\nFOLLOW-UP 11/25/2025: Pain back to 8/10 by the fourth week.\n', 37.5],
    ['Follow-up 11/04/2025: leg pain 4/10 compared with 8/10 before the procedure.\n', 50],
    ['F/U 11/18/2025 - reports 60% relief so far.\n', 60],
    ['Post-injection call 11/04/2025: 70% better.\n', 70],
    ['Phone follow-up 11/10/2025: pain 2/10 (was 8/10 before the injection).\n', 75],
  ])('%#', (entry, percent) => {
    const caudal = prior(note(entry)).filter((a) => a.procedure === 'caudal_esi' && a.date === '2025-10-21');
    expect(caudal.map((a) => a.reliefPercent)).toContain(percent);
    expect(caudal.map((a) => a.reliefPercent)).not.toContain(0);
  });
});

describe("a form's label and the option checked under it are one statement (dev d14a-01)", () => {
  const reqs = (text: string) => reviewSource(textSource(text), { resources: res }).facts
    .filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => [f.attributes.procedure, f.attributes.sequence ?? 1]);
  const form = (tail: string) => `PRIOR AUTHORIZATION REQUEST\nProcedure:  [X] Medial branch block   [ ] RF ablation\nBlock:      [X] 1st diagnostic   [ ] 2nd (confirmatory)\nJoint level(s):  [X] L4-5   [X] L5-S1\n${tail}\n`;
  test.each([
    '10. Plan if this block is positive (>= 80% relief of index pain):\n    [X] 2nd confirmatory MBB, then radiofrequency ablation of the same joints',
    'Next step if positive:\n  [X] confirmatory medial branch block, then RFA',
    'If relief >= 80%, plan:\n(x) second diagnostic MBB',
    'Plan after a positive block:\n [\u2713] repeat (confirmatory) MBB at the same levels',
    'Should this block be positive, the next step will be:\n  [X] 2nd MBB, then RF neurotomy',
  ])('%s', (tail) => {
    expect(reqs(form(tail))).toEqual([['medial_branch_block', 1]]);
  });
});

describe("a session table with its procedure, side and joints in columns, and cells wrapped onto the next line (dev d14a-08)", () => {
  test.each([
    ['  Date        Procedure                    Side  Joints      Agent / volume         Pre  Post  Relief  Duration\n  12/16/2025  Dx medial branch block #1    L     L3-4, L4-5  lidocaine 2%, 0.5 mL   8    1     88%     ~2 h\n                (L2, L3, L4 medial branches)                 per nerve\n  01/20/2026  Dx medial branch block #2    L     L3-4, L4-5  bupivacaine 0.5%,      8    0     100%    ~6 h\n', 'left', [88, 100]],
    ['| Date | Procedure | Side | Level | Relief | Duration |\n| 03/02/2025 | medial branch block | R | L4-5, L5-S1 | 85% | 3 h |\n| 03/23/2025 | medial branch block | R | L4-5, L5-S1 | 90% | 7 h |\n', 'right', [85, 90]],
    ['Date        Intervention          Side   Levels        % relief   Duration\n05/01/2025  diagnostic MBB        B      L4-5, L5-S1   80%        2 hours\n05/22/2025  diagnostic MBB        B      L4-5, L5-S1   85%        6 hours\n', 'bilateral', [80, 85]],
    ['Date         Procedure                Side    Joint(s)       Relief   Duration\n09/09/2025   medial branch block #1   left    L3-4, L4-5     90%      2 h\n             (lidocaine)\n10/07/2025   medial branch block #2   left    L3-4, L4-5     95%      8 h\n             (bupivacaine)\n', 'left', [90, 95]],
    ['Date | Service | Laterality | Levels | Relief\n11/04/2025 | MBB | right | L4-5 and L5-S1 | 100%\n12/02/2025 | MBB | right | L4-5 and L5-S1 | 80%\n', 'right', [100, 80]],
  ])('%#', (table, side, reliefs) => {
    const mbb = prior(`INTERVENTIONAL HISTORY\n${table}`).filter((a) => a.procedure === 'medial_branch_block' && typeof a.reliefPercent === 'number');
    expect(mbb.map((a) => a.reliefPercent)).toEqual(reliefs);
    expect(mbb.every((a) => a.side === side)).toBe(true);
  });
});

describe("workers' comp 'RFA submitted:' names the service asked for; a report's author and date in parentheses date no session (dev d14b-01)", () => {
  const req = (text: string) => reviewSource(textSource(text), { resources: res }).facts
    .filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.procedure);
  test.each([
    'PLAN:\n - RFA submitted: bilateral L4-5 and L5-S1 diagnostic medial branch blocks under fluoroscopy.',
    'Plan: RFA sent for right L5-S1 transforaminal epidural steroid injection.',
    'A new RFA is being submitted for bilateral L4-5 medial branch blocks.',
    'Treatment plan: RFA faxed today - left L4-5 interlaminar ESI.',
    'Submitted RFA: bilateral L4-5, L5-S1 radiofrequency ablation.',
  ])('%s', (text) => {
    const all = `PR-2 PROGRESS REPORT 11/14/2025\nThe Panel QME (Dr. Whitcombe, 09/30/2025) listed diagnostic facet blocks among reasonable future medical care.\n${text}\n`;
    expect(prior(all)).toEqual([]);
    expect(req(all).length).toBeGreaterThan(0);
  });
});

describe('when relief ended is no session date (dev d14c-04)', () => {
  test.each([
    'Prior RFA 03/11/2025 gave about 75% relief that held for roughly 10 months; pain returned in January 2026.',
    'The right L4-5 RFA of 03/11/2025 helped 75% until the pain came back in December 2025.',
    'RFA 03/11/2025: 80% better, relief wore off around February 2026.',
    'After her RFA on 03/11/2025 she was 70% better; the ache crept back in late January 2026.',
    'RFA (03/11/2025) gave 75% relief; symptoms recurred in 01/2026.',
  ])('%s', (text) => {
    const dates = prior(`HPI: ${text}`).filter((a) => a.procedure === 'radiofrequency_ablation').map((a) => a.date);
    expect(dates).toContain('2025-03-11');
    expect(dates.filter((d) => String(d).startsWith('2026') || String(d).startsWith('2025-12'))).toEqual([]);
  });
});

describe("a procedure note's entries of other sessions score those sessions; 'many months' is no length (dev d14b-06)", () => {
  const note = (entries: string) => 'PROGRESS NOTE 02/03/2026\nPlan: repeat RF neurotomy.\n\fSPINE & PAIN - PROCEDURE NOTE\nDate of service: 07/15/2025\nProcedure: Radiofrequency neurotomy, bilateral L4-5 and L5-S1.\nLocal anesthesia only.\n\n' + entries;
  test.each([
    'Block 1 - 05/20/2025 - lidocaine. Index pain 8/10 before, 1/10 at 30-90 minutes; pain back to 8/10 at 3 hours.\n',
    'MBB #2 06/10/2025: bupivacaine. Pain 8/10 before, 1/10 from 1 to 6 hours; 7/10 at 9 hours.\n',
    'Block 1 (05/20/2025), medial branches: pre 7/10, post 7/10 at 4 hours.\n',
    'MBB 2 - 06/10/2025: NRS 9/10 before and 9/10 at 2 hours.\n',
    'Block #1 05/20/2025 - lidocaine to the medial branches; pain 6/10 before; 6/10 after.\n',
  ])('%#', (entries) => {
    const rfa = prior(note(entries)).filter((a) => a.procedure === 'radiofrequency_ablation');
    expect(rfa.map((a) => a.reliefPercent)).not.toContain(0);
  });
  test.each(['excellent relief for many months', 'significant relief for several months', 'good relief for multiple weeks'])('%s says no length', (text) => {
    expect(relief(text).some((r) => r.duration !== undefined)).toBe(false);
  });
});

describe("a request block framed by rules, its 'Procedure:' field right under it (dev d15a-03)", () => {
  const kinds = (text: string) => reviewSource(textSource(text), { resources: res }).facts
    .filter((f) => (f.type === 'requested_procedure' || f.type === 'prior_procedure') && f.assertion === 'present').map((f) => f.type);
  test.each([
    '--- AUTHORIZATION REQUEST (to plan) ---\nProcedure: Diagnostic Lumbar Medial Branch Blocks Bilateral L4-5, L5-S1, IV sedation, fluoroscopy\nRequested date: 03/02/2026',
    '=== REQUESTED PROCEDURE ===\nProcedure: right L5 transforaminal epidural steroid injection\nCPT 64483-RT',
    '*** Request for authorization ***\nProcedure: bilateral L4-5 radiofrequency ablation',
    '----- SERVICE REQUESTED -----\nProcedure: left L4-5 interlaminar ESI under fluoroscopy',
    '~~ Authorization request ~~\nProcedure: caudal epidural steroid injection',
  ])('%s', (block) => {
    const text = `PROGRESS NOTE\nDate of visit: 02/03/2026\nAxial low back pain for 2 years.\n\nPLAN\nContinue medications.\n\n${block}\n`;
    expect(kinds(text)).toEqual(['requested_procedure']);
  });
});

describe("'same targets as <date>' names the session a block repeats, not its own date (dev d15a-02)", () => {
  test.each([
    'Procedure: Diagnostic (confirmatory) lumbar medial branch block #2, bilateral, same targets as 11/06/2025',
    'Procedure: confirmatory MBB, same levels and technique as 11/06/2025, bilateral L4-5 and L5-S1',
    'Procedure: repeat medial branch block, same approach as the one on 11/06/2025',
    'Procedure: MBB #2 - same targets as block of 11/06/2025',
    'Procedure: second diagnostic medial branch block with the same needle placement as on 11/06/2025',
  ])('%s', (line) => {
    const text = `PROGRESS NOTE 12/01/2025\nPlan: RFA.\n\fSURGERY CENTER - PROCEDURE RECORD\nDate of procedure: 12/04/2025\n${line}\nSedation: none.\n`;
    const dates = prior(text).filter((a) => a.procedure === 'medial_branch_block').map((a) => a.date);
    expect(dates).toContain('2025-12-04');
    expect(dates).not.toContain('2025-11-06');
  });
});

describe('relief told across an indented line wrap, and a short line that stops on a word no sentence ends with (dev writer 19A, d19a-01)', () => {
  test.each([
    ['History:\n - 01/21/2025  bilateral L4-5 intra-articular injections (therapeutic): about 60%\n               relief lasting about 4 months', 'facet_injection', 60, 2920],
    ['History:\n - 09/16/2025  bilateral L4-5 intra-articular injections: NRS 7 -> 2 at the 6-week\n               visit; benefit held until about\n               mid-January', 'facet_injection', 71.4, 2904],
    ['Prior injections:\n   03/04/2025  left L5 TFESI: 70% improvement that held until\n               early August', 'transforaminal_esi', 70, 3600],
    ['Interventions:\n  - 09/02/2025 right L4-5 TFESI, good relief (~75%) until\n      mid-January', 'transforaminal_esi', 75, 3240],
    ['Blocks:\n  #1 10/02/2025 MBB bilateral L4-5, L5-S1 (lidocaine): 80%\n       relief for 2 hours', 'medial_branch_block', 80, 2],
  ])('%s', (text, procedure, percent, hours) => {
    const f = prior(`Date: 02/10/2026\n${text}`).find((a) => a.procedure === procedure && a.reliefPercent === percent);
    expect(f?.reliefDurationHours).toBe(hours);
  });
});

describe("the nerves' anatomy, or what blocking them does, is no block done (dev writer 19B, d19b-05)", () => {
  test.each([
    'Each lumbar facet joint is supplied by two medial branches: the L3-L4 joint by the L2 and L3 medial branches, and the L4-L5 joint by the L3 and L4 medial branches.',
    'Blocking the L2, L3 and L4 medial branches on each side therefore anesthetizes exactly two joint levels bilaterally.',
    'The L5-S1 facet joint is innervated by the L4 medial branch and the L5 dorsal ramus.',
    'The medial branches of the dorsal rami supply the facet joints and the multifidus.',
    'Two medial branches subserve each joint, so a single-joint block targets two nerves.',
  ])('%s', (text) => {
    expect(prior(`Date: 10/02/2025\nLETTER OF APPEAL\n${text}`).filter((a) => a.procedure === 'medial_branch_block')).toEqual([]);
  });
  test('a block of named medial branches is still one', () => {
    expect(prior('Date: 10/02/2025\nHISTORY\nOn 08/12/2025 the left L3 and L4 medial branches were blocked with lidocaine: 85% relief for 2 hours.').filter((a) => a.procedure === 'medial_branch_block').map((a) => a.reliefPercent)).toContain(85);
  });
});

describe("another procedure told in a procedure note is not done that day (dev writer 19C, d19c-02)", () => {
  test.each([
    ['Procedure: RIGHT sacroiliac joint injection with fluoroscopic guidance.\nNo sedation.\n\nLow back unchanged, still good from RFA.', 'radiofrequency_ablation'],
    ['PROCEDURE: Left L5 transforaminal epidural steroid injection.\nNo sedation.\n\nBack pain stays controlled by the RFA.', 'radiofrequency_ablation'],
    ['Procedure: Right sacroiliac joint injection under fluoroscopy.\nTolerated well.\n\nAxial pain still improved from her lumbar MBB.', 'medial_branch_block'],
    ['PROCEDURE PERFORMED: Caudal epidural steroid injection under fluoroscopy.\nNo complications.\n\nFacet injection remains an option for the axial pain.', 'facet_injection'],
    ['Procedure: Bilateral L4-5 medial branch blocks, diagnostic.\nNo sedation.\n\nLeg pain still controlled by the TFESI.', 'transforaminal_esi'],
  ])('%s', (note, other) => {
    const facts = prior(`Date of service: 11/05/2024\n\n${note}`);
    expect(facts.filter((a) => a.procedure === other && a.date === '2024-11-05')).toEqual([]);
  });
  test('the procedures the note lists are its own', () => {
    const facts = prior('Date of service: 10/22/2025\n\nPROCEDURES PERFORMED:\n1. Bilateral L5-S1 transforaminal epidural steroid injection\n2. Bilateral L4-5 and L5-S1 medial branch blocks, diagnostic\nNo sedation.\n\nThe medial branch blocks were done after the TFESI.');
    expect(facts.filter((a) => a.date === '2025-10-22').map((a) => a.procedure)).toEqual(expect.arrayContaining(['transforaminal_esi', 'medial_branch_block']));
  });
});

describe('a session named by its month, or its month and day, without a year (dev writer 19C, d19c-03)', () => {
  test.each([
    ['Subjective: He estimates the June injection helped about 40%.', '2025-06', 40],
    ['Subjective: The June 17 injection (about nine weeks ago)\nhelped maybe 40% for a couple of weeks.', '2025-06-17', 40],
    ['HPI: The June 17 TFESI helped maybe 40% for a couple of weeks.', '2025-06-17', 40],
    ['HPI: Her March injection gave about 70% relief.', '2025-03', 70],
    ['HPI: She says the December block helped 80% for a few hours.', '2024-12', 80],
  ])('%s', (text, date, percent) => {
    const facts = prior(`DOS 08/19/2025\n\n${text}`);
    expect(facts.map((a) => [a.date, a.reliefPercent])).toContainEqual([date, percent]);
  });
});
