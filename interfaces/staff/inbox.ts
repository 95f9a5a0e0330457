/**
 * The inbox's data: the community's worklist (application/queries/worklist.ts) for the tab, filters,
 * search, sort and page the URL names — all state lives in the URL, so a view can be bookmarked and the
 * browser's back button keeps it. Each row's deadline is told as text and tone.
 */
import type { Actor } from '../../application/ports/event-store';
import type { Queries, WorklistTab } from '../../application/queries';
import { decideRead } from '../../application/read-policy';
import { WORKLIST_SORT_FIELDS, WORKLIST_TABS, type WorklistSortField } from '../../application/queries/worklist';
import { WORKLIST_KINDS } from '../../application/queries/read-models';
import { isIsoDate } from '../../domain/kernel/time';
import { APPLICATION_STATUSES } from '../../domain/service-application/state';
import { COMPLAINT_STATUSES, FEE_STATUSES } from '../../application/queries/cases';
import { assignableStaff } from './staff-choices';
import { deadlineOf, formatShortDate, translate, translateOr, type Lang } from './i18n';

type Query = Record<string, unknown>;

const param = (query: Query, name: string, max = 200): string => {
  const value = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};

export interface InboxQuery {
  readonly communityId: string | null;
  readonly tab: WorklistTab;
  readonly kind: string;
  readonly status: string;
  readonly service: string;
  readonly assignee: string;
  readonly from: string;
  readonly to: string;
  readonly q: string;
  readonly sort: WorklistSortField | '';
  readonly order: 'asc' | 'desc' | '';
  readonly after: string;
}

/** The inbox's state from the URL; anything not understood is left out (the page then shows the default). */
export const inboxQueryOf = (query: Query, actor: Actor): InboxQuery => {
  const tab = param(query, 'tab');
  const sort = param(query, 'sort');
  const order = param(query, 'order');
  const kind = param(query, 'kind');
  const from = param(query, 'from');
  const to = param(query, 'to');
  return {
    communityId: actor.communityId ?? (param(query, 'community', 64) || null),
    tab: (WORKLIST_TABS as readonly string[]).includes(tab) ? (tab as WorklistTab) : actor.role === 'staff' || actor.role === 'head' ? 'mine' : 'all',
    kind: (WORKLIST_KINDS as readonly string[]).includes(kind) ? kind : '',
    status: param(query, 'status', 64),
    service: param(query, 'service', 64),
    assignee: param(query, 'assignee'),
    from: isIsoDate(from) ? from : '',
    to: isIsoDate(to) ? to : '',
    q: param(query, 'q'),
    sort: (WORKLIST_SORT_FIELDS as readonly string[]).includes(sort) ? (sort as WorklistSortField) : '',
    order: order === 'asc' || order === 'desc' ? order : '',
    after: param(query, 'after'),
  };
};

/** The inbox URL for `query` with `changes` (a changed tab, filter or sort starts again at the first page). */
export const inboxHref = (query: InboxQuery, changes: Partial<InboxQuery>): string => {
  const next = { ...query, after: '', ...changes };
  const params = new URLSearchParams();
  const entries: Array<[string, string | null]> = [
    ['tab', next.tab],
    ['kind', next.kind],
    ['status', next.status],
    ['service', next.service],
    ['assignee', next.assignee],
    ['from', next.from],
    ['to', next.to],
    ['q', next.q],
    ['sort', next.sort],
    ['order', next.order],
    ['after', next.after],
  ];
  for (const [k, v] of entries) if (v) params.set(k, v);
  const s = params.toString();
  return `/staff${s ? `?${s}` : ''}`;
};

const caseHref = (kind: string, id: string): string => `/staff/${kind === 'application' ? 'applications' : kind === 'fee' ? 'fees' : `${kind}s`}/${encodeURIComponent(id)}`;

const statusText = (lang: Lang, kind: string, status: string): string => translateOr(lang, `status.${kind}.${status}`, status);

/** The statuses a row of each kind can have: the status filter's choices, grouped by kind. */
const STATUSES_OF_KIND: Readonly<Record<(typeof WORKLIST_KINDS)[number], readonly string[]>> = {
  application: APPLICATION_STATUSES,
  fee: FEE_STATUSES,
  complaint: COMPLAINT_STATUSES,
};

interface FilterOption {
  readonly value: string;
  readonly text: string;
  readonly selected: boolean;
}

/**
 * The filters' choices from data: the statuses of each kind (only the chosen kind's when one is chosen),
 * the community's services, its staff from the directory. A value in the URL the data does not list (a
 * service withdrawn since, someone dismissed) stays a choice, so the page never drops a filter it applies.
 */
const filterChoices = async (queries: Queries, lang: Lang, query: InboxQuery, communityId: string) => {
  const [community, staff] = await Promise.all([queries.community(communityId), assignableStaff({ queries }, communityId)]);
  const keep = (options: FilterOption[], value: string): FilterOption[] =>
    value && !options.some((o) => o.value === value) ? [...options, { value, text: value, selected: true }] : options;
  const kinds = query.kind ? [query.kind as (typeof WORKLIST_KINDS)[number]] : WORKLIST_KINDS;
  let statusChosen = false;
  const statusGroups = kinds.map((kind) => ({
    label: translateOr(lang, `kind.${kind}`, kind),
    options: STATUSES_OF_KIND[kind].map((status) => {
      // A status several kinds share is marked chosen once.
      const selected = !statusChosen && status === query.status;
      if (selected) statusChosen = true;
      return { value: status, text: statusText(lang, kind, status), selected };
    }),
  }));
  if (query.status && !statusChosen) statusGroups.push({ label: query.status, options: [{ value: query.status, text: query.status, selected: true }] });
  const services = keep(
    (community?.services ?? []).map((s) => ({ value: s.code, text: `${lang === 'hy' ? s.nameHy : s.nameEn} (${s.code})`, selected: s.code === query.service })),
    query.service,
  );
  const assignees = keep(
    staff.map((p) => ({ value: p.value, text: p.text, selected: p.value === query.assignee })),
    query.assignee,
  );
  return { statusGroups, services, assignees, names: new Map(staff.map((p) => [p.value, p.text])) };
};

export const loadInbox = async (queries: Queries, actor: Actor, query: InboxQuery, lang: Lang, today: string) => {
  const t = (key: string, values?: Record<string, string | number>) => translate(lang, key, values);
  if (!query.communityId) return { needsCommunity: true, query };
  const decision = decideRead(actor, { kind: 'worklist', communityId: query.communityId });
  if (!decision.allowed) throw decision.refusal;
  const sortField: WorklistSortField = query.sort || (query.tab === 'all' ? 'updatedAt' : 'dueOn');
  const direction = query.order || (query.sort ? 'asc' : query.tab === 'all' ? 'desc' : 'asc');
  const choices = await filterChoices(queries, lang, query, query.communityId);
  const nameOf = (id: string) => choices.names.get(id) ?? id;
  const list = await queries.worklist(
    query.communityId,
    {
      tab: query.tab,
      kind: (query.kind || null) as never,
      status: query.status || null,
      serviceCode: query.service || null,
      assigneeId: query.assignee || null,
      from: query.from || null,
      to: query.to || null,
      search: query.q || null,
      sort: { field: sortField, direction },
      first: 25,
      after: query.after || null,
    },
    actor.id,
  );
  const column = (field: WorklistSortField, label: string) => {
    const active = sortField === field;
    const nextOrder = active && direction === 'asc' ? 'desc' : 'asc';
    return {
      label,
      href: inboxHref(query, { sort: field, order: nextOrder }),
      ariaSort: active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none',
      sortLabel: t('sortBy', { column: label }),
    };
  };
  return {
    needsCommunity: false,
    query,
    communityId: query.communityId,
    tabs: WORKLIST_TABS.map((tab) => ({ tab, label: t(`tab.${tab}`), count: list.counts[tab], href: inboxHref(query, { tab }), current: tab === query.tab })),
    total: list.totalCount,
    totalText: t('casesCount', { n: list.totalCount }),
    searchTruncated: list.searchTruncated,
    columns: { createdAt: column('createdAt', t('colSubmitted')), dueOn: column('dueOn', t('colDeadline')), updatedAt: column('updatedAt', t('colStatus')) },
    kinds: WORKLIST_KINDS.map((k) => ({ value: k, text: translateOr(lang, `kind.${k}`, k), selected: k === query.kind })),
    statusGroups: choices.statusGroups,
    services: choices.services,
    assignees: choices.assignees,
    rows: list.nodes.map((item) => {
      const deadline = deadlineOf(lang, today, item.dueOn, item.open);
      return {
        href: caseHref(item.kind, item.caseId),
        reference: item.registrationNumber ?? item.trackingCode ?? item.caseId.slice(-8),
        kindText: translateOr(lang, `kind.${item.kind}`, item.kind),
        subject: item.subject,
        party: item.partyName ?? '',
        statusText: statusText(lang, item.kind, item.status),
        assignee: item.assigneeId === null ? (item.kind === 'fee' ? '' : t('unassigned')) : item.assigneeId === actor.id ? `${nameOf(item.assigneeId)} (${t('me')})` : nameOf(item.assigneeId),
        created: formatShortDate(lang, item.createdAt),
        deadline,
        dueOn: formatShortDate(lang, item.dueOn),
      };
    }),
    next: list.pageInfo.hasNextPage && list.pageInfo.endCursor ? inboxHref(query, { after: list.pageInfo.endCursor, tab: query.tab }) : null,
    first: query.after ? inboxHref(query, { tab: query.tab }) : null,
    clearHref: inboxHref({ ...query, kind: '', status: '', service: '', assignee: '', from: '', to: '', q: '' }, {}),
  };
};
