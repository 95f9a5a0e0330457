/**
 * The application's commands through the command bus over the real SQLite event store: who may
 * submit and act, validation against the community's service catalogue, idempotent command ids, fee
 * settlement before a permit, and the tax-liability certificate through the property tax port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PropertyTaxSandbox } from '../../infrastructure/property-tax/property-tax-sandbox';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { systemActor } from '../authorization';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { createCommands, type Commands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import type { PropertyTaxSystem } from '../ports/property-tax';
import { applicationStreamId } from './commands';

const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const resident: Actor = { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' };
const otherResident: Actor = { id: 'res-2', role: 'resident', assurance: 'mid', channel: 'online' };
const staff: Actor = { id: 'clerk-1', role: 'staff', communityId: 'AM08001', assurance: 'password', channel: 'staff', officeId: 'cso-1' };
const head: Actor = { id: 'head-1', role: 'head', communityId: 'AM08001', assurance: 'eid', channel: 'staff' };
const strangers: Record<string, Actor> = {
  'staff of another community': { id: 'clerk-9', role: 'staff', communityId: 'AM06001', assurance: 'password', channel: 'staff' },
  council: { id: 'council-1', role: 'council', communityId: 'AM08001', assurance: 'password', channel: 'staff' },
  ministry,
  auditor: { id: 'aud-1', role: 'auditor', assurance: 'password', channel: 'staff' },
  integration: { id: 'tax', role: 'integration', assurance: 'system', channel: 'system' },
};
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

/** What a command answers about its aggregate (besides the log position and whether it repeated). */
const aggregateOf = (r: { id: string; revision: number; view: unknown }) => ({ id: r.id, revision: r.revision, view: r.view });

const services = [
  { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' as const },
  { code: 'tax-liability-certificate', nameHy: 'Տեղեկանք հարկային պարտավորությունների մասին', nameEn: 'Certificate on tax liabilities', feeAmd: 0, deadlineDays: 3, issues: 'certificate' as const },
  { code: 'general-inquiry', nameHy: 'Հարցում', nameEn: 'Inquiry', feeAmd: 0, deadlineDays: 15, issues: 'none' as const },
];

const submission = (overrides: Record<string, unknown> = {}) => ({
  communityId: 'AM08001',
  serviceCode: 'construction-permit',
  subject: 'Ավտոտնակի կառուցում',
  details: 'Խնդրում եմ թույլատրել ավտոտնակի կառուցումը',
  applicantName: 'Անի Սարգսյան',
  ...overrides,
});

describe('application commands (SQLite event store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let clock: ReturnType<typeof fixedClock>;
  let applications: Commands;
  let taxCalls: number;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.db'));
    clock = fixedClock('2019-03-01T21:30:00Z'); // 2 March in Yerevan
    const handler = createCommandHandler({ eventStore, clock, ids: countingIds('application-test') });
    const sandbox = new PropertyTaxSandbox(clock);
    taxCalls = 0;
    const propertyTax: PropertyTaxSystem = {
      liabilityOf: (...args) => {
        taxCalls += 1;
        return sandbox.liabilityOf(...args);
      },
    };
    applications = createCommands({ handler, propertyTax, clock });
    const communities = applications;
    await communities.registerCommunity(
      { input: { code: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 114_500 } },
      as(ministry),
    );
    for (const input of services) await communities.offerService({ communityId: 'AM08001', input }, as(ministry));
  });

  afterEach(async () => {
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectRefused = async (attempt: () => Promise<unknown>, code: string, extra: Record<string, unknown> = {}) => {
    const before = await eventStore.headPosition();
    await expect(attempt()).rejects.toMatchObject({ code, ...extra });
    expect(await eventStore.headPosition()).toBe(before);
  };

  const submitted = async (input = submission()) => (await applications.submitApplication({ input }, as(resident))).id;
  const approved = async (input = submission()) => {
    const id = await submitted(input);
    await applications.registerApplication({ id }, as(staff));
    await applications.assignApplication({ id, assigneeId: 'clerk-2' }, as(head));
    await applications.approveApplication({ id, basis: 'ՀՀ քաղաքաշինության մասին օրենք' }, as(staff));
    return id;
  };

  describe('submitApplication', () => {
    it('a resident with eID submits online for themselves; due on the Yerevan date plus the deadline', async () => {
      const r = await applications.submitApplication({ input: submission() }, as(resident));
      expect(r).toMatchObject({
        revision: 0,
        view: { id: r.id, status: 'submitted', communityId: 'AM08001', serviceCode: 'construction-permit', kind: 'application', applicantId: 'res-1', channel: 'online', dueOn: '2019-03-12', overdue: false, feeSettled: false },
      });
      const [event] = await eventStore.readStream(applicationStreamId(r.id));
      expect(event.data).toMatchObject({ service: { code: 'construction-permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' }, submittedBy: 'res-1', onBehalfOf: null });
    });

    it('staff submit on a resident’s behalf through a channel; the event records both', async () => {
      const r = await applications.submitApplication({ input: submission({ applicantId: 'res-1', channel: 'hotline', kind: 'inquiry', serviceCode: 'general-inquiry' }) }, as(staff));
      expect(r.view).toMatchObject({ applicantId: 'res-1', channel: 'hotline', kind: 'inquiry' });
      const [event] = await eventStore.readStream(applicationStreamId(r.id));
      expect(event.data).toMatchObject({ submittedBy: 'clerk-1', submittedByRole: 'staff', onBehalfOf: 'res-1', applicantId: 'res-1' });
      expect(event.metadata.actor).toMatchObject({ id: 'clerk-1', channel: 'hotline', onBehalfOf: 'res-1' });
      // At an office, the channel defaults to the office.
      const atOffice = await applications.submitApplication({ input: submission({ applicantId: 'res-1' }) }, as(staff));
      expect(atOffice.view.channel).toBe('cso');
      // Away from an office, staff take it in person; an unidentified caller's case is nobody's on whose behalf.
      const inPerson = await applications.submitApplication({ input: submission() }, as({ ...head, officeId: undefined }));
      expect(inPerson.view).toMatchObject({ applicantId: null, channel: 'in-person' });
      const [taken] = await eventStore.readStream(applicationStreamId(inPerson.id));
      expect(taken.metadata.actor).toMatchObject({ id: 'head-1', channel: 'in-person' });
      expect(taken.metadata.actor.onBehalfOf).toBeUndefined();
    });

    it('refuses a resident without eID or mID, or submitting for someone else', async () => {
      await expectRefused(() => applications.submitApplication({ input: submission() }, as({ ...resident, assurance: 'password' })), 'FORBIDDEN');
      await expectRefused(() => applications.submitApplication({ input: submission({ applicantId: 'res-2' }) }, as(resident)), 'FORBIDDEN');
      await expectRefused(() => applications.submitApplication({ input: submission({ channel: 'cso' }) }, as(resident)), 'VALIDATION_FAILED', { fields: ['input.channel'] });
    });

    it.each(Object.entries(strangers))('refuses %s (FORBIDDEN)', async (_who, actor) => {
      await expectRefused(() => applications.submitApplication({ input: submission({ applicantId: 'res-1', channel: 'cso' }) }, as(actor)), 'FORBIDDEN');
    });

    it('refuses a service the community does not offer, an unknown community, and bad input', async () => {
      await expectRefused(() => applications.submitApplication({ input: submission({ serviceCode: 'dog-licence' }) }, as(resident)), 'VALIDATION_FAILED', { fields: ['input.serviceCode'] });
      await expectRefused(() => applications.submitApplication({ input: submission({ communityId: 'AM99999' }) }, as(resident)), 'VALIDATION_FAILED', { fields: ['input.communityId'] });
      await expectRefused(() => applications.submitApplication({ input: submission({ subject: 'ա'.repeat(201), details: '' }) }, as(resident)), 'VALIDATION_FAILED', {
        fields: ['input.subject', 'input.details'],
      });
      await expectRefused(() => applications.submitApplication({ input: submission({ kind: 'petition' }) }, as(resident)), 'VALIDATION_FAILED', { fields: ['input.kind'] });
    });

    it('a repeated commandId returns the same application and appends nothing, even after the service changed', async () => {
      const first = await applications.submitApplication({ input: submission() }, as(resident, { commandId: 'sub-1' }));
      const head = await eventStore.headPosition();
      await createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('x') }), clock }).withdrawService(
        { communityId: 'AM08001', code: 'construction-permit' },
        as(ministry),
      );
      const afterWithdrawal = await eventStore.headPosition();
      expect(afterWithdrawal).toBe((head ?? 0n) + 1n);
      const again = await applications.submitApplication({ input: submission() }, as(resident, { commandId: 'sub-1' }));
      expect(aggregateOf(again)).toEqual(aggregateOf(first));
      expect(again).toMatchObject({ duplicate: true, position: first.position });
      expect(await eventStore.headPosition()).toBe(afterWithdrawal);
      await expectRefused(() => applications.submitApplication({ input: submission({ subject: 'Ուրիշ' }) }, as(resident, { commandId: 'sub-1' })), 'VALIDATION_FAILED');
    });
  });

  describe('the procedure', () => {
    it('registers, assigns, asks and gets information, approves, and issues the permit once the fee is settled', async () => {
      const id = await submitted();
      const registered = await applications.registerApplication({ id }, as(staff));
      expect(registered.view.registrationNumber).toBe('AM08001/2019/1');
      await applications.assignApplication({ id, assigneeId: 'clerk-2' }, as(head));
      const asked = await applications.requestApplicationInformation({ id, question: 'Կցեք նախագիծը' }, as(staff));
      expect(asked.view).toMatchObject({ status: 'awaiting-information', pendingQuestion: 'Կցեք նախագիծը' });
      await expectRefused(() => applications.provideApplicationInformation({ id, answer: 'x' }, as(otherResident)), 'FORBIDDEN');
      const provided = await applications.provideApplicationInformation({ id, answer: 'Կցված է' }, as(resident));
      expect(provided.view.status).toBe('assigned');
      await applications.approveApplication({ id, basis: 'Օրենք' }, as(staff));
      await expectRefused(() => applications.issuePermit({ id, validFrom: '2019-03-10', validUntil: '2020-03-09' }, as(staff)), 'INVALID_TRANSITION', { reason: 'FEE_NOT_SETTLED' });
      await expectRefused(() => applications.recordFeeSettlement({ id, feeId: 'fee-1', communityId: 'AM08001', how: 'paid', at: '2019-03-05T10:00:00Z' }, as(staff)), 'FORBIDDEN');
      const settled = await applications.recordFeeSettlement({ id, feeId: 'fee-1', communityId: 'AM08001', how: 'paid', at: '2019-03-05T10:00:00Z' }, as(systemActor()));
      expect(settled.view.feeSettled).toBe(true);
      const permit = await applications.issuePermit({ id, validFrom: '2019-03-10', validUntil: '2020-03-09' }, as(staff));
      expect(permit.view).toMatchObject({ status: 'completed', permit: { number: `${registered.view.registrationNumber}-P`, validFrom: '2019-03-10', validUntil: '2020-03-09' } });
    });

    it('refuses approving an unregistered application and a validity that ends before it starts', async () => {
      const id = await submitted();
      await expectRefused(() => applications.approveApplication({ id, basis: 'Օրենք' }, as(staff)), 'INVALID_TRANSITION', { reason: 'APPLICATION_NOT_REGISTERED' });
      await applications.registerApplication({ id }, as(staff));
      await applications.approveApplication({ id, basis: 'Օրենք' }, as(staff));
      await applications.recordFeeSettlement({ id, feeId: 'fee-1', communityId: 'AM08001', how: 'waived', at: '2019-03-05T10:00:00Z' }, as(systemActor()));
      await expectRefused(() => applications.issuePermit({ id, validFrom: '2019-03-10', validUntil: '2019-03-01' }, as(staff)), 'VALIDATION_FAILED', { fields: ['validUntil'] });
      await expectRefused(() => applications.issuePermit({ id, validFrom: '2019-02-30', validUntil: '2019-03-31' }, as(staff)), 'VALIDATION_FAILED', { fields: ['validFrom'] });
    });

    it.each(Object.entries(strangers))('refuses %s acting on the case (FORBIDDEN)', async (_who, actor) => {
      const id = await submitted();
      await expectRefused(() => applications.registerApplication({ id }, as(actor)), 'FORBIDDEN');
      await expectRefused(() => applications.withdrawApplication({ id, reason: 'x' }, as(actor)), 'FORBIDDEN');
    });

    it('a resident may not act as staff', async () => {
      const id = await submitted();
      await expectRefused(() => applications.registerApplication({ id }, as(resident)), 'FORBIDDEN');
    });

    it('withdrawal by the applicant, or by staff on their behalf, only before a decision', async () => {
      const id = await submitted();
      await expectRefused(() => applications.withdrawApplication({ id, reason: 'x' }, as(otherResident)), 'FORBIDDEN');
      const r = await applications.withdrawApplication({ id, reason: 'Այլևս պետք չէ' }, as(resident));
      expect(r.view).toMatchObject({ status: 'withdrawn', overdue: false });
      const other = await approved();
      await expectRefused(() => applications.withdrawApplication({ id: other, reason: 'x' }, as(staff)), 'INVALID_TRANSITION', { reason: 'APPLICATION_DECIDED' });
      const third = await submitted();
      await applications.withdrawApplication({ id: third, reason: 'Զանգով' }, as(staff));
      const events = await eventStore.readStream(applicationStreamId(third));
      expect(events[1].metadata.actor).toMatchObject({ id: 'clerk-1', onBehalfOf: 'res-1' });
    });

    it('answers an inquiry; rejects with reason and basis', async () => {
      const inquiry = await submitted(submission({ serviceCode: 'general-inquiry', kind: 'inquiry' }));
      await applications.registerApplication({ id: inquiry }, as(staff));
      expect((await applications.answerInquiry({ id: inquiry, answer: 'Պատասխան' }, as(staff))).view).toMatchObject({ status: 'completed', decidedAt: '2019-03-01T21:30:00.000Z' });
      const id = await submitted();
      await applications.registerApplication({ id }, as(staff));
      await expectRefused(() => applications.answerInquiry({ id, answer: 'x' }, as(staff)), 'INVALID_TRANSITION', { reason: 'NOT_AN_INQUIRY' });
      expect((await applications.rejectApplication({ id, reason: 'Թերի', basis: 'Հոդված 5' }, as(head))).view).toMatchObject({ status: 'rejected', decision: { reason: 'Թերի', basis: 'Հոդված 5' } });
    });

    it('becomes overdue after the due date while undecided', async () => {
      const id = await submitted();
      clock.set('2019-03-12T19:00:00Z'); // 12 March, 23:00 in Yerevan
      expect((await applications.registerApplication({ id }, as(staff))).view.overdue).toBe(false);
      clock.set('2019-03-12T20:30:00Z'); // 13 March in Yerevan
      expect((await applications.assignApplication({ id, assigneeId: 'clerk-2' }, as(staff))).view.overdue).toBe(true);
    });

    it('refuses an unknown application (NOT_FOUND) and a malformed id', async () => {
      await expectRefused(() => applications.registerApplication({ id: 'no-such-id' }, as(staff)), 'NOT_FOUND');
      await expectRefused(() => applications.registerApplication({ id: '../etc' }, as(staff)), 'VALIDATION_FAILED', { fields: ['id'] });
    });

    it('a role that may never run the command is FORBIDDEN before it learns whether the application exists', async () => {
      for (const actor of [resident, strangers.council, ministry, strangers.auditor]) {
        await expectRefused(() => applications.registerApplication({ id: 'no-such-id' }, as(actor)), 'FORBIDDEN');
      }
      await expectRefused(() => applications.withdrawApplication({ id: 'no-such-id', reason: 'x' }, as(strangers.council)), 'FORBIDDEN');
      // Those who may act on an application are told it does not exist.
      await expectRefused(() => applications.withdrawApplication({ id: 'no-such-id', reason: 'x' }, as(resident)), 'NOT_FOUND', { reason: 'APPLICATION_NOT_FOUND' });
      const settlement = { id: 'no-such-id', feeId: 'fee-1', communityId: 'AM08001', how: 'paid', at: '2019-03-05T10:00:00Z' } as const;
      await expectRefused(() => applications.recordFeeSettlement(settlement, as(staff)), 'FORBIDDEN');
      await expectRefused(() => applications.recordFeeSettlement(settlement, as(systemActor())), 'NOT_FOUND');
    });

    it('reads the application’s stream once per command (authorized on the state it is decided on)', async () => {
      const id = await submitted();
      const reads = jest.spyOn(eventStore, 'readStream');
      await applications.registerApplication({ id }, as(staff));
      expect(reads.mock.calls.filter(([streamId]) => streamId === applicationStreamId(id))).toHaveLength(1);
      reads.mockRestore();
    });
  });

  describe('tax-liability certificate', () => {
    it('asks the property tax system and records the liability on the certificate; a retry asks nothing and appends nothing', async () => {
      const id = await approved(submission({ serviceCode: 'tax-liability-certificate' }));
      const r = await applications.issueCertificate({ id }, as(staff, { commandId: 'cert-1' }));
      expect(taxCalls).toBe(1);
      expect(r.view.status).toBe('completed');
      const expected = await new PropertyTaxSandbox(clock).liabilityOf('res-1', 'AM08001', '2019-03-02');
      expect(r.view.certificate).toEqual({ number: `${r.view.registrationNumber}-C`, taxLiability: expected });
      expect(r.view.certificate?.taxLiability?.source).toBe('sandbox');
      const head = await eventStore.headPosition();
      clock.advance(60_000);
      await expect(applications.issueCertificate({ id }, as(staff, { commandId: 'cert-1' }))).resolves.toMatchObject({ id, revision: r.revision, duplicate: true, position: r.position });
      expect(taxCalls).toBe(1);
      expect(await eventStore.headPosition()).toBe(head);
    });

    it('does not ask the tax system for a case that cannot get a certificate', async () => {
      const id = await submitted(submission({ serviceCode: 'tax-liability-certificate' }));
      await expectRefused(() => applications.issueCertificate({ id }, as(staff)), 'INVALID_TRANSITION', { reason: 'APPLICATION_NOT_APPROVED' });
      const permitCase = await approved();
      await expectRefused(() => applications.issueCertificate({ id: permitCase }, as(staff)), 'INVALID_TRANSITION', { reason: 'SERVICE_ISSUES_NO_CERTIFICATE' });
      expect(taxCalls).toBe(0);
    });
  });
});
