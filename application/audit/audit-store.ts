/**
 * The audit store port: the Merkle tree over the global log (leaf hashes by index with the event's
 * position, the hashes of every complete subtree) and the signed tree heads. Synchronous, like the
 * embedded store that implements it (infrastructure/audit/sqlite-audit-store.ts).
 */
import type { MerkleNode } from './merkle';

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

/** Another writer appended to the tree first; reload and go on from its size. */
export class AuditStoreConflict extends Error {
  constructor(readonly expectedSize: number, readonly actualSize: number) {
    super(`The audit tree has ${actualSize} leaves, expected ${expectedSize}`);
    this.name = 'AuditStoreConflict';
  }
}

export interface AuditStore {
  readonly readOnly: boolean;
  meta(key: string): string | null;
  setMeta(key: string, value: string): void;
  /** Number of leaves stored. */
  treeSize(): number;
  /** Position of the last leaf, or null when empty. */
  lastPosition(): bigint | null;
  /**
   * Appends leaves (indices expectedSize, expectedSize+1, …) and the complete subtrees they finished,
   * in one transaction; throws AuditStoreConflict when the tree does not have `expectedSize` leaves.
   */
  appendBatch(expectedSize: number, leaves: readonly AuditLeaf[], nodes: readonly MerkleNode[]): void;
  leafByPosition(position: bigint): AuditLeaf | null;
  leafAt(index: number): AuditLeaf | null;
  /** Hash of a complete subtree (level 0 = leaf hash); throws when it is not stored. */
  node(level: number, index: number): Buffer;
  saveHead(head: StoredTreeHead): void;
  latestHead(): StoredTreeHead | null;
  headAt(treeSize: number): StoredTreeHead | null;
  /** Every signed head, smallest tree first. */
  heads(): StoredTreeHead[];
  close(): void;
}
