/**
 * The two seed reviews (../shared/seeds/) reproduced from hand-built fact lists that mirror them:
 * the governing policy, the determination, each criterion, each named deficiency as its flag, and
 * the per-item decisions.
 */
import { describe, expect, test } from 'vitest';
import { evaluateCase } from '../../src/criteria/index.ts';
import { SEED_000_ABSENCES, SEED_000_FLAGS, SEED_003_ABSENCES, SEED_003_FLAGS, seed000, seed003 } from './fixtures/seeds.ts';

type AnyReview = { policy: string; governing?: boolean; outcome: string; criteria: { id: string; status: string }[]; items?: { item: string; code?: string; decision: string; flags?: string[] }[]; wouldMeet?: { criterion: string }[] };

describe('seed 000: Aetna CPB 0016, second bilateral L4-5/L5-S1 MBB', () => {
  const s = seed000();
  const e = evaluateCase(s.facts, { noteDate: s.noteDate });
  const gov = e.reviews.find((r) => (r as AnyReview).governing) as AnyReview;

  test('Aetna CPB 0016 governs because the packet names it, and the determination is does_not_meet', () => {
    expect(gov.policy).toBe('aetna-cpb-0016');
    expect(e.determination).toBe('does_not_meet');
  });

  test.each([
    ['AET-1', 'met'],            // a diagnostic block is requested
    ['AET-2A', 'not_met'],       // "clinical documentation demonstrates active radiculopathy"
    ['AET-2B', 'not_documented'], // future criteria: "pain aggravated by extension and rotation, provocative testing"
    ['AET-2C', 'not_documented'], // future criteria: "imaging excluding other causes"
    ['AET-2D', 'not_documented'], // future criteria: "pain limiting daily activities for >3 months"
    ['AET-2E', 'not_documented'], // "lacks documentation of the duration of conservative treatment"
    ['AET-2F', 'met'],           // RF is the stated goal ("For radiofrequency procedures …")
    ['AET-3', 'not_met'],        // first block "no relief" → second set not warranted
    ['AET-4', 'met'],
    ['AET-5', 'not_met'],        // TFESI "performed on the same date as the first diagnostic facet block"
    ['AET-6', 'met'],
  ])('criterion %s is %s', (id, status) => {
    expect(gov.criteria.find((c) => c.id === id)?.status).toBe(status);
  });

  test('every deficiency the seed names is raised as its flag, and nothing else but the absence of a pain scale', () => {
    expect(e.flags.map((f) => f.code).sort()).toEqual([...Object.keys(SEED_000_FLAGS), ...SEED_000_ABSENCES].sort());
  });

  test('the diagnosis-code contradiction cites the M47.816 line and the radicular pain', () => {
    const f = e.flags.find((x) => x.code === 'DX_CODE_CONTRADICTS_RADICULOPATHY')!;
    expect(f.evidence).toEqual(expect.arrayContaining([s.ids.dx, s.ids.radicular]));
  });

  test('the J2003 line is denied on its own as bundled, and the MBB code lines are denied with the procedure', () => {
    const items = gov.items!;
    expect(items.find((i) => i.code === 'J2003')).toMatchObject({ decision: 'deny', flags: ['BUNDLED_CODE'] });
    expect(items.find((i) => i.code === '64493')?.decision).toBe('deny');
    expect(items.find((i) => i.code === '64494')?.decision).toBe('deny');
  });

  test('the J2003 flag says the descriptor is UNCONFIRMED', () => {
    expect(e.flags.find((x) => x.code === 'BUNDLED_CODE')!.message).toMatch(/UNCONFIRMED/);
  });

  test('what would make it meet lists every failing or undocumented criterion (the seed\'s future consideration criteria)', () => {
    expect(gov.wouldMeet!.map((w) => w.criterion).sort()).toEqual(['AET-2A', 'AET-2B', 'AET-2C', 'AET-2D', 'AET-2E', 'AET-3', 'AET-5']);
  });

  test('the CMS facet LCD and ODG are reviewed side by side and also do not meet', () => {
    expect(e.reviews.map((r) => [r.policy, r.outcome])).toEqual(expect.arrayContaining([
      ['cms-lcd-facet', 'does_not_meet'], ['odg', 'does_not_meet'],
    ]));
  });
});

describe('seed 003: California IMR (MTUS/ODG), diagnostic bilateral L4-5/L5-S1 MBB with IV sedation and fluoroscopy', () => {
  const s = seed003();
  const e = evaluateCase(s.facts, { noteDate: s.noteDate });
  const gov = e.reviews.find((r) => (r as AnyReview).governing) as AnyReview;

  test('ODG governs (MTUS named, workers\' compensation) and the denial is upheld: does_not_meet', () => {
    expect(gov.policy).toBe('odg');
    expect(e.determination).toBe('does_not_meet');
  });

  test.each([
    ['ODG-F1', 'not_documented'], // "there is no documentation of facet mediated pain"
    ['ODG-F2', 'met'],            // "Straight leg raising test was negative"
    ['ODG-F3', 'met'],
    ['ODG-F4', 'not_met'],        // "L4-5 fusion … 2008"; criterion "no … previous fusion"
    ['ODG-F5', 'met'],            // chronic pain since the 2005 injury
    ['ODG-F6', 'not_documented'], // "no clear documentation that the patient failed conservative therapies"
    ['ODG-F7', 'not_documented'], // no RFA plan stated (see the note on NO_RFA_PLAN below)
    ['ODG-F8', 'not_applicable'], // first diagnostic block
    ['ODG-F9', 'met'],            // two levels
  ])('criterion %s is %s', (id, status) => {
    expect(gov.criteria.find((c) => c.id === id)?.status).toBe(status);
  });

  test('every deficiency the seed names is raised; the additions are absences the IMR summary is silent on (no pain scale; no RFA plan, which ODG requires per NY DFS 202110-143033 [C])', () => {
    expect(e.flags.map((f) => f.code).sort()).toEqual([...Object.keys(SEED_003_FLAGS), ...SEED_003_ABSENCES].sort());
  });

  test('IV sedation and fluoroscopy get their own decisions, both denied', () => {
    const items = gov.items!;
    expect(items.find((i) => i.item === 'IV sedation')).toMatchObject({ decision: 'deny', flags: ['SEDATION_NOT_JUSTIFIED'] });
    expect(items.find((i) => i.item === 'fluoroscopy guidance')?.decision).toBe('deny');
    expect(items[0]!.decision).toBe('deny');
  });

  test('the fused-level flag cites the surgery and the request', () => {
    const f = e.flags.find((x) => x.code === 'FACET_AT_FUSED_LEVEL')!;
    expect(f.evidence).toEqual(expect.arrayContaining([s.ids.fusion, s.ids.request]));
  });
});
