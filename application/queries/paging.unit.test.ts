/** Pure helpers of the queries: nearest rank, percent, in-memory paging by id. */
import fc from 'fast-check';
import { compareCodePoints, pageByIdInMemory, pageSize, type Connection } from './paging';
import { nearestRank, percent } from './reports';

describe('nearestRank', () => {
  it('is the ⌈p·n/100⌉-th smallest value', () => {
    const one_to_ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(one_to_ten, 50)).toBe(5);
    expect(nearestRank(one_to_ten, 90)).toBe(9);
    expect(nearestRank([1, 3, 7, 10, 17], 50)).toBe(7);
    expect(nearestRank([1, 3, 7, 10, 17], 90)).toBe(17);
    expect(nearestRank([4], 50)).toBe(4);
    expect(nearestRank([2, 9], 50)).toBe(2);
    expect(nearestRank([], 50)).toBeNull();
    // 0.9 × 30 is 27.000000000000004 in floating point; the rank is exactly 27.
    expect(nearestRank(Array.from({ length: 30 }, (_, i) => i + 1), 90)).toBe(27);
  });

  it('at least p percent of the values are ≤ it, and fewer than p percent are < it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        const v = nearestRank(sorted, p)!;
        expect(sorted.filter((x) => x <= v).length * 100).toBeGreaterThanOrEqual(p * sorted.length);
        expect(sorted.filter((x) => x < v).length * 100).toBeLessThan(p * sorted.length);
      }),
    );
  });
});

describe('percent', () => {
  it('has one decimal and is null for an empty whole', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(4, 5)).toBe(80);
    expect(percent(13_500, 16_300)).toBe(82.8);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('paging', () => {
  it('first defaults to 20 and must be 0..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: ['first'] }));
    expect(() => pageSize(2.5)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('pages an id-ordered list, every item once, across any page size', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (ids, size) => {
        const items = [...ids].sort(compareCodePoints).map((id) => ({ id }));
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page: Connection<string> = pageByIdInMemory(items, { first: size, after }, (x) => x.id);
          expect(page.totalCount).toBe(items.length);
          seen.push(...page.nodes);
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(items.map((x) => x.id));
      }),
    );
  });

  it('compares by code point, as the stores do (not by UTF-16 unit)', () => {
    expect(compareCodePoints('\u{1F600}', '\uFF21')).toBe(1);
    expect('\u{1F600}' < '\uFF21').toBe(true);
    expect(compareCodePoints('Ա', 'Բ')).toBe(-1);
    expect(compareCodePoints('ab', 'a')).toBe(1);
  });

  it('refuses a cursor that is not one of its own', () => {
    expect(() => pageByIdInMemory([{ id: 'a' }], { after: 'not-a-cursor' }, (x) => x)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: ['after'] }));
  });
});
