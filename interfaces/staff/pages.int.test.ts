/**
 * The staff workspace's pages over HTTP against the real application (embedded stores, projections in
 * process): who may enter, what a person sees (headings, labels, button names, text), and what posting a
 * command's form does — the effect on the next page, validation beside the field with nothing appended, a
 * double post recorded once, a stale form reported as a conflict, another community's case as 404.
 */
import http from 'node:http';
import { workspaceAssets } from './assets';
import { csrfTokenIn, sessionCookieFor } from '../../tests/support/sign-in';
import { COMMUNITY, OTHER_COMMUNITY, startTestWorkspace, type TestWorkspace } from './test-workspace';

let ws: TestWorkspace;
let clerk: string;
let otherClerk: string;
let resident: string;

beforeAll(async () => {
  ws = await startTestWorkspace();
  clerk = await ws.token({ sub: 'clerk-1', role: 'staff', communityId: COMMUNITY, acr: 'eid' });
  otherClerk = await ws.token({ sub: 'clerk-9', role: 'staff', communityId: OTHER_COMMUNITY, acr: 'eid' });
  resident = await ws.token({ sub: '1234567890', role: 'resident', acr: 'eid' });
}, 120_000);
afterAll(async () => {
  await ws?.close();
});

const get = async (path: string, token?: string) => {
  const res = await fetch(`${ws.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
};

const post = async (path: string, fields: Record<string, string>, token: string) => {
  const res = await fetch(`${ws.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded', cookie: 'hamaynk_lang=en' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
};

const head = async () => (await ws.hamaynk.eventStore.headPosition())?.toString() ?? null;

/** The hidden inputs of the form of `command` on a page. */
const formOf = (html: string, command: string): Record<string, string> => {
  const start = html.indexOf(`id="form-${command}"`);
  if (start < 0) throw new Error(`No form for ${command} on the page`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const hidden: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[m[1]] = m[2];
  return hidden;
};

/** Text with tags and runs of white space removed, for asserting what a reader sees. */
const text = (html: string): string => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const submit = async (subject: string, token = clerk): Promise<string> => {
  const res = await post(
    '/staff/commands/submitApplication',
    {
      commandId: `submit-${subject}-${Math.random()}`,
      'input.serviceCode': 'building-permit',
      'input.kind': 'application',
      'input.subject': subject,
      'input.details': 'Two-storey house on plot 12',
      'input.applicantName': 'Անի Պետրոսյան',
      'input.applicantId': '1234567890',
      'input.channel': 'cso',
    },
    token,
  );
  expect(res.status).toBe(303);
  const id = /^\/staff\/applications\/([^?]+)\?done=submitApplication$/.exec(res.location ?? '')?.[1];
  if (!id) throw new Error(`Unexpected redirect ${res.location}: ${res.body.slice(0, 500)}`);
  return decodeURIComponent(id);
};

describe('who may enter the workspace', () => {
  it('sends a person who is not signed in to the sign-in, coming back to the page', async () => {
    const res = await get('/staff/fees?overdue=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/staff/fees?overdue=1')}`);
  });

  it('tells a resident, with HTTP 403, that the workspace is not for them and why', async () => {
    const res = await get('/staff?lang=en', resident);
    expect(res.status).toBe(403);
    expect(text(res.body)).toContain('You cannot use the staff workspace');
    expect(text(res.body)).toContain('You are signed in as a resident');
  });

  it('shows a member of staff their community’s inbox, in Armenian by default', async () => {
    const res = await get('/staff', clerk);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<html lang="hy"');
    expect(text(res.body)).toContain('Մուտքային աշխատանքներ');
    expect(text(res.body)).toContain('Ինձ հանձնարարված');
    expect(text(res.body)).toContain('Անցնել հիմնական բովանդակությանը');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' 'nonce-");
  });

  it('is de-branded: no Crown crest, no Crown copyright, no GOV.UK logo, our favicon', async () => {
    const res = await get('/staff?lang=en', clerk);
    expect(res.body).not.toMatch(/Crown copyright|govuk-footer__copyright-logo|Open Government Licence|govuk-logo|\/assets\/images\/favicon/);
    expect(res.body).toMatch(/<link rel="icon" href="\/staff\/assets\/[0-9a-f]{16}\/favicon\.svg"/);
    expect(text(res.body)).toContain('Signed in as clerk-1 (staff, Testavan)');
    expect(res.body).toMatch(/<form method="post" action="\/sign-out">\s*<input type="hidden" name="_csrf"/);
  });
});

describe('an application, from the citizen service office to the permit', () => {
  let id: string;

  it('is submitted on a resident’s behalf and the next page shows it, with a success banner', async () => {
    id = await submit('Permit for a house');
    const page = await get(`/staff/applications/${id}?done=submitApplication&lang=en`, clerk);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('Submit application: recorded.');
    expect(text(page.body)).toContain('Permit for a house');
    expect(text(page.body)).toContain('Անի Պետրոսյան');
    expect(text(page.body)).toContain('citizen service office');
    expect(text(page.body)).toContain('Application submitted');
  });

  it('appears in the inbox right after (reads follow writes)', async () => {
    const inbox = await get('/staff?tab=unassigned&lang=en', clerk);
    expect(text(inbox.body)).toContain('Permit for a house');
    expect(text(inbox.body)).toMatch(/20 days left|19 days left/);
  });

  it('offers only what the state allows, named after the command: Register, not Approve', async () => {
    const en = await get(`/staff/applications/${id}?lang=en`, clerk);
    expect(en.body).toMatch(/<button[^>]*>\s*Register\s*<\/button>/);
    expect(en.body).not.toMatch(/>\s*Approve\s*</);
    expect(en.body).not.toMatch(/>\s*Issue permit\s*</);
    const hy = await get(`/staff/applications/${id}`, clerk);
    expect(hy.body).toMatch(/<button[^>]*>\s*Գրանցել \(Register\)\s*<\/button>/);
  });

  it('registers it: 303 back to the case, which shows its registration number', async () => {
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    const res = await post(`/staff/applications/${id}/registerApplication`, formOf(page.body, 'registerApplication'), clerk);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/staff/applications/${id}?done=registerApplication`);
    const after = await get(`/staff/applications/${id}?lang=en`, clerk);
    expect(text(after.body)).toMatch(new RegExp(`${COMMUNITY}/\\d{4}/1`));
    expect(text(after.body)).toContain('Registered');
  });

  it('records a double-posted form once', async () => {
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    const form = { ...formOf(page.body, 'assignApplication'), assigneeId: 'clerk-1' };
    const first = await post(`/staff/applications/${id}/assignApplication`, form, clerk);
    expect(first.status).toBe(303);
    const after = await head();
    const second = await post(`/staff/applications/${id}/assignApplication`, form, clerk);
    expect(second.status).toBe(303);
    expect(await head()).toBe(after);
  });

  it('keeps what was typed and says what is missing beside the field, with HTTP 422 and nothing appended', async () => {
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    const before = await head();
    const res = await post(`/staff/applications/${id}/rejectApplication`, { ...formOf(page.body, 'rejectApplication'), reason: 'Incomplete drawings', basis: '' }, clerk);
    expect(res.status).toBe(422);
    expect(text(res.body)).toContain('There is a problem');
    expect(res.body).toMatch(/id="rejectApplication-basis-error"[\s\S]*?Enter Legal basis/);
    expect(res.body).toContain('Incomplete drawings');
    expect(await head()).toBe(before);
  });

  it('shows a validation failure of the command itself beside its field', async () => {
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    const before = await head();
    const res = await post(`/staff/applications/${id}/assignApplication`, { ...formOf(page.body, 'assignApplication'), commandId: 'assign-bad', assigneeId: 'no spaces allowed' }, clerk);
    expect(res.status).toBe(422);
    expect(res.body).toMatch(/id="assignApplication-assigneeId-error"[\s\S]*?Assign to:/);
    expect(await head()).toBe(before);
  });

  it('reports a form opened before someone else changed the case, and records nothing', async () => {
    const stale = await get(`/staff/applications/${id}?lang=en`, clerk);
    const fresh = formOf(stale.body, 'requestApplicationInformation');
    await post(`/staff/applications/${id}/requestApplicationInformation`, { ...fresh, question: 'Please bring the site plan' }, clerk);
    const before = await head();
    const res = await post(`/staff/applications/${id}/approveApplication`, { ...formOf(stale.body, 'approveApplication'), basis: 'Town planning code art. 5' }, clerk);
    expect(res.status).toBe(409);
    expect(text(res.body)).toContain('Changed by someone else since you opened it');
    expect(text(res.body)).toContain('awaiting information');
    expect(await head()).toBe(before);
  });

  it('answers another community’s staff 404, as for a case that does not exist', async () => {
    expect((await get(`/staff/applications/${id}`, otherClerk)).status).toBe(404);
    expect((await get('/staff/applications/no-such-case', clerk)).status).toBe(404);
    const res = await post(`/staff/applications/${id}/withdrawApplication`, { commandId: 'x', reason: 'mine' }, otherClerk);
    expect(res.status).toBe(404);
  });

  it('shows an applicant’s HTML as text', async () => {
    const evil = await submit('<script>alert(1)</script> house');
    const page = await get(`/staff/applications/${evil}?lang=en`, clerk);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; house');
    expect(page.body).not.toContain('<script>alert(1)</script>');
  });
});

describe('a fee from assessment to payment', () => {
  it('is assessed alone, paid at the counter, and the receivables list shows it paid', async () => {
    const assessed = await post(
      '/staff/commands/assessFee',
      {
        commandId: 'assess-1',
        'input.payerId': '1234567890',
        'input.payerName': 'Անի Պետրոսյան',
        'input.code': 'waste-collection',
        'input.amountAmd': '12 500',
        'input.dueOn': '2099-01-31',
        'input.basis': 'Council decision 12-Ն',
      },
      clerk,
    );
    expect(assessed.status).toBe(303);
    const feePath = assessed.location!.split('?')[0];
    const page = await get(`${feePath}?lang=en`, clerk);
    expect(text(page.body)).toContain('12 500 ֏');
    expect(page.body).toMatch(/>\s*Record payment\s*</);
    expect(page.body).not.toMatch(/>\s*Refund\s*</);
    const paid = await post(`${feePath}/recordPayment`, { ...formOf(page.body, 'recordPayment'), amountAmd: '12500', paidAt: '2026-01-15T10:30', reference: 'CASH-0001' }, clerk);
    expect(paid.status).toBe(303);
    const after = await get(`${feePath}?lang=en`, clerk);
    expect(text(after.body)).toContain('Payment recorded');
    expect(text(after.body)).toContain('CASH-0001');
    const list = await get('/staff/fees?lang=en&status=paid', clerk);
    expect(text(list.body)).toContain('waste-collection');
  });
});

describe('assets', () => {
  it('serves the stylesheet once compiled, from a hashed URL cached for a year, with the Armenian font and no GDS Transport', async () => {
    const page = await get('/staff', clerk);
    const css = /href="(\/staff\/assets\/[0-9a-f]{16}\/workspace\.css)"/.exec(page.body)![1];
    const res = await fetch(`${ws.base}${css}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await res.text();
    expect(body).toContain('"Noto Sans Armenian"');
    expect(body).not.toContain('GDS Transport');
    expect(body).toMatch(/url\(\/staff\/assets\/[0-9a-f]{16}\/noto-sans-armenian-armenian-400-normal\.woff2\)/);
  });

  /** The bytes on the wire of one GET (compressed as a browser asks: Brotli or gzip). */
  const wireBytes = (path: string, token?: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.get(`${ws.base}${path}`, { headers: { 'accept-encoding': 'br, gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
        res.on('error', reject);
      });
      req.on('error', reject);
    });

  it('keeps JavaScript per page within 50 KB and the inbox’s whole first load within 250 KB, compressed', async () => {
    const assets = workspaceAssets();
    const page = await get('/staff', clerk);
    expect(page.body).toContain(`<script type="module" src="${assets.script}">`);
    expect(page.body).toContain(`<script src="${assets.htmx}" defer>`);
    const js = (await Promise.all(assets.scripts.map((u) => wireBytes(u)))).reduce((a, b) => a + b, 0);
    const html = await wireBytes('/staff', clerk);
    const css = await wireBytes(assets.stylesheet);
    const fonts = (await Promise.all(assets.fonts.map((u) => wireBytes(u)))).reduce((a, b) => a + b, 0);
    const total = html + css + js + fonts;
    process.stdout.write(`workspace sizes (compressed): JS per page ${(js / 1024).toFixed(1)} KB; inbox first load ${(total / 1024).toFixed(1)} KB (HTML ${(html / 1024).toFixed(1)}, CSS ${(css / 1024).toFixed(1)}, JS ${(js / 1024).toFixed(1)}, fonts ${(fonts / 1024).toFixed(1)})\n`);
    expect(js).toBeLessThanOrEqual(50 * 1024);
    expect(total).toBeLessThanOrEqual(250 * 1024);
  });
});

describe('a browser session at the workspace (roles from the staff directory, CSRF on every form)', () => {
  const MINISTRY = { id: 'ministry-test', role: 'ministry', assurance: 'eid', channel: 'staff' } as const;
  const CLERK_ID = '0900000001';

  const browser = async (path: string, cookie: string, init: { form?: Record<string, string> } = {}) => {
    const res = await fetch(`${ws.base}${path}`, {
      method: init.form ? 'POST' : 'GET',
      headers: { cookie: `${cookie}; hamaynk_lang=en`, ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  };

  let cookie: string;
  beforeAll(async () => {
    await ws.hamaynk.commands.appointStaff({ communityId: COMMUNITY, personalId: CLERK_ID, role: 'staff', name: 'Արմեն Սարգսյան' }, { actor: MINISTRY });
    ({ cookie } = await sessionCookieFor(ws.sessions, ws.sessionSecret, { personalId: CLERK_ID, assurance: 'eid' }));
  });

  it('lets an appointed clerk in with the community the directory gives, and every form carries the session\'s CSRF token', async () => {
    const inbox = await browser('/staff', cookie);
    expect(inbox.status).toBe(200);
    const form = await browser('/staff/new/submitApplication', cookie);
    expect(form.status).toBe(200);
    expect(csrfTokenIn(form.body)).toMatch(/\S{10,}/);
  });

  it('refuses a form posted without a valid CSRF token with 403, appending nothing; with the token it records', async () => {
    const form = await browser('/staff/new/submitApplication', cookie);
    const fields = {
      commandId: `csrf-${Math.random()}`,
      'input.serviceCode': 'building-permit',
      'input.kind': 'application',
      'input.subject': 'Ցանկապատ',
      'input.details': 'Fence on plot 3',
      'input.applicantName': 'Անի Պետրոսյան',
      'input.applicantId': '1234567890',
      'input.channel': 'cso',
    };
    const before = await head();
    for (const token of [undefined, 'forged-token']) {
      const refused = await browser('/staff/commands/submitApplication', cookie, { form: token ? { ...fields, _csrf: token } : fields });
      expect(refused.status).toBe(403);
      expect(await head()).toBe(before);
    }
    const accepted = await browser('/staff/commands/submitApplication', cookie, { form: { ...fields, _csrf: csrfTokenIn(form.body) } });
    expect(accepted.status).toBe(303);
    expect(await head()).not.toBe(before);
  });

  it('refuses a dismissed clerk at their very next request, in the same session', async () => {
    const other = await sessionCookieFor(ws.sessions, ws.sessionSecret, { personalId: '0900000002', assurance: 'eid' });
    await ws.hamaynk.commands.appointStaff({ communityId: COMMUNITY, personalId: '0900000002', role: 'staff', name: 'Գոռ Մանուկյան' }, { actor: MINISTRY });
    expect((await browser('/staff', other.cookie)).status).toBe(200);
    await ws.hamaynk.commands.dismissStaff({ communityId: COMMUNITY, personalId: '0900000002' }, { actor: MINISTRY });
    const after = await browser('/staff', other.cookie);
    expect(after.status).toBe(403);
    expect(text(after.body)).toContain('resident');
  });
});
