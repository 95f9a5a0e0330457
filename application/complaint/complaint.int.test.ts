/**
 * The complaint service over the real SQLite event store: who may file and act on complaints,
 * validation, idempotency, optimistic concurrency and the domain rules as a caller sees them.
 */
import { registerCommunities } from '../../tests/support/registered-communities';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { createCommands, type Commands } from '../commands/registry';
import { complaintStreamId } from './commands';

const resident: Actor = { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' };
const residentMid: Actor = { id: 'res-3', role: 'resident', assurance: 'mid', channel: 'online' };
const otherResident: Actor = { id: 'res-2', role: 'resident', assurance: 'eid', channel: 'online' };
const weakResident: Actor = { id: 'res-1', role: 'resident', assurance: 'password', channel: 'online' };
const staff: Actor = { id: 'clerk-g', role: 'staff', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' };
const head: Actor = { id: 'head-g', role: 'head', communityId: 'GYUMRI', assurance: 'eid', channel: 'staff' };
const otherStaff: Actor = { id: 'clerk-v', role: 'staff', communityId: 'VANADZOR', assurance: 'password', channel: 'staff' };
const readOnlyAndOthers: Record<string, Actor> = {
  'staff of another community': otherStaff,
  'head of another community': { id: 'head-v', role: 'head', communityId: 'VANADZOR', assurance: 'eid', channel: 'staff' },
  council: { id: 'council-g', role: 'council', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' },
  auditor: { id: 'aud-1', role: 'auditor', assurance: 'password', channel: 'staff' },
  integration: { id: 'stats', role: 'integration', assurance: 'system', channel: 'system' },
  ministry: { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' },
};
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

const input = (overrides: Record<string, unknown> = {}) => ({
  communityId: 'GYUMRI',
  channel: 'online',
  category: 'roads',
  subject: 'Փոսեր Գորկու փողոցում',
  description: 'The road has potholes since winter.',
  complainantName: 'Անի Սարգսյան',
  ...overrides,
});
type FileArgs = Parameters<Commands['fileComplaint']>[0];
const fileArgs = (overrides: Record<string, unknown> = {}) => ({ input: input(overrides) }) as FileArgs;

/** What a command answers about its aggregate (besides the log position and whether it repeated). */
const aggregateOf = (r: { id: string; revision: number; view: unknown }) => ({ id: r.id, revision: r.revision, view: r.view });

describe('complaint service (SQLite event store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let clock: ReturnType<typeof fixedClock>;
  let complaints: Commands;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.db'));
    await registerCommunities(eventStore, ['GYUMRI', 'VANADZOR']);
    clock = fixedClock('2024-03-01T08:00:00Z');
    complaints = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('complaint-test') }), clock });
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

  const fileOnline = async () => (await complaints.fileComplaint(fileArgs(), as(resident))).id;
  const responded = async () => {
    const id = await fileOnline();
    await complaints.respondToComplaint({ id, response: 'Repairs in April.', resolution: 'upheld' }, as(staff));
    return id;
  };

  describe('filing', () => {
    it('a resident with eID files online; the complaint is theirs and due in 30 days', async () => {
      const result = await complaints.fileComplaint(fileArgs(), as(resident));
      expect(result.revision).toBe(0);
      expect(result.view).toMatchObject({
        id: result.id,
        status: 'filed',
        communityId: 'GYUMRI',
        channel: 'online',
        category: 'roads',
        subject: 'Փոսեր Գորկու փողոցում',
        resolution: null,
        responseDueOn: '2024-03-31',
        overdue: false,
        complainantId: 'res-1',
        filedAt: '2024-03-01T08:00:00.000Z',
        respondedAt: null,
      });
      const events = await eventStore.readStream(complaintStreamId(result.id));
      expect(events.map((e) => e.type)).toEqual(['ComplaintFiled']);
    });

    it('a resident with mID files online too', async () => {
      expect((await complaints.fileComplaint(fileArgs(), as(residentMid))).view.complainantId).toBe('res-3');
    });

    it('staff file on the hotline, at the office or in person on a complainant’s behalf', async () => {
      const hotline = await complaints.fileComplaint(fileArgs({ channel: 'hotline', complainantId: 'res-9' }), as(staff));
      expect(hotline.view).toMatchObject({ channel: 'hotline', complainantId: 'res-9' });
      const cso = await complaints.fileComplaint(fileArgs({ channel: 'cso' }), as({ ...staff, channel: 'cso', officeId: 'cso-1', onBehalfOf: 'res-7' }));
      expect(cso.view).toMatchObject({ channel: 'cso', complainantId: 'res-7' });
      const inPerson = await complaints.fileComplaint(fileArgs({ channel: 'in-person', complainantName: undefined }), as(head));
      expect(inPerson.view).toMatchObject({ channel: 'in-person', complainantId: null, complainantName: null });
    });

    it.each<[string, FileArgs, Actor]>([
      ['a resident signed in with a password', fileArgs(), weakResident],
      ['a resident naming someone else as complainant', fileArgs({ complainantId: 'res-2' }), resident],
      ['staff on the online channel', fileArgs(), staff],
      ['a resident on the hotline channel', fileArgs({ channel: 'hotline' }), resident],
      ['staff of another community on the hotline', fileArgs({ channel: 'hotline' }), otherStaff],
      ...Object.entries(readOnlyAndOthers).map(([label, actor]): [string, FileArgs, Actor] => [`a ${label} on the hotline`, fileArgs({ channel: 'hotline' }), actor]),
      ...Object.entries(readOnlyAndOthers).map(([label, actor]): [string, FileArgs, Actor] => [`a ${label} online`, fileArgs(), actor]),
    ])('refuses %s with FORBIDDEN', async (_label, args, actor) => {
      await expectRefused(() => complaints.fileComplaint(args, as(actor)), 'FORBIDDEN');
    });

    it.each([
      ['a subject over 200 characters', { subject: 'բ'.repeat(201) }, ['input.subject']],
      ['an unknown channel', { channel: 'email' }, ['input.channel']],
      ['a blank description and a missing category', { description: ' ', category: undefined }, ['input.category', 'input.description']],
      ['an unknown field', { priority: 'high' }, ['input.priority']],
      ['a complainant name over 200 characters', { complainantName: 'Ա'.repeat(201) }, ['input.complainantName']],
    ])('refuses %s with VALIDATION_FAILED listing the fields', async (_label, overrides, fields) => {
      await expectRefused(() => complaints.fileComplaint(fileArgs(overrides), as(resident)), 'VALIDATION_FAILED', { fields });
    });

    it('accepts a subject of exactly 200 Armenian letters', async () => {
      expect((await complaints.fileComplaint(fileArgs({ subject: 'բ'.repeat(200) }), as(resident))).view.subject).toHaveLength(200);
    });
  });

  describe('handling', () => {
    it('goes filed → acknowledged → assigned → escalated → responded → closed → reopened by the complainant → responded', async () => {
      const id = await fileOnline();
      expect((await complaints.acknowledgeComplaint({ id }, as(staff))).view.status).toBe('acknowledged');
      expect((await complaints.assignComplaint({ id, assigneeId: 'clerk-2' }, as(staff))).view).toMatchObject({ status: 'assigned', assigneeId: 'clerk-2' });
      expect((await complaints.escalateComplaint({ id, to: 'head', reason: 'Budget decision' }, as(staff))).view).toMatchObject({ status: 'escalated', escalatedTo: 'head' });
      clock.set('2024-03-10T08:00:00Z');
      const answered = await complaints.respondToComplaint({ id, response: 'Repairs in April.', resolution: 'partially-upheld' }, as(head));
      expect(answered.view).toMatchObject({ status: 'responded', resolution: 'partially-upheld', respondedAt: '2024-03-10T08:00:00.000Z', reopenableUntil: '2024-04-09' });
      expect((await complaints.closeComplaint({ id }, as(staff))).view.status).toBe('closed');
      clock.set('2024-04-09T19:00:00Z'); // still 9 April in Yerevan: the 30th day
      expect((await complaints.reopenComplaint({ id, reason: 'Nothing was repaired' }, as(resident))).view).toMatchObject({ status: 'reopened', overdue: true });
      const again = await complaints.respondToComplaint({ id, response: 'Repaired on 15 April.', resolution: 'upheld' }, as(staff));
      expect(again).toMatchObject({ revision: 7, view: { status: 'responded', resolution: 'upheld', overdue: false } });
    });

    it('staff of the community may reopen too', async () => {
      const id = await responded();
      expect((await complaints.reopenComplaint({ id, reason: 'Follow-up needed' }, as(staff))).view.status).toBe('reopened');
    });

    it('refuses a reopening after 30 days with INVALID_TRANSITION REOPEN_PERIOD_EXPIRED', async () => {
      const id = await responded();
      clock.set('2024-03-31T20:00:00Z'); // 1 April in Yerevan: 31 days after 1 March
      await expectRefused(() => complaints.reopenComplaint({ id, reason: 'late' }, as(resident)), 'INVALID_TRANSITION', { reason: 'REOPEN_PERIOD_EXPIRED' });
    });

    it('refuses to respond to a closed complaint, or to close one never responded to', async () => {
      const id = await responded();
      await complaints.closeComplaint({ id }, as(staff));
      await expectRefused(() => complaints.respondToComplaint({ id, response: 'x', resolution: 'rejected' }, as(staff)), 'INVALID_TRANSITION', { reason: 'COMPLAINT_CLOSED' });
      const open = await fileOnline();
      await expectRefused(() => complaints.closeComplaint({ id: open }, as(staff)), 'INVALID_TRANSITION', { reason: 'COMPLAINT_NOT_RESPONDED' });
    });

    it('shows the complaint overdue after its response due date (Yerevan)', async () => {
      const id = await fileOnline();
      clock.set('2024-03-31T19:59:00Z');
      expect((await complaints.acknowledgeComplaint({ id }, as(staff))).view.overdue).toBe(false);
      clock.set('2024-03-31T20:00:00Z');
      expect((await complaints.assignComplaint({ id, assigneeId: 'clerk-2' }, as(staff))).view.overdue).toBe(true);
    });

    it.each([
      ['an unknown resolution', () => ({ id: 'x', response: 'r', resolution: 'maybe' }), 'respondToComplaint', ['resolution']],
      ['a blank response', () => ({ id: 'x', response: '', resolution: 'upheld' }), 'respondToComplaint', ['response']],
      ['an unknown escalation level', () => ({ id: 'x', to: 'court', reason: 'r' }), 'escalateComplaint', ['to']],
      ['a missing assignee', () => ({ id: 'x' }), 'assignComplaint', ['assigneeId']],
      ['a missing reason', () => ({ id: 'x' }), 'reopenComplaint', ['reason']],
      ['a missing id', () => ({}), 'closeComplaint', ['id']],
    ] as const)('refuses %s with VALIDATION_FAILED', async (_label, args, method, fields) => {
      const call = complaints[method] as (a: unknown, c: CommandContext) => Promise<unknown>;
      await expectRefused(() => call(args(), as(staff)), 'VALIDATION_FAILED', { fields });
    });

    it('answers NOT_FOUND for a complaint that does not exist', async () => {
      await expectRefused(() => complaints.acknowledgeComplaint({ id: 'nope' }, as(staff)), 'NOT_FOUND');
      await expectRefused(() => complaints.reopenComplaint({ id: 'nope', reason: 'r' }, as(resident)), 'NOT_FOUND');
    });
  });

  describe('authorization of handling', () => {
    const staffOnly: Array<[string, (s: Commands, id: string, ctx: CommandContext) => Promise<unknown>]> = [
      ['acknowledgeComplaint', (s, id, ctx) => s.acknowledgeComplaint({ id }, ctx)],
      ['assignComplaint', (s, id, ctx) => s.assignComplaint({ id, assigneeId: 'clerk-2' }, ctx)],
      ['respondToComplaint', (s, id, ctx) => s.respondToComplaint({ id, response: 'r', resolution: 'rejected' }, ctx)],
      ['escalateComplaint', (s, id, ctx) => s.escalateComplaint({ id, to: 'ministry', reason: 'r' }, ctx)],
      ['closeComplaint', (s, id, ctx) => s.closeComplaint({ id }, ctx)],
    ];
    const refusedForStaffOnly: Record<string, Actor> = { 'the complainant (a resident)': resident, 'another resident': otherResident, ...readOnlyAndOthers };

    it.each(Object.entries(refusedForStaffOnly))('refuses every staff mutation to %s with FORBIDDEN, appending nothing', async (_label, actor) => {
      const id = await fileOnline();
      const answered = await responded();
      for (const [name, call] of staffOnly) {
        await expectRefused(() => call(complaints, name === 'closeComplaint' ? answered : id, as(actor)), 'FORBIDDEN');
      }
    });

    it.each(Object.entries({ 'another resident': otherResident, ...readOnlyAndOthers }))('refuses a reopening to %s with FORBIDDEN', async (_label, actor) => {
      const id = await responded();
      await expectRefused(() => complaints.reopenComplaint({ id, reason: 'r' }, as(actor)), 'FORBIDDEN');
    });

    it('refuses a resident reopening an anonymous complaint filed by staff', async () => {
      const { id } = await complaints.fileComplaint(fileArgs({ channel: 'hotline' }), as(staff));
      await complaints.respondToComplaint({ id, response: 'r', resolution: 'rejected' }, as(staff));
      await expectRefused(() => complaints.reopenComplaint({ id, reason: 'r' }, as(resident)), 'FORBIDDEN');
    });
  });

  describe('idempotency and concurrency', () => {
    it('a repeated filing with the same commandId returns the same complaint and appends nothing', async () => {
      const first = await complaints.fileComplaint(fileArgs(), as(resident, { commandId: 'file-1' }));
      const head1 = await eventStore.headPosition();
      const second = await complaints.fileComplaint(fileArgs(), as(resident, { commandId: 'file-1' }));
      expect(aggregateOf(second)).toEqual(aggregateOf(first));
      expect(second).toMatchObject({ duplicate: true, position: first.position });
      expect(await eventStore.headPosition()).toBe(head1);
    });

    it('a repeated response with the same commandId returns the same result and appends nothing', async () => {
      const id = await fileOnline();
      const args = { id, response: 'Repairs in April.', resolution: 'upheld' as const };
      const first = await complaints.respondToComplaint(args, as(staff, { commandId: 'respond-1' }));
      const head1 = await eventStore.headPosition();
      const second = await complaints.respondToComplaint(args, as(staff, { commandId: 'respond-1' }));
      expect(aggregateOf(second)).toEqual(aggregateOf(first));
      expect(second).toMatchObject({ duplicate: true, position: first.position });
      expect(await eventStore.headPosition()).toBe(head1);
    });

    it('refuses a stale expectedRevision with CONCURRENCY_CONFLICT and appends nothing', async () => {
      const id = await fileOnline();
      await complaints.acknowledgeComplaint({ id }, as(staff, { expectedRevision: 0 }));
      await expectRefused(() => complaints.assignComplaint({ id, assigneeId: 'clerk-2' }, as(staff, { expectedRevision: 0 })), 'CONCURRENCY_CONFLICT');
      expect((await complaints.assignComplaint({ id, assigneeId: 'clerk-2' }, as(staff, { expectedRevision: 1 }))).revision).toBe(2);
    });
  });
});
