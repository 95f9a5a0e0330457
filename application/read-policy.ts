/**
 * Who may read what (docs: the API's "Who may call what"), in one place: pure functions of the actor
 * (null for a caller without a token) and what is being read, answering allowed or the refusal to give.
 * The GraphQL resolvers ask these and nothing else; no module outside application/ names a role.
 *
 * - Public reads (communities, public sites, reports, published acts, audit proofs) need no token.
 * - A community's cases, lists, dashboard, worklist (the staff inbox) and unpublished acts: its staff,
 *   head and council, the ministry, auditors.
 * - A single case also: the resident whose case it is (applicant, payer, complainant).
 * - A resident's own lists: residents.
 * - A community's staff directory: its staff, head and council, the ministry, auditors.
 * - History, past states, the audit log: auditors. The event feed: integration consumers and auditors.
 */
import { Forbidden, NotFound, Unauthenticated } from './errors';
import type { Actor } from './ports/event-store';

/** The roles a caller's token may carry (the system actor is never a caller). */
export const CALLER_ROLES = ['resident', 'staff', 'head', 'council', 'ministry', 'auditor', 'integration'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

/** Staff-side roles of a community's own administration: they read their community's cases. */
const COMMUNITY_STAFF: ReadonlySet<Actor['role']> = new Set(['staff', 'head', 'council']);
/** Roles that read every community's cases. */
const NATIONAL_READERS: ReadonlySet<Actor['role']> = new Set(['ministry', 'auditor']);
/** Act statuses anyone may read: published and repealed acts, and drafts open for public discussion. */
const PUBLIC_ACT_STATUSES: ReadonlySet<string> = new Set(['published', 'repealed', 'in-discussion']);

/** A case as the policy sees it: whose community it belongs to and whose it is. */
export interface CaseFacts {
  readonly communityId: string;
  /** The applicant, payer, complainant or the resident who sent an online letter (null when staff filed it for nobody in particular). */
  readonly ownerId: string | null | undefined;
}

export type CaseKind = 'application' | 'fee' | 'complaint' | 'document';

/** What is being read. */
export type ReadTarget =
  /** Communities, public sites, reports, audit tree heads and proofs. */
  | { readonly kind: 'public' }
  /** A community's case lists (`applications`, `fees`, `complaints`, `documents`) or its `dashboard`. */
  | { readonly kind: 'community-cases'; readonly communityId: string; readonly what: string }
  /** A community's `worklist` (the staff inbox): the same people as its case lists. */
  | { readonly kind: 'worklist'; readonly communityId: string }
  /** One application, fee, complaint or registered document; null when there is no such case. */
  | { readonly kind: 'case'; readonly caseKind: CaseKind; readonly id: string; readonly found: CaseFacts | null }
  /** `myApplications`, `myFees`, `myComplaints`. */
  | { readonly kind: 'own-cases' }
  /** One act in its current status. */
  | { readonly kind: 'act'; readonly id: string; readonly communityId: string; readonly status: string }
  /** `staffDirectory(communityId)`: who works for the community, and the national officials. */
  | { readonly kind: 'staff-directory'; readonly communityId: string }
  /** `history`, `aggregateAsOf`, `auditLog`. */
  | { readonly kind: 'audit-trail' }
  /** The `events` subscription. */
  | { readonly kind: 'event-feed' };

export type ReadDecision = { readonly allowed: true } | { readonly allowed: false; readonly refusal: Forbidden | NotFound | Unauthenticated };

const ALLOWED: ReadDecision = { allowed: true };
const refuse = (refusal: Forbidden | NotFound | Unauthenticated): ReadDecision => ({ allowed: false, refusal });
const signIn = (): ReadDecision => refuse(new Unauthenticated('Sign in: this operation needs a bearer token'));

/** Staff, head and council of the community, the ministry and auditors read a community's cases. */
export const readsCommunityCases = (actor: Actor | null, communityId: string): boolean =>
  actor !== null && (NATIONAL_READERS.has(actor.role) || (COMMUNITY_STAFF.has(actor.role) && actor.communityId === communityId));

const ofCommunity = (actor: Actor): string => (actor.communityId ? ` of ${actor.communityId}` : '');

export const decideRead = (actor: Actor | null, target: ReadTarget): ReadDecision => {
  switch (target.kind) {
    case 'public':
      return ALLOWED;
    case 'community-cases':
      if (actor === null) return signIn();
      return readsCommunityCases(actor, target.communityId)
        ? ALLOWED
        : refuse(new Forbidden(`A ${actor.role}${ofCommunity(actor)} may not read ${target.what} of community ${target.communityId}`));
    case 'worklist':
      if (actor === null) return signIn();
      return readsCommunityCases(actor, target.communityId)
        ? ALLOWED
        : refuse(new Forbidden(`A ${actor.role}${ofCommunity(actor)} may not read the worklist of community ${target.communityId}`));
    case 'case':
      // Signing in comes before existence: an anonymous caller learns nothing about which ids exist.
      if (actor === null) return signIn();
      if (target.found === null) return refuse(new NotFound(`There is no ${target.caseKind} ${target.id}`));
      if (readsCommunityCases(actor, target.found.communityId)) return ALLOWED;
      if (actor.role === 'resident' && target.found.ownerId === actor.id) return ALLOWED;
      return refuse(new Forbidden(`A ${actor.role} may not read this ${target.caseKind}`));
    case 'own-cases':
      if (actor === null) return signIn();
      return actor.role === 'resident' ? ALLOWED : refuse(new Forbidden('Only a resident has their own applications, fees and complaints'));
    case 'act':
      if (PUBLIC_ACT_STATUSES.has(target.status)) return ALLOWED;
      // Drafts and acts not yet published are for the community's own people: others are told nothing.
      return readsCommunityCases(actor, target.communityId) ? ALLOWED : refuse(new NotFound(`There is no published act ${target.id}`));
    case 'staff-directory':
      if (actor === null) return signIn();
      return readsCommunityCases(actor, target.communityId)
        ? ALLOWED
        : refuse(new Forbidden(`A ${actor.role}${ofCommunity(actor)} may not read the staff directory of community ${target.communityId}`));
    case 'audit-trail':
      if (actor === null) return signIn();
      return actor.role === 'auditor' ? ALLOWED : refuse(new Forbidden('Only an auditor reads the history, past states and the audit log'));
    case 'event-feed':
      if (actor === null) return signIn();
      return actor.role === 'integration' || actor.role === 'auditor' ? ALLOWED : refuse(new Forbidden('The event feed is for integration consumers and auditors'));
  }
};

/** Which of a community's acts a caller sees in `acts`: all of them, or only those anyone may read. */
export const actListScope = (actor: Actor | null, communityId: string): 'all' | 'public' => (readsCommunityCases(actor, communityId) ? 'all' : 'public');
