/**
 * The community decider. Rules:
 * - A community is registered once (RegisterCommunity, or ConsolidateCommunities for a consolidated one);
 *   any other command on an unregistered community is NOT_FOUND (COMMUNITY_NOT_FOUND).
 * - A merged community accepts no command whose effective date is on or after the merge date
 *   (INVALID_TRANSITION COMMUNITY_MERGED); facts dated before the merge may still be recorded (history).
 * - Creating something twice is refused (a community, an office id); setting a fact to what already
 *   holds on that date records nothing (the same CMIS edition, website, population count, service terms).
 * - Re-offering an offered service code with different terms records ServiceOffered again: the new
 *   terms replace the old ones (applications keep the snapshot they were submitted with).
 */
import { match } from 'ts-pattern';
import type { Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, isDomainError, notFound, type DomainError } from '../kernel/errors';
import { isIsoDate, yerevanDate } from '../kernel/time';
import { CMIS_EDITIONS, COMMUNITY_KINDS, SERVICE_ISSUES, DEADLINE_KINDS, type CommunityCommand, type Source } from './commands';
import type { CommunityEvent } from './events';
import { isProvince } from './provinces';
import { initialState, isMergedOn, latestOnOrBefore, withProvenance, type CommunityState, type RegisteredCommunity } from './state';

export { initialState };

export const MAX_POPULATION = 100_000_000;
export const MAX_AMD = 1_000_000_000_000;
export const MAX_DEADLINE_DAYS = 3650;

type Decision = CommunityEvent[] | DomainError;

const isWholeInRange = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
const isNonBlank = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;

/** First failing check, or null. */
const firstError = (...checks: Array<DomainError | null>): DomainError | null => checks.find((c) => c !== null) ?? null;
const check = (ok: boolean, reason: string, message: string, field: string): DomainError | null => (ok ? null : domainValidation(reason, message, [field]));

const checkSource = (source: Source | undefined): DomainError | null =>
  check(source === undefined || source === null || (isNonBlank(source) && source.length <= 200), 'INVALID_SOURCE', 'source must be 1 to 200 characters', 'source');
const checkDate = (date: unknown, field: string): DomainError | null => check(isIsoDate(date), 'INVALID_DATE', `${field} must be a real date YYYY-MM-DD`, field);
const checkName = (name: unknown, field: string): DomainError | null => check(isNonBlank(name), 'NAME_REQUIRED', `${field} must not be blank`, field);
const checkIdentity = (data: { nameHy: string; nameEn: string; province: string; kind: string; settlements: readonly string[] }): DomainError | null =>
  firstError(
    checkName(data.nameHy, 'nameHy'),
    checkName(data.nameEn, 'nameEn'),
    check(isProvince(data.province), 'UNKNOWN_PROVINCE', `Unknown province "${data.province}"`, 'province'),
    check((COMMUNITY_KINDS as readonly string[]).includes(data.kind), 'INVALID_KIND', 'kind must be urban or rural', 'kind'),
    check(Array.isArray(data.settlements) && data.settlements.every(isNonBlank), 'INVALID_SETTLEMENTS', 'settlements must be non-blank names', 'settlements'),
  );
const checkPopulation = (population: unknown): DomainError | null =>
  check(isWholeInRange(population, 0, MAX_POPULATION), 'INVALID_POPULATION', `population must be a whole number from 0 to ${MAX_POPULATION}`, 'population');

const sourceOf = (source: Source | undefined): Source => source ?? null;

/** The date from which a command's fact holds: its `on`/`asOf`, or the Yerevan date of the command. */
const effectiveDate = (command: CommunityCommand): string =>
  match(command)
    .with({ type: 'RecordPopulation' }, (c) => c.data.asOf)
    .with(
      { type: 'ConsolidateCommunities' },
      { type: 'MergeIntoCommunity' },
      { type: 'DeployCmis' },
      { type: 'EnableDocumentCirculation' },
      { type: 'LaunchOfficialWebsite' },
      { type: 'OpenCitizenServiceOffice' },
      (c) => c.data.on,
    )
    .with({ type: 'RegisterCommunity' }, { type: 'OfferService' }, { type: 'WithdrawService' }, (c) => yerevanDate(c.metadata.now))
    .exhaustive();

/** The registered, not-yet-merged community a command acts on, or why it cannot act. */
const activeOn = (state: CommunityState, date: string): RegisteredCommunity | DomainError => {
  if (state.status !== 'registered') return notFound('COMMUNITY_NOT_FOUND', 'No community is registered under this code');
  if (isMergedOn(state, date)) {
    return invalidTransition('COMMUNITY_MERGED', `Community ${state.id} was merged into ${state.merger?.mergedInto} on ${state.merger?.on}; it accepts no new facts from that date`);
  }
  return state;
};

const whenActive = (state: CommunityState, command: CommunityCommand, then: (c: RegisteredCommunity) => Decision): Decision => {
  const date = effectiveDate(command);
  const dateError = checkDate(date, command.type === 'RecordPopulation' ? 'asOf' : 'on');
  if (dateError) return dateError;
  const sourceError = checkSource((command.data as { source?: Source }).source);
  if (sourceError) return sourceError;
  const community = activeOn(state, date);
  return isDomainError(community) ? community : then(community);
};

export const decide = (command: CommunityCommand, state: CommunityState): Decision =>
  match(command)
    .with({ type: 'RegisterCommunity' }, ({ data, metadata }): Decision => {
      if (state.status === 'registered') return invalidTransition('COMMUNITY_ALREADY_REGISTERED', `Community ${state.id} is already registered`);
      const error = firstError(
        check(isNonBlank(data.code), 'CODE_REQUIRED', 'code must not be blank', 'code'),
        checkIdentity(data),
        checkPopulation(data.population),
        checkSource(data.source),
      );
      if (error) return error;
      return [
        {
          type: 'CommunityRegistered',
          data: {
            communityId: data.code,
            nameHy: data.nameHy,
            nameEn: data.nameEn,
            province: data.province,
            kind: data.kind,
            population: data.population,
            settlements: [...data.settlements],
            on: yerevanDate(metadata.now),
            source: sourceOf(data.source),
          },
        },
      ];
    })
    .with({ type: 'ConsolidateCommunities' }, ({ data }): Decision => {
      if (state.status === 'registered') return invalidTransition('COMMUNITY_ALREADY_REGISTERED', `Community ${state.id} is already registered`);
      const former = data.formerCommunityIds;
      const error = firstError(
        check(isNonBlank(data.code), 'CODE_REQUIRED', 'code must not be blank', 'code'),
        checkIdentity(data),
        data.population === null ? null : checkPopulation(data.population),
        checkDate(data.on, 'on'),
        checkSource(data.source),
        check(Array.isArray(former) && former.length > 0 && former.every(isNonBlank), 'FORMER_COMMUNITIES_REQUIRED', 'Name at least one former community', 'formerCommunityIds'),
        check(new Set(former).size === former.length, 'FORMER_COMMUNITIES_REPEATED', 'A former community is named twice', 'formerCommunityIds'),
        check(!former.includes(data.code), 'CONSOLIDATED_INTO_ITSELF', 'A consolidated community needs a new code, not one of the former codes', 'code'),
      );
      if (error) return error;
      return [
        {
          type: 'CommunityConsolidated',
          data: {
            communityId: data.code,
            nameHy: data.nameHy,
            nameEn: data.nameEn,
            province: data.province,
            kind: data.kind,
            population: data.population,
            settlements: [...data.settlements],
            formerCommunityIds: [...former],
            on: data.on,
            source: sourceOf(data.source),
          },
        },
      ];
    })
    .with({ type: 'MergeIntoCommunity' }, (c): Decision => {
      const { data } = c;
      if (state.status === 'registered' && state.merger !== null) {
        if (state.merger.mergedInto === data.mergedInto && state.merger.on === data.on) return [];
        return invalidTransition('COMMUNITY_MERGED', `Community ${state.id} was already merged into ${state.merger.mergedInto} on ${state.merger.on}`);
      }
      return whenActive(state, c, (community) => {
        if (!isNonBlank(data.mergedInto)) return domainValidation('MERGED_INTO_REQUIRED', 'mergedInto must name the consolidated community', ['mergedInto']);
        if (data.mergedInto === community.id) return invalidTransition('MERGED_INTO_ITSELF', 'A community cannot be merged into itself');
        return [{ type: 'CommunityMerged', data: { communityId: community.id, mergedInto: data.mergedInto, on: data.on, source: sourceOf(data.source) } }];
      });
    })
    .with({ type: 'RecordPopulation' }, (c): Decision =>
      whenActive(state, c, (community) => {
        const { data } = c;
        const error = checkPopulation(data.population);
        if (error) return error;
        if (community.populations.some((p) => p.population === data.population && p.asOf === data.asOf)) return [];
        return [{ type: 'PopulationRecorded', data: { communityId: community.id, population: data.population, asOf: data.asOf, source: sourceOf(data.source) } }];
      }),
    )
    .with({ type: 'DeployCmis' }, (c): Decision =>
      whenActive(state, c, (community) => {
        const { data } = c;
        if (!CMIS_EDITIONS.includes(data.edition)) return domainValidation('INVALID_EDITION', 'edition must be single-settlement or multi-settlement', ['edition']);
        if (latestOnOrBefore(community.cmisDeployments, (d) => d.on, data.on)?.edition === data.edition) return [];
        return [{ type: 'CmisDeployed', data: { communityId: community.id, edition: data.edition, on: data.on, source: sourceOf(data.source) } }];
      }),
    )
    .with({ type: 'EnableDocumentCirculation' }, (c): Decision =>
      whenActive(state, c, (community) => {
        const { data } = c;
        if (community.documentCirculationOn !== null && community.documentCirculationOn <= data.on) return [];
        return [{ type: 'DocumentCirculationEnabled', data: { communityId: community.id, on: data.on, source: sourceOf(data.source) } }];
      }),
    )
    .with({ type: 'LaunchOfficialWebsite' }, (c): Decision =>
      whenActive(state, c, (community) => {
        const { data } = c;
        if (typeof data.url !== 'string' || !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(data.url) || data.url.length > 2000) {
          return domainValidation('INVALID_URL', 'url must be an http or https address', ['url']);
        }
        if (typeof data.hostedOnCmis !== 'boolean') return domainValidation('INVALID_HOSTED_ON_CMIS', 'hostedOnCmis must be true or false', ['hostedOnCmis']);
        const current = latestOnOrBefore(community.websites, (w) => w.on, data.on);
        if (current && current.url === data.url && current.hostedOnCmis === data.hostedOnCmis) return [];
        return [
          { type: 'OfficialWebsiteLaunched', data: { communityId: community.id, url: data.url, hostedOnCmis: data.hostedOnCmis, on: data.on, source: sourceOf(data.source) } },
        ];
      }),
    )
    .with({ type: 'OpenCitizenServiceOffice' }, (c): Decision =>
      whenActive(state, c, (community) => {
        const { data } = c;
        const error = firstError(
          check(isNonBlank(data.officeId), 'OFFICE_ID_REQUIRED', 'officeId must not be blank', 'officeId'),
          checkName(data.name, 'name'),
          check(Array.isArray(data.partners) && data.partners.every(isNonBlank), 'INVALID_PARTNERS', 'partners must be non-blank names', 'partners'),
        );
        if (error) return error;
        if (community.offices.some((o) => o.officeId === data.officeId)) {
          return invalidTransition('OFFICE_ALREADY_OPEN', `Community ${community.id} already has a citizen service office ${data.officeId}`);
        }
        return [
          {
            type: 'CitizenServiceOfficeOpened',
            data: { communityId: community.id, officeId: data.officeId, name: data.name, partners: [...data.partners], on: data.on, source: sourceOf(data.source) },
          },
        ];
      }),
    )
    .with({ type: 'OfferService' }, (c): Decision =>
      whenActive(state, c, (community) => {
        const { data } = c;
        const error = firstError(
          check(isNonBlank(data.code), 'SERVICE_CODE_REQUIRED', 'code must not be blank', 'code'),
          checkName(data.nameHy, 'nameHy'),
          checkName(data.nameEn, 'nameEn'),
          check(isWholeInRange(data.feeAmd, 0, MAX_AMD), 'INVALID_FEE', 'feeAmd must be whole drams from 0 to 10^12', 'feeAmd'),
          check(isWholeInRange(data.deadlineDays, 1, MAX_DEADLINE_DAYS), 'INVALID_DEADLINE', `deadlineDays must be a whole number from 1 to ${MAX_DEADLINE_DAYS}`, 'deadlineDays'),
          check(SERVICE_ISSUES.includes(data.issues), 'INVALID_ISSUES', 'issues must be none, permit or certificate', 'issues'),
          check(data.deadlineKind === undefined || DEADLINE_KINDS.includes(data.deadlineKind), 'INVALID_DEADLINE_KIND', 'deadlineKind must be calendar or working', 'deadlineKind'),
        );
        if (error) return error;
        const deadlineKind = data.deadlineKind ?? 'calendar';
        const current = community.services.find((s) => s.code === data.code);
        if (
          current &&
          current.nameHy === data.nameHy &&
          current.nameEn === data.nameEn &&
          current.feeAmd === data.feeAmd &&
          current.deadlineDays === data.deadlineDays &&
          current.deadlineKind === deadlineKind &&
          current.issues === data.issues
        ) {
          return [];
        }
        return [
          {
            type: 'ServiceOffered',
            data: {
              communityId: community.id,
              code: data.code,
              nameHy: data.nameHy,
              nameEn: data.nameEn,
              feeAmd: data.feeAmd,
              deadlineDays: data.deadlineDays,
              ...(deadlineKind === 'working' ? { deadlineKind } : {}),
              issues: data.issues,
              on: effectiveDate(c),
              source: sourceOf(data.source),
            },
          },
        ];
      }),
    )
    .with({ type: 'WithdrawService' }, (c): Decision =>
      whenActive(state, c, (community) => {
        if (!community.services.some((s) => s.code === c.data.code)) {
          return invalidTransition('SERVICE_NOT_OFFERED', `Community ${community.id} does not offer service ${c.data.code}`);
        }
        return [{ type: 'ServiceWithdrawn', data: { communityId: community.id, code: c.data.code, on: effectiveDate(c), source: sourceOf(c.data.source) } }];
      }),
    )
    .exhaustive();

const registered = (state: CommunityState, update: (s: RegisteredCommunity) => CommunityState): CommunityState =>
  state.status === 'registered' ? update(state) : state;

export const evolve = (state: CommunityState, event: CommunityEvent): CommunityState =>
  match(event)
    .with({ type: 'CommunityRegistered' }, ({ data }): CommunityState => ({
      status: 'registered',
      id: data.communityId,
      nameHy: data.nameHy,
      nameEn: data.nameEn,
      province: data.province,
      kind: data.kind,
      settlements: data.settlements,
      registeredOn: data.on,
      populations: [{ population: data.population, asOf: data.on }],
      formerCommunityIds: [],
      consolidatedOn: null,
      merger: null,
      cmisDeployments: [],
      documentCirculationOn: null,
      websites: [],
      offices: [],
      services: [],
      provenance: withProvenance(withProvenance([], 'registration', data.source), 'population', data.source),
    }))
    .with({ type: 'CommunityConsolidated' }, ({ data }): CommunityState => ({
      status: 'registered',
      id: data.communityId,
      nameHy: data.nameHy,
      nameEn: data.nameEn,
      province: data.province,
      kind: data.kind,
      settlements: data.settlements,
      registeredOn: data.on,
      populations: [{ population: data.population, asOf: data.on }],
      formerCommunityIds: data.formerCommunityIds,
      consolidatedOn: data.on,
      merger: null,
      cmisDeployments: [],
      documentCirculationOn: null,
      websites: [],
      offices: [],
      services: [],
      provenance: withProvenance(data.population === null ? [] : withProvenance([], 'population', data.source), 'consolidation', data.source),
    }))
    .with({ type: 'CommunityMerged' }, ({ data }) =>
      registered(state, (s) => ({ ...s, merger: { mergedInto: data.mergedInto, on: data.on }, provenance: withProvenance(s.provenance, 'merger', data.source) })),
    )
    .with({ type: 'PopulationRecorded' }, ({ data }) =>
      registered(state, (s) => ({
        ...s,
        populations: [...s.populations, { population: data.population, asOf: data.asOf }],
        provenance: withProvenance(s.provenance, 'population', data.source),
      })),
    )
    .with({ type: 'CmisDeployed' }, ({ data }) =>
      registered(state, (s) => ({
        ...s,
        cmisDeployments: [...s.cmisDeployments, { edition: data.edition, on: data.on }],
        provenance: withProvenance(s.provenance, 'cmisEdition', data.source),
      })),
    )
    .with({ type: 'DocumentCirculationEnabled' }, ({ data }) =>
      registered(state, (s) => ({
        ...s,
        documentCirculationOn: s.documentCirculationOn === null || data.on < s.documentCirculationOn ? data.on : s.documentCirculationOn,
        provenance: withProvenance(s.provenance, 'documentCirculation', data.source),
      })),
    )
    .with({ type: 'OfficialWebsiteLaunched' }, ({ data }) =>
      registered(state, (s) => ({
        ...s,
        websites: [...s.websites, { url: data.url, hostedOnCmis: data.hostedOnCmis, on: data.on }],
        provenance: withProvenance(s.provenance, 'officialWebsite', data.source),
      })),
    )
    .with({ type: 'CitizenServiceOfficeOpened' }, ({ data }) =>
      registered(state, (s) => ({
        ...s,
        offices: [...s.offices, { officeId: data.officeId, name: data.name, partners: data.partners, openedOn: data.on }],
        provenance: withProvenance(s.provenance, `citizenServiceOffice:${data.officeId}`, data.source),
      })),
    )
    .with({ type: 'ServiceOffered' }, ({ data }) =>
      registered(state, (s) => {
        const offering = {
          code: data.code,
          nameHy: data.nameHy,
          nameEn: data.nameEn,
          feeAmd: data.feeAmd,
          deadlineDays: data.deadlineDays,
          deadlineKind: data.deadlineKind ?? ('calendar' as const),
          issues: data.issues,
          offeredOn: data.on,
        };
        const exists = s.services.some((x) => x.code === data.code);
        return {
          ...s,
          services: exists ? s.services.map((x) => (x.code === data.code ? offering : x)) : [...s.services, offering],
          provenance: withProvenance(s.provenance, `service:${data.code}`, data.source),
        };
      }),
    )
    .with({ type: 'ServiceWithdrawn' }, ({ data }) =>
      registered(state, (s) => ({
        ...s,
        services: s.services.filter((x) => x.code !== data.code),
        provenance: withProvenance(s.provenance, `service:${data.code}`, data.source),
      })),
    )
    .exhaustive();

export const communityDecider: Decider<CommunityCommand, CommunityEvent, CommunityState> = {
  name: 'community',
  decide,
  evolve,
  initialState,
};
