/**
 * Issued documents and notifications on the real server (`hamaynk serve` with SMTP_URL pointing at a real
 * SMTP server on 127.0.0.1): a resident gives their email over GraphQL, their application is registered,
 * approved and its permit issued by staff; they are mailed once per event (Message-ID of the event), their
 * messages are listed by myMessages, the permit downloads as a PDF for them and no other resident, /verify
 * says it is verified; a restart of the server mails nothing again, and the next event is mailed once.
 */
import fs from 'node:fs';
import { startServer, type RunningServer } from '../support/server-process';
import { Relay } from '../support/smtp-relay';
import { gql, httpRequest, mintTokens, ok, today, daysFromToday } from './support/api';

const CODE = 'AM-PDX';
const ANI = '0800199011';

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('resident portal back end on the real server: documents and mail', () => {
  const relay = new Relay();
  let server: RunningServer;
  let t: Record<'ministry' | 'clerk' | 'head' | 'ani' | 'other' | 'auditor', string>;

  const start = (dataDir?: string) => startServer({ SMTP_URL: `smtp://127.0.0.1:${relay.port}` }, { dataDir, readyTimeoutMs: 120_000 });

  beforeAll(async () => {
    await relay.start();
    server = await start();
    t = await mintTokens(server.dataDir, {
      ministry: { role: 'ministry' },
      clerk: { role: 'staff', sub: 'clerk-1', community: CODE },
      head: { role: 'head', sub: 'head-1', community: CODE },
      ani: { role: 'resident', sub: ANI, acr: 'eid' },
      other: { role: 'resident', sub: '0800199012', acr: 'mid' },
      auditor: { role: 'auditor', sub: 'aud-1' },
    });
    ok(
      await gql(
        server,
        'mutation($input: RegisterCommunityInput!) { registerCommunity(input: $input) { id } }',
        { input: { code: CODE, nameHy: 'Փորձնական', nameEn: 'Testville', province: 'Shirak', kind: 'rural', population: 1200 } },
        t.ministry,
      ),
      'registerCommunity',
    );
    ok(
      await gql(
        server,
        'mutation($input: ServiceInput!) { offerService(communityId: "AM-PDX", input: $input) { id } }',
        { input: { code: 'fence-permit', nameHy: 'Ցանկապատի թույլտվություն', nameEn: 'Fence permit', feeAmd: 0, deadlineDays: 10, issues: 'permit' } },
        t.ministry,
      ),
      'offerService',
    );
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    await relay.stop();
  });

  const submit = async (subject: string): Promise<string> =>
    ok(
      await gql<Record<string, { id: string }>>(
        server,
        'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }',
        { input: { communityId: CODE, serviceCode: 'fence-permit', subject, details: 'Խնդրում եմ', applicantName: 'Անի Սարգսյան' } },
        t.ani,
      ),
      'submitApplication',
    ).id;

  const eventIdsOf = async (applicationId: string, types: readonly string[]): Promise<string[]> => {
    const items = ok(
      await gql<Record<string, Array<{ type: string; metadata: { eventId: string } }>>>(server, 'query($s: String!) { history(streamId: $s) { type metadata } }', { s: `application-${applicationId}` }, t.auditor),
      'history',
    );
    return items.filter((e) => types.includes(e.type)).map((e) => e.metadata.eventId);
  };

  let permitId: string;

  it('mails the resident once per event of their case, in their language, and lists the messages', async () => {
    const contact = ok(
      await gql<Record<string, { email: string; phone: string; language: string }>>(
        server,
        'mutation { updateContactDetails(email: "ani@example.am", phone: "+374 91 000 111", language: "en") { email phone language } }',
        {},
        t.ani,
      ),
      'updateContactDetails',
    );
    expect(contact).toEqual({ email: 'ani@example.am', phone: '+37491000111', language: 'en' });
    const refused = await gql(server, 'mutation { updateContactDetails(email: "ani@example.am, eve@example.am") { email } }', {}, t.ani);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['email'] });

    permitId = await submit('Ցանկապատ');
    ok(await gql(server, 'mutation($id: ID!) { registerApplication(id: $id) { id } }', { id: permitId }, t.clerk), 'registerApplication');
    ok(await gql(server, 'mutation($id: ID!) { assignApplication(id: $id, assigneeId: "clerk-1") { id } }', { id: permitId }, t.head), 'assignApplication');
    ok(await gql(server, 'mutation($id: ID!) { approveApplication(id: $id, basis: "Համայնքի ավագանու որոշում N 12") { id } }', { id: permitId }, t.clerk), 'approveApplication');
    ok(await gql(server, 'mutation($id: ID!, $from: String!, $to: String!) { issuePermit(id: $id, validFrom: $from, validUntil: $to) { id } }', { id: permitId, from: today(), to: daysFromToday(365) }, t.clerk), 'issuePermit');

    const told = await eventIdsOf(permitId, ['ApplicationRegistered', 'ApplicationApproved', 'PermitIssued']);
    expect(told).toHaveLength(3);
    await waitFor('three messages', () => relay.received.length >= 3);
    expect(relay.received.map((m) => m.messageId).sort()).toEqual(told.map((id) => `<${id}@127.0.0.1>`).sort());
    expect(relay.received.every((m) => m.to.join() === 'ani@example.am' && m.language === 'en')).toBe(true);
    expect(relay.received.map((m) => m.subject)).toContain('Your application is approved');

    const messages = ok(
      await gql<Record<string, { totalCount: number; nodes: Array<{ id: string; kind: string; language: string; subject: string }> }>>(server, '{ myMessages { totalCount nodes { id kind language subject } } }', {}, t.ani),
      'myMessages',
    );
    expect(messages.totalCount).toBe(3);
    expect(messages.nodes.map((n) => n.kind)).toEqual(['permit-issued', 'application-approved', 'application-registered']);
    expect(messages.nodes.map((n) => n.id).sort()).toEqual([...told].sort());
    const inArmenian = ok(await gql<Record<string, { nodes: Array<{ subject: string }> }>>(server, '{ myMessages(lang: "hy", first: 1) { nodes { subject } } }', {}, t.ani), 'myMessages');
    expect(inArmenian.nodes[0].subject).toMatch(/^Ձեր թույլտվությունը տրված է՝ № /);
    expect((await gql(server, '{ myMessages { totalCount } }', {}, t.other)).data).toEqual({ myMessages: { totalCount: 0 } });
  });

  it('serves the permit as a PDF to its holder only, and /verify says it is verified', async () => {
    const pdf = await fetch(`${server.url}/documents/${permitId}.pdf`, { headers: { authorization: `Bearer ${t.ani}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await fetch(`${server.url}/documents/${permitId}.pdf`, { headers: { authorization: `Bearer ${t.other}` } })).status).toBe(404);
    const page = await httpRequest(`${server.url}/verify/${permitId}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('✓ verified.');
    expect(page.text).toContain('Testville (AM-PDX)');
  });

  it('mails nothing again after a restart, and the next event once', async () => {
    const dataDir = server.dataDir;
    await server.stop();
    server = await start(dataDir);
    // The restarted sender has had time to go over everything it knows.
    await new Promise((r) => setTimeout(r, 3000));
    expect(relay.received).toHaveLength(3);
    const next = await submit('Պատշգամբ');
    ok(await gql(server, 'mutation($id: ID!) { registerApplication(id: $id) { id } }', { id: next }, t.clerk), 'registerApplication');
    const [registered] = await eventIdsOf(next, ['ApplicationRegistered']);
    await waitFor('the fourth message', () => relay.received.length >= 4);
    await new Promise((r) => setTimeout(r, 1500));
    expect(relay.received).toHaveLength(4);
    expect(relay.received[3].messageId).toBe(`<${registered}@127.0.0.1>`);
  });
});
