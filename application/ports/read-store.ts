/**
 * The read side's port: JSON documents in named collections, written only by projections
 * (a batch of document changes together with the projection's checkpoint) and read by queries.
 */

export type Scalar = string | number | boolean | null;

/** A condition on one declared field: equality, `$in`, `$ne` or a range. */
export type FieldCondition = Scalar | { $in?: readonly Scalar[]; $ne?: Scalar; $gt?: Scalar; $gte?: Scalar; $lt?: Scalar; $lte?: Scalar };

/** All conditions must hold. Only fields declared in the collection's `fields` may appear. */
export type Filter = Readonly<Record<string, FieldCondition>>;

export type SortDirection = 'asc' | 'desc';

export interface FindOptions {
  readonly filter?: Filter;
  /** Sort keys in order; the document id is always the final tie-breaker (same direction as the last key). */
  readonly sort?: ReadonlyArray<readonly [field: string, direction: SortDirection]>;
  /** At most this many documents (default 20, at most 1000). */
  readonly limit?: number;
  /** The `endCursor` of the previous page: continue strictly after that document. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly totalCount: number;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

/** A page without the number of matching documents (`findPage`). */
export type UncountedPage<T> = Omit<Page<T>, 'totalCount'>;

export interface CollectionSpec {
  /** Logical name, e.g. `applications`; unique across projections. */
  readonly name: string;
  /** The projection that owns (writes) this collection. */
  readonly projection: string;
  /**
   * Top-level document fields that filters and sorts may use (they get indexes), with their type.
   * Values of a field are scalars; a document lacking the field has null there.
   */
  readonly fields: Readonly<Record<string, 'string' | 'number' | 'boolean'>>;
}

/** One document change of a projection batch: the new document, or null to delete it. */
export interface DocumentChange {
  readonly collection: string;
  readonly id: string;
  readonly doc: Readonly<Record<string, unknown>> | null;
}

/** A write to a generation that is no longer active or building (a rebuild switched over): reload and go on. */
export class GenerationSuperseded extends Error {
  readonly code = 'GENERATION_SUPERSEDED';
  constructor(
    readonly projection: string,
    readonly generation: number,
  ) {
    super(`Projection ${projection} generation ${generation} was superseded`);
    this.name = 'GenerationSuperseded';
  }
}

/**
 * The read side, split by who uses it. An adapter (SQLite, MongoDB) is all three parts at once; each
 * consumer takes only the part it uses:
 * - ReadModelReader: the queries (application/queries/) read documents, find them by declared fields, page;
 * - ProjectionStore: the projection runner writes documents with checkpoints, in generations for rebuilds;
 * - ProjectionLeases: the projection supervisor's lease per projection, so that one worker runs each.
 *
 * Each projection's documents live in a *generation* of physical collections. Queries always read the
 * active generation; a rebuild fills a fresh generation from position 0 while the old one keeps
 * answering, then activates it in one step (and the old one is dropped).
 */
export interface ReadModelReader {
  /** A document of the active generation, or null. */
  get<T = Record<string, unknown>>(collection: string, id: string): Promise<T | null>;
  /** A page of the active generation's documents matching a filter on declared fields, in a declared order. */
  find<T = Record<string, unknown>>(collection: string, options?: FindOptions): Promise<Page<T>>;
  /**
   * The same page as `find`, without counting every match: for a caller that knows the total already (a
   * count kept by a projection), since counting a large range costs more than reading one page of it.
   */
  findPage<T = Record<string, unknown>>(collection: string, options?: FindOptions): Promise<UncountedPage<T>>;
  count(collection: string, filter?: Filter): Promise<number>;
}

export interface ProjectionStore {
  /** Registers the collection (and creates its indexes in every generation). Idempotent. */
  defineCollection(spec: CollectionSpec): Promise<void>;
  /** The generation queries read (0 for a projection that was never rebuilt). */
  activeGeneration(projection: string): Promise<number>;
  /**
   * Documents of a collection in a given generation (the runner reads its own, possibly building, one),
   * with the position each document already reflects: one entry for EVERY id asked, `doc` null where
   * there is no document (never written, or deleted). Every event at or below `position` that touches the
   * document is already folded into `doc`, so the runner applies only later ones: a batch replayed after a
   * crash (or written meanwhile by another worker) is never applied twice.
   * - SQLite: documents and checkpoint commit together, so every document reflects exactly the events up
   *   to the generation's checkpoint; `position` is that checkpoint, read in the same snapshot as the
   *   documents (0 before any batch). No per-document column is needed.
   * - MongoDB: the document's own `_position` (the batch that last wrote it; tombstones of deleted
   *   documents keep theirs), 0 for a document never written.
   * Throws GenerationSuperseded when `generation` is neither active nor building.
   */
  getInGenerationWithPositions<T = Record<string, unknown>>(
    collection: string,
    generation: number,
    ids: readonly string[],
  ): Promise<Map<string, PositionedDoc<T>>>;
  /**
   * Applies a projection's changes to `generation` and moves that generation's checkpoint to `position`,
   * atomically (SQLite: one transaction; MongoDB: every document remembers the last position applied).
   * A replay is a no-op on both: SQLite ignores a batch whose position is not above the checkpoint;
   * MongoDB writes a document only over an older position. The checkpoint never moves backwards.
   * Throws GenerationSuperseded when `generation` is neither active nor building.
   */
  applyBatch(projection: string, generation: number, changes: readonly DocumentChange[], position: bigint): Promise<void>;
  getCheckpoint(projection: string, generation: number): Promise<bigint | null>;
  /** Creates a fresh, empty, building generation of the projection's collections. */
  startGeneration(projection: string): Promise<number>;
  /** Makes `generation` the one queries read, and drops the previous one. */
  activateGeneration(projection: string, generation: number): Promise<void>;
}

export interface ProjectionLeases {
  /**
   * Takes, or renews, the lease that makes `owner` the one worker running `projection`, for `ttlMs` from
   * now (the store's clock: SQLite the machine's, MongoDB the server's). It succeeds when nobody holds
   * the lease, `owner` already holds it, or the holder's lease expired; otherwise it reports the holder.
   * Atomic: of several workers asking at once, one gets it.
   */
  acquireLease(projection: string, owner: string, ttlMs: number): Promise<LeaseResult>;
  /** Gives the lease up at once (so another worker takes over without waiting for it to expire), if `owner` holds it. */
  releaseLease(projection: string, owner: string): Promise<void>;
}

/** A read store as the composition opens it: every part, on one connection. */
export interface ReadStore extends ReadModelReader, ProjectionStore, ProjectionLeases {
  readonly kind: 'sqlite' | 'mongodb';
  close(): Promise<void>;
}

/** A document and the position it reflects (see getInGenerationWithPositions). */
export interface PositionedDoc<T = Record<string, unknown>> {
  readonly doc: T | null;
  readonly position: bigint;
}

export interface LeaseResult {
  readonly projection: string;
  /** Who holds the lease now. */
  readonly owner: string;
  /** Until when: milliseconds since the epoch on the store's clock. */
  readonly expiresAt: number;
  /** Whether the caller holds the lease now (`owner`/`expiresAt` are then its own). */
  readonly held: boolean;
}
