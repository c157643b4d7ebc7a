/**
 * imaging_finding (docs/annotation.md §4.11): finding (contract vocabulary), modality, levels,
 * sizeMm; one fact per study, finding and assertion with the union of that study's levels.
 *
 * The study of a finding is the study named in its sentence, else the one the report is about:
 * the imaging section's last study, or the previous sentence's study when this sentence continues
 * it ("An MRI was obtained. This revealed ..."). Studies differ by modality, region and date.
 * The levels of a finding are the nearest level group in its clause (a level written after the
 * finding counts only in its own comma-chunk), else a level header ("L4-5: There is ..."),
 * else the previous levels when the sentence points back ("at this level").
 */
import { readValue } from '../nlp/value-rules.ts';
import type { Mention } from '../nlp/types.ts';
import { findDates } from '../nlp/values/dates.ts';
import { findLevels, type LevelMatch } from '../nlp/values/levels.ts';
import { ExtractionContext, lineAround, lineStartAt, mergeByKey, sortLevels, type FactDraft } from './context.ts';

const CONTRACT_FINDINGS = new Set(['disc_bulge', 'disc_herniation', 'stenosis', 'facet_arthropathy', 'spondylolisthesis', 'synovial_cyst', 'fusion_hardware', 'normal']);
/** Diagnosis concepts that name an imaging finding when a study reports them. */
export const DX_TO_FINDING: Record<string, string> = {
  'lumbar spinal stenosis': 'stenosis', 'cervical spinal stenosis': 'stenosis', 'lumbar disc herniation': 'disc_herniation',
  'lumbar spondylolisthesis': 'spondylolisthesis', 'lumbar facet arthropathy': 'facet_arthropathy', 'cervical facet arthropathy': 'facet_arthropathy',
};

/** A sentence that reports a study (imaging section, or names a study). */
export function isImagingSentence(ctx: ExtractionContext, si: number): boolean {
  const s = ctx.sentences[si]!;
  return s.section === 'imaging' || ctx.mentionsIn(si, 'imaging_modality').length > 0;
}

interface Study { modality: string; region: string; date: string; mention: Mention }
/** A study told as done before an operation: "(before the fusion)", "pre-operative MRI", "prior to her laminectomy". */
const PRE_OPERATIVE = /\b(?:before|prior\s+to)\s+(?:the|his|her|their)?\s*(?:fusion|surgery|laminectomy|decompression|discectomy|operation|arthrodesis)\b|\bpre-?op(?:erative)?\b/;

const SKIP_SECTIONS = new Set(['family_history', 'allergies', 'medications']);
/** Studies of other body parts are not annotated. */
const NON_SPINE = /\b(orbits?|head|brain|chest|abdomen|abdominal|pelvis|pelvic|knees?|hips?|shoulders?|sinus\w*|wrists?|hands?|elbows?|ankles?|feet|foot|femur|tibia|humerus|carotid|cardiac|heart|renal|kidneys?|liver|lungs?|breast|thyroid|upper extremit\w*)\b/;
const SPINE = /\b(spine|spinal|lumbar|lumbosacral|l-?s-?spine|l-?spine|c-?spine|t-?spine|cervical|thoracic|sacral|back|disc|disk|l[1-5]|s1|c[2-7])\b/;
/** A sentence that continues the previous sentence's study. */
const CONTINUES = /^\s*(?:(?:this|it|which|these|they|that|the (?:study|scan|mri|ct|films?|report|images?|myelogram))\b[^.]{0,40}\b(?:reveal|show|demonstrat|note|confirm|found)|(?:this|the) (?:disc|disk|level|finding))/;
const POINTS_BACK = /\b(?:at|of) (?:this|that|the same|both|these) levels?\b|^\s*(?:this|the) (?:disc|disk)\b|^\s*(?:this|it|these)\b/;
/** A hedge after the finding ("..., however it may have been artifact"). */
const POST_HEDGE = /\bmay (?:have been|be|represent) (?:an? )?artifact|\bnot (?:a )?genuine\b|\bquestionable\b|\bcannot be excluded\b/;
/** Words that present a finding as reported ("she apparently has ...", "changes evident"). */
const REPORTED = /\b(apparently|reportedly|evident|reports?|showed|shows|revealed|demonstrat\w*)\b/;
/** A closing qualifier that places the findings before it: ", particularly at", ", most marked at the". */
const LEVEL_QUALIFIER = /,\s*(?:particularly|especially|predominantly|primarily|mainly|mostly|worst|most (?:marked|pronounced|prominent|severe|notabl[ey]))\s+(?:at|in|involving)\s+(?:the\s+)?$/;
/** A study sentence that tells what the study found. */
const STUDY_REPORTS = /\b(?:showed|shows|revealed|reveals|demonstrated|demonstrates)\b/;
/** Parameters of a study, not the study ("latencies ... are normal"). */
const STUDY_PARTS = /latenc|amplitude|velocit|f-?waves?|responses?|muscles?|signal|canal|alignment|respirat|tone/;
const SIZE_BEFORE = /(\d{1,2}(?:\.\d)?)\s*-?\s*(mm|millimeters?|cm)\s+(?:\w+[\s/-]+){0,4}$/;
const SIZE_AFTER = /^[^,;.]{0,40}?(?:measuring|measures|of|\()\s*(?:approximately |about )?(\d{1,2}(?:\.\d)?)\s*-?\s*(mm|millimeters?|cm)\b/;
const INTRAOPERATIVE_BEFORE = /\b(?:intra-?\s?op(?:erative(?:ly)?)?|localiz\w+|post-?\s?(?:placement|fixation|instrumentation)|final|portable|c-?arm)\s+(?:[a-z]+\s+){0,2}$/;
const INTRAOPERATIVE_SENTENCE = /\b(?:x-?rays?|fluoroscop\w*|radiograph\w*)\b[^.]{0,60}\b(?:was|were)\s+(?:then\s+)?(?:done|obtained|taken|used)\s+(?:to\s+(?:determine|confirm|identify|localize|verify)|confirming|demonstrating|showing)\b|\bintra-?\s?operative(?:ly)?\b[^.]{0,40}\b(?:x-?rays?|fluoroscop\w*|radiograph\w*|films?|imaging)\b/;
const AT_THAT_TIME = /\b(?:at that time|at the time|at that point|back then)\b/;
const NEGATIVE_FOR_FINDING = /^\s*for\s+(?:\w+\s+){0,2}(?:disc|disk|herniat\w*|stenosis|bulg\w*|protrusion|spondylolisthesis|cyst|fracture)/;
const NON_SPINE_FINDING = /\b(carotid|arter\w*|extracranial|intracranial|aort\w*|coronary|renal|valv\w*|bronch\w*|airway|urethr\w*|sinus\w*|pylor\w*)\b/;
const HARDWARE_QUALIFIER = /^\s*(?:shift|failure|loosening|complication|malposition|migration|fracture|breakage)/;
const FUSION_WORDS = /fusion|hardware|screws?|rods?|cages?|instrumentation|plates?|spacer/;

/** The grade a report gives a finding, from the words just before it ("mild foraminal narrowing"). */
const SEVERITY: [RegExp, string][] = [
  [/\b(?:severe|marked|high[- ]grade|large|critical|significant)\b[\w\s,/-]{0,25}$/, 'severe'],
  [/\b(?:moderate|moderately)\b(?:[\s-]+to[\s-]+(?:severe|marked))?[\w\s,/-]{0,25}$/, 'moderate'],
  [/\b(?:mild|mildly|minimal|minimally|slight|slightly|small|tiny|trace|minor|subtle|borderline)\b[\w\s,/-]{0,25}$/, 'mild'],
];
function severityOf(before: string): string | undefined {
  const clause = before.split(/[.;:]|\bbut\b|\bwith\b/).pop() ?? '';
  let best: { at: number; grade: string } | undefined;
  for (const [re, grade] of SEVERITY) {
    const m = re.exec(clause);
    if (m && (!best || m.index > best.at)) best = { at: m.index, grade };
  }
  return best?.grade;
}

/**
 * The side a finding's own phrase names: "small left paracentral protrusion", "right foraminal
 * stenosis", "bulge eccentric to the left", "protrusion on the right". Sides of another clause or of
 * a root named after it ("... contacting the right S1 root") are not the finding's.
 */
function sideOf(before: string, after: string): string | undefined {
  const phrase = before.split(/[.;:,]|\b(?:but|with|and|without|no)\b/).pop() ?? '';
  const m = /\b(left|right|bilateral)(?:[- ]sided)?\b[\w\s/-]{0,30}$/.exec(phrase);
  if (m) return m[1];
  return /^\s*(?:(?:eccentric|lateralizing|extending)\s+)?(?:to|on)\s+the\s+(left|right)\b/.exec(after)?.[1];
}

/** "1. ...", "- ...": an item of a list. */
const LIST_ITEM = /^\s*(?:\d{1,2}[.)]|[-*\u2022])\s/;
/** The level a report paragraph opens at: "at the L5-S1 level", "At L4-5,", "at the T12-L1 and L1-2 levels". */
const PARAGRAPH_LEVEL = /\bat\s+(?:the\s+)?((?:[ltcs]\s?\d{1,2}\s?[-/]\s?[ltcs]?\s?\d{1,2}(?:\s*,\s*|\s+and\s+)?)+)(?:\s+(?:disc\s+|disk\s+)?(?:levels?|interspaces?|segments?))?\b/;

export function extractImaging(ctx: ExtractionContext): FactDraft[] {
  const out: (FactDraft & { study?: Study })[] = [];
  const studyOfSentence: (Study | undefined)[] = [];
  let carry: Study | undefined;
  let carryLevels: string[] = [];
  let header: string[] = [];
  let paraLevels: string[] = [];
  let headerSection = '';
  let prevHadFinding = false;
  // An operative or procedure note (its films are intra-operative); an imaging report's own
  // "TECHNIQUE:" (sequences, contrast) names no procedure.
  const operative = ctx.nlp.sections.some((x) => x.category === 'procedure' &&
    !(x.title && /^\W*(?:technique|imaging technique|mri technique|exam technique)\b/.test(ctx.norm.slice(x.title.start, x.title.end))));
  ctx.sentences.forEach((sentence, si) => {
    const text = ctx.norm.slice(sentence.start, sentence.end);
    const studies = ctx.mentionsIn(si, 'imaging_modality').filter((m) => isStudy(ctx, m, text)).map((m) => studyOf(ctx, m, sentence));
    if (SKIP_SECTIONS.has(sentence.section) && !studies.length) return;
    // Levels and the report's study hold inside one section.
    if (sentence.section !== headerSection) { header = []; headerSection = sentence.section; carry = undefined; }
    // "L4-5: There is ..." opens a level paragraph for the following sentences.
    const head = /^\s*((?:[ltcs]\s?\d{1,2}\s?[-/]\s?[ltcs]?\s?\d{1,2}(?:\s*,\s*|\s+and\s+)?)+)\s*:/.exec(text);
    if (head) header = findLevels(head[1]!).flatMap((l) => l.levels);
    // A report paragraph that opens at a level ("There is disc space narrowing at the L5-S1 level
    // with ...", "At the L4-5 level, ...") speaks of that level until the paragraph ends; a list
    // item stands alone.
    const opensParagraph = si === 0 || /\n\s*\n/.test(ctx.norm.slice(ctx.sentences[si - 1]!.end, sentence.start)) || sentence.section !== ctx.sentences[si - 1]!.section;
    if (opensParagraph || LIST_ITEM.test(text)) paraLevels = [];
    if (opensParagraph && !head && !LIST_ITEM.test(text)) {
      const at = PARAGRAPH_LEVEL.exec(text);
      const lv = at ? findLevels(at[1]!).flatMap((l) => l.levels) : [];
      if (lv.length && lv.every((l) => l.includes('-'))) paraLevels = sortLevels(lv);
    }
    // The study this sentence speaks of when it names none.
    const prevText = si > 0 ? ctx.norm.slice(ctx.sentences[si - 1]!.start, ctx.sentences[si - 1]!.end) : '';
    // A blank line ends a report paragraph ("FINDINGS:" of an operation is not the MRI's).
    const sameParagraph = si > 0 && !/\n\s*\n/.test(ctx.norm.slice(ctx.sentences[si - 1]!.end, sentence.start));
    // A study sentence that reports ("MRI revealed multilevel degenerative disc disease.") opens a
    // list of its findings even when what it names is no vocabulary finding.
    const prevReports = studyOfSentence[si - 1] !== undefined && ctx.mentionsIn(si - 1, 'imaging_modality').length > 0 && STUDY_REPORTS.test(prevText);
    const continues = CONTINUES.test(text) || (studyOfSentence[si - 1] !== undefined && /:\s*$/.test(prevText)) || ((prevHadFinding || prevReports) && sameParagraph && !studies.length && !/^\s*(?:he|she|the patient)\b[^.]{0,20}\b(?:apparently|reportedly)/.test(text));
    const inherited = sentence.section === 'imaging' ? carry : (continues ? studyOfSentence[si - 1] : undefined);
    const candidates = findingMentions(ctx, si);
    let had = false;
    const groups = levelGroups(text, sentence.start);
    for (const m of candidates) {
      const a = { ...ctx.assert(m, sentence, 'imaging_finding') };
      if (a.experiencer === 'other' || a.assertion === 'hypothetical') continue;
      if (a.assertion === 'present' && POST_HEDGE.test(ctx.norm.slice(m.end, sentence.end))) a.assertion = 'possible';
      const after = ctx.norm.slice(m.end, m.end + 30);
      // "extruded disk vacuum phenomenon", "disc gas": gas in a degenerated disc, not a herniation.
      if (m.concept === 'disc_herniation' && /^\s*(?:vacuum|gas)\b/.test(after)) continue;
      if (m.concept === 'fusion_hardware' && HARDWARE_QUALIFIER.test(after)) continue;
      const clause = ctx.clause(m, sentence);
      const clauseText = ctx.norm.slice(clause.start, clause.end);
      // "disc bulging or protrusion": the second word is another name for the same disc finding.
      if (a.assertion !== 'absent' && isAlternative(ctx, m, candidates)) continue;
      // "postoperative changes" are fusion changes only beside fusion words.
      if (m.concept === 'fusion_hardware' && /post-?\s?(?:operative|surgical)/.test(ctx.slice(m)) && !FUSION_WORDS.test(clauseText)) continue;
      // A study called normal; a "not normal" study is no vocabulary finding.
      if (m.concept === 'normal' && (a.assertion === 'absent' || !normalOfStudy(ctx, m, sentence, studies))) continue;
      // "negative for disc herniation" negates that finding; the study is not called normal.
      if (m.concept === 'normal' && NEGATIVE_FOR_FINDING.test(after)) continue;
      // Vessels and other organs ("55% stenosis of the left carotid") are not spine findings.
      if (NON_SPINE_FINDING.test(clauseText)) continue;
      const own = nearest(studies, m) ?? inherited;
      const named = own ?? undefined;
      // A finding no study is named for is a diagnosis, unless the paragraph is about studies.
      // The "FINDINGS" of an operation are intra-operative, not a study's.
      if (!named && sentence.section === 'imaging' && operative) continue;
      if (!named && sentence.section !== 'imaging' && !(aboutStudies(ctx, sentence.start) && REPORTED.test(text) && a.assertion !== 'possible')) continue;
      if (!named && (m.concept === 'fusion_hardware' || m.concept === 'normal') && !/\b(changes?|evident|seen|noted)\b/.test(clauseText)) continue;
      const found = levelsFor(m, groups, clause, ctx.norm);
      // A disc, canal or facet finding sits at a segment: a lone vertebra there is a root or a
      // bony landmark ("left L5 hemilaminectomy", "lateral recesses of L5"); hardware "at the L5
      // level" gives no segment either.
      const vertebraOnly = found.length > 0 && found.every((l) => !l.includes('-'));
      let levels = vertebraOnly && !['spondylolisthesis', 'fusion_hardware'].includes(m.concept) ? [] : found;
      const noFallback = vertebraOnly && m.concept === 'fusion_hardware' && found.length === 1;
      if (noFallback) levels = [];
      if (noFallback) { /* keep none */ } else if (!levels.length && /\bmultilevel|multiple levels|diffuse\b/.test(ctx.norm.slice(Math.max(clause.start, m.start - 20), m.start))) levels = [];
      else if (!levels.length && POINTS_BACK.test(text)) levels = carryLevels;
      else if (!levels.length && header.length && !/\bmultilevel\b/.test(text)) levels = header;
      else if (!levels.length && paraLevels.length && !/\bmultilevel\b/.test(text)) levels = paraLevels;
      levels = shapeLevels(m.concept, levels);
      const sizeMm = sizeOf(ctx, m, clause);
      const severity = severityOf(ctx.norm.slice(Math.max(clause.start, m.start - 40), m.start));
      const side = sideOf(ctx.norm.slice(Math.max(clause.start, m.start - 40), m.start), ctx.norm.slice(m.end, Math.min(clause.end, m.end + 25)));
      // "MRI lumbar 11/2013 (before the fusion): L3-4 and L4-5 stenosis": a study told as done before
      // an operation shows the spine the operation changed.
      const preOperative = PRE_OPERATIVE.test(ctx.norm.slice(lineStartAt(ctx.norm, m.start), m.start)) || (named !== undefined && PRE_OPERATIVE.test(lineAround(ctx.norm, named.mention.start))) || undefined;
      const targets = m.concept === 'normal' && studies.length > 1 ? studies.filter((s) => s.mention.end <= m.start) : named ? [named] : [undefined];
      for (const st of targets.length ? targets : [named]) {
        out.push({
          type: 'imaging_finding', assertion: a.assertion, historical: a.historical,
          attributes: { finding: m.concept, modality: st?.modality || undefined, levels: levels.length ? levels : undefined, sizeMm, severity, side, studyDate: st?.date || undefined, ...(preOperative ? { preOperative } : {}) },
          spans: [m], rules: [m.ruleId, ...(st ? [st.mention.ruleId] : []), ...(a.rule ? [a.rule] : [])],
          extractor: 'imaging', trigger: a.trigger?.text ?? null, section: sentence.section, study: st,
        });
      }
      had = true;
      if (levels.length) carryLevels = levels;
    }
    const lv = groups.flatMap((g) => g.levels);
    if (lv.length) carryLevels = sortLevels(lv);
    // A study named without its modality ("in agreement with preoperative imaging") holds for its own sentence only.
    const named = studies.filter((st) => st.modality);
    studyOfSentence[si] = named[named.length - 1] ?? (had && !studies.length ? inherited : undefined);
    if (named.length) carry = named[named.length - 1];
    prevHadFinding = had && !!studyOfSentence[si];
  });
  return [...mergeStudies(out), ...pendingStudies(ctx)];
}

const REPORTED_STUDY = new Set(['mri', 'ct', 'myelogram']);

/**
 * A study ordered and not yet done ("CT myelogram ordered 01/27/2026 and pending insurance review"), or
 * a study done whose report the packet does not hold ("MRI lumbar spine was done 01/09/2026; the
 * report has not reached us", "MRI L-spine 11/22/2024 - report requested, not yet received"):
 * lexicons/values/imaging-report.json. A sentence that says so without naming the study ("Despite
 * two requests we have not received the report") speaks of the study the sentence before names.
 */
function pendingStudies(ctx: ExtractionContext): FactDraft[] {
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    const text = ctx.norm.slice(sentence.start, sentence.end);
    const rule = readValue(ctx.res.values, 'imaging_report', 'after', text);
    if (!rule) return;
    const own = ctx.mentionsIn(si, 'imaging_modality').filter((m) => REPORTED_STUDY.has(m.concept) && isStudy(ctx, m, text));
    const before = si > 0 && !own.length ? ctx.mentionsIn(si - 1, 'imaging_modality').filter((m) => REPORTED_STUDY.has(m.concept) && isStudy(ctx, m, ctx.norm.slice(ctx.sentences[si - 1]!.start, ctx.sentences[si - 1]!.end))) : [];
    const m = (own.length ? own : before).at(-1);
    if (!m) return;
    const st = studyOf(ctx, m, own.length ? sentence : ctx.sentences[si - 1]!);
    out.push({
      type: 'imaging_pending', assertion: 'present',
      attributes: { modality: st.modality || undefined, studyDate: st.date || undefined, ...(rule.label === 'ordered' ? { ordered: true } : {}) },
      spans: [m, { start: sentence.start, end: sentence.end }], rules: [m.ruleId, rule.id], extractor: 'imaging.pending', section: sentence.section,
    });
  });
  return out;
}

const DISC_FINDINGS = new Set(['disc_bulge', 'disc_herniation']);
function isAlternative(ctx: ExtractionContext, m: Mention, candidates: Mention[]): boolean {
  if (!DISC_FINDINGS.has(m.concept)) return false;
  const prev = candidates.filter((c) => c.end <= m.start).pop();
  if (!prev || !DISC_FINDINGS.has(prev.concept) || prev.concept === m.concept) return false;
  return /^\s*(?:or|versus|vs\.?|and\/or)\s+(?:(?:a|an|small|mild|minimal|focal|broad-based|broad|central|shallow|subtle)\s+)*$/.test(ctx.norm.slice(prev.end, m.start));
}

function findingMentions(ctx: ExtractionContext, si: number): Mention[] {
  return [
    ...ctx.mentionsIn(si, 'imaging_finding'),
    ...ctx.mentionsIn(si, 'diagnosis').filter((d) => DX_TO_FINDING[d.concept]).map((d) => ({ ...d, concept: DX_TO_FINDING[d.concept]! })),
  ].filter((m) => CONTRACT_FINDINGS.has(m.concept)).sort((x, y) => x.start - y.start);
}

/** A modality mention that is a spine or electrodiagnostic study (not a comparison, not another body part). */
function isStudy(ctx: ExtractionContext, m: Mention, sentenceText: string): boolean {
  if (/^\s*comparison\b/.test(sentenceText)) return false;
  if (m.concept === 'bone_scan') return false;
  const around = ctx.norm.slice(Math.max(0, m.start - 30), m.end + 40);
  if (m.concept === 'emg') return true;
  if (NON_SPINE.test(around) && !SPINE.test(around)) return false;
  // Films taken during the operation ("intraoperative x-ray", "a final x-ray confirming the
  // hardware") are intra-procedural images, not studies (annotation §4.11).
  if (INTRAOPERATIVE_BEFORE.test(ctx.norm.slice(Math.max(0, m.start - 40), m.start)) || INTRAOPERATIVE_SENTENCE.test(sentenceText)) return false;
  // "CT of the orbits ..., otherwise normal CT scan": the sentence is about another body part.
  return !(NON_SPINE.test(sentenceText) && !SPINE.test(sentenceText));
}

function studyOf(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number }): Study {
  const around = ctx.norm.slice(Math.max(sentence.start, m.start - 25), Math.min(sentence.end, m.end + 35));
  const region = /\b(cervical|c-spine)\b/.test(around) ? 'C' : /\b(thoracic|t-spine)\b/.test(around) ? 'T' : /\b(lumbar|lumbosacral|l-spine|l-s)\b/.test(around) ? 'L' : '';
  let date = findDates(ctx.norm.slice(Math.max(sentence.start, m.start - 40), Math.min(sentence.end, m.end + 40)))[0]?.iso ?? '';
  // "He was MRI'ed at that time": the date is the last one the paragraph gave before.
  if (!date && AT_THAT_TIME.test(ctx.norm.slice(sentence.start, sentence.end))) {
    const para = Math.max(ctx.norm.lastIndexOf('\n\n', sentence.start), sentence.start - 600, 0);
    const dates = findDates(ctx.norm.slice(para, sentence.start));
    date = dates[dates.length - 1]?.iso ?? '';
  }
  // "imaging study", "preoperative imaging": a study whose modality the note does not say.
  return { modality: m.concept === 'study' ? '' : m.concept, region, date, mention: m };
}

function nearest(studies: Study[], m: Mention): Study | undefined {
  return [...studies].reverse().find((s) => s.mention.end <= m.start) ?? studies[0];
}

/** "normal"/"negative"/"unremarkable" said of a study. */
function normalOfStudy(ctx: ExtractionContext, m: Mention, sentence: { start: number; end: number; section: string }, studies: Study[]): boolean {
  const lit = ctx.slice(m);
  const text = ctx.norm.slice(sentence.start, sentence.end);
  // "normal central canal", "normal alignment": per-level anatomy, not a normal study.
  if (/^\s*(?:[a-z]+\s+){0,2}(canal|foram\w*|facets?|alignment|disc height|signal|lordosis|curvature|marrow|conus|cord)/.test(ctx.norm.slice(m.end, m.end + 30)) && !/study|scan|mri|ct/.test(lit)) return false;
  const st = nearest(studies, m);
  if (st) {
    // The study itself is normal, not its parameters ("latencies ... are normal").
    const between = st.mention.end <= m.start ? ctx.norm.slice(st.mention.end, m.start) : ctx.norm.slice(m.end, st.mention.start);
    return between.length < 90 && !STUDY_PARTS.test(between);
  }
  return sentence.section === 'imaging' && /^\s*(?:(?:essentially|otherwise|overall|study|exam|impression:?)\s+)*(?:normal|unremarkable|negative)(?:\s+(?:study|exam|examination|mri|ct))?\.?\s*$/.test(text);
}

/** The paragraph around a sentence talks about studies (outside reports, films). */
function aboutStudies(ctx: ExtractionContext, pos: number): boolean {
  const a = ctx.norm.lastIndexOf('\n\n', pos);
  const b = ctx.norm.indexOf('\n\n', pos);
  const para = ctx.norm.slice(a < 0 ? 0 : a, b < 0 ? ctx.norm.length : b);
  return /\b(mri|mris|ct|myelogram|x-?rays?|radiographs?|films|imaging|scans?)\b/.test(para);
}

interface Group { start: number; end: number; levels: string[]; kind: LevelMatch['kind'] }

/** Level groups of a sentence, without nerve roots ("the traversing S1 root", "L5 radiculopathy"). */
function levelGroups(text: string, offset: number): Group[] {
  const out: Group[] = [];
  for (const g of findLevels(text)) {
    if (g.kind === 'medial_branch') continue;
    const after = text.slice(g.end, g.end + 30);
    const before = text.slice(Math.max(0, g.start - 30), g.start);
    let levels = g.levels;
    const singles = levels.every((l) => !l.includes('-'));
    // "L4 on L5", "L4 anterior spondylolisthesis", "anterolisthesis of L5": the slip's segment.
    const slipAfter = /^\s*(?:\w+\s+){0,2}(?:spondylolisthesis|anterolisthesis|retrolisthesis|listhesis)|^\s*(?:on|over)\s+[ls]\d/.test(after);
    const slipBefore = /(?:listhesis)\s+(?:of\s+)?$/.test(before);
    if (singles && (slipAfter || slipBefore)) {
      const on = /^\s*(?:on|over)\s+([ls]\d)/.exec(after);
      levels = on ? [`${levels[0]}-${on[1]!.toUpperCase()}`] : levels.map(toSegment);
    } else if (singles && (/^\s*(?:nerve\s+)?(?:roots?|radicul\w*|distribution|dermatom\w*|vertebral body)/.test(after) || /(?:exiting|traversing|descending|right|left)\s+$/.test(before) && /^\s*(?:and\s+[ls]\d\s+)?(?:nerve\s+)?roots?/.test(after))) {
      continue;
    } else if (/^\s*(?:and\s+(?:[ls]\d\s+)?)?(?:nerve\s+)?roots?\b/.test(after)) {
      continue;
    }
    // "S1" right after a segment list item already covered ("L5-S1 ... S1 root") is a root.
    out.push({ start: offset + g.start, end: offset + g.end, levels, kind: g.kind });
  }
  return out;
}

/** The nearest level group of a finding inside its clause; a group after the finding counts only in its own comma-chunk. */
function levelsFor(m: Mention, groups: Group[], clause: { start: number; end: number }, norm: string): string[] {
  const inClause = groups.filter((g) => g.start >= clause.start && g.end <= clause.end);
  if (!inClause.length) return [];
  const before = inClause.filter((g) => g.end <= m.start);
  const after = inClause.filter((g) => g.start >= m.end);
  const b = before[before.length - 1];
  const a = after[0];
  return sortLevels((pick(m, b, a, norm) ?? { levels: [] }).levels);
}

function pick(m: Mention, b: Group | undefined, a: Group | undefined, norm: string): Group | undefined {
  // Distances in characters; a group after the finding must sit in the same comma-chunk.
  // "..., particularly at C5-6 and C6-7": a closing qualifier gives its levels to the findings before it.
  const aOk = a && (!/[,;]/.test(norm.slice(m.end, a.start)) || (!/[;]/.test(norm.slice(m.end, a.start)) && LEVEL_QUALIFIER.test(norm.slice(m.end, a.start)))) ? a : undefined;
  if (b && aOk) return m.start - b.end <= aOk.start - m.end ? b : aOk;
  return aOk ?? b;
}

/** Vertebrae become segments: a slip's level is its segment; hardware spans its screws' vertebrae. */
function shapeLevels(finding: string, levels: string[]): string[] {
  const segs = levels.filter((l) => l.includes('-'));
  const singles = levels.filter((l) => !l.includes('-'));
  if (finding === 'spondylolisthesis') return sortLevels([...segs, ...singles.map(toSegment)]);
  if (finding === 'fusion_hardware' && singles.length >= 2 && !segs.length) return spanSegments(singles);
  // A disc, canal or facet finding sits at a segment; a lone vertebra beside segments is a root.
  return sortLevels(segs.length ? segs : singles);
}

function spanSegments(vs: string[]): string[] {
  const sorted = sortLevels(vs);
  const out: string[] = [];
  let cur = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  for (let i = 0; i < 10 && cur !== last; i++) {
    const nx = NEXT[cur];
    if (!nx) break;
    out.push(`${cur}-${nx}`);
    cur = nx;
  }
  return out;
}

function sizeOf(ctx: ExtractionContext, m: Mention, clause: { start: number; end: number }): number | undefined {
  const before = ctx.norm.slice(Math.max(clause.start, m.start - 30), m.start);
  const after = ctx.norm.slice(m.end, Math.min(clause.end, m.end + 50));
  const b = SIZE_BEFORE.exec(before);
  // "8 mm central canal ... stenosis": a diameter, not the finding's size.
  const s = b && !/canal|diameter|foramen|foramina/.test(before.slice(b.index)) ? b : SIZE_AFTER.exec(after);
  if (!s) return undefined;
  return Number(s[1]) * (s[2] === 'cm' ? 10 : 1);
}

/** One fact per study (modality, region, date), finding and assertion, with the union of levels. */
function mergeStudies(out: (FactDraft & { study?: Study })[]): FactDraft[] {
  // A study without a region takes the region of the study of the same modality it sits beside.
  const key = (d: FactDraft & { study?: Study }) => {
    const st = d.study;
    const lv = (d.attributes.levels as string[] | undefined) ?? [];
    const region = st?.region || (lv[0] ? lv[0][0]! : '');
    return `${d.assertion}|${d.attributes.finding}|${st?.modality ?? ''}|${region === 'S' ? 'L' : region}|${st?.date ?? ''}`;
  };
  // Regions and dates unknown on one mention merge into the only known study of that modality.
  const keys = out.map(key);
  const merged = mergeByKey(out.map((d, i) => ({ ...d, k: keys[i] })) as FactDraft[], (d) => relax((d as FactDraft & { k: string }).k, keys));
  for (const d of merged) {
    const k = relax((d as FactDraft & { k: string }).k, keys);
    const all = out.filter((_, i) => relax(keys[i]!, keys) === k).flatMap((o) => (o.attributes.levels as string[] | undefined) ?? []);
    d.attributes.levels = all.length ? sortLevels(all) : undefined;
    const parts = out.filter((_, i) => relax(keys[i]!, keys) === k);
    const size = parts.map((o) => o.attributes.sizeMm).find((x) => x !== undefined);
    d.attributes.sizeMm = size;
    // The grade holds for the merged finding only when every mention gives the same one; the levels
    // every mention there grades mild stay known ("mild at L4-5, severe at L3-4").
    const grades = new Set(parts.map((o) => o.attributes.severity));
    d.attributes.severity = grades.size === 1 ? parts[0]!.attributes.severity : undefined;
    // The side the mentions name (a restatement without one is less specific, not another side);
    // left and right make both.
    const sides = new Set(parts.map((o) => o.attributes.side).filter((x) => x !== undefined));
    d.attributes.side = sides.size === 0 ? undefined : sides.size === 1 ? [...sides][0] : 'bilateral';
    if (grades.size > 1) {
      const mild = sortLevels([...new Set(parts.flatMap((o) => (o.attributes.levels as string[] | undefined) ?? []))]
        .filter((l) => parts.every((o) => !((o.attributes.levels as string[] | undefined) ?? []).includes(l) || o.attributes.severity === 'mild')));
      d.attributes.mildLevels = mild.length ? mild : undefined;
    }
    delete (d as FactDraft & { k?: string; study?: Study }).k;
    delete (d as FactDraft & { study?: Study }).study;
  }
  // A finding without a study merges into a named study's fact with the same finding and assertion.
  return merged.filter((d) => d.attributes.modality !== undefined || !merged.some((o) => o !== d && o.attributes.modality !== undefined &&
    o.attributes.finding === d.attributes.finding && o.assertion === d.assertion && absorb(o, d)));
}

function absorb(into: FactDraft, d: FactDraft): boolean {
  into.spans.push(...d.spans);
  const lv = [...((into.attributes.levels as string[] | undefined) ?? []), ...((d.attributes.levels as string[] | undefined) ?? [])];
  into.attributes.levels = lv.length ? sortLevels(lv) : undefined;
  return true;
}

/** Unknown region/date parts of a key fall back to the one known variant of that modality. */
function relax(k: string, keys: string[]): string {
  const [as, f, mod, region, date] = k.split('|');
  const peers = keys.map((x) => x.split('|')).filter((p) => p[0] === as && p[1] === f && p[2] === mod);
  let r = region!, d = date!;
  if (!r) { const rs = [...new Set(peers.map((p) => p[3]).filter(Boolean))]; if (rs.length === 1) r = rs[0]!; }
  if (!d) { const ds = [...new Set(peers.filter((p) => !r || p[3] === r || !p[3]).map((p) => p[4]).filter(Boolean))]; if (ds.length === 1) d = ds[0]!; }
  return [as, f, mod, r, d].join('|');
}

const NEXT: Record<string, string> = { L1: 'L2', L2: 'L3', L3: 'L4', L4: 'L5', L5: 'S1', T12: 'L1', C2: 'C3', C3: 'C4', C4: 'C5', C5: 'C6', C6: 'C7', C7: 'T1', S1: 'S2' };
function toSegment(level: string): string {
  return NEXT[level] ? `${level}-${NEXT[level]}` : level;
}
