/**
 * GraphiQL works offline: the real server (`hamaynk serve`) and Debian's Chromium (playwright-core) with
 * every request to any other host refused and recorded — one such attempt fails the test. Through the UI
 * it runs a query (its answer, Armenian text included, appears in the result pane) and a subscription
 * over the same-origin graphql-ws endpoint, with the token typed in the headers editor.
 * Over plain HTTP: the bundle is served compressed by Accept-Encoding, and GRAPHIQL=off removes it.
 * Without /usr/bin/chromium the browser part prints one line saying it was skipped and why.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, startServer, type RunningServer } from '../support/server-process';
import { httpRequest, mintTokens } from '../e2e/support/api';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const browserSkip = fs.existsSync(CHROMIUM) ? null : `Browser tests: skipped — ${CHROMIUM} is not installed (apt-get install -y chromium); GraphiQL was checked over plain HTTP only`;

/** GET with the raw (still compressed) body and the headers. */
const rawGet = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers }).then(async (res) => ({ status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) }));

describe('GraphiQL', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
    const { ministry } = await mintTokens(server.dataDir, { ministry: { role: 'ministry', sub: 'minister-1' } });
    const registered = await server.graphql(
      'mutation { registerCommunity(input: {code: "TV-GQL", nameHy: "Փորձավան", nameEn: "Porsavan", province: "Shirak", kind: "rural", population: 3400}, source: "synthetic") { id } }',
      undefined,
      ministry,
    );
    expect(registered.errors).toBeUndefined();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('is one small page whose scripts, styles and workers come from this server, compressed by Accept-Encoding', async () => {
    const page = await httpRequest(`${server.url}/graphiql`);
    expect(page.status).toBe(200);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) expect(source).toMatch(/^\/graphiql\/assets\/[0-9a-f]{16}\/[a-z.]+$/);
    expect(page.text).not.toMatch(/https?:\/\//);

    const script = sources.find((s) => s.endsWith('/graphiql.js'))!;
    const plain = await rawGet(`${server.url}${script}`, { 'accept-encoding': 'identity' });
    const br = await rawGet(`${server.url}${script}`, { 'accept-encoding': 'gzip, br' });
    const gz = await rawGet(`${server.url}${script}`, { 'accept-encoding': 'gzip' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes what it can: each coding gives the same bytes, and the coded ones are far smaller on the wire.
    expect(br.body.equals(plain.body) && gz.body.equals(plain.body)).toBe(true);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const wire = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${server.url}${script}`, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          expect(zlib.brotliDecompressSync(body).equals(plain.body)).toBe(true);
          resolve(body.length);
        });
      });
      req.on('error', reject);
    });
    expect(wire).toBeLessThan(plain.body.length / 3);
    expect((await rawGet(`${server.url}/graphiql/assets/0000000000000000/graphiql.js`)).status).toBe(404);
  });

  it('is not served with GRAPHIQL=off (404), while GraphQL still answers', async () => {
    const off = await startServer({ GRAPHIQL: 'off' });
    try {
      expect((await httpRequest(`${off.url}/graphiql`)).status).toBe(404);
      expect(off.output()).not.toMatch(/GraphiQL/);
      expect(await off.graphql('{ serverInfo { name } }')).toEqual({ data: { serverInfo: { name: 'Hamaynk' } } });
    } finally {
      await off.stop();
      fs.rmSync(off.dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  (browserSkip ? describe.skip : describe)('in headless Chromium with no way out', () => {
    let context: BrowserContext;
    let page: Page;
    let profile: string;
    const offHost: string[] = [];
    const sockets: string[] = [];
    const problems: string[] = [];

    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-chromium-'));
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 } });
      const host = new URL(server.url).host;
      // Every request the pages or their workers make; anything not to this server is refused and recorded.
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== host) {
          offHost.push(url.href);
          return route.abort('blockedbyclient');
        }
        return route.continue();
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('websocket', (ws) => sockets.push(ws.url()));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      if (profile) fs.rmSync(profile, { recursive: true, force: true });
    });

    afterEach(() => {
      expect(offHost).toEqual([]);
      expect(problems.splice(0)).toEqual([]);
    });

    const resultText = async (expected: RegExp): Promise<string> => {
      const pane = page.locator('.graphiql-response');
      await pane.getByText(expected).first().waitFor({ timeout: 30_000 });
      return (await pane.innerText()).replace(/\s+/g, ' ');
    };

    it('runs a query typed in the editor and shows its answer, Armenian text intact', async () => {
      await page.goto(`${server.url}/graphiql`);
      await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
      // The start query (serverInfo) runs from the Run button.
      await page.locator('.graphiql-execute-button').click();
      expect(await resultText(/Hamaynk/)).toMatch(/"name": "Hamaynk"/);

      // Replace the query through the editor (Monaco) and run it with the keyboard.
      await page.locator('.graphiql-query-editor .monaco-editor').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText('{ community(id: "TV-GQL") { nameHy nameEn province } }');
      await page.keyboard.press('Control+Enter');
      const answer = await resultText(/Փորձավան/);
      expect(answer).toContain('"nameHy": "Փորձավան"');
      expect(answer).toContain('"nameEn": "Porsavan"');
      await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-query.png') });
    }, 180_000);

    it('runs a subscription over the same-origin graphql-ws endpoint, the token from the headers editor in connection_init', async () => {
      const { integration } = await mintTokens(server.dataDir, { integration: { role: 'integration', sub: 'integration-test' } });
      await page.locator('.graphiql-query-editor .monaco-editor').first().click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText('subscription { events(category: "community") { position streamId type } }');
      await page.getByRole('button', { name: /^headers$/i }).click();
      const headers = page.locator('.monaco-editor[data-uri$="headers.json"]').first();
      await headers.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(JSON.stringify({ authorization: `Bearer ${integration}` }));
      // GraphiQL takes the edited headers after a short debounce (and stores them): run only once it has them.
      await page.waitForFunction(
        (token) => {
          const store = (globalThis as unknown as { localStorage: Record<string, string> & { getItem(key: string): string | null } }).localStorage;
          return Object.keys(store).some((key) => key.endsWith('headers') && (store.getItem(key) ?? '').includes(token));
        },
        integration,
        { timeout: 30_000 },
      );
      await page.locator('.graphiql-execute-button').click();
      const answer = await resultText(/CommunityRegistered/);
      expect(answer).toContain('"streamId": "community-TV-GQL"');
      expect(sockets).toEqual([`${server.url.replace(/^http/, 'ws')}/graphql`]);
      await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-subscription.png') });
    }, 180_000);
  });
});
