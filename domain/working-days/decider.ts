/**
 * The working-day calendar decider (stream `calendar-AM`). The law's list is fixed in calendar.ts; this
 * aggregate records the government's decisions on top of it. Rules:
 * - `on` is a date YYYY-MM-DD from 1900 to 9999 (INVALID_DATE) and `reason` is not blank (FIELD_REQUIRED);
 * - a day is declared non-working only while it is a working day, and working only while it is not:
 *   a weekend or a statutory holiday declared non-working (WEEKEND_ALREADY_NON_WORKING,
 *   STATUTORY_NON_WORKING_DAY), a day declared twice the same way (DAY_ALREADY_DECLARED_NON_WORKING,
 *   DAY_ALREADY_DECLARED_WORKING), or an ordinary working day declared working (DAY_ALREADY_WORKING)
 *   are refused;
 * - a later declaration reverses an earlier one for the same day (a decision revoked).
 */
import { match } from 'ts-pattern';
import type { CommandMetadata, Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, type DomainError } from '../kernel/errors';
import { STATUTORY, WorkingDayCalendarError, calendarAsOf, isWorkingDay, type CalendarDeclaration, type WorkingDayCalendar } from './calendar';
import type { WorkingDayCalendarCommand } from './commands';
import type { WorkingDayCalendarEvent } from './events';

/** The one calendar: the Republic of Armenia's. */
export const ARMENIA_CALENDAR_ID = 'AM';

export interface RecordedDeclaration extends CalendarDeclaration {
  readonly reason: string;
  readonly declaredBy: string;
}

export interface WorkingDayCalendarState {
  /** Every declaration in the order recorded. */
  readonly declarations: readonly RecordedDeclaration[];
}

export const initialState = (): WorkingDayCalendarState => ({ declarations: [] });

/** The calendar as it stood at the instant `asOf` (every declaration when omitted). */
export const calendarOf = (state: WorkingDayCalendarState, asOf?: string): WorkingDayCalendar => calendarAsOf(state.declarations, asOf);

const isWeekend = (day: string): boolean => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

const checkInput = (data: { on: unknown; reason: unknown }): DomainError | null => {
  try {
    isWorkingDay(STATUTORY, data.on as string);
  } catch (error) {
    if (error instanceof WorkingDayCalendarError) return domainValidation('INVALID_DATE', error.message.replace(/^day /, 'on '), ['on']);
    throw error;
  }
  if (typeof data.reason !== 'string' || data.reason.trim().length === 0) return domainValidation('FIELD_REQUIRED', 'reason must not be blank', ['reason']);
  return null;
};

const latestDeclarationOf = (state: WorkingDayCalendarState, on: string): RecordedDeclaration | undefined => {
  for (let i = state.declarations.length - 1; i >= 0; i--) if (state.declarations[i].on === on) return state.declarations[i];
  return undefined;
};

const declaration = (data: { on: string; reason: string }, metadata: CommandMetadata) => ({
  calendarId: ARMENIA_CALENDAR_ID,
  on: data.on,
  reason: data.reason,
  declaredBy: metadata.actor?.id ?? 'unknown',
  declaredAt: metadata.now,
});

export const decide = (command: WorkingDayCalendarCommand, state: WorkingDayCalendarState): WorkingDayCalendarEvent[] | DomainError =>
  match(command)
    .with({ type: 'DeclareNonWorkingDay' }, ({ data, metadata }): WorkingDayCalendarEvent[] | DomainError => {
      const invalid = checkInput(data);
      if (invalid) return invalid;
      if (!isWorkingDay(calendarOf(state), data.on)) {
        if (latestDeclarationOf(state, data.on)?.working === false) return invalidTransition('DAY_ALREADY_DECLARED_NON_WORKING', `${data.on} is already declared non-working`);
        if (isWeekend(data.on)) return invalidTransition('WEEKEND_ALREADY_NON_WORKING', `${data.on} is a Saturday or a Sunday: it is not a working day already`);
        return invalidTransition('STATUTORY_NON_WORKING_DAY', `${data.on} is a non-working day under the Law on Holidays and Memorial Days already`);
      }
      return [{ type: 'NonWorkingDayDeclared', data: declaration(data, metadata) }];
    })
    .with({ type: 'DeclareWorkingDay' }, ({ data, metadata }): WorkingDayCalendarEvent[] | DomainError => {
      const invalid = checkInput(data);
      if (invalid) return invalid;
      if (isWorkingDay(calendarOf(state), data.on)) {
        if (latestDeclarationOf(state, data.on)?.working === true) return invalidTransition('DAY_ALREADY_DECLARED_WORKING', `${data.on} is already declared a working day`);
        return invalidTransition('DAY_ALREADY_WORKING', `${data.on} is a working day already`);
      }
      return [{ type: 'WorkingDayDeclared', data: declaration(data, metadata) }];
    })
    .exhaustive();

export const evolve = (state: WorkingDayCalendarState, event: WorkingDayCalendarEvent): WorkingDayCalendarState => {
  const { on, reason, declaredBy, declaredAt } = event.data;
  const working = match(event)
    .with({ type: 'NonWorkingDayDeclared' }, () => false)
    .with({ type: 'WorkingDayDeclared' }, () => true)
    .exhaustive();
  return { declarations: [...state.declarations, { on, working, reason, declaredBy, declaredAt }] };
};

export const workingDayCalendarDecider: Decider<WorkingDayCalendarCommand, WorkingDayCalendarEvent, WorkingDayCalendarState> = {
  name: 'calendar',
  decide,
  evolve,
  initialState,
};
