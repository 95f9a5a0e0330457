/**
 * The queries' part of the read store (ReadModelReader): read a document, find documents by declared
 * fields in a declared order, count, page with cursors. Documents are put in place through the
 * projections' part (applyBatch), as the runner does. SQLite always; MongoDB where a server exists.
 */
import type { CollectionSpec, FindOptions, ReadStore, Scalar, SortDirection } from '../../application/ports/read-store';
import { uniqueId } from '../support/events';
import { defineIn, ids, put, refusal, type Doc, type ReadStoreFixture } from './read-store.support';

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

export const readModelReaderContract = <F extends ReadStoreFixture>(name: string, setup: () => Promise<F>, teardown: (f: F) => Promise<void>) => {
  describe(`ReadModelReader contract: ${name}`, () => {
    let f: F;
    let store: ReadStore;
    beforeEach(async () => {
      f = await setup();
      store = f.store;
    });
    afterEach(async () => teardown(f));

    const define = (fields: Parameters<typeof defineIn>[1], projection?: string) => defineIn(store, fields, projection);
    /** Every page of a query, checking each page's shape on the way. */
    const allPages = async (collection: string, options: FindOptions, expectedTotal: number) => {
      const pages: Array<{ ids: string[]; hasNextPage: boolean; endCursor: string | null; totalCount: number }> = [];
      let after: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await store.find<Doc>(collection, { ...options, after });
        pages.push({ ids: ids(page.items), hasNextPage: page.hasNextPage, endCursor: page.endCursor, totalCount: page.totalCount });
        expect(page.totalCount).toBe(expectedTotal);
        // findPage answers the very same page, only without counting.
        expect(await store.findPage<Doc>(collection, { ...options, after })).toEqual({ items: page.items, endCursor: page.endCursor, hasNextPage: page.hasNextPage });
        if (!page.hasNextPage) break;
        expect(page.endCursor).not.toBeNull();
        after = page.endCursor ?? undefined;
      }
      return pages;
    };

    it('round-trips documents, Armenian text included, with get', async () => {
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
      expect(await store.get(spec.name, 'VAN')).toEqual(vanadzor);
      expect((await store.find<Doc>(spec.name, { filter: { nameHy: 'Գյումրի' } })).items).toEqual([gyumri]);
    });

    it('get, find and count refuse a collection nobody defined', async () => {
      const nothere = uniqueId('nothere');
      await expect(store.get(nothere, 'x')).rejects.toThrow(/Unknown read-model collection/);
      await expect(store.find(nothere)).rejects.toThrow(/Unknown read-model collection/);
      await expect(store.count(nothere)).rejects.toThrow(/Unknown read-model collection/);
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
        const uncounted = await store.findPage<Doc>(spec.name, { filter });
        expect(uncounted).toEqual({ items: page.items, endCursor: page.endCursor, hasNextPage: false });
        expect(uncounted).not.toHaveProperty('totalCount');
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

  });
};
