/**
 * The working-day calendar control dates are counted with. The law's calendar (weekends and the
 * statutory non-working days, domain/working-days/calendar.ts); the government's declared changes
 * join it as of the command's time once their calendar stream is recorded (the working-days aggregate).
 */
import { addWorkingDays, isWorkingDay, STATUTORY, type WorkingDayCalendar } from '../../domain/working-days/calendar';
import type { CommandCall, CommandEnv } from '../commands/declare';

/** The calendar as it stood at the command's business time. */
export const calendarAt = async (_env: CommandEnv, _call: CommandCall): Promise<WorkingDayCalendar> => STATUTORY;

export { addWorkingDays, isWorkingDay };
