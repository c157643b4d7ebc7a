import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import type { Fact } from '../../src/schema/review.ts';
import { textSource } from '../helpers.ts';

const res = loadResources();
const injuries = (text: string): Fact[] =>
  reviewSource(textSource(text), { resources: res }).facts.filter((f) => f.type === 'injury');
const attrs = (text: string) => injuries(text).map((f) => ({ assertion: f.assertion, ...f.attributes }));

describe('injury events', () => {
  test('an onset told with its mechanism is an injury, dated by the pop the patient felt', () => {
    expect(attrs('HPI: His back pain began about two weeks ago when he was lifting crates at work. He states he felt a popping sensation on 03/14/22. Since then he has had pain with lifting.'))
      .toEqual([{ assertion: 'present', date: '2022-03-14', mechanism: 'lifting' }]);
  });

  test('"injured at work on <date> lifting boxes"', () => {
    expect(attrs('She was injured at work on 01/02/2020 lifting boxes onto a shelf.')).toEqual([{ assertion: 'present', date: '2020-01-02', mechanism: 'lifting' }]);
  });

  test('picking up and unloading are lifting; bending alone is not a vocabulary mechanism', () => {
    expect(attrs('Date of injury was in March. He was unloading a truck and was bending down picking up boxes when his back gave out.'))
      .toEqual([{ assertion: 'present', mechanism: 'lifting' }]);
  });

  test('a work injury that developed over time is repetitive work', () => {
    expect(attrs('She states that she was injured on May 3, 2011 (the injury occurred over a period of time from assembling parts on the line).'))
      .toEqual([{ assertion: 'present', date: '2011-05-03', mechanism: 'repetitive_work' }]);
  });

  test('an object or person striking the patient is struck_by, even when the object fell', () => {
    const facts = attrs('I declare her permanent and stationary as of today, on 06/01/09 with regards to her industrial injuries of 02/03/07 and 04/05/08. Her injury of 02/03/07 happened when a box fell from a shelf, hitting her on the head. Her second injury, dated 04/05/08, occurred when a co-worker kicked her in the back.');
    expect(facts).toEqual([
      { assertion: 'present', date: '2007-02-03', mechanism: 'struck_by' },
      { assertion: 'present', date: '2008-04-05', mechanism: 'struck_by' },
    ]);
  });

  test('a slip while loading is a fall', () => {
    expect(attrs('He sustained a work-related injury in 2001. He slipped off the back of his truck while loading pallets.'))
      .toEqual([{ assertion: 'present', date: '2001', mechanism: 'fall' }]);
  });

  test('two undated falls told apart by when they happened are two events; an accident that caused nothing is none', () => {
    const text = 'She has a history of a traumatic injury to the low back. The initial injury occurred ten years ago, when she fell on ice. She also fell two days ago while cleaning and pain has increased since that fall. She was in a motor vehicle accident six years ago and at that time she did not require any treatment nor did she report any complaints of back pain following that accident.';
    expect(attrs(text)).toEqual([
      { assertion: 'present', mechanism: 'fall' },
      { assertion: 'present', mechanism: 'fall' },
    ]);
  });

  test('"denies any history of trauma" is one absent injury', () => {
    expect(attrs('He denies any history of trauma. Pain began gradually.')).toEqual([{ assertion: 'absent' }]);
  });

  test('"doing well" is not a date of injury', () => {
    expect(attrs('I last saw her on 05/01/21 at which time she was doing well.')).toEqual([]);
  });
});

describe('dates that are not the injury date', () => {
  test('a clinic visit or a study dated after the injury is not its date', () => {
    const facts = attrs('On 02/03/99 he fell and was seen in the orthopedic clinic on 02/09/99.');
    expect(facts).toEqual([{ assertion: 'present', date: '1999-02-03', mechanism: 'fall' }]);
    expect(attrs('Studies: 04/05/01 lumbar MRI (one year after an MVA) showed a disc bulge.')).toEqual([{ assertion: 'present', mechanism: 'motor_vehicle_accident' }]);
  });

  test('a motor vehicle accident in which the car was hit is a motor vehicle accident', () => {
    expect(attrs('She was the driver in a motor vehicle accident in 2015 when her car was hit by a truck.'))
      .toEqual([{ assertion: 'present', date: '2015', mechanism: 'motor_vehicle_accident' }]);
  });
});

describe('injury wording', () => {
  test('"twisted his back getting out of his truck in March 2020"', () => {
    expect(attrs('He twisted his back getting out of his truck in March 2020 and has had pain since.'))
      .toEqual([{ assertion: 'present', date: '2020-03', mechanism: 'twisting' }]);
  });

  test('a form field date of injury with the mechanism on the next line', () => {
    expect(attrs('Date of Injury: 05/05/2021\nMechanism of injury: lifting a 50 lb box at work.'))
      .toEqual([{ assertion: 'present', date: '2021-05-05', mechanism: 'lifting' }]);
  });
});

/** Pain duration in months of a note dated 12/16/2025. */
const months = async (text: string) => {
  const { reviewSource } = await import('../../src/pipeline/review.ts');
  const { textSource } = await import('../helpers.ts');
  return reviewSource(textSource(`Date of service: 12/16/2025\n${text}`)).facts.filter((f) => f.type === 'pain_duration').map((f) => Math.round(Number(f.attributes.months)));
};

describe('pain since an event and its date', () => {
  test.each([
    ['Low back pain since a rear-end collision in 2022.', 48],
    ['Axial back pain since he was rear-ended at a stoplight in March 2023.', 34],
    ['He has had back pain ever since lifting a pallet at work on 05/02/2024.', 20],
    ['Back pain since a lifting injury at work in June 2023.', 31],
    ['LBP ever since her fall down the stairs in 2021.', 60],
  ])('%s', async (text, expected) => {
    const got = await months(text);
    expect(got.length).toBe(1);
    expect(Math.abs(got[0]! - expected)).toBeLessThanOrEqual(12);
  });
  test('relief since a treatment is no onset', async () => {
    expect(await months('She has had no back pain since the injection on 10/02/2025.')).toEqual([]);
  });
});

describe('pain since a qualified date, and years told vaguely', () => {
  test.each([
    ['Axial low back pain since early 2024.', 22],
    ['Back pain since mid-2021, worse this fall.', 54],
    ['Low back pain since about January 2025, no injury.', 11],
    ['Daily back pain since at least 2019.', 83],
    ['Low back pain for the past couple of years.', 24],
    ['Back pain for several years.', 36],
  ])('%s', async (text, expected) => {
    const got = await months(text);
    expect(got.length).toBe(1);
    expect(Math.abs(got[0]! - expected)).toBeLessThanOrEqual(6);
  });
  test.each(['Back pain for a few years.', 'Back pain for some weeks.', 'Back pain for several weeks.'])('%s is too vague', async (text) => {
    expect(await months(text)).toEqual([]);
  });
});
