/**
 * The leases part of the read store (ProjectionLeases): which worker runs each projection. Two workers
 * ask through two connections to the same store, as two projector processes do. SQLite always (on a
 * test clock); MongoDB where a server exists (on the server's clock, so time passes for real there).
 */
import type { ProjectionLeases } from '../../application/ports/read-store';
import { uniqueId } from '../support/events';
import { refusal } from './read-store.support';

export interface LeasesFixture {
  /** Two connections to one store, as two workers have. */
  readonly workers: readonly [ProjectionLeases, ProjectionLeases];
  /** How long each lease below lasts (ms): short where time passes for real. */
  readonly ttlMs: number;
  /** Moves the store's clock on by `ms` (a test clock, or waiting). */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const projectionLeasesContract = (name: string, setup: () => Promise<LeasesFixture>) => {
  describe(`ProjectionLeases contract: ${name}`, () => {
    let f: LeasesFixture;
    let a: ProjectionLeases;
    let b: ProjectionLeases;
    let ttl: number;
    beforeEach(async () => {
      f = await setup();
      [a, b] = f.workers;
      ttl = f.ttlMs;
    });
    afterEach(async () => f.close());

    it('a free lease is taken; another worker is told who holds it and until when; its holder renews it', async () => {
      const projection = uniqueId('proj');
      const first = await a.acquireLease(projection, 'A', ttl);
      expect(first).toEqual({ projection, owner: 'A', expiresAt: expect.any(Number), held: true });
      expect(await b.acquireLease(projection, 'B', ttl)).toEqual({ ...first, held: false });

      await f.advance(ttl / 2);
      const renewed = await a.acquireLease(projection, 'A', ttl);
      expect(renewed).toEqual({ projection, owner: 'A', expiresAt: expect.any(Number), held: true });
      expect(renewed.expiresAt).toBeGreaterThan(first.expiresAt);
      // Past the first expiry, not the renewed one: still A's.
      await f.advance(ttl / 2 + ttl / 6);
      expect(await b.acquireLease(projection, 'B', ttl)).toEqual({ ...renewed, held: false });
    });

    it('a lease not renewed in time is taken over, and its old holder is then refused', async () => {
      const projection = uniqueId('proj');
      expect((await a.acquireLease(projection, 'A', ttl)).held).toBe(true);
      await f.advance(ttl + ttl / 3);
      const taken = await b.acquireLease(projection, 'B', ttl);
      expect(taken).toEqual({ projection, owner: 'B', expiresAt: expect.any(Number), held: true });
      expect(await a.acquireLease(projection, 'A', ttl)).toEqual({ ...taken, held: false });
    });

    it('releasing gives the lease up at once; a release by anyone but the holder changes nothing', async () => {
      const projection = uniqueId('proj');
      const held = await a.acquireLease(projection, 'A', ttl);
      await b.releaseLease(projection, 'B');
      expect(await b.acquireLease(projection, 'B', ttl)).toEqual({ ...held, held: false });
      await a.releaseLease(projection, 'A');
      expect(await b.acquireLease(projection, 'B', ttl)).toEqual({ projection, owner: 'B', expiresAt: expect.any(Number), held: true });
      // Releasing a lease nobody holds, or one never taken, is fine.
      await a.releaseLease(projection, 'A');
      await a.releaseLease(uniqueId('never'), 'A');
    });

    it('of several workers asking at once, exactly one gets the lease, and every other is told it is that one', async () => {
      const projection = uniqueId('proj');
      const owners = ['W0', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'];
      const answers = await Promise.all(owners.map((owner, i) => f.workers[i % 2].acquireLease(projection, owner, ttl)));
      const winners = answers.filter((r) => r.held);
      expect(winners).toHaveLength(1);
      for (const answer of answers) expect(answer.owner).toBe(winners[0].owner);
    });

    it('leases of different projections are independent', async () => {
      const one = uniqueId('proj');
      const two = uniqueId('proj');
      expect((await a.acquireLease(one, 'A', ttl)).held).toBe(true);
      expect((await b.acquireLease(two, 'B', ttl)).held).toBe(true);
      expect((await a.acquireLease(two, 'A', ttl)).owner).toBe('B');
      expect((await b.acquireLease(one, 'B', ttl)).owner).toBe('A');
    });

    it('refuses a lease without a projection or an owner, or lasting less than 1 ms or more than a day', async () => {
      expect((await refusal(a.acquireLease('', 'A', ttl))).fields).toEqual(['projection']);
      expect((await refusal(a.acquireLease(uniqueId('proj'), '', ttl))).fields).toEqual(['owner']);
      for (const bad of [0, -5, 1.5, 86_400_001, Number.NaN]) expect((await refusal(a.acquireLease(uniqueId('proj'), 'A', bad))).fields).toEqual(['ttlMs']);
    });
  });
};
