/**
 * The public transparency pages, end to end: the real server (`hamaynk serve`, SEED=demo: the national
 * history behind the 2019 report), one community's work added through the GraphQL mutations, then
 *  - over plain HTTP: the server-rendered HTML (no JavaScript needed) and its CSV downloads;
 *  - in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): the national page as of
 *    2019-07-01 chosen with the date input, the language switch (remembered), a community page, an act
 *    as in force on a chosen date, a CSV download compared with the table, a phone-width layout, keyboard
 *    access; screenshots go to tests/artifacts/. A console error on any page fails the test.
 * Without /usr/bin/chromium the browser part is registered as skipped (counted so; the reason is printed once
 * per run by tests/support/global-setup.ts) and the plain-HTTP part still runs.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { parseCsv } from '../../interfaces/web/csv';
import { chromiumForThisRun, describeWhenAvailable } from '../support/availability';
import { seededDataDir } from '../support/seeded-template';
import { cliArgs, ROOT, startServer, type RunningServer } from '../support/server-process';
import { pageTables } from './html-tables';

const run = promisify(execFile);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

const COMMUNITY = { id: 'AMT0001', nameHy: 'Փորձավան', nameEn: 'Porsavan' };
const REPORT_2019 = { totalCommunities: 502, consolidatedMultiSettlement: 52, consolidatedWithMultiSettlementCmis: 40, withAtLeast3000Residents: 153, citizenServiceOffices: 42, citizenServiceOfficesWithGiz: 39 };
const ACT1_V1 = 'Հոդված 1. Սահմանել աղբահանության վճարը՝ 300 դրամ ամսական։';
const ACT1_V2 = 'Հոդված 1. Սահմանել աղբահանության վճարը՝ 400 դրամ ամսական։';

/** The parts of the DOM's table the tests read (the project compiles without the DOM library). */
interface CellLike {
  readonly textContent: string | null;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}
interface TableLike {
  readonly tHead: { readonly rows: ArrayLike<{ readonly cells: ArrayLike<CellLike> }> } | null;
  readonly tBodies: ArrayLike<{ readonly rows: ArrayLike<{ readonly cells: ArrayLike<CellLike> }> }>;
}

interface Seeded {
  act1: string;
  act2: string;
}

describe('public pages', () => {
  let server: RunningServer;
  let seeded: Seeded;

  const gql = async <T>(query: string, token?: string): Promise<T> => {
    const res = await server.graphql<T>(query, undefined, token);
    if (res.errors) throw new Error(`${query.slice(0, 80)}…: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  };

  const token = async (...args: string[]) => (await run(process.execPath, cliArgs('token', ...args), { env: { ...process.env, DATA_DIR: server.dataDir } })).stdout.trim();

  /** One community's catalogue, acts (one amended by the other), a decided application and an answered complaint. */
  const seedCommunity = async (): Promise<Seeded> => {
    const ministry = await token('--role', 'ministry');
    const staff = await token('--role', 'staff', '--community', COMMUNITY.id);
    const council = await token('--role', 'council', '--community', COMMUNITY.id);
    const c = JSON.stringify(COMMUNITY.id);
    await gql(
      `mutation { registerCommunity(input: {code: ${c}, nameHy: "${COMMUNITY.nameHy}", nameEn: "${COMMUNITY.nameEn}", province: "Shirak", kind: "rural", population: 3400, settlements: ["Փորձավան", "Նորավան"]}, source: "synthetic") { id } }`,
      ministry,
    );
    await gql(`mutation { deployCmis(communityId: ${c}, edition: "multi-settlement", on: "2020-01-15", source: "synthetic") { id } }`, ministry);
    await gql(`mutation { enableDocumentCirculation(communityId: ${c}, on: "2020-03-01", source: "synthetic") { id } }`, ministry);
    await gql(`mutation { launchOfficialWebsite(communityId: ${c}, url: "https://porsavan.example.am", hostedOnCmis: true, on: "2020-04-01", source: "synthetic") { id } }`, ministry);
    await gql(`mutation { openCitizenServiceOffice(communityId: ${c}, officeId: "CSO-T1", name: "Փորձավանի ՔՍԳ", partners: ["GIZ", "USAID"], on: "2020-05-01", source: "synthetic") { id } }`, ministry);
    await gql(
      `mutation { offerService(communityId: ${c}, input: {code: "S-01", nameHy: "Շինարարության թույլտվություն", nameEn: "Construction permit", feeAmd: 10000, deadlineDays: 14, issues: "permit"}) { id } }`,
      ministry,
    );
    await gql(
      `mutation { offerService(communityId: ${c}, input: {code: "S-02", nameHy: "Տեղեկանք, «բնակության» մասին", nameEn: "Certificate of residence, \\"main\\" address", feeAmd: 1500, deadlineDays: 3, issues: "certificate"}) { id } }`,
      ministry,
    );
    const adopt = async (titleHy: string, titleEn: string, text: string, effectiveFrom: string): Promise<string> => {
      const { draftAct } = await gql<{ draftAct: { id: string } }>(
        `mutation { draftAct(input: {communityId: ${c}, issuer: "council", titleHy: "${titleHy}", titleEn: "${titleEn}", text: "${text}"}) { id } }`,
        staff,
      );
      const id = JSON.stringify(draftAct.id);
      await gql(`mutation { placeActOnAgenda(id: ${id}, sessionDate: "2023-12-20") { id } }`, staff);
      await gql(`mutation { recordActVote(id: ${id}, votesFor: 11, votesAgainst: 2, votesAbstained: 1) { id status } }`, council);
      await gql(`mutation { publishAct(id: ${id}, effectiveFrom: "${effectiveFrom}") { id } }`, staff);
      return draftAct.id;
    };
    const act1 = await adopt('Աղբահանության վճարի մասին', 'On the waste collection fee', ACT1_V1, '2024-01-01');
    const act2 = await adopt('Աղբահանության վճարի մասին որոշման մեջ փոփոխություն կատարելու մասին', 'Amending the decision on the waste collection fee', 'Հոդված 1. 300 թիվը փոխարինել 400 թվով։', '2024-06-01');
    await gql(`mutation { amendAct(id: ${JSON.stringify(act1)}, amendingActId: ${JSON.stringify(act2)}, text: "${ACT1_V2}", effectiveFrom: "2024-06-01") { id version } }`, staff);
    const { submitApplication } = await gql<{ submitApplication: { id: string } }>(
      `mutation { submitApplication(input: {communityId: ${c}, serviceCode: "S-02", subject: "Տեղեկանք", details: "Բնակության վայրի մասին", applicantName: "Անի Պետրոսյան", channel: "in-person"}) { id } }`,
      staff,
    );
    await gql(`mutation { registerApplication(id: ${JSON.stringify(submitApplication.id)}) { id } }`, staff);
    await gql(`mutation { approveApplication(id: ${JSON.stringify(submitApplication.id)}, basis: "Համայնքի ավագանու որոշում") { id status } }`, staff);
    const { fileComplaint } = await gql<{ fileComplaint: { id: string } }>(
      `mutation { fileComplaint(input: {communityId: ${c}, channel: "hotline", category: "roads", subject: "Փողոցի լուսավորություն", description: "Լապտերները չեն աշխատում"}) { id } }`,
      staff,
    );
    await gql(`mutation { respondToComplaint(id: ${JSON.stringify(fileComplaint.id)}, response: "Վերանորոգված է", resolution: "upheld") { id } }`, staff);
    return { act1, act2 };
  };

  /** Waits until the projections show the seeded acts on the public site. */
  const waitForReadModels = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const data = await gql<{ publicSite: { actsInForce: Array<{ id: string; version: number }>; statistics: { complaints: { total: number } } } }>(
        `{ publicSite(communityId: ${JSON.stringify(COMMUNITY.id)}) { actsInForce { id version } statistics { complaints { total } } } }`,
      ).catch(() => null);
      if (data && data.publicSite.actsInForce.some((a) => a.id === seeded.act1 && a.version === 2) && data.publicSite.statistics.complaints.total === 1) return;
      if (Date.now() > deadline) throw new Error('the public site did not show the seeded work within a minute');
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    server = await startServer({}, { dataDir: await seededDataDir(), readyTimeoutMs: 600_000 });
    seeded = await seedCommunity();
    await waitForReadModels();
  }, 700_000);

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const fetchText = async (url: string) => {
    const res = await fetch(`${server.url}${url}`);
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('serves the pages as HTML without JavaScript, and each CSV download equals its table (plain HTTP)', async () => {
    const national = await fetchText('/?asOf=2019-07-01');
    expect(national.status).toBe(200);
    const html = national.bytes.toString('utf8');
    expect(html).toContain('<html lang="hy">');
    expect(html).not.toMatch(/<script/i);
    const adoption = pageTables(html).find((t) => t.id === 'adoption')!;
    const figures = Object.fromEntries(adoption.rows.map((r, i) => [i, Number(r[1])]));
    expect([figures[0], figures[2], figures[3], figures[6], figures[7], figures[8]]).toEqual([
      REPORT_2019.totalCommunities,
      REPORT_2019.consolidatedMultiSettlement,
      REPORT_2019.consolidatedWithMultiSettlementCmis,
      REPORT_2019.withAtLeast3000Residents,
      REPORT_2019.citizenServiceOffices,
      REPORT_2019.citizenServiceOfficesWithGiz,
    ]);
    const csv = await fetchText(adoption.csvHref);
    expect(csv.type).toBe('text/csv; charset=utf-8; header=present');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(csv.bytes.toString('utf8'))).toEqual([adoption.header, ...adoption.rows]);

    const community = (await fetchText(`/c/${COMMUNITY.id}?lang=en`)).bytes.toString('utf8');
    expect(community).toContain('<h1>Porsavan <span class="other-name" lang="hy">(Փորձավան)</span></h1>');
    const services = pageTables(community).find((t) => t.id === 'services')!;
    expect(services.rows).toEqual([
      ['S-01', 'Construction permit', '10000', '14', 'permit'],
      ['S-02', 'Certificate of residence, "main" address', '1500', '3', 'certificate'],
    ]);
    const servicesCsv = (await fetchText(services.csvHref)).bytes.toString('utf8');
    expect(servicesCsv).toContain('"Certificate of residence, ""main"" address"');
    expect(parseCsv(servicesCsv)).toEqual([services.header, ...services.rows]);

    const act = (await fetchText(`/c/${COMMUNITY.id}/acts/${seeded.act1}?asOf=2024-02-01`)).bytes.toString('utf8');
    expect(act).toContain(ACT1_V1);
    expect(act).not.toContain(ACT1_V2);
    expect((await fetchText('/c/NOPE')).status).toBe(404);
  });

  describeWhenAvailable('in headless Chromium', chromiumForThisRun(), (chromiumExecutable) => {
    let context: BrowserContext;
    let page: Page;
    let profile: string;
    const problems: string[] = [];
    /** Per page URL: HTML bytes (decoded), bytes on the wire (compressed), JavaScript bytes. */
    const sizes: Record<string, { html: number; transferred: number; js: number }> = {};

    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-chromium-'));
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumExecutable(),
        headless: true,
        args: CHROMIUM_ARGS,
        acceptDownloads: true,
        viewport: { width: 1280, height: 900 },
        locale: 'hy-AM',
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
      page.on('response', async (response) => {
        if (response.status() >= 400 && response.status() !== 404) problems.push(`HTTP ${response.status()} for ${response.url()}`);
        const type = response.headers()['content-type'] ?? '';
        if (!type.startsWith('text/html') && !type.includes('javascript')) return;
        const bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
        const transferred = (await response.request().sizes().catch(() => ({ responseBodySize: 0 }))).responseBodySize;
        const url = new URL(response.url());
        const entry = (sizes[`${url.pathname}${url.search}`] ??= { html: 0, transferred: 0, js: 0 });
        if (type.startsWith('text/html')) {
          entry.html = Math.max(entry.html, bytes);
          entry.transferred = Math.max(entry.transferred, transferred);
        } else entry.js += bytes;
      });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      if (profile) fs.rmSync(profile, { recursive: true, force: true });
      if (Object.keys(sizes).length) fs.writeFileSync(path.join(ARTIFACTS, 'page-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
    });

    afterEach(() => {
      // A console error (or a failed request) on any page fails the test that opened it.
      const found = problems.splice(0);
      expect(found).toEqual([]);
    });

    /** What each row of a table on the page shows: the value of `<data>`/`<time>`, else the text. */
    const tableOnPage = (id: string) =>
      page.locator(`[data-table="${id}"] table`).evaluate((table: TableLike) => {
        const value = (cell: CellLike) => cell.querySelector('data')?.getAttribute('value') ?? cell.querySelector('time')?.getAttribute('datetime') ?? (cell.textContent ?? '').trim();
        return {
          header: Array.from(table.tHead!.rows[0].cells).map((c) => (c.textContent ?? '').trim()),
          rows: Array.from(table.tBodies[0].rows).map((r) => Array.from(r.cells).map(value)),
        };
      });

    const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

    it('shows the 2019 national table after choosing 2019-07-01 with the date input', async () => {
      await page.goto(`${server.url}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('hy');
      expect(await page.textContent('h1')).toBe('ՀԿՏՀ ներդրումը Հայաստանի համայնքներում');
      expect(await page.getAttribute('#report-2019', 'href')).toBe('/?asOf=2019-07-01');
      await page.fill('#asOf-input', '2019-07-01');
      await Promise.all([page.waitForURL(/asOf=2019-07-01/), page.click('form.inline button[type="submit"]')]);
      const { nationalAdoptionReport: expected } = await gql<{ nationalAdoptionReport: Record<string, number> }>(
        '{ nationalAdoptionReport(asOf: "2019-07-01") { totalCommunities withCmisDeployed consolidatedMultiSettlement consolidatedWithMultiSettlementCmis withElectronicDocumentCirculation whereCmisIsOfficialWebsite withAtLeast3000Residents citizenServiceOffices giz: citizenServiceOfficesWithPartner(partner: "GIZ") shareOfPopulationOutsideYerevanWithCso } }',
      );
      const adoption = await tableOnPage('adoption');
      expect(adoption.header).toEqual(['Ցուցանիշ', 'Արժեք', '2019 թ. հաշվետվության ձևակերպումը']);
      const shown = adoption.rows.map((r) => Number(r[1]));
      expect(shown).toEqual(Object.values(expected));
      // The figures the report states exactly, and those it states in words.
      expect([shown[0], shown[2], shown[3], shown[6], shown[7], shown[8]]).toEqual(Object.values(REPORT_2019));
      expect(adoption.rows[1][2]).toBe('մոտ 400');
      expect(Math.abs(shown[1] - 400)).toBeLessThanOrEqual(20);
      expect(adoption.rows[4][2]).toBe('ավելի քան 300');
      expect(shown[4]).toBeGreaterThan(300);
      expect(Math.abs(shown[5] - 250)).toBeLessThanOrEqual(13);
      expect(Math.abs(shown[9] - 40)).toBeLessThanOrEqual(5);
      expect(await page.locator('#chart-adoption svg[role="img"] path').count()).toBe(4);
      await shot('national-2019-hy.png');
    });

    it('switches to English, remembers it, and formats for the language', async () => {
      await page.click('#language-switch');
      await page.waitForSelector('html[lang="en"]');
      expect(page.url()).toBe(`${server.url}/?asOf=2019-07-01`);
      expect(await page.textContent('#adoption-heading')).toBe('Adoption as of 1 July 2019');
      expect((await tableOnPage('adoption')).rows[1][0]).toBe('Communities with CMIS deployed');
      const cookies = await context.cookies(server.url);
      expect(cookies.find((c) => c.name === 'hamaynk_lang')?.value).toBe('en');
      await page.goto(`${server.url}/c`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe('Communities');
      await page.goto(`${server.url}/?asOf=2019-07-01`);
      // The log holds the demo seed: every page says so, in the page's language.
      expect(await page.getAttribute('[role="region"][aria-label="Demo data"]', 'id')).toBe('demo-data');
      expect(await page.isVisible('[role="region"][aria-label="Demo data"]')).toBe(true);
      await shot('national-2019-en.png');
    });

    it('finds a community by its Armenian name and opens its page', async () => {
      await page.goto(`${server.url}/c`);
      await page.fill('#search-input', 'փորձավ');
      await Promise.all([page.waitForURL(/search=/), page.click('form[role="search"] button[type="submit"]')]);
      expect((await tableOnPage('communities')).rows.map((r) => r[0])).toEqual([COMMUNITY.id]);
      await Promise.all([page.waitForURL(new RegExp(`/c/${COMMUNITY.id}$`)), page.click(`a[href="/c/${COMMUNITY.id}"]`)]);
      expect(await page.textContent('h1')).toContain(COMMUNITY.nameEn);
      const services = await tableOnPage('services');
      expect(services.rows.map((r) => r.slice(0, 4))).toEqual([
        ['S-01', 'Construction permit', '10000', '14'],
        ['S-02', 'Certificate of residence, "main" address', '1500', '3'],
      ]);
      const statistics = await tableOnPage('statistics');
      expect(statistics.rows[0]).toEqual(['Applications submitted', '1']);
      expect(await tableOnPage('offices')).toEqual({ header: ['Name', 'Partners', 'Opened'], rows: [['Փորձավանի ՔՍԳ', 'GIZ and USAID', '2020-05-01']] });
      const history = await tableOnPage('acts-history');
      expect(history.rows.filter((r) => r[1] === 'On the waste collection fee').map((r) => [r[2], r[3]])).toEqual([
        ['1', '2024-01-01'],
        ['2', '2024-06-01'],
      ]);
      await shot('community-en.png');
    });

    it('downloads a table as CSV with exactly what the table shows', async () => {
      const shown = await tableOnPage('services');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-table="services"] a[data-format="csv"]')]);
      expect(download.suggestedFilename()).toBe(`hamaynk-${COMMUNITY.id}-services-en.csv`);
      const file = await download.path();
      const bytes = fs.readFileSync(file!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(parseCsv(bytes.toString('utf8'))).toEqual([shown.header, ...shown.rows]);
      fs.copyFileSync(file!, path.join(ARTIFACTS, download.suggestedFilename()));
      const [byMonth] = await Promise.all([page.waitForEvent('download'), page.click('[data-table="applications-by-month"] a[data-format="csv"]')]);
      const months = parseCsv(fs.readFileSync((await byMonth.path())!).toString('utf8'));
      expect(months).toEqual((({ header, rows }) => [header, ...rows])(await tableOnPage('applications-by-month')));
    });

    it('follows to an act and shows its text as in force on a chosen date', async () => {
      await Promise.all([page.waitForURL(new RegExp(`/acts/${seeded.act1}$`)), page.click(`[data-table="acts"] a[href="/c/${COMMUNITY.id}/acts/${seeded.act1}"]`)]);
      expect(await page.textContent('h1')).toMatch(/^№ \S+ On the waste collection fee$/);
      expect(await page.textContent('#act-text')).toBe(ACT1_V2);
      await page.fill('#asOf-input', '2024-02-01');
      await Promise.all([page.waitForURL(/asOf=2024-02-01/), page.click('form.inline button[type="submit"]')]);
      expect(await page.textContent('#act-text')).toBe(ACT1_V1);
      expect(await page.textContent('#act-text-heading')).toBe('Text in force on 1 February 2024');
      expect((await tableOnPage('versions')).rows.map((r) => r.slice(0, 2))).toEqual([
        ['1', '2024-01-01'],
        ['2', '2024-06-01'],
      ]);
      await page.goto(`${server.url}/c/${COMMUNITY.id}/acts/${seeded.act1}?asOf=2023-06-01`);
      expect(await page.textContent('#act-text')).toBe('No text of this act was in force on 1 June 2023.');
      await page.goto(`${server.url}/c/${COMMUNITY.id}/acts/${seeded.act1}?asOf=2024-02-01`);
      await shot('act-en.png');
    });

    it('back in Armenian: readable at phone width, keyboard first stop is the skip link, no JavaScript at all', async () => {
      await page.goto(`${server.url}/lang/hy?next=${encodeURIComponent(`/c/${COMMUNITY.id}`)}`);
      expect(await page.getAttribute('html', 'lang')).toBe('hy');
      expect(await page.textContent('#services-heading')).toBe('Ծառայություններ, վճարներ և ժամկետներ');
      await shot('community-hy.png');
      // A community of the demo seed (Gyumri): 18 months of applications, acts and complaints.
      await page.goto(`${server.url}/c/AM08001`);
      expect(await page.textContent('h1')).toContain('Գյումրի');
      expect((await tableOnPage('services')).rows.length).toBeGreaterThan(0);
      expect((await tableOnPage('applications-by-month')).rows).toHaveLength(12);
      for (const chart of ['chart-applications', 'chart-processing', 'chart-on-time']) expect(await page.locator(`#${chart} svg[role="img"]`).count()).toBe(1);
      await shot('community-gyumri-hy.png');
      await page.setViewportSize({ width: 390, height: 844 });
      for (const url of ['/?asOf=2019-07-01', `/c/${COMMUNITY.id}`]) {
        await page.goto(`${server.url}${url}`);
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect({ url, overflow }).toEqual({ url, overflow: 0 });
        expect(await page.locator('script').count()).toBe(0);
      }
      await shot('community-phone-hy.png');
      await page.goto(`${server.url}/?asOf=2019-07-01`);
      await shot('national-phone-hy.png');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement && document.activeElement.className')).toBe('skip');
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const [url, size] of Object.entries(sizes)) {
        expect({ url, js: size.js }).toEqual({ url, js: 0 });
        expect(size.html).toBeLessThan(300_000);
      }
    });
  });
});
