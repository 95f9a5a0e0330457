/**
 * The people who use the system, as the staff directory knows them: who a signed-in person is at this
 * request (their Actor) and their appointment. Sign-in (browser sessions) and bearer tokens ask it at
 * every request, so an appointment or a dismissal takes effect on the person's very next request.
 */
import type { StaffAppointmentView } from '../../domain/staff-directory/view';
import type { Actor } from './event-store';

/** How strongly the person was identified at sign-in (the identity token's `acr`). */
export type Assurance = 'eid' | 'mid' | 'password';

export interface PeopleDirectory {
  /**
   * The Actor of a signed-in person: staff, head or council of their community (channel `staff`), a
   * ministry official or auditor, or — appointed nowhere, or dismissed — a `resident` (channel `online`).
   */
  actorOf(personalId: string, assurance: Assurance): Promise<Actor>;
  /** The person's appointment (status `appointed`, or `dismissed` with the last one held); null if the directory has never seen them. */
  appointmentOf(personalId: string): Promise<StaffAppointmentView | null>;
}
