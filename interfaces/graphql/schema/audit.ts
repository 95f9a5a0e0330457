/** The auditor's queries: history and aggregateAsOf (time travel over the event store), and the audit log read model. */
import type { Queries } from '../../../application/queries';
import type { TimeTravel } from '../../../application/time-travel';
import type { AuditService } from '../../../application/audit';
import { authorizeRead, type Caller } from '../context';
import type { GraphqlModule, RequestContext } from '../../http/server';
import { eventItem } from './events';

const requireAuditor = (caller: Caller): void => authorizeRead(caller, { kind: 'audit-trail' });

export const auditTypeDefs = /* GraphQL */ `
  "One entry of the audit log (աուդիտի հետք): who did what, when, to which stream, from which channel, with which assurance."
  type AuditLogEntry {
    position: String!
    streamId: String!
    category: String!
    type: String!
    communityId: ID
    actorId: String!
    role: String!
    "eid, mid, password or system"
    assurance: String!
    "online, cso, hotline, in-person, staff or system"
    channel: String!
    officeId: String
    onBehalfOf: String
    occurredAt: String!
    recordedAt: String!
  }
  type AuditLogConnection { nodes: [AuditLogEntry!]! totalCount: Int! pageInfo: PageInfo! }

  "An aggregate as it stood: its view folded from the events recorded up to a moment or revision."
  type AggregateAsOf {
    streamId: String!
    revision: Int!
    "The aggregate's view (the fields of its type), as JSON."
    view: JSON!
  }

  "The latest signed tree head of the transparency log (RFC 6962 Merkle tree over every event in log order)."
  type AuditTreeHead {
    treeSize: Int!
    "SHA-256 root, lowercase hex."
    rootHash: String!
    "The signed checkpoint note (C2SP format), verifiable with the key at GET /audit/public-key."
    checkpoint: String!
    signedAt: String
  }
  "An inclusion proof (RFC 9162 §2.1.3) of one event in the tree of treeSize leaves."
  type AuditInclusionProof {
    position: String!
    "The event's 0-based rank in log order."
    leafIndex: Int!
    treeSize: Int!
    leafHash: String!
    path: [String!]!
    rootHash: String!
  }
  "A consistency proof (RFC 9162 §2.1.4) between two tree sizes."
  type AuditConsistencyProof {
    fromSize: Int!
    toSize: Int!
    fromRoot: String!
    toRoot: String!
    path: [String!]!
  }

  extend type Query {
    "The latest signed tree head. Public."
    auditTreeHead: AuditTreeHead!
    "Proof that the event at position is in the tree of treeSize leaves (default: the latest head). Public."
    auditInclusionProof(position: String!, treeSize: Int): AuditInclusionProof!
    "Proof that the tree of from leaves is a prefix of the tree of to leaves (default: the latest head). Public."
    auditConsistencyProof(from: Int!, to: Int): AuditConsistencyProof!
    "Every event of a stream recorded up to asOf (ISO date-time; a date means the end of that day), or up to revision. Auditors."
    history(streamId: String!, asOf: String, revision: Int): [EventItem!]!
    "The aggregate's view folded from the events recorded up to asOf or revision (null if none). Auditors."
    aggregateAsOf(streamId: String!, asOf: String, revision: Int): AggregateAsOf
    "The audit log, newest first; from/to are dates or date-times of the business time. Auditors."
    auditLog(communityId: ID, actorId: String, from: String, to: String, first: Int, after: String): AuditLogConnection!
  }
`;

export const auditModule = (timeTravel: TimeTravel, queries: Queries, audit: AuditService): GraphqlModule => ({
  typeDefs: auditTypeDefs,
  resolvers: {
    Query: {
      auditTreeHead: () => audit.auditTreeHead(),
      auditInclusionProof: (_: unknown, a: { position: string; treeSize?: number | null }) => audit.auditInclusionProof(a.position, a.treeSize),
      auditConsistencyProof: (_: unknown, a: { from: number; to?: number | null }) => audit.auditConsistencyProof(a.from, a.to),
      history: async (_: unknown, a: { streamId: string; asOf?: string | null; revision?: number | null }, ctx: RequestContext) => {
        requireAuditor(ctx.caller);
        return (await timeTravel.history(a.streamId, a)).map(eventItem);
      },
      aggregateAsOf: async (_: unknown, a: { streamId: string; asOf?: string | null; revision?: number | null }, ctx: RequestContext) => {
        requireAuditor(ctx.caller);
        const found = await timeTravel.aggregateAsOf(a.streamId, a);
        return found && { streamId: a.streamId, revision: found.revision, view: found.view };
      },
      auditLog: (_: unknown, a: Record<string, unknown>, ctx: RequestContext) => {
        requireAuditor(ctx.caller);
        return queries.auditLog(a);
      },
    },
  } as never,
});
