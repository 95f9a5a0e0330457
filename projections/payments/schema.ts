/**
 * The `payments` read model's schema: `feeLedgers`, one document per fee with every payment, refund and
 * waiver (`movements`), written by ./payments-projection.ts and read by the transparency report.
 */
import type { CollectionSpec } from '../../application/ports/read-store';

export const PAYMENTS_PROJECTION = 'payments';

export const PAYMENTS_COLLECTIONS = { feeLedgers: 'feeLedgers' } as const;

export const FEE_LEDGERS_SPEC: CollectionSpec = {
  name: PAYMENTS_COLLECTIONS.feeLedgers,
  projection: PAYMENTS_PROJECTION,
  fields: { communityId: 'string', code: 'string', firstMovementOn: 'string', lastMovementOn: 'string' },
};

export type MovementKind = 'payment' | 'refund' | 'waiver';

export interface FeeMovement {
  readonly kind: MovementKind;
  /** Yerevan date of the payment (`paidAt`), refund or waiver. */
  readonly on: string;
  /** The business time as recorded. */
  readonly at: string;
  /** Drams paid, refunded, or waived (the balance forgiven by the waiver). */
  readonly amountAmd: number;
  readonly reference: string | null;
  /** Global position (decimal string) of the event. */
  readonly position: string;
}

/**
 * One document per fee: its code (which the payment events do not repeat) and every movement of money.
 * "Fees collected by code over a date range" reads the ledgers whose movements span the range.
 */
export interface FeeLedgerDoc {
  readonly id: string;
  readonly communityId: string;
  readonly code: string;
  readonly payerId: string;
  readonly amountAmd: number;
  /** Running totals: every payment (gross), every refund. */
  readonly paidAmd: number;
  readonly refundedAmd: number;
  /** Revision of the fee stream last folded in. */
  readonly revision: number;
  readonly movements: readonly FeeMovement[];
  /** Earliest and latest movement dates (null without movements). */
  readonly firstMovementOn: string | null;
  readonly lastMovementOn: string | null;
}
