/**
 * A case's file for a caller: only a file the case's events name, only to those who may read the case (the
 * read policy: its community's staff, head and council, the ministry, auditors, and the resident whose case
 * it is). Every refusal is the same "no such file", so a caller learns nothing of cases they may not read.
 */
import type { Readable } from 'node:stream';
import type { Attachment } from '../../domain/kernel/attachments';
import { applicationDecider } from '../../domain/service-application';
import type { CommandHandler } from '../command-handler';
import type { Actor } from '../ports/event-store';
import type { FileStore } from '../ports/file-store';
import { decideRead } from '../read-policy';
import { applicationStreamId } from '../service-application/commands';

/** The kinds of case whose files can be downloaded. */
export const FILE_CASE_KINDS = ['application'] as const;
export type FileCaseKind = (typeof FILE_CASE_KINDS)[number];

export interface CaseFile {
  readonly attachment: Attachment;
  readonly content: Readable;
}

/** The file `sha256` of the case, or null when there is none or the caller may not read the case. */
export const caseFileFor = async (
  deps: { readonly handler: CommandHandler; readonly files: FileStore },
  actor: Actor | null,
  caseKind: string,
  caseId: string,
  sha256: string,
): Promise<CaseFile | null> => {
  if (!(FILE_CASE_KINDS as readonly string[]).includes(caseKind) || !/^[0-9a-f]{64}$/.test(sha256) || !/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/.test(caseId)) return null;
  const { state } = await deps.handler.load(applicationDecider, applicationStreamId(caseId));
  if (state.status === 'none') return null;
  const decision = decideRead(actor, { kind: 'case', caseKind: 'application', id: caseId, found: { communityId: state.communityId, ownerId: state.applicantId } });
  if (!decision.allowed) return null;
  const attachment = state.attachments.find((a) => a.sha256 === sha256);
  if (!attachment) return null;
  const content = await deps.files.read(sha256);
  return content ? { attachment, content } : null;
};
