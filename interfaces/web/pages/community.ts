/**
 * A community's page (`/c/<communityId>`): facts, the service catalogue with fees and deadlines, the legal
 * acts in force with the history of their texts, application and complaint statistics (all time, the last
 * twelve months, by month with charts of volumes, processing times and the on-time share), and the
 * citizen service office.
 */
import { barChart } from '../charts';
import { html, type Html } from '../html';
import {
  editionLabel,
  formatDate,
  formatList,
  formatNumber,
  issuerLabel,
  issuesLabel,
  kindLabel,
  nameIn,
  provinceLabel,
  resolutionLabel,
  statusLabel,
  t,
  titleIn,
  type Lang,
} from '../i18n';
import type { Table } from '../table';
import type { ActSummary, CommunityPageData } from '../types';
import { periodParams, tableHtml, transparencyTables, type Page, type PageContext } from './common';

export const communityPath = (communityId: string): string => `/c/${encodeURIComponent(communityId)}`;
export const actPath = (communityId: string, actId: string): string => `${communityPath(communityId)}/acts/${encodeURIComponent(actId)}`;

/** One row per month of the period, from the month's transparency report. */
export const monthlyRows = (data: CommunityPageData) =>
  data.monthly.map((m) => ({
    month: m.month,
    decided: m.decidedApplications,
    medianDays: m.medianProcessingDays,
    p90Days: m.p90ProcessingDays,
    onTimeShare: m.shareDecidedOnTime,
  }));

const actLabel = (lang: Lang, act: { number: string | null; titleHy: string; titleEn?: string | null }): string =>
  act.number ? `№ ${act.number} ${titleIn(lang, act)}` : titleIn(lang, act);

export const communityTables = (lang: Lang, data: CommunityPageData): Table[] => {
  const { site } = data;
  const id = site.community.id;
  const apps = site.statistics.applications;
  const complaints = site.statistics.complaints;
  const actsById = new Map<string, ActSummary>(site.actsInForce.map((a) => [a.id, a]));
  const monthly = monthlyRows(data);
  const period = periodParams(lang, data.period);
  const services: Table = {
    id: 'services',
    caption: t(lang, 'servicesCaption'),
    rowHeader: 'name',
    columns: [
      { key: 'code', label: t(lang, 'colCode'), kind: 'code' },
      { key: 'name', label: t(lang, 'colService'), kind: 'text' },
      { key: 'feeAmd', label: t(lang, 'colFeeAmd'), kind: 'amd' },
      { key: 'deadlineDays', label: t(lang, 'colDeadlineDays'), kind: 'int' },
      { key: 'issues', label: t(lang, 'colIssues'), kind: 'text' },
    ],
    rows: site.services.map((s) => ({
      cells: { code: s.code, name: nameIn(lang, s), feeAmd: s.feeAmd, deadlineDays: s.deadlineDays, issues: issuesLabel(lang, s.issues) },
    })),
  };
  const acts: Table = {
    id: 'acts',
    caption: t(lang, 'actsCaption', { date: formatDate(lang, data.today) }),
    rowHeader: 'title',
    columns: [
      { key: 'number', label: t(lang, 'colActNumber'), kind: 'code' },
      { key: 'title', label: t(lang, 'colActTitle'), kind: 'text' },
      { key: 'issuer', label: t(lang, 'colIssuer'), kind: 'text' },
      { key: 'version', label: t(lang, 'colVersion'), kind: 'int' },
      { key: 'effectiveFrom', label: t(lang, 'colInForceFrom'), kind: 'date' },
    ],
    rows: site.actsInForce.map((a) => ({
      cells: { number: a.number, title: titleIn(lang, a), issuer: a.issuer ? issuerLabel(lang, a.issuer) : null, version: a.version, effectiveFrom: a.effectiveFrom },
      links: { title: actPath(id, a.id) },
    })),
  };
  const upcoming: Table = {
    id: 'acts-upcoming',
    caption: t(lang, 'actsUpcomingCaption'),
    rowHeader: 'title',
    columns: [
      { key: 'number', label: t(lang, 'colActNumber'), kind: 'code' },
      { key: 'title', label: t(lang, 'colActTitle'), kind: 'text' },
      { key: 'issuer', label: t(lang, 'colIssuer'), kind: 'text' },
      { key: 'effectiveFrom', label: t(lang, 'colEntryIntoForce'), kind: 'date' },
    ],
    rows: (site.upcomingActs ?? []).map((a) => ({
      cells: { number: a.number, title: titleIn(lang, a), issuer: a.issuer ? issuerLabel(lang, a.issuer) : null, effectiveFrom: a.effectiveFrom },
      links: { title: actPath(id, a.id) },
    })),
  };
  const history: Table = {
    id: 'acts-history',
    caption: t(lang, 'actsHistoryCaption'),
    rowHeader: 'title',
    columns: [
      { key: 'number', label: t(lang, 'colActNumber'), kind: 'code' },
      { key: 'title', label: t(lang, 'colActTitle'), kind: 'text' },
      { key: 'version', label: t(lang, 'colVersion'), kind: 'int' },
      { key: 'effectiveFrom', label: t(lang, 'colInForceFrom'), kind: 'date' },
      { key: 'amendingAct', label: t(lang, 'colAmendingAct'), kind: 'text' },
    ],
    rows: site.actsInForce.flatMap((a) =>
      [...a.history]
        .sort((x, y) => x.version - y.version)
        .map((v) => {
          const amending = v.amendingActId ? actsById.get(v.amendingActId) : undefined;
          const links: Record<string, string> = { title: `${actPath(id, a.id)}${v.effectiveFrom ? `?asOf=${v.effectiveFrom}` : ''}` };
          if (v.amendingActId) links.amendingAct = actPath(id, v.amendingActId);
          return {
            cells: {
              number: a.number,
              title: titleIn(lang, a),
              version: v.version,
              effectiveFrom: v.effectiveFrom,
              amendingAct: v.amendingActId ? (amending ? actLabel(lang, amending) : v.amendingActId) : null,
            },
            links,
          };
        }),
    ),
  };
  const allTime: Table = {
    id: 'statistics',
    caption: t(lang, 'statsAllTimeCaption'),
    columns: [
      { key: 'indicator', label: t(lang, 'colIndicator'), kind: 'text' },
      { key: 'value', label: t(lang, 'colValue'), kind: 'decimal' },
    ],
    rows: [
      { cells: { indicator: t(lang, 'rowApplicationsSubmitted'), value: apps.total } },
      { cells: { indicator: t(lang, 'rowApplicationsOpen'), value: apps.open } },
      { cells: { indicator: t(lang, 'rowApplicationsOverdue'), value: apps.overdue } },
      { cells: { indicator: t(lang, 'rowApplicationsDecided'), value: data.allTime.decidedApplications } },
      { cells: { indicator: t(lang, 'rowApplicationsOnTime'), value: data.allTime.decidedOnTime } },
      { cells: { indicator: t(lang, 'rowShareOnTime'), value: data.allTime.shareDecidedOnTime } },
      { cells: { indicator: t(lang, 'rowMedianDays'), value: data.allTime.medianProcessingDays } },
      { cells: { indicator: t(lang, 'rowP90Days'), value: data.allTime.p90ProcessingDays } },
      { cells: { indicator: t(lang, 'rowComplaintsFiled'), value: complaints.total } },
      { cells: { indicator: t(lang, 'rowComplaintsOpen'), value: complaints.open } },
      { cells: { indicator: t(lang, 'rowComplaintsOverdue'), value: complaints.overdue } },
    ],
  };
  const applicationsByStatus: Table = {
    id: 'applications-by-status',
    caption: t(lang, 'applicationsByStatusCaption'),
    columns: [
      { key: 'status', label: t(lang, 'colStatus'), kind: 'text' },
      { key: 'count', label: t(lang, 'colCount'), kind: 'int' },
    ],
    rows: apps.byStatus.map((r) => ({ cells: { status: statusLabel(lang, r.status), count: r.count } })),
  };
  const byMonth: Table = {
    id: 'applications-by-month',
    caption: t(lang, 'byMonthCaption', period),
    columns: [
      { key: 'month', label: t(lang, 'colMonth'), kind: 'month' },
      { key: 'decided', label: t(lang, 'colDecided'), kind: 'int' },
      { key: 'medianDays', label: t(lang, 'colMedianDays'), kind: 'decimal' },
      { key: 'p90Days', label: t(lang, 'colP90Days'), kind: 'decimal' },
      { key: 'onTimeShare', label: t(lang, 'colOnTimeShare'), kind: 'percent' },
    ],
    rows: monthly.map((m) => ({ cells: { ...m } })),
  };
  const complaintsByResolution: Table = {
    id: 'complaints-by-resolution-all',
    caption: t(lang, 'complaintsByResolutionAllCaption'),
    columns: [
      { key: 'resolution', label: t(lang, 'colResolution'), kind: 'text' },
      { key: 'count', label: t(lang, 'colCount'), kind: 'int' },
    ],
    rows: complaints.byResolution.map((r) => ({ cells: { resolution: resolutionLabel(lang, r.resolution), count: r.count } })),
  };
  const complaintsByStatus: Table = {
    id: 'complaints-by-status',
    caption: t(lang, 'complaintsByStatusCaption'),
    columns: [
      { key: 'status', label: t(lang, 'colStatus'), kind: 'text' },
      { key: 'count', label: t(lang, 'colCount'), kind: 'int' },
    ],
    rows: complaints.byStatus.map((r) => ({ cells: { status: statusLabel(lang, r.status), count: r.count } })),
  };
  const offices: Table = {
    id: 'offices',
    caption: t(lang, 'csoCaption'),
    columns: [
      { key: 'name', label: t(lang, 'colOfficeName'), kind: 'text' },
      { key: 'partners', label: t(lang, 'colPartners'), kind: 'text' },
      { key: 'openedOn', label: t(lang, 'colOpenedOn'), kind: 'date' },
    ],
    rows: site.citizenServiceOffices.map((o) => ({ cells: { name: o.name, partners: o.partners.length ? formatList(lang, o.partners) : null, openedOn: o.openedOn ?? null } })),
  };
  return [
    services,
    acts,
    ...(upcoming.rows.length > 0 ? [upcoming] : []),
    history,
    allTime,
    applicationsByStatus,
    ...transparencyTables(lang, data.transparency, data.period, 'period-'),
    byMonth,
    complaintsByResolution,
    complaintsByStatus,
    ...(offices.rows.length > 0 ? [offices] : []),
  ];
};

const facts = (lang: Lang, data: CommunityPageData): Html => {
  const c = data.site.community;
  const items: Array<[string, Html | string]> = [
    [t(lang, 'factProvince'), provinceLabel(lang, c.province)],
    [t(lang, 'factKind'), kindLabel(lang, c.kind)],
    [t(lang, 'factPopulation'), c.population === null ? '—' : formatNumber(lang, c.population, 0)],
  ];
  if (c.status !== 'active') items.push([t(lang, 'factStatus'), statusLabel(lang, c.status)]);
  if (c.mergedInto) items.push([t(lang, 'factMergedInto'), html`<a href="${communityPath(c.mergedInto)}">${c.mergedInto}</a>${c.mergedOn ? ` (${formatDate(lang, c.mergedOn)})` : ''}`]);
  if (c.settlements.length > 1) items.push([t(lang, 'factSettlements'), c.settlements.join(', ')]);
  items.push([
    t(lang, 'factCmis'),
    c.cmisEdition
      ? c.cmisDeployedOn
        ? t(lang, 'factCmisSince', { edition: editionLabel(lang, c.cmisEdition), date: formatDate(lang, c.cmisDeployedOn) })
        : editionLabel(lang, c.cmisEdition)
      : t(lang, 'factCmisNone'),
  ]);
  items.push([
    t(lang, 'factDocumentCirculation'),
    c.documentCirculation ? (c.documentCirculationOn ? `${t(lang, 'yes')}, ${t(lang, 'since', { date: formatDate(lang, c.documentCirculationOn) })}` : t(lang, 'yes')) : t(lang, 'no'),
  ]);
  const site = c.officialWebsite;
  const safeUrl = site && /^https?:\/\//i.test(site.url) ? site.url : null;
  items.push([
    t(lang, 'factWebsite'),
    site
      ? html`${safeUrl ? html`<a href="${safeUrl}" rel="noopener">${site.url}</a>` : site.url}${site.hostedOnCmis ? ` (${t(lang, 'factWebsiteOnCmis')})` : ''}`
      : t(lang, 'factWebsiteNone'),
  ]);
  return html`<dl class="facts">${items.map(([dt, dd]) => html`<dt>${dt}</dt><dd>${dd}</dd>`)}</dl>`;
};

export const communityPage = (lang: Lang, data: CommunityPageData, ctx: PageContext): Page => {
  const tables = communityTables(lang, data);
  const c = data.site.community;
  const name = nameIn(lang, c);
  const other = lang === 'hy' ? c.nameEn : c.nameHy;
  const monthly = monthlyRows(data);
  const months = monthly.map((m) => m.month);
  const table = (tableId: string) => tableHtml(lang, tables, tableId, ctx);
  const volumes = barChart(lang, {
    id: 'chart-applications',
    title: t(lang, 'chartByMonthTitle'),
    months,
    series: [{ label: t(lang, 'colDecided'), values: monthly.map((m) => m.decided) }],
  });
  const processing = barChart(lang, {
    id: 'chart-processing',
    title: t(lang, 'chartProcessingTitle'),
    months,
    zeroIsData: true,
    series: [
      { label: t(lang, 'colMedianDays'), values: monthly.map((m) => m.medianDays) },
      { label: t(lang, 'colP90Days'), values: monthly.map((m) => m.p90Days) },
    ],
  });
  const onTime = barChart(lang, {
    id: 'chart-on-time',
    title: t(lang, 'chartOnTimeTitle'),
    months,
    percent: true,
    zeroIsData: true,
    series: [{ label: t(lang, 'colOnTimeShare'), values: monthly.map((m) => m.onTimeShare) }],
  });
  const main = html`<h1>${name}${other && other !== name ? html` <span class="other-name" lang="${lang === 'hy' ? 'en' : 'hy'}">(${other})</span>` : ''}</h1>
<form class="inline" method="get" action="/c" role="search">
<label for="community-search">${t(lang, 'findCommunity')}<input type="search" id="community-search" name="search" maxlength="200"></label>
<button type="submit">${t(lang, 'searchButton')}</button>
</form>
<section aria-labelledby="about-heading">
<h2 id="about-heading">${t(lang, 'communityAbout')}</h2>
${facts(lang, data)}
</section>
<section aria-labelledby="services-heading">
<h2 id="services-heading">${t(lang, 'servicesHeading')}</h2>
${table('services')}
</section>
<section aria-labelledby="acts-heading">
<h2 id="acts-heading">${t(lang, 'actsHeading')}</h2>
${table('acts')}
${(data.site.upcomingActs ?? []).length > 0 ? table('acts-upcoming') : ''}
${table('acts-history')}
</section>
<section aria-labelledby="stats-heading">
<h2 id="stats-heading">${t(lang, 'statsHeading')}</h2>
${table('statistics')}
${table('applications-by-status')}
<h3>${t(lang, 'statsPeriodCaption', periodParams(lang, data.period))}</h3>
${table('period-transparency')}
${volumes}
${processing}
${onTime}
${table('applications-by-month')}
${table('period-fees')}
${table('period-complaints-by-resolution')}
${table('complaints-by-resolution-all')}
${table('complaints-by-status')}
</section>
<section aria-labelledby="cso-heading">
<h2 id="cso-heading">${t(lang, 'csoHeading')}</h2>
${data.site.citizenServiceOffices.length === 0 ? html`<p>${t(lang, 'csoNone')}</p>` : table('offices')}
</section>`;
  return { title: name, section: 'communities', tables, main };
};
