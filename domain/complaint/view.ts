/**
 * The `Complaint` view of docs/api.md. Status and overdue are derived here from the facts and the date
 * of today in Asia/Yerevan, never stored.
 */
import type { ComplaintChannel, ComplaintResolution, EscalationLevel } from './commands';
import { complaintStatus, type Complaint, type ComplaintState, type ComplaintStatus } from './state';

export interface ComplaintView {
  readonly id: string;
  readonly status: ComplaintStatus;
  readonly communityId: string;
  readonly channel: ComplaintChannel;
  readonly category: string;
  readonly subject: string;
  /** The latest response's resolution (kept while a reopened complaint awaits a new response). */
  readonly resolution: ComplaintResolution | null;
  /** Filing date (Yerevan) + 30 days. */
  readonly responseDueOn: string;
  /** Not responded or closed, and today (Yerevan) is after `responseDueOn`. */
  readonly overdue: boolean;
  readonly complainantId: string | null;
  readonly filedAt: string;
  /** When the latest response was given. */
  readonly respondedAt: string | null;
  readonly description: string;
  readonly complainantName: string | null;
  readonly acknowledgedAt: string | null;
  readonly assigneeId: string | null;
  readonly escalatedTo: EscalationLevel | null;
  readonly response: string | null;
  /** Last Yerevan date on which the complaint may be reopened. */
  readonly reopenableUntil: string | null;
  readonly reopenCount: number;
  readonly closedAt: string | null;
}

/**
 * @param today YYYY-MM-DD, the calendar date in Asia/Yerevan (`yerevanDate(clock.now())`).
 */
export function complaintView(state: Complaint, today: string): ComplaintView;
export function complaintView(state: ComplaintState, today: string): ComplaintView | null;
export function complaintView(state: ComplaintState, today: string): ComplaintView | null {
  if (state === null) return null;
  const status = complaintStatus(state);
  return {
    id: state.complaintId,
    status,
    communityId: state.communityId,
    channel: state.channel,
    category: state.category,
    subject: state.subject,
    resolution: state.resolution,
    responseDueOn: state.responseDueOn,
    overdue: status !== 'responded' && status !== 'closed' && today > state.responseDueOn,
    complainantId: state.complainantId ?? null,
    filedAt: state.filedAt,
    respondedAt: state.respondedAt,
    description: state.description,
    complainantName: state.complainantName ?? null,
    acknowledgedAt: state.acknowledgedAt,
    assigneeId: state.assigneeId,
    escalatedTo: state.escalatedTo,
    response: state.response,
    reopenableUntil: state.reopenableUntil,
    reopenCount: state.reopenCount,
    closedAt: state.closedAt,
  };
}
