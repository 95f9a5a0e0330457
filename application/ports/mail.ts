/**
 * The mail relay and the record of what was mailed: ports of the notification sender
 * (application/notifications/mail-sender.ts; adapters in infrastructure/mail/).
 */

/** One message to one address. */
export interface OutgoingMail {
  /** The Message-ID header, derived from the event's id (`<eventId@host>`), so a relay can drop a repeat too. */
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly language: 'hy' | 'en';
}

/**
 * What a failed send means for the message:
 * - `retry`: the relay did not take it (it could not be reached, or answered 4xx): try again later;
 * - `failed`: the relay refused it for good (5xx): never again;
 * - `uncertain`: the connection broke while the message was being handed over, with no answer: it may
 *   have been delivered, so it is not sent again.
 */
export type MailFailure = 'retry' | 'failed' | 'uncertain';

export class MailSendError extends Error {
  readonly code = 'MAIL_SEND_FAILED';
  constructor(
    message: string,
    readonly outcome: MailFailure,
    /** The relay could not be reached at all (the sender then pauses, not just this message). */
    readonly relayDown = false,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export interface MailTransport {
  /** Hands the message to the relay; resolves once the relay accepted it (250), else throws MailSendError. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/**
 * A message's delivery, one per event:
 * queued → sending → sent | retry (→ sending …) | failed | uncertain; or, when queued, no-address / expired.
 */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'retry' | 'failed' | 'uncertain' | 'no-address' | 'expired';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['queued', 'sending', 'sent', 'retry', 'failed', 'uncertain', 'no-address', 'expired'];

export interface Delivery {
  /** The event the message is about: the key of the record (at most one delivery per event, ever). */
  readonly eventId: string;
  /** The outbox order (fixed-width global position). */
  readonly seq: string;
  readonly recipientId: string;
  /** The address, the words and the language, fixed when queued. */
  readonly mail: OutgoingMail | null;
  readonly status: DeliveryStatus;
  /** Sending attempts begun. */
  readonly attempts: number;
  /** When a queued or retrying message is due (ms since the epoch). */
  readonly dueAt: number;
  readonly lastError: string | null;
  /** When the relay accepted it (ISO 8601). */
  readonly sentAt: string | null;
}

export interface DeliveryOutcome {
  readonly eventId: string;
  readonly status: 'sent' | 'retry' | 'failed' | 'uncertain';
  /** For `retry`: when to try again (ms since the epoch). */
  readonly dueAt?: number;
  readonly error?: string;
  /** ISO 8601. */
  readonly at: string;
}

/**
 * The durable record of deliveries, keyed by event id. Every method commits before it resolves (the
 * embedded adapter: one SQLite transaction with synchronous=FULL), which is what makes the sender's
 * promise hold across crashes: a message is marked `sending` durably BEFORE it is handed to the relay.
 */
export interface MailDeliveryLog {
  /** The seq of the last outbox message queued (or skipped), null before the first. */
  cursor(): Promise<string | null>;
  /** Records new deliveries (an event already recorded is left as it is) and moves the cursor, atomically. */
  enqueue(deliveries: readonly Delivery[], cursor: string): Promise<void>;
  /** At start: deliveries left `sending` by a process that stopped mid-send become `uncertain`. Returns how many. */
  recoverInterrupted(at: string): Promise<number>;
  /** Marks up to `limit` due deliveries (queued or retry, dueAt ≤ now), in outbox order, `sending` (attempts + 1) and returns them. */
  claimDue(now: number, limit: number): Promise<Delivery[]>;
  /** Records what happened to messages that were `sending`. */
  settle(outcomes: readonly DeliveryOutcome[]): Promise<void>;
  /** When the next queued or retrying delivery is due, or null when none waits. */
  nextDueAt(): Promise<number | null>;
  get(eventId: string): Promise<Delivery | null>;
  counts(): Promise<Record<DeliveryStatus, number>>;
  close(): Promise<void>;
}
