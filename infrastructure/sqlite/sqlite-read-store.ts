/**
 * The embedded read store: one SQLite file of its own (e.g. DATA_DIR/read.sqlite), WAL, synchronous
 * NORMAL by default (read models are rebuildable from the log; a power cut may lose the last commits
 * but never splits one: documents and checkpoint still move together).
 *
 * Layout
 * - `read_collections(name, projection, fields)`: every defined collection, so any process sharing
 *   the file knows them (a rebuild worker creating a generation creates every collection's table).
 * - `projection_generations(projection, generation, state active|building|retired)`: generation
 *   numbers are never reused (retired rows stay); at most one active and one building per projection.
 * - `projection_checkpoints(projection, generation, position)`: a batch commits its documents and its
 *   checkpoint in one transaction, so every document of a generation reflects exactly the events up to
 *   the checkpoint (that is the position getInGenerationWithPositions reports for each of them: no
 *   per-document position column). A batch whose position is not above the checkpoint is a replay and
 *   changes nothing; the checkpoint never moves backwards.
 * - `projection_leases(projection, owner, expires_at)`: which worker runs each projection (expiry in ms
 *   since the epoch, this machine's clock: every process sharing the file is on this machine).
 * - One table per collection and generation, `"<name>__g<generation>"`: `id TEXT PRIMARY KEY`,
 *   `doc TEXT` (JSON) and one column `"f_<field>"` per declared field, filled from the document at
 *   write time (booleans as 0/1, absent as NULL) with an index on `(f_<field>, id)`, so filters, sorts
 *   and the keyset condition of a cursor all use indexes.
 *
 * Concurrency: other connections (a rebuild in a worker thread or another process) may use the file at
 * once. Writes take `BEGIN IMMEDIATE` (busy_timeout waits for the lock); every query resolves the
 * active generation inside the same read transaction as the query itself, so it sees one snapshot:
 * never a dropped table, never a half-switched generation.
 */
import Database from 'better-sqlite3';
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
  type Scalar,
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
} from '../read-store-common';

export interface SqliteReadStoreOptions {
  /** `NORMAL` (default) is enough for a rebuildable read store; `FULL` fsyncs every commit. */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** How long a writer waits for another connection's write lock (ms, default 10 000). */
  readonly busyTimeoutMs?: number;
  /** The clock of leases (ms since the epoch); tests may pass their own. */
  readonly now?: () => number;
  /**
   * Page cache of this connection in KiB (default 32 768 = 32 MiB; SQLite's own default is 2 MiB), so the
   * documents and indexes a projection keeps updating stay in memory instead of being read back from the
   * file (tests/bench/projection-rebuild.ts measures its ceiling with the same setting).
   */
  readonly cacheSizeKib?: number;
}

type GenerationState = 'active' | 'building' | 'retired';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS read_collections (
  name       TEXT PRIMARY KEY,
  projection TEXT NOT NULL,
  fields     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS projection_generations (
  projection TEXT    NOT NULL,
  generation INTEGER NOT NULL,
  state      TEXT    NOT NULL CHECK (state IN ('active', 'building', 'retired')),
  PRIMARY KEY (projection, generation)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS projection_generations_one_active ON projection_generations (projection) WHERE state = 'active';
CREATE UNIQUE INDEX IF NOT EXISTS projection_generations_one_building ON projection_generations (projection) WHERE state = 'building';
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection TEXT    NOT NULL,
  generation INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  PRIMARY KEY (projection, generation)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS projection_leases (
  projection TEXT    PRIMARY KEY,
  owner      TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
const column = (field: string): string => quote(`f_${field}`);
/** better-sqlite3 binds no booleans: they are stored and compared as 0/1. */
const bindable = (v: Scalar): string | number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

interface WriteStatements {
  /** The spec the statements were prepared for (a redefinition with other fields prepares them again). */
  readonly spec: CollectionSpec;
  readonly upsert: Database.Statement<unknown[]>;
  readonly remove: Database.Statement<[string]>;
}

interface DocRow {
  id: string;
  doc: string;
}

const STATEMENT_CACHE_LIMIT = 500;

export class SqliteReadStore implements ReadStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly specs = new Map<string, CollectionSpec>();
  /** Tables known to exist (of live generations; names are never reused, so this never lies for them). */
  private readonly knownTables = new Set<string>();
  private readonly writeStatements = new Map<string, WriteStatements>();
  private readonly queryStatements = new Map<string, Database.Statement<unknown[]>>();
  private readonly stmt: ReturnType<SqliteReadStore['prepare']>;
  /** Runs a function in one (deferred) read transaction: one snapshot of the file. */
  private readonly snapshot: <R>(fn: () => R) => R;
  private closed = false;
  private readonly now: () => number;

  constructor(
    readonly file: string,
    options: SqliteReadStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10000}`);
    this.db.pragma(`cache_size = -${Math.max(512, Math.floor(options.cacheSizeKib ?? 32768))}`);
    this.db.transaction(() => this.db.exec(SCHEMA)).immediate();
    this.stmt = this.prepare();
    const inTransaction = this.db.transaction((fn: () => unknown) => fn());
    this.snapshot = <R>(fn: () => R): R => inTransaction(fn) as R;
  }

  private prepare() {
    const db = this.db;
    return {
      collection: db.prepare<[string], { name: string; projection: string; fields: string }>('SELECT name, projection, fields FROM read_collections WHERE name = ?'),
      collectionsOf: db.prepare<[string], { name: string; projection: string; fields: string }>(
        'SELECT name, projection, fields FROM read_collections WHERE projection = ? ORDER BY name',
      ),
      upsertCollection: db.prepare<[string, string, string]>(
        'INSERT INTO read_collections (name, projection, fields) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET fields = excluded.fields',
      ),
      active: db.prepare<[string], { generation: number }>("SELECT generation FROM projection_generations WHERE projection = ? AND state = 'active'"),
      state: db.prepare<[string, number], { state: GenerationState }>('SELECT state FROM projection_generations WHERE projection = ? AND generation = ?'),
      live: db.prepare<[string], { generation: number; state: GenerationState }>(
        "SELECT generation, state FROM projection_generations WHERE projection = ? AND state IN ('active', 'building')",
      ),
      maxGeneration: db.prepare<[string], { max: number | null }>('SELECT max(generation) AS max FROM projection_generations WHERE projection = ?'),
      insertGeneration: db.prepare<[string, number, GenerationState]>('INSERT INTO projection_generations (projection, generation, state) VALUES (?, ?, ?)'),
      setState: db.prepare<[GenerationState, string, number]>('UPDATE projection_generations SET state = ? WHERE projection = ? AND generation = ?'),
      checkpoint: db.prepare<[string, number], { position: bigint }>('SELECT position FROM projection_checkpoints WHERE projection = ? AND generation = ?').safeIntegers(true),
      setCheckpoint: db.prepare<[string, number, bigint]>(
        'INSERT INTO projection_checkpoints (projection, generation, position) VALUES (?, ?, ?) ON CONFLICT (projection, generation) DO UPDATE SET position = excluded.position',
      ),
      deleteCheckpoint: db.prepare<[string, number]>('DELETE FROM projection_checkpoints WHERE projection = ? AND generation = ?'),
      tableExists: db.prepare<[string], { one: number }>("SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = ?"),
      lease: db.prepare<[string], { owner: string; expires_at: number }>('SELECT owner, expires_at FROM projection_leases WHERE projection = ?'),
      setLease: db.prepare<[string, string, number]>(
        'INSERT INTO projection_leases (projection, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at',
      ),
      releaseLease: db.prepare<[string, string]>('DELETE FROM projection_leases WHERE projection = ? AND owner = ?'),
    };
  }

  /* ------------------------------------------------------------ collections ------------------------------------------------------------ */

  async defineCollection(spec: CollectionSpec): Promise<void> {
    this.assertOpen();
    assertCollectionSpec(spec);
    const own: CollectionSpec = { name: spec.name, projection: spec.projection, fields: { ...spec.fields } };
    this.db
      .transaction(() => {
        const existing = this.stmt.collection.get(own.name);
        if (existing && existing.projection !== own.projection) {
          throw new Error(`Collection ${own.name} already belongs to projection ${existing.projection}, not ${own.projection}`);
        }
        this.stmt.upsertCollection.run(own.name, own.projection, JSON.stringify(own.fields));
        this.ensureProjection(own.projection);
        for (const { generation } of this.stmt.live.all(own.projection)) this.ensureTable(own, generation);
      })
      .immediate();
    this.specs.set(own.name, own);
  }

  /** The spec defined in this process, else the one another process stored in the file. */
  private spec(name: string): CollectionSpec {
    const known = this.specs.get(name);
    if (known) return known;
    const row = this.stmt.collection.get(name);
    if (!row) throw unknownCollection(name);
    const spec: CollectionSpec = { name: row.name, projection: row.projection, fields: JSON.parse(row.fields) as CollectionSpec['fields'] };
    this.specs.set(name, spec);
    return spec;
  }

  private specsOf(projection: string): CollectionSpec[] {
    return this.stmt.collectionsOf.all(projection).map((row) => this.specs.get(row.name) ?? { name: row.name, projection: row.projection, fields: JSON.parse(row.fields) });
  }

  /** A projection nobody rebuilt yet reads and writes generation 0. (Inside a write transaction.) */
  private ensureProjection(projection: string): void {
    if (this.stmt.maxGeneration.get(projection)?.max === null) this.stmt.insertGeneration.run(projection, 0, 'active');
  }

  /** Creates the table of a collection in a generation, adding columns (backfilled) and indexes for new fields. (Inside a write transaction.) */
  private ensureTable(spec: CollectionSpec, generation: number): void {
    const table = physicalName(spec.name, generation);
    const fields = Object.keys(spec.fields);
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${quote(table)} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL${fields.map((f) => `, ${column(f)}`).join('')})`);
    const columns = new Set((this.db.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => c.name));
    for (const field of fields) {
      if (!columns.has(`f_${field}`)) {
        this.db.exec(`ALTER TABLE ${quote(table)} ADD COLUMN ${column(field)}`);
        this.db.exec(`UPDATE ${quote(table)} SET ${column(field)} = json_extract(doc, '$.${field}')`);
      }
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`${table}__f_${field}`)} ON ${quote(table)} (${column(field)}, id)`);
    }
    this.knownTables.add(table);
    this.writeStatements.delete(table);
  }

  private dropGeneration(projection: string, generation: number): void {
    for (const spec of this.specsOf(projection)) {
      const table = physicalName(spec.name, generation);
      this.db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
      this.forgetTable(table);
    }
    this.stmt.deleteCheckpoint.run(projection, generation);
  }

  private forgetTable(table: string): void {
    this.knownTables.delete(table);
    this.writeStatements.delete(table);
    for (const sql of this.queryStatements.keys()) if (sql.includes(quote(table))) this.queryStatements.delete(sql);
  }

  /* ------------------------------------------------------------ queries ------------------------------------------------------------ */

  /** Runs `fn` in one read transaction with the collection's active-generation table (null when it has none yet). */
  private read<R>(collection: string, fn: (table: string | null, spec: CollectionSpec) => R): R {
    this.assertOpen();
    const spec = this.spec(collection);
    return this.snapshot(() => fn(this.existingTable(spec, this.activeSync(spec.projection)), spec));
  }

  private existingTable(spec: CollectionSpec, generation: number): string | null {
    const table = physicalName(spec.name, generation);
    if (this.knownTables.has(table)) return table;
    if (!this.stmt.tableExists.get(table)) return null;
    this.knownTables.add(table);
    return table;
  }

  private activeSync(projection: string): number {
    return this.stmt.active.get(projection)?.generation ?? 0;
  }

  private query(sql: string): Database.Statement<unknown[]> {
    let statement = this.queryStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      if (this.queryStatements.size >= STATEMENT_CACHE_LIMIT) {
        const oldest = this.queryStatements.keys().next().value;
        if (oldest !== undefined) this.queryStatements.delete(oldest);
      }
      this.queryStatements.set(sql, statement);
    }
    return statement;
  }

  private getManyIn(table: string | null, ids: readonly string[]): Map<string, DocRow> {
    const found = new Map<string, DocRow>();
    if (table === null || ids.length === 0) return found;
    const rows = this.query(`SELECT id, doc FROM ${quote(table)} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as DocRow[];
    for (const row of rows) found.set(row.id, row);
    return found;
  }

  async get<T = Record<string, unknown>>(collection: string, id: string): Promise<T | null> {
    if (typeof id !== 'string') throw new ValidationFailed('A document id is a string', ['id']);
    return this.read(collection, (table) => {
      if (table === null) return null;
      const row = this.query(`SELECT doc FROM ${quote(table)} WHERE id = ?`).get(id) as { doc: string } | undefined;
      return row ? (JSON.parse(row.doc) as T) : null;
    });
  }

  async getInGenerationWithPositions<T = Record<string, unknown>>(
    collection: string,
    generation: number,
    ids: readonly string[],
  ): Promise<Map<string, PositionedDoc<T>>> {
    this.assertOpen();
    assertGeneration(generation);
    assertIds(ids);
    const spec = this.spec(collection);
    return this.snapshot(() => {
      this.assertLive(spec.projection, generation);
      const rows = this.getManyIn(this.existingTable(spec, generation), ids);
      // Documents and checkpoint commit together: each document reflects exactly the events up to it.
      const position = this.stmt.checkpoint.get(spec.projection, generation)?.position ?? 0n;
      const result = new Map<string, PositionedDoc<T>>();
      for (const id of ids) {
        const row = rows.get(id);
        result.set(id, { doc: row ? (JSON.parse(row.doc) as T) : null, position });
      }
      return result;
    });
  }

  async find<T = Record<string, unknown>>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    return this.findIn<T>(collection, options, true) as Promise<Page<T>>;
  }

  async findPage<T = Record<string, unknown>>(collection: string, options: FindOptions = {}): Promise<UncountedPage<T>> {
    return this.findIn<T>(collection, options, false);
  }

  private async findIn<T>(collection: string, options: FindOptions, counted: boolean): Promise<Page<T> | UncountedPage<T>> {
    const spec = this.spec(collection);
    const compiled = compileFind(spec, options);
    const where = toSql(compiled.filter);
    const after = compiled.after === null ? null : orSql(compiled.after);
    const order = compiled.sort.map((k) => `${k.field === null ? 'id' : column(k.field)} ${k.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
    return this.read(collection, (table) => {
      if (table === null) return { items: [], ...(counted ? { totalCount: 0 } : {}), endCursor: null, hasNextPage: false };
      const totalCount = counted
        ? (this.query(`SELECT count(*) AS n FROM ${quote(table)}${where.sql ? ` WHERE ${where.sql}` : ''}`).get(...where.params) as { n: number }).n
        : undefined;
      const conditions = [where.sql, after?.sql].filter((s): s is string => !!s);
      const rows = this.query(
        `SELECT id, doc FROM ${quote(table)}${conditions.length ? ` WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
      ).all(...where.params, ...(after?.params ?? []), compiled.limit + 1) as DocRow[];
      const page = rows.slice(0, compiled.limit);
      const items = page.map((r) => JSON.parse(r.doc) as T);
      const last = page.length > 0 ? page[page.length - 1] : null;
      return {
        items,
        ...(totalCount === undefined ? {} : { totalCount }),
        endCursor: last ? encodeCursor(compiled.sort, last.id, items[items.length - 1] as Record<string, unknown>, spec) : null,
        hasNextPage: rows.length > compiled.limit,
      };
    });
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    const spec = this.spec(collection);
    const where = toSql(compileFilter(spec, filter));
    return this.read(collection, (table) =>
      table === null ? 0 : (this.query(`SELECT count(*) AS n FROM ${quote(table)}${where.sql ? ` WHERE ${where.sql}` : ''}`).get(...where.params) as { n: number }).n,
    );
  }

  /* ------------------------------------------------------------ generations and writes ------------------------------------------------------------ */

  async activeGeneration(projection: string): Promise<number> {
    this.assertOpen();
    return this.activeSync(projection);
  }

  private assertLive(projection: string, generation: number): void {
    const state = this.stmt.state.get(projection, generation)?.state ?? (generation === 0 && this.stmt.maxGeneration.get(projection)?.max === null ? 'active' : undefined);
    if (state !== 'active' && state !== 'building') throw new GenerationSuperseded(projection, generation);
  }

  async applyBatch(projection: string, generation: number, changes: readonly DocumentChange[], position: bigint): Promise<void> {
    this.assertOpen();
    assertGeneration(generation);
    assertPosition(position);
    const encoded = encodeChanges(projection, changes, (name) => this.spec(name));
    this.db
      .transaction(() => {
        this.ensureProjection(projection);
        this.assertLive(projection, generation);
        const checkpoint = this.stmt.checkpoint.get(projection, generation)?.position;
        // A replay (or a batch another worker already committed): the documents already reflect it.
        if (checkpoint !== undefined && checkpoint >= position) return;
        for (const change of encoded) this.write(change, generation);
        this.stmt.setCheckpoint.run(projection, generation, position);
      })
      .immediate();
  }

  private write(change: EncodedChange, generation: number): void {
    const statements = this.writeStatementsFor(change.spec, generation);
    if (change.doc === null) statements.remove.run(change.id);
    else statements.upsert.run(change.id, JSON.stringify(change.doc), ...change.values.map(bindable));
  }

  private writeStatementsFor(spec: CollectionSpec, generation: number): WriteStatements {
    const table = physicalName(spec.name, generation);
    let statements = this.writeStatements.get(table);
    if (!statements || statements.spec !== spec) {
      // Once per table and process: the generation may have been created by another process.
      this.ensureTable(spec, generation);
      const fields = Object.keys(spec.fields);
      const columns = ['id', 'doc', ...fields.map(column)];
      statements = {
        spec,
        upsert: this.db.prepare<unknown[]>(
          `INSERT INTO ${quote(table)} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
           ON CONFLICT (id) DO UPDATE SET ${columns
             .slice(1)
             .map((c) => `${c} = excluded.${c}`)
             .join(', ')}`,
        ),
        remove: this.db.prepare<[string]>(`DELETE FROM ${quote(table)} WHERE id = ?`),
      };
      this.writeStatements.set(table, statements);
    }
    return statements;
  }

  async getCheckpoint(projection: string, generation: number): Promise<bigint | null> {
    this.assertOpen();
    assertGeneration(generation);
    return this.stmt.checkpoint.get(projection, generation)?.position ?? null;
  }

  async startGeneration(projection: string): Promise<number> {
    this.assertOpen();
    return this.db
      .transaction(() => {
        this.ensureProjection(projection);
        const next = (this.stmt.maxGeneration.get(projection)?.max ?? 0) + 1;
        // One rebuild at a time: an unfinished building generation is superseded by the new one.
        for (const { generation, state } of this.stmt.live.all(projection)) {
          if (state === 'building') {
            this.stmt.setState.run('retired', projection, generation);
            this.dropGeneration(projection, generation);
          }
        }
        this.stmt.insertGeneration.run(projection, next, 'building');
        for (const spec of this.specsOf(projection)) this.ensureTable(spec, next);
        return next;
      })
      .immediate();
  }

  async activateGeneration(projection: string, generation: number): Promise<void> {
    this.assertOpen();
    assertGeneration(generation);
    this.db
      .transaction(() => {
        this.ensureProjection(projection);
        const state = this.stmt.state.get(projection, generation)?.state;
        if (state === 'active') return;
        if (state !== 'building') throw new GenerationSuperseded(projection, generation);
        const previous = this.activeSync(projection);
        this.stmt.setState.run('retired', projection, previous);
        this.stmt.setState.run('active', projection, generation);
        this.dropGeneration(projection, previous);
      })
      .immediate();
  }

  /* ------------------------------------------------------------ leases ------------------------------------------------------------ */

  async acquireLease(projection: string, owner: string, ttlMs: number): Promise<LeaseResult> {
    this.assertOpen();
    assertLeaseArguments(projection, owner, ttlMs);
    return this.db
      .transaction((): LeaseResult => {
        const now = this.now();
        const current = this.stmt.lease.get(projection);
        if (current && current.owner !== owner && current.expires_at > now) {
          return { projection, owner: current.owner, expiresAt: current.expires_at, held: false };
        }
        const expiresAt = now + ttlMs;
        this.stmt.setLease.run(projection, owner, expiresAt);
        return { projection, owner, expiresAt, held: true };
      })
      .immediate();
  }

  async releaseLease(projection: string, owner: string): Promise<void> {
    this.assertOpen();
    this.stmt.releaseLease.run(projection, owner);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The read store is closed');
  }
}

/* ------------------------------------------------------------ SQL of conditions ------------------------------------------------------------ */

interface SqlPart {
  sql: string;
  params: Array<string | number | null>;
}

const atomSql = (atom: Atom): SqlPart => {
  const col = atom.key === null ? 'id' : column(atom.key);
  switch (atom.op) {
    case 'eq':
      return atom.value === null ? { sql: `${col} IS NULL`, params: [] } : { sql: `${col} = ?`, params: [bindable(atom.value)] };
    case 'ne':
      return atom.value === null ? { sql: `${col} IS NOT NULL`, params: [] } : { sql: `${col} IS NOT ?`, params: [bindable(atom.value)] };
    case 'in': {
      const values = atom.values.filter((v) => v !== null);
      const withNull = values.length !== atom.values.length;
      const parts: string[] = [];
      if (values.length > 0) parts.push(`${col} IN (${values.map(() => '?').join(', ')})`);
      if (withNull) parts.push(`${col} IS NULL`);
      return { sql: parts.length === 0 ? '0' : parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`, params: values.map(bindable) };
    }
    case 'gt':
      return { sql: `${col} > ?`, params: [bindable(atom.value)] };
    case 'gte':
      return { sql: `${col} >= ?`, params: [bindable(atom.value)] };
    case 'lt':
      return { sql: `${col} < ?`, params: [bindable(atom.value)] };
    case 'lte':
      return { sql: `${col} <= ?`, params: [bindable(atom.value)] };
    case 'notNull':
      return { sql: `${col} IS NOT NULL`, params: [] };
    case 'ltOrNull':
      return { sql: `(${col} < ? OR ${col} IS NULL)`, params: [bindable(atom.value)] };
  }
};

const toSql = (atoms: readonly Atom[]): SqlPart => {
  const parts = atoms.map(atomSql);
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
};

const orSql = (branches: ReadonlyArray<readonly Atom[]>): SqlPart => {
  if (branches.length === 0) return { sql: '0', params: [] };
  const parts = branches.map(toSql);
  return { sql: parts.map((p) => `(${p.sql})`).join(' OR '), params: parts.flatMap((p) => p.params) };
};

const assertIds = (ids: readonly string[]): void => {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new ValidationFailed('ids must be an array of strings', ['ids']);
};

