/**
 * Verdicts of the command policies: pure answers to "may this actor run this command on this state?".
 * The pipeline turns a refusal into its error before anything is decided, so a refused command
 * appends nothing. The helpers say the rules of "who may call what" once.
 */
import { Forbidden, type HamaynkError } from '../errors';
import type { Actor } from '../ports/event-store';

export type Role = Actor['role'];

export type Verdict =
  | {
      readonly allowed: true;
      /** The resident a staff member acts for. */
      readonly onBehalfOf?: string;
      /** The channel a staff member acts through for that resident (cso, hotline, in-person). */
      readonly channel?: Actor['channel'];
    }
  | { readonly allowed: false; readonly error: HamaynkError };

export const allow: Verdict = { allowed: true };

export const refuse = (error: HamaynkError): Verdict => ({ allowed: false, error });

export const forbid = (message: string): Verdict => refuse(new Forbidden(message));

/** The first refusal of `verdicts`, else the last allowance (which may carry onBehalfOf and channel). */
export const allOf = (...verdicts: ReadonlyArray<() => Verdict>): Verdict => {
  let last: Verdict = allow;
  for (const v of verdicts) {
    last = v();
    if (!last.allowed) return last;
  }
  return last;
};

/** The actor has one of `roles`. */
export const hasRole = (actor: Actor, roles: readonly Role[], what: string): Verdict =>
  roles.includes(actor.role) ? allow : forbid(`A ${actor.role} may not ${what}; this needs ${roles.join(' or ')}`);

/** Staff, head or council acting only within their own community (the system actor anywhere when listed). */
export const inOwnCommunity = (actor: Actor, communityId: string, roles: readonly Role[], what: string): Verdict => {
  const role = hasRole(actor, roles, what);
  if (!role.allowed || actor.role === 'system') return role;
  return actor.communityId === communityId ? allow : forbid(`A ${actor.role} of community ${actor.communityId ?? '(none)'} may not ${what} in community ${communityId}`);
};

/** A resident acting on their own case. */
export const ownCase = (actor: Actor, ownerId: string | undefined | null, what: string): Verdict =>
  actor.role === 'resident' && !!ownerId && actor.id === ownerId ? allow : forbid(`Only the resident whose case this is may ${what}`);

/** Residents acting online must be strongly identified (eID or mID). */
export const strongAssurance = (actor: Actor, what: string): Verdict =>
  actor.assurance === 'eid' || actor.assurance === 'mid'
    ? allow
    : forbid(`To ${what} online a resident must sign in with eID or mID (acr eid or mid), not ${actor.assurance}`);

/** Auditors and integration consumers read; they never write. */
export const writes = (actor: Actor): Verdict => (actor.role === 'auditor' || actor.role === 'integration' ? forbid(`A ${actor.role} reads and never writes`) : allow);
