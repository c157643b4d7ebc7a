/**
 * Which policy governs a request (contract "Determination"): `--policy`; a criteria set the packet
 * names (ODG/MCG/MTUS → odg; an LCD number → that CMS policy; CPB 0016 → aetna-cpb-0016); the
 * payer (Medicare/MA → the CMS LCD for the procedure; Aetna → aetna-cpb-0016 for facet procedures;
 * workers' compensation → odg); otherwise the CMS LCD for the procedure.
 */
import type { Case, CaseRequest } from '../case/schema.ts';
import type { Policy } from './policy.ts';

export interface GoverningChoice { policy: string; basis: string; factIds: string[] }

const covers = (p: Policy | undefined, r: CaseRequest): p is Policy => !!p && p.appliesTo.includes(r.procedure as never);

export function cmsPolicyFor(r: CaseRequest, policies: readonly Policy[]): Policy | undefined {
  return policies.find((p) => p.id.startsWith('cms-') && covers(p, r));
}

export function chooseGoverning(c: Case, r: CaseRequest, policies: readonly Policy[], override?: readonly string[]): GoverningChoice | null {
  const byId = new Map(policies.map((p) => [p.id, p]));
  for (const id of override ?? []) {
    if (covers(byId.get(id), r)) return { policy: id, basis: `--policy ${id}`, factIds: [] };
  }
  for (const s of c.criteriaSets) {
    const name = s.name.toLowerCase();
    let p: Policy | undefined;
    if (['odg', 'mtus', 'mcg', 'acoem'].includes(name)) p = byId.get('odg');
    else if (name === 'lcd' || name === 'article') {
      const id = (s.id ?? '').toUpperCase();
      p = policies.find((x) => x.id.startsWith('cms-') && x.names.includes(id) && covers(x, r)) ?? cmsPolicyFor(r, policies);
    } else if (name === 'cpb' && /^0*16$/.test((s.id ?? '').trim())) p = byId.get('aetna-cpb-0016');
    if (covers(p, r)) return { policy: p.id, basis: `the packet names the criteria set ${s.name}${s.id ? ` ${s.id}` : ''}`, factIds: s.factIds };
  }
  const payer = c.payer.name?.toLowerCase() ?? null;
  if (payer) {
    let p: Policy | undefined;
    if (payer === 'medicare' || payer === 'medicare_advantage') p = cmsPolicyFor(r, policies);
    else if (payer === 'aetna') p = byId.get('aetna-cpb-0016');
    else if (payer === 'workers_comp') p = byId.get('odg');
    if (covers(p, r)) return { policy: p.id, basis: `the payer is ${payer.replace(/_/g, ' ')}`, factIds: c.payer.factIds };
  }
  const p = cmsPolicyFor(r, policies);
  return p ? { policy: p.id, basis: 'no criteria set or payer decides: the CMS LCD for the procedure', factIds: [] } : null;
}
