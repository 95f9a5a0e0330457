/**
 * Correspondence through the command bus over the real SQLite event store: registration in the
 * journals (gap-free numbers per community, journal and Yerevan year), resolutions and execution
 * control, signing and dispatch (interagency: registered at once in the recipient's incoming journal),
 * and every refusal as a typed error that appends nothing.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentJournalStreamId } from '../../domain/correspondence/journal';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { registerCommunities } from '../../tests/support/registered-communities';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { createCommands, type Commands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { documentStreamId, interagencyDocumentId } from './commands';

const clerk: Actor = { id: 'clerk-g', role: 'staff', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' };
const executor: Actor = { id: 'exec-g', role: 'staff', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' };
const head: Actor = { id: 'head-g', role: 'head', communityId: 'GYUMRI', assurance: 'eid', channel: 'staff' };
const dilijanClerk: Actor = { id: 'clerk-d', role: 'staff', communityId: 'DILIJAN', assurance: 'password', channel: 'staff' };
const resident: Actor = { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' };
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

/** The staff directory as the commands ask it: who is appointed where. */
const directory = new Map<string, { role: string; communityId: string }>([
  ['clerk-g', { role: 'staff', communityId: 'GYUMRI' }],
  ['exec-g', { role: 'staff', communityId: 'GYUMRI' }],
  ['head-g', { role: 'head', communityId: 'GYUMRI' }],
  ['clerk-d', { role: 'staff', communityId: 'DILIJAN' }],
]);
const staff = { appointmentOf: async (id: string) => directory.get(id) ?? null };

const letter = (overrides: Record<string, unknown> = {}) => ({
  communityId: 'GYUMRI',
  senderName: 'Շիրակի մարզպետարան',
  senderReference: '01/2345 of 2024-02-27',
  receivedOn: '2024-02-29',
  subject: 'Ճանապարհների վերանորոգման ծրագիր',
  channel: 'post',
  ...overrides,
});
type IncomingArgs = Parameters<Commands['registerIncomingDocument']>[0];
type OutgoingArgs = Parameters<Commands['registerOutgoingDocument']>[0];
const incoming = (overrides: Record<string, unknown> = {}) => ({ input: letter(overrides) }) as IncomingArgs;
const outgoing = (overrides: Record<string, unknown> = {}) =>
  ({ input: { communityId: 'GYUMRI', recipientName: 'Դիլիջանի համայնքապետարան', subject: 'Համագործակցության առաջարկ', text: 'Առաջարկում ենք…', ...overrides } }) as OutgoingArgs;

describe('correspondence (SQLite event store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let clock: ReturnType<typeof fixedClock>;
  let commands: Commands;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-documents-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.db'));
    await registerCommunities(eventStore, ['GYUMRI', 'DILIJAN']);
    clock = fixedClock('2024-03-01T08:00:00Z'); // a Friday
    commands = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('documents-test') }), clock, staff });
  });

  afterEach(async () => {
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectRefused = async (attempt: () => Promise<unknown>, expected: Record<string, unknown>) => {
    const before = await eventStore.headPosition();
    await expect(attempt()).rejects.toMatchObject(expected);
    expect(await eventStore.headPosition()).toBe(before);
  };

  const registered = async (overrides: Record<string, unknown> = {}) => (await commands.registerIncomingDocument(incoming(overrides), as(clerk))).id;

  describe('registration', () => {
    it('numbers each journal of a community "1", "2", … per Yerevan year, and keeps Armenian text as given', async () => {
      const first = await commands.registerIncomingDocument(incoming(), as(clerk));
      const second = await commands.registerIncomingDocument(incoming({ channel: 'email' }), as(clerk));
      const memo = await commands.registerInternalDocument({ input: { communityId: 'GYUMRI', subject: 'Հրաման', text: 'Աշխատանքային ժամերի մասին' } }, as(clerk));
      const elsewhere = await commands.registerIncomingDocument(incoming({ communityId: 'DILIJAN' }), as(dilijanClerk));
      expect([first.view.number, second.view.number, memo.view.number, elsewhere.view.number]).toEqual(['1', '2', '1', '1']);
      expect(first.view).toMatchObject({ journal: 'incoming', year: 2024, status: 'registered', subject: 'Ճանապարհների վերանորոգման ծրագիր', senderName: 'Շիրակի մարզպետարան', overdue: false });
      // 1 January 2025 in Yerevan begins at 20:00 UTC on 31 December.
      clock.set('2024-12-31T20:30:00Z');
      expect((await commands.registerIncomingDocument(incoming(), as(clerk))).view).toMatchObject({ number: '1', year: 2025 });
    });

    it('lets a resident (eID/mID) send an online letter, registered in their name', async () => {
      const r = await commands.registerIncomingDocument(incoming({ channel: 'online', senderName: 'Անի Սարգսյան', senderReference: null }), as(resident));
      expect(r.view).toMatchObject({ channel: 'online', senderId: 'res-1', number: '1' });
      await expectRefused(() => commands.registerIncomingDocument(incoming({ channel: 'post' }), as(resident)), { code: 'FORBIDDEN' });
      await expectRefused(() => commands.registerIncomingDocument(incoming({ channel: 'online' }), as({ ...resident, assurance: 'password' })), { code: 'FORBIDDEN' });
    });

    it('keeps attachment references, and refuses a malformed one', async () => {
      const scan = { sha256: 'a'.repeat(64), name: 'նամակ.pdf', type: 'application/pdf', size: 120_000 };
      const r = await commands.registerIncomingDocument(incoming({ attachments: [scan] }), as(clerk));
      expect(r.view.attachments).toEqual([scan]);
      await expectRefused(() => commands.registerIncomingDocument(incoming({ attachments: [{ ...scan, sha256: 'Z'.repeat(64) }] }), as(clerk)), { code: 'VALIDATION_FAILED', reason: 'INVALID_DOCUMENT' });
      await expectRefused(() => commands.registerIncomingDocument(incoming({ attachments: [{ ...scan, size: -1 }] }), as(clerk)), { code: 'VALIDATION_FAILED', fields: ['input.attachments.0.size'] });
    });

    it('refuses an unknown community, an empty subject, a receipt date in the future, and staff of another community — taking no number', async () => {
      await expectRefused(() => commands.registerIncomingDocument(incoming({ communityId: 'NOWHERE' }), as({ ...clerk, communityId: 'NOWHERE' })), { code: 'VALIDATION_FAILED', reason: 'UNKNOWN_COMMUNITY' });
      await expectRefused(() => commands.registerIncomingDocument(incoming({ subject: '   ' }), as(clerk)), { code: 'VALIDATION_FAILED', fields: ['input.subject'] });
      await expectRefused(() => commands.registerIncomingDocument(incoming({ receivedOn: '2024-03-02' }), as(clerk)), { code: 'VALIDATION_FAILED', reason: 'INVALID_DOCUMENT', fields: ['receivedOn'] });
      await expectRefused(() => commands.registerIncomingDocument(incoming(), as(dilijanClerk)), { code: 'FORBIDDEN' });
      expect(await eventStore.readStream(documentJournalStreamId('GYUMRI', 'incoming', 2024))).toEqual([]);
    });

    it('cancels a registration with a reason; the number stays taken and the next registration takes the next one', async () => {
      const id = await registered();
      const cancelled = await commands.cancelRegistration({ id, reason: 'Սխալմամբ գրանցված' }, as(clerk));
      expect(cancelled.view).toMatchObject({ status: 'cancelled', number: '1', cancellationReason: 'Սխալմամբ գրանցված' });
      expect((await commands.registerIncomingDocument(incoming(), as(clerk))).view.number).toBe('2');
      await expectRefused(() => commands.cancelRegistration({ id, reason: 'again' }, as(clerk)), { code: 'INVALID_TRANSITION', reason: 'DOCUMENT_CANCELLED' });
      await expectRefused(() => commands.cancelRegistration({ id, reason: '' }, as(clerk)), { code: 'VALIDATION_FAILED' });
    });

    it('answers a repeated commandId with the first registration and its one number', async () => {
      const first = await commands.registerIncomingDocument(incoming(), as(clerk, { commandId: 'letter-1' }));
      const head = await eventStore.headPosition();
      const again = await commands.registerIncomingDocument(incoming(), as(clerk, { commandId: 'letter-1' }));
      expect(again).toMatchObject({ id: first.id, duplicate: true, view: { number: '1' } });
      expect(await eventStore.headPosition()).toBe(head);
    });

    it('numbers registrations gap-free and uniquely under any interleaving of callers and handlers', async () => {
      // Two command handlers on one store stand for two processes (their in-process queues are separate).
      const other = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('documents-other') }), clock, staff });
      let year = 2030;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('incoming', 'internal'), fc.boolean(), fc.nat(3)), { minLength: 1, maxLength: 12 }), async (plan) => {
          // Each run numbers a fresh Yerevan year, so every run's journals start empty.
          year += 1;
          clock.set(`${year}-06-03T08:00:00Z`);
          const runs = plan.map(async ([journal, useOther, delay]) => {
            await new Promise((resolve) => setTimeout(resolve, delay));
            const bus = useOther ? other : commands;
            const r =
              journal === 'incoming'
                ? await bus.registerIncomingDocument(incoming({ receivedOn: `${year}-06-01` }), as(clerk))
                : await bus.registerInternalDocument({ input: { communityId: 'GYUMRI', subject: 'Հրաման', text: 'Տեքստ' } }, as(clerk));
            return [journal, Number(r.view.number)] as const;
          });
          const numbered = await Promise.all(runs);
          for (const journal of ['incoming', 'internal'] as const) {
            const numbers = numbered.filter(([j]) => j === journal).map(([, n]) => n);
            expect([...numbers].sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
            const log = await eventStore.readStream(documentJournalStreamId('GYUMRI', journal, year));
            expect(log.map((e) => (e.data as { sequence: number }).sequence)).toEqual(numbers.map((_, i) => i + 1));
          }
        }),
        { numRuns: 15 },
      );
    });
  });

  describe('resolutions and execution control', () => {
    it('counts controlWorkingDays after today on the working-day calendar, and executes when every executor has reported', async () => {
      const id = await registered();
      // Friday 1 March 2024 + 5 working days: 4, 5, 6, 7 March, then 8 March (International Women's Day) is not a working day → 11 March.
      const r = await commands.issueResolution({ documentId: id, executorIds: ['exec-g', 'clerk-g'], instruction: 'Պատրաստել պատասխան', controlWorkingDays: 5 }, as(head));
      expect(r.view).toMatchObject({ status: 'in-execution', controlDueOn: '2024-03-11', executors: ['exec-g', 'clerk-g'], resolution: { controlWorkingDays: 5, issuedBy: 'head-g' } });
      expect((await commands.reportExecution({ documentId: id, report: 'Պատասխանը պատրաստ է' }, as(executor))).view.status).toBe('in-execution');
      await expectRefused(() => commands.reportExecution({ documentId: id, report: 'Again' }, as(executor)), { code: 'INVALID_TRANSITION', reason: 'EXECUTION_ALREADY_REPORTED' });
      const done = await commands.reportExecution({ documentId: id, report: 'Համաձայն եմ' }, as(clerk));
      expect(done.view).toMatchObject({ status: 'executed', executedOnTime: true });
      expect((await commands.closeDocument({ id }, as(clerk))).view.status).toBe('closed');
    });

    it('derives overdue from the control date, and extends the control with a reason to a later working day', async () => {
      const id = await registered();
      await commands.issueResolution({ documentId: id, executorIds: ['exec-g'], instruction: 'Ուսումնասիրել', controlDueOn: '2024-03-05' }, as(head));
      clock.set('2024-03-06T08:00:00Z');
      const late = await commands.extendControl({ documentId: id, dueOn: '2024-03-12', reason: 'Լրացուցիչ տվյալներ են պետք' }, as(head));
      expect(late.view).toMatchObject({ controlDueOn: '2024-03-12', overdue: false, extensions: [{ previousDueOn: '2024-03-05', dueOn: '2024-03-12' }] });
      clock.set('2024-03-13T08:00:00Z');
      expect((await commands.reportExecution({ documentId: id, report: 'Done late' }, as(executor))).view).toMatchObject({ status: 'executed', executedOnTime: false, overdue: false });
      await expectRefused(() => commands.extendControl({ documentId: id, dueOn: '2024-03-20', reason: 'x' }, as(head)), { code: 'INVALID_TRANSITION', reason: 'DOCUMENT_EXECUTED' });
    });

    it('refuses unknown executors, negative working days, both control forms, a non-working control date, and a resolution on a cancelled document', async () => {
      const id = await registered();
      await expectRefused(() => commands.issueResolution({ documentId: id, executorIds: ['nobody'], instruction: 'x', controlWorkingDays: 3 }, as(head)), { code: 'VALIDATION_FAILED', reason: 'UNKNOWN_EXECUTOR' });
      await expectRefused(() => commands.issueResolution({ documentId: id, executorIds: ['clerk-d'], instruction: 'x', controlWorkingDays: 3 }, as(head)), { code: 'VALIDATION_FAILED', reason: 'UNKNOWN_EXECUTOR' });
      await expectRefused(() => commands.issueResolution({ documentId: id, executorIds: ['exec-g'], instruction: 'x', controlWorkingDays: -2 }, as(head)), { code: 'VALIDATION_FAILED', fields: ['controlWorkingDays'] });
      await expectRefused(() => commands.issueResolution({ documentId: id, executorIds: ['exec-g'], instruction: 'x', controlWorkingDays: 2, controlDueOn: '2024-03-05' }, as(head)), { reason: 'ONE_CONTROL_FORM' });
      await expectRefused(() => commands.issueResolution({ documentId: id, executorIds: ['exec-g'], instruction: 'x', controlDueOn: '2024-03-09' }, as(head)), { reason: 'NOT_A_WORKING_DAY' });
      await expectRefused(() => commands.issueResolution({ documentId: id, executorIds: ['exec-g'], instruction: '  ', controlDueOn: '2024-03-05' }, as(head)), { code: 'VALIDATION_FAILED', fields: ['instruction'] });
      await commands.cancelRegistration({ id, reason: 'Կրկնօրինակ' }, as(clerk));
      await expectRefused(() => commands.issueResolution({ documentId: id, executorIds: ['exec-g'], instruction: 'x', controlDueOn: '2024-03-05' }, as(head)), { code: 'INVALID_TRANSITION', reason: 'DOCUMENT_CANCELLED' });
    });

    it('lets only an executor report, and closes only an executed document', async () => {
      const id = await registered();
      await expectRefused(() => commands.closeDocument({ id }, as(clerk)), { code: 'INVALID_TRANSITION', reason: 'DOCUMENT_NOT_EXECUTED' });
      await expectRefused(() => commands.reportExecution({ documentId: id, report: 'x' }, as(executor)), { code: 'INVALID_TRANSITION', reason: 'NO_RESOLUTION' });
      await commands.issueResolution({ documentId: id, executorIds: ['exec-g'], instruction: 'x', controlWorkingDays: 1 }, as(clerk));
      await expectRefused(() => commands.reportExecution({ documentId: id, report: 'x' }, as(clerk)), { code: 'FORBIDDEN' });
      await expectRefused(() => commands.reportExecution({ documentId: 'no-such-document', report: 'x' }, as(clerk)), { code: 'NOT_FOUND' });
    });
  });

  describe('signing and dispatch', () => {
    it('refuses to dispatch an unsigned document; the head signs; sent by post otherwise', async () => {
      const id = (await commands.registerOutgoingDocument(outgoing(), as(clerk))).id;
      await expectRefused(() => commands.dispatchDocument({ id }, as(clerk)), { code: 'INVALID_TRANSITION', reason: 'DOCUMENT_NOT_SIGNED' });
      await expectRefused(() => commands.signOutgoingDocument({ id }, as(clerk)), { code: 'FORBIDDEN' });
      expect((await commands.signOutgoingDocument({ id }, as(head))).view).toMatchObject({ status: 'signed', signedBy: 'head-g' });
      expect((await commands.dispatchDocument({ id, via: 'email' }, as(clerk))).view).toMatchObject({ status: 'dispatched', dispatchedVia: 'email', linkedDocumentId: null });
      await expectRefused(() => commands.dispatchDocument({ id }, as(clerk)), { code: 'INVALID_TRANSITION', reason: 'ALREADY_DISPATCHED' });
    });

    it('links a reply to the incoming document it answers, of the same community only', async () => {
      const letterId = await registered();
      const reply = await commands.registerOutgoingDocument(outgoing({ inReplyTo: letterId }), as(clerk));
      expect(reply.view.inReplyTo).toBe(letterId);
      await expectRefused(() => commands.registerOutgoingDocument(outgoing({ inReplyTo: reply.id }), as(clerk)), { reason: 'REPLY_TO_NOT_INCOMING' });
      await expectRefused(() => commands.registerOutgoingDocument(outgoing({ inReplyTo: 'unknown' }), as(clerk)), { reason: 'UNKNOWN_DOCUMENT' });
    });

    it('dispatches to a community on the system by registering the document in its incoming journal at once, each side linking the other', async () => {
      await commands.registerIncomingDocument(incoming({ communityId: 'DILIJAN' }), as(dilijanClerk));
      const id = (await commands.registerOutgoingDocument(outgoing({ recipientCommunityId: 'DILIJAN' }), as(clerk))).id;
      await commands.signOutgoingDocument({ id }, as(head));
      await expectRefused(() => commands.dispatchDocument({ id, via: 'post' }, as(clerk)), { reason: 'INTERAGENCY_DISPATCH' });
      const sent = await commands.dispatchDocument({ id }, as(clerk, { commandId: 'dispatch-1' }));
      const receivedId = interagencyDocumentId(id);
      expect(sent.view).toMatchObject({ status: 'dispatched', dispatchedVia: 'interagency', linkedDocumentId: receivedId });
      const received = await eventStore.readStream(documentStreamId(receivedId));
      expect(received.map((e) => [e.type, e.data])).toEqual([
        [
          'IncomingDocumentRegistered',
          expect.objectContaining({ communityId: 'DILIJAN', number: '2', channel: 'interagency', linkedDocumentId: id, senderCommunityId: 'GYUMRI', senderName: 'Համայնք GYUMRI', subject: 'Համագործակցության առաջարկ' }),
        ],
      ]);
      const logHead = await eventStore.headPosition();
      expect(await commands.dispatchDocument({ id }, as(clerk, { commandId: 'dispatch-1' }))).toMatchObject({ duplicate: true });
      expect(await eventStore.headPosition()).toBe(logHead);
    });

    it('refuses a recipient community that is not registered', async () => {
      await expectRefused(() => commands.registerOutgoingDocument(outgoing({ recipientCommunityId: 'NOWHERE' }), as(clerk)), { reason: 'UNKNOWN_COMMUNITY', fields: ['input.recipientCommunityId'] });
    });
  });
});
