/**
 * A real payment gateway over HTTP (PAYMENT_GATEWAY_URL): `POST <url>/payments` with the JSON
 * `{ feeId, amountAmd, description, returnUrl, notifyUrl }`, signed like the gateway's notifications
 * (`Hamaynk-Signature: sha256=<hex HMAC-SHA256 of the body with PAYMENT_GATEWAY_SECRET>`), answers
 * `{ "paymentUrl": "https://…" }`: the page the payer's browser is sent to. Through undici with a 2 s connect
 * timeout and 5 s for the whole call; any failure is UPSTREAM_UNAVAILABLE (upstream `payment-gateway`) and
 * the payer stays on Hamaynk.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { UpstreamUnavailable } from '../../application/errors';
import { signatureOf } from '../../application/payments/signature';
import { PAYMENT_GATEWAY_UPSTREAM, type PaymentGateway, type PaymentRequest } from '../../application/ports/payment-gateway';

export interface HttpPaymentGatewayOptions {
  readonly baseUrl: string;
  readonly secret: string;
  readonly timeoutMs?: number;
}

export class HttpPaymentGateway implements PaymentGateway {
  readonly kind = 'http' as const;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpPaymentGatewayOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.dispatcher = new Agent({ connect: { timeout: Math.min(2000, this.timeoutMs) }, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
  }

  async checkoutUrl(payment: PaymentRequest): Promise<string> {
    const body = JSON.stringify({ feeId: payment.feeId, amountAmd: payment.amountAmd, description: payment.description, returnUrl: payment.returnUrl, notifyUrl: payment.notifyUrl });
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/payments`;
    let answer: unknown;
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.dispatcher,
        headers: { 'content-type': 'application/json', 'hamaynk-signature': signatureOf(this.options.secret, body) },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw new Error(`answered HTTP ${response.statusCode}`);
      }
      answer = await response.body.json();
    } catch (error) {
      throw new UpstreamUnavailable(`The payment gateway could not start the payment: ${(error as Error).message}`, PAYMENT_GATEWAY_UPSTREAM, error);
    }
    const paymentUrl = (answer as { paymentUrl?: unknown } | null)?.paymentUrl;
    if (typeof paymentUrl !== 'string' || !/^https?:\/\//i.test(paymentUrl)) {
      throw new UpstreamUnavailable('The payment gateway answered no paymentUrl', PAYMENT_GATEWAY_UPSTREAM);
    }
    return paymentUrl;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
