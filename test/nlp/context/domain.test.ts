import { describe, expect, test } from 'vitest';
import { run } from './helpers.ts';

/**
 * Lumbar interventional-pain phrasing: expected assertion, plus " H" when historical and " O" when
 * another person is the experiencer. Targets are "[phrase|targetType]" (fact type or lexicon category).
 */
const cases: [string, string][] = [
 ['Prior [TFESI|procedure] at L5-S1 on 01/2023 provided 50% relief.', 'present H'],
 ['No prior [injections|procedure].', 'absent H'],
 ['He has not had any [physical therapy|conservative_care].', 'absent'],
 ['Has not tried [PT|conservative_care].', 'absent H'],
 ['Pain does not radiate [below the knee].', 'absent'],
 ['Requesting authorization for bilateral L4-5 [RFA|procedure].', 'hypothetical'],
 ['We will proceed with right L5-S1 [TFESI|procedure].', 'hypothetical'],
 ['MRI lumbar spine 01/2024: L4-5 [disc protrusion|imaging_finding] with moderate foraminal stenosis.', 'present'],
 ['[Straight leg raise|exam] positive on the left.', 'present'],
 ['She completed 8 weeks of [physical therapy|conservative_care] without improvement.', 'present H'],
 ['Failed conservative management including NSAIDs, [PT|conservative_care], and chiropractic.', 'present H'],
 ['He is status post L4-S1 fusion in 2012 and now presents with [adjacent segment pain|symptom].', 'present'],
 ['He is status post [L4-S1 fusion|surgery] in 2012 and now presents with adjacent segment pain.', 'present H'],
 ['Mother with [lumbar stenosis].', 'present O'],
 ['Gabapentin 300 mg TID as needed for [pain].', 'hypothetical'],
 ['Diagnostic MBB on 2/1/24 gave 90% relief for 8 hours; will schedule [RFA|procedure].', 'hypothetical'],
 ['Diagnostic [MBB|procedure] on 2/1/24 gave 90% relief for 8 hours; will schedule RFA.', 'present'],
 ['Pt denies any numbness, tingling, or [weakness] in the lower extremities.', 'absent'],
 ['Negative for [saddle anesthesia].', 'absent'],
 ['[Facet loading|exam]: positive bilaterally.', 'present'],
 ['Discussed risks of [epidural steroid injection|procedure] including infection.', 'hypothetical'],
 ['He had an [ESI|procedure] 2 years ago.', 'present H'],
 ['Last [ESI|procedure] 3/2023 with 60% relief.', 'present H'],
 ['Patient reports 80% relief for 6 hours after the L4-5 [MBB|procedure].', 'present'],
 ['[Low back pain] radiating to the left calf.', 'present'],
 ['The patient is not interested in [surgery|surgery].', 'absent'],
 ['Patient declined [surgery|surgery].', 'absent'],
 ['No [bowel or bladder incontinence].', 'absent'],
 ['[Bowel/bladder]: no change.', 'present'],
 ['Reflexes: 2+ and symmetric. [Sensation|exam] intact.', 'present'],
 ['If the diagnostic blocks are positive, will consider [radiofrequency ablation|procedure].', 'hypothetical'],
 ['Plan: bilateral L4-5, L5-S1 [medial branch blocks|procedure] under fluoroscopy.', 'hypothetical'],
 ['[Lumbar radiculopathy|diagnosis] ruled out.', 'absent'],
 ['Possible [L5 radiculopathy|diagnosis].', 'possible'],
 ['Differential includes [facet arthropathy|diagnosis] vs discogenic pain.', 'possible'],
 ['She had 2 prior [epidural injections|procedure] with minimal relief.', 'present H'],
 ['He tried [ibuprofen|medication] and gabapentin without benefit.', 'present H'],
 ['Currently taking [meloxicam|medication] 15 mg daily.', 'present'],
 ['Discontinued [gabapentin|medication] due to sedation.', 'present'],
 ['Pain is 7/10 today, [8/10] at worst.', 'present'],
 ['The patient is a candidate for [spinal cord stimulator trial|procedure].', 'hypothetical'],
 ['Father had [back surgery|surgery].', 'present O'],
 ['Patient\'s father drove her to the appointment; [back pain] worse.', 'present'],
 ['Denies [fever], chills, weight loss; reports low back pain.', 'absent'],
 ['Denies fever, chills, weight loss; reports [low back pain].', 'present'],
 ['No radicular symptoms but positive [facet loading|exam] bilaterally.', 'present'],
 ['Free of [numbness].', 'absent'],
 ['[Pain] free since the RFA.', 'absent'],
 ['[Pain] resolved after the injection.', 'absent'],
 ['Would benefit from [lumbar MBB|procedure].', 'hypothetical'],
 ['Pending insurance approval for [L5-S1 TFESI|procedure].', 'hypothetical'],
 ['[TFESI|procedure] scheduled for next week.', 'hypothetical'],
 ['[RFA|procedure] was performed on 5/12/2023.', 'present'],
 ['He later underwent L5-S1 [laminectomy|surgery] and his leg symptoms resolved.', 'present H'],
 ['[Leg numbness] has completely resolved.', 'absent'],
 ['She was unable to stand and developed progressive [weakness].', 'present'],
 ['It is unclear whether she ever had a lumbar [epidural injection|procedure].', 'possible'],
 ['There was no response to the oral [prednisone|medication] taper.', 'present'],
 ['Tramadol 50 mg q6h prn pain, #30, and [cyclobenzaprine|medication] 10 mg at bedtime.', 'present'],
 ['No leg pain after [the injection|procedure].', 'present'],
 ['Denies pain when [sitting].', 'present'],
 ['No weakness; [normal] sensation.', 'present'],
 ['If there is no improvement, then [surgery|surgery] will be considered.', 'hypothetical'],
 ['[Hepatitis C] negative, [normal] liver enzymes.'.replace('[Hepatitis C]', 'Hepatitis C'), 'present'],
 ['Denies N/T in LEs. h/o L5-S1 [microdiscectomy|surgery] 2016, good result.', 'present H'],
 ['If the injection does not give durable relief, we would discuss L4-5 [decompression|surgery].', 'hypothetical'],
 // A colon after "problem", "episode" or "issue" names what it was: the scope runs on (dev packet dr-01).
 ['Of note, in summer 2022 she had a different problem: right [leg pain|symptom] down the outer calf.', 'present H'],
 ['In 2021 he had a separate episode: left [sciatica|symptom] that settled with PT.', 'present H'],
 ['Back in 2019 there was another issue: [radicular pain|symptom] into the right foot.', 'present H'],
 ['Denies any other problem: [numbness|symptom] in the feet is new.', 'present'],
 ['Current problem: [low back pain|symptom] for 8 months.', 'present'],
];

describe('assertions on lumbar interventional-pain phrasing', () => {
  test.each(cases)('%s -> %s', (s, want) => {
    const r = run(s).result;
    expect(r.assertion + (r.historical ? ' H' : '') + (r.experiencer === 'other' ? ' O' : '')).toBe(want);
  });
});
