/**
 * The `Fee` view of docs/api.md. Status, balance and overdue are derived here from the facts and the
 * date of today in Asia/Yerevan, never stored.
 */
import { feeBalanceAmd, feeStatus, type Fee, type FeeState, type FeeStatus } from './state';

export interface FeeView {
  readonly id: string;
  readonly status: FeeStatus;
  readonly communityId: string;
  readonly code: string;
  readonly amountAmd: number;
  /** Sum of every payment recorded (before refunds). */
  readonly paidAmd: number;
  readonly refundedAmd: number;
  /** What is still owed: amount − (paid − refunded) while due or partially paid; 0 otherwise. */
  readonly balanceAmd: number;
  readonly dueOn: string;
  /** Due or partially paid and today (Yerevan) is after `dueOn`. */
  readonly overdue: boolean;
  readonly payerId: string;
  readonly payerName: string;
  readonly applicationId: string | null;
  readonly basis: string;
  readonly assessedAt: string;
  readonly lastPaidAt: string | null;
  /** When the payments reached the amount. */
  readonly paidAt: string | null;
  readonly waiverReason: string | null;
  readonly waiverActId: string | null;
  readonly cancellationReason: string | null;
}

/**
 * @param today YYYY-MM-DD, the calendar date in Asia/Yerevan (`yerevanDate(clock.now())`).
 */
export function feeView(state: Fee, today: string): FeeView;
export function feeView(state: FeeState, today: string): FeeView | null;
export function feeView(state: FeeState, today: string): FeeView | null {
  if (state === null) return null;
  const status = feeStatus(state);
  return {
    id: state.feeId,
    status,
    communityId: state.communityId,
    code: state.code,
    amountAmd: state.amountAmd,
    paidAmd: state.paidAmd,
    refundedAmd: state.refundedAmd,
    balanceAmd: feeBalanceAmd(state),
    dueOn: state.dueOn,
    overdue: (status === 'due' || status === 'partially-paid') && today > state.dueOn,
    payerId: state.payerId,
    payerName: state.payerName,
    applicationId: state.applicationId ?? null,
    basis: state.basis,
    assessedAt: state.assessedAt,
    lastPaidAt: state.lastPaidAt,
    paidAt: state.paidInFullAt,
    waiverReason: state.waived?.reason ?? null,
    waiverActId: state.waived?.actId ?? null,
    cancellationReason: state.cancelled?.reason ?? null,
  };
}
