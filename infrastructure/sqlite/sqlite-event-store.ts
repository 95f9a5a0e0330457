/**
 * The embedded event store: one SQLite file (WAL, synchronous=FULL) under DATA_DIR.
 *
 * - The global position is SQLite's INTEGER PRIMARY KEY: the log is append-only and a rolled-back
 *   transaction burns no rowid, so positions are gap-free and follow commit order (one writer at a time).
 * - Appends that arrive together are group-committed: one transaction, one fsync, but each append
 *   runs in its own savepoint with its own expected-revision check and its own result. Nothing is
 *   acknowledged before the transaction is durable.
 * - Reads take `data` and `metadata` as text and decode metadata and the exact bytes only when read
 *   (`recordedEventFromText`): most of what reading the log cost was Buffers and their decoding.
 * - Subscriptions pull from the table (catch-up and live are the same query), woken by this
 *   process's commits and by `PRAGMA data_version`, which changes when another process commits.
 */
import Database from 'better-sqlite3';
import type { AppendOutcome, AppendRequest } from './append-batch';
import { RecentEvents } from './recent-events';
import { SqliteWriter } from './sqlite-writer';
import { Observable, Subject } from 'rxjs';
import { assertExpectedRevision, checkExpected } from '../../application/expected-revision';
import { decodeJson, encodeEvents, assertStreamId, recordedEventFromText, type EncodedEvent } from '../../application/event-encoding';
import {
  CommandAlreadyRecorded,
  categoryOf,
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamInfo,
  type SubscribeOptions,
} from '../../application/ports/event-store';

/**
 * A row as the reads return it: raw (an array, no object per row) with `data` and `metadata` as text
 * (`CAST(... AS TEXT)`: SQLite hands the stored UTF-8 over as a string, with no Buffer per column and no
 * Buffer-to-string decoding; the exact bytes are made again from the text, see `toRecorded`).
 */
type EventRow = [position: number, streamId: string, revision: number, type: string, data: string, metadata: string];

/** The columns of an EventRow. */
const EVENT_COLUMNS = 'position, stream_id, revision, type, CAST(data AS TEXT), CAST(metadata AS TEXT)';

interface PendingAppend extends AppendRequest {
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

export interface SqliteEventStoreOptions {
  /** How often to look for commits by other processes while someone subscribes (ms). */
  readonly pollIntervalMs?: number;
  /** Events read per batch during catch-up. */
  readonly batchSize?: number;
  /** `FULL` (default): an acknowledged append survives a power cut. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * Live subscriptions read at most once per this many ms (default 0: after every commit). The first
   * commit after a quiet spell is delivered at once; under load, the commits of the interval are read
   * together — fewer, larger reads and read-model writes, at the cost of that much latency.
   */
  readonly liveIntervalMs?: number;
  /**
   * Commit appends on a worker thread with its own connection (default false). better-sqlite3 runs a
   * COMMIT, and its fsync, on the calling thread: a server's event loop would stand still for every
   * one. With a writer thread it goes on serving while a batch commits, and the appends arriving
   * meanwhile form the next batch. An append is still acknowledged only after its COMMIT returned.
   */
  readonly writerThread?: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  category    TEXT    NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        BLOB    NOT NULL,
  metadata    BLOB    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_category ON events (category, position);
CREATE TABLE IF NOT EXISTS streams (
  stream_id     TEXT PRIMARY KEY,
  revision      INTEGER NOT NULL,
  last_position INTEGER NOT NULL,
  created_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commands (
  command_id  TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  stream_id   TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  position    INTEGER NOT NULL
) WITHOUT ROWID;
`;

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  /** The command index is written in the events' transaction. */
  readonly commandIndexAtomic = true;
  private readonly db: Database.Database;
  private readonly changes = new Subject<void>();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private subscribers = 0;
  private poller: NodeJS.Timeout | undefined;
  private lastDataVersion = 0;
  private closed = false;
  private readonly batchSize: number;
  /** The newest events read, shared by the readers following the head (recent-events.ts). */
  private readonly recent: RecentEvents;
  private readonly pollIntervalMs: number;
  private readonly liveIntervalMs: number;
  /** Writer-thread mode: commits happen there (see `writerThread`); the batch being committed. */
  private readonly writer: SqliteWriter | null;
  private inFlight: Promise<void> | null = null;
  private readonly appendTransaction: Database.Transaction<(req: AppendRequest) => AppendResult>;
  private readonly batchTransaction: Database.Transaction<(batch: readonly AppendRequest[]) => AppendOutcome[]>;
  private readonly stmt: ReturnType<SqliteEventStore['prepare']>;

  constructor(readonly file: string, options: SqliteEventStoreOptions = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    this.batchSize = options.batchSize ?? 1000;
    // One catch-up batch: readers following the head need the commits of one live interval (a few hundred).
    this.recent = new RecentEvents(this.batchSize);
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.liveIntervalMs = options.liveIntervalMs ?? 0;
    this.stmt = this.prepare();
    this.writer = options.writerThread ? new SqliteWriter(file, options.synchronous ?? 'FULL') : null;
    // Made once: better-sqlite3 builds a transaction's wrappers when asked for one.
    this.appendTransaction = this.db.transaction((req: AppendRequest) => this.appendInTransaction(req));
    this.batchTransaction = this.db.transaction((batch: readonly AppendRequest[]) => {
      const outcomes: AppendOutcome[] = [];
      for (const req of batch) {
        try {
          // A nested better-sqlite3 transaction is a savepoint: a refused append rolls back alone.
          outcomes.push({ ok: this.appendTransaction(req) });
        } catch (error) {
          outcomes.push({ error });
        }
      }
      return outcomes;
    });
  }

  private prepare() {
    const db = this.db;
    // The reads take data and metadata as text (EVENT_COLUMNS): that is their stored UTF-8 only in a UTF-8 database.
    if (db.pragma('encoding', { simple: true }) !== 'UTF-8') throw new Error(`${this.file} is not a UTF-8 SQLite database`);
    return {
      streamRevision: db.prepare<[string], { revision: number }>('SELECT revision FROM streams WHERE stream_id = ?'),
      insertEvent: db.prepare<[string, number, string, string, string, Buffer, Buffer]>(
        'INSERT INTO events (stream_id, revision, category, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      upsertStream: db.prepare<[string, number, number, string]>(
        `INSERT INTO streams (stream_id, revision, last_position, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_position = excluded.last_position`,
      ),
      findCommand: db.prepare<[string], { command_id: string; fingerprint: string; stream_id: string; revision: number; position: number }>(
        'SELECT command_id, fingerprint, stream_id, revision, position FROM commands WHERE command_id = ?',
      ),
      insertCommand: db.prepare<[string, string, string, number, number]>(
        'INSERT INTO commands (command_id, fingerprint, stream_id, revision, position) VALUES (?, ?, ?, ?, ?)',
      ),
      readForwards: db
        .prepare<[string, number, number, number], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ? ORDER BY revision LIMIT ?`,
        )
        .raw(true),
      readBackwards: db
        .prepare<[string, number, number, number], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? AND revision >= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(true),
      readAll: db.prepare<[number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      readCategory: db
        .prepare<[string, number, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE category = ? AND position > ? ORDER BY position LIMIT ?`)
        .raw(true),
      storedBytes: db.prepare<[number], { data: Buffer; metadata: Buffer }>('SELECT data, metadata FROM events WHERE position = ?'),
      head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
      streamInfo: db.prepare<[string], { stream_id: string; revision: number; last_position: number; created_at: string }>(
        'SELECT stream_id, revision, last_position, created_at FROM streams WHERE stream_id = ?',
      ),
    };
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('The event store is closed'));
    let encoded: EncodedEvent[];
    try {
      encoded = encodeEvents(streamId, events);
      assertExpectedRevision(options.expectedRevision);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, encoded, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** One transaction for every append queued since the last flush (group commit). */
  private flush(): void {
    this.flushScheduled = false;
    if (this.writer) {
      this.flushToWriter(this.writer);
      return;
    }
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: AppendOutcome[];
    try {
      outcomes = this.commitBatch(batch);
    } catch (error) {
      for (const req of batch) req.reject(error);
      return;
    }
    this.settle(batch, outcomes);
  }

  /** Resolves or rejects each append of a committed batch, then wakes the subscriptions. */
  private settle(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[]): void {
    batch.forEach((req, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) req.resolve(outcome.ok);
      else req.reject(outcome.error);
    });
    if (outcomes.some((o) => 'ok' in o)) this.changes.next();
  }

  /**
   * Appends a batch in one transaction on this connection, each append with its own revision check
   * (a savepoint when there are several, so a refused one rolls back alone). Throws only when the
   * transaction as a whole fails (nothing of the batch is then committed). Used by `flush`, and by the
   * writer thread (sqlite-writer.ts) on its own connection.
   */
  commitBatch(batch: readonly AppendRequest[]): AppendOutcome[] {
    if (batch.length === 1) {
      // Alone in its transaction: no savepoint needed, a refusal rolls back the transaction itself.
      try {
        return [{ ok: this.appendTransaction.immediate(batch[0]) }];
      } catch (error) {
        return [{ error }];
      }
    }
    return this.batchTransaction.immediate(batch);
  }

  /** Writer-thread mode: one batch at a time to the writer; appends arriving meanwhile form the next. */
  private flushToWriter(writer: SqliteWriter): void {
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = writer
      .commit(batch)
      .then(
        (outcomes) => this.settle(batch, outcomes),
        (error: unknown) => batch.forEach((req) => req.reject(error)),
      )
      .finally(() => {
        this.inFlight = null;
        if (this.queue.length > 0) this.flush();
      });
  }

  private appendInTransaction({ streamId, encoded, options }: AppendRequest): AppendResult {
    const current = this.stmt.streamRevision.get(streamId)?.revision ?? -1;
    checkExpected(streamId, options.expectedRevision, current);
    if (options.command) {
      const prior = this.stmt.findCommand.get(options.command.commandId);
      if (prior) throw new CommandAlreadyRecorded(toCommandRecord(prior));
    }
    const category = categoryOf(streamId);
    let revision = current;
    let first = 0;
    let last = 0;
    for (const event of encoded) {
      revision += 1;
      const info = this.stmt.insertEvent.run(streamId, revision, category, event.eventId, event.type, event.dataBytes, event.metadataBytes);
      last = Number(info.lastInsertRowid);
      if (first === 0) first = last;
    }
    this.stmt.upsertStream.run(streamId, revision, last, new Date().toISOString());
    if (options.command) {
      this.stmt.insertCommand.run(options.command.commandId, options.command.fingerprint, streamId, revision, last);
    }
    return { nextRevision: revision, firstPosition: BigInt(first), lastPosition: BigInt(last) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamSync(streamId, options);
  }

  readStreamSync(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    assertStreamId(streamId);
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.stmt.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, options.toRevision ?? 0, max)
        : this.stmt.readForwards.all(streamId, options.fromRevision ?? 0, options.toRevision ?? Number.MAX_SAFE_INTEGER, max);
    return this.decode(rows);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  readAllSync(options: ReadAllOptions = {}): RecordedEvent[] {
    const after = Number(options.after ?? 0n);
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.category !== undefined) return this.decode(this.stmt.readCategory.all(options.category, after, max));
    return this.recent.read(after, max, this.readFromLog);
  }

  private readonly readFromLog = (after: number, max: number): RecordedEvent[] => this.decode(this.stmt.readAll.all(after, max));

  /** Rows (in order) to RecordedEvents. */
  private decode(rows: readonly EventRow[]): RecordedEvent[] {
    const events: RecordedEvent[] = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = this.toRecorded(rows[i]);
    return events;
  }

  /** Metadata and the bytes are decoded from the text when first read (`recordedEventFromText`). */
  private toRecorded(row: EventRow): RecordedEvent {
    const position = row[0];
    const event = recordedEventFromText(row[1], row[3], row[2], BigInt(position), row[4], row[5]);
    if (event !== null) return event;
    // The text does not tell the bytes (a U+FFFD in it): the stored bytes themselves, decoded from them.
    const stored = this.stmt.storedBytes.get(position);
    if (!stored) throw new Error(`Event at position ${position} vanished while being read`);
    return {
      streamId: row[1],
      type: row[3],
      revision: row[2],
      position: BigInt(position),
      data: decodeJson(stored.data),
      metadata: decodeJson(stored.metadata) as EventMetadata,
      dataBytes: stored.data,
      metadataBytes: stored.metadata,
    };
  }

  subscribe(options: SubscribeOptions = {}): Observable<RecordedEvent> {
    return new Observable<RecordedEvent>((subscriber) => {
      let last = options.after ?? 0n;
      let stopped = false;
      let running = false;
      let again = false;
      const pump = async (): Promise<void> => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            for (;;) {
              if (stopped || this.closed) return;
              const batch = this.readAllSync({ after: last, maxCount: this.batchSize, category: options.category });
              for (const event of batch) {
                if (stopped) return;
                last = event.position;
                subscriber.next(event);
              }
              if (batch.length < this.batchSize) break;
              // Let the rest of the process breathe between catch-up batches.
              await new Promise((r) => setImmediate(r));
            }
          } while (again && !stopped);
        } catch (error) {
          if (!stopped) subscriber.error(error);
        } finally {
          running = false;
        }
      };
      let lastPump = 0;
      let delayed: NodeJS.Timeout | undefined;
      const pumpNow = (): void => {
        lastPump = Date.now();
        void pump();
      };
      const wake = this.changes.subscribe(() => {
        if (this.liveIntervalMs <= 0) return void pump();
        if (delayed) return;
        const wait = lastPump + this.liveIntervalMs - Date.now();
        if (wait <= 0) return pumpNow();
        delayed = setTimeout(() => {
          delayed = undefined;
          pumpNow();
        }, wait);
      });
      this.watchOtherProcesses(+1);
      setImmediate(pumpNow);
      return () => {
        stopped = true;
        if (delayed) clearTimeout(delayed);
        wake.unsubscribe();
        this.watchOtherProcesses(-1);
      };
    });
  }

  /** Tells `listener` after each commit of this connection (to wake readers on other connections). */
  onCommit(listener: () => void): () => void {
    const subscription = this.changes.subscribe(listener);
    return () => subscription.unsubscribe();
  }

  /**
   * Another connection committed: look for new events now rather than at the next `data_version`
   * poll (a thread told by the writer calls this).
   */
  wake(): void {
    if (!this.closed) this.changes.next();
  }

  private watchOtherProcesses(delta: number): void {
    this.subscribers += delta;
    if (this.subscribers > 0 && !this.poller && !this.closed) {
      this.lastDataVersion = this.dataVersion();
      this.poller = setInterval(() => {
        if (this.closed) return;
        const version = this.dataVersion();
        if (version !== this.lastDataVersion) {
          this.lastDataVersion = version;
          this.changes.next();
        }
      }, this.pollIntervalMs);
      this.poller.unref();
    } else if (this.subscribers === 0 && this.poller) {
      clearInterval(this.poller);
      this.poller = undefined;
    }
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  async headPosition(): Promise<bigint | null> {
    return this.headPositionSync();
  }

  headPositionSync(): bigint | null {
    const head = this.stmt.head.get()?.head;
    return head === null || head === undefined ? null : BigInt(head);
  }

  async streamInfo(streamId: string): Promise<StreamInfo | null> {
    const row = this.stmt.streamInfo.get(streamId);
    return row ? { streamId: row.stream_id, revision: row.revision, lastPosition: BigInt(row.last_position), createdAt: row.created_at } : null;
  }

  async findCommand(commandId: string): Promise<CommandRecord | null> {
    const row = this.stmt.findCommand.get(commandId);
    return row ? toCommandRecord(row) : null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed before the file closes.
    if (this.queue.length > 0) this.flush();
    if (this.writer) {
      while (this.inFlight) await this.inFlight;
      await this.writer.close();
    }
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    this.changes.complete();
    this.db.close();
  }
}

const toCommandRecord = (row: { command_id: string; fingerprint: string; stream_id: string; revision: number; position: number }): CommandRecord => ({
  commandId: row.command_id,
  fingerprint: row.fingerprint,
  streamId: row.stream_id,
  revision: row.revision,
  position: BigInt(row.position),
});

