/**
 * Who is calling: the bearer token, verified once per request (or per WebSocket connection), or the
 * person of a browser session (interfaces/http/caller.ts decides which, once per request).
 */
import { Unauthenticated } from '../../application/errors';
import type { Actor } from '../../application/ports/event-store';
import { decideRead, type ReadTarget } from '../../application/read-policy';
import { actorFromClaims, verifyToken, type TokenKeys } from '../../infrastructure/auth/jwt';

export interface Caller {
  /** The verified actor, or null for an anonymous (public) caller. */
  readonly actor: Actor | null;
  /** Set when a token was sent but is not valid: every operation then fails UNAUTHENTICATED. */
  readonly error: Unauthenticated | null;
  /** Set when the actor is a browser session's person: the session's id (reads follow that session's writes). */
  readonly sessionId?: string;
}

export const callerFromAuthorization = async (keys: TokenKeys, header: string | undefined): Promise<Caller> => {
  if (!header) return { actor: null, error: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { actor: null, error: new Unauthenticated('The Authorization header must be "Bearer <token>"') };
  try {
    return { actor: actorFromClaims(await verifyToken(keys, match[1])), error: null };
  } catch (e) {
    return { actor: null, error: e instanceof Unauthenticated ? e : new Unauthenticated('The token is not valid') };
  }
};

/** The actor of a caller that must be signed in. */
export const requireActor = (caller: Caller): Actor => {
  if (caller.error) throw caller.error;
  if (!caller.actor) throw new Unauthenticated('Sign in: this operation needs a bearer token or a signed-in session');
  return caller.actor;
};

/**
 * Asks the read policy (application/read-policy.ts) whether the caller may read `target`, and throws its
 * refusal. A caller whose token is not valid is told that (UNAUTHENTICATED) rather than the refusal.
 */
export const authorizeRead = (caller: Caller, target: ReadTarget): void => {
  const decision = decideRead(caller.actor, target);
  if (!decision.allowed) throw caller.error ?? decision.refusal;
};
