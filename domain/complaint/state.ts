/**
 * State of a complaint: the facts its events established. The status is not stored: it is derived
 * from the last step recorded (`complaintStatus`), shared by the decider and the view.
 */
import { match } from 'ts-pattern';
import type { ComplaintChannel, ComplaintResolution, EscalationLevel } from './commands';
import type { ComplaintStep } from './events';

/** Days after filing within which the response is due; days after a response within which the complainant may reopen. */
export const RESPONSE_PERIOD_DAYS = 30;
export const REOPEN_PERIOD_DAYS = 30;
export const MAX_SUBJECT_LENGTH = 200;

export interface Complaint {
  readonly complaintId: string;
  readonly communityId: string;
  readonly channel: ComplaintChannel;
  readonly category: string;
  readonly subject: string;
  readonly description: string;
  readonly complainantName?: string;
  readonly complainantId?: string;
  readonly filedAt: string;
  readonly responseDueOn: string;
  /** The type of the last event recorded; the status follows from it. */
  readonly lastStep: ComplaintStep;
  readonly acknowledgedAt: string | null;
  readonly assigneeId: string | null;
  /** The highest level the complaint was escalated to. */
  readonly escalatedTo: EscalationLevel | null;
  /** The latest response, kept while a reopened complaint awaits a new one. */
  readonly response: string | null;
  readonly resolution: ComplaintResolution | null;
  readonly respondedAt: string | null;
  readonly reopenableUntil: string | null;
  readonly reopenCount: number;
  readonly closedAt: string | null;
}

/** `null` until the complaint is filed. */
export type ComplaintState = Complaint | null;

export type ComplaintStatus = 'filed' | 'acknowledged' | 'assigned' | 'responded' | 'escalated' | 'reopened' | 'closed';

export const complaintStatus = (complaint: Complaint): ComplaintStatus =>
  match(complaint.lastStep)
    .returnType<ComplaintStatus>()
    .with('ComplaintFiled', () => 'filed')
    .with('ComplaintAcknowledged', () => 'acknowledged')
    .with('ComplaintAssigned', () => 'assigned')
    .with('ComplaintResponded', () => 'responded')
    .with('ComplaintEscalated', () => 'escalated')
    .with('ComplaintReopened', () => 'reopened')
    .with('ComplaintClosed', () => 'closed')
    .exhaustive();

export const escalationRank = (level: EscalationLevel | null): number => (level === null ? 0 : level === 'head' ? 1 : 2);
