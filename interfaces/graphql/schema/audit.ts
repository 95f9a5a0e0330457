/** The auditor's queries: history and aggregateAsOf (time travel over the event store), and the audit log read model. */
import { Forbidden } from '../../../application/errors';
import type { Queries } from '../../../application/queries';
import type { TimeTravel } from '../../../application/time-travel';
import { requireActor, type Caller } from '../context';
import type { GraphqlModule, RequestContext } from '../../http/server';
import { eventItem } from './events';

const requireAuditor = (caller: Caller): void => {
  const actor = requireActor(caller);
  if (actor.role !== 'auditor') throw new Forbidden('Only an auditor reads the history, past states and the audit log');
};

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

  extend type Query {
    "Every event of a stream recorded up to asOf (ISO date-time; a date means the end of that day), or up to revision. Auditors."
    history(streamId: String!, asOf: String, revision: Int): [EventItem!]!
    "The aggregate's view folded from the events recorded up to asOf or revision (null if none). Auditors."
    aggregateAsOf(streamId: String!, asOf: String, revision: Int): AggregateAsOf
    "The audit log, newest first; from/to are dates or date-times of the business time. Auditors."
    auditLog(communityId: ID, actorId: String, from: String, to: String, first: Int, after: String): AuditLogConnection!
  }
`;

export const auditModule = (timeTravel: TimeTravel, queries: Queries): GraphqlModule => ({
  typeDefs: auditTypeDefs,
  resolvers: {
    Query: {
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
