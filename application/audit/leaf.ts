/**
 * The bytes of an event's leaf in the audit tree (docs/audit.md, "Leaf").
 *
 * leaf bytes = RFC 8785 canonical JSON of
 *   { data, metadata, position: "<decimal>", revision, stream, type }
 * built by concatenation from the STORED bytes of `data` and `metadata`:
 *
 *   {"data":<data bytes>,"metadata":<metadata bytes>,"position":"<position>","revision":<revision>,"stream":<JSON string>,"type":<JSON string>}
 *
 * The keys are already in RFC 8785 order and the embedded values are the store's canonical bytes,
 * so the result is the JCS of the whole object; and because nothing is re-serialised, a change of
 * any stored byte changes the leaf. leaf hash = SHA-256(0x00 ‖ leaf bytes) (RFC 6962).
 */
import { hash } from 'node:crypto';

/** What a leaf is made of: the fields of a RecordedEvent that the store keeps. */
export interface LeafSource {
  readonly streamId: string;
  readonly type: string;
  readonly revision: number;
  readonly position: bigint;
  readonly dataBytes: Uint8Array;
  readonly metadataBytes: Uint8Array;
}

const OPEN_DATA = Buffer.from('{"data":', 'utf8');
const METADATA = Buffer.from(',"metadata":', 'utf8');

/** The tail after the metadata: `,"position":"…","revision":…,"stream":"…","type":"…"}` (JSON strings as RFC 8785 writes them). */
const tail = (e: LeafSource): Buffer =>
  Buffer.from(`,"position":"${e.position.toString()}","revision":${JSON.stringify(e.revision)},"stream":${JSON.stringify(e.streamId)},"type":${JSON.stringify(e.type)}}`, 'utf8');

export const auditLeafBytes = (e: LeafSource): Buffer => Buffer.concat([OPEN_DATA, e.dataBytes, METADATA, e.metadataBytes, tail(e)]);

const LEAF_PREFIX = Buffer.from([0x00]);

/** SHA-256(0x00 ‖ leaf bytes). */
export const auditLeafHash = (e: LeafSource): Buffer =>
  hash('sha256', Buffer.concat([LEAF_PREFIX, OPEN_DATA, e.dataBytes, METADATA, e.metadataBytes, tail(e)]), 'buffer');
