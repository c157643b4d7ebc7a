/** A diagnostic block whose relief cannot be attributed: same-day injection or confounding sedation. */
import { confoundedBlocks, isDiagnosticBlock } from '../checks/blocks.ts';
import { flag, pretty, type FlagDetector } from './types.ts';

const CONFOUNDING_SEDATION = new Set(['iv', 'moderate', 'mac', 'general', 'deep']);

export const confoundedDiagnosticBlock: FlagDetector = {
  code: 'CONFOUNDED_DIAGNOSTIC_BLOCK', severity: 'major', scope: 'case',
  detect({ case: c }) {
    const out = confoundedBlocks(c).map(({ block, other }) => flag(this.code, this.severity,
      `The diagnostic ${pretty(block.procedure)} on ${block.date} was done the same day as a ${pretty(other.procedure)}, so its relief cannot be attributed to the facet joints: repeat the diagnostic block on its own.`,
      [...block.factIds, ...other.factIds]));
    for (const b of c.procedures.filter((e) => isDiagnosticBlock(e) && e.sedation && CONFOUNDING_SEDATION.has(e.sedation))) {
      out.push(flag(this.code, this.severity,
        `The diagnostic ${pretty(b.procedure)}${b.date ? ` on ${b.date}` : ''} was done under ${b.sedation} sedation, which can confound the block response: repeat it with local anesthesia only.`,
        b.factIds));
    }
    return out;
  },
};
