/**
 * Tables as data: one model renders the HTML table on the page and the CSV and JSON downloads of exactly
 * that table (same columns, same rows, same order). The HTML shows numbers and dates formatted for the
 * language, each inside `<data value>` or `<time datetime>` carrying the value the downloads contain
 * (plain numbers, ISO dates), so a reader and a program see the same table.
 */
import { toCsv, type CsvValue } from './csv';
import { html, type Html } from './html';
import { formatDate, formatMonth, formatNumber, t, type Lang } from './i18n';

/** How a column's values are written: text as is; numbers, money, percent, dates and months formatted. */
export type ColumnKind = 'text' | 'code' | 'int' | 'decimal' | 'amd' | 'percent' | 'date' | 'month';

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly kind: ColumnKind;
}

export type CellValue = string | number | null;

export interface Row {
  readonly cells: Readonly<Record<string, CellValue>>;
  /** Links of some cells (by column key), to local pages. */
  readonly links?: Readonly<Record<string, string>>;
}

export interface Table {
  /** Stable id, used in the download URL (`?table=<id>&format=csv`). */
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** The column rendered as the row header (`<th scope="row">`), by default the first. */
  readonly rowHeader?: string;
  /** A sentence under the table. */
  readonly note?: string;
}

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['int', 'decimal', 'amd', 'percent']);

export const isNumeric = (kind: ColumnKind): boolean => NUMERIC.has(kind);

/** The text a cell shows. */
export const displayValue = (lang: Lang, kind: ColumnKind, value: CellValue): string => {
  if (value === null || value === '') return '—';
  if (typeof value === 'number') {
    switch (kind) {
      case 'int':
      case 'amd':
        return formatNumber(lang, value, 0);
      case 'decimal':
      case 'percent':
        return formatNumber(lang, value, 1);
      default:
        return String(value);
    }
  }
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(lang, value);
  if (kind === 'month' && /^\d{4}-\d{2}$/.test(value)) return formatMonth(lang, value);
  return value;
};

const cellContent = (lang: Lang, column: Column, value: CellValue, href: string | undefined): Html => {
  const shown = displayValue(lang, column.kind, value);
  let inner: Html;
  if (value === null || value === '') inner = html`<data value="">${shown}</data>`;
  else if (column.kind === 'date' || column.kind === 'month') inner = html`<time datetime="${String(value)}">${shown}</time>`;
  else if (typeof value === 'number') inner = html`<data value="${String(value)}">${shown}</data>`;
  else inner = html`${shown}`;
  return href ? html`<a href="${href}">${inner}</a>` : inner;
};

/** The download URL of a table: the page's own URL with `table` and `format`. */
export const downloadHref = (pagePath: string, query: Readonly<Record<string, string | undefined>>, tableId: string, format: 'csv' | 'json'): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '' && key !== 'table' && key !== 'format') params.set(key, value);
  params.set('table', tableId);
  params.set('format', format);
  return `${pagePath}?${params.toString()}`;
};

export interface TableLinks {
  readonly pagePath: string;
  readonly query: Readonly<Record<string, string | undefined>>;
}

export const renderTable = (lang: Lang, table: Table, links: TableLinks): Html => {
  const headerKey = table.rowHeader ?? table.columns[0]?.key;
  const captionId = `t-${table.id}-caption`;
  // Explicit ARIA roles keep the table's semantics when the phone layout (CSS) shows rows as blocks.
  const head = table.columns.map((c) => html`<th scope="col" role="columnheader"${isNumeric(c.kind) ? html` class="num"` : ''}>${c.label}</th>`);
  const body = table.rows.map(
    (row) =>
      html`<tr role="row">${table.columns.map((c) => {
        const content = cellContent(lang, c, row.cells[c.key] ?? null, row.links?.[c.key]);
        const cls = isNumeric(c.kind) ? html` class="num"` : '';
        return c.key === headerKey ? html`<th scope="row" role="rowheader"${cls}>${content}</th>` : html`<td role="cell" data-label="${c.label}"${cls}>${content}</td>`;
      })}</tr>`,
  );
  const csv = downloadHref(links.pagePath, links.query, table.id, 'csv');
  const json = downloadHref(links.pagePath, links.query, table.id, 'json');
  return html`<div class="table-block" id="${`t-${table.id}`}" data-table="${table.id}">
<div class="table-wrap" role="region" aria-labelledby="${captionId}" tabindex="0">
<table role="table"${table.columns.length >= 3 ? html` class="wide"` : ''}>
<caption id="${captionId}">${table.caption}</caption>
<thead role="rowgroup"><tr role="row">${head}</tr></thead>
<tbody role="rowgroup">${body}</tbody>
</table>
</div>
${table.rows.length === 0 ? html`<p class="empty">${t(lang, 'noData')}</p>` : ''}
${table.note ? html`<p class="note">${table.note}</p>` : ''}
<p class="open-data">${t(lang, 'openData')}: <a href="${csv}" download data-format="csv">CSV<span class="vh"> — ${table.caption}</span></a> · <a href="${json}" data-format="json" type="application/json">JSON<span class="vh"> — ${table.caption}</span></a></p>
</div>`;
};

/** The raw value of a cell in the downloads: numbers as numbers, dates ISO, text as shown. */
const rawValue = (value: CellValue): CsvValue => (value === '' ? null : value);

export const tableToCsv = (table: Table): string =>
  toCsv([table.columns.map((c) => c.label), ...table.rows.map((row) => table.columns.map((c) => rawValue(row.cells[c.key] ?? null)))]);

export interface TableJson {
  readonly table: string;
  readonly caption: string;
  readonly language: Lang;
  readonly source: string;
  readonly columns: ReadonlyArray<{ readonly key: string; readonly label: string; readonly type: ColumnKind }>;
  readonly rows: ReadonlyArray<Record<string, CellValue>>;
}

export const tableToJson = (lang: Lang, table: Table, source: string): TableJson => ({
  table: table.id,
  caption: table.caption,
  language: lang,
  source,
  columns: table.columns.map((c) => ({ key: c.key, label: c.label, type: c.kind })),
  rows: table.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.key, rawValue(row.cells[c.key] ?? null)]))),
});
