/**
 * Events of the community registry. Every event carries the community id, the effective date of
 * the fact (`on`, or `asOf` for a population count) and its provenance (`source`, null if none given).
 */
import type { DomainEvent } from '../kernel/decider';
import type { CmisEdition, CommunityKind, ServiceIssues, Source } from './commands';

export type CommunityRegistered = DomainEvent<
  'CommunityRegistered',
  {
    readonly communityId: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly province: string;
    readonly kind: CommunityKind;
    readonly population: number;
    readonly settlements: readonly string[];
    readonly on: string;
    readonly source: Source;
  }
>;

export type CommunityConsolidated = DomainEvent<
  'CommunityConsolidated',
  {
    readonly communityId: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly province: string;
    readonly kind: CommunityKind;
    readonly population: number | null;
    readonly settlements: readonly string[];
    readonly formerCommunityIds: readonly string[];
    readonly on: string;
    readonly source: Source;
  }
>;

export type CommunityMerged = DomainEvent<
  'CommunityMerged',
  { readonly communityId: string; readonly mergedInto: string; readonly on: string; readonly source: Source }
>;

export type PopulationRecorded = DomainEvent<
  'PopulationRecorded',
  { readonly communityId: string; readonly population: number; readonly asOf: string; readonly source: Source }
>;

export type CmisDeployed = DomainEvent<'CmisDeployed', { readonly communityId: string; readonly edition: CmisEdition; readonly on: string; readonly source: Source }>;

export type DocumentCirculationEnabled = DomainEvent<'DocumentCirculationEnabled', { readonly communityId: string; readonly on: string; readonly source: Source }>;

export type OfficialWebsiteLaunched = DomainEvent<
  'OfficialWebsiteLaunched',
  { readonly communityId: string; readonly url: string; readonly hostedOnCmis: boolean; readonly on: string; readonly source: Source }
>;

export type CitizenServiceOfficeOpened = DomainEvent<
  'CitizenServiceOfficeOpened',
  {
    readonly communityId: string;
    readonly officeId: string;
    readonly name: string;
    readonly partners: readonly string[];
    readonly on: string;
    readonly source: Source;
  }
>;

export type ServiceOffered = DomainEvent<
  'ServiceOffered',
  {
    readonly communityId: string;
    readonly code: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly feeAmd: number;
    readonly deadlineDays: number;
    /** Present only for a service counted in working days (schema version 2); absent: calendar days. */
    readonly deadlineKind?: 'working';
    readonly issues: ServiceIssues;
    readonly on: string;
    readonly source: Source;
  }
>;

export type ServiceWithdrawn = DomainEvent<'ServiceWithdrawn', { readonly communityId: string; readonly code: string; readonly on: string; readonly source: Source }>;

export type CommunityEvent =
  | CommunityRegistered
  | CommunityConsolidated
  | CommunityMerged
  | PopulationRecorded
  | CmisDeployed
  | DocumentCirculationEnabled
  | OfficialWebsiteLaunched
  | CitizenServiceOfficeOpened
  | ServiceOffered
  | ServiceWithdrawn;
