/**
 * Checkpoints of event-log consumers (process managers) in a `checkpoints` table of the SAME SQLite
 * file as the event log, on a connection of its own (WAL, synchronous=FULL: a recorded checkpoint
 * survives a power cut). Positions are kept as decimal text, so any 64-bit position fits.
 */
import Database from 'better-sqlite3';
import type { CheckpointStore } from '../../application/ports/checkpoint-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  name       TEXT PRIMARY KEY,
  position   TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
`;

export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { position: string }>;
  private readonly setStmt: Database.Statement<[string, string, string]>;
  private closed = false;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.getStmt = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.setStmt = this.db.prepare(
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  async get(name: string): Promise<bigint | null> {
    this.assertOpen();
    const row = this.getStmt.get(name);
    return row ? BigInt(row.position) : null;
  }

  async set(name: string, position: bigint): Promise<void> {
    this.assertOpen();
    if (typeof position !== 'bigint' || position < 0n) throw new Error(`Checkpoint position must be a non-negative bigint, not ${String(position)}`);
    this.setStmt.run(name, position.toString(), new Date().toISOString());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The checkpoint store is closed');
  }
}
