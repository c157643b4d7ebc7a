import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import { textSource } from '../helpers.ts';

const res = loadResources();
const radicular = (text: string) =>
  reviewSource(textSource(text), { resources: res }).facts.filter((f) => f.type === 'radicular_pain').map((f) => ({ assertion: f.assertion, side: f.attributes.side }));

describe('radicular pain from words that say the pain spreads', () => {
  test.each([
    ['Low back pain referring into the right leg for six months.', 'right'],
    ['Her back pain spreads down the left leg to the calf.', 'left'],
    ['The pain is going down both legs.', 'bilateral'],
  ])('%s', (text, side) => {
    expect(radicular(text)).toEqual([{ assertion: 'present', side }]);
  });

  test('a spreading word still needs a place in the leg: the buttock is referred pain', () => {
    expect(radicular('Back pain spreads into the right buttock.')).toEqual([]);
  });

  test.each([
    'The pain sits across the lower lumbar region, right a little worse than left, and refers into both buttocks.',
    'Pain radiates to the left buttock, worse on the left than the right.',
    'Achy pain spreading into the hips, the left more than the right, at this level of activity.',
    'It radiates into the buttocks; less on the left.',
    'Referred pain into the gluteal region at the L4-5 level is reproduced by extension.',
  ])('a side or level word is no place in the leg: "%s"', (text) => {
    // "left", "less" and "level" once read as the leg abbreviation "LE".
    expect(radicular(text).filter((r) => r.assertion === 'present')).toEqual([]);
  });

  test('in an imaging sentence a spreading word describes the lesion, not a symptom', () => {
    expect(radicular('MRI lumbar spine: left paracentral extrusion at L5-S1 extending into the left lateral recess.')).toEqual([]);
  });

  test('a symptom reported in an imaging sentence still counts', () => {
    expect(radicular('HPI: The MRI explains her pain radiating down the right leg to the foot.')).toEqual([{ assertion: 'present', side: 'right' }]);
  });
});

const radicularFull = (text: string) =>
  reviewSource(textSource(text), { resources: res }).facts.filter((f) => f.type === 'radicular_pain').map((f) => ({ assertion: f.assertion, ...f.attributes }));

describe('radicular pain on how clinicians write it in real notes', () => {
  test.each([
    ['Pain began radiating down the RLE last week.', 'right'],
    ['Pain radiates into the LLE.', 'left'],
    ['Numbness and tingling in the BLE for a month.', 'bilateral'],
  ])('RLE/LLE/BLE place a spreading word in a leg: %s', (text, side) => {
    expect(radicular(text)).toEqual([{ assertion: 'present', side }]);
  });

  test('pain that goes on spreading after a semicolon ("; then down the ...") takes both sides', () => {
    expect(radicular('The pain began radiating down the RLE on Monday; then down the LLE on Friday.')).toEqual([{ assertion: 'present', side: 'bilateral' }]);
  });

  test('a semicolon that starts a new thought still ends the clause', () => {
    expect(radicular('Pain radiating down the right leg; left knee replaced in 2010.')).toEqual([{ assertion: 'present', side: 'right' }]);
  });

  test('pain placed in a root territory with no spreading word is radicular and names the dermatome', () => {
    expect(radicularFull('Since surgery she has had pain in the right L4 distribution.')).toEqual([{ assertion: 'present', side: 'right', dermatome: ['L4'] }]);
    expect(radicularFull('Aching along the left L5 dermatome.')).toEqual([{ assertion: 'present', side: 'left', dermatome: ['L5'] }]);
  });

  test('a level with no pain word is not a pain statement', () => {
    expect(radicular('Stenosis in the L4 distribution was noted.')).toEqual([]);
  });

  test.each([
    'Chronic feet and leg numbness and paresthesias related to his peripheral neuropathy.',
    'Numbness in both feet due to diabetic neuropathy.',
  ])('leg symptoms put down to a peripheral neuropathy are not radicular: %s', (text) => {
    expect(radicular(text)).toEqual([]);
  });

  test('the pain that led to a past operation does not set the side of today\'s leg pain', () => {
    const text = 'CHIEF COMPLAINT: Right lower extremity pain.\nHPI: She underwent an L3-4 decompression in 2015 for back and bilateral lower extremity pain.';
    expect(radicular(text)).toEqual([{ assertion: 'present', side: 'right' }]);
  });

  test('both legs still win when today\'s statement says both', () => {
    expect(radicular('Right leg pain. Now the pain radiates down both legs.')).toEqual([{ assertion: 'present', side: 'bilateral' }]);
  });

  test('a spreading word with a shin landmark past the knee', () => {
    expect(radicularFull('Pain along the anterior tibia, which is burning and shooting.')).toEqual([{ assertion: 'present', belowKnee: true }]);
  });
});

describe('pain the note puts in the leg by name', () => {
  test.each([
    ['She has had pain in the leg for two months.', { assertion: 'present' }],
    ['His right leg hurts when he stands.', { assertion: 'present', side: 'right' }],
    ['Left calf pain with walking for 3 weeks.', { assertion: 'present', side: 'left', belowKnee: true }],
    ['Sharp pain to the lateral foot on the right.', { assertion: 'present', side: 'right', belowKnee: true, dermatome: ['S1'] }],
  ])('%s', (text, want) => {
    expect(radicularFull(text)).toEqual([want]);
  });

  test('facet loading that reproduces buttock and thigh pain is referred pain, not radicular', () => {
    expect(radicular('Facet loading positive, reproducing the buttock and thigh pain.')).toEqual([]);
  });

  test('a word hyphenated at a line end is still read ("radi-\\nating")', () => {
    expect(radicular('Back pain radi-\nating down the left leg.')).toEqual([{ assertion: 'present', side: 'left' }]);
  });
});

describe('the root of radicular pain: named, or told by where it reaches', () => {
  const derm = async (text: string) => {
    const { reviewSource } = await import('../../src/pipeline/review.ts');
    const { textSource } = await import('../helpers.ts');
    return reviewSource(textSource(text)).facts.filter((f) => f.type === 'radicular_pain' && f.assertion === 'present').map((f) => f.attributes.dermatome);
  };
  test.each([
    ['Left L5 radicular pain below the knee.', ['L5']],
    ['Pain to the foot and big toe, with numbness on the top of the foot - an L5 pattern.', ['L5']],
    ['Right leg pain radiating to the sole of the foot.', ['S1']],
    ['Left leg pain down the calf to the little toe.', ['S1']],
    ['Pain radiates down the right leg into the medial shin.', ['L4']],
    ['Right leg pain in the S1 territory.', ['S1']],
  ])('%s', async (text, expected) => {
    expect(await derm(text)).toEqual([expected]);
  });
  test('a named root wins over the region', async () => {
    expect(await derm('Left leg pain in an S1 distribution to the top of the foot.')).toEqual([['S1']]);
  });
});
