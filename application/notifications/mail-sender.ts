/**
 * The notification sender: mails the outbox's messages (projections/outbox) to residents who gave an
 * email, in their language, AT MOST ONCE PER EVENT, retrying with exponential back-off while the relay is
 * down. Started by `hamaynk serve` (in its projector thread) and `hamaynk projector` when SMTP_URL is set;
 * of several such processes, the one holding the `mail-sender` lease on the read store sends.
 *
 * Each round:
 * 1. QUEUE — outbox messages after the delivery log's cursor, up to the outbox projection's checkpoint
 *    (so a message is never passed over while an earlier one is still being written), each joined with the
 *    recipient's contact details: an email given before the event → `queued` with the address, subject and
 *    text fixed now; no email (or one given after the event) → `no-address`; an event older than `maxAgeMs`
 *    → `expired` (a restart after a long stop, or imported history, mails no stale news). Recorded with the
 *    cursor in one transaction, keyed by event id: queuing twice records once.
 * 2. CLAIM — due deliveries are marked `sending` and committed BEFORE anything is handed to the relay.
 * 3. SEND — over the transport, with the Message-ID `<eventId@host>`; then each outcome is committed:
 *    `sent`; `retry` (not taken: unreachable relay or 4xx; due again after 1 s, 2 s, 4 s … at most
 *    `maxBackoffMs`); `failed` (5xx: refused for good); `uncertain` (the connection broke mid-handover).
 *
 * Why at most once across crashes: a process that stops between handing a message over and recording
 * `sent` leaves it `sending`; at the next start such deliveries become `uncertain` and are NOT sent again
 * — the relay may already have it, and the promise is "never twice". The price is that such a message
 * (a crash inside one SMTP transaction: rare) may be lost; it stays visible as `uncertain` in the log.
 * Should an operator resend one, its Message-ID is the same, so a relay or mail client that de-duplicates
 * by Message-ID drops the copy.
 */
import { composeMessage } from './messages';
import { OUTBOX_COLLECTIONS, OUTBOX_PROJECTION, seqOf, type OutboxContactDoc, type OutboxMessageDoc } from '../../projections/outbox/schema';
import type { Delivery, DeliveryOutcome, MailDeliveryLog, MailTransport, OutgoingMail } from '../ports/mail';
import { MailSendError } from '../ports/mail';
import type { ProjectionLeases, ProjectionStore, ReadModelReader } from '../ports/read-store';

export const MAIL_SENDER = 'mail-sender';

export interface MailSenderDeps {
  readonly readStore: ReadModelReader & Pick<ProjectionStore, 'activeGeneration' | 'getCheckpoint'> & Partial<ProjectionLeases>;
  readonly log: MailDeliveryLog;
  readonly transport: MailTransport;
  /** PUBLIC_URL: links in the messages, and the host of their Message-IDs. */
  readonly publicUrl: string;
  /** This process's name for the lease (several senders: one sends). */
  readonly ownerId?: string;
  readonly now?: () => number;
  /** Messages claimed per round; default 32. */
  readonly batchSize?: number;
  /** Messages handed to the relay at once; default 4. */
  readonly concurrency?: number;
  /** First retry delay; default 1000 ms, doubling per attempt up to maxBackoffMs (default 10 minutes). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How often to look for new messages when idle; default 1000 ms. */
  readonly pollMs?: number;
  /** Events older than this are not mailed (expired); default 7 days. */
  readonly maxAgeMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface MailSender {
  start(): Promise<void>;
  /** Waits for the round in progress and stops. */
  stop(): Promise<void>;
  /** One round (queue, claim, send); resolves with how many messages it handed to the relay. For tests and benchmarks. */
  runOnce(): Promise<number>;
  readonly running: boolean;
}

const LEASE_TTL_MS = 30_000;
const QUEUE_PAGE = 500;

/** Exponential back-off: base, 2·base, 4·base … at most max. */
export const backoffDelay = (attempts: number, baseMs: number, maxMs: number): number => Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));

export const messageIdOf = (eventId: string, publicUrl: string): string => `<${eventId}@${new URL(publicUrl).hostname || 'hamaynk.localhost'}>`;

export const createMailSender = (deps: MailSenderDeps): MailSender => {
  const now = deps.now ?? Date.now;
  const batchSize = deps.batchSize ?? 32;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const baseMs = deps.backoffMs ?? 1000;
  const maxBackoffMs = deps.maxBackoffMs ?? 600_000;
  const pollMs = deps.pollMs ?? 1000;
  const maxAgeMs = deps.maxAgeMs ?? 7 * 86_400_000;
  const ownerId = deps.ownerId ?? `${MAIL_SENDER}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const report = deps.onError ?? (() => undefined);
  const links = { publicUrl: deps.publicUrl };

  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  let loop: Promise<void> = Promise.resolve();
  let relayFailures = 0;
  let recovered = false;

  /** Outbox messages written so far (up to the projection's checkpoint) that are not yet in the log. */
  const queueNew = async (): Promise<void> => {
    const generation = await deps.readStore.activeGeneration(OUTBOX_PROJECTION);
    const checkpoint = await deps.readStore.getCheckpoint(OUTBOX_PROJECTION, generation);
    if (checkpoint === null) return;
    const upTo = seqOf(checkpoint);
    for (;;) {
      const cursor = await deps.log.cursor();
      const page = await deps.readStore.find<OutboxMessageDoc>(OUTBOX_COLLECTIONS.messages, {
        filter: { seq: cursor === null ? { $lte: upTo } : { $gt: cursor, $lte: upTo } },
        sort: [['seq', 'asc']],
        limit: QUEUE_PAGE,
      });
      if (page.items.length === 0) return;
      const contacts = new Map<string, OutboxContactDoc | null>();
      const deliveries: Delivery[] = [];
      const at = now();
      for (const m of page.items) {
        if (!contacts.has(m.recipientId)) contacts.set(m.recipientId, await deps.readStore.get<OutboxContactDoc>(OUTBOX_COLLECTIONS.contacts, m.recipientId));
        const contact = contacts.get(m.recipientId) ?? null;
        const base = { eventId: m.id, seq: m.seq, recipientId: m.recipientId, attempts: 0, dueAt: at, lastError: null, sentAt: null };
        const age = at - Math.min(Date.parse(m.occurredAt), Date.parse(m.recordedAt));
        if (!contact?.email || contact.emailSince === null || m.seq <= contact.emailSince) {
          deliveries.push({ ...base, mail: null, status: 'no-address' });
        } else if (age > maxAgeMs) {
          deliveries.push({ ...base, mail: null, status: 'expired' });
        } else {
          const { subject, text } = composeMessage(m, contact.language, links);
          const mail: OutgoingMail = { messageId: messageIdOf(m.id, deps.publicUrl), to: contact.email, subject, text, language: contact.language };
          deliveries.push({ ...base, mail, status: 'queued' });
        }
      }
      await deps.log.enqueue(deliveries, page.items[page.items.length - 1].seq);
      if (!page.hasNextPage) return;
    }
  };

  const sendOne = async (delivery: Delivery): Promise<DeliveryOutcome & { relayDown: boolean }> => {
    const at = new Date(now()).toISOString();
    if (!delivery.mail) return { eventId: delivery.eventId, status: 'failed', error: 'no message to send', at, relayDown: false };
    try {
      await deps.transport.send(delivery.mail);
      return { eventId: delivery.eventId, status: 'sent', at, relayDown: false };
    } catch (error) {
      const outcome = error instanceof MailSendError ? error.outcome : 'uncertain';
      const relayDown = error instanceof MailSendError && error.relayDown;
      const message = error instanceof Error ? error.message : String(error);
      if (outcome === 'retry') return { eventId: delivery.eventId, status: 'retry', dueAt: now() + backoffDelay(delivery.attempts, baseMs, maxBackoffMs), error: message, at, relayDown };
      return { eventId: delivery.eventId, status: outcome, error: message, at, relayDown };
    }
  };

  const runOnce = async (): Promise<number> => {
    if (!recovered) {
      const interrupted = await deps.log.recoverInterrupted(new Date(now()).toISOString());
      if (interrupted > 0) report(new Error(`${interrupted} message(s) were being sent when the sender last stopped: marked uncertain, not sent again`));
      recovered = true;
    }
    await queueNew();
    const due = await deps.log.claimDue(now(), batchSize);
    if (due.length === 0) return 0;
    const outcomes: Array<DeliveryOutcome & { relayDown: boolean }> = [];
    for (let i = 0; i < due.length; i += concurrency) outcomes.push(...(await Promise.all(due.slice(i, i + concurrency).map(sendOne))));
    await deps.log.settle(outcomes.map(({ relayDown: _relayDown, ...o }) => o));
    relayFailures = outcomes.some((o) => o.relayDown) ? relayFailures + 1 : 0;
    return due.length;
  };

  const holdsLease = async (): Promise<boolean> => {
    if (!deps.readStore.acquireLease) return true;
    return (await deps.readStore.acquireLease(MAIL_SENDER, ownerId, LEASE_TTL_MS)).held;
  };

  /** How long to wait before the next round. */
  const pause = async (sent: number): Promise<number> => {
    if (relayFailures > 0) return backoffDelay(relayFailures, baseMs, maxBackoffMs);
    if (sent > 0) return 0;
    const next = await deps.log.nextDueAt();
    return next === null ? pollMs : Math.max(0, Math.min(pollMs, next - now()));
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    }).finally(() => {
      wake = null;
      timer = null;
    });

  const run = async (): Promise<void> => {
    while (running) {
      let delay = pollMs;
      try {
        delay = (await holdsLease()) ? await pause(await runOnce()) : LEASE_TTL_MS / 3;
      } catch (error) {
        report(error);
        relayFailures += 1;
        delay = backoffDelay(relayFailures, baseMs, maxBackoffMs);
      }
      if (running && delay > 0) await sleep(delay);
    }
  };

  return {
    get running() {
      return running;
    },
    async start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      if (!running) return;
      running = false;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
      if (deps.readStore.releaseLease) await deps.readStore.releaseLease(MAIL_SENDER, ownerId).catch(() => undefined);
    },
    runOnce,
  };
};
