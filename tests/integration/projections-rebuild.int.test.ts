/**
 * A rebuild in a worker thread while the server thread keeps writing and answering: the fresh generation
 * is filled from position 0 and activated, the live runner of the server thread carries on from it
 * (GenerationSuperseded handled), and the documents equal a clean fold of the whole log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { rebuildInWorker } from '../../infrastructure/projection-worker/rebuild-in-worker';
import type { StoreLocations } from '../../infrastructure/projection-worker/store-locations';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { projectInMemory } from '../../projections/definition';
import { ProjectionRunner } from '../../projections/runner';
import { appendEvents, plain, storedDocs, streamCounter, STREAM_COUNTS } from './projections-fixture';

const fixtureModule = path.join(__dirname, 'projections-fixture.ts');

describe('rebuildInWorker on the embedded stores', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let stores: StoreLocations;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-rebuild-'));
    const eventsFile = path.join(dir, 'events.sqlite');
    const readFile = path.join(dir, 'read.sqlite');
    stores = { eventStore: { kind: 'sqlite', file: eventsFile }, readStore: { kind: 'sqlite', file: readFile } };
    events = new SqliteEventStore(eventsFile, { synchronous: 'NORMAL', pollIntervalMs: 10 });
    reads = new SqliteReadStore(readFile);
  });
  afterEach(async () => {
    await reads.close();
    await events.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fills and activates a fresh generation while live writes go on and queries keep answering; the live runner carries on', async () => {
    await appendEvents(events, 20_000, { streams: 300 });
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(events, reads, streamCounter, { batchSize: 500, onError: (e) => errors.push(e) });
    await runner.start();
    expect(runner.status.generation).toBe(0);

    let appendsDuringRebuild = 0;
    let answersDuringRebuild = 0;
    const writes: Promise<unknown>[] = [];
    const result = await rebuildInWorker({
      stores,
      projectionsModule: fixtureModule,
      projection: streamCounter.name,
      batchSize: 1000,
      writeBatchSize: 1000,
      onProgress: () => {
        // Live writes while the worker rebuilds, and queries, answered from the old generation.
        writes.push(appendEvents(events, 25, { streams: 300, seed: 1000 + appendsDuringRebuild++, concurrency: 1 }));
        writes.push(reads.count(STREAM_COUNTS).then((n) => n > 0 && answersDuringRebuild++));
      },
    });
    await Promise.all(writes);
    expect(result.threadId).not.toBe(threadId);
    expect(result.generation).toBe(1);
    expect(result.events).toBeGreaterThanOrEqual(20_000);
    expect(appendsDuringRebuild).toBeGreaterThanOrEqual(20);
    expect(answersDuringRebuild).toBe(appendsDuringRebuild);
    expect(await reads.activeGeneration(streamCounter.name)).toBe(1);

    // Writes after the switch, then the whole log folds to what is stored.
    const head = await appendEvents(events, 500, { streams: 300, seed: 99, concurrency: 4 });
    await runner.waitFor(head!);
    expect(runner.status.generation).toBe(1);
    expect(await reads.getCheckpoint(streamCounter.name, 1)).toBe(head);
    expect(plain(await storedDocs(reads))).toEqual(plain(projectInMemory(streamCounter, await events.readAll())));
    expect(errors).toEqual([]);
    await runner.stop();
  });

  it('fails with a clear message for an unknown projection, and leaves the active generation alone', async () => {
    await appendEvents(events, 50, { streams: 5 });
    await expect(rebuildInWorker({ stores, projectionsModule: fixtureModule, projection: 'nope' })).rejects.toThrow('Unknown projection "nope"; known: stream-counter');
    expect(await reads.activeGeneration(streamCounter.name)).toBe(0);
  });
});
