/**
 * The sandbox payment gateway's checkout side (its pages are interfaces/http/sandbox-pay.ts): the payer is
 * sent to `/sandbox-pay?feeId&amountAmd&description&returnUrl&expires&checkout`, where `checkout` is an HMAC
 * with the gateway secret of what Hamaynk asked (fee, amount, return address, expiry), so the sandbox takes
 * only payments Hamaynk started, within an hour. No money moves: it exists for development and tests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PaymentGateway, PaymentRequest } from '../../application/ports/payment-gateway';

export const SANDBOX_PAY_PATH = '/sandbox-pay';
const CHECKOUT_VALID_MS = 3_600_000;

export interface SandboxCheckout {
  readonly feeId: string;
  readonly amountAmd: string;
  readonly description: string;
  readonly returnUrl: string;
  readonly expires: string;
}

const checkoutMac = (secret: string, c: SandboxCheckout): string =>
  createHmac('sha256', secret).update(JSON.stringify(['sandbox-checkout', c.feeId, c.amountAmd, c.description, c.returnUrl, c.expires])).digest('hex');

/** Whether a checkout's fields are those Hamaynk signed, and it has not expired. */
export const sandboxCheckoutValid = (secret: string, c: SandboxCheckout, mac: string, now: Date): boolean => {
  const expected = Buffer.from(checkoutMac(secret, c));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) && /^[0-9]+$/.test(c.expires) && Number(c.expires) > now.getTime();
};

export class SandboxPaymentGateway implements PaymentGateway {
  readonly kind = 'sandbox' as const;

  constructor(private readonly options: { readonly publicUrl: string; readonly secret: string; readonly now?: () => Date }) {}

  async checkoutUrl(payment: PaymentRequest): Promise<string> {
    const checkout: SandboxCheckout = {
      feeId: payment.feeId,
      amountAmd: String(payment.amountAmd),
      description: payment.description,
      returnUrl: payment.returnUrl,
      expires: String((this.options.now?.() ?? new Date()).getTime() + CHECKOUT_VALID_MS),
    };
    const query = new URLSearchParams({ ...checkout, checkout: checkoutMac(this.options.secret, checkout) });
    return `${this.options.publicUrl}${SANDBOX_PAY_PATH}?${query}`;
  }
}
