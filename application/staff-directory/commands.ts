/**
 * The staff directory's commands: who works for which community, and who are the ministry's officials
 * and the auditors. Roles at every request come from here (people.ts), not from a token.
 *
 * - The ministry appoints and dismisses anyone (and the system actor, which `hamaynk appoint` and the
 *   seed use to appoint the first official).
 * - A head appoints and dismisses the staff and council members of their own community, but never a
 *   head: not appointing one, not changing a head's role, not dismissing one (themselves included).
 * - Staff are appointed only in a registered community that has not been merged away.
 */
import { streamIdOf } from '../../domain/aggregates';
import {
  OFFICIAL_ROLES,
  STAFF_ROLES,
  staffAppointmentView,
  staffDirectoryDecider,
  type OfficialRole,
  type PersonState,
  type StaffDirectoryCommand,
  type StaffRole,
} from '../../domain/staff-directory';
import { aggregate, command } from '../commands/declare';
import { CommunityCode, Name, OneOf, PersonalId } from '../commands/fields';
import { allOf, allow, forbid, hasRole, inOwnCommunity, type Role, type Verdict } from '../commands/policy';
import { requireActiveCommunity } from '../community/registered';
import { NotFound } from '../errors';
import type { Actor } from '../ports/event-store';

/** The stream of a person's appointment. */
export const appointmentStreamId = (personalId: string): string => streamIdOf(staffDirectoryDecider.name, personalId);

const DIRECTORY_KEEPERS: readonly Role[] = ['ministry', 'system'];
const COMMUNITY_KEEPERS: readonly Role[] = ['ministry', 'system', 'head'];

const personNotFound = (personalId: string) => new NotFound(`Person ${personalId} has never been appointed`, 'PERSON_NOT_FOUND');

class AppointStaffArgs {
  @CommunityCode() communityId!: string;
  @PersonalId() personalId!: string;
  @OneOf(STAFF_ROLES, { description: '"staff", "head" or "council"' }) role!: StaffRole;
  @Name() name!: string;
}

class DismissStaffArgs {
  @CommunityCode() communityId!: string;
  @PersonalId() personalId!: string;
}

class AppointOfficialArgs {
  @PersonalId() personalId!: string;
  @OneOf(OFFICIAL_ROLES, { description: '"ministry" or "auditor"' }) role!: OfficialRole;
  @Name() name!: string;
}

class DismissOfficialArgs {
  @PersonalId() personalId!: string;
}

/** Whether the person is now the head of `communityId`. */
const isHeadOf = (state: PersonState, communityId: string): boolean =>
  state?.appointment?.kind === 'staff' && state.appointment.communityId === communityId && state.appointment.role === 'head';

/** The ministry anywhere; a head in their own community, and never over a head (appointing one or changing or ending one's appointment). */
const keepsCommunityStaff =
  (what: string, appointsHead: (input: { role?: StaffRole }) => boolean) =>
  (actor: Actor, state: PersonState, input: { communityId: string; role?: StaffRole }): Verdict =>
    allOf(
      () => hasRole(actor, COMMUNITY_KEEPERS, what),
      () => (actor.role === 'head' ? inOwnCommunity(actor, input.communityId, ['head'], what) : allow),
      () =>
        actor.role === 'head' && (appointsHead(input) || isHeadOf(state, input.communityId))
          ? forbid(`A head may not ${what} when it concerns a head; the ministry appoints and dismisses heads`)
          : allow,
    );

const officialsKeeper = (what: string) => (actor: Actor): Verdict => hasRole(actor, DIRECTORY_KEEPERS, what);

const directoryCommand = command<PersonState, StaffDirectoryCommand>();

export const staffDirectoryCommands = aggregate({
  decider: staffDirectoryDecider,
  graphqlType: 'StaffAppointment',
  view: staffAppointmentView,
  notFound: personNotFound,
  commands: {
    appointStaff: directoryCommand({
      description: 'Appoints a person to a community’s staff (or changes their role there). Ministry; a head for their own community, except heads.',
      input: AppointStaffArgs,
      target: ({ personalId }) => personalId,
      creates: true,
      policy: keepsCommunityStaff('appoint staff', (input) => input.role === 'head'),
      prepare: async (input, _state, env, call) => {
        await requireActiveCommunity(env.handler, input.communityId, call.today, 'communityId');
      },
      command: (a) => ({ type: 'AppointStaff', data: { personalId: a.personalId, communityId: a.communityId, role: a.role, name: a.name } }),
    }),
    dismissStaff: directoryCommand({
      description: 'Ends a person’s appointment to a community’s staff. Ministry; a head for their own community, except heads.',
      input: DismissStaffArgs,
      target: ({ personalId }) => personalId,
      creates: true,
      policy: keepsCommunityStaff('dismiss staff', () => false),
      command: (a) => ({ type: 'DismissStaff', data: { personalId: a.personalId, communityId: a.communityId } }),
    }),
    appointOfficial: directoryCommand({
      description: 'Appoints a ministry official or an auditor. Ministry.',
      input: AppointOfficialArgs,
      target: ({ personalId }) => personalId,
      creates: true,
      policy: officialsKeeper('appoint officials'),
      command: (a) => ({ type: 'AppointOfficial', data: { personalId: a.personalId, role: a.role, name: a.name } }),
    }),
    dismissOfficial: directoryCommand({
      description: 'Ends the appointment of a ministry official or an auditor. Ministry.',
      input: DismissOfficialArgs,
      target: ({ personalId }) => personalId,
      creates: true,
      policy: officialsKeeper('dismiss officials'),
      command: (a) => ({ type: 'DismissOfficial', data: { personalId: a.personalId } }),
    }),
  },
});
