/**
 * `worklist`: the staff inbox of a community (docs/api.md "worklist"), read from the `worklist` read model
 * (projections/worklist/schema.ts). Authorization is the caller's (read-policy.ts, target `worklist`).
 *
 * Tabs (each open work only, except `all`):
 * - `mine`: applications and complaints assigned to the viewer;
 * - `unassigned`: applications and complaints nobody is assigned to;
 * - `awaiting`: applications waiting for the resident's information;
 * - `overdue`: applications, fees and complaints due before today (Asia/Yerevan);
 * - `all`: every case of the community, closed ones included.
 *
 * How each read stays one index range (the store answers a query from one index): the tab is the
 * condition on a key that joins the community with the tab (`queueKey`, `awaitingKey`, `openDueKey`, or for
 * `all` the community-prefixed field of the chosen sort, which then also gives the order). The other
 * filters are written as ranges of one value (`{ $gte: v, $lte: v }`), which select exactly the equal
 * values but never look narrower to SQLite's planner than the tab's key, so the tab's index keeps driving
 * the query. Tab counts are counts of one key each (index-only), and "all" is the community's count kept by
 * the projection (`worklistCounts`), which is also the unfiltered "all" tab's total, so its page is read
 * without counting 10^5 entries again (`findPage`). A search is one prefix range per search
 * key (registration number, tracking code, name, family name, subject), at most SEARCH_PER_KEY rows each,
 * merged by case id and then filtered, sorted and paged like the list.
 */
import { APPLICATION_STATUSES } from '../../domain/service-application/state';
import { ValidationFailed } from '../errors';
import type { Filter, Page, ReadModelReader } from '../ports/read-store';
import { COMPLAINT_STATUSES, FEE_STATUSES } from './cases';
import { cursorArg, oneOf, optionalDate, pageSize, requireId, type Connection, type PageArgs } from './paging';
import {
  COLLECTIONS,
  KEY_END,
  PREFIX_END,
  WORKLIST_KINDS,
  communityKey,
  searchFold,
  type WorklistCountsDoc,
  type WorklistDoc,
  type WorklistKind,
  type WorklistRow,
} from './read-models';

export const WORKLIST_TABS = ['mine', 'unassigned', 'awaiting', 'overdue', 'all'] as const;
export type WorklistTab = (typeof WORKLIST_TABS)[number];
export const WORKLIST_SORT_FIELDS = ['dueOn', 'createdAt', 'updatedAt'] as const;
export type WorklistSortField = (typeof WORKLIST_SORT_FIELDS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** Rows each search key contributes at most; beyond it the answer says `searchTruncated`. */
export const SEARCH_PER_KEY = 100;
export const MAX_SEARCH_LENGTH = 200;
const MAX_CODE_LENGTH = 200;

const STATUSES_OF: Readonly<Record<WorklistKind, readonly string[]>> = { application: APPLICATION_STATUSES, fee: FEE_STATUSES, complaint: COMPLAINT_STATUSES };
const ANY_STATUS: readonly string[] = [...new Set(Object.values(STATUSES_OF).flat())];

export interface WorklistSort {
  readonly field: WorklistSortField;
  readonly direction?: 'asc' | 'desc' | null;
}

export interface WorklistArgs extends PageArgs {
  /** Default `mine`. */
  readonly tab?: WorklistTab | null;
  readonly kind?: WorklistKind | null;
  readonly status?: string | null;
  /** An application's service code, a fee's code or a complaint's category. */
  readonly serviceCode?: string | null;
  readonly assigneeId?: string | null;
  /** Created (submitted, assessed, filed) on or after / on or before this Yerevan date. */
  readonly from?: string | null;
  readonly to?: string | null;
  /** A prefix of a registration number (with or without the community), tracking code, name, family name or subject. */
  readonly search?: string | null;
  /** Default: due date, soonest first; in `all`, last change, newest first. */
  readonly sort?: WorklistSort | null;
}

/** A row as the API shows it: the stored row and what depends on today. */
export interface WorklistItem extends WorklistRow {
  /** Open and due before today. */
  readonly overdue: boolean;
  /** Calendar days from today to the due date (negative once overdue); null once the case is closed. */
  readonly daysUntilDue: number | null;
}

export interface WorklistTabCounts {
  readonly mine: number;
  readonly unassigned: number;
  readonly awaiting: number;
  readonly overdue: number;
  readonly all: number;
}

export interface Worklist extends Connection<WorklistItem> {
  readonly communityId: string;
  readonly tab: WorklistTab;
  /** Today in Asia/Yerevan: what `overdue` and `daysUntilDue` count from. */
  readonly asOf: string;
  /** Each tab's size for the tab labels (the community's, without the filters and search). */
  readonly counts: WorklistTabCounts;
  /** A search key matched more than SEARCH_PER_KEY cases: only the first ones (by that key) are in the list. */
  readonly searchTruncated: boolean;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const itemOf =
  (today: string) =>
  (doc: WorklistDoc): WorklistItem => ({
    caseId: doc.caseId,
    kind: doc.kind,
    communityId: doc.communityId,
    status: doc.status,
    open: doc.open,
    assigneeId: doc.assigneeId,
    awaitingInformation: doc.awaitingInformation,
    dueOn: doc.dueOn,
    openDueOn: doc.openDueOn,
    categoryCode: doc.categoryCode,
    serviceNameHy: doc.serviceNameHy,
    serviceNameEn: doc.serviceNameEn,
    registrationNumber: doc.registrationNumber,
    trackingCode: doc.trackingCode,
    partyId: doc.partyId,
    partyName: doc.partyName,
    subject: doc.subject,
    createdAt: doc.createdAt,
    createdOn: doc.createdOn,
    updatedAt: doc.updatedAt,
    revision: doc.revision,
    overdue: doc.open && doc.dueOn < today,
    daysUntilDue: doc.open ? daysBetween(today, doc.dueOn) : null,
  });

/** Exactly `value`, as a range (see the module comment: it must not outrank the tab's key). */
const only = (value: string): Filter[string] => ({ $gte: value, $lte: value });
/** Every key of the community: `<community>|…`. */
const ofCommunity = (communityId: string): Filter[string] => ({ $gte: communityKey(communityId, ''), $lt: `${communityId}${KEY_END}` });
/** Every value starting with `prefix`. */
const startingWith = (prefix: string): Filter[string] => ({ $gte: prefix, $lt: `${prefix}${PREFIX_END}` });

const COMMUNITY_SORT_FIELD: Readonly<Record<WorklistSortField, string>> = { dueOn: 'communityDueOn', createdAt: 'communityCreatedAt', updatedAt: 'communityUpdatedAt' };

const optionalText = (value: unknown, field: string, max: number): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) throw new ValidationFailed(`${field} must be non-empty text of at most ${max} characters`, [field]);
  return value.trim();
};

const sortArg = (sort: unknown, tab: WorklistTab): { field: WorklistSortField; direction: 'asc' | 'desc' } => {
  if (sort === undefined || sort === null) return tab === 'all' ? { field: 'updatedAt', direction: 'desc' } : { field: 'dueOn', direction: 'asc' };
  if (typeof sort !== 'object') throw new ValidationFailed('sort is { field, direction }', ['sort']);
  const s = sort as { field?: unknown; direction?: unknown };
  const field = oneOf<WorklistSortField>(s.field, WORKLIST_SORT_FIELDS, 'sort.field');
  if (field === undefined) throw new ValidationFailed(`sort.field must be one of ${WORKLIST_SORT_FIELDS.join(', ')}`, ['sort.field']);
  return { field, direction: oneOf(s.direction, SORT_DIRECTIONS, 'sort.direction') ?? 'asc' };
};

export const createWorklistQueries = (readStore: ReadModelReader) => {
  const collection = COLLECTIONS.worklist;

  /** The tab as the condition on its key. */
  const tabFilter = (tab: WorklistTab, communityId: string, viewerId: string | null, today: string, sortField: WorklistSortField): Filter => {
    switch (tab) {
      case 'mine':
        // A caller without a personal id has nothing assigned to them: `<community>}` is a key no row has.
        return { queueKey: viewerId === null || viewerId === '' ? `${communityId}${KEY_END}` : communityKey(communityId, viewerId) };
      case 'unassigned':
        return { queueKey: communityKey(communityId, '') };
      case 'awaiting':
        return { awaitingKey: communityId };
      case 'overdue':
        return { openDueKey: { $gte: communityKey(communityId, ''), $lt: communityKey(communityId, today) } };
      case 'all':
        return { [COMMUNITY_SORT_FIELD[sortField]]: ofCommunity(communityId) };
    }
  };

  const sortOf = (tab: WorklistTab, field: WorklistSortField, direction: 'asc' | 'desc'): ReadonlyArray<readonly [string, 'asc' | 'desc']> => {
    if (tab === 'all') return [[COMMUNITY_SORT_FIELD[field], direction]];
    // Within one community, openDueKey orders as the due date: the overdue range's own index gives the order.
    if (tab === 'overdue' && field === 'dueOn') return [['openDueKey', direction]];
    return [[field, direction]];
  };

  const counts = async (communityId: string, viewerId: string | null, today: string): Promise<WorklistTabCounts> => {
    const count = (tab: Exclude<WorklistTab, 'all'>) => readStore.count(collection, tabFilter(tab, communityId, viewerId, today, 'dueOn'));
    const [mine, unassigned, awaiting, overdue, summary] = await Promise.all([
      count('mine'),
      count('unassigned'),
      count('awaiting'),
      count('overdue'),
      readStore.get<WorklistCountsDoc>(COLLECTIONS.worklistCounts, communityId),
    ]);
    return { mine, unassigned, awaiting, overdue, all: summary?.cases ?? 0 };
  };

  /** The case ids a search matches: one prefix range per search key, merged. */
  const searchMatches = async (communityId: string, search: string): Promise<{ caseIds: string[]; truncated: boolean }> => {
    const q = searchFold(search);
    const c = searchFold(communityId);
    const ranges: Array<[field: string, prefix: string]> = [
      ['registrationKey', communityKey(communityId, q)],
      // "2025/17" finds "<community>/2025/17"; numbers of before the journal are "<community>-<year>-…".
      ['registrationKey', communityKey(communityId, `${c}/${q}`)],
      ['registrationKey', communityKey(communityId, `${c}-${q}`)],
      ['trackingKey', communityKey(communityId, q)],
      ['partyKey', communityKey(communityId, q)],
      ['partyFamilyKey', communityKey(communityId, q)],
      ['subjectKey', communityKey(communityId, q)],
    ];
    const pages = await Promise.all(
      ranges.map(([field, prefix]) => readStore.find<WorklistDoc>(collection, { filter: { [field]: startingWith(prefix) }, sort: [[field, 'asc']], limit: SEARCH_PER_KEY })),
    );
    const caseIds = new Set<string>();
    for (const page of pages) for (const doc of page.items) caseIds.add(doc.caseId);
    return { caseIds: [...caseIds], truncated: pages.some((p) => p.hasNextPage) };
  };

  return {
    async worklist(communityIdArg: string, args: WorklistArgs, today: string, viewerId: string | null): Promise<Worklist> {
      const communityId = requireId(communityIdArg, 'communityId');
      const tab = oneOf<WorklistTab>(args.tab, WORKLIST_TABS, 'tab') ?? 'mine';
      const kind = oneOf<WorklistKind>(args.kind, WORKLIST_KINDS, 'kind');
      const status = oneOf<string>(args.status, kind === undefined ? ANY_STATUS : STATUSES_OF[kind], 'status');
      const serviceCode = optionalText(args.serviceCode, 'serviceCode', MAX_CODE_LENGTH);
      const assigneeId = args.assigneeId === undefined || args.assigneeId === null ? undefined : requireId(args.assigneeId, 'assigneeId');
      const from = optionalDate(args.from, 'from');
      const to = optionalDate(args.to, 'to');
      if (from !== undefined && to !== undefined && from > to) throw new ValidationFailed('from must not be after to', ['from', 'to']);
      const search = optionalText(args.search, 'search', MAX_SEARCH_LENGTH);
      const sort = sortArg(args.sort, tab);
      const size = pageSize(args.first);
      const after = cursorArg(args.after);

      const filter: Record<string, Filter[string]> = { ...tabFilter(tab, communityId, viewerId, today, sort.field) };
      if (kind !== undefined) filter.kind = only(kind);
      if (status !== undefined) filter.status = only(status);
      if (serviceCode !== undefined) filter.categoryCode = only(serviceCode);
      if (assigneeId !== undefined) filter.assigneeId = only(assigneeId);
      if (from !== undefined || to !== undefined) filter.createdOn = { ...(from !== undefined ? { $gte: from } : {}), ...(to !== undefined ? { $lte: to } : {}) };

      let searchTruncated = false;
      if (search !== undefined) {
        const matches = await searchMatches(communityId, search);
        searchTruncated = matches.truncated;
        if (matches.caseIds.length === 0) {
          return { communityId, tab, asOf: today, nodes: [], totalCount: 0, pageInfo: { endCursor: after ?? null, hasNextPage: false }, counts: await counts(communityId, viewerId, today), searchTruncated };
        }
        filter.caseId = { $in: matches.caseIds };
      }

      const options = { filter, sort: sortOf(tab, sort.field, sort.direction), limit: Math.max(size, 1), after };
      // The whole "all" tab's size is the community's count kept by the projection: its page is not counted again.
      const whole = tab === 'all' && Object.keys(filter).length === 1;
      const [found, tabCounts] = await Promise.all([whole ? readStore.findPage<WorklistDoc>(collection, options) : readStore.find<WorklistDoc>(collection, options), counts(communityId, viewerId, today)]);
      const page = { ...found, totalCount: 'totalCount' in found ? (found as Page<WorklistDoc>).totalCount : tabCounts.all };
      const connection: Connection<WorklistItem> =
        size === 0
          ? { nodes: [], totalCount: page.totalCount, pageInfo: { endCursor: after ?? null, hasNextPage: page.items.length > 0 } }
          : { nodes: page.items.map(itemOf(today)), totalCount: page.totalCount, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
      return { communityId, tab, asOf: today, ...connection, counts: tabCounts, searchTruncated };
    },
  };
};

export type WorklistQueries = ReturnType<typeof createWorklistQueries>;
