/**
 * Every structural pattern of the value parsers, named and documented (zod's regexes.ts style).
 *
 * Rules for this module:
 * - compiled once at module load; callers reset `lastIndex` (or use `matchAll`) — never mutate flags;
 * - case-insensitive (`i`): the parsers run on `Doc.norm` (lower case, dashes folded to '-') but
 *   also accept raw text, so unicode dashes are in every dash class;
 * - no ReDoS: every gap is bounded (`\s{0,3}`, `.{0,40}`), no quantifier is nested inside another
 *   unbounded one, and alternations are of literals.
 * Offsets are always offsets into the string the pattern ran on.
 */

/** Any dash a note or a PDF text layer may use (hyphen, unicode dashes, minus). */
export const DASH = '[-\\u2010-\\u2015\\u2212\\uFE63\\uFF0D]';
const D = DASH;

// ---------------------------------------------------------------------------------------------
// Anchors (see scan.ts): cheap patterns that find where the slow ones are worth running
// ---------------------------------------------------------------------------------------------

/** A percent sign or word: where PERCENT can end. */
export const PERCENT_ANCHOR = /%|percent|per\s?cent|pct/gi;
/** A time unit word: where durations end ("x 8 weeks", "6-week", "2 years ago"). */
export const TIME_UNIT_ANCHOR = /(?<![a-z])(?:days?|d|weeks?|wks?|wk|months?|mos?|mo|years?|yrs?|yr|minutes?|mins?|hours?|hrs?|h)(?![a-z])/gi;
/** A session/visit word: where SESSIONS ends. */
export const SESSIONS_ANCHOR = /(?<![a-z])(?:sessions?|visits?|treatments?)(?![a-z])/gi;
/** A one-letter token "l" or "r": where SIDE_LETTER can match. */
export const SIDE_LETTER_ANCHOR = /(?<![a-z0-9])[lr](?![a-z0-9])/gi;
/** Words of relief phrases (RELIEF_NONE, RELIEF_QUALITATIVE, RELIEF_LASTED). */
export const RELIEF_ANCHOR = /relie|improv|benefi|respon|resol|help|pain[\s-]free|effect|success|work|better|change|lasted|edge off/gi;
/** A month name or abbreviation as a word: where month-name dates are. */
export const MONTH_ANCHOR = /(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}(?![a-z])/gi;
/** A four-digit year 1900–2099: where year-only dates are. */
export const YEAR_ANCHOR = /(?<![0-9])(?:19|20)\d\d(?![0-9])/g;

// ---------------------------------------------------------------------------------------------
// Spinal levels
// ---------------------------------------------------------------------------------------------

/**
 * One spinal level mention: a vertebra/root ("L5", "S1", "T-12"), a segment ("L4-5", "L4/5",
 * "L4–L5", "L 5-S 1", "T12-L1"), a run-together segment ("L5S1", "T12L1"), a range ("L3-S1",
 * "L3 to S1", "L3 through L5") or the run-together "L45" (checked for adjacency by the caller).
 * Groups: 1/2 the "L45" digits, 3 an OCR-misread L5-S1 ("L5-Sl", "LS-S1": one side must be
 * right), 4 region, 5 number, 6 second region (optional), 7 second number (optional). The region letter must follow a non-alphanumeric character, so "pl4", "c/o" and
 * "a1c" never match.
 */
export const LEVEL_ATOM = new RegExp(
  `(?<![a-z0-9])(?:` +
    `l([1-4])([2-5])(?![a-z0-9])|` +
    `(l5\\s{0,2}(?:${D}|/)\\s{0,2}s[il|]|ls\\s{0,2}(?:${D}|/)\\s{0,2}s1)(?![a-z0-9])|` +
    `([clts])(?:${D}|\\s)?(\\d{1,2})` +
    `(?:(?:\\s{0,2}(?:${D}{1,2}|/|\\\\)(?:[ \\t]*\\n[ \\t]*|\\s{0,2})|\\s{1,3}(?:to|through|thru|into)\\s{1,3}|(?=[clts]\\d))` +
    `(?:([clts])(?:${D}|\\s)?)?(\\d{1,2}))?` +
  `)(?![a-z0-9])`,
  'gi',
);

/**
 * What may join two level mentions into one list: a comma, semicolon, "and", "or", "&", "+", "as
 * well as", optionally preceded by the nerve words of a medial-branch list ("L3, L4 medial branches and
 * L5 dorsal ramus") and followed by a side said again ("... medial branches and the left L5 dorsal
 * ramus"). Anchored: tested against the whole gap between two mentions.
 */
export const LEVEL_LIST_GAP = new RegExp(
  `^\\s{0,3}(?:(?:medial\\s{1,2}branch(?:es)?|mbs?|dorsal\\s{1,2}ram(?:us|i))(?:\\s{1,2}nerves?)?\\s{0,2})?` +
    `(?:,\\s{0,2}(?:and|&|or|\\+)?|;|and|or|&|\\+|as\\s+well\\s+as|plus)\\s{0,3}(?:(?:the|at)\\s{1,2})?(?:(?:left|right|bilateral|bilat|b\\/l)\\s{1,2})?$`,
  'i',
);

/**
 * A bare number continuing a vertebra list ("L3, 4 and 5 medial branches"): the gap and the
 * digit. Sticky; the caller checks the number is the next vertebra.
 */
export const LEVEL_BARE_CONTINUATION = new RegExp(
  `(?:\\s{0,2},\\s{0,2}(?:and\\s{1,2})?|\\s{1,2}(?:and|&)\\s{1,2})(\\d{1,2})(?![0-9a-z%/.])` +
    `(?!\\s{0,2}(?:weeks?|wks?|days?|months?|mos?|years?|yrs?|times|x\\b|mg|mcg|ml|cc|hours?|hrs?|minutes?|mins?|%|percent|out\\b|of\\b|/))`,
  'iy',
);

/** Medial-branch / dorsal-ramus words right AFTER a level list (≤ 25 chars, side words allowed). */
export const MEDIAL_BRANCH_AFTER = new RegExp(
  `^[\\s,]{0,3}(?:(?:bilateral|bilat\\.?|left|right|lt|rt)\\s{1,2})?(?:lumbar\\s{1,2})?` +
    `(?:medial\\s{1,2}branch|med\\.?\\s{0,2}br(?:anch)?\\b|mbbs?\\b|mbnbs?\\b|mbs?\\b|dorsal\\s{1,2}ram(?:us|i)\\b|primary\\s{1,2}dorsal\\s{1,2}ram)`,
  'i',
);

/** Plural nerve words right after a level list: the levels name nerves, not joints ("L3-L5 medial branches"). */
export const PLURAL_NERVES_AFTER = /^[\s,]{0,3}(?:(?:bilateral|left|right)\s{1,2})?(?:lumbar\s{1,2})?(?:medial\s{1,2}branches|medial\s{1,2}branch\s{1,2}nerves|dorsal\s{1,2}rami|mbs\b)/i;

/** Radiofrequency words right after a level list; count as a medial-branch context only for ≥2 vertebrae. */
export const RFA_AFTER = /^[\s,]{0,3}(?:(?:bilateral|left|right)\s{1,2})?(?:rfa|rf\b|rfta|radiofrequency|rhizotomy|neurotomy)/i;

/** Medial-branch words right BEFORE a level list: "medial branches of", "medial branch blocks at the". */
export const MEDIAL_BRANCH_BEFORE = new RegExp(
  `(?:medial\\s{1,2}branch(?:es)?|dorsal\\s{1,2}ram(?:us|i)|mbbs?|mbnbs?)` +
    `(?:\\s{1,2}(?:nerves?|blocks?|injections?|ablations?|rfa))?\\s{1,2}(?:of|at|to|for|on|from)\\s{1,2}(?:the\\s{1,2})?` +
    `(?:(?:bilateral|left|right)\\s{1,2})?$`,
  'i',
);

/**
 * Words after a vertebra that make it a nerve root or its territory, not a spinal level of
 * anatomy: "S1 nerve root", "L5 radiculopathy", "S1 distribution", "L5 dermatome".
 */
export const ROOT_AFTER = /^[\s,]{0,2}(?:(?:exiting|traversing|descending)\s{1,2})?(?:(?:nerve\s{1,2})?roots?|nerves?\b|radicul|dermatom|distribution|myotom|territory|sensory\s{1,2}level)/i;
/** Words before a vertebra with the same meaning: "the traversing right S1", "compressing the L5 root". */
export const ROOT_BEFORE = /(?:exiting|traversing|descending)\s{1,2}(?:(?:left|right|bilateral|lt|rt|l|r)\s{1,2})?$/i;

/** Any word of a medial-branch or radiofrequency context; a cheap gate before the checks above. */
export const NERVE_HINT = /medial|dorsal|\bmb|\bmed\.?\s{0,2}br|\brf|radiofreq|rhizot|neurot/i;

/** Heart sounds ("S1, S2 normal", "no S3 or S4 gallop"): sacral "levels" near these are not levels. */
export const HEART_SOUND_CONTEXT = /heart|gallop|murmur|\brubs?\b|cardiac|rhythm|regular rate|\brrr\b|\bs[1-4]\s{0,2}(?:,|and|&|\/)?\s{0,2}s[1-4]\b/i;

/** MRI sequences and thyroid hormones written like thoracic levels ("T2 hyperintense", "free T4"). */
export const T_NOT_LEVEL_AFTER = /^\s{0,2}(?:[-\s]?weighted|signal|hyper|hypo|images?|sequences?|flair|stir|uptake|levels?\s{1,2}(?:is|was|of|within|normal|wnl)|\(|,?\s{0,2}(?:and\s{1,2})?(?:tsh|free\s|t[34]\b))/i;
/** Words before a "T" level that make it an MRI sequence or a thyroid hormone ("axial T2", "free T4"). */
export const T_NOT_LEVEL_BEFORE = /(?:free|total|reverse|tsh|thyroid|on|axial|sagittal|coronal|post-?contrast)[\s,]{1,3}(?:and\s{1,2})?$/i;

// ---------------------------------------------------------------------------------------------
// Laterality
// ---------------------------------------------------------------------------------------------

/**
 * Side words that need no context: left, right, bilateral(ly), bilat(.), b/l, bl, both sides/legs,
 * rt(.), lt(.), left-/right-sided, and the limb abbreviations RLE/LLE/RUE/LUE (right/left lower/upper
 * extremity) and BLE/BUE (bilateral). Group 1 = the matched word.
 */
export const SIDE_WORD = new RegExp(
  `(?<![a-z0-9])(left|right|bilateral(?:ly)?|bilat\\.?|b/l|bl|` +
    `both\\s{1,2}(?:sides|legs|lower\\s{1,2}(?:extremities|limbs)|les|buttocks|hips|thighs|calves|feet|knees|arms|upper\\s{1,2}extremities)|` +
    `rt\\.?|lt\\.?|rle|lle|rue|lue|ble|bue|bles)(?![a-z0-9])`,
  'gi',
);

/**
 * The one-letter sides "R"/"L", only where a side is the only reading: "(L)", "[R]", "R>L",
 * "L < R", "L leg", "R-sided", "L L5", "R SI joint". "L4" is a level, "L 5-S 1" is a level,
 * "L/S spine" is lumbosacral. Group 1 = the letter.
 */
export const SIDE_LETTER = new RegExp(
  `(?:(?<=(?:^|[\\s,;:/])[(\\[])([lr])(?=[)\\]])` +
    `|(?<![a-z0-9/])([lr])(?=\\s{0,2}[<>]\\s{0,2}[lr](?![a-z0-9]))` +
    `|(?<=[lr]\\s{0,2}[<>]\\s{0,2})([lr])(?![a-z0-9])` +
    `|(?<![a-z0-9/.'])([lr])(?:${D}|\\s{1,2})(?=(?:sided|side|leg|legs|lower\\s{1,2}(?:extremity|leg|limb)|le|ue|lle|rle|arm|buttock|gluteal|hip|knee|foot|feet|thigh|calf|ankle|shin|toe|great\\s{1,2}toe|sciatica|radicular|radiculopathy|paraspinal|paraspinous|paramedian|interlaminar|ilesi|transforaminal|si|sij|sacroiliac|facet|tfesi|esi|mbb|rfa|lumbar|groin|flank|shoulder|hand|[clts]\\d)(?![a-z])))`,
  'gi',
);

/** After "LT": words of a sensory exam, where LT is light touch. */
export const LIGHT_TOUCH_AFTER = /^\s{0,2}(?:testing|sensation|perception|and\s{1,2}(?:pp|pin)|,\s{0,2}pp|intact|is\s{1,2}intact|was\s{1,2}intact|normal|decreased|diminished)/i;
/** Before "LT": words that describe a sensation ("decreased LT", "intact to LT"). */
export const LIGHT_TOUCH_BEFORE = /(?:decreased|diminished|reduced|intact|normal|absent|impaired|to|on|pp|pinprick|pin\s{1,2}prick)\s{1,2}(?:to\s{1,2})?$/i;
/** A body part right after a side word ("lt leg", "rt buttock"). */
export const SIDE_BODY_PART_AFTER = /^[\s-]{1,2}(?:sided|side|leg|legs|lower|upper|le|ue|arm|buttock|gluteal|hip|knee|foot|feet|thigh|calf|ankle|shin|toe|sciatica|radicul|paraspin|si\b|sij|sacroiliac|facet|l\d|s\d|c\d|t\d|groin|flank|shoulder|hand)/i;

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/** A number written in words, one to one hundred ("fifty", "seventy-five", "one hundred"). */
export const NUMBER_WORDS =
  '(?:(?:one|a)\\s{1,2}hundred|(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s]?(?:one|two|three|four|five|six|seven|eight|nine))?' +
  '|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';

/** A count: digits, a decimal, "3+", a range ("2-3", "six to eight"), "four and a half", a number word, "a"/"an", or a vague quantity (few, several...). */
export const COUNT =
  `(?:(?:\\d{1,2}|${NUMBER_WORDS})\\s{1,2}and\\s{1,2}a\\s{1,2}half(?![a-z])` +
  `|\\d{1,3}(?:\\.\\d{1,2})?(?:\\s{0,2}(?:${D}|to)\\s{0,2}\\d{1,3}(?:\\.\\d{1,2})?|\\+)?` +
  `|(?:${NUMBER_WORDS}(?:\\s{1,2}(?:to|or)\\s{1,2}${NUMBER_WORDS}|${D}${NUMBER_WORDS})?|an?|a\\s{1,2}couple(?:\\s{1,2}of)?|couple(?:\\s{1,2}of)?|a\\s{1,2}few|few|several|multiple|many|a\\s{1,2}half)(?![a-z]))`;

// ---------------------------------------------------------------------------------------------
// Relief
// ---------------------------------------------------------------------------------------------

/**
 * A percentage: "80%", "80 %", "80-90%", "80 to 90 percent", "fifty percent", "> 80%".
 * Groups: 1 first number, 2 second number of a range, 3 number words.
 */
export const PERCENT = new RegExp(
  `(?<![0-9.])(?:(\\d{1,3}(?:\\.\\d{1,2})?)(?:\\s{0,2}(?:${D}|to|/)\\s{0,2}(\\d{1,3}(?:\\.\\d{1,2})?))?|(${NUMBER_WORDS}))` +
    `\\s{0,2}(?:%|percent\\b|per\\s?cent\\b|pct\\b)`,
  'gi',
);

/** Words that make a nearby percentage a relief/improvement figure. */
export const RELIEF_WORD = /relie(?:f|ved)|improve(?:ment|d)?|better|reduc(?:tion|ed)|decrease[ds]?|benefit|response|responded|resolution|resolved|helped|pain[\s-]{0,2}free|alleviat|\bless\s{1,2}(?:(?:low\s{1,2})?(?:back|leg|axial|radicular|buttock|hip|overall)\s{1,2})?pain\b|\bof\s{1,2}(?:my|his|her|the)\s{1,2}(?:[a-z]+\s{1,2}){0,2}pain\s{1,2}(?:went\s{1,2}away|away|(?:is|was)\s{1,2}gone|disappeared|resolved)\b/i;

/**
 * Nouns that make a percentage something else ("50% stenosis", "80% weight bearing", "0.5%
 * bupivacaine", "O2 sat 98%", "EF 55%"), checked in a short window after (or before) the number.
 */
export const PERCENT_NOT_RELIEF_AFTER = /^\s{0,2}(?:of\s{1,2}(?:the\s{1,2})?(?:time|patients|cases|canal|the\s{1,2}canal|body|days)|stenosis|narrow|compress|collapse|height|loss|weight|bearing|wb\b|effusion|saturat|sat\b|on\s{1,2}(?:ra|room)|bupi|lido|ropi|marc|xylo|naropin|sensorc|[a-z]{0,12}caine|dextrose|saline|solution|chlorhex|contrast|concentration|body\s{1,2}fat|tbsa|burn|probab|chance|sensitiv|specific|likel|risk|grade|slip|listhesis|spondylo|anterolisthesis|retrolisthesis|disab|impair|wpi|whole\s{1,2}person|fev|dlco|a1c|hba1c|ef\b|ejection|occlu|obstruct|blockage|residual|tear|rupture|coverage|copay|co-?insurance)/i;
/** Labels before a percentage that make it something else ("stenosis of 50%", "SpO2 98%", "ODI 42%"). */
export const PERCENT_NOT_RELIEF_BEFORE = /(?<![a-z])(?:stenosis|narrowing|o2|spo2|sat|sats|saturation|ef|ejection fraction|a1c|fev1|odi|oswestry|disability|impairment|wpi|bupivacaine|lidocaine|ropivacaine|marcaine|grade|body fat|bmi|probability|likelihood|chance|risk|coinsurance|co-insurance|weight)[\s:,=of]{0,12}(?:of\s{1,2}|at\s{1,2}|is\s{1,2}|was\s{1,2})?(?:approximately\s{1,2}|about\s{1,2}|~\s{0,2})?$/i;

/** "Zero" relief: no relief, did not help, without (any) relief, zero relief, failed to relieve. */
export const RELIEF_NONE = new RegExp(
  // "no real change" with its qualifier is no relief; a bare "no change" is too often of a dose or a plan.
  `(?<![a-z])(?:no\\s{1,2}(?:real|appreciable|noticeable|meaningful|significant)\\s{1,2}change(?!\\s{1,2}(?:in|to|of)\\s{1,2}(?:(?:his|her|the|their)\\s{1,2})?(?:med|dose|plan|exam|imaging|mri|function|activit|work))` +
    `|no\\s{1,2}(?:real\\s{1,2}|appreciable\\s{1,2}|noticeable\\s{1,2}|pain\\s{1,2})?(?:relief|improvement|benefit|change\\s{1,2}in\\s{1,2}(?:her|his|the|their)?\\s{0,2}(?:(?:leg|back|low\\s{1,2}back|buttock|axial|radicular|arm|neck)\\s{1,2})?(?:pain|symptoms)|response)` +
    `|(?:did\\s{1,2}not|didn'?t|does\\s{1,2}not|doesn'?t|has\\s{1,2}not|hasn'?t|have\\s{1,2}not|haven'?t)\\s{1,2}(?:really\\s{1,2}|significantly\\s{1,2})?(?:help|improve|relieve|provide\\s{1,2}(?:any\\s{1,2})?(?:relief|benefit)|benefit|work)` +
    `|without\\s{1,2}(?:any\\s{1,2})?(?:relief|improvement|benefit)` +
    `|zero\\s{1,2}(?:relief|improvement)|not\\s{1,2}(?:at\\s{1,2}all\\s{1,2})?helpful|(?:un|non)(?:helpful|successful|effective)|ineffective` +
    `|failed\\s{1,2}to\\s{1,2}(?:provide\\s{1,2}(?:any\\s{1,2})?(?:relief|benefit)|relieve|help|improve)|gave\\s{1,2}(?:him|her|them|the\\s{1,2}patient)?\\s{0,2}no\\s{1,2}relief)(?![a-z])`,
  'gi',
);

/**
 * Relief given only in words. Groups name the degree: 1 minimal, 2 some, 3 partial,
 * 4 significant, 5 complete.
 */
export const RELIEF_QUALITATIVE = new RegExp(
  `(?<![a-z])(?:` +
    `((?:minimal|mild|slight|little|marginal|limited|minor|transient|brief|modest|(?:no|not\\s{1,2}any|not\\s{1,2}(?:a\\s{1,2})?|without(?:\\s{1,2}any)?)\\s{1,2}(?:significant|meaningful|substantial|lasting|sustained))\\s{1,2}(?:(?:pain\\s{1,2})?relief|improvement|benefit|response)|little\\s{1,2}(?:to|or)\\s{1,2}no\\s{1,2}(?:relief|improvement|benefit)|helped\\s{1,2}(?:a\\s{1,2}little|slightly|minimally|very\\s{1,2}little)|barely\\s{1,2}helped)` +
    `|((?:some|moderate|temporary|short[\\s-]term|fair)\\s{1,2}(?:(?:pain\\s{1,2})?relief|improvement|benefit|response)|helped\\s{1,2}(?:some(?:what)?|a\\s{1,2}bit|temporarily|for\\s{1,2}a\\s{1,2}(?:while|bit|short\\s{1,2}time))|somewhat\\s{1,2}helped|some\\s{1,2}help|(?:took|taken|takes|taking)\\s{1,2}the\\s{1,2}edge\\s{1,2}off)` +
    `|(partial(?:ly)?\\s{1,2}(?:(?:pain\\s{1,2})?relief|improvement|benefit|response|relieved|helped|improved|effective))` +
    `|((?:significant|good|great|excellent|substantial|considerable|dramatic|marked|remarkable|tremendous|meaningful|sustained|very\\s{1,2}good|long[\\s-]lasting|lasting|profound)\\s{1,2}(?:(?:pain\\s{1,2})?relief|improvement|benefit|response)|helped\\s{1,2}(?:a\\s{1,2}lot|significantly|tremendously|greatly|considerably|quite\\s{1,2}a\\s{1,2}bit)|significantly\\s{1,2}(?:helped|improved|better)|much\\s{1,2}better)` +
    `|((?:complete|total|full|100\\s{0,2}%)\\s{1,2}(?:(?:pain\\s{1,2})?relief|resolution(?:\\s{1,2}of\\s{1,2}(?:\\w{1,12}\\s{1,2})?(?:pain|symptoms))?|improvement|response)|completely\\s{1,2}(?:relieved|resolved|pain[\\s-]free)|pain[\\s-]free|(?:pain|symptoms)\\s{1,2}(?:completely\\s{1,2})?resolved)` +
  `)(?![a-z])`,
  'gi',
);

/** A 0–10 score as written in a before/after report: "8/10", "8", "8 out of 10", "8.5/10". */
const SCORE = `(\\d{1,2}(?:\\.\\d)?)(\\s{0,2}/\\s{0,2}10|\\s{1,2}out\\s{1,2}of\\s{1,2}10)?`;

/** "post", "post-procedure pain score:" before the second score of a before/after pair. */
const POST_LABEL = `post(?:${D}?(?:procedure|injection|op|block))?\\s{0,2}(?:pain\\s{0,2})?(?:score\\s{0,2})?[:=]?`;
// After an arrow the time point may lead the label: "pre 7/10 -> 30 min post 1/10".
const POST_LABEL_TIMED = `(?:(?:at\\s{1,2})?\\d{1,3}${D}?\\s{0,2}(?:min|mins|minutes?|hrs?|hours?)\\.?\\s{1,2})?${POST_LABEL}`;

/**
 * Pain now, then pain before: "VAS 6/10 compared with 7/10 before the procedure", "3/10, down from
 * 8/10", "2/10 today; VAS was 7/10 before the procedure". Groups: 1 post, 2 "down from", 3 pre, 4 the
 * "before" words (a "down from" needs none).
 */
export const SCORE_POST_FIRST = /(?<![0-9/])(\d{1,2})\s{0,2}\/\s{0,2}10(?![0-9])(?:\s{1,2}(?:today|now|currently|at\s{1,2}(?:this|the\s{1,2}follow[- ]?up)\s{1,2}visit))?\s{0,2}[,;]?\s{0,2}(?:((?:(?:down|improved|decreased|reduced)\s{1,2})?from)|compared\s{1,2}(?:with|to)|vs\.?|versus|(?:(?:the\s{1,2})?(?:vas|nrs|pain|score|it)\s{1,2})?was)\s{1,2}(?:a\s{1,2}|an\s{1,2})?(?:(?:vas|nrs|pain)\s{1,2})?(?:of\s{1,2})?(\d{1,2})\s{0,2}\/\s{0,2}10(?![0-9])(\s{1,2}(?:before|pre-?(?:procedure|injection|block|op)?|prior\s{1,2}to|at\s{1,2}baseline))?/gi;

/**
 * Pain before → after: "8/10 to 1/10", "from 8 to 1", "8/10 → 2/10", "8/10 -> 2/10", "from 7/10
 * down to 3/10", "pre 8/10, post 2/10". Groups: 1 pre, 2 pre's "/10", 3 post, 4 post's "/10".
 */
export const SCORE_CHANGE = new RegExp(
  `(?<![0-9./])(?:from\\s{1,2}(?:an?\\s{1,2})?(?:a\\s{1,2})?|pre(?:${D}?(?:procedure|injection|op))?\\s{0,2}(?:pain\\s{0,2})?(?:score\\s{0,2})?[:=]?\\s{0,2})?${SCORE}` +
    `\\s{0,3}(?:(?:to|→|->|-->|=>|>|down\\s{1,2}to|dropping\\s{1,2}to|decreas(?:ed|ing)\\s{1,2}to|reduced\\s{1,2}to|improved\\s{1,2}to|and\\s{1,2}(?:now|then)\\s{1,2}(?:is\\s{1,2})?)(?:\\s{0,3}${POST_LABEL_TIMED})?|,?\\s{0,2}${POST_LABEL})` +
    `\\s{0,3}(?:an?\\s{1,2})?(?:(?:about|approximately|approx\\.?|roughly|around|~)\\s{0,2})?${SCORE}(?![0-9/])`,
  'gi',
);

/**
 * Pre- and post-procedure scores written apart: "Pre-procedure pain 7/10. At 30 minutes
 * post-procedure pain 0/10". Groups: 1 pre, 2 its "/10", 3 post, 4 its "/10". The gap is bounded.
 */
export const SCORE_PRE_POST = new RegExp(
  `(?<![a-z])pre${D}?(?:procedure|injection|op|block)\\s{0,2}(?:pain\\s{0,2})?(?:score\\s{0,2}|level\\s{0,2})?(?:was\\s{1,2}|of\\s{1,2}|[:=]\\s{0,2})?${SCORE}` +
    `[^\\f]{0,100}?(?<![a-z])post${D}?(?:procedure|injection|op|block)\\s{0,2}(?:pain\\s{0,2})?(?:score\\s{0,2}|level\\s{0,2})?(?:was\\s{1,2}|of\\s{1,2}|[:=]\\s{0,2}|is\\s{1,2})?${SCORE}(?![0-9/])`,
  'gi',
);

/**
 * A score labelled before and one labelled after, written after it: "NRS 8 pre, 3 at 2 weeks",
 * "VAS 9/10 before, 4/10 at the 4-week visit", "NRS 7 pre-block, 1 post-block", "8/10 pre, 2/10 for
 * the first 6 hours", "NRS 7 before, 2 now". Groups: 1 before, 2 after, 3–4 time point (count,
 * unit) or 5–6 how long (count, unit).
 */
export const SCORE_LABELLED = new RegExp(
  `(?<![0-9/])(\\d{1,2})(?:\\s{0,2}\\/\\s{0,2}10)?\\s{0,2}(?:pre(?:${D}?(?:block|procedure|injection|op|treatment|rfa|esi))?|before|at\\s{1,2}baseline|baseline)(?![a-z])` +
    `(?:[^.;]|;(?=\\s{0,2}(?:\\d|best|lowest|nadir|min(?:imum)?\\b))){0,40}?(?<![0-9/])(\\d{1,2})(?:\\s{0,2}\\/\\s{0,2}10)?\\s{0,2}` +
    `(?:post(?:${D}?(?:block|procedure|injection|op|treatment|rfa|esi))?(?![a-z])|after(?![a-z])|now(?![a-z])|currently(?![a-z])|today(?![a-z])` +
    `|at\\s{1,2}(?:(?:the|her|his|their)\\s{1,2})?(\\d{1,2}|one|two|three|four|five|six|eight|ten|twelve)${D}?\\s{0,2}(hours?|hrs?|h|min(?:utes?|s)?|days?|weeks?|wks?|months?|mos?)(?![a-z])` +
    `|for\\s{1,2}(?:the\\s{1,2}first\\s{1,2}|about\\s{1,2})?(\\d{1,2}|one|two|three|four|five|six|eight|ten|twelve)\\s{0,2}(hours?|hrs?|h|min(?:utes?|s)?|days?|weeks?|wks?|months?|mos?)(?![a-z]))`,
  'gi',
);

/**
 * Another score at a later time point right after a labelled pair: "NRS 8/10 before; 2/10 at the 2-week
 * visit; 3/10 at 10 weeks" (the "; 3/10 at 10 weeks"). Groups: 1 the score, 2–3 the time point (count, unit).
 */
export const SCORE_AT_NEXT = new RegExp(
  `^(?:\\s{0,2}(?:visit|follow[- ]?up|check))?(?:\\s{0,2}\\(\\s{0,2}\\d{1,3}(?:\\.\\d)?\\s{0,2}%\\s{0,2}\\))?\\s{0,2}(?:[;,]\\s{0,2}(?:and\\s{1,2}|then\\s{1,2})?|and\\s{1,2}|then\\s{1,2})(\\d{1,2})(?:\\s{0,2}\\/\\s{0,2}10)?\\s{0,2}` +
    `at\\s{1,2}(?:(?:the|her|his|their)\\s{1,2})?(\\d{1,2}|one|two|three|four|five|six|eight|ten|twelve)${D}?\\s{0,2}(hours?|hrs?|h|min(?:utes?|s)?|days?|weeks?|wks?|months?|mos?)(?![a-z])`,
  'i',
);

/**
 * A score now, then the score before in parentheses: "NRS 2/10 (pre-RFA 7/10)", "3/10 (baseline 8)",
 * "pain 4/10 (before the injection 9/10)". Groups: 1 after, 2 before.
 */
export const SCORE_PAREN_PRE = /(?<![0-9/.])(\d{1,2})\s{0,2}\/\s{0,2}10\s{0,2}\(\s{0,2}(?:pre[-\s]?(?:procedure|injection|block|op|rfa|esi|mbb|ablation|treatment)?|before(?:\s{1,2}(?:the\s{1,2})?(?:procedure|injection|block|rfa|esi|mbb|ablation|treatment))?|baseline|at\s{1,2}baseline|(?:down\s{1,2}|improved\s{1,2})?from|was|previously)\s{0,2}[:=]?\s{0,2}(\d{1,2})(?:\s{0,2}\/\s{0,2}10)?(?:\s{1,2}(?:before|prior\s{1,2}to|pre-?)\b[^()]{0,30})?\s{0,2}\)|(?<![0-9/.])(\d{1,2})\s{0,2}\/\s{0,2}10\s{0,2}\(\s{0,2}(\d{1,2})\s{0,2}\/\s{0,2}10\s{1,2}(?:before|pre[-\s]?(?:procedure|injection|block)?|at\s{1,2}baseline|baseline)\s{0,2}\)/gi;

/**
 * A score now said to be the same as before the procedure: "NRS 7/10, same as before RFA", "7/10,
 * back to his pre-RFA baseline", "8/10 - back to where it was before the block", "6/10, returned to
 * baseline". Group 1: the score.
 */
export const SCORE_SAME_AS_BEFORE = /(?<![0-9/.])(\d{1,2})\s{0,2}\/\s{0,2}10\s{0,2}(?:again\s{0,2})?[,;(-]?\s{0,2}(?:(?:the\s{1,2})?(?:same\s{1,2}as|unchanged\s{1,2}from|no\s{1,2}different\s{1,2}from)\s{1,2}(?:before|pre[-\s]?\w+|baseline|prior\s{1,2}to)|(?:(?:which\s{1,2}is|i\.e\.,?)\s{1,2})?(?:(?:right\s{1,2}|all\s{1,2}the\s{1,2}way\s{1,2})?back|returned)\s{1,2}to\s{1,2}(?:(?:his|her|their|the)\s{1,2})?(?:(?:pre[-\s]?\w+|usual|original|prior)\s{1,2})?baseline|(?:right\s{1,2})?back\s{1,2}to\s{1,2}where\s{1,2}(?:it|she|he)\s{1,2}(?:was|started)\s{1,2}(?:before|pre[-\s]?\w+|prior\s{1,2}to))/gi;

/** A score change with its percentage in parentheses: "8 -> 0.8 (90%)", "7/10 to 1/10 (86%)". Group 1: the percent. */
export const ARROW_PERCENT = /(?<![0-9/.])\d{1,2}(?:\.\d)?(?:\s{0,2}\/\s{0,2}10)?\s{0,2}(?:->|→|=>|-->|to)\s{0,2}\d{1,2}(?:\.\d)?(?:\s{0,2}\/\s{0,2}10)?\s{0,2}\(\s{0,2}(\d{1,3}(?:\.\d)?)\s{0,2}%\s{0,2}\)/gi;

/** A form's "% relief: 70", "% relief: fifty (50)", "% improvement = seventy" (words only after a colon or "=": "80% improvement two weeks after" is no field; nor is the sign of a figure, "90% relief" followed by the next line's date "01/09/2024"): group 1 digits, 2 number words, 3 digits after the words. */
export const PERCENT_FIELD = new RegExp(
  `(?<![0-9.][ \\t]{0,1})%\\s{0,2}(?:relief|improvement|better|pain\\s{1,2}relief)(?:\\s{1,2}of\\s{1,2}(?:the\\s{1,2})?(?:(?:index|usual|typical|back|leg|axial)\\s{1,2})?pain)?\\s{0,2}[:=]?\\s{0,2}(?:(\\d{1,3}(?:\\.\\d{1,2})?)(?![0-9]|\\s{0,1}/\\s{0,1}\\d)|(?<=[:=]\\s{0,2})(${NUMBER_WORDS})(?![a-z])(?:\\s{0,2}\\(\\s{0,2}(\\d{1,3})\\s{0,2}%?\\s{0,2}\\))?)`,
  'gi',
);

/** Pain words that make a bare "from 8 to 1" or "7/10" a pain score (looked for before it). */
export const PAIN_CONTEXT_BEFORE = /(?:pain|vas|nrs|nprs|score|scale|rated|rating|intensity|pre|post|baseline|lbp|ache|achy|aching|hurts?|sore|discomfort|sciatica)\b[^.;\n]{0,40}$/i;

/**
 * How long relief lasted, right after a relief figure: "for 6 hours", "x 3 weeks", "lasting 2
 * days", "lasted about 3 months", "for 2-3 weeks". Groups: 1 count, 2 unit.
 */
export const RELIEF_DURATION_AFTER = new RegExp(
  `^(?:[^.;\\n]{0,30}?(?:for|x|×|~|lasting|lasted|which\\s{1,2}lasted|that\\s{1,2}lasted|over|during|duration\\s{1,2}of(?:\\s{1,2}(?:pain\\s{1,2})?relief\\s{0,2}[:=]?)?|duration\\s{0,2}[:=]|how\\s{1,2}long\\s{0,2}[:=]?)|[^.;\\n]{0,100}?,\\s{0,2}(?:lasting|which\\s{1,2}lasted|that\\s{1,2}lasted))\\s{0,2}(?:about|approximately|ap?prox\\.?|roughly|nearly|almost|around|~|>|≥|over|more\\s{1,2}than|greater\\s{1,2}than|at\\s{1,2}least|only|(?:the\\s{1,2})?(?:first|next|past)|a\\s{1,2}period\\s{1,2}of)?\\s{0,2}` +
    `(${COUNT})\\s{0,2}${D}?\\s{0,2}(minutes?|mins?|hours?|hrs?|h\\b|days?|d\\b|weeks?|wks?|months?|mos?\\b)`,
  'i',
);

/**
 * How long, told beside an end of relief: "held until around Christmas, roughly nine months",
 * "until early March (about 4 months)", "through the summer - some 3 months". Groups: 1 count, 2 unit.
 */
export const UNTIL_APPOSITIVE_DURATION = new RegExp(
  `^\\s{0,2}(?:,|\\(|-|–|—)\\s{0,2}(?:(?:about|approximately|ap?prox\\.?|roughly|nearly|almost|around|~|some|so|or|i\\.e\\.,?|that\\s{1,2}is,?|a\\s{1,2}little\\s{1,2}(?:over|under)|just\\s{1,2}(?:over|under)|over)\\s{0,2}){0,2}(${COUNT})\\s{0,2}${D}?\\s{0,2}(weeks?|wks?|months?|mos?\\b)`,
  'i',
);

/** How long, told before the percentage: "about 6 months of 70% relief", "12 weeks of ~60% relief". Groups: 1 count, 2 unit. */
export const DURATION_OF_BEFORE = new RegExp(
  `(?:^|[\\s(])(?:about\\s{1,2}|roughly\\s{1,2}|nearly\\s{1,2}|almost\\s{1,2}|over\\s{1,2}|~\\s{0,2})?(${COUNT})\\s{0,2}${D}?\\s{0,2}(?:good\\s{1,2}|solid\\s{1,2})?(weeks?|wks?|months?|mos?)\\s{1,2}of\\s{1,2}(?:about\\s{1,2}|roughly\\s{1,2}|approximately\\s{1,2}|~\\s{0,2}|>\\s{0,2})?$`,
  'i',
);

/** A duration lead-in right after a percentage ("100% for 6 hours", "50% x 3 weeks", "80% lasting"). */
export const RELIEF_LASTED_RIGHT_AFTER = /^\s{0,2}[,)]?\s{0,2}(?:(?:for|x|lasting|which\s{1,2}lasted|that\s{1,2}lasted)\b|×)/i;

/**
 * "Relief lasted 2 days" / "the relief lasted for about three weeks": a duration on its own.
 * Groups: 1 count, 2 unit.
 */
export const RELIEF_LASTED = new RegExp(
  // The relief may be named with its source ("relief from the RFA lasted ...") or be "it" ("it lasted roughly 3 months").
  `(?:(?<![a-z])(?:relief|improvement|benefit|effect|response)(?:\\s{1,2}(?:from|of|after|with)\\s{1,2}(?:(?:the|her|his|their|that|this|each)\\s{1,2})?(?:[a-z0-9-]+\\s{1,2}){0,2}?(?:rfa|ablation|injection|block|blocks|shot|esi|tfesi|procedure|epidural|neurotomy|rhizotomy|it))?|(?<![a-z])(?:it|this|that)(?=\\s{1,2}lasted))\\s{1,2}["']?(?:lasted|lasting|persisted|was\\s{1,2}sustained)\\s{1,2}(?:for\\s{1,2})?(?:(?:about|approximately|around|only|over|roughly|just|maybe|perhaps|barely)\\s{1,2}){0,2}` +
    `(${COUNT})\\s{0,2}${D}?\\s{0,2}(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?\\b)`,
  'gi',
);

/**
 * How long relief lasted, said with "helped" or as an amount of relief: "helped for 3 months",
 * "gave her about 9 months of relief". Groups: 1 count, 2 unit (as RELIEF_LASTED).
 */
export const RELIEF_HELPED_FOR = new RegExp(
  `(?<![a-z])(?:helped\\s{1,2}(?:her|him|them|the\\s{1,2}patient)?\\s{0,2}(?:for\\s{1,2})(?:about\\s{1,2}|approximately\\s{1,2}|around\\s{1,2}|only\\s{1,2}|roughly\\s{1,2})?(${COUNT})\\s{0,2}${D}?\\s{0,2}(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?\\b)` +
    `|(?:about\\s{1,2}|approximately\\s{1,2}|around\\s{1,2}|roughly\\s{1,2})?(${COUNT})\\s{0,2}${D}?\\s{0,2}(minutes?|hours?|days?|weeks?|months?)\\s{1,2}of\\s{1,2}(?:good\\s{1,2}|significant\\s{1,2}|some\\s{1,2}|meaningful\\s{1,2}|solid\\s{1,2}|excellent\\s{1,2}|substantial\\s{1,2})?(?:pain\\s{1,2})?(?:relief|improvement|benefit))`,
  'gi',
);

/**
 * How long relief held, told by when it ended or that it stayed: "wore off after 3 weeks", "the pain
 * came back in about a month", "stayed there for six weeks". Groups: 1 count, 2 unit.
 */
export const RELIEF_HELD = new RegExp(
  `(?<![a-z])(?:wore\\s{1,2}off|wearing\\s{1,2}off|worn\\s{1,2}off|faded|(?:pain|it|symptoms?)\\s{1,2}(?:returned|came\\s{1,2}back|recurred)` +
    // "then back to baseline, 8/10, by about three weeks", "returned to his usual pain within a month"
    `|(?:back|returned)\\s{1,2}to\\s{1,2}(?:(?:her|his|their|its|the)\\s{1,2})?(?:baseline|usual\\s{1,2}(?:pain|level)|pre-?(?:procedure|injection)\\s{1,2}(?:pain\\s{1,2}levels?|pain|levels?))(?:\\s{0,2},?\\s{0,2}\\d{1,2}\\s{0,2}\\/\\s{0,2}10\\s{0,2},?)?(?:\\s{1,2}by)?` +
    `|(?:stayed|remained|held|kept)(?:\\s{1,2}(?:there|that\\s{1,2}way|down|better|improved|at\\s{1,2}that\\s{1,2}level))?` +
    `|(?:got|gets|had)(?=\\s{1,2}(?:about\\s{1,2}|roughly\\s{1,2}|~\\s{0,2}|a\\s{1,2}good\\s{1,2})?(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an)\\s{0,2}(?:good\\s{1,2}|solid\\s{1,2})?(?:days?|weeks?|wks?|months?|mos?)\\s{1,2}(?:of\\s{1,2}relief\\s{1,2})?out\\s{1,2}of\\s{1,2}(?:it|the\\s{1,2}|her\\s{1,2}|his\\s{1,2}|that\\s{1,2})))` +
    // "... faded by about the 12-week mark", "wore off at around 3 months"
    `\\s{1,2}(?:(?:after|in|within|over|for|by|at|around)\\s{1,2})?(?:about\\s{1,2}|approximately\\s{1,2}|around\\s{1,2}|only\\s{1,2}|roughly\\s{1,2}|~\\s{0,2}|a\\s{1,2}good\\s{1,2})?(?:the\\s{1,2}(?=[0-9a-z]+[\\s-]{1,2}(?:weeks?|wks?|months?|mos?)[\\s-]{1,2}mark))?` +
    `(${COUNT}|a|an)\\s{0,2}${D}?\\s{0,2}(?:good\\s{1,2}|solid\\s{1,2})?(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?\\b)(?:[\\s-]{1,2}mark)?(?![a-z])(?:\\s{1,2}later|\\s{1,2}(?:of\\s{1,2}relief\\s{1,2})?out\\s{1,2}of\\s{1,2}(?:it|(?:the|her|his|that)\\s{1,2}(?:(?:last|first|second|prior|previous|most\\s{1,2}recent)\\s{1,2})?(?:shot|injection|procedure|block|tfesi|esi|epidural|rfa)))?(?!\\s{1,2}ago)`,
  'gi',
);

/**
 * When relief ended, told as a date: "lasted until early March", "good relief from 6/5/2025 until
 * mid-September", "held until she fell on the stairs on 5/2/2025", "until the end of the summer",
 * "wore off by Christmas". Groups: 1 part of the month, 2 month name, 3 year; 4 a full numeric date;
 * 5–6 part of a season and the season; 7 a holiday.
 */
export const RELIEF_UNTIL = /(?<![a-z])(?:until|till|through|thru)\s{1,24}(?:(?:about|around|roughly|approximately)\s{1,24})?(?:(?:the\s{1,2})?(early|mid|late|end\s{1,2}of|beginning\s{1,2}of|middle\s{1,2}of)[\s-]{1,2})?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?(?:\s{1,2}(?:of\s{1,2})?((?:19|20)\d\d))?(?![a-z])|(?<![a-z])until\s{1,24}(?:[^.;]{0,50}?\b(?:on|in)\s{1,2}|(?:about|around|roughly|approximately)\s{1,2})?(\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2}))(?![\d/])|(?<![a-z])(?:until|till|through|thru)\s{1,24}(?:the\s{1,2})?(early|mid|late|end\s{1,2}of(?:\s{1,2}the)?|beginning\s{1,2}of(?:\s{1,2}the)?)?[\s-]{0,2}(spring|summer|fall|autumn|winter)(?![a-z])|(?<![a-z])(?:until|till|through|thru|(?:wore|worn|wearing)\s{1,2}off\s{1,2}(?:by|around|at)|(?:faded|returned|came\s{1,2}back)\s{1,2}(?:by|around|at))\s{1,2}(?:(?:about|around|roughly|approximately|just\s{1,2}(?:before|after))\s{1,2})?(thanksgiving|christmas|new\s{1,2}year'?s?|labor\s{1,2}day|memorial\s{1,2}day|halloween|the\s{1,2}fourth\s{1,2}of\s{1,2}july|july\s{1,2}4th)(?![a-z])/gi;

/**
 * Relief told as a fraction: "two-thirds improvement", "better by half", "pain cut in half",
 * "about a third better". Group 1 or 2: the fraction's words.
 */
export const RELIEF_FRACTION = /(?<![a-z])(?:(?:about|roughly|nearly|maybe|approximately|by)\s{1,2})?(half|one[\s-]half|a[\s-]third|one[\s-]third|two[\s-]thirds|a[\s-]quarter|one[\s-]quarter|three[\s-]quarters|three[\s-]fourths)\s{1,2}(?:better|improvement|improved|relief|reduction|less\s{1,2}pain)(?![a-z])|(?<![a-z])(?:better|improved|reduced|decreased|cut|lowered)\s{1,2}(?:(?:her|his|their|the)\s{1,2}(?:[a-z]+\s{1,2}){0,2}(?:pain|symptoms)\s{1,2})?(?:in|by)\s{1,2}(?:about\s{1,2}|roughly\s{1,2}|nearly\s{1,2})?(half|a\s{1,2}third|one[\s-]third|two[\s-]thirds|a\s{1,2}quarter|three[\s-]quarters)(?![a-z])|(?<![a-z])(?:took|takes|taken|cut|reduced|relieved|eased)\s{1,2}(?:away\s{1,2})?(?:about\s{1,2}|roughly\s{1,2}|nearly\s{1,2}|maybe\s{1,2}|approximately\s{1,2})?(half|a\s{1,2}third|one[\s-]third|two[\s-]thirds|a\s{1,2}quarter|three[\s-]quarters)\s{1,2}(?:of\s{1,2})?(?:the\s{1,2}|her\s{1,2}|his\s{1,2}|their\s{1,2})?(?:pain|symptoms)(?![a-z])/gi;

/**
 * A fraction told with its count ("relief at about nine-tenths", "four-fifths better", "improvement
 * of roughly two-thirds"): group 1 or 3 the count word, group 2 or 4 the part.
 */
export const RELIEF_FRACTION_COUNTED = /(?<![a-z])(?:relief|improvement|better|reduction)\s{1,2}(?:(?:at|of|was|is|by)\s{1,2})?(?:(?:about|roughly|nearly|maybe|approximately|around)\s{1,2})?(one|two|three|four|five|six|seven|eight|nine)[\s-](tenths?|fifths?|thirds?|quarters?)(?![a-z])|(?<![a-z])(one|two|three|four|five|six|seven|eight|nine)[\s-](tenths?|fifths?)\s{1,2}(?:better|improvement|improved|relief|reduction)(?![a-z])/gi;

// ---------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------

/** A time unit, singular or plural or abbreviated. */
export const TIME_UNIT = `(days?|d\\b|weeks?|wks?|wk\\b|months?|mos?\\b|mo\\b|years?|yrs?|yr\\b)`;
/** Half a unit more after the unit: "a year and a half", "two months and a half" (a captured group). */
export const AND_A_HALF = `(\\s{1,2}and\\s{1,2}a\\s{1,2}half(?![a-z]))?`;

/**
 * A duration introduced by "for/x/over/past/lasting/total of...": "x 8 weeks", "x6 wks", "for 6
 * weeks", "for the past several years", "over two months", "for over a year", "for a year and a
 * half". Groups: 1 the lead-in, 2 qualifier (over/about/...), 3 count, 4 unit, 5 "and a half".
 */
export const DURATION_LEAD = new RegExp(
  `(?<![a-z])(for|x|×|over|during|throughout|lasting|past|last|total\\s{1,2}of|course\\s{1,2}of|duration\\s{1,2}of|period\\s{1,2}of)` +
    `\\s{0,2}(?:the\\s{1,2}(?:past|last|previous|prior|preceding)\\s{1,2}|the\\s{1,2})?` +
    `((?:about|approximately|ap?prox\\.?|roughly|nearly|almost|around|~|over|more\\s{1,2}than|greater\\s{1,2}than|>|at\\s{1,2}least|less\\s{1,2}than|<|under|well\\s{1,2}over|close\\s{1,2}to|just\\s{1,2}over|the\\s{1,2}(?:past|last))\\s{0,2})?` +
    `(${COUNT})\\s{0,2}${D}?\\s{0,2}${TIME_UNIT}${AND_A_HALF}`,
  'gi',
);

/**
 * A duration written as a modifier or with "of": "6-week course", "6 week trial", "8 weeks of PT",
 * "3-month history", "3 months of conservative care". Groups: 1 count, 2 unit.
 */
export const DURATION_ATTRIBUTIVE = new RegExp(
  `(?<![a-z0-9.])(${COUNT})\\s{0,2}${D}?\\s{0,2}${TIME_UNIT}` +
    `(?=\\s{0,2}${D}?\\s{0,2}(?:course|trial|program|regimen|history|duration|period|of\\s{1,2}(?!age\\b|life\\b|gestation|the\\s{1,2}(?:year|month|week))))`,
  'gi',
);

/** A duration in parentheses: "(~18 mos)", "(approx. 6 weeks)", "(x 8 weeks)". Groups: 1 tilde/approx, 2 count, 3 unit. */
export const DURATION_PAREN = new RegExp(
  `\\(\\s{0,2}(~|approx\\.?|approximately|about|x|over|>)?\\s{0,2}(${COUNT})\\s{0,2}${D}?\\s{0,2}${TIME_UNIT}\\s{0,2}(?:total\\s{0,2})?\\)`,
  'gi',
);

/** One unit with no count after "the past/last": "for the past year", "over the last year and a half",
 * "throughout the previous month". Groups: 1 unit, 2 "and a half". */
export const DURATION_THE_PAST = new RegExp(
  `(?<![a-z])(?:for|over|during|throughout)\\s{1,2}the\\s{1,2}(?:past|last|previous|prior|preceding)\\s{1,2}(year|month|week)${AND_A_HALF}(?![a-z])`,
  'gi',
);

/**
 * Most of a span: "for the better part of a year", "the greater part of two years", "most of the past
 * year". Three quarters of it, approximately. Groups: 1 count (a/one/two/...), 2 unit.
 */
export const DURATION_BETTER_PART = /(?<![a-z])(?:(?:for|over|during)\s{1,2})?(?:(?:the\s{1,2})?(?:better|greater|best)\s{1,2}part|most)\s{1,2}of\s{1,2}(?:the\s{1,2}(?:past|last|previous)\s{1,2})?(a|an|one|two|three|four|five|\d)?\s{0,2}(year|month)s?(?![a-z])/gi;

/** "2 years ago", "three months ago", "a year ago", "a year and a half ago". Groups: 1 count, 2 unit, 3 "and a half". */
export const DURATION_AGO = new RegExp(
  `(?<![a-z0-9.])(${COUNT})\\s{0,2}${D}?\\s{0,2}${TIME_UNIT}${AND_A_HALF}\\s{1,2}ago(?![a-z])`,
  'gi',
);

/** A count of sessions/visits: "12 sessions", "twelve visits", "8 PT sessions". Groups: 1 count. */
export const SESSIONS = new RegExp(
  `(?<![a-z0-9.])(\\d{1,3}(?:\\s{0,2}${D}\\s{0,2}\\d{1,3})?|${NUMBER_WORDS})\\s{1,2}(?:(?:pt|physical\\s{1,2}therapy|therapy|chiropractic|chiro|acupuncture|treatment|visits?\\s{1,2}of)\\s{1,2})?(?:sessions?|visits?|treatments?)(?![a-z])`,
  'gi',
);

/** "since March", "since 2019", "since March 2022", "since 03/2022", "since last year". Group 1 = what follows. */
export const SINCE = /(?<![a-z])(?:since|(?:dates?|dating)\s{1,2}(?:back\s{1,2})?to|(?:go|goes|going|went)\s{1,2}back\s{1,2}to|starting\s{1,2}in|beginning\s{1,2}in|began\s{1,2}in|started\s{1,2}in|onset(?:\s{1,2}in)?|(?:(?:date\s{1,2}of|symptoms?|sx|pain)\s{1,2})?onset(?:\s{1,2}(?:date|of\s{1,2}(?:symptoms?|sx|pain)))?\s{0,2}:[ \t]{0,40}?)\s{1,2}(?:(?:about|around|approximately|approx\.?|roughly|at\s{1,2}least|~)\s{0,2})?((?:(?:early|late|mid)[\s-]{1,2})?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?(?:\s{1,2}(?:of\s{1,2})?(?:(?:19|20)\d\d|['\u2019]\d\d))?|(?:0?[1-9]|1[0-2])\/(?:19|20)\d\d|(?:(?:early|late|mid)[\s-]{1,2})?(?:19|20)\d\d|(?:the\s{1,2})?(?:(?:early|late|mid)[\s-]{1,2})?(?:spring|summer|fall|autumn|winter)\s{1,2}(?:of\s{1,2})?(?:(?:19|20)\d\d|['\u2019]\d\d)|last\s{1,2}(?:year|month|summer|winter|spring|fall))(?![a-z0-9])/gi;
/** "Naproxen started 01/29/2026", "PT began on 2/2/26": a course running from a full date. */
export const STARTED_ON = /(?<![a-z])(?:started|began|begun|initiated|commenced|since)\s{1,2}(?:on\s{1,2})?(?:(?:~|about|around|approx(?:imately|\.)?)\s{0,2})?((?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/(?:(?:19|20)\d\d|\d\d))(?![0-9/])/gi;
/**
 * "since a rear-end collision in 2022", "ever since lifting a pallet at work on 05/02/2024", "it
 * started after she lifted a patient at work on 02/14/2024", "symptoms date back to a fall on the
 * ice in January 2025", "dates to a fall on the ice while visiting family in Flagstaff in January 2021",
 * "first came on in October 2023", "since the rear-end collision of 04/03/2025": the
 * onset told by the event and its date.
 */
export const SINCE_EVENT = /(?<![a-z])(?:since|started|began|begun|came\s{1,2}on|(?:first\s{1,2})?(?:appeared|developed|arose)|(?:dates?|dating)\s{1,2}(?:back\s{1,2})?to|(?:go|goes|going|went)\s{1,2}back\s{1,2}to)\s{1,2}(?:(?!since\b)[a-z'-]{1,20}[,]?\s{1,2}){0,12}?(?:in|on|around|about|(?<!\b(?:end|start|beginning|middle|rest|part|half|course|week|month|year)\s{1,2})of)\s{1,8}((?:(?:early|late|mid)[\s-]{1,2})?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?(?:\s{1,2}\d{1,2},?)?(?:\s{1,2}(?:of\s{1,2})?(?:19|20)\d\d)?|(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/(?:19|20)\d\d|(?:0?[1-9]|1[0-2])\/(?:19|20)\d\d|(?:19|20)\d\d)(?![a-z0-9])/gi;

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/** Month names and their usual abbreviations. */
export const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** US numeric date m/d/yyyy or m/d/yy, also with '-' or '.': "03/14/2023", "3-14-23". Groups: 1 m, 2 d, 3 y. */
export const DATE_MDY = new RegExp(
  `(?<![0-9/.${'\\-'}])(\\d{1,2})([/.]|${D})(\\d{1,2})\\2(\\d{4}|\\d{2})(?![0-9]|[/.]\\d|${D}\\d)`,
  'g',
);

/** ISO date yyyy-mm-dd (also yyyy/mm/dd). Groups: 1 y, 2 m, 3 d. */
export const DATE_ISO = new RegExp(`(?<![0-9/.])((?:19|20)\\d\\d)([/]|${D})(\\d{1,2})\\2(\\d{1,2})(?![0-9])`, 'g');

/** "March 14, 2023", "Mar 14 2023", "Sept. 22, 2014", "March 14th, 2023". Groups: 1 month, 2 day, 3 year. */
export const DATE_MONTH_DAY_YEAR = new RegExp(
  `(?<![a-z])(${MONTH_NAME})\\.?\\s{0,2}(\\d{1,2})(?:st|nd|rd|th)?(?:,\\s{0,2}|\\s{1,2}|,?\\s{0,2}${D}\\s{0,2})((?:19|20)\\d\\d)(?![0-9])`,
  'gi',
);

/** "14 March 2023", "14-Mar-2023", "14 Mar, 2023". Groups: 1 day, 2 month, 3 year. */
export const DATE_DAY_MONTH_YEAR = new RegExp(
  `(?<![0-9a-z])(\\d{1,2})(?:st|nd|rd|th)?(?:\\s{1,2}|${D})(?:of\\s{1,2})?(${MONTH_NAME})\\.?(?:,?\\s{1,2}|${D})((?:19|20)\\d\\d|\\d\\d)(?![0-9])`,
  'gi',
);

/** "03/2023", "3/2023", "03-2023". Groups: 1 month, 2 year. */
export const DATE_MONTH_YEAR_NUMERIC = new RegExp(`(?<![0-9/.${'\\-'}])(\\d{1,2})(?:/|${D})((?:19|20)\\d\\d)(?![0-9]|/\\d)`, 'g');

/** "March 2023", "March of 2023", "Sept. 2014", "Mar, 2023". Groups: 1 month, 2 year. */
export const DATE_MONTH_NAME_YEAR = new RegExp(
  `(?<![a-z])(${MONTH_NAME})\\.?,?\\s{1,2}(?:of\\s{1,2})?((?:19|20)\\d\\d)(?![0-9])`,
  'gi',
);

/**
 * A year on its own, only in a date-like context: "in 2008", "since 2019", "(2008)", "back in
 * 1998", "circa 2010", "year 2015", "dated 2020". Group 1 = year; the span covers the year only.
 */
export const DATE_YEAR_CONTEXT = /(?:(?<![a-z])(?:in|since|from|during|of|circa|ca\.|until|till|through|around|approximately|approx\.?|about|before|after|by|year|dated|back\s{1,2}in|in\s{1,2}the\s{1,2}year|in\s{1,2}early|in\s{1,2}late|in\s{1,2}mid)\s{1,2}|\(\s{0,1}|~\s{0,1})((?:19[5-9]\d|20[0-2]\d|203[0-5]))(?![0-9])(?!\s{0,2}(?:mg|mcg|ml|units?|patients|cases|\/))/gi;

// ---------------------------------------------------------------------------------------------
// Pain and disability scores
// ---------------------------------------------------------------------------------------------

/**
 * A labelled scale score: "VAS 6", "VAS: 6/10", "NRS: 8/10", "NPRS 7", "ODI 42%", "ODI: 21/50",
 * "Oswestry 38", "Oswestry Disability Index score of 38%", "RMDQ 12", "Roland-Morris 12/24".
 * Groups: 1 scale label, 2 value, 3 second value of a range, 4 explicit max.
 */
export const SCALE_SCORE = new RegExp(
  `(?<![a-z])(vas|visual\\s{1,2}analog(?:ue)?\\s{1,2}scale|nrs|nprs|numeric(?:al)?\\s{1,2}(?:pain\\s{1,2})?rating\\s{1,2}scale|odi|oswestry(?:\\s{1,2}disability\\s{1,2}(?:index|questionnaire))?|rmdq|roland${D}?\\s{0,2}morris(?:\\s{1,2}disability\\s{1,2}questionnaire)?)` +
    `(?:\\s{0,2}\\((?:vas|nrs|nprs|odi|rmdq)\\))?(?:\\s{0,2}(?:pain\\s{1,2})?(?:score|scores|rating|index|level))?\\s{0,2}(?:[:=]|is|was|of|at|as|-)?\\s{0,3}(?:of\\s{1,2})?` +
    `(\\d{1,3}(?:\\.\\d)?)(?:\\s{0,2}(?:${D}|to)\\s{0,2}(\\d{1,3}(?:\\.\\d)?))?(?:\\s{0,2}(?:/|out\\s{1,2}of)\\s{0,2}(\\d{1,3}))?(?!\\d|\\.\\d|\\s{0,2}(?:mg|cm|weeks?|days?|months?|years?))`,
  'gi',
);

/**
 * "pain 7/10", "pain is 7/10", "pain: 7", "pain level 5", "pain score of 8", "rates pain at 6
 * out of 10", "rates her pain as a 7", "pain intensity 6/10". Groups: 1 value, 2 range end, 3 max.
 */
export const PAIN_SCORE_LABELLED = new RegExp(
  `(?<![a-z])(?:pain|discomfort)(?:\\s{1,2}(?:level|score|scale|rating|intensity|severity))?(?:\\s{1,2}(?:is|was|of|at|as|currently|today|now|rated|reported|remains))?(?:\\s{1,2}(?:at|as|of))?\\s{0,2}(?:[:=]|-)?\\s{0,2}(?:an?\\s{1,2})?` +
    `(\\d{1,2}(?:\\.\\d)?)(?:\\s{0,2}(?:${D}|to)\\s{0,2}(\\d{1,2}(?:\\.\\d)?))?(?:\\s{0,2}(?:/|out\\s{1,2}of)\\s{0,2}(10)|\\s{1,2}on\\s{1,2}(?:a|the)\\s{1,2}(?:scale\\s{1,2}of\\s{1,2})?0?\\s{0,2}(?:${D}|to)\\s{0,2}(10)(?:\\s{1,2}scale)?)?(?![0-9]|\\.\\d|/\\d|\\s{0,2}(?:mg|weeks?|wks?|days?|months?|years?|yrs?|hours?|times|x\\b|%))`,
  'gi',
);

/** "rates (his/her/the) pain at/as 6 out of 10", "rated it 7/10". Groups: 1 value, 2 range end, 3 max. */
export const PAIN_SCORE_RATES = new RegExp(
  `(?<![a-z])rat(?:es|ed|ing)\\s{1,2}(?:(?:his|her|their|the|this|it|current|overall|back|leg|low\\s{1,2}back)\\s{1,2}){0,3}(?:pain\\s{1,2})?(?:(?:at|as|an?)\\s{1,2}){0,2}` +
    `(\\d{1,2}(?:\\.\\d)?)(?:\\s{0,2}(?:${D}|to)\\s{0,2}(\\d{1,2}(?:\\.\\d)?))?(?:\\s{0,2}(?:/|out\\s{1,2}of)\\s{0,2}(10))?(?![0-9]|\\.\\d|/\\d)`,
  'gi',
);

/** A bare "7/10" or "7 out of 10" (range "6-7/10"). Groups: 1 value, 2 range end. */
export const SCORE_OF_TEN = new RegExp(
  `(?<![0-9./${'\\-'}])(\\d{1,2}(?:\\.\\d)?)(?:\\s{0,2}${D}\\s{0,2}(\\d{1,2}(?:\\.\\d)?))?\\s{0,2}(?:/|out\\s{1,2}of)\\s{0,2}10(?![0-9]|\\s{0,2}/\\s{0,2}\\d|\\.\\d)`,
  'gi',
);

// ---------------------------------------------------------------------------------------------
// Doses
// ---------------------------------------------------------------------------------------------

/**
 * An amount with a dose unit: "300 mg", "0.5 mg", ".5mg", "1 mL", "2 cc", "40 mg/mL", "100 mcg",
 * "1 g", "0.5%". Not lab units ("2.0 mg/dL"). Groups: 1 amount, 2 unit.
 */
export const DOSE = new RegExp(
  `(?<![0-9a-z.])(\\d{1,5}(?:,\\d{3})?(?:\\.\\d{1,3})?|\\.\\d{1,3})\\s{0,2}(mg\\s{0,1}/\\s{0,1}ml|mg\\s{0,1}/\\s{0,1}kg|mg|mcg|µg|ug|micrograms?|milligrams?|grams?|gm|g|ml|cc|%)` +
    `(?![a-z0-9]|\\s{0,1}/\\s{0,1}(?:dl|l\\b|hr|h\\b|min|m2|day|d\\b))`,
  'gi',
);

/**
 * A dosing frequency (sig). Groups name the code: see FREQUENCY_CODES for group order.
 * "TID", "t.i.d.", "three times daily/a day", "q8h", "q 8 hours", "every 8 hours", "q.h.s.",
 * "at bedtime", "nightly", "daily", "once a day", "BID", "QID", "q4-6h", "every other day", "weekly".
 */
export const FREQUENCY = new RegExp(
  `(?<![a-z])(?:` +
    `(q\\.?\\s?d\\.?|qday|daily|once\\s{1,2}(?:a|per)\\s{1,2}day|once\\s{1,2}daily|(?:one|1)\\s{1,2}times?\\s{1,2}(?:a\\s{1,2}|per\\s{1,2})?day|every\\s{1,2}day|a\\s{1,2}day)` +
    `|(b\\.?\\s?i\\.?\\s?d\\.?|twice\\s{1,2}(?:a\\s{1,2}|per\\s{1,2})?(?:daily|day)|(?:two|2)\\s{1,2}times\\s{1,2}(?:a\\s{1,2}|per\\s{1,2})?(?:daily|day)|every\\s{1,2}12\\s{1,2}hours)` +
    `|(t\\.?\\s?i\\.?\\s?d\\.?|(?:three|3)\\s{1,2}times\\s{1,2}(?:a\\s{1,2}|per\\s{1,2})?(?:daily|day))` +
    `|(q\\.?\\s?i\\.?\\s?d\\.?|(?:four|4)\\s{1,2}times\\s{1,2}(?:a\\s{1,2}|per\\s{1,2})?(?:daily|day))` +
    `|(q\\.?\\s?h\\.?\\s?s\\.?|h\\.s\\.|hs|at\\s{1,2}bed\\s?time|nightly|every\\s{1,2}night|at\\s{1,2}night|before\\s{1,2}bed)` +
    `|(q\\.?\\s?a\\.?\\s?m\\.?|every\\s{1,2}morning|in\\s{1,2}the\\s{1,2}morning)` +
    `|(q\\.?\\s?p\\.?\\s?m\\.?|every\\s{1,2}evening|in\\s{1,2}the\\s{1,2}evening)` +
    `|q\\.?\\s?(\\d{1,2}(?:\\s{0,1}${D}\\s{0,1}\\d{1,2})?)\\s{0,1}(?:h|hrs?|hours?)\\.?|every\\s{1,2}(\\d{1,2}(?:\\s{0,1}(?:${D}|to)\\s{0,1}\\d{1,2})?)\\s{1,2}(?:hours?|hrs?)` +
    `|(q\\.?\\s?o\\.?\\s?d\\.?|every\\s{1,2}other\\s{1,2}day)` +
    `|(weekly|once\\s{1,2}(?:a|per)\\s{1,2}week|every\\s{1,2}week|q\\s?(?:wk|week))` +
  `)(?![a-z])`,
  'gi',
);
/** The frequency code of each capture group of FREQUENCY, in order (null = computed Q<n>H). */
export const FREQUENCY_CODES: readonly (string | null)[] = ['QD', 'BID', 'TID', 'QID', 'QHS', 'QAM', 'QPM', null, null, 'QOD', 'QWK'];

/** A route: PO/by mouth/orally, IV, IM, SC/subQ, topical, transdermal, SL. Groups name the route (see ROUTE_CODES). */
export const ROUTE = /(?<![a-z])(?:(p\.?\s?o\.?|by\s{1,2}mouth|orally|per\s{1,2}os)|(i\.?v\.?|intravenous(?:ly)?)|(i\.?m\.?|intramuscular(?:ly)?)|(s\.?c\.?|sub\s?q|subcut(?:aneous(?:ly)?)?|s\.?q\.?)|(topical(?:ly)?)|(transdermal(?:ly)?|patch)|(s\.?l\.?|sublingual(?:ly)?))(?![a-z])/gi;
/** The route code of each capture group of ROUTE, in order. */
export const ROUTE_CODES: readonly string[] = ['PO', 'IV', 'IM', 'SC', 'TOP', 'TD', 'SL'];

/**
 * Where a sig ends: a line end, ';', a sentence end, or a comma not followed by more sig
 * ("Colace 200 mg p.o. q.d., Senokot ..." stops before Senokot).
 */
export const SIG_STOP = /\n|;|\.\s{1,2}[a-z]{3,}\s|\.\s*$|,\s{0,2}(?!(?:p\.?\s?r\.?\s?n|as\s{1,2}needed|p\.?o\b|orally|by\s{1,2}mouth|daily|nightly|q\.?\s?\d|q\.?[dh]|q\.?a\.?m|[bt]\.?i\.?d|q\.?i\.?d|once|twice|three|four|every|at\s{1,2}bed|with\s{1,2}meals|for\s{1,2}pain)\b)/i;

/** "prn", "p.r.n.", "as needed", "as necessary". */
export const PRN = /(?<![a-z])(?:p\.?\s?r\.?\s?n\.?|as\s{1,2}needed|as\s{1,2}necessary|when\s{1,2}needed)(?![a-z])/i;

/** Words around a '%' that make it a drug concentration ("0.5% bupivacaine", "lidocaine 1%"). */
export const CONCENTRATION_DRUG = /(?:[a-z]{2,12}caine|naropin|marcaine|sensorcaine|xylocaine|dextrose|saline|nacl|chlorhexidine|povidone|betadine|solution|strength)/i;

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

/**
 * ICD-10-CM, dotted: a letter other than U, a digit, a digit or letter, a dot, 1–4 characters
 * ("M47.816", "G89.29", "S33.5XXA", "M54.5"). Group 1 = the code.
 */
export const ICD10_DOTTED = /(?<![a-z0-9.])([a-tv-z][0-9][0-9a-z]\.[0-9a-z]{1,4})(?![a-z0-9]|\.\d)/gi;

/** ICD-10-CM without its dot ("M47816", "M5416") or a bare category ("M54"): needs a code context; third character a digit ("G2P1" is not a code). Group 1. */
export const ICD10_UNDOTTED = /(?<![a-z0-9.\-/])([a-tv-z][0-9][0-9](?:[0-9a-z]{1,4})?)(?![a-z0-9]|\.\d)/gi;

/** ICD-9-CM ("724.4", "722.10", "V45.4"): needs an explicit ICD-9 context. Group 1. */
export const ICD9 = /(?<![a-z0-9.\-/])((?:\d{3}|v\d{2})\.\d{1,2})(?![0-9.]|\s{0,2}%)/gi;

/** A label that makes nearby codes ICD codes: "ICD-10", "ICD", "Dx", "diagnosis code(s)". */
export const ICD_CONTEXT = /icd|\bdx\b|diagnos[ie]s|diagnosis|impression|assessment/i;
/** An explicit ICD-9 label ("ICD-9", "ICD9"). */
export const ICD9_CONTEXT = /icd[\s-]{0,2}9|icd9/i;

/** A CPT code (5 digits) or a Category II/III code ("0275T"). Group 1. Context is checked by the caller. */
export const CPT = /(?<![0-9a-z.$#\-/])(\d{5}|\d{4}[ft])(?![0-9a-z]|[.,]\d|\/\d|-\d{3}|-\d(?!\d))/gi;

/** A label that makes nearby 5-digit numbers CPT codes. */
export const CPT_CONTEXT = /\bcpt|\bhcpcs|procedure\s{1,2}codes?|billing|\bbilled|charges?\b|\bcodes?\b|\bcode\s{0,2}[:#]/i;

/** What rules out a 5-digit number as a CPT code: zip (after a state; not "in"/"or", which are words), phone, fax, claim/member/account ids, money. */
export const CPT_BLOCK_BEFORE = /(?:zip|postal|phone|ph|tel|fax|claim|member|acct|account|mrn|policy|group|id|ssn|dob|npi|tin|ein|suite|ste|box|#|no\.|number|\$|,\s{0,2}[a-z]{2}|\b(?:al|ak|az|ar|ca|co|ct|de|dc|fl|ga|hi|ia|il|ks|ky|la|ma|md|me|mi|mn|mo|ms|mt|nc|nd|ne|nh|nj|nm|nv|ny|oh|ok|pa|ri|sc|sd|tn|tx|ut|va|vt|wa|wi|wv|wy))\s{0,2}[:#.]?\s{0,2}$/i;

/** A HCPCS Level II code ("J1030", "Q9967", "A4550"). Group 1. Context or a known J/Q code is checked by the caller. */
export const HCPCS = /(?<![a-z0-9.\-/])([a-v]\d{4})(?![a-z0-9]|\.\d)/gi;

/**
 * Modifiers and units after a code: "-50", " 50", "RT", "LT", "KX", "59", "XS", "x1", "x 2 units",
 * "units: 2", and in a code table the next columns ("64483      RT    1"): up to 8 spaces, then a
 * bare count followed by a column gap or the line end. Groups: 1 modifier, 2/3/4/5 units.
 */
export const CODE_TAIL = /^(?:\s{0,8}(?:[-,/]\s{0,1}|\s)\s{0,1}(?:(?:mod(?:ifiers?|s)?\.?\s{0,2}[:#]?\s{0,2})?(50|51|52|59|25|26|76|77|79|tc|rt|lt|kx|xs|xu|xe|xp|gw|ga|gz|gy|gp|gc|ag|q0)(?![a-z0-9%]|\.\d)|(?:x|×)\s{0,2}(\d{1,2})(?:\s{0,2}units?)?(?![0-9])|(?:units?|qty|quantity)\s{0,2}[:=x]?\s{0,2}(\d{1,2})(?![0-9])|\(?(\d{1,2})\s{1,2}units?\)?)|\s{2,8}(\d{1,2})(?=\s{2}|[ \t]{0,8}(?:\n|$)))/i;

/** Units at the end of a code-table row ("J3301  Triamcinolone acetonide, per 10 mg   x8"). Group 1. */
export const ROW_END_UNITS = /(?:\s(?:x|×)\s{0,2}|units?\s{0,2}[:=]?\s{0,2}|qty\s{0,2}[:=]?\s{0,2})(\d{1,2})\s*$/i;

/**
 * Where an ICD-9 code sits in a diagnosis list without an "ICD-9" label: after a diagnosis heading
 * ("DIAGNOSES:", "Diagnosis (ICD)", "Dx:", "allowed conditions:", "impression:") within the
 * preceding lines.
 */
export const DIAGNOSIS_LIST_CONTEXT = /diagnos[ie]s|diagnosis|\bdx\b|icd|conditions\s{0,2}:|impression|assessment/i;
