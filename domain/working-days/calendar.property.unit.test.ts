/**
 * The calendar's laws, over random dates 2000–2040, random counts and random declarations:
 * - addWorkingDays lands on a working day (days ≥ 1) strictly after the start;
 * - addWorkingDays and workingDaysBetween are inverse;
 * - both are monotonic (more days → a later date; a later end → at least as many days);
 * - the per-year tables agree with counting day by day.
 */
import fc from 'fast-check';
import { addDays } from '../kernel/time';
import { STATUTORY, addWorkingDays, calendarAsOf, isWorkingDay, workingDaysBetween, type CalendarDeclaration, type WorkingDayCalendar } from './calendar';

const DAY0 = Date.UTC(2000, 0, 1);
const date = fc.integer({ min: 0, max: 40 * 365 }).map((n) => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10));
const declaration: fc.Arbitrary<CalendarDeclaration> = fc.record({ on: date, working: fc.boolean(), declaredAt: fc.constant('2020-01-01T00:00:00Z') });
const calendar: fc.Arbitrary<WorkingDayCalendar> = fc.oneof(
  fc.constant(STATUTORY),
  fc.array(declaration, { maxLength: 40 }).map((ds) => calendarAsOf(ds)),
);
const days = fc.integer({ min: 0, max: 3000 });

describe('working-day calendar properties', () => {
  it('addWorkingDays lands on a working day after the start, for days ≥ 1', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 1, max: 3000 }), (cal, from, n) => {
        const to = addWorkingDays(cal, from, n);
        expect(isWorkingDay(cal, to)).toBe(true);
        expect(to > from).toBe(true);
      }),
    );
  });

  it('workingDaysBetween undoes addWorkingDays', () => {
    fc.assert(fc.property(calendar, date, days, (cal, from, n) => expect(workingDaysBetween(cal, from, addWorkingDays(cal, from, n))).toBe(n)));
  });

  it('addWorkingDays of workingDaysBetween gives the last working day up to `to` (or `to` itself when it works)', () => {
    fc.assert(
      fc.property(calendar, date, date, (cal, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const k = workingDaysBetween(cal, from, to);
        const back = addWorkingDays(cal, from, k);
        if (isWorkingDay(cal, to) || k === 0) expect(back).toBe(k === 0 ? from : to);
        else {
          expect(back < to).toBe(true);
          expect(workingDaysBetween(cal, back, to)).toBe(0);
        }
        expect(workingDaysBetween(cal, to, from)).toBe(0 - k);
      }),
    );
  });

  it('is monotonic in the count and in the end date', () => {
    fc.assert(
      fc.property(calendar, date, days, days, (cal, from, m, n) => {
        const [lo, hi] = m <= n ? [m, n] : [n, m];
        const a = addWorkingDays(cal, from, lo);
        const b = addWorkingDays(cal, from, hi);
        if (lo < hi) expect(a < b).toBe(true);
        else expect(a).toBe(b);
      }),
    );
    fc.assert(
      fc.property(calendar, date, date, date, (cal, x, y, z) => {
        const [from, to1, to2] = [x, y, z].sort();
        expect(workingDaysBetween(cal, from, to1)).toBeLessThanOrEqual(workingDaysBetween(cal, from, to2));
      }),
    );
  });

  it('counts as a day-by-day walk does', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 0, max: 800 }), (cal, from, span) => {
        let walked = 0;
        let day = from;
        for (let i = 0; i < span; i++) {
          day = addDays(day, 1);
          if (isWorkingDay(cal, day)) walked += 1;
        }
        expect(workingDaysBetween(cal, from, day)).toBe(walked);
      }),
      { numRuns: 50 },
    );
  });
});
