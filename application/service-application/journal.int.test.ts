/**
 * The registration journal and tracking codes, through the command bus over the real SQLite event
 * store: registration numbers count 1, 2, 3… per community and Yerevan year with no gap and no repeat,
 * under concurrent registrations too; every submission gets its own tracking code, which names it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applicationJournalStreamId, isTrackingCode } from '../../domain/service-application/journal';
import { PropertyTaxSandbox } from '../../infrastructure/property-tax/property-tax-sandbox';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { createCommands, type Commands } from '../commands/registry';
import { countingIds, fixedClock } from '../ids';
import type { Actor } from '../ports/event-store';
import { applicationIdByTrackingCode, publicApplicationStatus } from '../queries/tracking';

const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const resident: Actor = { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' };
const staffOf = (communityId: string, id = 'clerk-1'): Actor => ({ id, role: 'staff', communityId, assurance: 'password', channel: 'staff' });
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

const service = { code: 'construction-permit', nameHy: 'Շինարարության թույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' as const };
const submission = (communityId: string) => ({
  communityId,
  serviceCode: 'construction-permit',
  subject: 'Ավտոտնակի կառուցում',
  details: 'Խնդրում եմ թույլատրել ավտոտնակի կառուցումը',
  applicantName: 'Անի Սարգսյան',
});

describe('registration journal and tracking codes', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let clock: ReturnType<typeof fixedClock>;
  let commands: Commands;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-journal-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.db'));
    clock = fixedClock('2026-12-31T10:00:00Z'); // 31 December in Yerevan
    commands = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('journal-test') }), propertyTax: new PropertyTaxSandbox(clock), clock });
    for (const [code, nameHy, nameEn] of [
      ['AM08001', 'Գյումրի', 'Gyumri'],
      ['AM06001', 'Դիլիջան', 'Dilijan'],
    ]) {
      await commands.registerCommunity({ input: { code, nameHy, nameEn, province: 'Shirak', kind: 'urban', population: 10_000 } }, as(ministry));
      await commands.offerService({ communityId: code, input: service }, as(ministry));
    }
  });

  afterEach(async () => {
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const submitted = async (communityId = 'AM08001') => (await commands.submitApplication({ input: submission(communityId) }, as(resident))).id;

  it('numbers registrations <community>/<Yerevan year>/<n>, per community and year, counting from 1', async () => {
    const [a, b, c] = [await submitted(), await submitted(), await submitted('AM06001')];
    expect((await commands.registerApplication({ id: a }, as(staffOf('AM08001')))).view.registrationNumber).toBe('AM08001/2026/1');
    expect((await commands.registerApplication({ id: c }, as(staffOf('AM06001')))).view.registrationNumber).toBe('AM06001/2026/1');
    // 1 January 2027 in Yerevan begins at 20:00 UTC on 31 December.
    clock.set('2026-12-31T20:30:00Z');
    expect((await commands.registerApplication({ id: b }, as(staffOf('AM08001')))).view.registrationNumber).toBe('AM08001/2027/1');
    const journal = await eventStore.readStream(applicationJournalStreamId('AM08001', 2026));
    expect(journal.map((e) => e.data)).toEqual([expect.objectContaining({ sequence: 1, registrationNumber: 'AM08001/2026/1', applicationId: a })]);
  });

  it('gives 16 concurrent registrations the numbers 1 to 16, each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push(await submitted());
    const results = await Promise.all(ids.map((id, i) => commands.registerApplication({ id }, as(staffOf('AM08001', `clerk-${i}`)))));
    const numbers = results.map((r) => r.view.registrationNumber);
    expect([...numbers].sort((x, y) => Number(x?.split('/')[2]) - Number(y?.split('/')[2]))).toEqual(Array.from({ length: 16 }, (_, i) => `AM08001/2026/${i + 1}`));
    const journal = await eventStore.readStream(applicationJournalStreamId('AM08001', 2026));
    expect(journal.map((e) => (e.data as { sequence: number }).sequence)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('gives distinct numbers with no gap when two command handlers (as two processes) register at once', async () => {
    const other = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('journal-other') }), propertyTax: new PropertyTaxSandbox(clock), clock });
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push(await submitted());
    const results = await Promise.all(ids.map((id, i) => (i % 2 === 0 ? commands : other).registerApplication({ id }, as(staffOf('AM08001', `clerk-${i}`)))));
    const sequences = results.map((r) => Number(r.view.registrationNumber?.split('/')[2])).sort((x, y) => x - y);
    expect(sequences).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it('takes no number for a case that may not be registered, and gives a repeated registration its first number', async () => {
    const id = await submitted();
    await commands.registerApplication({ id }, as(staffOf('AM08001'), { commandId: 'reg-1' }));
    const head = await eventStore.headPosition();
    await expect(commands.registerApplication({ id }, as(staffOf('AM08001')))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(commands.registerApplication({ id }, as(staffOf('AM06001')))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const again = await commands.registerApplication({ id }, as(staffOf('AM08001'), { commandId: 'reg-1' }));
    expect(again).toMatchObject({ duplicate: true, view: { registrationNumber: 'AM08001/2026/1' } });
    expect(await eventStore.headPosition()).toBe(head);
  });

  it('gives every submission its own tracking code, which names it; the public status leaves out personal data', async () => {
    const first = await commands.submitApplication({ input: submission('AM08001') }, as(resident));
    const second = await commands.submitApplication({ input: submission('AM08001') }, as(resident));
    const codes = [first.view.trackingCode, second.view.trackingCode];
    for (const code of codes) expect(isTrackingCode(code)).toBe(true);
    expect(codes[0]).not.toBe(codes[1]);
    expect(await applicationIdByTrackingCode(eventStore, codes[0] as string)).toBe(first.id);
    expect(await applicationIdByTrackingCode(eventStore, codes[1] as string)).toBe(second.id);
    const status = publicApplicationStatus(first.view);
    expect(status).toMatchObject({ id: first.id, status: 'submitted', trackingCode: codes[0], details: null, applicantId: null, applicantName: null });
    expect(status.subject).toBe('Ավտոտնակի կառուցում');
  });

  it('refuses a malformed tracking code and answers NOT_FOUND for an unknown one', async () => {
    await expect(applicationIdByTrackingCode(eventStore, 'abc')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['trackingCode'] });
    await expect(applicationIdByTrackingCode(eventStore, 'O0I1L23456')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(applicationIdByTrackingCode(eventStore, '23456789AB')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reserves no tracking code for a refused submission', async () => {
    const head = await eventStore.headPosition();
    await expect(commands.submitApplication({ input: { ...submission('AM08001'), serviceCode: 'dog-licence' } }, as(resident))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(commands.submitApplication({ input: submission('AM08001') }, as({ ...resident, assurance: 'password' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await eventStore.headPosition()).toBe(head);
  });
});
