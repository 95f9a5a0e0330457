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

export interface CollectionSpec {
  /** Logical name, e.g. `applications`. */
  readonly name: string;
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

export interface ReadStore {
  readonly kind: 'sqlite' | 'mongodb';
  /** Creates the collection (and its indexes) if missing. Idempotent. */
  defineCollection(spec: CollectionSpec): Promise<void>;
  get<T = Record<string, unknown>>(collection: string, id: string): Promise<T | null>;
  getMany<T = Record<string, unknown>>(collection: string, ids: readonly string[]): Promise<Map<string, T>>;
  find<T = Record<string, unknown>>(collection: string, options?: FindOptions): Promise<Page<T>>;
  count(collection: string, filter?: Filter): Promise<number>;
  /**
   * Applies a projection's changes and moves its checkpoint to `position`, atomically (SQLite: one
   * transaction; MongoDB: every document remembers the last position applied, so a replay is a no-op).
   */
  applyBatch(projection: string, changes: readonly DocumentChange[], position: bigint): Promise<void>;
  getCheckpoint(projection: string): Promise<bigint | null>;
  /** Removes every document of the collections and the projection's checkpoint (for a rebuild). */
  reset(projection: string, collections: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
