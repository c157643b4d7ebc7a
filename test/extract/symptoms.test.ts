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

  test('in an imaging sentence a spreading word describes the lesion, not a symptom', () => {
    expect(radicular('MRI lumbar spine: left paracentral extrusion at L5-S1 extending into the left lateral recess.')).toEqual([]);
  });

  test('a symptom reported in an imaging sentence still counts', () => {
    expect(radicular('HPI: The MRI explains her pain radiating down the right leg to the foot.')).toEqual([{ assertion: 'present', side: 'right' }]);
  });
});
