/**
 * Correspondence (electronic document circulation) in GraphQL: the `Document` view the correspondence
 * mutations answer with, and the `document` and `documents` queries over the `documents` read model.
 * Who may read them: application/read-policy.ts (a document is read like a case of its community; a
 * resident reads the online letters they sent).
 */
import type { Queries } from '../../../application/queries';
import type { GraphqlModule, RequestContext } from '../../http/server';
import { authorizeRead } from '../context';

export const documentTypeDefs = /* GraphQL */ `
  "A file attached to a document: a reference to the file store's content."
  type Attachment {
    "SHA-256 of the content, 64 lower-case hex digits."
    sha256: String!
    name: String!
    "Media type, e.g. application/pdf."
    type: String!
    "Bytes."
    size: Int!
  }

  "A resolution (մակագրություն): executors, an instruction and a control date."
  type Resolution {
    executorIds: [ID!]!
    instruction: String!
    "The control date, YYYY-MM-DD; null for a resolution without control."
    controlDueOn: String
    "The working days the control date was counted from, when given so."
    controlWorkingDays: Int
    issuedBy: String!
    at: String!
  }

  type ExecutionReport {
    executorId: ID!
    report: String!
    at: String!
  }

  type ControlExtension {
    previousDueOn: String!
    dueOn: String!
    reason: String!
    at: String!
  }

  "A registered document of a community's incoming, outgoing or internal journal (փաստաթուղթ)."
  type Document {
    id: ID!
    revision: Int!
    communityId: ID!
    "incoming, outgoing or internal."
    journal: String!
    "\\"<n>\\": 1, 2, 3… per community, journal and Yerevan year of registration."
    number: String!
    year: Int!
    "registered, in-execution, executed, signed, dispatched, closed or cancelled."
    status: String!
    subject: String!
    registeredAt: String!
    "The current control date, YYYY-MM-DD."
    controlDueOn: String
    "In execution and its control date has passed (Yerevan)."
    overdue: Boolean!
    "The executors of the current resolution."
    executors: [ID!]!
    "The incoming document an outgoing one answers."
    inReplyTo: ID
    "The outgoing documents answering an incoming one."
    replies: [ID!]!
    "Interagency: the other side (the recipient's incoming registration, or the sender's outgoing document)."
    linkedDocumentId: ID
    senderName: String
    senderReference: String
    senderCommunityId: ID
    receivedOn: String
    summary: String
    "post, email, in-person, online or interagency (incoming documents)."
    channel: String
    recipientName: String
    recipientCommunityId: ID
    text: String
    attachments: [Attachment!]!
    resolution: Resolution
    resolutions: [Resolution!]!
    extensions: [ControlExtension!]!
    executionReports: [ExecutionReport!]!
    executedAt: String
    "Executed by the end of its control date; null while not executed or without control."
    executedOnTime: Boolean
    signedBy: String
    signedAt: String
    dispatchedAt: String
    "interagency, post or email."
    dispatchedVia: String
    closedAt: String
    cancelledAt: String
    cancellationReason: String
  }

  type DocumentConnection { nodes: [Document!]! totalCount: Int! pageInfo: PageInfo! }

  extend type Query {
    "One document (staff, head and council of its community, the ministry, auditors; the resident who sent an online letter)."
    document(id: ID!): Document
    "A community's journals, newest registrations first."
    documents(communityId: ID!, journal: String, status: String, overdue: Boolean, executorId: ID, year: Int, first: Int, after: String): DocumentConnection!
  }
`;

type ListArgs = Parameters<Queries['documents']>[0];

export const documentsModule = (queries: Queries): GraphqlModule => ({
  typeDefs: documentTypeDefs,
  resolvers: {
    Query: {
      document: async (_: unknown, a: { id: string }, ctx: RequestContext) => {
        const found = await queries.document(a.id);
        authorizeRead(ctx.caller, { kind: 'case', caseKind: 'document', id: a.id, found: found && { communityId: found.communityId, ownerId: found.senderId } });
        return found;
      },
      documents: (_: unknown, a: ListArgs, ctx: RequestContext) => {
        authorizeRead(ctx.caller, { kind: 'community-cases', communityId: a.communityId, what: 'the documents' });
        return queries.documents(a);
      },
    },
    Document: {
      // A mutation answers the document's own view; its replies are other documents' facts, in the read model.
      replies: async (view: { id: string; replies?: readonly string[] }) => view.replies ?? (await queries.document(view.id))?.replies ?? [],
    },
  } as never,
});
