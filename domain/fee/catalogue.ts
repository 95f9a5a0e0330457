import { eventCatalogue } from '../kernel/catalogue';
import type { FeeEvent } from './events';
/** The fee events, their fields and versions, for the project's event catalogue. */
const feeRefFields = {
  feeId: 'string — the fee id (stream `fee-<feeId>`)',
  communityId: 'string — the community (its code) that assessed the fee',
  applicationId: 'string, optional — the application the fee was assessed for; absent when none',
};

export const feeEventCatalogue = eventCatalogue<FeeEvent>()([
  {
    type: 'FeeAssessed',
    schemaVersion: 1,
    description: 'A local duty or fee was assessed on a payer (Law on Local Duties and Fees).',
    fields: {
      ...feeRefFields,
      payerId: 'string — the payer (a resident id or an organisation identifier)',
      payerName: 'string — the payer’s name as assessed',
      code: 'string — the duty or fee code (e.g. the code of the service it is charged for)',
      amountAmd: 'integer AMD, 1..10^12 — the assessed amount',
      dueOn: 'date YYYY-MM-DD — payment due date (Asia/Yerevan calendar)',
      basis: 'string — the legal basis of the assessment',
      at: 'date-time — business time of the assessment',
    },
  },
  {
    type: 'FeePaymentRecorded',
    schemaVersion: 1,
    description: 'A payment (possibly partial) was recorded on a fee. A reference is recorded at most once per fee; payments never exceed the balance.',
    fields: {
      ...feeRefFields,
      amountAmd: 'integer AMD, > 0 — this payment',
      paidAt: 'date-time — when the money was paid',
      reference: 'string — the payment reference (bank or treasury transaction), unique on the fee',
      paidTotalAmd: 'integer AMD — sum of every payment recorded on the fee, this one included (refunds not deducted)',
    },
  },
  {
    type: 'FeePaid',
    schemaVersion: 1,
    description: 'The payments reached the fee amount: the fee is paid. Recorded at most once, in the same append as the payment that settled it.',
    fields: {
      ...feeRefFields,
      amountAmd: 'integer AMD — the assessed amount',
      paidAmd: 'integer AMD — sum of every payment recorded on the fee (equals amountAmd unless refunds were made before it was settled)',
      at: 'date-time — the paidAt of the settling payment',
    },
  },
  {
    type: 'FeeWaived',
    schemaVersion: 1,
    description: 'What was still owed on the fee was waived (waiver or exemption by decision). Only while the fee is not fully paid.',
    fields: {
      ...feeRefFields,
      reason: 'string — why the fee was waived',
      actId: 'string, optional — the legal act granting the waiver or exemption',
      at: 'date-time — business time of the waiver',
    },
  },
  {
    type: 'FeeCancelled',
    schemaVersion: 1,
    description: 'The fee was cancelled (assessed in error). Only while no payment is held for it: payments are refunded first.',
    fields: {
      ...feeRefFields,
      reason: 'string — why the fee was cancelled',
      at: 'date-time — business time of the cancellation',
    },
  },
  {
    type: 'FeeRefunded',
    schemaVersion: 1,
    description: 'Money paid on the fee was returned to the payer; at most what was paid minus earlier refunds. A paid fee stays paid.',
    fields: {
      ...feeRefFields,
      amountAmd: 'integer AMD, > 0 — this refund',
      reason: 'string — why the money was returned',
      refundedTotalAmd: 'integer AMD — sum of every refund on the fee, this one included',
      at: 'date-time — business time of the refund',
    },
  },
]);
