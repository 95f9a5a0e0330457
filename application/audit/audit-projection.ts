/**
 * Keeps the audit tree up to date with the global log: subscribes to the event store after the last
 * leaf, appends each batch of events (leaf hashes and the complete subtrees they finish) in one
 * transaction, and signs tree heads:
 *
 * - every `signEvery` events (default 1000),
 * - when the log has been quiet for `idleMs` (default 1 s) and leaves are unsigned,
 * - at least every `signIntervalMs` (default 60 s) while leaves are unsigned,
 * - on demand (`signNow`, used by the queries so that a proof is always against a signed head),
 * - and on `stop()`.
 *
 * The store may answer over the network, so every step that reads or writes it runs in one queue, one
 * at a time: a signature never races the append before it.
 */
import type { Subscription } from 'rxjs';
import type { EventStore, RecordedEvent } from '../ports/event-store';
import { systemClock, type Clock } from '../ids';
import { AuditStoreConflict, type AuditLeaf, type AuditStore, type StoredTreeHead } from './audit-store';
import { signCheckpoint, type NoteSigner } from './checkpoint';
import { auditLeafHash } from './leaf';
import { computeWithStoredNodes, MerkleFrontier, type MerkleNode } from './merkle';

export interface AuditProjectionOptions {
  readonly eventStore: EventStore;
  readonly store: AuditStore;
  /** Signs the checkpoints; its key name is the log's origin unless `origin` says otherwise. */
  readonly signer: NoteSigner;
  readonly origin?: string;
  readonly signEvery?: number;
  readonly signIntervalMs?: number;
  readonly idleMs?: number;
  /** Wait before resubscribing after the event store's feed fails. */
  readonly retryMs?: number;
  readonly clock?: Clock;
  readonly onError?: (error: unknown) => void;
}

export interface AuditProjection {
  readonly origin: string;
  /** Loads the tree's frontier from the store, signs the empty tree of a new store, then follows the log. */
  start(): Promise<void>;
  /** Unsubscribes, appends what is pending and signs the unsigned leaves. */
  stop(): Promise<void>;
  /** Resolves once every event stored when it was called is in the tree. */
  catchUp(timeoutMs?: number): Promise<void>;
  /** Appends what is pending and signs a head at the current size unless one exists; returns the latest head. */
  signNow(): Promise<StoredTreeHead>;
  treeSize(): number;
  readonly lastError: unknown;
}

export const createAuditProjection = (options: AuditProjectionOptions): AuditProjection => {
  const { eventStore, store, signer } = options;
  const origin = options.origin ?? signer.name;
  const signEvery = options.signEvery ?? 1000;
  const signIntervalMs = options.signIntervalMs ?? 60_000;
  const idleMs = options.idleMs ?? 1000;
  const retryMs = options.retryMs ?? 1000;
  const clock = options.clock ?? systemClock;

  let frontier = new MerkleFrontier();
  let last: bigint | null = null;
  let signedSize = -1;
  let pending: RecordedEvent[] = [];
  let flushScheduled = false;
  let subscription: Subscription | undefined;
  let interval: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let running = false;
  let lastError: unknown;
  let waiters: Array<{ position: bigint; resolve: () => void }> = [];

  /** The store's steps, one at a time (see the header). */
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };

  const reload = async (): Promise<void> => {
    const size = await store.treeSize();
    frontier = await computeWithStoredNodes(
      (refs) => store.nodes(refs),
      (read) => MerkleFrontier.load(read, size),
    );
    last = size === 0 ? null : ((await store.leafAt(size - 1))?.position ?? null);
    signedSize = (await store.latestHead())?.treeSize ?? -1;
  };

  const fail = (error: unknown): void => {
    lastError = error;
    options.onError?.(error);
  };

  const appendEvents = async (events: readonly RecordedEvent[]): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      const expected = frontier.size;
      const leaves: AuditLeaf[] = [];
      const nodes: MerkleNode[] = [];
      const next = frontier;
      let position = last;
      try {
        for (const event of events) {
          if (position !== null && event.position <= position) continue;
          const hash = auditLeafHash(event);
          leaves.push({ index: next.size, position: event.position, hash });
          next.append(hash, nodes);
          position = event.position;
        }
        if (leaves.length === 0) return;
        await store.appendBatch(expected, leaves, nodes);
        last = position;
        return;
      } catch (error) {
        // The in-memory frontier may hold leaves the store refused: rebuild it from the store.
        await reload();
        if (!(error instanceof AuditStoreConflict) || attempt >= 3) throw error;
      }
    }
  };

  const resolveWaiters = (): void => {
    if (waiters.length === 0) return;
    const reached = last;
    const still: typeof waiters = [];
    for (const w of waiters) {
      if (reached !== null && reached >= w.position) w.resolve();
      else still.push(w);
    }
    waiters = still;
  };

  /** Appends the pending events (run inside the queue). */
  const flushPending = async (): Promise<void> => {
    flushScheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await appendEvents(batch);
    resolveWaiters();
  };

  /** Signs the current size unless a head of that size or larger exists (run inside the queue). */
  const sign = async (): Promise<StoredTreeHead> => {
    await flushPending();
    const latest = await store.latestHead();
    if (latest && latest.treeSize >= frontier.size) {
      signedSize = latest.treeSize;
      return latest;
    }
    const rootHash = frontier.root();
    const head: StoredTreeHead = {
      treeSize: frontier.size,
      rootHash,
      checkpoint: signCheckpoint(signer, origin, frontier.size, rootHash),
      verifierKey: signer.verifierKey,
      signedAt: clock.now().toISOString(),
    };
    await store.saveHead(head);
    signedSize = head.treeSize;
    return (await store.headAt(head.treeSize)) ?? head;
  };

  const signNow = (): Promise<StoredTreeHead> => exclusive(sign);

  const signIfUnsigned = (): void => {
    if (!running) return;
    if (frontier.size > signedSize || pending.length > 0) signNow().catch(fail);
  };

  const afterFlush = async (): Promise<void> => {
    if (frontier.size - Math.max(signedSize, 0) >= signEvery) await sign();
    if (idle) clearTimeout(idle);
    idle = setTimeout(signIfUnsigned, idleMs);
    idle.unref();
  };

  const scheduleFlush = (): void => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      if (!running) {
        flushScheduled = false;
        return;
      }
      exclusive(async () => {
        await flushPending();
        await afterFlush();
      }).catch(fail);
    });
  };

  const subscribe = (): void => {
    subscription = eventStore.subscribe(last === null ? {} : { after: last }).subscribe({
      next: (event) => {
        pending.push(event);
        scheduleFlush();
      },
      error: (error) => {
        fail(error);
        subscription = undefined;
        if (!running) return;
        retry = setTimeout(() => {
          if (!running) return;
          exclusive(flushPending)
            .catch(fail)
            .finally(() => {
              if (running) subscribe();
            });
        }, retryMs);
        retry.unref();
      },
    });
  };

  return {
    origin,
    get lastError() {
      return lastError;
    },
    treeSize: () => frontier.size,
    async start() {
      if (running) return;
      running = true;
      await exclusive(async () => {
        await reload();
        if (signedSize < 0) await sign();
      });
      subscribe();
      interval = setInterval(signIfUnsigned, signIntervalMs);
      interval.unref();
    },
    async stop() {
      if (!running) return;
      running = false;
      subscription?.unsubscribe();
      subscription = undefined;
      for (const t of [interval, idle, retry]) if (t) clearTimeout(t);
      await exclusive(async () => {
        await flushPending();
        if (frontier.size > signedSize) await sign();
      }).catch(fail);
      for (const w of waiters) w.resolve();
      waiters = [];
    },
    async catchUp(timeoutMs = 10_000) {
      const head = await eventStore.headPosition();
      if (head === null) return;
      await exclusive(flushPending).catch(fail);
      if (last !== null && last >= head) return;
      if (!running) throw new Error('The audit projection is not running');
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`The audit log did not reach position ${head} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          position: head,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        waiters.push(waiter);
      });
    },
    signNow,
  };
};
