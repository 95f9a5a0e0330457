/**
 * The read store on MongoDB (driver v6), for the deployment that grows past one machine.
 *
 * Layout (one database)
 * - `read_collections` `{_id: name, projection, fields}`: every defined collection, so any process
 *   starting a generation creates every collection's indexes.
 * - `projection_generations` `{_id: projection, active, building, last}`: one document per projection,
 *   so starting and activating a generation are single-document atomic updates. `last` is the highest
 *   generation ever started (numbers are never reused).
 * - `projection_checkpoints` `{_id: "<projection>#<generation>", projection, generation, position}`;
 *   the position only ever grows (a conditional upsert).
 * - `projection_leases` `{_id: projection, owner, expiresAt}`: which worker runs each projection. Taken
 *   and renewed with one atomic findOneAndUpdate on the server's clock (`$$NOW`), so workers on machines
 *   whose clocks disagree still agree on who holds it.
 * - One physical collection per collection and generation, `<name>__g<generation>`, of
 *   `{_id: id, _position, doc}` (or a tombstone `{_id, _position, _deleted: true}`), with an index
 *   `{doc.<field>: 1, _id: 1}` per declared field. `_position` is the global position of the batch that
 *   last wrote the document, as a 20-digit zero-padded decimal string (so it compares correctly).
 *
 * Atomicity without transactions: applyBatch writes each document with a conditional replace
 * (`{_id, _position: {$lt: position}}`, upsert; the duplicate-key error of a document already at a
 * newer-or-equal position is ignored), then the checkpoint. A crash in between replays the batch from
 * the old checkpoint: documents already written are left alone. Deletes leave a tombstone so a replayed
 * older write cannot resurrect a deleted document; queries skip tombstones. getInGenerationWithPositions
 * reports each document's `_position` (tombstones included), and the runner folds into a document only
 * the events above it, so a replayed batch is applied to no document twice, not even to one written
 * before the crash with a later batch's events.
 *
 * Generations: queries resolve the active generation per call; a rebuild writes a building generation
 * and activateGeneration switches `active` in one update, then drops the old collections. A read that
 * raced the switch (empty result or an error) re-resolves and retries once. A write that raced a
 * switch notices it after writing, drops what it wrote, and throws GenerationSuperseded.
 */
import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Document,
  type Filter as MongoFilter,
} from 'mongodb';
import { ValidationFailed } from '../../application/errors';
import {
  GenerationSuperseded,
  type CollectionSpec,
  type DocumentChange,
  type Filter,
  type FindOptions,
  type LeaseResult,
  type Page,
  type PositionedDoc,
  type ReadStore,
  type UncountedPage,
} from '../../application/ports/read-store';
import {
  assertCollectionSpec,
  assertGeneration,
  assertLeaseArguments,
  assertPosition,
  compileFilter,
  compileFind,
  encodeChanges,
  encodeCursor,
  physicalName,
  unknownCollection,
  type Atom,
  type EncodedChange,
  type FieldType,
} from '../read-store-common';

interface StoredDoc {
  _id: string;
  _position: string;
  doc?: Record<string, unknown>;
  _deleted?: true;
}

interface ProjectionDoc {
  _id: string;
  active: number;
  building: number | null;
  last: number;
}

interface CollectionDoc {
  _id: string;
  projection: string;
  fields: Record<string, FieldType>;
}

interface CheckpointDoc {
  _id: string;
  projection: string;
  generation: number;
  position: string;
}

interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

export interface MongoReadStoreOptions {
  /** How long to wait for the server before giving up (ms, default 3000). */
  readonly connectTimeoutMs?: number;
}

const DUPLICATE_KEY = 11000;
const NAMESPACE_NOT_FOUND = 26;
const POSITION_DIGITS = 20;

const encodePosition = (position: bigint): string => position.toString().padStart(POSITION_DIGITS, '0');
const NOT_DELETED = { _deleted: { $ne: true } } as const;

/** Hides credentials in a connection string for messages. */
export const redactMongoUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

const databaseFromUrl = (url: string): string | undefined => {
  const name = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url)?.[1];
  return name ? decodeURIComponent(name) : undefined;
};

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Connects, checks the server answers (within `connectTimeoutMs`, default 3 s) and returns the store.
 * The database is `dbName`, else the one named in the URL, else `hamaynk`.
 */
export async function connectMongoReadStore(url: string, dbName?: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
  const timeoutMs = options.connectTimeoutMs ?? 3000;
  let client: MongoClient;
  try {
    client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, ignoreUndefined: true, appName: 'hamaynk-read-store' });
  } catch (e) {
    throw new Error(`Invalid MongoDB connection string ${redactMongoUrl(url)}: ${messageOf(e)}`);
  }
  try {
    await client.connect();
    const db = client.db(dbName ?? databaseFromUrl(url) ?? 'hamaynk');
    await db.command({ ping: 1 });
    const store = new MongoReadStore(client, db);
    await store.init();
    return store;
  } catch (e) {
    await client.close().catch(() => undefined);
    throw new Error(`Cannot reach MongoDB at ${redactMongoUrl(url)} (gave up after ${timeoutMs} ms): ${messageOf(e)}`);
  }
}

export class MongoReadStore implements ReadStore {
  readonly kind = 'mongodb' as const;
  private readonly specs = new Map<string, CollectionSpec>();
  private readonly collections: Collection<CollectionDoc>;
  private readonly generations: Collection<ProjectionDoc>;
  private readonly checkpoints: Collection<CheckpointDoc>;
  private readonly leaseDocs: Collection<LeaseDoc>;
  private closed = false;

  /** Use connectMongoReadStore; the store closes the client when it is closed. */
  constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {
    this.collections = db.collection<CollectionDoc>('read_collections');
    this.generations = db.collection<ProjectionDoc>('projection_generations');
    this.checkpoints = db.collection<CheckpointDoc>('projection_checkpoints');
    this.leaseDocs = db.collection<LeaseDoc>('projection_leases');
  }

  /** Indexes of the bookkeeping collections. Idempotent. */
  async init(): Promise<void> {
    await this.collections.createIndex({ projection: 1 }, { name: 'by_projection' });
  }

  private docs(collection: string, generation: number): Collection<StoredDoc> {
    return this.db.collection<StoredDoc>(physicalName(collection, generation));
  }

  /* ------------------------------------------------------------ collections ------------------------------------------------------------ */

  async defineCollection(spec: CollectionSpec): Promise<void> {
    this.assertOpen();
    assertCollectionSpec(spec);
    const own: CollectionSpec = { name: spec.name, projection: spec.projection, fields: { ...spec.fields } };
    const existing = await this.collections.findOne({ _id: own.name });
    if (existing && existing.projection !== own.projection) {
      throw new Error(`Collection ${own.name} already belongs to projection ${existing.projection}, not ${own.projection}`);
    }
    await retryOnDuplicateKey(() =>
      this.collections.updateOne({ _id: own.name }, { $set: { projection: own.projection, fields: { ...own.fields } } }, { upsert: true }),
    );
    await retryOnDuplicateKey(() =>
      this.generations.updateOne({ _id: own.projection }, { $setOnInsert: { active: 0, building: null, last: 0 } }, { upsert: true }),
    );
    const state = await this.projectionState(own.projection);
    for (const generation of liveGenerations(state)) await this.ensureIndexes(own, generation);
    this.specs.set(own.name, own);
  }

  private async ensureIndexes(spec: CollectionSpec, generation: number): Promise<void> {
    const fields = Object.keys(spec.fields);
    if (fields.length === 0) return; // the collection appears with its first document
    await this.docs(spec.name, generation).createIndexes(fields.map((f) => ({ key: { [`doc.${f}`]: 1, _id: 1 }, name: `f_${f}` })));
  }

  /** The spec defined in this process, else the one another process stored. */
  private async spec(name: string): Promise<CollectionSpec> {
    const known = this.specs.get(name);
    if (known) return known;
    const row = await this.collections.findOne({ _id: name });
    if (!row) throw unknownCollection(name);
    const spec: CollectionSpec = { name: row._id, projection: row.projection, fields: row.fields };
    this.specs.set(name, spec);
    return spec;
  }

  private async specsOf(projection: string): Promise<CollectionSpec[]> {
    const rows = await this.collections.find({ projection }).toArray();
    return rows.map((row) => this.specs.get(row._id) ?? { name: row._id, projection: row.projection, fields: row.fields });
  }

  /* ------------------------------------------------------------ queries ------------------------------------------------------------ */

  private async projectionState(projection: string): Promise<{ active: number; building: number | null }> {
    const doc = await this.generations.findOne({ _id: projection });
    return { active: doc?.active ?? 0, building: doc?.building ?? null };
  }

  /**
   * Runs a read on the active generation. If it came back empty or failed while a switch happened
   * (the collection was dropped under it), it runs once more on the new active generation.
   */
  private async onActive<R>(spec: CollectionSpec, read: (docs: Collection<StoredDoc>) => Promise<R>, looksEmpty: (r: R) => boolean): Promise<R> {
    this.assertOpen();
    const generation = (await this.projectionState(spec.projection)).active;
    let result: R;
    try {
      result = await read(this.docs(spec.name, generation));
    } catch (error) {
      const now = (await this.projectionState(spec.projection)).active;
      if (now === generation) throw error;
      return read(this.docs(spec.name, now));
    }
    if (looksEmpty(result)) {
      const now = (await this.projectionState(spec.projection)).active;
      if (now !== generation) return read(this.docs(spec.name, now));
    }
    return result;
  }

  async get<T = Record<string, unknown>>(collection: string, id: string): Promise<T | null> {
    if (typeof id !== 'string') throw new ValidationFailed('A document id is a string', ['id']);
    const spec = await this.spec(collection);
    return this.onActive(
      spec,
      async (docs) => {
        const found = await docs.findOne({ _id: id, ...NOT_DELETED }, { projection: { doc: 1 } });
        return found?.doc ? (found.doc as T) : null;
      },
      (r) => r === null,
    );
  }

  async getInGenerationWithPositions<T = Record<string, unknown>>(
    collection: string,
    generation: number,
    ids: readonly string[],
  ): Promise<Map<string, PositionedDoc<T>>> {
    this.assertOpen();
    assertGeneration(generation);
    assertIds(ids);
    const spec = await this.spec(collection);
    if (!liveGenerations(await this.projectionState(spec.projection)).includes(generation)) throw new GenerationSuperseded(spec.projection, generation);
    const result = new Map<string, PositionedDoc<T>>();
    if (ids.length === 0) return result;
    // Tombstones too: a deleted document remembers the position that deleted it.
    const found = await this.docs(spec.name, generation)
      .find({ _id: { $in: [...ids] } }, { projection: { doc: 1, _position: 1, _deleted: 1 } })
      .toArray();
    const byId = new Map(found.map((row) => [row._id, row]));
    for (const id of ids) {
      const row = byId.get(id);
      result.set(id, {
        doc: row && !row._deleted && row.doc ? (row.doc as T) : null,
        position: row ? BigInt(row._position) : 0n,
      });
    }
    return result;
  }

  async find<T = Record<string, unknown>>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    return this.findIn<T>(collection, options, true) as Promise<Page<T>>;
  }

  async findPage<T = Record<string, unknown>>(collection: string, options: FindOptions = {}): Promise<UncountedPage<T>> {
    return this.findIn<T>(collection, options, false);
  }

  private async findIn<T>(collection: string, options: FindOptions, counted: boolean): Promise<Page<T> | UncountedPage<T>> {
    const spec = await this.spec(collection);
    const compiled = compileFind(spec, options);
    const filter = and([...compiled.filter.map(atomFilter), NOT_DELETED]);
    const query =
      compiled.after === null
        ? filter
        : and([filter, compiled.after.length === 0 ? { _id: { $in: [] } } : { $or: compiled.after.map((branch) => and(branch.map(atomFilter))) }]);
    const sort: Record<string, 1 | -1> = {};
    for (const key of compiled.sort) sort[key.field === null ? '_id' : `doc.${key.field}`] = key.direction === 'asc' ? 1 : -1;
    const { totalCount, rows } = await this.onActive(
      spec,
      async (docs) => {
        const [n, found] = await Promise.all([
          counted ? docs.countDocuments(filter) : Promise.resolve(undefined),
          docs.find(query, { sort, limit: compiled.limit + 1, projection: { doc: 1 } }).toArray(),
        ]);
        return { totalCount: n, rows: found };
      },
      (r) => r.totalCount === 0 || r.rows.length === 0,
    );
    const page = rows.slice(0, compiled.limit);
    const items = page.map((r) => (r.doc ?? {}) as T);
    const last = page.length > 0 ? page[page.length - 1] : null;
    return {
      items,
      ...(totalCount === undefined ? {} : { totalCount }),
      endCursor: last ? encodeCursor(compiled.sort, last._id, last.doc ?? {}, spec) : null,
      hasNextPage: rows.length > compiled.limit,
    };
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    const spec = await this.spec(collection);
    const query = and([...compileFilter(spec, filter).map(atomFilter), NOT_DELETED]);
    return this.onActive(spec, (docs) => docs.countDocuments(query), (n) => n === 0);
  }

  /* ------------------------------------------------------------ generations and writes ------------------------------------------------------------ */

  async activeGeneration(projection: string): Promise<number> {
    this.assertOpen();
    return (await this.projectionState(projection)).active;
  }

  async applyBatch(projection: string, generation: number, changes: readonly DocumentChange[], position: bigint): Promise<void> {
    this.assertOpen();
    assertGeneration(generation);
    assertPosition(position);
    if (!Array.isArray(changes)) throw new ValidationFailed('changes must be an array', ['changes']);
    const specs = new Map<string, CollectionSpec>();
    for (const name of new Set(changes.map((c) => c.collection))) specs.set(name, await this.spec(name));
    const encoded = encodeChanges(projection, changes, (name) => specs.get(name) ?? throwUnknown(name));
    if (!liveGenerations(await this.projectionState(projection)).includes(generation)) throw new GenerationSuperseded(projection, generation);

    const at = encodePosition(position);
    const byCollection = new Map<string, EncodedChange[]>();
    for (const change of encoded) {
      const list = byCollection.get(change.spec.name) ?? [];
      list.push(change);
      byCollection.set(change.spec.name, list);
    }
    // One collection after another, in the order of `changes` (the runner puts a projection's summaries
    // before the documents they summarise: a crash in between leaves the summarised ones to fold again).
    for (const [name, list] of byCollection) {
      await writeIgnoringNewer(
        this.docs(name, generation),
        list.map(
          (change): AnyBulkWriteOperation<StoredDoc> => ({
            replaceOne: {
              filter: { _id: change.id, _position: { $lt: at } },
              replacement: change.doc === null ? { _position: at, _deleted: true } : { _position: at, doc: { ...change.doc } },
              upsert: true,
            },
          }),
        ),
      );
    }
    // Only forwards: a duplicate key means the checkpoint is already at or past this position.
    await ignoreDuplicateKey(() =>
      this.checkpoints.updateOne(
        { _id: checkpointId(projection, generation), position: { $lt: at } },
        { $set: { projection, generation, position: at } },
        { upsert: true },
      ),
    );
    // A switch that happened while we wrote: what we wrote (re)created dropped collections.
    if (!liveGenerations(await this.projectionState(projection)).includes(generation)) {
      await this.dropGeneration(projection, generation);
      throw new GenerationSuperseded(projection, generation);
    }
  }

  async getCheckpoint(projection: string, generation: number): Promise<bigint | null> {
    this.assertOpen();
    assertGeneration(generation);
    const doc = await this.checkpoints.findOne({ _id: checkpointId(projection, generation) });
    return doc ? BigInt(doc.position) : null;
  }

  async startGeneration(projection: string): Promise<number> {
    this.assertOpen();
    const before = await this.generations.findOneAndUpdate(
      { _id: projection },
      [{ $set: { active: { $ifNull: ['$active', 0] }, last: { $add: [{ $ifNull: ['$last', 0] }, 1] } } }, { $set: { building: '$last' } }],
      { upsert: true, returnDocument: 'before' },
    );
    const next = (before?.last ?? 0) + 1;
    // One rebuild at a time: an unfinished building generation is superseded by the new one.
    if (before?.building !== null && before?.building !== undefined) await this.dropGeneration(projection, before.building);
    for (const spec of await this.specsOf(projection)) await this.ensureIndexes(spec, next);
    return next;
  }

  async activateGeneration(projection: string, generation: number): Promise<void> {
    this.assertOpen();
    assertGeneration(generation);
    const before = await this.generations.findOneAndUpdate(
      { _id: projection, building: generation },
      { $set: { active: generation, building: null } },
      { returnDocument: 'before' },
    );
    if (!before) {
      if ((await this.projectionState(projection)).active === generation) return;
      throw new GenerationSuperseded(projection, generation);
    }
    await this.dropGeneration(projection, before.active);
  }

  private async dropGeneration(projection: string, generation: number): Promise<void> {
    for (const spec of await this.specsOf(projection)) {
      try {
        await this.docs(spec.name, generation).drop();
      } catch (e) {
        if (!(e instanceof MongoServerError && e.code === NAMESPACE_NOT_FOUND)) throw e;
      }
    }
    await this.checkpoints.deleteOne({ _id: checkpointId(projection, generation) });
  }

  /* ------------------------------------------------------------ leases ------------------------------------------------------------ */

  async acquireLease(projection: string, owner: string, ttlMs: number): Promise<LeaseResult> {
    this.assertOpen();
    assertLeaseArguments(projection, owner, ttlMs);
    try {
      // Matches when we hold it or it expired (server clock); no match on an existing _id → duplicate key.
      const after = await this.leaseDocs.findOneAndUpdate(
        { _id: projection, $or: [{ owner }, { $expr: { $lte: ['$expiresAt', '$$NOW'] } }] },
        [{ $set: { owner, expiresAt: { $add: ['$$NOW', ttlMs] } } }],
        { upsert: true, returnDocument: 'after' },
      );
      if (after) return { projection, owner: after.owner, expiresAt: after.expiresAt.getTime(), held: after.owner === owner };
    } catch (e) {
      if (!(e instanceof MongoServerError && e.code === DUPLICATE_KEY)) throw e;
    }
    const current = await this.leaseDocs.findOne({ _id: projection });
    return current
      ? { projection, owner: current.owner, expiresAt: current.expiresAt.getTime(), held: current.owner === owner }
      : { projection, owner: '', expiresAt: 0, held: false };
  }

  async releaseLease(projection: string, owner: string): Promise<void> {
    this.assertOpen();
    await this.leaseDocs.deleteOne({ _id: projection, owner });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The read store is closed');
  }
}

/* ------------------------------------------------------------ helpers ------------------------------------------------------------ */

const checkpointId = (projection: string, generation: number): string => `${projection}#${generation}`;

const liveGenerations = (state: { active: number; building: number | null }): number[] =>
  state.building === null ? [state.active] : [state.active, state.building];

const throwUnknown = (name: string): never => {
  throw unknownCollection(name);
};

const assertIds = (ids: readonly string[]): void => {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new ValidationFailed('ids must be an array of strings', ['ids']);
};

const and = (filters: Document[]): MongoFilter<StoredDoc> => (filters.length === 1 ? filters[0] : { $and: filters }) as MongoFilter<StoredDoc>;

const atomFilter = (atom: Atom): Document => {
  const path = atom.key === null ? '_id' : `doc.${atom.key}`;
  switch (atom.op) {
    case 'eq':
      return { [path]: atom.value };
    case 'ne':
      return { [path]: { $ne: atom.value } };
    case 'in':
      return { [path]: { $in: [...atom.values] } };
    case 'gt':
      return { [path]: { $gt: atom.value } };
    case 'gte':
      return { [path]: { $gte: atom.value } };
    case 'lt':
      return { [path]: { $lt: atom.value } };
    case 'lte':
      return { [path]: { $lte: atom.value } };
    case 'notNull':
      return { [path]: { $ne: null } };
    case 'ltOrNull':
      return { $or: [{ [path]: { $lt: atom.value } }, { [path]: null }] };
  }
};

/** A bulk of conditional replaces; duplicate-key errors mean "a newer (or the same) position is already there". */
const writeIgnoringNewer = async (docs: Collection<StoredDoc>, operations: AnyBulkWriteOperation<StoredDoc>[]): Promise<void> => {
  if (operations.length === 0) return;
  try {
    await docs.bulkWrite(operations, { ordered: false });
  } catch (e) {
    if (e instanceof MongoBulkWriteError && e.err === undefined && e.result.getWriteConcernError() === undefined) {
      const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
      if (errors.length > 0 && errors.every((w) => w.code === DUPLICATE_KEY)) return;
    }
    throw e;
  }
};

const ignoreDuplicateKey = async (operation: () => Promise<unknown>): Promise<void> => {
  try {
    await operation();
  } catch (e) {
    if (!(e instanceof MongoServerError && e.code === DUPLICATE_KEY)) throw e;
  }
};

const retryOnDuplicateKey = async <R>(operation: () => Promise<R>): Promise<R> => {
  try {
    return await operation();
  } catch (e) {
    // Two processes upserting the same _id at once: one insert loses; the document now exists.
    if (e instanceof MongoServerError && e.code === DUPLICATE_KEY) return operation();
    throw e;
  }
};
