/**
 * The permit/fee process manager over the real SQLite event store and checkpoint store (same file):
 * fee events linked to an application settle it; after stop/restart (and a reopened store) nothing
 * is lost or repeated; replaying from an old checkpoint appends nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PropertyTaxSandbox } from '../../infrastructure/property-tax/property-tax-sandbox';
import { SqliteCheckpointStore } from '../../infrastructure/sqlite/sqlite-checkpoint-store';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createCommands, type Commands } from '../commands/registry';
import { applicationStreamId } from '../service-application/commands';
import { systemActor } from '../authorization';
import { createCommandHandler, type CommandContext } from '../command-handler';
import { countingIds, fixedClock } from '../ids';
import type { Actor, NewEvent } from '../ports/event-store';
import { createPermitFeeSettlement, PERMIT_FEE_SETTLEMENT, type PermitFeeSettlement } from './permit-fee-settlement';

const ministry: Actor = { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' };
const resident: Actor = { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' };
const staff: Actor = { id: 'clerk-1', role: 'staff', communityId: 'AM08001', assurance: 'password', channel: 'staff' };
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

/** A fee event as the fee aggregate records it, with a full envelope. */
const feeEvent = (type: 'FeePaid' | 'FeeWaived' | 'FeeAssessed', data: Record<string, unknown>): NewEvent => {
  const eventId = randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId,
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
      actor: staff,
      occurredAt: '2019-03-05T10:00:00.000Z',
      recordedAt: '2019-03-05T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
};

describe('permit/fee settlement process manager (SQLite)', () => {
  let dir: string;
  let file: string;
  let eventStore: SqliteEventStore;
  let checkpoints: SqliteCheckpointStore;
  let applications: Commands;
  let manager: PermitFeeSettlement | undefined;
  let skipped: unknown[];
  const clock = fixedClock('2019-03-01T08:00:00Z');

  const open = () => {
    eventStore = new SqliteEventStore(file, { pollIntervalMs: 10 });
    checkpoints = new SqliteCheckpointStore(file);
    const handler = createCommandHandler({ eventStore, clock, ids: countingIds(`pm-${randomUUID()}`) });
    applications = createCommands({ handler, propertyTax: new PropertyTaxSandbox(clock), clock });
    return handler;
  };
  const newManager = () => createPermitFeeSettlement({ eventStore, checkpoints, commands: applications, onError: (e) => skipped.push(e), retryDelayMs: 10 });
  const close = async () => {
    await manager?.stop();
    await eventStore.close();
    await checkpoints.close();
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    file = path.join(dir, 'events.db');
    skipped = [];
    const handler = open();
    const communities = createCommands({ handler, clock });
    await communities.registerCommunity({ input: { code: 'AM08001', nameHy: 'Գյումրի', nameEn: 'Gyumri', province: 'Shirak', kind: 'urban', population: 114_500 } }, as(ministry));
    await communities.offerService(
      { communityId: 'AM08001', input: { code: 'construction-permit', nameHy: 'Շինթույլտվություն', nameEn: 'Construction permit', feeAmd: 5_000, deadlineDays: 10, issues: 'permit' } },
      as(ministry),
    );
  });

  afterEach(async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const approvedApplication = async (): Promise<string> => {
    const { id } = await applications.submitApplication(
      { input: { communityId: 'AM08001', serviceCode: 'construction-permit', subject: 'Ավտոտնակ', details: 'Խնդրում եմ', applicantName: 'Անի' } },
      as(resident),
    );
    await applications.registerApplication({ id }, as(staff));
    await applications.approveApplication({ id, basis: 'Օրենք' }, as(staff));
    return id;
  };
  const pay = async (applicationId: string | undefined, feeId = randomUUID()) => {
    const event = feeEvent('FeePaid', { feeId, communityId: 'AM08001', ...(applicationId ? { applicationId } : {}), amountAmd: 5_000, paidAmd: 5_000, at: '2019-03-05T10:00:00Z' });
    const r = await eventStore.append(`fee-${feeId}`, [event], { expectedRevision: 'any' });
    return { position: r.lastPosition, eventId: event.metadata.eventId, feeId };
  };
  const waive = async (applicationId: string, feeId = randomUUID()) => {
    const event = feeEvent('FeeWaived', { feeId, communityId: 'AM08001', applicationId, reason: 'Հաշմանդամություն', actId: 'act-7', at: '2019-03-06T10:00:00Z' });
    const r = await eventStore.append(`fee-${feeId}`, [event], { expectedRevision: 'any' });
    return { position: r.lastPosition, eventId: event.metadata.eventId, feeId };
  };
  const settlementsOf = async (id: string) => (await eventStore.readStream(applicationStreamId(id))).filter((e) => e.type === 'ApplicationFeeSettled');
  const allSettlements = async () => (await eventStore.readAll({ category: 'application' })).filter((e) => e.type === 'ApplicationFeeSettled');

  it('settles the application when its fee is paid, so the permit can be issued', async () => {
    const id = await approvedApplication();
    await expect(applications.issuePermit({ id, validFrom: '2019-03-10', validUntil: '2020-03-09' }, as(staff))).rejects.toMatchObject({ reason: 'FEE_NOT_SETTLED' });
    manager = newManager();
    await manager.start();
    const paid = await pay(id);
    await manager.whenProcessed(paid.position);

    const [settled] = await settlementsOf(id);
    expect(settled.data).toEqual({ applicationId: id, communityId: 'AM08001', feeId: paid.feeId, how: 'paid', settledAt: '2019-03-05T10:00:00Z' });
    expect(settled.metadata).toMatchObject({ commandId: `fee-settlement:${paid.eventId}`, causationId: paid.eventId, actor: systemActor(), occurredAt: '2019-03-05T10:00:00.000Z' });
    expect(await checkpoints.get(PERMIT_FEE_SETTLEMENT)).toBe(paid.position);
    await expect(applications.issuePermit({ id, validFrom: '2019-03-10', validUntil: '2020-03-09' }, as(staff))).resolves.toMatchObject({ view: { status: 'completed' } });
  });

  it('after stop and restart (with the store reopened) it loses nothing and repeats nothing', async () => {
    const [a, b, c] = [await approvedApplication(), await approvedApplication(), await approvedApplication()];
    manager = newManager();
    await manager.start();
    const first = await pay(a);
    await manager.whenProcessed(first.position);
    await manager.stop();
    expect(manager.status).toBe('stopped');

    // While it is stopped: a waiver, a payment, and a fee event that concerns no application.
    await waive(b);
    await pay(undefined);
    const last = await pay(c);
    await new Promise((r) => setTimeout(r, 50));
    expect((await settlementsOf(b)).length).toBe(0);
    await close();

    open();
    manager = newManager();
    await manager.start();
    await manager.whenProcessed(last.position);
    expect((await settlementsOf(a)).length).toBe(1);
    expect((await settlementsOf(b)).map((e) => e.data)).toEqual([expect.objectContaining({ how: 'waived' })]);
    expect((await settlementsOf(c)).length).toBe(1);
    expect((await allSettlements()).length).toBe(3);
    expect(await checkpoints.get(PERMIT_FEE_SETTLEMENT)).toBe(last.position);
    expect(skipped).toEqual([]);
  });

  it('writes the checkpoint of events that settle nothing in batches, and on stop', async () => {
    manager = createPermitFeeSettlement({ eventStore, checkpoints, commands: applications, onError: (e) => skipped.push(e), checkpointDelayMs: 60_000, checkpointEvery: 3 });
    await manager.start();
    const before = await checkpoints.get(PERMIT_FEE_SETTLEMENT);
    const first = await pay(undefined);
    await pay(undefined);
    await manager.whenProcessed((await pay(undefined)).position);
    const third = await checkpoints.get(PERMIT_FEE_SETTLEMENT);
    const last = await pay(undefined);
    await manager.whenProcessed(last.position);
    expect(third).not.toBe(before);
    expect(third! >= first.position).toBe(true);
    expect(await checkpoints.get(PERMIT_FEE_SETTLEMENT)).not.toBe(last.position);
    await manager.stop();
    expect(await checkpoints.get(PERMIT_FEE_SETTLEMENT)).toBe(last.position);
  });

  it('handling fee events again (a crash before the checkpoint was written) appends nothing', async () => {
    const [a, b] = [await approvedApplication(), await approvedApplication()];
    await pay(a);
    const last = await waive(b);
    manager = newManager();
    await manager.start();
    await manager.whenProcessed(last.position);
    await manager.stop();
    const head = await eventStore.headPosition();

    await checkpoints.set(PERMIT_FEE_SETTLEMENT, 0n);
    manager = newManager();
    await manager.start();
    await manager.whenProcessed(last.position);
    expect(await eventStore.headPosition()).toBe(head);
    expect((await allSettlements()).length).toBe(2);
  });

  it('skips (and reports) a fee whose application does not exist, and goes on', async () => {
    const id = await approvedApplication();
    manager = newManager();
    await manager.start();
    await pay('no-such-application');
    const good = await pay(id);
    await manager.whenProcessed(good.position);
    expect(skipped).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await settlementsOf(id)).length).toBe(1);
    expect(manager.status).toBe('running');
  });

  it('keeps its checkpoint in the event log’s SQLite file', async () => {
    const id = await approvedApplication();
    manager = newManager();
    await manager.start();
    const paid = await pay(id);
    await manager.whenProcessed(paid.position);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(PERMIT_FEE_SETTLEMENT)).toEqual({ position: paid.position.toString() });
    } finally {
      db.close();
    }
  });
});
