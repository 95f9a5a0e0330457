/** The `payments` projection: one ledger per fee with every payment, refund and waiver, each dated in Yerevan. */
import type { FeeEvent } from '../../domain/fee';
import { projectInMemory } from '../definition';
import { eventLog } from '../../tests/support/projection-log';
import { paymentsProjection } from './payments-projection';

const f = { feeId: 'f1', communityId: 'C1' };
const assessed: FeeEvent = {
  type: 'FeeAssessed',
  data: { ...f, payerId: 'res-1', payerName: 'Անի', code: 'LD-01', amountAmd: 10_000, dueOn: '2024-04-01', basis: 'Decision 5', at: '2024-03-01T10:00:00Z' },
};
const payment: FeeEvent = { type: 'FeePaymentRecorded', data: { ...f, amountAmd: 4_000, paidAt: '2024-03-01T22:00:00Z', reference: 'R1', paidTotalAmd: 4_000 } };
const refund: FeeEvent = { type: 'FeeRefunded', data: { ...f, amountAmd: 1_000, reason: 'overpaid', refundedTotalAmd: 1_000, at: '2024-02-20T09:00:00Z' } };
const waiver: FeeEvent = { type: 'FeeWaived', data: { ...f, reason: 'exemption', actId: 'act9', at: '2024-03-10T09:00:00Z' } };

const ledgers = (events: Parameters<typeof projectInMemory>[1]) => projectInMemory(paymentsProjection, events).get('feeLedgers')!;

describe('payments projection', () => {
  it('records each movement with its Yerevan date, the running totals, and the waived balance', () => {
    const log = eventLog();
    log.append('fee-f1', [assessed, payment, refund, waiver]);
    expect(ledgers(log.events).get('f1')).toEqual({
      id: 'f1',
      revision: 3,
      communityId: 'C1',
      code: 'LD-01',
      payerId: 'res-1',
      amountAmd: 10_000,
      paidAmd: 4_000,
      refundedAmd: 1_000,
      movements: [
        // 22:00 UTC is already 2 March in Yerevan.
        { kind: 'payment', on: '2024-03-02', at: '2024-03-01T22:00:00Z', amountAmd: 4_000, reference: 'R1', position: '2' },
        { kind: 'refund', on: '2024-02-20', at: '2024-02-20T09:00:00Z', amountAmd: 1_000, reference: null, position: '3' },
        // The waiver forgives what was still owed: 10 000 − (4 000 − 1 000).
        { kind: 'waiver', on: '2024-03-10', at: '2024-03-10T09:00:00Z', amountAmd: 7_000, reference: 'act9', position: '4' },
      ],
      firstMovementOn: '2024-02-20',
      lastMovementOn: '2024-03-10',
    });
  });

  it('ignores other fee events, other categories, movements before the assessment and replays', () => {
    const log = eventLog();
    log.append('fee-f2', payment);
    log.append('fee-f1', assessed);
    log.append('fee-f1', { type: 'FeeCancelled', data: { ...f, reason: 'error', at: '2024-03-02T10:00:00Z' } });
    const [paid] = log.append('fee-f1', payment);
    log.append('application-f1', payment);
    const docs = ledgers([...log.events, { ...paid, position: 50n }]);
    expect([...docs.keys()]).toEqual(['f1']);
    expect(docs.get('f1')).toMatchObject({ revision: 2, paidAmd: 4_000, movements: [{ kind: 'payment', amountAmd: 4_000 }] });
  });

  it('keys only fee streams with money events', () => {
    const log = eventLog();
    const [e] = log.append('fee-f1', { type: 'FeePaid', data: { ...f, amountAmd: 10_000, paidAmd: 10_000, at: '2024-03-01T10:00:00Z' } });
    expect(paymentsProjection.keysOf(e)).toEqual([]);
    const [p] = log.append('fee-f1', payment);
    expect(paymentsProjection.keysOf(p)).toEqual([{ collection: 'feeLedgers', id: 'f1' }]);
  });
});
