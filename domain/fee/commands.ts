/**
 * Commands of the fee aggregate (local duties and fees, Law on Local Duties and Fees).
 * Stream `fee-<feeId>`. Only AssessFee names the fee; the others act on the fee of their stream.
 */
import type { DomainCommand } from '../kernel/decider';

export type AssessFee = DomainCommand<
  'AssessFee',
  {
    readonly feeId: string;
    readonly communityId: string;
    readonly payerId: string;
    readonly payerName: string;
    /** The duty or fee code (e.g. the service code it is charged for). */
    readonly code: string;
    /** Whole drams, > 0. */
    readonly amountAmd: number;
    /** YYYY-MM-DD (Asia/Yerevan calendar). */
    readonly dueOn: string;
    /** Legal basis of the assessment (article of the law, council decision…). */
    readonly basis: string;
    readonly applicationId?: string;
  }
>;

export type RecordPayment = DomainCommand<
  'RecordPayment',
  {
    /** Whole drams, > 0, at most the balance. */
    readonly amountAmd: number;
    /** ISO 8601 date-time the money was paid (bank or treasury statement). */
    readonly paidAt: string;
    /** The payment's reference (bank/treasury transaction id); recorded once per fee. */
    readonly reference: string;
  }
>;

export type WaiveFee = DomainCommand<'WaiveFee', { readonly reason: string; readonly actId?: string }>;

export type CancelFee = DomainCommand<'CancelFee', { readonly reason: string }>;

export type RefundFee = DomainCommand<'RefundFee', { readonly amountAmd: number; readonly reason: string }>;

export type FeeCommand = AssessFee | RecordPayment | WaiveFee | CancelFee | RefundFee;
