import { parseCsv } from './csv';
import { displayValue, downloadHref, renderTable, tableToCsv, tableToJson, type Table } from './table';

const table: Table = {
  id: 'services',
  caption: 'Ծառայություններ',
  rowHeader: 'name',
  columns: [
    { key: 'code', label: 'Կոդ', kind: 'code' },
    { key: 'name', label: 'Ծառայություն', kind: 'text' },
    { key: 'fee', label: 'Վճար, դրամ', kind: 'amd' },
    { key: 'share', label: 'Ժամկետում, %', kind: 'percent' },
    { key: 'on', label: 'Ամսաթիվ', kind: 'date' },
  ],
  rows: [
    { cells: { code: 'S-01', name: 'Permit, "A"', fee: 1234567, share: 93.4, on: '2019-07-01' }, links: { name: '/c/AM08001' } },
    { cells: { code: 'S-02', name: '<i>x</i>', fee: 0, share: null, on: null } },
  ],
};

describe('tables', () => {
  it('renders a captioned table with column and row headers, formatted values carrying their raw value', () => {
    const out = renderTable('en', table, { pagePath: '/c/AM08001', query: { lang: 'en' } }).value;
    expect(out).toContain('<caption id="t-services-caption">Ծառայություններ</caption>');
    expect(out).toContain('role="region" aria-labelledby="t-services-caption" tabindex="0"');
    expect(out).toContain('<table role="table" class="wide">');
    expect(out).toContain('<th scope="col" role="columnheader" class="num">Վճար, դրամ</th>');
    expect(out).toContain('<th scope="row" role="rowheader"><a href="/c/AM08001">Permit, &quot;A&quot;</a></th>');
    expect(out).toContain('<td role="cell" data-label="Վճար, դրամ" class="num"><data value="1234567">1,234,567</data></td>');
    expect(out).toContain('<td role="cell" data-label="Ժամկետում, %" class="num"><data value="93.4">93.4</data></td>');
    expect(out).toContain('<td role="cell" data-label="Ամսաթիվ"><time datetime="2019-07-01">1 July 2019</time></td>');
    expect(out).toContain('<td role="cell" data-label="Ժամկետում, %" class="num"><data value="">—</data></td>');
    expect(out).toContain('&lt;i&gt;x&lt;/i&gt;');
    expect(out).toContain('href="/c/AM08001?lang=en&amp;table=services&amp;format=csv" download');
    expect(out).toContain('href="/c/AM08001?lang=en&amp;table=services&amp;format=json"');
  });

  it('formats for Armenian', () => {
    const out = renderTable('hy', table, { pagePath: '/', query: {} }).value;
    expect(out).toMatch(/<data value="1234567">1\s234\s567<\/data>/);
    expect(out).toContain('<data value="93.4">93,4</data>');
    expect(displayValue('hy', 'month', '2019-07')).toContain('2019');
  });

  it('the CSV has the header labels and exactly the rows of the table, with raw values', () => {
    expect(parseCsv(tableToCsv(table))).toEqual([
      ['Կոդ', 'Ծառայություն', 'Վճար, դրամ', 'Ժամկետում, %', 'Ամսաթիվ'],
      ['S-01', 'Permit, "A"', '1234567', '93.4', '2019-07-01'],
      ['S-02', '<i>x</i>', '0', '', ''],
    ]);
  });

  it('the JSON has the columns with their labels and the rows keyed by column', () => {
    const json = tableToJson('hy', table, '/c/AM08001');
    expect(json.columns.map((c) => c.key)).toEqual(['code', 'name', 'fee', 'share', 'on']);
    expect(json.rows[0]).toEqual({ code: 'S-01', name: 'Permit, "A"', fee: 1234567, share: 93.4, on: '2019-07-01' });
    expect(json.rows[1].share).toBeNull();
    expect(json).toMatchObject({ table: 'services', caption: 'Ծառայություններ', language: 'hy', source: '/c/AM08001' });
  });

  it('download links keep the page query and replace table and format', () => {
    expect(downloadHref('/', { asOf: '2019-07-01', table: 'old', format: 'json', empty: '' }, 'adoption', 'csv')).toBe('/?asOf=2019-07-01&table=adoption&format=csv');
  });
});
