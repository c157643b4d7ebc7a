/**
 * A polyneuropathy named as the cause of numbness or of sensory and reflex findings ("his PCP
 * attributes this to diabetic neuropathy", "the foot numbness and absent ankle reflexes are from the
 * neuropathy, not a lumbar root"): shared by the symptom and exam readers. The whole-note tests are
 * kept for the last note read, since each reader asks them per mention.
 */

/** The cause phrase: "due to / attributed to / consistent with ... (poly)neuropathy". */
export const NEUROPATHY_CAUSE = /\b(?:related to|due to|secondary to|caused by|because of|attribut\w*(?:\s+(?:this|these|it|them))?\s+to|attributable to|from|consistent with|explained by)\s+(?:(?:his|her|their|the|a|known|peripheral|diabetic|chronic|length-?dependent)\s+){0,3}(?:poly)?neuropath/;

/** Numbness, sensory loss or reflex changes put down to a neuropathy ("... are from the neuropathy"). */
const FINDINGS_EXPLAINED = new RegExp(
  `\\b(?:numb\\w*|sensory|sensation|reflex\\w*|paresthes\\w*|burning|stocking)\\b[^.;]{0,80}?(?:\\b(?:are|is)\\s+(?:(?:his|her|their|the|a|known|peripheral|diabetic|chronic|length-?dependent)\\s+){0,3}(?:poly)?neuropath|${NEUROPATHY_CAUSE.source})`,
);

function lastOf(test: (norm: string) => boolean): (norm: string) => boolean {
  let norm: string | undefined;
  let answer = false;
  return (n) => {
    if (n !== norm) { norm = n; answer = test(n); }
    return answer;
  };
}

/** Does the note name a neuropathy as the cause of something anywhere? */
export const noteNamesNeuropathyCause = lastOf((norm) => NEUROPATHY_CAUSE.test(norm));
/** Does the note put numbness, sensory or reflex findings down to a neuropathy? */
export const noteExplainsFindingsByNeuropathy = lastOf((norm) => FINDINGS_EXPLAINED.test(norm));
