/**
 * A small projection of the projection-runner tests (not a real read model): one document per stream
 * and one per stream category, counting events. Counting is not idempotent and the digest depends on
 * the order, so an event applied twice, skipped, or applied out of order shows in the documents.
 * Also the module the rebuild worker loads in tests (`projections` export).
 */
import { randomUUID } from 'node:crypto';
import { categoryOf, type EventStore, type NewEvent, type RecordedEvent } from '../../application/ports/event-store';
import type { Page, ReadStore } from '../../application/ports/read-store';
import type { Doc, DocKey, ProjectionDefinition } from '../../projections/definition';

export const STREAM_COUNTS = 'streamCounts';
export const CATEGORY_COUNTS = 'categoryCounts';

/** Order-sensitive digest of the positions folded into a document. */
const digest = (previous: number, position: bigint): number => (previous * 31 + Number(position % 1_000_003n)) % 2_147_483_647;

/** A counting projection with its own name and collections (`<prefix>Streams`-like names given). */
export const counterProjection = (name: string, streamsCollection: string, categoriesCollection: string): ProjectionDefinition => ({
  name,
  collections: [
    { name: streamsCollection, projection: name, fields: { category: 'string', count: 'number' } },
    { name: categoriesCollection, projection: name, fields: { count: 'number' } },
  ],
  keysOf: (event: RecordedEvent): readonly DocKey[] => [
    { collection: streamsCollection, id: event.streamId },
    { collection: categoriesCollection, id: categoryOf(event.streamId) },
  ],
  evolve: (doc: Doc | null, event: RecordedEvent, key: DocKey): Doc | null => {
    const n = typeof (event.data as { n?: unknown }).n === 'number' ? (event.data as { n: number }).n : 0;
    if (key.collection === streamsCollection) {
      // A closed stream's document is deleted; a later event opens a fresh one.
      if (event.type === 'StreamClosed') return null;
      return {
        streamId: event.streamId,
        category: categoryOf(event.streamId),
        count: ((doc?.count as number | undefined) ?? 0) + 1,
        sum: ((doc?.sum as number | undefined) ?? 0) + n,
        digest: digest((doc?.digest as number | undefined) ?? 0, event.position),
        lastPosition: event.position.toString(),
      };
    }
    return {
      category: key.id,
      count: ((doc?.count as number | undefined) ?? 0) + 1,
      digest: digest((doc?.digest as number | undefined) ?? 0, event.position),
    };
  },
});

export const streamCounter = counterProjection('stream-counter', STREAM_COUNTS, CATEGORY_COUNTS);

/** Three projections for the lease tests (several workers share them out). */
export const leaseTestProjections: readonly ProjectionDefinition[] = ['alpha', 'beta', 'gamma'].map((n) => counterProjection(n, `${n}Streams`, `${n}Categories`));

/** For the rebuild worker: the module's projections. */
export const projections: readonly ProjectionDefinition[] = [streamCounter];

const envelope = () => {
  const id = randomUUID();
  return {
    eventId: id,
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { id: 'projection-test', role: 'system' as const, assurance: 'system' as const, channel: 'system' as const },
    occurredAt: '2026-11-25T10:00:00.000Z',
    recordedAt: '2026-11-25T10:00:00.000Z',
    schemaVersion: 1,
  };
};

const CATEGORIES = ['fee', 'act', 'complaint', 'application'];

/** A deterministic sequence of appends over `streams` streams; every 7th append of a stream closes it. */
export const appendEvents = async (
  store: EventStore,
  count: number,
  options: { streams?: number; perAppend?: number; seed?: number; concurrency?: number } = {},
): Promise<bigint | null> => {
  const streams = options.streams ?? 50;
  const perAppend = options.perAppend ?? 5;
  let seed = options.seed ?? 1;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const appendsPerStream = new Map<string, number>();
  const appends: Array<{ streamId: string; events: NewEvent[] }> = [];
  let made = 0;
  while (made < count) {
    const s = Math.floor(random() * streams);
    const streamId = `${CATEGORIES[s % CATEGORIES.length]}-s${s}`;
    const k = Math.min(perAppend, count - made);
    const nth = (appendsPerStream.get(streamId) ?? 0) + 1;
    appendsPerStream.set(streamId, nth);
    const events: NewEvent[] = Array.from({ length: k }, (_, i) => ({
      type: nth % 7 === 0 && i === k - 1 ? 'StreamClosed' : 'Counted',
      data: { n: Math.floor(random() * 1000), text: 'Գյումրի' },
      metadata: envelope(),
    }));
    appends.push({ streamId, events });
    made += k;
  }
  const concurrency = options.concurrency ?? 32;
  let next = 0;
  let last: bigint | null = null;
  const worker = async (): Promise<void> => {
    while (next < appends.length) {
      const a = appends[next++];
      const r = await store.append(a.streamId, a.events, { expectedRevision: 'any' });
      if (last === null || r.lastPosition > last) last = r.lastPosition;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return last;
};

/** Every document of a collection (active generation), by id. */
export const allDocs = async (store: ReadStore, collection: string): Promise<Map<string, Doc>> => {
  const out = new Map<string, Doc>();
  let after: string | undefined;
  for (;;) {
    const page: Page<Doc> = await store.find<Doc>(collection, { limit: 1000, after });
    for (const doc of page.items) out.set(String(doc.streamId ?? doc.category), doc);
    if (!page.hasNextPage || page.endCursor === null) return out;
    after = page.endCursor;
  }
};

/** The stored documents of every collection of the projection, to compare with projectInMemory. */
export const storedDocs = async (store: ReadStore, projection: ProjectionDefinition = streamCounter): Promise<Map<string, Map<string, Doc>>> => {
  const out = new Map<string, Map<string, Doc>>();
  for (const spec of projection.collections) out.set(spec.name, await allDocs(store, spec.name));
  return out;
};

/** Maps → plain objects sorted by key, for readable jest diffs. */
export const plain = (docs: Map<string, Map<string, Doc>>): Record<string, Record<string, Doc>> =>
  Object.fromEntries([...docs].map(([c, m]) => [c, Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))]));
