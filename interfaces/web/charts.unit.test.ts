import { barChart, lineChart, niceScale } from './charts';

const months = ['2018-11', '2018-12', '2019-01', '2019-02'];

describe('SVG charts', () => {
  it('chooses axis steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(400)).toEqual({ top: 400, step: 100 });
    expect(niceScale(502)).toEqual({ top: 600, step: 200 });
    expect(niceScale(93.4)).toEqual({ top: 100, step: 20 });
    expect(niceScale(42)).toEqual({ top: 50, step: 10 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
  });

  it('draws one path per series of a line chart, breaking at missing values, with an accessible name and summary', () => {
    const svg = lineChart('en', {
      id: 'c1',
      title: 'Adoption <by month>',
      months,
      series: [
        { label: 'CMIS', values: [10, 20, null, 40] },
        { label: 'Offices', values: [1, 2, 3, 4] },
      ],
    }).value;
    expect(svg).toContain('role="img" aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Adoption &lt;by month&gt;</title>');
    expect(svg).toContain('CMIS: from 10 to 40');
    expect(svg).toContain('November 2018 – February 2019');
    const paths = [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[0].match(/M/g)).toHaveLength(2);
    expect(paths[1].match(/M/g)).toHaveLength(1);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('<ul class="legend"><li>');
  });

  it('draws a bar per known value with a tooltip, percentages on a 0–100 axis', () => {
    const svg = barChart('hy', { id: 'c2', title: 'Ժամկետում', months, percent: true, series: [{ label: 'Ժամկետում, %', values: [50, null, 75.5, 100] }] }).value;
    expect(svg.match(/<\/rect>/g)).toHaveLength(3);
    expect(svg).toContain('>100%</text>');
    expect(svg).toContain('75,5%</title>');
  });

  it('says there is no data instead of drawing an empty chart', () => {
    const svg = barChart('en', { id: 'c5', title: 'Nothing', months, series: [{ label: 'n', values: [0, null, 0, 0] }] }).value;
    expect(svg).not.toContain('<svg');
    expect(svg).toContain('<p class="empty">No data yet.</p>');
    const sameDay = barChart('en', { id: 'c6', title: 'Days', months, zeroIsData: true, series: [{ label: 'median', values: [0, null, 0, 0] }] }).value;
    expect(sameDay.match(/<\/rect>/g)).toHaveLength(3);
    expect(sameDay).toContain('height="2"');
  });

  it('labels months on a short axis and years on a long one', () => {
    const short = barChart('en', { id: 'c3', title: 't', months, series: [{ label: 'n', values: [1, 2, 3, 4] }] }).value;
    expect(short).toContain('>Nov</text>');
    expect(short).toContain('>2019</text>');
    const long = Array.from({ length: 40 }, (_, i) => `${2016 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const svg = lineChart('en', { id: 'c4', title: 't', months: long, series: [{ label: 'n', values: long.map((_, i) => i) }] }).value;
    expect([...svg.matchAll(/class="axis">(\d{4})<\/text>/g)].map((m) => m[1])).toEqual(['2016', '2017', '2018', '2019']);
  });
});
