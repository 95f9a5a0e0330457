/**
 * A webhook's signing secret, in the Standard Webhooks form `whsec_<base64 of 32 bytes>`.
 *
 * It is stored nowhere: each secret is HMAC-SHA256(server webhook key, webhook id). The log is read by
 * auditors and integrations (feed, export) and is never rewritten, so a secret written into an event —
 * plain or encrypted — would stay there for good; derived, the log holds nothing to steal, every process
 * with the key (WEBHOOK_KEY, or DATA_DIR/keys) signs with the same secret, and a registration retried with
 * its commandId answers the same secret again. The key's holder can derive every secret, which is also true
 * of an encryption key.
 */
import { createHmac } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export type WebhookSecretOf = (webhookId: string) => string;

export const webhookSecrets =
  (serverKey: string | Buffer): WebhookSecretOf =>
  (webhookId) =>
    `${WEBHOOK_SECRET_PREFIX}${createHmac('sha256', serverKey).update(`hamaynk webhook secret v1\u0000${webhookId}`).digest('base64')}`;
