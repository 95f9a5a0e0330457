/**
 * CallerPositions on the embedded stores: a small SQLite file of its own (DATA_DIR/callers.sqlite) shared
 * by every API process on the machine, one row per caller. Not in the read store's file: the projector
 * holds that file's write lock for whole batches, and a mutation's answer must not wait for one.
 *
 * The records made in one turn of the event loop are written in one transaction (each mutation's answer
 * waits for it, so another process reading the row after the answer sees it). WAL, synchronous NORMAL:
 * a power cut may lose the last records, which only means a query right after a restart does not wait.
 */
import Database from 'better-sqlite3';
import type { CallerPositions } from '../../application/ports/read-model-progress';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS caller_positions (
  caller   TEXT    PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
`;

interface Pending {
  readonly positions: Map<string, bigint>;
  readonly done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

export class SqliteCallerPositions implements CallerPositions {
  private readonly db: Database.Database;
  private readonly read: Database.Statement<[string], { position: bigint }>;
  private readonly writeAll: Database.Transaction<(positions: ReadonlyMap<string, bigint>) => void>;
  private pending: Pending | null = null;
  private closed = false;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.read = this.db.prepare<[string], { position: bigint }>('SELECT position FROM caller_positions WHERE caller = ?').safeIntegers(true);
    const upsert = this.db.prepare<[string, bigint]>(
      'INSERT INTO caller_positions (caller, position) VALUES (?, ?) ON CONFLICT (caller) DO UPDATE SET position = max(position, excluded.position)',
    );
    this.writeAll = this.db.transaction((positions: ReadonlyMap<string, bigint>) => {
      for (const [caller, position] of positions) upsert.run(caller, position);
    });
  }

  record(caller: string, position: bigint): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The caller positions are closed'));
    if (!this.pending) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.pending = { positions: new Map(), done, resolve, reject };
      setImmediate(() => this.flush());
    }
    const { positions } = this.pending;
    const known = positions.get(caller);
    if (known === undefined || position > known) positions.set(caller, position);
    return this.pending.done;
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = null;
    if (!batch) return;
    try {
      this.writeAll.immediate(batch.positions);
      batch.resolve();
    } catch (error) {
      batch.reject(error);
    }
  }

  async get(caller: string): Promise<bigint | null> {
    if (this.closed) throw new Error('The caller positions are closed');
    return this.read.get(caller)?.position ?? null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }
}
