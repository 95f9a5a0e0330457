/** The `StaffAppointment` view (docs/api.md): a person's current appointment, or their last one once dismissed. */
import type { DirectoryRole } from './commands';
import { appointmentStatus, type AppointmentStatus, type PersonState } from './state';
import { yerevanDate } from '../kernel/time';

export interface StaffAppointmentView {
  /** The personal id (the stream is `appointment-<id>`). */
  readonly id: string;
  readonly status: AppointmentStatus;
  readonly personalId: string;
  readonly name: string;
  readonly role: DirectoryRole;
  /** The community of staff, head and council; null for the ministry and auditors. */
  readonly communityId: string | null;
  readonly appointedAt: string;
  /** Yerevan date of the appointment. */
  readonly appointedOn: string;
  readonly dismissedAt: string | null;
}

/** The view of a person the directory has seen; null for one it has never seen. */
export const staffAppointmentView = (state: PersonState): StaffAppointmentView | null => {
  if (state === null) return null;
  const a = state.lastAppointment;
  return {
    id: state.personalId,
    status: appointmentStatus(state),
    personalId: state.personalId,
    name: state.name,
    role: a.role,
    communityId: a.kind === 'staff' ? a.communityId : null,
    appointedAt: state.appointedAt,
    appointedOn: yerevanDate(state.appointedAt),
    dismissedAt: state.dismissedAt,
  };
};
