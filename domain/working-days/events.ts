/** Events of the working-day calendar: each records one government decision about one day. */
import type { DomainEvent } from '../kernel/decider';

type Declaration = {
  /** `AM`: the calendar of the Republic of Armenia (stream `calendar-AM`). */
  readonly calendarId: string;
  /** The day, YYYY-MM-DD. */
  readonly on: string;
  /** The decision, e.g. "Government decision N 123-Ն of 2025-06-20". */
  readonly reason: string;
  readonly declaredBy: string;
  /** Business time of the recording: a due date set before it is not counted with it. */
  readonly declaredAt: string;
};

export type NonWorkingDayDeclared = DomainEvent<'NonWorkingDayDeclared', Declaration>;
export type WorkingDayDeclared = DomainEvent<'WorkingDayDeclared', Declaration>;

export type WorkingDayCalendarEvent = NonWorkingDayDeclared | WorkingDayDeclared;
