/**
 * Calendar rules of the domain. Day boundaries, due dates and "overdue" use Asia/Yerevan
 * (docs/api.md). Intl is part of the language runtime, not a framework, so the domain may use it.
 */
const yerevanFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Yerevan', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Since Armenia gave up summer time (its last change of offset was on 2011-10-30), Yerevan has been at
 * UTC+4; from 2012 on the date is computed from that offset, which is many times cheaper than Intl —
 * as long as the runtime's time zone data agrees (checked once, at load, on a few instants up to a
 * year ahead: a future change of the offset in the data turns the shortcut off).
 */
const FIXED_OFFSET_FROM = Date.UTC(2012, 0, 1);
const OFFSET_MS = 4 * 3600_000;
const byOffset = (ms: number): string => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
const offsetHolds = ((): boolean => {
  const now = Date.now();
  const samples = [FIXED_OFFSET_FROM, Date.UTC(2019, 6, 1, 20, 0), Date.UTC(2024, 2, 31, 19, 59, 59, 999), now, now + 182 * 86_400_000, now + 365 * 86_400_000];
  return samples.every((ms) => yerevanFormat.format(new Date(ms)) === byOffset(ms));
})();

/** The calendar date (YYYY-MM-DD) in Yerevan at the instant `iso`. */
export const yerevanDate = (iso: string | Date): string => {
  const instant = typeof iso === 'string' ? new Date(iso) : iso;
  const ms = instant.getTime();
  return offsetHolds && ms >= FIXED_OFFSET_FROM ? byOffset(ms) : yerevanFormat.format(instant);
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 30 February). */
export const isIsoDate = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** True for an ISO 8601 date-time with an explicit offset or Z, that is a real instant. */
export const isIsoDateTime = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
  isIsoDate(value.slice(0, 10)) &&
  !Number.isNaN(new Date(value).getTime());

/** `date` plus `days` calendar days. */
export const addDays = (date: string, days: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
