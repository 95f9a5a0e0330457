/**
 * `worklist`: the staff inbox of a community (application/queries/worklist.ts), for its staff, head and
 * council, the ministry and auditors (read-policy.ts, target `worklist`). "Mine" is the caller's own.
 */
import type { Queries, WorklistArgs } from '../../../application/queries';
import { authorizeRead } from '../context';
import type { GraphqlModule, RequestContext } from '../../http/server';

export const worklistTypeDefs = /* GraphQL */ `
  "One case of the staff inbox: an application, a fee or a complaint."
  type WorklistItem {
    "The case's id (what application, fee or complaint take)."
    id: ID!
    "application, fee or complaint"
    kind: String!
    communityId: ID!
    "The case's own status (of an application, a fee or a complaint)."
    status: String!
    "Still work to do: not yet decided, paid, answered or closed."
    open: Boolean!
    "Who works on it (applications and complaints); null when nobody does."
    assigneeId: ID
    "An application waiting for the resident's information."
    awaitingInformation: Boolean!
    "The deadline: decision, payment or response (YYYY-MM-DD)."
    dueOn: String!
    "Open and due before today (Asia/Yerevan)."
    overdue: Boolean!
    "Calendar days from today to dueOn, negative once overdue; null once closed."
    daysUntilDue: Int
    "An application's service code, a fee's code, a complaint's category."
    categoryCode: String!
    serviceNameHy: String
    serviceNameEn: String
    registrationNumber: String
    trackingCode: String
    "The applicant, payer or complainant."
    partyId: ID
    partyName: String
    "An application's subject, a fee's basis, a complaint's subject."
    subject: String!
    "Submitted, assessed or filed (UTC)."
    createdAt: String!
    "The case's last change (UTC)."
    updatedAt: String!
    "Its stream revision: the expectedRevision of a command on it."
    revision: Int!
  }
  "How many cases each tab holds (the community's, without filters or search)."
  type WorklistTabCounts { mine: Int! unassigned: Int! awaiting: Int! overdue: Int! all: Int! }
  "A page of the staff inbox (worklist) of a community."
  type Worklist {
    communityId: ID!
    tab: String!
    "Today (Asia/Yerevan): what overdue and daysUntilDue count from."
    asOf: String!
    nodes: [WorklistItem!]!
    totalCount: Int!
    pageInfo: PageInfo!
    counts: WorklistTabCounts!
    "A search key matched more cases than it reads: refine the search."
    searchTruncated: Boolean!
  }
  input WorklistSort {
    "dueOn, createdAt or updatedAt"
    field: String!
    "asc (default) or desc"
    direction: String
  }

  extend type Query {
    "The staff inbox of a community: tab mine (default), unassigned, awaiting, overdue or all; filters, a search, a sort, paging."
    worklist(
      communityId: ID!
      tab: String
      kind: String
      status: String
      serviceCode: String
      assigneeId: ID
      from: String
      to: String
      search: String
      sort: WorklistSort
      first: Int
      after: String
    ): Worklist!
  }
`;

export const worklistModule = (queries: Queries): GraphqlModule => ({
  typeDefs: worklistTypeDefs,
  resolvers: {
    Query: {
      worklist: (_: unknown, a: WorklistArgs & { communityId: string }, ctx: RequestContext) => {
        authorizeRead(ctx.caller, { kind: 'worklist', communityId: a.communityId });
        return queries.worklist(a.communityId, a, ctx.caller.actor?.id ?? null);
      },
    },
    WorklistItem: {
      id: (item: { caseId: string }) => item.caseId,
    },
  } as never,
});
