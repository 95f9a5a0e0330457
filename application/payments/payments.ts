/**
 * Paying a fee online (docs/portal.md "Payments"):
 * - `startPayment`: the resident who owes the fee asks to pay its balance; the answer is the gateway page to
 *   send their browser to. Anyone else is told the fee does not exist (NOT_FOUND), as the read policy would.
 * - `recordGatewayPayment`: the gateway's notification (its signature already checked) is recorded through
 *   the command bus as `recordPayment`, the gateway's transactionId as the payment's reference, by the
 *   payment gateway's system actor through the channel online on behalf of the payer. A reference already
 *   recorded adds nothing; an amount above the balance is refused (INVALID_TRANSITION
 *   PAYMENT_EXCEEDS_BALANCE) and nothing is recorded.
 */
import { feeDecider, feeView, type FeeView } from '../../domain/fee';
import { yerevanDate } from '../../domain/kernel/time';
import type { CommandHandler } from '../command-handler';
import { validateInput } from '../commands/validate';
import { Amd, Id, IsoDateTime, Text } from '../commands/fields';
import type { Commands } from '../commands/registry';
import { InvalidTransition, NotFound } from '../errors';
import { feeStreamId } from '../fee/commands';
import type { Clock } from '../ids';
import type { Actor } from '../ports/event-store';
import type { PaymentGateway } from '../ports/payment-gateway';

/** The actor of payments the gateway notifies (role system; the pipeline adds channel online and the payer). */
export const PAYMENT_GATEWAY_ACTOR: Actor = { id: 'payment-gateway', role: 'system', assurance: 'system', channel: 'online' };

/** The notification's JSON body. */
export class PaymentNotification {
  @Text(100) transactionId!: string;
  @Id() feeId!: string;
  @Amd({ min: 1 }) amountAmd!: number;
  @IsoDateTime() paidAt!: string;
}

export interface PaymentsDeps {
  readonly handler: CommandHandler;
  readonly commands: Commands;
  readonly gateway: PaymentGateway;
  readonly clock: Clock;
}

const feeNotFound = (feeId: string) => new NotFound(`No fee ${feeId} of yours to pay`, 'FEE_NOT_FOUND');

/** The fee as it stands in the log now (not the read model: a payment just recorded shows at once). */
export const currentFee = async (deps: Pick<PaymentsDeps, 'handler' | 'clock'>, feeId: string): Promise<FeeView | null> => {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/.test(feeId)) return null;
  const { state } = await deps.handler.load(feeDecider, feeStreamId(feeId));
  return feeView(state, yerevanDate(deps.clock.now()));
};

/** The gateway page where `actor` pays the balance of their fee `feeId`. */
export const startPayment = async (deps: PaymentsDeps, actor: Actor | null, feeId: string, urls: { returnUrl: string; notifyUrl: string }): Promise<{ checkoutUrl: string; fee: FeeView }> => {
  const fee = await currentFee(deps, feeId);
  if (!fee || !actor || actor.role !== 'resident' || fee.payerId !== actor.id) throw feeNotFound(feeId);
  if (fee.status !== 'due' && fee.status !== 'partially-paid') throw new InvalidTransition(`Fee ${feeId} is ${fee.status}: there is nothing to pay`, 'FEE_NOT_PAYABLE');
  const checkoutUrl = await deps.gateway.checkoutUrl({ feeId, amountAmd: fee.balanceAmd, description: `${fee.code} — ${fee.communityId}`, ...urls });
  return { checkoutUrl, fee };
};

/** Records a notified payment; `recorded` is false when its transactionId was recorded before. */
export const recordGatewayPayment = async (deps: Pick<PaymentsDeps, 'commands'>, body: unknown): Promise<{ recorded: boolean; fee: FeeView }> => {
  const n = validateInput(PaymentNotification, body);
  const result = await deps.commands.recordPayment(
    { id: n.feeId, amountAmd: n.amountAmd, paidAt: n.paidAt, reference: n.transactionId },
    { actor: PAYMENT_GATEWAY_ACTOR, commandId: `payment-gateway:${n.transactionId}` },
  );
  return { recorded: !result.duplicate && result.position !== null, fee: result.view };
};
