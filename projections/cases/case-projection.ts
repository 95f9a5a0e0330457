/**
 * The generic case read model: one collection per aggregate, one document per aggregate,
 * `{ id, revision, position, ...indexed fields, state }`. `state` is folded with the domain decider's
 * own `evolve`, so the read side can never disagree with the write side; the indexed fields are taken
 * from that state (and, for dates the state does not keep, from the event) for filtering and sorting.
 *
 * - Only events of the model's stream category and of the aggregate's known event types are folded
 *   (an event type added later, or another aggregate's, is ignored rather than breaking the fold).
 * - An event whose revision the document already holds is a replay and leaves it unchanged.
 * - An aggregate whose state is still "nothing" (e.g. a payment before any assessment) has no document.
 */
import type { DomainEvent } from '../../domain/kernel/decider';
import type { RecordedEvent } from '../../application/ports/event-store';
import type { CollectionSpec } from '../../application/ports/read-store';
import type { CaseDocBase } from './schema';
import type { Doc, DocKey, ProjectionDefinition } from '../definition';

export interface CaseModel<E extends DomainEvent, S, X extends S, D extends CaseDocBase<X>> {
  /** The collection and its indexed fields. */
  readonly spec: CollectionSpec;
  /** Stream category (`application` for `application-<id>`); the document id is the rest of the stream id. */
  readonly category: string;
  /** The aggregate's event types (from its event catalogue). */
  readonly eventTypes: readonly string[];
  readonly initialState: () => S;
  readonly evolve: (state: S, event: E) => S;
  /** Whether the state is an existing aggregate (otherwise there is no document). */
  readonly exists: (state: S) => state is X;
  /**
   * The document for the new state: `base` (id, revision, position), the indexed fields and `state`.
   * `previous` is the document before this event (null for the first), so that fields which never
   * change can be carried over instead of recomputed.
   */
  readonly document: (base: CaseDocBase<X>, event: RecordedEvent, previous: D | null) => D;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list of models; each is checked where it is defined
export type AnyCaseModel = CaseModel<any, any, any, any>;

interface Entry {
  readonly model: AnyCaseModel;
  readonly types: ReadonlySet<string>;
}

const NONE: readonly DocKey[] = [];

/** A projection folding each model's aggregates into its collection. */
export const createCaseProjection = (name: string, models: readonly AnyCaseModel[]): ProjectionDefinition => {
  const byCategory = new Map<string, Entry>();
  const byCollection = new Map<string, Entry>();
  for (const model of models) {
    if (model.spec.projection !== name) throw new Error(`Collection ${model.spec.name} belongs to projection ${model.spec.projection}, not ${name}`);
    const entry: Entry = { model, types: new Set(model.eventTypes) };
    byCategory.set(model.category, entry);
    byCollection.set(model.spec.name, entry);
  }
  const collections = models.map((m) => m.spec);

  return {
    name,
    collections,
    keysOf(event: RecordedEvent): readonly DocKey[] {
      const streamId = event.streamId;
      const dash = streamId.indexOf('-');
      if (dash <= 0) return NONE;
      const entry = byCategory.get(streamId.slice(0, dash));
      if (entry === undefined || !entry.types.has(event.type) || dash === streamId.length - 1) return NONE;
      return [{ collection: entry.model.spec.name, id: streamId.slice(dash + 1) }];
    },
    evolve(doc: Doc | null, event: RecordedEvent, key: DocKey): Doc | null {
      const entry = byCollection.get(key.collection);
      if (entry === undefined) return doc;
      const previous = doc as unknown as CaseDocBase<unknown> | null;
      if (previous !== null && event.revision <= previous.revision) return doc;
      const { model } = entry;
      const state = model.evolve(previous === null ? model.initialState() : previous.state, { type: event.type, data: event.data });
      if (!model.exists(state)) return previous === null ? null : doc;
      return model.document({ id: key.id, revision: event.revision, position: event.position.toString(), state }, event, previous) as unknown as Doc;
    },
  };
};
