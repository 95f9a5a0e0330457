/**
 * The projection runner over the embedded stores: catch-up then live, exactly once per document across
 * crashes (also on a store that, like MongoDB, writes documents one by one and the checkpoint last),
 * retries after failures without gaps, back-pressure, rebuild switch-over, health.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecordedEvent } from '../application/ports/event-store';
import {
  GenerationSuperseded,
  type CollectionSpec,
  type DocumentChange,
  type PositionedDoc,
  type ReadStore,
} from '../application/ports/read-store';
import { SqliteEventStore } from '../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../infrastructure/sqlite/sqlite-read-store';
import { appendEvents, plain, storedDocs, streamCounter, STREAM_COUNTS } from '../tests/integration/projections-fixture';
import { projectInMemory, type Doc, type ProjectionDefinition } from './definition';
import { applyEvents, projectionHealth, ProjectionRunner, rebuildProjection } from './runner';

let dir: string;
let events: SqliteEventStore;
let reads: SqliteReadStore;
const runners: ProjectionRunner[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-runner-'));
  events = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL', pollIntervalMs: 10 });
  reads = new SqliteReadStore(path.join(dir, 'read.sqlite'));
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await reads.close();
  await events.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const runner = (projection: ProjectionDefinition = streamCounter, options: ConstructorParameters<typeof ProjectionRunner>[3] = {}, store: ReadStore = reads) => {
  const r = new ProjectionRunner(events, store, projection, options);
  runners.push(r);
  return r;
};
const cleanFold = async (projection: ProjectionDefinition = streamCounter) => plain(projectInMemory(projection, await events.readAll()));

describe('ProjectionRunner on SQLite', () => {
  it('catches up from the log, then follows it live, folding each event exactly once', async () => {
    await appendEvents(events, 1200, { streams: 40 });
    const r = runner(streamCounter, { batchSize: 100 });
    await r.start();
    expect(r.checkpoint).toBe(1200n);
    expect(r.status.state).toBe('live');
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());

    const head = await appendEvents(events, 500, { streams: 40, seed: 7, concurrency: 4 });
    await r.waitFor(head!);
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
    expect(await reads.getCheckpoint(streamCounter.name, 0)).toBe(1700n);
    // The fixture closes streams (deleting their documents; a later event starts a fresh one); categories count everything.
    const fold = await cleanFold();
    const total = (docs: Record<string, Doc>) => Object.values(docs).reduce((n, d) => n + (d.count as number), 0);
    expect(total(fold[STREAM_COUNTS])).toBeLessThan(1700);
    expect(total(fold.categoryCounts)).toBe(1700);
  });

  it('applyEvents replayed over SQLite (a crash before the runner learnt of its commit) changes nothing', async () => {
    await appendEvents(events, 300, { streams: 10 });
    for (const spec of streamCounter.collections) await reads.defineCollection(spec);
    const all = await events.readAll();
    await applyEvents(reads, streamCounter, 0, all.slice(0, 200));
    await applyEvents(reads, streamCounter, 0, all.slice(100, 300)); // overlaps the first: 100..199 again
    await applyEvents(reads, streamCounter, 0, all.slice(0, 300)); // everything again
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
    expect(await reads.getCheckpoint(streamCounter.name, 0)).toBe(300n);
  });

  it('after a failure it reports the error and retries from the stored checkpoint: no event skipped or applied twice', async () => {
    await appendEvents(events, 600, { streams: 20 });
    let failures = 0;
    const flaky: ProjectionDefinition = {
      ...streamCounter,
      evolve: (doc, event, key, before) => {
        if (key.collection === STREAM_COUNTS && (event.position === 250n || event.position === 820n) && failures++ % 2 === 0) throw new Error(`evolve failed at ${event.position}`);
        return streamCounter.evolve(doc, event, key, before);
      },
    };
    const errors: string[] = [];
    const r = runner(flaky, { batchSize: 64, retryDelayMs: 5, onError: (e) => errors.push((e as Error).message) });
    await r.start();
    expect(errors).toEqual(['evolve failed at 250']);
    // A failure in the live phase too (the old runner dropped that batch and went on past the gap).
    const head = await appendEvents(events, 400, { streams: 20, seed: 3, concurrency: 8 });
    await r.waitFor(head!);
    expect(errors).toEqual(['evolve failed at 250', 'evolve failed at 820']);
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
  });

  it('when live events pile up faster than they are applied it goes back to pulling, and loses none', async () => {
    const r = runner(streamCounter, { batchSize: 20, maxPending: 30 });
    await r.start();
    expect(r.status.catchUps).toBe(1);
    const head = await appendEvents(events, 3000, { streams: 30, perAppend: 50, concurrency: 8 });
    await r.waitFor(head!);
    expect(r.status.catchUps).toBeGreaterThan(1);
    for (let i = 0; i < 100 && r.status.state !== 'live'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(r.status.state).toBe('live'); // and back to following live once caught up
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
  });

  it('keeps running across a rebuild that switches generations (GenerationSuperseded handled)', async () => {
    await appendEvents(events, 800, { streams: 25 });
    const errors: unknown[] = [];
    const r = runner(streamCounter, { batchSize: 50, onError: (e) => errors.push(e) });
    await r.start();
    const rebuilt = await rebuildProjection(events, reads, streamCounter, { batchSize: 97 });
    expect(rebuilt).toEqual({ generation: 1, events: 800, position: 800n });
    const head = await appendEvents(events, 300, { streams: 25, seed: 11, concurrency: 4 });
    await r.waitFor(head!);
    expect(r.status.generation).toBe(1);
    expect(await reads.activeGeneration(streamCounter.name)).toBe(1);
    expect(await reads.getCheckpoint(streamCounter.name, 1)).toBe(1100n);
    expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
    expect(errors).toEqual([]);
  });

  it('rebuildProjection equals the clean fold whatever its write batches and caches (documents evicted, read back, rewritten)', async () => {
    await appendEvents(events, 3000, { streams: 200 });
    const settings: Array<[number, number, number]> = [
      [1, 1, 0],
      [250, 40, 30],
      [100_000, 100_000, 100_000],
    ];
    for (const [writeBatchSize, maxPendingDocuments, cacheSize] of settings) {
      const writes: bigint[] = [];
      const r = await rebuildProjection(events, reads, streamCounter, {
        batchSize: 77,
        writeBatchSize,
        maxPendingDocuments,
        cacheSize,
        onProgress: ({ position }) => writes.push(position),
      });
      expect(r.events).toBe(3000);
      expect(writes[writes.length - 1]).toBe(3000n);
      if (writeBatchSize === 1) expect(writes).toHaveLength(Math.ceil(3000 / 77));
      expect([writeBatchSize, plain(await storedDocs(reads))]).toEqual([writeBatchSize, await cleanFold()]);
    }
  });

  it('two runners of the same projection at once (the overlap of a lease handover) still store the clean fold', async () => {
    await appendEvents(events, 1500, { streams: 40 });
    const other = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    try {
      const a = runner(streamCounter, { batchSize: 64, catchUpWriteSize: 200, cacheSize: 25 });
      const b = runner(streamCounter, { batchSize: 100, catchUpWriteSize: 300, cacheSize: 1000 }, other);
      await Promise.all([a.start(), b.start()]);
      for (let round = 0; round < 5; round++) {
        const head = await appendEvents(events, 200, { streams: 40, seed: 100 + round, concurrency: 3 });
        await Promise.all([a.waitFor(head!), b.waitFor(head!)]);
      }
      expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
      await Promise.all(runners.splice(0).map((r) => r.stop()));
    } finally {
      await other.close();
    }
  });

  it('hurry applies the log’s new events at once, not at the end of its store’s live interval, and folds each once', async () => {
    // The runner's store delivers live commits at most once a second (as the projector thread's does every 200 ms).
    const slow = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL', pollIntervalMs: 10, liveIntervalMs: 1000 });
    try {
      const r = new ProjectionRunner(slow, reads, streamCounter, { batchSize: 100 });
      runners.push(r);
      await appendEvents(events, 50, { streams: 5 });
      await r.start();
      // The first commit after a quiet spell is delivered at once; the next ones wait for the interval…
      const first = await appendEvents(events, 20, { streams: 5, seed: 3 });
      await r.waitFor(first!, 2000);
      const second = await appendEvents(events, 20, { streams: 5, seed: 4 });
      expect(await r.reached(second!, 300)).toBe(false);
      // …unless someone hurries it.
      const third = await appendEvents(events, 20, { streams: 5, seed: 5 });
      const started = Date.now();
      r.hurry();
      expect(await r.reached(third!, 500)).toBe(true);
      expect(Date.now() - started).toBeLessThan(500);
      // The subscription delivers the same events later: nothing is folded twice, and it goes on following the log.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(r.checkpoint).toBe(third);
      const fourth = await appendEvents(events, 20, { streams: 5, seed: 6 });
      await r.waitFor(fourth!, 3000);
      expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
      await r.stop();
    } finally {
      await slow.close();
    }
  });

  it('a hurry that comes while a pull is under way is not lost: the events it wants are pulled after it', async () => {
    /** The real store, whose reads of the log the test holds back at will. */
    class HeldBack extends SqliteEventStore {
      hold: Promise<void> | null = null;
      override async readAll(options?: Parameters<SqliteEventStore['readAll']>[0]) {
        const events = await super.readAll(options);
        if (this.hold) await this.hold;
        return events;
      }
    }
    const slow = new HeldBack(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL', pollIntervalMs: 10, liveIntervalMs: 2000 });
    try {
      const r = new ProjectionRunner(slow, reads, streamCounter, { batchSize: 100 });
      runners.push(r);
      await appendEvents(events, 30, { streams: 5 });
      await r.start();
      const first = await appendEvents(events, 10, { streams: 5, seed: 3 });
      await r.waitFor(first!, 3000);
      // The first hurry's pull reads A and is held back; B is committed meanwhile and hurried for.
      let release!: () => void;
      slow.hold = new Promise<void>((resolve) => (release = resolve));
      const a = await appendEvents(events, 10, { streams: 5, seed: 4 });
      r.hurry();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const b = await appendEvents(events, 10, { streams: 5, seed: 5 });
      r.hurry();
      slow.hold = null;
      release();
      expect(await r.reached(a!, 500)).toBe(true);
      expect(await r.reached(b!, 500)).toBe(true);
      await r.stop();
      expect(plain(await storedDocs(reads))).toEqual(await cleanFold());
    } finally {
      await slow.close();
    }
  });

  it('waitFor says how far it got when the position is not reached in time', async () => {
    const r = runner();
    await r.start();
    await expect(r.waitFor(5n, 30)).rejects.toThrow('Projection stream-counter did not reach 5 within 30 ms (at 0)');
  });

  it('health reports position and lag (head − position) of the active generation', async () => {
    expect(await projectionHealth(events, reads, [streamCounter])).toEqual({ 'stream-counter': { position: null, lag: 0 } });
    await appendEvents(events, 120, { streams: 5 });
    for (const spec of streamCounter.collections) await reads.defineCollection(spec);
    await applyEvents(reads, streamCounter, 0, await events.readAll({ maxCount: 100 }));
    expect(await projectionHealth(events, reads, [streamCounter])).toEqual({ 'stream-counter': { position: '100', lag: 20 } });
    const r = runner();
    await r.start();
    expect(await projectionHealth(events, reads, [streamCounter])).toEqual({ 'stream-counter': { position: '120', lag: 0 } });
  });
});

/* ------------------------------------------------------------------------------------------------------------------------------------------------
 * A store that, like MongoDB, commits no batch as one: each document is written on its own, conditionally on
 * being older than the batch, and the checkpoint last. `crashAfter` makes a batch die part-way.
 * ------------------------------------------------------------------------------------------------------------------------------------------------ */
class DocumentAtATimeStore {
  readonly docs = new Map<string, { doc: Doc | null; position: bigint }>();
  checkpoint: bigint | null = null;
  /** Documents the next batch writes before it "crashes" (null: no crash). */
  crashAfter: number | null = null;
  crashes: Array<{ batchPosition: bigint; written: number; checkpoint: bigint | null }> = [];

  async defineCollection(_spec: CollectionSpec): Promise<void> {}
  async activeGeneration(): Promise<number> {
    return 0;
  }
  async getCheckpoint(): Promise<bigint | null> {
    return this.checkpoint;
  }
  async getInGenerationWithPositions<T>(collection: string, generation: number, ids: readonly string[]): Promise<Map<string, PositionedDoc<T>>> {
    if (generation !== 0) throw new GenerationSuperseded('x', generation);
    return new Map(ids.map((id) => [id, (this.docs.get(`${collection}/${id}`) as PositionedDoc<T> | undefined) ?? { doc: null, position: 0n }]));
  }
  async applyBatch(_projection: string, _generation: number, changes: readonly DocumentChange[], position: bigint): Promise<void> {
    let written = 0;
    for (const change of changes) {
      if (this.crashAfter !== null && written === this.crashAfter) {
        this.crashes.push({ batchPosition: position, written, checkpoint: this.checkpoint });
        this.crashAfter = null;
        throw new Error('simulated crash between documents');
      }
      const key = `${change.collection}/${change.id}`;
      const current = this.docs.get(key);
      if (!current || current.position < position) this.docs.set(key, { doc: change.doc as Doc | null, position });
      written++;
    }
    if (this.checkpoint === null || this.checkpoint < position) this.checkpoint = position;
  }
  live(): Record<string, Record<string, Doc>> {
    const out: Record<string, Record<string, Doc>> = { [STREAM_COUNTS]: {}, categoryCounts: {} };
    for (const [key, { doc }] of [...this.docs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [collection, id] = key.split('/');
      if (doc) out[collection][id] = doc;
    }
    return out;
  }
}

describe('exactly once on a store that writes documents one at a time (the MongoDB case)', () => {
  const asReadStore = (s: DocumentAtATimeStore) => s as unknown as ReadStore;

  it('a batch that died after some documents is replayed from the old checkpoint without applying anything twice', async () => {
    await appendEvents(events, 2000, { streams: 30 });
    const store = new DocumentAtATimeStore();
    // First worker: its third batch (positions 1001..1500) dies after 9 documents.
    store.crashAfter = null;
    const first = runner(streamCounter, { batchSize: 500, catchUpWriteSize: 500, retryDelayMs: 60_000 }, asReadStore(store));
    let applied = 0;
    const firstDone = new Promise<void>((resolve) => {
      const original = store.applyBatch.bind(store);
      store.applyBatch = async (...args) => {
        if (++applied === 3) store.crashAfter = 9;
        try {
          await original(...args);
        } catch (e) {
          resolve();
          throw e;
        }
      };
    });
    void first.start();
    await firstDone;
    await first.stop();
    expect(store.crashes).toEqual([{ batchPosition: 1500n, written: 9, checkpoint: 1000n }]);
    const ahead = [...store.docs.values()].filter((d) => d.position === 1500n).length;
    expect(ahead).toBe(9);

    // A fresh worker resumes at 1000 with other batch boundaries: 1001..1700 overlaps what was written at 1500.
    const second = runner(streamCounter, { batchSize: 700, catchUpWriteSize: 700 }, asReadStore(store));
    await second.start();
    expect(store.checkpoint).toBe(2000n);
    expect(store.live()).toEqual(await cleanFold());
  });

  it('per document, only events above the position it reflects are folded in', async () => {
    await appendEvents(events, 100, { streams: 3 });
    const all: RecordedEvent[] = await events.readAll();
    const store = new DocumentAtATimeStore();
    await applyEvents(asReadStore(store), streamCounter, 0, all.slice(0, 60));
    // Pretend one category document was already written by a batch up to 80 (another worker, or before a crash).
    const name = all[99].streamId.split('-')[0]; // touched by event 100 (and by some of 61..80, checked below)
    const upTo80 = projectInMemory(streamCounter, all.slice(0, 80)).get('categoryCounts')!.get(name)!;
    expect(all.slice(60, 80).some((e) => e.streamId.startsWith(`${name}-`))).toBe(true);
    store.docs.set(`categoryCounts/${name}`, { doc: upTo80, position: 80n });
    await applyEvents(asReadStore(store), streamCounter, 0, all.slice(60));
    // 61..80 were not folded into it again; 81..100 were.
    const truth = projectInMemory(streamCounter, all).get('categoryCounts')!.get(name)!;
    expect(store.docs.get(`categoryCounts/${name}`)).toEqual({ doc: truth, position: 100n });
    expect(store.live()).toEqual(plain(projectInMemory(streamCounter, all)));
  });
});
