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

export interface ProjectionDefinition {
  readonly name: string;
  readonly collections: readonly CollectionSpec[];
  /** The documents this event changes (none for events the projection ignores). */
  keysOf(event: RecordedEvent): readonly DocKey[];
  /** The document after the event; null deletes it. Pure. */
  evolve(doc: Doc | null, event: RecordedEvent, key: DocKey): Doc | null;
}

/** Folds events through a projection in memory: the specification of what the runner stores. */
export const projectInMemory = (projection: ProjectionDefinition, events: readonly RecordedEvent[]): Map<string, Map<string, Doc>> => {
  const out = new Map<string, Map<string, Doc>>(projection.collections.map((c) => [c.name, new Map<string, Doc>()]));
  for (const event of events) {
    for (const key of projection.keysOf(event)) {
      const docs = out.get(key.collection);
      if (!docs) throw new Error(`Projection ${projection.name} wrote to undeclared collection ${key.collection}`);
      const next = projection.evolve(docs.get(key.id) ?? null, event, key);
      if (next === null) docs.delete(key.id);
      else docs.set(key.id, next);
    }
  }
  return out;
};
