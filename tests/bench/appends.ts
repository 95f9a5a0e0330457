/**
 * Appends to the embedded store beside the ceiling: plain better-sqlite3 inserts of the same rows
 * (same canonical bytes, WAL, synchronous=FULL, one transaction per append), measured in the same run.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canonicalBytes } from '../../application/canonical-json';
import type { NewEvent } from '../../application/ports/event-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { measure, tempDir, type BenchRow } from './harness';

const STREAMS = 10_000;

const event = (i: number): NewEvent => {
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

/** The ceiling: the same rows inserted with plain better-sqlite3, one transaction per append. */
const plainSqlite = (file: string) => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
           data BLOB NOT NULL, metadata BLOB NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)');
  const revisions = new Map<string, number>();
  const append = db.transaction((stream: string, events: NewEvent[]) => {
    let rev = revisions.get(stream) ?? -1;
    for (const e of events) insert.run(stream, ++rev, e.type, canonicalBytes(e.data), canonicalBytes(e.metadata));
    revisions.set(stream, rev);
  });
  return { append, close: () => db.close() };
};

export const appendRows = async (quick: boolean): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  const dir = tempDir('hamaynk-bench-');
  const counts = quick ? { 1: 2000, 10: 400, 100: 60 } : { 1: 20_000, 10: 3000, 100: 400 };
  try {
    for (const perAppend of [1, 10, 100] as const) {
      const n = counts[perAppend];
      const group = `append ${perAppend}/append`;
      const payload = (i: number) => Array.from({ length: perAppend }, (_, j) => event(i * perAppend + j));
      const plain = plainSqlite(path.join(dir, `plain-${perAppend}.sqlite`));
      rows.push(await measure(group, 'plain better-sqlite3 (ceiling)', n, (i) => plain.append(`fee-f${i % STREAMS}`, payload(i)), { opsPerCall: perAppend, note: `${n} appends, FULL` }));
      plain.close();
      const store = new SqliteEventStore(path.join(dir, `hamaynk-${perAppend}.sqlite`));
      rows.push(
        await measure(group, 'hamaynk sqlite, 1 caller', n, (i) => store.append(`fee-f${i % STREAMS}`, payload(i), { expectedRevision: 'any' }), {
          opsPerCall: perAppend,
          baseline: 'plain better-sqlite3 (ceiling)',
          note: `${n} appends, FULL`,
        }),
      );
      if (perAppend === 1) {
        rows.push(
          await measure(group, 'hamaynk sqlite, 16 callers (group commit)', n, (i) => store.append(`fee-g${i % STREAMS}`, payload(i), { expectedRevision: 'any' }), {
            opsPerCall: perAppend,
            concurrency: 16,
            baseline: 'plain better-sqlite3 (ceiling)',
            note: `${n} appends, FULL`,
          }),
        );
      }
      await store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};
