/**
 * State of a person in the staff directory: their current appointment, or none since a dismissal.
 * `null` until they were first appointed (the directory has never seen them).
 */
import type { OfficialRole, StaffRole } from './commands';

/** Staff of one community, or a national official. */
export type Appointment =
  | { readonly kind: 'staff'; readonly communityId: string; readonly role: StaffRole }
  | { readonly kind: 'official'; readonly role: OfficialRole };

export interface Person {
  readonly personalId: string;
  readonly name: string;
  /** The current appointment; null after a dismissal. */
  readonly appointment: Appointment | null;
  /** The last appointment held (kept after a dismissal, for the view). */
  readonly lastAppointment: Appointment;
  /** Business time of the current (or last) appointment. */
  readonly appointedAt: string;
  /** Business time of the dismissal; null while appointed. */
  readonly dismissedAt: string | null;
}

export type PersonState = Person | null;

export type AppointmentStatus = 'appointed' | 'dismissed';

export const appointmentStatus = (person: Person): AppointmentStatus => (person.appointment === null ? 'dismissed' : 'appointed');

/** Where an appointment is held, in words for messages: "staff of AM08001", "auditor". */
export const describeAppointment = (a: Appointment): string => (a.kind === 'staff' ? `${a.role} of community ${a.communityId}` : a.role);
