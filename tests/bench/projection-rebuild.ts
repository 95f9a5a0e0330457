/**
 * Projection rebuild throughput on the embedded stores, beside the ceiling measured in the same run
 * (`projectionRebuildRows`, wired into run.ts; alone: `node -r ./tests/support/ts-register.js
 * tests/bench/projection-rebuild.ts [--quick]`).
 *
 * The log: N events (1 000 000; quick 100 000) over 10 000 fee streams, interleaved as real traffic is
 * (each append one event to a random stream): a `FeeAssessed` opening each stream, then payments, a few
 * waivers. The projection: one document per fee (amounts, balance, status, payment count, last payment),
 * with three indexed fields, the shape of a real read model.
 *
 * - **ceiling**: plain better-sqlite3 upserting the same documents, the document after each event (one
 *   upsert per event), into a table of the same shape (id, JSON, three indexed field columns), with the
 *   read store's pragmas (WAL, synchronous=NORMAL, 32 MiB page cache), one transaction. Only the upserts
 *   are timed (the documents are prepared beforehand, in chunks): no event is read or decoded.
 * - **readAll alone**: reading and decoding the log through the event store, which every rebuild does,
 *   in reads of the rebuild's size (1000 events, `rebuildProjection`'s default).
 * - **rebuild**: `rebuildInWorker` (what `hamaynk projections rebuild` runs: a worker thread with its own
 *   connections and a 64 MiB young generation), and `rebuildProjection` on the main thread with Node's
 *   defaults: reads and decodes every event from the log, folds it in memory, writes the changed
 *   documents with the checkpoint every 100 000 events.
 * - **runner catch-up**: a `ProjectionRunner` catching up on the same log with its defaults (reads of
 *   2000 events, a write every 20 000, 10 000 documents kept in memory).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { categoryOf, type NewEvent, type RecordedEvent } from '../../application/ports/event-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import type { Doc, DocKey, ProjectionDefinition } from '../../projections/definition';
import { rebuildInWorker } from '../../infrastructure/projection-worker/rebuild-in-worker';
import { ProjectionRunner, rebuildProjection } from '../../projections/runner';
import { markdownTable, peakRssMb, resetPeakRss, tempDir, withRatios, type BenchRow } from './harness';

const STREAMS = 10_000;
const GROUP = 'projection rebuild';
const CEILING = 'plain better-sqlite3 upserts (ceiling)';

interface FeeEventData {
  feeId: string;
  communityId: string;
  amountAmd?: number;
  code?: string;
  payerName?: string;
  paidAt?: string;
  reference?: string;
}

/** The i-th event of the benchmark log (deterministic): its stream and type and data. */
const nthEvent = (i: number, opened: Set<number>): { streamId: string; type: string; data: FeeEventData } => {
  // A multiplicative hash spreads consecutive events over the streams.
  const s = (i * 7919 + ((i * 104729) >>> 7)) % STREAMS;
  const feeId = `f${s}`;
  const communityId = `C${s % 50}`;
  if (!opened.has(s)) {
    opened.add(s);
    return { streamId: `fee-${feeId}`, type: 'FeeAssessed', data: { feeId, communityId, code: `D${s % 12}`, amountAmd: 5000 + (s % 400) * 250, payerName: 'Արամ Պետրոսյան' } };
  }
  if (i % 97 === 0) return { streamId: `fee-${feeId}`, type: 'FeeWaived', data: { feeId, communityId } };
  return {
    streamId: `fee-${feeId}`,
    type: 'FeePaymentRecorded',
    data: { feeId, communityId, amountAmd: 100 + (i % 50), paidAt: '2026-11-25T08:00:00.000Z', reference: `REF-${i}` },
  };
};

const envelope = (id: string) => ({
  eventId: id,
  commandId: id,
  correlationId: id,
  causationId: id,
  actor: { id: 'clerk-1', role: 'staff' as const, communityId: 'GYU', assurance: 'password' as const, channel: 'staff' as const },
  occurredAt: '2026-11-25T08:00:00.000Z',
  recordedAt: '2026-11-25T08:00:00.000Z',
  schemaVersion: 1,
});

const FEES = 'benchFees';

/**
 * Events per read in the warm-up and the readAll row: what `rebuildProjection` reads by default. (Reads of
 * 5000 keep about 5 MB of events alive, more than V8's young generation lets die young: the promotions
 * slow down GC for the rest of the process, the main-thread rebuild row included.)
 */
const READ_BATCH = 1000;

/** The fee document after an event (the same function for the ceiling and the rebuild). */
const evolveFee = (doc: Doc | null, type: string, data: FeeEventData, revision: number, position: bigint): Doc => {
  const amount = type === 'FeeAssessed' ? (data.amountAmd ?? 0) : ((doc?.amountAmd as number | undefined) ?? 0);
  const paid = ((doc?.paidAmd as number | undefined) ?? 0) + (type === 'FeePaymentRecorded' ? (data.amountAmd ?? 0) : 0);
  const waived = type === 'FeeWaived' || doc?.status === 'waived';
  const balance = waived ? 0 : Math.max(0, amount - paid);
  return {
    id: data.feeId,
    communityId: data.communityId,
    code: type === 'FeeAssessed' ? data.code : doc?.code,
    payerName: type === 'FeeAssessed' ? data.payerName : doc?.payerName,
    amountAmd: amount,
    paidAmd: paid,
    balanceAmd: balance,
    status: waived ? 'waived' : balance === 0 ? 'paid' : paid > 0 ? 'partially-paid' : 'due',
    payments: ((doc?.payments as number | undefined) ?? 0) + (type === 'FeePaymentRecorded' ? 1 : 0),
    lastPaidAt: type === 'FeePaymentRecorded' ? data.paidAt : (doc?.lastPaidAt ?? null),
    revision,
    position: position.toString(),
  };
};

export const feeProjection: ProjectionDefinition = {
  name: 'bench-fees',
  collections: [{ name: FEES, projection: 'bench-fees', fields: { communityId: 'string', status: 'string', balanceAmd: 'number' } }],
  keysOf: (event: RecordedEvent): readonly DocKey[] => (categoryOf(event.streamId) === 'fee' ? [{ collection: FEES, id: (event.data as FeeEventData).feeId }] : []),
  evolve: (doc, event) => evolveFee(doc, event.type, event.data as FeeEventData, event.revision, event.position),
};

/** Appends the log: one event per append to a random stream, many appends in flight (group commit). */
export const fillLog = async (store: SqliteEventStore, count: number): Promise<void> => {
  const opened = new Set<number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const e = nthEvent(next++, opened);
      const event: NewEvent = { type: e.type, data: e.data, metadata: envelope(randomUUID()) };
      await store.append(e.streamId, [event], { expectedRevision: 'any' });
    }
  };
  await Promise.all(Array.from({ length: 256 }, worker));
};

/** Fills the log in a child process, so that its memory does not count in this process's peak RSS. */
const fillLogElsewhere = (file: string, count: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const execArgv = __filename.endsWith('.ts') ? ['-r', path.resolve(__dirname, '../support/ts-register.js')] : [];
    const child = fork(__filename, ['--fill', file, String(count)], { execArgv, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`filling the benchmark log failed (exit ${code})`))));
  });

/** The read store's pragmas, for the ceiling too (WAL, synchronous NORMAL, its page cache). */
const READ_STORE_CACHE_KIB = 32768;

/** The ceiling: the document after each event upserted with plain better-sqlite3, in one transaction; only the upserts are timed. */
const ceiling = (file: string, log: SqliteEventStore, count: number): number => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${READ_STORE_CACHE_KIB}`);
  db.exec(`CREATE TABLE fees (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL, f_communityId, f_status, f_balanceAmd);
           CREATE INDEX fees_c ON fees (f_communityId, id); CREATE INDEX fees_s ON fees (f_status, id); CREATE INDEX fees_b ON fees (f_balanceAmd, id);`);
  const upsert = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO fees (id, doc, f_communityId, f_status, f_balanceAmd) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, f_communityId = excluded.f_communityId, f_status = excluded.f_status, f_balanceAmd = excluded.f_balanceAmd`,
  );
  // The same documents as the projection's, in the log's order (the events as stored, so revisions and positions match).
  const docs = new Map<string, Doc>();
  let seconds = 0;
  const timed = (fn: () => void): void => {
    const t0 = process.hrtime.bigint();
    fn();
    seconds += Number(process.hrtime.bigint() - t0) / 1e9;
  };
  timed(() => db.exec('BEGIN'));
  let after = 0n;
  for (let done = 0; done < count; ) {
    const events = log.readAllSync({ after, maxCount: 10_000 });
    if (events.length === 0) break;
    const rows: Array<[string, string, string, string, number]> = events.map((e) => {
      const data = e.data as FeeEventData;
      const doc = evolveFee(docs.get(data.feeId) ?? null, e.type, data, e.revision, e.position);
      docs.set(data.feeId, doc);
      return [data.feeId, JSON.stringify(doc), doc.communityId as string, doc.status as string, doc.balanceAmd as number];
    });
    timed(() => {
      for (const row of rows) upsert.run(...row);
    });
    after = events[events.length - 1].position;
    done += events.length;
  }
  timed(() => db.exec('COMMIT'));
  db.close();
  return seconds;
};

const seconds = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

const row = (name: string, ops: number, s: number, note: string, baseline?: string): BenchRow => ({
  group: GROUP,
  name,
  ops,
  opsPerSec: ops / s,
  peakRssMb: peakRssMb(),
  baseline,
  note,
});

/**
 * Rows: the ceiling, the rebuilds, a live runner's catch-up, and reading the log alone (what any rebuild
 * must at least do). Measured in the order read, rebuilds, runner, ceiling; peak RSS is the process's peak
 * during the row (memory is not always given back between rows, so a row may carry an earlier one's).
 */
export async function projectionRebuildRows(quick: boolean): Promise<BenchRow[]> {
  const count = quick ? 100_000 : 1_000_000;
  const dir = tempDir('hamaynk-bench-rebuild-');
  const rows: BenchRow[] = [];
  try {
    const logFile = path.join(dir, 'events.sqlite');
    await fillLogElsewhere(logFile, count);
    const log = new SqliteEventStore(logFile, { synchronous: 'NORMAL' });
    const of = `${count.toLocaleString('en-GB')} events, ${STREAMS.toLocaleString('en-GB')} streams`;

    // Warm-up (not measured): the event decoding path, which every row but the ceiling runs.
    for (let after = 0n; after < BigInt(Math.min(count, 50_000)); ) {
      const batch = await log.readAll({ after, maxCount: READ_BATCH });
      if (batch.length === 0) break;
      after = batch[batch.length - 1].position;
    }

    // Reading the log alone: what every rebuild must at least do.
    resetPeakRss();
    const readSeconds = await seconds(async () => {
      let after = 0n;
      for (;;) {
        const batch = await log.readAll({ after, maxCount: READ_BATCH });
        if (batch.length === 0) return;
        after = batch[batch.length - 1].position;
      }
    });
    const readRow = row('SqliteEventStore.readAll alone (the floor of any rebuild)', count, readSeconds, `${of}; main thread, batches of ${READ_BATCH}, decoded`, CEILING);

    // The production path: `rebuildInWorker` (a worker thread with its own connections and a 64 MiB young generation).
    resetPeakRss();
    const inWorker = await rebuildInWorker({
      stores: { eventStore: { kind: 'sqlite', file: logFile }, readStore: { kind: 'sqlite', file: path.join(dir, 'read-worker.sqlite') } },
      projectionsModule: __filename,
      exportName: 'feeProjection',
      projection: feeProjection.name,
    });
    if (inWorker.events !== count) throw new Error(`the rebuild saw ${inWorker.events} events, expected ${count}`);
    const check = new SqliteReadStore(path.join(dir, 'read-worker.sqlite'));
    if ((await check.count(FEES)) !== STREAMS) throw new Error('the rebuild did not produce one document per stream');
    await check.close();
    rows.push(row('hamaynk rebuildInWorker (sqlite → sqlite)', count, inWorker.seconds, `${of}; worker thread, start-up included`, CEILING));

    // The same on this thread, with Node's default young generation.
    const reads = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    resetPeakRss();
    let events = 0;
    const rebuildSeconds = await seconds(async () => (events = (await rebuildProjection(log, reads, feeProjection)).events));
    if (events !== count) throw new Error(`the rebuild saw ${events} events, expected ${count}`);
    if ((await reads.count(FEES)) !== STREAMS) throw new Error('the rebuild did not produce one document per stream');
    rows.push(row('hamaynk rebuildProjection on the main thread (sqlite → sqlite)', count, rebuildSeconds, `${of}; default young generation`, CEILING));
    await reads.close();

    const fresh = new SqliteReadStore(path.join(dir, 'read-runner.sqlite'));
    const runner = new ProjectionRunner(log, fresh, feeProjection);
    resetPeakRss();
    const runnerSeconds = await seconds(() => runner.start());
    await runner.stop();
    if ((await fresh.getCheckpoint(feeProjection.name, 0)) !== BigInt(count)) throw new Error('the runner did not catch up');
    rows.push(row('hamaynk ProjectionRunner catch-up (sqlite → sqlite)', count, runnerSeconds, `${of}; main thread, reads of 2000, writes every 20 000`, CEILING));
    await fresh.close();
    rows.push(readRow);

    resetPeakRss();
    const ceilingSeconds = ceiling(path.join(dir, 'plain.sqlite'), log, count);
    rows.push(row(CEILING, count, ceilingSeconds, `${of}; one upsert per event, one transaction, same pragmas; upserts only timed`));
    await log.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The ceiling first, as run.ts prints rows in order.
  return [rows[rows.length - 1], ...rows.slice(0, -1)];
}

if (require.main === module) {
  const fill = process.argv.indexOf('--fill');
  if (fill >= 0) {
    // The child of fillLogElsewhere.
    const store = new SqliteEventStore(process.argv[fill + 1], { synchronous: 'NORMAL' });
    void fillLog(store, Number(process.argv[fill + 2])).then(() => store.close());
  } else {
    // `node -r ./tests/support/ts-register.js tests/bench/projection-rebuild.ts [--quick]`: this group alone.
    void projectionRebuildRows(process.argv.includes('--quick')).then((rows) => process.stdout.write(`${markdownTable(withRatios(rows))}\n`));
  }
}
