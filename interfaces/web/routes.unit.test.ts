/**
 * The routes of the public pages on a fastify instance whose `app.graphql` (as mercurius decorates it)
 * answers the public queries from fixture data with graphql-js: status codes, headers, the language
 * cookie, downloads, and what the pages ask GraphQL. (mercurius itself cannot be loaded under jest on
 * Node 20: one of its dependencies is ESM-only; the browser test runs the real server.)
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { buildSchema, graphql } from 'graphql';
import { parseCsv } from './csv';
import { acceptedEncodings, registerPublicPages, safeNext, requestLang } from './index';
import { fixtureCalls, fixtureResolvers, fixtureTypeDefs, TODAY } from '../../tests/browser/page-fixtures';
import { pageTables } from '../../tests/browser/html-tables';

describe('public page routes', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = Fastify();
    const schema = buildSchema(fixtureTypeDefs);
    const rootValue = Object.fromEntries(
      Object.entries(fixtureResolvers.Query).map(([name, resolve]) => [name, (args: never) => (resolve as (parent: unknown, args: never) => unknown)(undefined, args)]),
    );
    app.decorate('graphql', ((source: string, contextValue: Record<string, unknown>) => graphql({ schema, source, rootValue, contextValue })) as never);
    await registerPublicPages(app, { today: () => TODAY });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    fixtureCalls.length = 0;
  });

  /** Over real HTTP (fastify's inject needs an ESM-only dependency jest cannot load on Node 20). */
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${url}`, { headers, redirect: 'manual' });
    const rawPayload = Buffer.from(await res.arrayBuffer());
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(rawPayload);
    return {
      statusCode: res.status,
      headers: Object.fromEntries(res.headers.entries()) as Record<string, string | undefined>,
      rawPayload,
      body,
      json: () => JSON.parse(body) as unknown,
    };
  };

  it('serves the national page as of today by default, in Armenian, with strict headers and no script', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('hy');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('<html lang="hy">');
    expect(res.body).not.toMatch(/<script/i);
    expect(fixtureCalls.find((c) => c.field === 'nationalAdoptionReport')!.args).toEqual({ asOf: TODAY });
    expect(fixtureCalls.find((c) => c.field === 'transparencyReport')!.args).toEqual({ from: '2024-04-01', to: TODAY });
  });

  it('shows the 2019 table for ?asOf=2019-07-01 and serves exactly that table as CSV and JSON', async () => {
    const page = await get('/?asOf=2019-07-01');
    expect(page.statusCode).toBe(200);
    const adoption = pageTables(page.body).find((tb) => tb.id === 'adoption')!;
    expect(adoption.rows.map((r) => r[1])).toEqual(['502', '400', '52', '40', '310', '250', '153', '42', '39', '39.6']);
    expect(adoption.csvHref).toBe('/?asOf=2019-07-01&lang=hy&table=adoption&format=csv');

    const csv = await get(adoption.csvHref);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="hamaynk-national-2019-07-01-adoption-hy.csv"');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('\r\n');
    expect(parseCsv(csv.body)).toEqual([adoption.header, ...adoption.rows]);

    const json = await get(adoption.jsonHref);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = json.json() as { rows: Array<Record<string, unknown>>; caption: string };
    expect(body.rows[1]).toEqual({ indicator: 'ՀԿՏՀ ներդրված համայնքներ', value: 400, report2019: 'մոտ 400' });
    expect(body.caption).toBe(adoption.caption);
  });

  it('refuses an impossible date, an unknown table and an unknown format with a page in the language', async () => {
    const bad = await get('/?asOf=2019-02-30&lang=en');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The date must be a real date written as YYYY-MM-DD.');
    expect((await get('/?table=nope&format=csv')).statusCode).toBe(404);
    expect((await get('/?table=adoption&format=xlsx')).statusCode).toBe(400);
    const refused = await get('/c?search=refuse-me&lang=en');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The address asks for something that is not valid');
    expect(refused.body).not.toContain('search is refused');
  });

  it('remembers the language in a cookie and returns to the page', async () => {
    const res = await get('/lang/en?next=%2Fc%2FAM08001%3Flang%3Dhy');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/c/AM08001');
    expect(res.headers['set-cookie']).toBe('hamaynk_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly');
    const page = await get('/c/AM08001', { cookie: 'other=1; hamaynk_lang=en' });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Services, fees and deadlines');
    expect(page.body).toContain('href="/lang/hy?next=%2Fc%2FAM08001"');
    const evil = await get('/lang/en?next=//evil.example/x');
    expect(evil.headers.location).toBe('/');
    expect((await get('/lang/fr?next=/c')).headers['set-cookie']).toBeUndefined();
  });

  it('serves a community page and 404 for an unknown community', async () => {
    const page = await get('/c/AM08001');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Գյումրի');
    const reports = fixtureCalls.filter((c) => c.field === 'transparencyReport').map((c) => c.args);
    expect(reports).toHaveLength(14);
    expect(reports).toContainEqual({ communityId: 'AM08001', from: '2024-04-01', to: TODAY });
    expect(reports).toContainEqual({ communityId: 'AM08001' });
    expect(reports).toContainEqual({ communityId: 'AM08001', from: '2024-04-01', to: '2024-04-30' });
    expect(reports).toContainEqual({ communityId: 'AM08001', from: '2025-03-01', to: TODAY });
    const byMonth = pageTables(page.body).find((tb) => tb.id === 'applications-by-month')!;
    expect(byMonth.rows.map((r) => r[1])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    const services = pageTables(page.body).find((tb) => tb.id === 'services')!;
    const csv = await get(services.csvHref);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="hamaynk-AM08001-services-hy.csv"');
    expect(parseCsv(csv.body)).toEqual([services.header, ...services.rows]);
    expect(csv.body).toContain('"Արտաքին գովազդ, «Ա» վահանակներ"');

    const missing = await get('/c/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Էջը չի գտնվել');
  });

  it('serves an act with its text in force on the chosen date; 404 for unpublished or foreign acts', async () => {
    const now = await get('/c/AM08001/acts/act-1?lang=en');
    expect(now.statusCode).toBe(200);
    expect(now.body).toContain('1200 դրամ');
    const before = await get('/c/AM08001/acts/act-1?asOf=2024-02-01');
    expect(before.body).toContain('1000 դրամ');
    expect(before.body).not.toContain('1200 դրամ');
    expect(fixtureCalls.filter((c) => c.field === 'act').map((c) => c.args)).toContainEqual({ id: 'act-1', asOf: '2024-02-01' });
    const none = await get('/c/AM08001/acts/act-1?asOf=2023-06-01&lang=en');
    expect(none.body).toContain('No text of this act was in force on 1 June 2023.');
    expect((await get('/c/AM08001/acts/draft-1')).statusCode).toBe(404);
    expect((await get('/c/AM08002/acts/act-1')).statusCode).toBe(404);
    expect((await get('/c/AM08001/acts/missing')).statusCode).toBe(404);
  });

  it('searches communities by name in either language and filters by province', async () => {
    const hy = await get(`/c?search=${encodeURIComponent('գյումր')}`);
    expect(pageTables(hy.body)[0].rows.map((r) => r[0])).toEqual(['AM08001']);
    const en = await get('/c?search=kap&lang=en');
    expect(pageTables(en.body)[0].rows.map((r) => r[0])).toEqual(['AM09001']);
    const merged = await get('/c?province=Shirak&merged=1');
    expect(pageTables(merged.body)[0].rows.map((r) => r[0])).toEqual(['AM08001', 'AM08002', 'AM08001-F02']);
    expect(fixtureCalls.find((c) => c.field === 'communities' && c.args.province === 'Shirak')!.args).toEqual({ first: 100, province: 'Shirak', includeMerged: true });
    const injected = await get(`/c?search=${encodeURIComponent('x") { nodes { id } } #')}`);
    expect(injected.statusCode).toBe(200);
    expect(fixtureCalls[fixtureCalls.length - 1].args.search).toBe('x") { nodes { id } } #');
  });

  it('compresses pages and downloads for clients that accept it', async () => {
    const br = await get('/?asOf=2019-07-01', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding, Cookie');
    expect(br.body).toContain('<html lang="hy">');
    const gzip = await get('/?asOf=2019-07-01&table=adoption-by-month&format=csv', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(parseCsv(gzip.body)[0][0]).toBe('Ամիս');
    const plain = await get('/?asOf=2019-07-01', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(acceptedEncodings('gzip;q=0, br;q=0.5, deflate')).toEqual(new Set(['br', 'deflate']));
  });

  it('serves the stylesheet', async () => {
    const css = await get('/assets/site.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('@media (max-width:40rem)');
  });

  it('picks the language from ?lang=, then the cookie, then Armenian; sends only local paths back', () => {
    expect(requestLang({ lang: 'en' }, 'hamaynk_lang=hy')).toBe('en');
    expect(requestLang({}, 'hamaynk_lang=en')).toBe('en');
    expect(requestLang({ lang: 'fr' }, 'hamaynk_lang=%E0')).toBe('hy');
    expect(safeNext('/c?search=a&lang=en')).toBe('/c?search=a');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/%0d%0aSet-Cookie:x')).toBe('/%0d%0aSet-Cookie:x');
  });

  describe('the demo data banner', () => {
    let demoApp: FastifyInstance;
    let demoBase: string;
    let demo = true;

    beforeAll(async () => {
      demoApp = Fastify();
      const schema = buildSchema(fixtureTypeDefs);
      const rootValue = Object.fromEntries(
        Object.entries(fixtureResolvers.Query).map(([name, resolve]) => [name, (args: never) => (resolve as (parent: unknown, args: never) => unknown)(undefined, args)]),
      );
      demoApp.decorate('graphql', ((source: string, contextValue: Record<string, unknown>) => graphql({ schema, source, rootValue, contextValue })) as never);
      await registerPublicPages(demoApp, { today: () => TODAY, demoData: async () => demo });
      demoBase = await demoApp.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await demoApp.close();
    });

    const page = async (url: string) => (await fetch(`${demoBase}${url}`)).text();
    const PAGES = ['/', '/?asOf=2019-07-01', '/c', '/c/AM08001', '/c/NO-SUCH', '/?asOf=2019-02-30'];

    it.each(PAGES)('is on %s while the log holds demo cases, in Armenian by default', async (url) => {
      demo = true;
      const html = await page(url);
      expect(html).toContain('<div class="demo-banner" role="region" aria-label="Ցուցադրական տվյալներ" id="demo-data">');
      expect(html).toContain('<strong>Ցուցադրական տվյալներ։</strong>');
      // Above the page's content, right after the site header.
      expect(html.indexOf('id="demo-data"')).toBeLessThan(html.indexOf('<main'));
    });

    it('is in English with ?lang=en', async () => {
      demo = true;
      const html = await page('/c?lang=en');
      expect(html).toContain('aria-label="Demo data"');
      expect(html).toContain('<strong>Demo data.</strong> This installation holds made-up applications');
    });

    it.each(PAGES)('is not on %s when the log holds none', async (url) => {
      demo = false;
      expect(await page(url)).not.toContain('demo-banner');
    });

    it('is not on the pages of a server that was given no way to tell (the default)', async () => {
      expect((await get('/c')).body).not.toContain('demo-banner');
    });
  });
});
