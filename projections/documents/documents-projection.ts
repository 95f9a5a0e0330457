/**
 * The `documents` projection (schema.ts): pure `keysOf` and `evolve` over the correspondence events.
 *
 * - A document event folds into its document with the decider's own `evolve` (a replay, at or below the
 *   revision the document holds, leaves it unchanged).
 * - An outgoing document registered `inReplyTo` an incoming one also adds itself to that one's `replies`.
 * - Events that can change the current executors or the document's indexed fields (everything after
 *   the registration) also touch the executor slots `<documentId>:0…MAX_EXECUTORS-1`: each slot is
 *   written from the document as it is after the event, or deleted when the resolution has no executor
 *   at that place.
 */
import type { RecordedEvent } from '../../application/ports/event-store';
import { documentEventCatalogue } from '../../domain/correspondence/catalogue';
import { evolve as evolveDocument } from '../../domain/correspondence/decider';
import type { DocumentEvent } from '../../domain/correspondence/events';
import { currentResolution, documentStatus, MAX_EXECUTORS, type CorrespondenceDocument } from '../../domain/correspondence/state';
import { yerevanDate } from '../../domain/kernel/time';
import type { Doc, DocKey, DocumentsBefore, ProjectionDefinition } from '../definition';
import { DOCUMENTS_COLLECTION_SPECS, DOCUMENTS_COLLECTIONS, DOCUMENTS_NEVER, DOCUMENTS_PROJECTION, type DocumentDoc, type DocumentExecutorDoc, type DocumentIndexFields } from './schema';

const CATEGORY = 'document-';
const DOCUMENT_TYPES: ReadonlySet<string> = new Set(documentEventCatalogue.map((e) => e.type).filter((t) => t !== 'DocumentNumberAssigned'));
const REGISTRATIONS: ReadonlySet<string> = new Set(['IncomingDocumentRegistered', 'OutgoingDocumentRegistered', 'InternalDocumentRegistered']);
const SLOTS = Array.from({ length: MAX_EXECUTORS }, (_, i) => i);

const documentIdOf = (event: RecordedEvent): string | null =>
  event.streamId.startsWith(CATEGORY) && event.streamId.length > CATEGORY.length && DOCUMENT_TYPES.has(event.type) ? event.streamId.slice(CATEGORY.length) : null;

export const slotId = (documentId: string, slot: number): string => `${documentId}:${slot}`;

const indexFields = (d: CorrespondenceDocument): DocumentIndexFields => {
  const status = documentStatus(d);
  return {
    communityId: d.communityId,
    journal: d.journal,
    year: d.year,
    sequence: Number(d.number),
    status,
    openControlDueOn: status === 'in-execution' && d.controlDueOn !== null ? d.controlDueOn : DOCUMENTS_NEVER,
    registeredAt: new Date(d.registeredAt).toISOString(),
  };
};

/** The document after `event`, from the one before (null when it does not exist). */
const folded = (before: DocumentDoc | null, event: RecordedEvent): CorrespondenceDocument | null =>
  evolveDocument(before?.state ?? null, { type: event.type, data: event.data } as DocumentEvent);

export const documentsProjection: ProjectionDefinition = {
  name: DOCUMENTS_PROJECTION,
  collections: DOCUMENTS_COLLECTION_SPECS,
  keysOf(event: RecordedEvent): readonly DocKey[] {
    const documentId = documentIdOf(event);
    if (documentId === null) return [];
    const own: DocKey = { collection: DOCUMENTS_COLLECTIONS.documents, id: documentId };
    if (REGISTRATIONS.has(event.type)) {
      const inReplyTo = (event.data as { inReplyTo?: unknown }).inReplyTo;
      return typeof inReplyTo === 'string' && inReplyTo !== documentId ? [own, { collection: DOCUMENTS_COLLECTIONS.documents, id: inReplyTo }] : [own];
    }
    return [own, ...SLOTS.map((slot) => ({ collection: DOCUMENTS_COLLECTIONS.documentExecutors, id: slotId(documentId, slot) }))];
  },
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey, before: DocumentsBefore): Doc | null {
    const documentId = documentIdOf(event);
    if (documentId === null) return doc;
    if (key.collection === DOCUMENTS_COLLECTIONS.documents && key.id !== documentId) {
      // The incoming document an outgoing one answers.
      const answered = doc as DocumentDoc | null;
      if (answered === null || answered.replies.includes(documentId)) return doc;
      return { ...answered, replies: [...answered.replies, documentId] } as unknown as Doc;
    }
    if (key.collection === DOCUMENTS_COLLECTIONS.documents) {
      const previous = doc as DocumentDoc | null;
      if (previous !== null && event.revision <= previous.revision) return doc;
      const state = folded(previous, event);
      if (state === null) return doc;
      const next: DocumentDoc = {
        id: documentId,
        revision: event.revision,
        position: event.position.toString(),
        ...indexFields(state),
        executedOn: state.executedAt === null ? null : yerevanDate(state.executedAt),
        replies: previous?.replies ?? [],
        state,
      };
      return next as unknown as Doc;
    }
    // An executor slot, from the document as it is after the event.
    const documentBefore = before({ collection: DOCUMENTS_COLLECTIONS.documents, id: documentId }) as DocumentDoc | null;
    if (documentBefore !== null && event.revision <= documentBefore.revision) return doc;
    const state = folded(documentBefore, event);
    const slot = Number(key.id.slice(key.id.lastIndexOf(':') + 1));
    const executorId = state === null ? undefined : currentResolution(state)?.executorIds[slot];
    if (state === null || executorId === undefined) return null;
    const next: DocumentExecutorDoc = { id: key.id, documentId, executorId, ...indexFields(state) };
    return next as unknown as Doc;
  },
};
