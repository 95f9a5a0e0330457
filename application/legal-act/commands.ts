/**
 * The legal act's commands (council decisions and decisions of the head of community): who may run
 * each, on which act, with what input.
 *
 * - staff and head of the act's community: every act command except commentOnAct and signAct;
 * - head of the act's community: signAct; council (and staff/head, who also record a session's
 *   outcome) of the act's community: recordActVote;
 * - a resident comments on any act in public discussion; staff/head of the act's community comment
 *   only on a resident's behalf (actor.onBehalfOf names the resident);
 * - the `system` actor (seeding) may do everything; ministry, auditor and integration never write.
 * A role that may never run a command is refused before anything about the act is revealed.
 *
 * Act numbers come from the act register (`actregister-<communityId>_<year>`,
 * domain/legal-act/register.ts), in `prepare`: the vote or signature is decided first on the loaded
 * act (a refused command takes no number), then the number is appended to the register with its
 * expected revision (a conflict reloads and retries), then the act's ActAdopted/ActSigned carries it.
 * The register is idempotent per act, so a retry after a crash between the two appends gets the
 * same number.
 */
import { streamIdOf } from '../../domain/aggregates';
import {
  ACT_ISSUERS,
  actRegisterDecider,
  actRegisterStreamId,
  actStatus,
  isAdoptingVote,
  legalActDecider,
  legalActView,
  numberOf,
  type ActIssuer,
  type ActStatus,
  type LegalAct,
  type LegalActCommand,
  type LegalActEvent,
  type LegalActState,
} from '../../domain/legal-act';
import { isDomainError } from '../../domain/kernel/errors';
import { domainErrorToError, type CommandInput } from '../command-handler';
import { takeNumber } from '../commands/registers';
import { aggregate, command, type CommandCall, type CommandEnv } from '../commands/declare';
import { CommunityCode, Count, Id, IsoDate, Name, Nested, OneOf, Text } from '../commands/fields';
import { allOf, allow, forbid, hasRole, inOwnCommunity, refuse, writes, type Role, type Verdict } from '../commands/policy';
import { requireActiveCommunity } from '../community/registered';
import { NotFound } from '../errors';
import type { Actor } from '../ports/event-store';

/** The stream of an act. */
export const actStreamId = (id: string): string => streamIdOf(legalActDecider.name, id);

export const actNotFound = (id: string) => new NotFound(`No act ${id}`, 'ACT_NOT_FOUND');

/** Votes of one council session: at most this many each way. */
export const MAX_VOTES = 1_000_000;

const WRITERS: readonly Role[] = ['staff', 'head', 'system'];
const VOTE_RECORDERS: readonly Role[] = ['council', 'staff', 'head', 'system'];
const SIGNERS: readonly Role[] = ['head', 'system'];
const COMMENTERS: readonly Role[] = ['resident', 'staff', 'head', 'system'];

export class DraftActInput {
  @CommunityCode() communityId!: string;
  @OneOf(ACT_ISSUERS, { description: '"council" or "head"' }) issuer!: ActIssuer;
  @Name() titleHy!: string;
  @Name({ optional: true }) titleEn?: string | null;
  @Text() text!: string;
}

class DraftActArgs {
  @Nested(DraftActInput) input!: DraftActInput;
}

class ActIdArgs {
  @Id() id!: string;
}

class ReviseActDraftArgs extends ActIdArgs {
  @Text() text!: string;
}

class OpenActDiscussionArgs extends ActIdArgs {
  @IsoDate() until!: string;
}

class CommentOnActArgs extends ActIdArgs {
  @Text() comment!: string;
}

class PlaceActOnAgendaArgs extends ActIdArgs {
  @IsoDate() sessionDate!: string;
}

class RecordActVoteArgs extends ActIdArgs {
  @Count(0, MAX_VOTES) votesFor!: number;
  @Count(0, MAX_VOTES) votesAgainst!: number;
  @Count(0, MAX_VOTES) votesAbstained!: number;
}

class PublishActArgs extends ActIdArgs {
  @IsoDate() effectiveFrom!: string;
}

class AmendActArgs extends ActIdArgs {
  @Id() amendingActId!: string;
  @Text() text!: string;
  @IsoDate() effectiveFrom!: string;
}

class RepealActArgs extends ActIdArgs {
  @Id() repealingActId!: string;
  @IsoDate() effectiveFrom!: string;
}

/**
 * `roles` of the act's community (the system actor anywhere). The role is judged before the act is
 * looked at, so a role that may never run the command learns nothing about which acts exist.
 */
const onAct =
  (roles: readonly Role[], what: string) =>
  (actor: Actor, state: LegalActState, input: { id: string }): Verdict =>
    allOf(
      () => writes(actor),
      () => hasRole(actor, roles, what),
      () => (state === null ? refuse(actNotFound(input.id)) : inOwnCommunity(actor, state.communityId, roles, what)),
    );

/** A resident for themselves; staff or head of the act's community (the system actor anywhere) only on a resident's behalf. */
const commentPolicy = (actor: Actor, state: LegalActState, input: { id: string }): Verdict => {
  const role = allOf(
    () => writes(actor),
    () => hasRole(actor, COMMENTERS, 'comment on acts'),
  );
  if (!role.allowed) return role;
  if (state === null) return refuse(actNotFound(input.id));
  if (actor.role === 'resident') return allow;
  return allOf(
    () => inOwnCommunity(actor, state.communityId, ['staff', 'head', 'system'], "comment on a resident's behalf"),
    () => (actor.onBehalfOf ? allow : forbid('Staff comment on an act only on a resident’s behalf (onBehalfOf)')),
  );
};

/** The act a command on an existing act is built from (the policy has refused an unknown one). */
const actOf = (state: LegalActState, id: string): LegalAct => {
  if (state === null) throw actNotFound(id);
  return state;
};

/**
 * The act's number from its community's register for `year`: the one it already holds there, or
 * the next one, appended with the register's expected revision (a conflict reloads and retries, at
 * most `env.maxRegisterAttempts` times).
 */
const takeActNumber = (env: CommandEnv, act: LegalAct, year: number, call: CommandCall): Promise<string> =>
  takeNumber(
    env,
    actRegisterDecider,
    actRegisterStreamId(act.communityId, year),
    { type: 'AssignActNumber', data: { communityId: act.communityId, year, actId: act.actId } },
    (state) => numberOf(state, act.actId),
    call,
  );

type Command = CommandInput<LegalActCommand>;

/**
 * Adoption and signing: the command is decided first on the loaded act with a placeholder number,
 * so that a refused command takes no number; the number is taken from the register only when the
 * decision records `numberedBy` (a vote that rejects the act takes none).
 */
const numberFromRegister = async (
  build: (number: string | undefined) => Command,
  numberedBy: LegalActEvent['type'],
  act: LegalAct,
  env: CommandEnv,
  call: CommandCall,
): Promise<string | undefined> => {
  const probe = legalActDecider.decide({ ...build('(pending)'), metadata: { now: call.now, actor: { id: call.actor.id, role: call.actor.role } } } as LegalActCommand, act);
  if (isDomainError(probe)) throw domainErrorToError(probe);
  if (!probe.some((e) => e.type === numberedBy)) return undefined;
  return takeActNumber(env, act, Number(call.today.slice(0, 4)), call);
};

const voteOf = (a: RecordActVoteArgs) => ({ votesFor: a.votesFor, votesAgainst: a.votesAgainst, votesAbstained: a.votesAbstained });

const recordActVoteCommand =
  (a: RecordActVoteArgs) =>
  (number: string | undefined): Command => {
    const votes = voteOf(a);
    return { type: 'RecordActVote', data: isAdoptingVote(votes) && number !== undefined ? { ...votes, number } : votes };
  };

const signActCommand = (number: string | undefined): Command => ({ type: 'SignAct', data: { number: number ?? '' } });

/** The status (on the command's business date) and community of the amending or repealing act. */
const otherAct = async (env: CommandEnv, act: LegalAct, otherId: string, today: string): Promise<{ status: ActStatus | 'none'; communityId: string | null }> => {
  const other = otherId === act.actId ? act : (await env.handler.load(legalActDecider, actStreamId(otherId))).state;
  if (other === null) return { status: 'none', communityId: null };
  return { status: actStatus(other, today), communityId: other.communityId };
};

const actCommand = command<LegalActState, LegalActCommand>();

export const legalActCommands = aggregate({
  decider: legalActDecider,
  graphqlType: 'Act',
  view: legalActView,
  notFound: actNotFound,
  commands: {
    draftAct: actCommand({
      input: DraftActArgs,
      target: 'new',
      policy: (actor, _state, { input }) =>
        allOf(
          () => writes(actor),
          () => inOwnCommunity(actor, input.communityId, WRITERS, 'draft acts'),
        ),
      prepare: async ({ input }, _state, env, call) => {
        await requireActiveCommunity(env.handler, input.communityId, call.today, 'input.communityId');
      },
      command: ({ input }, _state, _prepared, { id }) => ({
        type: 'DraftAct',
        data: { actId: id, communityId: input.communityId, issuer: input.issuer, titleHy: input.titleHy, titleEn: input.titleEn ?? null, text: input.text },
      }),
    }),
    reviseActDraft: actCommand({
      input: ReviseActDraftArgs,
      target: ({ id }) => id,
      policy: onAct(WRITERS, 'revise acts'),
      command: (a) => ({ type: 'ReviseActDraft', data: { text: a.text } }),
    }),
    openActDiscussion: actCommand({
      input: OpenActDiscussionArgs,
      target: ({ id }) => id,
      policy: onAct(WRITERS, 'open public discussions'),
      command: (a) => ({ type: 'OpenActDiscussion', data: { until: a.until } }),
    }),
    commentOnAct: actCommand({
      input: CommentOnActArgs,
      target: ({ id }) => id,
      policy: commentPolicy,
      command: (a, _state, _prepared, { actor }) => ({
        type: 'CommentOnAct',
        data: { comment: a.comment, commenterId: actor.role === 'resident' ? actor.id : (actor.onBehalfOf ?? actor.id) },
      }),
    }),
    closeActDiscussion: actCommand({
      input: ActIdArgs,
      target: ({ id }) => id,
      policy: onAct(WRITERS, 'close public discussions'),
      command: () => ({ type: 'CloseActDiscussion', data: {} }),
    }),
    placeActOnAgenda: actCommand({
      input: PlaceActOnAgendaArgs,
      target: ({ id }) => id,
      policy: onAct(WRITERS, 'place acts on the agenda'),
      command: (a) => ({ type: 'PlaceActOnAgenda', data: { sessionDate: a.sessionDate } }),
    }),
    recordActVote: actCommand({
      description: 'Adopted when votesFor is more than half of all votes cast, else rejected.',
      input: RecordActVoteArgs,
      target: ({ id }) => id,
      policy: onAct(VOTE_RECORDERS, 'record council votes'),
      prepare: (a, state, env, call) => numberFromRegister(recordActVoteCommand(a), 'ActAdopted', actOf(state, a.id), env, call),
      command: (a, _state, number) => recordActVoteCommand(a)(number),
    }),
    signAct: actCommand({
      input: ActIdArgs,
      target: ({ id }) => id,
      policy: onAct(SIGNERS, 'sign decisions'),
      prepare: ({ id }, state, env, call) => numberFromRegister(signActCommand, 'ActSigned', actOf(state, id), env, call),
      command: (_a, _state, number) => signActCommand(number),
    }),
    publishAct: actCommand({
      input: PublishActArgs,
      target: ({ id }) => id,
      policy: onAct(WRITERS, 'publish acts'),
      command: (a) => ({ type: 'PublishAct', data: { effectiveFrom: a.effectiveFrom } }),
    }),
    amendAct: actCommand({
      input: AmendActArgs,
      target: ({ id }) => id,
      policy: onAct(WRITERS, 'amend acts'),
      prepare: (a, state, env, call) => otherAct(env, actOf(state, a.id), a.amendingActId, call.today),
      command: (a, _state, other) => ({
        type: 'AmendAct',
        data: { amendingActId: a.amendingActId, text: a.text, effectiveFrom: a.effectiveFrom, amendingActStatus: other.status, amendingActCommunityId: other.communityId },
      }),
    }),
    repealAct: actCommand({
      input: RepealActArgs,
      target: ({ id }) => id,
      policy: onAct(WRITERS, 'repeal acts'),
      prepare: (a, state, env, call) => otherAct(env, actOf(state, a.id), a.repealingActId, call.today),
      command: (a, _state, other) => ({
        type: 'RepealAct',
        data: { repealingActId: a.repealingActId, effectiveFrom: a.effectiveFrom, repealingActStatus: other.status, repealingActCommunityId: other.communityId },
      }),
    }),
  },
});
