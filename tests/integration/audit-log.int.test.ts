/**
 * The audit trail over the real embedded event store: the tree follows the log, tree heads are signed
 * as C2SP checkpoints, and the proofs the queries return convince an auditor who holds nothing but the
 * published key — checked here by a small verifier written independently from the RFC 9162 text
 * with node:crypto alone.
 */
import { createHash, createPublicKey, generateKeyPairSync, verify as edVerify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NotFound, ValidationFailed } from '../../application/errors';
import { auditLeafHash } from '../../application/audit/leaf';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { openAuditLog, AUDIT_FILE, type AuditLog, type OpenAuditLogOptions } from '../../infrastructure/audit/audit-log';
import { SqliteAuditStore } from '../../infrastructure/audit/sqlite-audit-store';
import { newEvent } from '../support/events';

// ---- an auditor's verifier, independent of application/audit: RFC 9162 §2.1.3.2 / §2.1.4.2 and C2SP notes ----
const auditor = {
  node: (l: Buffer, r: Buffer) => createHash('sha256').update(Buffer.from([1])).update(l).update(r).digest(),
  /** Opens a checkpoint with a verifier key `name+id+base64(0x01‖key)`; returns size and root, or throws. */
  openCheckpoint(note: string, verifierKey: string): { origin: string; size: number; root: Buffer } {
    const i1 = verifierKey.indexOf('+');
    const i2 = verifierKey.indexOf('+', i1 + 1);
    const [name, id, key64] = [verifierKey.slice(0, i1), verifierKey.slice(i1 + 1, i2), verifierKey.slice(i2 + 1)];
    const key = Buffer.from(key64, 'base64');
    const expectedId = createHash('sha256').update(`${name}\n`).update(key).digest().subarray(0, 4);
    if (expectedId.toString('hex') !== id || key[0] !== 1) throw new Error('bad verifier key');
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.subarray(1).toString('base64url') }, format: 'jwk' });
    const cut = note.lastIndexOf('\n\n');
    const text = note.slice(0, cut + 1);
    const line = note.slice(cut + 2).trimEnd();
    const prefix = `\u2014 ${name} `;
    if (!line.startsWith(prefix)) throw new Error('no signature by that key');
    const sig = Buffer.from(line.slice(prefix.length), 'base64');
    if (!sig.subarray(0, 4).equals(expectedId) || !edVerify(null, Buffer.from(text), publicKey, sig.subarray(4))) throw new Error('bad signature');
    const [origin, size, root] = text.split('\n');
    return { origin, size: Number(size), root: Buffer.from(root, 'base64') };
  },
  inclusion(index: number, size: number, leaf: Buffer, path: Buffer[], root: Buffer): boolean {
    if (index >= size) return false;
    let fn = index;
    let sn = size - 1;
    let r = leaf;
    for (const p of path) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = this.node(p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else r = this.node(r, p);
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && r.equals(root);
  },
  consistency(first: number, second: number, path: Buffer[], firstRoot: Buffer, secondRoot: Buffer): boolean {
    if (first === second) return path.length === 0 && firstRoot.equals(secondRoot);
    if (first === 0 || path.length === 0) return first === 0 && path.length === 0;
    const proof = (first & (first - 1)) === 0 ? [firstRoot, ...path] : path;
    let fn = first - 1;
    let sn = second - 1;
    while (fn % 2 === 1) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    let fr = proof[0];
    let sr = proof[0];
    for (const c of proof.slice(1)) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        fr = this.node(c, fr);
        sr = this.node(c, sr);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else sr = this.node(sr, c);
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
  },
};
const b = (hex: string) => Buffer.from(hex, 'hex');

let dir: string;
let store: SqliteEventStore;
const logs: AuditLog[] = [];

const open = async (options: Partial<Omit<OpenAuditLogOptions, 'sign'>> = {}) => {
  const log = await openAuditLog({ dataDir: dir, eventStore: store, idleMs: 60_000, signIntervalMs: 3_600_000, ...options });
  logs.push(log);
  return log;
};

const append = async (n: number, stream = 'fee-a1', text = 'Արամ Պետրոսյան') => {
  for (let i = 0; i < n; i++) await store.append(stream, [newEvent('FeePaymentRecorded', { payerName: text, amountAmd: 1000 + i })], { expectedRevision: 'any' });
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-audit-'));
  store = new SqliteEventStore(path.join(dir, 'events.sqlite'));
});

afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the audit log follows the event log', () => {
  test('every event becomes a leaf in log order; heads are signed every N events and on stop', async () => {
    const log = await open({ signEvery: 5 });
    await append(12);
    await log.projection.catchUp();
    expect(await log.store.treeSize()).toBe(12);
    const events = await store.readAll();
    for (const [i, e] of events.entries()) {
      const leaf = await log.store.leafAt(i);
      expect(leaf?.position).toBe(e.position);
      expect(leaf?.hash.equals(auditLeafHash(e))).toBe(true);
    }
    const sizes = (await log.store.heads()).map((h) => h.treeSize);
    expect(sizes[0]).toBe(0);
    expect(sizes.some((s) => s >= 5 && s < 12)).toBe(true);
    await log.close();
    logs.length = 0;
    const reopened = new SqliteAuditStore(path.join(dir, AUDIT_FILE), { readonly: true });
    expect(reopened.latestHead()?.treeSize).toBe(12);
    reopened.close();
  });

  test('a quiet log with unsigned leaves gets a head without anyone asking', async () => {
    const log = await open({ idleMs: 30 });
    await append(3);
    const deadline = Date.now() + 5000;
    while (((await log.store.latestHead())?.treeSize ?? 0) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((await log.store.latestHead())?.treeSize).toBe(3);
  });

  test('after a restart the tree goes on from its last leaf, identical to one rebuilt from scratch', async () => {
    const first = await open({ signEvery: 4 });
    await append(7);
    await first.projection.catchUp();
    await first.close();
    logs.length = 0;
    await append(6, 'act-b2', 'Համայնքի ավագանու որոշում');
    const second = await open({ signEvery: 4 });
    await second.projection.catchUp();
    expect(await second.store.treeSize()).toBe(13);
    const roots = Array.from({ length: 14 }, (_, n) => second.service.auditConsistencyProof(0, n));
    const before = (await Promise.all(roots)).map((p) => p.toRoot);
    await second.close();
    logs.length = 0;
    fs.rmSync(path.join(dir, AUDIT_FILE));
    const rebuilt = await open({ signEvery: 4 });
    await rebuilt.projection.catchUp();
    const after = await Promise.all(Array.from({ length: 14 }, (_, n) => rebuilt.service.auditConsistencyProof(0, n)));
    expect(after.map((p) => p.toRoot)).toEqual(before);
  });

  test('two writers on one DATA_DIR never duplicate or skip a leaf', async () => {
    const a = await open({ signEvery: 3 });
    const c = await open({ signEvery: 3 });
    await Promise.all([append(20, 'fee-x1'), append(20, 'fee-x2')]);
    await a.projection.catchUp();
    await c.projection.catchUp();
    const events = await store.readAll();
    expect(await a.store.treeSize()).toBe(40);
    for (const [i, e] of events.entries()) expect((await a.store.leafAt(i))?.hash.equals(auditLeafHash(e))).toBe(true);
    expect(a.projection.lastError).toBeUndefined();
    expect(c.projection.lastError).toBeUndefined();
  });
});

describe('the audit queries', () => {
  test('auditTreeHead returns a signed checkpoint of the whole log that verifies with the published key', async () => {
    const log = await open();
    await append(9);
    const head = await log.service.auditTreeHead();
    const key = (await log.service.auditPublicKey());
    expect(head.treeSize).toBe(9);
    expect(head.rootHash).toMatch(/^[0-9a-f]{64}$/);
    const cp = auditor.openCheckpoint(head.checkpoint, key.verifierKey);
    expect(cp).toEqual({ origin: key.origin, size: 9, root: b(head.rootHash) });
    expect(key.origin).toMatch(/^hamaynk\.am\/log-[0-9a-f]{16}$/);
    expect(createPublicKey(key.publicKeyPem).export({ format: 'jwk' }).x).toBe(Buffer.from(key.publicKey, 'base64').toString('base64url'));
    expect(() => auditor.openCheckpoint(head.checkpoint.replace('\n9\n', '\n8\n'), key.verifierKey)).toThrow('bad signature');
  });

  test('every event has an inclusion proof against the signed head, leafIndex = position − 1 on the embedded store', async () => {
    const log = await open();
    await append(11);
    const head = await log.service.auditTreeHead();
    const { root } = auditor.openCheckpoint(head.checkpoint, (await log.service.auditPublicKey()).verifierKey);
    for (const event of await store.readAll()) {
      const proof = await log.service.auditInclusionProof(event.position.toString());
      expect(proof.leafIndex).toBe(Number(event.position) - 1);
      expect(proof.treeSize).toBe(11);
      expect(proof.leafHash).toBe(auditLeafHash(event).toString('hex'));
      expect(auditor.inclusion(proof.leafIndex, proof.treeSize, auditLeafHash(event), proof.path.map(b), root)).toBe(true);
      expect(auditor.inclusion(proof.leafIndex, proof.treeSize, auditLeafHash({ ...event, revision: event.revision + 1 }), proof.path.map(b), root)).toBe(false);
    }
    // An earlier tree size that contains the event.
    const early = await log.service.auditInclusionProof(3n, 5);
    expect(early).toMatchObject({ leafIndex: 2, treeSize: 5 });
  });

  test('an event newer than the latest head is proven against a freshly signed head', async () => {
    const log = await open();
    await append(2);
    await log.service.auditTreeHead();
    await append(1);
    const proof = await log.service.auditInclusionProof('3');
    expect(proof).toMatchObject({ leafIndex: 2, treeSize: 3 });
    expect((await log.store.latestHead())?.treeSize).toBe(3);
  });

  test('a consistency proof between two heads across new appends convinces an external auditor', async () => {
    const log = await open();
    const key = (await log.service.auditPublicKey()).verifierKey;
    await append(6);
    const older = await log.service.auditTreeHead();
    await append(7, 'complaint-c3', 'Բողոք՝ ճանապարհի վերանորոգման մասին');
    const newer = await log.service.auditTreeHead();
    expect([older.treeSize, newer.treeSize]).toEqual([6, 13]);
    const a = auditor.openCheckpoint(older.checkpoint, key);
    const c = auditor.openCheckpoint(newer.checkpoint, key);
    const proof = await log.service.auditConsistencyProof(a.size, c.size);
    expect(proof).toMatchObject({ fromSize: 6, toSize: 13, fromRoot: a.root.toString('hex'), toRoot: c.root.toString('hex') });
    expect(auditor.consistency(a.size, c.size, proof.path.map(b), a.root, c.root)).toBe(true);
    // Against a forked history it fails.
    const forked = Buffer.from(a.root);
    forked[0] ^= 1;
    expect(auditor.consistency(a.size, c.size, proof.path.map(b), forked, c.root)).toBe(false);
    // `to` defaults to the latest head.
    expect((await log.service.auditConsistencyProof(6)).toSize).toBe(13);
  });

  test('unknown positions are NOT_FOUND; impossible sizes are VALIDATION_FAILED', async () => {
    const log = await open();
    await append(4);
    await expect(log.service.auditInclusionProof('99')).rejects.toBeInstanceOf(NotFound);
    await expect(log.service.auditInclusionProof('abc')).rejects.toBeInstanceOf(ValidationFailed);
    await expect(log.service.auditInclusionProof('0')).rejects.toBeInstanceOf(ValidationFailed);
    await expect(log.service.auditInclusionProof('4', 3)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['treeSize'] });
    await expect(log.service.auditInclusionProof('1', 5)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['treeSize'] });
    await expect(log.service.auditInclusionProof('1', -1)).rejects.toBeInstanceOf(ValidationFailed);
    await expect(log.service.auditConsistencyProof(3, 2)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['from'] });
    await expect(log.service.auditConsistencyProof(1, 5)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: ['to'] });
    await expect(log.service.auditConsistencyProof(1.5, 3)).rejects.toBeInstanceOf(ValidationFailed);
    expect(await log.service.auditConsistencyProof(0, 4)).toMatchObject({ fromSize: 0, path: [], fromRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
  });
});

describe('the signing key', () => {
  test('AUDIT_SIGNING_KEY_FILE outside DATA_DIR is used and no development key is written', async () => {
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-key-'));
    try {
      const keyFile = path.join(keyDir, 'audit.pem');
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const log = await open({ signingKeyFile: keyFile, origin: 'hamaynk.am/gyumri' });
      await append(1);
      const head = await log.service.auditTreeHead();
      const key = (await log.service.auditPublicKey());
      expect(key.origin).toBe('hamaynk.am/gyumri');
      expect(key.publicKey).toBe(Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString('base64'));
      expect(auditor.openCheckpoint(head.checkpoint, key.verifierKey).origin).toBe('hamaynk.am/gyumri');
      expect(fs.existsSync(path.join(dir, 'keys', 'audit-ed25519.pem'))).toBe(false);
    } finally {
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });

  test('without a key file a development key is generated once in DATA_DIR/keys and reused', async () => {
    const first = await open();
    const key = (await first.service.auditPublicKey()).verifierKey;
    const file = path.join(dir, 'keys', 'audit-ed25519.pem');
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    await first.close();
    logs.length = 0;
    const second = await open();
    expect((await second.service.auditPublicKey()).verifierKey).toBe(key);
  });

  test('a key that is not Ed25519 is refused with a clear message', async () => {
    const keyFile = path.join(dir, 'rsa.pem');
    fs.writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(openAuditLog({ dataDir: dir, eventStore: store, signingKeyFile: keyFile })).rejects.toThrow('Ed25519');
  });
});
