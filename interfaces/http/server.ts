/**
 * The HTTP surface: GET /health, POST /graphql (mercurius), GraphiQL at /graphiql.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import type { EventStore } from '../../application/ports/event-store';
import { packageVersion } from '../config';

export interface ServerDeps {
  readonly eventStore: EventStore;
  readonly readStoreKind?: 'sqlite' | 'mongodb';
  readonly logger?: boolean;
}

const schema = /* GraphQL */ `
  "Hamaynk — Community Management Information System (ՀԿՏՀ) of Armenia's communities (համայնքներ)."
  type Query {
    "What this server is and what it runs on."
    serverInfo: ServerInfo!
  }

  "Facts about the running server."
  type ServerInfo {
    "The product's name."
    name: String!
    "The running version."
    version: String!
    "The event store in use: sqlite (embedded) or eventstoredb."
    eventStore: String!
    "Global position of the newest event as decimal digits, or null for an empty log."
    head: String
  }
`;

export const buildServer = async (deps: ServerDeps): Promise<FastifyInstance> => {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 });
  const version = packageVersion();

  app.get('/health', async () => {
    const head = await deps.eventStore.headPosition();
    return {
      status: 'ok',
      eventStore: deps.eventStore.kind,
      readStore: deps.readStoreKind ?? 'sqlite',
      head: head === null ? null : head.toString(),
      projections: {},
    };
  });

  await app.register(mercurius, {
    schema,
    resolvers: {
      Query: {
        serverInfo: async () => {
          const head = await deps.eventStore.headPosition();
          return { name: 'Hamaynk', version, eventStore: deps.eventStore.kind, head: head === null ? null : head.toString() };
        },
      },
    },
    graphiql: true,
    path: '/graphql',
  });
  return app;
};
