/**
 * Who is at the workspace, and the CSRF check of its forms. The sign-in (OpenID Connect sessions)
 * decorates `request.caller` from the session cookie or a bearer token; until it is wired in, a caller
 * is taken from the bearer token here, only where none was set. `verifyCsrf` is the one place a POST
 * of the workspace is checked: the sign-in's CSRF protection plugs in there.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { TokenKeys } from '../../infrastructure/auth/jwt';
import { callerFromAuthorization, type Caller } from '../graphql/context';
import { csrfTokenFor } from '../http/sessions';

/** Roles whose work the workspace is for. */
export const WORKSPACE_ROLES: ReadonlySet<Actor['role']> = new Set(['staff', 'head', 'council', 'ministry', 'auditor']);

export type WorkspaceAccess = { readonly kind: 'sign-in' } | { readonly kind: 'forbidden'; readonly actor: Actor } | { readonly kind: 'allowed'; readonly actor: Actor };

/** Whether the request's caller may use the workspace. */
export const workspaceAccess = (caller: Caller | null): WorkspaceAccess => {
  const actor = caller?.actor ?? null;
  if (actor === null) return { kind: 'sign-in' };
  return WORKSPACE_ROLES.has(actor.role) ? { kind: 'allowed', actor } : { kind: 'forbidden', actor };
};

/** Sets `request.caller` from the bearer token for requests nobody has identified yet. */
export const addBearerCaller = (app: FastifyInstance, tokenKeys: TokenKeys): void => {
  // interfaces/http/caller.ts declares `request.caller`; it is null here only where its hook did not run.
  if (!app.hasRequestDecorator('caller')) app.decorateRequest('caller', null as unknown as Caller);
  app.addHook('onRequest', async (request) => {
    if (request.caller as Caller | null) return;
    request.caller = await callerFromAuthorization(tokenKeys, request.headers.authorization);
  });
};

export interface CsrfProtection {
  /** The token to put in the `_csrf` field of every POST form rendered for this request. */
  token(request: FastifyRequest, reply: FastifyReply): string;
  /** Whether a POST carries a valid token. */
  verify(request: FastifyRequest): boolean;
}

/**
 * Until the sign-in's session CSRF protection is wired in: a caller identified by a bearer token sends it
 * in a header no other site can make a browser send, so such requests need no form token.
 */
export const bearerOnlyCsrf: CsrfProtection = {
  token: () => '',
  verify: (request) => typeof request.headers.authorization === 'string' && /^Bearer\s/i.test(request.headers.authorization),
};

const hasBearer = (request: FastifyRequest): boolean => typeof request.headers.authorization === 'string' && /^Bearer\s/i.test(request.headers.authorization);

/**
 * With browser sessions (interfaces/http/sessions.ts registered on the server): the session's CSRF token
 * in every form, checked by @fastify/csrf-protection as `verifyCsrf` there checks it; bearer-token
 * requests need none. (The plugin's check calls back before it returns; a check that did not call back
 * counts as refused.)
 */
export const sessionCsrf: CsrfProtection = {
  token: (request, reply) => (request.session ? csrfTokenFor(reply) : ''),
  verify: (request) => {
    if (hasBearer(request)) return true;
    if (!request.session || typeof request.server.csrfProtection !== 'function') return false;
    let valid = false;
    request.server.csrfProtection(request, { send: () => undefined } as unknown as FastifyReply, () => {
      valid = true;
    });
    return valid;
  },
};

/** The one check of a workspace POST. */
export const verifyCsrf = (csrf: CsrfProtection, request: FastifyRequest): boolean => csrf.verify(request);
