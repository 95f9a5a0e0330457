/**
 * The server key webhook secrets are derived from (application/webhooks/secret.ts): WEBHOOK_KEY when several
 * processes deliver webhooks (each must sign with the same secrets), else one generated on first start and
 * kept in DATA_DIR/keys/webhook-key. Losing it changes every webhook's secret.
 */
import { randomBytes } from 'node:crypto';
import { checkJwtSecret, JwtSecretRefused } from './jwt';
import { persistedSecret } from './session-secret';

export class WebhookKeyRefused extends Error {
  readonly code = 'WEBHOOK_KEY_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookKeyRefused';
  }
}

export const WEBHOOK_KEY_FILE = 'webhook-key';

export const loadWebhookKey = (config: { dataDir: string; webhookKey?: string }): string => {
  if (config.webhookKey) {
    try {
      checkJwtSecret(config.webhookKey);
    } catch (e) {
      if (e instanceof JwtSecretRefused) throw new WebhookKeyRefused(e.message.replace('JWT_SECRET', 'WEBHOOK_KEY'));
      throw e;
    }
    return config.webhookKey;
  }
  return persistedSecret(config.dataDir, WEBHOOK_KEY_FILE, () => randomBytes(48).toString('base64url'));
};
