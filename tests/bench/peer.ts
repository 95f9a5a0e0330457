/**
 * The peer: @event-driven-io/emmett-sqlite (its own SQLite event store, its own file), used through its
 * public API (`getSQLiteEventStore(...).appendToStream / readStream`) for the measured rows; its log is
 * pre-filled with the same events as Hamaynk's (`fillPeerFrom`).
 *
 * Durability: emmett-sqlite sets only `PRAGMA journal_mode = WAL` on each connection it opens and leaves
 * `synchronous` at the sqlite3 build's default, which `peerSynchronous` reads back (FULL = 2 with the
 * sqlite3 5.1.7 build: DEFAULT_WAL_SYNCHRONOUS=2) — the same as Hamaynk's store.
 */
import {
  createEventStoreSchema,
  getSQLiteEventStore,
  sqliteConnection,
  type SQLiteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import Database from 'better-sqlite3';
import type { NewEvent } from '../../application/ports/event-store';

export type PeerEvent = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

export const toPeerEvent = (e: NewEvent): PeerEvent => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { ...e.metadata } });

export const openPeer = (file: string): SQLiteEventStore => getSQLiteEventStore({ fileName: file });

/** Failed peer calls retried so far (see `retryBusy`). */
export const peerRetries = { busy: 0 };

/**
 * Runs a peer call, again when it fails with SQLITE_BUSY "cannot commit transaction - SQL statements in
 * progress": emmett-sqlite 0.38.5 reads `INSERT/UPDATE … RETURNING` with sqlite3's `get` and commits
 * without waiting for that statement to be finalized (sqlite3 runs them in parallel), so a commit now and
 * then finds it still active; the transaction is rolled back and a caller has to try again. Its own
 * `console.log` of the error is silenced; the retries are counted (`peerRetries`) and reported.
 */
export const retryBusy = async <T>(call: () => Promise<T>): Promise<T> => {
  const log = console.log;
  console.log = () => undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 10) throw error;
        peerRetries.busy += 1;
      }
    }
  } finally {
    console.log = log;
  }
};

/** The `synchronous` setting (0 OFF, 1 NORMAL, 2 FULL) of a connection opened as emmett-sqlite opens them. */
export const peerSynchronous = async (file: string): Promise<number> => {
  const connection = sqliteConnection({ fileName: file });
  try {
    const row = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
    return row?.synchronous ?? -1;
  } finally {
    connection.close();
  }
};

/**
 * Fills a new peer file with the same events as Hamaynk's filled log `from`, in emmett-sqlite's own
 * tables (made by its `createEventStoreSchema`), by SQL: one `emt_streams` row per stream and one
 * `emt_messages` row per event, in log order, with the values emmett-sqlite 0.38.5 itself writes
 * (stream positions from 1, message partition `emt:default`, stream partition `[object Object]` — what
 * its appendToStream binds there — the metadata with streamName, messageId and streamPosition added).
 * Appending through emmett's code would take minutes for 10^6 events; `checkPeer` then reads and
 * appends through its public API to prove the file is one it works with.
 */
export const fillPeerFrom = async (from: string, file: string): Promise<void> => {
  const connection: SQLiteConnection = sqliteConnection({ fileName: file });
  try {
    await createEventStoreSchema(connection);
  } finally {
    connection.close();
  }
  // sqlite3 closes asynchronously; better-sqlite3 waits for its lock (busy_timeout).
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.prepare('ATTACH DATABASE ? AS h').run(from);
    db.exec(`BEGIN;
      INSERT INTO emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
        SELECT stream_id, revision + 1, '[object Object]', substr(stream_id, 1, instr(stream_id, '-') - 1), '[]', 0 FROM h.streams;
      INSERT INTO emt_messages (stream_id, stream_position, partition, message_kind, message_data, message_metadata, message_schema_version, message_type, message_id, is_archived)
        SELECT stream_id, revision + 1, 'emt:default', 'E', CAST(data AS TEXT),
               json_set(CAST(metadata AS TEXT), '$.streamName', stream_id, '$.messageId', event_id, '$.streamPosition', CAST(revision + 1 AS TEXT)),
               '0', type, event_id, 0
        FROM h.events ORDER BY position;
      COMMIT;`);
    db.exec('DETACH DATABASE h');
  } finally {
    db.close();
  }
};

/** Reads `streamId` back through the peer's public API and appends to it: throws unless it has `events` events and takes one more. */
export const checkPeer = async (file: string, streamId: string, events: number, extra: NewEvent): Promise<void> => {
  const store = openPeer(file);
  const read = await store.readStream(streamId);
  if (read.events.length !== events) throw new Error(`the peer read ${read.events.length} events of ${streamId}, expected ${events}`);
  const appended = await store.appendToStream(streamId, [toPeerEvent(extra)], { expectedStreamVersion: BigInt(events) });
  if (appended.nextExpectedStreamVersion !== BigInt(events + 1)) throw new Error(`the peer appended at ${appended.nextExpectedStreamVersion}, expected ${events + 1}`);
};
