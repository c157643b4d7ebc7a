import { describe, expect, test } from 'vitest';
import { withoutRestatedRoots } from '../../src/case/levels.ts';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

describe('roots that restate the listed segments add no level', () => {
  test.each([
    [['L4-L5', 'L5-S1', 'L4', 'L5'], ['L4-L5', 'L5-S1']],
    [['L5-S1', 'L5', 'S1'], ['L5-S1']],
    [['L4-L5', 'L5'], ['L4-L5']],
    [['L4-L5', 'L5-S1', 'L3'], ['L4-L5', 'L5-S1', 'L3']],
    [['L5', 'S1'], ['L5', 'S1']],
    [['L4-L5'], ['L4-L5']],
  ])('%j → %j', (levels, want) => {
    expect(withoutRestatedRoots(levels)).toEqual(want);
  });
  test('a request form\'s "Levels: left L4-5 and L5-S1 (L4 and L5 foramina)" asks for two levels', () => {
    const r = reviewSource(textSource('PREAUTHORIZATION REQUEST\nService requested: left transforaminal epidural steroid injection\nCPT 64483-LT x1, 64484-LT x1\nLevels: left L4-5 and L5-S1 (L4 and L5 foramina)\nRequested dates: 02/24/2026 - 03/24/2026', 'p.txt'));
    expect(r.facts.filter((f) => f.type === 'requested_procedure' && f.assertion === 'present').map((f) => f.attributes.levels)).toEqual([['L4-L5', 'L5-S1']]);
    expect(r.flags.map((f) => f.code)).not.toContain('LEVEL_COUNT_EXCEEDED');
  });
});
