/**
 * Bearer tokens (JWT, via the `jose` library): EdDSA (Ed25519) keys kept in DATA_DIR — generated on
 * first use, fit for development — or given by configuration, or an HS256 shared secret.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { Unauthenticated } from '../../application/errors';
import type { Actor } from '../../application/ports/event-store';
import { CALLER_ROLES, type CallerRole } from '../../application/read-policy';

export type TokenRole = CallerRole;
export const ASSURANCES = ['eid', 'mid', 'password'] as const;

export interface TokenClaims {
  readonly sub: string;
  readonly role: TokenRole;
  readonly communityId?: string;
  readonly acr?: (typeof ASSURANCES)[number];
  readonly officeId?: string;
}

export interface TokenKeys {
  readonly alg: 'EdDSA' | 'HS256';
  readonly signingKey: KeyObject | Uint8Array;
  readonly verifyingKey: KeyObject | Uint8Array;
}

const ISSUER = 'hamaynk';
const AUDIENCE = 'hamaynk';

export interface KeyConfig {
  readonly dataDir: string;
  /** HS256 shared secret (at least 32 bytes), instead of Ed25519 keys. */
  readonly secret?: string;
  /** PEM files of an Ed25519 key pair kept outside DATA_DIR. */
  readonly privateKeyFile?: string;
  readonly publicKeyFile?: string;
}

/** JWT_SECRET is too short or plainly a placeholder: anyone who read the example could mint tokens. */
export class JwtSecretRefused extends Error {
  readonly code = 'JWT_SECRET_REFUSED';
  constructor(reason: string) {
    super(`JWT_SECRET ${reason}; generate one, e.g. \`openssl rand -base64 48\``);
    this.name = 'JwtSecretRefused';
  }
}

/** Words of the secrets that examples, templates and earlier compose files ship. */
const PLACEHOLDER_WORDS = ['change-me', 'changeme', 'change_me', 'replace-me', 'replaceme', 'placeholder', 'your-secret', 'example', 'dummy', 'not-a-secret', 'insecure'];
const MIN_SECRET_BYTES = 32;
/** A secret of fewer distinct characters than this ('aaaa…', '0101…') is a placeholder, whatever its length. */
const MIN_DISTINCT_CHARACTERS = 8;

/** Refuses a shared secret that is too short or plainly a placeholder; returns its bytes. */
export const checkJwtSecret = (secret: string): Uint8Array => {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new JwtSecretRefused(`must be at least ${MIN_SECRET_BYTES} bytes (it has ${bytes.length})`);
  const lower = secret.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word) throw new JwtSecretRefused(`is a placeholder (it contains "${word}")`);
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) throw new JwtSecretRefused(`is a placeholder (fewer than ${MIN_DISTINCT_CHARACTERS} different characters)`);
  return bytes;
};

/** Loads the token keys, generating a development Ed25519 pair under DATA_DIR/keys on first use. */
export const loadTokenKeys = (config: KeyConfig): TokenKeys => {
  if (config.secret) {
    const secret = checkJwtSecret(config.secret);
    return { alg: 'HS256', signingKey: secret, verifyingKey: secret };
  }
  if (config.privateKeyFile || config.publicKeyFile) {
    const privateKey = config.privateKeyFile ? createPrivateKey(fs.readFileSync(config.privateKeyFile)) : undefined;
    const publicKey = config.publicKeyFile ? createPublicKey(fs.readFileSync(config.publicKeyFile)) : privateKey ? createPublicKey(privateKey) : undefined;
    if (!publicKey) throw new Error('JWT_PUBLIC_KEY_FILE or JWT_PRIVATE_KEY_FILE is needed');
    return { alg: 'EdDSA', signingKey: privateKey ?? publicKey, verifyingKey: publicKey };
  }
  const dir = path.join(config.dataDir, 'keys');
  const file = path.join(dir, 'jwt-ed25519.pem');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process generated it first; use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file));
  return { alg: 'EdDSA', signingKey: privateKey, verifyingKey: createPublicKey(privateKey) };
};

export const signToken = async (keys: TokenKeys, claims: TokenClaims, expiresIn = '12h'): Promise<string> => {
  const payload: Record<string, string> = { role: claims.role };
  if (claims.communityId) payload.communityId = claims.communityId;
  if (claims.acr) payload.acr = claims.acr;
  if (claims.officeId) payload.officeId = claims.officeId;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: keys.alg })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keys.signingKey);
};

/** Verified tokens kept per key set: the same bytes verify the same way until they expire. */
const VERIFIED_CACHE_SIZE = 10_000;
const verifiedTokens = new WeakMap<TokenKeys, Map<string, { readonly claims: TokenClaims; readonly expiresAt: number }>>();

/**
 * Verifies a bearer token and returns its claims; anything wrong is UNAUTHENTICATED. A token that
 * verified is remembered (up to 10 000, least recently used out) until its `exp`, so that a client
 * sending the same token with every request pays for one signature check, not one per request.
 */
export const verifyToken = async (keys: TokenKeys, token: string): Promise<TokenClaims> => {
  let cache = verifiedTokens.get(keys);
  if (!cache) verifiedTokens.set(keys, (cache = new Map()));
  const kept = cache.get(token);
  if (kept) {
    cache.delete(token);
    if (Date.now() < kept.expiresAt) {
      cache.set(token, kept);
      return kept.claims;
    }
  }
  const { claims, expiresAt } = await verifyUncached(keys, token);
  if (expiresAt !== null) {
    cache.set(token, { claims, expiresAt });
    if (cache.size > VERIFIED_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return claims;
};

const verifyUncached = async (keys: TokenKeys, token: string): Promise<{ claims: TokenClaims; expiresAt: number | null }> => {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys.verifyingKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: [keys.alg] }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw new Unauthenticated('The token has expired; sign in again');
    throw new Unauthenticated('The token is not valid (bad signature, issuer, audience or format)');
  }
  const { sub, role, communityId, acr, officeId } = payload;
  if (typeof sub !== 'string' || sub.length === 0) throw new Unauthenticated('The token has no subject (sub)');
  if (typeof role !== 'string' || !(CALLER_ROLES as readonly string[]).includes(role)) throw new Unauthenticated(`The token's role "${String(role)}" is not known`);
  if (acr !== undefined && !(ASSURANCES as readonly string[]).includes(acr as string)) throw new Unauthenticated(`The token's acr "${String(acr)}" is not known`);
  const claims: TokenClaims = {
    sub,
    role: role as TokenRole,
    communityId: typeof communityId === 'string' ? communityId : undefined,
    acr: acr as TokenClaims['acr'],
    officeId: typeof officeId === 'string' ? officeId : undefined,
  };
  // Only tokens that expire and are valid from now on are kept (jose refuses exp <= now).
  const notBefore = typeof payload.nbf === 'number' ? payload.nbf * 1000 : 0;
  const expiresAt = typeof payload.exp === 'number' && notBefore <= Date.now() ? payload.exp * 1000 : null;
  return { claims, expiresAt };
};

/** The actor a verified token speaks for. */
export const actorFromClaims = (claims: TokenClaims): Actor => ({
  id: claims.sub,
  role: claims.role,
  communityId: claims.communityId,
  assurance: claims.acr ?? 'password',
  channel: claims.role === 'resident' ? 'online' : claims.officeId ? 'cso' : 'staff',
  officeId: claims.officeId,
});
