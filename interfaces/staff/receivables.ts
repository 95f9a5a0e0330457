/** The receivables list: the community's fees (newest first), optionally only the overdue ones or one status. */
import type { Actor } from '../../application/ports/event-store';
import type { Queries } from '../../application/queries';
import { FEE_STATUSES } from '../../application/queries/cases';
import { decideRead } from '../../application/read-policy';
import type { FeeStatus } from '../../domain/fee/state';
import { deadlineOf, formatAmd, formatDate, translate, type Lang } from './i18n';

type Query = Record<string, unknown>;

const param = (query: Query, name: string): string => {
  const value = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
};

export interface ReceivablesQuery {
  readonly communityId: string | null;
  readonly overdue: boolean;
  readonly status: FeeStatus | '';
  readonly after: string;
}

export const receivablesQueryOf = (query: Query, actor: Actor): ReceivablesQuery => {
  const status = param(query, 'status');
  return {
    communityId: actor.communityId ?? (param(query, 'community') || null),
    overdue: param(query, 'overdue') === '1',
    status: (FEE_STATUSES as readonly string[]).includes(status) ? (status as FeeStatus) : '',
    after: param(query, 'after'),
  };
};

const hrefOf = (q: ReceivablesQuery, after = ''): string => {
  const params = new URLSearchParams();
  if (q.overdue) params.set('overdue', '1');
  if (q.status) params.set('status', q.status);
  if (after) params.set('after', after);
  const s = params.toString();
  return `/staff/fees${s ? `?${s}` : ''}`;
};

export const loadReceivables = async (queries: Queries, actor: Actor, query: ReceivablesQuery, lang: Lang, today: string) => {
  if (!query.communityId) return { needsCommunity: true, query };
  const decision = decideRead(actor, { kind: 'community-cases', communityId: query.communityId, what: 'the fees' });
  if (!decision.allowed) throw decision.refusal;
  const list = await queries.fees({ communityId: query.communityId, status: query.status || null, overdue: query.overdue ? true : null, first: 25, after: query.after || null });
  return {
    needsCommunity: false,
    query,
    totalText: translate(lang, 'casesCount', { n: list.totalCount }),
    statuses: FEE_STATUSES.map((s) => ({ value: s, text: translate(lang, `status.fee.${s}`), selected: s === query.status })),
    rows: list.nodes.map((f) => ({
      href: `/staff/fees/${encodeURIComponent(f.id)}`,
      code: f.code,
      payer: f.payerName,
      amount: formatAmd(f.amountAmd),
      balance: formatAmd(f.balanceAmd),
      statusText: translate(lang, `status.fee.${f.status}`),
      dueOn: formatDate(lang, f.dueOn),
      deadline: deadlineOf(lang, today, f.dueOn, f.status === 'due' || f.status === 'partially-paid'),
    })),
    next: list.pageInfo.hasNextPage && list.pageInfo.endCursor ? hrefOf(query, list.pageInfo.endCursor) : null,
    first: query.after ? hrefOf(query) : null,
  };
};
