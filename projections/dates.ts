/**
 * Cheap date helpers for projections (a rebuild folds ≥ 100 000 events/s, so per-event work counts).
 * Business and store times written by the application are `toISOString()` values (UTC, `…Z`), which take
 * a fast path here; any other ISO 8601 instant (an offset, no milliseconds) is parsed.
 */
import { yerevanDate } from '../domain/kernel/time';

/** Armenia has kept UTC+4 all year since its last daylight-saving change in October 2011. */
const FIXED_OFFSET_SINCE_YEAR = '2012';
const FIXED_OFFSET_SINCE = Date.UTC(2012, 0, 1);
const FOUR_HOURS = 4 * 3_600_000;
const CHAR_0 = 48;
const CHAR_T = 84;
const CHAR_Z = 90;
const CHAR_DOT = 46;

/** `YYYY-MM-DDTHH:MM:SS.sssZ`, exactly what `Date.prototype.toISOString` writes for years 0–9999. */
const isCanonicalUtc = (iso: string): boolean =>
  iso.length === 24 && iso.charCodeAt(23) === CHAR_Z && iso.charCodeAt(19) === CHAR_DOT && iso.charCodeAt(10) === CHAR_T;

/**
 * The Yerevan calendar date of an ISO instant: arithmetic since 2012, the time-zone database before; the
 * same result as `yerevanDate` (an unparsable value, which validated events never hold, gives its first 10 characters).
 */
export const yerevanDay = (iso: string): string => {
  if (iso.length >= 20 && iso.charCodeAt(iso.length - 1) === CHAR_Z && iso.charCodeAt(10) === CHAR_T && iso.slice(0, 4) >= FIXED_OFFSET_SINCE_YEAR) {
    // UTC before 20:00 is the same calendar day in Yerevan (UTC+4).
    const hour = (iso.charCodeAt(11) - CHAR_0) * 10 + (iso.charCodeAt(12) - CHAR_0);
    if (hour >= 0 && hour < 20) return iso.slice(0, 10);
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso.slice(0, 10);
  return ms >= FIXED_OFFSET_SINCE ? new Date(ms + FOUR_HOURS).toISOString().slice(0, 10) : yerevanDate(new Date(ms));
};

/** An ISO instant rewritten in UTC (`…Z`), so that instants written with different offsets sort as strings; unparsable input is kept as is. */
export const utcInstant = (iso: string): string => {
  if (isCanonicalUtc(iso)) return iso;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
};
