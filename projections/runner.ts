/**
 * Feeds a projection from the global log: catch-up by pulling batches (natural back-pressure), then
 * live from a subscription, applying each batch of document changes together with the checkpoint.
 * Since the checkpoint moves in the same write as the documents, a crash never applies an event
 * twice or skips one. A rebuild fills a fresh generation from position 0 and switches over when
 * caught up; a live runner whose generation was superseded reloads and carries on.
 */
import type { Subscription } from 'rxjs';
import type { EventStore, RecordedEvent } from '../application/ports/event-store';
import { GenerationSuperseded, type DocumentChange, type ReadStore } from '../application/ports/read-store';
import type { Doc, DocKey, ProjectionDefinition } from './definition';

export interface RunnerOptions {
  /** Events per catch-up read and per write batch. */
  readonly batchSize?: number;
  /** Called when applying fails for a reason other than a superseded generation. */
  readonly onError?: (error: unknown) => void;
}

/** Applies events to a generation's documents, reading only what the batch does not already hold. */
export const applyEvents = async (
  readStore: ReadStore,
  projection: ProjectionDefinition,
  generation: number,
  events: readonly RecordedEvent[],
): Promise<void> => {
  if (events.length === 0) return;
  const touched = new Map<string, { key: DocKey; doc: Doc | null }>();
  const keysByEvent = events.map((e) => projection.keysOf(e));
  const missing = new Map<string, Set<string>>();
  for (const keys of keysByEvent) {
    for (const key of keys) {
      const id = `${key.collection}\u0000${key.id}`;
      if (!touched.has(id)) {
        touched.set(id, { key, doc: null });
        const set = missing.get(key.collection) ?? new Set<string>();
        set.add(key.id);
        missing.set(key.collection, set);
      }
    }
  }
  for (const [collection, ids] of missing) {
    const found = await readStore.getInGeneration<Doc>(collection, generation, [...ids]);
    for (const [id, doc] of found) touched.get(`${collection}\u0000${id}`)!.doc = doc;
  }
  events.forEach((event, i) => {
    for (const key of keysByEvent[i]) {
      const slot = touched.get(`${key.collection}\u0000${key.id}`)!;
      slot.doc = projection.evolve(slot.doc, event, key);
    }
  });
  const changes: DocumentChange[] = [...touched.values()].map(({ key, doc }) => ({ collection: key.collection, id: key.id, doc }));
  await readStore.applyBatch(projection.name, generation, changes, events[events.length - 1].position);
};

export class ProjectionRunner {
  private generation = 0;
  private position = 0n;
  private live: Subscription | undefined;
  private pending: RecordedEvent[] = [];
  private draining: Promise<void> | null = null;
  private stopped = false;
  private readonly batchSize: number;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    readonly projection: ProjectionDefinition,
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
  }

  /** Last global position applied (0 before any). */
  get checkpoint(): bigint {
    return this.position;
  }

  async start(): Promise<void> {
    this.stopped = false;
    for (const spec of this.projection.collections) await this.readStore.defineCollection(spec);
    await this.load();
    await this.catchUp();
    this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.live?.unsubscribe();
    this.live = undefined;
    await this.draining;
  }

  /** Resolves once every event up to `position` is applied. */
  async waitFor(position: bigint, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.position < position) {
      if (Date.now() > deadline) throw new Error(`Projection ${this.projection.name} did not reach ${position} (at ${this.position})`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async load(): Promise<void> {
    this.generation = await this.readStore.activeGeneration(this.projection.name);
    this.position = (await this.readStore.getCheckpoint(this.projection.name, this.generation)) ?? 0n;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = await this.eventStore.readAll({ after: this.position, maxCount: this.batchSize });
      if (batch.length === 0) return;
      await this.apply(batch);
    }
  }

  private follow(): void {
    if (this.stopped) return;
    this.live = this.eventStore.subscribe({ after: this.position }).subscribe({
      next: (event) => {
        this.pending.push(event);
        if (!this.draining) this.draining = this.drain();
      },
      error: (error) => this.options.onError?.(error),
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.stopped) {
        const batch = this.pending.splice(0, this.batchSize).filter((e) => e.position > this.position);
        await this.apply(batch);
      }
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.draining = null;
    }
  }

  private async apply(batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await applyEvents(this.readStore, this.projection, this.generation, batch);
      this.position = batch[batch.length - 1].position;
    } catch (error) {
      if (!(error instanceof GenerationSuperseded)) throw error;
      // A rebuild switched over: continue from the new generation's checkpoint.
      this.live?.unsubscribe();
      this.live = undefined;
      this.pending = [];
      await this.load();
      await this.catchUp();
      this.follow();
    }
  }
}

/**
 * Rebuilds a projection from position 0 into a fresh generation while the active one keeps answering,
 * then activates it. Run it off the request thread (the CLI's own process, or a worker thread).
 */
export const rebuildProjection = async (
  eventStore: EventStore,
  readStore: ReadStore,
  projection: ProjectionDefinition,
  options: { batchSize?: number } = {},
): Promise<{ generation: number; events: number; position: bigint }> => {
  for (const spec of projection.collections) await readStore.defineCollection(spec);
  const generation = await readStore.startGeneration(projection.name);
  let position = 0n;
  let events = 0;
  for (;;) {
    const batch = await eventStore.readAll({ after: position, maxCount: options.batchSize ?? 5000 });
    if (batch.length === 0) break;
    await applyEvents(readStore, projection, generation, batch);
    position = batch[batch.length - 1].position;
    events += batch.length;
  }
  await readStore.activateGeneration(projection.name, generation);
  return { generation, events, position };
};
