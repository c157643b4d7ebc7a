/**
 * Add-on units that do not match the documented levels. Facet and RFA codes count joints (a
 * bilateral level is one level with -50); TFESI counts levels. Bilateral billing per side
 * (RT/LT lines, or units doubled) is accepted as long as it matches per side.
 */
import { billedLines, requestLevelCount } from '../checks/technique.ts';
import { flag, type FlagDetector } from './types.ts';

export const codeLevelMismatch: FlagDetector = {
  code: 'CODE_LEVEL_MISMATCH', severity: 'minor', scope: 'case',
  detect({ case: c, codes }) {
    const out = [];
    for (const r of c.requests) {
      const n = requestLevelCount(r);
      if (!n) continue;
      const billed = billedLines(r, codes);
      if (!billed) continue;
      const { lines, primaries, addons, rest, units, billedLevels } = billed;
      const perSide = r.side === 'bilateral' && !primaries.some((x) => x.l.modifiers.includes('50'));
      const ok = rest.length ? n >= billedLevels && billedLevels === 3
        : billedLevels === n || (perSide && (units(primaries) + units(addons)) === 2 * n);
      if (ok) continue;
      out.push(flag(this.code, this.severity,
        `The code lines bill ${billedLevels} level(s) (${lines.map((x) => `${x.l.code}×${x.l.units ?? 1}`).join(', ')}) but ${n} level(s) are documented (${r.family === 'esi' ? r.levels : r.joints}): correct the add-on units to the number of ${r.family === 'esi' ? 'levels' : 'joints'} treated.`,
        [...lines.flatMap((x) => x.l.factIds), ...r.factIds], { line: (addons[0] ?? primaries[0]!).l.code }));
    }
    return out;
  },
};
