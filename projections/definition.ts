/**
 * A projection: a pure `evolve(doc | null, event)` per document, the documents an event touches,
 * and the collections (with their queryable fields) it writes. The runner does all the I/O.
 */
import type { RecordedEvent } from '../application/ports/event-store';
import type { CollectionSpec } from '../application/ports/read-store';

export type Doc = Record<string, unknown>;

export interface DocKey {
  readonly collection: string;
  readonly id: string;
}

/**
 * The other documents an event touches (its `keysOf`), as they were before the event: a document that
 * summarises others (counters of a community's cases) takes the difference the event makes to them.
 * Null for a document that did not exist, or that is not among the event's keys.
 */
export type DocumentsBefore = (key: DocKey) => Doc | null;

export interface ProjectionDefinition {
  readonly name: string;
  readonly collections: readonly CollectionSpec[];
  /** The documents this event changes (none for events the projection ignores). */
  keysOf(event: RecordedEvent): readonly DocKey[];
  /** The document after the event; null deletes it. Pure. */
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey, before: DocumentsBefore): Doc | null;
}

/** Folds events through a projection in memory: the specification of what the runner stores. */
export const projectInMemory = (projection: ProjectionDefinition, events: readonly RecordedEvent[]): Map<string, Map<string, Doc>> => {
  const out = new Map<string, Map<string, Doc>>(projection.collections.map((c) => [c.name, new Map<string, Doc>()]));
  for (const event of events) {
    const keys = projection.keysOf(event);
    const docsOf = (key: DocKey): Map<string, Doc> => {
      const docs = out.get(key.collection);
      if (!docs) throw new Error(`Projection ${projection.name} wrote to undeclared collection ${key.collection}`);
      return docs;
    };
    const snapshot = keys.map((key) => docsOf(key).get(key.id) ?? null);
    const before: DocumentsBefore = (asked) => {
      const i = keys.findIndex((k) => k.collection === asked.collection && k.id === asked.id);
      return i < 0 ? null : snapshot[i];
    };
    keys.forEach((key, i) => {
      const next = projection.evolve(snapshot[i], event, key, before);
      if (next === null) docsOf(key).delete(key.id);
      else docsOf(key).set(key.id, next);
    });
  }
  return out;
};
