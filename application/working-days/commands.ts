/**
 * The working-day calendar's commands: the ministry records the government's decisions that make a day
 * non-working or working (stream `calendar-AM`, the one calendar of Armenia). The system actor may too
 * (seeding history).
 */
import { streamIdOf } from '../../domain/aggregates';
import {
  ARMENIA_CALENDAR_ID,
  workingDayCalendarDecider,
  workingDayCalendarView,
  type RecordedDeclaration,
  type WorkingDayCalendarCommand,
  type WorkingDayCalendarState,
} from '../../domain/working-days';
import type { CommandHandler } from '../command-handler';
import { aggregate, command } from '../commands/declare';
import { IsoDate, Text } from '../commands/fields';
import { hasRole, type Role } from '../commands/policy';
import { NotFound } from '../errors';

/** The stream of Armenia's working-day calendar. */
export const WORKING_DAY_CALENDAR_STREAM = streamIdOf(workingDayCalendarDecider.name, ARMENIA_CALENDAR_ID);

const CALENDAR_ROLES: readonly Role[] = ['ministry', 'system'];

/**
 * How old the calendar may be when a due date is counted with it (`handler.loadRecent`): a declaration
 * recorded by another process counts from at most this much later. Declarations are rare and made days
 * ahead; under load this spares one read of the log per case opened.
 */
export const CALENDAR_MAX_AGE_MS = 250;

/** The declarations recorded so far; a decider folds those recorded by its command's time (`calendarAsOf`). */
export const loadCalendarDeclarations = async (handler: Pick<CommandHandler, 'loadRecent'>): Promise<readonly RecordedDeclaration[]> => {
  const { state } = await handler.loadRecent(workingDayCalendarDecider, WORKING_DAY_CALENDAR_STREAM, CALENDAR_MAX_AGE_MS);
  return state.declarations;
};

class DeclareDayArgs {
  @IsoDate({ description: 'The day, YYYY-MM-DD.' }) on!: string;
  @Text(undefined, { description: 'The government decision (its number and date).' }) reason!: string;
}

const calendarCommand = command<WorkingDayCalendarState, WorkingDayCalendarCommand>();

export const workingDayCalendarCommands = aggregate({
  decider: workingDayCalendarDecider,
  graphqlType: 'WorkingDayCalendar',
  view: workingDayCalendarView,
  notFound: () => new NotFound('No working-day calendar', 'CALENDAR_NOT_FOUND'),
  commands: {
    declareNonWorkingDay: calendarCommand({
      description: 'The government made a working day non-working (ministry). Refused for a weekend, a statutory holiday or a day already declared non-working.',
      input: DeclareDayArgs,
      target: () => ARMENIA_CALENDAR_ID,
      // One stream for the whole country, each declaration about one day: no expectedRevision to give.
      creates: true,
      policy: (actor) => hasRole(actor, CALENDAR_ROLES, 'declare a non-working day'),
      command: (a) => ({ type: 'DeclareNonWorkingDay', data: { on: a.on, reason: a.reason } }),
    }),
    declareWorkingDay: calendarCommand({
      description: 'The government made a non-working day (a weekend, a holiday, a declared day) a working day (ministry). Refused for a day that is a working day already.',
      input: DeclareDayArgs,
      target: () => ARMENIA_CALENDAR_ID,
      creates: true,
      policy: (actor) => hasRole(actor, CALENDAR_ROLES, 'declare a working day'),
      command: (a) => ({ type: 'DeclareWorkingDay', data: { on: a.on, reason: a.reason } }),
    }),
  },
});
