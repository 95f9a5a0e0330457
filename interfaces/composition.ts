/** Wiring: picks the adapters the configuration names and hands them to the application. */
import path from 'node:path';
import type { EventStore } from '../application/ports/event-store';
import { connectEventStoreDb } from '../infrastructure/eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from '../infrastructure/sqlite/sqlite-event-store';
import { ensureDataDir, type Config } from './config';

export const EVENTS_FILE = 'events.sqlite';

export const openEventStore = async (config: Pick<Config, 'dataDir' | 'eventStoreUrl'>): Promise<EventStore> => {
  if (config.eventStoreUrl) return connectEventStoreDb(config.eventStoreUrl);
  ensureDataDir(config.dataDir);
  return new SqliteEventStore(path.join(config.dataDir, EVENTS_FILE));
};
