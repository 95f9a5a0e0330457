/**
 * The community registry service (API.md "Community", `ministry` only). Each method validates its
 * arguments, authorizes, handles the command and returns `{ id, revision, view }`.
 *
 * - The system actor (seeding the national history) may also write the registry.
 * - Every mutation takes `source` (provenance), recorded on its event.
 * - A fact with an effective date in the past (`on`, `asOf`) and no explicit `occurredAt` is
 *   recorded with that date (00:00 Yerevan) as its business time, so "as of" reports that use
 *   `occurredAt` see it on the right day; a fact dated today or later is recorded at the clock's time.
 * - consolidateCommunities records CommunityConsolidated on the new community's stream, then
 *   CommunityMerged on each former community's stream. With a commandId, each merge uses a command
 *   id derived from it, so retrying an interrupted consolidation completes it without repeating anything.
 */
import { communityDecider, communityView, type CommunityCommand, type CommunityState, type RegisteredCommunity } from '../../domain/community';
import { yerevanDate } from '../../domain/shared/time';
import { requireRole } from '../authorization';
import type { CommandContext, CommandHandler, CommandInput, HandleResult } from '../command-handler';
import { InvalidTransition, NotFound, ValidationFailed } from '../errors';
import { deterministicUuid, systemClock, type Clock } from '../ids';
import { validateInput } from '../validation';
import {
  CommunityIdArg,
  ConsolidateCommunitiesInput,
  DeployCmisArgs,
  EnableDocumentCirculationArgs,
  LaunchOfficialWebsiteArgs,
  OfferServiceInput,
  OpenCitizenServiceOfficeArgs,
  RecordPopulationArgs,
  RegisterCommunityInput,
  SourceArg,
  splitCommandArgs,
  WithdrawServiceArgs,
} from './dto';

export interface CommunityServiceDeps {
  readonly handler: CommandHandler;
  /** Gives "today" for the returned view; defaults to the system clock. */
  readonly clock?: Clock;
}

export interface CommunityResult {
  readonly id: string;
  readonly revision: number;
  readonly view: NonNullable<ReturnType<typeof communityView>>;
  /** Global position of the last event the command appended (null: it appended nothing). */
  readonly position: bigint | null;
}

type Source = string | null | undefined;

export const communityStreamId = (communityId: string): string => `community-${communityId}`;

export const createCommunityService = ({ handler, clock = systemClock }: CommunityServiceDeps) => {
  const today = (): string => yerevanDate(clock.now());

  const authorize = (ctx: CommandContext): void => requireRole(ctx.actor, ['ministry', 'system'], 'change the national community registry');

  /** Yerevan midnight of a past effective date, unless the caller set the business time. */
  const businessTime = (ctx: CommandContext, date: string): CommandContext =>
    ctx.occurredAt !== undefined || date >= today() ? ctx : { ...ctx, occurredAt: `${date}T00:00:00+04:00` };

  const result = (communityId: string, r: Pick<HandleResult<CommunityState, unknown>, 'revision' | 'state' | 'lastPosition'>): CommunityResult => {
    const view = communityView(r.state, today());
    if (view === null) throw new NotFound(`Community ${communityId} is not registered`, 'COMMUNITY_NOT_FOUND');
    return { id: communityId, revision: r.revision, view, position: r.lastPosition };
  };

  const run = async (communityId: string, input: CommandInput<CommunityCommand>, ctx: CommandContext): Promise<CommunityResult> =>
    result(communityId, await handler.handle(communityDecider, communityStreamId(communityId), input, ctx));

  /** The top-level `source` or the one inside `input`; both must agree when both are given. */
  const pickSource = (top: Source, inner: Source): string | null => {
    if (top != null && inner != null && top !== inner) throw new ValidationFailed('source and input.source differ', ['source', 'input.source']);
    return top ?? inner ?? null;
  };

  const validateSource = (source: unknown): string | null => validateInput(SourceArg, { source }).source ?? null;

  return {
    async registerCommunity(raw: { input: unknown; source?: string | null }, context: CommandContext): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const input = validateInput(RegisterCommunityInput, args.input, 'input');
      const source = pickSource(validateSource(args.source), input.source);
      authorize(ctx);
      return run(
        input.code,
        {
          type: 'RegisterCommunity',
          data: {
            code: input.code,
            nameHy: input.nameHy,
            nameEn: input.nameEn,
            province: input.province,
            kind: input.kind,
            population: input.population,
            settlements: input.settlements ?? [],
            source,
          },
        },
        { ...ctx, occurredAt: input.occurredAt ?? ctx.occurredAt },
      );
    },

    async consolidateCommunities(raw: { input: unknown; source?: string | null }, context: CommandContext): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const input = validateInput(ConsolidateCommunitiesInput, args.input, 'input');
      const source = pickSource(validateSource(args.source), input.source);
      authorize(ctx);
      if (input.formerCommunityIds.includes(input.code)) {
        throw new ValidationFailed('A consolidated community needs a new code, not one of the former codes', ['input.code'], 'CONSOLIDATED_INTO_ITSELF');
      }
      const formers: RegisteredCommunity[] = [];
      for (const formerId of input.formerCommunityIds) {
        const { state } = await handler.load(communityDecider, communityStreamId(formerId));
        if (state.status !== 'registered') throw new ValidationFailed(`Former community ${formerId} is not registered`, ['input.formerCommunityIds'], 'UNKNOWN_COMMUNITY');
        if (state.merger !== null && state.merger.mergedInto !== input.code) {
          throw new InvalidTransition(`Community ${formerId} was already merged into ${state.merger.mergedInto} on ${state.merger.on}`, 'COMMUNITY_MERGED');
        }
        formers.push(state);
      }
      const settlements = input.settlements ?? [...new Set(formers.flatMap((f) => (f.settlements.length ? f.settlements : [f.nameHy])))];
      const formerPopulations = formers.map((f) => (latestPopulation(f, input.on)));
      const population = input.population ?? (formerPopulations.every((p): p is number => p !== null) ? formerPopulations.reduce((a, b) => a + b, 0) : null);
      const correlationId = ctx.correlationId ?? ctx.commandId ?? handler.newAggregateId();
      const timed = businessTime({ ...ctx, correlationId }, input.on);
      const consolidated = await handler.handle(
        communityDecider,
        communityStreamId(input.code),
        {
          type: 'ConsolidateCommunities',
          data: {
            code: input.code,
            nameHy: input.nameHy,
            nameEn: input.nameEn,
            province: input.province,
            kind: input.kind,
            formerCommunityIds: input.formerCommunityIds,
            settlements,
            population,
            on: input.on,
            source,
          },
        },
        timed,
      );
      // The answer's position is the last event of the whole consolidation (the former communities' merges).
      let lastPosition = consolidated.lastPosition;
      for (const formerId of input.formerCommunityIds) {
        const merged = await handler.handle(
          communityDecider,
          communityStreamId(formerId),
          { type: 'MergeIntoCommunity', data: { mergedInto: input.code, on: input.on, source } },
          {
            actor: ctx.actor,
            commandId: ctx.commandId === undefined ? undefined : deterministicUuid(`${ctx.commandId}:merge:${formerId}`),
            correlationId,
            causationId: correlationId,
            occurredAt: timed.occurredAt,
          },
        );
        lastPosition = merged.lastPosition ?? lastPosition;
      }
      return result(input.code, { ...consolidated, lastPosition });
    },

    async recordPopulation(raw: { communityId: string; population: number; asOf: string; source?: string | null }, context: CommandContext): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const a = validateInput(RecordPopulationArgs, args);
      authorize(ctx);
      return run(a.communityId, { type: 'RecordPopulation', data: { population: a.population, asOf: a.asOf, source: a.source ?? null } }, businessTime(ctx, a.asOf));
    },

    async deployCmis(raw: { communityId: string; edition: string; on: string; source?: string | null }, context: CommandContext): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const a = validateInput(DeployCmisArgs, args);
      authorize(ctx);
      return run(a.communityId, { type: 'DeployCmis', data: { edition: a.edition, on: a.on, source: a.source ?? null } }, businessTime(ctx, a.on));
    },

    async enableDocumentCirculation(raw: { communityId: string; on: string; source?: string | null }, context: CommandContext): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const a = validateInput(EnableDocumentCirculationArgs, args);
      authorize(ctx);
      return run(a.communityId, { type: 'EnableDocumentCirculation', data: { on: a.on, source: a.source ?? null } }, businessTime(ctx, a.on));
    },

    async launchOfficialWebsite(
      raw: { communityId: string; url: string; hostedOnCmis: boolean; on: string; source?: string | null },
      context: CommandContext,
    ): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const a = validateInput(LaunchOfficialWebsiteArgs, args);
      authorize(ctx);
      return run(
        a.communityId,
        { type: 'LaunchOfficialWebsite', data: { url: a.url, hostedOnCmis: a.hostedOnCmis, on: a.on, source: a.source ?? null } },
        businessTime(ctx, a.on),
      );
    },

    async openCitizenServiceOffice(
      raw: { communityId: string; officeId: string; name: string; partners?: string[] | null; on: string; source?: string | null },
      context: CommandContext,
    ): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const a = validateInput(OpenCitizenServiceOfficeArgs, args);
      authorize(ctx);
      return run(
        a.communityId,
        { type: 'OpenCitizenServiceOffice', data: { officeId: a.officeId, name: a.name, partners: a.partners ?? [], on: a.on, source: a.source ?? null } },
        businessTime(ctx, a.on),
      );
    },

    async offerService(raw: { communityId: string; input: unknown; source?: string | null }, context: CommandContext): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const { input: rawInput, ...rest } = args;
      const a = validateInput(CommunityIdArg, rest);
      const input = validateInput(OfferServiceInput, rawInput, 'input');
      const source = pickSource(a.source, input.source);
      authorize(ctx);
      return run(
        a.communityId,
        {
          type: 'OfferService',
          data: { code: input.code, nameHy: input.nameHy, nameEn: input.nameEn, feeAmd: input.feeAmd, deadlineDays: input.deadlineDays, issues: input.issues, source },
        },
        ctx,
      );
    },

    async withdrawService(raw: { communityId: string; code: string; source?: string | null }, context: CommandContext): Promise<CommunityResult> {
      const { args, ctx } = splitCommandArgs(raw, context);
      const a = validateInput(WithdrawServiceArgs, args);
      authorize(ctx);
      return run(a.communityId, { type: 'WithdrawService', data: { code: a.code, source: a.source ?? null } }, ctx);
    },
  };
};

export type CommunityService = ReturnType<typeof createCommunityService>;

const latestPopulation = (community: RegisteredCommunity, onOrBefore: string): number | null => {
  const dated = community.populations.filter((p) => p.asOf <= onOrBefore).sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const chosen = dated.length ? dated[dated.length - 1] : community.populations[0];
  return chosen?.population ?? null;
};
