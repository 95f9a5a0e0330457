/**
 * The audit store port: the Merkle tree over the global log (leaf hashes by index with the event's
 * position, the hashes of every complete subtree) and the signed tree heads.
 *
 * Each method answers directly or with a promise: the embedded store (infrastructure/audit/sqlite-audit-store.ts)
 * answers synchronously, the shared store of a multi-machine deployment (infrastructure/mongodb/mongo-audit-store.ts)
 * over the network; callers always `await`. One process builds and signs the tree; any number read it.
 */
import type { MerkleNode, NodeRef } from './merkle';

export type Awaitable<T> = T | Promise<T>;

export interface AuditLeaf {
  /** 0-based rank of the event in log order. */
  readonly index: number;
  /** The event's global position (gap-free from 1 on SQLite; with gaps on EventStoreDB). */
  readonly position: bigint;
  readonly hash: Buffer;
}

export interface StoredTreeHead {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** The signed C2SP checkpoint note. */
  readonly checkpoint: string;
  /** The verifier key (`name+hex id+base64 key`) that signed it. */
  readonly verifierKey: string;
  /** ISO 8601 time of signing. */
  readonly signedAt: string;
}

/** Keys of the store's `meta` entries. */
export const AUDIT_META = {
  /** The log's origin (first line of every checkpoint), fixed when the store is created. */
  origin: 'origin',
  /** The verifier key of the key that signs now, published so that processes which do not sign can serve it. */
  signer: 'signer',
  /** `verifier:<verifier key>`: every key that ever signed, with when it was first used. */
  verifierPrefix: 'verifier:',
} as const;

/** Another writer appended to the tree first; reload and go on from its size. */
export class AuditStoreConflict extends Error {
  readonly code = 'AUDIT_STORE_CONFLICT';
  constructor(readonly expectedSize: number, readonly actualSize: number) {
    super(`The audit tree has ${actualSize} leaves, expected ${expectedSize}`);
    this.name = 'AuditStoreConflict';
  }
}

export interface AuditStore {
  readonly readOnly: boolean;
  meta(key: string): Awaitable<string | null>;
  setMeta(key: string, value: string): Awaitable<void>;
  /** Number of leaves stored. */
  treeSize(): Awaitable<number>;
  /** Position of the last leaf, or null when empty. */
  lastPosition(): Awaitable<bigint | null>;
  /**
   * Appends leaves (indices expectedSize, expectedSize+1, …) and the complete subtrees they finished,
   * atomically as seen by readers (a reader never sees a size whose leaves or subtrees are missing);
   * throws AuditStoreConflict when the tree does not have `expectedSize` leaves.
   */
  appendBatch(expectedSize: number, leaves: readonly AuditLeaf[], nodes: readonly MerkleNode[]): Awaitable<void>;
  /** The leaf of the event at `position`, when the tree holds it. */
  leafByPosition(position: bigint): Awaitable<AuditLeaf | null>;
  leafAt(index: number): Awaitable<AuditLeaf | null>;
  /** Hashes of complete subtrees (level 0 = leaf hash), in the order asked; throws when one is not stored. */
  nodes(refs: readonly NodeRef[]): Awaitable<Buffer[]>;
  /** Records a signed head unless one of that size exists (a size is never signed with two roots). */
  saveHead(head: StoredTreeHead): Awaitable<void>;
  latestHead(): Awaitable<StoredTreeHead | null>;
  headAt(treeSize: number): Awaitable<StoredTreeHead | null>;
  /** Every signed head, smallest tree first. */
  heads(): Awaitable<StoredTreeHead[]>;
  close(): Awaitable<void>;
}
