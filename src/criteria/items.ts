/**
 * Per-item decisions: every requested or billed item of a review (procedure, code lines with units
 * and modifiers, sedation, imaging guidance, drug lines) gets its own decision and reason, as the
 * seeds decide "IV sedation", "fluoroscopy" and the J-code line separately. Coding findings deny or
 * correct their line without changing the clinical outcome (contract).
 */
import type { Case, CaseRequest, CodeLine } from '../case/schema.ts';
import type { CriterionResult, Flag, Outcome } from '../schema/review.ts';
import { lookupCode, type CodeTable } from './code-table.ts';
import type { Policy } from './policy.ts';
import { SEDATING } from './flags/sedation-not-justified.ts';

export type Decision = 'approve' | 'deny' | 'not_applicable' | 'correct';
export interface Item {
  item: string; code?: string; units?: number | null; modifiers?: string[];
  decision: Decision; reason: string; criteria?: string[]; flags?: string[];
}

const pretty = (s: string) => s.replace(/_/g, ' ');

function lineFlags(line: CodeLine, flags: Flag[]): Flag[] {
  return flags.filter((f) => (f as Record<string, unknown>).line === line.code
    && ['INVALID_CODE', 'CODE_DESCRIPTOR_MISMATCH', 'BUNDLED_CODE', 'CODE_LEVEL_MISMATCH', 'REGION_MISMATCH'].includes(f.code));
}

export function decideItems(c: Case, r: CaseRequest, policy: Policy, outcome: Outcome, criteria: CriterionResult[], flags: Flag[], codes: CodeTable): Item[] {
  const failingIds = criteria.filter((x) => x.status === 'not_met' || x.status === 'not_documented').map((x) => x.id);
  const clinical: { decision: Decision; reason: string } = outcome === 'meets'
    ? { decision: 'approve', reason: `meets ${policy.id}` }
    : outcome === 'does_not_meet'
      ? { decision: 'deny', reason: `does not meet ${policy.id} (${criteria.filter((x) => x.status === 'not_met').map((x) => x.id).join(', ')})` }
      : { decision: 'deny', reason: `insufficient documentation for ${policy.id} (${criteria.filter((x) => x.status === 'not_documented').map((x) => x.id).join(', ')}); reconsider when documented` };
  const follows = (what: string) => ({ decision: clinical.decision, reason: clinical.decision === 'approve' ? `${what}; the procedure ${clinical.reason}` : `follows the procedure, which ${clinical.reason}` });
  const items: Item[] = [];
  const procName = `${r.intent ? `${r.intent} ` : ''}${pretty(r.procedure)} ${r.side ? `${r.side} ` : ''}${r.levels.join(', ')}`.trim();
  items.push({ item: procName, decision: clinical.decision, reason: clinical.reason, criteria: failingIds });

  const lines = r.codes;
  for (const line of lines) {
    const e = lookupCode(codes, line.code);
    const lf = lineFlags(line, flags);
    const codesOf = lf.map((f) => f.code);
    const base = { item: e ? e.meaning : `code ${line.code}`, code: line.code, units: line.units, modifiers: line.modifiers };
    const bundled = lf.find((f) => f.code === 'BUNDLED_CODE');
    const excluded = lf.find((f) => f.code === 'CODE_DESCRIPTOR_MISMATCH' && /excludes/.test(f.message));
    if (bundled || excluded) {
      items.push({ ...base, decision: 'deny', reason: (bundled ?? excluded)!.message, flags: codesOf });
      continue;
    }
    const fix = lf.find((f) => ['INVALID_CODE', 'CODE_DESCRIPTOR_MISMATCH', 'CODE_LEVEL_MISMATCH', 'REGION_MISMATCH'].includes(f.code));
    if (fix) { items.push({ ...base, decision: 'correct', reason: fix.message, flags: codesOf }); continue; }
    if (e?.role === 'sedation') {
      items.push({ ...base, ...sedationDecision(c, clinical, `${line.code} sedation`, r) });
      continue;
    }
    if (e?.guidance === 'ultrasound' || e?.guidance === 'none') {
      items.push({ ...base, decision: 'deny', reason: `${e.guidance === 'none' ? 'no imaging' : 'ultrasound'} guidance is not covered: fluoroscopy or CT is required` });
      continue;
    }
    if (e?.nonCovered && policy.id === 'cms-lcd-facet' && e.role === 'addon') {
      items.push({ ...base, decision: 'deny', reason: `${e.nonCovered} under ${policy.id}` });
      continue;
    }
    items.push({ ...base, ...follows(e?.role === 'drug' ? 'drug given with the procedure' : 'billed with the procedure'), criteria: failingIds });
  }

  const hasLine = (role: string) => lines.some((l) => lookupCode(codes, l.code)?.role === role);
  if (r.sedation && SEDATING.has(r.sedation.toLowerCase()) && !hasLine('sedation')) {
    const sed = `${r.sedation === 'iv' ? 'IV' : r.sedation} sedation`;
    items.push({ item: sed, ...sedationDecision(c, clinical, sed, r) });
  }
  if (r.guidance && !hasLine('guidance')) {
    const included = lines.some((l) => lookupCode(codes, l.code)?.includesGuidance);
    const g = r.guidance.toLowerCase();
    const ok = /fluor|\bct\b/.test(g);
    items.push({
      item: `${r.guidance} guidance`,
      ...(!ok ? { decision: 'deny' as Decision, reason: `${r.guidance} guidance is not covered: fluoroscopy or CT is required` }
        : clinical.decision !== 'approve' ? follows(`${r.guidance} guidance`)
          : included ? { decision: 'not_applicable' as Decision, reason: 'included in the procedure code (with imaging guidance); not separately payable' }
            : { decision: 'approve' as Decision, reason: `${r.guidance} guidance as required by ${policy.id}` }),
    });
  }
  return items;
}

function sedationDecision(c: Case, clinical: { decision: Decision; reason: string }, what: string, r?: CaseRequest): { decision: Decision; reason: string; flags?: string[] } {
  // LCD A1.4 item 23 [C]: general anesthesia is not reasonable and necessary for facet procedures.
  if (r && /general/i.test(r.sedation ?? '') && (r.family === 'facet' || r.family === 'rfa')) {
    return { decision: 'deny', reason: 'general anesthesia is not reasonable and necessary for facet interventions (LCD A1.4)' };
  }
  if (clinical.decision !== 'approve') {
    return { decision: 'deny', reason: `${what} follows the procedure, which ${clinical.reason}${c.sedationReasons.length ? '' : '; no reason for sedation is documented'}`, ...(c.sedationReasons.length ? {} : { flags: ['SEDATION_NOT_JUSTIFIED'] }) };
  }
  if (c.sedationReasons.length) return { decision: 'approve', reason: `sedation justified: ${c.sedationReasons.map((s) => s.reason).join(', ')}` };
  return { decision: 'deny', reason: 'sedation is not routinely necessary for these injections and no reason is documented', flags: ['SEDATION_NOT_JUSTIFIED'] };
}
