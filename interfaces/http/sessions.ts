/**
 * Browser sessions and CSRF (docs/sign-in.md): `@fastify/session` with our SessionStore port behind its
 * store interface, and `@fastify/csrf-protection` keeping its secret in the session.
 *
 * - The cookie (`hamaynk_session`) holds only the signed session id: HttpOnly, SameSite=Lax, Secure when
 *   the request is https (behind TRUST_PROXY, as the proxy says). It has no Expires: the server decides.
 * - Idle expiry is the store's: each stored session carries `expiresAt` = last seen + SESSION_IDLE_HOURS,
 *   and `get` answers nothing after it. "Last seen" is written at most every minute (or every tenth of
 *   the idle time), not on every request.
 * - Anonymous visitors get no session row until something needs one (a CSRF token, a sign-in under way).
 *
 * Page routes use `csrfTokenFor(reply)` for the hidden `_csrf` field of a form and `verifyCsrf` as the
 * preHandler of its POST route; a request authenticated by a bearer token needs no CSRF token.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySession, { type SessionStore as FastifySessionStore } from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { systemClock, type Clock } from '../../application/ids';
import type { SessionStore } from '../../application/ports/sessions';
import { refusalPage } from './browser-pages';

export type Assurance = 'eid' | 'mid' | 'password';

/** A sign-in under way: what the callback must find to accept the identity provider's answer. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The local path to return to. */
  readonly next: string;
  /** ISO 8601; a callback more than 10 minutes later is refused. */
  readonly startedAt: string;
}

declare module 'fastify' {
  interface Session {
    /** The signed-in person's public service number (ՀԾՀ). */
    personalId?: string;
    /** How they identified themselves (the ID token's `acr`). */
    assurance?: Assurance;
    /** ISO 8601: when they signed in. */
    signedInAt?: string;
    /** ISO 8601: the last request that refreshed the idle expiry. */
    lastSeenAt?: string;
    signIn?: PendingSignIn;
    /** The CSRF secret (@fastify/csrf-protection's `sessionKey`). */
    _csrf?: string;
  }
}

export const SESSION_COOKIE = 'hamaynk_session';

export interface BrowserSessionOptions {
  readonly store: SessionStore;
  /** Signs the cookie; several secrets: the first signs, all verify (rotation). */
  readonly secret: string | readonly string[];
  /** Idle expiry in hours (SESSION_IDLE_HOURS, default 8). */
  readonly idleHours: number;
  readonly clock?: Clock;
  /** Answers a refused CSRF check (default: a plain 403 page). The pages may render their own. */
  readonly onCsrfRefused?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>;
}

/** The session content as stored: the session's own fields, without the cookie options @fastify/session keeps in it. */
const contentOf = (session: object): Record<string, unknown> => {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(session)) if (key !== 'cookie' && value !== undefined) content[key] = value;
  return JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
};

/** Our SessionStore port behind @fastify/session's callback store interface; the clock decides expiry. */
const storeAdapter = (store: SessionStore, clock: Clock, idleMs: number): FastifySessionStore => ({
  get: (id, callback) => {
    store.get(id, clock.now()).then(
      (found) => callback(null, found ? (found.data as never) : null),
      (error) => callback(error),
    );
  },
  set: (id, session, callback) => {
    const now = clock.now();
    const content = contentOf(session);
    content.lastSeenAt ??= now.toISOString();
    const lastSeen = Date.parse(content.lastSeenAt as string);
    const personalId = typeof content.personalId === 'string' ? content.personalId : null;
    store.set(id, { data: content, personalId, expiresAt: new Date(lastSeen + idleMs).toISOString() }).then(
      () => callback(),
      (error) => callback(error),
    );
  },
  destroy: (id, callback) => {
    store.destroy(id).then(
      () => callback(),
      (error) => callback(error),
    );
  },
});

/** Registers cookies, form bodies, sessions and CSRF on the root instance (before the routes that use them). */
export const registerBrowserSessions = async (app: FastifyInstance, options: BrowserSessionOptions): Promise<void> => {
  const clock = options.clock ?? systemClock;
  const idleMs = options.idleHours * 3_600_000;
  // "Last seen" is refreshed at most this often: a write per minute, not per request.
  const refreshMs = Math.min(60_000, idleMs / 10);
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(fastifyFormbody);
  await app.register(fastifySession, {
    secret: typeof options.secret === 'string' ? options.secret : [...options.secret],
    cookieName: SESSION_COOKIE,
    store: storeAdapter(options.store, clock, idleMs),
    saveUninitialized: false,
    rolling: false,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' },
  });
  await app.register(fastifyCsrfProtection, { sessionPlugin: '@fastify/session' });
  app.addHook('onRequest', async (request) => {
    const session = request.session as FastifyRequest['session'] | Record<string, never>;
    const lastSeenAt = session?.lastSeenAt;
    if (!lastSeenAt) return;
    const now = clock.now();
    if (now.getTime() - Date.parse(lastSeenAt) >= refreshMs) (session as FastifyRequest['session']).lastSeenAt = now.toISOString();
  });
  app.decorate('csrfRefused', options.onCsrfRefused ?? ((request: FastifyRequest, reply: FastifyReply) => reply.code(403).type('text/html; charset=utf-8').send(refusalPage('csrf', request))));
};

declare module 'fastify' {
  interface FastifyInstance {
    /** How a refused CSRF check is answered (registerBrowserSessions's onCsrfRefused). */
    csrfRefused?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>;
  }
}

/** The CSRF token for a form of this reply's page (its hidden field is `_csrf`); creates the session's secret if needed. */
export const csrfTokenFor = (reply: FastifyReply): string => reply.generateCsrf();

/** Whether the request carries a valid CSRF token for its session (as @fastify/csrf-protection checks it). */
const csrfTokenValid = (request: FastifyRequest): Promise<boolean> =>
  new Promise((resolve) => {
    // With the session plugin, csrfProtection reads the secret from request.session and answers a
    // refusal through reply.send; we answer the refusal ourselves, as a page.
    request.server.csrfProtection(request, { send: () => resolve(false) } as unknown as FastifyReply, () => resolve(true));
  });

/**
 * The preHandler of every state-changing page route: without a valid CSRF token, HTTP 403 and the
 * handler never runs (nothing is appended). A request with a bearer token (not sent by browsers on
 * their own) needs none.
 */
export const verifyCsrf = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
  if (request.headers.authorization) return undefined;
  if (await csrfTokenValid(request)) return undefined;
  const refuse = request.server.csrfRefused;
  if (!refuse) throw new Error('verifyCsrf needs registerBrowserSessions');
  return refuse(request, reply);
};

/**
 * The workspace pages' CSRF protection (interfaces/staff/caller.ts CsrfProtection) over the session's: a
 * form's token for a signed-in browser, none for a bearer token (which no other site can make a browser send).
 */
export const sessionCsrf = {
  token: (request: FastifyRequest, reply: FastifyReply): string => (request.headers.authorization || !signedInPerson(request) ? '' : csrfTokenFor(reply)),
  verify: async (request: FastifyRequest): Promise<boolean> => (request.headers.authorization ? true : csrfTokenValid(request)),
};

/** The signed-in person of a request's session, if any. */
export const signedInPerson = (request: FastifyRequest): { readonly sessionId: string; readonly personalId: string; readonly assurance: Assurance } | null => {
  const session = request.session as FastifyRequest['session'] | Record<string, never> | null;
  if (!session || !session.personalId || !session.assurance || !session.sessionId) return null;
  return { sessionId: session.sessionId, personalId: session.personalId, assurance: session.assurance };
};
