/** Partial ISO dates (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) compared at the precision both share. */
const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && DATE_RE.test(s);
}

/** Days since 1970 of the earliest day the partial date can mean. */
export function toDay(s: string): number | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1) / 86_400_000;
}

export function precision(s: string): 'day' | 'month' | 'year' {
  const m = DATE_RE.exec(s);
  return m?.[3] ? 'day' : m?.[2] ? 'month' : 'year';
}

export function daysBetween(a: string, b: string): number | null {
  const x = toDay(a); const y = toDay(b);
  return x === null || y === null ? null : y - x;
}

/** Same calendar day, only when both dates are given to the day. */
export function sameDay(a?: string | null, b?: string | null): boolean {
  return !!a && !!b && precision(a) === 'day' && precision(b) === 'day' && a === b;
}

export function compareDates(a?: string | null, b?: string | null): number {
  const x = a ? toDay(a) : null; const y = b ? toDay(b) : null;
  if (x === null && y === null) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x - y;
}

export const DAYS_PER_MONTH = 30.44;
export const DAYS_PER_WEEK = 7;
