import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';

const dirs: string[] = [];
eventStoreContract(
  'embedded SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-es-'));
    dirs.push(dir);
    return { store: new SqliteEventStore(path.join(dir, 'events.sqlite')), gapFreePositions: true };
  },
  async (f) => f.store.close(),
);
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

eventStoreContract(
  'embedded SQLite, commits on a writer thread',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-es-writer-'));
    dirs.push(dir);
    return { store: new SqliteEventStore(path.join(dir, 'events.sqlite'), { writerThread: true }), gapFreePositions: true };
  },
  async (f) => f.store.close(),
);
