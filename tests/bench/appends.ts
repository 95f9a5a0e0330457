/**
 * Appends to the embedded store beside the peer (@event-driven-io/emmett-sqlite, its own SQLite file) and
 * the ceiling: plain better-sqlite3 inserts of the same rows (same canonical bytes, WAL, synchronous=FULL,
 * one transaction per append), measured in the same run, each on a log already holding `log` events.
 * Every row appends to 10 000 streams, round robin; the rows of a group, at every log size, are measured
 * in turns (harness.ts `interleaved`).
 *
 * The peer twice: through its public API (`getSQLiteEventStore(...).appendToStream`, which for a file
 * database opens a connection, sets WAL, appends and closes it on every call — closing the last
 * connection checkpoints the WAL), and its exported `appendToStream(connection, ...)` on one connection
 * kept open (the same SQL and transaction without the per-call open/close).
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { canonicalBytes } from '../../application/canonical-json';
import type { NewEvent } from '../../application/ports/event-store';
import type { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { appendToStream as peerAppend, sqliteConnection, type SQLiteConnection } from '@event-driven-io/emmett-sqlite';
import { interleaved, type BenchRow, type Contender } from './harness';
import { openPeer, retryBusy, toPeerEvent } from './peer';

/** Rounds of the interleaved measurements (harness.ts `interleaved`). */
export const ROUNDS = 4;

const STREAMS = 10_000;
export const CEILING = 'plain better-sqlite3 (ceiling)';
export const PEER = 'emmett-sqlite 0.38.5 (peer)';
export const PEER_KEPT = 'emmett-sqlite 0.38.5, one open connection';
export const HAMAYNK_1 = 'hamaynk sqlite, 1 caller';
export const HAMAYNK_16 = 'hamaynk sqlite, 16 callers (group commit)';
export const appendGroup = (perAppend: number): string => `append ${perAppend}/append`;

export const paymentEvent = (i: number): NewEvent => {
  const id = randomUUID();
  return {
    type: 'FeePaymentRecorded',
    data: { feeId: `f${i % STREAMS}`, communityId: 'GYU', amountAmd: 1000 + (i % 97), paidAt: '2026-11-25T08:00:00.000Z', reference: `REF-${i}`, payerName: 'Արամ Պետրոսյան' },
    metadata: {
      eventId: id,
      commandId: id,
      correlationId: id,
      causationId: id,
      actor: { id: 'clerk-1', role: 'staff', communityId: 'GYU', assurance: 'password', channel: 'staff' },
      occurredAt: '2026-11-25T08:00:00.000Z',
      recordedAt: '2026-11-25T08:00:00.000Z',
      schemaVersion: 1,
    },
  };
};

const PLAIN_SCHEMA = `CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
           data BLOB NOT NULL, metadata BLOB NOT NULL, UNIQUE (stream_id, revision))`;

/** The ceiling: the same rows inserted with plain better-sqlite3, one transaction per append. */
export const plainSqlite = (file: string, synchronous: 'FULL' | 'NORMAL' = 'FULL') => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(PLAIN_SCHEMA);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
  const revisions = new Map<string, number>();
  const appendRows = (stream: string, events: readonly NewEvent[]) => {
    // The ceiling keeps revisions in memory (its streams are new; pre-filled streams have other names).
    let rev = revisions.get(stream) ?? -1;
    for (const e of events) insert.run(stream, ++rev, e.type, canonicalBytes(e.data), canonicalBytes(e.metadata));
    revisions.set(stream, rev);
  };
  const append = db.transaction(appendRows);
  /** Many appends in one transaction (pre-filling only). */
  const appendMany = db.transaction((batch: ReadonlyArray<{ streamId: string; events: readonly NewEvent[] }>) => {
    for (const { streamId, events } of batch) appendRows(streamId, events);
  });
  return { append, appendMany, db, close: () => db.close() };
};

/** Fills a new ceiling file with the same rows as Hamaynk's filled log `from` (same bytes, same order), by SQL. */
export const fillPlainFrom = (from: string, file: string): void => {
  const { db, close } = plainSqlite(file, 'NORMAL');
  try {
    db.prepare('ATTACH DATABASE ? AS h').run(from);
    db.exec(`BEGIN; INSERT INTO events (stream_id, revision, type, data, metadata) SELECT stream_id, revision, type, data, metadata FROM h.events ORDER BY position; COMMIT;`);
    db.exec('DETACH DATABASE h');
  } finally {
    close();
  }
};

export interface AppendLogs {
  /** Events already in each log when the rows start. */
  readonly log: number;
  readonly hamaynk: SqliteEventStore;
  readonly plainFile: string;
  readonly peerFile: string;
}

/** The append rows on every log size, each group's rows (all sizes) measured in turns. */
export const appendRows = async (quick: boolean, logs: readonly AppendLogs[]): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  const maxSeconds = quick ? 1.5 : 3;
  // Appends per row (the peer is slower: fewer), each row also stops after maxSeconds.
  const counts = quick
    ? { 1: { n: 2000, peer: 300 }, 10: { n: 500, peer: 100 }, 100: { n: 80, peer: 30 } }
    : { 1: { n: 6000, peer: 1000 }, 10: { n: 1500, peer: 300 }, 100: { n: 250, peer: 80 } };
  const opened = logs.map((l) => ({ ...l, plain: plainSqlite(l.plainFile), peer: openPeer(l.peerFile), kept: undefined as SQLiteConnection | undefined }));
  try {
    for (const perAppend of [1, 10, 100] as const) {
      const { n, peer: peerN } = counts[perAppend];
      const group = appendGroup(perAppend);
      const payload = (i: number) => Array.from({ length: perAppend }, (_, j) => paymentEvent(i * perAppend + j));
      const contenders: Contender[] = [];
      for (const l of opened) {
        const common = { opsPerCall: perAppend, maxSeconds, log: l.log };
        const vsCeiling = { ...common, baseline: CEILING };
        // Each row has its own stream names, so every row appends to streams it has not written yet.
        contenders.push(
          { group, name: CEILING, count: n, op: (i) => l.plain.append(`fee-p${perAppend}x${i % STREAMS}`, payload(i)), options: { ...common, note: `≤${n} appends, WAL, FULL` } },
          {
            group,
            name: PEER,
            count: peerN,
            op: (i) => retryBusy(() => l.peer.appendToStream(`fee-e${perAppend}x${i % STREAMS}`, payload(i).map(toPeerEvent))),
            options: { ...vsCeiling, note: `≤${peerN} appends, WAL, FULL, its public API: a connection opened and closed per call` },
          },
          {
            group,
            name: PEER_KEPT,
            count: n,
            op: (i) => {
              const stream = `fee-k${perAppend}x${i % STREAMS}`;
              const events = payload(i).map(toPeerEvent);
              return retryBusy(() => peerAppend(l.kept as SQLiteConnection, stream, 'fee', events));
            },
            // Open only during its own turns: while another connection is open, the public API's close is not the last one.
            before: () => {
              l.kept = sqliteConnection({ fileName: l.peerFile });
            },
            after: () => {
              l.kept?.close();
              l.kept = undefined;
            },
            options: { ...vsCeiling, note: `≤${n} appends, WAL, FULL, its appendToStream on one open connection` },
          },
          {
            group,
            name: HAMAYNK_1,
            count: n,
            op: (i) => l.hamaynk.append(`fee-h${perAppend}x${i % STREAMS}`, payload(i), { expectedRevision: 'any' }),
            options: { ...vsCeiling, note: `≤${n} appends, WAL, FULL` },
          },
        );
        if (perAppend === 1) {
          contenders.push({
            group,
            name: HAMAYNK_16,
            count: n * 2,
            op: (i) => l.hamaynk.append(`fee-g${perAppend}x${i % STREAMS}`, payload(i), { expectedRevision: 'any' }),
            options: { ...vsCeiling, concurrency: 16, note: `≤${n * 2} appends, WAL, FULL` },
          });
        }
      }
      rows.push(...(await interleaved(ROUNDS, contenders)));
    }
  } finally {
    for (const l of opened) l.plain.close();
  }
  return rows;
};
