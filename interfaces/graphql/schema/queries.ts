/**
 * Query resolvers over the read models, with API.md's "Who may call what": public reads need no token;
 * cases are for the community's staff, head and council, the ministry and auditors, and for the resident
 * whose case it is; residents read their own lists; auditors read the audit log.
 */
import type { Actor } from '../../../application/ports/event-store';
import { Forbidden, NotFound } from '../../../application/errors';
import type { Queries } from '../../../application/queries';
import type { NationalAdoptionReport } from '../../../application/queries/national-adoption';
import { requireActor, type Caller } from '../context';
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
    application(id: ID!): Application
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
  }
`;

const PUBLIC_ACT_STATUSES = new Set(['published', 'repealed', 'in-discussion']);

/** Staff, head and council of the community, the ministry and auditors read a community's cases. */
const mayReadCommunityCases = (actor: Actor | null, communityId: string): boolean =>
  actor !== null && (actor.role === 'ministry' || actor.role === 'auditor' || (['staff', 'head', 'council'].includes(actor.role) && actor.communityId === communityId));

const requireCommunityReader = (caller: Caller, communityId: string, what: string): Actor => {
  const actor = requireActor(caller);
  if (!mayReadCommunityCases(actor, communityId)) throw new Forbidden(`A ${actor.role}${actor.communityId ? ` of ${actor.communityId}` : ''} may not read ${what} of community ${communityId}`);
  return actor;
};

const requireResident = (caller: Caller): Actor => {
  const actor = requireActor(caller);
  if (actor.role !== 'resident') throw new Forbidden('Only a resident has their own applications, fees and complaints');
  return actor;
};

/** A single case: readers of its community, or the resident it belongs to. */
const caseReader = <T extends { communityId: string }>(what: string, ownerOf: (t: T) => string | null | undefined) => (caller: Caller, item: T | null, id: string): T => {
  const actor = requireActor(caller);
  if (item === null) throw new NotFound(`There is no ${what} ${id}`);
  if (mayReadCommunityCases(actor, item.communityId)) return item;
  if (actor.role === 'resident' && ownerOf(item) === actor.id) return item;
  throw new Forbidden(`A ${actor.role} may not read this ${what}`);
};

const readApplication = caseReader<{ communityId: string; applicantId: string | null }>('application', (a) => a.applicantId);
const readFee = caseReader<{ communityId: string; payerId: string }>('fee', (f) => f.payerId);
const readComplaint = caseReader<{ communityId: string; complainantId: string | null }>('complaint', (c) => c.complainantId);

type Args = Record<string, never> & Record<string, unknown>;

export const queryModule = (queries: Queries): GraphqlModule => ({
  typeDefs: queryTypeDefs,
  resolvers: {
    Query: {
      community: (_: unknown, a: { id: string }) => queries.community(a.id),
      communities: (_: unknown, a: Args) => queries.communities(a),
      application: async (_: unknown, a: { id: string }, ctx: RequestContext) => readApplication(ctx.caller, await queries.application(a.id), a.id),
      applications: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        requireCommunityReader(ctx.caller, a.communityId, 'the applications');
        return queries.applications(a as never);
      },
      myApplications: (_: unknown, a: Args, ctx: RequestContext) => queries.myApplications(requireResident(ctx.caller).id, a),
      fee: async (_: unknown, a: { id: string }, ctx: RequestContext) => readFee(ctx.caller, await queries.fee(a.id), a.id),
      fees: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        requireCommunityReader(ctx.caller, a.communityId, 'the fees');
        return queries.fees(a as never);
      },
      myFees: (_: unknown, a: Args, ctx: RequestContext) => queries.myFees(requireResident(ctx.caller).id, a),
      act: async (_: unknown, a: { id: string; asOf?: string | null }, ctx: RequestContext) => {
        const act = await queries.act(a.id, a.asOf);
        if (act === null) return null;
        if (PUBLIC_ACT_STATUSES.has(act.status)) return act;
        if (ctx.caller.error) throw ctx.caller.error;
        // Drafts and acts not yet published are for the community's own people: others are told nothing.
        if (!mayReadCommunityCases(ctx.caller.actor, act.communityId)) throw new NotFound(`There is no published act ${a.id}`);
        return act;
      },
      acts: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        const inside = mayReadCommunityCases(ctx.caller.actor, a.communityId);
        return queries.acts({ ...(a as never as { communityId: string }), publicOnly: !inside });
      },
      complaint: async (_: unknown, a: { id: string }, ctx: RequestContext) => readComplaint(ctx.caller, await queries.complaint(a.id), a.id),
      complaints: (_: unknown, a: Args & { communityId: string }, ctx: RequestContext) => {
        requireCommunityReader(ctx.caller, a.communityId, 'the complaints');
        return queries.complaints(a as never);
      },
      myComplaints: (_: unknown, a: Args, ctx: RequestContext) => queries.myComplaints(requireResident(ctx.caller).id, a),
      publicSite: (_: unknown, a: { communityId: string }) => queries.publicSite(a.communityId),
      dashboard: (_: unknown, a: { communityId: string }, ctx: RequestContext) => {
        requireCommunityReader(ctx.caller, a.communityId, 'the dashboard');
        return queries.dashboard(a.communityId);
      },
      transparencyReport: (_: unknown, a: { communityId?: string | null; from?: string | null; to?: string | null }) => queries.transparencyReport(a),
      nationalAdoptionReport: (_: unknown, a: { asOf: string }) => queries.nationalAdoptionReport(a.asOf),
      adoptionOverTime: (_: unknown, a: { from: string; to: string }) => queries.adoptionOverTime(a.from, a.to),
    },
    NationalAdoptionReport: {
      citizenServiceOfficesWithPartner: (report: NationalAdoptionReport, a: { partner: string }) => report.citizenServiceOfficesWithPartner(a.partner),
    },
  } as never,
});
