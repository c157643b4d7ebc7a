/** Imaging that does not support the level to be treated, or shows another generator there. */
import { alternativeGenerators, concordantFindings } from '../checks/technique.ts';
import { flag, isFacetRequest, levelText, pretty, type FlagDetector } from './types.ts';

const STUDY = new Set(['mri', 'ct', null]);

export const imagingNotConcordant: FlagDetector = {
  code: 'IMAGING_NOT_CONCORDANT', severity: 'major', scope: 'case',
  detect({ case: c }) {
    const out = [];
    const studies = c.imaging.filter((i) => STUDY.has(i.modality));
    for (const r of c.requests) {
      if (r.family === 'esi' && studies.length && !concordantFindings(c, r).length && !c.imagingPending.length) {
        out.push(flag(this.code, this.severity,
          `Imaging shows no compression, herniation or stenosis at or beside ${levelText(r)}: confirm the level to be injected against the MRI/CT or provide the imaging that supports it.`,
          [...studies.flatMap((i) => i.factIds), ...r.factIds]));
      }
      // Facet requests: only another generator at the target counts. No facet policy requires
      // imaging to show facet disease (imaging does not predict facet pain; FJ-4 / Aetna ask
      // imaging to exclude other causes), so "no facet derangement" is not discordance (seed 003).
      if (isFacetRequest(r)) {
        const alt = alternativeGenerators(c, r);
        if (alt.length) {
          out.push(flag(this.code, this.severity,
            `Imaging shows ${alt.map((a) => `${pretty(a.finding)} at ${a.levels.join(', ')}`).join('; ')} at the facet level to be treated: document why the facet joint rather than that finding is the pain generator.`,
            [...alt.flatMap((a) => a.factIds), ...r.factIds]));
        }
      }
    }
    return out;
  },
};
