/**
 * Checks an issued document against the transparency log, server-side, with the audit log's own code:
 *
 * 1. the leaf hash is computed here from the issuing event's stored bytes (auditLeafHash), not taken
 *    from the tree, so a changed event would not match;
 * 2. the latest signed checkpoint is opened with the log's public key (its signature and origin checked);
 * 3. the inclusion proof from the tree for that checkpoint's size must lead from that leaf hash to the
 *    checkpoint's root (RFC 6962 verification).
 *
 * Only when all three hold is the answer `verified`. A checkpoint signed before the event was recorded
 * does not cover it yet (`pending`); anything else that fails is `failed`, with the reason.
 */
import { auditLeafHash } from '../audit/leaf';
import { openCheckpoint, parseVerifierKey } from '../audit/checkpoint';
import { verifyInclusion } from '../audit/merkle';
import type { AuditService } from '../audit/audit-service';
import type { RecordedEvent } from '../ports/event-store';

export interface DocumentInclusion {
  readonly status: 'verified' | 'pending' | 'failed';
  /** Why it is not verified (failed or pending); null when verified. */
  readonly reason: string | null;
  readonly position: string;
  readonly leafHash: string;
  /** Leaf index in the tree (position order); null when not yet in the tree. */
  readonly leafIndex: number | null;
  /** The audit path, leaf side first; empty when there is none. */
  readonly path: readonly string[];
  /** The signed checkpoint note checked against; null when none was signed yet. */
  readonly checkpoint: string | null;
  readonly treeSize: number | null;
  readonly rootHash: string | null;
  readonly signedAt: string | null;
  /** The log's key, as a C2SP verifier key, which the checkpoint's signature was checked with. */
  readonly verifierKey: string | null;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const verifyDocumentInclusion = async (audit: AuditService, event: RecordedEvent): Promise<DocumentInclusion> => {
  const leafHash = auditLeafHash(event);
  const base = { position: event.position.toString(), leafHash: hex(leafHash), leafIndex: null, path: [], checkpoint: null, treeSize: null, rootHash: null, signedAt: null, verifierKey: null };
  let head;
  let key;
  try {
    [head, key] = await Promise.all([audit.auditTreeHead(), audit.auditPublicKey()]);
  } catch (error) {
    return { ...base, status: 'pending', reason: `no signed checkpoint yet: ${message(error)}` };
  }
  const signed = { ...base, checkpoint: head.checkpoint, treeSize: head.treeSize, rootHash: head.rootHash, signedAt: head.signedAt, verifierKey: key.verifierKey };
  let checkpoint;
  try {
    checkpoint = openCheckpoint(head.checkpoint, [parseVerifierKey(key.verifierKey)], key.origin);
  } catch (error) {
    return { ...signed, status: 'failed', reason: `the checkpoint does not verify: ${message(error)}` };
  }
  let proof;
  try {
    proof = await audit.auditInclusionProof(event.position, checkpoint.treeSize);
  } catch (error) {
    // The newest checkpoint was signed before this event entered the tree.
    return { ...signed, status: 'pending', reason: `the latest checkpoint (${checkpoint.treeSize} events) does not cover it yet: ${message(error)}` };
  }
  const proved = { ...signed, leafIndex: proof.leafIndex, path: proof.path };
  if (proof.leafHash !== hex(leafHash)) return { ...proved, status: 'failed', reason: 'the tree holds another leaf for this position: the event was changed' };
  const ok = verifyInclusion(
    proof.leafIndex,
    checkpoint.treeSize,
    leafHash,
    proof.path.map((h) => Buffer.from(h, 'hex')),
    checkpoint.rootHash,
  );
  return ok ? { ...proved, status: 'verified', reason: null } : { ...proved, status: 'failed', reason: 'the audit path does not lead to the checkpoint’s root' };
};
