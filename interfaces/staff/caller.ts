/**
 * Who is at the workspace, and the CSRF check of its forms. `request.caller` comes from the session cookie
 * or a bearer token (interfaces/http/caller.ts, for every route); `verifyCsrf` is the one place a POST of
 * the workspace is checked: the sessions' CSRF protection (interfaces/http/sessions.ts) plugs in there.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { Caller } from '../graphql/context';

/** Roles whose work the workspace is for. */
export const WORKSPACE_ROLES: ReadonlySet<Actor['role']> = new Set(['staff', 'head', 'council', 'ministry', 'auditor']);

export type WorkspaceAccess = { readonly kind: 'sign-in' } | { readonly kind: 'forbidden'; readonly actor: Actor } | { readonly kind: 'allowed'; readonly actor: Actor };

/** Whether the request's caller may use the workspace. */
export const workspaceAccess = (caller: Caller | null): WorkspaceAccess => {
  const actor = caller?.actor ?? null;
  if (actor === null) return { kind: 'sign-in' };
  return WORKSPACE_ROLES.has(actor.role) ? { kind: 'allowed', actor } : { kind: 'forbidden', actor };
};

export interface CsrfProtection {
  /** The token to put in the `_csrf` field of every POST form rendered for this request. */
  token(request: FastifyRequest, reply: FastifyReply): string;
  /** Whether a POST carries a valid token. */
  verify(request: FastifyRequest): Promise<boolean>;
}

/**
 * Without browser sessions (a server that only knows bearer tokens): a caller identified by a bearer token
 * sends it in a header no other site can make a browser send, so such requests need no form token.
 */
export const bearerOnlyCsrf: CsrfProtection = {
  token: () => '',
  verify: async (request) => typeof request.headers.authorization === 'string' && /^Bearer\s/i.test(request.headers.authorization),
};

/** The one check of a workspace POST. */
export const verifyCsrf = (csrf: CsrfProtection, request: FastifyRequest): Promise<boolean> => csrf.verify(request);
