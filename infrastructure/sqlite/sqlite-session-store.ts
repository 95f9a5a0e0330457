/**
 * The browser sessions on the embedded stores: DATA_DIR/sessions.sqlite, shared by every API process on
 * the machine, one row per session. WAL, synchronous NORMAL: a power cut may lose the last sign-ins or
 * "last seen" updates, which only means signing in again.
 */
import Database from 'better-sqlite3';
import type { SessionStore, StoredSession } from '../../application/ports/sessions';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id          TEXT    PRIMARY KEY,
  personal_id TEXT,
  data        TEXT    NOT NULL,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_by_person ON sessions (personal_id) WHERE personal_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_at);
`;

interface Row {
  readonly personal_id: string | null;
  readonly data: string;
  readonly expires_at: number;
}

export class SqliteSessionStore implements SessionStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly read: Database.Statement<[string], Row>;
  private readonly write: Database.Statement<[string, string | null, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly removeAllOf: Database.Statement<[string]>;
  private readonly removeExpired: Database.Statement<[number]>;
  private closed = false;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.read = this.db.prepare<[string], Row>('SELECT personal_id, data, expires_at FROM sessions WHERE id = ?');
    this.write = this.db.prepare<[string, string | null, string, number]>(
      'INSERT INTO sessions (id, personal_id, data, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET personal_id = excluded.personal_id, data = excluded.data, expires_at = excluded.expires_at',
    );
    this.remove = this.db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
    this.removeAllOf = this.db.prepare<[string]>('DELETE FROM sessions WHERE personal_id = ?');
    this.removeExpired = this.db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');
  }

  private open(): void {
    if (this.closed) throw new Error('The session store is closed');
  }

  async get(id: string, now: Date): Promise<StoredSession | null> {
    this.open();
    const row = this.read.get(id);
    if (!row) return null;
    if (row.expires_at <= now.getTime()) {
      this.remove.run(id);
      return null;
    }
    return { data: JSON.parse(row.data) as Record<string, unknown>, personalId: row.personal_id, expiresAt: new Date(row.expires_at).toISOString() };
  }

  async set(id: string, session: StoredSession): Promise<void> {
    this.open();
    const expiresAt = Date.parse(session.expiresAt);
    if (Number.isNaN(expiresAt)) throw new Error(`A session's expiresAt must be an ISO 8601 instant, not "${session.expiresAt}"`);
    this.write.run(id, session.personalId, JSON.stringify(session.data), expiresAt);
  }

  async destroy(id: string): Promise<void> {
    this.open();
    this.remove.run(id);
  }

  async destroyAllOf(personalId: string): Promise<number> {
    this.open();
    return this.removeAllOf.run(personalId).changes;
  }

  async purgeExpired(now: Date): Promise<number> {
    this.open();
    return this.removeExpired.run(now.getTime()).changes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
