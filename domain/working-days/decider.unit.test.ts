import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import { isWorkingDay } from './calendar';
import type { WorkingDayCalendarCommand } from './commands';
import { calendarOf, workingDayCalendarDecider } from './decider';
import type { WorkingDayCalendarEvent } from './events';
import { workingDayCalendarView } from './view';

const ministry = { id: 'minister-1', role: 'ministry' };
const meta = (now = '2025-06-20T10:00:00Z'): CommandMetadata => ({ now, actor: ministry });
const nonWorking = (on: string, reason = 'Կառավարության որոշում N 800-Ն', now?: string): WorkingDayCalendarCommand => ({ type: 'DeclareNonWorkingDay', data: { on, reason }, metadata: meta(now) });
const working = (on: string, reason = 'Կառավարության որոշում N 800-Ն', now?: string): WorkingDayCalendarCommand => ({ type: 'DeclareWorkingDay', data: { on, reason }, metadata: meta(now) });
const declared = (type: WorkingDayCalendarEvent['type'], on: string, declaredAt = '2025-06-20T10:00:00Z'): WorkingDayCalendarEvent => ({
  type,
  data: { calendarId: 'AM', on, reason: 'Կառավարության որոշում N 800-Ն', declaredBy: 'minister-1', declaredAt },
});
const given = (...events: WorkingDayCalendarEvent[]) => spec(workingDayCalendarDecider).given(...events);

describe('the working-day calendar (calendar-AM)', () => {
  describe('DeclareNonWorkingDay', () => {
    it('makes a working day non-working, with the decision and who recorded it (Armenian text kept)', () => {
      given().when(nonWorking('2025-07-07')).then(declared('NonWorkingDayDeclared', '2025-07-07'));
      const state = given(declared('NonWorkingDayDeclared', '2025-07-07')).state();
      expect(isWorkingDay(calendarOf(state), '2025-07-07')).toBe(false);
      expect(workingDayCalendarView(state)).toEqual({ id: 'AM', declarations: [{ on: '2025-07-07', working: false, reason: 'Կառավարության որոշում N 800-Ն', declaredAt: '2025-06-20T10:00:00Z' }] });
    });
    it('makes 7 January (working since 2022) non-working again', () => {
      given().when(nonWorking('2026-01-07')).then(declared('NonWorkingDayDeclared', '2026-01-07'));
    });
    it('refuses a weekend: it is not a working day already', () => {
      given().when(nonWorking('2025-07-12')).thenFails('INVALID_TRANSITION', 'WEEKEND_ALREADY_NON_WORKING');
    });
    it('refuses a statutory holiday', () => {
      given().when(nonWorking('2023-09-21')).thenFails('INVALID_TRANSITION', 'STATUTORY_NON_WORKING_DAY');
    });
    it('refuses a day declared non-working twice', () => {
      given(declared('NonWorkingDayDeclared', '2025-07-07')).when(nonWorking('2025-07-07')).thenFails('INVALID_TRANSITION', 'DAY_ALREADY_DECLARED_NON_WORKING');
    });
    it('refuses an empty reason and a date that is not one', () => {
      given().when(nonWorking('2025-07-07', '  ')).thenFails('VALIDATION_FAILED', 'FIELD_REQUIRED');
      given().when(nonWorking('2025-02-30')).thenFails('VALIDATION_FAILED', 'INVALID_DATE');
      given().when(nonWorking('7 July')).thenFails('VALIDATION_FAILED', 'INVALID_DATE');
    });
  });

  describe('DeclareWorkingDay', () => {
    it('makes a Saturday working (a moved working day)', () => {
      given().when(working('2025-07-12')).then(declared('WorkingDayDeclared', '2025-07-12'));
      expect(isWorkingDay(calendarOf(given(declared('WorkingDayDeclared', '2025-07-12')).state()), '2025-07-12')).toBe(true);
    });
    it('reverses a day declared non-working (a decision revoked)', () => {
      given(declared('NonWorkingDayDeclared', '2025-07-07')).when(working('2025-07-07')).then(declared('WorkingDayDeclared', '2025-07-07'));
      const state = given(declared('NonWorkingDayDeclared', '2025-07-07'), declared('WorkingDayDeclared', '2025-07-07')).state();
      expect(isWorkingDay(calendarOf(state), '2025-07-07')).toBe(true);
    });
    it('refuses a day that works already, and one declared working twice', () => {
      given().when(working('2025-07-07')).thenFails('INVALID_TRANSITION', 'DAY_ALREADY_WORKING');
      given(declared('WorkingDayDeclared', '2025-07-12')).when(working('2025-07-12')).thenFails('INVALID_TRANSITION', 'DAY_ALREADY_DECLARED_WORKING');
    });
  });

  it('answers for an instant: a declaration recorded later is not in the calendar as it stood before', () => {
    const state = given(declared('NonWorkingDayDeclared', '2025-07-07', '2025-06-20T10:00:00Z')).state();
    expect(isWorkingDay(calendarOf(state, '2025-06-19T00:00:00Z'), '2025-07-07')).toBe(true);
    expect(isWorkingDay(calendarOf(state, '2025-06-20T10:00:00Z'), '2025-07-07')).toBe(false);
  });
});
