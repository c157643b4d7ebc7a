/**
 * FHIR R4 view of a review (`mednec review <note> --format fhir`): a Bundle of type "collection".
 *
 *   Patient            age (extension) and sex only: no name, no birth date, no identifier
 *   Condition          one per diagnosis fact and one per diagnosis code (ICD-10-CM)
 *   Procedure          one per prior procedure and prior surgery (date, levels as bodySite, relief as outcome)
 *   ServiceRequest     one per requested procedure, coded with its CPT / HCPCS codes
 *   Observation        pain scores, exam and imaging findings, and the other clinical facts (symptoms,
 *                      pain duration, conservative care, injury)
 *   MedicationStatement one per medication
 *   DetectedIssue      one per flag (severity high/moderate/low), evidence → the resources above
 *   DocumentReference  the source document, identified by its sha256
 *
 * Every resource made from facts is traceable: `identifier` names the fact (system
 * urn:mednec:fact, value `<document sha256>#<fact id>`), `meta.source` names the document, and one
 * EVIDENCE_URL extension per evidence span gives fact id, page, start, end and the quoted text.
 * Resource ids and fullUrls are deterministic (derived from the document hash and fact id), so the
 * same note gives the same Bundle. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { Fact, ReviewOutput } from '../schema/review.ts';
import { topFlags } from './model.ts';

export const EVIDENCE_URL = 'urn:mednec:fhir:StructureDefinition:evidence';
export const AGE_URL = 'urn:mednec:fhir:StructureDefinition:age-at-note';
export const FACT_SYSTEM = 'urn:mednec:fact';
export const FLAG_SYSTEM = 'urn:mednec:flag';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const CPT = 'http://www.ama-assn.org/go/cpt';
export const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

type Json = Record<string, unknown>;
export interface FhirBundle { resourceType: 'Bundle'; id: string; type: 'collection'; meta: Json; identifier: Json; entry: { fullUrl: string; resource: Json }[] }

const words = (s: string): string => s.replace(/_/g, ' ');
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

/** A stable UUID (v4 layout) from a name: same document + fact → same id. */
function uuidFor(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A FHIR date or dateTime from what the note gave (YYYY, YYYY-MM or YYYY-MM-DD), else undefined. */
export function fhirDate(v: unknown): string | undefined {
  const s = str(v);
  return s && /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(s) ? s : undefined;
}

const GENDERS: Record<string, string> = { male: 'male', female: 'female', m: 'male', f: 'female', other: 'other' };

export function renderFhir(review: ReviewOutput): FhirBundle {
  const doc = review.document;
  const entries: { fullUrl: string; resource: Json }[] = [];
  const byFact = new Map<string, string>(); // fact id → fullUrl of the resource made from it
  const facts = review.facts;
  const factById = new Map(facts.map((f) => [f.id, f]));

  const urlFor = (key: string) => `urn:uuid:${uuidFor(`${doc.id}/${key}`)}`;
  const trace = (fs: Fact[]): Json => ({
    meta: { source: `urn:mednec:document:${doc.id}` },
    identifier: fs.map((f) => ({ system: FACT_SYSTEM, value: `${doc.id}#${f.id}` })),
    extension: fs.flatMap((f) => f.evidence.map((e) => ({
      url: EVIDENCE_URL,
      extension: [
        { url: 'fact', valueString: f.id },
        { url: 'page', valueInteger: e.page },
        { url: 'start', valueInteger: e.start },
        { url: 'end', valueInteger: e.end },
        ...(e.text.trim() ? [{ url: 'text', valueString: e.text }] : []),
      ],
    }))),
  });
  const add = (key: string, resourceType: string, fs: Fact[], body: Json): string => {
    const fullUrl = urlFor(key);
    const id = fullUrl.slice('urn:uuid:'.length);
    const t = trace(fs);
    const resource: Json = { resourceType, id, meta: t.meta, ...(fs.length ? { extension: t.extension, identifier: t.identifier } : {}), ...body };
    entries.push({ fullUrl, resource });
    for (const f of fs) if (!byFact.has(f.id)) byFact.set(f.id, fullUrl);
    return fullUrl;
  };
  // FHIR forbids empty strings, arrays and objects: drop them.
  const clean = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) =>
    v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
  const cc = (text: string, coding?: Json[]): Json => clean({ coding, text });
  const levelSites = (levels: string[], side?: string): Json[] =>
    levels.map((l) => ({ text: side ? `${l} (${side})` : l }));

  // DocumentReference first: the source every other resource points back to.
  const docUrl = add('document', 'DocumentReference', [], {
    masterIdentifier: { system: 'urn:mednec:sha256', value: doc.id },
    status: 'current',
    description: `Source document of the review (${doc.pages} page${doc.pages === 1 ? '' : 's'}${doc.ocrPages.length ? `, OCR on page ${doc.ocrPages.join(', ')}` : ''}); masterIdentifier is its SHA-256`,
    content: [{ attachment: clean({ contentType: doc.mediaType, title: doc.name }) }],
  });

  // Patient: age and sex only.
  const pf = facts.find((f) => f.type === 'patient');
  const age = num(pf?.attributes.age);
  const sex = str(pf?.attributes.sex)?.toLowerCase();
  const patientUrl = add('patient', 'Patient', pf ? [pf] : [], { gender: sex ? GENDERS[sex] ?? 'unknown' : 'unknown' });
  if (age !== undefined) {
    const p = entries.at(-1)!.resource;
    p.extension = [...((p.extension as Json[] | undefined) ?? []), { url: AGE_URL, valueAge: { value: age, unit: 'years', system: UCUM, code: 'a' } }];
  }
  const subject = { reference: patientUrl };

  const verification = (f: Fact): Json => {
    const code = f.assertion === 'absent' ? 'refuted' : f.assertion === 'present' ? 'confirmed' : 'provisional';
    return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] };
  };
  const obsStatus = 'final';
  const valueOf = (f: Fact, text: string): Json => ({ valueCodeableConcept: { text: f.assertion === 'present' ? text : `${text} (${f.assertion})` } });

  for (const f of facts) {
    const a = f.attributes;
    switch (f.type) {
      case 'diagnosis':
        add(f.id, 'Condition', [f], { verificationStatus: verification(f), code: cc(str(a.concept) ?? 'diagnosis'), subject });
        break;
      case 'diagnosis_code': {
        const code = str(a.code);
        const isIcd = /icd/i.test(String(a.system ?? 'icd10'));
        add(f.id, 'Condition', [f], {
          verificationStatus: verification(f),
          code: cc(str(a.description) ?? code ?? 'diagnosis code', code ? [clean({ system: isIcd ? ICD10CM : undefined, code, display: str(a.description) })] : undefined),
          subject,
        });
        break;
      }
      case 'prior_procedure':
      case 'surgery': {
        const levels = strs(a.levels);
        const date = fhirDate(a.date) ?? (num(a.year) ? String(a.year) : undefined);
        const relief = num(a.reliefPercent);
        const outcome = [relief !== undefined ? `${relief}% relief` : str(a.reliefQualitative) ? `relief: ${words(str(a.reliefQualitative)!)}` : '',
          str(a.reliefDuration) ? `lasting ${str(a.reliefDuration)}` : ''].filter(Boolean).join(' ');
        add(f.id, 'Procedure', [f], clean({
          status: f.assertion === 'absent' ? 'not-done' : 'completed',
          category: { text: f.type === 'surgery' ? 'spine surgery' : 'interventional pain procedure' },
          code: cc([str(a.intent) ?? '', words(str(a.procedure) ?? 'procedure')].filter(Boolean).join(' ')),
          subject,
          performedDateTime: date,
          bodySite: levelSites(levels, str(a.side)),
          outcome: outcome ? { text: outcome } : undefined,
        }));
        break;
      }
      case 'pain_score': {
        const scale = str(a.scale) ?? 'pain scale';
        const value = num(a.value);
        const nrs = /^(NRS|VAS|VRS)$/i.test(scale) && (num(a.max) ?? 10) === 10;
        add(f.id, 'Observation', [f], clean({
          status: obsStatus,
          category: [{ coding: [{ system: OBS_CATEGORY, code: 'survey' }] }],
          code: cc(`${scale} pain score${str(a.context) ? ` (${words(str(a.context)!)})` : ''}`,
            nrs ? [{ system: LOINC, code: '72514-3', display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported' }] : undefined),
          subject,
          valueQuantity: value !== undefined ? clean({ value, unit: num(a.max) ? `/${a.max}` : undefined }) : undefined,
        }));
        break;
      }
      case 'exam_finding':
        add(f.id, 'Observation', [f], clean({
          status: obsStatus,
          category: [{ coding: [{ system: OBS_CATEGORY, code: 'exam' }] }],
          code: cc(words(str(a.test) ?? 'examination finding')),
          subject,
          ...valueOf(f, words(str(a.result) ?? 'documented')),
          bodySite: str(a.side) ? { text: str(a.side) } : undefined,
        }));
        break;
      case 'imaging_finding': {
        const levels = strs(a.levels);
        const size = num(a.sizeMm);
        add(f.id, 'Observation', [f], clean({
          status: obsStatus,
          category: [{ coding: [{ system: OBS_CATEGORY, code: 'imaging' }] }],
          code: cc(words(str(a.finding) ?? 'imaging finding')),
          subject,
          ...valueOf(f, [words(str(a.finding) ?? 'finding'), levels.length ? `at ${levels.join(', ')}` : '', size !== undefined ? `${size} mm` : ''].filter(Boolean).join(' ')),
          method: str(a.modality) ? { text: str(a.modality)!.toUpperCase() } : undefined,
          bodySite: levels.length ? { text: levels.join(', ') } : undefined,
        }));
        break;
      }
      case 'radicular_pain': case 'axial_pain': case 'neurogenic_claudication': case 'pain_duration':
      case 'conservative_care': case 'injury': case 'sedation_reason': case 'imaging_pending': {
        const detail = Object.entries(a).filter(([, v]) => v !== null && v !== undefined && v !== '')
          .map(([k, v]) => `${words(k)} ${Array.isArray(v) ? v.join(', ') : words(String(v))}`).join('; ');
        add(f.id, 'Observation', [f], clean({
          status: obsStatus,
          category: [{ coding: [{ system: OBS_CATEGORY, code: f.type === 'conservative_care' ? 'therapy' : 'exam' }] }],
          code: cc(words(f.type)),
          subject,
          ...valueOf(f, detail || words(f.type)),
        }));
        break;
      }
      case 'medication': {
        const dose = [num(a.dose) !== undefined ? `${a.dose} ${str(a.unit) ?? ''}`.trim() : '', str(a.route) ?? '', str(a.frequency) ?? ''].filter(Boolean).join(' ');
        add(f.id, 'MedicationStatement', [f], clean({
          status: f.assertion === 'absent' ? 'not-taken' : f.historical ? 'completed' : 'active',
          medicationCodeableConcept: cc(str(a.name) ?? 'medication'),
          subject,
          category: str(a.drugClass) ? { text: words(str(a.drugClass)!) } : undefined,
          dosage: dose ? [{ text: dose }] : undefined,
        }));
        break;
      }
      default:
        break; // patient (above), requested_procedure / procedure_code (below), payer, criteria_set: no resource of their own
    }
  }

  // ServiceRequest per requested procedure, coded with the codes the case attached to it.
  const requests = Array.isArray((review.case as Json).requests) ? (review.case as { requests: Json[] }).requests : [];
  const reqFacts = facts.filter((f) => f.type === 'requested_procedure' && f.assertion !== 'absent');
  const codeFacts = facts.filter((f) => f.type === 'procedure_code');
  const usedCodes = new Set<string>();
  const conditions = entries.filter((e) => e.resource.resourceType === 'Condition' && (e.resource.verificationStatus as Json | undefined) &&
    JSON.stringify(e.resource.verificationStatus).includes('confirmed')).map((e) => ({ reference: e.fullUrl }));
  for (const f of reqFacts) {
    const a = f.attributes;
    const req = requests.find((r) => strs(r.factIds).includes(f.id));
    const reqCodeIds = req && Array.isArray(req.codes) ? (req.codes as Json[]).flatMap((c) => strs(c.factIds)) : [];
    const mine = codeFacts.filter((c) => reqCodeIds.includes(c.id));
    // Codes the case did not attach to any request go with the first request.
    if (f === reqFacts[0]) {
      const attached = new Set(requests.flatMap((r) => (Array.isArray(r.codes) ? (r.codes as Json[]).flatMap((c) => strs(c.factIds)) : [])));
      mine.push(...codeFacts.filter((c) => !attached.has(c.id)));
    }
    const fresh = mine.filter((c) => !usedCodes.has(c.id));
    fresh.forEach((c) => usedCodes.add(c.id));
    const coding = fresh.map((c) => {
      const system = /hcpcs/i.test(String(c.attributes.system)) || /^[A-Z]\d{4}$/.test(String(c.attributes.code)) ? HCPCS : CPT;
      return clean({ system, code: str(c.attributes.code), display: str(c.attributes.description) });
    }).filter((c) => c.code);
    const levels = strs(a.levels);
    const units = fresh.map((c) => `${c.attributes.code}${strs(c.attributes.modifiers).map((m) => `-${m}`).join('')}${num(c.attributes.units) ? ` x${c.attributes.units}` : ''}`);
    const sr = add(f.id, 'ServiceRequest', [f, ...fresh], clean({
      status: 'active',
      intent: 'order',
      category: [{ text: 'interventional pain procedure' }],
      code: cc([str(a.side) ?? '', str(a.intent) ?? '', words(str(a.procedure) ?? 'procedure'), levels.length ? levels.join(', ') : ''].filter(Boolean).join(' '), coding),
      subject,
      bodySite: levelSites(levels, str(a.side)),
      reasonReference: conditions,
      supportingInfo: [{ reference: docUrl }],
      note: [
        units.length ? { text: `Billed as ${units.join(', ')}` } : undefined,
        str(a.guidance) ? { text: `guidance: ${words(str(a.guidance)!)}` } : undefined,
        str(a.sedation) ? { text: `sedation: ${words(str(a.sedation)!)}` } : undefined,
      ].filter(Boolean),
    }));
    for (const c of fresh) byFact.set(c.id, sr);
  }

  // DetectedIssue per flag: severity, the message, and references to the evidence resources.
  const SEVERITY: Record<string, string> = { critical: 'high', major: 'moderate', minor: 'low' };
  const seen = new Map<string, number>();
  for (const fl of topFlags(review)) {
    const n = (seen.get(fl.code) ?? 0) + 1;
    seen.set(fl.code, n);
    const ev = fl.evidence.map((id) => factById.get(id)).filter((x): x is Fact => !!x);
    const refs = [...new Set(ev.map((f) => byFact.get(f.id)).filter((u): u is string => !!u))].map((reference) => ({ reference }));
    add(`flag/${fl.code}/${n}`, 'DetectedIssue', ev, clean({
      status: 'final',
      code: { coding: [{ system: FLAG_SYSTEM, code: fl.code }], text: words(fl.code.toLowerCase()) },
      severity: SEVERITY[fl.severity] ?? 'low',
      patient: subject,
      detail: fl.message,
      implicated: refs,
      evidence: refs.length ? [{ detail: refs }] : undefined,
    }));
  }

  return {
    resourceType: 'Bundle',
    id: uuidFor(`${doc.id}/bundle`),
    meta: { source: `urn:mednec:document:${doc.id}`, tag: [{ system: 'urn:mednec:determination', code: review.determination }] },
    identifier: { system: 'urn:mednec:sha256', value: doc.id },
    type: 'collection',
    entry: entries,
  };
}
