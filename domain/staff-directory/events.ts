/** Events of the staff directory. Each appointment event carries the whole appointment, so the last event alone says who the person is now. */
import type { DomainEvent } from '../kernel/decider';
import type { OfficialRole, StaffRole } from './commands';

export type StaffAppointed = DomainEvent<
  'StaffAppointed',
  { readonly personalId: string; readonly communityId: string; readonly role: StaffRole; readonly name: string; readonly at: string }
>;
export type StaffDismissed = DomainEvent<'StaffDismissed', { readonly personalId: string; readonly communityId: string; readonly role: StaffRole; readonly at: string }>;
export type OfficialAppointed = DomainEvent<'OfficialAppointed', { readonly personalId: string; readonly role: OfficialRole; readonly name: string; readonly at: string }>;
export type OfficialDismissed = DomainEvent<'OfficialDismissed', { readonly personalId: string; readonly role: OfficialRole; readonly at: string }>;

export type StaffDirectoryEvent = StaffAppointed | StaffDismissed | OfficialAppointed | OfficialDismissed;
