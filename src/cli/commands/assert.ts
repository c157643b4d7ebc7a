/**
 * `mednec assert`: JSON lines on stdin `{"text": "...", "target": "..."}` (optional `targetType`,
 * `section`), one JSON line per input line on stdout, in order:
 * `{"assertion","experiencer","historical","trigger","rule"}` or `{"error": "..."}`.
 * The text is one document; the target is found case-insensitively with white space folded
 * (CONTRACT.md, "Assertion command line"). Same engine as `review`.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { loadResources, type Resources } from '../../resources.ts';
import { getContextEngine } from '../../nlp/context/engine.ts';
import { assertText } from '../../nlp/context/assert-text.ts';
import { parseArgs } from '../args.ts';
import { err, out } from '../io.ts';

const InputLine = z.object({
  text: z.string(),
  target: z.string().min(1),
  targetType: z.string().optional(),
  section: z.string().optional(),
});

export function assertLine(res: Resources, line: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'input line is not JSON' };
  }
  const p = InputLine.safeParse(json);
  if (!p.success) return { error: `input line needs "text" and "target" strings (${p.error.issues.map((i) => i.path.join('.') || i.message).join(', ')})` };
  const a = assertText(res, p.data.text, p.data.target, { targetType: p.data.targetType, section: p.data.section });
  if (!a.ok) return { error: a.error };
  const r = a.detail.result;
  return { assertion: r.assertion, experiencer: r.experiencer, historical: r.historical, trigger: r.trigger?.text ?? null, rule: r.rule };
}

export async function run(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { booleans: ['help'] });
  if (a.flags.has('help')) {
    err('usage: mednec assert < lines.jsonl   (each line {"text": "...", "target": "...", "targetType"?: "...", "section"?: "..."})');
    return 0;
  }
  const res = loadResources();
  getContextEngine(res); // compile before the first line
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buf = '';
  for await (const line of rl) {
    if (!line.trim()) continue;
    buf += JSON.stringify(assertLine(res, line)) + '\n';
    if (buf.length > 1 << 16) { await out(buf); buf = ''; }
  }
  if (buf) await out(buf);
  return 0;
}
