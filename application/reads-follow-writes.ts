/**
 * Reads that follow writes (docs/reads-follow-writes.md). A caller's mutation records the position of
 * the last event it appended, in the shared store (`CallerPositions`), so that any API process answering
 * the caller's next query knows it; the query then waits until the read models it uses reflect that
 * position, or an explicit one (`Hamaynk-After-Position`), and fails STALE_READ rather than answer stale.
 *
 * Waiting is woken by the read store's own change signal (`ReadModelProgress.onChange`) and by `nudge`
 * (this process learnt that a checkpoint moved); every waiter shares one read of the checkpoints per
 * wake-up, and nothing is watched while nobody waits.
 */
import { StaleRead } from './errors';
import type { CallerPositions, ReadModelProgress } from './ports/read-model-progress';

/** A query waits at most 5 s for the read models (docs/reads-follow-writes.md). */
export const MAX_READ_WAIT_MS = 5000;

export interface ReadsFollowWritesDeps {
  readonly progress: ReadModelProgress;
  readonly callers: CallerPositions;
  /** The longest a query waits (ms; default and at most MAX_READ_WAIT_MS). */
  readonly maxWaitMs?: number;
  /** Told when a query starts waiting, with the projections behind (e.g. to have the projector take its events in at once). */
  readonly onWait?: (position: bigint, projections: readonly string[]) => void;
}

interface Waiter {
  readonly projections: readonly string[];
  readonly position: bigint;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

export interface ReadsFollowWrites {
  /** The longest a query waits (ms). */
  readonly maxWaitMs: number;
  /** Records that `caller`'s command appended up to `position`; resolves once every API process would see it. */
  wrote(caller: string, position: bigint): Promise<void>;
  /** The position a query must reflect: the caller's own last write and `after`, whichever is later (null: none). */
  positionFor(caller: string | null, after: bigint | null): Promise<bigint | null>;
  /**
   * Resolves once every named projection reflects `position`; throws StaleRead after maxWaitMs.
   * `beforeWaiting` runs only when they do not reflect it yet (e.g. to refuse a position never recorded).
   */
  waitFor(projections: readonly string[], position: bigint, beforeWaiting?: () => Promise<void>): Promise<void>;
  /** This process learnt that a checkpoint moved: look now rather than at the next change signal. */
  nudge(): void;
  /** Waits under way (for health and tests). */
  readonly waiting: number;
}

const behindOf = (positions: ReadonlyMap<string, bigint>, projections: readonly string[], position: bigint): string[] =>
  projections.filter((name) => (positions.get(name) ?? 0n) < position);

export const createReadsFollowWrites = (deps: ReadsFollowWritesDeps): ReadsFollowWrites => {
  const maxWaitMs = Math.max(0, Math.min(MAX_READ_WAIT_MS, deps.maxWaitMs ?? MAX_READ_WAIT_MS));
  const waiters = new Set<Waiter>();
  let unwatch: (() => void) | null = null;
  let checking = false;
  let again = false;

  const settle = (waiter: Waiter, error?: unknown): void => {
    if (!waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    if (waiters.size === 0 && unwatch) {
      unwatch();
      unwatch = null;
    }
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  };

  /** One read of the checkpoints every waiter needs; wakes those it satisfies. Wake-ups meanwhile read again after. */
  const check = async (): Promise<void> => {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      do {
        again = false;
        if (waiters.size === 0) return;
        const names = [...new Set([...waiters].flatMap((w) => w.projections))];
        let positions: ReadonlyMap<string, bigint>;
        try {
          positions = await deps.progress.positions(names);
        } catch (error) {
          for (const w of [...waiters]) settle(w, error);
          return;
        }
        for (const w of [...waiters]) if (behindOf(positions, w.projections, w.position).length === 0) settle(w);
      } while (again);
    } finally {
      checking = false;
    }
  };

  const timedOut = async (waiter: Waiter): Promise<void> => {
    if (!waiters.has(waiter)) return;
    try {
      const behind = behindOf(await deps.progress.positions(waiter.projections), waiter.projections, waiter.position);
      settle(waiter, behind.length === 0 ? undefined : new StaleRead(waiter.position, behind, maxWaitMs));
    } catch (error) {
      settle(waiter, error);
    }
  };

  return {
    maxWaitMs,
    wrote: (caller, position) => deps.callers.record(caller, position),
    positionFor: async (caller, after) => {
      const own = caller === null ? null : await deps.callers.get(caller);
      if (own === null) return after;
      return after === null || own > after ? own : after;
    },
    waitFor: async (projections, position, beforeWaiting) => {
      if (projections.length === 0 || position <= 0n) return;
      const first = behindOf(await deps.progress.positions(projections), projections, position);
      if (first.length === 0) return;
      await beforeWaiting?.();
      if (maxWaitMs === 0) throw new StaleRead(position, first, 0);
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { projections, position, resolve, reject, timer: setTimeout(() => void timedOut(waiter), maxWaitMs) };
        waiters.add(waiter);
        unwatch ??= deps.progress.onChange(() => void check());
        deps.onWait?.(position, first);
        // A checkpoint may have moved between the first read and watching.
        void check();
      });
    },
    nudge: () => {
      if (waiters.size > 0) void check();
    },
    get waiting() {
      return waiters.size;
    },
  };
};
