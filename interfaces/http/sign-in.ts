/**
 * Sign-in with OpenID Connect (docs/sign-in.md), the relying party built on `openid-client`:
 *
 *   GET  /sign-in?next=PATH   starts the authorization code flow: PKCE (S256), `state` and `nonce`, kept in
 *                             the (pre-sign-in) server-side session; redirects to the issuer.
 *   GET  /sign-in/callback    the redirect URI: checks state, then (the library) the code exchange with the
 *                             PKCE verifier, the ID token's signature, issuer, audience and nonce. The pending
 *                             sign-in is used up before anything else, so a replayed or forged callback finds
 *                             none: HTTP 400 page, no session. On success the session id is rotated
 *                             (fixation) and the person kept in it; redirect to `next` (default /staff).
 *   POST /sign-out            ends the session server-side (CSRF token required while signed in); redirects home.
 *   GET  /sign-in/whoami      JSON: who this request is (for tests and support).
 *   GET  /sign-in/csrf        the session's CSRF token as text (for scripts; creates the session if needed).
 *
 * With no OIDC_ISSUER, the sandbox issuer (infrastructure/oidc/sandbox-issuer.ts) is mounted at /sandbox-idp
 * and used as the issuer; with OIDC_ISSUER it is never mounted.
 *
 * openid-client and oidc-provider are ES modules: they are loaded on the first sign-in request (Node's
 * require of ESM), so the rest of the server (and jest, which cannot load them) never needs them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { systemClock, type Clock } from '../../application/ids';
import { createSandboxIssuer, SANDBOX_PATH } from '../../infrastructure/oidc/sandbox-issuer';
import { refusalPage } from './browser-pages';
import { csrfTokenFor, SESSION_COOKIE, signedInPerson, verifyCsrf, type Assurance } from './sessions';

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
type Configuration = import('openid-client', { with: { 'resolution-mode': 'import' } }).Configuration;
type CustomFetchOptions = import('openid-client', { with: { 'resolution-mode': 'import' } }).CustomFetchOptions;

export const CALLBACK_PATH = '/sign-in/callback';
export const DEFAULT_LANDING = '/staff';
/** A callback later than this after its /sign-in is refused. */
const PENDING_TTL_MS = 10 * 60_000;
const ASSURANCES: readonly Assurance[] = ['eid', 'mid', 'password'];

export interface SignInOptions {
  /** The address browsers use for this server (PUBLIC_URL): the redirect URI and the sandbox issuer are under it. */
  readonly publicUrl: string;
  /** An external issuer (OIDC_ISSUER) with this server's client registration; absent: the sandbox issuer. */
  readonly external?: { readonly issuer: string; readonly clientId: string; readonly clientSecret?: string };
  /** The sandbox issuer's home for its keys (DATA_DIR) and its client's credentials; used when `external` is absent. */
  readonly sandbox?: { readonly dataDir: string; readonly clientSecret: string; readonly clientId: string };
  /** Behind a proxy (TRUST_PROXY): the sandbox issuer believes X-Forwarded-Proto/Host. */
  readonly trustProxy?: boolean;
  readonly clock?: Clock;
}

/** Refused sign-in (HTTP 400/401 pages); carries a stable code for logs and tests. */
export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly code: 'SIGN_IN_NOT_STARTED' | 'SIGN_IN_EXPIRED' | 'SIGN_IN_RESPONSE_INVALID' | 'SIGN_IN_FAILED' | 'SIGN_IN_IDENTITY_INVALID',
    readonly status: 400 | 401,
  ) {
    super(message);
    this.name = 'SignInRefused';
  }
}

/** A local path to return to after sign-in, or the default: never another site (no open redirect). */
export const safeNext = (next: unknown): string => {
  if (typeof next !== 'string' || next.length > 2000) return DEFAULT_LANDING;
  // One leading slash, then no second slash or backslash (//evil.example, /\evil.example), no control characters.
  if (!/^\/(?![/\\])[^\s\\]*$/.test(next)) return DEFAULT_LANDING;
  if (next === CALLBACK_PATH || next.startsWith(`${CALLBACK_PATH}?`)) return DEFAULT_LANDING;
  return next;
};

/** Node's require of an ES module (Node ≥ 20.19), at the first sign-in. */
const loadOpenIdClient = (): OpenIdClient =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('openid-client') as OpenIdClient;

/** A fetch for openid-client that asks the in-process sandbox issuer through fastify.inject, not the network. */
const injectFetch =
  (app: FastifyInstance) =>
  async (url: string, options: CustomFetchOptions): Promise<Response> => {
    const target = new URL(url);
    const body = options.body === undefined || options.body === null ? undefined : typeof options.body === 'string' ? options.body : String(options.body);
    const answer = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      authority: target.host,
      headers: { ...options.headers, host: target.host, 'x-forwarded-proto': target.protocol.slice(0, -1), 'x-forwarded-host': target.host },
      payload: body,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
    }
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    return new Response(empty ? null : answer.rawPayload, { status: answer.statusCode, headers });
  };

const refuse = (reply: FastifyReply, request: FastifyRequest, error: SignInRefused): FastifyReply => {
  request.log.warn({ code: error.code }, error.message);
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(refusalPage(error.status === 400 ? 'sign-in-refused' : 'sign-in-failed', request, `${error.code}: ${error.message}`));
};

export const registerSignIn = async (app: FastifyInstance, options: SignInOptions): Promise<void> => {
  const clock = options.clock ?? systemClock;
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const redirectUri = `${publicUrl}${CALLBACK_PATH}`;
  let issuer: string;
  let clientId: string;
  let clientSecret: string | undefined;
  if (options.external) {
    ({ issuer, clientId, clientSecret } = options.external);
  } else {
    if (!options.sandbox) throw new Error('Sign-in needs an external issuer or the sandbox issuer');
    issuer = `${publicUrl}${SANDBOX_PATH}`;
    ({ clientId, clientSecret } = options.sandbox);
    const handle = createSandboxIssuer({ issuer, redirectUri, dataDir: options.sandbox.dataDir, proxy: options.trustProxy ?? false });
    // The sandbox answers its requests itself (Node's req/res handed to oidc-provider), before any other hook.
    app.addHook('onRequest', async (request, reply) => {
      const url = request.raw.url ?? '';
      if (url !== SANDBOX_PATH && !url.startsWith(`${SANDBOX_PATH}/`) && !url.startsWith(`${SANDBOX_PATH}?`)) return;
      reply.hijack();
      const res: ServerResponse = reply.raw;
      try {
        await handle(request.raw as IncomingMessage, res);
      } catch (error) {
        request.log.error(error, 'sandbox issuer failed');
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader('content-type', 'text/plain; charset=utf-8');
        }
        res.end('The sandbox identity provider failed; see the server log.');
      }
    });
  }

  let configuration: Promise<Configuration> | null = null;
  const discover = (): Promise<Configuration> => {
    configuration ??= (async () => {
      const client = loadOpenIdClient();
      const execute = new URL(issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [];
      return client.discovery(new URL(issuer), clientId, undefined, client.ClientSecretBasic(clientSecret), {
        execute,
        ...(options.external ? {} : { [client.customFetch]: injectFetch(app) }),
      });
    })().catch((error: unknown) => {
      configuration = null;
      throw error;
    });
    return configuration;
  };

  app.get('/sign-in', async (request, reply) => {
    const next = safeNext((request.query as { next?: unknown }).next);
    const client = loadOpenIdClient();
    let config: Configuration;
    try {
      config = await discover();
    } catch (error) {
      request.log.error(error, 'OpenID Connect discovery failed');
      return reply.code(503).type('text/html; charset=utf-8').send(refusalPage('sign-in-failed', request, `The identity provider at ${issuer} does not answer`));
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    request.session.signIn = { state, nonce, codeVerifier, next, startedAt: clock.now().toISOString() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // The means of identification we accept; the issuer then states the one used in the ID token's acr.
      acr_values: ASSURANCES.join(' '),
      // Who signs in is asked every time: a shared office computer must not sign in the previous person.
      prompt: 'login',
    });
    return reply.header('cache-control', 'no-store').redirect(url.href, 303);
  });

  app.get(CALLBACK_PATH, async (request, reply) => {
    const pending = request.session.signIn;
    // Used up first: whatever happens next, this callback cannot be played again.
    delete request.session.signIn;
    if (!pending) return refuse(reply, request, new SignInRefused('No sign-in was started in this browser session, or it was already completed', 'SIGN_IN_NOT_STARTED', 400));
    if (clock.now().getTime() - Date.parse(pending.startedAt) > PENDING_TTL_MS) {
      return refuse(reply, request, new SignInRefused('The sign-in took more than 10 minutes; start again', 'SIGN_IN_EXPIRED', 400));
    }
    const query = request.query as Record<string, unknown>;
    if (typeof query.error === 'string') {
      return refuse(reply, request, new SignInRefused(`The identity provider answered ${query.error}${typeof query.error_description === 'string' ? `: ${query.error_description}` : ''}`, 'SIGN_IN_FAILED', 401));
    }
    if (query.state !== pending.state) return refuse(reply, request, new SignInRefused('The answer’s state does not match the sign-in started here', 'SIGN_IN_RESPONSE_INVALID', 400));
    const client = loadOpenIdClient();
    let claims: Record<string, unknown>;
    try {
      const config = await discover();
      const tokens = await client.authorizationCodeGrant(config, new URL(request.url, publicUrl), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (error) {
      // What the library found: its code, the issuer's OAuth error, or the ID token claim that did not match.
      const e = error as { code?: string; name?: string; message?: string; error?: string; error_description?: string; cause?: { claim?: string } };
      const detail = [e.code ?? e.name, e.error, e.error_description, e.cause?.claim ? `claim ${e.cause.claim}` : undefined, e.message].filter(Boolean).join(': ');
      return refuse(reply, request, new SignInRefused(`The identity provider’s answer did not verify (${detail})`, 'SIGN_IN_FAILED', 401));
    }
    const personalId = claims.sub;
    const assurance = claims.acr;
    if (typeof personalId !== 'string' || !/^[0-9]{10}$/.test(personalId)) {
      return refuse(reply, request, new SignInRefused('The identity token’s sub is not a public service number (10 digits)', 'SIGN_IN_IDENTITY_INVALID', 401));
    }
    if (typeof assurance !== 'string' || !(ASSURANCES as readonly string[]).includes(assurance)) {
      return refuse(reply, request, new SignInRefused(`The identity token’s acr must be eid, mid or password, not ${JSON.stringify(assurance)}`, 'SIGN_IN_IDENTITY_INVALID', 401));
    }
    // A new session id for the signed-in session (no fixation); the old one is deleted.
    await request.session.regenerate();
    const now = clock.now().toISOString();
    request.session.personalId = personalId;
    request.session.assurance = assurance as Assurance;
    request.session.signedInAt = now;
    request.session.lastSeenAt = now;
    return reply.header('cache-control', 'no-store').redirect(pending.next, 303);
  });

  app.post(
    '/sign-out',
    {
      // Signed in: a CSRF token is needed (a page's sign-out form carries it). Not signed in: nothing to end.
      preHandler: async (request, reply) => (signedInPerson(request) ? verifyCsrf(request, reply) : undefined),
    },
    async (request, reply) => {
      if (request.session?.sessionId) await request.session.destroy();
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.header('cache-control', 'no-store').redirect('/', 303);
    },
  );

  // The session's CSRF token as text (for scripts, e.g. an htmx header); other sites cannot read it (no CORS).
  app.get('/sign-in/csrf', async (_request, reply) => reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(csrfTokenFor(reply)));

  app.get('/sign-in/whoami', async (request, reply) => {
    const person = signedInPerson(request);
    reply.header('cache-control', 'no-store');
    return {
      actor: request.caller.actor,
      session: person ? { personalId: person.personalId, assurance: person.assurance, signedInAt: request.session.signedInAt ?? null } : null,
    };
  });
};
