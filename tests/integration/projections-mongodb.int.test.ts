/**
 * The projection machinery on MongoDB, where a batch's documents and checkpoint do not commit together:
 * per-document positions (tombstones included), a replay after a crash between documents and checkpoint
 * applied to no document twice, the runner end to end, and leases on the server's clock.
 * Run where a server exists (tests/support/global-setup.ts publishes HAMAYNK_TEST_MONGODB_URL, or the reason
 * there is none); elsewhere registered as skipped, as the ReadStore contract is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectMongoReadStore, type MongoReadStore } from '../../infrastructure/mongodb/mongo-read-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { projectInMemory } from '../../projections/definition';
import { applyEvents, DocumentFolder, ProjectionRunner, startProjections } from '../../projections/runner';
import { describeWhenAvailable, serverForThisRun } from '../support/availability';
import { uniqueId } from '../support/events';
import { appendEvents, leaseTestProjections, plain, storedDocs, streamCounter, STREAM_COUNTS } from './projections-fixture';

describeWhenAvailable('projections on MongoDB', serverForThisRun('MONGODB'), (mongoUrl) => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: MongoReadStore;
  const extra: MongoReadStore[] = [];
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-mongo-proj-'));
    events = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL', pollIntervalMs: 10 });
    reads = await connectMongoReadStore(mongoUrl(), `hamaynk_proj_${uniqueId()}`, { connectTimeoutMs: 10_000 });
  });
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((s) => s.close()));
    await reads.db.dropDatabase();
    await reads.close();
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const cleanFold = async () => plain(projectInMemory(streamCounter, await events.readAll()));

  it('reports each document with the position that last wrote it; a deleted one as null with its position; an unwritten one at 0', async () => {
    for (const spec of streamCounter.collections) await reads.defineCollection(spec);
    await reads.applyBatch(streamCounter.name, 0, [{ collection: STREAM_COUNTS, id: 'a', doc: { streamId: 'a', count: 1 } }], 5n);
    await reads.applyBatch(
      streamCounter.name,
      0,
      [
        { collection: STREAM_COUNTS, id: 'b', doc: { streamId: 'b', count: 1 } },
        { collection: STREAM_COUNTS, id: 'c', doc: null },
      ],
      9n,
    );
    await reads.applyBatch(streamCounter.name, 0, [{ collection: STREAM_COUNTS, id: 'b', doc: null }], 12n);
    const got = await reads.getInGenerationWithPositions(STREAM_COUNTS, 0, ['a', 'b', 'c', 'd']);
    expect([...got]).toEqual([
      ['a', { doc: { streamId: 'a', count: 1 }, position: 5n }],
      ['b', { doc: null, position: 12n }],
      ['c', { doc: null, position: 9n }],
      ['d', { doc: null, position: 0n }],
    ]);
    // The checkpoint never moves backwards.
    await reads.applyBatch(streamCounter.name, 0, [], 7n);
    expect(await reads.getCheckpoint(streamCounter.name, 0)).toBe(12n);
  });

  it('a batch that died after some documents (checkpoint not moved) is replayed without applying anything twice', async () => {
    await appendEvents(events, 1500, { streams: 30 });
    const all = await events.readAll();
    for (const spec of streamCounter.collections) await reads.defineCollection(spec);
    await applyEvents(reads, streamCounter, 0, all.slice(0, 500));
    // The batch 501..1000 writes only some of its documents, then "dies" before its checkpoint.
    const folder = new DocumentFolder(reads, streamCounter, 0);
    await folder.fold(all.slice(500, 1000));
    const original = reads.applyBatch.bind(reads);
    reads.applyBatch = async (projection, generation, changes) => original(projection, generation, changes.slice(0, Math.ceil(changes.length / 2)), 1000n);
    await folder.flush();
    reads.applyBatch = original;
    await reads.db.collection<{ _id: string; position: string }>('projection_checkpoints').updateOne({ _id: `${streamCounter.name}#0` }, { $set: { position: '500'.padStart(20, '0') } });
    expect(await reads.getCheckpoint(streamCounter.name, 0)).toBe(500n);

    // A fresh runner resumes at 500 with other batch boundaries.
    const runner = new ProjectionRunner(events, reads, streamCounter, { batchSize: 333 });
    await runner.start();
    await runner.stop();
    expect(await reads.getCheckpoint(streamCounter.name, 0)).toBe(1500n);
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
  });

  it('a runner catches up and follows the log live', async () => {
    await appendEvents(events, 800, { streams: 25 });
    const runner = new ProjectionRunner(events, reads, streamCounter, { batchSize: 150 });
    await runner.start();
    const head = await appendEvents(events, 300, { streams: 25, seed: 3, concurrency: 4 });
    await runner.waitFor(head!);
    await runner.stop();
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
  });

  it('leases: one holder at a time on the server clock, taken over once expired, given up on release', async () => {
    expect((await reads.acquireLease('alpha', 'A', 300)).held).toBe(true);
    expect(await reads.acquireLease('alpha', 'B', 300)).toEqual(expect.objectContaining({ owner: 'A', held: false }));
    expect((await reads.acquireLease('alpha', 'A', 300)).held).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await reads.acquireLease('alpha', 'B', 300)).toEqual(expect.objectContaining({ owner: 'B', held: true }));
    expect((await reads.acquireLease('alpha', 'A', 300)).held).toBe(false);
    await reads.releaseLease('alpha', 'B');
    expect((await reads.acquireLease('alpha', 'A', 300)).held).toBe(true);
  });

  it('two supervisors: each projection run by exactly one; the other takes over when one stops', async () => {
    const other = await connectMongoReadStore(mongoUrl(), reads.db.databaseName, { connectTimeoutMs: 10_000 });
    extra.push(other);
    await appendEvents(events, 300, { streams: 10 });
    const options = { leaseTtlMs: 1000, heartbeatMs: 50 };
    const [a, b] = await Promise.all([
      startProjections(events, reads, leaseTestProjections, { ...options, ownerId: 'A' }),
      startProjections(events, other, leaseTestProjections, { ...options, ownerId: 'B' }),
    ]);
    try {
      for (let i = 0; i < 10; i++) {
        expect(a.running().filter((n) => b.running().includes(n))).toEqual([]);
        expect([...a.running(), ...b.running()].sort()).toEqual(leaseTestProjections.map((p) => p.name).sort());
        await new Promise((r) => setTimeout(r, 20));
      }
      await a.stop();
      const started = Date.now();
      while (b.running().length < leaseTestProjections.length && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 10));
      expect(b.running().length).toBe(leaseTestProjections.length);
      const head = await appendEvents(events, 100, { streams: 10, seed: 8 });
      await b.waitUntilCaughtUp(head);
      const all = await events.readAll();
      for (const p of leaseTestProjections) expect(plain(await storedDocs(reads, p))).toEqual(plain(projectInMemory(p, all)));
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
