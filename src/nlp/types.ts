import type { Doc, Span } from '../model/doc.ts';

export interface Section {
  /** Category id from lexicons/sections.json (hpi, exam, imaging, assessment, plan, ...). */
  category: string;
  title: Span | null;
  body: Span;
  ruleId: string;
}

export interface Sentence extends Span {
  /** Category of the section the sentence sits in ('unknown' before any header). */
  section: string;
}

export interface Mention extends Span {
  /** Lexicon entry id, e.g. `lex.proc.tfesi`. */
  ruleId: string;
  concept: string;
  category: string;
  /** Extra data the lexicon entry carries (e.g. a generic name for a brand). */
  attrs?: Readonly<Record<string, string | number | boolean>>;
}

export interface NlpDoc {
  doc: Doc;
  sections: Section[];
  sentences: Sentence[];
  mentions: Mention[];
  /** ISO date of the note (date of service / visit), when the note states it. */
  noteDate: string | null;
  /** In a packet, the date an undated document is read as of (the packet's date): durations only ("since early 2024"). */
  asOfDate?: string;
  /** In a packet, the document this NlpDoc is: its type and how it states procedures (src/nlp/segments.ts). */
  segment?: { type: string; role: 'request' | 'performed' | 'billing' | 'narrative' };
}
