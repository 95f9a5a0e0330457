/**
 * Events of the legal-act aggregate. Every event names the act (`actId`) and its community, so
 * read models (public site, transparency report) and auditors need no other stream.
 * `at` is the business time of the fact (ISO 8601 date-time); dates are YYYY-MM-DD.
 *
 * `version` counts the act's texts: 1 when drafted, +1 per draft revision, +1 per amendment.
 * Publication makes the current version the first text in force (from `effectiveFrom`).
 */
import type { DomainEvent } from '../kernel/decider';
import type { ActIssuer, ActVotes } from './state';

export type ActDrafted = DomainEvent<
  'ActDrafted',
  {
    readonly actId: string;
    readonly communityId: string;
    readonly issuer: ActIssuer;
    readonly titleHy: string;
    readonly titleEn: string | null;
    readonly text: string;
    readonly version: number;
    /** The staff member or head who drafted it (null when the command had no actor). */
    readonly draftedBy: string | null;
    readonly at: string;
  }
>;

export type ActDraftRevised = DomainEvent<
  'ActDraftRevised',
  { readonly actId: string; readonly communityId: string; readonly version: number; readonly text: string; readonly revisedBy: string | null; readonly at: string }
>;

export type ActDiscussionOpened = DomainEvent<
  'ActDiscussionOpened',
  { readonly actId: string; readonly communityId: string; readonly version: number; readonly until: string; readonly at: string }
>;

export type ActCommentAdded = DomainEvent<
  'ActCommentAdded',
  {
    readonly actId: string;
    readonly communityId: string;
    /** 1 for the act's first comment, counting across discussions. */
    readonly commentNumber: number;
    readonly commenterId: string;
    readonly comment: string;
    /** The draft version the comment is about. */
    readonly version: number;
    readonly at: string;
  }
>;

export type ActDiscussionClosed = DomainEvent<
  'ActDiscussionClosed',
  { readonly actId: string; readonly communityId: string; readonly version: number; readonly commentCount: number; readonly at: string }
>;

export type ActPlacedOnAgenda = DomainEvent<
  'ActPlacedOnAgenda',
  { readonly actId: string; readonly communityId: string; readonly version: number; readonly sessionDate: string; readonly at: string }
>;

export type ActAdopted = DomainEvent<
  'ActAdopted',
  {
    readonly actId: string;
    readonly communityId: string;
    readonly number: string;
    readonly votes: ActVotes;
    readonly sessionDate: string;
    /** The version of the text adopted. */
    readonly version: number;
    readonly at: string;
  }
>;

export type ActRejected = DomainEvent<
  'ActRejected',
  { readonly actId: string; readonly communityId: string; readonly votes: ActVotes; readonly sessionDate: string; readonly version: number; readonly at: string }
>;

export type ActSigned = DomainEvent<
  'ActSigned',
  {
    readonly actId: string;
    readonly communityId: string;
    readonly number: string;
    readonly version: number;
    /** The head who signed (null when the command had no actor). */
    readonly signedBy: string | null;
    readonly at: string;
  }
>;

export type ActPublished = DomainEvent<
  'ActPublished',
  {
    readonly actId: string;
    readonly communityId: string;
    readonly issuer: ActIssuer;
    readonly number: string;
    readonly titleHy: string;
    readonly titleEn: string | null;
    readonly version: number;
    /** The text that enters into force (the adopted or signed version). */
    readonly text: string;
    readonly effectiveFrom: string;
    readonly at: string;
  }
>;

export type ActAmended = DomainEvent<
  'ActAmended',
  {
    readonly actId: string;
    readonly communityId: string;
    readonly amendingActId: string;
    /** The new version number (previous + 1). */
    readonly version: number;
    /** The new consolidated text. */
    readonly text: string;
    readonly effectiveFrom: string;
    readonly at: string;
  }
>;

export type ActRepealed = DomainEvent<
  'ActRepealed',
  { readonly actId: string; readonly communityId: string; readonly repealingActId: string; readonly effectiveFrom: string; readonly at: string }
>;

export type LegalActEvent =
  | ActDrafted
  | ActDraftRevised
  | ActDiscussionOpened
  | ActCommentAdded
  | ActDiscussionClosed
  | ActPlacedOnAgenda
  | ActAdopted
  | ActRejected
  | ActSigned
  | ActPublished
  | ActAmended
  | ActRepealed;
