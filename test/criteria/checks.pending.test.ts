import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { textSource } from '../helpers.ts';

/** A study ordered and not yet done leaves concordant imaging open (dev d12b-08). */
describe('an ordered study not yet done leaves concordance not documented', () => {
  const base = (line: string, withCt = false) => 'PROGRESS NOTE 02/10/2026\nHistory: L3-L5 laminectomy and fusion 2014. New left anterior thigh pain to the knee for 3 months, L3 dermatome, quad weakness 4/5, diminished left patellar reflex. NRS 7/10, ODI 40%.\n' +
    'PT 8 weeks and gabapentin failed.\nImaging: lumbar MRI 11/2013 (before the fusion): stenosis L3-4, L4-5. X-ray 04/2024: fusion hardware intact.\n' +
    (withCt ? 'CT lumbar 12/2025: solid fusion L3-L5, no canal or foraminal stenosis, no herniation.\n' : '') +
    `${line}\nPlan: caudal epidural steroid injection under fluoroscopy.\n`;
  const outcome = (line: string, withCt = false) => {
    const r = reviewSource(textSource(base(line, withCt), 'note.txt'));
    return r.reviews.find((x) => x.policy === 'cms-lcd-esi')?.criteria.find((c) => c.id === 'ESI-1B')?.status;
  };
  test.each([
    'CT myelogram ordered 01/27/2026 and pending insurance review.',
    'MRI lumbar spine scheduled for next week, not yet done.',
    'CT myelogram still awaiting authorization.',
    'Lumbar CT requested, to be done after the holidays.',
    'CT myelogram pending insurance approval.',
  ])('%s', (line) => {
    expect(outcome(line)).toBe('not_documented');
    // Beside a current study that shows no compression, the study ordered is still awaited.
    expect(outcome(line, true)).toBe('not_documented');
  });
  test('a current study that shows no compression, with nothing ordered, is not met', () => {
    expect(outcome('Plan reviewed with the patient.', true)).toBe('not_met');
  });
  test('a study from before the fusion, with nothing ordered, is no current study: still not documented, never not met', () => {
    expect(outcome('No MRI or CT since the fusion.')).toBe('not_documented');
  });
});

/** An undated figure that retells one dated block's relief fills no other block (blind round 1, read after it was scored). */
describe('an undated relief figure beside two dated blocks', () => {
  const rfa = (told: string) => {
    const text = `PROGRESS NOTE 10/10/2026\nLeft axial low back pain for 2 years, facet loading positive on the left. PT 8 weeks failed. MRI: facet arthropathy L4-5, L5-S1.\n${told}\nPlan: left L4-5 and L5-S1 radiofrequency ablation.\n` +
      '\fPROCEDURE NOTE\nDate of service: 09/02/2026\nProcedure: left L4-5 and L5-S1 medial branch blocks (lidocaine).\nPre 7/10; post 1/10 at 30 minutes.\n' +
      '\fPROCEDURE NOTE\nDate of service: 09/23/2026\nProcedure: left L4-5 and L5-S1 medial branch blocks (bupivacaine).\nSedation: none.\n';
    const c = reviewSource(textSource(text, 'p.txt')).case as { procedures: { date: string | null; reliefPercent: number | null }[] };
    return c.procedures.find((e) => e.date === '2026-09-23')?.reliefPercent ?? null;
  };
  test.each([
    'The MBB gave 85% relief for 2 hours.',
    'His medial branch block provided about 86% relief.',
    'MBB: 85% better for two hours.',
    'The diagnostic block helped 85%.',
    'After the MBB he was 86% improved for about two hours.',
  ])('%s', (told) => {
    // The second block's relief is not documented: the figure is the first block's, told again.
    expect(rfa(told)).toBeNull();
  });
});
