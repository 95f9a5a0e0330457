import { NotFound } from '../errors';
import { createReportCache } from './report-cache';

describe('reports kept per read-model version', () => {
  const store = () => {
    const state = { generation: 0, checkpoints: new Map<string, bigint>() };
    return {
      state,
      activeGeneration: async () => state.generation,
      getCheckpoint: async (projection: string, generation: number) => state.checkpoints.get(`${projection}@${generation}`) ?? null,
    };
  };

  it('computes a report once while the projections it reads have not moved, again when one moves', async () => {
    const s = store();
    s.state.checkpoints.set('cases@0', 10n);
    const kept = createReportCache(s);
    let computed = 0;
    const report = () => kept(['cases', 'payments'], 'site:AM01', async () => ({ n: ++computed }));
    expect(await report()).toEqual({ n: 1 });
    expect(await report()).toEqual({ n: 1 });
    s.state.checkpoints.set('payments@0', 3n);
    expect(await report()).toEqual({ n: 2 });
    s.state.checkpoints.set('cases@0', 11n);
    expect(await report()).toEqual({ n: 3 });
    // A rebuilt generation is another version, whatever its checkpoint.
    s.state.generation = 1;
    s.state.checkpoints.set('cases@1', 11n);
    s.state.checkpoints.set('payments@1', 3n);
    expect(await report()).toEqual({ n: 4 });
    expect(await kept(['cases', 'payments'], 'site:AM02', async () => ({ n: ++computed }))).toEqual({ n: 5 });
  });

  it('shares one computation between concurrent asks, and keeps no refusal', async () => {
    const kept = createReportCache(store());
    let computed = 0;
    const slow = () => kept(['cases'], 'k', () => new Promise((resolve) => setTimeout(() => resolve(++computed), 10)));
    expect(await Promise.all([slow(), slow(), slow()])).toEqual([1, 1, 1]);
    let refusals = 0;
    const refused = () => kept(['cases'], 'missing', async () => {
      refusals += 1;
      throw new NotFound('No community XX');
    });
    await expect(refused()).rejects.toBeInstanceOf(NotFound);
    await expect(refused()).rejects.toBeInstanceOf(NotFound);
    expect(refusals).toBe(2);
  });

  it('keeps at most maxEntries reports, least recently used out; 0 keeps none', async () => {
    const kept = createReportCache(store(), { maxEntries: 2 });
    let computed = 0;
    const report = (key: string) => kept(['cases'], key, async () => ++computed);
    await report('a');
    await report('b');
    await report('a');
    await report('c'); // evicts b
    expect(await report('a')).toBe(1);
    expect(await report('b')).toBe(4);
    const none = createReportCache(store(), { maxEntries: 0 });
    expect(await none(['cases'], 'x', async () => ++computed)).toBe(5);
    expect(await none(['cases'], 'x', async () => ++computed)).toBe(6);
  });
});
