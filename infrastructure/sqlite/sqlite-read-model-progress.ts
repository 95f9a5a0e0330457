/**
 * ReadModelProgress on the embedded read store: a connection of its own to the read store's file
 * (DATA_DIR/read.sqlite) that only reads the active generations' checkpoints. Another connection's commit
 * — the projector thread's, a `hamaynk projector` process's — changes this connection's
 * `PRAGMA data_version`, which is polled (a few microseconds, no I/O) only while someone waits.
 */
import Database from 'better-sqlite3';
import type { ReadModelProgress } from '../../application/ports/read-model-progress';

export interface SqliteReadModelProgressOptions {
  /** How often `PRAGMA data_version` is looked at while someone waits (ms, default 2). */
  readonly pollIntervalMs?: number;
}

export class SqliteReadModelProgress implements ReadModelProgress {
  private readonly db: Database.Database;
  private readonly checkpoint: Database.Statement<[{ p: string }], { position: bigint }>;
  private readonly snapshot: Database.Transaction<(names: readonly string[]) => Map<string, bigint>>;
  private readonly listeners = new Set<() => void>();
  private readonly pollIntervalMs: number;
  private poller: NodeJS.Timeout | undefined;
  private lastVersion = 0;
  private closed = false;

  /** `file` is the read store's file; the read store creates its tables before this opens it. */
  constructor(
    readonly file: string,
    options: SqliteReadModelProgressOptions = {},
  ) {
    this.pollIntervalMs = Math.max(1, options.pollIntervalMs ?? 2);
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma('busy_timeout = 10000');
    // The active generation is 0 until a rebuild switched one in (as SqliteReadStore resolves it).
    this.checkpoint = this.db
      .prepare<[{ p: string }], { position: bigint }>(
        `SELECT coalesce((SELECT c.position FROM projection_checkpoints c
                           WHERE c.projection = @p
                             AND c.generation = coalesce((SELECT g.generation FROM projection_generations g WHERE g.projection = @p AND g.state = 'active'), 0)), 0) AS position`,
      )
      .safeIntegers(true);
    // One read transaction: every checkpoint from the same snapshot.
    this.snapshot = this.db.transaction((names: readonly string[]) => {
      const out = new Map<string, bigint>();
      for (const p of names) out.set(p, this.checkpoint.get({ p })?.position ?? 0n);
      return out;
    });
  }

  async positions(projections: readonly string[]): Promise<ReadonlyMap<string, bigint>> {
    if (this.closed) throw new Error('The read-model progress reader is closed');
    return this.snapshot.deferred(projections);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.poller && !this.closed) {
      this.lastVersion = this.dataVersion();
      this.poller = setInterval(() => this.poll(), this.pollIntervalMs);
      this.poller.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.poller) {
        clearInterval(this.poller);
        this.poller = undefined;
      }
    };
  }

  private poll(): void {
    if (this.closed) return;
    const version = this.dataVersion();
    if (version === this.lastVersion) return;
    this.lastVersion = version;
    for (const listener of [...this.listeners]) listener();
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    this.listeners.clear();
    this.db.close();
  }
}
