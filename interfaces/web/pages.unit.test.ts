import { parseCsv } from './csv';
import { loadCmisReport2019 } from '../../seed/data';
import { nationalPage, nationalTables, trimLeadingZeroMonths } from './pages/national';
import { communityPage } from './pages/community';
import { actPage } from './pages/act';
import { communityListPage } from './pages/communities';
import { renderActPage, renderCommunityListPage, renderCommunityPage, renderErrorPage, renderNationalPage } from './render';
import { REPORT_2019 } from './report-2019';
import { tableToCsv, tableToJson } from './table';
import { actData, communityData, listData, national2019, nationalToday, site } from '../../tests/browser/page-fixtures';
import { pageTables } from '../../tests/browser/html-tables';
import type { Page, PageContext } from './pages/common';

const ctx = (pagePath: string, query: Record<string, string | undefined> = {}): PageContext => ({ pagePath, query, currentUrl: pagePath });

/** Every table shown on the page equals its CSV and JSON downloads, header and rows. */
const expectDownloadsMatchPage = (html: string, page: Page) => {
  const shown = pageTables(html);
  expect(shown.map((s) => s.id).sort()).toEqual(page.tables.map((tb) => tb.id).sort());
  for (const table of page.tables) {
    const onPage = shown.find((s) => s.id === table.id)!;
    const csv = parseCsv(tableToCsv(table));
    expect({ id: table.id, records: [onPage.header, ...onPage.rows] }).toEqual({ id: table.id, records: csv });
    const json = tableToJson('hy', table, '/');
    expect(json.rows.map((r) => table.columns.map((c) => (r[c.key] === null ? '' : String(r[c.key]))))).toEqual(onPage.rows);
    expect(onPage.caption).toBe(table.caption);
    expect(onPage.csvHref).toContain(`table=${encodeURIComponent(table.id)}&format=csv`);
  }
};

describe('national page', () => {
  it('shows the 2019 table with the figures and the report’s wording (Armenian by default)', () => {
    const out = renderNationalPage(national2019, 'hy');
    expect(out).toMatch(/^<!doctype html>\n<html lang="hy">/);
    const adoption = pageTables(out).find((tb) => tb.id === 'adoption')!;
    expect(adoption.header).toEqual(['Ցուցանիշ', 'Արժեք', '2019 թ. հաշվետվության ձևակերպումը']);
    expect(adoption.rows.map((r) => r[1])).toEqual(['502', '400', '52', '40', '310', '250', '153', '42', '39', '39.6']);
    expect(adoption.rows[1]).toEqual(['ՀԿՏՀ ներդրված համայնքներ', '400', 'մոտ 400']);
    expect(adoption.rows[4][2]).toBe('ավելի քան 300');
    expect(adoption.rows[9][2]).toBe('մոտ 40%');
    expect(out).toContain('<data value="39.6">39,6</data>');
    expect(out).toContain('<input type="date" id="asOf-input" name="asOf" value="2019-07-01" required>');
    expect(out).toContain('href="/?asOf=2019-07-01" id="report-2019"');
  });

  it('in English, with English labels, dates and numbers', () => {
    const out = renderNationalPage(national2019, 'en');
    expect(out).toContain('<html lang="en">');
    expect(out).toContain('<h2 id="adoption-heading">Adoption as of 1 July 2019</h2>');
    const adoption = pageTables(out).find((tb) => tb.id === 'adoption')!;
    expect(adoption.rows[4]).toEqual(['Communities with electronic document circulation', '310', 'more than 300']);
    expect(out).toContain('<data value="39.6">39.6</data>');
    expect(out).toContain('lang="hy" hreflang="hy" id="language-switch"');
  });

  it('shows the report’s wording column only on 2019-07-01', () => {
    const tables = nationalTables('en', nationalToday);
    expect(tables.find((tb) => tb.id === 'adoption')!.columns.map((c) => c.key)).toEqual(['indicator', 'value']);
  });

  it('the copy of the 2019 report equals the data file', () => {
    const file = loadCmisReport2019();
    expect(REPORT_2019.totalCommunities).toEqual({ exact: file.communities.total });
    expect(REPORT_2019.withCmisDeployed).toEqual(file.communities.withCmisDeployed);
    expect(REPORT_2019.consolidatedMultiSettlement).toEqual({ exact: file.communities.consolidatedMultiSettlement });
    expect(REPORT_2019.consolidatedWithMultiSettlementCmis).toEqual({ exact: file.communities.consolidatedWithMultiSettlementCmis });
    expect(REPORT_2019.withElectronicDocumentCirculation).toEqual(file.communities.withElectronicDocumentCirculation);
    expect(REPORT_2019.whereCmisIsOfficialWebsite).toEqual(file.communities.whereCmisIsOfficialWebsite);
    expect(REPORT_2019.withAtLeast3000Residents).toEqual({ exact: file.communities.withAtLeast3000Residents });
    expect(REPORT_2019.citizenServiceOffices).toEqual({ exact: file.citizenServiceOffices.municipalitiesWithOffice });
    expect(REPORT_2019.citizenServiceOfficesWithGiz).toEqual({ exact: file.citizenServiceOffices.foundedWithGizAndDonors });
    expect(REPORT_2019.shareOfPopulationOutsideYerevanWithCso).toEqual(file.reach.shareOfPopulationOutsideYerevanWithImprovedServices);
  });

  it('charts adoption by month from the first month with any adoption, with the same months in its table', () => {
    const out = renderNationalPage(national2019, 'en');
    const trimmed = trimLeadingZeroMonths(national2019.overTime);
    expect(trimmed[0].month).toBe('2014-05');
    expect(trimmed[trimmed.length - 1].month).toBe('2019-07');
    const byMonth = pageTables(out).find((tb) => tb.id === 'adoption-by-month')!;
    expect(byMonth.rows.map((r) => r[0])).toEqual(trimmed.map((p) => p.month));
    expect(out).toContain('<figure class="chart" id="chart-adoption">');
    expect(out).toContain('Communities with CMIS: from 6 to 400');
    expect(out.match(/<path d=/g)).toHaveLength(4);
  });

  it('keeps a year of months even when nothing was adopted yet', () => {
    expect(trimLeadingZeroMonths(national2019.overTime.slice(0, 20))).toHaveLength(12);
  });

  it('every table on the page equals its downloads', () => {
    const c = ctx('/', { asOf: '2019-07-01', lang: 'hy' });
    const page = nationalPage('hy', national2019, c);
    const out = renderNationalPage(national2019, 'hy', c);
    expectDownloadsMatchPage(out, page);
    const transparency = pageTables(out).find((tb) => tb.id === 'transparency')!;
    expect(transparency.rows.map((r) => r[1])).toEqual(['1234', '5', '14', '93.4', '12', '11', '1750000']);
    expect(pageTables(out).find((tb) => tb.id === 'fees')!.rows).toEqual([
      ['T-01', '1500000'],
      ['T-02', '250000'],
    ]);
  });

  it('has no script, a heading structure, a skip link, labelled form controls', () => {
    const out = renderNationalPage(national2019, 'hy');
    expect(out).not.toMatch(/<script/i);
    expect(out.match(/<h1>/g)).toHaveLength(1);
    expect(out).toContain('<a class="skip" href="#main">');
    expect(out).toMatch(/<label for="asOf-input">[^<]*<input type="date" id="asOf-input"/);
    expect(Buffer.byteLength(out)).toBeLessThan(150_000);
  });
});

describe('community page', () => {
  const c = ctx('/c/AM08001', { lang: 'hy' });
  const out = renderCommunityPage(communityData, 'hy', c);

  it('shows the service catalogue with fees and deadlines', () => {
    const services = pageTables(out).find((tb) => tb.id === 'services')!;
    expect(services.header).toEqual(['Կոդ', 'Ծառայություն', 'Վճար, դրամ', 'Ժամկետ, օր', 'Տրվում է']);
    expect(services.rows).toEqual([
      ['S-01', 'Շինարարության թույլտվություն', '10000', '14', 'թույլտվություն'],
      ['S-02', 'Տեղեկանք բնակության վայրի մասին', '0', '3', 'տեղեկանք'],
      ['S-03', 'Արտաքին գովազդ, «Ա» վահանակներ', '1234567', '30', 'ոչինչ'],
    ]);
    expect(out).toMatch(/<data value="1234567">1\s234\s567<\/data>/);
  });

  it('lists the acts in force linking to their pages, and the history of their texts', () => {
    expect(out).toContain('<a href="/c/AM08001/acts/act-1">Տեղական տուրքերի դրույքաչափերի մասին</a>');
    const history = pageTables(out).find((tb) => tb.id === 'acts-history')!;
    expect(history.rows).toEqual([
      ['12-Ն', 'Տեղական տուրքերի դրույքաչափերի մասին', '1', '2024-01-01', ''],
      ['12-Ն', 'Տեղական տուրքերի դրույքաչափերի մասին', '2', '2024-09-01', '№ 45-Ն 12-Ն որոշման մեջ փոփոխություն կատարելու մասին'],
      ['45-Ն', '12-Ն որոշման մեջ փոփոխություն կատարելու մասին', '1', '2024-09-01', ''],
    ]);
    expect(out).toContain('href="/c/AM08001/acts/act-1?asOf=2024-01-01"');
    const upcoming = pageTables(out).find((tb) => tb.id === 'acts-upcoming')!;
    expect(upcoming.rows).toEqual([['77-Ն', 'Ավագանու աշխատակարգի մասին', 'ավագանի', '2025-06-01']]);
    const none = communityPage('hy', { ...communityData, site: { ...site, upcomingActs: [] } }, c);
    expect(none.tables.map((tb) => tb.id)).not.toContain('acts-upcoming');
  });

  it('shows statistics with charts of decisions, processing times and the on-time share by month', () => {
    const byMonth = pageTables(out).find((tb) => tb.id === 'applications-by-month')!;
    expect(byMonth.rows).toHaveLength(12);
    expect(byMonth.header).toEqual(['Ամիս', 'Որոշված', 'Միջնարժեք, օր', '90-րդ պերցենտիլ, օր', 'Ժամկետում, %']);
    expect(byMonth.rows[9]).toEqual(['2025-01', '9', '4', '12', '89']);
    expect(byMonth.rows[0]).toEqual(['2024-04', '0', '', '', '']);
    for (const id of ['chart-applications', 'chart-processing', 'chart-on-time']) expect(out).toContain(`<figure class="chart" id="${id}">`);
    const stats = pageTables(out).find((tb) => tb.id === 'statistics')!;
    expect(stats.rows.map((r) => r[1])).toEqual(['40', '10', '2', '30', '27', '90', '4', '12', '6', '1', '0']);
    const byStatus = pageTables(out).find((tb) => tb.id === 'applications-by-status')!;
    expect(byStatus.rows[3]).toEqual(['սպասում է լրացուցիչ տեղեկությունների', '1']);
  });

  it('shows the citizen service office and its partners', () => {
    const offices = pageTables(out).find((tb) => tb.id === 'offices')!;
    expect(offices.rows).toEqual([['Գյումրու ՔՍԳ', 'GIZ և USAID', '2017-05-10']]);
    const none = renderCommunityPage({ ...communityData, site: { ...site, citizenServiceOffices: [] } }, 'en');
    expect(none).toContain('The community has no citizen service office yet.');
    expect(pageTables(none).map((tb) => tb.id)).not.toContain('offices');
  });

  it('every table equals its downloads; names are escaped', () => {
    expectDownloadsMatchPage(out, communityPage('hy', communityData, c));
    const evil = renderCommunityPage({ ...communityData, site: { ...site, community: { ...site.community, nameHy: '<script>x</script>', officialWebsite: { url: 'javascript:alert(1)', hostedOnCmis: false } } } }, 'hy');
    expect(evil).not.toContain('<script>x');
    expect(evil).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(evil).not.toContain('href="javascript:');
  });

  it('in English shows the English name and labels', () => {
    const en = renderCommunityPage(communityData, 'en');
    expect(en).toContain('<h1>Gyumri <span class="other-name" lang="hy">(Գյումրի)</span></h1>');
    expect(en).toContain('Services, fees and deadlines');
    expect(en).toContain('single-settlement edition, since 1 March 2016');
  });
});

describe('act page', () => {
  it('shows the text in force on the chosen date and the history linking to each version', () => {
    const c = ctx('/c/AM08001/acts/act-1', { asOf: '2024-10-01', lang: 'hy' });
    const out = renderActPage(actData, 'hy', c);
    expect(out).toContain('<h1>№ 12-Ն Տեղական տուրքերի դրույքաչափերի մասին</h1>');
    expect(out).toContain('Հոդված 2. &lt;b&gt;Ուժի մեջ է&lt;/b&gt; հրապարակումից։');
    expect(out).toContain('value="2024-10-01"');
    expect(out).toContain('կողմ՝ 15, դեմ՝ 3, ձեռնպահ՝ 1');
    const versions = pageTables(out).find((tb) => tb.id === 'versions')!;
    expect(versions.rows).toEqual([
      ['1', '2024-01-01', ''],
      ['2', '2024-09-01', '№ 45-Ն 12-Ն որոշման մեջ փոփոխություն կատարելու մասին'],
    ]);
    expect(out).toContain('href="/c/AM08001/acts/act-1?asOf=2024-01-01"');
    expect(out).toContain('href="/c/AM08001/acts/act-2"');
    expectDownloadsMatchPage(out, actPage('hy', actData, c));
  });

  it('says so when no text was in force on the date', () => {
    const out = renderActPage({ ...actData, asOf: '2023-01-01', act: { ...actData.act, text: null } }, 'en');
    expect(out).toContain('No text of this act was in force on 1 January 2023.');
  });
});

describe('list of communities', () => {
  it('lists communities with links, both names, and a link to the next page', () => {
    const c = ctx('/c', { lang: 'en' });
    const out = renderCommunityListPage(listData, 'en', c);
    const table = pageTables(out).find((tb) => tb.id === 'communities')!;
    expect(table.rows[0]).toEqual(['AM08001', 'Գյումրի', 'Gyumri', 'Shirak', 'urban', '112300', 'active']);
    expect(out).toContain('<a href="/c/AM08001">Gyumri</a>');
    expect(out).toContain('href="/c?after=AM09001" rel="next"');
    expect(out).toMatch(/<label for="search-input">Name in Armenian or English<input type="search"/);
    expectDownloadsMatchPage(out, communityListPage('en', listData, c));
    const hy = renderCommunityListPage({ ...listData, search: 'Գյում', province: 'Shirak' }, 'hy');
    expect(hy).toContain('value="Գյում"');
    expect(hy).toContain('<option value="Shirak" selected>Շիրակ</option>');
    expect(hy).toContain('<a href="/c/AM08001">Գյումրի</a>');
  });
});

describe('error pages', () => {
  it('render in the page language', () => {
    expect(renderErrorPage('hy', 'not-found', '/c/X')).toContain('<h1>Էջը չի գտնվել</h1>');
    expect(renderErrorPage('en', 'bad-request', '/', 'The date must be a real date')).toContain('The date must be a real date');
  });
});
