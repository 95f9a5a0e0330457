/** Wiring: picks the adapters the configuration names and hands them to the application. */
import path from 'node:path';
import type { EventStore } from '../application/ports/event-store';
import { connectEventStoreDb } from '../infrastructure/eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from '../infrastructure/sqlite/sqlite-event-store';
import type { KeyConfig } from '../infrastructure/auth/jwt';
import { ensureDataDir, type Config } from './config';

export const EVENTS_FILE = 'events.sqlite';

export const openEventStore = async (config: Pick<Config, 'dataDir' | 'eventStoreUrl'>): Promise<EventStore> => {
  if (config.eventStoreUrl) return connectEventStoreDb(config.eventStoreUrl);
  ensureDataDir(config.dataDir);
  return new SqliteEventStore(path.join(config.dataDir, EVENTS_FILE));
};

/** Where the bearer-token keys come from: JWT_SECRET (HS256), JWT_PRIVATE_KEY_FILE/JWT_PUBLIC_KEY_FILE, or DATA_DIR/keys. */
export const tokenKeyConfig = (config: Pick<Config, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): KeyConfig => ({
  dataDir: config.dataDir,
  secret: env.JWT_SECRET || undefined,
  privateKeyFile: env.JWT_PRIVATE_KEY_FILE || undefined,
  publicKeyFile: env.JWT_PUBLIC_KEY_FILE || undefined,
});
