import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import { textSource } from '../helpers.ts';

const res = loadResources();
const months = (text: string): number[] =>
  reviewSource(textSource(`Date of service: 03/18/2025\n${text}`), { resources: res }).facts
    .filter((f) => f.type === 'pain_duration' && f.assertion === 'present').map((f) => Number(f.attributes.months));

describe("an intake form's question about the pain, answered after it (dev d16c-01)", () => {
  test.each([
    ['3. When did the pain start?  about 10 months ago - no injury, it just came on at the shop', 10],
    ['How long have you had this pain?   2 years', 24],
    ['Q: When did your symptoms begin? A: about 18 months ago', 18],
    ['Duration of pain?  ~1 yr', 12],
    ['How long have you had back pain?\n  8 months', 8],
    ['When did this pain first start?  Feb 2023', 25.6],
  ])('%s', (text, want) => {
    expect(months(text)).toEqual([want]);
  });
  test('a question that asks no time gives no duration from its answer', () => {
    expect(months('Does the pain go into your leg?  Yes, 2 weeks ago')).toEqual([]);
  });
});

describe('most of a span: "the better part of a year" (dev d16c-01)', () => {
  test.each([
    ['Left-sided low back pain that has been going on for the better part of a year.', 9],
    ['Axial back pain for the greater part of two years.', 18],
    ['Low back pain most of the past year.', 9],
    ['He has had this ache the better part of a year now; no injury. The pain is worse standing.', 9],
    ['Back pain, the better part of 2 years.', 18],
  ])('%s', (text, want) => {
    expect(months(text)).toEqual([want]);
  });
});

describe("a treatment named in the next clause does not make the pain's length its own (dev d16c-01)", () => {
  test.each([
    ['HISTORY: Left low back pain x 8 months, failed PT.', 8],
    ['Low back pain for 2 years, gabapentin for 3 months.', 24],
    ['LBP x 10 months; meloxicam tried without benefit.', 10],
    ['Chronic low back pain of 14 months duration, s/p 6 weeks of PT.', 14],
    ['Low back pain x 1 year. Chiropractic 2024.', 12],
  ])('%s', (text, want) => {
    expect(months(text)).toContain(want);
  });
  test.each(['Low back pain; PT x 6 weeks.', 'Low back pain, did 6 weeks of PT.'])('a treatment\'s own length stays the treatment\'s: %s', (text) => {
    expect(months(text)).toEqual([]);
  });
});

describe('a pain that "dates to" an event or a date (dev d16c-02)', () => {
  test.each([
    ['Her back pain dates to a fall on the ice while visiting family in Flagstaff in January 2021.', 50.6],
    ['Her back pain dates back to January 2021.', 50.6],
    ['The pain dates to March 2022.', 36.6],
    ['Symptoms go back to a lifting injury at work in 2020.', 62.6],
    ['The low back ache dates to the summer of 2023.', 21.6],
  ])('%s', (text, want) => {
    expect(months(text)).toEqual([want]);
  });
});

describe('a span that opens the sentence reaches the complaint told after it (dev writer 19A, d19a-08)', () => {
  test.each([
    ['HPI: For about 8 months he has had right anterior thigh pain that wraps around the knee.', 8],
    ['HPI: Over the past 6 months she has noticed a deep ache in the left buttock and thigh.', 6],
    ['HPI: For the last two years, the patient has struggled with low back pain.', 24],
    ['HPI: For roughly 10 months now he has been bothered by pain in the right posterior thigh.', 10],
    ['HPI: During the past 4 months Ms. Ray has had worsening pain in both buttocks.', 4],
  ])('%s', (text, m) => {
    expect(months(text)).toContain(m);
  });
});
