/**
 * The staff workspace in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core) against
 * the real server (`hamaynk serve`, a fresh DATA_DIR, no demo seed: one community, its services and its
 * people appointed through GraphQL). Every person signs in through the sandbox identity provider's page
 * in the browser; every request that leaves the loopback host is aborted and recorded, and the suite fails
 * if there was one. Journeys are driven by what a person sees (roles, labels, button names):
 *  - an application from submission at the citizen service office to the permit (register, assign,
 *    approve, fee assessed and paid, permit issued);
 *  - a fee from assessment to payment, by keyboard only (Tab, typing, Enter);
 *  - an act from draft to publication (head's decision: Draft act, Sign, Publish);
 *  - a complaint from filing to closing (Acknowledge, Respond, Close);
 *  - the ministry's registry (register a community, deploy the CMIS), the auditor's audit pages.
 * axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) finds no serious or critical violation on any page kind, in
 * Armenian and in English. A dismissed member of staff's next request is refused; a POST without the CSRF
 * token is refused with nothing appended. Without /usr/bin/chromium the suite is registered as skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { yerevanDate, addDays } from '../../domain/kernel/time';
import { chromiumForThisRun, describeWhenAvailable } from '../support/availability';
import { cliArgs, ROOT, startServer, type RunningServer } from '../support/server-process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'workspace');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const COMMUNITY = 'AM-W01';
const PEOPLE = {
  minister: { personalId: '1000000001', name: 'Արմեն Նախարարյան' },
  auditor: { personalId: '1000000002', name: 'Լուսինե Ստուգյան' },
  clerk: { personalId: '1000000003', name: 'Անի Գործավարյան' },
  head: { personalId: '1000000004', name: 'Դավիթ Ղեկավարյան' },
  leaving: { personalId: '1000000005', name: 'Գոհար Հեռացողյան' },
} as const;

describeWhenAvailable('the staff workspace in headless Chromium', chromiumForThisRun(), (chromiumExecutable) => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Requests that tried to leave the loopback host (aborted). */
  const offHost: string[] = [];
  /** Serious or critical axe violations, per page. */
  const accessibility: string[] = [];
  const pageErrors: string[] = [];
  /** Pages axe looked at, and the rules that passed there (so an empty list of violations means something). */
  const axeRuns: Array<{ name: string; passes: number }> = [];
  let bootstrap: string;
  let applicationUrl = '';

  const today = yerevanDate(new Date());

  const gql = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await server.graphql<T>(query, variables, token);
    if (res.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  };

  beforeAll(async () => {
    server = await startServer();
    bootstrap = (await run(process.execPath, cliArgs('token', '--role', 'ministry'), { env: { ...process.env, DATA_DIR: server.dataDir } })).stdout.trim();
    await gql('mutation($i: RegisterCommunityInput!) { registerCommunity(input: $i) { id } }', { i: { code: COMMUNITY, nameHy: 'Փորձաշեն', nameEn: 'Portsashen', province: 'Kotayk', kind: 'urban', population: 8000 } }, bootstrap);
    await gql(
      'mutation($c: ID!, $i: ServiceInput!) { offerService(communityId: $c, input: $i) { id } }',
      { c: COMMUNITY, i: { code: 'building-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Building permit', feeAmd: 12500, deadlineDays: 20, issues: 'permit' } },
      bootstrap,
    );
    const official = 'mutation($p: String!, $r: String!, $n: String!) { appointOfficial(personalId: $p, role: $r, name: $n) { personalId } }';
    await gql(official, { p: PEOPLE.minister.personalId, r: 'ministry', n: PEOPLE.minister.name }, bootstrap);
    await gql(official, { p: PEOPLE.auditor.personalId, r: 'auditor', n: PEOPLE.auditor.name }, bootstrap);
    const staff = 'mutation($c: ID!, $p: String!, $r: String!, $n: String!) { appointStaff(communityId: $c, personalId: $p, role: $r, name: $n) { personalId } }';
    await gql(staff, { c: COMMUNITY, p: PEOPLE.clerk.personalId, r: 'staff', n: PEOPLE.clerk.name }, bootstrap);
    await gql(staff, { c: COMMUNITY, p: PEOPLE.head.personalId, r: 'head', n: PEOPLE.head.name }, bootstrap);
    await gql(staff, { c: COMMUNITY, p: PEOPLE.leaving.personalId, r: 'staff', n: PEOPLE.leaving.name }, bootstrap);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  /** A fresh browser (its own cookies) whose every non-loopback request is aborted and recorded. */
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hy-AM' });
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      offHost.push(url.href);
      return route.abort();
    });
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };

  /** Signs a person in through the sandbox provider's page, as they would: /staff → sign-in → the form. */
  const signIn = async (personalId: string, assurance: 'eid' | 'mid' | 'password' = 'eid', path = '/staff'): Promise<Page> => {
    const page = await newPage();
    await page.goto(`${server.url}${path}`);
    await page.waitForURL(/\/sandbox-idp\//);
    await check(page, 'sandbox-sign-in');
    await page.getByLabel(/Public service number/).fill(personalId);
    await page.getByLabel(assurance === 'eid' ? /ID card \(eID\)/ : assurance === 'mid' ? /Mobile ID/ : /Password/).check();
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.waitForURL((url) => url.pathname.startsWith(path.split('?')[0]));
    return page;
  };

  /** The axe check of the page as it stands (and a screenshot to look at). */
  const check = async (page: Page, name: string): Promise<void> => {
    const { AxeBuilder } = await import('@axe-core/playwright');
    const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    axeRuns.push({ name, passes: result.passes.length });
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      accessibility.push(`${name} (${page.url()}): ${v.id} [${v.impact}] ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  /** Checks the page in both languages: as it is, then with ?lang=en (or hy), then back. */
  const checkBoth = async (page: Page, name: string): Promise<void> => {
    const url = new URL(page.url());
    for (const lang of ['hy', 'en']) {
      url.searchParams.set('lang', lang);
      await page.goto(url.toString());
      await check(page, `${name}-${lang}`);
    }
  };

  /** Opens the form of a command shown in a <details> (its summary is the command's name). */
  const openForm = async (page: Page, name: string): Promise<void> => {
    const summary = page.locator('summary', { hasText: new RegExp(`^\\s*${name}\\s*$`) });
    if ((await summary.count()) > 0 && !(await summary.first().evaluate((s) => (s.parentElement as unknown as { open: boolean }).open))) await summary.first().click();
  };

  it('carries an application from submission at the citizen service office to the permit', async () => {
    const page = await signIn(PEOPLE.clerk.personalId);
    await page.goto(`${server.url}/staff/new/submitApplication?lang=en`);
    await checkBoth(page, 'new-application');
    await page.getByLabel('Building permit (building-permit)').check();
    await page.getByLabel('Subject').fill('Երկհարկանի տուն');
    await page.getByLabel('Details').fill('Հողամաս 12, <b>not bold</b>');
    await page.getByLabel('Applicant’s name').fill('Սոնա Հակոբյան');
    await page.getByLabel('Applicant’s public service number').fill('2000000001');
    await page.getByRole('button', { name: 'Submit application', exact: true }).click();
    await page.waitForURL(/\/staff\/applications\/[^/?]+\?done=submitApplication/);
    applicationUrl = page.url().split('?')[0];
    expect(await page.getByText('Submit application: recorded.').count()).toBe(1);
    // What the applicant typed is shown as text, never as markup.
    expect(await page.getByText('Հողամաս 12, <b>not bold</b>').count()).toBeGreaterThan(0);
    expect(await page.locator('main b').count()).toBe(0);

    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.waitForURL(/done=registerApplication/);
    await openForm(page, 'Assign');
    await page.locator('#form-assignApplication').getByLabel(PEOPLE.clerk.name).check();
    await page.locator('#form-assignApplication').getByRole('button', { name: 'Assign', exact: true }).click();
    await page.waitForURL(/done=assignApplication/);
    await openForm(page, 'Approve');
    await page.locator('#form-approveApplication').getByLabel('Legal basis').fill('Քաղաքաշինության մասին օրենք, հոդված 23');
    await page.locator('#form-approveApplication').getByRole('button', { name: 'Approve', exact: true }).click();
    await page.waitForURL(/done=approveApplication/);
    await check(page, 'application-approved-en');

    await page.getByRole('link', { name: 'Assess fee' }).click();
    await page.waitForURL(/\/staff\/new\/assessFee\?applicationId=/);
    expect(await page.getByLabel('Amount (drams)').inputValue()).toBe('12500');
    await page.getByRole('button', { name: 'Assess fee', exact: true }).click();
    await page.waitForURL(/\/staff\/fees\/[^/?]+\?done=assessFee/);
    await openForm(page, 'Record payment');
    await page.locator('#form-recordPayment').getByLabel('Amount (drams)').fill('12500');
    await page.locator('#form-recordPayment').getByLabel('Paid at').fill(`${today}T10:30`);
    await page.locator('#form-recordPayment').getByLabel('Payment reference').fill('CASH-0001');
    await page.locator('#form-recordPayment').getByRole('button', { name: 'Record payment', exact: true }).click();
    await page.waitForURL(/done=recordPayment/);
    expect(await page.getByText('paid', { exact: true }).count()).toBeGreaterThan(0);

    // The settlement reaches the application a moment later (the fee's process manager).
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${applicationUrl}?lang=en`);
      if ((await page.locator('summary', { hasText: /^\s*Issue permit\s*$/ }).count()) > 0) break;
      if (Date.now() > deadline) throw new Error('Issue permit was never offered after the fee was paid');
      await page.waitForTimeout(250);
    }
    await openForm(page, 'Issue permit');
    await page.locator('#form-issuePermit').getByLabel('Valid from').fill(today);
    await page.locator('#form-issuePermit').getByLabel('Valid until').fill(addDays(today, 365));
    await page.locator('#form-issuePermit').getByRole('button', { name: 'Issue permit', exact: true }).click();
    await page.waitForURL(/done=issuePermit/);
    expect(await page.getByText('Permit issued').count()).toBeGreaterThan(0);
    expect(await page.getByText('completed').count()).toBeGreaterThan(0);
    await checkBoth(page, 'application');
  }, 180_000);

  it('carries a fee from assessment to payment with the keyboard only', async () => {
    const page = await signIn(PEOPLE.clerk.personalId, 'password');
    await page.goto(`${server.url}/staff/new/assessFee?lang=en`);
    await checkBoth(page, 'new-fee');
    const focusNext = async (label: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = (globalThis as unknown as { document: { activeElement: { id: string; labels?: ArrayLike<{ textContent: string | null }> } | null } }).document.activeElement;
          return el?.labels && el.labels.length ? (el.labels[0].textContent ?? '').trim() : '';
        });
        if (focused === label) return;
      }
      throw new Error(`Tab never reached the field ${label}`);
    };
    /** Headless Chromium edits dates in the US order (month, day, year) whatever the page's language. */
    const usDate = (iso: string): string => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;
    const focusedValue = (): Promise<string> =>
      page.evaluate(() => (globalThis as unknown as { document: { activeElement: { value?: string } | null } }).document.activeElement?.value ?? '');
    /** Tabs to the button named `name` and presses Enter on it. */
    const pressButton = async (name: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null } | null } }).document.activeElement;
          return el?.tagName === 'BUTTON' ? (el.textContent ?? '').trim() : '';
        });
        if (focused === name) {
          await page.keyboard.press('Enter');
          return;
        }
      }
      throw new Error(`Tab never reached the button ${name}`);
    };
    const typeInto = async (label: string, value: string) => {
      await focusNext(label);
      await page.keyboard.type(value);
    };
    await typeInto('Payer’s public service number', '2000000002');
    await typeInto('Payer’s name', 'Արամ Վճարյան');
    await typeInto('Fee code', 'land-tax');
    await typeInto('Amount (drams)', '5000');
    await focusNext('Due on');
    await page.keyboard.type(usDate(addDays(today, 30)));
    expect(await focusedValue()).toBe(addDays(today, 30));
    await typeInto('Legal basis', 'Որոշում N 3');
    await pressButton('Assess fee');
    await page.waitForURL(/\/staff\/fees\/[^/?]+\?done=assessFee/);
    const feeUrl = page.url().split('?')[0];
    // Open the payment form with the keyboard: its summary, then the fields.
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const summary = await page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null } | null } }).document.activeElement;
        return el?.tagName === 'SUMMARY' ? (el.textContent ?? '').trim() : '';
      });
      if (summary === 'Record payment') break;
    }
    await page.keyboard.press('Enter');
    await typeInto('Amount (drams)', '5000');
    await focusNext('Paid at');
    // The date, then the arrow key to the time (a year segment takes up to six digits), then AM.
    await page.keyboard.type(usDate(today));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1015A');
    expect(await focusedValue()).toBe(`${today}T10:15`);
    await typeInto('Payment reference', 'CASH-0002');
    await pressButton('Record payment');
    await page.waitForURL(/done=recordPayment/, { timeout: 15_000 }).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\nThe page said: ${(await page.locator('main').innerText()).slice(0, 600)}`);
    });
    expect(page.url().startsWith(feeUrl)).toBe(true);
    expect(await page.getByText('Record payment: recorded.').count()).toBe(1);
    await checkBoth(page, 'fee');
    await page.goto(`${server.url}/staff/fees?lang=en`);
    expect(await page.getByRole('link', { name: 'land-tax' }).count()).toBe(1);
    await checkBoth(page, 'fees');
  }, 120_000);

  it('carries a head’s decision from draft to publication', async () => {
    const page = await signIn(PEOPLE.head.personalId, 'mid');
    await page.goto(`${server.url}/staff/new/draftAct?lang=en`);
    await checkBoth(page, 'new-act');
    await page.getByLabel('Decision of the head of community').check();
    await page.getByLabel('Title in Armenian').fill('Աղբահանության ժամանակացույցի մասին');
    await page.getByLabel('Title in English', { exact: false }).fill('On the waste collection schedule');
    await page.getByLabel('Text').fill('Հոդված 1. Աղբը հավաքել երկուշաբթի և հինգշաբթի։');
    await page.getByRole('button', { name: 'Draft act', exact: true }).click();
    await page.waitForURL(/\/staff\/acts\/[^/?]+\?done=draftAct/);
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.waitForURL(/done=signAct/);
    await openForm(page, 'Publish');
    await page.locator('#form-publishAct').getByLabel('In force from').fill(addDays(today, 1));
    await page.locator('#form-publishAct').getByRole('button', { name: 'Publish', exact: true }).click();
    await page.waitForURL(/done=publishAct/);
    expect(await page.getByText('Publish: recorded.').count()).toBe(1);
    await checkBoth(page, 'act');
    await page.goto(`${server.url}/staff/acts?lang=en`);
    await checkBoth(page, 'acts');
  }, 120_000);

  it('carries a complaint from filing to closing', async () => {
    const page = await signIn(PEOPLE.clerk.personalId);
    await page.goto(`${server.url}/staff/new/fileComplaint?lang=en`);
    await checkBoth(page, 'new-complaint');
    await page.getByLabel('Category').fill('roads');
    await page.getByLabel('Subject').fill('Փողոցի լուսավորություն');
    await page.getByLabel('What happened').fill('Լապտերները չեն աշխատում');
    await page.getByRole('button', { name: 'File complaint', exact: true }).click();
    await page.waitForURL(/\/staff\/complaints\/[^/?]+\?done=fileComplaint/);
    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await page.waitForURL(/done=acknowledgeComplaint/);
    await openForm(page, 'Respond');
    await page.locator('#form-respondToComplaint').getByLabel('Response').fill('Լապտերները վերանորոգված են');
    const upheld = page.locator('#form-respondToComplaint').getByRole('radio').first();
    await upheld.check();
    await page.locator('#form-respondToComplaint').getByRole('button', { name: 'Respond', exact: true }).click();
    await page.waitForURL(/done=respondToComplaint/);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.waitForURL(/done=closeComplaint/);
    expect(await page.getByText('Close: recorded.').count()).toBe(1);
    await checkBoth(page, 'complaint');
    await page.goto(`${server.url}/staff?lang=en`);
    await checkBoth(page, 'inbox');
    await page.goto(`${server.url}/staff/dashboard?lang=en`);
    await checkBoth(page, 'dashboard');
    await page.goto(`${server.url}/staff/directory?lang=en`);
    await checkBoth(page, 'directory');
    await page.goto(`${server.url}/staff/applications/no-such-case?lang=en`);
    await checkBoth(page, 'not-found');
  }, 180_000);

  it('lets the ministry keep the registry: register a community, deploy the CMIS, read the reports', async () => {
    const page = await signIn(PEOPLE.minister.personalId);
    await page.goto(`${server.url}/staff/communities?lang=en`);
    await openForm(page, 'Register community');
    const form = page.locator('#form-registerCommunity');
    await form.getByLabel('Community code').fill('AM-W02');
    await form.getByLabel('Name in Armenian').fill('Նորաշեն');
    await form.getByLabel('Name in English').fill('Norashen');
    await form.getByLabel('Province').selectOption('Lori');
    await form.getByLabel('Rural').check();
    await form.getByLabel('Population').fill('1200');
    await form.getByRole('button', { name: 'Register community', exact: true }).click();
    await page.waitForURL(/\/staff\/communities\/AM-W02\?done=registerCommunity/);
    await openForm(page, 'Deploy CMIS');
    await page.locator('#form-deployCmis').getByLabel('Single-settlement').check();
    await page.locator('#form-deployCmis').getByLabel('On', { exact: true }).fill(today);
    await page.locator('#form-deployCmis').getByRole('button', { name: 'Deploy CMIS', exact: true }).click();
    await page.waitForURL(/done=deployCmis/);
    expect(await page.getByText('CMIS deployed').count()).toBeGreaterThan(0);
    await checkBoth(page, 'community');
    await page.goto(`${server.url}/staff/communities?lang=en`);
    await checkBoth(page, 'communities');
    await page.goto(`${server.url}/staff/reports?lang=en`);
    await checkBoth(page, 'reports');
    // The ministry may not read the audit log: the 403 page.
    await page.goto(`${server.url}/staff/audit?lang=en`);
    await checkBoth(page, 'forbidden');
  }, 120_000);

  it('lets an auditor read the audit log, any stream as it stood, and the verified proofs', async () => {
    const page = await signIn(PEOPLE.auditor.personalId);
    await page.goto(`${server.url}/staff/audit?lang=en`);
    await page.getByLabel('Action (event type)').fill('CmisDeployed');
    await page.getByRole('button', { name: 'Apply filters', exact: true }).click();
    await page.waitForURL(/action=CmisDeployed/);
    await checkBoth(page, 'audit');
    await page.goto(`${server.url}/staff/audit/streams/community-AM-W02?lang=en&revision=0`);
    expect(await page.getByText('The state it was in (revision 0)').count()).toBe(1);
    await checkBoth(page, 'audit-stream');
    await page.goto(`${server.url}/staff/audit/tree?lang=en`);
    await page.getByLabel('Event position').fill('1');
    await page.getByRole('button', { name: 'Prove inclusion', exact: true }).click();
    await page.waitForURL(/position=1/);
    expect(await page.getByText(/Verified: the event’s stored bytes hash to leaf 0/).count()).toBe(1);
    await checkBoth(page, 'audit-tree');
  }, 120_000);

  it('refuses a dismissed member of staff at their next request, and a form without its CSRF token', async () => {
    const page = await signIn(PEOPLE.leaving.personalId);
    await page.goto(`${server.url}/staff?lang=en`);
    expect(await page.getByRole('heading', { level: 1, name: 'Inbox' }).count()).toBe(1);
    // A POST with the session cookie but without the form's token: 403, nothing appended.
    const headBefore = ((await (await fetch(`${server.url}/health`)).json()) as { head: string }).head;
    const refused = await page.request.post(`${server.url}/staff/commands/fileComplaint`, {
      form: { commandId: 'no-csrf', 'input.channel': 'hotline', 'input.category': 'roads', 'input.subject': 'x', 'input.description': 'y' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(((await (await fetch(`${server.url}/health`)).json()) as { head: string }).head).toBe(headBefore);
    await gql('mutation($c: ID!, $p: String!) { dismissStaff(communityId: $c, personalId: $p) { personalId } }', { c: COMMUNITY, p: PEOPLE.leaving.personalId }, bootstrap);
    const response = await page.goto(`${server.url}/staff?lang=en`);
    expect(response?.status()).toBe(403);
    expect(await page.getByText('You are signed in as a resident').count()).toBe(1);
  }, 120_000);

  it('requested nothing off the host, and no page had a serious or critical accessibility violation', () => {
    expect(offHost).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(accessibility).toEqual([]);
    // Every page kind in both languages (and the sandbox page at each sign-in) was looked at, with rules that ran.
    expect(axeRuns.length).toBeGreaterThanOrEqual(46);
    expect(axeRuns.filter((r) => r.passes < 10)).toEqual([]);
  });
});
