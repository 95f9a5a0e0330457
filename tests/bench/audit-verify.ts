/**
 * `audit verify` over 1 000 000 events (quick: 100 000) beside the ceiling measured in the same run:
 * plain node:crypto computing the same RFC 6962 tree over the same bytes, read the same way (the same
 * memory-mapped read-only connection and the same page query that has SQLite concatenate each leaf from
 * the stored columns and hand back 256 leaves at a time as one blob), in one loop with no checks. The
 * verifier does that work on worker threads and also checks every row (stream ids and types, revisions,
 * that data and metadata are JSON), every signed head, the consistency of consecutive heads and the
 * recorded leaves.
 *
 * The events are written once with plain better-sqlite3 inserts into a file created by SqliteEventStore
 * (same schema, same canonical bytes as appends through the store, which would take minutes for a
 * million); the audit tree is then built by the real projection (reported as its own row).
 */
import { hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canonicalBytes } from '../../application/canonical-json';
import { categoryOf } from '../../application/ports/event-store';
import { openAuditLog } from '../../infrastructure/audit/audit-log';
import { verifyLog, EVENTS_FILE } from '../../infrastructure/audit/verify-log';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { paymentEvent } from './appends';
import { measure, tempDir, type BenchRow } from './harness';

const STREAMS = 10_000;
const GROUP = 'audit verify';
const CEILING = 'plain node:crypto RFC 6962 tree (ceiling)';

const writeEvents = (file: string, n: number): void => {
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO events (stream_id, revision, category, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const revisions = new Int32Array(STREAMS).fill(-1);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const s = i % STREAMS;
      const stream = `fee-f${s}`;
      const { data, metadata } = paymentEvent(i);
      revisions[s] += 1;
      insert.run(stream, revisions[s], categoryOf(stream), metadata.eventId, 'FeePaymentRecorded', canonicalBytes(data), canonicalBytes(metadata));
    }
  });
  for (let i = 0; i < n; i += 10_000) batch(i, Math.min(n, i + 10_000));
  db.close();
};

/**
 * The ceiling: one loop, the verifier's way of reading (pages of leaves concatenated by SQLite, minus its
 * checks), node:crypto's one-shot hash() (to latin1 strings, as the verifier: a Buffer per hash costs more
 * than the hash), a stack of subtree roots. Returns the root. Assumes positions 1…n, as written here.
 */
const plainTree = (file: string): string => {
  const db = new Database(file, { readonly: true });
  try {
    db.pragma('mmap_size = 1099511627776');
    const page = db
      .prepare(
        `SELECT group_concat(octet_length(leaf)), CAST(group_concat(leaf, '') AS BLOB)
         FROM (SELECT concat(x'00', '{"data":', data, ',"metadata":', metadata, ',"position":"', position, '","revision":', revision,
                             ',"stream":"', stream_id, '","type":"', type, '"}') AS leaf
               FROM events WHERE position > ? AND position <= ? ORDER BY position)`,
      )
      .raw(true);
    const size = Number(db.prepare('SELECT max(position) FROM events').pluck(true).get() ?? 0);
    const node = Buffer.alloc(65);
    node[0] = 1;
    const stack: string[] = [];
    const levels: number[] = [];
    for (let from = 0; from < size; from += 256) {
      const [lengths, leaves] = page.get(from, Math.min(size, from + 256)) as [string, Buffer];
      let offset = leaves.byteOffset;
      for (const length of lengths.split(',').map(Number)) {
        let h = hash('sha256', new Uint8Array(leaves.buffer, offset, length), 'binary');
        offset += length;
        let level = 0;
        while (levels.length > 0 && levels[levels.length - 1] === level) {
          node.write(stack.pop() as string, 1, 'latin1');
          node.write(h, 33, 'latin1');
          h = hash('sha256', node, 'binary');
          levels.pop();
          level += 1;
        }
        stack.push(h);
        levels.push(level);
      }
    }
    let root = stack.length === 0 ? hash('sha256', Buffer.alloc(0), 'binary') : (stack[stack.length - 1] as string);
    for (let i = stack.length - 2; i >= 0; i--) {
      node.write(stack[i], 1, 'latin1');
      node.write(root, 33, 'latin1');
      root = hash('sha256', node, 'binary');
    }
    return Buffer.from(root, 'latin1').toString('hex');
  } finally {
    db.close();
  }
};

export async function auditVerifyRows(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 100_000 : 1_000_000;
  const dataDir = tempDir('hamaynk-bench-audit-');
  const rows: BenchRow[] = [];
  try {
    const file = path.join(dataDir, EVENTS_FILE);
    await new SqliteEventStore(file).close();
    writeEvents(file, n);

    // The projection builds audit.sqlite (leaves, complete subtrees, a signed head every 1000 events).
    const store = new SqliteEventStore(file, { batchSize: 5000 });
    let verifierKey = '';
    rows.push(
      await measure(
        GROUP,
        'audit projection catch-up',
        1,
        async () => {
          const audit = await openAuditLog({ dataDir, eventStore: store });
          await audit.projection.catchUp(30 * 60_000);
          verifierKey = (await audit.service.auditPublicKey()).verifierKey;
          await audit.close();
        },
        { opsPerCall: n, note: `${n.toLocaleString('en-GB')} events, leaves + subtrees + heads` },
      ),
    );
    await store.close();

    let ceilingRoot = '';
    rows.push(
      await measure(GROUP, CEILING, 1, () => {
        ceilingRoot = plainTree(file);
      }, { opsPerCall: n, note: `${n.toLocaleString('en-GB')} events, 1 thread, no checks` }),
    );
    for (const workers of [undefined, 0] as const) {
      let verdict: Awaited<ReturnType<typeof verifyLog>> | undefined;
      rows.push(
        await measure(
          GROUP,
          workers === 0 ? 'hamaynk audit verify, 1 thread' : 'hamaynk audit verify',
          1,
          async () => {
            verdict = await verifyLog({ dataDir, keys: [verifierKey], workers });
          },
          { opsPerCall: n, baseline: CEILING, note: `${n.toLocaleString('en-GB')} events, every head and leaf checked` },
        ),
      );
      if (!verdict?.ok || verdict.rootHash !== ceilingRoot) {
        throw new Error(`audit verify disagrees with the ceiling: ${JSON.stringify({ ok: verdict?.ok, reason: verdict?.reason, root: verdict?.rootHash, ceilingRoot })}`);
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
