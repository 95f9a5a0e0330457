/**
 * Commands of the community registry (the ministry's facts about each of Armenia's communities).
 * A community's id is its code; its stream is `community-<code>`. Every command may carry `source`
 * (provenance: "synthetic" or the id of a source in the data file, e.g. "S_cod_adm3").
 */
import type { DomainCommand } from '../kernel/decider';

export type CommunityKind = 'urban' | 'rural';
export type CmisEdition = 'single-settlement' | 'multi-settlement';
export type ServiceIssues = 'none' | 'permit' | 'certificate';

export const COMMUNITY_KINDS: readonly CommunityKind[] = ['urban', 'rural'];
export const CMIS_EDITIONS: readonly CmisEdition[] = ['single-settlement', 'multi-settlement'];
export const SERVICE_ISSUES: readonly ServiceIssues[] = ['none', 'permit', 'certificate'];

/** How a service's deadline is counted: calendar days (every service offered before this existed) or working days. */
export type DeadlineKind = 'calendar' | 'working';
export const DEADLINE_KINDS: readonly DeadlineKind[] = ['calendar', 'working'];

/** Provenance of a fact; null when the caller named no source. */
export type Source = string | null;

export type RegisterCommunity = DomainCommand<
  'RegisterCommunity',
  {
    readonly code: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly province: string;
    readonly kind: CommunityKind;
    readonly population: number;
    readonly settlements: readonly string[];
    readonly source?: Source;
  }
>;

/** Registers a consolidated (multi-settlement) community on its own, new stream. */
export type ConsolidateCommunities = DomainCommand<
  'ConsolidateCommunities',
  {
    readonly code: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly province: string;
    readonly kind: CommunityKind;
    readonly formerCommunityIds: readonly string[];
    readonly settlements: readonly string[];
    readonly population: number | null;
    readonly on: string;
    readonly source?: Source;
  }
>;

/** On a former community's stream: it becomes part of `mergedInto` from `on`. */
export type MergeIntoCommunity = DomainCommand<'MergeIntoCommunity', { readonly mergedInto: string; readonly on: string; readonly source?: Source }>;

export type RecordPopulation = DomainCommand<'RecordPopulation', { readonly population: number; readonly asOf: string; readonly source?: Source }>;

export type DeployCmis = DomainCommand<'DeployCmis', { readonly edition: CmisEdition; readonly on: string; readonly source?: Source }>;

export type EnableDocumentCirculation = DomainCommand<'EnableDocumentCirculation', { readonly on: string; readonly source?: Source }>;

export type LaunchOfficialWebsite = DomainCommand<
  'LaunchOfficialWebsite',
  { readonly url: string; readonly hostedOnCmis: boolean; readonly on: string; readonly source?: Source }
>;

export type OpenCitizenServiceOffice = DomainCommand<
  'OpenCitizenServiceOffice',
  { readonly officeId: string; readonly name: string; readonly partners: readonly string[]; readonly on: string; readonly source?: Source }
>;

export type OfferService = DomainCommand<
  'OfferService',
  {
    readonly code: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly feeAmd: number;
    readonly deadlineDays: number;
    /** Absent: calendar. */
    readonly deadlineKind?: DeadlineKind;
    readonly issues: ServiceIssues;
    readonly source?: Source;
  }
>;

export type WithdrawService = DomainCommand<'WithdrawService', { readonly code: string; readonly source?: Source }>;

export type CommunityCommand =
  | RegisterCommunity
  | ConsolidateCommunities
  | MergeIntoCommunity
  | RecordPopulation
  | DeployCmis
  | EnableDocumentCirculation
  | LaunchOfficialWebsite
  | OpenCitizenServiceOffice
  | OfferService
  | WithdrawService;
