/**
 * Appends to the embedded store beside the peer (@event-driven-io/emmett-sqlite, its own SQLite file) and
 * the ceiling: plain better-sqlite3 inserts of the same rows (same canonical bytes, WAL, synchronous=FULL,
 * one transaction per append), measured in the same run, each on a log already holding `log` events.
 * Every row appends to 10 000 streams, round robin.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { canonicalBytes } from '../../application/canonical-json';
import type { NewEvent } from '../../application/ports/event-store';
import type { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { measure, type BenchRow } from './harness';
import { openPeer, toPeerEvent } from './peer';

const STREAMS = 10_000;
export const CEILING = 'plain better-sqlite3 (ceiling)';
export const PEER = 'emmett-sqlite 0.38.5 (peer)';
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

export interface AppendLogs {
  /** Events already in each log when the rows start. */
  readonly log: number;
  readonly hamaynk: SqliteEventStore;
  readonly plainFile: string;
  readonly peerFile: string;
}

export const appendRows = async (quick: boolean, logs: AppendLogs): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  const maxSeconds = quick ? 2.5 : 6;
  // Appends per row (the peer is slower: fewer), each row also stops after maxSeconds.
  const counts = quick
    ? { 1: { n: 2000, peer: 500 }, 10: { n: 500, peer: 200 }, 100: { n: 80, peer: 30 } }
    : { 1: { n: 8000, peer: 2000 }, 10: { n: 2000, peer: 600 }, 100: { n: 300, peer: 100 } };
  const { log, hamaynk } = logs;
  const plain = plainSqlite(logs.plainFile);
  const peer = openPeer(logs.peerFile);
  try {
    for (const perAppend of [1, 10, 100] as const) {
      const { n, peer: peerN } = counts[perAppend];
      const group = appendGroup(perAppend);
      const payload = (i: number) => Array.from({ length: perAppend }, (_, j) => paymentEvent(i * perAppend + j));
      const common = { opsPerCall: perAppend, maxSeconds, log };
      // Each system gets its own stream names, so every row starts on streams it has not written yet.
      rows.push(await measure(group, CEILING, n, (i) => plain.append(`fee-p${perAppend}x${i % STREAMS}`, payload(i)), { ...common, note: `≤${n} appends, WAL, FULL` }));
      rows.push(
        await measure(group, PEER, peerN, (i) => peer.appendToStream(`fee-e${perAppend}x${i % STREAMS}`, payload(i).map(toPeerEvent)), {
          ...common,
          baseline: CEILING,
          note: `≤${peerN} appends, WAL, FULL, 1 caller`,
        }),
      );
      rows.push(
        await measure(group, HAMAYNK_1, n, (i) => hamaynk.append(`fee-h${perAppend}x${i % STREAMS}`, payload(i), { expectedRevision: 'any' }), {
          ...common,
          baseline: CEILING,
          note: `≤${n} appends, WAL, FULL`,
        }),
      );
      if (perAppend === 1) {
        rows.push(
          await measure(group, HAMAYNK_16, n * 2, (i) => hamaynk.append(`fee-g${perAppend}x${i % STREAMS}`, payload(i), { expectedRevision: 'any' }), {
            ...common,
            concurrency: 16,
            baseline: CEILING,
            note: `≤${n * 2} appends, WAL, FULL`,
          }),
        );
      }
    }
  } finally {
    plain.close();
  }
  return rows;
};
