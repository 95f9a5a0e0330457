/**
 * Feeds projections from the global log.
 *
 * - `applyEvents` folds a batch of events into the documents they touch and writes them together with
 *   the batch's last position (one `applyBatch`). Each document comes with the position it already
 *   reflects (`getInGenerationWithPositions`), and only events above it are folded in: a batch replayed
 *   after a crash, or one another worker wrote meanwhile, is applied to no document twice (MongoDB,
 *   where documents and checkpoint do not commit together), and SQLite refuses a batch at or below its
 *   checkpoint. Exactly once in effect, on both stores, across crashes and restarts.
 * - `ProjectionRunner` runs one projection: catch-up by pulling `readAll` batches (natural
 *   back-pressure; documents kept in memory and written every `catchUpWriteSize` events), then live
 *   from `subscribe` (each batch written as it arrives; if events pile up faster than they are applied
 *   it goes back to pulling). A rebuild that switched generations
 *   (GenerationSuperseded) makes it reload the active generation and carry on; any other failure is
 *   reported to `onError` and retried from the stored checkpoint after `retryDelayMs`.
 * - `startProjections` starts a supervisor that runs, in this process, each projection whose lease it
 *   holds (a lease in the read store, renewed on a heartbeat): several projector processes share the
 *   work, each projection run by one of them; a runner whose lease is lost stops, and another worker
 *   takes over within the lease time.
 * - `rebuildProjection` fills a fresh generation from position 0 while the active one keeps answering,
 *   then activates it. Run it off the request thread (`rebuildInWorker` in infrastructure/).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Subscription } from 'rxjs';
import type { EventStore, RecordedEvent } from '../application/ports/event-store';
import { GenerationSuperseded, type DocumentChange, type ProjectionLeases, type ProjectionStore } from '../application/ports/read-store';
import type { Doc, DocKey, DocumentsBefore, ProjectionDefinition } from './definition';

const noOtherDocuments: DocumentsBefore = () => null;

/* ------------------------------------------------------------------ applying events ------------------------------------------------------------------ */

interface Slot {
  readonly key: DocKey;
  doc: Doc | null;
  /** The position the document reflects: events at or below it are already in it. */
  position: bigint;
  /** Changed since the last flush. */
  dirty: boolean;
  /** When it was last touched (the folder's clock), to forget the least recently used first. */
  used: number;
}

/**
 * One writer's fold of events into a generation's documents. `fold` reads each document the events touch
 * the first time it is needed (with the position it reflects) and folds in only the events above that
 * position; `flush` writes the changed documents with the last position folded, in one `applyBatch`.
 * With `keep`, documents stay in memory across flushes (up to that many unchanged ones, the least
 * recently used forgotten first), so a rebuild, the only writer of its building generation, never reads
 * back what it wrote.
 *
 * The documents in memory are indexed by collection then id (no composite key string per event), and
 * an event's documents are found once per batch; a failed fold or flush forgets everything in memory
 * (it may be ahead of the store).
 */
export class DocumentFolder {
  /** Every document in memory: changed (`dirty`) or kept, by collection then id. */
  private readonly slots = new Map<string, Map<string, Slot>>();
  private size = 0;
  private readonly dirty: Slot[] = [];
  private readonly keep: number;
  private clock = 0;
  private events = 0;
  private last: bigint | null = null;

  constructor(
    private readonly readStore: ProjectionStore,
    private readonly projection: ProjectionDefinition,
    private readonly generation: number,
    options: { keep?: number } = {},
  ) {
    this.keep = Math.max(0, options.keep ?? 0);
  }

  private collectionRank(collection: string): number {
    return this.projection.collections.findIndex((c) => c.name === collection);
  }

  /** Events folded and documents changed since the last flush. */
  get pending(): { events: number; documents: number } {
    return { events: this.events, documents: this.dirty.length };
  }

  /** Folds events (in global order, after any folded before) into the documents they touch, in memory. */
  async fold(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.foldInMemory(events);
    } catch (error) {
      this.forget();
      throw error;
    }
  }

  private async foldInMemory(events: readonly RecordedEvent[]): Promise<void> {
    const clock = ++this.clock;
    // An event's documents: one slot (the usual case), several, or none.
    const slotsOf: Array<Slot | Slot[] | null> = new Array<Slot | Slot[] | null>(events.length);
    let missing: Map<string, Slot[]> | null = null;
    for (let i = 0; i < events.length; i++) {
      const keys = this.projection.keysOf(events[i]);
      if (keys.length === 0) {
        slotsOf[i] = null;
        continue;
      }
      const found: Slot[] = keys.length === 1 ? [] : new Array<Slot>(keys.length);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k];
        let ids = this.slots.get(key.collection);
        if (!ids) {
          ids = new Map<string, Slot>();
          this.slots.set(key.collection, ids);
        }
        let slot = ids.get(key.id);
        if (!slot) {
          slot = { key, doc: null, position: 0n, dirty: false, used: clock };
          ids.set(key.id, slot);
          this.size++;
          missing ??= new Map<string, Slot[]>();
          const list = missing.get(key.collection);
          if (list) list.push(slot);
          else missing.set(key.collection, [slot]);
        } else slot.used = clock;
        found[k] = slot;
      }
      slotsOf[i] = keys.length === 1 ? found[0] : found;
    }
    if (missing) {
      for (const [collection, list] of missing) {
        const stored = await this.readStore.getInGenerationWithPositions<Doc>(
          collection,
          this.generation,
          list.map((slot) => slot.key.id),
        );
        for (const slot of list) {
          const got = stored.get(slot.key.id);
          if (got) {
            slot.doc = got.doc;
            slot.position = got.position;
          }
        }
      }
    }
    for (let i = 0; i < events.length; i++) {
      const of = slotsOf[i];
      if (of === null) continue;
      const event = events[i];
      if (Array.isArray(of)) this.evolveAll(of, event);
      else this.evolve(of, event, noOtherDocuments);
    }
    this.events += events.length;
    this.last = events[events.length - 1].position;
    this.trim();
  }

  /** An event touching several documents: each sees the others as they were before the event. */
  private evolveAll(slots: readonly Slot[], event: RecordedEvent): void {
    const snapshot = slots.map((slot) => slot.doc);
    const before: DocumentsBefore = (key) => {
      const i = slots.findIndex((slot) => slot.key.collection === key.collection && slot.key.id === key.id);
      if (i < 0) return null;
      // A document that already reflects the event (MongoDB after a crash between its writes: see the
      // order of `flush`) cannot tell what it was before it: better stop than count the event twice.
      if (event.position <= slots[i].position) {
        throw new Error(`Projection ${this.projection.name}: ${key.collection}/${key.id} already reflects position ${event.position}, so the documents summarising it cannot be updated; rebuild the projection`);
      }
      return snapshot[i];
    };
    for (const slot of slots) this.evolve(slot, event, before);
  }

  private evolve(slot: Slot, event: RecordedEvent, before: DocumentsBefore): void {
    // Already folded into this document (a replay after a crash, or another worker's batch).
    if (event.position <= slot.position) return;
    slot.doc = this.projection.evolve(slot.doc, event, slot.key, before);
    if (!slot.dirty) {
      slot.dirty = true;
      this.dirty.push(slot);
    }
  }

  /**
   * Beyond `keep` unchanged documents, forgets the least recently used down to three quarters of it (so
   * that the scan this takes is not repeated at every batch).
   */
  private trim(): void {
    if (this.size - this.dirty.length <= this.keep) return;
    const over = this.size - this.dirty.length - Math.floor(this.keep * 0.75);
    const clean: Array<{ collection: string; id: string; used: number }> = [];
    for (const [collection, ids] of this.slots) for (const [id, slot] of ids) if (!slot.dirty) clean.push({ collection, id, used: slot.used });
    clean.sort((a, b) => a.used - b.used);
    for (let i = 0; i < over; i++) {
      const { collection, id } = clean[i];
      this.slots.get(collection)?.delete(id);
    }
    this.size -= over;
  }

  private forget(): void {
    this.slots.clear();
    this.size = 0;
    this.dirty.length = 0;
    this.events = 0;
  }

  /** Writes the changed documents and moves the checkpoint to the last position folded. Returns the documents written. */
  async flush(): Promise<number> {
    if (this.last === null || this.events === 0) return 0;
    const last = this.last;
    const changes: DocumentChange[] = new Array<DocumentChange>(this.dirty.length);
    for (let i = 0; i < this.dirty.length; i++) {
      const slot = this.dirty[i];
      changes[i] = { collection: slot.key.collection, id: slot.key.id, doc: slot.doc };
    }
    // In the order the projection declares its collections: a store that writes documents one after
    // another (MongoDB) writes summaries before the documents they summarise, so a crash between the
    // two leaves the summarised ones behind, to be folded again (never the other way round).
    if (this.projection.collections.length > 1) changes.sort((a, b) => this.collectionRank(a.collection) - this.collectionRank(b.collection));
    try {
      await this.readStore.applyBatch(this.projection.name, this.generation, changes, last);
    } catch (error) {
      // What is in memory may be ahead of the store now: forget it all.
      this.forget();
      throw error;
    }
    for (const slot of this.dirty) {
      slot.position = last;
      slot.dirty = false;
    }
    this.dirty.length = 0;
    this.events = 0;
    this.trim();
    return changes.length;
  }
}

/**
 * Applies events (in global order) to a generation's documents and moves its checkpoint to the last
 * event's position: reads only the documents the batch touches, writes each changed one once, in one
 * `applyBatch`. Returns the number of documents written.
 */
export const applyEvents = async (
  readStore: ProjectionStore,
  projection: ProjectionDefinition,
  generation: number,
  events: readonly RecordedEvent[],
): Promise<number> => {
  const folder = new DocumentFolder(readStore, projection, generation);
  await folder.fold(events);
  return folder.flush();
};

/* ------------------------------------------------------------------ one projection ------------------------------------------------------------------ */

export interface RunnerOptions {
  /** Events per catch-up read, and at most per live write (default 2000). */
  readonly batchSize?: number;
  /** During catch-up, events folded in memory before the changed documents are written (default 20 000). */
  readonly catchUpWriteSize?: number;
  /** Documents kept in memory between writes so they need not be read back (default 10 000; 0: none). */
  readonly cacheSize?: number;
  /** Called when applying fails for a reason other than a superseded generation (the runner retries). */
  readonly onError?: (error: unknown) => void;
  /** Wait before retrying after a failure (ms, default 1000). */
  readonly retryDelayMs?: number;
  /** Live events waiting to be applied beyond which the runner goes back to pulling (default 10 × batchSize). */
  readonly maxPending?: number;
  /** Called after each batch is stored, with its last position and its number of events. */
  readonly onApplied?: (position: bigint, events: number) => void;
}

export type RunnerState = 'idle' | 'catching-up' | 'live' | 'retrying' | 'stopped';

export interface RunnerStatus {
  readonly projection: string;
  readonly state: RunnerState;
  readonly generation: number;
  /** Last global position applied (0 before any). */
  readonly position: bigint;
  readonly lastError: string | null;
  /** How many times it (re)entered catch-up: at start, after a failure, a switch or live events piling up. */
  readonly catchUps: number;
}

interface Waiter {
  readonly position: bigint;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout;
}

const MAX_QUICK_RELOADS = 3;

export class ProjectionRunner {
  private generation = 0;
  /** Last position stored (with its documents). */
  private position = 0n;
  /** Last position folded (in memory; stored at the next flush). */
  private folded = 0n;
  private folder: DocumentFolder | null = null;
  private state: RunnerState = 'idle';
  private stopping = false;
  private loop: Promise<void> | null = null;
  private caughtUp: { promise: Promise<void>; resolve: () => void } | null = null;
  /** Interrupts a retry delay or the live phase (on stop). */
  private interrupt: (() => void) | null = null;
  /** While live: reads the log's new events now instead of waiting for the subscription to deliver them. */
  private pullNow: (() => void) | null = null;
  private waiters: Waiter[] = [];
  private lastError: string | null = null;
  private catchUps = 0;
  private readonly batchSize: number;
  private readonly catchUpWriteSize: number;
  private readonly cacheSize: number;
  private readonly retryDelayMs: number;
  private readonly maxPending: number;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ProjectionStore,
    readonly projection: ProjectionDefinition,
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.catchUpWriteSize = options.catchUpWriteSize ?? 20_000;
    this.cacheSize = options.cacheSize ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.maxPending = options.maxPending ?? this.batchSize * 10;
  }

  /** Last global position applied (0 before any). */
  get checkpoint(): bigint {
    return this.position;
  }

  get status(): RunnerStatus {
    return {
      projection: this.projection.name,
      state: this.state,
      generation: this.generation,
      position: this.position,
      lastError: this.lastError,
      catchUps: this.catchUps,
    };
  }

  /** Starts the runner; resolves once it has caught up with the log for the first time (or was stopped). */
  async start(): Promise<void> {
    if (!this.loop) {
      this.stopping = false;
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      this.caughtUp = { promise, resolve };
      this.loop = this.run();
    }
    await this.caughtUp?.promise;
  }

  /** Stops following the log; resolves once the batch being applied (if any) is stored. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    await this.loop;
    this.loop = null;
  }

  /**
   * Someone waits for this projection (a query that must reflect a write): while live, read the log's new
   * events and apply them now, rather than when the subscription delivers them (a store may deliver live
   * events in batches of an interval, see SqliteEventStoreOptions.liveIntervalMs). Only this projection
   * hurries; the others keep their batches.
   */
  hurry(): void {
    this.pullNow?.();
  }

  /** Resolves once every event up to `position` is applied; throws after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs = 30_000): Promise<void> {
    if (!(await this.reached(position, timeoutMs))) {
      throw new Error(`Projection ${this.projection.name} did not reach ${position} within ${timeoutMs} ms (at ${this.position})`);
    }
  }

  /** Whether every event up to `position` is applied within `timeoutMs`. */
  reached(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(this.position >= position);
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private advance(position: bigint): void {
    this.position = position;
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.position <= position) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else still.push(w);
    }
    this.waiters = still;
  }

  private async run(): Promise<void> {
    let defined = false;
    let quickReloads = 0;
    while (!this.stopping) {
      try {
        if (!defined) {
          for (const spec of this.projection.collections) await this.readStore.defineCollection(spec);
          defined = true;
        }
        await this.load();
        this.state = 'catching-up';
        this.catchUps++;
        await this.catchUp();
        if (this.stopping) break;
        this.state = 'live';
        this.lastError = null;
        quickReloads = 0;
        this.caughtUp?.resolve();
        await this.followLive();
      } catch (error) {
        if (this.stopping) break;
        if (error instanceof GenerationSuperseded && ++quickReloads <= MAX_QUICK_RELOADS) continue; // a rebuild switched over: reload
        quickReloads = 0;
        this.state = 'retrying';
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error);
        await this.sleep(this.retryDelayMs);
      }
    }
    this.state = 'stopped';
    this.caughtUp?.resolve();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.interrupt = () => {
        this.interrupt = null;
        done();
      };
    });
  }

  /**
   * (Re)loads the active generation and its checkpoint, with a fresh fold: whatever was in memory is
   * dropped (after a failure or a switch it may be ahead of, or foreign to, the stored generation).
   * Keeping documents in memory between writes is safe even if another worker wrote meanwhile: a kept
   * document is the fold up to a known position, the runner folds every later event into it, and the
   * store refuses (SQLite) or ignores (MongoDB) a write older than what it holds.
   */
  private async load(): Promise<void> {
    this.generation = await this.readStore.activeGeneration(this.projection.name);
    this.position = (await this.readStore.getCheckpoint(this.projection.name, this.generation)) ?? 0n;
    this.folded = this.position;
    this.folder = new DocumentFolder(this.readStore, this.projection, this.generation, { keep: this.cacheSize });
  }

  /** Pulls batches until the log is exhausted, writing every `catchUpWriteSize` events (and at the end). */
  private async catchUp(): Promise<void> {
    const folder = this.folder!;
    for (;;) {
      const batch = this.stopping ? [] : await this.eventStore.readAll({ after: this.folded, maxCount: this.batchSize });
      if (batch.length > 0) {
        await folder.fold(batch);
        this.folded = batch[batch.length - 1].position;
      }
      const pending = folder.pending;
      if (batch.length < this.batchSize || pending.events >= this.catchUpWriteSize || pending.documents >= Math.max(1, this.cacheSize)) await this.flush();
      if (batch.length === 0) return;
    }
  }

  private async flush(): Promise<void> {
    const folder = this.folder!;
    const events = folder.pending.events;
    if (events === 0) return;
    await folder.flush();
    this.advance(this.folded);
    this.options.onApplied?.(this.folded, events);
  }

  /**
   * Live phase: resolves when stopped, or when events pile up (back to pulling); rejects on a failure.
   * Never settles while a batch is being applied.
   */
  private followLive(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue: RecordedEvent[] = [];
      const live: { subscription?: Subscription } = {};
      let draining: Promise<void> | null = null;
      let done = false;
      /** The last position queued: the subscription and `pullNow` may both bring an event, it is queued once. */
      let queuedUpTo = this.folded;
      let pulling = false;
      /** A hurry came while a pull was under way: the events it wants may be newer than that pull read. */
      let pullAgain = false;
      const enqueue = (event: RecordedEvent): void => {
        if (event.position <= queuedUpTo) return;
        queuedUpTo = event.position;
        queue.push(event);
      };
      const finish = (error?: unknown): void => {
        if (done) return;
        done = true;
        this.interrupt = null;
        this.pullNow = null;
        live.subscription?.unsubscribe();
        void Promise.resolve(draining).then(() => (error === undefined ? resolve() : reject(error)));
      };
      const drain = async (): Promise<void> => {
        try {
          while (queue.length > 0 && !done) {
            if (queue.length > this.maxPending) return finish();
            const batch = queue.splice(0, this.batchSize).filter((e) => e.position > this.folded);
            await this.apply(batch);
          }
        } catch (error) {
          finish(error);
        } finally {
          draining = null;
        }
      };
      this.interrupt = () => finish();
      const pull = (): void => {
        if (done) return;
        if (pulling) {
          pullAgain = true;
          return;
        }
        pulling = true;
        void this.eventStore
          .readAll({ after: queuedUpTo, maxCount: this.batchSize })
          .then((events) => {
            if (done) return;
            for (const event of events) enqueue(event);
            if (queue.length > 0 && !draining) draining = drain();
          }, finish)
          .finally(() => {
            pulling = false;
            if (pullAgain) {
              pullAgain = false;
              pull();
            }
          });
      };
      this.pullNow = pull;
      live.subscription = this.eventStore.subscribe({ after: this.folded }).subscribe({
        next: (event) => {
          if (done) return;
          enqueue(event);
          // Only with something queued: a drain of an empty queue would end before `draining` is set.
          if (queue.length > 0 && !draining) draining = drain();
        },
        error: (error: unknown) => finish(error),
        complete: () => finish(new Error('The event subscription ended')),
      });
      if (done) live.subscription.unsubscribe();
    });
  }

  /** Live: folds a batch and writes it at once. */
  private async apply(batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    await this.folder!.fold(batch);
    this.folded = batch[batch.length - 1].position;
    await this.flush();
  }
}

/* ------------------------------------------------------------------ health ------------------------------------------------------------------ */

/** What `/health` shows per projection: the position its active generation reflects, and head − position. */
export interface ProjectionHealth {
  /** Global position (decimal) the active generation reflects; null before its first batch. */
  readonly position: string | null;
  /** Head of the log minus position (0 when caught up); null when the head could not be read. */
  readonly lag: number | null;
}

/**
 * Health of every projection, from the read store (so it also covers projections other processes run).
 * Never throws for an unreachable event store: lag is null then.
 */
export const projectionHealth = async (
  eventStore: EventStore,
  readStore: ProjectionStore,
  projections: readonly ProjectionDefinition[],
): Promise<Record<string, ProjectionHealth>> => {
  let head: bigint | null | undefined;
  try {
    head = await eventStore.headPosition();
  } catch {
    head = undefined;
  }
  const out: Record<string, ProjectionHealth> = {};
  for (const p of projections) {
    const checkpoint = await readStore.getCheckpoint(p.name, await readStore.activeGeneration(p.name));
    const lag = head === undefined ? null : head === null ? 0 : Number(head > (checkpoint ?? 0n) ? head - (checkpoint ?? 0n) : 0n);
    out[p.name] = { position: checkpoint === null ? null : checkpoint.toString(), lag };
  }
  return out;
};

/** Registers every collection of the projections (idempotent): queries may run before any runner did. */
export const defineProjectionCollections = async (readStore: ProjectionStore, projections: readonly ProjectionDefinition[]): Promise<void> => {
  for (const p of projections) for (const spec of p.collections) await readStore.defineCollection(spec);
};

/* ------------------------------------------------------------------ supervisor ------------------------------------------------------------------ */

export interface SupervisorOptions extends Omit<RunnerOptions, 'onError'> {
  /** Who this worker is in the leases (default host-pid-random). */
  readonly ownerId?: string;
  /** How long a lease lasts unless renewed (ms, default 15 000): the longest a dead worker's projections wait. */
  readonly leaseTtlMs?: number;
  /** How often leases are renewed and free ones taken (ms, default a third of the lease time). */
  readonly heartbeatMs?: number;
  readonly onError?: (projection: string, error: unknown) => void;
  /** One line per lease taken or lost (default: nothing). */
  readonly log?: (line: string) => void;
}

export interface ProjectionSupervisor {
  readonly ownerId: string;
  /** `/health`'s `projections`: position and lag of each projection's active generation. */
  health(): Promise<Record<string, ProjectionHealth>>;
  /** The projections this worker runs now. */
  running(): string[];
  /** Status of the runners of this worker. */
  runners(): RunnerStatus[];
  /** Resolves once every projection's active generation reflects `position` (whoever runs it). */
  waitUntilCaughtUp(position: bigint | null, timeoutMs?: number): Promise<void>;
  /** A query waits for these projections: those running here apply the log's new events now (ProjectionRunner.hurry). */
  hurry(projections: readonly string[]): void;
  /** Stops the runners and gives their leases up, so another worker takes over at once. */
  stop(): Promise<void>;
}

export const defaultOwnerId = (): string => `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Starts a runner for each projection whose lease this worker gets, and keeps the leases on a heartbeat:
 * a free or expired lease is taken (and its runner started), a lost one stops its runner. Resolves after
 * the first round (the runners then catch up in the background).
 */
export const startProjections = async (
  eventStore: EventStore,
  readStore: ProjectionStore & ProjectionLeases,
  projections: readonly ProjectionDefinition[],
  options: SupervisorOptions = {},
): Promise<ProjectionSupervisor> => {
  const names = new Set<string>();
  for (const p of projections) {
    if (names.has(p.name)) throw new Error(`Projection ${p.name} is listed twice`);
    names.add(p.name);
  }
  const ownerId = options.ownerId ?? defaultOwnerId();
  const ttl = options.leaseTtlMs ?? 15_000;
  const heartbeat = options.heartbeatMs ?? Math.max(1, Math.floor(ttl / 3));
  const log = options.log ?? (() => undefined);
  const runners = new Map<string, ProjectionRunner>();
  /** When each held lease was last renewed (this process's clock), to stop in time if renewing fails. */
  const renewedAt = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> = Promise.resolve();

  await defineProjectionCollections(readStore, projections);

  const startRunner = (projection: ProjectionDefinition): void => {
    const runner = new ProjectionRunner(eventStore, readStore, projection, {
      ...options,
      onError: (error) => options.onError?.(projection.name, error),
    });
    runners.set(projection.name, runner);
    void runner.start();
    log(`projection ${projection.name}: running here (${ownerId})`);
  };
  const stopRunner = async (name: string, why: string): Promise<void> => {
    const runner = runners.get(name);
    if (!runner) return;
    runners.delete(name);
    renewedAt.delete(name);
    await runner.stop();
    log(`projection ${name}: stopped here (${why})`);
  };

  const tick = async (): Promise<void> => {
    for (const projection of projections) {
      if (stopped) return;
      const askedAt = Date.now();
      let held: boolean;
      try {
        const lease = await readStore.acquireLease(projection.name, ownerId, ttl);
        held = lease.held;
        if (held) renewedAt.set(projection.name, askedAt);
      } catch (error) {
        options.onError?.(projection.name, error);
        // Cannot tell: keep running only while the last renewal certainly still holds.
        held = runners.has(projection.name) && askedAt - (renewedAt.get(projection.name) ?? 0) < ttl - heartbeat;
      }
      if (stopped) return;
      try {
        if (held && !runners.has(projection.name)) startRunner(projection);
        else if (!held && runners.has(projection.name)) await stopRunner(projection.name, 'lease lost');
      } catch (error) {
        options.onError?.(projection.name, error);
      }
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick().finally(schedule);
    }, heartbeat);
  };

  ticking = tick();
  await ticking;
  schedule();

  const caughtUpTo = async (projection: ProjectionDefinition, position: bigint): Promise<boolean> => {
    const checkpoint = await readStore.getCheckpoint(projection.name, await readStore.activeGeneration(projection.name));
    return checkpoint !== null && checkpoint >= position;
  };

  return {
    ownerId,
    health: () => projectionHealth(eventStore, readStore, projections),
    running: () => [...runners.keys()],
    hurry: (names) => {
      for (const name of names) runners.get(name)?.hurry();
    },
    runners: () => [...runners.values()].map((r) => r.status),
    waitUntilCaughtUp: async (position, timeoutMs = 30_000) => {
      if (position === null || position <= 0n) return;
      const deadline = Date.now() + timeoutMs;
      for (const projection of projections) {
        while (!(await caughtUpTo(projection, position))) {
          if (Date.now() >= deadline) {
            throw new Error(`Projection ${projection.name} did not reach position ${position} within ${timeoutMs} ms`);
          }
          const runner = runners.get(projection.name);
          // Run here: woken by the runner itself. Run elsewhere (or switching generations): ask the store again shortly.
          if (runner && runner.checkpoint < position) await runner.reached(position, Math.max(1, Math.min(250, deadline - Date.now())));
          else await new Promise((r) => setTimeout(r, 5));
        }
      }
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking.catch(() => undefined);
      for (const name of [...runners.keys()]) await stopRunner(name, 'stopping');
      // Every lease of ours, also one taken in a round that ended as we stopped (releasing another's is a no-op).
      for (const { name } of projections) await readStore.releaseLease(name, ownerId).catch((error: unknown) => options.onError?.(name, error));
    },
  };
};

/**
 * `hamaynk projector`: a worker process that runs projections (those whose lease it gets) until stopped.
 * The caller opens the stores, and calls `stop()` on SIGTERM/SIGINT before closing them.
 */
export const runProjector = (options: {
  readonly eventStore: EventStore;
  readonly readStore: ProjectionStore & ProjectionLeases;
  readonly projections: readonly ProjectionDefinition[];
  readonly ownerId?: string;
  readonly leaseTtlMs?: number;
  readonly log?: (line: string) => void;
  readonly onError?: (projection: string, error: unknown) => void;
}): Promise<ProjectionSupervisor> =>
  startProjections(options.eventStore, options.readStore, options.projections, {
    ownerId: options.ownerId,
    leaseTtlMs: options.leaseTtlMs,
    log: options.log,
    onError: options.onError,
  });

/* ------------------------------------------------------------------ rebuild ------------------------------------------------------------------ */

export interface RebuildOptions {
  /**
   * Events per read from the log (default 1000). Small enough that a read's events die young: with 5000,
   * the events of a read (about 5 MB) outlive V8's young generation and are promoted, and GC took twice
   * the time of reading (tests/bench/projection-rebuild.ts).
   */
  readonly batchSize?: number;
  /** Events folded in memory before their changed documents are written (default 100 000). */
  readonly writeBatchSize?: number;
  /** Changed documents held in memory before they are written (default 20 000). */
  readonly maxPendingDocuments?: number;
  /** Unchanged documents kept in memory so they need not be read back (default 20 000). */
  readonly cacheSize?: number;
  /** Called after each write. */
  readonly onProgress?: (progress: { events: number; position: bigint }) => void;
}

export interface RebuildResult {
  readonly generation: number;
  readonly events: number;
  readonly position: bigint;
}

/**
 * Rebuilds a projection from position 0 into a fresh generation while the active one keeps answering,
 * then activates it (a live runner notices and carries on from the new generation). Run it off the
 * request thread (the CLI's own process, or `rebuildInWorker`). A rebuild started meanwhile supersedes
 * this one (it then throws GenerationSuperseded).
 *
 * Being the only writer of its generation, it keeps documents in memory and writes each changed one once
 * per `writeBatchSize` events (not once per read batch), which is most of its speed.
 */
export const rebuildProjection = async (
  eventStore: EventStore,
  readStore: ProjectionStore,
  projection: ProjectionDefinition,
  options: RebuildOptions = {},
): Promise<RebuildResult> => {
  const batchSize = options.batchSize ?? 1000;
  const writeBatchSize = options.writeBatchSize ?? 100_000;
  const maxPendingDocuments = options.maxPendingDocuments ?? 20_000;
  for (const spec of projection.collections) await readStore.defineCollection(spec);
  const generation = await readStore.startGeneration(projection.name);
  const folder = new DocumentFolder(readStore, projection, generation, { keep: options.cacheSize ?? 20_000 });
  let position = 0n;
  let events = 0;
  const flush = async (): Promise<void> => {
    await folder.flush();
    options.onProgress?.({ events, position });
  };
  for (;;) {
    const batch = await eventStore.readAll({ after: position, maxCount: batchSize });
    if (batch.length === 0) break;
    await folder.fold(batch);
    position = batch[batch.length - 1].position;
    events += batch.length;
    const pending = folder.pending;
    if (pending.events >= writeBatchSize || pending.documents >= maxPendingDocuments) await flush();
  }
  if (folder.pending.events > 0) await flush();
  await readStore.activateGeneration(projection.name, generation);
  return { generation, events, position };
};
