/**
 * Commands of the working-day calendar (one stream for Armenia, `calendar-AM`): the government's
 * decisions that make a day non-working (e.g. the Monday after a feast) or working (a working day moved
 * to a Saturday), recorded by the ministry.
 */
import type { DomainCommand } from '../kernel/decider';

export type DeclareNonWorkingDay = DomainCommand<'DeclareNonWorkingDay', { readonly on: string; readonly reason: string }>;
export type DeclareWorkingDay = DomainCommand<'DeclareWorkingDay', { readonly on: string; readonly reason: string }>;

export type WorkingDayCalendarCommand = DeclareNonWorkingDay | DeclareWorkingDay;
