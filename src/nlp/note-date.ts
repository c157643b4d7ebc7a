/**
 * The note's own date (date of service/visit/procedure/report), the reference for "since March",
 * for historical vs planned procedures and for the 12-month windows of the criteria.
 */
import type { Doc } from '../model/doc.ts';
import { findDates } from './values/dates.ts';

/** A date label followed by the date, e.g. "Date of Service: 09/22/2014", "DOS 3/14/23". */
const LABELED = /\b(?:date of (?:(?:this|the)\s+)?(?:service|visit|exam(?:ination)?|procedure|evaluation|consultation|report|encounter|request)|dos|visit date|service date|exam date|procedure date|report date|encounter(?: date)?(?=[ \t]{0,3}:)|date\/time|date and time|date(?![a-z]))\s*[:#-]?\s*([a-z0-9][a-z0-9 ,./-]{5,24})/g;
/** "follow-up report dated September 22, 2014". */
const DATED = /\b(?:dated|seen(?:\s+on)?|evaluated on|visit on|seen today,?)\s+([a-z0-9][a-z0-9 ,./-]{5,24})/g;
/** A dictation's own date: "Dictation - follow-up - 03/10/2026 - R. Quintero-Hess MD", "Dictated 03/10/2026". */
const DICTATED = /\bdictat(?:ion|ed)\b[^\n\d]{0,30}?(\d{1,2}\/\d{1,2}\/\d{2,4})/g;

/** A document's title line near the top with its date on it: "Progress Note: K. Amburgey, MD      12/16/2025", "MyChart message   Received 03/02/2026 7:15 PM". */
/** A head line's bare "Visit 02/17/2026" (near the top only: deeper, it may be another document's). */
const HEAD_VISIT = /\bvisit[ \t]{0,3}[:#-]?[ \t]{0,3}(\d{1,2}\/\d{1,2}\/\d{2,4})/g;

const TITLED = /^[^\n]{0,60}?\b(?:progress note|office (?:visit|note)|clinic (?:note|visit)|follow[- ]?up (?:visit|note)|consult(?:ation)? note|visit note|soap note|procedure note|operative (?:note|report)|telephone (?:encounter|note|call)|phone (?:note|call)|nurse (?:call|note|visit|triage)|(?:mychart|my chart|patient portal|portal|secure|patient) message)\b[^\n]{0,60}?(\d{1,2}\/\d{1,2}\/\d{2,4})/gm;

/** A line that names another document before its "dated ...": a denial, notice, determination, reference. */
const OTHER_DOCUMENT = /\b(?:denial|notice|determination|decision|reference|ref\.?|letter|authorization|request|report|mri|ct|x-?ray|study)\b/;

/** A visit entry's head line: its date, then what the visit was. */
const VISIT_ENTRY = /^[ \t]{0,3}(\d{1,2}\/\d{1,2}\/\d{2,4})[ \t]{0,3}[-\u2013:][ \t]{0,3}(?:new\s+(?:patient|consult)|consult\w*|f\/u|follow[- ]?up|(?:office\s+)?visit|return\s+visit|recheck|re-?eval\w*|post[- ]?(?:procedure|injection|block|op)|telephone|phone\s+call|nurse\s+call)\b/gm;

export function findNoteDate(doc: Doc): string | null {
  // A letter is dated by its date line above the salutation, not by the claim's "DOS" or the
  // "ADR dated ..." its subject cites.
  const line = letterDateLine(doc);
  if (line && SALUTATION.test(doc.norm.slice(line.end, line.end + 1200))) return line.iso;
  for (const re of [LABELED, DATED, DICTATED, TITLED, HEAD_VISIT]) {
    re.lastIndex = 0;
    for (let m = re.exec(doc.norm); m; m = re.exec(doc.norm)) {
      if ((re === TITLED || re === HEAD_VISIT) && m.index > LETTER_HEAD) break;
      const at = re === TITLED || re === HEAD_VISIT ? m.index + m[0].length - m[1]!.length : m.index;
      if (/\b(of birth|dob|injury|doi|requested|planned|scheduled)\b/.test(doc.norm.slice(Math.max(0, at - 12), at + 14))) continue;
      // "Denial reference: PRE-26-0203-88152, dated February 3, 2026": another document's date.
      if (re === DATED && OTHER_DOCUMENT.test(doc.norm.slice(doc.norm.lastIndexOf('\n', at) + 1, at))) continue;
      const d = findDates(m[1]!)[0];
      if (d && d.precision === 'day') return d.iso;
    }
  }
  // Office notes kept as dated visit entries ("09/16/2025 - new consult", "11/18/2025 - f/u after MBB #2"):
  // the latest entry's date.
  let latest: string | null = null;
  VISIT_ENTRY.lastIndex = 0;
  for (let m = VISIT_ENTRY.exec(doc.norm); m; m = VISIT_ENTRY.exec(doc.norm)) {
    const d = findDates(m[1]!)[0];
    if (d && d.precision === 'day' && (latest === null || d.iso > latest)) latest = d.iso;
  }
  if (latest) return latest;
  return letterDateLine(doc)?.iso ?? null;
}

const SALUTATION = /^\W{0,3}(?:dear\b|to whom it may concern)/m;

/** A letter's date line: a line near the top that is a date and nothing else ("December 12, 2025"). */
function letterDateLine(doc: Doc): { iso: string; end: number } | null {
  let at = 0;
  for (const line of doc.norm.slice(0, LETTER_HEAD).split('\n')) {
    const t = line.trim();
    const d = t.length >= 6 && t.length <= 24 ? findDates(t)[0] : undefined;
    if (d && d.precision === 'day' && d.start === 0 && d.end >= t.replace(/[.,]$/, '').length) return { iso: d.iso, end: at + line.length };
    at += line.length + 1;
  }
  return null;
}

/** How far into a document its letter date line may stand (after a letterhead of a few lines). */
const LETTER_HEAD = 600;
