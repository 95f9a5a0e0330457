/**
 * The contract of the reads-follow-writes ports (ReadModelProgress, CallerPositions) that every adapter
 * passes — SQLite always, MongoDB where a server exists — driven through the application's waiter
 * (createReadsFollowWrites) the way the API uses it. The read models are written through the ReadStore
 * port by another connection, as a projector in another thread or process writes them.
 */
import { StaleRead } from '../../application/errors';
import type { CallerPositions, ReadModelProgress } from '../../application/ports/read-model-progress';
import type { ReadStore } from '../../application/ports/read-store';
import { createReadsFollowWrites } from '../../application/reads-follow-writes';
import { uniqueId } from '../support/events';

export interface ReadsFollowWritesFixture {
  /** Writes the read models (as a projector would), on its own connection. */
  readonly writer: ReadStore;
  readonly progress: ReadModelProgress;
  readonly callers: CallerPositions;
  /** Another API process's view of the callers' positions (its own connection to the same store). */
  readonly otherCallers: CallerPositions;
}

export const readsFollowWritesContract = <F extends ReadsFollowWritesFixture>(name: string, open: () => Promise<F>, close: (f: F) => Promise<void>): void => {
  describe(`reads-follow-writes ports: ${name}`, () => {
    let f: F;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => close(f));

    /** A fresh projection with one collection, and a batch writer for it. */
    const projection = async (label: string) => {
      const p = uniqueId(label);
      await f.writer.defineCollection({ name: uniqueId(`${label}_docs`), projection: p, fields: { status: 'string' } });
      return { name: p, apply: (position: bigint, generation = 0) => f.writer.applyBatch(p, generation, [], position) };
    };

    it('reports 0 before a projection stored anything, then the position of its last batch', async () => {
      const cases = await projection('cases');
      const never = uniqueId('never');
      expect(await f.progress.positions([cases.name, never])).toEqual(new Map([[cases.name, 0n], [never, 0n]]));
      await cases.apply(7n);
      await cases.apply(12n);
      expect((await f.progress.positions([cases.name])).get(cases.name)).toBe(12n);
    });

    it('reports the active generation: a rebuild counts once it is switched in', async () => {
      const p = await projection('rebuilt');
      await p.apply(40n);
      const next = await f.writer.startGeneration(p.name);
      await p.apply(25n, next);
      expect((await f.progress.positions([p.name])).get(p.name)).toBe(40n);
      await f.writer.activateGeneration(p.name, next);
      expect((await f.progress.positions([p.name])).get(p.name)).toBe(25n);
    });

    it('a wait ends as soon as another connection stores the position, and only when every projection named has it', async () => {
      const a = await projection('a');
      const b = await projection('b');
      const reads = createReadsFollowWrites({ progress: f.progress, callers: f.callers, maxWaitMs: 5000 });
      let done = false;
      const waiting = reads.waitFor([a.name, b.name], 10n).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 30));
      await a.apply(10n);
      await new Promise((r) => setTimeout(r, 60));
      expect(done).toBe(false);
      const started = Date.now();
      await b.apply(11n);
      await waiting;
      expect(Date.now() - started).toBeLessThan(1000);
      expect(reads.waiting).toBe(0);
    });

    it('a wait that runs out is STALE_READ naming the projections still behind, and stops watching', async () => {
      const a = await projection('ahead');
      const b = await projection('behind');
      await a.apply(50n);
      await b.apply(49n);
      const reads = createReadsFollowWrites({ progress: f.progress, callers: f.callers, maxWaitMs: 150 });
      const started = Date.now();
      const error = await reads.waitFor([a.name, b.name], 50n).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StaleRead);
      expect(error).toMatchObject({ code: 'STALE_READ', position: 50n, behind: [b.name] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(reads.waiting).toBe(0);
    });

    it('a position already reflected needs no wait at all', async () => {
      const a = await projection('fast');
      await a.apply(3n);
      const reads = createReadsFollowWrites({ progress: f.progress, callers: f.callers, maxWaitMs: 0 });
      await expect(reads.waitFor([a.name], 3n)).resolves.toBeUndefined();
      await expect(reads.waitFor([a.name], 4n)).rejects.toBeInstanceOf(StaleRead);
    });

    it('keeps each caller’s latest write position, never lowers it, and shares it with other API processes', async () => {
      const caller = `sub:${uniqueId('clerk')}`;
      const other = `sub:${uniqueId('resident')}`;
      expect(await f.callers.get(caller)).toBeNull();
      await Promise.all([f.callers.record(caller, 30n), f.callers.record(caller, 31n), f.callers.record(other, 5n), f.callers.record(caller, 29n)]);
      expect(await f.callers.get(caller)).toBe(31n);
      expect(await f.otherCallers.get(caller)).toBe(31n);
      expect(await f.otherCallers.get(other)).toBe(5n);
      await f.otherCallers.record(caller, 12n);
      expect(await f.callers.get(caller)).toBe(31n);
      // Positions beyond 2^53 (EventStoreDB commit positions) keep every digit.
      const big = 2n ** 62n + 1n;
      await f.otherCallers.record(caller, big);
      expect(await f.callers.get(caller)).toBe(big);
    });

    it('a query must reflect the caller’s own last write or the position it names, whichever is later', async () => {
      const caller = `sub:${uniqueId('clerk')}`;
      const reads = createReadsFollowWrites({ progress: f.progress, callers: f.callers });
      expect(await reads.positionFor(caller, null)).toBeNull();
      expect(await reads.positionFor(null, 8n)).toBe(8n);
      await reads.wrote(caller, 20n);
      expect(await reads.positionFor(caller, null)).toBe(20n);
      expect(await reads.positionFor(caller, 8n)).toBe(20n);
      expect(await reads.positionFor(caller, 21n)).toBe(21n);
    });
  });
};
