import fc from 'fast-check';
import type { RecordedEvent } from '../../application/ports/event-store';
import { RecentEvents } from './recent-events';

/** A log that grows: positions increase, with gaps (rolled-back positions are never seen). */
const makeLog = () => {
  const events: RecordedEvent[] = [];
  let next = 1;
  let reads = 0;
  return {
    events,
    get reads() {
      return reads;
    },
    grow(count: number, gap: number) {
      for (let i = 0; i < count; i++) {
        next += i === 0 ? gap : 0;
        events.push({ streamId: `s-${next % 7}`, type: 'Happened', revision: 0, position: BigInt(next), data: { n: next }, metadata: {} as RecordedEvent['metadata'], dataBytes: Buffer.from('{}'), metadataBytes: Buffer.from('{}') });
        next += 1;
      }
    },
    read(after: number, max: number): RecordedEvent[] {
      reads += 1;
      return events.filter((e) => Number(e.position) > after).slice(0, max);
    },
  };
};

describe('RecentEvents', () => {
  it('answers every read as the log would, whatever the readers, their positions and the log growth', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(
          fc.oneof(
            fc.record({ grow: fc.integer({ min: 0, max: 30 }), gap: fc.integer({ min: 0, max: 3 }) }),
            fc.record({ reader: fc.integer({ min: 0, max: 4 }), max: fc.integer({ min: 1, max: 25 }) }),
            fc.record({ reader: fc.integer({ min: 0, max: 4 }), rewindTo: fc.integer({ min: 0, max: 200 }) }),
          ),
          { maxLength: 120 },
        ),
        (capacity, steps) => {
          const log = makeLog();
          const recent = new RecentEvents(capacity);
          const positions = [0, 0, 0, 0, 0];
          for (const step of steps) {
            if ('grow' in step) log.grow(step.grow, step.gap);
            else if ('rewindTo' in step) positions[step.reader] = step.rewindTo;
            else {
              const after = positions[step.reader];
              const expected = log.events.filter((e) => Number(e.position) > after).slice(0, step.max);
              const got = recent.read(after, step.max, (a, m) => log.read(a, m));
              expect(got).toEqual(expected);
              if (got.length > 0) positions[step.reader] = Number(got[got.length - 1].position);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets readers at the head share one read of the log, and one decoded object per event', () => {
    const log = makeLog();
    const recent = new RecentEvents(1000);
    log.grow(10, 0);
    const first = recent.read(0, 100, (a, m) => log.read(a, m));
    log.grow(5, 0);
    const readsBefore = log.reads;
    const a = recent.read(0, 100, (x, m) => log.read(x, m));
    const b = recent.read(0, 100, (x, m) => log.read(x, m));
    const c = recent.read(10, 100, (x, m) => log.read(x, m));
    expect(a).toHaveLength(15);
    expect(b).toEqual(a);
    expect(c).toEqual(a.slice(10));
    // The first of them read the 5 new events once (the kept 10 came from memory); the others read only the empty tail.
    expect(log.reads - readsBefore).toBe(3);
    expect(a[0]).toBe(first[0]);
    expect(c[0]).toBe(a[10]);
  });

  it('refuses a capacity that keeps nothing', () => {
    expect(() => new RecentEvents(0)).toThrow(/capacity/);
  });
});
