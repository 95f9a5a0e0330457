/**
 * State of a fee: the facts its events established. The status is not stored: `feeStatus` derives
 * it from these facts (the decider and the view share that one function).
 */

/** The largest amount of money the system accepts (docs/api.md `Amd`: 0 ≤ x ≤ 10^12 drams). */
export const MAX_AMD = 1_000_000_000_000;

export interface Fee {
  readonly feeId: string;
  readonly communityId: string;
  readonly payerId: string;
  readonly payerName: string;
  readonly code: string;
  readonly amountAmd: number;
  readonly dueOn: string;
  readonly basis: string;
  readonly applicationId?: string;
  readonly assessedAt: string;
  /** Sum of every payment recorded (gross). */
  readonly paidAmd: number;
  /** Sum of every refund. */
  readonly refundedAmd: number;
  /** References of every payment recorded, in order. */
  readonly references: readonly string[];
  readonly lastPaidAt: string | null;
  /** When the payments reached the amount (`FeePaid`); a paid fee stays paid, refunds included. */
  readonly paidInFullAt: string | null;
  readonly waived: { readonly reason: string; readonly actId?: string; readonly at: string } | null;
  readonly cancelled: { readonly reason: string; readonly at: string } | null;
}

/** `null` until the fee is assessed. */
export type FeeState = Fee | null;

export type FeeStatus = 'due' | 'partially-paid' | 'paid' | 'waived' | 'cancelled';

/** Money the municipality holds for this fee: payments minus refunds. */
export const netPaidAmd = (fee: Fee): number => fee.paidAmd - fee.refundedAmd;

export const feeStatus = (fee: Fee): FeeStatus => {
  if (fee.cancelled) return 'cancelled';
  if (fee.waived) return 'waived';
  if (fee.paidInFullAt !== null) return 'paid';
  return netPaidAmd(fee) > 0 ? 'partially-paid' : 'due';
};

/** What the payer still owes: nothing once the fee is paid, waived or cancelled. */
export const feeBalanceAmd = (fee: Fee): number => {
  const status = feeStatus(fee);
  return status === 'due' || status === 'partially-paid' ? fee.amountAmd - netPaidAmd(fee) : 0;
};
