/**
 * State of a registered document: the facts its events established. Status and "overdue" are derived
 * (`documentStatus`, `isOverdue`), never stored.
 */
import type { Attachment, DispatchChannel, IncomingChannel, Journal } from './commands';

export const MAX_SUBJECT_LENGTH = 500;
export const MAX_ATTACHMENTS = 50;
/** 100 MiB: the largest scan a registration desk attaches. */
export const MAX_ATTACHMENT_SIZE = 100 * 1024 * 1024;
export const MAX_EXECUTORS = 10;
/** Ten years of working days: a longer control period is a typing error. */
export const MAX_CONTROL_WORKING_DAYS = 2500;

export interface Resolution {
  readonly executorIds: readonly string[];
  readonly instruction: string;
  readonly controlDueOn: string | null;
  readonly controlWorkingDays: number | null;
  readonly issuedBy: string;
  readonly at: string;
}

export interface ExecutionReport {
  readonly executorId: string;
  readonly report: string;
  readonly at: string;
}

export interface ControlExtension {
  readonly previousDueOn: string;
  readonly dueOn: string;
  readonly reason: string;
  readonly at: string;
}

export interface CorrespondenceDocument {
  readonly documentId: string;
  readonly communityId: string;
  readonly journal: Journal;
  readonly number: string;
  readonly year: number;
  readonly subject: string;
  readonly attachments: readonly Attachment[];
  readonly registeredAt: string;
  /** Incoming. */
  readonly senderName: string | null;
  readonly senderReference: string | null;
  readonly senderId: string | null;
  readonly senderCommunityId: string | null;
  readonly receivedOn: string | null;
  readonly summary: string | null;
  readonly channel: IncomingChannel | null;
  /** Outgoing. */
  readonly recipientName: string | null;
  readonly recipientCommunityId: string | null;
  readonly inReplyTo: string | null;
  /** Outgoing and internal. */
  readonly text: string | null;
  /** The other side of an interagency dispatch. */
  readonly linkedDocumentId: string | null;
  readonly cancelledAt: string | null;
  readonly cancellationReason: string | null;
  /** Every resolution, the current one last. */
  readonly resolutions: readonly Resolution[];
  /** The current control date (the latest resolution's, moved by extensions). */
  readonly controlDueOn: string | null;
  readonly extensions: readonly ControlExtension[];
  readonly executionReports: readonly ExecutionReport[];
  /** Executors of the current resolution who have reported since it was issued. */
  readonly reportedBy: readonly string[];
  /** When the last executor of the current resolution reported. */
  readonly executedAt: string | null;
  readonly signedBy: string | null;
  readonly signedAt: string | null;
  readonly dispatchedAt: string | null;
  readonly dispatchedVia: DispatchChannel | null;
  readonly closedAt: string | null;
}

/** `null` until the document is registered. */
export type DocumentState = CorrespondenceDocument | null;

export const DOCUMENT_STATUSES = ['registered', 'in-execution', 'executed', 'signed', 'dispatched', 'closed', 'cancelled'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const currentResolution = (d: CorrespondenceDocument): Resolution | null => d.resolutions[d.resolutions.length - 1] ?? null;

export const documentStatus = (d: CorrespondenceDocument): DocumentStatus => {
  if (d.cancelledAt !== null) return 'cancelled';
  if (d.closedAt !== null) return 'closed';
  if (d.journal === 'outgoing') return d.dispatchedAt !== null ? 'dispatched' : d.signedAt !== null ? 'signed' : 'registered';
  if (d.executedAt !== null) return 'executed';
  return d.resolutions.length > 0 ? 'in-execution' : 'registered';
};

/** Under control and not executed by the end of its control date (Yerevan `today` is later). */
export const isOverdue = (d: CorrespondenceDocument, today: string): boolean => documentStatus(d) === 'in-execution' && d.controlDueOn !== null && today > d.controlDueOn;
