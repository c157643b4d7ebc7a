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

/** A block's own diary in its procedure record dates to it, and a reading well under the threshold in
 * the hours after the block outweighs a higher figure told later (blind round 7, read after it was scored). */
describe('the diary read in the hours after a block against a letter’s higher figure', () => {
  const letter = 'LETTER OF MEDICAL NECESSITY\nNovember 25, 2025\nDear Reviewer,\nAxial low back pain 2 years; facet loading positive; PT 8 weeks failed; MRI facet arthropathy L3-4, L4-5.\nShe has had two diagnostic medial branch blocks of the bilateral L2, L3 and L4 medial branches:\n   - 2025-10-14, lidocaine 2%: 88% relief\n   - 2025-11-18, bupivacaine 0.5%: 80% relief\nI am requesting bilateral L3-4 and L4-5 radiofrequency ablation.\n';
  const note = (diary: string) => `\fSURGERY CENTER - PROCEDURE RECORD\nDate: 2025-11-18\nProcedure: Diagnostic medial branch block #2, bilateral L2, L3, L4 medial branches (L3-4 and L4-5 facet joints)\nSedation: none\n\n${diary}\n`;
  const first = '\fSURGERY CENTER - PROCEDURE RECORD\nDate: 2025-10-14\nProcedure: Diagnostic medial branch block #1, bilateral L2, L3, L4 medial branches\nSedation: none\nPre 8/10; 30 min post 1/10.\n';
  const outcome = (diary: string) => reviewSource(textSource(letter + note(diary) + first, 'p.txt')).reviews.find((r) => r.policy === 'cms-lcd-facet')?.criteria.find((c) => c.id === 'FJ-RFA-2')?.status;
  test.each([
    'POST-BLOCK PAIN DIARY (completed by patient)\n  Time            NRS\n  Pre-block        8\n  30 min           6\n  1 hr             5\n  2 hr             5\n  4 hr             6',
    'PAIN DIARY\n  Pre  8\n  30 min  6\n  1 hr  5\n  2 hr  6\n  6 hr  8',
    'POST-BLOCK PAIN DIARY\n  Time  NRS\n  Pre-block  9\n  30 min  7\n  1 hr  6\n  3 hr  8',
    'PAIN DIARY (index pain)\n  Pre  7\n  30 min  5\n  1 hr  4\n  2 hr  5',
    'POST-BLOCK PAIN DIARY\n  Pre-block  8\n  1 hr  6\n  2 hr  5\n  4 hr  7',
  ])('%#', (diary) => {
    expect(outcome(diary)).toBe('not_met');
  });
  test('a diary that confirms the figure leaves the block positive', () => {
    expect(outcome('POST-BLOCK PAIN DIARY\n  Pre-block 8\n  30 min 2\n  1 hr 1\n  2 hr 1\n  4 hr 3')).toBe('met');
  });
  // The patient's own summary told as lasting hours (blind round 10, read).
  test.each([
    'Overall, how much better was your usual pain after the shot?  about 50% better, best for first 3 hrs',
    'Patient summary: 50% relief for the first 3 hours, then back to baseline.',
    'She rated the block about 40% better for 4 hours.',
    'Per her diary: about half better for first 3 hrs.',
    'Diary summary: 45% relief lasting 2 hours.',
  ])('%s', (line) => {
    expect(outcome(line)).toBe('not_met');
  });
});
