/**
 * The audit queries (`auditTreeHead`, `auditInclusionProof`, `auditConsistencyProof`; docs/audit.md) and the
 * public key of `GET /audit/public-key`, as plain JSON-able values: hashes in lowercase hex, sizes as
 * numbers, positions as decimal strings. Anyone may call them (no token).
 *
 * In the process that builds and signs the tree (`projection` given) a query first waits for the tree to
 * take in every stored event and signs it. A process that does not sign answers from the store as the
 * signer left it: the newest signed head, and the key the signer published there.
 */
import { NotFound, ValidationFailed } from '../errors';
import { AUDIT_META, type AuditStore, type StoredTreeHead } from './audit-store';
import type { AuditProjection } from './audit-projection';
import { ed25519PublicKeyFromRaw, parseVerifierKey, type NoteSigner } from './checkpoint';
import { computeWithStoredNodes, consistencyPath, inclusionPath, rootAt, type NodeReader } from './merkle';

export interface AuditTreeHeadView {
  readonly treeSize: number;
  readonly rootHash: string;
  /** The signed C2SP checkpoint note. */
  readonly checkpoint: string;
  readonly signedAt: string;
}

export interface AuditInclusionProofView {
  readonly position: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  /** Audit path, leaf side first (RFC 6962 PATH). */
  readonly path: string[];
  /** Root of the tree of `treeSize` leaves, which the path leads to. */
  readonly rootHash: string;
}

export interface AuditConsistencyProofView {
  readonly fromSize: number;
  readonly toSize: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  /** RFC 6962 PROOF(fromSize, D[toSize]). */
  readonly path: string[];
}

export interface AuditPublicKeyView {
  readonly algorithm: 'Ed25519';
  /** The checkpoint origin (first line of every checkpoint). */
  readonly origin: string;
  readonly keyName: string;
  /** 4-byte C2SP key id in hex. */
  readonly keyId: string;
  /** `<name>+<hex key id>+<base64(0x01 ‖ public key)>` (C2SP signed-note verifier key). */
  readonly verifierKey: string;
  /** SubjectPublicKeyInfo PEM. */
  readonly publicKeyPem: string;
  /** The raw 32-byte public key in base64. */
  readonly publicKey: string;
}

export interface AuditService {
  auditTreeHead(): Promise<AuditTreeHeadView>;
  auditInclusionProof(position: bigint | string, treeSize?: number | null): Promise<AuditInclusionProofView>;
  auditConsistencyProof(from: number, to?: number | null): Promise<AuditConsistencyProofView>;
  auditPublicKey(): Promise<AuditPublicKeyView>;
}

export interface AuditServiceDeps {
  readonly store: AuditStore;
  /** When given, queries first wait (briefly) for the tree to include every stored event and sign it. */
  readonly projection?: Pick<AuditProjection, 'catchUp' | 'signNow' | 'origin'>;
  /** The key that signs, in the process that signs; omitted: the one the signer published in the store. */
  readonly signer?: Pick<NoteSigner, 'name' | 'keyId' | 'publicKey' | 'verifierKey'>;
  readonly origin?: string;
  /** How long a query waits for the tree to catch up with the log (ms). */
  readonly catchUpTimeoutMs?: number;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const headView = (h: StoredTreeHead): AuditTreeHeadView => ({
  treeSize: h.treeSize,
  rootHash: hex(h.rootHash),
  checkpoint: h.checkpoint,
  signedAt: h.signedAt,
});

export const parsePosition = (position: bigint | string, field = 'position'): bigint => {
  if (typeof position === 'bigint') {
    if (position < 1n) throw new ValidationFailed(`${field} must be a positive position`, [field]);
    return position;
  }
  if (typeof position !== 'string' || !/^[0-9]{1,20}$/.test(position) || BigInt(position) < 1n) {
    throw new ValidationFailed(`${field} must be a global position written in decimal digits`, [field]);
  }
  return BigInt(position);
};

const size = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationFailed(`${field} must be a whole number of leaves`, [field]);
  }
  return value;
};

export const createAuditService = (deps: AuditServiceDeps): AuditService => {
  const { store, projection } = deps;
  const compute = <T>(run: (read: NodeReader) => T): Promise<T> => computeWithStoredNodes((refs) => store.nodes(refs), run);

  /** The latest signed head, covering every event stored when asked (when a projection is attached). */
  const freshHead = async (): Promise<StoredTreeHead> => {
    if (projection) {
      try {
        await projection.catchUp(deps.catchUpTimeoutMs ?? 5000);
      } catch {
        // A slow projection still answers with the newest head it has.
      }
      return projection.signNow();
    }
    const head = await store.latestHead();
    if (!head) throw new NotFound('No tree head has been signed yet', 'NO_TREE_HEAD');
    return head;
  };

  return {
    async auditTreeHead() {
      return headView(await freshHead());
    },

    async auditInclusionProof(position, treeSize) {
      const p = parsePosition(position);
      let leaf = await store.leafByPosition(p);
      let head: StoredTreeHead | undefined;
      if (!leaf && projection) {
        head = await freshHead();
        leaf = await store.leafByPosition(p);
      }
      if (!leaf) throw new NotFound(`No event at position ${p}`, 'EVENT_NOT_FOUND');
      let n: number;
      if (treeSize === undefined || treeSize === null) {
        head ??= (await store.latestHead()) ?? undefined;
        if (!head || head.treeSize <= leaf.index) head = await freshHead();
        n = head.treeSize;
      } else {
        n = size(treeSize, 'treeSize');
      }
      const stored = await store.treeSize();
      if (n <= leaf.index) throw new ValidationFailed(`The event at position ${p} is leaf ${leaf.index}; a tree of ${n} leaves does not contain it`, ['treeSize']);
      if (n > stored) throw new ValidationFailed(`treeSize ${n} is larger than the audit tree (${stored} leaves)`, ['treeSize']);
      const index = leaf.index;
      const proof = await compute((read) => ({ path: inclusionPath(read, index, n), root: rootAt(read, n) }));
      return {
        position: p.toString(),
        leafIndex: index,
        treeSize: n,
        leafHash: hex(leaf.hash),
        path: proof.path.map(hex),
        rootHash: hex(proof.root),
      };
    },

    async auditConsistencyProof(from, to) {
      const m = size(from, 'from');
      const n = to === undefined || to === null ? (await freshHead()).treeSize : size(to, 'to');
      const stored = await store.treeSize();
      if (n > stored) throw new ValidationFailed(`to (${n}) is larger than the audit tree (${stored} leaves)`, ['to']);
      if (m > n) throw new ValidationFailed(`from (${m}) is larger than to (${n})`, ['from']);
      const proof = await compute((read) => ({ fromRoot: rootAt(read, m), toRoot: rootAt(read, n), path: consistencyPath(read, m, n) }));
      return {
        fromSize: m,
        toSize: n,
        fromRoot: hex(proof.fromRoot),
        toRoot: hex(proof.toRoot),
        path: proof.path.map(hex),
      };
    },

    async auditPublicKey() {
      let signer = deps.signer;
      if (!signer) {
        const published = await store.meta(AUDIT_META.signer);
        if (published === null) throw new NotFound('The audit log has no signing key yet: the process that signs has not started', 'NO_SIGNING_KEY');
        signer = { ...parseVerifierKey(published), verifierKey: published };
      }
      const origin = deps.origin ?? projection?.origin ?? (await store.meta(AUDIT_META.origin)) ?? signer.name;
      const key = ed25519PublicKeyFromRaw(signer.publicKey);
      return {
        algorithm: 'Ed25519',
        origin,
        keyName: signer.name,
        keyId: hex(signer.keyId),
        verifierKey: signer.verifierKey,
        publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
        publicKey: Buffer.from(signer.publicKey).toString('base64'),
      };
    },
  };
};
