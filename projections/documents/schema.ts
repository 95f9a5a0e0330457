/**
 * The `documents` read model's schema (projection `documents`): the correspondence journals.
 *
 * - `documents`: one document per registered document, `{ id, revision, position, ...indexed fields,
 *   replies, state }`, `state` folded with the domain decider's own `evolve`. `replies` lists the
 *   outgoing documents answering an incoming one (facts of other streams).
 * - `documentExecutors`: one document per executor of a document's current resolution, id
 *   `<documentId>:<slot>` (slot = the executor's place in the resolution), repeating the document's
 *   indexed fields, so that "the documents of executor X" is one filter like any other.
 *
 * Overdue depends on today, so it is not stored: `openControlDueOn` is the control date while the
 * document is in execution and NEVER otherwise, so overdue ⇔ openControlDueOn < today.
 */
import type { CollectionSpec } from '../../application/ports/read-store';
import type { CorrespondenceDocument } from '../../domain/correspondence/state';

export const DOCUMENTS_PROJECTION = 'documents';
export const DOCUMENTS_NEVER = '9999-12-31';

export const DOCUMENTS_COLLECTIONS = {
  documents: 'documents',
  documentExecutors: 'documentExecutors',
} as const;

const INDEXED = {
  communityId: 'string',
  journal: 'string',
  year: 'number',
  sequence: 'number',
  status: 'string',
  openControlDueOn: 'string',
  registeredAt: 'string',
} as const;

export const DOCUMENTS_SPEC: CollectionSpec = { name: DOCUMENTS_COLLECTIONS.documents, projection: DOCUMENTS_PROJECTION, fields: { ...INDEXED, executedOn: 'string' } };
export const DOCUMENT_EXECUTORS_SPEC: CollectionSpec = {
  name: DOCUMENTS_COLLECTIONS.documentExecutors,
  projection: DOCUMENTS_PROJECTION,
  fields: { ...INDEXED, executorId: 'string', documentId: 'string' },
};

export const DOCUMENTS_COLLECTION_SPECS: readonly CollectionSpec[] = [DOCUMENTS_SPEC, DOCUMENT_EXECUTORS_SPEC];

/** The indexed fields both collections carry. */
export interface DocumentIndexFields {
  readonly communityId: string;
  readonly journal: string;
  /** Journal year. */
  readonly year: number;
  /** The number as a number, for the journal's order. */
  readonly sequence: number;
  /** `documentStatus(state)`: it depends on no date. */
  readonly status: string;
  readonly openControlDueOn: string;
  /** Registration time in UTC. */
  readonly registeredAt: string;
}

export interface DocumentDoc extends DocumentIndexFields {
  readonly id: string;
  readonly revision: number;
  readonly position: string;
  /** Yerevan date of the execution; null before. */
  readonly executedOn: string | null;
  /** Outgoing documents answering this one, in the order registered. */
  readonly replies: readonly string[];
  readonly state: CorrespondenceDocument;
}

export interface DocumentExecutorDoc extends DocumentIndexFields {
  readonly id: string;
  readonly documentId: string;
  readonly executorId: string;
}
