/**
 * The fee decider (Law on Local Duties and Fees; docs/domain.md "Fee").
 *
 * Rules:
 * - A fee is assessed once, with an amount > 0 whole drams and a due date.
 * - Payments may be partial. A payment reference already recorded on the fee adds nothing (the
 *   command returns no events, whatever its amount: the first recording stands). A payment larger
 *   than the balance is refused (PAYMENT_EXCEEDS_BALANCE): overpayments are not accepted, so no
 *   money needs returning. When the payments reach the amount, `FeePaid` is recorded with the
 *   payment; it is recorded at most once, and a paid fee accepts no more payments (FEE_ALREADY_PAID).
 * - A cancelled or waived fee accepts no payment (FEE_CANCELLED, FEE_WAIVED).
 * - A waiver (or exemption by decision) releases what is still owed; only while not fully paid.
 *   Payments made before it stay recorded and may be refunded.
 * - Cancelling is for a fee assessed in error: only while no money is held for it. A fee with
 *   payments must be refunded first (FEE_HAS_PAYMENTS); a paid fee is never cancelled.
 * - A refund returns at most what was paid minus earlier refunds (REFUND_EXCEEDS_PAID). A refund
 *   of an open fee raises its balance again; a paid fee stays paid (with `refundedAmd`).
 */
import { match } from 'ts-pattern';
import type { Decider } from '../kernel/decider';
import { domainValidation, invalidTransition, notFound, type DomainError } from '../kernel/errors';
import { isIsoDate, isIsoDateTime } from '../kernel/time';
import type { AssessFee, CancelFee, FeeCommand, RecordPayment, RefundFee, WaiveFee } from './commands';
import type { FeeEvent } from './events';
import { MAX_AMD, feeBalanceAmd, feeStatus, netPaidAmd, type Fee, type FeeState } from './state';

const nonBlank = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const isPositiveAmd = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_AMD;

const invalidFields = (reason: string, what: string, checks: Record<string, boolean>): DomainError | null => {
  const fields = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([field]) => field);
  return fields.length ? domainValidation(reason, `Invalid ${what}: ${fields.join(', ')}`, fields) : null;
};

/** Only the fields of a fee every event repeats: id, community and (when there is one) application. */
const feeRef = (fee: Fee) => ({
  feeId: fee.feeId,
  communityId: fee.communityId,
  ...(fee.applicationId !== undefined ? { applicationId: fee.applicationId } : {}),
});

/** Refusals shared by every command that changes a fee that is no longer open. */
const refuseClosed = (fee: Fee, action: string): DomainError | null =>
  match(feeStatus(fee))
    .with('cancelled', () => invalidTransition('FEE_CANCELLED', `Fee ${fee.feeId} is cancelled; cannot ${action}`))
    .with('waived', () => invalidTransition('FEE_WAIVED', `Fee ${fee.feeId} is waived; cannot ${action}`))
    .with('paid', () => invalidTransition('FEE_ALREADY_PAID', `Fee ${fee.feeId} is already paid; cannot ${action}`))
    .with('due', 'partially-paid', () => null)
    .exhaustive();

const assess = (command: AssessFee, state: FeeState): FeeEvent[] | DomainError => {
  if (state !== null) return invalidTransition('FEE_ALREADY_ASSESSED', `Fee ${state.feeId} is already assessed`);
  const d = command.data;
  const invalid = invalidFields('INVALID_FEE_ASSESSMENT', 'fee assessment', {
    feeId: nonBlank(d.feeId),
    communityId: nonBlank(d.communityId),
    payerId: nonBlank(d.payerId),
    payerName: nonBlank(d.payerName),
    code: nonBlank(d.code),
    amountAmd: isPositiveAmd(d.amountAmd),
    dueOn: isIsoDate(d.dueOn),
    basis: nonBlank(d.basis),
    applicationId: d.applicationId === undefined || nonBlank(d.applicationId),
  });
  if (invalid) return invalid;
  return [
    {
      type: 'FeeAssessed',
      data: {
        feeId: d.feeId,
        communityId: d.communityId,
        payerId: d.payerId,
        payerName: d.payerName,
        code: d.code,
        amountAmd: d.amountAmd,
        dueOn: d.dueOn,
        basis: d.basis,
        ...(d.applicationId !== undefined ? { applicationId: d.applicationId } : {}),
        at: command.metadata.now,
      },
    },
  ];
};

const recordPayment = (command: RecordPayment, fee: Fee): FeeEvent[] | DomainError => {
  const d = command.data;
  const invalid = invalidFields('INVALID_PAYMENT', 'payment', {
    amountAmd: isPositiveAmd(d.amountAmd),
    paidAt: isIsoDateTime(d.paidAt),
    reference: nonBlank(d.reference),
  });
  if (invalid) return invalid;
  if (fee.references.includes(d.reference)) return [];
  const closed = refuseClosed(fee, 'record a payment');
  if (closed) return closed;
  const balance = feeBalanceAmd(fee);
  if (d.amountAmd > balance) {
    return invalidTransition('PAYMENT_EXCEEDS_BALANCE', `A payment of ${d.amountAmd} AMD exceeds the balance of ${balance} AMD of fee ${fee.feeId}`);
  }
  const paidTotalAmd = fee.paidAmd + d.amountAmd;
  const events: FeeEvent[] = [
    { type: 'FeePaymentRecorded', data: { ...feeRef(fee), amountAmd: d.amountAmd, paidAt: d.paidAt, reference: d.reference, paidTotalAmd } },
  ];
  if (d.amountAmd === balance) {
    events.push({ type: 'FeePaid', data: { ...feeRef(fee), amountAmd: fee.amountAmd, paidAmd: paidTotalAmd, at: d.paidAt } });
  }
  return events;
};

const waive = (command: WaiveFee, fee: Fee): FeeEvent[] | DomainError => {
  const d = command.data;
  const invalid = invalidFields('INVALID_WAIVER', 'waiver', {
    reason: nonBlank(d.reason),
    actId: d.actId === undefined || nonBlank(d.actId),
  });
  if (invalid) return invalid;
  const closed = refuseClosed(fee, 'waive it');
  if (closed) return closed;
  return [
    {
      type: 'FeeWaived',
      data: { ...feeRef(fee), reason: d.reason, ...(d.actId !== undefined ? { actId: d.actId } : {}), at: command.metadata.now },
    },
  ];
};

const cancel = (command: CancelFee, fee: Fee): FeeEvent[] | DomainError => {
  const invalid = invalidFields('INVALID_CANCELLATION', 'cancellation', { reason: nonBlank(command.data.reason) });
  if (invalid) return invalid;
  const closed = refuseClosed(fee, 'cancel it');
  if (closed) return closed;
  if (netPaidAmd(fee) > 0) {
    return invalidTransition('FEE_HAS_PAYMENTS', `Fee ${fee.feeId} holds ${netPaidAmd(fee)} AMD of payments; refund them before cancelling`);
  }
  return [{ type: 'FeeCancelled', data: { ...feeRef(fee), reason: command.data.reason, at: command.metadata.now } }];
};

const refund = (command: RefundFee, fee: Fee): FeeEvent[] | DomainError => {
  const d = command.data;
  const invalid = invalidFields('INVALID_REFUND', 'refund', { amountAmd: isPositiveAmd(d.amountAmd), reason: nonBlank(d.reason) });
  if (invalid) return invalid;
  const refundable = netPaidAmd(fee);
  if (d.amountAmd > refundable) {
    return invalidTransition('REFUND_EXCEEDS_PAID', `A refund of ${d.amountAmd} AMD exceeds the ${refundable} AMD paid and not yet refunded on fee ${fee.feeId}`);
  }
  return [
    {
      type: 'FeeRefunded',
      data: { ...feeRef(fee), amountAmd: d.amountAmd, reason: d.reason, refundedTotalAmd: fee.refundedAmd + d.amountAmd, at: command.metadata.now },
    },
  ];
};

const onExisting =
  <C extends FeeCommand>(f: (command: C, fee: Fee) => FeeEvent[] | DomainError) =>
  (command: C, state: FeeState): FeeEvent[] | DomainError =>
    state === null ? notFound('FEE_NOT_FOUND', 'No fee has been assessed on this stream') : f(command, state);

export const decide = (command: FeeCommand, state: FeeState): FeeEvent[] | DomainError =>
  match(command)
    .with({ type: 'AssessFee' }, (c) => assess(c, state))
    .with({ type: 'RecordPayment' }, (c) => onExisting(recordPayment)(c, state))
    .with({ type: 'WaiveFee' }, (c) => onExisting(waive)(c, state))
    .with({ type: 'CancelFee' }, (c) => onExisting(cancel)(c, state))
    .with({ type: 'RefundFee' }, (c) => onExisting(refund)(c, state))
    .exhaustive();

const evolveExisting = (state: FeeState, f: (fee: Fee) => Fee): FeeState => (state === null ? state : f(state));

export const evolve = (state: FeeState, event: FeeEvent): FeeState =>
  match(event)
    .with({ type: 'FeeAssessed' }, ({ data }): FeeState => ({
      feeId: data.feeId,
      communityId: data.communityId,
      payerId: data.payerId,
      payerName: data.payerName,
      code: data.code,
      amountAmd: data.amountAmd,
      dueOn: data.dueOn,
      basis: data.basis,
      ...(data.applicationId !== undefined ? { applicationId: data.applicationId } : {}),
      assessedAt: data.at,
      paidAmd: 0,
      refundedAmd: 0,
      references: [],
      lastPaidAt: null,
      paidInFullAt: null,
      waived: null,
      cancelled: null,
    }))
    .with({ type: 'FeePaymentRecorded' }, ({ data }) =>
      evolveExisting(state, (fee) => ({
        ...fee,
        paidAmd: fee.paidAmd + data.amountAmd,
        references: [...fee.references, data.reference],
        lastPaidAt: data.paidAt,
      })),
    )
    .with({ type: 'FeePaid' }, ({ data }) => evolveExisting(state, (fee) => ({ ...fee, paidInFullAt: data.at })))
    .with({ type: 'FeeWaived' }, ({ data }) =>
      evolveExisting(state, (fee) => ({ ...fee, waived: { reason: data.reason, ...(data.actId !== undefined ? { actId: data.actId } : {}), at: data.at } })),
    )
    .with({ type: 'FeeCancelled' }, ({ data }) => evolveExisting(state, (fee) => ({ ...fee, cancelled: { reason: data.reason, at: data.at } })))
    .with({ type: 'FeeRefunded' }, ({ data }) => evolveExisting(state, (fee) => ({ ...fee, refundedAmd: fee.refundedAmd + data.amountAmd })))
    .exhaustive();

export const initialState = (): FeeState => null;

export const feeDecider: Decider<FeeCommand, FeeEvent, FeeState> = {
  name: 'fee',
  decide,
  evolve,
  initialState,
};
