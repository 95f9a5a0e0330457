/** The `WorkingDayCalendar` view: the declarations recorded, in the order recorded. */
import { ARMENIA_CALENDAR_ID, type WorkingDayCalendarState } from './decider';

export interface WorkingDayCalendarView {
  readonly id: string;
  readonly declarations: ReadonlyArray<{ readonly on: string; readonly working: boolean; readonly reason: string; readonly declaredAt: string }>;
}

/** Always present: with no declaration the calendar is the law's alone. */
export const workingDayCalendarView = (state: WorkingDayCalendarState): WorkingDayCalendarView => ({
  id: ARMENIA_CALENDAR_ID,
  declarations: state.declarations.map(({ on, working, reason, declaredAt }) => ({ on, working, reason, declaredAt })),
});
