/**
 * The fee's commands (local duties and fees): who may run each, on which fee, with what input.
 * The community's staff and head change fees, only in their own community; the payment gateway's system
 * actor records the payments it was notified of (channel online, on behalf of the payer).
 */
import { streamIdOf } from '../../domain/aggregates';
import { feeDecider, feeView, type FeeCommand, type FeeState } from '../../domain/fee';
import { aggregate, command } from '../commands/declare';
import { Amd, CommunityCode, Id, IsoDate, IsoDateTime, MAX_ID, Name, Nested, Text } from '../commands/fields';
import { allOf, hasRole, inOwnCommunity, refuse, type Role, type Verdict } from '../commands/policy';
import { requireActiveCommunity } from '../community/registered';
import { NotFound } from '../errors';
import type { Actor } from '../ports/event-store';

/** The stream of a fee. */
export const feeStreamId = (id: string): string => streamIdOf(feeDecider.name, id);

const FEE_ROLES: readonly Role[] = ['staff', 'head'];

const feeNotFound = (id: string) => new NotFound(`No fee with id ${id}`, 'FEE_NOT_FOUND');

export class AssessFeeInput {
  @CommunityCode() communityId!: string;
  @Text(MAX_ID) payerId!: string;
  @Name() payerName!: string;
  @Name() code!: string;
  @Amd({ min: 1 }) amountAmd!: number;
  @IsoDate() dueOn!: string;
  @Text() basis!: string;
  @Id({ optional: true }) applicationId?: string | null;
}

class AssessFeeArgs {
  @Nested(AssessFeeInput) input!: AssessFeeInput;
}

class FeeIdArgs {
  @Id() id!: string;
}

class RecordPaymentArgs extends FeeIdArgs {
  @Amd({ min: 1 }) amountAmd!: number;
  @IsoDateTime() paidAt!: string;
  @Text(MAX_ID) reference!: string;
}

class WaiveFeeArgs extends FeeIdArgs {
  @Text() reason!: string;
  @Id({ optional: true }) actId?: string | null;
}

class CancelFeeArgs extends FeeIdArgs {
  @Text() reason!: string;
}

class RefundFeeArgs extends FeeIdArgs {
  @Amd({ min: 1 }) amountAmd!: number;
  @Text() reason!: string;
}

/** Staff or head of the fee's community; an unknown fee is NOT_FOUND only to those who may change fees. */
const onFee =
  (what: string) =>
  (actor: Actor, state: FeeState, input: { id: string }): Verdict =>
    allOf(
      () => hasRole(actor, FEE_ROLES, what),
      () => (state === null ? refuse(feeNotFound(input.id)) : inOwnCommunity(actor, state.communityId, FEE_ROLES, what)),
    );

const feeCommand = command<FeeState, FeeCommand>();

export const feeCommands = aggregate({
  decider: feeDecider,
  graphqlType: 'Fee',
  view: feeView,
  notFound: feeNotFound,
  commands: {
    assessFee: feeCommand({
      description: 'Assess a local duty or fee (amount above 0).',
      input: AssessFeeArgs,
      target: 'new',
      policy: (actor, _state, { input }) => inOwnCommunity(actor, input.communityId, FEE_ROLES, 'assess a fee'),
      prepare: async ({ input }, _state, env, call) => {
        await requireActiveCommunity(env.handler, input.communityId, call.today, 'input.communityId');
      },
      command: ({ input }, _state, _prepared, { id }) => ({
        type: 'AssessFee',
        data: {
          feeId: id,
          communityId: input.communityId,
          payerId: input.payerId,
          payerName: input.payerName,
          code: input.code,
          amountAmd: input.amountAmd,
          dueOn: input.dueOn,
          basis: input.basis,
          ...(input.applicationId != null ? { applicationId: input.applicationId } : {}),
        },
      }),
    }),
    recordPayment: feeCommand({
      description: 'A reference already recorded on the fee adds nothing.',
      input: RecordPaymentArgs,
      target: ({ id }) => id,
      // The payment gateway's notifications (application/payments) are recorded by a system actor, online, for the payer.
      policy: (actor, state, input) =>
        actor.role === 'system'
          ? state === null
            ? refuse(feeNotFound(input.id))
            : { allowed: true, channel: 'online', onBehalfOf: state.payerId }
          : onFee('record a payment')(actor, state, input),
      command: (a) => ({ type: 'RecordPayment', data: { amountAmd: a.amountAmd, paidAt: a.paidAt, reference: a.reference } }),
    }),
    waiveFee: feeCommand({
      input: WaiveFeeArgs,
      target: ({ id }) => id,
      policy: onFee('waive a fee'),
      command: (a) => ({ type: 'WaiveFee', data: { reason: a.reason, ...(a.actId != null ? { actId: a.actId } : {}) } }),
    }),
    cancelFee: feeCommand({
      input: CancelFeeArgs,
      target: ({ id }) => id,
      policy: onFee('cancel a fee'),
      command: (a) => ({ type: 'CancelFee', data: { reason: a.reason } }),
    }),
    refundFee: feeCommand({
      input: RefundFeeArgs,
      target: ({ id }) => id,
      policy: onFee('refund a fee'),
      command: (a) => ({ type: 'RefundFee', data: { amountAmd: a.amountAmd, reason: a.reason } }),
    }),
  },
});
