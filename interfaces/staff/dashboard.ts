/**
 * `/staff/dashboard`: the community's figures as the GraphQL `dashboard` and `transparencyReport` queries
 * serve them — open and overdue applications and complaints with their backlog by status, fees due and
 * overdue, receivable and collected — each linking into the inbox (or the receivables) filtered to the
 * cases behind it; and the last twelve months (decided, on time, collected) drawn by the public pages'
 * accessible SVG charts (interfaces/web/charts.ts), with the same numbers in a table beside them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../application/ports/event-store';
import type { Dashboard, TransparencyReport } from '../../application/queries/reports';
import { readsCommunityCases } from '../../application/read-policy';
import { CASE_REPORTS } from '../../projections/case-reports/schema';
import { barChart } from '../web/charts';
import { formatMonth } from '../web/i18n';
import { pageOutcomeOf } from './errors';
import { formatAmd, formatDate, translate, translateOr, type Lang } from './i18n';
import { queryParam, type PageQuery, type StaffPageContext } from './page-context';

const MONTHS = 12;

/** The YYYY-MM of the `count` months ending with `today`'s, oldest first. */
export const lastMonths = (today: string, count: number): string[] => {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
};

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

const inboxLink = (actor: Actor, communityId: string, params: Record<string, string>): string => {
  const search = new URLSearchParams({ ...(actor.communityId ? {} : { community: communityId }), ...params });
  return `/staff?${search.toString()}`;
};

const feesLink = (actor: Actor, communityId: string, overdue: boolean): string => {
  const search = new URLSearchParams({ ...(actor.communityId ? {} : { community: communityId }), ...(overdue ? { overdue: '1' } : {}) });
  const s = search.toString();
  return `/staff/fees${s ? `?${s}` : ''}`;
};

const dashboardView = (lang: Lang, actor: Actor, communityId: string, d: Dashboard, monthly: ReadonlyArray<{ month: string; report: TransparencyReport }>, today: string) => {
  const t = (key: string, values?: Record<string, string | number>) => translate(lang, key, values);
  const n = (value: number) => new Intl.NumberFormat(lang === 'hy' ? 'hy-AM' : 'en-GB').format(value);
  const months = monthly.map((m) => m.month);
  const charts = [
    barChart(lang, { id: 'chart-decided', title: t('dashChartDecided'), months, series: [{ label: t('colDecided'), values: monthly.map((m) => m.report.applicationsDecided) }] }),
    barChart(lang, {
      id: 'chart-on-time',
      title: t('dashChartOnTime'),
      months,
      percent: true,
      zeroIsData: true,
      series: [{ label: t('colOnTime'), values: monthly.map((m) => m.report.shareDecidedOnTime) }],
    }),
    barChart(lang, { id: 'chart-collected', title: t('dashChartCollected'), months, series: [{ label: t('colCollected'), values: monthly.map((m) => m.report.feesCollectedAmd) }] }),
  ].map((c) => c.value);
  return {
    communityId,
    asOfText: t('dashboardAsOf', { community: communityId, date: formatDate(lang, d.asOf || today) }),
    summary: [
      { label: t('dashOpenApplications'), value: n(d.applications.open), href: inboxLink(actor, communityId, { tab: 'all', kind: 'application' }) },
      { label: t('dashOverdueApplications'), value: n(d.applications.overdue), href: inboxLink(actor, communityId, { tab: 'overdue', kind: 'application' }), overdue: d.applications.overdue > 0 },
      { label: t('dashOpenComplaints'), value: n(d.complaints.open), href: inboxLink(actor, communityId, { tab: 'all', kind: 'complaint' }) },
      { label: t('dashOverdueComplaints'), value: n(d.complaints.overdue), href: inboxLink(actor, communityId, { tab: 'overdue', kind: 'complaint' }), overdue: d.complaints.overdue > 0 },
      { label: t('dashOpenFees'), value: n(d.fees.open), href: feesLink(actor, communityId, false) },
      { label: t('dashOverdueFees'), value: n(d.fees.overdue), href: feesLink(actor, communityId, true), overdue: d.fees.overdue > 0 },
      { label: t('dashReceivable'), value: formatAmd(d.fees.receivableAmd), href: feesLink(actor, communityId, false) },
      { label: t('dashOverdueAmd'), value: formatAmd(d.fees.overdueAmd), href: feesLink(actor, communityId, true), overdue: d.fees.overdueAmd > 0 },
      { label: t('dashCollected'), value: formatAmd(d.fees.collectedAmd), note: t('dashPaidRefunded', { paid: formatAmd(d.fees.paidAmd), refunded: formatAmd(d.fees.refundedAmd) }) },
    ],
    backlogs: [
      {
        id: 'backlog-applications',
        caption: t('dashBacklogApplications'),
        rows: d.applications.backlog
          .filter((b) => b.count > 0)
          .map((b) => ({ status: translateOr(lang, `status.application.${b.status}`, b.status), count: n(b.count), href: inboxLink(actor, communityId, { tab: 'all', kind: 'application', status: b.status }) })),
      },
      {
        id: 'backlog-complaints',
        caption: t('dashBacklogComplaints'),
        rows: d.complaints.backlog
          .filter((b) => b.count > 0)
          .map((b) => ({ status: translateOr(lang, `status.complaint.${b.status}`, b.status), count: n(b.count), href: inboxLink(actor, communityId, { tab: 'all', kind: 'complaint', status: b.status }) })),
      },
    ],
    charts,
    monthlyRows: monthly.map((m) => ({
      month: formatMonth(lang, m.month, 'long'),
      decided: n(m.report.applicationsDecided),
      onTime: m.report.shareDecidedOnTime === null ? '—' : `${m.report.shareDecidedOnTime}%`,
      collected: formatAmd(m.report.feesCollectedAmd),
    })),
  };
};

export const registerDashboard = (scope: FastifyInstance, context: StaffPageContext): void => {
  scope.get('/staff/dashboard', async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = context.langOf(request);
    const actor = await context.personOf(request, reply, lang);
    if (!actor) return reply;
    const communityId = actor.communityId ?? (queryParam((request.query ?? {}) as PageQuery, 'community', 64) || null);
    try {
      if (!communityId) return await context.render(request, reply, 200, 'dashboard.njk', lang, actor, 'dashboard', { title: translate(lang, 'dashboardTitle'), needsCommunity: true });
      if (!readsCommunityCases(actor, communityId)) return await context.notFound(request, reply, lang, actor);
      await context.afterOwnWrites(actor, [CASE_REPORTS]);
      const today = context.today();
      const months = lastMonths(today, MONTHS);
      const [dashboard, ...reports] = await Promise.all([
        context.deps.queries.dashboard(communityId),
        ...months.map((month, i) => context.deps.queries.transparencyReport({ communityId, from: `${month}-01`, to: i === months.length - 1 ? today : lastDayOf(month) })),
      ]);
      const monthly = months.map((month, i) => ({ month, report: reports[i] as TransparencyReport }));
      return await context.render(request, reply, 200, 'dashboard.njk', lang, actor, 'dashboard', {
        title: translate(lang, 'dashboardTitle'),
        needsCommunity: false,
        ...dashboardView(lang, actor, communityId, dashboard as Dashboard, monthly, today),
      });
    } catch (error) {
      return context.failure(request, reply, lang, actor, pageOutcomeOf(error), error);
    }
  });
};
