import { addDays } from '../kernel/time';
import {
  STATUTORY,
  STATUTORY_HOLIDAYS,
  WorkingDayCalendarError,
  addWorkingDays,
  calendarAsOf,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  statutoryHolidaysOf,
  workingDaysBetween,
} from './calendar';

/** The slow, obvious definition the tables must agree with: walk day by day. */
const naiveIsWorking = (day: string, holidays: readonly string[]): boolean => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.includes(day.slice(5));
};

describe('the statutory calendar of Armenia', () => {
  it('lists the twelve non-working days of the law as in force since 2022', () => {
    expect(STATUTORY_HOLIDAYS.map((h) => `${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`)).toEqual([
      '01-01', '01-02', '01-06', '01-28', '03-08', '04-24', '05-01', '05-09', '05-28', '07-05', '09-21', '12-31',
    ]);
    expect(STATUTORY_HOLIDAYS.find((h) => h.month === 9 && h.day === 21)?.nameHy).toBe('Անկախության տոն');
  });

  it('makes Saturdays, Sundays and the statutory days non-working, and other days working', () => {
    expect(isWorkingDay(STATUTORY, '2024-09-21')).toBe(false); // Independence Day (a Saturday too)
    expect(isWorkingDay(STATUTORY, '2023-09-21')).toBe(false); // Independence Day, a Thursday
    expect(isWorkingDay(STATUTORY, '2025-04-24')).toBe(false); // Genocide Remembrance Day, a Thursday
    expect(isWorkingDay(STATUTORY, '2025-07-05')).toBe(false); // Constitution Day, a Saturday
    expect(isWorkingDay(STATUTORY, '2025-03-08')).toBe(false);
    expect(isWorkingDay(STATUTORY, '2025-03-10')).toBe(true); // a Monday: a holiday on a weekend is not moved
    expect(isWorkingDay(STATUTORY, '2025-06-14')).toBe(false); // a Saturday
    expect(isWorkingDay(STATUTORY, '2025-06-15')).toBe(false); // a Sunday
    expect(isWorkingDay(STATUTORY, '2025-06-16')).toBe(true);
  });

  it('counts 3, 4, 5 and 7 January as working days since 2022, and as non-working up to 2021', () => {
    expect(['2024-01-03', '2024-01-04', '2024-01-05'].map((d) => isWorkingDay(STATUTORY, d))).toEqual([true, true, true]);
    expect(isWorkingDay(STATUTORY, '2025-01-07')).toBe(true); // a Tuesday
    expect(['2021-01-04', '2021-01-05', '2021-01-07'].map((d) => isWorkingDay(STATUTORY, d))).toEqual([false, false, false]);
    expect(statutoryHolidaysOf(2021)).toHaveLength(16);
    expect(statutoryHolidaysOf(2022)).toHaveLength(12);
  });

  it('agrees with a day-by-day walk over 2015–2034', () => {
    for (let day = '2015-01-01'; day < '2035-01-01'; day = addDays(day, 1)) {
      const year = Number(day.slice(0, 4));
      const holidays = statutoryHolidaysOf(year).map((h) => `${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`);
      expect([day, isWorkingDay(STATUTORY, day)]).toEqual([day, naiveIsWorking(day, holidays)]);
    }
  });
});

describe('addWorkingDays', () => {
  it('counts working days after the starting day', () => {
    expect(addWorkingDays(STATUTORY, '2025-06-16', 1)).toBe('2025-06-17'); // Monday → Tuesday
    expect(addWorkingDays(STATUTORY, '2025-06-13', 1)).toBe('2025-06-16'); // Friday → Monday
    expect(addWorkingDays(STATUTORY, '2025-06-14', 1)).toBe('2025-06-16'); // from a Saturday
    expect(addWorkingDays(STATUTORY, '2025-06-16', 10)).toBe('2025-06-30');
  });

  it('steps over the statutory days', () => {
    // 2025-09-19 is a Friday; 20–21 the weekend (21 also Independence Day), 22 Monday.
    expect(addWorkingDays(STATUTORY, '2025-09-19', 1)).toBe('2025-09-22');
    // 2023-09-20 Wednesday; 21 September Thursday is Independence Day.
    expect(addWorkingDays(STATUTORY, '2023-09-20', 1)).toBe('2023-09-22');
    // New Year 2025: 31 Dec Tuesday, 1–2 Jan, then 3 January (Friday) works.
    expect(addWorkingDays(STATUTORY, '2024-12-30', 1)).toBe('2025-01-03');
    // Up to 2021 the January holidays ran to the 7th.
    expect(addWorkingDays(STATUTORY, '2020-12-30', 1)).toBe('2021-01-08');
  });

  it('with 0 days answers the starting day itself, working or not', () => {
    expect(addWorkingDays(STATUTORY, '2025-06-14', 0)).toBe('2025-06-14');
  });

  it('crosses years: 2 500 working days after 1 January 2020 end on Friday 30 November 2029', () => {
    const to = addWorkingDays(STATUTORY, '2020-01-01', 2500);
    expect(workingDaysBetween(STATUTORY, '2020-01-01', to)).toBe(2500);
    expect(isWorkingDay(STATUTORY, to)).toBe(true);
    expect(to).toBe('2029-11-30');
  });

  it('refuses a negative or fractional count and a date that is not one', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof WorkingDayCalendarError ? [e.code, e.reason, e.field] : e;
      }
      return 'no error';
    };
    expect(refusal(() => addWorkingDays(STATUTORY, '2025-01-01', -1))).toEqual(['VALIDATION_FAILED', 'NEGATIVE_WORKING_DAYS', 'days']);
    expect(refusal(() => addWorkingDays(STATUTORY, '2025-01-01', 1.5))).toEqual(['VALIDATION_FAILED', 'NEGATIVE_WORKING_DAYS', 'days']);
    expect(refusal(() => addWorkingDays(STATUTORY, '2025-02-30', 1))).toEqual(['VALIDATION_FAILED', 'INVALID_DATE', 'from']);
    expect(refusal(() => workingDaysBetween(STATUTORY, '2025-01-01', '1 May'))).toEqual(['VALIDATION_FAILED', 'INVALID_DATE', 'to']);
    expect(refusal(() => isWorkingDay(STATUTORY, '0099-01-01'))).toEqual(['VALIDATION_FAILED', 'DATE_OUT_OF_RANGE', 'day']);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween(STATUTORY, '2025-06-16', '2025-06-16')).toBe(0);
    expect(workingDaysBetween(STATUTORY, '2025-06-13', '2025-06-16')).toBe(1);
    expect(workingDaysBetween(STATUTORY, '2025-06-13', '2025-06-15')).toBe(0);
    // 2025: 365 days, 104 weekend days, and 9 statutory days on weekdays (8 March, 5 July, 21 September are weekend days).
    expect(workingDaysBetween(STATUTORY, '2024-12-31', '2025-12-31')).toBe(365 - 104 - 9);
  });

  it('is negative when `to` is earlier', () => {
    expect(workingDaysBetween(STATUTORY, '2025-06-16', '2025-06-13')).toBe(-1);
  });
});

describe('declarations', () => {
  const declarations = [
    // A Monday made non-working and the Saturday after made working (a moved working day).
    { on: '2025-07-07', working: false, declaredAt: '2025-06-20T10:00:00Z' },
    { on: '2025-07-12', working: true, declaredAt: '2025-06-20T10:00:00Z' },
    // 7 January made non-working again by a later decision.
    { on: '2026-01-07', working: false, declaredAt: '2025-12-01T10:00:00Z' },
  ];

  it('override the law, the latest declaration of a day winning', () => {
    const calendar = calendarAsOf(declarations);
    expect(isWorkingDay(calendar, '2025-07-07')).toBe(false);
    expect(isWorkingDay(calendar, '2025-07-12')).toBe(true);
    expect(isWorkingDay(calendar, '2026-01-07')).toBe(false);
    const revoked = calendarAsOf([...declarations, { on: '2025-07-07', working: true, declaredAt: '2025-06-25T10:00:00Z' }]);
    expect(isWorkingDay(revoked, '2025-07-07')).toBe(true);
    expect(addWorkingDays(calendar, '2025-07-04', 1)).toBe('2025-07-08'); // Friday → (Mon declared off) → Tuesday
    expect(addWorkingDays(calendar, '2025-07-11', 1)).toBe('2025-07-12'); // Friday → the working Saturday
  });

  it('count only when recorded by the instant asked about (time travel)', () => {
    const before = calendarAsOf(declarations, '2025-06-19T23:59:59Z');
    expect(before).toBe(STATUTORY);
    expect(addWorkingDays(before, '2025-07-04', 1)).toBe('2025-07-07');
    const between = calendarAsOf(declarations, '2025-06-20T10:00:00Z');
    expect(addWorkingDays(between, '2025-07-04', 1)).toBe('2025-07-08');
    expect(isWorkingDay(between, '2026-01-07')).toBe(true);
  });

  it('leave the statutory calendar untouched', () => {
    calendarAsOf(declarations);
    expect(isWorkingDay(STATUTORY, '2025-07-07')).toBe(true);
    expect(isWorkingDay(STATUTORY, '2025-07-12')).toBe(false);
  });

  it('nextWorkingDayOnOrAfter keeps a working day and moves a non-working one forward', () => {
    expect(nextWorkingDayOnOrAfter(STATUTORY, '2025-06-16')).toBe('2025-06-16');
    expect(nextWorkingDayOnOrAfter(STATUTORY, '2025-06-14')).toBe('2025-06-16');
  });
});
