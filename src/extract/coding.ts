/**
 * diagnosis_code, procedure_code (every code printed, as written, with the label printed beside it)
 * and diagnosis (normalized concept words).
 */
import { findCodes } from '../nlp/values/codes.ts';
import type { Mention } from '../nlp/types.ts';
import { ExtractionContext, type FactDraft, lineStartAt, REVISED_RULE } from './context.ts';
import { DX_TO_FINDING, isImagingSentence } from './imaging.ts';

/** The label after a code on its line: "M47.816 - Spondylosis without radiculopathy, lumbar region". */
const LABEL = /^\s*(?:[-–:=(]|\bx\s*\d+\b|\s)*([a-z][a-z0-9 ,/'()&.#+%-]{2,120}?)\s*(?=$|\n|\s{3,}|\||\b[a-z]\d{2}\.|\b\d{5}\b|\)\s*$)/i;

/**
 * A description column wraps onto the lines below it, indented to the column ("64493  50  1  Inj
 * paravertebral facet joint ... / (fluoro or CT), lumbar/sacral, single level / - site: L4-L5"):
 * those lines, up to a blank line, a line with a code or a line that starts further left.
 */
function wrapped(text: string, labelAt: number, lineEnd: number): string {
  const lineStart = text.lastIndexOf('\n', labelAt - 1) + 1;
  const col = labelAt - lineStart;
  if (col < 12) return '';
  let out = '';
  let at = lineEnd + 1;
  for (let k = 0; k < 5 && at < text.length; k++) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end);
    const indent = /^ */.exec(line)![0].length;
    if (!line.trim() || indent < col - 2 || indent > col + 8 || findCodes(line.toLowerCase()).length > 0) break;
    out += ' ' + line.trim();
    at = end + 1;
  }
  return out;
}

/**
 * A code line taken back: "01992 withdrawn by the requesting physician", "withdrew the 01992 line".
 * Right after the code only, not in a table's status column ("MSK-... 64635-50/64636-50   Withdrawn
 * 12/29/2025" is an earlier case's status, its codes asked for again).
 */
const WITHDRAWN_AFTER = /^ ?(?:line\s)?(?:was\s|is\s|has\sbeen\s)?(?:withdrawn|removed|deleted|dropped|cancell?ed)\b(?!\s{0,3}\d)/;
const WITHDRAWN_BEFORE = /\b(?:withdr(?:ew|awn|aw)|removed?|deleted?|dropped)\s+(?:the\s+)?(?:cpt\s+|code\s+)?$/;
const WITHDRAWN_CODE = /\bwithdr(?:ew|awn)\s+(?:the\s+)?(?:cpt\s+|code\s+)?(\d{5}|[a-v]\d{4})\b|(?<![\w/-])(\d{5}|[a-v]\d{4})\s+(?:line\s+)?(?:was\s+|is\s+|has\s+been\s+)?withdrawn\b/g;
export const WITHDRAWN_RULE = 'coding.withdrawn';

interface CodeFactLike { type: string; assertion: string; attributes: Record<string, unknown> }

/**
 * A code line told withdrawn stays on the form it was billed on, marked `withdrawn` (the case leaves
 * it out). The withdrawal itself is no fact once a line it withdraws is marked; a document with the
 * withdrawal alone keeps it for the packet to mark the other documents' lines. In place.
 */
export function markWithdrawnCodes<T extends CodeFactLike>(items: T[], rulesOf: (t: T) => readonly string[]): void {
  const codes = new Set(items.filter((f) => f.type === 'procedure_code' && ((f.assertion === 'absent' && rulesOf(f).includes(WITHDRAWN_RULE)) || f.attributes.withdrawn === true)).map((f) => String(f.attributes.code)));
  if (codes.size === 0) return;
  const billed = new Set(items.filter((f) => f.type === 'procedure_code' && f.assertion === 'present' && codes.has(String(f.attributes.code))).map((f) => String(f.attributes.code)));
  for (let i = items.length - 1; i >= 0; i--) {
    const f = items[i]!;
    if (f.type !== 'procedure_code' || !billed.has(String(f.attributes.code))) continue;
    if (f.assertion === 'absent') items.splice(i, 1); else f.attributes.withdrawn = true;
  }
}

/** A code line told as revised: "Revised codes: 64635-50 x1, 64636-50 x1", "Corrected CPT: ...". */
const REVISED_CODES = /^[ \t]*(?:revised|corrected|amended|updated)\s+(?:cpt\s+|hcpcs\s+|procedure\s+)?(?:codes?|billing|service\s+lines?|cpt)\s*:/i;

export function extractCoding(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const text = ctx.text;
  for (const c of findCodes(ctx.norm)) {
    const lineEnd = text.indexOf('\n', c.end);
    const rest = text.slice(c.end, lineEnd < 0 ? text.length : lineEnd);
    const label = LABEL.exec(rest.replace(/^\s*(?:-?\s*(?:50|rt|lt|kx|59|xs|x\d)\b[\s,]*)+/i, ' '))?.[1]?.replace(/[\s,.;:-]+$/, '').trim();
    const first = label && /[a-z]{3}/i.test(label) && !/^(units?|x)\b/i.test(label) ? label : undefined;
    const description = first && lineEnd >= 0 ? first + wrapped(text, text.indexOf(first, c.end), lineEnd) : first;
    if (c.system === 'icd10' || c.system === 'icd9') {
      out.push({
        type: 'diagnosis_code', assertion: 'present',
        attributes: { code: c.code.toUpperCase(), system: c.system, description },
        spans: [{ start: c.start, end: c.end }], rules: ['value.code.' + c.system], extractor: 'coding.dx',
      });
    } else {
      // "01992 withdrawn by the requesting physician", "withdrew the 01992 line": a line taken back.
      const withdrawn = WITHDRAWN_AFTER.test(ctx.norm.slice(c.end, Math.min(ctx.norm.length, c.end + 40))) ||
        WITHDRAWN_BEFORE.test(ctx.norm.slice(Math.max(0, c.start - 30), c.start));
      out.push({
        type: 'procedure_code', assertion: withdrawn ? 'absent' : 'present',
        attributes: { system: c.system, code: c.code.toUpperCase(), units: c.units ?? 1, modifiers: c.modifiers.map((m) => m.toUpperCase()), description },
        spans: [{ start: c.start, end: c.end }], rules: ['value.code.' + c.system, ...(withdrawn ? [WITHDRAWN_RULE] : []), ...(REVISED_CODES.test(text.slice(lineStartAt(text, c.start), c.start)) ? [REVISED_RULE] : [])], extractor: 'coding.px',
      });
    }
  }
  // A code named only where it is taken back ("withdrew the 01992 line"): prose findCodes does not read.
  WITHDRAWN_CODE.lastIndex = 0;
  for (let m = WITHDRAWN_CODE.exec(ctx.norm); m; m = WITHDRAWN_CODE.exec(ctx.norm)) {
    const raw = (m[1] ?? m[2])!;
    const code = raw.toUpperCase();
    if (out.some((d) => d.type === 'procedure_code' && d.attributes.code === code && d.assertion === 'absent')) continue;
    const start = m.index + m[0].indexOf(raw);
    out.push({
      type: 'procedure_code', assertion: 'absent', attributes: { system: /^\d/.test(code) ? 'cpt' : 'hcpcs', code, units: 1, modifiers: [] },
      spans: [{ start, end: start + raw.length }], rules: [WITHDRAWN_RULE], extractor: 'coding.px',
    });
  }
  const merged: FactDraft[] = [];
  for (const d of out) {
    const hit = merged.find((o) => o.type === d.type && o.attributes.code === d.attributes.code && o.assertion === d.assertion);
    if (!hit) { merged.push(d); continue; }
    hit.spans.push(...d.spans);
    for (const [k, v] of Object.entries(d.attributes)) if (hit.attributes[k] === undefined && v !== undefined) hit.attributes[k] = v;
  }
  markWithdrawnCodes(merged, (d) => d.rules);
  return merged;
}

/** Diagnoses that are imaging results when a study reports them (docs/annotation.md §4.12). */
const IMAGING_CONCEPTS = new Set(['degenerative disc disease', 'lumbar spondylosis', 'cervical spondylosis', 'lumbar disc herniation', 'lumbar spinal stenosis',
  'cervical spinal stenosis', 'lumbar spondylolisthesis', 'lumbar spondylolysis', 'lumbar facet arthropathy', 'cervical facet arthropathy', 'thoracic facet arthropathy', 'lumbar scoliosis', 'compression fracture', 'internal disc disruption']);
/**
 * Imaging-vocabulary words that name a diagnosis when a clinician's diagnosis statement uses them
 * bare ("DDD/disk protrusions/spondylosis", "spondylolisthesis and stenosis", "herniation L4-5 disk").
 */
const FINDING_TO_DX: Record<string, string> = {
  disc_herniation: 'lumbar disc herniation', stenosis: 'lumbar spinal stenosis', facet_arthropathy: 'lumbar facet arthropathy',
  spondylolisthesis: 'lumbar spondylolisthesis',
};
const NON_SPINE_AFTER = /^\s*(?:of|in|involving|at)\s+(?:the\s+)?(?:right\s+|left\s+|bilateral\s+|both\s+)?(hips?|knees?|shoulders?|ankles?|wrists?|elbows?|feet|foot|hands?|fingers?|toes?)\b/;
/** Spine regions as written ("C5-6", "neck", "lumbosacral", "T12"); a level list names its region by its first letter. */
const REGION_WORD = /\b(cervical|c-spine|neck|cervicothoracic|upper extremit\w*|arms?|c[1-8](?:\s?[-/]\s?[ct]?\d)?|thoracic|t-spine|mid[- ]?back|upper back|t\d{1,2}(?:\s?[-/]\s?t?\d{1,2})?|thoracolumbar|lumbar|lumbosacral|l-spine|low(?:er)? back|back|l[1-5](?:\s?[-/]\s?[ls]?\d)?|s1|sciatic\w*|legs?|lower extremit\w*)\b/g;
type Region = 'cervical' | 'thoracic' | 'lumbar';
function regionOfWord(w: string): Region {
  if (/^(cervical|c-spine|neck|cervicothoracic|upper|arm|c\d)/.test(w)) return 'cervical';
  if (/^(thoracic|t-spine|mid|upper back|t\d)/.test(w)) return 'thoracic';
  return 'lumbar';
}
const REGIONAL: Record<string, { cervical?: string | null; thoracic?: string | null }> = {
  'lumbar radiculopathy': { cervical: 'cervical radiculopathy' },
  'lumbar spinal stenosis': { cervical: 'cervical spinal stenosis' },
  'lumbar facet arthropathy': { cervical: 'cervical facet arthropathy', thoracic: 'thoracic facet arthropathy' },
  'lumbar spondylosis': { cervical: 'cervical spondylosis' },
  'lumbar strain': { cervical: 'cervical strain', thoracic: 'thoracic strain' },
  // Concepts the list has only for the lumbar spine: a cervical one is not annotated (§4.12).
  'lumbar disc herniation': { cervical: null },
  'lumbar spondylolisthesis': { cervical: null },
  'post lumbar fusion': { cervical: null },
  'post laminectomy syndrome': { cervical: 'post cervical laminectomy syndrome' },
};
/** A study report (CT/MRI/x-ray): its findings and impression are imaging results, not diagnoses. */
const IMAGING_REPORT_HEAD = /\b(mri|ct|computed tomography|magnetic resonance|x-?rays?|radiographs?|myelogram)\b[^\n]{0,80}\n?[\s\S]{0,400}\b(findings|impression|technique)\s*:/;

/** A report whose FINDINGS describe scans ("FINDINGS: Axial scans were performed ..."). */
const IMAGING_FINDINGS = /\bfindings\s*:[\s\S]{0,300}\b(scans?|images?|imaging|tomography|mri|sagittal|axial|coronal|weighted|radiographs?|views?)\b/;
/** The head of a diagnosis statement: "PREOPERATIVE DIAGNOSES:", "Impression:", "INDICATION FOR PROCEDURE:". */
const DX_HEAD = /^[ \t]*(?:\d{1,2}[.)][ \t]*)?(?:(?:pre|post)[- ]?op(?:erative)?\.?|discharge|admitting|admission|final|working|clinical|principal|primary|secondary|additional|differential)?[ \t]*(?:diagnos[ie]s|dx|imp|impressions?|assessments?|indications?(?:[ \t]+for[ \t]+(?:the[ \t]+)?(?:procedure|operation|surgery|injection|study))?)[ \t]*(?::|-[ \t]|$)/;
/** Dye or contrast seen during an injection: intra-procedural, not a diagnosis (annotation §5). */
const INTRA_PROCEDURAL = /\b(dye|contrast)\b[^.]{0,60}\b(spread|flow|pattern|outlin\w*|run-?off)\b|\b(spread|flow|pattern)\b[^.]{0,30}\b(dye|contrast)\b/;
/** A line that starts with a dotted code: its words are the code's descriptor ("724.4 Thoracic or lumbosacral neuritis or radiculitis"). */
const CODE_FIRST_LINE = /^\s*(?:[-*•]\s*|\d{1,2}[.)]\s*)?(?:[a-z]\d{2}\.[0-9a-z]{1,4}|\d{3}\.\d{1,2})\b/;
/** A fusion named in a diagnosis statement as the state the spine is in ("status post L4-5 fusion", "adjacent to an instrumented fusion"). */
const POST_FUSION_BEFORE = /\b(?:status post|s\/p|post|adjacent to|above|below|history of|hx of|prior|previous|failed)\s+(?:(?:a|an|the|his|her|prior|previous|old|solid|instrumented|posterior|anterior|lumbar|interbody|[lts]\d(?:\s?-\s?[lts]?\d)?|level|and|to)\s+){0,5}$/;
/** "Post cervical laminectomy (pain) syndrome": the operation word inside a syndrome's name. */
const POST_LAMINECTOMY_BEFORE = /\bpost[- ]?(?:(?:cervical|lumbar|thoracic)\s+)?$|^post/;
const POST_LAMINECTOMY_AFTER = /^\s*(?:(?:low|lower|back|lumbar|cervical|neck)\s+){0,3}(?:pain\s+)?syndrome\b|^\s*(?:(?:low|lower)\s+)?(?:back\s+)?pain\b/;
/** A strain/sprain head and the spine region written beside it ("lumbar muscle strain", "sprain/strain injury to the lumbosacral spine"). */
const STRAIN_REGION_BEFORE = /\b(cervical|neck|cervicothoracic|thoracic|mid[- ]?back|upper back|thoracolumbar|lumbar|lumbosacral|low(?:er)? back|back|paralumbar|paraspinal lumbar)\b(?:[\s,/-]+(?:and|paraspinal|paravertebral|spine|region|muscles?|muscular|musculature|soft tissue|chronic|acute|recurrent|mild|moderate|severe))*[\s,/-]*$/;
const STRAIN_REGION_AFTER = /^\s*(?:injury\s+)?(?:of|to|in|involving|at)\s+(?:the\s+|his\s+|her\s+)?(?:(?:right|left|bilateral|lower|low|upper|mid)\s+)?(cervical|neck|cervicothoracic|thoracic|thoracolumbar|lumbar|lumbosacral|back|lumbar spine|lumbosacral spine|paralumbar|paraspinal)\b/;

/** A line that states diagnoses: under a diagnosis head on its line or on an earlier line of its paragraph. */
function dxStatementAt(ctx: ExtractionContext, pos: number, section: string): boolean {
  if (section === 'assessment' || section === 'assessment_plan') return true;
  let lineStart = lineStartAt(ctx.norm, pos);
  for (let i = 0; i < 8; i++) {
    const lineEnd = ctx.norm.indexOf('\n', lineStart);
    const line = ctx.norm.slice(lineStart, lineEnd < 0 ? ctx.norm.length : lineEnd);
    if (DX_HEAD.test(line)) return true;
    if (lineStart === 0) return false;
    const prevStart = ctx.norm.lastIndexOf('\n', lineStart - 2) + 1;
    if (!ctx.norm.slice(prevStart, lineStart - 1).trim()) return false;
    // Only list items continue a diagnosis head across lines ("1. ...", "- ...", a short line).
    if (!/^\s*(?:\d{1,2}[.)]|[-*•])/.test(line) && line.length > 80) return false;
    lineStart = prevStart;
  }
  return false;
}

/**
 * The spine region a diagnosis is about: written in the mention or right beside it, else the
 * nearest region word of its sentence, else the last region word earlier in its paragraph, else
 * the last spine region named earlier in the note outside the examination
 * ("He had neck pain ... He also had some radiculopathy" is cervical).
 */
function regionOf(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number }): Region | undefined {
  const own = [...ctx.norm.slice(m.start, m.end).matchAll(REGION_WORD)][0];
  if (own) return regionOfWord(own[1]!);
  const near = (from: number, to: number, fromEnd: boolean): Region | undefined => {
    const words = [...ctx.norm.slice(from, to).matchAll(REGION_WORD)];
    const w = fromEnd ? words[words.length - 1] : words[0];
    return w ? regionOfWord(w[1]!) : undefined;
  };
  // Right beside the mention ("C5-6 disc herniation", "radiculopathy of the cervical spine").
  const before = near(Math.max(sentence.start, m.start - 30), m.start, true);
  const after = near(m.end, Math.min(sentence.end, m.end + 25), false);
  if (before && after && before !== after) return before === 'lumbar' || after === 'lumbar' ? 'lumbar' : before;
  if (before ?? after) return before ?? after;
  const inSentenceBefore = near(sentence.start, m.start, true);
  const inSentenceAfter = near(m.end, sentence.end, false);
  if (inSentenceBefore ?? inSentenceAfter) return inSentenceBefore ?? inSentenceAfter;
  const para = Math.max(ctx.norm.lastIndexOf('\n\n', m.start), 0);
  const inParagraph = near(para, sentence.start, true);
  if (inParagraph) return inParagraph;
  // Else the last region named earlier in the note ("With regard to the radiculopathy, ..." refers
  // back), skipping examination and review-of-systems templates ("Neck: supple").
  for (let i = ctx.sentenceIndexAt(sentence.start) - 1; i >= 0; i--) {
    const s = ctx.sentences[i]!;
    if (s.section === 'exam' || s.section === 'ros') continue;
    const words = [...ctx.norm.slice(s.start, s.end).matchAll(REGION_WORD)].filter((x) => !/^(neck|back|arms?|legs?)$/.test(x[1]!));
    if (words.length) return regionOfWord(words[words.length - 1]![1]!);
  }
  return undefined;
}

export function extractDiagnoses(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  const head = ctx.norm.slice(0, 900);
  const imagingReport = (IMAGING_REPORT_HEAD.test(head) || IMAGING_FINDINGS.test(head)) && !/\b(emg|nerve conduction)\b/.test(ctx.norm.slice(0, 300));
  let prevImaging = false;
  ctx.sentences.forEach((sentence, si) => {
    const sentText = ctx.norm.slice(sentence.start, sentence.end);
    // A sentence that goes on describing the study named just before it ("MRI 01/2022: ... . Mild
    // L4-5 facet arthropathy.") reports imaging too, unless it turns to the assessment.
    const prev = ctx.sentences[si - 1];
    const continues = prevImaging && prev !== undefined && prev.section === sentence.section && !/\n\s*\n/.test(ctx.norm.slice(prev.end, sentence.start)) &&
      !/\b(assessment|impression|diagnos\w*|a:|plan)\b/.test(sentText.slice(0, 40));
    const imagingHere = isImagingSentence(ctx, si) || continues;
    prevImaging = imagingHere;
    if (['allergies', 'medications'].includes(sentence.section)) return;
    if (INTRA_PROCEDURAL.test(sentText)) return;
    const statement = dxStatementAt(ctx, sentence.start, sentence.section);
    // The first study named in the sentence: a diagnosis stated before it is the clinician's
    // ("facet arthrosis ... verified with x-ray studies"); one after it is the study's result.
    const firstStudy = ctx.mentionsIn(si, 'imaging_modality')[0]?.start ?? (continues ? sentence.start : Infinity);
    // Imaging results are not diagnoses (docs/annotation.md §4.12).
    const imagingFor = (m: Mention): boolean => imagingReport || (imagingHere && !(statement && m.start < firstStudy));
    const mentions: Mention[] = [
      ...ctx.mentionsIn(si, 'diagnosis'),
      ...(statement ? ctx.mentionsIn(si, 'imaging_finding').filter((m) => FINDING_TO_DX[m.concept] && spineFinding(ctx, m, sentence)).map((m) => ({ ...m, concept: FINDING_TO_DX[m.concept]! })) : []),
      ...ctx.mentionsIn(si, 'diagnosis_part').flatMap((m) => strainConcept(ctx, m, sentence)),
      ...ctx.mentionsIn(si, 'diagnosis').flatMap((m) => sharedHead(ctx, m, sentence)),
      ...ctx.mentionsIn(si, 'surgery').filter((m) => m.concept === 'laminectomy' && (POST_LAMINECTOMY_BEFORE.test(ctx.norm.slice(Math.max(sentence.start, m.start - 25), m.start)) || /^post/.test(ctx.norm.slice(m.start, m.end))) && POST_LAMINECTOMY_AFTER.test(ctx.norm.slice(m.end, m.end + 20)))
        .map((m) => ({ ...m, concept: 'post laminectomy syndrome' })),
      ...(statement ? ctx.mentionsIn(si, 'surgery').filter((m) => m.concept === 'fusion' && POST_FUSION_BEFORE.test(ctx.norm.slice(Math.max(sentence.start, m.start - 45), m.start)))
        .map((m) => ({ ...m, concept: 'post lumbar fusion' })) : []),
      ...ctx.mentionsIn(si, 'procedure').filter((m) => m.concept === 'radiofrequency_ablation' && rfaCandidacy(ctx, m, sentence))
        .map((m) => ({ ...m, concept: NOT_RFA_CANDIDATE, candidacy: true })),
    ];
    for (const m of mentions) {
      if (imagingFor(m) && IMAGING_CONCEPTS.has(m.concept)) continue;
      if (NON_SPINE_AFTER.test(ctx.norm.slice(m.end, m.end + 40))) continue;
      // A code's printed descriptor ("M51.36 Other intervertebral disc degeneration") is not a
      // diagnosis of its own; a label written before its code ("Herniated disc - 722.10") is.
      const lineStart = ctx.norm.lastIndexOf('\n', m.start) + 1;
      const labelFirst = /^[\s,:(-]{0,4}(?:[a-z]\d{2}\.[0-9a-z]{1,4}|\d{3}\.\d{1,2})\b/.test(ctx.norm.slice(m.end, m.end + 14));
      if (!labelFirst && CODE_FIRST_LINE.test(ctx.norm.slice(lineStart, m.start))) continue;
      if (!labelFirst && /(?:\b(?!t1[0-2]\b)[a-z]\d{2}(?:\.[0-9a-z]{1,4})?|\b\d{3}\.\d{1,2})[\s,:;-]{1,6}(?:[a-z/]+\s+){0,4}$/.test(ctx.norm.slice(Math.max(lineStart, m.start - 40), m.start))) continue;
      const a = { ...ctx.assert(m, sentence, 'diagnosis') };
      // "I do not consider her a candidate for repeat radiofrequency ablation": the negated candidacy
      // is the reason she is not one; a candidacy told as such ("would be a candidate for RFA") is none.
      const candidacy = (m as Mention & { candidacy?: boolean }).candidacy === true;
      if (candidacy) {
        if (a.assertion !== 'absent') continue;
        a.assertion = 'present';
      }
      // A diagnosis written in the plan section is stated, not planned; a plan word around it
      // ("if she develops ...", "will watch for ...") still makes it hypothetical.
      if (a.assertion === 'hypothetical' && !a.trigger) a.assertion = 'present';
      if (a.assertion === 'hypothetical') continue;
      if (a.experiencer === 'other' && sentence.section !== 'family_history') continue;
      // A sign the examiner did not find ("no joint deformities or scoliosis") is no diagnosis.
      if (a.assertion === 'absent' && sentence.section === 'exam') continue;
      const reg = m.ruleId.startsWith('lex.dxpart.') ? undefined : REGIONAL[m.concept];
      const region = reg ? regionOf(ctx, m, sentence) : undefined;
      const regional = region === 'cervical' ? reg?.cervical : region === 'thoracic' ? reg?.thoracic : undefined;
      if (regional === null) continue;
      const concept = regional ?? m.concept;
      out.push({
        type: 'diagnosis', assertion: a.assertion,
        ...(a.experiencer === 'other' ? { experiencer: 'other' as const } : {}),
        historical: a.historical,
        attributes: { concept }, spans: [m], rules: [m.ruleId, ...(a.rule ? [a.rule] : []), ...(candidacy ? [CANDIDACY_RULE] : [])],
        extractor: 'diagnosis', trigger: a.trigger?.text ?? null, section: sentence.section,
      });
    }
  });
  const merged: FactDraft[] = [];
  for (const d of out) {
    const hit = merged.find((o) => o.attributes.concept === d.attributes.concept && o.assertion === d.assertion && o.experiencer === d.experiencer);
    if (hit) { hit.spans.push(...d.spans); hit.rules.push(...d.rules); } else merged.push(d);
  }
  // One concept stated present and elsewhere negated ("no evidence of active radiculopathy") keeps the present fact.
  return merged.filter((d) => d.assertion === 'present' || !merged.some((o) => o !== d && o.assertion === 'present' && o.attributes.concept === d.attributes.concept && d.section === o.section));
}

const NOT_RFA_CANDIDATE = 'not an rfa candidate';
const CANDIDACY_RULE = 'dx.rfa_candidacy_negated';
/** "a candidate for (repeat) radiofrequency ablation", "a radiofrequency candidate". */
const CANDIDATE_FOR = /\bcandidate\s+for\s+(?:(?:a|an|the|any|repeat|further|another|more|lumbar|right|left|bilateral|repeated)\s+){0,3}$/;
function rfaCandidacy(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number }): boolean {
  return CANDIDATE_FOR.test(ctx.norm.slice(Math.max(sentence.start, m.start - 60), m.start)) || /^\s{0,2}candidate\b/.test(ctx.norm.slice(m.end, Math.min(sentence.end, m.end + 12)));
}

/** A strain/sprain head is a spine strain when a spine region is written beside it. */
function strainConcept(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number }): Mention[] {
  const before = ctx.norm.slice(Math.max(sentence.start, m.start - 50), m.start);
  const after = ctx.norm.slice(m.end, Math.min(sentence.end, m.end + 50));
  const w = STRAIN_REGION_BEFORE.exec(before)?.[1] ?? STRAIN_REGION_AFTER.exec(after)?.[1];
  if (!w) return [];
  const region = /^(cervical|neck|cervicothoracic)/.test(w) ? 'cervical' : /^(thoracic|mid|upper)/.test(w) ? 'thoracic' : 'lumbar';
  return [{ ...m, concept: `${region} strain` }];
}

/** Organs whose narrowing or disease is no spine finding ("aortic stenosis", "TMJ arthropathy"). */
const NON_SPINE_BEFORE = /\b(aortic|mitral|tricuspid|pulmonic|pulmonary|valvular|carotid|renal|pyloric|tracheal|subglottic|urethral|meatal|biliary|arterial|artery|coronary|iliac|femoral|esophageal|anal|bowel|tmj|temporomandibular|knee|hip|shoulder|joint)\s+(?:[a-z]+\s+){0,1}$/;
/**
 * A bare imaging word in a diagnosis statement names a spine diagnosis when nothing ties it to another
 * organ; "arthropathy" alone must say facet, a bare herniation/protrusion must sit by a disc or a level.
 */
function spineFinding(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number }): boolean {
  const lit = ctx.norm.slice(m.start, m.end);
  const before = ctx.norm.slice(Math.max(sentence.start, m.start - 30), m.start);
  if (NON_SPINE_BEFORE.test(before)) return false;
  if (m.concept === 'facet_arthropathy') return /facet|zygapophys/.test(lit) || /\bfacets?(?: joints?)?[\s,]*$/.test(before);
  if (m.concept === 'disc_herniation' && !/dis[ck]|nucleus/.test(lit)) {
    const around = ctx.norm.slice(Math.max(sentence.start, m.start - 40), Math.min(sentence.end, m.end + 40));
    return /\b(dis[ck]s?|nucleus|[lcts]\d{1,2}(?:\s?[-/]\s?[lcts]?\d{1,2})?|lumbar|lumbosacral|cervical|thoracic|spine|spinal)\b/.test(around);
  }
  return true;
}

/** The first word of a coordination that shares the diagnosis head ("facet and sacroiliac joint syndrome"). */
const SHARED_HEAD_BEFORE = /\b(facets?|facet joints?|zygapophyseal|sacroiliac|sacro-iliac|si)\s*(?:joints?\s*)?(?:and|\/|or|&)\s*(?:(?:the|lower|lumbar)\s+)?$/;
const SHARED_HEAD_NOUN = /(syndrome|pain|dysfunction|arthropathy|arthritis|arthrosis|disease)$/;
function sharedHead(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number }): Mention[] {
  if (!SHARED_HEAD_NOUN.test(ctx.norm.slice(m.start, m.end))) return [];
  const before = ctx.norm.slice(Math.max(sentence.start, m.start - 30), m.start);
  const hit = SHARED_HEAD_BEFORE.exec(before);
  if (!hit) return [];
  const concept = /^(facet|zyg)/.test(hit[1]!) ? 'lumbar facet arthropathy' : 'sacroiliac joint dysfunction';
  if (concept === m.concept) return [];
  const start = m.start - before.length + hit.index;
  return [{ ...m, start, concept, ruleId: 'lex.dx.shared_head' }];
}
