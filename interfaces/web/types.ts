/**
 * The plain data the page renderers take: exactly the shapes the public GraphQL queries return
 * (docs/api.md; field names as selected in `queries.ts`). Renderers are pure functions of these.
 */

export interface AdoptionReport {
  readonly asOf: string;
  readonly totalCommunities: number;
  readonly withCmisDeployed: number;
  readonly consolidatedMultiSettlement: number;
  readonly consolidatedWithMultiSettlementCmis: number;
  readonly withElectronicDocumentCirculation: number;
  readonly whereCmisIsOfficialWebsite: number;
  readonly withAtLeast3000Residents: number;
  readonly citizenServiceOffices: number;
  /** `citizenServiceOfficesWithPartner(partner: "GIZ")`. */
  readonly citizenServiceOfficesWithGiz: number;
  /** Percent, one decimal. */
  readonly shareOfPopulationOutsideYerevanWithCso: number;
}

export interface AdoptionPoint {
  /** YYYY-MM. */
  readonly month: string;
  readonly withCmisDeployed: number;
  readonly withElectronicDocumentCirculation: number;
  readonly withOfficialWebsite: number;
  readonly withCitizenServiceOffice: number;
}

/** A transparency report (community or national, over a period or all time), as the pages use it. */
export interface TransparencyFigures {
  readonly decidedApplications: number;
  readonly decidedOnTime: number;
  readonly medianProcessingDays: number | null;
  readonly p90ProcessingDays: number | null;
  /** Percent, one decimal; null when nothing was decided. */
  readonly shareDecidedOnTime: number | null;
  /** Payments minus refunds by code. */
  readonly feesCollectedByCode: ReadonlyArray<{ readonly code: string; readonly amountAmd: number }>;
  readonly actsAdopted: number;
  readonly actsPublished: number;
  readonly complaintsByResolution: ReadonlyArray<{ readonly resolution: string; readonly count: number }>;
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface NationalData {
  readonly asOf: string;
  readonly today: string;
  readonly report: AdoptionReport;
  readonly overTime: readonly AdoptionPoint[];
  readonly period: Period;
  readonly transparency: TransparencyFigures;
}

export interface CommunitySummary {
  readonly id: string;
  readonly nameHy: string;
  readonly nameEn: string;
  readonly province: string;
  readonly kind: string;
  readonly population: number | null;
  readonly status: string;
}

export interface CommunityDetails extends CommunitySummary {
  readonly settlements: readonly string[];
  readonly cmisEdition: string | null;
  readonly cmisDeployedOn?: string | null;
  readonly documentCirculation: boolean;
  readonly documentCirculationOn?: string | null;
  readonly officialWebsite: { readonly url: string; readonly hostedOnCmis: boolean } | null;
  readonly mergedInto?: string | null;
  readonly mergedOn?: string | null;
}

export interface Service {
  readonly code: string;
  readonly nameHy: string;
  readonly nameEn: string;
  readonly feeAmd: number;
  readonly deadlineDays: number;
  readonly issues: string;
}

export interface ActVersion {
  readonly version: number;
  readonly effectiveFrom: string | null;
  readonly amendingActId?: string | null;
  readonly text?: string | null;
}

export interface ActSummary {
  readonly id: string;
  readonly number: string | null;
  readonly titleHy: string;
  readonly titleEn?: string | null;
  readonly issuer?: string | null;
  readonly effectiveFrom: string | null;
  readonly version: number;
  readonly history: readonly ActVersion[];
}

export interface Office {
  readonly officeId: string;
  readonly name: string;
  readonly partners: readonly string[];
  readonly openedOn?: string | null;
}

export interface PublicSite {
  readonly community: CommunityDetails;
  readonly services: readonly Service[];
  readonly actsInForce: readonly ActSummary[];
  /** Published acts whose first text enters into force later. */
  readonly upcomingActs?: readonly ActSummary[];
  readonly statistics: {
    readonly applications: {
      readonly total: number;
      readonly open: number;
      readonly overdue: number;
      readonly decided: number;
      readonly byStatus: ReadonlyArray<{ readonly status: string; readonly count: number }>;
    };
    readonly complaints: {
      readonly total: number;
      readonly open: number;
      readonly overdue: number;
      readonly byResolution: ReadonlyArray<{ readonly resolution: string; readonly count: number }>;
      readonly byStatus: ReadonlyArray<{ readonly status: string; readonly count: number }>;
    };
  };
  readonly citizenServiceOffices: readonly Office[];
}

export interface MonthlyFigures {
  /** YYYY-MM. */
  readonly month: string;
  readonly decidedApplications: number;
  readonly medianProcessingDays: number | null;
  readonly p90ProcessingDays: number | null;
  readonly shareDecidedOnTime: number | null;
}

/** Number and title of an act referred to from another (amending or repealing act). */
export interface ActReference {
  readonly id: string;
  readonly number: string | null;
  readonly titleHy: string;
  readonly titleEn?: string | null;
}

export interface CommunityPageData {
  readonly today: string;
  readonly site: PublicSite;
  readonly period: Period;
  /** The report over `period`. */
  readonly transparency: TransparencyFigures;
  /** The report over all time. */
  readonly allTime: TransparencyFigures;
  /** The twelve months of `period`, oldest first. */
  readonly monthly: readonly MonthlyFigures[];
}

export interface Act {
  readonly id: string;
  readonly status: string;
  readonly communityId: string;
  readonly issuer: string;
  readonly number: string | null;
  readonly titleHy: string;
  readonly titleEn: string | null;
  /** The text in force on `asOf` (null when none was). */
  readonly text: string | null;
  readonly version: number;
  readonly effectiveFrom: string | null;
  readonly votes: { readonly for: number; readonly against: number; readonly abstained: number } | null;
  readonly repealedBy?: string | null;
  readonly repealEffectiveFrom?: string | null;
  readonly history: readonly ActVersion[];
}

export interface ActPageData {
  readonly today: string;
  readonly asOf: string;
  readonly community: { readonly id: string; readonly nameHy: string; readonly nameEn: string };
  readonly act: Act;
  /** Acts named by the history (amending) or the repeal, by id. */
  readonly references: Readonly<Record<string, ActReference>>;
}

export interface CommunityListData {
  readonly search: string;
  readonly province: string;
  readonly includeMerged: boolean;
  readonly after: string;
  readonly nodes: readonly CommunitySummary[];
  readonly totalCount: number;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}
