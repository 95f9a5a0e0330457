/**
 * The `Document` view of docs/api.md. Status and overdue are derived here from the facts and the date
 * of today in Asia/Yerevan, never stored. `replies` (the outgoing documents answering an incoming one)
 * are not the document's own facts: the read model adds them (projections/documents).
 */
import { yerevanDate } from '../kernel/time';
import type { Attachment, DispatchChannel, IncomingChannel, Journal } from './commands';
import { currentResolution, documentStatus, isOverdue, type ControlExtension, type CorrespondenceDocument, type DocumentState, type DocumentStatus, type ExecutionReport, type Resolution } from './state';

export interface DocumentView {
  readonly id: string;
  readonly communityId: string;
  readonly journal: Journal;
  readonly number: string;
  readonly year: number;
  readonly status: DocumentStatus;
  readonly subject: string;
  readonly registeredAt: string;
  readonly controlDueOn: string | null;
  readonly overdue: boolean;
  /** The current resolution's executors. */
  readonly executors: readonly string[];
  readonly inReplyTo: string | null;
  readonly linkedDocumentId: string | null;
  readonly senderName: string | null;
  readonly senderReference: string | null;
  readonly senderId: string | null;
  readonly senderCommunityId: string | null;
  readonly receivedOn: string | null;
  readonly summary: string | null;
  readonly channel: IncomingChannel | null;
  readonly recipientName: string | null;
  readonly recipientCommunityId: string | null;
  readonly text: string | null;
  readonly attachments: readonly Attachment[];
  readonly resolution: Resolution | null;
  readonly resolutions: readonly Resolution[];
  readonly extensions: readonly ControlExtension[];
  readonly executionReports: readonly ExecutionReport[];
  readonly executedAt: string | null;
  /** Executed by the end of its control date; null while not executed or without control. */
  readonly executedOnTime: boolean | null;
  readonly signedBy: string | null;
  readonly signedAt: string | null;
  readonly dispatchedAt: string | null;
  readonly dispatchedVia: DispatchChannel | null;
  readonly closedAt: string | null;
  readonly cancelledAt: string | null;
  readonly cancellationReason: string | null;
}

/** @param today YYYY-MM-DD, the calendar date in Asia/Yerevan. */
export function documentView(state: CorrespondenceDocument, today: string): DocumentView;
export function documentView(state: DocumentState, today: string): DocumentView | null;
export function documentView(state: DocumentState, today: string): DocumentView | null {
  if (state === null) return null;
  const resolution = currentResolution(state);
  return {
    id: state.documentId,
    communityId: state.communityId,
    journal: state.journal,
    number: state.number,
    year: state.year,
    status: documentStatus(state),
    subject: state.subject,
    registeredAt: state.registeredAt,
    controlDueOn: state.controlDueOn,
    overdue: isOverdue(state, today),
    executors: resolution?.executorIds ?? [],
    inReplyTo: state.inReplyTo,
    linkedDocumentId: state.linkedDocumentId,
    senderName: state.senderName,
    senderReference: state.senderReference,
    senderId: state.senderId,
    senderCommunityId: state.senderCommunityId,
    receivedOn: state.receivedOn,
    summary: state.summary,
    channel: state.channel,
    recipientName: state.recipientName,
    recipientCommunityId: state.recipientCommunityId,
    text: state.text,
    attachments: state.attachments,
    resolution,
    resolutions: state.resolutions,
    extensions: state.extensions,
    executionReports: state.executionReports,
    executedAt: state.executedAt,
    executedOnTime: state.executedAt === null || state.controlDueOn === null ? null : yerevanDate(state.executedAt) <= state.controlDueOn,
    signedBy: state.signedBy,
    signedAt: state.signedAt,
    dispatchedAt: state.dispatchedAt,
    dispatchedVia: state.dispatchedVia,
    closedAt: state.closedAt,
    cancelledAt: state.cancelledAt,
    cancellationReason: state.cancellationReason,
  };
}
