/**
 * The audit queries of API.md (`auditTreeHead`, `auditInclusionProof`, `auditConsistencyProof`) and the
 * public key of `GET /audit/public-key`, as plain JSON-able values: hashes in lowercase hex, sizes as
 * numbers, positions as decimal strings. Anyone may call them (no token).
 */
import { NotFound, ValidationFailed } from '../errors';
import type { AuditStore, StoredTreeHead } from './audit-store';
import type { AuditProjection } from './audit-projection';
import { ed25519PublicKeyFromRaw, type NoteSigner } from './checkpoint';
import { consistencyPath, inclusionPath, rootAt } from './merkle';

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
  auditPublicKey(): AuditPublicKeyView;
}

export interface AuditServiceDeps {
  readonly store: AuditStore;
  /** When given, queries first wait (briefly) for the tree to include every stored event and sign it. */
  readonly projection?: Pick<AuditProjection, 'catchUp' | 'signNow' | 'origin'>;
  readonly signer: Pick<NoteSigner, 'name' | 'keyId' | 'publicKey' | 'verifierKey'>;
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
  const { store, projection, signer } = deps;
  const origin = deps.origin ?? projection?.origin ?? signer.name;
  const read = (level: number, index: number) => store.node(level, index);

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
    const head = store.latestHead();
    if (!head) throw new NotFound('No tree head has been signed yet', 'NO_TREE_HEAD');
    return head;
  };

  return {
    async auditTreeHead() {
      return headView(await freshHead());
    },

    async auditInclusionProof(position, treeSize) {
      const p = parsePosition(position);
      let leaf = store.leafByPosition(p);
      let head: StoredTreeHead | undefined;
      if (!leaf && projection) {
        head = await freshHead();
        leaf = store.leafByPosition(p);
      }
      if (!leaf) throw new NotFound(`No event at position ${p}`, 'EVENT_NOT_FOUND');
      let n: number;
      if (treeSize === undefined || treeSize === null) {
        head ??= store.latestHead() ?? undefined;
        if (!head || head.treeSize <= leaf.index) head = await freshHead();
        n = head.treeSize;
      } else {
        n = size(treeSize, 'treeSize');
      }
      const stored = store.treeSize();
      if (n <= leaf.index) throw new ValidationFailed(`The event at position ${p} is leaf ${leaf.index}; a tree of ${n} leaves does not contain it`, ['treeSize']);
      if (n > stored) throw new ValidationFailed(`treeSize ${n} is larger than the audit tree (${stored} leaves)`, ['treeSize']);
      return {
        position: p.toString(),
        leafIndex: leaf.index,
        treeSize: n,
        leafHash: hex(leaf.hash),
        path: inclusionPath(read, leaf.index, n).map(hex),
        rootHash: hex(rootAt(read, n)),
      };
    },

    async auditConsistencyProof(from, to) {
      const m = size(from, 'from');
      const n = to === undefined || to === null ? (await freshHead()).treeSize : size(to, 'to');
      const stored = store.treeSize();
      if (n > stored) throw new ValidationFailed(`to (${n}) is larger than the audit tree (${stored} leaves)`, ['to']);
      if (m > n) throw new ValidationFailed(`from (${m}) is larger than to (${n})`, ['from']);
      return {
        fromSize: m,
        toSize: n,
        fromRoot: hex(rootAt(read, m)),
        toRoot: hex(rootAt(read, n)),
        path: consistencyPath(read, m, n).map(hex),
      };
    },

    auditPublicKey() {
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
