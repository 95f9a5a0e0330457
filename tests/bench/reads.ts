/**
 * Reads: a 1 000-event stream (its events spread through the whole log, as real traffic leaves them) and
 * the global log from position 0 in batches of 1 000, through SqliteEventStore, beside the ceiling — plain
 * better-sqlite3 running the same SELECT on the same file and parsing the same JSON columns — and, for the
 * stream, the peer reading a 1 000-event stream of its own log of the same size.
 */
import Database from 'better-sqlite3';
import type { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { measure, type BenchRow } from './harness';
import { openPeer } from './peer';

export const READ_STREAM = 'read a 1 000-event stream';
export const READ_ALL = 'read the global log from 0';
export const READ_CEILING = 'plain better-sqlite3 SELECT + JSON.parse (ceiling)';
export const PEER_STREAM_1000 = 'fee-read1000';

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: Buffer;
  metadata: Buffer;
}

const parse = (r: Row) => ({ ...r, data: JSON.parse(r.data.toString('utf8')) as unknown, metadata: JSON.parse(r.metadata.toString('utf8')) as unknown });

export const readRows = async (
  quick: boolean,
  ctx: { log: number; store: SqliteEventStore; stream1000: string; peerFile: string },
): Promise<BenchRow[]> => {
  const { log, store, stream1000 } = ctx;
  const rows: BenchRow[] = [];
  const reads = quick ? 150 : 400;
  const maxSeconds = quick ? 2 : 5;
  const db = new Database(store.file, { readonly: true });
  const peer = openPeer(ctx.peerFile);
  try {
    const byStream = db.prepare<[string], Row>('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision');
    const after = db.prepare<[number, number], Row>('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?');
    const check = (n: number, what: string) => {
      if (n !== 1000) throw new Error(`${what} read ${n} events, expected 1 000`);
    };
    const common = { maxSeconds, log, note: '1 000 events per read' };
    rows.push(await measure(READ_STREAM, READ_CEILING, reads, () => check(byStream.all(stream1000).map(parse).length, 'the ceiling'), common));
    rows.push(
      await measure(READ_STREAM, 'emmett-sqlite readStream (peer)', reads, async () => check((await peer.readStream(PEER_STREAM_1000)).events.length, 'the peer'), {
        ...common,
        baseline: READ_CEILING,
      }),
    );
    rows.push(await measure(READ_STREAM, 'hamaynk readStream', reads, async () => check((await store.readStream(stream1000)).length, 'readStream'), { ...common, baseline: READ_CEILING }));

    const head = Number(store.headPositionSync() ?? 0n);
    const batches = Math.ceil(head / 1000);
    const all = { log, opsPerCall: head / batches, note: `${head.toLocaleString('en-GB')} events, batches of 1 000; latency per batch` };
    rows.push(await measure(READ_ALL, READ_CEILING, batches, (i) => after.all(i * 1000, 1000).map(parse), all));
    rows.push(await measure(READ_ALL, 'hamaynk readAll', batches, (i) => store.readAll({ after: BigInt(i * 1000), maxCount: 1000 }), { ...all, baseline: READ_CEILING }));
  } finally {
    db.close();
  }
  return rows;
};
