/**
 * The resident portal's pages over HTTP, on the real composition (test workspace) with browser sessions:
 * the service catalogue, applying with files (checked by content), the confirmation and its tracking code,
 * tracking without signing in, the account page's next steps (answering a question with a file, paying,
 * withdrawing), CSRF on every POST and another resident's case answered 404.
 */
import type { Actor } from '../../application/ports/event-store';
import { csrfTokenIn, sessionCookieFor } from '../../tests/support/sign-in';
import { COMMUNITY, startTestWorkspace, type TestWorkspace } from '../staff/test-workspace';
import { textOf } from '../staff/test-http';
import { registerPortalPages } from '.';

const RESIDENT = '1234567890';
const OTHER_RESIDENT = '2234567890';
const CLERK: Actor = { id: 'clerk-1', role: 'staff', communityId: COMMUNITY, assurance: 'eid', channel: 'staff' };
const MINISTRY: Actor = { id: 'ministry-test', role: 'ministry', assurance: 'eid', channel: 'staff' };
// The first bytes of a PNG file (its signature and header chunk): what file-type recognises it by.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(64)]);

let ws: TestWorkspace;
let resident: string;
let otherResident: string;
let midResident: string;

beforeAll(async () => {
  ws = await startTestWorkspace({ routes: (server, hamaynk, readsFollowWrites) => registerPortalPages(server, { ...hamaynk, readsFollowWrites }) });
  resident = (await sessionCookieFor(ws.sessions, ws.sessionSecret, { personalId: RESIDENT, assurance: 'eid' })).cookie;
  otherResident = (await sessionCookieFor(ws.sessions, ws.sessionSecret, { personalId: OTHER_RESIDENT, assurance: 'mid' })).cookie;
  midResident = (await sessionCookieFor(ws.sessions, ws.sessionSecret, { personalId: '3234567890', assurance: 'password' })).cookie;
}, 60_000);

afterAll(async () => {
  await ws?.close();
});

interface Page {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
  readonly headers: Headers;
}

const get = async (path: string, cookie?: string): Promise<Page> => {
  const res = await fetch(`${ws.base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text(), headers: res.headers };
};

const postForm = async (path: string, cookie: string, fields: Record<string, string>): Promise<Page> => {
  const res = await fetch(`${ws.base}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text(), headers: res.headers };
};

const postMultipart = async (path: string, cookie: string, fields: Record<string, string>, files: Array<{ name: string; type: string; content: Buffer }> = []): Promise<Page> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('files', new Blob([file.content], { type: file.type }), file.name);
  const res = await fetch(`${ws.base}${path}`, { method: 'POST', headers: { cookie }, body: form, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text(), headers: res.headers };
};

const head = async (): Promise<string | null> => (await ws.hamaynk.eventStore.headPosition())?.toString() ?? null;

const APPLY = `/services/${COMMUNITY}/building-permit`;

/** Applies for a building permit as `cookie`; answers the confirmation page's address. */
const apply = async (cookie: string, subject: string, files: Array<{ name: string; type: string; content: Buffer }> = []): Promise<string> => {
  const form = await get(APPLY, cookie);
  const res = await postMultipart(APPLY, cookie, { _csrf: csrfTokenIn(form.body), applicantName: 'Անի Պետրոսյան', subject, details: 'Ցանկապատ 3-րդ հողամասում' }, files);
  if (res.status !== 303 || !res.location) throw new Error(`Expected 303, got ${res.status}: ${textOf(res.body).slice(0, 500)}`);
  return res.location;
};

const applicationIdOf = (confirmation: string): string => decodeURIComponent(confirmation.split('/').pop()!);

describe('the service catalogue', () => {
  it("lists a community's services with fee, deadline and what each issues, in Armenian by default and English with ?lang=en", async () => {
    const hy = await get(`/services/${COMMUNITY}`);
    expect(hy.status).toBe(200);
    expect(hy.headers.get('content-language')).toBe('hy');
    expect(hy.body).toContain('<html lang="hy"');
    expect(textOf(hy.body)).toContain('Շինարարության թույլտվություն');
    expect(textOf(hy.body)).toContain('12 500 ֏');
    const en = await get(`/services/${COMMUNITY}?lang=en`);
    const text = textOf(en.body);
    expect(text).toContain('Services of Testavan');
    expect(text).toContain('Building permit');
    expect(text).toContain('20 days');
    expect(text).toContain('a permit');
    expect(text).toContain('Residence certificate');
    expect(text).toContain('free');
    expect(en.body).toContain(`href="${APPLY}"`);
  });

  it('answers 404 for a community that does not exist', async () => {
    expect((await get('/services/AM-ZZ9')).status).toBe(404);
  });
});

describe('applying', () => {
  it('sends a signed-out visitor to the sign-in and back to the form', async () => {
    const res = await get(APPLY);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/sign-in?next=${encodeURIComponent(APPLY)}`);
  });

  it('has a multipart form with labelled fields, a file input and the CSRF token', async () => {
    const form = await get(`${APPLY}?lang=en`, resident);
    expect(form.status).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    for (const id of ['applicantName', 'subject', 'details', 'files']) expect(form.body).toMatch(new RegExp(`<label[^>]+for="${id}"`));
    expect(csrfTokenIn(form.body)).toMatch(/\S{10,}/);
  });

  it('refuses a post without a valid CSRF token with 403, appending nothing', async () => {
    const before = await head();
    for (const token of [undefined, 'forged-token']) {
      const res = await postMultipart(APPLY, resident, { ...(token ? { _csrf: token } : {}), applicantName: 'Անի', subject: 'x', details: 'y' });
      expect(res.status).toBe(403);
    }
    expect(await head()).toBe(before);
  });

  it('shows missing fields in an error summary linked to them, appending nothing', async () => {
    const form = await get(`${APPLY}?lang=en`, resident);
    const before = await head();
    const res = await postMultipart(APPLY, `${resident}; hamaynk_lang=en`, { _csrf: csrfTokenIn(form.body), applicantName: 'Անի Պետրոսյան', subject: '', details: '' });
    expect(res.status).toBe(422);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('href="#subject"');
    expect(textOf(res.body)).toContain('Enter Subject');
    expect(await head()).toBe(before);
  });

  it('refuses a file that is not a PDF, JPEG or PNG by its content, next to the field, storing nothing', async () => {
    const form = await get(`${APPLY}?lang=en`, resident);
    const before = await head();
    const letter = Buffer.from('just a text file pretending to be a PDF');
    const res = await postMultipart(APPLY, `${resident}; hamaynk_lang=en`, { _csrf: csrfTokenIn(form.body), applicantName: 'Անի Պետրոսյան', subject: 'Ցանկապատ', details: 'Մանրամասներ' }, [
      { name: 'plan.png', type: 'image/png', content: PNG },
      { name: 'letter.pdf', type: 'application/pdf', content: letter },
    ]);
    expect(res.status).toBe(422);
    expect(res.body).toMatch(/id="files-error"[^]*letter\.pdf is not a PDF, JPEG or PNG file/);
    expect(await head()).toBe(before);
    const { createHash } = await import('node:crypto');
    // Every file is checked before any is stored: the good PNG sent with it is not stored either.
    expect(await ws.hamaynk.files.stat(createHash('sha256').update(PNG).digest('hex'))).toBeNull();
  });

  it('refuses a file over 10 MB beside the field, storing nothing', async () => {
    const form = await get(`${APPLY}?lang=en`, resident);
    const before = await head();
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await postMultipart(APPLY, `${resident}; hamaynk_lang=en`, { _csrf: csrfTokenIn(form.body), applicantName: 'Անի', subject: 'Ցանկապատ', details: 'x' }, [{ name: 'scan.png', type: 'image/png', content: big }]);
    expect(res.status).toBe(422);
    expect(res.body).toMatch(/id="files-error"[^]*scan\.png is larger than 10 MB/);
    expect(await head()).toBe(before);
  });

  it('refuses more than 5 files', async () => {
    const form = await get(`${APPLY}?lang=en`, resident);
    const before = await head();
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.png`, type: 'image/png', content: PNG }));
    const res = await postMultipart(APPLY, `${resident}; hamaynk_lang=en`, { _csrf: csrfTokenIn(form.body), applicantName: 'Անի', subject: 'Ցանկապատ', details: 'x' }, six);
    expect(res.status).toBe(422);
    expect(textOf(res.body)).toContain('Send at most 5 files at once');
    expect(await head()).toBe(before);
  });

  it('refuses a resident signed in without eID or mID, as the API does', async () => {
    const form = await get(APPLY, midResident);
    const before = await head();
    const res = await postMultipart(APPLY, midResident, { _csrf: csrfTokenIn(form.body), applicantName: 'Անի', subject: 'Ցանկապատ', details: 'x' });
    expect(res.status).toBe(403);
    expect(await head()).toBe(before);
  });

  it('submits with a file and confirms with the tracking code; the event carries the file; Armenian text round-trips', async () => {
    const confirmation = await apply(resident, 'Ցանկապատի կառուցում', [{ name: 'հատակագիծ.png', type: 'image/png', content: PNG }]);
    expect(confirmation).toMatch(new RegExp(`^/services/${COMMUNITY}/submitted/`));
    const page = await get(`${confirmation}?lang=en`, resident);
    expect(page.status).toBe(200);
    const code = /id="tracking-code">([^<]+)</.exec(page.body)?.[1];
    expect(code).toMatch(/^[23456789A-Z]{10}$/);
    expect(textOf(page.body)).toContain('What happens next');
    const application = await ws.hamaynk.queries.application(applicationIdOf(confirmation));
    expect(application?.subject).toBe('Ցանկապատի կառուցում');
    expect(application?.applicantId).toBe(RESIDENT);
    expect(application?.channel).toBe('online');
    const events = await ws.hamaynk.eventStore.readStream(`application-${applicationIdOf(confirmation)}`);
    const submitted = events.find((e) => e.type === 'ApplicationSubmitted')!.data as { attachments?: Array<{ name: string; size: number }> };
    expect(submitted.attachments).toEqual([expect.objectContaining({ name: 'հատակագիծ.png', size: PNG.length, type: 'image/png' })]);
    // The confirmation is the applicant's only.
    expect((await get(confirmation, otherResident)).status).toBe(404);
  });
});

describe('tracking without signing in', () => {
  it('shows the public status and dates by tracking code, nothing personal; a wrong code answers as an unknown one', async () => {
    const confirmation = await apply(resident, 'Հետևման թեստ');
    const code = /id="tracking-code">([^<]+)</.exec((await get(confirmation, resident)).body)![1];
    const found = await get(`/track?trackingCode=${code}&lang=en`);
    expect(found.status).toBe(200);
    const text = textOf(found.body);
    expect(text).toContain('Building permit');
    expect(text).toContain('submitted');
    expect(text).not.toContain('Անի Պետրոսյան');
    expect(text).not.toContain('Հետևման թեստ');
    expect(found.body).toContain('name="trackingCode"');
    const unknown = await get('/track?trackingCode=2222222222&lang=en');
    const malformed = await get('/track?trackingCode=not-a-code&lang=en');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(textOf(unknown.body)).toContain('No application has this tracking code');
    expect(textOf(malformed.body).replace('not-a-code', '')).toBe(textOf(unknown.body).replace('2222222222', ''));
  });

  it('limits lookups from one address to 20 a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i += 1) statuses.push((await get('/track?trackingCode=3333333333')).status);
    expect(statuses).toContain(429);
  });
});

describe('my account', () => {
  it('sends a signed-out visitor to the sign-in', async () => {
    const res = await get('/account');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/sign-in?next=%2Faccount');
  });

  it('answers a request for information with a file; another resident gets 404 and nothing is appended', async () => {
    const id = applicationIdOf(await apply(resident, 'Հարցի թեստ'));
    await ws.hamaynk.commands.registerApplication({ id }, { actor: CLERK });
    await ws.hamaynk.commands.assignApplication({ id, assigneeId: CLERK.id }, { actor: CLERK });
    await ws.hamaynk.commands.requestApplicationInformation({ id, question: 'Խնդրում ենք ներկայացնել հատակագիծը' }, { actor: CLERK });
    const account = await get('/account?lang=en', resident);
    expect(account.status).toBe(200);
    expect(textOf(account.body)).toContain('The municipality asks: Խնդրում ենք ներկայացնել հատակագիծը');
    // The public timeline: what happened and when, from the case's own events — not who at the municipality.
    const section = new RegExp(`id="application-${id}"[^]*?</section>`).exec(account.body)![0];
    const entries = [...section.matchAll(/<li><span[^>]*>([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(entries).toEqual(['Submitted', 'Registered', 'Taken up by a caseworker', 'Information asked of you']);
    expect(section).not.toContain(CLERK.id);
    const action = `/account/applications/${encodeURIComponent(id)}/provideApplicationInformation`;
    expect(account.body).toContain(`action="${action}"`);
    const token = csrfTokenIn(account.body);

    const before = await head();
    expect((await postMultipart(action, resident, { answer: 'x' })).status).toBe(403);
    const otherToken = csrfTokenIn((await get('/account', otherResident)).body);
    expect((await postMultipart(action, otherResident, { _csrf: otherToken, answer: 'not mine' })).status).toBe(404);
    expect(await head()).toBe(before);

    const answered = await postMultipart(action, resident, { _csrf: token, answer: 'Կցում եմ հատակագիծը' }, [{ name: 'plan.png', type: 'image/png', content: PNG }]);
    expect(answered.status).toBe(303);
    expect(answered.location).toBe('/account?done=provideApplicationInformation');
    const after = await get('/account?lang=en&done=provideApplicationInformation', resident);
    expect(textOf(after.body)).toContain('Your answer was sent.');
    expect(textOf(after.body)).not.toContain('The municipality asks');
    const events = await ws.hamaynk.eventStore.readStream(`application-${id}`);
    expect(events.find((e) => e.type === 'ApplicationInformationProvided')?.data).toMatchObject({ answer: 'Կցում եմ հատակագիծը', attachments: [expect.objectContaining({ name: 'plan.png' })] });
  });

  it('offers to pay a fee owed: a form posting the fee to /payments/start with the CSRF token', async () => {
    const fee = await ws.hamaynk.commands.assessFee(
      { input: { communityId: COMMUNITY, payerId: RESIDENT, payerName: 'Անի Պետրոսյան', code: 'waste-collection', amountAmd: 12500, dueOn: '2099-01-31', basis: 'Աղբահանության վճար' } },
      { actor: CLERK },
    );
    const account = await get('/account?lang=en', resident);
    const form = new RegExp(`<form method="post" action="/payments/start" id="form-pay-${fee.id}">([^]*?)</form>`).exec(account.body)?.[1] ?? '';
    expect(form).toContain(`name="feeId" value="${fee.id}"`);
    expect(csrfTokenIn(form)).toMatch(/\S{10,}/);
    expect(textOf(form)).toContain('Pay 12 500 ֏ online');
    // Another resident does not see it.
    expect((await get('/account', otherResident)).body).not.toContain(fee.id);
  });

  it('withdraws an application before a decision', async () => {
    const id = applicationIdOf(await apply(resident, 'Հետ կանչելու թեստ'));
    const account = await get('/account?lang=en', resident);
    const action = `/account/applications/${encodeURIComponent(id)}/withdrawApplication`;
    expect(account.body).toContain(`action="${action}"`);
    const empty = await postForm(action, `${resident}; hamaynk_lang=en`, { _csrf: csrfTokenIn(account.body), reason: '' });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain(`href="#reason-${id}"`);
    expect((await postForm(action, otherResident, { _csrf: csrfTokenIn((await get('/account', otherResident)).body), reason: 'not mine' })).status).toBe(404);
    const done = await postForm(action, resident, { _csrf: csrfTokenIn(account.body), reason: 'Այլևս պետք չէ' });
    expect(done.status).toBe(303);
    expect((await ws.hamaynk.queries.application(id))?.status).toBe('withdrawn');
  });

  it('links a person who is also staff to the workspace', async () => {
    await ws.hamaynk.commands.appointStaff({ communityId: COMMUNITY, personalId: '4234567890', role: 'staff', name: 'Արմեն Սարգսյան' }, { actor: MINISTRY });
    const staff = (await sessionCookieFor(ws.sessions, ws.sessionSecret, { personalId: '4234567890', assurance: 'eid' })).cookie;
    const account = await get('/account', staff);
    expect(account.status).toBe(200);
    expect(account.body).toContain('id="staff-link"');
    expect((await get('/account', resident)).body).not.toContain('id="staff-link"');
  });
});
