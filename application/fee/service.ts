/**
 * The fee service: one method per API.md fee mutation. Each validates its input
 * (VALIDATION_FAILED), authorizes the actor (FORBIDDEN: staff or head of the fee's community
 * only), then decides and appends through the command handler. A refused command appends nothing.
 */
import { requireActiveCommunity } from '../community/registered';
import { feeDecider, type FeeCommand, type FeeEvent, type FeeState } from '../../domain/fee';
import { feeView, type FeeView } from '../../domain/fee/view';
import { yerevanDate } from '../../domain/shared/time';
import { requireMunicipalRole, requireRole, type Role } from '../authorization';
import type { CommandContext, CommandHandler, CommandInput, HandleResult, HandleOptions } from '../command-handler';
import { InvalidTransition, NotFound } from '../errors';
import { systemClock, type Clock } from '../ids';
import { validateInput } from '../validation';
import { AssessFeeInput, CancelFeeArgs, RecordPaymentArgs, RefundFeeArgs, WaiveFeeArgs } from './dto';

export interface FeeServiceDeps {
  readonly handler: CommandHandler;
  /** Gives "today" (Asia/Yerevan) for the returned view's `overdue`; the system clock by default. */
  readonly clock?: Clock;
}

export interface FeeMutationResult {
  readonly id: string;
  readonly revision: number;
  readonly view: FeeView;
  /** Global position of the last event the command appended (null: it appended nothing). */
  readonly position: bigint | null;
}

export const feeStreamId = (id: string): string => `fee-${id}`;

/** Who may change fees: the community's staff and its head (API.md "Who may call what"). */
const FEE_ROLES: readonly Role[] = ['staff', 'head'];

export const createFeeService = ({ handler, clock = systemClock }: FeeServiceDeps) => {
  const done = (result: HandleResult<FeeState, FeeEvent>): FeeMutationResult => {
    if (result.state === null) throw new InvalidTransition('The fee was not recorded', 'FEE_NOT_RECORDED');
    return { id: result.state.feeId, revision: result.revision, view: feeView(result.state, yerevanDate(clock.now())), position: result.lastPosition };
  };

  /** Loads the fee to learn its community, then lets only that community's staff or head act. */
  const authorizeOnFee = async (id: string, ctx: CommandContext, what: string): Promise<void> => {
    requireRole(ctx.actor, FEE_ROLES, what);
    const { state } = await handler.load(feeDecider, feeStreamId(id));
    if (state === null) throw new NotFound(`No fee with id ${id}`, 'FEE_NOT_FOUND');
    requireMunicipalRole(ctx.actor, state.communityId, FEE_ROLES, what);
  };

  const run = async (id: string, command: CommandInput<FeeCommand>, ctx: CommandContext, options?: HandleOptions): Promise<FeeMutationResult> =>
    done(await handler.handle(feeDecider, feeStreamId(id), command, ctx, options));

  return {
    async assessFee(args: { input: AssessFeeInput }, ctx: CommandContext): Promise<FeeMutationResult> {
      const input = validateInput(AssessFeeInput, args?.input, 'input');
      requireMunicipalRole(ctx.actor, input.communityId, FEE_ROLES, 'assess a fee');
      await requireActiveCommunity(handler, input.communityId, yerevanDate(ctx.occurredAt ?? clock.now()), 'input.communityId');
      const feeId = handler.newAggregateId(ctx.commandId);
      return run(
        feeId,
        {
          type: 'AssessFee',
          data: {
            feeId,
            communityId: input.communityId,
            payerId: input.payerId,
            payerName: input.payerName,
            code: input.code,
            amountAmd: input.amountAmd,
            dueOn: input.dueOn,
            basis: input.basis,
            ...(input.applicationId != null ? { applicationId: input.applicationId } : {}),
          },
        },
        ctx,
        { newStream: true },
      );
    },

    async recordPayment(args: { id: string; amountAmd: number; paidAt: string; reference: string }, ctx: CommandContext): Promise<FeeMutationResult> {
      const a = validateInput(RecordPaymentArgs, args);
      await authorizeOnFee(a.id, ctx, 'record a payment');
      return run(a.id, { type: 'RecordPayment', data: { amountAmd: a.amountAmd, paidAt: a.paidAt, reference: a.reference } }, ctx);
    },

    async waiveFee(args: { id: string; reason: string; actId?: string | null }, ctx: CommandContext): Promise<FeeMutationResult> {
      const a = validateInput(WaiveFeeArgs, args);
      await authorizeOnFee(a.id, ctx, 'waive a fee');
      return run(a.id, { type: 'WaiveFee', data: { reason: a.reason, ...(a.actId != null ? { actId: a.actId } : {}) } }, ctx);
    },

    async cancelFee(args: { id: string; reason: string }, ctx: CommandContext): Promise<FeeMutationResult> {
      const a = validateInput(CancelFeeArgs, args);
      await authorizeOnFee(a.id, ctx, 'cancel a fee');
      return run(a.id, { type: 'CancelFee', data: { reason: a.reason } }, ctx);
    },

    async refundFee(args: { id: string; amountAmd: number; reason: string }, ctx: CommandContext): Promise<FeeMutationResult> {
      const a = validateInput(RefundFeeArgs, args);
      await authorizeOnFee(a.id, ctx, 'refund a fee');
      return run(a.id, { type: 'RefundFee', data: { amountAmd: a.amountAmd, reason: a.reason } }, ctx);
    },
  };
};

export type FeeService = ReturnType<typeof createFeeService>;
