/** Output discipline: results on stdout only; everything else on stderr. Files written 0600 (PHI). */
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export function out(s: string): Promise<void> {
  return new Promise((res, rej) => process.stdout.write(s, (e) => (e ? rej(e) : res())));
}

export function err(s: string): void {
  process.stderr.write(s.endsWith('\n') ? s : s + '\n');
}

/** Atomic, owner-only write (rename of a temp file in the same directory). */
export async function writePrivate(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, path);
}
