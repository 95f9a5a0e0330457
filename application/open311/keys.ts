/**
 * Open311 API keys: `<clientId>.<secret>`, the secret 32 random bytes (base64url). The client id names
 * the stream to check the key against in one read; the secret is compared by its SHA-256, in constant
 * time, with the hash the registration recorded.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { open311ClientDecider, type Open311Client } from '../../domain/open311-client';
import type { CommandHandler } from '../command-handler';
import { open311ClientStreamId } from './commands';

export interface NewOpen311Key {
  readonly clientId: string;
  /** What the client sends as `api_key`; shown once. */
  readonly apiKey: string;
  /** What is recorded. */
  readonly keyHash: string;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const newOpen311Key = (): NewOpen311Key => {
  const clientId = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { clientId, apiKey: `${clientId}.${secret}`, keyHash: sha256Hex(secret) };
};

const KEY_SHAPE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

/** The registered client an API key belongs to, or null for a malformed, unknown or wrong key. */
export const open311ClientOfKey = async (handler: Pick<CommandHandler, 'load'>, apiKey: string): Promise<Open311Client | null> => {
  const parts = KEY_SHAPE.exec(apiKey);
  if (!parts) return null;
  const [, clientId, secret] = parts;
  const { state } = await handler.load(open311ClientDecider, open311ClientStreamId(clientId));
  if (state === null) return null;
  const given = Buffer.from(sha256Hex(secret), 'hex');
  const recorded = Buffer.from(state.keyHash, 'hex');
  return given.length === recorded.length && timingSafeEqual(given, recorded) ? state : null;
};
