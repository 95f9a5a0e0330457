/**
 * What the registry knows about one community. Dated facts are kept with their dates so the view
 * (and any "as of" question) can tell what held on a given day; nothing here depends on a clock.
 */
import type { CmisEdition, CommunityKind, DeadlineKind, ServiceIssues, Source } from './commands';

export interface ServiceOffering {
  readonly code: string;
  readonly nameHy: string;
  readonly nameEn: string;
  readonly feeAmd: number;
  readonly deadlineDays: number;
  readonly deadlineKind: DeadlineKind;
  readonly issues: ServiceIssues;
  /** Date the current terms were offered. */
  readonly offeredOn: string;
}

export interface CitizenServiceOffice {
  readonly officeId: string;
  readonly name: string;
  readonly partners: readonly string[];
  readonly openedOn: string;
}

export interface ProvenanceEntry {
  readonly fact: string;
  readonly source: string;
}

export interface UnregisteredCommunity {
  readonly status: 'unregistered';
}

export interface RegisteredCommunity {
  readonly status: 'registered';
  readonly id: string;
  readonly nameHy: string;
  readonly nameEn: string;
  readonly province: string;
  readonly kind: CommunityKind;
  readonly settlements: readonly string[];
  /** Date of registration, or of the consolidation that created the community. */
  readonly registeredOn: string;
  /** Population counts by date; the registration's count first. */
  readonly populations: ReadonlyArray<{ readonly population: number | null; readonly asOf: string }>;
  /** Set when this community was created by consolidating these former communities. */
  readonly formerCommunityIds: readonly string[];
  readonly consolidatedOn: string | null;
  /** Set when this community was merged into a consolidated one. */
  readonly merger: { readonly mergedInto: string; readonly on: string } | null;
  readonly cmisDeployments: ReadonlyArray<{ readonly edition: CmisEdition; readonly on: string }>;
  readonly documentCirculationOn: string | null;
  readonly websites: ReadonlyArray<{ readonly url: string; readonly hostedOnCmis: boolean; readonly on: string }>;
  readonly offices: readonly CitizenServiceOffice[];
  readonly services: readonly ServiceOffering[];
  /** The latest source of each fact, in the order facts first appeared. */
  readonly provenance: readonly ProvenanceEntry[];
}

export type CommunityState = UnregisteredCommunity | RegisteredCommunity;

export const initialState = (): CommunityState => ({ status: 'unregistered' });

/** The service `code` the community currently offers, if any (used by other aggregates' services). */
export const offeredService = (state: CommunityState, code: string): ServiceOffering | undefined =>
  state.status === 'registered' ? state.services.find((s) => s.code === code) : undefined;

/** The entry with the latest date on or before `date` (dates are YYYY-MM-DD, so they compare as strings). */
export const latestOnOrBefore = <T>(items: readonly T[], dateOf: (item: T) => string, date: string): T | undefined => {
  let best: T | undefined;
  for (const item of items) {
    const d = dateOf(item);
    if (d <= date && (best === undefined || d >= dateOf(best))) best = item;
  }
  return best;
};

/** Whether the community is merged into another on `date`. */
export const isMergedOn = (state: CommunityState, date: string): boolean =>
  state.status === 'registered' && state.merger !== null && state.merger.on <= date;

export const withProvenance = (provenance: readonly ProvenanceEntry[], fact: string, source: Source): readonly ProvenanceEntry[] => {
  if (source === null) return provenance;
  const i = provenance.findIndex((p) => p.fact === fact);
  if (i < 0) return [...provenance, { fact, source }];
  return provenance.map((p, j) => (j === i ? { fact, source } : p));
};
