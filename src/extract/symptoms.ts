/**
 * radicular_pain, axial_pain, neurogenic_claudication.
 * CONTRACT.md: radicular_pain is one fact per note (both legs → bilateral); belowKnee only when the
 * text puts the pain past the knee; negated leg symptoms with no radicular pain present → one
 * absent fact; a diagnosis or code alone is not a pain mention.
 */
import { NEUROPATHY_CAUSE, noteNamesNeuropathyCause } from './neuropathy.ts';
import type { Mention } from '../nlp/types.ts';
import { findSides } from '../nlp/values/laterality.ts';
import { findLevels } from '../nlp/values/levels.ts';
import { combineSides, ExtractionContext, mergeByKey, sortLevels, type FactDraft } from './context.ts';
import { isImagingSentence } from './imaging.ts';

/** Radiation to the buttock/hip/groin only is referred (somatic) pain, not radicular pain. */
/** A place in the leg (whole words: "le" is the abbreviation, never the start of "left" or "level"). */
const LEG_WORD = /\b(?:(?:leg|legs|thigh|thighs|calf|calves|foot|feet|toe|toes|ankle|knee|knees|shin|tibia|lower extremit(?:y|ies)|le|rle|lle|ble|extremit(?:y|ies)|heel|sole|l[1-5]|s1)\b|dermatom)/;
const REFERRED_ONLY = /\b(buttock|buttocks|gluteal|hip|hips|groin|sacroiliac|flank)\b/;
/** Radiation words that name no place (lexicon attr needsLimb: "radiates", "extending into", "tingling"). */
const isGeneric = (m: Mention): boolean => m.attrs?.needsLimb === true;
const RADIATING_RULES = new Set(['lex.sym.radiating', 'lex.sym.radiation_word', 'lex.sym.limb_pain', 'lex.sym.limb_pain_below_knee']);
/** Roots named by a pain statement: "radiating to the L3 and L4 dermatome", "in an L5-S1 distribution". */
const DERMATOME_PHRASE = /((?:\b[ls][1-5](?:\s*(?:-|\/|,|and|or|to)\s*(?:[ls])?[1-5])*\s+)+)(?:dermatom\w*|distribution|nerve root distribution|pattern|territory|radicular\s+(?:pain|symptoms?|leg\s+pain))/g;
/**
 * Where pain or numbness reaches in the foot and leg names its root when the note names none
 * (standard dermatome map, Keegan & Garrett; the same regions the exam tests): the top of the foot
 * and the great toe L5; the sole, the lateral foot, the little toe and the heel S1; the medial
 * shin and ankle L4.
 */
const DERMATOME_REGIONS: [RegExp, string][] = [
  [/\b(?:dorsum\s+of\s+(?:the\s+)?(?:\w+\s+)?foot|top\s+of\s+(?:the\s+|his\s+|her\s+)?(?:\w+\s+)?foot|dorsal\s+foot|great\s+toe|big\s+toe|first\s+web\s+space)\b/, 'L5'],
  [/\b(?:sole|plantar\s+(?:foot|aspect)|lateral\s+(?:border\s+of\s+(?:the\s+)?|side\s+of\s+(?:the\s+)?|aspect\s+of\s+(?:the\s+)?)?foot|little\s+toe|small\s+toes?|fifth\s+toe|5th\s+toe|heel|lateral\s+(?:ankle|malleolus))\b/, 'S1'],
  [/\b(?:medial\s+(?:shin|calf|leg|ankle|malleolus)|inner\s+(?:shin|calf|ankle))\b/, 'L4'],
];

/** Symptoms put down to a peripheral neuropathy ("leg numbness related to his neuropathy") are not radicular. */
/** A pain statement placed in a root's territory with no radiation word: "pain in the right L4 distribution". */
const DERMATOMAL_PAIN = /\b(?:pain|aching|ache)\s+(?:(?:in|along|into|down|within|involving|following)\s+)(?:(?:the|an?|his|her|their|right|left|bilateral|both)\s+){0,3}[ls][1-5](?:\s*(?:-|\/|and|or|to)\s*[ls]?[1-5])*\s+(?:dermatom\w*|distribution|nerve root distribution)/g;

function dermatomesOf(text: string): string[] {
  const out: string[] = [];
  DERMATOME_PHRASE.lastIndex = 0;
  for (let m = DERMATOME_PHRASE.exec(text); m; m = DERMATOME_PHRASE.exec(text)) {
    for (const l of findLevels(m[1]!)) for (const lv of l.levels) out.push(...lv.split('-'));
  }
  if (out.length === 0) for (const [re, root] of DERMATOME_REGIONS) if (re.test(text)) out.push(root);
  return sortLevels(out.filter((x) => /^[LS]\d$/.test(x)));
}

export function extractSymptoms(ctx: ExtractionContext): FactDraft[] {
  const radicular: FactDraft[] = [];
  const out: FactDraft[] = [];
  ctx.sentences.forEach((sentence, si) => {
    const mentions = ctx.mentionsIn(si, 'symptom');
    const anatomy = ctx.mentionsIn(si, 'anatomy');
    if (!mentions.some((m) => m.concept === 'radicular' || m.concept === 'nonradicular')) {
      for (const m of dermatomalPain(ctx, si)) {
        const d = radicularDraft(ctx, m, si, anatomy);
        if (d) radicular.push(d);
      }
    }
    for (const m of mentions) {
      if (m.concept === 'nonradicular') {
        // "non-radicular axial pain", "does not radiate": leg symptoms stated absent.
        radicular.push({ type: 'radicular_pain', assertion: 'absent', attributes: {}, spans: [m], rules: [m.ruleId], extractor: 'symptoms.radicular', section: sentence.section });
      } else if (m.concept === 'radicular') {
        const d = radicularDraft(ctx, m, si, anatomy);
        if (d) radicular.push(d);
      } else if (m.concept === 'axial_pain') {
        const a = ctx.assert(m, sentence, 'axial_pain');
        if (a.experiencer === 'other') continue;
        out.push({
          type: 'axial_pain', assertion: a.assertion, historical: a.historical,
          attributes: { region: regionOf(ctx.slice(m)) }, spans: [m], rules: [m.ruleId, ...(a.rule ? [a.rule] : [])],
          extractor: 'symptoms.axial', trigger: a.trigger?.text ?? null, section: sentence.section,
        });
      } else if (m.concept === 'neurogenic_claudication') {
        const a = ctx.assert(m, sentence, 'neurogenic_claudication');
        if (a.experiencer === 'other') continue;
        out.push({
          type: 'neurogenic_claudication', assertion: a.assertion, attributes: {}, spans: [m],
          rules: [m.ruleId, ...(a.rule ? [a.rule] : [])], extractor: 'symptoms.claudication', trigger: a.trigger?.text ?? null, section: sentence.section,
        });
      }
    }
  });
  out.push(...summarizeRadicular(radicular));
  const merged = mergeByKey(out, (d) => `${d.type}|${d.assertion}|${d.attributes.region ?? ''}`);
  // axial_pain is one fact per region: a present statement wins over negated or hypothetical
  // ones ("without back pain" during an exam maneuver); lumbosacral is lumbar when both are said.
  const hasLumbar = merged.some((d) => d.type === 'axial_pain' && d.assertion === 'present' && d.attributes.region === 'lumbar');
  for (const d of merged) if (d.type === 'axial_pain' && hasLumbar && d.attributes.region === 'lumbosacral') d.attributes.region = 'lumbar';
  const again = mergeByKey(merged, (d) => `${d.type}|${d.assertion}|${d.attributes.region ?? ''}`);
  return again.filter((d) => d.type !== 'axial_pain' || d.assertion === 'present' ||
    !again.some((o) => o !== d && o.type === 'axial_pain' && o.assertion === 'present' && o.attributes.region === d.attributes.region));
}

function regionOf(lit: string): string {
  if (/neck|cervical/.test(lit)) return 'cervical';
  if (/thoracic|mid back|upper back/.test(lit)) return 'thoracic';
  if (/lumbosacral/.test(lit)) return 'lumbosacral';
  return 'lumbar';
}

/** "radiating down the RLE; then down the LLE": a clause that goes on spreading belongs to the first. */
const SPREAD_ON = /^;\s*(?:and\s+)?(?:then|later|subsequently|eventually|now)\s+(?:(?:also|it|pain)\s+)?(?:(?:radiat|spread|travel|extend|mov|shoot|go|went)\w*\s+)?(?:down|into|to)\b/;

function spreadOn(ctx: ExtractionContext, clause: { start: number; end: number }, sentence: { end: number }): { start: number; end: number } {
  let end = clause.end;
  while (end < sentence.end && SPREAD_ON.test(ctx.norm.slice(end, Math.min(sentence.end, end + 80)))) {
    const next = ctx.norm.indexOf(';', end + 1);
    end = next < 0 || next > sentence.end ? sentence.end : next;
  }
  return { start: clause.start, end };
}

function dermatomalPain(ctx: ExtractionContext, si: number): Mention[] {
  const sentence = ctx.sentences[si]!;
  const text = ctx.norm.slice(sentence.start, sentence.end);
  const out: Mention[] = [];
  DERMATOMAL_PAIN.lastIndex = 0;
  for (let m = DERMATOMAL_PAIN.exec(text); m; m = DERMATOMAL_PAIN.exec(text)) {
    out.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, ruleId: 'symptoms.radicular.dermatomal_pain', concept: 'radicular', category: 'symptom' });
  }
  return out;
}

/** An episode told as over: "has not recurred (since)", "never recurred", "did not recur", "never came back", "has not returned", "had resolved by May 2023", "was gone by May", "cleared with therapy", "no leg pain since 2023". */
const EPISODE_OVER = /\b(?:(?:has|have|had)\s+(?:not|never)\s+(?:recurred|returned|come\s+back)|never\s+(?:recurred|returned|came\s+back)|did\s+not\s+(?:recur|return|come\s+back)|not\s+recurred|(?:had|has)\s+(?:completely\s+)?resolved|(?:was|were)\s+gone|resolved\s+by|went\s+away|cleared(?:\s+up)?\s+(?:with|after|by|on\s+(?:its|their)\s+own)|resolved\s+(?:with|after)\s+(?:therapy|pt|physical\s+therapy|treatment|rest|time|the\s+injection|an?\s+(?:injection|epidural))|no\s+(?:leg|radicular)\s+(?:pain|symptoms)\s+since)\b/;

function radicularDraft(ctx: ExtractionContext, m: Mention, si: number, anatomy: Mention[]): FactDraft | null {
  const sentence = ctx.sentences[si]!;
  if (['family_history', 'allergies'].includes(sentence.section)) return null;
  const lit = ctx.slice(m);
  const clause = spreadOn(ctx, ctx.clause(m, sentence), sentence);
  const clauseText = ctx.norm.slice(clause.start, clause.end);
  const generic = isGeneric(m);
  // "radiates to the buttock" is referred pain; a generic radiation word needs a leg landmark.
  if (generic && !LEG_WORD.test(clauseText)) return null;
  // In a study's sentence a spreading word is about a lesion ("extrusion extending into the L5
  // lateral recess"), not a symptom.
  if (generic && isImagingSentence(ctx, si) && !/\bpain|numb|tingl|paresthe|paraesthe/.test(clauseText)) return null;
  if (generic && REFERRED_ONLY.test(clauseText) && !LEG_WORD.test(clauseText.replace(REFERRED_ONLY, ''))) return null;
  // ("numbness and night-time burning in both feet ...; his PCP attributes this to diabetic neuropathy":
  // numbness the sentence puts down to a neuropathy, in any of its clauses.)
  // (Or foot numbness in a note that puts it, or the patient's sensory findings, down to a
  // polyneuropathy anywhere: "Reason: bilateral foot numbness; r/o lumbar radiculopathy vs peripheral
  // neuropathy ... consistent with diabetic polyneuropathy".)
  const paresthesia = /numb|tingl|paresthe|paraesthe|burn/.test(lit);
  if (NEUROPATHY_CAUSE.test(clauseText) || (paresthesia && NEUROPATHY_CAUSE.test(ctx.norm.slice(sentence.start, sentence.end))) ||
    (paresthesia && /\bfeet|\bfoot|\btoes|stocking/.test(clauseText) && noteNamesNeuropathyCause(ctx.norm))) return null;
  const a = ctx.assert(m, sentence, 'radicular_pain');
  if (a.experiencer === 'other') return null;
  const anat = anatomy.filter((x) => x.start >= clause.start && x.end <= clause.end);
  // "calf pain", "pain to the foot": the pain word itself names a place past the knee.
  let belowKnee: boolean | undefined = m.attrs?.belowKnee === true ? true : undefined;
  for (const x of anat) {
    const below = x.attrs?.belowKnee;
    if (below === undefined) continue;
    // "does not radiate below the knee": a negated landmark keeps the pain above the knee.
    const isBelow = ctx.assert(x, sentence, 'anatomy').assertion === 'absent' ? false : Boolean(below);
    belowKnee = belowKnee === true || isBelow;
  }
  const sides = findSides(clauseText).map((s) => s.side);
  const dermatome = dermatomesOf(clauseText);
  // "Spring 2024: left buttock and leg pain ... and the leg pain has not recurred since", "an episode
  // of sciatica (90% relief at four weeks); that episode never recurred": an episode over is history.
  // The episode's own words: its sentence, or its list item or paragraph (to a blank line or the next item).
  const rest = ctx.norm.slice(sentence.start, Math.min(ctx.norm.length, sentence.start + 600));
  const stop = rest.slice(1).search(/\n[ \t]*\n|\n[ \t]*(?:\d{1,2}[.)]|[-*•])\s/);
  const over = EPISODE_OVER.test(stop < 0 ? ctx.norm.slice(sentence.start, sentence.end) : rest.slice(0, stop + 1));
  const d: FactDraft = {
    type: 'radicular_pain', assertion: a.assertion, historical: a.historical || (over && a.assertion === 'present'),
    attributes: {
      side: combineSides(sides),
      belowKnee,
      dermatome: dermatome.length ? dermatome : undefined,
      paresthesia: /numb|tingl|paresthe|paraesthe|pins and needles/.test(lit) || undefined,
    },
    spans: [m], rules: [m.ruleId, ...anat.map((x) => x.ruleId), ...(a.rule ? [a.rule] : [])],
    extractor: 'symptoms.radicular', trigger: a.trigger?.text ?? null, section: sentence.section,
  };
  if (PAST_INDICATION.test(ctx.norm.slice(clause.start, m.start))) pastIndication.add(d);
  return d;
}

/** "underwent an L3-4 decompression ... for back and bilateral leg pain": the reason for a past operation. */
const PAST_INDICATION = /\b(?:underwent|status post|s\/p)\b[^;]*\bfor\b/;
const pastIndication = new WeakSet<FactDraft>();

/** One radicular_pain fact per note: present wins over possible over absent. */
function summarizeRadicular(drafts: FactDraft[]): FactDraft[] {
  for (const assertion of ['present', 'possible', 'absent'] as const) {
    const group = drafts.filter((d) => d.assertion === assertion);
    if (group.length === 0) continue;
    // Pain statements decide the side; numbness/tingling add a side only when no pain statement has one.
    // The pain that led to a past operation tells no side of today's pain when another statement does.
    const current = group.filter((d) => !pastIndication.has(d));
    const sided = current.some((d) => typeof d.attributes.side === 'string') ? current : group;
    const painSides = sided.filter((d) => d.rules.some((r) => RADIATING_RULES.has(r)) && !d.attributes.paresthesia).map((d) => d.attributes.side).filter((s): s is string => typeof s === 'string');
    const sides = painSides.length ? painSides : sided.map((d) => d.attributes.side).filter((s): s is string => typeof s === 'string');
    // Both legs only when a statement says so; otherwise the first side named (the chief
    // complaint/current complaint) decides over a side mentioned in passing later.
    const side = sides.includes('bilateral') ? 'bilateral' : sides[0];
    const bk = group.map((d) => d.attributes.belowKnee).filter((b) => b !== undefined);
    const derms = [...new Set(group.flatMap((d) => (d.attributes.dermatome as string[] | undefined) ?? []))];
    const first = group[0]!;
    return [{
      ...first,
      attributes: assertion === 'absent' ? {} : {
        side,
        belowKnee: bk.includes(true) ? true : bk.length ? false : undefined,
        dermatome: derms.length ? sortLevels(derms) : undefined,
      },
      spans: group.flatMap((d) => d.spans),
      rules: group.flatMap((d) => d.rules),
    }];
  }
  return [];
}
