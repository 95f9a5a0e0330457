/**
 * The gateway's signature: header `Hamaynk-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with the
 * shared secret. Checked on the exact bytes received, in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'hamaynk-signature';

export const signatureOf = (secret: string, body: Uint8Array | string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Whether `header` is the signature of `body` under `secret`. */
export const signatureValid = (secret: string, body: Uint8Array, header: string | string[] | undefined): boolean => {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(signatureOf(secret, body), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
};
