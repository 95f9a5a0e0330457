/**
 * Who may call what (docs/api.md), applied before `decide`. Each check throws Forbidden, so a refused
 * command appends nothing. Services compose these per command.
 */
import { Forbidden } from './errors';
import type { Actor } from './ports/event-store';

export type Role = Actor['role'];

/** Staff-side roles of a community's own administration. */
export const MUNICIPAL_ROLES: readonly Role[] = ['staff', 'head', 'council'];

export const requireRole = (actor: Actor, roles: readonly Role[], what: string): void => {
  if (!roles.includes(actor.role)) {
    throw new Forbidden(`A ${actor.role} may not ${what}; this needs ${roles.join(' or ')}`);
  }
};

/** Staff, head or council acting only within their own community. */
export const requireMunicipalRole = (actor: Actor, communityId: string, roles: readonly Role[], what: string): void => {
  requireRole(actor, roles, what);
  if (actor.communityId !== communityId) {
    throw new Forbidden(`A ${actor.role} of community ${actor.communityId ?? '(none)'} may not ${what} in community ${communityId}`);
  }
};

/** A resident acting on their own case. */
export const requireOwnCase = (actor: Actor, ownerId: string | undefined | null, what: string): void => {
  if (actor.role !== 'resident' || !ownerId || actor.id !== ownerId) {
    throw new Forbidden(`Only the resident whose case this is may ${what}`);
  }
};

/** Residents submitting online must be strongly identified (eID or mID). */
export const requireStrongAssurance = (actor: Actor, what: string): void => {
  if (actor.assurance !== 'eid' && actor.assurance !== 'mid') {
    throw new Forbidden(`To ${what} online a resident must sign in with eID or mID (acr eid or mid), not ${actor.assurance}`);
  }
};

/** Auditors and integration consumers read; they never write. */
export const refuseReadOnlyRoles = (actor: Actor): void => {
  if (actor.role === 'auditor' || actor.role === 'integration') {
    throw new Forbidden(`A ${actor.role} reads and never writes`);
  }
};

/** The actor the system itself uses for process managers and seeding. */
export const systemActor = (id = 'hamaynk'): Actor => ({ id, role: 'system', assurance: 'system', channel: 'system' });
