/**
 * Query resolvers over the read models. Who may read what is the read policy's (application/read-policy.ts):
 * each resolver names what it reads and asks.
 */
import type { Actor } from '../../../application/ports/event-store';
import type { Queries } from '../../../application/queries';
import type { NationalAdoptionReport } from '../../../application/queries/national-adoption';
import { actListScope, decideRead, type CaseKind } from '../../../application/read-policy';
import { ValidationFailed } from '../../../application/errors';
import { publicApplicationStatus } from '../../../application/queries/tracking';
import { authorizeRead, type Caller } from '../context';
import type { GraphqlModule, RequestContext } from '../../http/server';

export const queryTypeDefs = /* GraphQL */ `
  type PageInfo {
    "Pass as after to get the next page."
    endCursor: String
    hasNextPage: Boolean!
  }
  type CommunityConnection { nodes: [Community!]! totalCount: Int! pageInfo: PageInfo! }
  type ApplicationConnection { nodes: [Application!]! totalCount: Int! pageInfo: PageInfo! }
  type FeeConnection { nodes: [Fee!]! totalCount: Int! pageInfo: PageInfo! }
  type ActConnection { nodes: [Act!]! totalCount: Int! pageInfo: PageInfo! }
  type ComplaintConnection { nodes: [Complaint!]! totalCount: Int! pageInfo: PageInfo! }

  type StatusCount { status: String! count: Int! }
  type ResolutionCount { resolution: String! count: Int! }

  type ApplicationStatistics { total: Int! open: Int! overdue: Int! decided: Int! byStatus: [StatusCount!]! }
  type ComplaintStatistics { total: Int! open: Int! overdue: Int! byStatus: [StatusCount!]! byResolution: [ResolutionCount!]! }
  type PublicStatistics { applications: ApplicationStatistics! complaints: ComplaintStatistics! }

  "A community's public site: service catalogue, acts in force, statistics, citizen service offices."
  type PublicSite {
    communityId: ID!
    "The date the site describes (today, Asia/Yerevan)."
    asOf: String!
    community: Community!
    services: [Service!]!
    citizenServiceOffices: [CitizenServiceOffice!]!
    "Acts in force today (գործում է), with their history."
    actsInForce: [Act!]!
    "Published acts that enter into force later."
    upcomingActs: [Act!]!
    statistics: PublicStatistics!
  }

  type CaseBacklog { open: Int! overdue: Int! backlog: [StatusCount!]! }
  type FeeFigures {
    open: Int!
    overdue: Int!
    "Sum of the balances of due and partially paid fees."
    receivableAmd: Amd!
    "Sum of the balances of overdue fees (ժամկետանց)."
    overdueAmd: Amd!
    "Payments minus refunds."
    collectedAmd: Amd!
    paidAmd: Amd!
    refundedAmd: Amd!
  }
  "The staff dashboard (վահանակ) of a community."
  type Dashboard { communityId: ID! asOf: String! applications: CaseBacklog! complaints: CaseBacklog! fees: FeeFigures! }

  type ProcessingTime {
    "Median days from submission to decision (nearest rank)."
    median: Int
    "90th percentile (nearest rank)."
    p90: Int
  }
  type FeesCollected {
    code: String!
    collectedAmd: Amd!
    paidAmd: Amd!
    refundedAmd: Amd!
    waivedAmd: Amd!
    payments: Int!
    refunds: Int!
    waivers: Int!
  }
  "The transparency report (թափանցիկության հաշվետվություն) of a community, or national."
  type TransparencyReport {
    communityId: ID
    from: String
    to: String
    applicationsDecided: Int!
    processingTimeDays: ProcessingTime!
    decidedOnTime: Int!
    "Percent decided on or before the due date, e.g. 87.5."
    shareDecidedOnTime: Float
    feesCollectedByCode: [FeesCollected!]!
    feesCollectedAmd: Amd!
    actsAdopted: Int!
    actsPublished: Int!
    complaintsResponded: Int!
    complaintsByResolution: [ResolutionCount!]!
    "Documents registered in the journals in the range (cancelled registrations not counted)."
    documentsRegistered: Int!
    "Documents whose execution was completed in the range."
    documentsExecuted: Int!
    "Of those, executed on or before their control date (a document without one counts as on time)."
    documentsExecutedOnTime: Int!
    "Documents still in execution whose control date is before today (and within the range when one is given)."
    documentsOverdue: Int!
  }

  "The national adoption report of CMIS (ՀԿՏՀ) as of a date: counts of communities that exist then."
  type NationalAdoptionReport {
    asOf: String!
    totalCommunities: Int!
    withCmisDeployed: Int!
    consolidatedMultiSettlement: Int!
    consolidatedWithMultiSettlementCmis: Int!
    withElectronicDocumentCirculation: Int!
    whereCmisIsOfficialWebsite: Int!
    withAtLeast3000Residents: Int!
    "Communities with at least one citizen service office."
    citizenServiceOffices: Int!
    "Communities whose office names this partner among its founders (case-insensitive substring: GIZ matches GIZ/BMZ)."
    citizenServiceOfficesWithPartner(partner: String!): Int!
    "Percent of the population outside Yerevan living in a community with an office."
    shareOfPopulationOutsideYerevanWithCso: Float!
    withOfficialWebsite: Int!
    "Electronic document circulation in use: communities that registered documents from from to to (default: 1 January of asOf's year to asOf), beside the registry flag on asOf."
    documentCirculationUse(from: String, to: String): DocumentCirculationUse!
  }

  "The registry flag of electronic document circulation checked against actual use over a period."
  type DocumentCirculationUse {
    from: String!
    to: String!
    "Communities that registered at least one document in the period (a registration later cancelled still counts)."
    communitiesRegisteringDocuments: Int!
    "Flagged with electronic document circulation on asOf and registering documents in the period."
    flaggedAndRegistering: Int!
    "Flagged on asOf without a document registered in the period."
    flaggedNotRegistering: Int!
    "Registering documents in the period without the flag on asOf."
    registeringNotFlagged: Int!
  }

  "One month of the adoption chart."
  type AdoptionPoint {
    "YYYY-MM"
    month: String!
    asOf: String!
    totalCommunities: Int!
    withCmisDeployed: Int!
    withElectronicDocumentCirculation: Int!
    withOfficialWebsite: Int!
    whereCmisIsOfficialWebsite: Int!
    citizenServiceOffices: Int!
  }

  extend type Query {
    community(id: ID!): Community
    communities(province: String, search: String, includeMerged: Boolean, first: Int, after: String): CommunityConnection!
    "By id (staff of its community, the ministry, auditors, the applicant), or by its public tracking code (anyone: the status without personal data)."
    application(id: ID, trackingCode: String): Application
    applications(communityId: ID!, status: String, overdue: Boolean, first: Int, after: String): ApplicationConnection!
    myApplications(first: Int, after: String): ApplicationConnection!
    fee(id: ID!): Fee
    fees(communityId: ID!, status: String, overdue: Boolean, first: Int, after: String): FeeConnection!
    myFees(first: Int, after: String): FeeConnection!
    "An act, with the text in force on asOf (YYYY-MM-DD) when given."
    act(id: ID!, asOf: String): Act
    acts(communityId: ID!, status: String, first: Int, after: String): ActConnection!
    complaint(id: ID!): Complaint
    complaints(communityId: ID!, status: String, overdue: Boolean, first: Int, after: String): ComplaintConnection!
    myComplaints(first: Int, after: String): ComplaintConnection!
    publicSite(communityId: ID!): PublicSite!
    dashboard(communityId: ID!): Dashboard!
    transparencyReport(communityId: ID, from: String, to: String): TransparencyReport!
    nationalAdoptionReport(asOf: String!): NationalAdoptionReport!
    "The adoption chart by month, from and to YYYY-MM-DD."
    adoptionOverTime(from: String!, to: String!): [AdoptionPoint!]!
    "The days-th working day after from (YYYY-MM-DD; from itself when days is 0): weekends, Armenia's statutory non-working days and the government's declarations skipped."
    addWorkingDays(from: String!, days: Int!): String!
    "Working days after from up to and including to (YYYY-MM-DD); negative when to is earlier."
    workingDaysBetween(from: String!, to: String!): Int!
  }
`;

/** The resident whose own lists are read (the read policy lets only residents have them). */
const ownCasesOf = (caller: Caller): string => {
  authorizeRead(caller, { kind: 'own-cases' });
  return (caller.actor as Actor).id;
};

/** One application, fee or complaint, if the read policy lets the caller see it. */
const readCase = <T extends { communityId: string }>(caseKind: CaseKind, ownerOf: (t: T) => string | null | undefined) => (caller: Caller, item: T | null, id: string): T => {
  authorizeRead(caller, { kind: 'case', caseKind, id, found: item && { communityId: item.communityId, ownerId: ownerOf(item) } });
  return item as T;
};

const readApplication = readCase<{ communityId: string; applicantId: string | null }>('application', (a) => a.applicantId);
const readFee = readCase<{ communityId: string; payerId: string }>('fee', (f) => f.payerId);
const readComplaint = readCase<{ communityId: string; complainantId: string | null }>('complaint', (c) => c.complainantId);

const readCommunityCases = (caller: Caller, communityId: string, what: string): void => authorizeRead(caller, { kind: 'community-cases', communityId, what });

type Args = Record<string, never> & Record<string, unknown>;

export const queryModule = (queries: Queries): GraphqlModule => ({
  typeDefs: queryTypeDefs,
  resolvers: {
    Query: {
      community: (_: unknown, a: { id: string }) => queries.community(a.id),
      communities: (_: unknown, a: Args) => queries.communities(a),
      application: async (_: unknown, a: { id?: string | null; trackingCode?: string | null }, ctx: RequestContext) => {
        if ((a.id == null) === (a.trackingCode == null)) throw new ValidationFailed('Give either id or trackingCode', ['id', 'trackingCode']);
        if (a.id != null) return readApplication(ctx.caller, await queries.application(a.id), a.id);
        const view = await queries.applicationByTrackingCode(a.trackingCode as string);
        const full = decideRead(ctx.caller.actor, { kind: 'case', caseKind: 'application', id: view.id, found: { communityId: view.communityId, ownerId: view.applicantId } });
        return full.allowed ? view : publicApplicationStatus(view);
      },
      applications: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        readCommunityCases(ctx.caller, a.communityId, 'the applications');
        return queries.applications(a as never);
      },
      myApplications: (_: unknown, a: Args, ctx: RequestContext) => queries.myApplications(ownCasesOf(ctx.caller), a),
      fee: async (_: unknown, a: { id: string }, ctx: RequestContext) => readFee(ctx.caller, await queries.fee(a.id), a.id),
      fees: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        readCommunityCases(ctx.caller, a.communityId, 'the fees');
        return queries.fees(a as never);
      },
      myFees: (_: unknown, a: Args, ctx: RequestContext) => queries.myFees(ownCasesOf(ctx.caller), a),
      act: async (_: unknown, a: { id: string; asOf?: string | null }, ctx: RequestContext) => {
        const act = await queries.act(a.id, a.asOf);
        if (act === null) return null;
        authorizeRead(ctx.caller, { kind: 'act', id: a.id, communityId: act.communityId, status: act.status });
        return act;
      },
      acts: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        const publicOnly = actListScope(ctx.caller.actor, a.communityId) === 'public';
        return queries.acts({ ...(a as never as { communityId: string }), publicOnly });
      },
      complaint: async (_: unknown, a: { id: string }, ctx: RequestContext) => readComplaint(ctx.caller, await queries.complaint(a.id), a.id),
      complaints: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        readCommunityCases(ctx.caller, a.communityId, 'the complaints');
        return queries.complaints(a as never);
      },
      myComplaints: (_: unknown, a: Args, ctx: RequestContext) => queries.myComplaints(ownCasesOf(ctx.caller), a),
      publicSite: (_: unknown, a: { communityId: string }) => queries.publicSite(a.communityId),
      dashboard: (_: unknown, a: { communityId: string }, ctx: RequestContext) => {
        readCommunityCases(ctx.caller, a.communityId, 'the dashboard');
        return queries.dashboard(a.communityId);
      },
      transparencyReport: (_: unknown, a: { communityId?: string | null; from?: string | null; to?: string | null }) => queries.transparencyReport(a),
      nationalAdoptionReport: (_: unknown, a: { asOf: string }) => queries.nationalAdoptionReport(a.asOf),
      adoptionOverTime: (_: unknown, a: { from: string; to: string }) => queries.adoptionOverTime(a.from, a.to),
      addWorkingDays: (_: unknown, a: { from: string; days: number }, ctx: RequestContext) => {
        authorizeRead(ctx.caller, { kind: 'public' });
        return queries.addWorkingDays(a.from, a.days);
      },
      workingDaysBetween: (_: unknown, a: { from: string; to: string }, ctx: RequestContext) => {
        authorizeRead(ctx.caller, { kind: 'public' });
        return queries.workingDaysBetween(a.from, a.to);
      },
    },
    NationalAdoptionReport: {
      citizenServiceOfficesWithPartner: (report: NationalAdoptionReport, a: { partner: string }) => report.citizenServiceOfficesWithPartner(a.partner),
      documentCirculationUse: (report: NationalAdoptionReport, a: { from?: string | null; to?: string | null }) => report.documentCirculationUse(a),
    },
  } as never,
});
