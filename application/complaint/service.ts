/**
 * The complaint service: one method per API.md complaint mutation. Each validates its input
 * (VALIDATION_FAILED), authorizes the actor (FORBIDDEN), then decides and appends through the
 * command handler. A refused command appends nothing.
 *
 * Who may (API.md "Who may call what"):
 * - fileComplaint on channel `online`: a resident signed in with eID or mID; the complaint is theirs
 *   (complainantId = the resident's id). On `hotline`, `cso`, `in-person`: staff or head of that
 *   community, on a complainant's behalf.
 * - reopenComplaint: the complainant (a resident, on their own case) or staff/head of the community.
 * - every other complaint mutation: staff or head of the complaint's community.
 */
import { requireActiveCommunity } from '../community/registered';
import { complaintDecider, type ComplaintCommand, type ComplaintEvent, type ComplaintState, type Complaint } from '../../domain/complaint';
import { complaintView, type ComplaintView } from '../../domain/complaint/view';
import { yerevanDate } from '../../domain/shared/time';
import { requireMunicipalRole, requireOwnCase, requireRole, requireStrongAssurance, type Role } from '../authorization';
import type { CommandContext, CommandHandler, CommandInput, HandleResult, HandleOptions } from '../command-handler';
import { Forbidden, InvalidTransition, NotFound } from '../errors';
import { systemClock, type Clock } from '../ids';
import { validateInput } from '../validation';
import { AssignComplaintArgs, ComplaintIdArgs, EscalateComplaintArgs, FileComplaintInput, ReopenComplaintArgs, RespondToComplaintArgs } from './dto';

export interface ComplaintServiceDeps {
  readonly handler: CommandHandler;
  /** Gives "today" (Asia/Yerevan) for the returned view's `overdue`; the system clock by default. */
  readonly clock?: Clock;
}

export interface ComplaintMutationResult {
  readonly id: string;
  readonly revision: number;
  readonly view: ComplaintView;
  /** Global position of the last event the command appended (null: it appended nothing). */
  readonly position: bigint | null;
}

export const complaintStreamId = (id: string): string => `complaint-${id}`;

/** Who handles complaints: the community's staff and its head. */
const COMPLAINT_ROLES: readonly Role[] = ['staff', 'head'];

export const createComplaintService = ({ handler, clock = systemClock }: ComplaintServiceDeps) => {
  const done = (result: HandleResult<ComplaintState, ComplaintEvent>): ComplaintMutationResult => {
    if (result.state === null) throw new InvalidTransition('The complaint was not recorded', 'COMPLAINT_NOT_RECORDED');
    return { id: result.state.complaintId, revision: result.revision, view: complaintView(result.state, yerevanDate(clock.now())), position: result.lastPosition };
  };

  const load = async (id: string): Promise<Complaint> => {
    const { state } = await handler.load(complaintDecider, complaintStreamId(id));
    if (state === null) throw new NotFound(`No complaint with id ${id}`, 'COMPLAINT_NOT_FOUND');
    return state;
  };

  /** Staff or head of the complaint's community (the role is checked before the complaint is read). */
  const authorizeStaff = async (id: string, ctx: CommandContext, what: string): Promise<void> => {
    requireRole(ctx.actor, COMPLAINT_ROLES, what);
    const complaint = await load(id);
    requireMunicipalRole(ctx.actor, complaint.communityId, COMPLAINT_ROLES, what);
  };

  const run = async (id: string, command: CommandInput<ComplaintCommand>, ctx: CommandContext, options?: HandleOptions): Promise<ComplaintMutationResult> =>
    done(await handler.handle(complaintDecider, complaintStreamId(id), command, ctx, options));

  return {
    async fileComplaint(args: { input: FileComplaintInput }, ctx: CommandContext): Promise<ComplaintMutationResult> {
      const input = validateInput(FileComplaintInput, args?.input, 'input');
      const { actor } = ctx;
      let complainantId: string | undefined;
      if (input.channel === 'online') {
        requireRole(actor, ['resident'], 'file a complaint online');
        requireStrongAssurance(actor, 'file a complaint');
        if (input.complainantId != null && input.complainantId !== actor.id) {
          throw new Forbidden('A resident files online complaints only in their own name');
        }
        complainantId = actor.id;
      } else {
        requireMunicipalRole(actor, input.communityId, COMPLAINT_ROLES, `file a complaint received by ${input.channel}`);
        // The resident staff act for, when the complaint names no one else.
        complainantId = input.complainantId ?? actor.onBehalfOf ?? undefined;
      }
      await requireActiveCommunity(handler, input.communityId, yerevanDate(ctx.occurredAt ?? clock.now()), 'input.communityId');
      const complaintId = handler.newAggregateId(ctx.commandId);
      return run(
        complaintId,
        {
          type: 'FileComplaint',
          data: {
            complaintId,
            communityId: input.communityId,
            channel: input.channel,
            category: input.category,
            subject: input.subject,
            description: input.description,
            ...(input.complainantName != null ? { complainantName: input.complainantName } : {}),
            ...(complainantId !== undefined ? { complainantId } : {}),
          },
        },
        ctx,
        { newStream: true },
      );
    },

    async acknowledgeComplaint(args: { id: string }, ctx: CommandContext): Promise<ComplaintMutationResult> {
      const a = validateInput(ComplaintIdArgs, args);
      await authorizeStaff(a.id, ctx, 'acknowledge a complaint');
      return run(a.id, { type: 'AcknowledgeComplaint', data: {} }, ctx);
    },

    async assignComplaint(args: { id: string; assigneeId: string }, ctx: CommandContext): Promise<ComplaintMutationResult> {
      const a = validateInput(AssignComplaintArgs, args);
      await authorizeStaff(a.id, ctx, 'assign a complaint');
      return run(a.id, { type: 'AssignComplaint', data: { assigneeId: a.assigneeId } }, ctx);
    },

    async respondToComplaint(
      args: { id: string; response: string; resolution: 'upheld' | 'partially-upheld' | 'rejected' },
      ctx: CommandContext,
    ): Promise<ComplaintMutationResult> {
      const a = validateInput(RespondToComplaintArgs, args);
      await authorizeStaff(a.id, ctx, 'respond to a complaint');
      return run(a.id, { type: 'RespondToComplaint', data: { response: a.response, resolution: a.resolution } }, ctx);
    },

    async escalateComplaint(args: { id: string; to: 'head' | 'ministry'; reason: string }, ctx: CommandContext): Promise<ComplaintMutationResult> {
      const a = validateInput(EscalateComplaintArgs, args);
      await authorizeStaff(a.id, ctx, 'escalate a complaint');
      return run(a.id, { type: 'EscalateComplaint', data: { to: a.to, reason: a.reason } }, ctx);
    },

    async reopenComplaint(args: { id: string; reason: string }, ctx: CommandContext): Promise<ComplaintMutationResult> {
      const a = validateInput(ReopenComplaintArgs, args);
      const what = 'reopen a complaint';
      if (ctx.actor.role === 'resident') {
        requireOwnCase(ctx.actor, (await load(a.id)).complainantId, what);
      } else {
        await authorizeStaff(a.id, ctx, what);
      }
      return run(a.id, { type: 'ReopenComplaint', data: { reason: a.reason } }, ctx);
    },

    async closeComplaint(args: { id: string }, ctx: CommandContext): Promise<ComplaintMutationResult> {
      const a = validateInput(ComplaintIdArgs, args);
      await authorizeStaff(a.id, ctx, 'close a complaint');
      return run(a.id, { type: 'CloseComplaint', data: {} }, ctx);
    },
  };
};

export type ComplaintService = ReturnType<typeof createComplaintService>;
