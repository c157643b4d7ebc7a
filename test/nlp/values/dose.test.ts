import { describe, expect, test } from 'vitest';
import { findDoses, parseSig } from '../../../src/nlp/values/dose.ts';
import { normalizeView } from '../../../src/model/doc.ts';

function doses(s: string) {
  return findDoses(normalizeView(s));
}

describe('findDoses', () => {
  test.each([
    ['gabapentin 300 mg TID', 300, 'mg', 'TID'],
    ['gabapentin 300 mg three times daily', 300, 'mg', 'TID'],
    ['Neurontin 200 mg 3 times a day', 200, 'mg', 'TID'],
    ['cyclobenzaprine 10 mg q.h.s.', 10, 'mg', 'QHS'],
    ['Flexeril 10 mg p.o. at bedtime', 10, 'mg', 'QHS'],
    ['naproxen 500 mg b.i.d.', 500, 'mg', 'BID'],
    ['iron 240 mg twice daily', 240, 'mg', 'BID'],
    ['tramadol 50 mg q8h', 50, 'mg', 'Q8H'],
    ['Norco 5 mg every 6 hours', 5, 'mg', 'Q6H'],
    ['oxycodone 5 mg q4-6h prn', 5, 'mg', 'Q4-6H'],
    ['meloxicam 15 mg daily', 15, 'mg', 'QD'],
    ['Levoxyl 75 mcg q.d.', 75, 'mcg', 'QD'],
    ['Tenormin 50 mg q.a.m.', 50, 'mg', 'QAM'],
    ['duloxetine 60mg QD', 60, 'mg', 'QD'],
    ['ibuprofen 800 mg QID', 800, 'mg', 'QID'],
  ])('%s → %d %s %s', (text, dose, unit, frequency) => {
    expect(doses(text)).toEqual([expect.objectContaining({ dose, unit, frequency })]);
  });

  test('route and prn', () => {
    expect(doses('ibuprofen 800 mg p.o. b.i.d. p.r.n. pain')[0]).toMatchObject({ route: 'PO', frequency: 'BID', prn: true });
    expect(doses('hydrocodone 10 mg as needed')[0]).toMatchObject({ prn: true });
    expect(doses('midazolam 2 mg IV')[0]).toMatchObject({ route: 'IV' });
  });

  test.each([
    ['ibuprofen 800 mg TID PRN', 'TID PRN'],
    ['tramadol 50 mg q6h PRN', 'Q6H PRN'],
    ['ibuprofen 400 mg as needed', 'PRN'],
    ['gabapentin 300 mg TID', 'TID'],
  ])('sig joins frequency and PRN: %s → %s', (text, sig) => {
    expect(doses(text)[0]!.sig).toBe(sig);
  });

  test('parseSig reads a sig with no dose ("acetaminophen PRN")', () => {
    expect(parseSig(' prn.')).toMatchObject({ prn: true, sig: 'PRN' });
    expect(parseSig(' p.o. b.i.d.')).toMatchObject({ frequency: 'BID', route: 'PO', sig: 'BID' });
    expect(parseSig(' for back pain')).toEqual({ end: 0 });
  });

  test('the span covers the sig', () => {
    const s = 'Gabapentin 300 mg TID.';
    const [d] = doses(s);
    expect(s.slice(d!.start, d!.end)).toBe('300 mg TID');
  });

  test('procedure drugs: volume, concentration and steroid dose', () => {
    expect(doses('1 mL of 0.5% bupivacaine').map((d) => [d.dose, d.unit])).toEqual([[1, 'mL'], [0.5, '%']]);
    expect(doses('80 mg Depo-Medrol')).toEqual([expect.objectContaining({ dose: 80, unit: 'mg' })]);
    expect(doses('2 cc of 1% lidocaine').map((d) => [d.dose, d.unit])).toEqual([[2, 'cc'], [1, '%']]);
    expect(doses('Kenalog 40 mg/mL')[0]).toMatchObject({ dose: 40, unit: 'mg/mL' });
    expect(doses('lidocaine 1.5% for the skin wheal')[0]).toMatchObject({ dose: 1.5, unit: '%' });
  });

  test('a sig does not leak into the next drug of a list', () => {
    const d = doses('Colace 200 mg p.o. q.d., Senokot two tablets p.r.n.');
    expect(d[0]).toMatchObject({ dose: 200, frequency: 'QD', route: 'PO' });
    expect(d[0]!.prn).toBeUndefined();
  });

  test.each([
    ['80% relief'],
    ['50% stenosis'],
    ['creatinine 1.2 mg/dL'],
    ['glucose 110 mg/dl'],
    ['q8h'],
    ['EBL 100 mL'.slice(0, 3)],
  ])('not a dose: %s', (text) => {
    expect(doses(text)).toEqual([]);
  });
});
