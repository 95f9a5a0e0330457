/**
 * The people directory over the event log: a person's Actor is folded from their own appointment
 * stream (`appointment-<personalId>`, a handful of events) at each request, never from a read model,
 * so a dismissal takes effect on the very next request with no projection lag.
 */
import { PERSONAL_ID_PATTERN } from '../../domain/staff-directory/commands';
import { staffDirectoryDecider, type StaffDirectoryEvent } from '../../domain/staff-directory';
import { staffAppointmentView, type StaffAppointmentView } from '../../domain/staff-directory/view';
import type { Actor, EventStore } from '../ports/event-store';
import type { Assurance, PeopleDirectory } from '../ports/people';
import { appointmentStreamId } from './commands';

/** The Actor of a person with this appointment (null: never appointed); dismissed or never appointed: a resident. */
export const actorOfAppointment = (personalId: string, appointment: StaffAppointmentView | null, assurance: Assurance): Actor => {
  if (appointment === null || appointment.status !== 'appointed') return { id: personalId, role: 'resident', assurance, channel: 'online' };
  return {
    id: personalId,
    role: appointment.role,
    ...(appointment.communityId !== null ? { communityId: appointment.communityId } : {}),
    assurance,
    channel: 'staff',
  };
};

export const createPeopleDirectory = ({ eventStore }: { readonly eventStore: Pick<EventStore, 'readStream'> }): PeopleDirectory => {
  const appointmentOf = async (personalId: string): Promise<StaffAppointmentView | null> => {
    // Only a public service number can be in the directory: other subjects (development and
    // integration tokens) are not looked up at all.
    if (!PERSONAL_ID_PATTERN.test(personalId)) return null;
    const events = await eventStore.readStream(appointmentStreamId(personalId));
    if (events.length === 0) return null;
    const state = events.reduce((s, e) => staffDirectoryDecider.evolve(s, { type: e.type, data: e.data } as StaffDirectoryEvent), staffDirectoryDecider.initialState());
    return staffAppointmentView(state);
  };
  return {
    appointmentOf,
    actorOf: async (personalId, assurance) => actorOfAppointment(personalId, await appointmentOf(personalId), assurance),
  };
};
