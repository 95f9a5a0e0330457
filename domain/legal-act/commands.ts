/**
 * Commands of the legal-act aggregate (council decisions and decisions of the head of community).
 * Stream `act-<actId>`. Only DraftAct names the act; the others act on the act of their stream.
 *
 * Facts the decider cannot know on its own arrive in the command data, filled in by the service:
 * the act number (from the act register, `register.ts`) and the status of another act that
 * amends or repeals this one.
 */
import type { DomainCommand } from '../kernel/decider';
import type { ActIssuer, ActStatus } from './state';

export type DraftAct = DomainCommand<
  'DraftAct',
  {
    readonly actId: string;
    readonly communityId: string;
    /** `council` (ավագանու որոշում) or `head` (համայնքի ղեկավարի որոշում). */
    readonly issuer: ActIssuer;
    readonly titleHy: string;
    readonly titleEn?: string | null;
    readonly text: string;
  }
>;

/** A new version of the draft text (only while the act is a draft). */
export type ReviseActDraft = DomainCommand<'ReviseActDraft', { readonly text: string }>;

/** Opens the public discussion until `until` (YYYY-MM-DD, inclusive, Asia/Yerevan). */
export type OpenActDiscussion = DomainCommand<'OpenActDiscussion', { readonly until: string }>;

/** A comment of the public discussion; `commenterId` is the resident (the service fills it in). */
export type CommentOnAct = DomainCommand<'CommentOnAct', { readonly comment: string; readonly commenterId: string }>;

export type CloseActDiscussion = DomainCommand<'CloseActDiscussion', Record<string, never>>;

/** Council acts only: placed on the agenda of the council session of `sessionDate` (YYYY-MM-DD). */
export type PlaceActOnAgenda = DomainCommand<'PlaceActOnAgenda', { readonly sessionDate: string }>;

/**
 * Council acts only. Adopted when `votesFor` is more than half of all votes cast
 * (for + against + abstained), else rejected. `number` is assigned by the service from the act
 * register when (and only when) the votes adopt the act.
 */
export type RecordActVote = DomainCommand<
  'RecordActVote',
  {
    readonly votesFor: number;
    readonly votesAgainst: number;
    readonly votesAbstained: number;
    readonly number?: string;
  }
>;

/** Decisions of the head only; `number` is assigned by the service from the act register. */
export type SignAct = DomainCommand<'SignAct', { readonly number: string }>;

/** Adopted or signed acts; `effectiveFrom` (YYYY-MM-DD) is the date of entry into force. */
export type PublishAct = DomainCommand<'PublishAct', { readonly effectiveFrom: string }>;

/**
 * A new consolidated text in force from `effectiveFrom`, by the act `amendingActId`.
 * `amendingActStatus` is the amending act's status today (`none` if it does not exist) and
 * `amendingActCommunityId` its community: the service loads the other act to learn them.
 */
export type AmendAct = DomainCommand<
  'AmendAct',
  {
    readonly amendingActId: string;
    readonly text: string;
    readonly effectiveFrom: string;
    readonly amendingActStatus: ActStatus | 'none';
    readonly amendingActCommunityId?: string | null;
  }
>;

/** Repealed by the act `repealingActId` from `effectiveFrom`; facts as for AmendAct. */
export type RepealAct = DomainCommand<
  'RepealAct',
  {
    readonly repealingActId: string;
    readonly effectiveFrom: string;
    readonly repealingActStatus: ActStatus | 'none';
    readonly repealingActCommunityId?: string | null;
  }
>;

export type LegalActCommand =
  | DraftAct
  | ReviseActDraft
  | OpenActDiscussion
  | CommentOnAct
  | CloseActDiscussion
  | PlaceActOnAgenda
  | RecordActVote
  | SignAct
  | PublishAct
  | AmendAct
  | RepealAct;
