/**
 * Files (attachments, scans) kept by their content: a file's name in the store is the lower-case hex
 * SHA-256 of its bytes, the same hash the events that mention it carry, so the audit log commits to
 * every file. Adapters: a folder under DATA_DIR (embedded) and MongoDB GridFS.
 *
 * A file is stored, durably and whole, BEFORE the event that names it is appended: `put` resolves only
 * once the bytes would survive a crash. Storing the same content twice stores it once. Nothing is ever
 * deleted here: an event's reference must stay readable for as long as the log.
 */
import type { Readable } from 'node:stream';

/** A stored file: its SHA-256 (64 lower-case hex digits) and its length in bytes. */
export interface StoredFile {
  readonly sha256: string;
  readonly size: number;
}

export interface FileStore {
  readonly kind: 'filesystem' | 'gridfs';
  /** Stores `content` (idempotent for the same bytes) and answers its hash and size once it is durable. */
  put(content: Uint8Array): Promise<StoredFile>;
  /** The stored file of that hash, or null if the store does not hold it. */
  stat(sha256: string): Promise<StoredFile | null>;
  /** The file's bytes as a stream, or null if the store does not hold it. */
  read(sha256: string): Promise<Readable | null>;
  close(): Promise<void>;
}

/** A SHA-256 written as the store and the events write it. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
