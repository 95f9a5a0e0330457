/**
 * List queries' paging (docs/api.md: `first` default 20, at most 100, and `after`; `{ nodes, totalCount,
 * pageInfo { endCursor, hasNextPage } }`), argument checks shared by the queries, and a helper that
 * reads every matching document in pages of 1000 for reports.
 */
import { isIsoDate, isIsoDateTime } from '../../domain/kernel/time';
import { ValidationFailed } from '../errors';
import type { Filter, FindOptions, Page, ReadModelReader } from '../ports/read-store';

export const DEFAULT_FIRST = 20;
export const MAX_FIRST = 100;
/** The read store's largest page, used when a report reads every matching document. */
export const SCAN_PAGE = 1000;

export interface PageInfo {
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export interface Connection<T> {
  readonly nodes: T[];
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
}

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** `first` as a page size: 20 when absent, VALIDATION_FAILED outside 0..100. */
export const pageSize = (first: number | null | undefined): number => {
  if (first === undefined || first === null) return DEFAULT_FIRST;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw new ValidationFailed(`first must be a whole number from 0 to ${MAX_FIRST}`, ['first']);
  }
  return first;
};

export const cursorArg = (after: string | null | undefined): string | undefined => {
  if (after === undefined || after === null) return undefined;
  if (typeof after !== 'string' || after.length === 0) throw new ValidationFailed('after must be the endCursor of a previous page', ['after']);
  return after;
};

/** One page of a collection as a connection, nodes mapped from documents. */
export const findConnection = async <D, T>(
  readStore: ReadModelReader,
  collection: string,
  options: { filter: Filter; sort?: FindOptions['sort'] } & PageArgs,
  toNode: (doc: D) => T,
): Promise<Connection<T>> => {
  const size = pageSize(options.first);
  const after = cursorArg(options.after);
  const page: Page<D> = await readStore.find<D>(collection, { filter: options.filter, sort: options.sort, limit: Math.max(size, 1), after });
  if (size === 0) return { nodes: [], totalCount: page.totalCount, pageInfo: { endCursor: after ?? null, hasNextPage: page.items.length > 0 } };
  return { nodes: page.items.map(toNode), totalCount: page.totalCount, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
};

/** Every document matching `filter`, read in pages of 1000. */
export const findAll = async <D>(readStore: ReadModelReader, collection: string, filter: Filter, sort?: FindOptions['sort']): Promise<D[]> => {
  const out: D[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await readStore.find<D>(collection, { filter, sort, limit: SCAN_PAGE, after });
    for (const item of page.items) out.push(item);
    if (!page.hasNextPage || page.endCursor === null) return out;
    after = page.endCursor;
  }
};

/* ------------------------------------------------------------------ in-memory paging ------------------------------------------------------------------ */

/** The cursor of an item in a list ordered by id: the same format the read store uses for an id-only sort. */
const idCursor = (id: string): string => Buffer.from(JSON.stringify([id]), 'utf8').toString('base64url');

const idFromCursor = (cursor: string): string => {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 1 && typeof values[0] === 'string') return values[0];
  } catch {
    // fall through
  }
  throw new ValidationFailed('Invalid cursor: pass the endCursor of a previous page of the same query', ['after']);
};

/** Pages a list already sorted by ascending id (e.g. communities by code after filtering in memory). */
export const pageByIdInMemory = <D extends { readonly id: string }, T>(items: readonly D[], args: PageArgs, toNode: (item: D) => T): Connection<T> => {
  const size = pageSize(args.first);
  const after = cursorArg(args.after);
  const start = after === undefined ? 0 : firstAfter(items, idFromCursor(after));
  const slice = items.slice(start, start + size);
  const last = slice.length > 0 ? slice[slice.length - 1] : null;
  return {
    nodes: slice.map(toNode),
    totalCount: items.length,
    pageInfo: { endCursor: last ? idCursor(last.id) : (after ?? null), hasNextPage: start + size < items.length },
  };
};

/** Index of the first item whose id sorts after `id` (code-point order, as the stores sort). */
const firstAfter = (items: readonly { readonly id: string }[], id: string): number => {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareCodePoints(items[mid].id, id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Compares strings by Unicode code point (UTF-8 byte order), as SQLite and MongoDB compare them. */
export const compareCodePoints = (a: string, b: string): number => {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
};

/* ------------------------------------------------------------------ argument checks ------------------------------------------------------------------ */

export const requireId = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 512) throw new ValidationFailed(`${field} must be a non-empty id`, [field]);
  return value;
};

export const optionalDate = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!isIsoDate(value)) throw new ValidationFailed(`${field} must be a real date YYYY-MM-DD`, [field]);
  return value;
};

export const requireDate = (value: unknown, field: string): string => {
  const date = optionalDate(value, field);
  if (date === undefined) throw new ValidationFailed(`${field} is required (YYYY-MM-DD)`, [field]);
  return date;
};

/** A date (YYYY-MM-DD, the whole Yerevan day) or an ISO date-time. */
export const optionalDateOrTime = (value: unknown, field: string): { date: string } | { instant: string } | undefined => {
  if (value === undefined || value === null) return undefined;
  if (isIsoDate(value)) return { date: value };
  if (isIsoDateTime(value)) return { instant: new Date(value).toISOString() };
  throw new ValidationFailed(`${field} must be a date YYYY-MM-DD or an ISO 8601 date-time`, [field]);
};

export const oneOf = <T extends string>(value: unknown, allowed: readonly T[], field: string): T | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationFailed(`${field} must be one of ${allowed.join(', ')}`, [field]);
  }
  return value as T;
};

export const optionalBoolean = (value: unknown, field: string): boolean | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ValidationFailed(`${field} must be true or false`, [field]);
  return value;
};

/** A date-field condition for an inclusive range; without bounds, "has a date". */
export const dateRange = (from: string | undefined, to: string | undefined): { $gte?: string; $lte?: string; $ne?: null } => {
  if (from !== undefined && to !== undefined && from > to) throw new ValidationFailed('from must not be after to', ['from', 'to']);
  if (from === undefined && to === undefined) return { $ne: null };
  return { ...(from !== undefined ? { $gte: from } : {}), ...(to !== undefined ? { $lte: to } : {}) };
};
