/**
 * The inbox in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core; every request off
 * this host aborted): choosing a service and applying the filters swaps only the results with htmx — the
 * heading stays the same element, the URL carries the filter, the count is announced by the live region —
 * and the screenshot of that state is written to tests/artifacts/staff-inbox-filtered.png. Without
 * Chromium the suite is registered as skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { Actor } from '../../application/ports/event-store';
import { chromiumForThisRun, describeWhenAvailable } from '../../tests/support/availability';
import { COMMUNITY, startTestWorkspace, type TestWorkspace } from './test-workspace';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = path.join(__dirname, '..', '..', 'tests', 'artifacts');
const MINISTRY: Actor = { id: 'ministry-test', role: 'ministry', assurance: 'eid', channel: 'staff' };
const CLERK: Actor = { id: '1000000001', role: 'staff', communityId: COMMUNITY, assurance: 'eid', channel: 'staff' };

describeWhenAvailable('the inbox in headless Chromium', chromiumForThisRun(), (chromiumExecutable) => {
  let ws: TestWorkspace;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    ws = await startTestWorkspace();
    await ws.hamaynk.commands.appointStaff({ communityId: COMMUNITY, personalId: CLERK.id, role: 'staff', name: 'Անի Հակոբյան' }, { actor: MINISTRY });
    for (const [subject, serviceCode] of [
      ['Բնակության տեղեկանք Ա', 'residence-certificate'],
      ['Բնակության տեղեկանք Բ', 'residence-certificate'],
      ['Շինթույլտվություն', 'building-permit'],
    ] as const) {
      await ws.hamaynk.commands.submitApplication(
        { input: { communityId: COMMUNITY, serviceCode, kind: 'application', subject, details: '—', applicantName: 'Արմեն Պետրոսյան', applicantId: '1234567890', channel: 'cso' } } as never,
        { actor: CLERK },
      );
    }
    const token = await ws.token({ sub: CLERK.id, role: 'staff', communityId: COMMUNITY, acr: 'eid' });
    const { chromium } = await import('playwright-core');
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-chromium-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumExecutable(),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'hy-AM',
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    const origin = new URL(ws.base).origin;
    await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await ws?.close();
  });

  it('swaps only the results when a filter changes, keeps the state in the URL and announces the count', async () => {
    await page.goto(`${ws.base}/staff?tab=all&lang=en`);
    await page.waitForFunction(() => 'htmx' in globalThis);
    // A mark on the heading: a whole-page load would replace it, a swap of the results keeps it.
    await page.locator('h1').evaluate((h1) => h1.setAttribute('data-kept', 'yes'));
    await expectText(page.locator('#cases-count'), /3 cases/);
    await page.locator('form[role="search"] details summary').click();
    await page.selectOption('#service', 'residence-certificate');
    await page.locator('form[role="search"] button.govuk-button').click();
    await expectText(page.locator('#inbox-announcement'), /2 cases/);
    expect(await page.locator('#inbox-announcement').textContent()).toMatch(/2 cases/);
    expect(await page.locator('h1').getAttribute('data-kept')).toBe('yes');
    expect(new URL(page.url()).searchParams.get('service')).toBe('residence-certificate');
    expect(await page.locator('#worklist tbody tr').count()).toBe(2);
    expect(await page.locator('#tab-mine').getAttribute('href')).toContain('service=residence-certificate');
    await page.screenshot({ path: path.join(ARTIFACTS, 'staff-inbox-filtered.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});

/** Waits up to 5 s for a locator's text to match (playwright-core has no test runner's expect). */
async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 50 && !pattern.test((await locator.textContent()) ?? ''); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.textContent()).toMatch(pattern);
}
