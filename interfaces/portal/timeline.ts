/**
 * An application's public timeline for its applicant: the entries of its own stream that tell them where
 * their case is, each with when it happened — never who at the municipality did it or internal steps.
 */
import type { EventStore } from '../../application/ports/event-store';
import { applicationDecider } from '../../domain/service-application/decider';

/** The event types shown to the applicant, and the message key naming each. */
const PUBLIC_ENTRIES: Readonly<Record<string, string>> = {
  ApplicationSubmitted: 'entry.submitted',
  ApplicationRegistered: 'entry.registered',
  ApplicationAssigned: 'entry.assigned',
  ApplicationInformationRequested: 'entry.informationRequested',
  ApplicationInformationProvided: 'entry.informationProvided',
  ApplicationApproved: 'entry.approved',
  ApplicationRejected: 'entry.rejected',
  InquiryAnswered: 'entry.answered',
  PermitIssued: 'entry.permitIssued',
  CertificateIssued: 'entry.certificateIssued',
  ApplicationFeeSettled: 'entry.feeSettled',
  ApplicationWithdrawn: 'entry.withdrawn',
};

export interface TimelineEntry {
  /** The message key of what happened. */
  readonly key: string;
  /** When it happened (ISO 8601). */
  readonly at: string;
}

export const publicApplicationTimeline = async (eventStore: Pick<EventStore, 'readStream'>, applicationId: string): Promise<TimelineEntry[]> => {
  const events = await eventStore.readStream(`${applicationDecider.name}-${applicationId}`);
  return events.flatMap((e) => (PUBLIC_ENTRIES[e.type] ? [{ key: PUBLIC_ENTRIES[e.type], at: e.metadata.occurredAt }] : []));
};
