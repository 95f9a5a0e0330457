/**
 * The one contract every EventStore adapter passes (SQLite always; EventStoreDB where a server exists).
 * Tests use fresh stream ids and positions relative to the head, so they also run on a shared server.
 */
import { firstValueFrom, take, toArray, filter } from 'rxjs';
import { canonicalJson } from '../../application/canonical-json';
import { ConcurrencyConflict, ValidationFailed } from '../../application/errors';
import { CommandAlreadyRecorded, MAX_EVENT_BYTES, type EventStore, type RecordedEvent } from '../../application/ports/event-store';
import { newEvent, uniqueId } from '../support/events';

export interface EventStoreFixture {
  store: EventStore;
  /** True where positions are consecutive integers (the embedded store). */
  gapFreePositions: boolean;
}

export const eventStoreContract = (name: string, setup: () => Promise<EventStoreFixture>, teardown: (f: EventStoreFixture) => Promise<void>) => {
  describe(`EventStore contract: ${name}`, () => {
    let f: EventStoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      f = await setup();
      store = f.store;
    });
    afterEach(async () => teardown(f));

    const head = async () => (await store.headPosition()) ?? 0n;

    it('round-trips data and metadata, Armenian text included, as canonical JSON bytes', async () => {
      const stream = `community-${uniqueId('GYU')}`;
      const data = { nameHy: 'Գյումրի', nameEn: 'Gyumri', population: 121976, settlements: ['Գյումրի'], nested: { z: 1, a: [true, null, 0.5] } };
      const event = newEvent('CommunityRegistered', data);
      const result = await store.append(stream, [event], { expectedRevision: 'no-stream' });
      expect(result.nextRevision).toBe(0);
      const [read] = await store.readStream(stream);
      expect(read.streamId).toBe(stream);
      expect(read.type).toBe('CommunityRegistered');
      expect(read.revision).toBe(0);
      expect(read.position).toBe(result.firstPosition);
      expect(read.data).toEqual(data);
      expect(read.metadata).toEqual(event.metadata);
      expect(Buffer.from(read.dataBytes).toString('utf8')).toBe(canonicalJson(data));
      expect(Buffer.from(read.metadataBytes).toString('utf8')).toBe(canonicalJson(event.metadata));
      expect(Buffer.from(read.dataBytes).toString('utf8')).toContain('Գյումրի');
    });

    it('appends several events in one append atomically, with consecutive revisions', async () => {
      const stream = `fee-${uniqueId()}`;
      const r = await store.append(stream, [newEvent('A', { i: 0 }), newEvent('B', { i: 1 }), newEvent('C', { i: 2 })], { expectedRevision: 'no-stream' });
      expect(r.nextRevision).toBe(2);
      expect(r.lastPosition > r.firstPosition).toBe(true);
      const events = await store.readStream(stream);
      expect(events.map((e) => [e.type, e.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]);
      expect((await store.streamInfo(stream))?.revision).toBe(2);
      expect(await store.streamInfo(`fee-${uniqueId()}`)).toBeNull();
    });

    describe('expected revision', () => {
      it('no-stream: accepted for a new stream, refused for an existing one', async () => {
        const stream = `act-${uniqueId()}`;
        await store.append(stream, [newEvent('A', {})], { expectedRevision: 'no-stream' });
        await expect(store.append(stream, [newEvent('B', {})], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(ConcurrencyConflict);
      });
      it('stream-exists: refused for a new stream, accepted for an existing one', async () => {
        const stream = `act-${uniqueId()}`;
        await expect(store.append(stream, [newEvent('A', {})], { expectedRevision: 'stream-exists' })).rejects.toBeInstanceOf(ConcurrencyConflict);
        await store.append(stream, [newEvent('A', {})], { expectedRevision: 'any' });
        await expect(store.append(stream, [newEvent('B', {})], { expectedRevision: 'stream-exists' })).resolves.toMatchObject({ nextRevision: 1 });
      });
      it('exact revision: accepted when current, refused when stale or ahead, and a refused multi-event append stores nothing', async () => {
        const stream = `act-${uniqueId()}`;
        await store.append(stream, [newEvent('A', {}), newEvent('B', {})], { expectedRevision: 'no-stream' });
        await expect(store.append(stream, [newEvent('C', {})], { expectedRevision: 1 })).resolves.toMatchObject({ nextRevision: 2 });
        const before = await head();
        await expect(store.append(stream, [newEvent('X', {}), newEvent('Y', {})], { expectedRevision: 1 })).rejects.toBeInstanceOf(ConcurrencyConflict);
        await expect(store.append(stream, [newEvent('X', {})], { expectedRevision: 7 })).rejects.toBeInstanceOf(ConcurrencyConflict);
        expect(await head()).toBe(before);
        expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });
      it('any: always accepted', async () => {
        const stream = `act-${uniqueId()}`;
        await store.append(stream, [newEvent('A', {})], { expectedRevision: 'any' });
        await store.append(stream, [newEvent('B', {})], { expectedRevision: 'any' });
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
      });
    });

    it('two writers racing on one stream with the same expected revision: exactly one wins', async () => {
      const stream = `application-${uniqueId()}`;
      await store.append(stream, [newEvent('ApplicationSubmitted', {})], { expectedRevision: 'no-stream' });
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.append(stream, [newEvent('ApplicationRegistered', { writer: i })], { expectedRevision: 0 })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(7);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(ConcurrencyConflict);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('orders the global log under concurrent appends: increasing positions, each stream in revision order', async () => {
      const start = await head();
      const streams = Array.from({ length: 10 }, () => `complaint-${uniqueId()}`);
      await Promise.all(
        streams.flatMap((s) => [0, 1, 2, 3, 4].map(() => store.append(s, [newEvent('E', { s })], { expectedRevision: 'any' }))),
      );
      const all = (await store.readAll({ after: start })).filter((e) => streams.includes(e.streamId));
      expect(all).toHaveLength(50);
      for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
      if (f.gapFreePositions) {
        const positions = (await store.readAll({ after: start })).map((e) => e.position);
        positions.forEach((p, i) => expect(p).toBe(start + BigInt(i + 1)));
      }
      for (const s of streams) {
        expect(all.filter((e) => e.streamId === s).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      }
    });

    it('reads a stream forwards and backwards, from and to a revision', async () => {
      const stream = `fee-${uniqueId()}`;
      await store.append(stream, Array.from({ length: 10 }, (_, i) => newEvent('E', { i })), { expectedRevision: 'no-stream' });
      expect((await store.readStream(stream, { fromRevision: 3, toRevision: 5 })).map((e) => e.revision)).toEqual([3, 4, 5]);
      expect((await store.readStream(stream, { direction: 'backwards', maxCount: 3 })).map((e) => e.revision)).toEqual([9, 8, 7]);
      expect((await store.readStream(stream, { direction: 'backwards', fromRevision: 4, toRevision: 2 })).map((e) => e.revision)).toEqual([4, 3, 2]);
      expect((await store.readStream(stream, { fromRevision: 8 })).map((e) => e.revision)).toEqual([8, 9]);
      expect(await store.readStream(`fee-${uniqueId()}`)).toEqual([]);
    });

    it('reads the global log from the middle (exclusive of the given position)', async () => {
      const stream = `act-${uniqueId()}`;
      const r = await store.append(stream, Array.from({ length: 6 }, (_, i) => newEvent('E', { i })), { expectedRevision: 'no-stream' });
      const mine = (await store.readAll({ after: r.firstPosition - 1n })).filter((e) => e.streamId === stream);
      expect(mine.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      const [third] = mine.slice(2);
      const afterThird = (await store.readAll({ after: third.position })).filter((e) => e.streamId === stream);
      expect(afterThird.map((e) => e.revision)).toEqual([3, 4, 5]);
      const two = await store.readAll({ after: third.position, maxCount: 2 });
      expect(two).toHaveLength(2);
    });

    it('filters the global log by category', async () => {
      const start = await head();
      const id = uniqueId();
      await store.append(`fee-${id}`, [newEvent('FeeAssessed', {})], { expectedRevision: 'any' });
      await store.append(`feedback-${id}`, [newEvent('Other', {})], { expectedRevision: 'any' });
      await store.append(`application-${id}`, [newEvent('ApplicationSubmitted', {})], { expectedRevision: 'any' });
      await store.append(`fee-${id}x`, [newEvent('FeeAssessed', {})], { expectedRevision: 'any' });
      const fees = await store.readAll({ after: start, category: 'fee' });
      expect(fees.map((e) => e.streamId)).toEqual([`fee-${id}`, `fee-${id}x`]);
      const live = await firstValueFrom(store.subscribe({ after: start, category: 'fee' }).pipe(take(2), toArray()));
      expect(live.map((e) => e.streamId)).toEqual([`fee-${id}`, `fee-${id}x`]);
    });

    it('subscription: catch-up then live, with writes during catch-up, sees every event exactly once in order', async () => {
      const start = await head();
      const stream = (i: number) => `application-${runId}-${i % 7}`;
      const runId = uniqueId('r');
      for (let i = 0; i < 300; i += 10) {
        await store.append(stream(i), Array.from({ length: 10 }, (_, j) => newEvent('E', { n: i + j })), { expectedRevision: 'any' });
      }
      const seen: RecordedEvent[] = [];
      const done = firstValueFrom(
        store.subscribe({ after: start }).pipe(
          filter((e) => e.streamId.startsWith(`application-${runId}`)),
          take(600),
          toArray(),
        ),
      );
      // Writes racing the catch-up and then the live phase.
      for (let i = 300; i < 600; i++) {
        await store.append(stream(i), [newEvent('E', { n: i })], { expectedRevision: 'any' });
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      seen.push(...(await done));
      expect(seen.map((e) => (e.data as { n: number }).n)).toEqual(Array.from({ length: 600 }, (_, i) => i));
      for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
    });

    it('subscription resumes strictly after the given position', async () => {
      const stream = `fee-${uniqueId()}`;
      const r = await store.append(stream, Array.from({ length: 5 }, (_, i) => newEvent('E', { i })), { expectedRevision: 'no-stream' });
      const events = await store.readStream(stream);
      const resumed = await firstValueFrom(
        store.subscribe({ after: events[1].position }).pipe(
          filter((e) => e.streamId === stream),
          take(3),
          toArray(),
        ),
      );
      expect(resumed.map((e) => e.revision)).toEqual([2, 3, 4]);
      expect(resumed[2].position).toBe(r.lastPosition);
    });

    describe('bad input is refused with a clear error and nothing is stored', () => {
      const refuses = async (events: Parameters<EventStore['append']>[1], stream = `fee-${uniqueId()}`) => {
        const before = await head();
        const error = await store.append(stream, events, { expectedRevision: 'any' }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationFailed);
        expect((error as ValidationFailed).fields.length).toBeGreaterThan(0);
        expect(await head()).toBe(before);
        const stored = await store.readStream(stream).catch((e: unknown) => (e instanceof ValidationFailed ? [] : Promise.reject(e)));
        expect(stored).toEqual([]);
        return error as ValidationFailed;
      };
      it('an empty event type', async () => {
        const e = await refuses([newEvent('Ok', {}), newEvent('', {})]);
        expect(e.message).toMatch(/empty type/);
      });
      it('data that is not JSON: a function, a BigInt, NaN, a Date, a cycle', async () => {
        await refuses([newEvent('Ok', { f: () => 1 })]);
        await refuses([newEvent('Ok', { n: 1n })]);
        await refuses([newEvent('Ok', { n: Number.NaN })]);
        await refuses([newEvent('Ok', { d: new Date() })]);
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        await refuses([newEvent('Ok', cyclic)]);
      });
      it(`an event over the documented limit of ${MAX_EVENT_BYTES} bytes`, async () => {
        const e = await refuses([newEvent('Ok', { text: 'Ա'.repeat(MAX_EVENT_BYTES / 2) })]);
        expect(e.message).toMatch(/limit/);
      });
      it('a stream id that is not category-id, and no events at all', async () => {
        await refuses([newEvent('Ok', {})], 'no dash here');
        await refuses([], `fee-${uniqueId()}`);
      });
      it('a malformed expected revision', async () => {
        const before = await head();
        await expect(store.append(`fee-${uniqueId()}`, [newEvent('Ok', {})], { expectedRevision: -5 })).rejects.toBeInstanceOf(ValidationFailed);
        expect(await head()).toBe(before);
      });
    });

    it('records command ids with the events: a second append with the same command id is refused and stores nothing', async () => {
      const commandId = uniqueId('cmd');
      const stream = `application-${uniqueId()}`;
      expect(await store.findCommand(commandId)).toBeNull();
      const r = await store.append(stream, [newEvent('A', {})], { expectedRevision: 'no-stream', command: { commandId, fingerprint: 'f1' } });
      const record = await store.findCommand(commandId);
      expect(record).toMatchObject({ commandId, fingerprint: 'f1', streamId: stream, revision: 0 });
      expect(record?.position).toBe(r.lastPosition);
      const before = await head();
      const error = await store
        .append(`application-${uniqueId()}`, [newEvent('A', {})], { expectedRevision: 'any', command: { commandId, fingerprint: 'f1' } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommandAlreadyRecorded);
      expect((error as CommandAlreadyRecorded).record.streamId).toBe(stream);
      expect(await head()).toBe(before);
    });
  });
};
