/**
 * The projections' part of the read store (ProjectionStore): collections defined per projection,
 * documents applied in batches together with the checkpoint, the documents a runner folds read back with
 * the position they reflect, and generations for rebuilds. SQLite always; MongoDB where a server exists.
 */
import type { DocumentChange, ReadStore } from '../../application/ports/read-store';
import { uniqueId } from '../support/events';
import { defineIn, del, ids, put, refusal, superseded, type Doc, type ReadStoreFixture } from './read-store.support';

export const projectionStoreContract = <F extends ReadStoreFixture>(name: string, setup: () => Promise<F>, teardown: (f: F) => Promise<void>) => {
  describe(`ProjectionStore contract: ${name}`, () => {
    let f: F;
    let store: ReadStore;
    beforeEach(async () => {
      f = await setup();
      store = f.store;
    });
    afterEach(async () => teardown(f));

    const define = (fields: Parameters<typeof defineIn>[1], projection?: string) => defineIn(store, fields, projection);
    /** The documents of a generation that exist, as the runner reads them (positions aside). */
    const docsIn = async (collection: string, generation: number, wanted: readonly string[]): Promise<Map<string, Doc>> => {
      const positioned = await store.getInGenerationWithPositions<Doc>(collection, generation, wanted);
      const found = new Map<string, Doc>();
      for (const [id, { doc }] of positioned) if (doc !== null) found.set(id, doc);
      return found;
    };

    it('defineCollection is idempotent; a collection belongs to one projection; unknown collections are refused', async () => {
      const spec = await define({ status: 'string' });
      await store.defineCollection(spec);
      await store.defineCollection({ ...spec, fields: { ...spec.fields } });
      await expect(store.defineCollection({ ...spec, projection: uniqueId('other') })).rejects.toThrow(/belongs to projection/);
      await expect(store.get(uniqueId('nothere'), 'x')).rejects.toThrow(/Unknown read-model collection/);
      await refusal(store.defineCollection({ name: 'no spaces allowed', projection: 'p', fields: {} }));
      await refusal(store.defineCollection({ name: uniqueId('c'), projection: 'p', fields: { 'a.b': 'string' } }));
    });

    describe('getInGenerationWithPositions', () => {
      it('answers every id asked, with the document (null where there is none) and the position it reflects', async () => {
        const spec = await define({ status: 'string' });
        const before = await store.getInGenerationWithPositions<Doc>(spec.name, 0, ['a']);
        expect([...before]).toEqual([['a', { doc: null, position: 0n }]]);

        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'open' }), put(spec.name, { id: 'b', status: 'open' })], 5n);
        await store.applyBatch(spec.projection, 0, [del(spec.name, 'a'), put(spec.name, { id: 'c', status: 'new' })], 9n);
        const got = await store.getInGenerationWithPositions<Doc>(spec.name, 0, ['a', 'b', 'c', 'never']);
        expect([...got.keys()]).toEqual(['a', 'b', 'c', 'never']);
        expect(Object.fromEntries([...got].map(([id, p]) => [id, p.doc]))).toEqual({ a: null, b: { id: 'b', status: 'open' }, c: { id: 'c', status: 'new' }, never: null });
        const positions = Object.fromEntries([...got].map(([id, p]) => [id, p.position]));
        if (f.replayIsNoOp) {
          // Each document remembers the batch that last wrote it; a deleted one keeps the position that deleted it.
          expect(positions).toEqual({ a: 9n, b: 5n, c: 9n, never: 0n });
        } else {
          // Documents and checkpoint commit together: every document reflects exactly the checkpoint.
          expect(positions).toEqual({ a: 9n, b: 9n, c: 9n, never: 9n });
        }
        expect((await store.getInGenerationWithPositions(spec.name, 0, [])).size).toBe(0);
      });

      it('refuses a generation that was superseded, and ids that are not strings', async () => {
        const spec = await define({});
        const g = await store.startGeneration(spec.projection);
        await store.activateGeneration(spec.projection, g);
        await superseded(store.getInGenerationWithPositions(spec.name, 0, ['a']));
        await refusal(store.getInGenerationWithPositions(spec.name, g, [1 as unknown as string]));
        await expect(store.getInGenerationWithPositions(uniqueId('nothere'), g, ['a'])).rejects.toThrow(/Unknown read-model collection/);
      });
    });

    describe('applyBatch', () => {
      it('moves documents and the checkpoint together; a delete removes', async () => {
        const spec = await define({ status: 'string' });
        expect(await store.getCheckpoint(spec.projection, 0)).toBeNull();
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'open' }), put(spec.name, { id: 'b', status: 'open' })], 5n);
        expect(await store.getCheckpoint(spec.projection, 0)).toBe(5n);
        expect(await store.count(spec.name)).toBe(2);

        await store.applyBatch(spec.projection, 0, [del(spec.name, 'a'), put(spec.name, { id: 'b', status: 'closed' })], 7n);
        expect(await store.get(spec.name, 'a')).toBeNull();
        expect(await store.get(spec.name, 'b')).toEqual({ id: 'b', status: 'closed' });
        expect(ids((await store.find(spec.name)).items)).toEqual(['b']);
        expect(await store.count(spec.name, { status: 'open' })).toBe(0);
        expect(await store.count(spec.name)).toBe(1);
        expect(await store.getCheckpoint(spec.projection, 0)).toBe(7n);

        // Deleting what is not there is fine; an empty batch still moves the checkpoint.
        await store.applyBatch(spec.projection, 0, [del(spec.name, 'never-existed')], 8n);
        await store.applyBatch(spec.projection, 0, [], 9n);
        expect(await store.getCheckpoint(spec.projection, 0)).toBe(9n);
      });

      it('the last change of a document in a batch wins', async () => {
        const spec = await define({ status: 'string' });
        await store.applyBatch(
          spec.projection,
          0,
          [
            put(spec.name, { id: 'x', status: 'one' }),
            put(spec.name, { id: 'x', status: 'two' }),
            del(spec.name, 'x'),
            del(spec.name, 'y'),
            put(spec.name, { id: 'y', status: 'back' }),
          ],
          3n,
        );
        expect(await store.get(spec.name, 'x')).toBeNull();
        expect(await store.get(spec.name, 'y')).toEqual({ id: 'y', status: 'back' });
        expect(await store.count(spec.name, { status: { $in: ['one', 'two'] } })).toBe(0);
      });

      it('a batch with a bad change writes nothing and leaves the checkpoint where it was', async () => {
        const spec = await define({ status: 'string', amount: 'number' });
        const other = await define({ status: 'string' });
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'open', amount: 1 })], 10n);
        const bad: Array<[string, DocumentChange]> = [
          ['a declared field of the wrong type', put(spec.name, { id: 'c', status: 'open', amount: 'a lot' })],
          ['a number that is not finite', put(spec.name, { id: 'c', status: 'open', amount: Number.POSITIVE_INFINITY })],
          ['an undefined collection', put(uniqueId('nothere'), { id: 'c' })],
          ["another projection's collection", put(other.name, { id: 'c', status: 'open' })],
          ['an empty id', { collection: spec.name, id: '', doc: { status: 'open' } }],
        ];
        for (const [label, change] of bad) {
          const error = await store
            .applyBatch(spec.projection, 0, [put(spec.name, { id: 'b', status: 'open' }), del(spec.name, 'a'), change], 11n)
            .then(() => null, (e: unknown) => e);
          expect([label, error instanceof Error]).toEqual([label, true]);
          expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', status: 'open', amount: 1 });
          expect(await store.get(spec.name, 'b')).toBeNull();
          expect(await store.getCheckpoint(spec.projection, 0)).toBe(10n);
        }
        expect(await store.count(other.name)).toBe(0);
      });

      it('the checkpoint is exactly the position given, bigint beyond 2^53 included', async () => {
        const spec = await define({});
        const big = 2n ** 53n + 1n;
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a' })], big);
        expect(await store.getCheckpoint(spec.projection, 0)).toBe(big);
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', n: 2 })], big + 2n);
        expect(await store.getCheckpoint(spec.projection, 0)).toBe(big + 2n);
        expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', n: 2 });
        await refusal(store.applyBatch(spec.projection, 0, [], -1n));
      });

      it('replaying an older batch (a crash between documents and checkpoint) leaves documents as they are, where the store is replayed', async () => {
        const spec = await define({ status: 'string' });
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'v1' }), put(spec.name, { id: 'b', status: 'v1' })], 10n);
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'v2' }), del(spec.name, 'b')], 20n);
        if (f.replayIsNoOp) {
          await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'v1' }), put(spec.name, { id: 'b', status: 'v1' })], 10n);
          await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'again' }), put(spec.name, { id: 'b', status: 'again' })], 20n);
          expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', status: 'v2' });
          expect(await store.get(spec.name, 'b')).toBeNull();
          expect(await store.count(spec.name)).toBe(1);
          // A newer position still writes, over a deleted document too.
          await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'b', status: 'v3' })], 21n);
          expect(await store.get(spec.name, 'b')).toEqual({ id: 'b', status: 'v3' });
          expect(await store.getCheckpoint(spec.projection, 0)).toBe(21n);
        } else {
          // Documents and checkpoint committed together: what the checkpoint says is exactly what is stored.
          expect(await store.getCheckpoint(spec.projection, 0)).toBe(20n);
          expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', status: 'v2' });
          expect(await store.get(spec.name, 'b')).toBeNull();
        }
      });
    });

    describe('generations', () => {
      it('a rebuild fills a fresh generation while queries read the old one, then switches in one step', async () => {
        const spec = await define({ status: 'string' });
        const bystander = await define({ status: 'string' });
        await store.applyBatch(bystander.projection, 0, [put(bystander.name, { id: 'z', status: 'open' })], 1n);
        expect(await store.activeGeneration(spec.projection)).toBe(0);
        expect(await store.activeGeneration(uniqueId('never-defined'))).toBe(0);
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'a', status: 'old' }), put(spec.name, { id: 'c', status: 'old' })], 3n);

        const g = await store.startGeneration(spec.projection);
        expect(g).toBeGreaterThan(0);
        expect(await store.activeGeneration(spec.projection)).toBe(0);
        expect(await store.getCheckpoint(spec.projection, g)).toBeNull();
        expect((await docsIn(spec.name, g, ['a', 'c'])).size).toBe(0);

        await store.applyBatch(spec.projection, g, [put(spec.name, { id: 'a', status: 'new' }), put(spec.name, { id: 'b', status: 'new' })], 10n);
        // Queries still read the old generation; the live runner still writes it.
        expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', status: 'old' });
        expect(await store.count(spec.name)).toBe(2);
        expect(ids((await store.find(spec.name, { filter: { status: 'old' } })).items)).toEqual(['a', 'c']);
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'd', status: 'old' })], 4n);
        expect(await store.count(spec.name)).toBe(3);
        const building = await docsIn(spec.name, g, ['a', 'b', 'c']);
        expect(Object.fromEntries(building)).toEqual({ a: { id: 'a', status: 'new' }, b: { id: 'b', status: 'new' } });
        expect((await docsIn(spec.name, 0, ['a'])).get('a')).toEqual({ id: 'a', status: 'old' });
        expect(await store.getCheckpoint(spec.projection, g)).toBe(10n);
        expect(await store.getCheckpoint(spec.projection, 0)).toBe(4n);

        await store.activateGeneration(spec.projection, g);
        expect(await store.activeGeneration(spec.projection)).toBe(g);
        expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', status: 'new' });
        expect(await store.get(spec.name, 'c')).toBeNull();
        expect(await store.count(spec.name)).toBe(2);
        expect(ids((await store.find(spec.name, { filter: { status: 'new' } })).items)).toEqual(['a', 'b']);
        expect(await store.getCheckpoint(spec.projection, g)).toBe(10n);

        // The old generation is gone: writing or reading it says so.
        await superseded(store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'e', status: 'late' })], 5n));
        await superseded(docsIn(spec.name, 0, ['a']));
        expect(await store.getCheckpoint(spec.projection, 0)).toBeNull();
        expect(await store.get(spec.name, 'e')).toBeNull();
        // The new generation goes on as the live one.
        await store.applyBatch(spec.projection, g, [put(spec.name, { id: 'e', status: 'new' })], 11n);
        expect(await store.count(spec.name)).toBe(3);
        // Activating it again changes nothing; activating the old one is refused.
        await store.activateGeneration(spec.projection, g);
        expect(await store.activeGeneration(spec.projection)).toBe(g);
        await superseded(store.activateGeneration(spec.projection, 0));
        // Other projections are untouched.
        expect(await store.activeGeneration(bystander.projection)).toBe(0);
        expect(await store.get(bystander.name, 'z')).toEqual({ id: 'z', status: 'open' });
      });

      it('a second rebuild started before the first finished supersedes it; generation numbers are never reused', async () => {
        const spec = await define({ status: 'string' });
        const first = await store.startGeneration(spec.projection);
        await store.applyBatch(spec.projection, first, [put(spec.name, { id: 'a', status: 'first' })], 1n);
        const second = await store.startGeneration(spec.projection);
        expect(second).toBeGreaterThan(first);
        await superseded(store.applyBatch(spec.projection, first, [put(spec.name, { id: 'a', status: 'first' })], 2n));
        await superseded(store.activateGeneration(spec.projection, first));
        expect((await docsIn(spec.name, second, ['a'])).size).toBe(0);
        await store.applyBatch(spec.projection, second, [put(spec.name, { id: 'a', status: 'second' })], 2n);
        await store.activateGeneration(spec.projection, second);
        expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', status: 'second' });
        const third = await store.startGeneration(spec.projection);
        expect(third).toBeGreaterThan(second);
        await superseded(store.activateGeneration(spec.projection, first));
        await superseded(store.applyBatch(spec.projection, 0, [], 3n));
      });

      it('a generation holds every collection of the projection, those defined after it started included', async () => {
        const projection = uniqueId('proj');
        const one = await define({ status: 'string' }, projection);
        const g = await store.startGeneration(projection);
        const two = await define({ kind: 'string' }, projection);
        await store.applyBatch(projection, g, [put(one.name, { id: 'a', status: 'x' }), put(two.name, { id: 'b', kind: 'y' })], 7n);
        expect(await store.count(two.name)).toBe(0);
        await store.activateGeneration(projection, g);
        expect(await store.get(one.name, 'a')).toEqual({ id: 'a', status: 'x' });
        expect(ids((await store.find(two.name, { filter: { kind: 'y' } })).items)).toEqual(['b']);
      });
    });
  });
};
