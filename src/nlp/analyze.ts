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
import type { NlpDoc } from './types.ts';
import { blankUncheckedOptions, dropUncheckedMentions } from './checkboxes.ts';

export function analyze(doc: Doc, res: Resources): NlpDoc {
  const sections = detectSections(doc, res);
  const sentences = splitRunOns(splitSentences(doc, sections), doc.norm, res.values);
  const mentions = dropUncheckedMentions(scanMentions(getScanner(res), doc.norm, 0, doc.norm.length, doc.text), doc.norm);
  // What an unchecked option says is no value either ("SLR: [ ] + L  [ ] + R  [X] neg bilat"): the
  // extractors read the folded view with those options blanked (same length, offsets unchanged).
  const read = blankUncheckedOptions(doc.norm);
  return { doc: read === doc.norm ? doc : { ...doc, norm: read }, sections, sentences, mentions, noteDate: findNoteDate(doc) };
}
