/**
 * The peer: @event-driven-io/emmett-sqlite (its own SQLite event store, its own file), used through its
 * public API (`getSQLiteEventStore(...).appendToStream / readStream`) for the measured rows, and through
 * its exported `appendToStream(connection, ...)` on one connection (synchronous=NORMAL, one transaction
 * per batch) to pre-fill its log to the same size as Hamaynk's.
 *
 * Durability: emmett-sqlite sets only `PRAGMA journal_mode = WAL` on each connection it opens and leaves
 * `synchronous` at the sqlite3 build's default, which `peerSynchronous` reads back (FULL = 2 with the
 * sqlite3 5.1.7 build: DEFAULT_WAL_SYNCHRONOUS=2) — the same as Hamaynk's store.
 */
import {
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  sqliteConnection,
  type SQLiteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import type { NewEvent } from '../../application/ports/event-store';

export type PeerEvent = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

export const toPeerEvent = (e: NewEvent): PeerEvent => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { ...e.metadata } });

export const openPeer = (file: string): SQLiteEventStore => getSQLiteEventStore({ fileName: file });

const streamTypeOf = (streamId: string): string => streamId.split('-')[0];

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
 * Fills a new peer file with `total` events: `filler(i)` gives the i-th filler stream's events
 * (appended whole), and `stream1000` gets 1 000 single-event appends spread evenly through the log.
 */
export const fillPeer = async (
  file: string,
  total: number,
  filler: (i: number) => { streamId: string; events: NewEvent[] },
  stream1000: { streamId: string; event: (i: number) => NewEvent },
): Promise<void> => {
  const connection: SQLiteConnection = sqliteConnection({ fileName: file });
  try {
    await createEventStoreSchema(connection);
    await connection.command('PRAGMA synchronous = NORMAL');
    let appended = 0;
    let read = 0;
    let i = 0;
    const batch = async (until: number) => {
      await connection.withTransaction(async () => {
        while (appended < until) {
          const { streamId, events } = filler(i++);
          await appendToStream(connection, streamId, streamTypeOf(streamId), events.map(toPeerEvent));
          appended += events.length;
          const due = Math.min(1000, Math.floor((appended * 1000) / total));
          for (; read < due; read++) {
            await appendToStream(connection, stream1000.streamId, streamTypeOf(stream1000.streamId), [toPeerEvent(stream1000.event(read))]);
            appended += 1;
          }
        }
      });
    };
    while (appended < total) await batch(Math.min(total, appended + 20_000));
    for (; read < 1000; read++) await appendToStream(connection, stream1000.streamId, streamTypeOf(stream1000.streamId), [toPeerEvent(stream1000.event(read))]);
  } finally {
    connection.close();
  }
};
