/**
 * The `Community` view of docs/api.md, as it stands on `today` (a Yerevan date): dated facts count from
 * their date, and `status` is `merged` only from the merge date. `revision` is added by the service.
 */
import type { CmisEdition, CommunityKind, DeadlineKind, ServiceIssues } from './commands';
import { isMergedOn, latestOnOrBefore, type CommunityState } from './state';

export interface CommunityView {
  readonly id: string;
  readonly status: 'active' | 'merged';
  readonly nameHy: string;
  readonly nameEn: string;
  readonly province: string;
  readonly kind: CommunityKind;
  /** The latest count dated on or before today (null if a consolidation named none). */
  readonly population: number | null;
  readonly populationAsOf: string | null;
  readonly settlements: readonly string[];
  readonly cmisEdition: CmisEdition | null;
  readonly documentCirculation: boolean;
  readonly officialWebsite: { readonly url: string; readonly hostedOnCmis: boolean } | null;
  readonly citizenServiceOffices: ReadonlyArray<{ readonly officeId: string; readonly name: string; readonly partners: readonly string[]; readonly openedOn: string }>;
  readonly services: ReadonlyArray<{
    readonly code: string;
    readonly nameHy: string;
    readonly nameEn: string;
    readonly feeAmd: number;
    readonly deadlineDays: number;
    readonly deadlineKind: DeadlineKind;
    readonly issues: ServiceIssues;
  }>;
  readonly provenance: ReadonlyArray<{ readonly fact: string; readonly source: string }>;
  /** Registration date, or the consolidation date of a consolidated community. */
  readonly registeredOn: string;
  readonly consolidatedOn: string | null;
  readonly formerCommunityIds: readonly string[];
  readonly mergedInto: string | null;
  readonly mergedOn: string | null;
  readonly cmisDeployedOn: string | null;
  readonly documentCirculationOn: string | null;
}

/** The view of a registered community on `today` (YYYY-MM-DD, Yerevan), or null when none is registered. */
export const communityView = (state: CommunityState, today: string): CommunityView | null => {
  if (state.status !== 'registered') return null;
  const population = latestOnOrBefore(state.populations, (p) => p.asOf, today) ?? state.populations[0];
  const deployment = latestOnOrBefore(state.cmisDeployments, (d) => d.on, today);
  const firstDeployment = state.cmisDeployments.filter((d) => d.on <= today).reduce<string | null>((min, d) => (min === null || d.on < min ? d.on : min), null);
  const website = latestOnOrBefore(state.websites, (w) => w.on, today);
  const circulation = state.documentCirculationOn !== null && state.documentCirculationOn <= today;
  return {
    id: state.id,
    status: isMergedOn(state, today) ? 'merged' : 'active',
    nameHy: state.nameHy,
    nameEn: state.nameEn,
    province: state.province,
    kind: state.kind,
    population: population?.population ?? null,
    populationAsOf: population?.asOf ?? null,
    settlements: state.settlements,
    cmisEdition: deployment?.edition ?? null,
    documentCirculation: circulation,
    officialWebsite: website ? { url: website.url, hostedOnCmis: website.hostedOnCmis } : null,
    citizenServiceOffices: state.offices.filter((o) => o.openedOn <= today).map((o) => ({ officeId: o.officeId, name: o.name, partners: o.partners, openedOn: o.openedOn })),
    services: state.services.map((s) => ({ code: s.code, nameHy: s.nameHy, nameEn: s.nameEn, feeAmd: s.feeAmd, deadlineDays: s.deadlineDays, deadlineKind: s.deadlineKind, issues: s.issues })),
    provenance: state.provenance,
    registeredOn: state.registeredOn,
    consolidatedOn: state.consolidatedOn,
    formerCommunityIds: state.formerCommunityIds,
    mergedInto: state.merger?.mergedInto ?? null,
    mergedOn: state.merger?.on ?? null,
    cmisDeployedOn: firstDeployment,
    documentCirculationOn: circulation ? state.documentCirculationOn : null,
  };
};
