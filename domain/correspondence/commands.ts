/**
 * Commands of the correspondence aggregate (electronic document circulation, փաստաթղթաշրջանառություն).
 * Stream `document-<documentId>`: one registered document of a community's incoming, outgoing or
 * internal journal. Only the three registrations name the document; the others act on the document
 * of their stream. Numbers come from the journal (./journal.ts), taken before the registration.
 */
import type { DomainCommand } from '../kernel/decider';

export const JOURNALS = ['incoming', 'outgoing', 'internal'] as const;
export type Journal = (typeof JOURNALS)[number];

/** How an incoming document arrived: `online` is a resident's letter from the portal, `interagency` another community's (or the ministry's) dispatch on the system. */
export const INCOMING_CHANNELS = ['post', 'email', 'in-person', 'online', 'interagency'] as const;
export type IncomingChannel = (typeof INCOMING_CHANNELS)[number];

/** How an outgoing document left: on the system to a recipient community's incoming journal, or outside it. */
export const DISPATCH_CHANNELS = ['interagency', 'post', 'email'] as const;
export type DispatchChannel = (typeof DISPATCH_CHANNELS)[number];

/** A file attached to a document: a reference to the file store's content by its SHA-256, never the bytes. */
export interface Attachment {
  /** Lower-case hex SHA-256 of the file's content. */
  readonly sha256: string;
  readonly name: string;
  /** Media type, e.g. `application/pdf`. */
  readonly type: string;
  /** Bytes. */
  readonly size: number;
}

interface Registration {
  readonly documentId: string;
  readonly communityId: string;
  /** `"<n>"` from the journal of the community, journal and Yerevan year of registration. */
  readonly number: string;
  readonly year: number;
  readonly subject: string;
  readonly attachments: readonly Attachment[];
}

export type RegisterIncomingDocument = DomainCommand<
  'RegisterIncomingDocument',
  Registration & {
    readonly senderName: string;
    readonly senderReference?: string;
    /** The resident who sent an online letter. */
    readonly senderId?: string;
    /** The community that dispatched an interagency document. */
    readonly senderCommunityId?: string;
    readonly receivedOn: string;
    readonly summary?: string;
    readonly channel: IncomingChannel;
    /** The outgoing document of another community this one is the registration of (interagency). */
    readonly linkedDocumentId?: string;
  }
>;

export type RegisterOutgoingDocument = DomainCommand<
  'RegisterOutgoingDocument',
  Registration & {
    readonly recipientName: string;
    readonly recipientCommunityId?: string;
    readonly text: string;
    /** The incoming document (of the same community) this one answers. */
    readonly inReplyTo?: string;
  }
>;

export type RegisterInternalDocument = DomainCommand<'RegisterInternalDocument', Registration & { readonly text: string }>;

export type CancelRegistration = DomainCommand<'CancelRegistration', { readonly reason: string }>;

export type IssueResolution = DomainCommand<
  'IssueResolution',
  {
    readonly executorIds: readonly string[];
    readonly instruction: string;
    /** The control date; null for a resolution without control (for information). */
    readonly controlDueOn: string | null;
    /** The working days the control date was counted from, when it was given so. */
    readonly controlWorkingDays: number | null;
  }
>;

/** The executor is the actor of the command's metadata. */
export type ReportExecution = DomainCommand<'ReportExecution', { readonly report: string }>;
export type ExtendControl = DomainCommand<'ExtendControl', { readonly dueOn: string; readonly reason: string }>;
export type SignOutgoingDocument = DomainCommand<'SignOutgoingDocument', Record<string, never>>;
export type DispatchDocument = DomainCommand<
  'DispatchDocument',
  {
    readonly via: DispatchChannel;
    /** Interagency: the incoming document registered in the recipient community's journal. */
    readonly linkedDocumentId?: string;
  }
>;
export type CloseDocument = DomainCommand<'CloseDocument', Record<string, never>>;

export type DocumentCommand =
  | RegisterIncomingDocument
  | RegisterOutgoingDocument
  | RegisterInternalDocument
  | CancelRegistration
  | IssueResolution
  | ReportExecution
  | ExtendControl
  | SignOutgoingDocument
  | DispatchDocument
  | CloseDocument;
