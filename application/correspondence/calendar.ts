/**
 * The working-day calendar control dates are counted with: the law's calendar (weekends and the statutory
 * non-working days, domain/working-days/calendar.ts) with the government's declarations recorded by the
 * command's business time, so a later declaration never moves a control date already set.
 */
import { addWorkingDays, calendarAsOf, isWorkingDay, type WorkingDayCalendar } from '../../domain/working-days/calendar';
import type { CommandCall, CommandEnv } from '../commands/declare';
import { loadCalendarDeclarations } from '../working-days/commands';

/** The calendar as it stood at the command's business time. */
export const calendarAt = async (env: CommandEnv, call: CommandCall): Promise<WorkingDayCalendar> => calendarAsOf(await loadCalendarDeclarations(env.handler), call.now);

export { addWorkingDays, isWorkingDay };
