/**
 * The community registry's commands (the ministry's facts about each of Armenia's communities).
 * Only the ministry writes the registry, and the system actor when it seeds the national history.
 *
 * - A community's id is its code: registering and consolidating create the stream of that code.
 * - Every command takes `source` (provenance), recorded on its event; registerCommunity,
 *   consolidateCommunities and offerService also accept it inside `input`, and the two must agree.
 * - A fact with an effective date in the past (`on`, `asOf`) is recorded with that date (00:00
 *   Yerevan) as its business time, unless the caller set one, so "as of" reports see it on its day.
 * - consolidateCommunities is the one command on several streams: in `prepare` it reads the former
 *   communities, decides the consolidation on the new community's state, and merges each former one
 *   (CommunityMerged) before the pipeline appends CommunityConsolidated. With a commandId each merge
 *   has a command id derived from it, so retrying an interrupted consolidation completes it without
 *   repeating anything, and a repeated consolidation is answered before anything is read.
 */
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { streamIdOf } from '../../domain/aggregates';
import {
  CMIS_EDITIONS,
  COMMUNITY_KINDS,
  communityDecider,
  communityView,
  MAX_DEADLINE_DAYS,
  MAX_POPULATION,
  PROVINCES,
  SERVICE_ISSUES,
  DEADLINE_KINDS,
  type DeadlineKind,
  type CmisEdition,
  type CommunityCommand,
  type CommunityKind,
  type CommunityState,
  type ConsolidateCommunities,
  type RegisteredCommunity,
  type ServiceIssues,
} from '../../domain/community';
import { isDomainError } from '../../domain/kernel/errors';
import { domainErrorToError, type CommandInput } from '../command-handler';
import { aggregate, command } from '../commands/declare';
import { Amd, Code, CommunityCode, CommunityCodeList, Count, Flag, IsoDate, IsoDateTime, MAX_NAME, Name, Nested, OneOf, TextList, Url } from '../commands/fields';
import { hasRole, type Role } from '../commands/policy';
import { InvalidTransition, NotFound, ValidationFailed } from '../errors';
import { deterministicUuid } from '../ids';
import type { Actor } from '../ports/event-store';

/** The stream of a community (its id is its code). */
export const communityStreamId = (communityId: string): string => streamIdOf(communityDecider.name, communityId);

const REGISTRY_ROLES: readonly Role[] = ['ministry', 'system'];

const communityNotFound = (id: string) => new NotFound(`Community ${id} is not registered`, 'COMMUNITY_NOT_FOUND');

/** Only the ministry (and the system actor seeding the history) changes the national registry. */
const registryKeeper = (actor: Actor) => hasRole(actor, REGISTRY_ROLES, 'change the national community registry');

/**
 * `source` inside an input: accepted from callers of the bus for compatibility, not part of the GraphQL
 * contract (the top-level `source` is), so it is checked here without a field rule and not printed.
 */
const InnerSource = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  IsString()(target, key);
  Matches(/\S/, { message: '$property must not be blank' })(target, key);
  MaxLength(MAX_NAME)(target, key);
};

export class RegisterCommunityInput {
  @CommunityCode() code!: string;
  @Name() nameHy!: string;
  @Name() nameEn!: string;
  @OneOf(PROVINCES) province!: string;
  @OneOf(COMMUNITY_KINDS, { description: '"urban" or "rural"' }) kind!: CommunityKind;
  @Count(0, MAX_POPULATION) population!: number;
  @TextList(1000, { optional: true }) settlements?: string[] | null;
  @IsoDateTime({ optional: true, description: 'Business time of the registration (past dates for history); default now.' }) occurredAt?: string | null;
  @InnerSource() source?: string | null;
}

export class ConsolidateCommunitiesInput {
  @CommunityCode() code!: string;
  @Name() nameHy!: string;
  @Name() nameEn!: string;
  @OneOf(PROVINCES) province!: string;
  @OneOf(COMMUNITY_KINDS) kind!: CommunityKind;
  @CommunityCodeList(1, 100) formerCommunityIds!: string[];
  @TextList(1000, { optional: true }) settlements?: string[] | null;
  @IsoDate() on!: string;
  @Count(0, MAX_POPULATION, { optional: true }) population?: number | null;
  @InnerSource() source?: string | null;
}

/** A service of the community's catalogue, with its terms. */
export class ServiceInput {
  @Code() code!: string;
  @Name() nameHy!: string;
  @Name() nameEn!: string;
  @Amd() feeAmd!: number;
  @Count(1, MAX_DEADLINE_DAYS) deadlineDays!: number;
  @OneOf(SERVICE_ISSUES, { description: '"none", "permit" or "certificate"' }) issues!: ServiceIssues;
  @OneOf(DEADLINE_KINDS, { optional: true, description: '"calendar" (the default) or "working": how deadlineDays are counted' }) deadlineKind?: DeadlineKind | null;
  @InnerSource() source?: string | null;
}

class RegisterCommunityArgs {
  @Nested(RegisterCommunityInput) input!: RegisterCommunityInput;
  @Name({ optional: true }) source?: string | null;
}

class ConsolidateCommunitiesArgs {
  @Nested(ConsolidateCommunitiesInput) input!: ConsolidateCommunitiesInput;
  @Name({ optional: true }) source?: string | null;
}

// Each class names `source` last, where the contract puts it among the arguments.
class RecordPopulationArgs {
  @CommunityCode() communityId!: string;
  @Count(0, MAX_POPULATION) population!: number;
  @IsoDate() asOf!: string;
  @Name({ optional: true }) source?: string | null;
}

class DeployCmisArgs {
  @CommunityCode() communityId!: string;
  @OneOf(CMIS_EDITIONS) edition!: CmisEdition;
  @IsoDate() on!: string;
  @Name({ optional: true }) source?: string | null;
}

class EnableDocumentCirculationArgs {
  @CommunityCode() communityId!: string;
  @IsoDate() on!: string;
  @Name({ optional: true }) source?: string | null;
}

class LaunchOfficialWebsiteArgs {
  @CommunityCode() communityId!: string;
  @Url() url!: string;
  @Flag() hostedOnCmis!: boolean;
  @IsoDate() on!: string;
  @Name({ optional: true }) source?: string | null;
}

class OpenCitizenServiceOfficeArgs {
  @CommunityCode() communityId!: string;
  @Code() officeId!: string;
  @Name() name!: string;
  @TextList(50, { optional: true }) partners?: string[] | null;
  @IsoDate() on!: string;
  @Name({ optional: true }) source?: string | null;
}

class OfferServiceArgs {
  @CommunityCode() communityId!: string;
  @Nested(ServiceInput) input!: ServiceInput;
  @Name({ optional: true }) source?: string | null;
}

class WithdrawServiceArgs {
  @CommunityCode() communityId!: string;
  @Code() code!: string;
  @Name({ optional: true }) source?: string | null;
}

/** The top-level `source` or the one inside `input`; both must agree when both are given. */
const agreedSource = (args: { readonly source?: string | null; readonly input: { readonly source?: string | null } }): string | null => {
  const top = args.source ?? null;
  const inner = args.input.source ?? null;
  if (top !== null && inner !== null && top !== inner) throw new ValidationFailed('source and input.source differ', ['source', 'input.source']);
  return top ?? inner;
};

/** Yerevan midnight of an effective date before today: the fact's business time (history). */
const pastDate = (date: string, today: string): string | undefined => (date < today ? `${date}T00:00:00+04:00` : undefined);

/** The former community's latest population count on or before `onOrBefore` (else its first). */
const latestPopulation = (community: RegisteredCommunity, onOrBefore: string): number | null => {
  const dated = community.populations.filter((p) => p.asOf <= onOrBefore).sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const chosen = dated.length ? dated[dated.length - 1] : community.populations[0];
  return chosen?.population ?? null;
};

const communityCommand = command<CommunityState, CommunityCommand>();

export const communityCommands = aggregate({
  decider: communityDecider,
  graphqlType: 'Community',
  view: communityView,
  notFound: communityNotFound,
  commands: {
    registerCommunity: communityCommand({
      description: 'Ministry: register a community in the national registry.',
      input: RegisterCommunityArgs,
      target: ({ input }) => input.code,
      creates: true,
      policy: registryKeeper,
      occurredAt: ({ input }) => input.occurredAt ?? undefined,
      command: (args) => {
        const { input } = args;
        return {
          type: 'RegisterCommunity',
          data: {
            code: input.code,
            nameHy: input.nameHy,
            nameEn: input.nameEn,
            province: input.province,
            kind: input.kind,
            population: input.population,
            settlements: input.settlements ?? [],
            source: agreedSource(args),
          },
        };
      },
    }),
    consolidateCommunities: communityCommand({
      description: 'Ministry: register a consolidated (multi-settlement) community; the former ones become merged on that date.',
      input: ConsolidateCommunitiesArgs,
      target: ({ input }) => input.code,
      creates: true,
      policy: registryKeeper,
      occurredAt: ({ input }, today) => pastDate(input.on, today),
      prepare: async (args, state, env, call): Promise<CommandInput<ConsolidateCommunities>> => {
        const { input } = args;
        const source = agreedSource(args);
        // Before any former community's stream is read or written: a former one cannot be the new one.
        if (input.formerCommunityIds.includes(input.code)) {
          throw new ValidationFailed('A consolidated community needs a new code, not one of the former codes', ['input.code'], 'CONSOLIDATED_INTO_ITSELF');
        }
        const formers: RegisteredCommunity[] = [];
        for (const formerId of input.formerCommunityIds) {
          const { state: former } = await env.handler.load(communityDecider, communityStreamId(formerId));
          if (former.status !== 'registered') throw new ValidationFailed(`Former community ${formerId} is not registered`, ['input.formerCommunityIds'], 'UNKNOWN_COMMUNITY');
          // Merged into this very community already: an interrupted consolidation being completed.
          if (former.merger !== null && former.merger.mergedInto !== input.code) {
            throw new InvalidTransition(`Community ${formerId} was already merged into ${former.merger.mergedInto} on ${former.merger.on}`, 'COMMUNITY_MERGED');
          }
          formers.push(former);
        }
        const formerPopulations = formers.map((f) => latestPopulation(f, input.on));
        const consolidation: CommandInput<ConsolidateCommunities> = {
          type: 'ConsolidateCommunities',
          data: {
            code: input.code,
            nameHy: input.nameHy,
            nameEn: input.nameEn,
            province: input.province,
            kind: input.kind,
            formerCommunityIds: input.formerCommunityIds,
            settlements: input.settlements ?? [...new Set(formers.flatMap((f) => (f.settlements.length ? f.settlements : [f.nameHy])))],
            population: input.population ?? (formerPopulations.every((p): p is number => p !== null) ? formerPopulations.reduce((a, b) => a + b, 0) : null),
            on: input.on,
            source,
          },
        };
        // Decided first on the state the pipeline will decide it on, so no former community is merged
        // into a consolidation that is refused (a code already registered, say).
        const decided = communityDecider.decide({ ...consolidation, metadata: { now: call.now } }, state);
        if (isDomainError(decided)) throw domainErrorToError(decided);
        const correlationId = call.correlationId ?? call.commandId ?? env.handler.newAggregateId();
        for (const formerId of input.formerCommunityIds) {
          await env.handler.handle(
            communityDecider,
            communityStreamId(formerId),
            { type: 'MergeIntoCommunity', data: { mergedInto: input.code, on: input.on, source } },
            {
              actor: call.actor,
              commandId: call.commandId === undefined ? undefined : deterministicUuid(`${call.commandId}:merge:${formerId}`),
              correlationId,
              causationId: correlationId,
              occurredAt: call.now,
            },
          );
        }
        return consolidation;
      },
      command: (_args, _state, consolidation) => consolidation,
    }),
    recordPopulation: communityCommand({
      input: RecordPopulationArgs,
      target: ({ communityId }) => communityId,
      policy: registryKeeper,
      occurredAt: (a, today) => pastDate(a.asOf, today),
      command: (a) => ({ type: 'RecordPopulation', data: { population: a.population, asOf: a.asOf, source: a.source ?? null } }),
    }),
    deployCmis: communityCommand({
      input: DeployCmisArgs,
      target: ({ communityId }) => communityId,
      policy: registryKeeper,
      occurredAt: (a, today) => pastDate(a.on, today),
      command: (a) => ({ type: 'DeployCmis', data: { edition: a.edition, on: a.on, source: a.source ?? null } }),
    }),
    enableDocumentCirculation: communityCommand({
      input: EnableDocumentCirculationArgs,
      target: ({ communityId }) => communityId,
      policy: registryKeeper,
      occurredAt: (a, today) => pastDate(a.on, today),
      command: (a) => ({ type: 'EnableDocumentCirculation', data: { on: a.on, source: a.source ?? null } }),
    }),
    launchOfficialWebsite: communityCommand({
      input: LaunchOfficialWebsiteArgs,
      target: ({ communityId }) => communityId,
      policy: registryKeeper,
      occurredAt: (a, today) => pastDate(a.on, today),
      command: (a) => ({ type: 'LaunchOfficialWebsite', data: { url: a.url, hostedOnCmis: a.hostedOnCmis, on: a.on, source: a.source ?? null } }),
    }),
    openCitizenServiceOffice: communityCommand({
      input: OpenCitizenServiceOfficeArgs,
      target: ({ communityId }) => communityId,
      policy: registryKeeper,
      occurredAt: (a, today) => pastDate(a.on, today),
      command: (a) => ({ type: 'OpenCitizenServiceOffice', data: { officeId: a.officeId, name: a.name, partners: a.partners ?? [], on: a.on, source: a.source ?? null } }),
    }),
    offerService: communityCommand({
      input: OfferServiceArgs,
      target: ({ communityId }) => communityId,
      policy: registryKeeper,
      command: (args) => {
        const { input } = args;
        return {
          type: 'OfferService',
          data: { code: input.code, nameHy: input.nameHy, nameEn: input.nameEn, feeAmd: input.feeAmd, deadlineDays: input.deadlineDays, ...(input.deadlineKind != null ? { deadlineKind: input.deadlineKind } : {}), issues: input.issues, source: agreedSource(args) },
        };
      },
    }),
    withdrawService: communityCommand({
      input: WithdrawServiceArgs,
      target: ({ communityId }) => communityId,
      policy: registryKeeper,
      command: (a) => ({ type: 'WithdrawService', data: { code: a.code, source: a.source ?? null } }),
    }),
  },
});
