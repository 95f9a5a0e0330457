import { spec } from '../../tests/support/decider-spec';
import type { CommandMetadata } from '../kernel/decider';
import type { DomainError } from '../kernel/errors';
import type { FeeCommand } from './commands';
import { feeDecider, evolve, initialState } from './decider';
import type { FeeAssessed, FeeCancelled, FeeEvent, FeePaid, FeePaymentRecorded, FeeRefunded, FeeWaived } from './events';
import type { FeeState } from './state';
import { feeView } from './view';
import { feeEventCatalogue } from './catalogue';

const NOW = '2024-03-01T09:00:00Z';
const meta: CommandMetadata = { now: NOW, actor: { id: 'clerk-1', role: 'staff' } };

const assess = (overrides: Partial<Extract<FeeCommand, { type: 'AssessFee' }>['data']> = {}): FeeCommand => ({
  type: 'AssessFee',
  data: {
    feeId: 'f1',
    communityId: 'GYUMRI',
    payerId: 'res-1',
    payerName: 'Անի Սարգսյան',
    code: 'BUILD-PERMIT',
    amountAmd: 10_000,
    dueOn: '2024-03-31',
    basis: 'Law on Local Duties and Fees, art. 7',
    applicationId: 'app-1',
    ...overrides,
  },
  metadata: meta,
});
const pay = (amountAmd: number, reference: string, paidAt = '2024-03-05T10:00:00Z'): FeeCommand => ({ type: 'RecordPayment', data: { amountAmd, paidAt, reference }, metadata: meta });
const waive = (reason = 'Low-income household', actId?: string): FeeCommand => ({ type: 'WaiveFee', data: { reason, ...(actId ? { actId } : {}) }, metadata: meta });
const cancel = (reason = 'Assessed in error'): FeeCommand => ({ type: 'CancelFee', data: { reason }, metadata: meta });
const refund = (amountAmd: number, reason = 'Application rejected'): FeeCommand => ({ type: 'RefundFee', data: { amountAmd, reason }, metadata: meta });

const ref = { feeId: 'f1', communityId: 'GYUMRI', applicationId: 'app-1' };
const assessed: FeeAssessed = {
  type: 'FeeAssessed',
  data: {
    feeId: 'f1',
    communityId: 'GYUMRI',
    payerId: 'res-1',
    payerName: 'Անի Սարգսյան',
    code: 'BUILD-PERMIT',
    amountAmd: 10_000,
    dueOn: '2024-03-31',
    basis: 'Law on Local Duties and Fees, art. 7',
    applicationId: 'app-1',
    at: NOW,
  },
};
const paymentRecorded = (amountAmd: number, reference: string, paidTotalAmd: number, paidAt = '2024-03-05T10:00:00Z'): FeePaymentRecorded => ({
  type: 'FeePaymentRecorded',
  data: { ...ref, amountAmd, paidAt, reference, paidTotalAmd },
});
const paid = (paidAmd = 10_000, at = '2024-03-05T10:00:00Z'): FeePaid => ({ type: 'FeePaid', data: { ...ref, amountAmd: 10_000, paidAmd, at } });
const waived = (reason = 'Low-income household', actId?: string): FeeWaived => ({ type: 'FeeWaived', data: { ...ref, reason, ...(actId ? { actId } : {}), at: NOW } });
const cancelled: FeeCancelled = { type: 'FeeCancelled', data: { ...ref, reason: 'Assessed in error', at: NOW } };
const refunded = (amountAmd: number, refundedTotalAmd: number, reason = 'Application rejected'): FeeRefunded => ({
  type: 'FeeRefunded',
  data: { ...ref, amountAmd, reason, refundedTotalAmd, at: NOW },
});

const fee = spec(feeDecider);
const stateOf = (...events: FeeEvent[]): FeeState => events.reduce(evolve, initialState());

describe('Fee decider', () => {
  describe('AssessFee', () => {
    it('assesses a fee with its payer, amount, due date and basis', () => {
      fee.given().when(assess()).then(assessed);
    });

    it('omits applicationId when the fee is not for an application', () => {
      const { applicationId: _omitted, ...data } = assessed.data;
      const result = fee.given().when(assess({ applicationId: undefined })).result;
      expect(result).toEqual([{ type: 'FeeAssessed', data }]);
      expect(Object.keys((result as FeeEvent[])[0].data as object)).not.toContain('applicationId');
    });

    it('refuses to assess the same fee twice', () => {
      fee.given(assessed).when(assess()).thenFails('INVALID_TRANSITION', 'FEE_ALREADY_ASSESSED');
    });

    it.each([
      ['zero amount', { amountAmd: 0 }, 'amountAmd'],
      ['negative amount', { amountAmd: -5 }, 'amountAmd'],
      ['fractional amount', { amountAmd: 10.5 }, 'amountAmd'],
      ['amount over 10^12', { amountAmd: 1_000_000_000_001 }, 'amountAmd'],
      ['impossible due date', { dueOn: '2024-02-30' }, 'dueOn'],
      ['blank payer name', { payerName: '  ' }, 'payerName'],
      ['blank code', { code: '' }, 'code'],
      ['blank basis', { basis: '' }, 'basis'],
    ])('refuses a %s as VALIDATION_FAILED naming the field', (_label, overrides, field) => {
      const result = fee.given().when(assess(overrides)).result;
      fee.given().when(assess(overrides)).thenFails('VALIDATION_FAILED', 'INVALID_FEE_ASSESSMENT');
      expect((result as DomainError).fields).toEqual([field]);
    });

    it('accepts the largest amount, 10^12 drams', () => {
      const result = fee.given().when(assess({ amountAmd: 1_000_000_000_000 })).result as FeeEvent[];
      expect(result[0].data).toMatchObject({ amountAmd: 1_000_000_000_000 });
    });
  });

  describe('RecordPayment', () => {
    it('records a partial payment without settling the fee', () => {
      fee.given(assessed).when(pay(4_000, 'TRX-1')).then(paymentRecorded(4_000, 'TRX-1', 4_000));
    });

    it('records the settling payment and FeePaid together, with the application id', () => {
      fee
        .given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000))
        .when(pay(6_000, 'TRX-2', '2024-03-06T08:00:00Z'))
        .then(paymentRecorded(6_000, 'TRX-2', 10_000, '2024-03-06T08:00:00Z'), paid(10_000, '2024-03-06T08:00:00Z'));
    });

    it('settles with a single full payment', () => {
      fee.given(assessed).when(pay(10_000, 'TRX-1')).then(paymentRecorded(10_000, 'TRX-1', 10_000), paid());
    });

    it('adds nothing for a reference already recorded on the fee', () => {
      fee.given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000)).when(pay(4_000, 'TRX-1')).thenNothing();
    });

    it('adds nothing for a recorded reference even with another amount (the first recording stands)', () => {
      fee.given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000)).when(pay(1_000, 'TRX-1')).thenNothing();
    });

    it('adds nothing for a recorded reference replayed after the fee was paid', () => {
      fee.given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()).when(pay(10_000, 'TRX-1')).thenNothing();
    });

    it('refuses an overpayment beyond the balance', () => {
      fee.given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000)).when(pay(6_001, 'TRX-2')).thenFails('INVALID_TRANSITION', 'PAYMENT_EXCEEDS_BALANCE');
    });

    it('refuses a payment on a paid fee', () => {
      fee.given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()).when(pay(1, 'TRX-2')).thenFails('INVALID_TRANSITION', 'FEE_ALREADY_PAID');
    });

    it('refuses a payment on a cancelled fee', () => {
      fee.given(assessed, cancelled).when(pay(1_000, 'TRX-1')).thenFails('INVALID_TRANSITION', 'FEE_CANCELLED');
    });

    it('refuses a payment on a waived fee', () => {
      fee.given(assessed, waived()).when(pay(1_000, 'TRX-1')).thenFails('INVALID_TRANSITION', 'FEE_WAIVED');
    });

    it('refuses a payment on a fee that was never assessed', () => {
      fee.given().when(pay(1_000, 'TRX-1')).thenFails('NOT_FOUND', 'FEE_NOT_FOUND');
    });

    it('accepts payments again up to the balance after a refund of an open fee', () => {
      fee
        .given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000), refunded(4_000, 4_000))
        .when(pay(10_000, 'TRX-2'))
        .then(paymentRecorded(10_000, 'TRX-2', 14_000), paid(14_000));
    });

    it.each([
      ['zero amount', pay(0, 'TRX-1'), ['amountAmd']],
      ['fractional amount', pay(0.5, 'TRX-1'), ['amountAmd']],
      ['date instead of a date-time', pay(100, 'TRX-1', '2024-03-05'), ['paidAt']],
      ['impossible date-time', pay(100, 'TRX-1', '2024-02-30T10:00:00Z'), ['paidAt']],
      ['blank reference', pay(100, ' '), ['reference']],
    ])('refuses a %s as VALIDATION_FAILED', (_label, command, fields) => {
      const when = fee.given(assessed).when(command);
      when.thenFails('VALIDATION_FAILED', 'INVALID_PAYMENT');
      expect((when.result as DomainError).fields).toEqual(fields);
    });
  });

  describe('WaiveFee', () => {
    it('waives a due fee, naming the decision', () => {
      fee.given(assessed).when(waive('Veteran exemption', 'act-7')).then(waived('Veteran exemption', 'act-7'));
    });

    it('waives the rest of a partially paid fee', () => {
      fee.given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000)).when(waive()).then(waived());
    });

    it('refuses to waive a paid fee', () => {
      fee.given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()).when(waive()).thenFails('INVALID_TRANSITION', 'FEE_ALREADY_PAID');
    });

    it('refuses to waive a waived fee', () => {
      fee.given(assessed, waived()).when(waive()).thenFails('INVALID_TRANSITION', 'FEE_WAIVED');
    });

    it('refuses to waive a cancelled fee', () => {
      fee.given(assessed, cancelled).when(waive()).thenFails('INVALID_TRANSITION', 'FEE_CANCELLED');
    });

    it('refuses to waive a fee that was never assessed', () => {
      fee.given().when(waive()).thenFails('NOT_FOUND', 'FEE_NOT_FOUND');
    });

    it('refuses a waiver without a reason', () => {
      fee.given(assessed).when(waive('')).thenFails('VALIDATION_FAILED', 'INVALID_WAIVER');
    });
  });

  describe('CancelFee', () => {
    it('cancels a fee with no payment', () => {
      fee.given(assessed).when(cancel()).then(cancelled);
    });

    it('cancels a fee whose payments were all refunded', () => {
      fee.given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000), refunded(4_000, 4_000)).when(cancel()).then(cancelled);
    });

    it('refuses to cancel a fee that holds payments: refund them first', () => {
      fee.given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000)).when(cancel()).thenFails('INVALID_TRANSITION', 'FEE_HAS_PAYMENTS');
    });

    it('refuses to cancel a paid fee, even after a full refund', () => {
      fee.given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()).when(cancel()).thenFails('INVALID_TRANSITION', 'FEE_ALREADY_PAID');
      fee
        .given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid(), refunded(10_000, 10_000))
        .when(cancel())
        .thenFails('INVALID_TRANSITION', 'FEE_ALREADY_PAID');
    });

    it('refuses to cancel a cancelled fee', () => {
      fee.given(assessed, cancelled).when(cancel()).thenFails('INVALID_TRANSITION', 'FEE_CANCELLED');
    });

    it('refuses to cancel a waived fee', () => {
      fee.given(assessed, waived()).when(cancel()).thenFails('INVALID_TRANSITION', 'FEE_WAIVED');
    });

    it('refuses to cancel a fee that was never assessed', () => {
      fee.given().when(cancel()).thenFails('NOT_FOUND', 'FEE_NOT_FOUND');
    });

    it('refuses a cancellation without a reason', () => {
      fee.given(assessed).when(cancel(' ')).thenFails('VALIDATION_FAILED', 'INVALID_CANCELLATION');
    });
  });

  describe('RefundFee', () => {
    it('refunds part of a paid fee, with the running total', () => {
      fee.given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()).when(refund(3_000)).then(refunded(3_000, 3_000));
    });

    it('refunds up to what was paid minus earlier refunds', () => {
      fee
        .given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid(), refunded(3_000, 3_000))
        .when(refund(7_000))
        .then(refunded(7_000, 10_000));
    });

    it('refunds payments of a waived fee', () => {
      fee.given(assessed, paymentRecorded(4_000, 'TRX-1', 4_000), waived()).when(refund(4_000)).then(refunded(4_000, 4_000));
    });

    it('refuses a refund above what was paid minus refunds', () => {
      fee
        .given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid(), refunded(3_000, 3_000))
        .when(refund(7_001))
        .thenFails('INVALID_TRANSITION', 'REFUND_EXCEEDS_PAID');
    });

    it('refuses a refund of a fee with no payment', () => {
      fee.given(assessed).when(refund(1)).thenFails('INVALID_TRANSITION', 'REFUND_EXCEEDS_PAID');
    });

    it('refuses a refund of a cancelled fee (it holds no money)', () => {
      fee.given(assessed, cancelled).when(refund(1)).thenFails('INVALID_TRANSITION', 'REFUND_EXCEEDS_PAID');
    });

    it('refuses a refund of a fee that was never assessed', () => {
      fee.given().when(refund(1)).thenFails('NOT_FOUND', 'FEE_NOT_FOUND');
    });

    it('refuses a refund of zero or without a reason', () => {
      fee.given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()).when(refund(0)).thenFails('VALIDATION_FAILED', 'INVALID_REFUND');
      fee.given(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()).when(refund(5, '')).thenFails('VALIDATION_FAILED', 'INVALID_REFUND');
    });
  });
});

describe('feeView', () => {
  it('is null before the fee is assessed', () => {
    expect(feeView(stateOf(), '2024-03-01')).toBeNull();
  });

  it('shows a due fee with its balance and the API fields', () => {
    expect(feeView(stateOf(assessed), '2024-03-01')).toMatchObject({
      id: 'f1',
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
      basis: 'Law on Local Duties and Fees, art. 7',
    });
  });

  it('is overdue only after the due date, while due or partially paid', () => {
    expect(feeView(stateOf(assessed), '2024-03-31')?.overdue).toBe(false);
    expect(feeView(stateOf(assessed), '2024-04-01')?.overdue).toBe(true);
    expect(feeView(stateOf(assessed, paymentRecorded(4_000, 'TRX-1', 4_000)), '2024-04-01')).toMatchObject({
      status: 'partially-paid',
      overdue: true,
      balanceAmd: 6_000,
    });
    expect(feeView(stateOf(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid()), '2024-04-01')?.overdue).toBe(false);
    expect(feeView(stateOf(assessed, waived()), '2024-04-01')?.overdue).toBe(false);
    expect(feeView(stateOf(assessed, cancelled), '2024-04-01')?.overdue).toBe(false);
  });

  it('stays paid after a refund, showing refundedAmd and no balance', () => {
    expect(feeView(stateOf(assessed, paymentRecorded(10_000, 'TRX-1', 10_000), paid(), refunded(2_500, 2_500)), '2024-03-10')).toMatchObject({
      status: 'paid',
      paidAmd: 10_000,
      refundedAmd: 2_500,
      balanceAmd: 0,
      paidAt: '2024-03-05T10:00:00Z',
    });
  });

  it('goes back to due when the payments of an open fee are refunded in full', () => {
    expect(feeView(stateOf(assessed, paymentRecorded(4_000, 'TRX-1', 4_000), refunded(4_000, 4_000)), '2024-03-10')).toMatchObject({
      status: 'due',
      paidAmd: 4_000,
      refundedAmd: 4_000,
      balanceAmd: 10_000,
    });
  });

  it('shows waived and cancelled fees with no balance', () => {
    expect(feeView(stateOf(assessed, paymentRecorded(4_000, 'TRX-1', 4_000), waived('Veteran exemption', 'act-7')), '2024-03-10')).toMatchObject({
      status: 'waived',
      balanceAmd: 0,
      waiverReason: 'Veteran exemption',
      waiverActId: 'act-7',
    });
    expect(feeView(stateOf(assessed, cancelled), '2024-03-10')).toMatchObject({ status: 'cancelled', balanceAmd: 0, cancellationReason: 'Assessed in error' });
  });

  it('shows a null applicationId for a fee not tied to an application', () => {
    const { applicationId: _omitted, ...data } = assessed.data;
    expect(feeView(stateOf({ type: 'FeeAssessed', data }), '2024-03-10')?.applicationId).toBeNull();
  });
});

describe('feeEventCatalogue', () => {
  it('lists every fee event type with every field of its data', () => {
    const samples: FeeEvent[] = [assessed, paymentRecorded(1, 'R', 1), paid(), waived('x', 'act-1'), cancelled, refunded(1, 1)];
    expect(feeEventCatalogue.map((e) => e.type).sort()).toEqual(samples.map((e) => e.type).sort());
    for (const event of samples) {
      const entry = feeEventCatalogue.find((e) => e.type === event.type)!;
      expect(Object.keys(entry.fields).sort()).toEqual(Object.keys(event.data).sort());
      expect(entry.schemaVersion).toBe(1);
    }
  });
});
