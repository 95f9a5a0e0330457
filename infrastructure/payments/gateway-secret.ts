/**
 * The secret shared with the payment gateway (HMAC of its notifications): PAYMENT_GATEWAY_SECRET, which a
 * real gateway (PAYMENT_GATEWAY_URL) requires; for the sandbox gateway, when unset, one generated on first
 * start and kept in DATA_DIR/keys/payment-gateway-secret (so a restart keeps started payments valid).
 */
import { randomBytes } from 'node:crypto';
import { checkJwtSecret, JwtSecretRefused } from '../auth/jwt';
import { persistedSecret } from '../auth/session-secret';

export const PAYMENT_GATEWAY_SECRET_FILE = 'payment-gateway-secret';

/** PAYMENT_GATEWAY_SECRET is too short or plainly a placeholder. */
export class PaymentGatewaySecretRefused extends Error {
  readonly code = 'PAYMENT_GATEWAY_SECRET_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'PaymentGatewaySecretRefused';
  }
}

export const loadPaymentGatewaySecret = (config: { readonly dataDir: string; readonly paymentGatewaySecret?: string }): string => {
  if (config.paymentGatewaySecret) {
    // The same rules as JWT_SECRET: at least 32 bytes, not a placeholder.
    try {
      checkJwtSecret(config.paymentGatewaySecret);
    } catch (e) {
      if (e instanceof JwtSecretRefused) throw new PaymentGatewaySecretRefused(e.message.replace('JWT_SECRET', 'PAYMENT_GATEWAY_SECRET'));
      throw e;
    }
    return config.paymentGatewaySecret;
  }
  return persistedSecret(config.dataDir, PAYMENT_GATEWAY_SECRET_FILE, () => randomBytes(48).toString('base64url'));
};
