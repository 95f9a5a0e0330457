/**
 * Where the stores are, as plain data (file paths and URLs) that can cross to a worker thread or a child
 * process, which then opens its own connections.
 */
import path from 'node:path';
import type { EventStore } from '../../application/ports/event-store';
import type { ReadStore } from '../../application/ports/read-store';
import { connectEventStoreDb } from '../eventstoredb/eventstoredb-event-store';
import { connectMongoReadStore } from '../mongodb/mongo-read-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { SqliteReadStore } from '../sqlite/sqlite-read-store';

export type EventStoreLocation = { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'eventstoredb'; readonly url: string };
export type ReadStoreLocation =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'mongodb'; readonly url: string; readonly dbName?: string };

export interface StoreLocations {
  readonly eventStore: EventStoreLocation;
  readonly readStore: ReadStoreLocation;
}

/**
 * The locations the configuration names: EventStoreDB / MongoDB when their URL is set, otherwise the
 * SQLite files in the data folder (`events.sqlite`, `read.sqlite` unless told otherwise).
 */
export const storeLocations = (config: {
  readonly dataDir: string;
  readonly eventStoreUrl?: string;
  readonly mongoDbUrl?: string;
  readonly eventsFile?: string;
  readonly readFile?: string;
}): StoreLocations => ({
  eventStore: config.eventStoreUrl
    ? { kind: 'eventstoredb', url: config.eventStoreUrl }
    : { kind: 'sqlite', file: path.resolve(config.dataDir, config.eventsFile ?? 'events.sqlite') },
  readStore: config.mongoDbUrl ? { kind: 'mongodb', url: config.mongoDbUrl } : { kind: 'sqlite', file: path.resolve(config.dataDir, config.readFile ?? 'read.sqlite') },
});

/** Opens both stores; if the second fails, the first is closed again. */
export const openStores = async (locations: StoreLocations): Promise<{ eventStore: EventStore; readStore: ReadStore }> => {
  const e = locations.eventStore;
  const eventStore: EventStore = e.kind === 'sqlite' ? new SqliteEventStore(e.file) : await connectEventStoreDb(e.url);
  try {
    const r = locations.readStore;
    const readStore: ReadStore = r.kind === 'sqlite' ? new SqliteReadStore(r.file) : await connectMongoReadStore(r.url, r.dbName);
    return { eventStore, readStore };
  } catch (error) {
    await eventStore.close().catch(() => undefined);
    throw error;
  }
};
