/**
 * The record of mailed notifications on MongoDB (collections `mailDeliveries` and `mailCursor` of the read
 * store's database), for deployments whose projectors share nothing on disk: whichever process holds the
 * `mail-sender` lease reads the same record. Every write is acknowledged by the majority and journaled
 * before it resolves, so `sending` is durable before the relay is spoken to (see the SQLite adapter).
 * - enqueue inserts the deliveries (a duplicate event id is left as it is), then moves the cursor forward
 *   ($max): a crash between the two queues the same page again, and the duplicates are ignored;
 * - claimDue takes each due delivery with its own conditional update (queued|retry → sending), so a
 *   delivery is never claimed twice even by two processes.
 */
import type { Collection, Db } from 'mongodb';
import { MongoServerError } from 'mongodb';
import { DELIVERY_STATUSES, type Delivery, type DeliveryOutcome, type DeliveryStatus, type MailDeliveryLog } from '../../application/ports/mail';

export const MAIL_DELIVERIES_COLLECTION = 'mailDeliveries';
export const MAIL_CURSOR_COLLECTION = 'mailCursor';

interface DeliveryDoc {
  _id: string;
  seq: string;
  recipientId: string;
  mail: Delivery['mail'];
  status: DeliveryStatus;
  attempts: number;
  dueAt: number;
  lastError: string | null;
  sentAt: string | null;
  updatedAt: string;
}

const DURABLE = { writeConcern: { w: 'majority' as const, j: true } };
const WAITING: DeliveryStatus[] = ['queued', 'retry'];

const fromDoc = (d: DeliveryDoc): Delivery => ({
  eventId: d._id,
  seq: d.seq,
  recipientId: d.recipientId,
  mail: d.mail,
  status: d.status,
  attempts: d.attempts,
  dueAt: d.dueAt,
  lastError: d.lastError,
  sentAt: d.sentAt,
});

export class MongoMailDeliveryLog implements MailDeliveryLog {
  private readonly deliveries: Collection<DeliveryDoc>;
  private readonly cursors: Collection<{ _id: string; seq: string }>;

  constructor(db: Db) {
    this.deliveries = db.collection<DeliveryDoc>(MAIL_DELIVERIES_COLLECTION);
    this.cursors = db.collection<{ _id: string; seq: string }>(MAIL_CURSOR_COLLECTION);
  }

  async init(): Promise<this> {
    await this.deliveries.createIndex({ status: 1, dueAt: 1, seq: 1 });
    return this;
  }

  async cursor(): Promise<string | null> {
    return (await this.cursors.findOne({ _id: 'outbox' }))?.seq ?? null;
  }

  async enqueue(deliveries: readonly Delivery[], cursor: string): Promise<void> {
    const updatedAt = new Date().toISOString();
    if (deliveries.length > 0) {
      try {
        await this.deliveries.insertMany(
          deliveries.map((d) => ({ _id: d.eventId, seq: d.seq, recipientId: d.recipientId, mail: d.mail, status: d.status, attempts: d.attempts, dueAt: d.dueAt, lastError: d.lastError, sentAt: d.sentAt, updatedAt })),
          { ordered: false, ...DURABLE },
        );
      } catch (error) {
        // A delivery already recorded (E11000) stays as it is; anything else is a real failure.
        const writeErrors = (error as { writeErrors?: Array<{ code?: number }> | { code?: number } }).writeErrors;
        const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
        if (!(error instanceof MongoServerError) || list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
      }
    }
    await this.cursors.updateOne({ _id: 'outbox' }, { $max: { seq: cursor } }, { upsert: true, ...DURABLE });
  }

  async recoverInterrupted(at: string): Promise<number> {
    const result = await this.deliveries.updateMany({ status: 'sending' }, { $set: { status: 'uncertain', lastError: 'the sender stopped while sending it', updatedAt: at } }, DURABLE);
    return result.modifiedCount;
  }

  async claimDue(now: number, limit: number): Promise<Delivery[]> {
    const due = await this.deliveries.find({ status: { $in: WAITING }, dueAt: { $lte: now } }).sort({ seq: 1 }).limit(limit).toArray();
    const claimed: Delivery[] = [];
    const updatedAt = new Date(now).toISOString();
    for (const d of due) {
      const doc = await this.deliveries.findOneAndUpdate(
        { _id: d._id, status: { $in: WAITING } },
        { $set: { status: 'sending', updatedAt }, $inc: { attempts: 1 } },
        { returnDocument: 'after', ...DURABLE },
      );
      if (doc) claimed.push(fromDoc(doc));
    }
    return claimed;
  }

  async settle(outcomes: readonly DeliveryOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.deliveries.bulkWrite(
      outcomes.map((o) => ({
        updateOne: {
          filter: { _id: o.eventId, status: 'sending' as DeliveryStatus },
          update: { $set: { status: o.status, lastError: o.error ?? null, sentAt: o.status === 'sent' ? o.at : null, updatedAt: o.at, ...(o.dueAt !== undefined ? { dueAt: o.dueAt } : {}) } },
        },
      })),
      { ordered: false, ...DURABLE },
    );
  }

  async nextDueAt(): Promise<number | null> {
    const next = await this.deliveries.find({ status: { $in: WAITING } }).sort({ dueAt: 1 }).limit(1).toArray();
    return next[0]?.dueAt ?? null;
  }

  async get(eventId: string): Promise<Delivery | null> {
    const doc = await this.deliveries.findOne({ _id: eventId });
    return doc ? fromDoc(doc) : null;
  }

  async counts(): Promise<Record<DeliveryStatus, number>> {
    const out = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const row of await this.deliveries.aggregate<{ _id: DeliveryStatus; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }]).toArray()) out[row._id] = row.n;
    return out;
  }

  /** The database belongs to the read store, which closes the client. */
  async close(): Promise<void> {}
}
