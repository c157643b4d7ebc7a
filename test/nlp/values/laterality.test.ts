import { describe, expect, test } from 'vitest';
import { findSides } from '../../../src/nlp/values/laterality.ts';
import { normalizeView } from '../../../src/model/doc.ts';

function sides(s: string): [string, string][] {
  const v = normalizeView(s);
  return findSides(v).map((m) => [s.slice(m.start, m.end), m.side]);
}

describe('findSides', () => {
  test.each([
    ['Bilateral L4-5 medial branch blocks', [['Bilateral', 'bilateral']]],
    ['pain radiates down both legs', [['both legs', 'bilateral']]],
    ['SLR negative bilaterally', [['bilaterally', 'bilateral']]],
    ['B/L lower extremity numbness', [['B/L', 'bilateral']]],
    ['b/l LE weakness', [['b/l', 'bilateral']]],
    ['BL LE radicular pain', [['BL', 'bilateral']]],
    ['bilat. paraspinal tenderness', [['bilat.', 'bilateral']]],
    ['Rt. leg pain', [['Rt.', 'right']]],
    ['lt sided sciatica', [['lt', 'left']]],
    ['Right L5 TFESI', [['Right', 'right']]],
    ['pain in the L leg', [['L', 'left']]],
    ['tenderness over the R SI joint', [['R', 'right']]],
    ['L L5-S1 TFESI', [['L', 'left']]],
    ['buttock pain (L)', [['L', 'left']]],
    ['left-sided radicular pain', [['left', 'left']]],
    ['RLE radicular pain', [['RLE', 'right']]],
    ['LLE numbness', [['LLE', 'left']]],
    ['BLE weakness', [['BLE', 'bilateral']]],
  ])('%s', (text, expected) => {
    expect(sides(text)).toEqual(expected);
  });

  test('"right greater than left" returns each mention in order; the caller decides', () => {
    expect(sides('leg pain, right greater than left')).toEqual([['right', 'right'], ['left', 'left']]);
    expect(sides('symptoms R>L')).toEqual([['R', 'right'], ['L', 'left']]);
  });

  test.each([
    ['L4-5 disc protrusion'],
    ['L 5-S 1'],
    ['L5-S1 TFESI'],
    ['L/S spine films'],
    ['r/o fracture'],
    ['Depo-Medrol(R) 80 mg'],
    ['sensation intact to LT/PP'],
    ['decreased LT in the feet'],
    ['BL 120/80'],
    ['alternating pain'],
  ])('not a side: %s', (text) => {
    expect(sides(text)).toEqual([]);
  });
});
