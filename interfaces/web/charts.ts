/**
 * Charts drawn on the server as inline SVG (no script, no library): a line chart of monthly series and a
 * grouped bar chart. Each chart is a `<figure>` whose SVG has `role="img"`, a `<title>` and a `<desc>`
 * summarising every series, and an HTML legend; the same numbers are in the table next to it. Colours
 * are the Okabe–Ito palette (distinguishable with colour-blindness) and lines also differ by dash.
 */
import { html, join, type Html } from './html';
import { formatMonth, formatMonthName, formatNumber, t, type Lang } from './i18n';

export interface ChartSeries {
  readonly label: string;
  readonly values: ReadonlyArray<number | null>;
}

export interface ChartSpec {
  /** Unique on the page (used for element ids). */
  readonly id: string;
  readonly title: string;
  /** YYYY-MM months, one per value of each series. */
  readonly months: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Values are percentages (0–100): the axis ends at 100 and labels carry %. */
  readonly percent?: boolean;
  /** 0 is a measurement (e.g. decided the same day), drawn as a sliver; otherwise a chart of zeros says "no data". */
  readonly zeroIsData?: boolean;
}

export const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7'] as const;
const DASHES = ['', '7 4', '2 3', '10 3 2 3'] as const;

const WIDTH = 720;
const HEIGHT = 300;
const LEFT = 56;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 46;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;

/** A "nice" axis: step 1, 2 or 5 × 10^k, about five steps, top ≥ max. */
export const niceScale = (max: number, steps = 5): { top: number; step: number } => {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / steps;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  const step = Math.max(1, nice * magnitude);
  return { top: Math.ceil(max / step) * step, step };
};

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();

const axisLabel = (lang: Lang, value: number, percent: boolean): string => `${formatNumber(lang, value, 1)}${percent ? '%' : ''}`;

const summary = (lang: Lang, spec: ChartSpec): string => {
  const first = spec.months[0];
  const last = spec.months[spec.months.length - 1];
  const range = first && last ? t(lang, 'chartFromTo', { from: formatMonth(lang, first, 'long'), to: formatMonth(lang, last, 'long') }) : '';
  const parts = spec.series.map((s) => {
    const known = s.values.filter((v): v is number => v !== null);
    if (known.length === 0) return `${s.label}: —`;
    return t(lang, 'chartSeriesSummary', {
      label: s.label,
      first: axisLabel(lang, known[0], spec.percent === true),
      last: axisLabel(lang, known[known.length - 1], spec.percent === true),
    });
  });
  return [range, ...parts].filter((p) => p !== '').join('. ') + '.';
};

const frame = (lang: Lang, spec: ChartSpec, top: number, step: number): Html => {
  const lines: Html[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) {
    const y = TOP + PLOT_H - (v / top) * PLOT_H;
    lines.push(
      html`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fmt(y)}" y2="${fmt(y)}" class="grid"/><text x="${LEFT - 6}" y="${fmt(y + 4)}" text-anchor="end" class="axis">${axisLabel(lang, v, spec.percent === true)}</text>`,
    );
  }
  return join(lines);
};

/** Month labels under the x axis: every month when few, else each January (and the first month). */
const monthTicks = (lang: Lang, months: readonly string[], xOf: (i: number) => number): Html => {
  const few = months.length <= 24;
  const every = few ? (months.length > 12 ? 2 : 1) : 1;
  const ticks: Html[] = [];
  months.forEach((m, i) => {
    const january = m.endsWith('-01');
    const x = fmt(xOf(i));
    if (few) {
      if (i % every !== 0 && !january) return;
      const showYear = i === 0 || january;
      ticks.push(
        html`<text x="${x}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle" class="axis">${formatMonthName(lang, m)}</text>${showYear ? html`<text x="${x}" y="${HEIGHT - BOTTOM + 31}" text-anchor="middle" class="axis year">${m.slice(0, 4)}</text>` : ''}`,
      );
    } else if (january || i === 0) {
      ticks.push(
        html`<line x1="${x}" x2="${x}" y1="${HEIGHT - BOTTOM}" y2="${HEIGHT - BOTTOM + 5}" class="tick"/><text x="${x}" y="${HEIGHT - BOTTOM + 18}" text-anchor="middle" class="axis">${m.slice(0, 4)}</text>`,
      );
    }
  });
  return join(ticks);
};

const legend = (spec: ChartSpec, kind: 'line' | 'bar'): Html =>
  html`<ul class="legend">${spec.series.map(
    (s, i) =>
      html`<li><svg width="28" height="12" aria-hidden="true" focusable="false">${
        kind === 'line'
          ? html`<line x1="0" x2="28" y1="6" y2="6" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="3"${DASHES[i % DASHES.length] ? html` stroke-dasharray="${DASHES[i % DASHES.length]}"` : ''}/>`
          : html`<rect x="6" y="0" width="16" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`
      }</svg>${s.label}</li>`,
  )}</ul>`;

const svgOpen = (spec: ChartSpec): Html =>
  html`<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${spec.id}-title ${spec.id}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">`;

const maxOf = (spec: ChartSpec): number => {
  if (spec.percent) return 100;
  let max = 0;
  for (const s of spec.series) for (const v of s.values) if (v !== null && v > max) max = v;
  return max;
};

/** True when the chart would show nothing: no values, or only zeros where zero is not a measurement. */
const isEmpty = (spec: ChartSpec): boolean =>
  spec.months.length === 0 || spec.series.every((s) => s.values.every((v) => v === null || (v === 0 && spec.zeroIsData !== true)));

const emptyChart = (lang: Lang, spec: ChartSpec): Html =>
  html`<figure class="chart chart-empty" id="${spec.id}"><figcaption><span class="chart-title">${spec.title}</span></figcaption><p class="empty">${t(lang, 'noData')}</p></figure>`;

export const lineChart = (lang: Lang, spec: ChartSpec): Html => {
  if (isEmpty(spec)) return emptyChart(lang, spec);
  const { top, step } = niceScale(maxOf(spec));
  const n = spec.months.length;
  const xOf = (i: number) => LEFT + (n <= 1 ? PLOT_W / 2 : (i / (n - 1)) * PLOT_W);
  const yOf = (v: number) => TOP + PLOT_H - (v / top) * PLOT_H;
  const paths = spec.series.map((s, si) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${fmt(xOf(i))},${fmt(yOf(v))}`;
      pen = true;
    });
    const dash = DASHES[si % DASHES.length];
    return html`<path d="${d}" fill="none" stroke="${COLOURS[si % COLOURS.length]}" stroke-width="2.5" stroke-linejoin="round"${dash ? html` stroke-dasharray="${dash}"` : ''}/>`;
  });
  return html`<figure class="chart" id="${spec.id}">
${svgOpen(spec)}<title id="${spec.id}-title">${spec.title}</title><desc id="${spec.id}-desc">${summary(lang, spec)}</desc>
${frame(lang, spec, top, step)}<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + PLOT_H}" y2="${TOP + PLOT_H}" class="baseline"/>
${monthTicks(lang, spec.months, xOf)}
${paths}
</svg>
<figcaption><span class="chart-title">${spec.title}</span>${legend(spec, 'line')}</figcaption>
</figure>`;
};

export const barChart = (lang: Lang, spec: ChartSpec): Html => {
  if (isEmpty(spec)) return emptyChart(lang, spec);
  const { top, step } = niceScale(maxOf(spec));
  const n = Math.max(1, spec.months.length);
  const slot = PLOT_W / n;
  const groupW = slot * 0.8;
  const barW = groupW / Math.max(1, spec.series.length);
  const xOf = (i: number) => LEFT + slot * i + slot / 2;
  const bars: Html[] = [];
  spec.months.forEach((month, i) => {
    spec.series.forEach((s, si) => {
      const v = s.values[i];
      if (v === null || v === undefined) return;
      const h = Math.max(spec.zeroIsData ? 2 : 0, (Math.min(v, top) / top) * PLOT_H);
      const x = LEFT + slot * i + (slot - groupW) / 2 + si * barW;
      bars.push(
        html`<rect x="${fmt(x)}" y="${fmt(TOP + PLOT_H - h)}" width="${fmt(Math.max(1, barW - 1))}" height="${fmt(h)}" fill="${COLOURS[si % COLOURS.length]}"><title>${s.label}, ${formatMonth(lang, month)}: ${axisLabel(lang, v, spec.percent === true)}</title></rect>`,
      );
    });
  });
  return html`<figure class="chart" id="${spec.id}">
${svgOpen(spec)}<title id="${spec.id}-title">${spec.title}</title><desc id="${spec.id}-desc">${summary(lang, spec)}</desc>
${frame(lang, spec, top, step)}
${bars}
<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + PLOT_H}" y2="${TOP + PLOT_H}" class="baseline"/>
${monthTicks(lang, spec.months, xOf)}
</svg>
<figcaption><span class="chart-title">${spec.title}</span>${legend(spec, 'bar')}</figcaption>
</figure>`;
};
