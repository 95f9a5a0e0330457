/**
 * The national page (`/`): the national adoption report as of a chosen date (the 2019 table on
 * 2019-07-01, with the report's own wording beside it), adoption over time by month (chart and table),
 * and the national transparency figures of the twelve months up to that date.
 */
import { lineChart } from '../charts';
import { html } from '../html';
import { formatDate, formatMonth, t, type Lang } from '../i18n';
import { REPORT_2019, REPORT_2019_DATE, reportWording } from '../report-2019';
import type { Table } from '../table';
import type { AdoptionReport, NationalData } from '../types';
import { dateForm, periodParams, tableHtml, transparencyTables, type Page, type PageContext } from './common';

const ROWS: ReadonlyArray<{ readonly key: keyof AdoptionReport; readonly label: Parameters<typeof t>[1] }> = [
  { key: 'totalCommunities', label: 'rowTotalCommunities' },
  { key: 'withCmisDeployed', label: 'rowWithCmisDeployed' },
  { key: 'consolidatedMultiSettlement', label: 'rowConsolidatedMultiSettlement' },
  { key: 'consolidatedWithMultiSettlementCmis', label: 'rowConsolidatedWithMultiSettlementCmis' },
  { key: 'withElectronicDocumentCirculation', label: 'rowWithElectronicDocumentCirculation' },
  { key: 'whereCmisIsOfficialWebsite', label: 'rowWhereCmisIsOfficialWebsite' },
  { key: 'withAtLeast3000Residents', label: 'rowWithAtLeast3000Residents' },
  { key: 'citizenServiceOffices', label: 'rowCitizenServiceOffices' },
  { key: 'citizenServiceOfficesWithGiz', label: 'rowCitizenServiceOfficesWithGiz' },
  { key: 'shareOfPopulationOutsideYerevanWithCso', label: 'rowShareOfPopulationWithCso' },
];

/** Drops the leading months where nothing was adopted yet (keeping at least the last twelve). */
export const trimLeadingZeroMonths = <T extends { withCmisDeployed: number; withElectronicDocumentCirculation: number; withOfficialWebsite: number; withCitizenServiceOffice: number }>(
  points: readonly T[],
): T[] => {
  const first = points.findIndex((p) => p.withCmisDeployed + p.withElectronicDocumentCirculation + p.withOfficialWebsite + p.withCitizenServiceOffice > 0);
  const start = first === -1 ? points.length : first;
  return points.slice(Math.max(0, Math.min(start, points.length - 12)));
};

export const nationalTables = (lang: Lang, data: NationalData): Table[] => {
  const is2019 = data.asOf === REPORT_2019_DATE;
  const date = formatDate(lang, data.asOf);
  const points = trimLeadingZeroMonths(data.overTime);
  const adoption: Table = {
    id: 'adoption',
    caption: t(lang, 'adoptionCaption', { date }),
    columns: [
      { key: 'indicator', label: t(lang, 'colIndicator'), kind: 'text' },
      { key: 'value', label: t(lang, 'colValue'), kind: 'decimal' },
      ...(is2019 ? [{ key: 'report2019', label: t(lang, 'colReport2019'), kind: 'text' as const }] : []),
    ],
    rows: ROWS.map((row) => {
      const figure = REPORT_2019[row.key];
      return {
        cells: {
          indicator: t(lang, row.label),
          value: data.report[row.key] as number,
          ...(is2019 ? { report2019: figure ? reportWording(lang, figure) : null } : {}),
        },
      };
    }),
    note: is2019 ? t(lang, 'report2019Note') : undefined,
  };
  const overTime: Table = {
    id: 'adoption-by-month',
    caption: t(lang, 'overTimeCaption', points.length ? { from: formatMonth(lang, points[0].month), to: formatMonth(lang, points[points.length - 1].month) } : { from: '', to: '' }),
    columns: [
      { key: 'month', label: t(lang, 'colMonth'), kind: 'month' },
      { key: 'withCmisDeployed', label: t(lang, 'seriesCmis'), kind: 'int' },
      { key: 'withElectronicDocumentCirculation', label: t(lang, 'seriesDocumentCirculation'), kind: 'int' },
      { key: 'withOfficialWebsite', label: t(lang, 'seriesWebsite'), kind: 'int' },
      { key: 'withCitizenServiceOffice', label: t(lang, 'seriesCso'), kind: 'int' },
    ],
    rows: points.map((p) => ({
      cells: {
        month: p.month,
        withCmisDeployed: p.withCmisDeployed,
        withElectronicDocumentCirculation: p.withElectronicDocumentCirculation,
        withOfficialWebsite: p.withOfficialWebsite,
        withCitizenServiceOffice: p.withCitizenServiceOffice,
      },
    })),
  };
  return [adoption, overTime, ...transparencyTables(lang, data.transparency, data.period)];
};

export const nationalPage = (lang: Lang, data: NationalData, ctx: PageContext): Page => {
  const tables = nationalTables(lang, data);
  const points = trimLeadingZeroMonths(data.overTime);
  const date = formatDate(lang, data.asOf);
  const chart = lineChart(lang, {
    id: 'chart-adoption',
    title: t(lang, 'overTimeChartTitle'),
    months: points.map((p) => p.month),
    series: [
      { label: t(lang, 'seriesCmis'), values: points.map((p) => p.withCmisDeployed) },
      { label: t(lang, 'seriesDocumentCirculation'), values: points.map((p) => p.withElectronicDocumentCirculation) },
      { label: t(lang, 'seriesWebsite'), values: points.map((p) => p.withOfficialWebsite) },
      { label: t(lang, 'seriesCso'), values: points.map((p) => p.withCitizenServiceOffice) },
    ],
  });
  const main = html`<h1>${t(lang, 'nationalTitle')}</h1>
<p class="lead">${t(lang, 'nationalIntro')}</p>
${dateForm(lang, { action: '/', name: 'asOf', label: t(lang, 'dateLabel'), value: data.asOf })}
<p class="quick"><a href="/?asOf=${REPORT_2019_DATE}" id="report-2019">${t(lang, 'report2019Link')}</a> <a href="/">${t(lang, 'today')} (${formatDate(lang, data.today)})</a></p>
<section aria-labelledby="adoption-heading">
<h2 id="adoption-heading">${t(lang, 'adoptionHeading', { date })}</h2>
${tableHtml(lang, tables, 'adoption', ctx)}
</section>
<section aria-labelledby="over-time-heading">
<h2 id="over-time-heading">${t(lang, 'overTimeHeading')}</h2>
${chart}
<details>
<summary>${t(lang, 'chartTable')}</summary>
${tableHtml(lang, tables, 'adoption-by-month', ctx)}
</details>
</section>
<section aria-labelledby="transparency-heading">
<h2 id="transparency-heading">${t(lang, 'transparencyHeading', periodParams(lang, data.period))}</h2>
<p>${t(lang, 'transparencyNationalIntro')}</p>
${tableHtml(lang, tables, 'transparency', ctx)}
${tableHtml(lang, tables, 'fees', ctx)}
${tableHtml(lang, tables, 'complaints-by-resolution', ctx)}
</section>`;
  return { title: `${t(lang, 'nationalTitle')} — ${date}`, section: 'national', tables, main };
};
