/**
 * Commands of the staff directory. One stream per person (`appointment-<personalId>`) holds that
 * person's appointment: staff of a community (staff, head, council) or an official (ministry, auditor),
 * or none. The person is named by their public service number (ՀԾՀ, 10 digits).
 */
import type { DomainCommand } from '../kernel/decider';

/** Roles of a community's own administration. */
export const STAFF_ROLES = ['staff', 'head', 'council'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** National roles: the ministry's officials and the auditors. */
export const OFFICIAL_ROLES = ['ministry', 'auditor'] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export type DirectoryRole = StaffRole | OfficialRole;

/** The public service number (ՀԾՀ): exactly 10 digits. */
export const PERSONAL_ID_PATTERN = /^\d{10}$/;

export type AppointStaff = DomainCommand<
  'AppointStaff',
  { readonly personalId: string; readonly communityId: string; readonly role: StaffRole; readonly name: string }
>;
export type DismissStaff = DomainCommand<'DismissStaff', { readonly personalId: string; readonly communityId: string }>;
export type AppointOfficial = DomainCommand<'AppointOfficial', { readonly personalId: string; readonly role: OfficialRole; readonly name: string }>;
export type DismissOfficial = DomainCommand<'DismissOfficial', { readonly personalId: string }>;

export type StaffDirectoryCommand = AppointStaff | DismissStaff | AppointOfficial | DismissOfficial;
