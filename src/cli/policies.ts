/** `--policy` ids: checked against the policy files, exactly (ids are lower-case, case matters). */
import { MednecError } from '../errors/index.ts';
import { loadPolicies } from '../criteria/policy.ts';

export function policyIds(): { id: string; title: string }[] {
  return loadPolicies().map((p) => ({ id: p.id, title: p.title }));
}

/** Help lines listing the policy ids a command accepts. */
export function policyHelp(): string[] {
  const ids = policyIds();
  const w = Math.max(...ids.map((p) => p.id.length)) + 2;
  return ['policy ids (--policy):', ...ids.map((p) => `  ${p.id.padEnd(w)}${p.title}`)];
}

/** The ids as given, or a usage error (exit 64) naming the bad id, a near match and every valid id. */
export function checkPolicyIds(given: readonly string[] | undefined): string[] | undefined {
  if (!given?.length) return undefined;
  const ids = policyIds().map((p) => p.id);
  for (const g of given) {
    if (ids.includes(g)) continue;
    const near = ids.find((i) => i.toLowerCase() === g.toLowerCase().trim());
    const hint = near ? ` (ids are case-sensitive: did you mean ${near}?)` : '';
    throw new MednecError('MEDNEC_USAGE', `unknown --policy "${g}"${hint}; valid ids: ${ids.join(', ')}`);
  }
  return [...given];
}
