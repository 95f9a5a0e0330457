/**
 * The queries of the `documents` read model: one document with its replies, and a journal's page
 * (newest registrations first) filtered by journal, status, overdue, executor and year.
 */
import { ValidationFailed } from '../../application/errors';
import type { Filter, ReadModelReader } from '../../application/ports/read-store';
import { findAll, findConnection, oneOf, optionalBoolean, requireId, type Connection, type PageArgs } from '../../application/queries/paging';
import { JOURNALS, type Journal } from '../../domain/correspondence/commands';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../domain/correspondence/state';
import { documentView, type DocumentView } from '../../domain/correspondence/view';
import { DOCUMENTS_COLLECTIONS, type DocumentDoc, type DocumentExecutorDoc } from './schema';

export interface DocumentNode extends DocumentView {
  readonly revision: number;
  /** Outgoing documents answering this one. */
  readonly replies: readonly string[];
}

export interface ListDocumentsArgs extends PageArgs {
  readonly communityId: string;
  readonly journal?: string | null;
  readonly status?: string | null;
  readonly overdue?: boolean | null;
  readonly executorId?: string | null;
  readonly year?: number | null;
}

const yearArg = (value: unknown): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 1000 || (value as number) > 9999) throw new ValidationFailed('year must be a four-digit year', ['year']);
  return value as number;
};

export const documentNode =
  (today: string) =>
  (doc: DocumentDoc): DocumentNode => ({ ...documentView(doc.state, today), revision: doc.revision, replies: doc.replies });

export const createDocumentQueries = (readStore: ReadModelReader) => {
  const getDocument = async (id: string, today: string): Promise<DocumentNode | null> => {
    const doc = await readStore.get<DocumentDoc>(DOCUMENTS_COLLECTIONS.documents, requireId(id, 'id'));
    return doc && documentNode(today)(doc);
  };

  const listDocuments = async (args: ListDocumentsArgs, today: string): Promise<Connection<DocumentNode>> => {
    const filter: Record<string, Filter[string]> = { communityId: requireId(args.communityId, 'communityId') };
    const journal = oneOf<Journal>(args.journal, JOURNALS, 'journal');
    const status = oneOf<DocumentStatus>(args.status, DOCUMENT_STATUSES, 'status');
    const overdue = optionalBoolean(args.overdue, 'overdue');
    const year = yearArg(args.year);
    if (journal !== undefined) filter.journal = journal;
    if (status !== undefined) filter.status = status;
    if (overdue !== undefined) filter.openControlDueOn = overdue ? { $lt: today } : { $gte: today };
    if (year !== undefined) filter.year = year;
    const sort = [['registeredAt', 'desc']] as const;
    if (args.executorId == null) return findConnection(readStore, DOCUMENTS_COLLECTIONS.documents, { filter, sort: [...sort], first: args.first, after: args.after }, documentNode(today));
    filter.executorId = requireId(args.executorId, 'executorId');
    const page = await findConnection(readStore, DOCUMENTS_COLLECTIONS.documentExecutors, { filter, sort: [...sort], first: args.first, after: args.after }, (d: DocumentExecutorDoc) => d.documentId);
    const nodes = await Promise.all(page.nodes.map((id) => getDocument(id, today)));
    return { ...page, nodes: nodes.filter((n): n is DocumentNode => n !== null) };
  };

  /** Every document of a community's journal(s), in journal order (year, then number): for exports. */
  const journalDocuments = async (args: { communityId: string; journal?: string | null; year?: number | null }, today: string): Promise<DocumentNode[]> => {
    const filter: Record<string, Filter[string]> = { communityId: requireId(args.communityId, 'communityId') };
    const journal = oneOf<Journal>(args.journal, JOURNALS, 'journal');
    const year = yearArg(args.year);
    if (journal !== undefined) filter.journal = journal;
    if (year !== undefined) filter.year = year;
    const docs = await findAll<DocumentDoc>(readStore, DOCUMENTS_COLLECTIONS.documents, filter, [
      ['journal', 'asc'],
      ['year', 'asc'],
      ['sequence', 'asc'],
    ]);
    return docs.map(documentNode(today));
  };

  return { getDocument, listDocuments, journalDocuments };
};
