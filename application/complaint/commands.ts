/**
 * The complaint's commands. Online complaints are filed by a resident signed in with eID or mID, in
 * their own name; complaints received by hotline, at a citizen service office or in person are filed
 * by the community's staff or head on the complainant's behalf. The complainant or the community's
 * staff reopen one; everything else is for the community's staff and head.
 */
import { streamIdOf } from '../../domain/aggregates';
import { complaintDecider, complaintView, COMPLAINT_CHANNELS, COMPLAINT_RESOLUTIONS, ESCALATION_LEVELS, type ComplaintChannel, type ComplaintCommand, type ComplaintResolution, type ComplaintState, type EscalationLevel } from '../../domain/complaint';
import { MAX_SUBJECT_LENGTH } from '../../domain/complaint/state';
import { aggregate, command } from '../commands/declare';
import { CommunityCode, Id, Name, Nested, OneOf, Text } from '../commands/fields';
import { allOf, forbid, hasRole, inOwnCommunity, ownCase, refuse, strongAssurance, allow, type Role, type Verdict } from '../commands/policy';
import { requireActiveCommunity } from '../community/registered';
import { NotFound } from '../errors';
import type { Actor } from '../ports/event-store';
import { isOpen311Actor } from '../open311/commands';

/** The stream of a complaint. */
export const complaintStreamId = (id: string): string => streamIdOf(complaintDecider.name, id);

/** Who handles complaints: the community's staff and its head. */
const COMPLAINT_ROLES: readonly Role[] = ['staff', 'head'];

const complaintNotFound = (id: string) => new NotFound(`No complaint with id ${id}`, 'COMPLAINT_NOT_FOUND');

export class FileComplaintInput {
  @CommunityCode() communityId!: string;
  @OneOf(COMPLAINT_CHANNELS, { description: 'online, hotline, cso or in-person' }) channel!: ComplaintChannel;
  @Name() category!: string;
  @Text(MAX_SUBJECT_LENGTH) subject!: string;
  @Text() description!: string;
  @Name({ optional: true }) complainantName?: string | null;
  @Id({ optional: true, graphqlType: 'String' }) complainantId?: string | null;
}

class FileComplaintArgs {
  @Nested(FileComplaintInput) input!: FileComplaintInput;
}

class ComplaintIdArgs {
  @Id() id!: string;
}

class AssignComplaintArgs extends ComplaintIdArgs {
  @Id({ graphqlType: 'String' }) assigneeId!: string;
}

class RespondToComplaintArgs extends ComplaintIdArgs {
  @Text() response!: string;
  @OneOf(COMPLAINT_RESOLUTIONS) resolution!: ComplaintResolution;
}

class EscalateComplaintArgs extends ComplaintIdArgs {
  @OneOf(ESCALATION_LEVELS) to!: EscalationLevel;
  @Text() reason!: string;
}

class ReopenComplaintArgs extends ComplaintIdArgs {
  @Text() reason!: string;
}

/** Staff or head of the complaint's community (the role is judged before the complaint is revealed). */
const byStaff =
  (what: string) =>
  (actor: Actor, state: ComplaintState, input: { id: string }): Verdict =>
    allOf(
      () => hasRole(actor, COMPLAINT_ROLES, what),
      () => (state === null ? refuse(complaintNotFound(input.id)) : inOwnCommunity(actor, state.communityId, COMPLAINT_ROLES, what)),
    );

const complaintCommand = command<ComplaintState, ComplaintCommand>();

export const complaintCommands = aggregate({
  decider: complaintDecider,
  graphqlType: 'Complaint',
  view: complaintView,
  notFound: complaintNotFound,
  commands: {
    fileComplaint: complaintCommand({
      input: FileComplaintArgs,
      target: 'new',
      policy: (actor, _state, { input }) =>
        input.channel === 'online'
          ? isOpen311Actor(actor)
            ? allow
            : allOf(
                () => hasRole(actor, ['resident'], 'file a complaint online'),
                () => strongAssurance(actor, 'file a complaint'),
                () => (input.complainantId != null && input.complainantId !== actor.id ? forbid('A resident files online complaints only in their own name') : allow),
              )
          : inOwnCommunity(actor, input.communityId, COMPLAINT_ROLES, `file a complaint received by ${input.channel}`),
      prepare: async ({ input }, _state, env, call) => {
        await requireActiveCommunity(env.handler, input.communityId, call.today, 'input.communityId');
      },
      command: ({ input }, _state, _prepared, { id, actor }) => {
        // Online: the resident themselves (or the Open311 client filing it); otherwise the one named, else the resident staff act for.
        const complainantId = input.channel === 'online' ? actor.id : (input.complainantId ?? actor.onBehalfOf ?? undefined);
        return {
          type: 'FileComplaint',
          data: {
            complaintId: id,
            communityId: input.communityId,
            channel: input.channel,
            category: input.category,
            subject: input.subject,
            description: input.description,
            ...(input.complainantName != null ? { complainantName: input.complainantName } : {}),
            ...(complainantId !== undefined ? { complainantId } : {}),
          },
        };
      },
    }),
    acknowledgeComplaint: complaintCommand({
      input: ComplaintIdArgs,
      target: ({ id }) => id,
      policy: byStaff('acknowledge a complaint'),
      command: () => ({ type: 'AcknowledgeComplaint', data: {} }),
    }),
    assignComplaint: complaintCommand({
      input: AssignComplaintArgs,
      target: ({ id }) => id,
      policy: byStaff('assign a complaint'),
      command: (a) => ({ type: 'AssignComplaint', data: { assigneeId: a.assigneeId } }),
    }),
    respondToComplaint: complaintCommand({
      input: RespondToComplaintArgs,
      target: ({ id }) => id,
      policy: byStaff('respond to a complaint'),
      command: (a) => ({ type: 'RespondToComplaint', data: { response: a.response, resolution: a.resolution } }),
    }),
    escalateComplaint: complaintCommand({
      input: EscalateComplaintArgs,
      target: ({ id }) => id,
      policy: byStaff('escalate a complaint'),
      command: (a) => ({ type: 'EscalateComplaint', data: { to: a.to, reason: a.reason } }),
    }),
    reopenComplaint: complaintCommand({
      description: 'Within 30 days of the response.',
      input: ReopenComplaintArgs,
      target: ({ id }) => id,
      policy: (actor, state, input) =>
        actor.role === 'resident'
          ? state === null
            ? refuse(complaintNotFound(input.id))
            : ownCase(actor, state.complainantId, 'reopen a complaint')
          : byStaff('reopen a complaint')(actor, state, input),
      command: (a) => ({ type: 'ReopenComplaint', data: { reason: a.reason } }),
    }),
    closeComplaint: complaintCommand({
      input: ComplaintIdArgs,
      target: ({ id }) => id,
      policy: byStaff('close a complaint'),
      command: () => ({ type: 'CloseComplaint', data: {} }),
    }),
  },
});
