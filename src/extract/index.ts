/**
 * Extraction: NlpDoc → contract facts. Each extractor is a pure function of the shared
 * ExtractionContext; the request's sedation and guidance are attached after procedures are known.
 */
import type { NlpDoc } from '../nlp/types.ts';
import type { Resources } from '../resources.ts';
import type { Fact } from '../schema/review.ts';
import { extractCare } from './care.ts';
import { extractCoding, extractDiagnoses } from './coding.ts';
import { ExtractionContext, finalizeFacts, type FactDraft, lineStartAt } from './context.ts';
import { extractExam } from './exam.ts';
import { extractImaging } from './imaging.ts';
import { extractPain } from './pain.ts';
import { extractPatientContext } from './patient.ts';
import { extractProcedures } from './procedures.ts';
import { extractSurgery } from './surgery.ts';
import { extractSymptoms } from './symptoms.ts';
import { findLevels } from '../nlp/values/levels.ts';
import { findSides } from '../nlp/values/laterality.ts';
import { combineSides, sortLevels } from './context.ts';

export function extractFacts(nlp: NlpDoc, res: Resources): Fact[] {
  const ctx = new ExtractionContext(nlp, res);
  const procedures = extractProcedures(ctx);
  attachRequestDetails(ctx, procedures);
  attachFormFields(ctx, procedures);
  const drafts: FactDraft[] = [
    ...extractSymptoms(ctx),
    ...extractPain(ctx),
    ...procedures,
    ...extractSurgery(ctx),
    ...extractCare(ctx),
    ...extractExam(ctx),
    ...extractImaging(ctx),
    ...extractDiagnoses(ctx),
    ...extractCoding(ctx),
    ...extractPatientContext(ctx),
  ];
  return finalizeFacts(ctx, drafts);
}

/** A form's level and side fields ("Spinal level(s): L5-S1   Laterality: Bilateral"). */
const LEVEL_FIELD = /\b(?:spinal\s+|vertebral\s+|lumbar\s+|target(?:ed)?\s+)?(?:level|levels|level\(s\)|segments?|segment\(s\))\s*(?:to be (?:treated|injected))?\s*[:#]\s*([^\n]{1,60}?)(?=\s{3,}|\s*$|\s*\n|\s+(?:laterality|side)\b)/g;
/** A checked box and the words of its option. */
const CHECKED_OPTION = /^\s*:?[^\n]*?(?:\[\s?[x✓✔]\s?\]|\(\s?[x✓✔]\s?\)|[☒☑■])\s*([a-z][a-z /-]{1,30})/;
const SEDATION_OPTION: [RegExp, string][] = [
  [/^(?:none|no\b|local)/, 'none'], [/^(?:moderate|conscious)/, 'moderate'], [/^(?:mac|monitored)/, 'mac'], [/^general/, 'general'], [/^(?:iv|intravenous)/, 'iv'],
];
/** An empty box right before an option: "[ ] Moderate sedation", "( ) MAC", "☐ IV sedation". */
const UNCHECKED_BEFORE = /(?:\[\s?\]|\(\s?\)|☐)\s{0,2}$/;
/** The rest of a sedation label after the mention: "/ MAC requested ......", "requested?", "/ anesthesia:". Group 1: the answer. */
const SEDATION_LABEL_TAIL = /^(?:\s{0,2}(?:\/|&|or|and)\s{0,2}(?:mac|moderate(?:\s+sedation)?|anesthesia|sedation|iv\s+sedation|general(?:\s+anesthesia)?))*\s{0,2}(?:requested|required|needed|planned|type|level)?\s{0,2}(?:\?|:|\.{2,}|…|_{2,})[\s.:…_>-]*([^\n]*)$/;
/** A heading line that is nothing but the label: "ANESTHESIA / SEDATION", "Sedation/Anesthesia". */
const SEDATION_HEADING = /^\s*(?:anesthesia|sedation|analgesia)(?:\s{0,2}(?:\/|&|and)\s{0,2}(?:anesthesia|sedation|analgesia))*\s*$/;

/**
 * How a sedation label is answered: `null` when the mention is a label (or heading) left unanswered
 * here (its value, if any, is another mention), a sedation value when the answer gives one ("No",
 * "None - local only" → none; "Yes" → the label's own sedation), `undefined` when the mention is no label.
 */
function labelAnswer(norm: string, end: number, lineEnd: number): string | null | undefined {
  const lineStart = norm.lastIndexOf('\n', end - 1) + 1;
  if (SEDATION_HEADING.test(norm.slice(lineStart, lineEnd))) return null;
  const tail = SEDATION_LABEL_TAIL.exec(norm.slice(end, lineEnd));
  if (!tail) return undefined;
  let ans = tail[1]!.trim();
  // The answer on the next line: "Q12. Sedation / anesthesia requested:\n     > None - local anesthetic only".
  if (!ans && lineEnd < norm.length) {
    const next = norm.indexOf('\n', lineEnd + 1);
    ans = norm.slice(lineEnd + 1, next < 0 ? norm.length : next).replace(/^[\s>•*-]+/, '').trim();
  }
  if (/^(?:no|n|none|not\s+(?:requested|needed|required)|n\/a|na)\b/.test(ans)) return 'none';
  const opt = SEDATION_OPTION.find(([re]) => re.test(ans))?.[1];
  if (opt) return opt;
  if (/^(?:yes|y)\b/.test(ans)) return undefined;
  return null;
}
const CHECKED_APPROACH = /(?:\[\s?[x✓✔]\s?\]|\(\s?[x✓✔]\s?\)|[☒☑■])\s*(trans|inter|intra|caudal)(?:foraminal|laminar)?\b/;
/**
 * A guidance field with a bare modality: "Guidance: CT", "Imaging guidance: fluoro", and "Imaging:
 * fluoroscopic" when the modality is all the field says ("Imaging: CT lumbar spine 1/2023" is a study).
 * Group 1: the modality.
 */
const GUIDANCE_FIELD = /\b(?:(?:imaging\s+)?guidance|imaging(?=\s*[:#]\s*(?:fluoro\w*|ct|computed\s+tomography|ultrasound|us)\b\s*(?:guid\w*)?\s*(?:[.;,()]|$)))\s*[:#]\s*(fluoro(?:scopy|scopic)?|ct|computed\s+tomography|ultrasound|us)\b/gm;
const SIDE_FIELD = /\b(?:laterality|side)\s*[:#]\s*(?:\[\s?\]\s*(?:[a-z/]+\s*)?)*(?:\[\s?[x✓✔]\s?\]\s*)?(left|right|bilateral|bilat|lt|rt|b\/l|both)\b/g;
const SIDE_WORDS: Record<string, string> = { left: 'left', lt: 'left', right: 'right', rt: 'right', bilateral: 'bilateral', bilat: 'bilateral', 'b/l': 'bilateral', both: 'bilateral' };

/**
 * On a form or order, the level and side fields describe the request when its own sentence does
 * not: one request is what the form asks for.
 */
function attachFormFields(ctx: ExtractionContext, drafts: FactDraft[]): void {
  const requests = drafts.filter((d) => d.type === 'requested_procedure' && d.assertion === 'present');
  if (requests.length !== 1) return;
  const r = requests[0]!;
  // Outside a form, only the field lines of the request's own block ("Service requested: 62323 ... /
  // Level: L4/L5   Side: left paramedian"): right after it, before any other procedure.
  const first = Math.min(...r.spans.map((sp) => sp.start));
  const others = ctx.nlp.mentions.filter((m) => m.category === 'procedure' && m.start > first + 40).map((m) => m.start);
  const blockEnd = Math.min(first + 250, ...others);
  const inBlock = (at: number) => ctx.role === 'request' || (at > first && at < blockEnd);
  // "Approach: [X] Interlaminar": the checked approach names the epidural injection.
  const approach = r.attributes.procedure === 'epidural_steroid_injection' && ctx.role === 'request' ? CHECKED_APPROACH.exec(ctx.norm) : null;
  if (approach) {
    r.attributes.procedure = approach[1] === 'trans' ? 'transforaminal_esi' : approach[1] === 'caudal' ? 'caudal_esi' : 'interlaminar_esi';
    r.spans.push({ start: approach.index, end: approach.index + approach[0].length });
    r.rules.push('request.form_field.approach');
  }
  LEVEL_FIELD.lastIndex = 0;
  for (let m = LEVEL_FIELD.exec(ctx.norm); m; m = LEVEL_FIELD.exec(ctx.norm)) {
    if (r.attributes.levels) break;
    const at = m.index + m[0].length - m[1]!.length;
    if (!inBlock(at)) continue;
    const levels = findLevels(m[1]!).flatMap((l) => l.levels);
    if (!levels.length) continue;
    r.attributes.levels = sortLevels([...new Set(levels)]);
    r.spans.push({ start: at, end: at + m[1]!.length });
    r.rules.push('request.form_field.levels');
  }
  // "Guidance: CT": a bare modality in a guidance field.
  if (r.attributes.guidance === undefined) {
    GUIDANCE_FIELD.lastIndex = 0;
    for (let m = GUIDANCE_FIELD.exec(ctx.norm); m; m = GUIDANCE_FIELD.exec(ctx.norm)) {
      const at = m.index + m[0].length - m[1]!.length;
      if (!inBlock(at)) continue;
      r.attributes.guidance = /^ct|comput/.test(m[1]!) ? 'ct' : /^(?:us|ultra)/.test(m[1]!) ? 'ultrasound' : 'fluoroscopy';
      r.spans.push({ start: at, end: at + m[1]!.length });
      r.rules.push('request.form_field.guidance');
      break;
    }
  }
  SIDE_FIELD.lastIndex = 0;
  for (let m = SIDE_FIELD.exec(ctx.norm); m; m = SIDE_FIELD.exec(ctx.norm)) {
    if (r.attributes.side) break;
    const side = SIDE_WORDS[m[1]!] ?? combineSides(findSides(m[1]!).map((x) => x.side));
    if (!side || !inBlock(m.index)) continue;
    r.attributes.side = side;
    const at = m.index + m[0].length - m[1]!.length;
    r.spans.push({ start: at, end: at + m[1]!.length });
    r.rules.push('request.form_field.side');
  }
}

const REQUESTISH = new Set(['request', 'plan']);
/** Words that change a request's sedation: "withdrew the 01992 line", "will be done with local only instead". */
const SEDATION_CHANGED = /\b(?:withdr(?:ew|awn|aw)|instead|modif(?:ied|y)|changed|revised|amended|will\s+(?:now\s+)?be\s+(?:done|performed))\b/;
/** The rule id a request carries when its sedation was changed to less (packet.ts lets it stand over the first ask). */
export const SEDATION_CHANGED_RULE = 'request.sedation_changed';
const FORM_FIELD = /^\s*(anesthesia|sedation|anesthesia\/sedation|sedation\/anesthesia|guidance|imaging guidance|imaging)\s*:/;

/**
 * Sedation and guidance of the present request(s): named in a request/plan section, or in a
 * sentence that names a requested procedure or a request cue.
 */
function attachRequestDetails(ctx: ExtractionContext, drafts: FactDraft[]): void {
  const requests = drafts.filter((d) => d.type === 'requested_procedure' && d.assertion === 'present');
  if (requests.length === 0) return;
  const reqSentences = new Set<number>();
  for (const r of requests) for (const s of r.spans) reqSentences.add(ctx.sentenceIndexAt(s.start));
  // The lines of a request block ("Request: ... / Codes: ... / Fluoroscopic guidance, local only.")
  // describe the request: a paragraph is the run of lines between blank lines.
  const paragraphOf = (si: number): number => {
    const s = ctx.sentences[si];
    if (!s) return -1;
    const before = ctx.norm.lastIndexOf('\n\n', s.start);
    return before;
  };
  const reqParagraphs = new Set([...reqSentences].map(paragraphOf));
  ctx.sentences.forEach((sentence, si) => {
    const sed = ctx.mentionsIn(si, 'sedation');
    const guide = ctx.mentionsIn(si, 'guidance');
    if (sed.length === 0 && guide.length === 0) return;
    // Form fields ("Anesthesia: local only", "Guidance: fluoroscopy") of a request form describe the request.
    const field = FORM_FIELD.test(ctx.norm.slice(sentence.start, sentence.end)) && sentence.section !== 'procedure';
    const requestish = REQUESTISH.has(sentence.section) || reqSentences.has(si) || field || reqParagraphs.has(paragraphOf(si)) ||
      ctx.mentionsIn(si, 'cue').some((c) => c.concept === 'request');
    if (!requestish) return;
    // Past-procedure sentences ("the prior block was done under IV sedation") do not describe the request.
    if (ctx.mentionsIn(si, 'cue').some((c) => c.concept === 'past') && !reqSentences.has(si) && !REQUESTISH.has(sentence.section)) return;
    for (const m of sed) {
      const a = ctx.assert(m, sentence, 'sedation');
      // "Sedation:  [X] None   [ ] Moderate   [ ] MAC": a field label takes its checked option.
      const lineEnd = ctx.norm.indexOf('\n', m.end);
      const checked = CHECKED_OPTION.exec(ctx.norm.slice(m.end, lineEnd < 0 ? ctx.norm.length : lineEnd));
      const option = checked ? SEDATION_OPTION.find(([re]) => re.test(checked[1]!))?.[1] : undefined;
      // "Sedation: local anesthetic only": a field label with no checked option names no sedation;
      // its value is the words after it.
      if (!option && /^\s*[:=]/.test(ctx.norm.slice(m.end, m.end + 3)) && /^sedation$/.test(ctx.norm.slice(m.start, m.end))) continue;
      // "[ ] Moderate sedation": an option left unchecked is not asked for.
      if (!option && UNCHECKED_BEFORE.test(ctx.norm.slice(Math.max(0, m.start - 6), m.start))) continue;
      // "ANESTHESIA / SEDATION" heading a block names none; "Moderate sedation / MAC requested .... No",
      // "Sedation / anesthesia requested:  > None - local only": a label takes its answer.
      // "no sedation: lidocaine for the first block" says none; a label stands at its line's start.
      const atLabel = a.assertion !== 'absent' && /^[\s>*•#\d.():q-]{0,8}(?:(?:anesthesia|analgesia)\s{0,2}(?:\/|&|and)\s{0,2})?$/i.test(ctx.norm.slice(lineStartAt(ctx.norm, m.start), m.start));
      const answer = option || !atLabel ? undefined : labelAnswer(ctx.norm, m.end, lineEnd < 0 ? ctx.norm.length : lineEnd);
      if (answer === null) continue;
      const value = option ?? answer ?? (a.assertion === 'absent' ? 'none' : m.concept);
      // "Dr. M. ... withdrew the 01992 line. The injection will be done with local anesthetic only.":
      // a request changed to less sedation replaces what it first asked for.
      const changed = (value === 'local' || value === 'none') && SEDATION_CHANGED.test(ctx.norm.slice(ctx.sentences[si - 1]?.start ?? sentence.start, sentence.end));
      for (const r of requests) {
        // "No sedation - local anesthetic only" is no sedation: `none` wins over `local`.
        if (r.attributes.sedation === undefined || (r.attributes.sedation === 'local' && value === 'none') ||
            (changed && r.attributes.sedation !== 'none' && r.attributes.sedation !== value)) {
          r.attributes.sedation = value;
          r.spans.push(m);
          r.rules.push(m.ruleId);
          if (changed) r.rules.push(SEDATION_CHANGED_RULE);
        }
      }
    }
    for (const m of guide) {
      const a = ctx.assert(m, sentence, 'guidance');
      if (a.assertion === 'absent') continue;
      // "Imaging guidance: ultrasound": a field label names no guidance; its value is the word after it.
      if (/^\s*[:=]/.test(ctx.norm.slice(m.end, m.end + 3)) && /^(?:imaging\s+)?guidance$/.test(ctx.norm.slice(m.start, m.end))) continue;
      for (const r of requests) {
        if (r.attributes.guidance === undefined) {
          r.attributes.guidance = m.concept;
          r.spans.push(m);
          r.rules.push(m.ruleId);
        }
      }
    }
  });
}
