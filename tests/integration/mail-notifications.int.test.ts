/**
 * Notifications by mail, against a real SMTP server (the `smtp-server` library on 127.0.0.1, a random
 * port): the resident who gave an email gets one message per told event — in their language, with the
 * Message-ID derived from the event's id — never twice across a restart of the sender, none for events
 * before they gave the address; a crash mid-send is not resent blindly; while the relay is down the
 * sender backs off and retries, and delivers once it is back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../../application/authorization';
import { createCommandHandler } from '../../application/command-handler';
import { createCommands, type Commands } from '../../application/commands/registry';
import { randomIds, systemClock } from '../../application/ids';
import { createMailSender, type MailSender } from '../../application/notifications/mail-sender';
import type { Actor } from '../../application/ports/event-store';
import { createSmtpTransport } from '../../infrastructure/mail/smtp-transport';
import { SqliteMailDeliveryLog } from '../../infrastructure/mail/sqlite-mail-delivery-log';
import { PropertyTaxSandbox } from '../../infrastructure/property-tax/property-tax-sandbox';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { outboxProjection } from '../../projections/outbox/outbox-projection';
import { OUTBOX_PROJECTION } from '../../projections/outbox/schema';
import { applyEvents } from '../../projections/runner';
import { Relay } from '../support/smtp-relay';

const PUBLIC_URL = 'https://hamaynk.example.am';
const ANI = '0800199001';
const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const ani: Actor = { id: ANI, role: 'resident', assurance: 'eid', channel: 'online' };
const clerk: Actor = { id: 'clerk-1', role: 'staff', communityId: 'AM08001', assurance: 'password', channel: 'staff' };
const head: Actor = { id: 'head-1', role: 'head', communityId: 'AM08001', assurance: 'eid', channel: 'staff' };

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('notifications by mail (real SMTP server)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let commands: Commands;
  let relay: Relay;
  const open: Array<{ close(): Promise<void> }> = [];
  const senders: MailSender[] = [];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-mail-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.sqlite'));
    readStore = new SqliteReadStore(path.join(dir, 'read.sqlite'));
    for (const spec of outboxProjection.collections) await readStore.defineCollection(spec);
    commands = createCommands({ handler: createCommandHandler({ eventStore, clock: systemClock, ids: randomIds }), clock: systemClock, propertyTax: new PropertyTaxSandbox() });
    await commands.registerCommunity({ input: { code: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 114_500 } }, { actor: ministry });
    await commands.offerService(
      { communityId: 'AM08001', input: { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' } },
      { actor: ministry },
    );
    relay = new Relay();
    await relay.start();
  });

  afterEach(async () => {
    for (const s of senders.splice(0)) await s.stop();
    for (const o of open.splice(0)) await o.close();
    await relay.stop();
    await readStore.close();
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The outbox read model brought up to the log's head. */
  const project = async (): Promise<void> => {
    const checkpoint = await readStore.getCheckpoint(OUTBOX_PROJECTION, 0);
    const events = await eventStore.readAll(checkpoint === null ? {} : { after: checkpoint });
    if (events.length > 0) await applyEvents(readStore, outboxProjection, 0, events);
  };

  const sender = (options: { port?: number; now?: () => number; backoffMs?: number; pollMs?: number } = {}) => {
    const log = new SqliteMailDeliveryLog(path.join(dir, 'mail.sqlite'));
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${options.port ?? relay.port}`, from: 'Hamaynk <no-reply@hamaynk.example.am>', connectionTimeoutMs: 2000 });
    open.push(transport, log);
    const s = createMailSender({ readStore, log, transport, publicUrl: PUBLIC_URL, now: options.now, backoffMs: options.backoffMs ?? 1000, pollMs: options.pollMs ?? 50 });
    senders.push(s);
    return { sender: s, log, transport };
  };

  /** Runs rounds until one hands nothing to the relay. */
  const drain = async (s: MailSender): Promise<void> => {
    while ((await s.runOnce()) > 0);
  };

  /** An application of Ani's taken from submission to the permit: registered, asked, approved, fee, permit. */
  const applicationLifecycle = async (): Promise<string> => {
    const id = (
      await commands.submitApplication(
        { input: { communityId: 'AM08001', serviceCode: 'construction-permit', subject: 'Ավտոտնակ', details: 'Խնդրում եմ', applicantName: 'Անի Սարգսյան' } },
        { actor: ani },
      )
    ).id;
    await commands.registerApplication({ id }, { actor: clerk });
    await commands.assignApplication({ id, assigneeId: 'clerk-1' }, { actor: head });
    await commands.requestApplicationInformation({ id, question: 'Կցեք հատակագիծը' }, { actor: clerk });
    await commands.provideApplicationInformation({ id, answer: 'Կցված է' }, { actor: ani });
    await commands.approveApplication({ id, basis: 'ՀՀ քաղաքաշինության մասին օրենք' }, { actor: clerk });
    await commands.assessFee({ input: { communityId: 'AM08001', payerId: ANI, payerName: 'Անի Սարգսյան', code: 'construction-permit', amountAmd: 5000, dueOn: '2027-12-31', basis: 'Որոշում N 5', applicationId: id } }, { actor: clerk });
    await commands.recordFeeSettlement({ id, feeId: 'fee-x', communityId: 'AM08001', how: 'waived', at: new Date().toISOString() }, { actor: systemActor() });
    await commands.issuePermit({ id, validFrom: '2027-01-01', validUntil: '2027-12-31' }, { actor: clerk });
    return id;
  };

  const toldEventIds = async (after = 0n): Promise<string[]> =>
    (await eventStore.readAll({ after }))
      .filter((e) => ['ApplicationRegistered', 'ApplicationInformationRequested', 'ApplicationApproved', 'FeeAssessed', 'PermitIssued'].includes(e.type))
      .map((e) => e.metadata.eventId);

  it('mails one message per told event in the resident’s language, with the Message-ID of the event, and none from before the address was given', async () => {
    await applicationLifecycle(); // before any contact details: nothing is mailed for these
    const before = (await eventStore.headPosition()) ?? 0n;
    await commands.updateContactDetails({ email: 'ani@example.am', phone: '+374 91 23 45 67', language: 'en' }, { actor: ani });
    await applicationLifecycle();
    await project();
    const { sender: s, log } = sender();
    await drain(s);

    const expected = await toldEventIds(before);
    expect(expected).toHaveLength(5);
    expect(relay.received.map((m) => m.messageId).sort()).toEqual(expected.map((id) => `<${id}@hamaynk.example.am>`).sort());
    expect(new Set(relay.received.flatMap((m) => m.to))).toEqual(new Set(['ani@example.am']));
    expect(relay.received.every((m) => m.language === 'en')).toBe(true);
    expect(relay.received.map((m) => m.subject)).toEqual(
      expect.arrayContaining(['The community asks for more information', 'Your application is approved', expect.stringMatching(/^Your permit is issued: No\. AM08001\/\d{4}\/2-P$/)]),
    );
    const counts = await log.counts();
    expect(counts).toMatchObject({ sent: 5, 'no-address': 5, queued: 0, sending: 0, retry: 0 });
  });

  it('writes Armenian mail that round-trips', async () => {
    await commands.updateContactDetails({ email: 'ani@example.am', language: 'hy' }, { actor: ani });
    await applicationLifecycle();
    await project();
    const { sender: s } = sender();
    await drain(s);
    expect(relay.received.map((m) => m.subject)).toContain('Համայնքը լրացուցիչ տեղեկություն է խնդրում');
    const asked = relay.received.find((m) => m.subject === 'Համայնքը լրացուցիչ տեղեկություն է խնդրում')!;
    const body = /\r?\n\r?\n([\s\S]*)$/.exec(asked.raw)![1].replace(/\r?\n/g, '');
    expect(Buffer.from(body, 'base64').toString('utf8')).toContain('Կցեք հատակագիծը');
    expect(asked.language).toBe('hy');
  });

  it('sends nothing again after a restart of the sender, and only what is new', async () => {
    await commands.updateContactDetails({ email: 'ani@example.am', language: 'en' }, { actor: ani });
    await applicationLifecycle();
    await project();
    const first = sender();
    await drain(first.sender);
    expect(relay.received).toHaveLength(5);
    await first.transport.close();
    await first.log.close();

    // A new process: a new delivery log on the same file, a new transport.
    const second = sender();
    await drain(second.sender);
    expect(relay.received).toHaveLength(5);

    const head = (await eventStore.headPosition()) ?? 0n;
    await applicationLifecycle();
    await project();
    await drain(second.sender);
    expect(relay.received).toHaveLength(10);
    expect(new Set(relay.received.map((m) => m.messageId)).size).toBe(10);
    expect(relay.received.slice(5).map((m) => m.messageId).sort()).toEqual((await toldEventIds(head)).map((id) => `<${id}@hamaynk.example.am>`).sort());
  });

  it('does not resend blindly what a crashed sender was handing over: it becomes uncertain', async () => {
    await commands.updateContactDetails({ email: 'ani@example.am', language: 'en' }, { actor: ani });
    await applicationLifecycle();
    await project();
    // A relay that takes the messages' content and never answers: the process "dies" mid-handover.
    const silent = new Relay();
    silent.hang = true;
    await silent.start();
    const crashed = sender({ port: silent.port });
    void crashed.sender.runOnce().catch(() => undefined);
    await waitFor('the messages handed to the silent relay', () => silent.received.length >= 4);
    expect((await crashed.log.counts()).sending).toBe(5);
    senders.splice(senders.indexOf(crashed.sender), 1);

    // The next process, with a relay that answers: what was being sent is not sent again.
    const restarted = sender();
    await drain(restarted.sender);
    expect(relay.received).toHaveLength(0);
    expect(await restarted.log.counts()).toMatchObject({ uncertain: 5, sending: 0, sent: 0 });
    expect((await restarted.log.get((await toldEventIds())[0]))?.lastError).toBe('the sender stopped while sending it');

    // Later events are mailed as usual.
    await applicationLifecycle();
    await project();
    await drain(restarted.sender);
    expect(relay.received).toHaveLength(5);
    await crashed.transport.close();
    await silent.stop();
  });

  it('backs off and retries while the relay is down, and delivers each message once when it is back', async () => {
    await commands.updateContactDetails({ email: 'ani@example.am', language: 'en' }, { actor: ani });
    await applicationLifecycle();
    await project();
    const port = relay.port;
    await relay.stop();
    const { sender: s, log } = sender({ port, backoffMs: 40 });
    await s.start();
    // Attempts pile up with growing delays: 40, 80, 160 ms …
    const firstTold = (await toldEventIds())[0];
    await waitFor('three attempts on a message while the relay is down', async () => ((await log.get(firstTold))?.attempts ?? 0) >= 3);
    const waiting = (await Promise.all((await toldEventIds()).map((id) => log.get(id)))).filter((d) => d !== null);
    expect(waiting.every((d) => d!.status === 'retry' || d!.status === 'sending')).toBe(true);
    expect(waiting.some((d) => /ECONNECTION|ECONNREFUSED|ESOCKET/.test(d!.lastError ?? ''))).toBe(true);
    expect(relay.received).toHaveLength(0);

    relay.port = port;
    await relay.start();
    await waitFor('all five delivered', async () => (await log.counts()).sent === 5);
    await new Promise((r) => setTimeout(r, 300));
    expect(relay.received).toHaveLength(5);
    expect(new Set(relay.received.map((m) => m.messageId)).size).toBe(5);
  });
});
