/**
 * The `working-days` group: `addWorkingDays` over a 10-year span (2 500 working days), with the calendar's
 * per-year tables cold (a calendar made for the call, as a decider folding the declarations does) and warm,
 * beside the baseline of walking the same span day by day asking `isWorkingDay` of each day.
 */
import { addDays } from '../../domain/kernel/time';
import { STATUTORY, addWorkingDays, calendarAsOf, isWorkingDay, type CalendarDeclaration } from '../../domain/working-days/calendar';
import { measure, type BenchRow } from './harness';

const GROUP = 'working-days';
const SPAN = 2_500;
const FROM = '2024-01-01';
const DECLARATIONS: readonly CalendarDeclaration[] = [
  { on: '2025-07-07', working: false, declaredAt: '2025-06-20T10:00:00Z' },
  { on: '2025-07-12', working: true, declaredAt: '2025-06-20T10:00:00Z' },
];

/** The obvious way: step a day at a time, counting working days. */
const walk = (from: string, days: number): string => {
  let day = from;
  for (let counted = 0; counted < days; ) {
    day = addDays(day, 1);
    if (isWorkingDay(STATUTORY, day)) counted += 1;
  }
  return day;
};

export const workingDayRows = async (quick: boolean): Promise<BenchRow[]> => {
  const calls = quick ? 2_000 : 20_000;
  const expected = addWorkingDays(STATUTORY, FROM, SPAN);
  if (walk(FROM, SPAN) !== expected) throw new Error('addWorkingDays and the day-by-day walk disagree');
  const note = `${SPAN} working days after ${FROM} (to ${expected}), i.e. a 10-year span`;
  const rows: BenchRow[] = [];
  rows.push(await measure(GROUP, 'walk day by day (isWorkingDay per day)', Math.max(20, calls / 100), (i) => walk(addDays(FROM, i % 7), SPAN), { note }));
  const baseline = 'walk day by day (isWorkingDay per day)';
  rows.push(await measure(GROUP, 'addWorkingDays, per-year tables warm', calls, (i) => addWorkingDays(STATUTORY, addDays(FROM, i % 7), SPAN), { baseline, note }));
  rows.push(
    await measure(GROUP, 'addWorkingDays, a new calendar per call (tables cold, 2 declarations)', calls, (i) => addWorkingDays(calendarAsOf(DECLARATIONS), addDays(FROM, i % 7), SPAN), {
      baseline,
      note,
    }),
  );
  return rows;
};
