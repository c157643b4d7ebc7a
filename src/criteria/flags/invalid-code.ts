/** A code that does not exist, is deleted (M54.5 from 2021-10-01) or is a non-billable header. */
import { codeValidity } from '../code-table.ts';
import { flag, type FlagDetector } from './types.ts';

export const invalidCode: FlagDetector = {
  code: 'INVALID_CODE', severity: 'major', scope: 'case',
  detect({ case: c, codes }) {
    const out = [];
    for (const l of [...c.diagnosisCodes, ...c.procedureCodes]) {
      const v = codeValidity(codes, l.code, c.noteDate.value);
      if (v.valid) continue;
      const e = v.entry;
      const msg = v.why === 'deleted' ? `Code ${l.code} (${e!.meaning}) was deleted on ${e!.deleted}${l.code === 'M54.5' ? ': use M54.50, M54.51 or M54.59' : ': submit its current replacement'}.`
        : v.why === 'header' ? `Code ${l.code} (${e!.meaning}) is a non-billable header: submit the complete code with all its characters.`
          : v.why === 'not_yet_valid' ? `Code ${l.code} (${e!.meaning}) was not valid until ${e!.added}: submit the code valid on the date of service.`
            : `Code ${l.code} does not exist: correct the code.`;
      out.push(flag(this.code, this.severity, msg, l.factIds, { line: l.code }));
    }
    return out;
  },
};
