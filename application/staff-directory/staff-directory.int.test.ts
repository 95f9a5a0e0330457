/**
 * The staff directory's commands through the one pipeline over the real SQLite event store: who may
 * appoint and dismiss whom, validation, and the Actor the people directory then gives a person at
 * their next request. A refused command appends nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerCommunities } from '../../tests/support/registered-communities';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { systemActor } from '../authorization';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { createCommands, type Commands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import type { PeopleDirectory } from '../ports/people';
import { appointmentStreamId } from './commands';
import { createPeopleDirectory } from './people';

const ministry: Actor = { id: '1000000001', role: 'ministry', assurance: 'eid', channel: 'staff' };
const headOfGyumri: Actor = { id: '1000000002', role: 'head', communityId: 'GYUMRI', assurance: 'eid', channel: 'staff' };
const headOfVanadzor: Actor = { id: '1000000003', role: 'head', communityId: 'VANADZOR', assurance: 'eid', channel: 'staff' };
const staffOfGyumri: Actor = { id: '1000000004', role: 'staff', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' };
const auditor: Actor = { id: '1000000005', role: 'auditor', assurance: 'eid', channel: 'staff' };
const resident: Actor = { id: '1000000006', role: 'resident', assurance: 'eid', channel: 'online' };
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

const CLERK = '2000000001';
const CLERK_NAME = 'Անահիտ Մկրտչյան';

describe('staff directory commands (SQLite event store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let commands: Commands;
  let people: PeopleDirectory;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.db'));
    await registerCommunities(eventStore, ['GYUMRI', 'VANADZOR']);
    const clock = fixedClock('2024-03-01T08:00:00Z');
    commands = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('directory-test') }), clock });
    people = createPeopleDirectory({ eventStore });
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

  const appointClerk = (by: Actor = ministry, communityId = 'GYUMRI') =>
    commands.appointStaff({ communityId, personalId: CLERK, role: 'staff', name: CLERK_NAME }, as(by));

  describe('appointStaff', () => {
    it('appoints on the person’s stream and answers the StaffAppointment view, the Armenian name intact', async () => {
      const r = await appointClerk();
      expect(r).toMatchObject({ id: CLERK, revision: 0, duplicate: false });
      expect(r.view).toEqual({
        id: CLERK,
        status: 'appointed',
        personalId: CLERK,
        name: CLERK_NAME,
        role: 'staff',
        communityId: 'GYUMRI',
        appointedAt: '2024-03-01T08:00:00.000Z',
        appointedOn: '2024-03-01',
        dismissedAt: null,
      });
      const [event] = await eventStore.readStream(appointmentStreamId(CLERK));
      expect(event).toMatchObject({ streamId: `appointment-${CLERK}`, type: 'StaffAppointed', data: { name: CLERK_NAME } });
      expect(event.metadata.actor.id).toBe(ministry.id);
    });

    it('lets a head appoint staff and council members of their own community, and nobody else', async () => {
      expect((await appointClerk(headOfGyumri)).view.role).toBe('staff');
      const council = await commands.appointStaff({ communityId: 'GYUMRI', personalId: '2000000002', role: 'council', name: 'Գոհար Հակոբյան' }, as(headOfGyumri));
      expect(council.view).toMatchObject({ role: 'council', communityId: 'GYUMRI' });
      await expectRefused(() => commands.appointStaff({ communityId: 'GYUMRI', personalId: '2000000003', role: 'staff', name: 'Ա Բ' }, as(headOfVanadzor)), 'FORBIDDEN');
      for (const actor of [staffOfGyumri, auditor, resident]) {
        await expectRefused(() => commands.appointStaff({ communityId: 'GYUMRI', personalId: '2000000003', role: 'staff', name: 'Ա Բ' }, as(actor)), 'FORBIDDEN');
      }
    });

    it('keeps heads to the ministry: a head appoints no head and changes no head’s role', async () => {
      await expectRefused(() => commands.appointStaff({ communityId: 'GYUMRI', personalId: '2000000009', role: 'head', name: 'Ա Բ' }, as(headOfGyumri)), 'FORBIDDEN');
      await commands.appointStaff({ communityId: 'GYUMRI', personalId: '2000000009', role: 'head', name: 'Ա Բ' }, as(ministry));
      await expectRefused(() => commands.appointStaff({ communityId: 'GYUMRI', personalId: '2000000009', role: 'staff', name: 'Ա Բ' }, as(headOfGyumri)), 'FORBIDDEN');
      await expectRefused(() => commands.dismissStaff({ communityId: 'GYUMRI', personalId: '2000000009' }, as(headOfGyumri)), 'FORBIDDEN');
    });

    it('refuses a personal id that is not 10 digits, an unknown role, a blank name, an unregistered community', async () => {
      await expectRefused(() => commands.appointStaff({ communityId: 'GYUMRI', personalId: '12345', role: 'staff', name: 'Ա Բ' }, as(ministry)), 'VALIDATION_FAILED', { fields: ['personalId'] });
      await expectRefused(
        () => commands.appointStaff({ communityId: 'GYUMRI', personalId: CLERK, role: 'mayor' as never, name: ' ' }, as(ministry)),
        'VALIDATION_FAILED',
        { fields: ['role', 'name'] },
      );
      await expectRefused(() => commands.appointStaff({ communityId: 'NOWHERE', personalId: CLERK, role: 'staff', name: 'Ա Բ' }, as(ministry)), 'VALIDATION_FAILED', {
        reason: 'UNKNOWN_COMMUNITY',
        fields: ['communityId'],
      });
    });

    it('refuses someone appointed in another community (ALREADY_APPOINTED) and records nothing for the same appointment again', async () => {
      await appointClerk();
      await expectRefused(() => appointClerk(ministry, 'VANADZOR'), 'INVALID_TRANSITION', { reason: 'ALREADY_APPOINTED' });
      const head = await eventStore.headPosition();
      const again = await appointClerk();
      expect(again).toMatchObject({ revision: 0, position: null });
      expect(await eventStore.headPosition()).toBe(head);
    });

    it('is idempotent by commandId: a retried dismissal answers as the first did, instead of NOT_APPOINTED', async () => {
      await appointClerk();
      const first = await commands.dismissStaff({ communityId: 'GYUMRI', personalId: CLERK }, as(ministry, { commandId: 'dismiss-1' }));
      const head = await eventStore.headPosition();
      const retry = await commands.dismissStaff({ communityId: 'GYUMRI', personalId: CLERK }, as(ministry, { commandId: 'dismiss-1' }));
      expect(retry).toMatchObject({ duplicate: true, revision: first.revision, position: first.position, view: { status: 'dismissed' } });
      expect(await eventStore.headPosition()).toBe(head);
    });
  });

  describe('dismissStaff', () => {
    it('dismisses; a head in their own community only; not appointed is NOT_APPOINTED', async () => {
      await appointClerk();
      await expectRefused(() => commands.dismissStaff({ communityId: 'GYUMRI', personalId: CLERK }, as(headOfVanadzor)), 'FORBIDDEN');
      await expectRefused(() => commands.dismissStaff({ communityId: 'VANADZOR', personalId: CLERK }, as(headOfVanadzor)), 'INVALID_TRANSITION', { reason: 'NOT_APPOINTED' });
      const r = await commands.dismissStaff({ communityId: 'GYUMRI', personalId: CLERK }, as(headOfGyumri));
      expect(r.view).toMatchObject({ status: 'dismissed', role: 'staff', communityId: 'GYUMRI', dismissedAt: '2024-03-01T08:00:00.000Z' });
      await expectRefused(() => commands.dismissStaff({ communityId: 'GYUMRI', personalId: CLERK }, as(ministry)), 'INVALID_TRANSITION', { reason: 'NOT_APPOINTED' });
      await expectRefused(() => commands.dismissStaff({ communityId: 'GYUMRI', personalId: '2999999999' }, as(ministry)), 'INVALID_TRANSITION', { reason: 'NOT_APPOINTED' });
    });
  });

  describe('officials', () => {
    it('are appointed and dismissed by the ministry and the system actor (hamaynk appoint), by nobody else', async () => {
      const first = await commands.appointOfficial({ personalId: '3000000001', role: 'ministry', name: 'Տիգրան Պետրոսյան' }, as(systemActor('hamaynk-cli')));
      expect(first.view).toMatchObject({ role: 'ministry', communityId: null, status: 'appointed' });
      await commands.appointOfficial({ personalId: '3000000002', role: 'auditor', name: 'Լիլիթ Սարգսյան' }, as(ministry));
      for (const actor of [headOfGyumri, staffOfGyumri, auditor, resident]) {
        await expectRefused(() => commands.appointOfficial({ personalId: '3000000003', role: 'auditor', name: 'Ա Բ' }, as(actor)), 'FORBIDDEN');
        await expectRefused(() => commands.dismissOfficial({ personalId: '3000000002' }, as(actor)), 'FORBIDDEN');
      }
      expect((await commands.dismissOfficial({ personalId: '3000000002' }, as(ministry))).view).toMatchObject({ status: 'dismissed', role: 'auditor' });
      await expectRefused(() => commands.dismissOfficial({ personalId: CLERK }, as(ministry)), 'INVALID_TRANSITION', { reason: 'NOT_APPOINTED' });
    });
  });

  describe('the people directory: a person’s Actor at each request', () => {
    it('gives appointed staff their role and community, officials their role, and everyone else resident', async () => {
      expect(await people.actorOf(CLERK, 'eid')).toEqual({ id: CLERK, role: 'resident', assurance: 'eid', channel: 'online' });
      expect(await people.appointmentOf(CLERK)).toBeNull();
      await appointClerk();
      expect(await people.actorOf(CLERK, 'password')).toEqual({ id: CLERK, role: 'staff', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' });
      await commands.appointOfficial({ personalId: '3000000002', role: 'auditor', name: 'Լիլիթ Սարգսյան' }, as(ministry));
      expect(await people.actorOf('3000000002', 'mid')).toEqual({ id: '3000000002', role: 'auditor', assurance: 'mid', channel: 'staff' });
    });

    it('makes a dismissal count at the very next request (read from the log, no read model in between)', async () => {
      await appointClerk();
      expect((await people.actorOf(CLERK, 'eid')).role).toBe('staff');
      await commands.dismissStaff({ communityId: 'GYUMRI', personalId: CLERK }, as(ministry));
      expect(await people.actorOf(CLERK, 'eid')).toEqual({ id: CLERK, role: 'resident', assurance: 'eid', channel: 'online' });
      expect(await people.appointmentOf(CLERK)).toMatchObject({ status: 'dismissed', role: 'staff', communityId: 'GYUMRI' });
    });

    it('never looks up a subject that is not a personal id', async () => {
      expect(await people.appointmentOf('clerk-1')).toBeNull();
      expect(await people.appointmentOf('../1234567890')).toBeNull();
    });
  });
});
