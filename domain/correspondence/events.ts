/** Events of the correspondence aggregate. Every event repeats the document and community ids. */
import type { DomainEvent } from '../kernel/decider';
import type { Attachment, DispatchChannel, IncomingChannel } from './commands';

export interface DocumentRef {
  readonly documentId: string;
  readonly communityId: string;
}

interface Registered extends DocumentRef {
  readonly number: string;
  readonly year: number;
  readonly subject: string;
  readonly attachments: readonly Attachment[];
  readonly registeredAt: string;
}

export type IncomingDocumentRegistered = DomainEvent<
  'IncomingDocumentRegistered',
  Registered & {
    readonly senderName: string;
    readonly senderReference?: string;
    readonly senderId?: string;
    readonly senderCommunityId?: string;
    readonly receivedOn: string;
    readonly summary?: string;
    readonly channel: IncomingChannel;
    readonly linkedDocumentId?: string;
  }
>;

export type OutgoingDocumentRegistered = DomainEvent<
  'OutgoingDocumentRegistered',
  Registered & { readonly recipientName: string; readonly recipientCommunityId?: string; readonly text: string; readonly inReplyTo?: string }
>;

export type InternalDocumentRegistered = DomainEvent<'InternalDocumentRegistered', Registered & { readonly text: string }>;

export type DocumentRegistrationCancelled = DomainEvent<'DocumentRegistrationCancelled', DocumentRef & { readonly reason: string; readonly at: string }>;

export type ResolutionIssued = DomainEvent<
  'ResolutionIssued',
  DocumentRef & {
    readonly executorIds: readonly string[];
    readonly instruction: string;
    readonly controlDueOn: string | null;
    readonly controlWorkingDays: number | null;
    readonly issuedBy: string;
    readonly at: string;
  }
>;

export type ExecutionReported = DomainEvent<'ExecutionReported', DocumentRef & { readonly executorId: string; readonly report: string; readonly at: string }>;

export type ControlExtended = DomainEvent<'ControlExtended', DocumentRef & { readonly previousDueOn: string; readonly dueOn: string; readonly reason: string; readonly at: string }>;

export type OutgoingDocumentSigned = DomainEvent<'OutgoingDocumentSigned', DocumentRef & { readonly signedBy: string; readonly at: string }>;

export type DocumentDispatched = DomainEvent<
  'DocumentDispatched',
  DocumentRef & { readonly via: DispatchChannel; readonly recipientCommunityId?: string; readonly linkedDocumentId?: string; readonly at: string }
>;

export type DocumentClosed = DomainEvent<'DocumentClosed', DocumentRef & { readonly at: string }>;

export type DocumentEvent =
  | IncomingDocumentRegistered
  | OutgoingDocumentRegistered
  | InternalDocumentRegistered
  | DocumentRegistrationCancelled
  | ResolutionIssued
  | ExecutionReported
  | ControlExtended
  | OutgoingDocumentSigned
  | DocumentDispatched
  | DocumentClosed;
