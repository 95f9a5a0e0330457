/**
 * Uploaded files become attachments: each is checked BY ITS CONTENT (its magic bytes, read by the
 * `file-type` library; the declared type and the name's extension are not believed), then stored by SHA-256.
 * PDF, JPEG and PNG only; at most 10 MiB each; at most 5 at once. If any file is refused, none is stored and
 * the error says, file by file, why.
 */
import { fromBuffer } from 'file-type';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME, MAX_ATTACHMENTS, type Attachment, type AttachmentType } from '../../domain/kernel/attachments';
import { ValidationFailed } from '../errors';
import type { FileStore } from '../ports/file-store';

/** A file as a form sent it. */
export interface UploadedFile {
  /** The name the browser gave. */
  readonly name: string;
  /** The media type the browser declared (not believed: the content decides). */
  readonly declaredType?: string;
  readonly content: Buffer;
}

export type UploadRefusalReason = 'TOO_MANY_FILES' | 'FILE_EMPTY' | 'FILE_TOO_LARGE' | 'FILE_TYPE_NOT_ALLOWED';

/** Why one file (or the whole upload, `index` null) was refused. */
export interface UploadRefusal {
  /** The file's position in the upload; null for a refusal of the upload as a whole. */
  readonly index: number | null;
  readonly name: string | null;
  readonly reason: UploadRefusalReason;
  readonly message: string;
}

/** Some uploaded files were refused; nothing was stored. `code` VALIDATION_FAILED, `reason` FILES_REFUSED. */
export class FilesRefused extends ValidationFailed {
  constructor(readonly refusals: readonly UploadRefusal[]) {
    super(`Files refused: ${refusals.map((r) => r.message).join('; ')}`, refusals.map((r) => (r.index === null ? 'files' : `files.${r.index}`)), 'FILES_REFUSED');
    this.name = 'FilesRefused';
    Object.assign(this.details, { refusals });
  }
}

const MIB = 1024 * 1024;

/** A name fit to show: the last path segment, control characters removed, at most 200 characters; else "file". */
export const displayName = (name: string): string => {
  // eslint-disable-next-line no-control-regex
  const last = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return [...last].slice(0, MAX_ATTACHMENT_NAME).join('') || 'file';
};

/** The media type the content shows, if it is one a case takes. */
const allowedTypeOf = async (content: Buffer): Promise<AttachmentType | null> => {
  const found = await fromBuffer(content);
  return found && (ATTACHMENT_TYPES as readonly string[]).includes(found.mime) ? (found.mime as AttachmentType) : null;
};

/** Checks every file first; stores them only if all pass; answers their references in upload order. */
export const acceptUploads = async (files: readonly UploadedFile[], store: FileStore): Promise<Attachment[]> => {
  if (files.length > MAX_ATTACHMENTS) {
    throw new FilesRefused([{ index: null, name: null, reason: 'TOO_MANY_FILES', message: `${files.length} files sent: at most ${MAX_ATTACHMENTS} files at once` }]);
  }
  const refusals: UploadRefusal[] = [];
  const accepted: Array<{ name: string; type: AttachmentType; content: Buffer }> = [];
  for (const [index, file] of files.entries()) {
    const name = displayName(file.name);
    const refuse = (reason: UploadRefusalReason, why: string) => refusals.push({ index, name, reason, message: `${name}: ${why}` });
    if (file.content.byteLength === 0) refuse('FILE_EMPTY', 'the file is empty');
    else if (file.content.byteLength > MAX_ATTACHMENT_BYTES) refuse('FILE_TOO_LARGE', `${(file.content.byteLength / MIB).toFixed(1)} MiB is more than the 10 MiB a file may have`);
    else {
      const type = await allowedTypeOf(file.content);
      if (type === null) refuse('FILE_TYPE_NOT_ALLOWED', 'its content is not a PDF, JPEG or PNG file (the name and declared type do not count)');
      else accepted.push({ name, type, content: file.content });
    }
  }
  if (refusals.length > 0) throw new FilesRefused(refusals);
  const attachments: Attachment[] = [];
  for (const file of accepted) {
    const stored = await store.put(file.content);
    attachments.push({ sha256: stored.sha256, name: file.name, type: file.type, size: stored.size });
  }
  return attachments;
};
