/**
 * Webhook delivery checkpoints and feed consumers' checkpoints in DATA_DIR/integrations.sqlite (WAL,
 * synchronous=FULL: a recorded delivery survives a power cut, so a restart never delivers out of order or
 * loses one). Positions are decimal text; `max` of positions is taken in the UPDATE itself, so two
 * connections (two processes) never move a checkpoint backwards.
 */
import Database from 'better-sqlite3';
import type { EventConsumerCheckpoint, EventConsumerStore, IntegrationStateStore, WebhookDeliveryState } from '../../application/ports/integration-state';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  webhook_id         TEXT PRIMARY KEY,
  delivered_position TEXT NOT NULL,
  state              TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_consumers (
  integration     TEXT NOT NULL,
  consumer        TEXT NOT NULL,
  position        TEXT,
  category        TEXT,
  created_at      TEXT NOT NULL,
  acknowledged_at TEXT,
  PRIMARY KEY (integration, consumer)
) WITHOUT ROWID;
`;

interface ConsumerRow {
  integration: string;
  consumer: string;
  position: string | null;
  category: string | null;
  created_at: string;
  acknowledged_at: string | null;
}

const consumerOf = (row: ConsumerRow): EventConsumerCheckpoint => ({
  integration: row.integration,
  consumer: row.consumer,
  position: row.position === null ? null : BigInt(row.position),
  category: row.category,
  createdAt: row.created_at,
  acknowledgedAt: row.acknowledged_at,
});

/** Positions compare as numbers: text of different lengths orders by length first. */
const greater = (a: string, b: string): boolean => (a.length !== b.length ? a.length > b.length : a > b);

export class SqliteIntegrationState implements IntegrationStateStore {
  private readonly db: Database.Database;
  private closed = false;
  readonly consumers: EventConsumerStore;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    const db = this.db;
    const getConsumer = db.prepare<[string, string], ConsumerRow>('SELECT * FROM event_consumers WHERE integration = ? AND consumer = ?');
    const insertConsumer = db.prepare('INSERT OR IGNORE INTO event_consumers (integration, consumer, position, category, created_at, acknowledged_at) VALUES (?, ?, NULL, ?, ?, NULL)');
    const setCategory = db.prepare('UPDATE event_consumers SET category = ? WHERE integration = ? AND consumer = ?');
    const setPosition = db.prepare('UPDATE event_consumers SET position = ?, acknowledged_at = ? WHERE integration = ? AND consumer = ?');
    const touch = db.transaction((integration: string, consumer: string, category: string | null, now: string) => {
      insertConsumer.run(integration, consumer, category, now);
      setCategory.run(category, integration, consumer);
      return getConsumer.get(integration, consumer)!;
    });
    const acknowledge = db.transaction((integration: string, consumer: string, position: string, now: string) => {
      insertConsumer.run(integration, consumer, null, now);
      const row = getConsumer.get(integration, consumer)!;
      if (row.position === null || greater(position, row.position)) setPosition.run(position, now, integration, consumer);
      return getConsumer.get(integration, consumer)!;
    });
    const all = db.prepare<[], ConsumerRow>('SELECT * FROM event_consumers ORDER BY integration, consumer');
    this.consumers = {
      get: async (integration, consumer) => {
        this.assertOpen();
        const row = getConsumer.get(integration, consumer);
        return row ? consumerOf(row) : null;
      },
      touch: async (integration, consumer, category, now) => {
        this.assertOpen();
        return consumerOf(touch.immediate(integration, consumer, category, now.toISOString()));
      },
      acknowledge: async (integration, consumer, position, now) => {
        this.assertOpen();
        if (position < 0n) throw new Error('A consumer position is never negative');
        return consumerOf(acknowledge.immediate(integration, consumer, position.toString(), now.toISOString()));
      },
      list: async () => {
        this.assertOpen();
        return all.all().map(consumerOf);
      },
    };
  }

  async get(webhookId: string): Promise<WebhookDeliveryState | null> {
    this.assertOpen();
    const row = this.db.prepare<[string], { state: string; delivered_position: string }>('SELECT state, delivered_position FROM webhook_deliveries WHERE webhook_id = ?').get(webhookId);
    if (!row) return null;
    const s = JSON.parse(row.state) as Omit<WebhookDeliveryState, 'deliveredPosition' | 'pendingPosition'> & { pendingPosition: string | null };
    return { ...s, deliveredPosition: BigInt(row.delivered_position), pendingPosition: s.pendingPosition === null ? null : BigInt(s.pendingPosition) };
  }

  async save(state: WebhookDeliveryState): Promise<void> {
    this.assertOpen();
    const { deliveredPosition, pendingPosition, ...rest } = state;
    const text = JSON.stringify({ ...rest, pendingPosition: pendingPosition === null ? null : pendingPosition.toString() });
    this.db
      .transaction(() => {
        const row = this.db.prepare<[string], { delivered_position: string }>('SELECT delivered_position FROM webhook_deliveries WHERE webhook_id = ?').get(state.webhookId);
        if (row && greater(row.delivered_position, deliveredPosition.toString())) return;
        this.db
          .prepare('INSERT INTO webhook_deliveries (webhook_id, delivered_position, state) VALUES (?, ?, ?) ON CONFLICT (webhook_id) DO UPDATE SET delivered_position = excluded.delivered_position, state = excluded.state')
          .run(state.webhookId, deliveredPosition.toString(), text);
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The integration state store is closed');
  }
}
