/**
 * Events of the fee aggregate. `applicationId` is present only when the fee was assessed for an
 * application; the application process manager reacts to `FeePaid` and `FeeWaived` carrying it.
 * Money is whole drams. `paidAmd`/`paidTotalAmd` count every payment recorded (gross);
 * refunds are counted separately (`refundedTotalAmd`), so the net received is their difference.
 */
import type { DomainEvent } from '../kernel/decider';

export type FeeAssessed = DomainEvent<
  'FeeAssessed',
  {
    readonly feeId: string;
    readonly communityId: string;
    readonly payerId: string;
    readonly payerName: string;
    readonly code: string;
    readonly amountAmd: number;
    readonly dueOn: string;
    readonly basis: string;
    readonly applicationId?: string;
    /** Business time of the assessment. */
    readonly at: string;
  }
>;

export type FeePaymentRecorded = DomainEvent<
  'FeePaymentRecorded',
  {
    readonly feeId: string;
    readonly communityId: string;
    readonly applicationId?: string;
    readonly amountAmd: number;
    readonly paidAt: string;
    readonly reference: string;
    /** Sum of every payment recorded on the fee, this one included. */
    readonly paidTotalAmd: number;
  }
>;

export type FeePaid = DomainEvent<
  'FeePaid',
  {
    readonly feeId: string;
    readonly communityId: string;
    readonly applicationId?: string;
    /** The fee's assessed amount. */
    readonly amountAmd: number;
    /** Sum of every payment recorded on the fee (gross of refunds made before it was settled). */
    readonly paidAmd: number;
    /** When the payment that settled the fee was made (its `paidAt`). */
    readonly at: string;
  }
>;

export type FeeWaived = DomainEvent<
  'FeeWaived',
  {
    readonly feeId: string;
    readonly communityId: string;
    readonly applicationId?: string;
    readonly reason: string;
    /** The legal act (decision) granting the waiver or exemption, when there is one. */
    readonly actId?: string;
    readonly at: string;
  }
>;

export type FeeCancelled = DomainEvent<
  'FeeCancelled',
  {
    readonly feeId: string;
    readonly communityId: string;
    readonly applicationId?: string;
    readonly reason: string;
    readonly at: string;
  }
>;

export type FeeRefunded = DomainEvent<
  'FeeRefunded',
  {
    readonly feeId: string;
    readonly communityId: string;
    readonly applicationId?: string;
    readonly amountAmd: number;
    readonly reason: string;
    /** Sum of every refund on the fee, this one included. */
    readonly refundedTotalAmd: number;
    readonly at: string;
  }
>;

export type FeeEvent = FeeAssessed | FeePaymentRecorded | FeePaid | FeeWaived | FeeCancelled | FeeRefunded;
