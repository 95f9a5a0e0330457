/**
 * Who is calling: the bearer token, verified once per request (or per WebSocket connection), or the
 * person of a browser session (interfaces/http/caller.ts decides which, once per request); the person's role
 * and community come from the staff directory when it knows the token's subject.
 */
import { Unauthenticated } from '../../application/errors';
import type { Actor } from '../../application/ports/event-store';
import type { Assurance, PeopleDirectory } from '../../application/ports/people';
import { actorOfAppointment } from '../../application/staff-directory/people';
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

/**
 * The actor of a verified token, as the staff directory has it now: a subject the directory knows
 * (appointed, or dismissed) gets the directory's role and community instead of the token's claims, so a
 * dismissed clerk's token stops acting as staff at their next request. Subjects the directory has never
 * seen (development and integration tokens) keep their claims. The token's office stays with a person
 * still appointed (a clerk at a citizen service office).
 */
export const actorFromDirectory = async (people: PeopleDirectory, claimed: Actor): Promise<Actor> => {
  const appointment = await people.appointmentOf(claimed.id);
  if (appointment === null) return claimed;
  const actor = actorOfAppointment(claimed.id, appointment, claimed.assurance as Assurance);
  return actor.role !== 'resident' && claimed.officeId ? { ...actor, channel: 'cso', officeId: claimed.officeId } : actor;
};

export const callerFromAuthorization = async (keys: TokenKeys, header: string | undefined, people?: PeopleDirectory): Promise<Caller> => {
  if (!header) return { actor: null, error: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { actor: null, error: new Unauthenticated('The Authorization header must be "Bearer <token>"') };
  let claimed: Actor;
  try {
    claimed = actorFromClaims(await verifyToken(keys, match[1]));
  } catch (e) {
    return { actor: null, error: e instanceof Unauthenticated ? e : new Unauthenticated('The token is not valid') };
  }
  // Outside the try: a failure to read the directory is the server's, not a bad token.
  return { actor: people ? await actorFromDirectory(people, claimed) : claimed, error: null };
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
