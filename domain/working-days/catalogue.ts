import { eventCatalogue } from '../kernel/catalogue';
import type { WorkingDayCalendarEvent } from './events';

/** The working-day calendar's events, for the project's event catalogue. */
const declarationFields = {
  calendarId: 'string — `AM`, the calendar of the Republic of Armenia (stream `calendar-AM`)',
  on: 'date YYYY-MM-DD — the day declared',
  reason: 'string — the government decision (its number and date)',
  declaredBy: 'string — who recorded it (a ministry user)',
  declaredAt: 'date-time — business time of the recording; due dates set before it are counted without it',
};

export const workingDayCalendarEventCatalogue = eventCatalogue<WorkingDayCalendarEvent>()([
  {
    type: 'NonWorkingDayDeclared',
    schemaVersion: 1,
    description:
      'A working day was made non-working by government decision (e.g. the Monday after a feast). Only for a day that was a working day then; a later WorkingDayDeclared for the same day reverses it.',
    fields: declarationFields,
  },
  {
    type: 'WorkingDayDeclared',
    schemaVersion: 1,
    description:
      'A non-working day (a weekend, a statutory holiday, or a day declared non-working) was made a working day by government decision (e.g. a working day moved to a Saturday).',
    fields: declarationFields,
  },
]);
