/**
 * The fee service over the real SQLite event store: validation, authorization, idempotency,
 * optimistic concurrency, and the domain rules as a caller sees them.
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
import { feeStreamId } from './commands';

const staff: Actor = { id: 'clerk-g', role: 'staff', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' };
const head: Actor = { id: 'head-g', role: 'head', communityId: 'GYUMRI', assurance: 'eid', channel: 'staff' };
const refused: Record<string, Actor> = {
  resident: { id: 'res-1', role: 'resident', assurance: 'eid', channel: 'online' },
  'staff of another community': { id: 'clerk-v', role: 'staff', communityId: 'VANADZOR', assurance: 'password', channel: 'staff' },
  'head of another community': { id: 'head-v', role: 'head', communityId: 'VANADZOR', assurance: 'eid', channel: 'staff' },
  council: { id: 'council-g', role: 'council', communityId: 'GYUMRI', assurance: 'password', channel: 'staff' },
  auditor: { id: 'aud-1', role: 'auditor', assurance: 'password', channel: 'staff' },
  integration: { id: 'treasury', role: 'integration', assurance: 'system', channel: 'system' },
  ministry: { id: 'min-1', role: 'ministry', assurance: 'eid', channel: 'staff' },
};
const as = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, ...extra });

const assessInput = (overrides: Record<string, unknown> = {}) => ({
  communityId: 'GYUMRI',
  payerId: 'res-1',
  payerName: 'Անի Սարգսյան',
  code: 'BUILD-PERMIT',
  amountAmd: 10_000,
  dueOn: '2024-03-31',
  basis: 'Law on Local Duties and Fees, art. 7',
  applicationId: 'app-1',
  ...overrides,
});

/** What a command answers about its aggregate (besides the log position and whether it repeated). */
const aggregateOf = (r: { id: string; revision: number; view: unknown }) => ({ id: r.id, revision: r.revision, view: r.view });

describe('fee service (SQLite event store)', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let clock: ReturnType<typeof fixedClock>;
  let fees: Commands;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    eventStore = new SqliteEventStore(path.join(dir, 'events.db'));
    await registerCommunities(eventStore, ['GYUMRI', 'VANADZOR']);
    clock = fixedClock('2024-03-01T08:00:00Z');
    fees = createCommands({ handler: createCommandHandler({ eventStore, clock, ids: countingIds('fee-test') }), clock });
  });

  afterEach(async () => {
    await eventStore.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `attempt`, expects it to fail with `code`, and checks that nothing was appended. */
  const expectRefused = async (attempt: () => Promise<unknown>, code: string, extra: Record<string, unknown> = {}) => {
    const before = await eventStore.headPosition();
    await expect(attempt()).rejects.toMatchObject({ code, ...extra });
    expect(await eventStore.headPosition()).toBe(before);
  };

  const assess = async () => (await fees.assessFee({ input: assessInput() }, as(staff))).id;

  it('assesses a fee and returns its id, revision and view; the event lands on fee-<id>', async () => {
    const result = await fees.assessFee({ input: assessInput() }, as(staff));
    expect(result.revision).toBe(0);
    expect(result.view).toMatchObject({
      id: result.id,
      status: 'due',
      communityId: 'GYUMRI',
      code: 'BUILD-PERMIT',
      amountAmd: 10_000,
      paidAmd: 0,
      refundedAmd: 0,
      balanceAmd: 10_000,
      dueOn: '2024-03-31',
      overdue: false,
      payerId: 'res-1',
      payerName: 'Անի Սարգսյան',
      applicationId: 'app-1',
    });
    const events = await eventStore.readStream(feeStreamId(result.id));
    expect(events.map((e) => e.type)).toEqual(['FeeAssessed']);
    expect(events[0].data).toMatchObject({ feeId: result.id, amountAmd: 10_000, at: '2024-03-01T08:00:00.000Z' });
    expect(events[0].metadata.actor.id).toBe('clerk-g');
  });

  it('records partial and settling payments, then a refund; FeePaid carries the application id', async () => {
    const id = await assess();
    const partial = await fees.recordPayment({ id, amountAmd: 4_000, paidAt: '2024-03-02T10:00:00+04:00', reference: 'TRX-1' }, as(staff));
    expect(partial.view).toMatchObject({ status: 'partially-paid', paidAmd: 4_000, balanceAmd: 6_000 });
    const settled = await fees.recordPayment({ id, amountAmd: 6_000, paidAt: '2024-03-03T10:00:00+04:00', reference: 'TRX-2' }, as(head));
    expect(settled).toMatchObject({ id, revision: 3, view: { status: 'paid', paidAmd: 10_000, balanceAmd: 0 } });
    const events = await eventStore.readStream(feeStreamId(id));
    expect(events.map((e) => e.type)).toEqual(['FeeAssessed', 'FeePaymentRecorded', 'FeePaymentRecorded', 'FeePaid']);
    expect(events[3].data).toEqual({ feeId: id, communityId: 'GYUMRI', applicationId: 'app-1', amountAmd: 10_000, paidAmd: 10_000, at: '2024-03-03T10:00:00+04:00' });
    const refunded = await fees.refundFee({ id, amountAmd: 2_500, reason: 'Overcharged' }, as(staff));
    expect(refunded.view).toMatchObject({ status: 'paid', refundedAmd: 2_500, balanceAmd: 0 });
  });

  it('waives and cancels fees', async () => {
    const waived = await fees.waiveFee({ id: await assess(), reason: 'Veteran exemption', actId: 'act-7' }, as(head));
    expect(waived.view).toMatchObject({ status: 'waived', balanceAmd: 0, waiverActId: 'act-7' });
    const cancelled = await fees.cancelFee({ id: await assess(), reason: 'Assessed in error' }, as(staff));
    expect(cancelled.view).toMatchObject({ status: 'cancelled', balanceAmd: 0 });
  });

  it('shows the fee overdue once the Yerevan date passes the due date', async () => {
    const id = await assess();
    clock.set('2024-03-31T19:59:00Z'); // 23:59 on 31 March in Yerevan
    expect((await fees.recordPayment({ id, amountAmd: 1, paidAt: '2024-03-31T10:00:00Z', reference: 'A' }, as(staff))).view.overdue).toBe(false);
    clock.set('2024-03-31T20:00:00Z'); // 00:00 on 1 April in Yerevan
    expect((await fees.recordPayment({ id, amountAmd: 1, paidAt: '2024-03-31T10:00:00Z', reference: 'B' }, as(staff))).view.overdue).toBe(true);
  });

  describe('validation', () => {
    it.each([
      ['a zero amount', { amountAmd: 0 }, ['input.amountAmd']],
      ['a fractional amount', { amountAmd: 10.5 }, ['input.amountAmd']],
      ['an amount above 10^12', { amountAmd: 1_000_000_000_001 }, ['input.amountAmd']],
      ['an amount as a string', { amountAmd: '10000' }, ['input.amountAmd']],
      ['an impossible due date', { dueOn: '2024-02-30' }, ['input.dueOn']],
      ['a date-time as due date', { dueOn: '2024-03-31T00:00:00Z' }, ['input.dueOn']],
      ['a payer name over 200 characters', { payerName: 'Ա'.repeat(201) }, ['input.payerName']],
      ['a blank code and a missing basis', { code: '  ', basis: undefined }, ['input.code', 'input.basis']],
      ['an unknown field', { discount: 5 }, ['input.discount']],
    ])('refuses an assessment with %s, listing the fields', async (_label, overrides, fields) => {
      await expectRefused(() => fees.assessFee({ input: assessInput(overrides) }, as(staff)), 'VALIDATION_FAILED', { fields });
    });

    it('accepts Armenian text up to the limits', async () => {
      const result = await fees.assessFee({ input: assessInput({ payerName: 'Ա'.repeat(200), basis: 'Հիմք '.repeat(1000) }) }, as(staff));
      expect(result.view.payerName).toHaveLength(200);
    });

    it.each([
      ['a zero amount', { amountAmd: 0 }, ['amountAmd']],
      ['a date instead of a date-time', { paidAt: '2024-03-02' }, ['paidAt']],
      ['an impossible date-time', { paidAt: '2024-02-30T10:00:00Z' }, ['paidAt']],
      ['a date-time without a time zone', { paidAt: '2024-03-02T10:00:00' }, ['paidAt']],
      ['a missing reference', { reference: undefined }, ['reference']],
    ])('refuses a payment with %s, listing the fields', async (_label, overrides, fields) => {
      const id = await assess();
      const args = { id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-1', ...overrides } as Parameters<Commands['recordPayment']>[0];
      await expectRefused(() => fees.recordPayment(args, as(staff)), 'VALIDATION_FAILED', { fields });
    });

    it('refuses a refund of zero, a waiver without a reason and a cancellation without an id', async () => {
      const id = await assess();
      await expectRefused(() => fees.refundFee({ id, amountAmd: 0, reason: 'x' }, as(staff)), 'VALIDATION_FAILED', { fields: ['amountAmd'] });
      await expectRefused(() => fees.waiveFee({ id, reason: '' }, as(staff)), 'VALIDATION_FAILED', { fields: ['reason'] });
      await expectRefused(() => fees.cancelFee({ reason: 'x' } as never, as(staff)), 'VALIDATION_FAILED', { fields: ['id'] });
    });
  });

  describe('authorization', () => {
    it.each(Object.entries(refused))('refuses every fee mutation to a %s with FORBIDDEN, appending nothing', async (_label, actor) => {
      const id = await assess();
      await fees.recordPayment({ id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-0' }, as(staff));
      await expectRefused(() => fees.assessFee({ input: assessInput() }, as(actor)), 'FORBIDDEN');
      await expectRefused(() => fees.recordPayment({ id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-1' }, as(actor)), 'FORBIDDEN');
      await expectRefused(() => fees.waiveFee({ id, reason: 'x' }, as(actor)), 'FORBIDDEN');
      await expectRefused(() => fees.cancelFee({ id, reason: 'x' }, as(actor)), 'FORBIDDEN');
      await expectRefused(() => fees.refundFee({ id, amountAmd: 1_000, reason: 'x' }, as(actor)), 'FORBIDDEN');
    });

    it('refuses staff assessing a fee for another community', async () => {
      await expectRefused(() => fees.assessFee({ input: assessInput({ communityId: 'VANADZOR' }) }, as(staff)), 'FORBIDDEN');
    });

    it('lets the head of the community do what staff do', async () => {
      const result = await fees.assessFee({ input: assessInput() }, as(head));
      expect(result.view.status).toBe('due');
      expect((await fees.cancelFee({ id: result.id, reason: 'error' }, as(head))).view.status).toBe('cancelled');
    });

    it('answers NOT_FOUND for a fee that does not exist', async () => {
      await expectRefused(() => fees.cancelFee({ id: 'no-such-fee', reason: 'x' }, as(staff)), 'NOT_FOUND');
    });
  });

  describe('domain refusals', () => {
    it('refuses to pay a cancelled fee and to overpay, appending nothing', async () => {
      const id = await assess();
      await expectRefused(() => fees.recordPayment({ id, amountAmd: 10_001, paidAt: '2024-03-02T10:00:00Z', reference: 'X' }, as(staff)), 'INVALID_TRANSITION', {
        reason: 'PAYMENT_EXCEEDS_BALANCE',
      });
      await fees.cancelFee({ id, reason: 'error' }, as(staff));
      await expectRefused(() => fees.recordPayment({ id, amountAmd: 1, paidAt: '2024-03-02T10:00:00Z', reference: 'Y' }, as(staff)), 'INVALID_TRANSITION', {
        reason: 'FEE_CANCELLED',
      });
    });

    it('adds nothing for a payment reference already recorded, even under a new commandId', async () => {
      const id = await assess();
      const first = await fees.recordPayment({ id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-1' }, as(staff, { commandId: 'pay-1' }));
      const head1 = await eventStore.headPosition();
      const again = await fees.recordPayment({ id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-1' }, as(staff, { commandId: 'pay-2' }));
      expect(aggregateOf(again)).toEqual(aggregateOf(first));
      // Having appended nothing, it has no position of its own.
      expect(again).toMatchObject({ duplicate: false, position: null });
      expect(first.position).toBe(head1);
      expect(await eventStore.headPosition()).toBe(head1);
    });
  });

  describe('idempotency and concurrency', () => {
    it('a repeated assessment with the same commandId returns the same fee and appends nothing', async () => {
      const first = await fees.assessFee({ input: assessInput() }, as(staff, { commandId: 'assess-1' }));
      const head1 = await eventStore.headPosition();
      const second = await fees.assessFee({ input: assessInput() }, as(staff, { commandId: 'assess-1' }));
      expect(aggregateOf(second)).toEqual(aggregateOf(first));
      expect(second).toMatchObject({ duplicate: true, position: first.position });
      expect(await eventStore.headPosition()).toBe(head1);
    });

    it('a repeated payment with the same commandId returns the same result and appends nothing', async () => {
      const id = await assess();
      const args = { id, amountAmd: 10_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-1' };
      const first = await fees.recordPayment(args, as(staff, { commandId: 'pay-1' }));
      const head1 = await eventStore.headPosition();
      const second = await fees.recordPayment(args, as(staff, { commandId: 'pay-1' }));
      expect(aggregateOf(second)).toEqual(aggregateOf(first));
      expect(second).toMatchObject({ duplicate: true, position: first.position });
      expect(await eventStore.headPosition()).toBe(head1);
      expect((await eventStore.readStream(feeStreamId(id))).filter((e) => e.type === 'FeePaid')).toHaveLength(1);
    });

    it('refuses a commandId reused for a different input', async () => {
      const id = await assess();
      await fees.waiveFee({ id, reason: 'exemption' }, as(staff, { commandId: 'cmd-1' }));
      await expectRefused(() => fees.cancelFee({ id, reason: 'error' }, as(staff, { commandId: 'cmd-1' })), 'VALIDATION_FAILED', { fields: ['commandId'] });
    });

    it('refuses a stale expectedRevision with CONCURRENCY_CONFLICT and appends nothing', async () => {
      const id = await assess();
      await fees.recordPayment({ id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-1' }, as(staff, { expectedRevision: 0 }));
      await expectRefused(
        () => fees.recordPayment({ id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-2' }, as(staff, { expectedRevision: 0 })),
        'CONCURRENCY_CONFLICT',
      );
      const ok = await fees.recordPayment({ id, amountAmd: 1_000, paidAt: '2024-03-02T10:00:00Z', reference: 'TRX-2' }, as(staff, { expectedRevision: 1 }));
      expect(ok.revision).toBe(2);
    });
  });
});
