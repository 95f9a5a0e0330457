/**
 * An issued permit, followed the way a person holding the paper would: the real server (`hamaynk serve`,
 * PUBLIC_URL its own address), a permit issued over GraphQL, the PDF downloaded by its holder, its page
 * rendered with pdftoppm and the QR code decoded with jsqr; then headless Chromium (Debian's, off-host
 * requests refused) opens the decoded address: the /verify page says "verified", in Armenian and in English,
 * and axe-core finds no serious or critical WCAG 2.2 AA violation on it nor on its 404 page.
 * Without Chromium or poppler-utils the suite is registered as skipped (counted so).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumForThisRun, describeWhenAvailable, popplerForThisRun, type Availability } from '../support/availability';
import { freePort, startServer, type RunningServer } from '../support/server-process';
import { daysFromToday, gql, mintTokens, ok, today } from '../e2e/support/api';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CODE = 'AM-QRV';

/** Chromium and poppler together, or why not. */
const needs = (): Availability<{ chromium: string; pdftoppm: string }> => {
  const chromium = chromiumForThisRun();
  const poppler = popplerForThisRun();
  if (!('available' in chromium)) return chromium;
  if (!('available' in poppler)) return poppler;
  return { available: { chromium: chromium.available, pdftoppm: poppler.available.pdftoppm } };
};

describeWhenAvailable('an issued permit checked from its QR code in a browser', needs(), (tools) => {
  let server: RunningServer;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let work: string;
  let permitId: string;
  const offHost: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startServer({ PORT: String(port), PUBLIC_URL: base }, { readyTimeoutMs: 120_000 });
    const t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry' },
      clerk: { role: 'staff', sub: 'clerk-1', community: CODE },
      head: { role: 'head', sub: 'head-1', community: CODE },
      ani: { role: 'resident', sub: '0800199021', acr: 'eid' },
    });
    const at = { url: base };
    ok(await gql(at, `mutation { registerCommunity(input: {code: "${CODE}", nameHy: "Քարավան", nameEn: "Karavan", province: "Syunik", kind: "rural", population: 900}) { id } }`, {}, t.ministry), 'registerCommunity');
    ok(await gql(at, `mutation { offerService(communityId: "${CODE}", input: {code: "well", nameHy: "Ջրհորի թույլտվություն", nameEn: "Well permit", feeAmd: 0, deadlineDays: 10, issues: "permit"}) { id } }`, {}, t.ministry), 'offerService');
    permitId = ok(
      await gql<Record<string, { id: string }>>(at, `mutation { submitApplication(input: {communityId: "${CODE}", serviceCode: "well", subject: "Ջրհոր այգում", details: "Խնդրում եմ", applicantName: "Անի Սարգսյան"}) { id } }`, {}, t.ani),
      'submitApplication',
    ).id;
    ok(await gql(at, 'mutation($id: ID!) { registerApplication(id: $id) { id } }', { id: permitId }, t.clerk), 'registerApplication');
    ok(await gql(at, 'mutation($id: ID!) { assignApplication(id: $id, assigneeId: "clerk-1") { id } }', { id: permitId }, t.head), 'assignApplication');
    ok(await gql(at, 'mutation($id: ID!) { approveApplication(id: $id, basis: "Ավագանու որոշում N 7") { id } }', { id: permitId }, t.clerk), 'approveApplication');
    ok(await gql(at, 'mutation($id: ID!, $a: String!, $b: String!) { issuePermit(id: $id, validFrom: $a, validUntil: $b) { id } }', { id: permitId, a: today(), b: daysFromToday(730) }, t.clerk), 'issuePermit');

    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-qr-'));
    const pdf = await fetch(`${base}/documents/${permitId}.pdf`, { headers: { authorization: `Bearer ${t.ani}` } });
    expect(pdf.status).toBe(200);
    fs.writeFileSync(path.join(work, 'permit.pdf'), Buffer.from(await pdf.arrayBuffer()));

    const { chromium } = await import('playwright-core');
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: tools().chromium, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
    const host = new URL(base).host;
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== host) {
        offHost.push(url.href);
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    if (work) fs.rmSync(work, { recursive: true, force: true });
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const seriousViolations = async (): Promise<string[]> => {
    const { AxeBuilder } = await import('@axe-core/playwright');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  };

  it('opens the address in the QR code: the page says verified, in Armenian, with no serious accessibility violation', async () => {
    execFileSync(tools().pdftoppm, ['-r', '150', '-png', '-f', '1', '-l', '1', path.join(work, 'permit.pdf'), path.join(work, 'page')]);
    const png = PNG.sync.read(fs.readFileSync(path.join(work, fs.readdirSync(work).find((f) => f.endsWith('.png'))!)));
    const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(qr?.data).toBe(`${base}/verify/${permitId}`);

    const response = await page.goto(qr!.data);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('hy');
    expect(await page.textContent('#verdict')).toContain('ստուգված է');
    expect(await page.textContent('#document-facts')).toContain('Անի Սարգսյան');
    expect(await page.locator('#audit-path li').count()).toBeGreaterThan(0);
    expect(await seriousViolations()).toEqual([]);
  });

  it('switches to English and stays verified; the 404 page of an unknown id is accessible too', async () => {
    await page.click('#language-switch');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#verdict')).toContain('verified');
    expect(await page.textContent('#document-facts')).toContain('Well permit');
    expect(await seriousViolations()).toEqual([]);
    const missing = await page.goto(`${base}/verify/no-such-application`);
    expect(missing?.status()).toBe(404);
    expect(await seriousViolations()).toEqual([]);
    expect(offHost).toEqual([]);
  });
});
