/** Events of the complaint aggregate. Every event repeats the complaint and community ids. */
import type { DomainEvent } from '../kernel/decider';
import type { ComplaintChannel, ComplaintResolution, EscalationLevel } from './commands';

interface ComplaintRef {
  readonly complaintId: string;
  readonly communityId: string;
}

export type ComplaintFiled = DomainEvent<
  'ComplaintFiled',
  ComplaintRef & {
    readonly channel: ComplaintChannel;
    readonly category: string;
    readonly subject: string;
    readonly description: string;
    readonly complainantName?: string;
    readonly complainantId?: string;
    readonly filedAt: string;
    /** Yerevan date of filing + 30 days. */
    readonly responseDueOn: string;
  }
>;

export type ComplaintAcknowledged = DomainEvent<'ComplaintAcknowledged', ComplaintRef & { readonly at: string }>;

export type ComplaintAssigned = DomainEvent<'ComplaintAssigned', ComplaintRef & { readonly assigneeId: string; readonly at: string }>;

export type ComplaintResponded = DomainEvent<
  'ComplaintResponded',
  ComplaintRef & {
    readonly response: string;
    readonly resolution: ComplaintResolution;
    readonly at: string;
    /** Last Yerevan date on which the complaint may be reopened (response date + 30 days). */
    readonly reopenableUntil: string;
  }
>;

export type ComplaintEscalated = DomainEvent<'ComplaintEscalated', ComplaintRef & { readonly to: EscalationLevel; readonly reason: string; readonly at: string }>;

export type ComplaintReopened = DomainEvent<'ComplaintReopened', ComplaintRef & { readonly reason: string; readonly at: string }>;

export type ComplaintClosed = DomainEvent<'ComplaintClosed', ComplaintRef & { readonly at: string }>;

export type ComplaintEvent =
  | ComplaintFiled
  | ComplaintAcknowledged
  | ComplaintAssigned
  | ComplaintResponded
  | ComplaintEscalated
  | ComplaintReopened
  | ComplaintClosed;

/** The type of any complaint event: each one moves the complaint to a status. */
export type ComplaintStep = ComplaintEvent['type'];
