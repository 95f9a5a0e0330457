/**
 * The workspace's finish over HTTP against the real application: people named as the staff directory
 * knows them (header, timelines, the inbox's assignee column); the inbox's status, service and assignee
 * filters as selects filled from data; the inbox and the receivables updating only their results with
 * htmx while the same links and GET forms work without JavaScript; an application's fees (assessed for it,
 * open or not) and its files with download links.
 */
import type { Actor } from '../../application/ports/event-store';
import { acceptUploads } from '../../application/files/uploads';
import { pdfFile } from '../../tests/support/files';
import { COMMUNITY, startTestWorkspace, type TestWorkspace } from './test-workspace';
import { createdId, formOf, httpOf, textOf } from './test-http';

let ws: TestWorkspace;
const { get, post } = httpOf(() => ws);
let clerk: string;
let unlisted: string;

const MINISTRY: Actor = { id: 'ministry-test', role: 'ministry', assurance: 'eid', channel: 'staff' };
const CLERK_ID = '1000000001';
const SECOND_CLERK_ID = '1000000002';

beforeAll(async () => {
  ws = await startTestWorkspace();
  for (const [personalId, role, name] of [
    [CLERK_ID, 'staff', 'Անի Հակոբյան'],
    [SECOND_CLERK_ID, 'staff', 'Լուսինե Սարգսյան'],
  ] as const) {
    await ws.hamaynk.commands.appointStaff({ communityId: COMMUNITY, personalId, role, name }, { actor: MINISTRY });
  }
  clerk = await ws.token({ sub: CLERK_ID, role: 'staff', communityId: COMMUNITY, acr: 'eid' });
  unlisted = await ws.token({ sub: 'clerk-unlisted', role: 'staff', communityId: COMMUNITY, acr: 'eid' });
}, 120_000);
afterAll(async () => {
  await ws?.close();
});

const submit = async (subject: string, serviceCode = 'building-permit'): Promise<string> =>
  createdId(
    await post(
      '/staff/commands/submitApplication',
      {
        commandId: `submit-${subject}`,
        'input.serviceCode': serviceCode,
        'input.kind': 'application',
        'input.subject': subject,
        'input.details': 'Details',
        'input.applicantName': 'Արմեն Պետրոսյան',
        'input.applicantId': '1234567890',
        'input.channel': 'cso',
      },
      clerk,
    ),
    'applications',
    'submitApplication',
  );

/** Runs a command from its form on a case page, with `fields` filled in. */
const run = async (id: string, command: string, fields: Record<string, string> = {}) => {
  const page = await get(`/staff/applications/${id}?lang=en`, clerk);
  const res = await post(`/staff/applications/${id}/${command}`, { ...formOf(page.body, command), ...fields }, clerk);
  if (res.status !== 303) throw new Error(`${command}: ${res.status} ${textOf(res.body).slice(0, 600)}`);
};

/** The HTML of the element with `id` up to its closing `tag`. */
const element = (html: string, id: string, tag: string): string => {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`No #${id} on the page`);
  return html.slice(html.lastIndexOf('<', start), html.indexOf(`</${tag}>`, start));
};

describe('people by name', () => {
  it('shows the signed-in person by their name in the directory, with the community’s name', async () => {
    const page = await get('/staff?lang=en', clerk);
    expect(textOf(element(page.body, 'signed-in-person', 'p'))).toContain('Signed in as Անի Հակոբյան (staff, Testavan)');
  });

  it('falls back to the id of someone the directory does not list', async () => {
    const page = await get('/staff?lang=en', unlisted);
    expect(textOf(element(page.body, 'signed-in-person', 'p'))).toContain('Signed in as clerk-unlisted (staff, Testavan)');
  });

  it('names the staff in a case’s timeline and its assignee, in the facts and in the inbox', async () => {
    const id = await submit('Named timeline');
    await run(id, 'registerApplication');
    await run(id, 'assignApplication', { assigneeId: SECOND_CLERK_ID });
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    const timeline = textOf(page.body.slice(page.body.indexOf('Timeline')));
    expect(timeline).toContain('Անի Հակոբյան (staff)');
    expect(timeline).not.toContain(`${CLERK_ID} (staff)`);
    expect(textOf(page.body)).toMatch(/Assignee Լուսինե Սարգսյան/);
    const inbox = await get('/staff?lang=en&tab=all&q=Named%20timeline', clerk);
    expect(textOf(element(inbox.body, 'worklist', 'table'))).toContain('Լուսինե Սարգսյան');
  });
});

describe('the inbox’s filters as choices from data', () => {
  it('offers the statuses of each kind, the community’s services and its staff as selects, keeping the chosen ones', async () => {
    const page = await get(`/staff?lang=en&tab=all&status=registered&service=residence-certificate&assignee=${SECOND_CLERK_ID}`, clerk);
    const status = element(page.body, 'status', 'select');
    expect(status).toContain('<optgroup label="Application">');
    expect(status).toMatch(/<option value="registered" selected>/);
    expect(status).toContain('value="partially-paid"');
    expect(status).toContain('value="escalated"');
    const service = element(page.body, 'service', 'select');
    expect(service).toMatch(/<option value="building-permit">\s*Building permit \(building-permit\)/);
    expect(service).toMatch(/<option value="residence-certificate" selected>/);
    const assignee = element(page.body, 'assignee', 'select');
    expect(assignee).toMatch(new RegExp(`<option value="${SECOND_CLERK_ID}" selected>\\s*Լուսինե Սարգսյան`));
    expect(assignee).toContain(`value="${CLERK_ID}"`);
    expect(page.body).not.toMatch(/<input[^>]+name="(status|service|assignee)"/);
  });

  it('lists only the chosen kind’s statuses, each status chosen once', async () => {
    const page = await get('/staff?lang=en&tab=all&kind=fee&status=due', clerk);
    const status = element(page.body, 'status', 'select');
    expect(status).toContain('<optgroup label="Fee">');
    expect(status).not.toContain('value="registered"');
    expect(status.match(/ selected>/g)).toHaveLength(1);
  });

  it('filters by the chosen service', async () => {
    await submit('Certificate please', 'residence-certificate');
    await submit('Permit please', 'building-permit');
    const page = await get('/staff?lang=en&tab=all&service=residence-certificate', clerk);
    const rows = textOf(element(page.body, 'worklist', 'table'));
    expect(rows).toContain('Certificate please');
    expect(rows).not.toContain('Permit please');
  });
});

describe('partial updates', () => {
  it('marks the inbox’s tabs, sort links, paging and filter form for htmx, while each keeps a plain URL', async () => {
    const page = await get('/staff?lang=en&tab=all&kind=application', clerk);
    const region = page.body.slice(page.body.indexOf('hx-target:inherited'));
    expect(region).toMatch(/^hx-target:inherited="#inbox-results" hx-select:inherited="#inbox-results > \*" hx-select-oob:inherited="#inbox-tabs,#inbox-tab-field,#inbox-clear" hx-push-url:inherited="true"/);
    expect(page.body).toMatch(/<form method="get" action="\/staff" hx-get="\/staff"/);
    // Every tab, sort and page link names the same URL twice: for the browser and for htmx.
    const links = [...page.body.matchAll(/<a [^>]*href="([^"]+)" hx-get="([^"]+)"/g)];
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const [, href, hxGet] of links) expect(hxGet).toBe(href);
    expect(page.body).toMatch(/id="tab-mine" href="\/staff\?tab=mine&amp;kind=application"/);
    expect(page.body).toMatch(/id="sort-dueOn" href="\/staff\?tab=all&amp;kind=application&amp;sort=dueOn&amp;order=asc"/);
    // The live region that announces the count after a swap is outside the swapped region.
    expect(page.body.indexOf('id="inbox-announcement" aria-live="polite"')).toBeLessThan(page.body.indexOf('id="inbox-results"'));
    expect(element(page.body, 'inbox-results', 'table')).toMatch(/id="cases-count" tabindex="-1" data-results-count>\s*\d+ cases?/);
  });

  it('answers an htmx request with the page that holds the selected parts, so a swap and a full load agree', async () => {
    const res = await fetch(`${ws.base}/staff?lang=en&tab=all&service=residence-certificate`, { headers: { authorization: `Bearer ${clerk}`, 'hx-request': 'true' } });
    const body = await res.text();
    expect(res.status).toBe(200);
    for (const id of ['inbox-results', 'inbox-tabs', 'inbox-tab-field', 'inbox-clear']) expect(body).toContain(`id="${id}"`);
    expect(body).toMatch(/id="inbox-tab-field"|name="tab" value="all" id="inbox-tab-field"/);
  });

  it('marks the receivables’ filter form and paging the same way', async () => {
    const page = await get('/staff/fees?lang=en', clerk);
    expect(page.body).toContain('hx-target:inherited="#fees-results" hx-select:inherited="#fees-results > *" hx-push-url:inherited="true"');
    expect(page.body).toMatch(/<form method="get" action="\/staff\/fees" hx-get="\/staff\/fees"/);
    expect(page.body).toContain('id="fees-announcement" aria-live="polite"');
  });

  it('ships the script that announces the count and keeps focus after a swap', async () => {
    const page = await get('/staff?lang=en', clerk);
    const init = /<script type="module" src="([^"]+)"/.exec(page.body)?.[1];
    const script = await (await fetch(`${ws.base}${init}`)).text();
    expect(script).toContain("addEventListener('htmx:after:swap'");
    expect(script).toContain('data-results-count');
  });
});

describe('an application’s related fees and files', () => {
  it('shows a fee assessed for it as a related case while still open (not yet a settlement of it)', async () => {
    const id = await submit('Fee related');
    const form = await get(`/staff/new/assessFee?applicationId=${id}&lang=en`, clerk);
    const feeId = createdId(
      await post('/staff/commands/assessFee', { ...formOf(form.body, 'assessFee'), 'input.applicationId': id, 'input.payerId': '1234567890', 'input.payerName': 'Արմեն Պետրոսյան', 'input.code': 'permit-fee', 'input.amountAmd': '12500', 'input.dueOn': '2099-01-31', 'input.basis': 'Decision 1' }, clerk),
      'fees',
      'assessFee',
    );
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    expect(page.body).toContain(`href="/staff/fees/${feeId}"`);
    expect(textOf(page.body)).toContain('Related cases Fee permit-fee: 12 500 ֏, due');
  });

  it('lists the files of its events with links that download them', async () => {
    const content = pdfFile();
    const refs = await acceptUploads([{ name: 'հատակագիծ.pdf', content }], ws.hamaynk.files);
    const clerkActor: Actor = { id: CLERK_ID, role: 'staff', communityId: COMMUNITY, assurance: 'eid', channel: 'staff' };
    const { id } = await ws.hamaynk.commands.submitApplication(
      { input: { communityId: COMMUNITY, serviceCode: 'building-permit', kind: 'application', subject: 'With a file', details: 'Plan attached', applicantName: 'Արմեն Պետրոսյան', applicantId: '1234567890', channel: 'cso', attachments: refs } } as never,
      { actor: clerkActor },
    );
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    const href = `/files/application/${id}/${refs[0].sha256}`;
    expect(page.body).toContain(`<a class="govuk-link" href="${href}" download>հատակագիծ.pdf</a>`);
    expect(textOf(page.body)).toMatch(/PDF, \d+ B; Application submitted/);
    const file = await fetch(`${ws.base}${href}`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(Buffer.from(content));
  });

  it('says so when it has no files', async () => {
    const id = await submit('No files');
    expect(textOf((await get(`/staff/applications/${id}?lang=en`, clerk)).body)).toContain('No files attached.');
  });
});
