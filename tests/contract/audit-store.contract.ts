/**
 * The one contract every AuditStore adapter passes: the embedded SQLite store always, MongoDB where a
 * server exists. Every test starts from an empty tree (a fresh file or database); `connect()` opens another
 * connection to the same tree, as another process of the deployment would.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditStoreConflict, AUDIT_META, type AuditLeaf, type AuditStore, type StoredTreeHead } from '../../application/audit/audit-store';
import { openCheckpoint, parseVerifierKey } from '../../application/audit/checkpoint';
import { auditLeafHash } from '../../application/audit/leaf';
import {
  computeWithStoredNodes,
  consistencyPath,
  inclusionPath,
  MerkleFrontier,
  rootAt,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type MerkleNode,
} from '../../application/audit/merkle';
import { openAuditLog, type AuditLog } from '../../infrastructure/audit/audit-log';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { newEvent } from '../support/events';

export interface AuditStoreFixture {
  /** A new connection to this test's tree (each is closed by the contract). */
  connect(): Promise<AuditStore>;
}

const leafHash = (i: number): Buffer => createHash('sha256').update(`leaf ${i}`).digest();

/** Leaves i = from … to−1 at the given positions, with the complete subtrees they finish after `frontier`. */
const batch = (frontier: MerkleFrontier, from: number, to: number, positionOf: (i: number) => bigint): { leaves: AuditLeaf[]; nodes: MerkleNode[] } => {
  const leaves: AuditLeaf[] = [];
  const nodes: MerkleNode[] = [];
  for (let i = from; i < to; i++) {
    const hash = leafHash(i);
    leaves.push({ index: i, position: positionOf(i), hash });
    frontier.append(hash, nodes);
  }
  return { leaves, nodes };
};

const head = (treeSize: number, root: Buffer, note: string): StoredTreeHead => ({
  treeSize,
  rootHash: root,
  checkpoint: note,
  verifierKey: 'hamaynk.am/test+00000000+AQ==',
  signedAt: '2026-12-01T08:00:00.000Z',
});

export const auditStoreContract = <F extends AuditStoreFixture>(
  name: string,
  setup: () => Promise<F>,
  teardown: (f: F) => Promise<void>,
  options: { readonly skip?: boolean } = {},
) => {
  (options.skip ? describe.skip : describe)(`AuditStore contract: ${name}`, () => {
    let f: F;
    let opened: AuditStore[];
    let store: AuditStore;
    const connect = async (): Promise<AuditStore> => {
      const s = await f.connect();
      opened.push(s);
      return s;
    };
    beforeEach(async () => {
      opened = [];
      f = await setup();
      store = await connect();
    });
    afterEach(async () => {
      for (const s of opened) await s.close();
      await teardown(f);
    });

    /** Appends leaves 0 … n−1 in batches of `step`; positions 10, 20, 30 … (gaps, as on EventStoreDB). */
    const grow = async (n: number, step = 7): Promise<MerkleFrontier> => {
      const frontier = new MerkleFrontier();
      for (let from = 0; from < n; from += step) {
        const { leaves, nodes } = batch(frontier, from, Math.min(n, from + step), (i) => BigInt((i + 1) * 10));
        await store.appendBatch(from, leaves, nodes);
      }
      return frontier;
    };

    it('starts empty', async () => {
      expect(await store.treeSize()).toBe(0);
      expect(await store.lastPosition()).toBeNull();
      expect(await store.leafAt(0)).toBeNull();
      expect(await store.leafByPosition(1n)).toBeNull();
      expect(await store.latestHead()).toBeNull();
      expect(await store.headAt(0)).toBeNull();
      expect(await store.heads()).toEqual([]);
      expect(await store.meta(AUDIT_META.origin)).toBeNull();
    });

    it('keeps meta entries, Armenian text included, the last value written winning', async () => {
      await store.setMeta(AUDIT_META.origin, 'hamaynk.am/gyumri');
      await store.setMeta('note', 'Գյումրու համայնքի աուդիտի մատյան');
      await store.setMeta(AUDIT_META.origin, 'hamaynk.am/dilijan');
      expect(await store.meta(AUDIT_META.origin)).toBe('hamaynk.am/dilijan');
      expect(await store.meta('note')).toBe('Գյումրու համայնքի աուդիտի մատյան');
      expect(await store.meta('absent')).toBeNull();
    });

    it('stores leaves by index and by position, positions with gaps and beyond 2^53 included', async () => {
      const frontier = new MerkleFrontier();
      const big = 2n ** 60n + 7n;
      const first = batch(frontier, 0, 3, (i) => [10n, 11n, 25n][i]);
      await store.appendBatch(0, first.leaves, first.nodes);
      const second = batch(frontier, 3, 4, () => big);
      await store.appendBatch(3, second.leaves, second.nodes);
      expect(await store.treeSize()).toBe(4);
      expect(await store.lastPosition()).toBe(big);
      expect(await store.leafAt(2)).toEqual({ index: 2, position: 25n, hash: leafHash(2) });
      expect(await store.leafByPosition(big)).toEqual({ index: 3, position: big, hash: leafHash(3) });
      expect(await store.leafByPosition(11n)).toEqual({ index: 1, position: 11n, hash: leafHash(1) });
      expect(await store.leafByPosition(12n)).toBeNull();
      expect(await store.leafAt(4)).toBeNull();
    });

    it('answers the roots and proofs of every size from the stored subtrees, as the tree over the leaves gives', async () => {
      const n = 45;
      await grow(n);
      const hashes = Array.from({ length: n }, (_, i) => leafHash(i));
      const withStored = <T>(run: Parameters<typeof computeWithStoredNodes<T>>[1]) => computeWithStoredNodes((refs) => store.nodes(refs), run);
      for (let size = 0; size <= n; size++) {
        const root = await withStored((read) => rootAt(read, size));
        expect(root.toString('hex')).toBe(rootOfLeafHashes(hashes.slice(0, size)).toString('hex'));
      }
      const full = rootOfLeafHashes(hashes);
      for (const index of [0, 1, 17, 31, 32, 44]) {
        const proof = await withStored((read) => inclusionPath(read, index, n));
        expect(verifyInclusion(index, n, hashes[index], proof, full)).toBe(true);
      }
      for (const m of [1, 8, 13, 32, 44]) {
        const proof = await withStored((read) => consistencyPath(read, m, n));
        expect(verifyConsistency(m, n, proof, rootOfLeafHashes(hashes.slice(0, m)), full)).toBe(true);
      }
      // In the order asked, leaves (level 0) and subtrees alike.
      const [a, b, c] = await store.nodes([
        { level: 5, index: 0 },
        { level: 0, index: 44 },
        { level: 2, index: 3 },
      ]);
      expect([a, b, c].map((h) => h.toString('hex'))).toEqual(
        [rootOfLeafHashes(hashes.slice(0, 32)), hashes[44], rootOfLeafHashes(hashes.slice(12, 16))].map((h) => h.toString('hex')),
      );
    });

    it('refuses to read a subtree it does not hold', async () => {
      await grow(5);
      await expect(Promise.resolve().then(() => store.nodes([{ level: 3, index: 0 }]))).rejects.toThrow(/no node at level 3, index 0/);
      await expect(Promise.resolve().then(() => store.nodes([{ level: 0, index: 5 }]))).rejects.toThrow(/no node at level 0, index 5/);
    });

    it('refuses an append from the wrong size with AuditStoreConflict, appending nothing', async () => {
      const frontier = await grow(6);
      for (const wrong of [5, 7, 0]) {
        const copy = new MerkleFrontier();
        for (let i = 0; i < wrong; i++) copy.append(leafHash(i));
        const { leaves, nodes } = batch(copy, wrong, wrong + 2, (i) => BigInt(1000 + i));
        const error = await Promise.resolve()
          .then(() => store.appendBatch(wrong, leaves, nodes))
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(AuditStoreConflict);
        expect(error).toMatchObject({ code: 'AUDIT_STORE_CONFLICT', expectedSize: wrong, actualSize: 6 });
      }
      expect(await store.treeSize()).toBe(6);
      expect(await store.leafAt(6)).toBeNull();
      expect(await store.lastPosition()).toBe(60n);
      expect(frontier.size).toBe(6);
    });

    it('lets exactly one of two writers advance from the same size; the other is told to reload', async () => {
      await grow(4);
      const other = await connect();
      const attempt = (s: AuditStore) => {
        const frontier = new MerkleFrontier();
        for (let i = 0; i < 4; i++) frontier.append(leafHash(i));
        const { leaves, nodes } = batch(frontier, 4, 9, (i) => BigInt((i + 1) * 10));
        return Promise.resolve().then(() => s.appendBatch(4, leaves, nodes));
      };
      const outcomes = await Promise.allSettled([attempt(store), attempt(other)]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(AuditStoreConflict);
      expect(await store.treeSize()).toBe(9);
      expect(await other.treeSize()).toBe(9);
      const root = await computeWithStoredNodes((refs) => other.nodes(refs), (read) => rootAt(read, 9));
      expect(root.equals(rootOfLeafHashes(Array.from({ length: 9 }, (_, i) => leafHash(i))))).toBe(true);
    });

    it('keeps the first head signed for a size; lists heads smallest first', async () => {
      const frontier = await grow(10);
      const root = frontier.root();
      await store.saveHead(head(0, rootOfLeafHashes([]), 'note 0\n'));
      await store.saveHead(head(10, root, 'note 10, first\n'));
      await store.saveHead(head(10, Buffer.alloc(32, 1), 'note 10, second\n'));
      await store.saveHead(head(4, rootOfLeafHashes(Array.from({ length: 4 }, (_, i) => leafHash(i))), 'note 4\n'));
      expect(await store.headAt(10)).toEqual(head(10, root, 'note 10, first\n'));
      expect((await store.latestHead())?.treeSize).toBe(10);
      expect((await store.heads()).map((h) => [h.treeSize, h.checkpoint])).toEqual([
        [0, 'note 0\n'],
        [4, 'note 4\n'],
        [10, 'note 10, first\n'],
      ]);
      expect(await store.headAt(5)).toBeNull();
    });

    it('shows another connection what one connection appended and signed', async () => {
      const reader = await connect();
      await grow(12);
      await store.saveHead(head(12, Buffer.alloc(32, 2), 'note 12\n'));
      expect(await reader.treeSize()).toBe(12);
      expect(await reader.lastPosition()).toBe(120n);
      expect((await reader.leafByPosition(70n))?.index).toBe(6);
      expect((await reader.latestHead())?.checkpoint).toBe('note 12\n');
    });

    describe('behind the audit log: one process signs, another only serves', () => {
      let dir: string;
      let events: SqliteEventStore;
      const logs: AuditLog[] = [];
      beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-audit-contract-'));
        events = new SqliteEventStore(path.join(dir, 'events.sqlite'));
      });
      afterEach(async () => {
        for (const log of logs.splice(0)) await log.close();
        await events.close();
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('the serving process answers the signed head, proofs and key the signer keeps, and never makes a key', async () => {
        const keyFile = path.join(dir, 'audit.pem');
        fs.writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
        const signerDir = path.join(dir, 'signer');
        const servingDir = path.join(dir, 'serving');
        fs.mkdirSync(signerDir);
        fs.mkdirSync(servingDir);
        // Opened before the signer has published anything: it must not make a key of its own.
        const serving = await openAuditLog({ dataDir: servingDir, eventStore: events, store: await f.connect(), sign: false });
        logs.push(serving);
        await expect(serving.service.auditTreeHead()).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'NO_TREE_HEAD' });
        await expect(serving.service.auditPublicKey()).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'NO_SIGNING_KEY' });
        const signing = await openAuditLog({ dataDir: signerDir, eventStore: events, store: await f.connect(), signingKeyFile: keyFile, idleMs: 60_000, signIntervalMs: 3_600_000 });
        logs.push(signing);
        for (let i = 0; i < 5; i++) {
          await events.append('fee-f1', [newEvent('FeePaymentRecorded', { payerName: 'Անահիտ Սարգսյան', amountAmd: 500 * (i + 1) })], { expectedRevision: 'any' });
        }
        const signed = await signing.service.auditTreeHead();
        expect(signed.treeSize).toBe(5);

        expect(await serving.service.auditTreeHead()).toEqual(signed);
        const key = await serving.service.auditPublicKey();
        expect(key).toEqual(await signing.service.auditPublicKey());
        const checkpoint = openCheckpoint(signed.checkpoint, [parseVerifierKey(key.verifierKey)], key.origin);
        const [third] = (await events.readAll()).slice(2, 3);
        const proof = await serving.service.auditInclusionProof(third.position.toString());
        expect(proof).toMatchObject({ leafIndex: 2, treeSize: 5, leafHash: auditLeafHash(third).toString('hex') });
        expect(verifyInclusion(2, 5, auditLeafHash(third), proof.path.map((h) => Buffer.from(h, 'hex')), checkpoint.rootHash)).toBe(true);
        expect(await serving.service.auditConsistencyProof(2, 5)).toEqual(await signing.service.auditConsistencyProof(2, 5));
        expect(fs.existsSync(path.join(servingDir, 'keys'))).toBe(false);
        expect(fs.existsSync(path.join(signerDir, 'keys'))).toBe(false);
      });
    });
  });
};
