/**
 * Command-line parsing on Node's `util.parseArgs` (strict: an unknown or mis-cased option is an
 * error, never ignored). The exported shape is the one every command already uses:
 * `parseArgs(argv, { values, booleans })` → `{ positionals, options: Map<name, string[]>, flags }`.
 *
 * `--help`/`-h` is handled here for every command: when the spec lists `help` among its booleans,
 * parseArgs throws HelpRequested carrying the command's options, and src/cli/main.ts prints the
 * command's help on stdout and exits 0. The help is built from the spec itself, so an option a
 * command adds is listed without further edits (describe it in OPTION_DOCS or `spec.describe`).
 *
 * Exit codes (src/errors): a wrong command line (unknown option, missing value, bad value such as an
 * unknown `--policy` id) is MEDNEC_USAGE, exit 64; an input that is missing or holds no notes is
 * MEDNEC_INPUT_MISSING / MEDNEC_INPUT_EMPTY, exit 2.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { MednecError } from '../errors/index.ts';

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

export interface ArgSpec {
  /** Options that take a value (may repeat). */
  values?: string[];
  /** Boolean switches. */
  booleans?: string[];
  /** Per-option help text, overriding OPTION_DOCS. */
  describe?: Record<string, string>;
}

/** Help text for options, shared by the commands that take them. */
export const OPTION_DOCS: Record<string, string> = {
  help: 'show this help and exit',
  policy: 'evaluate this policy only (repeatable; the first governs); ids are listed below',
  format: 'output format',
  out: 'write the output file(s) to this directory instead of stdout (owner-only)',
  'no-ocr': 'do not OCR scanned pages (a scanned-only PDF then fails)',
  recursive: 'look for notes in subdirectories too',
  json: 'write the JSON result (qa: to this file, or - for stdout; others: print JSON)',
  html: 'write an HTML report to this file',
  'min-f1': 'fail (exit 1) when overall facts F1 is below this number (0..1)',
  types: 'score only these fact types (comma-separated)',
  'write-baseline': 'write the QA baseline (scores per note) to this file',
  baseline: 'compare to this baseline and fail (exit 1) on a regression',
  forms: 'score each form found beside a gold (pdf, fax-std, fax-fine; comma-separated; see scripts/make-packet-forms.ts)',
  'allow-missing': 'a folder that does not exist is a warning, not an error',
  agreement: 'compare two sets of golds: <name>.gold.json in the first folder with <name>.gold2.json in the second',
  reps: 'timed repetitions',
  warmup: 'untimed warm-up repetitions',
  'compromise-reps': 'repetitions of the compromise comparison',
  'no-compromise': 'skip the compromise comparison',
  concurrency: 'documents processed at once',
  code: 'only failures with this error code',
  failed: 'retry every failed document',
  port: 'TCP port',
  host: 'address to listen on',
  dir: 'data directory',
  bind: 'address to bind',
  maxmemory: 'Redis maxmemory setting',
  'print-args': 'print the redis-server arguments and exit',
  'poll-ms': 'polling interval in milliseconds',
  file: 'input file',
  errors: 'list the mismatches',
  stages: 'show per-stage timings',
  'read-only': 'no retry/remove buttons',
};

/** Thrown by parseArgs on --help/-h; main.ts prints `helpFor(...)` on stdout and exits 0. */
export class HelpRequested extends Error {
  readonly spec: ArgSpec;
  constructor(spec: ArgSpec) {
    super('help requested');
    this.name = 'HelpRequested';
    this.spec = spec;
  }
}

function suggest(name: string, known: string[]): string {
  const lower = name.toLowerCase();
  const hit = known.find((k) => k.toLowerCase() === lower) ?? known.find((k) => k.startsWith(lower) || lower.startsWith(k));
  return hit ? ` (did you mean --${hit}?)` : '';
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const values = spec.values ?? [];
  const booleans = spec.booleans ?? [];
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const v of values) options[v] = { type: 'string', multiple: true };
  for (const b of booleans) options[b] = { type: 'boolean', ...(b === 'help' ? { short: 'h' } : {}) };
  const known = [...values, ...booleans];
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const m = /'(-{1,2}[^'\s]+)/.exec((e as Error).message);
    const raw = m?.[1]?.replace(/=.*$/, '') ?? '';
    const name = raw.replace(/^-+/, '');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      if (raw === '-h' || raw === '--help') throw new HelpRequested(spec);
      throw new MednecError('MEDNEC_USAGE', `unknown option ${raw}${suggest(name, known)}; see --help`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const next = argv[argv.indexOf(raw) + 1] ?? '';
      if (values.includes(name) && /ambiguous/.test((e as Error).message) && !next.startsWith('--')) {
        throw new MednecError('MEDNEC_USAGE', `--${name}: a value starting with a dash is written --${name}=<value>`);
      }
      if (values.includes(name)) throw new MednecError('MEDNEC_USAGE', `--${name} needs a value`);
      throw new MednecError('MEDNEC_USAGE', `--${name} takes no value`);
    }
    throw new MednecError('MEDNEC_USAGE', (e as Error).message.split('\n')[0]!);
  }
  const out: ParsedArgs = { positionals: [...parsed.positionals], options: new Map(), flags: new Set() };
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (values.includes(t.name)) {
      // `--format --json`: util.parseArgs takes the next option as the value; a value never starts with --.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) throw new MednecError('MEDNEC_USAGE', `--${t.name} needs a value`);
      out.options.set(t.name, [...(out.options.get(t.name) ?? []), t.value]);
    } else {
      out.flags.add(t.name);
    }
  }
  if (out.flags.has('help')) throw new HelpRequested(spec);
  return out;
}

export function opt(a: ParsedArgs, name: string): string | undefined {
  const v = a.options.get(name);
  return v ? v[v.length - 1] : undefined;
}

/** The help of one command: its usage line, every option with its text, and any extra lines. */
export function helpFor(usage: string, spec: ArgSpec, extra: string[] = []): string {
  const rows: [string, string][] = [];
  for (const v of spec.values ?? []) rows.push([`--${v} <value>`, spec.describe?.[v] ?? OPTION_DOCS[v] ?? '']);
  for (const b of spec.booleans ?? []) rows.push([b === 'help' ? '-h, --help' : `--${b}`, spec.describe?.[b] ?? OPTION_DOCS[b] ?? '']);
  const w = Math.max(0, ...rows.map(([k]) => k.length)) + 2;
  return [`usage: mednec ${usage}`, '', 'options:', ...rows.map(([k, d]) => `  ${k.padEnd(w)}${d}`.trimEnd()), ...(extra.length ? ['', ...extra] : []), ''].join('\n');
}
