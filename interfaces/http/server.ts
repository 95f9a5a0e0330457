/**
 * The HTTP surface: GET /health, POST /graphql (mercurius; WebSocket subscriptions on the same path),
 * GraphiQL at /graphiql (served from this package's files, see graphiql.ts; `graphiql: false` removes it).
 * GraphQL modules bring their own type definitions and resolvers.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import mercurius, { type IResolvers, type MercuriusContext } from 'mercurius';
import { RateLimited } from '../../application/errors';
import type { EventStore } from '../../application/ports/event-store';
import type { PeopleDirectory } from '../../application/ports/people';
import type { ReadsFollowWrites } from '../../application/reads-follow-writes';
import type { TokenKeys } from '../../infrastructure/auth/jwt';
import { packageVersion } from '../config';
import { callerFromAuthorization, type Caller } from '../graphql/context';
import { mercuriusErrorFormatter } from '../graphql/errors';
import { GRAPHQL_JIT_AFTER } from '../graphql/jit';
import { assertQueryCost, assertQueryDepth, isMutationBody } from '../graphql/limits';
import { addReadsFollowWritesHooks } from '../graphql/reads-follow-writes';
import { AmdScalar, JsonScalar } from '../graphql/scalars';
import { addCallerHook } from './caller';
import { registerGraphiql } from './graphiql';
import { registerBrowserSessions, type BrowserSessionOptions } from './sessions';
import { registerSignIn, type SignInOptions } from './sign-in';
import { addTracingHooks } from './tracing';

export interface GraphqlModule {
  readonly typeDefs: string;
  readonly resolvers: IResolvers;
}

export interface ProjectionHealth {
  readonly position: string | null;
  readonly lag: number | null;
}

export interface ServerDeps {
  readonly eventStore: EventStore;
  readonly tokenKeys: TokenKeys;
  /**
   * The staff directory: who a signed-in person is, and the role and community of a token's subject it
   * knows. Default: every signed-in person is a resident, and tokens keep their claims.
   */
  readonly people?: PeopleDirectory;
  readonly readStoreKind?: 'sqlite' | 'mongodb';
  readonly modules?: readonly GraphqlModule[];
  /** Mutations per client per minute; 0 turns the limit off. */
  readonly rateLimitPerMinute?: number;
  readonly projections?: () => Promise<Record<string, ProjectionHealth>>;
  readonly logger?: boolean;
  /**
   * Behind a load balancer: which proxies' X-Forwarded-For to believe (fastify's `trustProxy`: a hop count,
   * addresses/CIDRs, or true), so the rate limit counts each client, not the balancer. Default: none.
   */
  readonly trustProxy?: boolean | number | string;
  /** Serve the GraphiQL IDE at /graphiql (default true; GRAPHIQL=off). */
  readonly graphiql?: boolean;
  /** Reads that follow writes: mutations answer extensions.position, queries wait for the caller's writes. */
  readonly readsFollowWrites?: ReadsFollowWrites;
  /** Browser sessions and CSRF (docs/sign-in.md); without them only bearer tokens identify callers. */
  readonly browserSessions?: BrowserSessionOptions;
  /** OpenID Connect sign-in (/sign-in, /sign-out) and, with no external issuer, the sandbox issuer at /sandbox-idp. Needs browserSessions. */
  readonly signIn?: SignInOptions;
  /** Extra routes (public pages, audit key) registered on the same server. */
  readonly routes?: (app: FastifyInstance) => Promise<void> | void;
}

export interface RequestContext extends MercuriusContext {
  caller: Caller;
  /** Set by mutation resolvers: the position of the last event the request's commands appended (null: none). */
  appendedPosition?: bigint | null;
}

const baseTypeDefs = /* GraphQL */ `
  "Armenian drams (դրամ, ֏): a whole number from 0 to 10^12."
  scalar Amd
  "Any JSON value."
  scalar JSON

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

/** A hop count becomes the function fastify applies to it (its types take no number): trust the nearest `hops` proxies. */
const trustProxyOption = (trust: ServerDeps['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) =>
  typeof trust === 'number' ? (_address, hop) => hop < trust : (trust ?? false);

export const buildServer = async (deps: ServerDeps): Promise<FastifyInstance> => {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024, requestIdHeader: false, genReqId: () => randomUUID(), trustProxy: trustProxyOption(deps.trustProxy) });
  const version = packageVersion();
  // First, so every later hook and handler runs inside the request's span (a no-op span unless tracing is on).
  addTracingHooks(app);
  // The sandbox issuer's requests are answered before any session hook runs; then sessions, then the caller.
  if (deps.signIn) await registerSignIn(app, deps.signIn);
  if (deps.browserSessions) await registerBrowserSessions(app, deps.browserSessions);
  addCallerHook(app, { tokenKeys: deps.tokenKeys, people: deps.people });
  const headString = async () => {
    const head = await deps.eventStore.headPosition();
    return head === null ? null : head.toString();
  };

  app.get('/health', async () => ({
    status: 'ok',
    eventStore: deps.eventStore.kind,
    readStore: deps.readStoreKind ?? 'sqlite',
    head: await headString(),
    projections: deps.projections ? await deps.projections() : {},
  }));

  const perMinute = deps.rateLimitPerMinute ?? 600;
  if (perMinute > 0) {
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      max: perMinute,
      timeWindow: '1 minute',
      allowList: (request: FastifyRequest) => !(request.url.startsWith('/graphql') && request.method === 'POST' && isMutationBody(request.body)),
      keyGenerator: (request: FastifyRequest) => request.ip,
      // Thrown inside mercurius's route: becomes a GraphQL error RATE_LIMITED with HTTP 429.
      errorResponseBuilder: (_request, context) =>
        Object.assign(new RateLimited(`Too many mutations: at most ${context.max} a minute from one client; retry in ${context.after}`), { statusCode: 429 }),
    });
  }

  const modules = deps.modules ?? [];
  const resolvers: IResolvers = {
    Amd: AmdScalar,
    JSON: JsonScalar,
    Query: { serverInfo: async () => ({ name: 'Hamaynk', version, eventStore: deps.eventStore.kind, head: await headString() }) },
  };
  for (const module of modules) {
    for (const [typeName, fields] of Object.entries(module.resolvers)) {
      resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) } as never;
    }
  }

  await app.register(mercurius, {
    schema: [baseTypeDefs, ...modules.map((m) => m.typeDefs)].join('\n'),
    resolvers,
    // mercurius's own GraphiQL page loads React and GraphiQL from a CDN: ours is served from npm files below.
    graphiql: false,
    path: '/graphql',
    jit: GRAPHQL_JIT_AFTER,
    errorFormatter: mercuriusErrorFormatter as never,
    context: async (request): Promise<{ caller: Caller }> => ({ caller: request.caller }),
    subscription: {
      // The upgrade request's caller (its Authorization header or same-origin session cookie)...
      context: async (_socket, request) => ({ caller: request.caller ?? (await callerFromAuthorization(deps.tokenKeys, request.headers.authorization, deps.people)) }),
      // ...unless connection_init names a token: then that token's.
      onConnect: async (data) => {
        const payload = (data.payload ?? {}) as { authorization?: unknown; Authorization?: unknown };
        const header = payload.authorization ?? payload.Authorization;
        if (header === undefined) return true;
        return { caller: await callerFromAuthorization(deps.tokenKeys, typeof header === 'string' ? header : undefined, deps.people) };
      },
    },
  });

  app.graphql.addHook('preExecution', async (schema, document, context, variables) => {
    const caller = (context as unknown as RequestContext).caller;
    if (caller?.error) throw caller.error;
    assertQueryDepth(document);
    assertQueryCost(schema, document, variables as Record<string, unknown> | undefined);
  });
  app.graphql.addHook('preSubscriptionExecution', async (_schema, document) => {
    assertQueryDepth(document);
  });
  if (deps.readsFollowWrites) addReadsFollowWritesHooks(app, { readsFollowWrites: deps.readsFollowWrites, headPosition: () => deps.eventStore.headPosition() });

  if (deps.graphiql !== false) registerGraphiql(app, { endpoint: '/graphql' });
  if (deps.routes) await deps.routes(app);
  return app;
};
