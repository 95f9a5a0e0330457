/**
 * The `staff-directory` read model's schema: `staffDirectory`, one document per person who holds an
 * appointment now (a dismissal deletes it), written by ./staff-directory-projection.ts and read by
 * ./query.ts (`staffDirectory(communityId)`). Who a person is at a request is NOT read from here but
 * from their stream (application/staff-directory/people.ts): this list may lag the log a little.
 */
import type { CollectionSpec } from '../../application/ports/read-store';

export const STAFF_DIRECTORY_PROJECTION = 'staff-directory';

export const STAFF_DIRECTORY_COLLECTIONS = { staffDirectory: 'staffDirectory' } as const;

export const STAFF_DIRECTORY_SPEC: CollectionSpec = {
  name: STAFF_DIRECTORY_COLLECTIONS.staffDirectory,
  projection: STAFF_DIRECTORY_PROJECTION,
  // A community's staff (communityId), or every national official (national: true).
  fields: { communityId: 'string', national: 'boolean' },
};

export interface StaffDirectoryDoc {
  /** The personal id. */
  readonly id: string;
  readonly personalId: string;
  readonly name: string;
  /** staff, head, council (of communityId), ministry, auditor (national). */
  readonly role: string;
  readonly communityId: string | null;
  readonly national: boolean;
  readonly status: 'appointed';
  readonly appointedAt: string;
  /** Yerevan date of the appointment. */
  readonly appointedOn: string;
  readonly dismissedAt: null;
  /** Revision of the person's stream after the appointment. */
  readonly revision: number;
}
