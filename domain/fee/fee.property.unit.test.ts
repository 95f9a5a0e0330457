/**
 * Random command sequences never break the fee's invariants:
 * - the paid total never exceeds amount + refunds, and refunds never exceed payments;
 * - the balance is never negative;
 * - no payment is recorded after a cancellation or a waiver;
 * - a reference is counted once; FeePaid is recorded at most once, exactly when the payments
 *   (net of refunds) reach the amount.
 */
import fc from 'fast-check';
import type { CommandMetadata } from '../kernel/decider';
import { isDomainError } from '../kernel/errors';
import type { FeeCommand } from './commands';
import { decide, evolve, initialState } from './decider';
import type { FeeEvent } from './events';
import { feeBalanceAmd, feeStatus, netPaidAmd, type FeeState } from './state';
import { feeView } from './view';

const meta: CommandMetadata = { now: '2024-03-01T09:00:00Z', actor: { id: 'clerk-1', role: 'staff' } };

/** A number, or 'all' resolved against the state when the command is sent (the balance, or everything refundable). */
type Amount = number | 'all';
const amount: fc.Arbitrary<Amount> = fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.constant<Amount>('all'), fc.constantFrom<Amount>(0, -1, 1.5));
const reference = fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8');

type Op =
  | { readonly op: 'pay'; readonly amount: Amount; readonly reference: string }
  | { readonly op: 'refund'; readonly amount: Amount }
  | { readonly op: 'waive' }
  | { readonly op: 'cancel' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ amount, reference }).map(({ amount: a, reference: r }): Op => ({ op: 'pay', amount: a, reference: r })) },
  { weight: 2, arbitrary: amount.map((a): Op => ({ op: 'refund', amount: a })) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'waive' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'cancel' }) },
);

const toCommand = (o: Op, state: FeeState): FeeCommand => {
  const resolve = (a: Amount, all: number) => (a === 'all' ? all : a);
  switch (o.op) {
    case 'pay':
      return { type: 'RecordPayment', data: { amountAmd: resolve(o.amount, state ? feeBalanceAmd(state) : 1), paidAt: '2024-03-02T10:00:00Z', reference: o.reference }, metadata: meta };
    case 'refund':
      return { type: 'RefundFee', data: { amountAmd: resolve(o.amount, state ? netPaidAmd(state) : 1), reason: 'r' }, metadata: meta };
    case 'waive':
      return { type: 'WaiveFee', data: { reason: 'exemption' }, metadata: meta };
    case 'cancel':
      return { type: 'CancelFee', data: { reason: 'error' }, metadata: meta };
  }
};

const seen = new Set<string>();

describe('Fee invariants (property)', () => {
  it('hold for every sequence of commands', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.array(op, { maxLength: 40 }), (amountAmd, ops) => {
        const assess: FeeCommand = {
          type: 'AssessFee',
          data: { feeId: 'f', communityId: 'C', payerId: 'p', payerName: 'P', code: 'X', amountAmd, dueOn: '2024-03-31', basis: 'b' },
          metadata: meta,
        };
        const history: FeeEvent[] = [];
        let state: FeeState = initialState();
        for (const o of [null, ...ops]) {
          const c = o === null ? assess : toCommand(o, state);
          const before = state;
          const result = decide(c, state);
          if (isDomainError(result)) continue;
          // Replaying a reference adds nothing; a new reference is recorded once.
          if (c.type === 'RecordPayment' && before?.references.includes(c.data.reference)) expect(result).toEqual([]);
          for (const event of result) {
            if (event.type === 'FeePaymentRecorded') {
              expect(history.some((e) => e.type === 'FeeCancelled' || e.type === 'FeeWaived')).toBe(false);
            }
            history.push(event);
            state = evolve(state, event);
          }
          const fee = state!;
          seen.add(feeStatus(fee));
          expect(fee.paidAmd).toBeLessThanOrEqual(fee.amountAmd + fee.refundedAmd);
          expect(fee.refundedAmd).toBeLessThanOrEqual(fee.paidAmd);
          expect(feeBalanceAmd(fee)).toBeGreaterThanOrEqual(0);
          expect(netPaidAmd(fee)).toBeLessThanOrEqual(fee.amountAmd);
          const view = feeView(fee, '2024-03-10');
          expect(view.balanceAmd).toBeGreaterThanOrEqual(0);
          expect(view.status).toBe(feeStatus(fee));
        }
        const references = history.flatMap((e) => (e.type === 'FeePaymentRecorded' ? [e.data.reference] : []));
        expect(new Set(references).size).toBe(references.length);
        const paidEvents = history.filter((e) => e.type === 'FeePaid');
        expect(paidEvents.length).toBeLessThanOrEqual(1);
        // FeePaid follows exactly the payment after which the net paid equals the amount.
        let net = 0;
        history.forEach((e, i) => {
          if (e.type === 'FeePaymentRecorded') net += e.data.amountAmd;
          if (e.type === 'FeeRefunded') net -= e.data.amountAmd;
          if (e.type === 'FeePaid') {
            expect(history[i - 1].type).toBe('FeePaymentRecorded');
            expect(net).toBe(amountAmd);
          }
        });
        if (paidEvents.length === 0) expect(feeStatus(state!)).not.toBe('paid');
        const sum = (type: FeeEvent['type']) => history.reduce((s, e) => s + (e.type === type ? (e.data as { amountAmd: number }).amountAmd : 0), 0);
        expect(state!.paidAmd).toBe(sum('FeePaymentRecorded'));
        expect(state!.refundedAmd).toBe(sum('FeeRefunded'));
      }),
      { numRuns: 500 },
    );
    // The generator reaches every status, so the invariants were checked in each.
    expect([...seen].sort()).toEqual(['cancelled', 'due', 'paid', 'partially-paid', 'waived']);
  });
});
