/** What every page renderer needs besides its data: where it is (for download and language links). */
import { html, type Html } from '../html';
import { formatDate, resolutionLabel, t, type Lang } from '../i18n';
import { renderTable, type Table } from '../table';
import type { Period, TransparencyFigures } from '../types';

export interface PageContext {
  /** Path of the page, e.g. `/c/AM08001`. */
  readonly pagePath: string;
  /** The page's query parameters that select its data (asOf, search…), carried into download links. */
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Path and query as requested (the language switch returns here). */
  readonly currentUrl: string;
  /** The log holds demo (synthetic) cases: the page shows the demo banner. */
  readonly demoData?: boolean;
}

/** A page: its title, its main content and every table it shows (the downloads serve these). */
export interface Page {
  readonly title: string;
  readonly section?: 'national' | 'communities';
  readonly tables: readonly Table[];
  readonly main: Html;
}

export const tableById = (page: Page, id: string): Table | undefined => page.tables.find((table) => table.id === id);

/** Renders a table of the page by id (each table is defined once, in `tables`). */
export const tableHtml = (lang: Lang, tables: readonly Table[], id: string, ctx: PageContext): Html => {
  const table = tables.find((tb) => tb.id === id);
  if (!table) throw new Error(`No table ${id}`);
  return renderTable(lang, table, { pagePath: ctx.pagePath, query: ctx.query });
};

export const periodParams = (lang: Lang, period: Period) => ({ from: formatDate(lang, period.from), to: formatDate(lang, period.to) });

/** The transparency report's tables: figures, fees by code, complaints by resolution. */
export const transparencyTables = (lang: Lang, figures: TransparencyFigures, period: Period, idPrefix = ''): Table[] => {
  const p = periodParams(lang, period);
  const feesTotal = figures.feesCollectedByCode.reduce((sum, f) => sum + f.amountAmd, 0);
  return [
    {
      id: `${idPrefix}transparency`,
      caption: t(lang, 'transparencyCaption', p),
      columns: [
        { key: 'indicator', label: t(lang, 'colIndicator'), kind: 'text' },
        { key: 'value', label: t(lang, 'colValue'), kind: 'decimal' },
      ],
      rows: [
        { cells: { indicator: t(lang, 'rowDecidedApplications'), value: figures.decidedApplications } },
        { cells: { indicator: t(lang, 'rowMedianDays'), value: figures.medianProcessingDays } },
        { cells: { indicator: t(lang, 'rowP90Days'), value: figures.p90ProcessingDays } },
        { cells: { indicator: t(lang, 'rowShareOnTime'), value: figures.shareDecidedOnTime } },
        { cells: { indicator: t(lang, 'rowActsAdopted'), value: figures.actsAdopted } },
        { cells: { indicator: t(lang, 'rowActsPublished'), value: figures.actsPublished } },
        { cells: { indicator: t(lang, 'rowFeesCollectedTotal'), value: feesTotal } },
      ],
    },
    {
      id: `${idPrefix}fees`,
      caption: t(lang, 'feesCaption', p),
      columns: [
        { key: 'code', label: t(lang, 'colFeeCode'), kind: 'code' },
        { key: 'amountAmd', label: t(lang, 'colAmountAmd'), kind: 'amd' },
      ],
      rows: [...figures.feesCollectedByCode].sort((a, b) => a.code.localeCompare(b.code)).map((f) => ({ cells: { code: f.code, amountAmd: f.amountAmd } })),
    },
    {
      id: `${idPrefix}complaints-by-resolution`,
      caption: t(lang, 'complaintsByResolutionCaption', p),
      columns: [
        { key: 'resolution', label: t(lang, 'colResolution'), kind: 'text' },
        { key: 'count', label: t(lang, 'colCount'), kind: 'int' },
      ],
      rows: figures.complaintsByResolution.map((r) => ({ cells: { resolution: resolutionLabel(lang, r.resolution), count: r.count } })),
    },
  ];
};

export const dateForm = (lang: Lang, options: { action: string; name: string; label: string; value: string; max?: string; hidden?: Readonly<Record<string, string>> }): Html =>
  html`<form class="inline" method="get" action="${options.action}">
${Object.entries(options.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<label for="${`${options.name}-input`}">${options.label}<input type="date" id="${`${options.name}-input`}" name="${options.name}" value="${options.value}" required${options.max ? html` max="${options.max}"` : ''}></label>
<button type="submit">${t(lang, 'show')}</button>
</form>`;
