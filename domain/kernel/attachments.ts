/**
 * Files attached to a case: an event never holds a file's bytes, only a reference to the file store's
 * content by its SHA-256 with the name, media type and size, so the audit log commits to every file.
 */

/** A file the resident (or staff on their behalf) attached. */
export interface Attachment {
  /** Lower-case hex SHA-256 of the file's content: its name in the file store. */
  readonly sha256: string;
  /** The file's name as uploaded (shown to staff; never used as a path). */
  readonly name: string;
  /** The media type found from the content, not from the name. */
  readonly type: AttachmentType;
  /** Bytes. */
  readonly size: number;
}

/** The media types a case takes: PDF, JPEG and PNG. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** At most 10 MiB a file. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** At most 5 files with one submission or one answer. */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_NAME = 200;

const SHA256 = /^[0-9a-f]{64}$/;

export const isAttachment = (a: unknown): a is Attachment => {
  if (typeof a !== 'object' || a === null) return false;
  const { sha256, name, type, size } = a as Record<string, unknown>;
  return (
    typeof sha256 === 'string' &&
    SHA256.test(sha256) &&
    typeof name === 'string' &&
    name.trim().length > 0 &&
    [...name].length <= MAX_ATTACHMENT_NAME &&
    (ATTACHMENT_TYPES as readonly unknown[]).includes(type) &&
    Number.isSafeInteger(size) &&
    (size as number) >= 1 &&
    (size as number) <= MAX_ATTACHMENT_BYTES
  );
};

/** Whether `list` is absent or a valid list of at most MAX_ATTACHMENTS references. */
export const areAttachments = (list: unknown): boolean => list === undefined || (Array.isArray(list) && list.length <= MAX_ATTACHMENTS && list.every(isAttachment));

/** The references as events keep them (only the four fields, in a fixed order). */
export const attachmentRefs = (list: readonly Attachment[]): Attachment[] => list.map((a) => ({ sha256: a.sha256, name: a.name, type: a.type, size: a.size }));
