/**
 * The `outbox` read model's schema, written by ./outbox-projection.ts:
 * - `outboxMessages`: one message per event a resident is told about (docs/notifications.md), keyed by
 *   the event's id, in log order by `seq`; `myMessages` lists a resident's, the mail sender mails them;
 * - `outboxContacts`: each person's contact details as last given (email, phone, language), and from
 *   which point of the log their email counts;
 * - `outboxCases` and `outboxCommunities`: what a message needs that its event does not carry (whose
 *   case it is, the service's and the community's names).
 */
import type { CollectionSpec } from '../../application/ports/read-store';
import type { MessageLanguage } from '../../domain/contact/commands';

export const OUTBOX_PROJECTION = 'outbox';

export const OUTBOX_COLLECTIONS = {
  messages: 'outboxMessages',
  contacts: 'outboxContacts',
  cases: 'outboxCases',
  communities: 'outboxCommunities',
} as const;

export const OUTBOX_SPECS: readonly CollectionSpec[] = [
  { name: OUTBOX_COLLECTIONS.messages, projection: OUTBOX_PROJECTION, fields: { recipientId: 'string', seq: 'string' } },
  { name: OUTBOX_COLLECTIONS.contacts, projection: OUTBOX_PROJECTION, fields: {} },
  { name: OUTBOX_COLLECTIONS.cases, projection: OUTBOX_PROJECTION, fields: {} },
  { name: OUTBOX_COLLECTIONS.communities, projection: OUTBOX_PROJECTION, fields: {} },
];

/** A global position as a fixed-width decimal string, so that text order is log order. */
export const seqOf = (position: bigint): string => position.toString().padStart(20, '0');

export type MessageKind =
  | 'application-registered'
  | 'information-requested'
  | 'application-approved'
  | 'application-rejected'
  | 'inquiry-answered'
  | 'permit-issued'
  | 'certificate-issued'
  | 'fee-assessed'
  | 'complaint-answered';

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'application-registered',
  'information-requested',
  'application-approved',
  'application-rejected',
  'inquiry-answered',
  'permit-issued',
  'certificate-issued',
  'fee-assessed',
  'complaint-answered',
];

/** The facts a message tells; which are present depends on its kind. */
export interface MessageFacts {
  readonly registrationNumber?: string;
  readonly trackingCode?: string;
  readonly question?: string;
  readonly basis?: string;
  readonly reason?: string;
  readonly answer?: string;
  readonly documentNumber?: string;
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly amountAmd?: number;
  readonly dueOn?: string;
  readonly feeCode?: string;
  readonly subject?: string;
  readonly response?: string;
  readonly resolution?: string;
}

export interface OutboxMessageDoc {
  /** The id of the event the message is about (one message per event). */
  readonly id: string;
  readonly recipientId: string;
  /** The event's global position, fixed width (seqOf): the messages' order. */
  readonly seq: string;
  readonly position: string;
  readonly kind: MessageKind;
  readonly caseKind: 'application' | 'fee' | 'complaint';
  readonly caseId: string;
  readonly communityId: string;
  readonly communityNameHy: string | null;
  readonly communityNameEn: string | null;
  readonly serviceNameHy: string | null;
  readonly serviceNameEn: string | null;
  /** Business time of the event. */
  readonly occurredAt: string;
  /** Store time of the event. */
  readonly recordedAt: string;
  readonly facts: MessageFacts;
}

export interface OutboxContactDoc {
  readonly id: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly language: MessageLanguage;
  /** The seq of the event that gave the current email: only later messages are mailed to it. */
  readonly emailSince: string | null;
  readonly updatedAt: string;
}

export interface OutboxCaseDoc {
  /** `application:<id>` or `complaint:<id>`. */
  readonly id: string;
  readonly recipientId: string;
  readonly communityId: string;
  readonly serviceNameHy: string | null;
  readonly serviceNameEn: string | null;
  readonly trackingCode: string | null;
  readonly subject: string | null;
}

export interface OutboxCommunityDoc {
  readonly id: string;
  readonly nameHy: string;
  readonly nameEn: string;
}
