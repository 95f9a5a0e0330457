/**
 * Every piece of data the public pages show comes from the public GraphQL queries of docs/api.md, asked
 * in-process as an anonymous caller. Arguments are written as GraphQL string literals (JSON-escaped,
 * which GraphQL's string syntax accepts) after validation, so the documents do not depend on how the
 * schema types each argument (String, ID or a date scalar).
 */
import { addDays } from '../../domain/kernel/time';
import { COMMUNITIES_PAGE_SIZE } from './pages/communities';
import type {
  Act,
  ActPageData,
  ActReference,
  AdoptionPoint,
  AdoptionReport,
  CommunityListData,
  CommunityPageData,
  CommunitySummary,
  MonthlyFigures,
  NationalData,
  Period,
  PublicSite,
  TransparencyFigures,
} from './types';

/** Runs a query; throws a `PageError` when GraphQL answers with errors. */
export type GraphqlRunner = (query: string) => Promise<Record<string, unknown>>;

export class PageError extends Error {
  constructor(
    readonly status: 400 | 404 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'PageError';
  }
}

/** A GraphQL string literal. */
export const lit = (value: string): string => JSON.stringify(value);

const TRANSPARENCY_FIELDS = `applicationsDecided decidedOnTime processingTimeDays { median p90 } shareDecidedOnTime feesCollectedByCode { code collectedAmd } actsAdopted actsPublished complaintsByResolution { resolution count }`;
const MONTHLY_FIELDS = `applicationsDecided decidedOnTime processingTimeDays { median p90 } shareDecidedOnTime`;

/** `transparencyReport` as the schema answers it (the fields selected above). */
export interface RawTransparency {
  readonly applicationsDecided: number;
  readonly decidedOnTime: number;
  readonly processingTimeDays: { readonly median: number | null; readonly p90: number | null };
  readonly shareDecidedOnTime: number | null;
  readonly feesCollectedByCode?: ReadonlyArray<{ readonly code: string; readonly collectedAmd: number }>;
  readonly actsAdopted?: number;
  readonly actsPublished?: number;
  readonly complaintsByResolution?: ReadonlyArray<{ readonly resolution: string; readonly count: number }>;
}

export const toTransparency = (raw: RawTransparency): TransparencyFigures => ({
  decidedApplications: raw.applicationsDecided,
  decidedOnTime: raw.decidedOnTime,
  medianProcessingDays: raw.processingTimeDays.median,
  p90ProcessingDays: raw.processingTimeDays.p90,
  shareDecidedOnTime: raw.shareDecidedOnTime,
  feesCollectedByCode: (raw.feesCollectedByCode ?? []).map((f) => ({ code: f.code, amountAmd: f.collectedAmd })),
  actsAdopted: raw.actsAdopted ?? 0,
  actsPublished: raw.actsPublished ?? 0,
  complaintsByResolution: raw.complaintsByResolution ?? [],
});

export const toMonthly = (month: string, raw: RawTransparency): MonthlyFigures => ({
  month,
  decidedApplications: raw.applicationsDecided,
  medianProcessingDays: raw.processingTimeDays.median,
  p90ProcessingDays: raw.processingTimeDays.p90,
  shareDecidedOnTime: raw.shareDecidedOnTime,
});

/** The last day of the month of a YYYY-MM-DD or YYYY-MM. */
export const monthEnd = (date: string): string => {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The `count` calendar months ending with the month of `to` (the last one ends on `to`), oldest first. */
export const monthsEnding = (to: string, count = 12): Array<{ month: string; from: string; to: string }> => {
  const months: Array<{ month: string; from: string; to: string }> = [];
  let first = `${to.slice(0, 7)}-01`;
  for (let i = 0; i < count; i++) {
    const end = monthEnd(first);
    months.unshift({ month: first.slice(0, 7), from: first, to: end < to ? end : to });
    first = `${addDays(first, -1).slice(0, 7)}-01`;
  }
  return months;
};

/** The twelve calendar months up to `to` (the current month up to `to` included). */
export const twelveMonths = (to: string): Period => ({ from: monthsEnding(to, 12)[0].from, to });

export const nationalQuery = (asOf: string, period: Period, chartFrom: string): string => `{
  report: nationalAdoptionReport(asOf: ${lit(asOf)}) {
    asOf totalCommunities withCmisDeployed consolidatedMultiSettlement consolidatedWithMultiSettlementCmis
    withElectronicDocumentCirculation whereCmisIsOfficialWebsite withAtLeast3000Residents citizenServiceOffices
    citizenServiceOfficesWithGiz: citizenServiceOfficesWithPartner(partner: "GIZ") shareOfPopulationOutsideYerevanWithCso
  }
  overTime: adoptionOverTime(from: ${lit(chartFrom)}, to: ${lit(asOf)}) { month withCmisDeployed withElectronicDocumentCirculation withOfficialWebsite withCitizenServiceOffice: citizenServiceOffices }
  transparency: transparencyReport(from: ${lit(period.from)}, to: ${lit(period.to)}) { ${TRANSPARENCY_FIELDS} }
}`;

export const loadNationalData = async (run: GraphqlRunner, asOf: string, today: string): Promise<NationalData> => {
  const period = twelveMonths(asOf);
  const chartFrom = `${Number(asOf.slice(0, 4)) - 20}-01-01`;
  const data = await run(nationalQuery(asOf, period, chartFrom));
  return {
    asOf,
    today,
    report: data.report as AdoptionReport,
    overTime: (data.overTime as AdoptionPoint[]) ?? [],
    period,
    transparency: toTransparency(data.transparency as RawTransparency),
  };
};

export const communityQuery = (communityId: string, period: Period, months: ReadonlyArray<{ from: string; to: string }>): string => {
  const id = lit(communityId);
  return `{
  site: publicSite(communityId: ${id}) {
    community { id status nameHy nameEn province kind population settlements cmisEdition cmisDeployedOn documentCirculation documentCirculationOn officialWebsite { url hostedOnCmis } mergedInto mergedOn }
    services { code nameHy nameEn feeAmd deadlineDays issues }
    actsInForce { id number titleHy titleEn issuer effectiveFrom version history { version effectiveFrom amendingActId } }
    upcomingActs { id number titleHy titleEn issuer effectiveFrom version history { version effectiveFrom amendingActId } }
    statistics {
      applications { total open overdue decided byStatus { status count } }
      complaints { total open overdue byResolution { resolution count } byStatus { status count } }
    }
    citizenServiceOffices { officeId name partners openedOn }
  }
  period: transparencyReport(communityId: ${id}, from: ${lit(period.from)}, to: ${lit(period.to)}) { ${TRANSPARENCY_FIELDS} }
  allTime: transparencyReport(communityId: ${id}) { ${MONTHLY_FIELDS} }
${months.map((m, i) => `  m${i}: transparencyReport(communityId: ${id}, from: ${lit(m.from)}, to: ${lit(m.to)}) { ${MONTHLY_FIELDS} }`).join('\n')}
}`;
};

export const loadCommunityData = async (run: GraphqlRunner, communityId: string, today: string): Promise<CommunityPageData> => {
  const months = monthsEnding(today, 12);
  const period: Period = { from: months[0].from, to: today };
  const data = await run(communityQuery(communityId, period, months));
  if (!data.site) throw new PageError(404, `No community ${communityId}`);
  return {
    today,
    site: data.site as PublicSite,
    period,
    transparency: toTransparency(data.period as RawTransparency),
    allTime: toTransparency(data.allTime as RawTransparency),
    monthly: months.map((m, i) => toMonthly(m.month, data[`m${i}`] as RawTransparency)),
  };
};

const ACT_FIELDS = `id status communityId issuer number titleHy titleEn text version effectiveFrom votes { for against abstained } repealedBy repealEffectiveFrom history { version effectiveFrom amendingActId }`;

export const actQuery = (communityId: string, actId: string, asOf: string): string => `{
  act(id: ${lit(actId)}, asOf: ${lit(asOf)}) { ${ACT_FIELDS} }
  community(id: ${lit(communityId)}) { id nameHy nameEn }
}`;

export const loadActData = async (run: GraphqlRunner, communityId: string, actId: string, asOf: string, today: string): Promise<ActPageData> => {
  const data = await run(actQuery(communityId, actId, asOf));
  const act = data.act as Act | null;
  const community = data.community as ActPageData['community'] | null;
  if (!act || !community || act.communityId !== community.id) throw new PageError(404, `No published act ${actId} in ${communityId}`);
  const referenced = [...new Set([...act.history.map((v) => v.amendingActId), act.repealedBy].filter((id): id is string => typeof id === 'string' && id !== ''))].slice(0, 20);
  const references: Record<string, ActReference> = {};
  if (referenced.length > 0) {
    try {
      const refs = await run(`{ ${referenced.map((id, i) => `r${i}: act(id: ${lit(id)}) { id number titleHy titleEn }`).join(' ')} }`);
      for (const value of Object.values(refs)) if (value) references[(value as ActReference).id] = value as ActReference;
    } catch {
      // A referenced act that cannot be read is shown by its id.
    }
  }
  return { today, asOf, community, act, references };
};

export const communitiesQuery = (options: { search: string; province: string; includeMerged: boolean; after: string }): string => {
  const args = [`first: ${COMMUNITIES_PAGE_SIZE}`];
  if (options.search) args.push(`search: ${lit(options.search)}`);
  if (options.province) args.push(`province: ${lit(options.province)}`);
  if (options.includeMerged) args.push('includeMerged: true');
  if (options.after) args.push(`after: ${lit(options.after)}`);
  return `{ communities(${args.join(', ')}) { nodes { id nameHy nameEn province kind population status } totalCount pageInfo { endCursor hasNextPage } } }`;
};

export const loadCommunityList = async (
  run: GraphqlRunner,
  options: { search: string; province: string; includeMerged: boolean; after: string },
): Promise<CommunityListData> => {
  const data = await run(communitiesQuery(options));
  const page = data.communities as { nodes: CommunitySummary[]; totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
  return { ...options, nodes: page.nodes, totalCount: page.totalCount, endCursor: page.pageInfo.endCursor, hasNextPage: page.pageInfo.hasNextPage };
};
