/** Imaging that does not support the level to be treated, or shows another generator there. */
import { alternativeGenerators, concordantFindings } from '../checks/technique.ts';
import { levelsOverlap } from '../../case/levels.ts';
import { flag, isFacetRequest, levelText, pretty, type FlagDetector } from './types.ts';

const STUDY = new Set(['mri', 'ct', null]);

export const imagingNotConcordant: FlagDetector = {
  code: 'IMAGING_NOT_CONCORDANT', severity: 'major', scope: 'case',
  detect({ case: c }) {
    const out = [];
    const studies = c.imaging.filter((i) => STUDY.has(i.modality));
    for (const r of c.requests) {
      if (r.family === 'esi' && studies.length && !concordantFindings(c, r).length) {
        out.push(flag(this.code, this.severity,
          `Imaging shows no compression, herniation or stenosis at or beside ${levelText(r)}: confirm the level to be injected against the MRI/CT or provide the imaging that supports it.`,
          [...studies.flatMap((i) => i.factIds), ...r.factIds]));
      }
      // Facet requests: another generator at the target, or imaging that explicitly finds no
      // facet disease where the block is aimed (seed 003: "No derangement of the facet joints").
      if (isFacetRequest(r)) {
        const alt = alternativeGenerators(c, r);
        const noFacet = c.imaging.filter((i) => i.finding === 'facet_arthropathy' && i.assertion === 'absent'
          && (!i.levels.length || i.levels.some((l) => r.joints.some((j) => levelsOverlap(l, j)))));
        const facetThere = c.imaging.some((i) => i.finding === 'facet_arthropathy' && i.assertion === 'present'
          && (!i.levels.length || i.levels.some((l) => r.joints.some((j) => levelsOverlap(l, j)))));
        if (alt.length) {
          out.push(flag(this.code, this.severity,
            `Imaging shows ${alt.map((a) => `${pretty(a.finding)} at ${a.levels.join(', ')}`).join('; ')} at the facet level to be treated: document why the facet joint rather than that finding is the pain generator.`,
            [...alt.flatMap((a) => a.factIds), ...r.factIds]));
        } else if (noFacet.length && !facetThere) {
          out.push(flag(this.code, this.severity,
            `Imaging documents no facet joint disease where the ${pretty(r.procedure)} is aimed (${levelText(r)}): document the clinical evidence that the facet joints are the pain generator.`,
            [...noFacet.flatMap((i) => i.factIds), ...r.factIds]));
        }
      }
    }
    return out;
  },
};
