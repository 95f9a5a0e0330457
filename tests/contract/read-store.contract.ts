/**
 * The one contract every ReadStore adapter passes (SQLite always; MongoDB where a server exists).
 * Every test uses fresh collection and projection names, so it also runs against a shared server.
 */
import { ValidationFailed } from '../../application/errors';
import {
  GenerationSuperseded,
  type CollectionSpec,
  type DocumentChange,
  type FindOptions,
  type ReadStore,
  type Scalar,
  type SortDirection,
} from '../../application/ports/read-store';
import { uniqueId } from '../support/events';

export interface ReadStoreFixture {
  store: ReadStore;
  /**
   * True where every document remembers the last position applied, so replaying an older batch changes
   * nothing (MongoDB). The SQLite store commits documents and checkpoint together and is never replayed.
   */
  replayIsNoOp: boolean;
}

type Doc = Record<string, unknown> & { id: string };

const put = (collection: string, doc: Doc): DocumentChange => ({ collection, id: doc.id, doc });
const del = (collection: string, id: string): DocumentChange => ({ collection, id, doc: null });

/** The order the port promises: declared keys, nulls first ascending, then the id in the last key's direction. */
const cmp = (a: Scalar, b: Scalar): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
const ordered = (docs: readonly Doc[], sort: ReadonlyArray<readonly [string, SortDirection]> = []): Doc[] =>
  [...docs].sort((x, y) => {
    for (const [field, direction] of sort) {
      const c = cmp((x[field] ?? null) as Scalar, (y[field] ?? null) as Scalar);
      if (c !== 0) return direction === 'asc' ? c : -c;
    }
    const c = cmp(x.id, y.id);
    return (sort.length > 0 ? sort[sort.length - 1][1] : 'asc') === 'asc' ? c : -c;
  });

export const readStoreContract = <F extends ReadStoreFixture>(name: string, setup: () => Promise<F>, teardown: (f: F) => Promise<void>) => {
  describe(`ReadStore contract: ${name}`, () => {
    let f: F;
    let store: ReadStore;
    beforeEach(async () => {
      f = await setup();
      store = f.store;
    });
    afterEach(async () => teardown(f));

    const define = async (fields: CollectionSpec['fields'], projection = uniqueId('proj')): Promise<CollectionSpec> => {
      const spec: CollectionSpec = { name: uniqueId('c'), projection, fields };
      await store.defineCollection(spec);
      return spec;
    };
    const ids = (docs: readonly unknown[]) => docs.map((d) => (d as Doc).id);
    /** Every page of a query, checking each page's shape on the way. */
    const allPages = async (collection: string, options: FindOptions, expectedTotal: number) => {
      const pages: Array<{ ids: string[]; hasNextPage: boolean; endCursor: string | null; totalCount: number }> = [];
      let after: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await store.find<Doc>(collection, { ...options, after });
        pages.push({ ids: ids(page.items), hasNextPage: page.hasNextPage, endCursor: page.endCursor, totalCount: page.totalCount });
        expect(page.totalCount).toBe(expectedTotal);
        if (!page.hasNextPage) break;
        expect(page.endCursor).not.toBeNull();
        after = page.endCursor ?? undefined;
      }
      return pages;
    };
    const refusal = async (attempt: Promise<unknown>): Promise<ValidationFailed> => {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).code).toBe('VALIDATION_FAILED');
      return error as ValidationFailed;
    };
    const superseded = async (attempt: Promise<unknown>) => {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GenerationSuperseded);
      expect((error as GenerationSuperseded).code).toBe('GENERATION_SUPERSEDED');
    };

    it('round-trips documents, Armenian text included, with get and getMany', async () => {
      const spec = await define({ nameHy: 'string', population: 'number' });
      const gyumri: Doc = {
        id: 'GYU',
        nameHy: 'Գյումրի',
        nameEn: 'Gyumri',
        population: 121976,
        budgetDrams: 1_000_000_000_000,
        share: 0.125,
        merged: false,
        settlements: ['Գյումրի', 'Ախուրյան'],
        head: { name: 'Վարդան Ղուկասյան', since: '2021-11-14' },
        note: null,
      };
      const vanadzor: Doc = { id: 'VAN', nameHy: 'Վանաձոր', population: 79303 };
      await store.applyBatch(spec.projection, 0, [put(spec.name, gyumri), put(spec.name, vanadzor)], 1n);
      expect(await store.get(spec.name, 'GYU')).toEqual(gyumri);
      expect(await store.get(spec.name, 'nobody')).toBeNull();
      const many = await store.getMany<Doc>(spec.name, ['VAN', 'nobody', 'GYU']);
      expect([...many.keys()].sort()).toEqual(['GYU', 'VAN']);
      expect(many.get('GYU')).toEqual(gyumri);
      expect(many.get('VAN')).toEqual(vanadzor);
      expect((await store.getMany(spec.name, [])).size).toBe(0);
      expect((await store.find<Doc>(spec.name, { filter: { nameHy: 'Գյումրի' } })).items).toEqual([gyumri]);
    });

    it('defineCollection is idempotent; a collection belongs to one projection; unknown collections are refused', async () => {
      const spec = await define({ status: 'string' });
      await store.defineCollection(spec);
      await store.defineCollection({ ...spec, fields: { ...spec.fields } });
      await expect(store.defineCollection({ ...spec, projection: uniqueId('other') })).rejects.toThrow(/belongs to projection/);
      await expect(store.get(uniqueId('nothere'), 'x')).rejects.toThrow(/Unknown read-model collection/);
      await refusal(store.defineCollection({ name: 'no spaces allowed', projection: 'p', fields: {} }));
      await refusal(store.defineCollection({ name: uniqueId('c'), projection: 'p', fields: { 'a.b': 'string' } }));
    });

    describe('find and count with filters', () => {
      const docs: Doc[] = [
        { id: 'd1', city: 'Գյումրի', population: 121976, merged: false },
        { id: 'd2', city: 'Վանաձոր', population: 79303, merged: false },
        { id: 'd3', city: 'Երևան', population: 1092800, merged: true },
        { id: 'd4', city: 'Դիլիջան', population: 17712, merged: true },
        { id: 'd5', city: 'Ալավերդի', population: null, merged: false },
        { id: 'd6', label: 'lacks every declared field' },
      ];
      let spec: CollectionSpec;
      beforeEach(async () => {
        spec = await define({ city: 'string', population: 'number', merged: 'boolean' });
        await store.applyBatch(spec.projection, 0, docs.map((d) => put(spec.name, d)), 6n);
      });
      const cases: Array<[string, NonNullable<FindOptions['filter']>, string[]]> = [
        ['equality on a string', { city: 'Գյումրի' }, ['d1']],
        ['equality on a boolean', { merged: true }, ['d3', 'd4']],
        ['equality on false', { merged: false }, ['d1', 'd2', 'd5']],
        ['equality on a number', { population: 17712 }, ['d4']],
        ['equality with null matches null and absent', { population: null }, ['d5', 'd6']],
        ['$in', { city: { $in: ['Գյումրի', 'Երևան', 'Սևան'] } }, ['d1', 'd3']],
        ['$in with null', { city: { $in: ['Երևան', null] } }, ['d3', 'd6']],
        ['$in with nothing', { city: { $in: [] } }, []],
        ['$ne (null counts as a value)', { merged: { $ne: true } }, ['d1', 'd2', 'd5', 'd6']],
        ['$ne null', { population: { $ne: null } }, ['d1', 'd2', 'd3', 'd4']],
        ['$gt (never null)', { population: { $gt: 79303 } }, ['d1', 'd3']],
        ['$gte', { population: { $gte: 79303 } }, ['d1', 'd2', 'd3']],
        ['$lt (never null)', { population: { $lt: 79303 } }, ['d4']],
        ['$lte', { population: { $lte: 79303 } }, ['d2', 'd4']],
        ['a range', { population: { $gte: 20000, $lt: 200000 } }, ['d1', 'd2']],
        ['a range on Armenian strings (code point order)', { city: { $gt: 'Դ', $lte: 'Երևան' } }, ['d3', 'd4']],
        ['several fields at once', { merged: false, population: { $gt: 50000 } }, ['d1', 'd2']],
        ['nothing matches', { city: 'Սևան' }, []],
      ];
      it.each(cases)('%s', async (_label, filter, expected) => {
        const page = await store.find<Doc>(spec.name, { filter });
        expect(ids(page.items)).toEqual(expected);
        expect(page.items).toEqual(expected.map((id) => docs.find((d) => d.id === id)));
        expect(page.totalCount).toBe(expected.length);
        expect(page.hasNextPage).toBe(false);
        expect(await store.count(spec.name, filter)).toBe(expected.length);
      });
      it('count without a filter counts every document', async () => {
        expect(await store.count(spec.name)).toBe(6);
        expect(await store.count(spec.name, {})).toBe(6);
        expect((await store.find(spec.name)).totalCount).toBe(6);
      });
      it('refuses a filter or sort on an undeclared field, naming the field', async () => {
        expect((await refusal(store.find(spec.name, { filter: { label: 'x' } }))).fields).toContain('label');
        expect((await refusal(store.find(spec.name, { filter: { city: 'Գյումրի', nope: 1, other: { $gt: 2 } } }))).fields).toEqual(
          expect.arrayContaining(['nope', 'other']),
        );
        expect((await refusal(store.count(spec.name, { secret: true }))).fields).toContain('secret');
        expect((await refusal(store.find(spec.name, { sort: [['label', 'asc']] }))).fields).toContain('label');
        expect((await refusal(store.find(spec.name, { sort: [['id', 'desc']] }))).fields).toContain('id');
      });
      it('refuses malformed conditions: wrong type, unknown operator, null range bound, non-array $in', async () => {
        expect((await refusal(store.find(spec.name, { filter: { city: 5 } }))).fields).toContain('city');
        expect((await refusal(store.find(spec.name, { filter: { merged: 'yes' } }))).fields).toContain('merged');
        expect((await refusal(store.find(spec.name, { filter: { population: { $in: [1, 'two'] } } }))).fields).toContain('population');
        expect((await refusal(store.find(spec.name, { filter: { population: { $gt: null } } }))).fields).toContain('population');
        const regex = { $regex: 'Գ' } as unknown as NonNullable<FindOptions['filter']>[string];
        expect((await refusal(store.find(spec.name, { filter: { city: regex } }))).fields).toContain('city');
        const notArray = { $in: 'Գյումրի' } as unknown as NonNullable<FindOptions['filter']>[string];
        expect((await refusal(store.count(spec.name, { city: notArray }))).fields).toContain('city');
      });
      it('refuses a limit outside 1..1000 and a cursor that is not one of ours', async () => {
        for (const limit of [0, -1, 1001, 2.5]) expect((await refusal(store.find(spec.name, { limit }))).fields).toContain('limit');
        expect((await store.find(spec.name, { limit: 1000 })).items).toHaveLength(6);
        expect((await refusal(store.find(spec.name, { after: 'not a cursor!' }))).fields).toContain('after');
        expect((await refusal(store.find(spec.name, { after: Buffer.from('{"x":1}').toString('base64url') }))).fields).toContain('after');
        // A cursor of a query sorted differently (one key more) does not fit this one.
        const sorted = await store.find(spec.name, { sort: [['population', 'asc']], limit: 2 });
        expect((await refusal(store.find(spec.name, { after: sorted.endCursor ?? undefined }))).fields).toContain('after');
      });
    });

    it('sorts ascending and descending on declared fields, ties broken by id in the last key’s direction', async () => {
      const spec = await define({ group: 'number', name: 'string' });
      const docs: Doc[] = [
        { id: 'e', group: 2, name: 'Բ' },
        { id: 'a', group: 1, name: 'Ա' },
        { id: 'c', group: 2, name: 'Ա' },
        { id: 'b', group: 1, name: 'Բ' },
        { id: 'f', group: null, name: 'Գ' },
        { id: 'd', group: 2, name: 'Ա' },
        { id: 'g', name: 'Ա' },
      ];
      await store.applyBatch(spec.projection, 0, docs.map((d) => put(spec.name, d)), 1n);
      const sorted = async (sort: ReadonlyArray<readonly [string, SortDirection]>) => ids((await store.find<Doc>(spec.name, { sort })).items);
      expect(await sorted([])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      expect(await sorted([['group', 'asc']])).toEqual(['f', 'g', 'a', 'b', 'c', 'd', 'e']);
      expect(await sorted([['group', 'desc']])).toEqual(['e', 'd', 'c', 'b', 'a', 'g', 'f']);
      expect(await sorted([['group', 'asc'], ['name', 'desc']])).toEqual(['f', 'g', 'b', 'a', 'e', 'd', 'c']);
      expect(await sorted([['name', 'asc'], ['group', 'asc']])).toEqual(['g', 'a', 'c', 'd', 'b', 'e', 'f']);
      for (const sort of [[['group', 'asc']], [['group', 'desc']], [['group', 'asc'], ['name', 'desc']], [['name', 'asc'], ['group', 'asc']]] as const) {
        expect(await sorted(sort)).toEqual(ids(ordered(docs, sort)));
      }
    });

    describe('cursor pagination', () => {
      const docs: Doc[] = Array.from({ length: 55 }, (_, i) => ({
        id: `doc-${String(i).padStart(3, '0')}`,
        group: i % 4,
        label: i % 5 === 0 ? null : `L${(i * 7) % 6}`,
        seq: i,
      }));
      let spec: CollectionSpec;
      beforeEach(async () => {
        spec = await define({ group: 'number', label: 'string', seq: 'number' });
        // In shuffled order, so the store's order cannot be the insertion order.
        const shuffled = [...docs].sort((a, b) => ((a.seq as number) * 31) % 55 - ((b.seq as number) * 31) % 55);
        await store.applyBatch(spec.projection, 0, shuffled.map((d) => put(spec.name, d)), 55n);
      });

      it('pages through 55 documents 20 at a time: every document once, in order, with the right page info', async () => {
        const pages = await allPages(spec.name, { limit: 20 }, 55);
        expect(pages.map((p) => p.ids.length)).toEqual([20, 20, 15]);
        expect(pages.map((p) => p.hasNextPage)).toEqual([true, true, false]);
        expect(pages.every((p) => typeof p.endCursor === 'string' && p.endCursor.length > 0)).toBe(true);
        expect(pages.flatMap((p) => p.ids)).toEqual(ids(ordered(docs)));
        // After the last document: an empty page.
        const beyond = await store.find(spec.name, { limit: 20, after: pages[2].endCursor ?? undefined });
        expect(beyond).toEqual({ items: [], totalCount: 55, endCursor: null, hasNextPage: false });
      });

      it('the default page is 20 documents', async () => {
        const page = await store.find(spec.name);
        expect(page.items).toHaveLength(20);
        expect(page.hasNextPage).toBe(true);
      });

      const sorts: Array<ReadonlyArray<readonly [string, SortDirection]>> = [
        [['group', 'desc']],
        [['label', 'asc']],
        [['label', 'desc']],
        [['group', 'asc'], ['label', 'desc']],
        [['label', 'asc'], ['seq', 'desc']],
      ];
      it.each(sorts.map((s) => [JSON.stringify(s), s] as const))('pages a sort with ties and nulls: %s', async (_label, sort) => {
        const pages = await allPages(spec.name, { sort, limit: 7 }, 55);
        expect(pages.map((p) => p.ids.length)).toEqual([7, 7, 7, 7, 7, 7, 7, 6]);
        expect(pages.flatMap((p) => p.ids)).toEqual(ids(ordered(docs, sort)));
      });

      it('pages a filtered query; totalCount counts the filter’s matches, not what is left after the cursor', async () => {
        const filter = { group: { $ne: 0 }, label: { $ne: null } };
        const matching = docs.filter((d) => d.group !== 0 && d.label !== null);
        const sort = [['label', 'desc']] as const;
        const pages = await allPages(spec.name, { filter, sort, limit: 10 }, matching.length);
        expect(pages.flatMap((p) => p.ids)).toEqual(ids(ordered(matching, sort)));
        expect(pages.length).toBe(Math.ceil(matching.length / 10));
        expect(await store.count(spec.name, filter)).toBe(matching.length);
      });

      it('a page exactly as large as what is left says there is no next page', async () => {
        const page = await store.find(spec.name, { limit: 55 });
        expect(page.items).toHaveLength(55);
        expect(page.hasNextPage).toBe(false);
        const rest = await store.find(spec.name, { limit: 35, after: (await store.find(spec.name, { limit: 20 })).endCursor ?? undefined });
        expect(rest.items).toHaveLength(35);
        expect(rest.hasNextPage).toBe(false);
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
        expect((await store.getMany(spec.name, ['a', 'b'])).size).toBe(1);
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
        expect((await store.getInGeneration(spec.name, g, ['a', 'c'])).size).toBe(0);

        await store.applyBatch(spec.projection, g, [put(spec.name, { id: 'a', status: 'new' }), put(spec.name, { id: 'b', status: 'new' })], 10n);
        // Queries still read the old generation; the live runner still writes it.
        expect(await store.get(spec.name, 'a')).toEqual({ id: 'a', status: 'old' });
        expect(await store.count(spec.name)).toBe(2);
        expect(ids((await store.find(spec.name, { filter: { status: 'old' } })).items)).toEqual(['a', 'c']);
        await store.applyBatch(spec.projection, 0, [put(spec.name, { id: 'd', status: 'old' })], 4n);
        expect(await store.count(spec.name)).toBe(3);
        const building = await store.getInGeneration<Doc>(spec.name, g, ['a', 'b', 'c']);
        expect(Object.fromEntries(building)).toEqual({ a: { id: 'a', status: 'new' }, b: { id: 'b', status: 'new' } });
        expect((await store.getInGeneration<Doc>(spec.name, 0, ['a'])).get('a')).toEqual({ id: 'a', status: 'old' });
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
        await superseded(store.getInGeneration(spec.name, 0, ['a']));
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
        expect((await store.getInGeneration(spec.name, second, ['a'])).size).toBe(0);
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
