/**
 * tesseract `--user-words` / `--user-patterns` built at run time from the lexicons (read only):
 * the words the extractors look for, in the cases notes write them, and the shapes of the tokens a
 * review rests on. Measured on the 17 faxed samples (README "OCR engines compared"): facts F1
 * 0.769 → 0.775, flags F1 0.756 → 0.800, recall of codes/levels/dates 0.551 → 0.595, same CPU.
 */
import { lexiconVocabulary } from './ocr-repair.ts';

/** Lexicon words of 3+ letters as written lower case, Capitalized and UPPER CASE, sorted. */
export function lexiconUserWords(): string[] {
  const out = new Set<string>();
  for (const w of lexiconVocabulary().words) {
    if (w.length < 3) continue;
    out.add(w);
    out.add(w[0]!.toUpperCase() + w.slice(1));
    out.add(w.toUpperCase());
  }
  return [...out].sort();
}

/**
 * tesseract pattern syntax (\d digit, \A upper-case letter): spinal levels, ICD-10 and CPT codes,
 * dates, pain scores and percentages.
 */
export const OCR_USER_PATTERNS: readonly string[] = [
  'L\\d-\\d', 'L\\d-S\\d', 'L\\d-L\\d', 'L\\d', 'S\\d', 'T\\d\\d-L\\d',
  '\\A\\d\\d.\\d', '\\A\\d\\d.\\d\\d', '\\A\\d\\d.\\d\\d\\d', '\\A\\d\\d.\\d\\d\\d\\A',
  '\\d\\d\\d\\d\\d', '\\d\\d\\d\\d\\d-\\d\\d',
  '\\d\\d/\\d\\d/\\d\\d\\d\\d', '\\d/\\d\\d/\\d\\d\\d\\d', '\\d\\d/\\d/\\d\\d\\d\\d', '\\d\\d\\d\\d-\\d\\d-\\d\\d',
  '\\d/10', '\\d\\d%', '\\d\\d\\d%',
];
