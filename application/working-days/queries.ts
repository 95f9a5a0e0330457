/**
 * The public working-day queries, `addWorkingDays(from, days)` and `workingDaysBetween(from, to)`: counted
 * with the calendar as it stands now (the law's list and every declaration recorded by now), read from
 * the calendar's own stream — a few events — so a declaration counts the moment it is answered.
 */
import { fold } from '../../domain/kernel/decider';
import {
  WorkingDayCalendarError,
  addWorkingDays,
  calendarOf,
  workingDayCalendarDecider,
  workingDaysBetween,
  type WorkingDayCalendar,
  type WorkingDayCalendarEvent,
} from '../../domain/working-days';
import { ValidationFailed } from '../errors';
import type { Clock } from '../ids';
import type { EventStore } from '../ports/event-store';
import { WORKING_DAY_CALENDAR_STREAM } from './commands';

/** Bad input (not a date, out of range, a negative count) as the API's VALIDATION_FAILED with its reason. */
const asValidationFailed = <T>(f: () => T): T => {
  try {
    return f();
  } catch (error) {
    if (error instanceof WorkingDayCalendarError) throw new ValidationFailed(error.message, [error.field], error.reason);
    throw error;
  }
};

export const createWorkingDayQueries = (eventStore: Pick<EventStore, 'readStream'>, clock: Clock) => {
  const calendarNow = async (): Promise<WorkingDayCalendar> => {
    const events = await eventStore.readStream(WORKING_DAY_CALENDAR_STREAM);
    const state = fold(workingDayCalendarDecider, events.map((e) => ({ type: e.type, data: e.data }) as WorkingDayCalendarEvent));
    return calendarOf(state, clock.now().toISOString());
  };
  return {
    /** The `days`-th working day after `from` (`from` itself when `days` is 0). */
    addWorkingDays: async (from: string, days: number): Promise<string> => {
      const calendar = await calendarNow();
      return asValidationFailed(() => addWorkingDays(calendar, from, days));
    },
    /** Working days after `from` up to and including `to` (negative when `to` is earlier). */
    workingDaysBetween: async (from: string, to: string): Promise<number> => {
      const calendar = await calendarNow();
      return asValidationFailed(() => workingDaysBetween(calendar, from, to));
    },
  };
};
