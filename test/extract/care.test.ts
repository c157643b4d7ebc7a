import { describe, expect, test } from 'vitest';
import { reviewSource } from '../../src/pipeline/review.ts';
import { loadResources } from '../../src/resources.ts';
import type { Fact } from '../../src/schema/review.ts';
import { textSource } from '../helpers.ts';

const res = loadResources();
const factsOf = (text: string, type: string): Fact[] =>
  reviewSource(textSource(text), { resources: res }).facts.filter((f) => f.type === type);
const med = (text: string, name: string): Fact | undefined =>
  factsOf(text, 'medication').find((f) => f.attributes.name === name);

describe('medication names', () => {
  test.each([
    ['MEDICATIONS: Lipitor 20 mg daily, Lexapro 10 mg daily.', 'atorvastatin'],
    ['MEDICATIONS: Lipitor 20 mg daily, Lexapro 10 mg daily.', 'escitalopram'],
    ['Current medications: Zyrtec, Synthroid 75 mcg daily.', 'levothyroxine'],
    ['Medications: Advair 250/50 one puff b.i.d.', 'fluticasone-salmeterol'],
    ['Medications: Lotrel, Diovan, Toprol, Actos.', 'amlodipine-benazepril'],
    ['She takes Vytorin and Maxalt for migraines.', 'ezetimibe-simvastatin'],
    ['He takes Norco 10/325 three times a day.', 'hydrocodone'],
    ['She also takes Darvocet for pain.', 'propoxyphene'],
    ['Fioricet helps her headaches.', 'butalbital'],
    ['She uses Biofreeze over the low back.', 'menthol'],
    ['A solution of 100 milligrams of methyl prednisolone acetate was injected.', 'methylprednisolone'],
  ])('%s names %s', (text, name) => {
    expect(med(text, name)).toBeDefined();
  });

  test('contrast, saline and antiseptics are not medications', () => {
    const facts = factsOf('The skin was prepped with Betadine. Omnipaque 240 confirmed the spread. 2 mL of normal saline was injected.', 'medication');
    expect(facts).toEqual([]);
  });

  test('anesthesia wording and diabetes descriptors are not drugs', () => {
    const text = 'The patient was placed prone and standard ASA monitors applied. History of insulin-dependent diabetes.';
    expect(factsOf(text, 'medication')).toEqual([]);
  });

  test('an allergy is not a medication', () => {
    expect(med('She is allergic to codeine. She takes ibuprofen.', 'codeine')).toBeUndefined();
  });
});

describe('medication dose and frequency', () => {
  test.each([
    ['Taking ibuprofen 400 mg prn, helps some.', 'ibuprofen', 400, 'mg', 'PRN'],
    ['Ibuprofen 800 mg TID prn x 6 months.', 'ibuprofen', 800, 'mg', 'TID PRN'],
    ['Zyrtec and hydrocodone 7.5 mg one every 4 to 6 hours p.r.n. for pain.', 'hydrocodone', 7.5, 'mg', 'Q4-6H PRN'],
    ['Meds: gabapentin 100 mg TID, acetaminophen PRN.', 'acetaminophen', undefined, undefined, 'PRN'],
    ['Vicodin 1-2 tabs po Q6H prn.', 'hydrocodone', undefined, undefined, 'Q6H PRN'],
    ['A solution of 80 mg of Depo-Medrol with 2 cc of 1% Xylocaine was injected.', 'methylprednisolone', 80, 'mg', undefined],
    ['5 mL of 0.25% Marcaine plus 12 mg of betamethasone diluted in 10 mL of saline.', 'betamethasone', 12, 'mg', undefined],
    ['Dispensed Wellbutrin XL tablets, 150-mg XL tablet q.a.m.', 'bupropion', 150, 'mg', 'QAM'],
    ['Aspirin q.h.s. and cod liver oil b.i.d.', 'aspirin', undefined, undefined, 'QHS'],
  ])('%s', (text, name, dose, unit, frequency) => {
    const f = med(text, name);
    expect(f).toBeDefined();
    expect(f!.attributes.dose).toBe(dose);
    expect(f!.attributes.unit).toBe(unit);
    expect(f!.attributes.frequency).toBe(frequency);
  });

  test.each([
    ['Vicodin 500 mg two times a day.', 'hydrocodone'],
    ['Norco 10/325 mg q6h.', 'hydrocodone'],
    ['Infiltrated with 1% lidocaine.', 'lidocaine'],
    ['1 mL of a 40 mg/mL Kenalog solution.', 'triamcinolone'],
    ['Lortab 7.5 mg tablets, up to four daily, which help.', 'hydrocodone'],
  ])('no mass dose or fixed frequency of the drug itself: %s', (text, name) => {
    const f = med(text, name);
    expect(f).toBeDefined();
    if (name === 'hydrocodone' && text.startsWith('Lortab')) expect(f!.attributes.dose).toBe(7.5);
    else expect(f!.attributes.dose).toBeUndefined();
    if (text.includes('up to four')) expect(f!.attributes.frequency).toBeUndefined();
  });
});

describe('medication assertion', () => {
  test.each([
    ['I am going to start her on diclofenac 75 mg p.o. b.i.d.', 'diclofenac', 'hypothetical'],
    ['He was given a prescription of Norco 10/325, #60 and Flexeril.', 'cyclobenzaprine', 'hypothetical'],
    ['She could be given medications such as gabapentin or Lyrica.', 'pregabalin', 'hypothetical'],
    ['I would suggest switching over from OxyContin to methadone.', 'methadone', 'hypothetical'],
    ['I would suggest switching over from OxyContin to methadone.', 'oxycodone', 'present'],
    ['She failed a trial of gabapentin.', 'gabapentin', 'present'],
    ['Gabapentin was discontinued because of sedation.', 'gabapentin', 'present'],
    ['MEDICATIONS: Glipizide 5 mg with each meal, Advair 250 as needed, aspirin q.h.s.', 'aspirin', 'present'],
    ['PLAN: Continue gabapentin 300 mg TID.', 'gabapentin', 'present'],
    ['PLAN: Repeat medial branch block with bupivacaine 0.5%.', 'bupivacaine', 'hypothetical'],
    ['PROCEDURE: The skin over the planned approach was anesthetized with 1% lidocaine.', 'lidocaine', 'present'],
  ])('%s → %s %s', (text, name, assertion) => {
    expect(med(text, name)?.assertion).toBe(assertion);
  });
});

describe('medications as conservative care', () => {
  const care = (text: string) => factsOf(text, 'conservative_care');

  test('an NSAID for pain is the nsaid modality, an opioid the medication modality', () => {
    const c = care('She takes naproxen and tramadol for her back pain.');
    expect(c.map((f) => f.attributes.modality).sort()).toEqual(['medication', 'nsaid']);
  });

  test('a planned NSAID is hypothetical conservative care', () => {
    const c = care('I am starting her on diclofenac 75 mg p.o. b.i.d.');
    expect(c).toHaveLength(1);
    expect(c[0]!.assertion).toBe('hypothetical');
  });

  test('cardiac aspirin and blood pressure drugs are not conservative care', () => {
    expect(care('MEDICATIONS: Lotrel, Diovan, pravastatin, aspirin 81 mg daily.')).toEqual([]);
  });

  test('drugs given for sedation in a procedure are not conservative care', () => {
    expect(care('Midazolam 2 mg IV and fentanyl 50 mcg IV were given for sedation.')).toEqual([]);
  });

  test('amitriptyline for migraines is no pain care; amitriptyline for neuropathic pain is', () => {
    expect(care('She takes nadolol and amitriptyline for her migraines.')).toEqual([]);
    expect(care('She takes amitriptyline at night for neuropathic pain.')).toHaveLength(1);
  });
});

describe('conservative care', () => {
  const care = (text: string) => factsOf(text, 'conservative_care');
  const one = (text: string, modality: string) => care(text).find((f) => f.attributes.modality === modality);

  test.each([
    ['PT 8 wks in 2023 without lasting relief.', 'physical_therapy', 'failed'],
    ['Celecoxib 200 mg daily x 3 mos, no  relief.', 'nsaid', 'failed'],
    ['She has had Medrol Dosepak and analgesics, which have not been very effective.', 'medication', 'failed'],
    ['Acetaminophen helps a little.', 'medication', 'partial'],
    ['He began to wear a back brace, which only helps him some.', 'bracing', 'partial'],
    ['Previously did PT x 6 wks in fall 2022 with some help.', 'physical_therapy', 'partial'],
    ['He received eight or nine visits of chiropractic care without long-term relief.', 'chiropractic', 'failed'],
  ])('%s → %s %s', (text, modality, outcome) => {
    expect(one(text, modality)?.attributes.outcome).toBe(outcome);
  });

  test.each([
    ['PT 12 weeks in 2022 (failed).', 12],
    ['Failed 8 wks PT and NSAIDs.', 8],
    ['Physical therapy 2x/week from 10/02/2023 through 11/27/2023.', 8],
    ['Completed twelve sessions of physical therapy over two months.', 8],
  ])('%s → %d weeks', (text, weeks) => {
    expect(one(text, 'physical_therapy')?.attributes.durationWeeks).toBe(weeks);
  });

  test('a number of visits alone is no duration', () => {
    expect(one('She attended eight visits of physical therapy.', 'physical_therapy')?.attributes.durationWeeks).toBeUndefined();
  });

  test('PT planned in some weeks is no course duration', () => {
    expect(one('We will re-evaluate physical therapy in 4 weeks.', 'physical_therapy')?.attributes.durationWeeks).toBeUndefined();
  });

  test.each([
    ['Physical Medicine and Rehabilitation'],
    ['He was referred to Physical Medicine & Rehabilitation for continued management.'],
    ['She has not reached maximum improvement despite continued medical treatment and/or rehabilitation.'],
    ['VOCATIONAL REHABILITATION: The patient is a qualified injured worker.'],
  ])('specialty, clinic and document names are no care: %s', (text) => {
    expect(care(text)).toEqual([]);
  });

  test.each([
    ['Brief courses of chiropractic care and physical therapy should be considered for flare-ups.', 'chiropractic', 'hypothetical'],
    ['I am going to have her fitted with a low profile back brace.', 'bracing', 'hypothetical'],
    ['She is intolerant to any type of anti-inflammatory medications.', 'nsaid', 'absent'],
    ['He was put on restricted duty.', 'activity_modification', 'present'],
    ['She has not had physical therapy.', 'physical_therapy', 'absent'],
  ])('%s → %s %s', (text, modality, assertion) => {
    expect(one(text, modality)?.assertion).toBe(assertion);
  });

  test("a note's title names the care it records: present, its course from the visit count, no outcome from the title", () => {
    const c = one('SUMMIT CHIROPRACTIC - DAILY NOTE (SOAP)\nDate: 2/27/24\nContinue 2x/wk x 3 wks (tx x 6 wks so far). Pt doing well daily.\n', 'chiropractic');
    expect(c?.assertion).toBe('present');
    expect(c?.attributes.durationWeeks).toBe(6);
    expect(c?.attributes.outcome).toBeUndefined();
  });

  test('words after a modality belong to it, a list shares them', () => {
    const text = 'He completed physical therapy for 2 months with minimal improvement, and does his exercises at home.';
    expect(one(text, 'physical_therapy')?.attributes).toMatchObject({ durationWeeks: 8, outcome: 'failed' });
    expect(one(text, 'home_exercise')?.attributes.outcome).toBeUndefined();
    expect(one(text, 'home_exercise')?.attributes.durationWeeks).toBeUndefined();
    expect(one('Failed 8 wks PT and NSAIDs.', 'nsaid')?.attributes.outcome).toBe('failed');
  });

  test('a contrast clause tells the outcome', () => {
    expect(one('She has undergone physical therapy, but this has not helped.', 'physical_therapy')?.attributes.outcome).toBe('failed');
  });

  test('a drug plan beside pain drugs already taken is no second, hypothetical fact', () => {
    const c = care('She takes Percocet for pain. I would suggest switching over to methadone.');
    expect(c.map((f) => `${f.attributes.modality}:${f.assertion}`)).toEqual(['medication:present']);
  });
});

describe('conservative care lists and sections', () => {
  const care = (text: string) => factsOf(text, 'conservative_care');
  test('a failed general course passes its outcome to every listed modality', () => {
    const c = care('Pt has failed non-operative management, including exercise program and/or pharmacotherapy and/or physical therapy.');
    expect(c.map((f) => `${f.attributes.modality}:${f.attributes.outcome}`).sort())
      .toEqual(['home_exercise:failed', 'medication:failed', 'physical_therapy:failed']);
  });

  test('a time ago dates an event, not a course of care', () => {
    const c = care('She had an accident four to five years ago and at that time did not require any physical therapy.');
    expect(c[0]?.attributes.durationWeeks).toBeUndefined();
  });

  test('a work status line is current care, not a plan', () => {
    const c = care('WORK STATUS: modified duty, no lifting over 20 lb, until 06/07/2024.');
    expect(c.map((f) => f.assertion)).toEqual(['present']);
  });
});

test('PT as prothrombin time is no physical therapy', () => {
  expect(factsOf('Labs: PT/INR 12.1/1.0, PT and PTT normal.', 'conservative_care')).toEqual([]);
});

test('a plan to go on with independent home exercise is the present fact', () => {
  const c = factsOf('TREATMENT PROVIDED: core stabilization, HEP.\nPLAN: Discharge to independent HEP, 4x/week.', 'conservative_care');
  expect(c.map((f) => f.assertion)).toEqual(['present']);
});

test.each([
  ['The patient is well versed in the risks of the procedure.', []],
  ['Versed 2 mg IV was given for sedation.', ['midazolam']],
])('case-sensitive brand names that are English words: %s', (text, names) => {
  expect(factsOf(text, 'medication').map((f) => f.attributes.name)).toEqual(names);
});

describe('held-out phenomena #12 and #17: unnamed care, home exercise, plans, brands, spelled-out doses', () => {
  const care = (text: string): string[] => factsOf(`HISTORY OF PRESENT ILLNESS:\n${text}\n`, 'conservative_care')
    .map((f) => [f.attributes.modality, f.assertion, f.attributes.outcome ?? '-'].join(' ')).sort();

  test.each([
    // Unnamed medications received or taken are the medication modality; for another condition they are not care.
    ['He received some medications and physical therapy without relief.', ['medication present failed', 'physical_therapy present failed']],
    ['She was treated with medications, which did not help.', ['medication present failed']],
    ['She is currently taking no medications.', ['medication absent -']],
    ['She takes medications for her blood pressure.', []],
    ['He was given pain medicine in the emergency room.', ['medication present -']],
    ['She takes medications for pain.', ['medication present -']],
    ['She has used over-the-counter anti-inflammatories without relief.', ['nsaid present failed']],
    ['WESTFIELD PAIN MEDICINE FOLLOW-UP NOTE', []],
    ['Patient used to take medicine for hyperlipidemia.', []],
    // Exercise at home or on one's own is home exercise, not physical therapy; exercise as a provoking factor is nothing.
    ['She continues at home with her exercises.', ['home_exercise present ongoing']],
    ['She was given physical therapy and continues at home with exercises.', ['home_exercise present ongoing', 'physical_therapy present -']],
    ['He has been exercising on his own with good relief.', ['home_exercise present helped']],
    ['Pain is worse with exercise.', []],
    // Exercises taught or done as a treatment, or listed among treatments, are home exercise.
    ['She used a back brace, hand exercises, physical therapy, and Vicodin.', ['bracing present -', 'home_exercise present -', 'medication present -', 'physical_therapy present -']],
    ['I reviewed some neck and back exercises.', ['home_exercise present -']],
    ['Physical therapy with exercises helped.', ['physical_therapy present helped']],
    ['The sedation allows the stretching and adjustments to be done.', []],
    // Care that stopped ("no longer") was received (#8: "insurer no longer authorizing").
    ['The insurance carrier is no longer authorizing chiropractic treatment.', ['chiropractic present -']],
    ['She no longer does physical therapy.', ['physical_therapy present -']],
    ['She has not had physical therapy.', ['physical_therapy absent -']],
    // Outcomes written as a progressive or as a result not noticed.
    ['She had some physical therapy, which has been helping.', ['physical_therapy present helped']],
    ['She has been doing her home exercises but has not noticed any improvement.', ['home_exercise present failed']],
    ['PT x 2 weeks so far, not helping.', ['physical_therapy present failed']],
    // A plan word governs a new verb after a continuation ("need to continue X and attend Y").
    ['She will need to continue with her medications and attend physical therapy.', ['physical_therapy hypothetical -']],
    ['She will need to attend physical therapy.', ['physical_therapy hypothetical -']],
  ])('%s', (text, want) => { expect(care(text)).toEqual(want); });

  test('a new drug of the same modality prescribed in the plan stays a plan; a switch adjusts the current one', () => {
    const modalities = (text: string): string[] => factsOf(text, 'conservative_care').map((f) => `${f.attributes.modality} ${f.assertion}`).sort();
    expect(modalities('HISTORY:\nShe currently takes ibuprofen 800 mg for her back pain.\n\nPLAN:\nI prescribed Voltaren 75 mg twice daily.\n'))
      .toEqual(['nsaid hypothetical', 'nsaid present']);
    expect(modalities('HISTORY:\nShe takes oxycodone for pain.\n\nPLAN:\nWe will switch her to methadone.\n')).toEqual(['medication present']);
    expect(modalities('MEDICATIONS:\nNorco.\n\nPLAN:\nHe was given a prescription of Norco and Flexeril.\n')).toEqual(['medication present']);
  });

  test.each([
    ['He is on Cytoxan and prednisone.', 'cyclophosphamide'],
    ['She takes Fragmin injections.', 'dalteparin'],
    ['History of Vioxx use for arthritis.', 'rofecoxib'],
    ['She was on Bextra for a year.', 'valdecoxib'],
    ['He takes Gabitril at night.', 'tiagabine'],
    ['Norgesic Forte one tablet twice daily.', 'orphenadrine-aspirin-caffeine'],
    ['He takes Talacen for pain.', 'pentazocine'],
    ['Aristocort 40 mg was injected.', 'triamcinolone'],
  ])('brand %s names %s', (text, name) => { expect(med(text, name)).toBeDefined(); });

  test.each([
    ['PROCEDURE:\nTwenty milligrams of Depo-Medrol was injected.', 'methylprednisolone', 20],
    ['PROCEDURE:\nThe patient was given one hundred twenty milligrams of methylprednisolone.', 'methylprednisolone', 120],
    ['MEDICATIONS:\nPrednisone twenty-five milligrams daily.', 'prednisone', 25],
    ['MEDICATIONS:\nDepo-Medrol, forty mg, and 2 mL of lidocaine.', 'methylprednisolone', 40],
  ])('a dose in words: %s', (text, name, dose) => {
    const f = med(text, name);
    expect(f?.attributes.dose).toBe(dose);
    expect(f?.attributes.unit).toBe('mg');
  });

  test('a number word that is no dose gives none ("two tablets of Percocet")', () => {
    expect(med('MEDICATIONS:\nTwo tablets of Percocet.', 'oxycodone')?.attributes.dose).toBeUndefined();
  });
});

describe('a course told "N weeks of <modality>" belongs to that modality, and "did not give relief" is a failure', () => {
  const care = (text: string) => factsOf(text, 'conservative_care').map((f) => [f.attributes.modality, f.attributes.durationWeeks, f.attributes.outcome]);
  test.each([
    ['He has done daily home exercises since completing 8 weeks of physical therapy, which did not give lasting improvement.', ['physical_therapy', 8, 'failed']],
    ['Home exercises continue daily; 8 weeks of formal physical therapy did not help.', ['physical_therapy', 8, 'failed']],
    ['She walks daily after finishing 6 weeks of PT that did not bring any relief.', ['physical_therapy', 6, 'failed']],
    ['After twelve sessions of chiropractic care, which did not bring relief, she stopped going.', ['chiropractic', undefined, 'failed']],
    ['Completed 6 weeks of physical therapy, which gave no lasting relief.', ['physical_therapy', 6, 'failed']],
  ])('%s', (text, expected) => {
    expect(care(text)).toContainEqual(expected);
  });
  test('the span is not given to the modality before it', () => {
    const hep = care('He does daily home exercises since completing 8 weeks of physical therapy.').find((c) => c[0] === 'home_exercise');
    expect(hep?.[1]).toBeUndefined();
  });
});

describe('a table of care: each row is the frame of its modality', () => {
  const care = (text: string) => factsOf(text, 'conservative_care').map((f) => [f.attributes.modality, f.attributes.durationWeeks, f.attributes.outcome]);
  test.each([
    ['CONSERVATIVE TX         | WEEKS | RESULT\nPT (20 visits)          | 10    | partial\nChiropractic (8 visits) | 6     | no benefit\nNaproxen 500 mg BID     | 16    | partial', [['physical_therapy', 10, 'partial'], ['chiropractic', 6, 'failed']]],
    ['Treatment        Duration    Outcome\nPhysical therapy   8          failed\nMeloxicam          12         partial relief', [['physical_therapy', 8, 'failed'], ['nsaid', 12, 'partial']]],
    ['Modality | Wks | Response\nHEP | 24 | ongoing\nTENS unit | 6 | minimal relief', [['home_exercise', 24, 'ongoing'], ['tens', 6, 'failed']]],
    ['Care tried\tweeks\tresult\nchiropractic\t4\tno relief\nibuprofen\t10\tpartial', [['chiropractic', 4, 'failed'], ['nsaid', 10, 'partial']]],
    ['THERAPY | DURATION | EFFECT\nPhysical therapy | 6 | did not help', [['physical_therapy', 6, 'failed']]],
  ])('%s', (text, expected) => {
    const got = care(`HISTORY:\n${text}\n`);
    for (const e of expected) expect(got).toContainEqual(e);
  });
});

describe('outcomes said without the usual verbs', () => {
  const out = (text: string) => factsOf(text, 'conservative_care').map((f) => [f.attributes.modality, f.attributes.outcome]);
  test.each([
    ['Completed 12 PT visits over 6 weeks - leg pain no better.', ['physical_therapy', 'failed']],
    ['He did 8 sessions of PT in June (4 weeks) - "no real change."', ['physical_therapy', 'failed']],
    ['PT 6 wks at Brentwood Physical Therapy - no lasting change.', ['physical_therapy', 'failed']],
    ['Gabapentin and cyclobenzaprine were added in August without meaningful change.', ['medication', 'failed']],
    ['Physical therapy twice a week, but progress has plateaued.', ['physical_therapy', 'failed']],
    ['Meloxicam 15 mg daily takes the edge off.', ['nsaid', 'partial']],
    ['Gabapentin 300 mg TID helps the burning a little.', ['medication', 'partial']],
    ['Chiropractic care gave marginal benefit.', ['chiropractic', 'partial']],
  ])('%s', (text, expected) => {
    expect(out(text)).toContainEqual(expected);
  });
});

describe('the outcome of a course of care', () => {
  const care = (text: string, modality: string) =>
    factsOf(text, 'conservative_care').find((f) => f.attributes.modality === modality && f.assertion === 'present')?.attributes;
  test.each([
    ['Current treatment:\n  Naproxen 500 mg BID - x 16 weeks this course; partial relief.\n  Duloxetine 60 mg daily - x 24 weeks; no benefit.', 'nsaid', 'partial'],
    ['Current treatment:\n  Naproxen 500 mg BID - x 16 weeks this course; partial relief.\n  Duloxetine 60 mg daily - x 24 weeks; no benefit.', 'medication', 'failed'],
    ['- TENS unit at home daily - x 12 weeks; partial relief.', 'tens', 'partial'],
    ['2. PT: 10 visits; no lasting change.', 'physical_therapy', 'failed'],
    ['HEP ongoing. Diclofenac 75 mg BID since March - partial help.', 'home_exercise', 'ongoing'],
  ])('a list row led by its modality keeps its closing words: %s (%s)', (text, modality, outcome) => {
    expect(care(text, modality)).toMatchObject({ outcome });
  });

  test('a dose frequency is no outcome: "7.5 mg daily" is not care going on', () => {
    const a = care('Dr. Oduya started meloxicam 7.5 mg daily in April; she took it for about 12 weeks, which took the edge off, but it was stopped in July.', 'nsaid');
    expect(a?.outcome).not.toBe('ongoing');
  });

  test('where a note tells a course twice, a partial benefit stands over a bare "failed"', () => {
    expect(care('HPI: Meloxicam for 10 weeks took the edge off.\nASSESSMENT: Failed meloxicam.', 'nsaid')).toMatchObject({ outcome: 'partial' });
  });
});

describe('care named under a label of care already had, inside a plan', () => {
  const care = (text: string) => factsOf(`Date of service: 06/01/2026\n${text}`, 'conservative_care').map((f) => [f.attributes.modality, f.assertion]);
  test.each([
    ['Plan: refer to PT. Prior care: lumbar brace x 1 month, did not help.', 'bracing'],
    ['PLAN: start duloxetine. Previous treatment: chiropractic x 6 visits, no change.', 'chiropractic'],
    ['Plan: MRI lumbar spine. Past treatment - TENS unit, minimal benefit.', 'tens'],
    ['Plan: L5 TFESI. Failed conservative care: acupuncture 8 sessions.', 'acupuncture'],
    ['Plan: continue HEP. Tried: massage therapy for 4 weeks, temporary relief.', 'massage'],
  ])('%s', (text, modality) => {
    expect(care(text)).toContainEqual([modality, 'present']);
  });
});

describe("a therapy note's course and outcome told of the note, not beside the modality (tenth author)", () => {
  const chiro = (text: string) => factsOf(text, 'conservative_care').filter((f) => f.attributes.modality === 'chiropractic' && f.assertion === 'present');
  test.each([
    ['LAKEVIEW CHIROPRACTIC CENTER\nRE-EXAM 04/02/2026   Pt: Dana Hollis\nVisits to date: 10     Weeks in care: 5\nAssessment: partial response to care.', 5, 'partial'],
    ['SUMMIT CHIROPRACTIC, P.C.    211 Elm St\nDaily note 03/19/2026   Visit 9 (week 4 of care plan)\nA/P: Partial response. Continue 2x/wk.', 4, 'partial'],
    ['NORTHSIDE FAMILY CHIROPRACTIC  -  Progress report 02/27/2026\nWeeks of care: 6\nHe reports no lasting improvement and is discharged to his physician.', 6, 'failed'],
    ['BAYSIDE CHIROPRACTIC & WELLNESS, LLC\nReport 01/15/2026\nPatient is in week 8 of treatment.\nPatient-rated improvement: about 20%.', 8, 'partial'],
    ['HIGH DESERT CHIROPRACTIC CLINIC \u2014 discharge 12/01/2025\nWeeks in treatment: 7\nNo meaningful change in pain or function.', 7, 'failed'],
  ])('%#', (text, weeks, outcome) => {
    expect(chiro(text)).toEqual([expect.objectContaining({ attributes: expect.objectContaining({ durationWeeks: weeks, outcome }) })]);
  });
});

describe('care a plan section tells failed or partly helped was had (dev d7a-01)', () => {
  test.each([
    ['DISCUSSION / TREATMENT PLAN\nAxial facet-mediated pain for more than 18 months, refractory to PT, chiropractic, NSAID and muscle relaxant. Requesting RFA.', 'physical_therapy', 'failed'],
    ['PLAN:\nPhysical therapy gave no lasting relief. Proceed with diagnostic medial branch blocks.', 'physical_therapy', 'failed'],
    ['Plan:\nChiropractic care helped somewhat. Will schedule L5 TFESI.', 'chiropractic', 'partial'],
    ['RECOMMENDATIONS\nNaproxen did not help. We will request a caudal ESI.', 'nsaid', 'failed'],
    ['Plan\nPT without improvement; proceed to bilateral L4-5 MBB.', 'physical_therapy', 'failed'],
  ])('%s', (text, modality, outcome) => {
    const f = factsOf(text, 'conservative_care').find((x) => x.attributes.modality === modality);
    expect(f?.assertion).toBe('present');
    expect(f?.attributes.outcome).toBe(outcome);
  });
  test.each([
    ['PLAN:\nStart physical therapy 2x/week for 6 weeks.', 'physical_therapy'],
    ['Plan:\nIf PT fails, consider ESI.', 'physical_therapy'],
  ])('still a plan: %s', (text, modality) => {
    expect(factsOf(text, 'conservative_care').find((x) => x.attributes.modality === modality)?.assertion).toBe('hypothetical');
  });
});
