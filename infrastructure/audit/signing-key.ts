/**
 * The checkpoint signing key: an Ed25519 private key in PEM (PKCS #8) from `AUDIT_SIGNING_KEY_FILE`
 * (production keeps it outside DATA_DIR, so whoever holds the disk cannot re-sign a rewritten log), or
 * a development key generated once in `DATA_DIR/keys/audit-ed25519.pem`.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseVerifierKey, rawEd25519PublicKey, ed25519Verifier, type NoteVerifier } from '../../application/audit/checkpoint';

export const DEV_AUDIT_KEY_FILE = path.join('keys', 'audit-ed25519.pem');

export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  /** Raw 32-byte public key. */
  readonly publicKey: Buffer;
  /** Where it came from: the configured file, or the generated development key. */
  readonly file: string;
  readonly development: boolean;
}

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

const readPrivateKey = (file: string): KeyObject => {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AuditKeyError(`cannot read the audit signing key ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new AuditKeyError(`${file} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`${file} holds a ${key.asymmetricKeyType} key; the audit log signs with Ed25519`);
  return key;
};

/** Loads `keyFile`, or the development key under `dataDir` (generating it on first use). */
export const loadAuditSigningKey = (options: { readonly dataDir: string; readonly keyFile?: string }): AuditSigningKey => {
  if (options.keyFile) {
    const privateKey = readPrivateKey(options.keyFile);
    return { privateKey, publicKey: rawEd25519PublicKey(privateKey), file: options.keyFile, development: false };
  }
  const file = path.join(options.dataDir, DEV_AUDIT_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const privateKey = readPrivateKey(file);
  return { privateKey, publicKey: rawEd25519PublicKey(privateKey), file, development: true };
};

/** The default origin (and key name) of a log signed by this key: `hamaynk.am/log-<first 8 bytes of SHA-256(public key) in hex>`. */
export const defaultAuditOrigin = (publicKey: Uint8Array): string => `hamaynk.am/log-${createHash('sha256').update(publicKey).digest('hex').slice(0, 16)}`;

/**
 * A verifier from what an auditor holds: a verifier key string (`name+id+key`), a PEM public or
 * private key (named `name`, normally the log's origin), or a file containing either.
 */
export const auditVerifierFrom = (keyOrFile: string, name?: string): NoteVerifier => {
  const isFile = !keyOrFile.includes('\n') && fs.existsSync(keyOrFile) && fs.statSync(keyOrFile).isFile();
  const text = isFile ? fs.readFileSync(keyOrFile, 'utf8') : keyOrFile;
  if (text.includes('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = text.includes('PRIVATE KEY') ? createPrivateKey(text) : createPublicKey(text);
    } catch {
      throw new AuditKeyError('the key is not a readable PEM key');
    }
    const raw = rawEd25519PublicKey(key);
    return ed25519Verifier(name ?? defaultAuditOrigin(raw), raw);
  }
  try {
    return parseVerifierKey(text.trim());
  } catch (e) {
    throw new AuditKeyError(`not a verifier key: ${(e as Error).message}`);
  }
};
