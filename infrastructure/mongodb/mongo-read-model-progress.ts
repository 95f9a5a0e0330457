/**
 * Reads that follow writes on MongoDB: the projections' checkpoints as the read store keeps them
 * (`projection_generations`, `projection_checkpoints`), and the callers' last write positions in a
 * collection of the same database (`caller_positions` `{_id: caller, position}`), so every API process
 * connected to it shares them. Both use the read store's client (and are closed with it).
 *
 * Positions are 20-digit zero-padded decimal strings, as the read store writes them, so `$max` and
 * comparisons order them correctly. Without change streams (a standalone server has none), a waiting
 * query looks at the checkpoints every `pollIntervalMs`; nothing is polled while nobody waits.
 */
import type { Db } from 'mongodb';
import type { CallerPositions, ReadModelProgress } from '../../application/ports/read-model-progress';

const POSITION_DIGITS = 20;
const encodePosition = (position: bigint): string => position.toString().padStart(POSITION_DIGITS, '0');

interface ProjectionDoc {
  _id: string;
  active?: number;
}

interface CheckpointDoc {
  _id: string;
  position: string;
}

interface CallerDoc {
  _id: string;
  position: string;
}

export interface MongoReadModelProgressOptions {
  /** How often a waiting query looks at the checkpoints (ms, default 10). */
  readonly pollIntervalMs?: number;
}

export class MongoReadModelProgress implements ReadModelProgress {
  private readonly listeners = new Set<() => void>();
  private readonly pollIntervalMs: number;
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    options: MongoReadModelProgressOptions = {},
  ) {
    this.pollIntervalMs = Math.max(1, options.pollIntervalMs ?? 10);
  }

  async positions(projections: readonly string[]): Promise<ReadonlyMap<string, bigint>> {
    const names = [...new Set(projections)];
    const generations = await this.db
      .collection<ProjectionDoc>('projection_generations')
      .find({ _id: { $in: names } }, { projection: { active: 1 } })
      .toArray();
    const active = new Map(generations.map((g) => [g._id, g.active ?? 0]));
    const ids = names.map((p) => `${p}#${active.get(p) ?? 0}`);
    const checkpoints = await this.db
      .collection<CheckpointDoc>('projection_checkpoints')
      .find({ _id: { $in: ids } }, { projection: { position: 1 } })
      .toArray();
    const byId = new Map(checkpoints.map((c) => [c._id, BigInt(c.position)]));
    return new Map(names.map((p, i) => [p, byId.get(ids[i]) ?? 0n]));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.poller) {
      this.poller = setInterval(() => {
        for (const l of [...this.listeners]) l();
      }, this.pollIntervalMs);
      this.poller.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.poller) {
        clearInterval(this.poller);
        this.poller = undefined;
      }
    };
  }

  async close(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    this.listeners.clear();
  }
}

export class MongoCallerPositions implements CallerPositions {
  private pending: { positions: Map<string, bigint>; done: Promise<void> } | null = null;

  constructor(private readonly db: Db) {}

  private get collection() {
    return this.db.collection<CallerDoc>('caller_positions');
  }

  /** The records of one turn of the event loop go in one bulk write; each answer waits for it. */
  record(caller: string, position: bigint): Promise<void> {
    if (!this.pending) {
      const positions = new Map<string, bigint>();
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.pending = null;
        await this.collection.bulkWrite(
          [...positions].map(([id, at]) => ({ updateOne: { filter: { _id: id }, update: { $max: { position: encodePosition(at) } }, upsert: true } })),
          { ordered: false },
        );
      });
      this.pending = { positions, done };
    }
    const known = this.pending.positions.get(caller);
    if (known === undefined || position > known) this.pending.positions.set(caller, position);
    return this.pending.done;
  }

  async get(caller: string): Promise<bigint | null> {
    const doc = await this.collection.findOne({ _id: caller });
    return doc ? BigInt(doc.position) : null;
  }

  async close(): Promise<void> {
    await this.pending?.done;
  }
}
