/** Tiny argv parser: `--flag value`, `--flag=value`, repeated flags, booleans, positionals. */
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
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { out.positionals.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (booleans.has(name)) { out.flags.add(name); continue; }
      if (!values.has(name)) throw new MednecError('MEDNEC_USAGE', `unknown option --${name}`);
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new MednecError('MEDNEC_USAGE', `--${name} needs a value`);
      out.options.set(name, [...(out.options.get(name) ?? []), v]);
    } else if (a === '-h') {
      out.flags.add('help');
    } else {
      out.positionals.push(a);
    }
  }
  return out;
}

export function opt(a: ParsedArgs, name: string): string | undefined {
  const v = a.options.get(name);
  return v ? v[v.length - 1] : undefined;
}
