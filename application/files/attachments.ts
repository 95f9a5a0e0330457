/**
 * Attachment references in command inputs: `attachments: [AttachmentInput!]` (sha256, name, type, size),
 * the same four fields the events keep. The input rule checks their shape; `requireStoredAttachments`, run
 * in a command's `prepare`, checks that the file store holds each file with that size, so no event ever
 * names a file the store does not have.
 */
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type Attachment, type AttachmentType } from '../../domain/kernel/attachments';
import type { CommandEnv } from '../commands/declare';
import { Count, Name, NestedList, OneOf, Sha256, type FieldOptions } from '../commands/fields';
import { ValidationFailed } from '../errors';

export class AttachmentInput {
  static readonly graphqlName = 'AttachmentInput';
  @Sha256({ description: 'SHA-256 of the file, 64 lower-case hex digits (as answered by the upload)' }) sha256!: string;
  @Name({ description: 'the file name as uploaded' }) name!: string;
  @OneOf(ATTACHMENT_TYPES, { description: 'application/pdf, image/jpeg or image/png (found from the content by the upload)' }) type!: AttachmentType;
  @Count(1, MAX_ATTACHMENT_BYTES, { description: 'bytes (at most 10 MiB)' }) size!: number;
}

/** An optional list of at most 5 attachment references. */
export const Attachments = (options: FieldOptions = {}): PropertyDecorator =>
  NestedList(AttachmentInput, MAX_ATTACHMENTS, { optional: true, description: 'Files stored by an upload: at most 5 PDF, JPEG or PNG files of at most 10 MiB each', ...options });

/**
 * The references as the decider takes them, once the file store is known to hold every file with the size
 * given; otherwise VALIDATION_FAILED (reason ATTACHMENT_NOT_STORED) naming the reference's field.
 */
export const requireStoredAttachments = async (env: CommandEnv, list: readonly AttachmentInput[] | null | undefined, field: string): Promise<Attachment[] | undefined> => {
  if (!list || list.length === 0) return undefined;
  const missing: string[] = [];
  for (const [i, a] of list.entries()) {
    const stored = env.files ? await env.files.stat(a.sha256) : null;
    if (!stored || stored.size !== a.size) missing.push(`${field}.${i}.sha256`);
  }
  if (missing.length > 0) {
    throw new ValidationFailed(
      env.files ? `The file store holds no file with the SHA-256 and size of ${missing.join(', ')}: upload the file first` : 'This server keeps no files, so no attachment can be named',
      missing,
      'ATTACHMENT_NOT_STORED',
    );
  }
  return list.map((a) => ({ sha256: a.sha256, name: a.name, type: a.type, size: a.size }));
};
