/**
 * The legal-act service: API.md's act mutations. Each validates its input (VALIDATION_FAILED),
 * authorizes the actor (FORBIDDEN), then hands the command to the command handler; a refused
 * command appends nothing.
 *
 * Who may call what (API.md):
 * - staff and head of the act's community: every act mutation except commentOnAct/signAct;
 * - head of the act's community: signAct;
 * - council (and staff/head, who also record a session's outcome) of the act's community: recordActVote;
 * - resident: commentOnAct during the discussion; staff/head of the community may comment on a
 *   resident's behalf (actor.onBehalfOf names the resident);
 * - the internal `system` actor (seeding, process managers) may do everything;
 * - ministry, auditor, integration: never write.
 *
 * Act numbers come from the act register (`actregister-<communityId>_<year>`, domain/legal-act/register.ts):
 * the number is appended there first, with the register's expected revision (a conflict reloads and
 * retries), then the act's ActAdopted/ActSigned carries it. The register is idempotent per act, so a
 * retry after a crash between the two appends gets the same number.
 */
import { requireActiveCommunity } from '../community/registered';
import type { CommandContext, CommandHandler, HandleOptions } from '../command-handler';
import { domainErrorToError } from '../command-handler';
import { isDomainError } from '../../domain/shared/errors';
import { yerevanDate } from '../../domain/shared/time';
import { legalActDecider } from '../../domain/legal-act/decider';
import type { LegalActCommand } from '../../domain/legal-act/commands';
import { actRegisterDecider, actRegisterStreamId, numberOf } from '../../domain/legal-act/register';
import { actStatus, isAdoptingVote, type LegalAct } from '../../domain/legal-act/state';
import { legalActView, type ActView } from '../../domain/legal-act/view';
import { refuseReadOnlyRoles, requireMunicipalRole, requireRole, type Role } from '../authorization';
import { ConcurrencyConflict, Forbidden, NotFound } from '../errors';
import type { Clock } from '../ids';
import type { Actor } from '../ports/event-store';
import { validateInput } from '../validation';
import {
  ActIdDto,
  ActQueryDto,
  AmendActDto,
  CommentOnActDto,
  DraftActInputDto,
  OpenActDiscussionDto,
  PlaceActOnAgendaDto,
  PublishActDto,
  RecordActVoteDto,
  RepealActDto,
  ReviseActDraftDto,
} from './dto';

export interface LegalActServiceDeps {
  readonly handler: CommandHandler;
  /** Today's date for derived statuses, and the business time (hence the year) of numbering. */
  readonly clock: Clock;
  /** Attempts to take the next number of a busy act register (each conflict reloads it). Default 200. */
  readonly maxRegisterAttempts?: number;
}

export interface ActResult {
  readonly id: string;
  /** The act stream's revision after the command. */
  readonly revision: number;
  readonly view: ActView;
  /** Global position of the last event the command appended (null: it appended nothing). */
  readonly position: bigint | null;
}

export interface DraftActArgs {
  readonly input: { communityId: string; issuer: 'council' | 'head'; titleHy: string; titleEn?: string | null; text: string };
}

type Command = Omit<LegalActCommand, 'metadata'>;

export const actStreamId = (id: string): string => `${legalActDecider.name}-${id}`;

/** `commandId` and `expectedRevision` are every mutation's arguments but travel in the context. */
const argsOf = (args: unknown): unknown => {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return args;
  const rest: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  delete rest.commandId;
  delete rest.expectedRevision;
  return rest;
};

const WRITERS: readonly Role[] = ['staff', 'head', 'system'];
const VOTE_RECORDERS: readonly Role[] = ['council', 'staff', 'head', 'system'];
const SIGNERS: readonly Role[] = ['head', 'system'];
const COMMENTERS: readonly Role[] = ['resident', 'staff', 'head', 'system'];
/** Who may read acts that are not public (drafts, adopted but unpublished…): the community's own bodies, the ministry, auditors. */
const NON_PUBLIC_STATUSES = new Set(['draft', 'on-agenda', 'adopted', 'rejected', 'signed']);

/** The role check that needs no act, so that a forbidden role learns nothing about which acts exist. */
const requireWriterRole = (actor: Actor, roles: readonly Role[], what: string): void => {
  refuseReadOnlyRoles(actor);
  requireRole(actor, roles, what);
};

/** Municipal roles act only within their own community; the system actor anywhere. */
const requireOwnCommunity = (actor: Actor, communityId: string, roles: readonly Role[], what: string): void => {
  if (actor.role === 'system') return;
  requireMunicipalRole(actor, communityId, roles, what);
};

export const createLegalActService = (deps: LegalActServiceDeps) => {
  const { handler, clock } = deps;
  const maxRegisterAttempts = deps.maxRegisterAttempts ?? 200;
  const today = (): string => yerevanDate(clock.now());

  const toResult = (id: string, revision: number, state: LegalAct | null, position: bigint | null = null): ActResult => {
    const view = legalActView(state, today());
    if (view === null) throw new NotFound(`No act ${id}`, 'ACT_NOT_FOUND');
    return { id, revision, view, position };
  };

  const loadAct = async (id: string): Promise<{ act: LegalAct; revision: number }> => {
    const { state, revision } = await handler.load(legalActDecider, actStreamId(id));
    if (state === null) throw new NotFound(`No act ${id}`, 'ACT_NOT_FOUND');
    return { act: state, revision };
  };

  const run = async (id: string, command: Command, ctx: CommandContext, options?: HandleOptions): Promise<ActResult> => {
    const r = await handler.handle(legalActDecider, actStreamId(id), command, ctx, options);
    return toResult(id, r.revision, r.state, r.lastPosition);
  };

  /** Load the act, check the actor's community, then handle the command built from it. */
  const onAct = async (
    id: string,
    ctx: CommandContext,
    roles: readonly Role[],
    what: string,
    build: (act: LegalAct) => Command | Promise<Command>,
  ): Promise<ActResult> => {
    requireWriterRole(ctx.actor, roles, what);
    const { act } = await loadAct(id);
    requireOwnCommunity(ctx.actor, act.communityId, roles, what);
    return run(id, await build(act), ctx);
  };

  /**
   * The act's number from the community's register for `year`: the one it already holds there,
   * or the next one, appended with the register's expected revision (a conflict reloads and retries).
   */
  const assignNumber = async (act: LegalAct, year: number, ctx: CommandContext, occurredAt: string): Promise<string> => {
    const streamId = actRegisterStreamId(act.communityId, year);
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await handler.load(actRegisterDecider, streamId);
      const held = numberOf(state, act.actId);
      if (held !== null) return held;
      try {
        const r = await handler.handle(
          actRegisterDecider,
          streamId,
          { type: 'AssignActNumber', data: { communityId: act.communityId, year, actId: act.actId } },
          { actor: ctx.actor, expectedRevision: revision, occurredAt, correlationId: ctx.correlationId ?? ctx.commandId, causationId: ctx.causationId ?? ctx.commandId },
        );
        const assigned = numberOf(r.state, act.actId);
        if (assigned === null) throw new Error(`The act register ${streamId} recorded no number for act ${act.actId}`);
        return assigned;
      } catch (error) {
        if (error instanceof ConcurrencyConflict && attempt < maxRegisterAttempts) {
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        throw error;
      }
    }
  };

  /**
   * Adoption and signing: decide first on the loaded act (so that a refused command takes no
   * number), take the number from the register, then append the act's event with it.
   * A repeated commandId whose first run already numbered the act is passed on with that same
   * number, so the handler recognises the repeat and returns the first result.
   */
  const numbered = async (
    act: LegalAct,
    revision: number,
    ctx: CommandContext,
    command: (number: string | undefined) => Command,
    needsNumber: (probe: readonly { type: string }[]) => boolean,
  ): Promise<ActResult> => {
    if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision) {
      throw new ConcurrencyConflict(actStreamId(act.actId), String(ctx.expectedRevision), revision < 0 ? 'no-stream' : String(revision));
    }
    const occurredAt = ctx.occurredAt ?? clock.now().toISOString();
    const probe = legalActDecider.decide(
      { ...command('(pending)'), metadata: { now: occurredAt, actor: { id: ctx.actor.id, role: ctx.actor.role } } } as LegalActCommand,
      act,
    );
    let number: string | undefined;
    if (isDomainError(probe)) {
      if (ctx.commandId === undefined) throw domainErrorToError(probe);
      number = act.number ?? undefined;
    } else if (needsNumber(probe)) {
      number = await assignNumber(act, Number(yerevanDate(occurredAt).slice(0, 4)), ctx, occurredAt);
    }
    return run(act.actId, command(number), { ...ctx, occurredAt });
  };

  return {
    draftAct: async (args: DraftActArgs, ctx: CommandContext): Promise<ActResult> => {
      const input = validateInput(DraftActInputDto, (args as { input?: unknown } | null)?.input, 'input');
      requireWriterRole(ctx.actor, WRITERS, 'draft acts');
      requireOwnCommunity(ctx.actor, input.communityId, WRITERS, 'draft acts');
      await requireActiveCommunity(handler, input.communityId, yerevanDate(ctx.occurredAt ?? clock.now()), 'input.communityId');
      const actId = handler.newAggregateId(ctx.commandId);
      return run(
        actId,
        {
          type: 'DraftAct',
          data: { actId, communityId: input.communityId, issuer: input.issuer, titleHy: input.titleHy, titleEn: input.titleEn?.trim() ? input.titleEn : null, text: input.text },
        },
        ctx,
        { newStream: true },
      );
    },

    reviseActDraft: async (args: { id: string; text: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(ReviseActDraftDto, argsOf(args));
      return onAct(dto.id, ctx, WRITERS, 'revise acts', () => ({ type: 'ReviseActDraft', data: { text: dto.text } }));
    },

    openActDiscussion: async (args: { id: string; until: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(OpenActDiscussionDto, argsOf(args));
      return onAct(dto.id, ctx, WRITERS, 'open public discussions', () => ({ type: 'OpenActDiscussion', data: { until: dto.until } }));
    },

    commentOnAct: async (args: { id: string; comment: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(CommentOnActDto, argsOf(args));
      const { actor } = ctx;
      requireWriterRole(actor, COMMENTERS, 'comment on acts');
      const { act } = await loadAct(dto.id);
      let commenterId = actor.id;
      if (actor.role !== 'resident') {
        requireOwnCommunity(actor, act.communityId, ['staff', 'head'], "comment on a resident's behalf");
        if (!actor.onBehalfOf) throw new Forbidden('Staff comment on an act only on a resident’s behalf (onBehalfOf)');
        commenterId = actor.onBehalfOf;
      }
      return run(dto.id, { type: 'CommentOnAct', data: { comment: dto.comment, commenterId } }, ctx);
    },

    closeActDiscussion: async (args: { id: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(ActIdDto, argsOf(args));
      return onAct(dto.id, ctx, WRITERS, 'close public discussions', () => ({ type: 'CloseActDiscussion', data: {} }));
    },

    placeActOnAgenda: async (args: { id: string; sessionDate: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(PlaceActOnAgendaDto, argsOf(args));
      return onAct(dto.id, ctx, WRITERS, 'place acts on the agenda', () => ({ type: 'PlaceActOnAgenda', data: { sessionDate: dto.sessionDate } }));
    },

    recordActVote: async (
      args: { id: string; votesFor: number; votesAgainst: number; votesAbstained: number },
      ctx: CommandContext,
    ): Promise<ActResult> => {
      const dto = validateInput(RecordActVoteDto, argsOf(args));
      requireWriterRole(ctx.actor, VOTE_RECORDERS, 'record council votes');
      const { act, revision } = await loadAct(dto.id);
      requireOwnCommunity(ctx.actor, act.communityId, VOTE_RECORDERS, 'record council votes');
      const votes = { votesFor: dto.votesFor, votesAgainst: dto.votesAgainst, votesAbstained: dto.votesAbstained };
      const adopting = isAdoptingVote(votes);
      return numbered(
        act,
        revision,
        ctx,
        (number) => ({ type: 'RecordActVote', data: adopting && number !== undefined ? { ...votes, number } : votes }),
        (probe) => probe.some((e) => e.type === 'ActAdopted'),
      );
    },

    signAct: async (args: { id: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(ActIdDto, argsOf(args));
      requireWriterRole(ctx.actor, SIGNERS, 'sign decisions');
      const { act, revision } = await loadAct(dto.id);
      requireOwnCommunity(ctx.actor, act.communityId, SIGNERS, 'sign decisions');
      return numbered(
        act,
        revision,
        ctx,
        (number) => ({ type: 'SignAct', data: { number: number ?? '' } }),
        (probe) => probe.some((e) => e.type === 'ActSigned'),
      );
    },

    publishAct: async (args: { id: string; effectiveFrom: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(PublishActDto, argsOf(args));
      return onAct(dto.id, ctx, WRITERS, 'publish acts', () => ({ type: 'PublishAct', data: { effectiveFrom: dto.effectiveFrom } }));
    },

    amendAct: async (args: { id: string; amendingActId: string; text: string; effectiveFrom: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(AmendActDto, argsOf(args));
      return onAct(dto.id, ctx, WRITERS, 'amend acts', async (act) => {
        const other = await otherAct(act, dto.amendingActId, ctx);
        return {
          type: 'AmendAct',
          data: { amendingActId: dto.amendingActId, text: dto.text, effectiveFrom: dto.effectiveFrom, amendingActStatus: other.status, amendingActCommunityId: other.communityId },
        };
      });
    },

    repealAct: async (args: { id: string; repealingActId: string; effectiveFrom: string }, ctx: CommandContext): Promise<ActResult> => {
      const dto = validateInput(RepealActDto, argsOf(args));
      return onAct(dto.id, ctx, WRITERS, 'repeal acts', async (act) => {
        const other = await otherAct(act, dto.repealingActId, ctx);
        return {
          type: 'RepealAct',
          data: { repealingActId: dto.repealingActId, effectiveFrom: dto.effectiveFrom, repealingActStatus: other.status, repealingActCommunityId: other.communityId },
        };
      });
    },

    /**
     * `act(id, asOf)`: the act's view, its text in force on `asOf` when given. Published, repealed
     * and in-discussion acts are public; other acts only for the community's staff, head and
     * council, the ministry and auditors (anyone else gets NOT_FOUND, which reveals nothing).
     */
    act: async (args: { id: string; asOf?: string | null }, actor: Actor | null): Promise<ActView & { revision: number }> => {
      const dto = validateInput(ActQueryDto, args);
      const { act, revision } = await loadAct(dto.id);
      const view = legalActView(act, today(), dto.asOf ?? null)!;
      if (NON_PUBLIC_STATUSES.has(view.status)) {
        const own = actor !== null && ['staff', 'head', 'council'].includes(actor.role) && actor.communityId === act.communityId;
        const oversight = actor !== null && (actor.role === 'ministry' || actor.role === 'auditor' || actor.role === 'system');
        if (!own && !oversight) throw new NotFound(`No act ${dto.id}`, 'ACT_NOT_FOUND');
      }
      return { ...view, revision };
    },
  };

  /** The status (on the command's business date) and community of the amending or repealing act. */
  async function otherAct(act: LegalAct, otherId: string, ctx: CommandContext): Promise<{ status: ReturnType<typeof actStatus> | 'none'; communityId: string | null }> {
    const other = otherId === act.actId ? act : (await handler.load(legalActDecider, actStreamId(otherId))).state;
    if (other === null) return { status: 'none', communityId: null };
    return { status: actStatus(other, yerevanDate(ctx.occurredAt ?? clock.now())), communityId: other.communityId };
  }
};

export type LegalActService = ReturnType<typeof createLegalActService>;
