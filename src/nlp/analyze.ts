/**
 * The NLP pipeline over one Doc: sections → sentences → dictionary mentions.
 * Each component is a pure function of the Doc and the frozen Resources.
 */
import type { Doc } from '../model/doc.ts';
import type { Resources } from '../resources.ts';
import { getScanner, scanMentions } from './lexicon/scanner.ts';
import { detectSections } from './sections.ts';
import { splitSentences } from './sentences.ts';
import { splitRunOns } from './run-on.ts';
import { findNoteDate } from './note-date.ts';
import type { Mention, NlpDoc, Sentence } from './types.ts';
import { blankUncheckedOptions, dropUncheckedMentions } from './checkboxes.ts';

export function analyze(doc: Doc, res: Resources): NlpDoc {
  const sections = detectSections(doc, res);
  const mentions = dropScoreReferences(dropToldSessions(dropFormRfa(dropUncheckedMentions(scanMentions(getScanner(res), doc.norm, 0, doc.norm.length, doc.text), doc.norm), doc.norm)), doc.norm);
  // What an unchecked option says is no value either ("SLR: [ ] + L  [ ] + R  [X] neg bilat"): the
  // extractors read the folded view with those options blanked (same length, offsets unchanged).
  const read = blankUncheckedOptions(doc.norm);
  // (A question's answer is the option checked: "session?  [ ] Yes  [X] No" reads "[X] No".)
  const sentences = joinAnsweredQuestions(joinCheckedAnswers(joinAcrossMentions(splitRunOns(splitSentences(doc, sections), doc.norm, res.values), mentions), doc.norm), read);
  return { doc: read === doc.norm ? doc : { ...doc, norm: read }, sections, sentences, mentions, noteDate: findNoteDate(doc) };
}

/**
 * A term the dictionary found across a line the splitter broke ("Procedure requested: RIGHT L5-S1
 * transforaminal epidural steroid\n  injection (right L5 nerve root)"): one sentence, when both
 * halves sit in one section.
 */
function joinAcrossMentions(sentences: Sentence[], mentions: readonly Mention[]): Sentence[] {
  let k = 0;
  return joinWhere(sentences, (prev, s) => {
    // (Mentions do not overlap and come in order: the first that ends past this sentence's start.)
    while (k < mentions.length && mentions[k]!.end <= s.start) k++;
    const m = mentions[k];
    return m !== undefined && m.start < s.start && m.start >= prev.start;
  });
}

/**
 * A form's label that ends in a colon and the option checked under it ("Plan if this block is
 * positive (>= 80% relief):" / "[X] 2nd confirmatory MBB, then radiofrequency ablation"): one
 * statement, so the label's words (a condition, a plan) govern the answer.
 */
const CHECKED_START = /^\s*[[(]\s*[x\u2713\u2714\u2612]\s*[\])]/;
function joinCheckedAnswers(sentences: Sentence[], norm: string): Sentence[] {
  return joinWhere(sentences, (prev, s) => /:\s*$/.test(norm.slice(prev.start, prev.end)) && CHECKED_START.test(norm.slice(s.start, s.end)) &&
    !norm.slice(prev.end, s.start).includes('\n\n'));
}

/**
 * A form's question and its answer no ("Other invasive pain procedure (ESI, SI, TPI) planned same
 * session?  [X] No", "Sedation/anesthesia?": NO"): one statement, so the answer governs what the
 * question names (ctx.neg.answered_no). The answer follows on the question's line. (A "yes" answer
 * is left apart: "Prior facet injection or MBB at same level(s)?  [X] Yes  Date: 01/15/2026" names
 * alternatives, and its date is no date of both.)
 */
const ANSWER_START = /^(?:[\s"':=-]|[[(]\s?[x\u2713\u2714]?\s?[\])]){0,80}(?:no|n|none)\b/;
function joinAnsweredQuestions(sentences: Sentence[], norm: string): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (!prev || prev.section !== s.section || !/\?["']?\s*$/.test(norm.slice(prev.start, prev.end)) || norm.slice(prev.end, s.start).includes('\n') ||
        !ANSWER_START.test(norm.slice(prev.end, s.end))) { out.push(s); continue; }
    // The question is its own line ("home exercises, chiropractic ... - no lasting relief\nFormal
    // physical therapy completed?  [X] No"): what the lines before it say is no part of it, unless the
    // question's line goes on an indented one ("... planned same\n    session?  [X] No").
    const qEnd = norm.lastIndexOf('?', prev.end);
    let lineStart = norm.lastIndexOf('\n', qEnd) + 1;
    while (lineStart > prev.start && /^[ \t]{2,}\S/.test(norm.slice(lineStart, qEnd))) lineStart = norm.lastIndexOf('\n', lineStart - 2) + 1;
    if (lineStart > prev.start) {
      out[out.length - 1] = { ...prev, end: lineStart - 1 };
      out.push({ start: lineStart, end: s.end, section: s.section });
    } else out[out.length - 1] = { ...prev, end: s.end };
  }
  return out;
}

/** Adjacent sentences of one section that `join` says are one statement become one (in order, once each). */
function joinWhere(sentences: readonly Sentence[], join: (prev: Sentence, s: Sentence) => boolean): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (prev && prev.section === s.section && join(prev, s)) out[out.length - 1] = { ...prev, end: s.end };
    else out.push(s);
  }
  return out;
}

/** A score's point of reference ("pain 2/10 (was 8/10 before RFA)", "NRS 3 vs 7 pre-ESI"): the procedure is named again, not told. */
const SCORE_BEFORE = /\d{1,2}(?:\s{0,2}\/\s{0,2}10)?\s{1,2}(?:before|prior\s+to|pre-?)\s{0,2}(?:(?:the|her|his|this|that|last)\s+)?$/;
function dropScoreReferences(mentions: Mention[], norm: string): Mention[] {
  // (Only when the document names that procedure before: "RN call: leg pain 3/10 (was 8 pre-ESI)" is
  // the call's one word for the session.)
  return mentions.filter((m) => m.category !== 'procedure' || !SCORE_BEFORE.test(norm.slice(Math.max(0, m.start - 24), m.start)) ||
    !mentions.some((o) => o.category === 'procedure' && o.concept === m.concept && o.end <= m.start));
}

/**
 * "The injection", "the block" stand for a session only in a document that names no procedure (a
 * nurse's call, a portal message): where one is named ("Diary from that block reviewed"), they are
 * words about it and must not take its relief.
 */
const SESSION_TOLD = 'lex.proc.generic_session_told';
function dropToldSessions(mentions: Mention[]): Mention[] {
  if (!mentions.some((m) => m.ruleId === SESSION_TOLD)) return mentions;
  const named = mentions.some((m) => m.category === 'procedure' && m.concept !== 'injection_generic');
  return named ? mentions.filter((m) => m.ruleId !== SESSION_TOLD) : mentions;
}

/** "RFA for", "RFA to request", "RFA requesting": what follows is what the form asks for. */
const RFA_FOR = /^\s{1,3}(?:for|to\s+request|requesting)\s/;
/** The workers' comp progress report named right after: "RFA  (X) PR-2", "RFA, PR-2". */
const BESIDE_PR2 = /^[\s()[\]x✓✔,;&+/-]{0,12}(?:and\s+)?pr-?2\b/;
const ABLATION_WORD = /\b(?:ablation|neurotomy|denervation|rhizotomy|radiofrequency|radio-frequency|lesioning)\b/;
/** The DWC Request for Authorization named as a form somewhere in the document. */
const DWC_FORM = /\b(?:dwc\s{0,2}(?:form\s{0,2})?rfa|form\s{1,2}rfa|request\s{1,2}for\s{1,2}authori[sz]ation)\b/;
/** Words around a bare "RFA" that make it an ablation: the ablation's names, facet targets, levels, a session. */
const ABLATION_CONTEXT = /\b(?:ablation|neurotomy|denervation|rhizotomy|radiofrequency|radio-frequency|lesioning|rf|facets?|medial\s{1,2}branch(?:es)?|mbbs?|dorsal\s{1,2}rami|l[1-5]\s{0,2}[-/]\s{0,2}(?:l?[1-5]|s1)|64635|64636|repeat\s{1,2}rfa|prior\s{1,2}rfa|post[- ]?rfa|pre[- ]?rfa|s\/p\s{1,2}rfa)\b/;

/**
 * "Plan: RFA for repeat right L4-5 and L5-S1 TFESI": in workers' comp the abbreviation names the DWC
 * Request for Authorization form when another procedure is what it is "for" in the same clause; no
 * ablation is asked for.
 */
function dropFormRfa(mentions: Mention[], norm: string): Mention[] {
  const formNamed = DWC_FORM.test(norm);
  return mentions.filter((m) => {
    if (m.concept !== 'radiofrequency_ablation' || norm.slice(m.start, m.end) !== 'rfa') return true;
    // A checklist of workers' comp forms: "(X) RFA  (X) PR-2  (X) Procedure report".
    if (BESIDE_PR2.test(norm.slice(m.end, m.end + 16))) return false;
    // Where the DWC form is named, a bare "RFA" with nothing of an ablation around it is the form:
    // "Enclosed: RFA, pain management consultation, PR-2 ...", "RFA faxed to the adjuster 08/12".
    if (formNamed) {
      const lineStart = norm.lastIndexOf('\n', m.start) + 1;
      const lineEnd = norm.indexOf('\n', m.end) < 0 ? norm.length : norm.indexOf('\n', m.end);
      if (!ABLATION_CONTEXT.test(norm.slice(Math.max(lineStart, m.start - 100), Math.min(lineEnd, m.end + 100)))) return false;
    }
    if (!RFA_FOR.test(norm.slice(m.end, m.end + 16))) return true;
    const stop = norm.slice(m.end, m.end + 80).search(/[.;\n]/);
    const clauseEnd = m.end + (stop < 0 ? 80 : stop);
    if (ABLATION_WORD.test(norm.slice(m.end, clauseEnd))) return true;
    return !mentions.some((o) => o !== m && o.category === 'procedure' && o.concept !== 'radiofrequency_ablation' && o.start >= m.end && o.end <= clauseEnd);
  });
}

