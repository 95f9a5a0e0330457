/**
 * The payment gateway a resident pays a fee through. Hamaynk sends the payer's browser to the gateway with
 * the fee, the amount (the fee's balance) and where to come back; the gateway takes the money and notifies
 * `POST /payments/notify` with a signed JSON body (application/payments/notifications.ts). Adapters: an HTTP
 * client of a real gateway (PAYMENT_GATEWAY_URL) and the in-process sandbox mounted at /sandbox-pay.
 */
export interface PaymentRequest {
  readonly feeId: string;
  /** What is asked: the fee's balance, in whole drams. */
  readonly amountAmd: number;
  /** Shown to the payer on the gateway's page. */
  readonly description: string;
  /** Where the gateway sends the payer's browser back (it adds `result=paid|refused|cancelled`). */
  readonly returnUrl: string;
  /** Where the gateway posts its signed notification. */
  readonly notifyUrl: string;
}

export interface PaymentGateway {
  readonly kind: 'sandbox' | 'http';
  /** The gateway page to send the payer's browser to for this payment. */
  checkoutUrl(request: PaymentRequest): Promise<string>;
}

/** `upstream` of the payment gateway's errors (UPSTREAM_UNAVAILABLE). */
export const PAYMENT_GATEWAY_UPSTREAM = 'payment-gateway';
