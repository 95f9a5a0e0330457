/**
 * What both ReadStore adapters (SQLite, MongoDB) share: checking a collection spec, turning FindOptions
 * into a validated, store-neutral query (conditions, sort keys, the keyset condition of a cursor),
 * the opaque cursor format, and checking/collapsing a projection's batch of document changes.
 *
 * Null semantics, identical on both stores: a document lacking a declared field has null there;
 * `{f: null}` matches null, `$ne: x` matches null (null is a value, unlike SQL's `<>`), `$in` may list
 * null; ranges never match null and refuse a null bound. Sorting puts null first ascending, last
 * descending. Strings compare by code point (UTF-8 bytes), numbers numerically, false < true.
 */
import { ValidationFailed } from '../application/errors';
import type { CollectionSpec, DocumentChange, FieldCondition, Filter, FindOptions, Scalar, SortDirection } from '../application/ports/read-store';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;
/** At most this many values in one `$in`. */
export const MAX_IN_VALUES = 1000;

export type FieldType = CollectionSpec['fields'][string];

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MAX_ID_LENGTH = 512;

/** Physical name of a collection in a generation: `<name>__g<generation>`. */
export const physicalName = (collection: string, generation: number): string => `${collection}__g${generation}`;

export const assertCollectionSpec = (spec: CollectionSpec): void => {
  const bad: string[] = [];
  if (typeof spec.name !== 'string' || !COLLECTION_NAME.test(spec.name)) bad.push('name');
  if (typeof spec.projection !== 'string' || spec.projection.length === 0 || spec.projection.length > 200) bad.push('projection');
  if (typeof spec.fields !== 'object' || spec.fields === null) bad.push('fields');
  else {
    for (const [field, type] of Object.entries(spec.fields)) {
      if (!FIELD_NAME.test(field) || !['string', 'number', 'boolean'].includes(type)) bad.push(`fields.${field}`);
    }
  }
  if (bad.length > 0) {
    throw new ValidationFailed(
      `Invalid collection spec ${JSON.stringify(spec.name)}: names are identifiers (letters, digits, _), field types string|number|boolean`,
      bad,
    );
  }
};

export const sameFields = (a: CollectionSpec['fields'], b: CollectionSpec['fields']): boolean => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};

export const assertGeneration = (generation: number): void => {
  if (!Number.isSafeInteger(generation) || generation < 0) throw new ValidationFailed(`Invalid generation ${String(generation)}`, ['generation']);
};

/** A lease names a projection and an owner (short strings) and lasts from 1 ms to a day. */
export const assertLeaseArguments = (projection: string, owner: string, ttlMs: number): void => {
  const bad: string[] = [];
  if (typeof projection !== 'string' || projection.length === 0 || projection.length > 200) bad.push('projection');
  if (typeof owner !== 'string' || owner.length === 0 || owner.length > 200) bad.push('owner');
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1 || ttlMs > 86_400_000) bad.push('ttlMs');
  if (bad.length > 0) throw new ValidationFailed('A lease needs a projection and an owner (1 to 200 characters) and ttlMs from 1 to 86 400 000', bad);
};

const MAX_POSITION = (1n << 63n) - 1n;
export const assertPosition = (position: bigint): void => {
  if (typeof position !== 'bigint' || position < 0n || position > MAX_POSITION) {
    throw new ValidationFailed(`Invalid position ${String(position)}: a bigint between 0 and 2^63-1`, ['position']);
  }
};

/* ------------------------------------------------------------------ values ------------------------------------------------------------------ */

const isScalarOfType = (value: unknown, type: FieldType): boolean =>
  type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === type;

/** The value of a declared field in a document: null when absent; throws when it has the wrong type. */
export const fieldValue = (doc: Readonly<Record<string, unknown>>, field: string, type: FieldType): Scalar => {
  const value = doc[field];
  if (value === undefined || value === null) return null;
  if (!isScalarOfType(value, type)) {
    throw new ValidationFailed(`Field ${field} must be a ${type}${type === 'number' ? ' (finite)' : ''} or null, got ${JSON.stringify(value) ?? typeof value}`, [field]);
  }
  return value as Scalar;
};

/* ------------------------------------------------------------------ queries ------------------------------------------------------------------ */

/** One condition on one key; `key` null means the document id. */
export type Atom =
  | { readonly key: string | null; readonly op: 'eq'; readonly value: Scalar }
  | { readonly key: string | null; readonly op: 'ne'; readonly value: Scalar }
  | { readonly key: string | null; readonly op: 'in'; readonly values: readonly Scalar[] }
  | { readonly key: string | null; readonly op: 'gt' | 'gte' | 'lt' | 'lte'; readonly value: string | number | boolean }
  | { readonly key: string | null; readonly op: 'notNull' }
  /** Strictly less than the value, or null (what "after v" means descending, since null sorts last there). */
  | { readonly key: string | null; readonly op: 'ltOrNull'; readonly value: string | number | boolean };

export interface SortKey {
  /** A declared field, or null for the document id (always the last key). */
  readonly field: string | null;
  readonly direction: SortDirection;
}

export interface CompiledFind {
  /** All must hold (the filter). */
  readonly filter: readonly Atom[];
  /** The keyset condition of the cursor: any branch (each a conjunction) may hold; null without a cursor. */
  readonly after: ReadonlyArray<readonly Atom[]> | null;
  /** Declared sort keys, then the id. */
  readonly sort: readonly SortKey[];
  readonly limit: number;
}

const OPERATORS = new Set(['$in', '$ne', '$gt', '$gte', '$lt', '$lte']);

export const compileFilter = (spec: CollectionSpec, filter: Filter | undefined): Atom[] => {
  if (filter === undefined || filter === null) return [];
  if (typeof filter !== 'object' || Array.isArray(filter)) throw new ValidationFailed('A filter is an object of field conditions', ['filter']);
  const undeclared = Object.keys(filter).filter((f) => !Object.prototype.hasOwnProperty.call(spec.fields, f));
  if (undeclared.length > 0) {
    throw new ValidationFailed(
      `Cannot filter ${spec.name} on ${undeclared.join(', ')}: filterable fields are ${Object.keys(spec.fields).join(', ') || '(none)'}`,
      undeclared,
    );
  }
  const atoms: Atom[] = [];
  for (const [field, condition] of Object.entries(filter)) atoms.push(...compileCondition(field, spec.fields[field], condition));
  return atoms;
};

const compileCondition = (field: string, type: FieldType, condition: FieldCondition | undefined): Atom[] => {
  const refuse = (why: string): never => {
    throw new ValidationFailed(`Invalid condition on ${field}: ${why}`, [field]);
  };
  const scalar = (value: unknown, allowNull: boolean): Scalar => {
    if (value === null) return allowNull ? null : refuse('a range bound cannot be null');
    if (!isScalarOfType(value, type)) return refuse(`expected a ${type}${allowNull ? ' or null' : ''}, got ${JSON.stringify(value) ?? typeof value}`);
    return value as Scalar;
  };
  if (condition === undefined) return refuse('no condition');
  if (condition === null || typeof condition !== 'object') return [{ key: field, op: 'eq', value: scalar(condition, true) }];
  if (Array.isArray(condition)) return refuse('use { $in: [...] } to match one of several values');
  const keys = Object.keys(condition);
  const unknown = keys.filter((k) => !OPERATORS.has(k));
  if (unknown.length > 0) refuse(`unknown operator ${unknown.join(', ')} (use $in, $ne, $gt, $gte, $lt, $lte)`);
  if (keys.length === 0) refuse('an empty condition');
  const atoms: Atom[] = [];
  const c = condition as Record<string, unknown>;
  if ('$in' in c) {
    const list = c.$in;
    if (!Array.isArray(list)) return refuse('$in takes an array');
    if (list.length > MAX_IN_VALUES) refuse(`$in takes at most ${MAX_IN_VALUES} values`);
    atoms.push({ key: field, op: 'in', values: list.map((v) => scalar(v, true)) });
  }
  if ('$ne' in c) atoms.push({ key: field, op: 'ne', value: scalar(c.$ne, true) });
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (`$${op}` in c) atoms.push({ key: field, op, value: scalar(c[`$${op}`], false) as string | number | boolean });
  }
  return atoms;
};

export const compileFind = (spec: CollectionSpec, options: FindOptions = {}): CompiledFind => {
  const filter = compileFilter(spec, options.filter);
  const sort = compileSort(spec, options.sort);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationFailed(`limit must be a whole number from 1 to ${MAX_LIMIT}`, ['limit']);
  }
  const after = options.after === undefined || options.after === null ? null : afterCondition(sort, decodeCursor(spec, sort, options.after));
  return { filter, after, sort, limit };
};

const compileSort = (spec: CollectionSpec, sort: FindOptions['sort']): SortKey[] => {
  const keys: SortKey[] = [];
  if (sort !== undefined && sort !== null) {
    if (!Array.isArray(sort)) throw new ValidationFailed('sort is a list of [field, direction]', ['sort']);
    const undeclared = sort.map((s) => (Array.isArray(s) ? s[0] : String(s))).filter((f) => !Object.prototype.hasOwnProperty.call(spec.fields, f));
    if (undeclared.length > 0) {
      throw new ValidationFailed(
        `Cannot sort ${spec.name} by ${undeclared.join(', ')}: sortable fields are ${Object.keys(spec.fields).join(', ') || '(none)'}`,
        undeclared,
      );
    }
    for (const [field, direction] of sort) {
      if (direction !== 'asc' && direction !== 'desc') throw new ValidationFailed(`Sort direction of ${field} must be asc or desc`, [field]);
      if (keys.some((k) => k.field === field)) throw new ValidationFailed(`${field} appears twice in sort`, [field]);
      keys.push({ field, direction });
    }
  }
  keys.push({ field: null, direction: keys.length > 0 ? keys[keys.length - 1].direction : 'asc' });
  return keys;
};

/* ------------------------------------------------------------------ cursors ------------------------------------------------------------------ */

/** The cursor of a document: base64url of the JSON array `[...sortKeyValues, id]`. */
export const encodeCursor = (sort: readonly SortKey[], id: string, doc: Readonly<Record<string, unknown>>, spec: CollectionSpec): string => {
  const values: unknown[] = sort.map((k) => (k.field === null ? id : fieldValueOrNull(doc, k.field, spec.fields[k.field])));
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
};

/** Like fieldValue but never throws (a stored document of a wrong type simply sorts as what it is). */
const fieldValueOrNull = (doc: Readonly<Record<string, unknown>>, field: string, type: FieldType): Scalar => {
  const v = doc[field];
  return v !== undefined && isScalarOfType(v, type) ? (v as Scalar) : null;
};

const decodeCursor = (spec: CollectionSpec, sort: readonly SortKey[], cursor: string): Scalar[] => {
  const invalid = (): never => {
    throw new ValidationFailed('Invalid cursor: pass the endCursor of a previous page of the same query', ['after']);
  };
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return invalid();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid();
  }
  if (!Array.isArray(values) || values.length !== sort.length) return invalid();
  const arr = values as unknown[];
  sort.forEach((k, i) => {
    const v = arr[i];
    if (k.field === null) {
      if (typeof v !== 'string' || v.length === 0) invalid();
    } else if (v !== null && !isScalarOfType(v, spec.fields[k.field])) invalid();
  });
  return arr as Scalar[];
};

/**
 * "Strictly after the cursor's document" in sort order, as a disjunction of conjunctions:
 * branch i says keys 0..i-1 equal the cursor's values and key i comes after its value.
 */
const afterCondition = (sort: readonly SortKey[], values: readonly Scalar[]): Atom[][] => {
  const branches: Atom[][] = [];
  for (let i = 0; i < sort.length; i++) {
    const { field, direction } = sort[i];
    const v = values[i];
    let step: Atom | null;
    if (direction === 'asc') step = v === null ? { key: field, op: 'notNull' } : { key: field, op: 'gt', value: v };
    else step = v === null ? null : field === null ? { key: field, op: 'lt', value: v } : { key: field, op: 'ltOrNull', value: v };
    if (step !== null) {
      const equalBefore: Atom[] = sort.slice(0, i).map((k, j) => ({ key: k.field, op: 'eq', value: values[j] }));
      branches.push([...equalBefore, step]);
    }
  }
  return branches;
};

/* ------------------------------------------------------------------ batches ------------------------------------------------------------------ */

const entriesOf = new WeakMap<CollectionSpec, ReadonlyArray<readonly [string, FieldType]>>();
/** `Object.entries(spec.fields)`, computed once per spec object. */
export const fieldEntries = (spec: CollectionSpec): ReadonlyArray<readonly [string, FieldType]> => {
  let entries = entriesOf.get(spec);
  if (!entries) {
    entries = Object.entries(spec.fields);
    entriesOf.set(spec, entries);
  }
  return entries;
};

export interface EncodedChange {
  readonly spec: CollectionSpec;
  readonly id: string;
  /** null: delete. */
  readonly doc: Readonly<Record<string, unknown>> | null;
  /** Values of the declared fields, in the order of Object.keys(spec.fields). */
  readonly values: readonly Scalar[];
}

/**
 * Checks every change of a batch before anything is written (so a bad change writes nothing) and keeps
 * only the last change of each document (the batch's final state is all that is stored).
 */
export const encodeChanges = (
  projection: string,
  changes: readonly DocumentChange[],
  specOf: (collection: string) => CollectionSpec,
): EncodedChange[] => {
  if (!Array.isArray(changes)) throw new ValidationFailed('changes must be an array', ['changes']);
  const last = new Map<string, EncodedChange>();
  changes.forEach((change, index) => {
    const spec = specOf(change.collection);
    if (spec.projection !== projection) {
      throw new Error(`Projection ${projection} cannot write collection ${spec.name}: it belongs to projection ${spec.projection}`);
    }
    if (typeof change.id !== 'string' || change.id.length === 0 || change.id.length > MAX_ID_LENGTH) {
      throw new ValidationFailed(`Change ${index} of ${spec.name}: a document id is a non-empty string of at most ${MAX_ID_LENGTH} characters`, ['id']);
    }
    let values: Scalar[] = [];
    if (change.doc !== null) {
      if (typeof change.doc !== 'object' || Array.isArray(change.doc)) {
        throw new ValidationFailed(`Change ${index} (${spec.name}/${change.id}): a document is an object or null`, ['doc']);
      }
      const doc = change.doc;
      try {
        values = fieldEntries(spec).map(([field, type]) => fieldValue(doc, field, type));
      } catch (e) {
        if (e instanceof ValidationFailed) {
          throw new ValidationFailed(`Change ${index} (${spec.name}/${change.id}): ${e.message}`, e.fields.map((f) => `${spec.name}.${f}`));
        }
        throw e;
      }
    }
    // Documents are independent: only each one's last change matters, not the order between them.
    last.set(`${spec.name}\u0000${change.id}`, { spec, id: change.id, doc: change.doc, values });
  });
  return [...last.values()];
};

export const unknownCollection = (name: string): Error =>
  new Error(`Unknown read-model collection ${JSON.stringify(name)}: call defineCollection first`);
