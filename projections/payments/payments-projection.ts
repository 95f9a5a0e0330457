/**
 * The `payments` projection: one ledger per fee (collection `feeLedgers`) with every movement of money —
 * payments (dated by their `paidAt`), refunds and waivers (dated by their business time), each with its
 * Yerevan date — for "fees collected by code" over a date range.
 *
 * One document per fee rather than per movement: the payment, refund and waiver events do not repeat
 * the fee's code, and a waiver does not state the amount it forgives (the balance at that moment), so
 * both come from the fee's own earlier events, which only a per-fee document sees.
 */
import type { FeeAssessed, FeePaymentRecorded, FeeRefunded, FeeWaived } from '../../domain/fee/events';
import type { RecordedEvent } from '../../application/ports/event-store';
import { FEE_LEDGERS_SPEC, PAYMENTS_PROJECTION, type FeeLedgerDoc, type FeeMovement } from './schema';
import { yerevanDay } from '../dates';
import type { Doc, DocKey, ProjectionDefinition } from '../definition';

const TYPES = new Set(['FeeAssessed', 'FeePaymentRecorded', 'FeeRefunded', 'FeeWaived']);
const PREFIX = 'fee-';
const NONE: readonly DocKey[] = [];

const withMovement = (ledger: FeeLedgerDoc, revision: number, movement: FeeMovement, totals: Partial<Pick<FeeLedgerDoc, 'paidAmd' | 'refundedAmd'>>): FeeLedgerDoc => ({
  ...ledger,
  ...totals,
  revision,
  movements: [...ledger.movements, movement],
  firstMovementOn: ledger.firstMovementOn === null || movement.on < ledger.firstMovementOn ? movement.on : ledger.firstMovementOn,
  lastMovementOn: ledger.lastMovementOn === null || movement.on > ledger.lastMovementOn ? movement.on : ledger.lastMovementOn,
});

export const evolveFeeLedger = (ledger: FeeLedgerDoc | null, event: RecordedEvent, id: string): FeeLedgerDoc | null => {
  if (event.type === 'FeeAssessed') {
    if (ledger !== null) return ledger;
    const d = event.data as FeeAssessed['data'];
    return {
      id,
      revision: event.revision,
      communityId: d.communityId,
      code: d.code,
      payerId: d.payerId,
      amountAmd: d.amountAmd,
      paidAmd: 0,
      refundedAmd: 0,
      movements: [],
      firstMovementOn: null,
      lastMovementOn: null,
    };
  }
  if (ledger === null || event.revision <= ledger.revision) return ledger;
  const position = event.position.toString();
  switch (event.type) {
    case 'FeePaymentRecorded': {
      const d = event.data as FeePaymentRecorded['data'];
      const movement: FeeMovement = { kind: 'payment', on: yerevanDay(d.paidAt), at: d.paidAt, amountAmd: d.amountAmd, reference: d.reference, position };
      return withMovement(ledger, event.revision, movement, { paidAmd: ledger.paidAmd + d.amountAmd });
    }
    case 'FeeRefunded': {
      const d = event.data as FeeRefunded['data'];
      const movement: FeeMovement = { kind: 'refund', on: yerevanDay(d.at), at: d.at, amountAmd: d.amountAmd, reference: null, position };
      return withMovement(ledger, event.revision, movement, { refundedAmd: ledger.refundedAmd + d.amountAmd });
    }
    case 'FeeWaived': {
      const d = event.data as FeeWaived['data'];
      const forgiven = Math.max(0, ledger.amountAmd - (ledger.paidAmd - ledger.refundedAmd));
      const movement: FeeMovement = { kind: 'waiver', on: yerevanDay(d.at), at: d.at, amountAmd: forgiven, reference: d.actId ?? null, position };
      return withMovement(ledger, event.revision, movement, {});
    }
    default:
      return ledger;
  }
};

export const paymentsProjection: ProjectionDefinition = {
  name: PAYMENTS_PROJECTION,
  collections: [FEE_LEDGERS_SPEC],
  keysOf(event: RecordedEvent): readonly DocKey[] {
    if (!TYPES.has(event.type) || !event.streamId.startsWith(PREFIX) || event.streamId.length === PREFIX.length) return NONE;
    return [{ collection: FEE_LEDGERS_SPEC.name, id: event.streamId.slice(PREFIX.length) }];
  },
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey): Doc | null {
    return evolveFeeLedger(doc as unknown as FeeLedgerDoc | null, event, key.id) as unknown as Doc | null;
  },
};
