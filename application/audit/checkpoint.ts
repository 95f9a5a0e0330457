/**
 * Signed tree heads as C2SP checkpoints (c2sp.org/tlog-checkpoint) in C2SP signed notes
 * (c2sp.org/signed-note), Ed25519 via node:crypto one-shot `sign(null, …)` / `verify(null, …)`.
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(4-byte key id ‖ 64-byte signature)>\n
 *
 * key id = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4]; verifier key string
 * `<name>+<hex key id>+<base64(0x01 ‖ public key)>`, as golang.org/x/mod/sumdb/note writes them.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const ED25519_SIGNATURE_TYPE = 0x01;
const EM_DASH = '\u2014';

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

/** A key name (and checkpoint origin): non-empty, no Unicode spaces, no `+`, no control characters. */
export const assertKeyName = (name: string): void => {
  if (typeof name !== 'string' || name.length === 0 || /[\s+\p{Cc}]/u.test(name)) {
    throw new NoteError(`"${String(name).slice(0, 80)}" is not a valid key name (non-empty, no spaces, no "+")`);
  }
};

/** SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]. */
export const ed25519KeyId = (name: string, publicKey: Uint8Array): Buffer =>
  createHash('sha256').update(Buffer.from(name, 'utf8')).update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE])).update(publicKey).digest().subarray(0, 4);

/** `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export const verifierKeyString = (name: string, publicKey: Uint8Array): string => {
  assertKeyName(name);
  return `${name}+${ed25519KeyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), publicKey]).toString('base64')}`;
};

/** The raw 32-byte Ed25519 public key of a KeyObject (public or private). */
export const rawEd25519PublicKey = (key: KeyObject): Buffer => {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  if (pub.asymmetricKeyType !== 'ed25519') throw new NoteError(`the key is ${pub.asymmetricKeyType ?? 'not asymmetric'}, not Ed25519`);
  const jwk = pub.export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
};

export const ed25519PublicKeyFromRaw = (raw: Uint8Array): KeyObject => {
  if (raw.length !== 32) throw new NoteError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
};

/** An Ed25519 private key from its 32-byte seed (RFC 8032), e.g. a sumdb `PRIVATE+KEY+…` string's key. */
export const ed25519PrivateKeyFromSeed = (seed: Uint8Array): KeyObject => {
  if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
};

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  /** `<name>+<hex key id>+<base64(0x01 ‖ public key)>`, what verifiers configure. */
  readonly verifierKey: string;
  sign(message: Uint8Array): Buffer;
}

export const ed25519Verifier = (name: string, publicKey: Uint8Array): NoteVerifier => {
  assertKeyName(name);
  const key = ed25519PublicKeyFromRaw(publicKey);
  return {
    name,
    keyId: ed25519KeyId(name, publicKey),
    publicKey: Buffer.from(publicKey),
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
};

export const ed25519Signer = (name: string, privateKey: KeyObject): NoteSigner => {
  assertKeyName(name);
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new NoteError('the signing key must be an Ed25519 private key');
  const publicKey = rawEd25519PublicKey(privateKey);
  return {
    name,
    keyId: ed25519KeyId(name, publicKey),
    publicKey,
    verifierKey: verifierKeyString(name, publicKey),
    sign: (message) => sign(null, message, privateKey),
  };
};

/** Parses `<name>+<hex key id>+<base64(0x01 ‖ key)>`, checking that the id is the key's. */
export const parseVerifierKey = (text: string): NoteVerifier => {
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = trimmed.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new NoteError('a verifier key reads <name>+<hex key id>+<base64 key>');
  const name = trimmed.slice(0, first);
  const idHex = trimmed.slice(first + 1, second);
  const keyB64 = trimmed.slice(second + 1);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('the key id of a verifier key is 8 lowercase hex digits');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyB64)) throw new NoteError('the key of a verifier key is standard base64');
  const key = Buffer.from(keyB64, 'base64');
  if (key.length !== 33 || key[0] !== ED25519_SIGNATURE_TYPE || key.toString('base64') !== keyB64) {
    throw new NoteError('only Ed25519 verifier keys (type 0x01, 32 bytes) are supported');
  }
  const verifier = ed25519Verifier(name, key.subarray(1));
  if (verifier.keyId.toString('hex') !== idHex) throw new NoteError('the key id of the verifier key does not match its key');
  return verifier;
};

const assertNoteText = (text: string): void => {
  if (!text.endsWith('\n')) throw new NoteError('a note text ends with a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError('a note must not contain control characters other than newline');
};

/** Text + blank line + one signature line. */
export const signNote = (text: string, signer: NoteSigner): string => {
  assertNoteText(text);
  const signature = signer.sign(Buffer.from(text, 'utf8'));
  return `${text}\n${EM_DASH} ${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
};

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

/** Splits a signed note into its text and signature lines (no verification). */
export const parseNote = (note: string): { text: string; signatures: NoteSignature[] } => {
  if (!note.endsWith('\n')) throw new NoteError('a signed note ends with a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError('a signed note must not contain control characters other than newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('a signed note has a blank line before its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (!m) throw new NoteError('a signature line reads "— <key name> <base64 signature>"');
    const blob = Buffer.from(m[2], 'base64');
    if (blob.length < 5) throw new NoteError('a signature is a 4-byte key id and the signature');
    return { name: m[1], keyId: blob.subarray(0, 4), signature: blob.subarray(4) };
  });
  if (signatures.length === 0) throw new NoteError('a signed note has at least one signature');
  return { text, signatures };
};

/**
 * Verifies a signed note as C2SP signed-note says: signatures from unknown keys are ignored, one from a
 * known key that fails rejects the note, and at least one known key must have signed. Returns the text
 * and the names of the keys that verified.
 */
export const openNote = (note: string, verifiers: readonly NoteVerifier[]): { text: string; verifiedBy: string[] } => {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const verifiedBy: string[] = [];
  for (const s of signatures) {
    const known = verifiers.find((v) => v.name === s.name && v.keyId.equals(s.keyId));
    if (!known) continue;
    if (!known.verify(message, s.signature)) throw new NoteError(`the signature of ${s.name} does not verify`);
    verifiedBy.push(s.name);
  }
  if (verifiedBy.length === 0) throw new NoteError('the note is not signed by a known key');
  return { text, verifiedBy };
};

export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
}

export const checkpointText = (origin: string, treeSize: number, rootHash: Uint8Array): string => {
  assertKeyName(origin);
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new NoteError('a tree size is a whole number');
  if (rootHash.length !== 32) throw new NoteError('a root hash is 32 bytes');
  return `${origin}\n${treeSize}\n${Buffer.from(rootHash).toString('base64')}\n`;
};

/** Parses checkpoint note text (origin, size, root; extension lines are allowed and ignored). */
export const parseCheckpointText = (text: string): Checkpoint => {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new NoteError('a checkpoint has an origin, a size and a root hash line');
  const [origin, size, root] = lines;
  if (origin.length === 0) throw new NoteError('a checkpoint origin is not empty');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw new NoteError('a checkpoint size is a decimal number without leading zeros');
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new NoteError('a checkpoint root hash is 32 bytes in base64');
  if (lines.slice(3, -1).some((l) => l.length === 0)) throw new NoteError('checkpoint extension lines are not empty');
  return { origin, treeSize: Number(size), rootHash };
};

/** A signed checkpoint note for `origin` at this size and root. */
export const signCheckpoint = (signer: NoteSigner, origin: string, treeSize: number, rootHash: Uint8Array): string =>
  signNote(checkpointText(origin, treeSize, rootHash), signer);

/** Verifies a checkpoint note's signature and parses it; the origin must match when given. */
export const openCheckpoint = (note: string, verifiers: readonly NoteVerifier[], origin?: string): Checkpoint => {
  const { text } = openNote(note, verifiers);
  const checkpoint = parseCheckpointText(text);
  if (origin !== undefined && checkpoint.origin !== origin) throw new NoteError(`the checkpoint is for log "${checkpoint.origin}", not "${origin}"`);
  return checkpoint;
};
