/**
 * The workspace's legal acts, complaints, dashboard and staff directory over HTTP against the real
 * application (embedded stores, projections in process): an act from draft to publication with its
 * versions and their diff and the register of acts; a complaint filed at the hotline, acknowledged,
 * assigned to a member of staff chosen from the directory, answered and closed, and seen in the inbox;
 * the dashboard's figures linking into the inbox; the head appointing and dismissing staff (never a head).
 */
import { yerevanDate } from '../../domain/kernel/time';
import type { Actor } from '../../application/ports/event-store';
import { COMMUNITY, OTHER_COMMUNITY, startTestWorkspace, type TestWorkspace } from './test-workspace';
import { createdId, formHtml, formOf, httpOf, textOf } from './test-http';

let ws: TestWorkspace;
const { get, post, head } = httpOf(() => ws);
let clerk: string;
let headOfCommunity: string;
let councillor: string;
let otherClerk: string;
let ministry: string;
const today = yerevanDate(new Date());
const year = today.slice(0, 4);

const MINISTRY: Actor = { id: 'ministry-test', role: 'ministry', assurance: 'eid', channel: 'staff' };
const CLERK_ID = '1000000001';
const SECOND_CLERK_ID = '1000000002';
const HEAD_ID = '1000000009';

beforeAll(async () => {
  ws = await startTestWorkspace();
  // The community's staff as the directory lists them (the assign forms choose among them).
  for (const [personalId, role, name] of [
    [CLERK_ID, 'staff', 'Արմեն Սարգսյան'],
    [SECOND_CLERK_ID, 'staff', 'Լուսինե Հակոբյան'],
    [HEAD_ID, 'head', 'Գագիկ Մելքոնյան'],
  ] as const) {
    await ws.hamaynk.commands.appointStaff({ communityId: COMMUNITY, personalId, role, name }, { actor: MINISTRY });
  }
  clerk = await ws.token({ sub: CLERK_ID, role: 'staff', communityId: COMMUNITY, acr: 'eid' });
  headOfCommunity = await ws.token({ sub: HEAD_ID, role: 'head', communityId: COMMUNITY, acr: 'eid' });
  councillor = await ws.token({ sub: '1000000007', role: 'council', communityId: COMMUNITY, acr: 'eid' });
  otherClerk = await ws.token({ sub: '2000000001', role: 'staff', communityId: OTHER_COMMUNITY, acr: 'eid' });
  ministry = await ws.token({ sub: 'ministry-test', role: 'ministry', acr: 'eid' });
}, 120_000);
afterAll(async () => {
  await ws?.close();
});

const draft = async (title: string, text: string, issuer: 'council' | 'head' = 'council', token = clerk): Promise<string> => {
  const res = await post('/staff/commands/draftAct', { commandId: `draft-${title}-${Math.random()}`, 'input.issuer': issuer, 'input.titleHy': title, 'input.text': text }, token);
  return createdId(res, 'acts', 'draftAct');
};

/** Runs a command from its form on the act's page as `token`, with `fields` filled in. */
const run = async (kind: string, id: string, command: string, fields: Record<string, string> = {}, token = clerk) => {
  const page = await get(`/staff/${kind}/${id}?lang=en`, token);
  const res = await post(`/staff/${kind}/${id}/${command}`, { ...formOf(page.body, command), ...fields }, token);
  if (res.status !== 303) throw new Error(`${command}: ${res.status} ${textOf(res.body).slice(0, 800)}`);
  return res;
};

describe('a council decision, from the draft to its publication', () => {
  let id: string;

  it('is drafted from /staff/new/draftAct and its page shows the text, version 1', async () => {
    const form = await get('/staff/new/draftAct?lang=en', clerk);
    expect(form.status).toBe(200);
    expect(form.body).toMatch(/<button[^>]*>\s*Draft act\s*<\/button>/);
    expect(textOf(form.body)).toContain('Title in Armenian');
    id = await draft('Տեղական տուրքերի մասին', 'Հոդված 1. Տուրքը 500 դրամ է։\nՀոդված 2. Վճարվում է տարեկան։');
    const page = await get(`/staff/acts/${id}?done=draftAct&lang=en`, clerk);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Draft act: recorded.');
    expect(page.body).toMatch(/<h1 class="govuk-heading-l">\s*Տեղական տուրքերի մասին\s*<\/h1>/);
    expect(textOf(page.body)).toContain('Number not numbered yet');
    expect(textOf(page.body)).toContain('Text of the act (version 1)');
    expect(page.body).toContain('Հոդված 1. Տուրքը 500 դրամ է։\nՀոդված 2.');
    expect(textOf(page.body)).toContain('Draft prepared');
  });

  it('offers the commands the draft allows a member of staff, named as the API lists them — not Sign, nor Publish', async () => {
    const page = await get(`/staff/acts/${id}?lang=en`, clerk);
    for (const button of ['Revise', 'Open discussion', 'Place on agenda']) expect(page.body).toMatch(new RegExp(`<button[^>]*>\\s*${button}\\s*</button>`));
    for (const button of ['Sign', 'Publish', 'Record vote', 'Close discussion', 'Amend', 'Repeal']) expect(page.body).not.toMatch(new RegExp(`<button[^>]*>\\s*${button}\\s*</button>`));
    const hy = await get(`/staff/acts/${id}`, clerk);
    expect(hy.body).toMatch(/<button[^>]*>\s*Լրամշակել \(Revise\)\s*<\/button>/);
  });

  it('is revised, and the page shows the diff between the two versions word by word', async () => {
    await run('acts', id, 'reviseActDraft', { text: 'Հոդված 1. Տուրքը 700 դրամ է։\nՀոդված 2. Վճարվում է տարեկան։' });
    const page = await get(`/staff/acts/${id}?lang=en`, clerk);
    expect(textOf(page.body)).toContain('Text of the act (version 2)');
    expect(textOf(page.body)).toContain('Version 1 → version 2: 1 word added, 1 word removed');
    expect(page.body).toMatch(/<del><span class="govuk-visually-hidden">\[removed: <\/span>500<span/);
    expect(page.body).toMatch(/<ins><span class="govuk-visually-hidden">\[added: <\/span>700<span/);
    expect(textOf(page.body)).toContain('Draft revised');
  });

  it('compares any two versions asked for in the URL', async () => {
    await run('acts', id, 'reviseActDraft', { text: 'Հոդված 1. Տուրքը 700 դրամ է։\nՀոդված 2. Վճարվում է ամսական։' });
    const page = await get(`/staff/acts/${id}?lang=en&from=1&to=3`, clerk);
    expect(textOf(page.body)).toContain('Version 1 → version 3: 2 words added, 2 words removed');
    expect(page.body).toMatch(/<option value="1" selected>/);
    expect(page.body).toMatch(/<option value="3" selected>/);
    const same = await get(`/staff/acts/${id}?lang=en&from=2&to=2`, clerk);
    expect(textOf(same.body)).toContain('The same version');
  });

  it('goes on the agenda, is voted by the council (recorded by a council member) and gets its number', async () => {
    await run('acts', id, 'placeActOnAgenda', { sessionDate: today });
    const councilPage = await get(`/staff/acts/${id}?lang=en`, councillor);
    expect(councilPage.body).toMatch(/<button[^>]*>\s*Record vote\s*<\/button>/);
    expect(councilPage.body).not.toMatch(/<button[^>]*>\s*Publish\s*<\/button>/);
    await run('acts', id, 'recordActVote', { votesFor: '9', votesAgainst: '2', votesAbstained: '1' }, councillor);
    const page = await get(`/staff/acts/${id}?lang=en`, clerk);
    expect(textOf(page.body)).toContain('9 for, 2 against, 1 abstained');
    expect(textOf(page.body)).toMatch(new RegExp(`Act ${year}/\\d+: Տեղական տուրքերի մասին`));
    expect(textOf(page.body)).toContain('Adopted by the council');
  });

  it('is published and then listed in the register, found by status and by year', async () => {
    await run('acts', id, 'publishAct', { effectiveFrom: today });
    const register = await get(`/staff/acts?lang=en&status=published&year=${year}`, clerk);
    expect(register.status).toBe(200);
    expect(register.body).toMatch(/<caption[^>]*>\s*Register of acts\s*<\/caption>/);
    expect(textOf(register.body)).toContain('Տեղական տուրքերի մասին');
    expect(textOf(register.body)).toContain('1 act');
    expect(register.body).toContain(`href="/staff/acts/${id}"`);
    const drafts = await get('/staff/acts?lang=en&status=draft', clerk);
    expect(drafts.body).not.toContain(`href="/staff/acts/${id}"`);
    const otherYear = await get(`/staff/acts?lang=en&year=${Number(year) - 5}`, clerk);
    expect(textOf(otherYear.body)).toContain('No acts match.');
  });

  it('is amended by a later act: the amended act links to it and shows the new version', async () => {
    const amending = await draft('Փոփոխություն տուրքերի մասին որոշման մեջ', 'Փոխել 700-ը 800-ով։');
    await run('acts', amending, 'placeActOnAgenda', { sessionDate: today });
    await run('acts', amending, 'recordActVote', { votesFor: '7', votesAgainst: '0', votesAbstained: '0' });
    await run('acts', amending, 'publishAct', { effectiveFrom: today });
    const page = await get(`/staff/acts/${id}?lang=en`, clerk);
    // The amending act is chosen among the community's published acts.
    expect(formHtml(page.body, 'amendAct')).toContain(`value="${amending}"`);
    await run('acts', id, 'amendAct', { amendingActId: amending, text: 'Հոդված 1. Տուրքը 800 դրամ է։\nՀոդված 2. Վճարվում է ամսական։', effectiveFrom: today });
    const after = await get(`/staff/acts/${id}?lang=en`, clerk);
    expect(textOf(after.body)).toContain('Text of the act (version 4)');
    expect(textOf(after.body)).toMatch(/Amended by \d{4}\/\d+ Փոփոխություն տուրքերի մասին որոշման մեջ: version 4/);
    expect(after.body).toContain(`href="/staff/acts/${amending}"`);
  });

  it('answers another community’s staff 404, for the page and for a command', async () => {
    expect((await get(`/staff/acts/${id}`, otherClerk)).status).toBe(404);
    const before = await head();
    expect((await post(`/staff/acts/${id}/repealAct`, { commandId: 'x', repealingActId: id, effectiveFrom: today }, otherClerk)).status).toBe(404);
    expect(await head()).toBe(before);
  });
});

describe('a decision of the head of community', () => {
  it('is signed by the head, who alone is offered Sign', async () => {
    const id = await draft('Աշխատակազմի կառուցվածքի մասին', 'Հաստատել կառուցվածքը։', 'head');
    expect((await get(`/staff/acts/${id}?lang=en`, clerk)).body).not.toMatch(/<button[^>]*>\s*Sign\s*<\/button>/);
    const headPage = await get(`/staff/acts/${id}?lang=en`, headOfCommunity);
    expect(headPage.body).toMatch(/<button[^>]*>\s*Sign\s*<\/button>/);
    await run('acts', id, 'signAct', {}, headOfCommunity);
    const after = await get(`/staff/acts/${id}?lang=en`, clerk);
    expect(textOf(after.body)).toContain('Signed by the head of community');
    expect(textOf(after.body)).toMatch(new RegExp(`Act ${year}/\\d+`));
  });

  it('shows a title with HTML as text', async () => {
    const id = await draft('<b>bold</b> title', '<script>alert(1)</script>');
    const page = await get(`/staff/acts/${id}?lang=en`, clerk);
    expect(page.body).toContain('&lt;b&gt;bold&lt;/b&gt; title');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert(1)');
  });
});

describe('a complaint received at the hotline, from filing to closing', () => {
  let id: string;

  it('is filed on the caller’s behalf, the channel chosen among hotline, office and in person (never online)', async () => {
    const form = await get('/staff/new/fileComplaint?lang=en', clerk);
    expect(form.status).toBe(200);
    expect(form.body).toMatch(/<button[^>]*>\s*File complaint\s*<\/button>/);
    const channels = formHtml(form.body, 'fileComplaint');
    for (const c of ['hotline', 'cso', 'in-person']) expect(channels).toContain(`value="${c}"`);
    expect(channels).not.toContain('value="online"');
    const res = await post(
      '/staff/commands/fileComplaint',
      {
        commandId: `complaint-${Math.random()}`,
        'input.channel': 'hotline',
        'input.category': 'roads',
        'input.subject': 'Փոսեր Շահումյան փողոցում',
        'input.description': 'Caller reports potholes near school 3.',
        'input.complainantName': 'Մարիամ Գրիգորյան',
      },
      clerk,
    );
    id = createdId(res, 'complaints', 'fileComplaint');
    const page = await get(`/staff/complaints/${id}?lang=en`, clerk);
    expect(textOf(page.body)).toContain('Complaint: Փոսեր Շահումյան փողոցում');
    expect(textOf(page.body)).toContain('hotline');
    expect(textOf(page.body)).toContain('Մարիամ Գրիգորյան');
    expect(textOf(page.body)).toContain('30 days left');
    expect(page.body).toMatch(/<button[^>]*>\s*Acknowledge\s*<\/button>/);
  });

  it('appears in the inbox through the worklist', async () => {
    const inbox = await get('/staff?tab=unassigned&kind=complaint&lang=en', clerk);
    expect(textOf(inbox.body)).toContain('Փոսեր Շահումյան փողոցում');
    expect(inbox.body).toContain(`href="/staff/complaints/${id}"`);
  });

  it('is acknowledged and assigned to a member of staff chosen from the directory', async () => {
    await run('complaints', id, 'acknowledgeComplaint');
    const page = await get(`/staff/complaints/${id}?lang=en`, clerk);
    const assign = formHtml(page.body, 'assignComplaint');
    expect(assign).toContain(`value="${SECOND_CLERK_ID}"`);
    expect(assign).toContain('Լուսինե Հակոբյան');
    expect(assign).toContain('Գագիկ Մելքոնյան');
    expect(assign).not.toMatch(/<input[^>]*type="text"[^>]*name="assigneeId"/);
    await run('complaints', id, 'assignComplaint', { assigneeId: SECOND_CLERK_ID });
    const after = await get(`/staff/complaints/${id}?lang=en`, clerk);
    expect(textOf(after.body)).toContain('Assignee Լուսինե Հակոբյան');
  });

  it('is answered with a resolution and closed', async () => {
    await run('complaints', id, 'respondToComplaint', { response: 'The road will be repaired by June.', resolution: 'upheld' });
    let page = await get(`/staff/complaints/${id}?lang=en`, clerk);
    expect(textOf(page.body)).toContain('Resolution Upheld');
    expect(page.body).toMatch(/<button[^>]*>\s*Reopen\s*<\/button>/);
    await run('complaints', id, 'closeComplaint');
    page = await get(`/staff/complaints/${id}?lang=en`, clerk);
    expect(textOf(page.body)).toContain('Status closed');
    expect(textOf(page.body)).toContain('Closed');
  });

  it('answers another community’s staff 404', async () => {
    expect((await get(`/staff/complaints/${id}`, otherClerk)).status).toBe(404);
  });
});

describe('the assign form of an application', () => {
  it('offers the community’s staff from the directory instead of a text field', async () => {
    const res = await post(
      '/staff/commands/submitApplication',
      {
        commandId: `submit-${Math.random()}`,
        'input.serviceCode': 'building-permit',
        'input.kind': 'application',
        'input.subject': 'Garage',
        'input.details': 'A garage',
        'input.applicantName': 'Test',
        'input.channel': 'cso',
      },
      clerk,
    );
    const id = createdId(res, 'applications', 'submitApplication');
    await run('applications', id, 'registerApplication');
    const page = await get(`/staff/applications/${id}?lang=en`, clerk);
    const assign = formHtml(page.body, 'assignApplication');
    expect(assign).toContain(`value="${CLERK_ID}"`);
    expect(assign).toContain('Արմեն Սարգսյան');
    expect(assign).not.toMatch(/<input[^>]*type="text"[^>]*name="assigneeId"/);
  });
});

describe('the dashboard', () => {
  it('shows the community’s figures, each linking into the inbox filtered accordingly, and the charts', async () => {
    // An application decided today, so this month's bar is drawn.
    const actor: Actor = { id: CLERK_ID, role: 'staff', communityId: COMMUNITY, assurance: 'eid', channel: 'staff' };
    const { id } = await ws.hamaynk.commands.submitApplication(
      { input: { communityId: COMMUNITY, serviceCode: 'residence-certificate', kind: 'application', subject: 'Certificate', details: 'For school', applicantName: 'Test', channel: 'cso' } },
      { actor },
    );
    await ws.hamaynk.commands.registerApplication({ id }, { actor });
    await ws.hamaynk.commands.assignApplication({ id, assigneeId: CLERK_ID }, { actor });
    await ws.hamaynk.commands.approveApplication({ id, basis: 'Law on local self-government, art. 35' }, { actor });
    await ws.hamaynk.commands.issueCertificate({ id }, { actor });
    const page = await get('/staff/dashboard?lang=en', clerk);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<h1[^>]*>\s*Dashboard\s*<\/h1>/);
    expect(page.body).toMatch(/<a class="govuk-link" href="\/staff\?tab=overdue&amp;kind=application">Overdue applications<\/a>/);
    expect(page.body).toMatch(/<a class="govuk-link" href="\/staff\?tab=all&amp;kind=complaint">Open complaints<\/a>/);
    expect(page.body).toContain('href="/staff/fees?overdue=1"');
    expect(page.body).toMatch(/<svg class="chart-svg"[^>]*role="img"/);
    expect(page.body).toMatch(/<caption[^>]*>\s*The last 12 months\s*<\/caption>/);
    expect(textOf(page.body)).toContain('Open applications by status');
  });

  it('asks a ministry official which community, and answers 404 for another community’s staff', async () => {
    const national = await get('/staff/dashboard?lang=en', ministry);
    expect(national.status).toBe(200);
    expect(textOf(national.body)).toContain('Community code');
    const chosen = await get(`/staff/dashboard?lang=en&community=${COMMUNITY}`, ministry);
    expect(chosen.body).toContain(`href="/staff?community=${COMMUNITY}&amp;tab=overdue&amp;kind=application"`);
  });
});

describe('the staff directory', () => {
  it('shows the community’s staff to a member of staff, with no Appoint or Dismiss', async () => {
    const page = await get('/staff/directory?lang=en', clerk);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Լուսինե Հակոբյան');
    expect(page.body).not.toContain('id="form-appointStaff"');
    expect(page.body).not.toContain('form-dismissStaff');
  });

  it('lets the head appoint staff and council members, never a head', async () => {
    const page = await get('/staff/directory?lang=en', headOfCommunity);
    const form = formHtml(page.body, 'appointStaff');
    expect(form).toContain('value="staff"');
    expect(form).toContain('value="council"');
    expect(form).not.toContain('value="head"');
    expect(form).toMatch(/<button[^>]*>\s*Appoint\s*<\/button>/);
    const res = await post('/staff/directory/appointStaff', { ...formOf(page.body, 'appointStaff'), personalId: '1000000005', role: 'council', name: 'Նարինե Ավետիսյան' }, headOfCommunity);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/staff/directory?done=appointStaff');
    const after = await get(`${res.location}&lang=en`, headOfCommunity);
    expect(textOf(after.body)).toContain('Նարինե Ավետիսյան');
    expect(textOf(after.body)).toContain('Appoint: recorded.');
  });

  it('refuses a head posting the role of head anyway, and records nothing', async () => {
    const page = await get('/staff/directory?lang=en', headOfCommunity);
    const before = await head();
    const res = await post('/staff/directory/appointStaff', { ...formOf(page.body, 'appointStaff'), personalId: '1000000006', role: 'head', name: 'Someone' }, headOfCommunity);
    expect(res.status).toBe(403);
    expect(await head()).toBe(before);
  });

  it('says what is wrong beside the field, with HTTP 422', async () => {
    const page = await get('/staff/directory?lang=en', headOfCommunity);
    const res = await post('/staff/directory/appointStaff', { ...formOf(page.body, 'appointStaff'), personalId: '12', role: 'staff', name: 'Short Id' }, headOfCommunity);
    expect(res.status).toBe(422);
    expect(res.body).toMatch(/id="appointStaff-personalId-error"/);
    expect(res.body).toContain('Short Id');
  });

  it('lets the head dismiss a member of staff, who leaves the list', async () => {
    const page = await get('/staff/directory?lang=en', headOfCommunity);
    const res = await post('/staff/directory/dismissStaff', formOf(page.body, 'dismissStaff-1000000005'), headOfCommunity);
    expect(res.status).toBe(303);
    const after = await get('/staff/directory?lang=en', headOfCommunity);
    expect(textOf(after.body)).not.toContain('Նարինե Ավետիսյան');
  });

  it('lets the ministry choose the community and appoint its head', async () => {
    const page = await get(`/staff/directory?lang=en&community=${OTHER_COMMUNITY}`, ministry);
    expect(formHtml(page.body, 'appointStaff')).toContain('value="head"');
    const res = await post(`/staff/directory/appointStaff?community=${OTHER_COMMUNITY}`, { ...formOf(page.body, 'appointStaff'), personalId: '2000000009', role: 'head', name: 'Head of Othertown' }, ministry);
    expect(res.status).toBe(303);
    const after = await get(`/staff/directory?lang=en&community=${OTHER_COMMUNITY}`, ministry);
    expect(textOf(after.body)).toContain('Head of Othertown');
  });
});
