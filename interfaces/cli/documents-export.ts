/**
 * `hamaynk documents export --community ID [--journal incoming|outgoing|internal] [--year Y] [--format csv|ndjson]`:
 * a community's journals from the documents read model, in journal order (journal, year, number).
 * CSV is the journal as a registry book (one row a document, RFC 4180 with a BOM, as the public pages'
 * downloads); NDJSON is the `Document` of docs/api.md, one a line. Armenian text is written as stored.
 */
import type { DocumentNode, Queries } from '../../application/queries';
import { csvField, BOM, type CsvValue } from '../web/csv';

export const DOCUMENT_EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type DocumentExportFormat = (typeof DOCUMENT_EXPORT_FORMATS)[number];

export const DOCUMENTS_EXPORT_USAGE = 'usage: hamaynk documents export --community ID [--journal incoming|outgoing|internal] [--year Y] [--format csv|ndjson]';

/** The CSV columns, each with the value of a document. */
const COLUMNS: ReadonlyArray<readonly [string, (d: DocumentNode) => CsvValue]> = [
  ['journal', (d) => d.journal],
  ['year', (d) => d.year],
  ['number', (d) => d.number],
  ['registeredAt', (d) => d.registeredAt],
  ['status', (d) => d.status],
  ['subject', (d) => d.subject],
  ['channel', (d) => d.channel],
  ['senderName', (d) => d.senderName],
  ['senderReference', (d) => d.senderReference],
  ['receivedOn', (d) => d.receivedOn],
  ['recipientName', (d) => d.recipientName],
  ['recipientCommunityId', (d) => d.recipientCommunityId],
  ['executors', (d) => d.executors.join(' ')],
  ['controlDueOn', (d) => d.controlDueOn],
  ['overdue', (d) => (d.overdue ? 'yes' : 'no')],
  ['executedAt', (d) => d.executedAt],
  ['executedOnTime', (d) => (d.executedOnTime === null ? null : d.executedOnTime ? 'yes' : 'no')],
  ['signedAt', (d) => d.signedAt],
  ['dispatchedAt', (d) => d.dispatchedAt],
  ['dispatchedVia', (d) => d.dispatchedVia],
  ['closedAt', (d) => d.closedAt],
  ['cancelledAt', (d) => d.cancelledAt],
  ['cancellationReason', (d) => d.cancellationReason],
  ['inReplyTo', (d) => d.inReplyTo],
  ['replies', (d) => d.replies.join(' ')],
  ['linkedDocumentId', (d) => d.linkedDocumentId],
  ['id', (d) => d.id],
];

const csvRecord = (values: readonly CsvValue[]): string => `${values.map(csvField).join(',')}\r\n`;

/** The export's lines (the first CSV line carries the BOM and the header). */
export function* documentExportLines(documents: readonly DocumentNode[], format: DocumentExportFormat): Generator<string> {
  if (format === 'ndjson') {
    for (const d of documents) yield `${JSON.stringify(d)}\n`;
    return;
  }
  yield BOM + csvRecord(COLUMNS.map(([name]) => name));
  for (const d of documents) yield csvRecord(COLUMNS.map(([, value]) => value(d)));
}

export class DocumentsExportError extends Error {}

export interface DocumentsExportOptions {
  readonly community?: string;
  readonly journal?: string;
  readonly year?: string;
  readonly format: string;
}

/** Checks the options (main.ts parses them) and that the community exists, and writes the export through `write`; the number of documents. */
export const exportDocuments = async (
  options: DocumentsExportOptions,
  queries: Pick<Queries, 'community' | 'journalDocuments'>,
  write: (chunk: string) => Promise<void> | void,
): Promise<number> => {
  const { community, journal, year, format } = options;
  if (community === undefined || community.trim() === '') throw new DocumentsExportError(`--community is required (${DOCUMENTS_EXPORT_USAGE})`);
  if (!(DOCUMENT_EXPORT_FORMATS as readonly string[]).includes(format)) throw new DocumentsExportError(`--format must be one of ${DOCUMENT_EXPORT_FORMATS.join(', ')}`);
  if (year !== undefined && !/^\d{4}$/.test(year)) throw new DocumentsExportError('--year must be a four-digit year');
  if ((await queries.community(community)) === null) throw new DocumentsExportError(`no community ${community}`);
  const documents = await queries.journalDocuments({ communityId: community, journal: journal ?? null, year: year === undefined ? null : Number(year) });
  for (const line of documentExportLines(documents, format as DocumentExportFormat)) await write(line);
  return documents.length;
};
