import { describe, expect, test } from 'vitest';
import { findRelief } from '../../../src/nlp/values/relief.ts';
import { normalizeView } from '../../../src/model/doc.ts';

function relief(s: string) {
  return findRelief(normalizeView(s));
}

describe('findRelief', () => {
  describe('percentages', () => {
    test.each([
      ['She reported 80% relief after the block.', 80],
      ['80-90% relief of her axial pain', 80],
      ['reports 80 to 90 percent improvement', 80],
      ['fifty percent relief for two weeks', 50],
      ['approximately seventy-five percent improvement', 75],
      ['100% improvement following bilateral L5-S1 TFESI', 100],
      ['his pain has decreased approximately 70%', 70],
      ['improved by 50% since the injection', 50],
      ['relief of >80% during the anesthetic phase', 80],
      ['0% relief from the first block', 0],
      ['about 90% or so better', 90],
    ])('%s → %d', (text, percent) => {
      const r = relief(text);
      expect(r).toHaveLength(1);
      expect(r[0]!.percent).toBe(percent);
    });

    test('"100%" and "complete relief" carry the complete degree', () => {
      expect(relief('100% relief')[0]!.qualitative).toBe('complete');
      expect(relief('complete relief of leg pain')[0]).toMatchObject({ percent: 100, qualitative: 'complete' });
    });
  });

  describe('no relief is zero', () => {
    test.each([
      ['the first block gave no relief'],
      ['the injection did not help'],
      ["PT didn't help her pain"],
      ['without any relief'],
      ['zero relief'],
      ['the TFESI was not helpful'],
      ['failed to provide any relief'],
      ['no improvement with NSAIDs'],
    ])('%s', (text) => {
      expect(relief(text)).toEqual([expect.objectContaining({ percent: 0, qualitative: 'none' })]);
    });
  });

  describe('relief in words only keeps percent null (RELIEF_NOT_QUANTIFIED)', () => {
    test.each([
      ['minimal relief', 'minimal'],
      ['little to no relief', 'minimal'],
      ['without any significant relief', 'minimal'],
      ['the injection helped some', 'some'],
      ['some relief of leg pain', 'some'],
      ['temporary relief', 'some'],
      ['partial relief', 'partial'],
      ['significant relief of radicular pain', 'significant'],
      ['it helped a lot', 'significant'],
    ])('%s → %s', (text, degree) => {
      expect(relief(text)).toEqual([expect.objectContaining({ percent: null, qualitative: degree })]);
    });
  });

  describe('before/after scores: (pre - post) / pre', () => {
    test.each([
      ['pain went from 8/10 to 1/10', 87.5, 8, 1],
      ['8/10 \u2192 2/10 after the block', 75, 8, 2],
      ['VAS 8/10 -> 4/10', 50, 8, 4],
      ['pain decreased from 8 to 1', 87.5, 8, 1],
      ['pre-procedure pain 6/10, post-procedure 0/10', 100, 6, 0],
      ['from 7/10 down to 3/10', 57.1, 7, 3],
    ])('%s → %d', (text, percent, from, to) => {
      const [r] = relief(text);
      expect(r).toMatchObject({ percent, fromScore: from, toScore: to });
    });

    test('pre and post labels around an arrow, with the duration after', () => {
      const [r] = relief('#1  07/11/2023  lidocaine 2% 0.5 mL/nerve   pre 8/10 -> post 0/10 for 2.5 hours (100%)');
      expect(r).toMatchObject({ percent: 100, fromScore: 8, toScore: 0, duration: { value: 2.5, unit: 'hours' } });
    });

    test('pre- and post-procedure scores in two sentences', () => {
      const s = 'Pre-procedure pain 7/10. At 30 minutes post-procedure pain 2/10 with extension.';
      expect(relief(s)[0]).toMatchObject({ percent: 71.4, fromScore: 7, toScore: 2 });
    });

    test('an arrow between bare numbers after a scale label is a change', () => {
      expect(relief('VAS 8 -> 2 at two weeks')[0]).toMatchObject({ percent: 75, fromScore: 8, toScore: 2 });
    });

    test('"pain 3 to 4 times a day" is not a change', () => {
      expect(relief('back pain 3 to 4 times a day')).toEqual([]);
    });

    test('a bare "from 8 to 1" without pain words is not a score', () => {
      expect(relief('dose reduced from 8 to 1 tablets')).toEqual([]);
    });
  });

  describe('duration of relief', () => {
    test.each([
      ['100% relief for 6 hours', 100, 6, 'hours', 6],
      ['50% improvement x 3 weeks', 50, 3, 'weeks', 504],
      ['80% relief lasting 2 days', 80, 2, 'days', 48],
      ['70% reduction in pain for about 3 months', 70, 3, 'months', 2190],
      ['complete relief for 30 minutes', 100, 30, 'minutes', 0.5],
    ])('%s', (text, percent, value, unit, hours) => {
      const [r] = relief(text);
      expect(r).toMatchObject({ percent, duration: { value, unit, hours } });
    });

    test.each([
      ['TFESI 03/2023: 100% for 6 hours', 100, 6, 'hours'],
      ['the block gave her 80% x 2 days', 80, 2, 'days'],
    ])('a percentage followed by how long it lasted is relief: %s', (text, percent, value, unit) => {
      expect(relief(text)).toEqual([expect.objectContaining({ percent, duration: expect.objectContaining({ value, unit }) })]);
    });

    test('a percentage followed by "for" and no duration is not relief', () => {
      expect(relief('approved 100% for the procedure')).toEqual([]);
    });

    test('a quoted "lasted" still reads', () => {
      expect(relief('that relief "lasted roughly 4 months"')[0]).toMatchObject({ duration: { value: 4, unit: 'months' } });
    });

    test('"relief lasted 2 days" is a duration with no figure', () => {
      const s = 'The relief lasted 2 days.';
      const [r] = relief(s);
      expect(r).toMatchObject({ percent: null, qualitative: null, duration: { value: 2, unit: 'days', hours: 48 } });
      expect(s.slice(r!.start, r!.end)).toBe('relief lasted 2 days');
    });
  });

  describe('percentages that are not relief', () => {
    test.each([
      ['50% stenosis of the canal at L4-5'],
      ['weight bearing 80%'],
      ['1 mL of 0.5% bupivacaine'],
      ['O2 sat 98% on room air'],
      ['EF 55%'],
      ['grade 1 (25%) anterolisthesis'],
      ['30% whole person impairment'],
      ['ODI 42%'],
      ['a 30% loss of vertebral body height'],
    ])('%s', (text) => {
      expect(relief(text).filter((r) => r.percent !== null && r.percent > 0)).toEqual([]);
    });
  });

  test('offsets point into the string given', () => {
    const s = 'After the block she had 80% relief for 6 hours.';
    const [r] = relief(s);
    expect(s.slice(r!.start, r!.end)).toBe('80% relief for 6 hours');
  });
});

describe('relief duration said with "helped" or as an amount of relief', () => {
  test.each([
    ['She had an epidural last year that helped for 3 months.', 3, 'months'],
    ['The injection helped for about two weeks.', 2, 'weeks'],
    ['The RFA gave her about 9 months of relief.', 9, 'months'],
  ])('%s', (text, value, unit) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent: null, duration: expect.objectContaining({ value, unit }) })]);
  });
});

describe('how long, told beside the end of relief', () => {
  test.each([
    ['The RFA of 03/11/2025 gave about 75% relief that held until around Christmas, roughly nine months, and let him walk', 75, 9, 'months'],
    ['70% relief until early March (about 4 months)', 70, 4, 'months'],
    ['80% relief until May, or about 10 weeks', 80, 10, 'weeks'],
    ['50% relief until 3/1/2026, 10 weeks', 50, 10, 'weeks'],
    ['good relief through the summer - some 3 months', null, 3, 'months'],
  ])('%s', (text, percent, value, unit) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent, duration: expect.objectContaining({ value, unit }) })]);
  });
  test('without a length beside it, the end stays an end ("until around Thanksgiving")', () => {
    expect(relief('60% relief until around Thanksgiving')).toEqual([expect.objectContaining({ percent: 60, until: '--11-25' })]);
  });
});

describe('pain now, then pain before', () => {
  test.each([
    ['by VAS 6/10 compared with 7/10 before the procedure.', 14.3],
    ['pain 3/10, down from 8/10', 62.5],
    ['VAS 2/10 today; VAS was 7/10 before the procedure', 71.4],
    ['NRS 4/10 vs 8/10 pre-injection', 50],
    ['pain is 5/10 compared to 9/10 at baseline', 44.4],
  ])('%s', (text, percent) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent })]);
  });
  test.each(['pain 6/10, was 6/10 last week', 'rated 3/10 compared with 4/10 last visit'])('no "before" and no "down from": no relief (%s)', (text) => {
    expect(relief(text)).toEqual([]);
  });
});

describe('how long, told before the figure, and other ways of a bound', () => {
  test.each([
    ['gave her about 6 months of 70% relief', 70, 6, 'months'],
    ['12 weeks of ~60% relief', 60, 12, 'weeks'],
    ['She had 3 months of 80% relief', 80, 3, 'months'],
    ['nearly 4 months of 50% improvement', 50, 4, 'months'],
    ['ten weeks of 90% relief after the block', 90, 10, 'weeks'],
    ['(>50% relief for >3 months)', 50, 3, 'months'],
    ['reduced her leg pain by two-thirds for roughly 16 weeks', 67, 16, 'weeks'],
    ['decreased his back pain by half for 3 months', 50, 3, 'months'],
    // A counted fraction (dev writer 8A's "relief at about nine-tenths for roughly five hours").
    ['he rated his relief at about nine-tenths for roughly five hours', 90, 5, 'hours'],
    ['she was four-fifths better for six hours', 80, 6, 'hours'],
    ['improvement of roughly two-thirds lasting 3 months', 66.7, 3, 'months'],
    ['relief was seven-tenths for about 8 hours', 70, 8, 'hours'],
    ['three-fifths relief for 4 weeks', 60, 4, 'weeks'],
  ])('%s', (text, percent, value, unit) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent, duration: expect.objectContaining({ value, unit }) })]);
  });
  test('"through January" takes the month in; "until January" starts it', () => {
    expect(relief('75% reduction sustained through January')).toEqual([expect.objectContaining({ until: '--01-28' })]);
    expect(relief('75% reduction that lasted until January')).toEqual([expect.objectContaining({ until: '--01-01' })]);
  });
});

describe('"good months out of" the last injection, with its figure in parentheses', () => {
  test.each([
    ['She got 3 good months out of the last injection in October (~70%).', 70, 3, 'months'],
    ['he got a good 4 months out of the TFESI (about 60%)', 60, 4, 'months'],
    ['she had 2 solid months out of her last shot (80%)', 80, 2, 'months'],
    ['got about 6 weeks out of it', null, 6, 'weeks'],
    ['got 10 good weeks out of that injection', null, 10, 'weeks'],
  ])('%s', (text, percent, value, unit) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent, duration: expect.objectContaining({ value, unit }) })]);
  });
});

describe('an anesthetic named before the relief it gave', () => {
  test.each([
    ['- April 11, 2023, 2% lidocaine: 90% relief lasting about two hours,', 90],
    ['bupivacaine, 80% relief for 6 hours', 80],
    ['0.5% bupivacaine - 85% improvement for 5 hours', 85],
    ['Block #1 (lidocaine): 100% relief for 2 hours', 100],
    ['ropivacaine: 75% pain relief x 4 hours', 75],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toContain(percent);
  });
  test.each([
    ['MBB #1 10/02/2025, 2% lidocaine: about 62% relief for about 90 minutes per diary.', 62],
    ['bupivacaine, approximately 80% improvement', 80],
    ['lidocaine - roughly 70% relief', 70],
    ['2% lidocaine: ~90% relief', 90],
    ['0.5% bupivacaine: nearly 85% better', 85],
  ])('with a hedge before the figure (dev writer 18B, d18b-05): %s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toContain(percent);
  });
  test.each(['2% lidocaine 1 mL per level', 'bupivacaine 0.5% 0.5 mL', 'ODI: 40% improvement', 'lidocaine 1%, about 2 mL'])('a concentration or a scale is no relief: %s', (text) => {
    expect(relief(text).map((r) => r.percent)).not.toContain(text.startsWith('ODI') ? 40 : 2);
  });
});

describe('pain that went "down" by the figure', () => {
  test.each([
    ['leg pain down about 60% since the shot', 60],
    ['her leg pain is down about 60%', 60],
    ['radicular pain down ~70%', 70],
    ['leg pain went down by 50%, back pain unchanged', 50],
    ['her symptoms are down roughly 80%', 80],
    ['pain was down nearly 90% for 5 hours', 90],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toContain(percent);
  });
  test.each(['pain radiates down 50% of the leg length', 'dose tapered down 25%', 'ODI down 20% points'])('not pain going down: %s', (text) => {
    expect(relief(text)).toEqual([]);
  });
});

describe('a decimal percentage is relief when relief is named right after it', () => {
  test.each([
    ['3/10 at the three-month visit 10/14/2025 (62.5% relief)', 62.5],
    ['NRS 8 -> 1 at 30 min (87.5% relief)', 87.5],
    ['reported 66.7% improvement at six weeks', 66.7],
    ['about 57.1 % better', 57.1],
    ['a 37.5% reduction in leg pain', 37.5],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toContain(percent);
  });
  test.each(['bupivacaine 0.25% 3 mL', 'ropivacaine 0.2% at each level', 'lidocaine 1.5% with epinephrine'])('a concentration stays none: %s', (text) => {
    expect(relief(text)).toEqual([]);
  });
});

describe('a score before, then readings at later time points', () => {
  test.each([
    ['NRS 8/10 before; 2/10 at the 2-week visit; 3/10 at 10 weeks.', [[75, '2 weeks'], [62.5, '10 weeks']]],
    ['VAS 9/10 before, 4/10 at the 4-week visit, 5/10 at 3 months', [[55.6, '4 weeks'], [44.4, '3 months']]],
    ['NRS 8 pre, 3 at 2 weeks and 4 at 12 weeks', [[62.5, '2 weeks'], [50, '12 weeks']]],
    ['pain 7/10 at baseline; 2/10 at 2 weeks; 3/10 at 3 months', [[71.4, '2 weeks'], [57.1, '3 months']]],
    ['leg pain 10/10 pre-injection, 2/10 at 2 weeks, then 4/10 at 8 weeks', [[80, '2 weeks'], [60, '8 weeks']]],
  ])('%s', (text, want) => {
    expect(relief(text).map((r) => [r.percent, r.at])).toEqual(want);
  });
});

describe('figures listed after a relief figure, and a time point at "her" visit', () => {
  test.each([
    ['a therapeutic IA injection that gave 75% at 4 weeks and 50% at 3 months.', [75, 50]],
    ['relief 80% at 2 weeks, 60% at 3 months', [80, 60]],
    ['She reported 90% relief at 1 week and then about 55% at 10 weeks.', [90, 55]],
    ['70% improvement at 4 wks; ~60% at 15 wks', [70, 60]],
    ['it helped 85% at first, then 40%', [85, 40]],
  ])('%s', (text, want) => {
    expect(relief(text).map((r) => r.percent)).toEqual(want);
  });
  test.each([
    ['8/10 before, 2/10 at her four-week visit', 75, '4 weeks'],
    ['NRS 9 before, 3 at his 6-week visit', 66.7, '6 weeks'],
    ['pain 6/10 pre, 3/10 at their 2 week check', 50, '2 weeks'],
  ])('%s', (text, percent, at) => {
    expect(relief(text).map((r) => [r.percent, r.at])).toContainEqual([percent, at]);
  });
});

describe('how long, told on its own right after a figure told without one', () => {
  test.each([
    ['The injection helped about 70%, but the benefit lasted only about five weeks.', 70, 5, 'weeks'],
    ['70% improvement at 4 wks, benefit lasted about 5 weeks', 70, 5, 'weeks'],
    ['She got 80% relief and the relief lasted about 4 months.', 80, 4, 'months'],
    ['60% better, though the improvement lasted maybe 3 weeks', 60, 3, 'weeks'],
    ['about 75% relief; the effect lasted just about two months', 75, 2, 'months'],
  ])('%s', (text, percent, value, unit) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent, duration: expect.objectContaining({ value, unit }) })]);
  });
  test('in the next sentence it stays its own', () => {
    expect(relief('relief 60%. The relief lasted 2 weeks.').map((r) => r.percent)).toEqual([60, null]);
  });
});

describe('how long relief lasted, its subject named with its source or as "it", or its end at "the N-week mark"', () => {
  test.each([
    ['Relief from the RFA lasted roughly 3 months before the pain returned.', 3, 'months'],
    ['Relief of the last injection lasted about six weeks.', 6, 'weeks'],
    ['The improvement after her ablation lasted only 4 months.', 4, 'months'],
    ['The relief from the left L5 TFESI lasted 8 weeks.', 8, 'weeks'],
    ['It lasted roughly 3 months.', 3, 'months'],
    ['That lasted about 5 months, then the pain returned.', 5, 'months'],
    ['The benefit faded by about the 12-week mark.', 12, 'weeks'],
    ['the relief wore off at around 3 months', 3, 'months'],
    ['pain returned by the 10-week mark', 10, 'weeks'],
  ])('%s', (text, value, unit) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent: null, duration: expect.objectContaining({ value, unit }) })]);
  });
  test.each([
    ['The pain lasted 3 months.'],
    ['The surgery lasted 3 hours.'],
    ['The procedure lasted 20 minutes.'],
    ['Her back pain has lasted for six months.'],
  ])('no relief: %s', (text) => {
    expect(relief(text)).toEqual([]);
  });
});

describe('a post score with its time point before the label (dev writer 9A)', () => {
  test.each([
    ['pain (nrs):  pre 7/10  -> 30 min post 1/10 (standing, ext/rot)', 85.7],
    ['pre 8/10 → 30 minutes post 2/10', 75],
    ['pre 7/10 -> at 15 min post-procedure 0/10', 100],
    ['NRS pre 6/10 -> 20 min post 3/10', 50],
    ['pre 9/10 to 1 hr post 3/10', 66.7],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toEqual([percent]);
  });
});

describe('the score before in parentheses after the score now (dev packets ds-04, dv-06)', () => {
  test.each([
    ['Leg pain 5/10 (from 8/10).', 37.5],
    ['pain 3/10 (from 7/10)', 57.1],
    ['Pt reports pain 1/10 (was 8/10).', 87.5],
    ['now 2/10 (down from 8/10)', 75],
    ['leg pain 5/10 (8/10 before)', 37.5],
    ['NRS 2/10 (pre-RFA 7/10)', 71.4],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toEqual([percent]);
  });
});

describe('a score now told as back to the baseline before the procedure is no relief (dev d12b-06)', () => {
  test.each([
    'today NRS 7/10, back to his pre-RFA baseline.',
    'Pain 8/10 - back to where it was before the block.',
    'NRS 6/10, returned to baseline by week 10.',
    'VAS 7/10, right back to her usual baseline',
    'pain is 9/10 again, i.e. back to baseline',
  ])('%s', (text) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent: 0, qualitative: 'none' })]);
  });
  test('a score that is better than baseline stays relief', () => {
    expect(relief('NRS 3/10 (baseline 8/10), back to work').map((r) => r.percent)).toEqual([62.5]);
  });
});

describe('scores told the way logs and follow-up notes write them', () => {
  test.each([
    ['NRS 2/10 (pre-RFA 7/10). Walking 2 mi.', 71.4],
    ['VAS 3/10 (baseline 8/10)', 62.5],
    ['pain 4/10 (before the injection 9/10)', 55.6],
    ['NRS 7/10, same as before RFA.', 0],
    ['pain 6/10, unchanged from baseline', 0],
    ['2% lidocaine, none    8 -> 0.8 (90%)', 90],
    ['8 -> 1.2 (85%)', 85],
    ['02/11/2025 lidocaine  8 -> 1', 87.5],
    ['03/04/2025 bupivacaine 10 -> 2', 80],
    ['MBB #2 (bupivacaine): 7 → 1', 85.7],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toContain(percent);
  });
  test.each(['dose 8 -> 1 tablets', 'gabapentin 300 -> 600 mg'])('no relief without pain words or an anesthetic: %s', (text) => {
    expect(relief(text)).toEqual([]);
  });
});

describe('a disability score told as a change is no relief', () => {
  test.each([
    'of her back pain, ODI improved from 44% to 16%, she returned to full-time work',
    'Oswestry improved from 48% to 26%',
    'her ODI dropped from 40% to 20%',
    'NDI decreased from 36% to 18%',
    'disability index went from 52% to 30%',
    // The second figure told far from the score's name (dev dj-02).
    'with her Oswestry score improved from 46% before the procedure to 18%.',
    'Oswestry went from 52% at baseline to 20% at 3 months.',
    'Disability index from 60% pre-procedure to 30% post.',
    'ODI fell from 48% before the TFESI to 22% at six weeks.',
    'her Oswestry Disability Index improved from 50% at intake to 24% at discharge',
  ])('%s', (text) => {
    expect(relief(text)).toEqual([]);
  });
  test.each([
    ['ODI from 40% to 20% and pain relief to 70%.', 70],
    ['The ODI fell from 48% before the TFESI to 22% at 6 weeks, with 70% relief of leg pain.', 70],
  ])('relief told beside the score change stays: %s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toEqual([percent]);
  });
  test('a relief figure after the score, set off by a comma, stays', () => {
    expect(relief('ODI 38%, 80% relief after the block').map((r) => r.percent)).toEqual([80]);
  });
});

describe('how long, told as an amount of qualified relief (dev dj-02)', () => {
  test.each([
    ['so she had about nine months of meaningful relief.', '9 months'],
    ['She got about 8 months of good relief from it.', '8 months'],
    ['That gave her five months of significant relief.', '5 months'],
    ['He reports roughly 7 months of substantial relief.', '7 months'],
    ['six months of excellent relief before it wore off', '6 months'],
  ])('%s', (text, lasted) => {
    expect(relief(text).map((r) => r.duration ? `${r.duration.value} ${r.duration.unit}` : null)).toContain(lasted);
  });
});

describe('score changes listed on wrapped lines (dev writer 7C)', () => {
  test.each([
    ['NRS 8 -> 2 at 3 months\n              (75%), 8 -> 3 at 7 months (62.5%); pain back to', [75, 62.5]],
    ['NRS 8 -> 2 at 3 months (75%), 8 -> 3 at 7 months (62.5%)', [75, 62.5]],
    ['VAS 9/10 -> 3/10 at 6 weeks,\n      9/10 -> 5/10 at 4 months', [66.7, 44.4]],
  ])('%j', (text, percents) => {
    expect(relief(text).map((r) => r.percent)).toEqual(percents);
  });
  test('numbers of another kind after a score change are no second change', () => {
    expect(relief('she takes the pill 3 to 4 times a day')).toEqual([]);
  });
});

describe('relief that ended "back to baseline" by a time (dev writer 8A)', () => {
  test.each([
    ['leg pain 8/10 before, 3/10 at the one-week visit, then back to baseline, 8/10, by about three weeks', 3, 'weeks'],
    ['70% relief, back to his usual pain within a month', 1, 'months'],
    ['about 60% better, returned to baseline after 2 weeks', 2, 'weeks'],
    ['80% relief, then back to her baseline in 10 days', 10, 'days'],
  ])('%s', (text, value, unit) => {
    expect(relief(text)).toEqual([expect.objectContaining({ duration: expect.objectContaining({ value, unit }) })]);
  });
  test('alone, "back to baseline" tells no relief', () => {
    expect(relief('Leg pain back to baseline in 3 weeks.')).toEqual([]);
    expect(relief('She is back to baseline activity.')).toEqual([]);
  });
});

describe('"took the edge off" is relief in words, some (dev writer 10A)', () => {
  test.each([
    ['patient states "it took the edge off for a while."'],
    ['the ESI only took the edge off'],
    ['the injection has taken the edge off the leg pain'],
    ['she says it takes the edge off'],
    ['the block was taking the edge off for a few days'],
  ])('%s', (text) => {
    expect(findRelief(text).map((r) => r.qualitative)).toEqual(['some']);
  });
});

describe('pain now "from" the score before (tenth author)', () => {
  test.each([
    ['Axial pain 3/10 from 8/10 pre-procedure.', 62.5],
    ['Leg pain 6/10 from 8/10 pre-inj.', 25],
    ['pain 3/10 today from 8/10', 62.5],
    ['NRS 2/10 from 7/10 before the block', 71.4],
    ['back pain is 4/10 from 8/10 at baseline', 50],
  ])('%s', (text, percent) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent })]);
  });
});

describe('relief told as pain that is less or went away', () => {
  test.each([
    ['reports 75% less back pain.', 75],
    ['about 60% less pain since the shot', 60],
    ['"about 80% of my back pain went away" for ~6 hrs', 80],
    ['she says 50% of the pain is gone', 50],
    ['70% of his leg pain resolved', 70],
  ])('%s', (text, percent) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent })]);
  });
  test.each(['less than 50% of the visits', '50% of the time she has less pain', 'stenosis narrowing 50% of the canal; less pain lying down'])('no relief: %s', (text) => {
    expect(relief(text).filter((r) => r.percent === 50)).toEqual([]);
  });
});

describe("a form's relief field in words, and its duration field", () => {
  test.each([
    ['% relief: fifty (50)          Duration of relief: twelve weeks', 50, 12],
    ['% relief: seventy     duration of relief: 3 months', 70, 3],
    ['% improvement = eighty (80%)   Duration of pain relief: 10 weeks', 80, 10],
    ['% relief: 60   Duration of relief: six weeks', 60, 6],
    ['% relief: ninety  duration of relief: 2 hours', 90, 2],
  ])('%s', (text, percent, value) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent, duration: expect.objectContaining({ value }) })]);
  });
  test.each([
    ['  12/05/2023  right L4-5 MBB #1 (lidocaine)      90% relief\n  01/09/2024  right L4-5 MBB #2 (bupivacaine)    85% relief', [90, 85]],
    ['MBB #1 12/05/2023 80% relief\n01/09/2024 MBB #2 85% relief', [80, 85]],
    ['TFESI 06/11/2024 ... 70% improvement\n  07/30/2024 TFESI ... 60% improvement', [70, 60]],
    ['RFA 02/20/2024 - 75% better\n 11 /2024 pain returned', [75]],
    ['block one: 90 % relief\n03/2025 block two: 80 % relief', [90, 80]],
  ])('the sign of a figure is no field label, and the next row\'s date is no value (dev d12b-06): %s', (text, percents) => {
    expect(relief(text).map((r) => r.percent)).toEqual(percents);
  });
  test('number words without a colon are no field ("80% improvement two weeks after")', () => {
    expect(relief('reports 80% improvement two weeks after the injection.').map((r) => r.percent)).toEqual([80]);
  });
});

describe('the score before in parentheses, told with when (dev d13b-02)', () => {
  test.each([
    ['S: Back pain 2/10 (was 8/10 before RF). Sleeping', 75],
    ['Pain 3/10 (was 7/10 prior to the injection)', 57.1],
    ['leg pain NRS 3/10 (was 8/10 before the injection)', 62.5],
    ['NRS 4/10 (was 8/10 pre-procedure)', 50],
    ['axial pain 1/10 (previously 6/10 before the blocks)', 83.3],
  ])('%s', (text, percent) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent })]);
  });
  test('a score before that is no procedure\'s ("was 6/10 last week") is no relief', () => {
    expect(relief('pain 4/10 (was 6/10 last week)')).toEqual([]);
  });
});

describe('a later reading against the same score before, told on in the sentence (dev d13b-02)', () => {
  test.each([
    ['reduced his back pain from 8/10 to 2/10 by six weeks and he was still at 3/10 at five months', 62.5, '5 months'],
    ['pain went from 7/10 to 1/10, and 3/10 at 3 months', 57.1, '3 months'],
    ['NRS 8/10 -> 2/10 at two weeks, then 4/10 at 10 weeks', 50, '10 weeks'],
    ['from 9/10 to 3/10; it was still 3/10 at 4 months', 66.7, '4 months'],
    ['8/10 to 2/10 initially and remained at 2/10 by 6 months', 75, '6 months'],
  ])('%s', (text, percent, at) => {
    expect(relief(text)).toContainEqual(expect.objectContaining({ percent, at }));
  });
});

describe('a later reading told with its time point first (dev d12c-05)', () => {
  test.each([
    ['at 2 weeks her NRS went from 7/10 to 2/10 and ODI from 48% to 24%; at the 4-month visit (12/16/2025) NRS was 3/10', 57.1, '4 months'],
    ['pain went from 8/10 to 2/10; at 3 months, pain 4/10', 50, '3 months'],
    ['NRS 9/10 -> 1/10 at 1 week; at the 12-week follow-up her pain was 3/10', 66.7, '12 weeks'],
    ['from 6/10 to 1/10 at first, and at six months NRS 2/10', 66.7, '6 months'],
    ['VAS 8/10 to 3/10 at 2 weeks; at the 10-week check VAS 4/10', 50, '10 weeks'],
  ])('%s', (text, percent, at) => {
    expect(relief(text)).toContainEqual(expect.objectContaining({ percent, at }));
  });
});

describe("later readings after a stated percent, and 'still N.N%' (dev d14b-08)", () => {
  test.each([
    ['leg pain 8/10 before; 2/10 at the 6-week visit (75%); 3/10 at the 12-week visit (62.5%)', 62.5, '12 weeks'],
    ['NRS 8/10 pre; 2/10 at 2 weeks (75%), 4/10 at 3 months', 50, '3 months'],
    ['pain 6/10 before; 1/10 at the 2-week check (83%); 2/10 at 8 weeks', 66.7, '8 weeks'],
  ])('%s', (text, percent, at) => {
    expect(relief(text)).toContainEqual(expect.objectContaining({ percent, at }));
  });
  test.each([
    ['75% relief of leg pain at 6 weeks, still 62.5% at 12 weeks', 62.5],
    ['80% better at first, still 57.5% at four months', 57.5],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toContain(percent);
  });
});

describe("a form's relief field naming the pain it measures (dev d17a-07)", () => {
  test.each([
    ['Prior block % relief of index pain: 62%    Duration: about 3 hours', 62],
    ['% relief of the usual pain: 75', 75],
    ['% improvement of back pain = 80%', 80],
    ['% relief of leg pain: 60%', 60],
    ['% relief of pain: 90', 90],
  ])('%s', (text, percent) => {
    expect(relief(text).map((r) => r.percent)).toContain(percent);
  });
});

test("a form's relief field keeps its decimals (dev df-04)", () => {
  expect(relief('| % relief of index pain: 87.5%   |').map((r) => r.percent)).toEqual([87.5]);
});

describe('how long, told as the first hours the relief was best (blind round 10, read)', () => {
  test.each([
    ['about 50% better, best for first 3 hrs', 50, 3],
    ['60% relief for first 2 hours', 60, 2],
    ['40% better, best for the first 4 hours', 40, 4],
    ['about half better x first 3 hrs', 50, 3],
    ['70% relief over first 5 hours', 70, 5],
  ])('%s', (text, percent, hours) => {
    expect(relief(text)).toEqual([expect.objectContaining({ percent, duration: expect.objectContaining({ hours }) })]);
  });
});

describe("a score change's own time point, and the later readings listed after it (dev writer 19C, d19c-01)", () => {
  test.each([
    ['leg pain 8/10 -> 2/10 at 3 weeks, 3/10 at 14 weeks; gradually returning', [[75, '3 weeks'], [62.5, '14 weeks']]],
    ['NRS 8/10 -> 2/10 at 3 weeks; 3/10 at 14 weeks', [[75, '3 weeks'], [62.5, '14 weeks']]],
    ['pain 7/10 -> 1/10 by the 2-week visit, 2/10 at 3 months', [[85.7, '2 weeks'], [71.4, '3 months']]],
    ['back pain 6/10 -> 0/10 at 2 weeks, 2/10 at 8 weeks', [[100, '2 weeks'], [66.7, '8 weeks']]],
    ['from 8/10 to 2/10 by six weeks and he was still at 3/10 at five months', [[75, '6 weeks'], [62.5, '5 months']]],
  ])('%s', (text, want) => {
    expect(relief(text).map((r) => [r.percent, r.at])).toEqual(want);
  });
});
