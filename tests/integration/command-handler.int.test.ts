import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCommandHandler } from '../../application/command-handler';
import { ConcurrencyConflict, InvalidTransition, ValidationFailed } from '../../application/errors';
import { countingIds, fixedClock } from '../../application/ids';
import type { EventStore } from '../../application/ports/event-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { newEvent, testActor } from '../support/events';
import { tallyDecider } from '../support/tally-decider';

describe('command handling core (load → decide → append) over the SQLite store', () => {
  let dir: string;
  let store: EventStore;
  let clock: ReturnType<typeof fixedClock>;
  let handler: ReturnType<typeof createCommandHandler>;
  const ctx = { actor: testActor };
  const open = { type: 'OpenTally', data: { title: 'Ավագանու նիստ' } } as const;
  const count = (votes: number) => ({ type: 'CountVote', data: { votes } }) as const;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-ch-'));
    store = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    clock = fixedClock('2026-11-25T08:00:00.000Z');
    handler = createCommandHandler({ eventStore: store, clock, ids: countingIds('t') });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads, decides and appends, with the envelope built from the context, clock and ids', async () => {
    const r = await handler.handle(tallyDecider, 'tally-1', open, { ...ctx, correlationId: 'corr-1' });
    expect(r.revision).toBe(0);
    expect(r.duplicate).toBe(false);
    const [event] = await store.readStream('tally-1');
    expect(event.data).toEqual({ title: 'Ավագանու նիստ', at: '2026-11-25T08:00:00.000Z' });
    expect(event.metadata).toMatchObject({
      actor: testActor,
      correlationId: 'corr-1',
      occurredAt: '2026-11-25T08:00:00.000Z',
      recordedAt: '2026-11-25T08:00:00.000Z',
      schemaVersion: 1,
    });
    expect(event.metadata.causationId).toBe(event.metadata.commandId);
  });

  it('uses the business time of imported history as occurredAt, the clock as recordedAt', async () => {
    await handler.handle(tallyDecider, 'tally-h', open, { ...ctx, occurredAt: '2016-06-01T00:00:00.000Z' });
    const [event] = await store.readStream('tally-h');
    expect(event.metadata.occurredAt).toBe('2016-06-01T00:00:00.000Z');
    expect(event.metadata.recordedAt).toBe('2026-11-25T08:00:00.000Z');
    expect(event.data).toMatchObject({ at: '2016-06-01T00:00:00.000Z' });
  });

  it('turns a refusal of the decider into INVALID_TRANSITION and appends nothing', async () => {
    const before = await store.headPosition();
    await expect(handler.handle(tallyDecider, 'tally-2', count(3), ctx)).rejects.toBeInstanceOf(InvalidTransition);
    expect(await store.headPosition()).toBe(before);
  });

  it('a repeated commandId appends nothing and returns the same aggregate, creations included', async () => {
    const id = handler.newAggregateId('cmd-create');
    expect(handler.newAggregateId('cmd-create')).toBe(id);
    const first = await handler.handle(tallyDecider, `tally-${id}`, open, { ...ctx, commandId: 'cmd-create' });
    const head = await store.headPosition();
    const again = await handler.handle(tallyDecider, `tally-${handler.newAggregateId('cmd-create')}`, open, { ...ctx, commandId: 'cmd-create' });
    expect(again.duplicate).toBe(true);
    expect(again.streamId).toBe(first.streamId);
    expect(again.revision).toBe(first.revision);
    expect(await store.headPosition()).toBe(head);

    await handler.handle(tallyDecider, `tally-${id}`, count(2), { ...ctx, commandId: 'cmd-vote' });
    await handler.handle(tallyDecider, `tally-${id}`, count(5), ctx);
    const repeat = await handler.handle(tallyDecider, `tally-${id}`, count(2), { ...ctx, commandId: 'cmd-vote' });
    expect(repeat.duplicate).toBe(true);
    expect(repeat.state).toEqual({ status: 'open', total: 7 });
    expect((await store.readStream(`tally-${id}`)).length).toBe(3);
  });

  it('the same commandId with another input, stream or actor is VALIDATION_FAILED and appends nothing', async () => {
    await handler.handle(tallyDecider, 'tally-3', open, { ...ctx, commandId: 'c1' });
    const head = await store.headPosition();
    for (const attempt of [
      () => handler.handle(tallyDecider, 'tally-3', count(1), { ...ctx, commandId: 'c1' }),
      () => handler.handle(tallyDecider, 'tally-4', open, { ...ctx, commandId: 'c1' }),
      () => handler.handle(tallyDecider, 'tally-3', open, { actor: { ...testActor, id: 'someone-else' }, commandId: 'c1' }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).fields).toEqual(['commandId']);
    }
    expect(await store.headPosition()).toBe(head);
  });

  it('finds a command in its stream when the index entry is missing (a crash between the two writes on EventStoreDB)', async () => {
    // The same store seen as EventStoreDB's is: a command index written apart from the events.
    const separateIndex = Object.create(store, { commandIndexAtomic: { value: false } }) as SqliteEventStore;
    const handler = createCommandHandler({ eventStore: separateIndex, clock, ids: countingIds('t') });
    await handler.handle(tallyDecider, 'tally-x', open, ctx);
    // Events carrying the command id, but no index entry: what a crash between the writes leaves.
    await store.append('tally-x', [newEvent('VoteCounted', { votes: 3, total: 3 }, { commandId: 'lost-index', actor: testActor })], { expectedRevision: 0 });
    const head = await store.headPosition();
    const again = await handler.handle(tallyDecider, 'tally-x', count(3), { ...ctx, commandId: 'lost-index' });
    expect(again.duplicate).toBe(true);
    expect(again.state.total).toBe(3);
    await expect(handler.handle(tallyDecider, 'tally-x', count(3), { actor: { ...testActor, id: 'other' }, commandId: 'lost-index' })).rejects.toBeInstanceOf(ValidationFailed);
    expect(await store.headPosition()).toBe(head);
  });

  it('keeps folded states between commands, and still sees events appended by another writer', async () => {
    await handler.handle(tallyDecider, 'tally-k', open, ctx);
    await handler.handle(tallyDecider, 'tally-k', count(2), ctx);
    // Another process (or handler) appends behind this handler's kept state.
    const other = createCommandHandler({ eventStore: store, clock, ids: countingIds('o') });
    await other.handle(tallyDecider, 'tally-k', count(5), ctx);
    const { state, revision } = await handler.load(tallyDecider, 'tally-k');
    expect(state.total).toBe(7);
    expect(revision).toBe(2);
    const next = await handler.handle(tallyDecider, 'tally-k', count(1), { ...ctx, expectedRevision: 2 });
    expect(next.state.total).toBe(8);
    await expect(handler.handle(tallyDecider, 'tally-k', count(1), { ...ctx, expectedRevision: 2 })).rejects.toBeInstanceOf(ConcurrencyConflict);
    // An earlier revision is folded from the log, not from the kept state.
    expect((await handler.load(tallyDecider, 'tally-k', 1)).state.total).toBe(2);
    const uncached = createCommandHandler({ eventStore: store, clock, ids: countingIds('u'), stateCacheSize: 0 });
    expect((await uncached.load(tallyDecider, 'tally-k')).state).toEqual((await handler.load(tallyDecider, 'tally-k')).state);
  });

  it('loadRecent answers from a state known to be newest within its age, and reads the log once it is older', async () => {
    let now = 1_000;
    const timed = createCommandHandler({ eventStore: store, clock, ids: countingIds('r'), monotonicNow: () => now });
    await timed.handle(tallyDecider, 'tally-r', open, ctx);
    await timed.handle(tallyDecider, 'tally-r', count(2), ctx);
    // Its own appends are always in it.
    expect((await timed.loadRecent(tallyDecider, 'tally-r', 250)).state.total).toBe(2);
    // Another writer's append is missed for at most the age asked for...
    const other = createCommandHandler({ eventStore: store, clock, ids: countingIds('o') });
    await other.handle(tallyDecider, 'tally-r', count(5), ctx);
    now += 250;
    expect(await timed.loadRecent(tallyDecider, 'tally-r', 250)).toMatchObject({ revision: 1, state: { total: 2 } });
    // ...and seen once the kept state is older than that, or by load at any time.
    expect((await timed.load(tallyDecider, 'tally-r')).state.total).toBe(7);
    await other.handle(tallyDecider, 'tally-r', count(1), ctx);
    now += 251;
    expect(await timed.loadRecent(tallyDecider, 'tally-r', 250)).toMatchObject({ revision: 3, state: { total: 8 } });
    // A stream never loaded is read; handle never relies on it: a stale revision would not append.
    expect((await timed.loadRecent(tallyDecider, 'tally-unknown', 250)).revision).toBe(-1);
    await other.handle(tallyDecider, 'tally-r', count(1), ctx);
    expect((await timed.handle(tallyDecider, 'tally-r', count(1), ctx)).state.total).toBe(10);
  });

  it('decides a creation on a fresh stream unread, and reads a stream that existed after all', async () => {
    const created = await handler.handle(tallyDecider, 'tally-fresh', open, ctx, { newStream: true });
    expect(created.revision).toBe(0);
    // The same "fresh" id again: the unread append conflicts, the stream is read, the decider refuses.
    const head = await store.headPosition();
    await expect(handler.handle(tallyDecider, 'tally-fresh', open, { ...ctx, commandId: 'again' }, { newStream: true })).rejects.toBeInstanceOf(InvalidTransition);
    expect(await store.headPosition()).toBe(head);
    // A creation retried with its command id is answered from the first, not refused.
    const first = await handler.handle(tallyDecider, 'tally-fresh-2', open, { ...ctx, commandId: 'create-2' }, { newStream: true });
    const retried = await handler.handle(tallyDecider, 'tally-fresh-2', open, { ...ctx, commandId: 'create-2' }, { newStream: true });
    expect(retried).toMatchObject({ duplicate: true, revision: first.revision });
  });

  it('concurrent duplicates of one command append once', async () => {
    await handler.handle(tallyDecider, 'tally-5', open, ctx);
    const results = await Promise.all(Array.from({ length: 6 }, () => handler.handle(tallyDecider, 'tally-5', count(4), { ...ctx, commandId: 'dup' })));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await store.readStream('tally-5')).length).toBe(2);
  });

  it('with an expected revision, a stale one is CONCURRENCY_CONFLICT', async () => {
    await handler.handle(tallyDecider, 'tally-6', open, ctx);
    await handler.handle(tallyDecider, 'tally-6', count(1), { ...ctx, expectedRevision: 0 });
    await expect(handler.handle(tallyDecider, 'tally-6', count(1), { ...ctx, expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await store.readStream('tally-6')).length).toBe(2);
  });

  it('without an expected revision, concurrent commands on one stream retry their conflicts and all succeed', async () => {
    await handler.handle(tallyDecider, 'tally-7', open, ctx);
    await Promise.all([1, 2, 3, 4].map((v) => handler.handle(tallyDecider, 'tally-7', count(v), ctx)));
    const events = await store.readStream('tally-7');
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect((events[4].data as { total: number }).total).toBe(10);
  });

  it('a command with nothing to record appends nothing', async () => {
    await handler.handle(tallyDecider, 'tally-8', open, ctx);
    const head = await store.headPosition();
    const r = await handler.handle(tallyDecider, 'tally-8', count(0), ctx);
    expect(r.events).toEqual([]);
    expect(r.revision).toBe(0);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses a commandId that is empty or too long', async () => {
    await expect(handler.handle(tallyDecider, 'tally-9', open, { ...ctx, commandId: '' })).rejects.toBeInstanceOf(ValidationFailed);
    await expect(handler.handle(tallyDecider, 'tally-9', open, { ...ctx, commandId: 'x'.repeat(201) })).rejects.toBeInstanceOf(ValidationFailed);
    expect(await store.headPosition()).toBeNull();
  });
});
