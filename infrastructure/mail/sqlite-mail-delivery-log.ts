/**
 * The record of mailed notifications, `DATA_DIR/mail.sqlite`: one row per event (its id is the primary
 * key, so a message can be recorded only once), with its status, attempts and the message as queued, and
 * the cursor of the outbox queued so far. WAL with synchronous=FULL: a transaction that returned is on
 * disk, so `sending` is durable before the relay is spoken to (application/notifications/mail-sender.ts).
 */
import Database from 'better-sqlite3';
import { DELIVERY_STATUSES, type Delivery, type DeliveryOutcome, type DeliveryStatus, type MailDeliveryLog } from '../../application/ports/mail';

export const MAIL_FILE = 'mail.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  event_id     TEXT PRIMARY KEY,
  seq          TEXT NOT NULL,
  recipient_id TEXT NOT NULL,
  mail         TEXT,
  status       TEXT NOT NULL,
  attempts     INTEGER NOT NULL,
  due_at       INTEGER NOT NULL,
  last_error   TEXT,
  sent_at      TEXT,
  updated_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, due_at, seq);
CREATE TABLE IF NOT EXISTS mail_cursor (
  name  TEXT PRIMARY KEY,
  seq   TEXT NOT NULL
) WITHOUT ROWID;
`;

interface Row {
  event_id: string;
  seq: string;
  recipient_id: string;
  mail: string | null;
  status: DeliveryStatus;
  attempts: number;
  due_at: number;
  last_error: string | null;
  sent_at: string | null;
}

const fromRow = (r: Row): Delivery => ({
  eventId: r.event_id,
  seq: r.seq,
  recipientId: r.recipient_id,
  mail: r.mail === null ? null : (JSON.parse(r.mail) as Delivery['mail']),
  status: r.status,
  attempts: r.attempts,
  dueAt: r.due_at,
  lastError: r.last_error,
  sentAt: r.sent_at,
});

export class SqliteMailDeliveryLog implements MailDeliveryLog {
  private readonly db: Database.Database;
  private closed = false;
  private readonly stmts;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.stmts = {
      cursor: this.db.prepare<[], { seq: string }>(`SELECT seq FROM mail_cursor WHERE name = 'outbox'`),
      setCursor: this.db.prepare<[string]>(`INSERT INTO mail_cursor (name, seq) VALUES ('outbox', ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > mail_cursor.seq`),
      insert: this.db.prepare<[string, string, string, string | null, string, number, number, string]>(
        `INSERT INTO deliveries (event_id, seq, recipient_id, mail, status, attempts, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
      ),
      interrupted: this.db.prepare<[string]>(`UPDATE deliveries SET status = 'uncertain', last_error = 'the sender stopped while sending it', updated_at = ? WHERE status = 'sending'`),
      due: this.db.prepare<[number, number], Row>(`SELECT * FROM deliveries WHERE status IN ('queued', 'retry') AND due_at <= ? ORDER BY seq LIMIT ?`),
      claim: this.db.prepare<[string, string]>(`UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE event_id = ? AND status IN ('queued', 'retry')`),
      settle: this.db.prepare<[string, number | null, string | null, string | null, string, string]>(
        `UPDATE deliveries SET status = ?, due_at = COALESCE(?, due_at), last_error = ?, sent_at = ?, updated_at = ? WHERE event_id = ? AND status = 'sending'`,
      ),
      nextDue: this.db.prepare<[], { due: number | null }>(`SELECT MIN(due_at) AS due FROM deliveries WHERE status IN ('queued', 'retry')`),
      get: this.db.prepare<[string], Row>(`SELECT * FROM deliveries WHERE event_id = ?`),
      counts: this.db.prepare<[], { status: DeliveryStatus; n: number }>(`SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status`),
    };
  }

  async cursor(): Promise<string | null> {
    this.assertOpen();
    return this.stmts.cursor.get()?.seq ?? null;
  }

  async enqueue(deliveries: readonly Delivery[], cursor: string): Promise<void> {
    this.assertOpen();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const d of deliveries) this.stmts.insert.run(d.eventId, d.seq, d.recipientId, d.mail === null ? null : JSON.stringify(d.mail), d.status, d.attempts, d.dueAt, now);
      this.stmts.setCursor.run(cursor);
    })();
  }

  async recoverInterrupted(at: string): Promise<number> {
    this.assertOpen();
    return this.stmts.interrupted.run(at).changes;
  }

  async claimDue(now: number, limit: number): Promise<Delivery[]> {
    this.assertOpen();
    const at = new Date(now).toISOString();
    return this.db.transaction(() => {
      const rows = this.stmts.due.all(now, limit);
      for (const r of rows) this.stmts.claim.run(at, r.event_id);
      return rows.map((r) => fromRow({ ...r, status: 'sending', attempts: r.attempts + 1 }));
    }).immediate();
  }

  async settle(outcomes: readonly DeliveryOutcome[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (const o of outcomes) this.stmts.settle.run(o.status, o.dueAt ?? null, o.error ?? null, o.status === 'sent' ? o.at : null, o.at, o.eventId);
    })();
  }

  async nextDueAt(): Promise<number | null> {
    this.assertOpen();
    return this.stmts.nextDue.get()?.due ?? null;
  }

  async get(eventId: string): Promise<Delivery | null> {
    this.assertOpen();
    const row = this.stmts.get.get(eventId);
    return row ? fromRow(row) : null;
  }

  async counts(): Promise<Record<DeliveryStatus, number>> {
    this.assertOpen();
    const out = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const { status, n } of this.stmts.counts.all()) out[status] = n;
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The mail delivery log is closed');
  }
}
