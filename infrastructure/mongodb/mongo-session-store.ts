/**
 * The browser sessions on MongoDB: the `sessions` collection of the read store's database, shared by every
 * API process. `expiresAt` is a Date with a TTL index, so MongoDB also deletes expired sessions on its own
 * (within a minute or so); `get` checks the instant itself, so an expired session is never answered.
 */
import type { Collection, Db } from 'mongodb';
import type { SessionStore, StoredSession } from '../../application/ports/sessions';

interface SessionDoc {
  _id: string;
  personalId: string | null;
  data: Record<string, unknown>;
  expiresAt: Date;
}

export const SESSIONS_COLLECTION = 'sessions';

export class MongoSessionStore implements SessionStore {
  readonly kind = 'mongodb' as const;
  private readonly collection: Collection<SessionDoc>;

  constructor(db: Db) {
    this.collection = db.collection<SessionDoc>(SESSIONS_COLLECTION);
  }

  /** Creates the indexes (by person; TTL on expiry). */
  async init(): Promise<this> {
    await this.collection.createIndex({ personalId: 1 }, { sparse: true });
    await this.collection.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    return this;
  }

  async get(id: string, now: Date): Promise<StoredSession | null> {
    const doc = await this.collection.findOne({ _id: id });
    if (!doc) return null;
    if (doc.expiresAt.getTime() <= now.getTime()) {
      await this.collection.deleteOne({ _id: id });
      return null;
    }
    return { data: doc.data, personalId: doc.personalId, expiresAt: doc.expiresAt.toISOString() };
  }

  async set(id: string, session: StoredSession): Promise<void> {
    const expiresAt = new Date(session.expiresAt);
    if (Number.isNaN(expiresAt.getTime())) throw new Error(`A session's expiresAt must be an ISO 8601 instant, not "${session.expiresAt}"`);
    await this.collection.replaceOne({ _id: id }, { personalId: session.personalId, data: { ...session.data }, expiresAt }, { upsert: true });
  }

  async destroy(id: string): Promise<void> {
    await this.collection.deleteOne({ _id: id });
  }

  async destroyAllOf(personalId: string): Promise<number> {
    return (await this.collection.deleteMany({ personalId })).deletedCount;
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.collection.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }

  /** The database belongs to the read store, which closes the client. */
  async close(): Promise<void> {}
}
