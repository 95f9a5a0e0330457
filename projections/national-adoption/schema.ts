/**
 * The `national-adoption` read model: the national adoption report as of any date from one small
 * document, however many communities and facts there are.
 *
 * - `nationalAdoption`, one document (`national`): each figure of the report as dated changes — on a
 *   date, by how much each figure changes (a community registered, merged, a CMIS deployed, a population
 *   recorded…) — so a figure on `asOf` is the sum of the changes dated on or before it; and the
 *   communities that have a citizen service office, with their offices' partners, for
 *   `citizenServiceOfficesWithPartner` (a partner is matched by substring, which no counter can answer).
 * - `adoptionTimelines`, one per community: the projection's own copy of the community's dated facts
 *   (the `adoption` timeline), from which the national document takes the difference each event makes.
 *   Queries do not read it.
 * - `documentRegistrationDays`, one per community and Yerevan date on which it registered documents
 *   (`<communityId>:<date>`, the ids of the documents registered): the actual use of electronic document
 *   circulation, looked up by date range beside the registry flag (the national document's
 *   `documentCirculation`, the communities flagged and when).
 */
import type { CollectionSpec } from '../../application/ports/read-store';

export const NATIONAL_ADOPTION = 'national-adoption';

export const NATIONAL_ADOPTION_COLLECTIONS = {
  nationalAdoption: 'nationalAdoption',
  timelines: 'adoptionTimelines',
  documentRegistrationDays: 'documentRegistrationDays',
} as const;

export const NATIONAL_ADOPTION_ID = 'national';

/** What each community adds to the national figures on a date (populations in residents). */
export const ADOPTION_FIGURES = [
  'totalCommunities',
  'withCmisDeployed',
  'consolidatedMultiSettlement',
  'consolidatedWithMultiSettlementCmis',
  'withElectronicDocumentCirculation',
  'whereCmisIsOfficialWebsite',
  'withOfficialWebsite',
  'withAtLeast3000Residents',
  'citizenServiceOffices',
  /** Residents of communities outside Yerevan, and of those with an office: the share's parts. */
  'populationOutsideYerevan',
  'populationOutsideYerevanWithCso',
] as const;

export type AdoptionFigure = (typeof ADOPTION_FIGURES)[number];

export type FigureChanges = Readonly<Partial<Record<AdoptionFigure, number>>>;

export interface CommunityWithOffices {
  readonly registeredOn: string;
  readonly mergedOn: string | null;
  readonly offices: ReadonlyArray<{ readonly on: string; readonly partners: readonly string[] }>;
}

export interface NationalAdoptionDoc {
  readonly id: string;
  /** By date (YYYY-MM-DD), the change of each figure that day; a figure that does not change is absent. */
  readonly changes?: Readonly<Record<string, FigureChanges>>;
  /** Communities with at least one citizen service office, by community id. */
  readonly withOffices?: Readonly<Record<string, CommunityWithOffices>>;
  /** Communities whose registry records electronic document circulation, by community id. */
  readonly documentCirculation?: Readonly<Record<string, CommunityWithDocumentCirculation>>;
}

export interface CommunityWithDocumentCirculation {
  readonly registeredOn: string;
  readonly mergedOn: string | null;
  /** The date document circulation was enabled. */
  readonly on: string;
}

export interface DocumentRegistrationDayDoc {
  /** `<communityId>:<on>`. */
  readonly id: string;
  readonly communityId: string;
  /** Yerevan date. */
  readonly on: string;
  /** The documents the community registered that day (a replayed event adds nothing). */
  readonly documents: readonly string[];
}

export const documentRegistrationDayId = (communityId: string, on: string): string => `${communityId}:${on}`;

/** In this order: the summary before the timelines it summarises (the runner writes them in this order). */
export const NATIONAL_ADOPTION_SPECS: readonly CollectionSpec[] = [
  { name: NATIONAL_ADOPTION_COLLECTIONS.nationalAdoption, projection: NATIONAL_ADOPTION, fields: {} },
  { name: NATIONAL_ADOPTION_COLLECTIONS.timelines, projection: NATIONAL_ADOPTION, fields: {} },
  { name: NATIONAL_ADOPTION_COLLECTIONS.documentRegistrationDays, projection: NATIONAL_ADOPTION, fields: { communityId: 'string', on: 'string' } },
];
