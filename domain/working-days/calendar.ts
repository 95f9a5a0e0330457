/**
 * Armenia's working-day calendar, pure. A day is a working day unless it is a Saturday or a Sunday or
 * a statutory non-working day — and a declaration recorded by the government (a day made non-working,
 * or a weekend or holiday made working, usually to move a working day) overrides both.
 *
 * THE LAW. ՀՀ օրենք «Տոների և հիշատակի օրերի մասին» (the Law of the Republic of Armenia on Holidays
 * and Memorial Days, ՀՕ-200, adopted 24 June 2001). Encoded here: the list of non-working days as in
 * force since 1 January 2022, after the amendment the National Assembly passed on 17 November 2021
 * (it cut the New Year holidays: 3, 4 and 5 January — the pre-Christmas holidays — and 7 January,
 * the Memorial Day of the Dead (Մեռելոց), stopped being non-working days):
 *
 *   31 December, 1 and 2 January  Ամանոր — New Year
 *   6 January                     Սուրբ Ծնունդ և Հայտնություն — Christmas and Epiphany
 *   28 January                    Բանակի օր — Army Day
 *   8 March                       Կանանց միջազգային օր — International Women's Day
 *   24 April                      Հայոց ցեղասպանության զոհերի հիշատակի օր — Genocide Remembrance Day
 *   1 May                         Աշխատանքի օր — Labour Day
 *   9 May                         Հաղթանակի և խաղաղության տոն — Victory and Peace Day
 *   28 May                        Հանրապետության տոն — Republic Day (the First Republic)
 *   5 July                        Սահմանադրության օր — Constitution Day
 *   21 September                  Անկախության տոն — Independence Day
 *
 * Why this version: it is the list in force today; the moving feasts of the church (Easter, Vardavar)
 * are not non-working days under the law (Easter falls on a Sunday anyway), and the Monday after such a
 * feast, 7 January, or a working day moved to a Saturday are government decisions made year by year —
 * those are not statutory and are recorded as declarations (declareNonWorkingDay / declareWorkingDay).
 * A holiday falling on a weekend is not moved to the next weekday by the law.
 *
 * For years up to 2021 the edition in force before that amendment applies (the edition of
 * 18 May 2021, which adds 3, 4, 5 and 7 January to the list above), so due dates of imported history
 * are counted as they were then. Editions before 2021 are not encoded separately; a difference there
 * would be recorded as a declaration.
 *
 * Speed: each year's working days are tabulated once per calendar (flags and running counts), so
 * counting across a 10-year span touches ten tables, not 3 650 days.
 */

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;

/** A government decision recorded as an event: the day `on` is made working or non-working. */
export interface CalendarDeclaration {
  readonly on: IsoDate;
  readonly working: boolean;
  /** When it was recorded (ISO 8601 instant): `calendarAsOf` leaves out what was recorded later. */
  readonly declaredAt: string;
}

/** A statutory non-working day: its month and day and its name in the law. */
export interface StatutoryHoliday {
  readonly month: number;
  readonly day: number;
  readonly nameHy: string;
  readonly nameEn: string;
}

/** The years the calendar answers for. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 9999;

/** The year from which the current edition of the law applies. */
export const CURRENT_EDITION_FROM_YEAR = 2022;

const holiday = (month: number, day: number, nameHy: string, nameEn: string): StatutoryHoliday => ({ month, day, nameHy, nameEn });

/** The non-working days of the law as in force since 1 January 2022 (see the header). */
export const STATUTORY_HOLIDAYS: readonly StatutoryHoliday[] = Object.freeze([
  holiday(1, 1, 'Ամանոր', 'New Year'),
  holiday(1, 2, 'Ամանոր', 'New Year'),
  holiday(1, 6, 'Սուրբ Ծնունդ և Հայտնություն', 'Christmas and Epiphany'),
  holiday(1, 28, 'Բանակի օր', 'Army Day'),
  holiday(3, 8, 'Կանանց միջազգային օր', "International Women's Day"),
  holiday(4, 24, 'Հայոց ցեղասպանության զոհերի հիշատակի օր', 'Armenian Genocide Remembrance Day'),
  holiday(5, 1, 'Աշխատանքի օր', 'Labour Day'),
  holiday(5, 9, 'Հաղթանակի և խաղաղության տոն', 'Victory and Peace Day'),
  holiday(5, 28, 'Հանրապետության տոն', 'Republic Day'),
  holiday(7, 5, 'Սահմանադրության օր', 'Constitution Day'),
  holiday(9, 21, 'Անկախության տոն', 'Independence Day'),
  holiday(12, 31, 'Ամանոր', "New Year's Eve"),
]);

/** What the edition before the 2021 amendment adds for the years up to 2021. */
export const STATUTORY_HOLIDAYS_UNTIL_2021_ADDITIONALLY: readonly StatutoryHoliday[] = Object.freeze([
  holiday(1, 3, 'Նախածննդյան տոներ', 'Pre-Christmas holidays'),
  holiday(1, 4, 'Նախածննդյան տոներ', 'Pre-Christmas holidays'),
  holiday(1, 5, 'Նախածննդյան տոներ', 'Pre-Christmas holidays'),
  holiday(1, 7, 'Մեռելոց հիշատակի օր', 'Memorial Day of the Dead'),
]);

/** The statutory non-working days of `year`, in date order. */
export const statutoryHolidaysOf = (year: number): readonly StatutoryHoliday[] =>
  year >= CURRENT_EDITION_FROM_YEAR
    ? STATUTORY_HOLIDAYS
    : [...STATUTORY_HOLIDAYS, ...STATUTORY_HOLIDAYS_UNTIL_2021_ADDITIONALLY].sort((a, b) => a.month - b.month || a.day - b.day);

/** Bad input to a calendar function: not a date, outside the years answered for, or a negative count. */
export class WorkingDayCalendarError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    /** Stable: `INVALID_DATE`, `DATE_OUT_OF_RANGE`, `NEGATIVE_WORKING_DAYS`. */
    readonly reason: 'INVALID_DATE' | 'DATE_OUT_OF_RANGE' | 'NEGATIVE_WORKING_DAYS',
    readonly field: string,
  ) {
    super(message);
    this.name = 'WorkingDayCalendarError';
  }
}

/** One year's table: whether each day works, and how many working days precede it in the year. */
interface YearTable {
  /** Day number (days since 1970-01-01) of 1 January. */
  readonly firstDay: number;
  readonly length: number;
  readonly working: Uint8Array;
  /** before[i] = working days among the year's days 0 … i-1; before[length] = the year's total. */
  readonly before: Int32Array;
}

/** A calendar: the law's list plus the declarations in force (the latest per day wins). */
export interface WorkingDayCalendar {
  /** Day number → working (true) or not (false), as declared. */
  readonly overrides: ReadonlyMap<number, boolean>;
  /** Per-year tables, built on first use. The calendar's answers never change; this only caches them. */
  readonly years: Map<number, YearTable>;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a date; the date checked strictly (no 30 February, years in range). */
const dayNumber = (date: IsoDate, field: string): number => {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!m) throw new WorkingDayCalendarError(`${field} must be a date written YYYY-MM-DD, got ${JSON.stringify(date)}`, 'INVALID_DATE', field);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < FIRST_YEAR || y > LAST_YEAR) throw new WorkingDayCalendarError(`${field} must be a date from ${FIRST_YEAR} to ${LAST_YEAR}, got ${date}`, 'DATE_OUT_OF_RANGE', field);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new WorkingDayCalendarError(`${field} is not a calendar date: ${date}`, 'INVALID_DATE', field);
  return ms / MS_PER_DAY;
};

const dateOf = (day: number): IsoDate => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const yearOf = (day: number): number => new Date(day * MS_PER_DAY).getUTCFullYear();
const firstDayOf = (year: number): number => Date.UTC(year, 0, 1) / MS_PER_DAY;

/** The law's flags for a year (weekends and statutory days), shared by every calendar. */
const statutoryYears = new Map<number, Uint8Array>();
const statutoryFlags = (year: number): Uint8Array => {
  let flags = statutoryYears.get(year);
  if (flags) return flags;
  const first = firstDayOf(year);
  const length = firstDayOf(year + 1) - first;
  flags = new Uint8Array(length);
  // 1970-01-01 was a Thursday: (day + 4) mod 7 is 0 on Sundays, 6 on Saturdays.
  for (let i = 0; i < length; i++) {
    const weekday = (((first + i + 4) % 7) + 7) % 7;
    flags[i] = weekday === 0 || weekday === 6 ? 0 : 1;
  }
  for (const h of statutoryHolidaysOf(year)) flags[Date.UTC(year, h.month - 1, h.day) / MS_PER_DAY - first] = 0;
  statutoryYears.set(year, flags);
  return flags;
};

const yearTable = (calendar: WorkingDayCalendar, year: number): YearTable => {
  const cached = calendar.years.get(year);
  if (cached) return cached;
  const firstDay = firstDayOf(year);
  const working = statutoryFlags(year).slice();
  const length = working.length;
  for (const [day, isWorking] of calendar.overrides) {
    const i = day - firstDay;
    if (i >= 0 && i < length) working[i] = isWorking ? 1 : 0;
  }
  const before = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) before[i + 1] = before[i] + working[i];
  const table = { firstDay, length, working, before };
  calendar.years.set(year, table);
  return table;
};

const makeCalendar = (overrides: ReadonlyMap<number, boolean>): WorkingDayCalendar => ({ overrides, years: new Map() });

/** The law's calendar with no declarations. */
export const STATUTORY: WorkingDayCalendar = makeCalendar(new Map());

/**
 * The calendar as it stood at the instant `asOf`: the law's list plus the declarations recorded by
 * then, folded in the order given (the log's order), the latest per day winning. Without `asOf`,
 * every declaration counts.
 */
export const calendarAsOf = (declarations: readonly CalendarDeclaration[], asOf?: string): WorkingDayCalendar => {
  const limit = asOf === undefined ? Infinity : Date.parse(asOf);
  const overrides = new Map<number, boolean>();
  for (const d of declarations) {
    if (Date.parse(d.declaredAt) > limit) continue;
    overrides.set(dayNumber(d.on, 'on'), d.working);
  }
  return overrides.size === 0 ? STATUTORY : makeCalendar(overrides);
};

/** Whether `day` is a working day. */
export const isWorkingDay = (calendar: WorkingDayCalendar, day: IsoDate): boolean => {
  const n = dayNumber(day, 'day');
  const table = yearTable(calendar, yearOf(n));
  return table.working[n - table.firstDay] === 1;
};

/** Whether `day` is a working day by the law alone (a weekday that is not a statutory holiday). */
export const isStatutoryWorkingDay = (day: IsoDate): boolean => isWorkingDay(STATUTORY, day);

/** Working days in (from, to]: after `from`, up to and including `to`; negative when `to` is earlier. */
export const workingDaysBetween = (calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): number => {
  const a = dayNumber(from, 'from');
  const b = dayNumber(to, 'to');
  if (b < a) return 0 - countAfter(calendar, b, a);
  return countAfter(calendar, a, b);
};

/** Working days among the day numbers (a, b], a ≤ b. */
const countAfter = (calendar: WorkingDayCalendar, a: number, b: number): number => {
  const firstYear = yearOf(a);
  const lastYear = yearOf(b);
  let total = 0;
  for (let year = firstYear; year <= lastYear; year++) {
    const t = yearTable(calendar, year);
    const lo = year === firstYear ? a - t.firstDay + 1 : 0;
    const hi = year === lastYear ? b - t.firstDay + 1 : t.length;
    total += t.before[hi] - t.before[lo];
  }
  return total;
};

/**
 * The `days`-th working day after `from` (`from` itself is not counted); `from` when `days` is 0.
 * For `days` ≥ 1 the answer is always a working day.
 */
export const addWorkingDays = (calendar: WorkingDayCalendar, from: IsoDate, days: number): IsoDate => {
  const start = dayNumber(from, 'from');
  if (!Number.isInteger(days) || days < 0) {
    throw new WorkingDayCalendarError(`days must be a whole number ≥ 0, got ${days}`, 'NEGATIVE_WORKING_DAYS', 'days');
  }
  if (days === 0) return from;
  let year = yearOf(start);
  let lo = start - firstDayOf(year) + 1;
  let remaining = days;
  for (;;) {
    if (year > LAST_YEAR) throw new WorkingDayCalendarError(`${days} working days after ${from} is beyond ${LAST_YEAR}`, 'DATE_OUT_OF_RANGE', 'days');
    const t = yearTable(calendar, year);
    const available = t.before[t.length] - t.before[lo];
    if (available >= remaining) {
      // The smallest i ≥ lo with before[i + 1] - before[lo] = remaining: that day is the answer.
      const target = t.before[lo] + remaining;
      let low = lo;
      let high = t.length - 1;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (t.before[mid + 1] >= target) high = mid;
        else low = mid + 1;
      }
      return dateOf(t.firstDay + low);
    }
    remaining -= available;
    year += 1;
    lo = 0;
  }
};

/** The first working day on or after `day`. */
export const nextWorkingDayOnOrAfter = (calendar: WorkingDayCalendar, day: IsoDate): IsoDate =>
  isWorkingDay(calendar, day) ? day : addWorkingDays(calendar, day, 1);
