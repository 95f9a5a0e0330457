/**
 * Reads: a 1 000-event stream (its events spread through the whole log, as real traffic leaves them) and
 * the global log from position 0 in batches of 1 000, through SqliteEventStore, beside the ceiling — plain
 * better-sqlite3 running the same SELECT on the same file and parsing the same JSON columns — and, for the
 * stream, the peer reading the same stream from its own log (the same events). Rows measured in turns.
 */
import Database from 'better-sqlite3';
import type { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { ROUNDS } from './appends';
import { interleaved, type BenchRow, type Contender } from './harness';
import { openPeer, retryBusy } from './peer';

export const READ_STREAM = 'read a 1 000-event stream';
export const READ_ALL = 'read the global log from 0';
export const READ_CEILING = 'plain better-sqlite3 SELECT + JSON.parse (ceiling)';

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: Buffer;
  metadata: Buffer;
}

const parse = (r: Row) => ({ ...r, data: JSON.parse(r.data.toString('utf8')) as unknown, metadata: JSON.parse(r.metadata.toString('utf8')) as unknown });

export interface ReadLog {
  readonly log: number;
  readonly store: SqliteEventStore;
  /** A stream of exactly 1 000 events, in Hamaynk's log and in the peer's. */
  readonly stream1000: string;
  readonly peerFile: string;
}

/** The read rows on every log size, each group's rows (all sizes) measured in turns. */
export const readRows = async (quick: boolean, logs: readonly ReadLog[]): Promise<BenchRow[]> => {
  const rows: BenchRow[] = [];
  const reads = quick ? 150 : 400;
  const maxSeconds = quick ? 1.5 : 3;
  const check = (n: number, what: string) => {
    if (n !== 1000) throw new Error(`${what} read ${n} events, expected 1 000`);
  };
  const opened = logs.map((l) => {
    const db = new Database(l.store.file, { readonly: true });
    return {
      ...l,
      db,
      peer: openPeer(l.peerFile),
      byStream: db.prepare<[string], Row>('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision'),
      after: db.prepare<[number, number], Row>('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?'),
    };
  });
  try {
    const streamReads: Contender[] = [];
    const logReads: Contender[] = [];
    for (const l of opened) {
      const common = { maxSeconds, log: l.log, note: '1 000 events per read' };
      streamReads.push(
        { group: READ_STREAM, name: READ_CEILING, count: reads, op: () => check(l.byStream.all(l.stream1000).map(parse).length, 'the ceiling'), options: common },
        {
          group: READ_STREAM,
          name: 'emmett-sqlite readStream (peer)',
          count: reads,
          op: async () => check((await retryBusy(() => l.peer.readStream(l.stream1000))).events.length, 'the peer'),
          options: { ...common, baseline: READ_CEILING },
        },
        {
          group: READ_STREAM,
          name: 'hamaynk readStream',
          count: reads,
          op: async () => check((await l.store.readStream(l.stream1000)).length, 'readStream'),
          options: { ...common, baseline: READ_CEILING },
        },
      );
      const head = Number(l.store.headPositionSync() ?? 0n);
      const batches = Math.ceil(head / 1000);
      const all = { log: l.log, opsPerCall: head / batches, note: `${head.toLocaleString('en-GB')} events, batches of 1 000; latency per batch` };
      logReads.push(
        { group: READ_ALL, name: READ_CEILING, count: batches, op: (i) => l.after.all(i * 1000, 1000).map(parse), options: all },
        { group: READ_ALL, name: 'hamaynk readAll', count: batches, op: (i) => l.store.readAll({ after: BigInt(i * 1000), maxCount: 1000 }), options: { ...all, baseline: READ_CEILING } },
      );
    }
    rows.push(...(await interleaved(ROUNDS, streamReads)));
    rows.push(...(await interleaved(ROUNDS, logReads)));
  } finally {
    for (const l of opened) l.db.close();
  }
  return rows;
};
