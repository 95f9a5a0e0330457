import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteCheckpointStore', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-'));
    file = path.join(dir, 'events.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has no checkpoint for a new consumer, then keeps the last one set, across reopening', async () => {
    const store = new SqliteCheckpointStore(file);
    expect(await store.get('pm')).toBeNull();
    await store.set('pm', 5n);
    await store.set('pm', 9n);
    await store.set('other', 1n);
    await store.close();
    const reopened = new SqliteCheckpointStore(file);
    expect(await reopened.get('pm')).toBe(9n);
    expect(await reopened.get('other')).toBe(1n);
    await reopened.close();
  });

  it('keeps positions beyond 2^53 exactly (EventStoreDB commit positions)', async () => {
    const store = new SqliteCheckpointStore(file);
    const big = 18_446_744_073_709_551_000n;
    await store.set('esdb', big);
    expect(await store.get('esdb')).toBe(big);
    await store.close();
  });

  it('shares the event log’s file, in WAL mode with synchronous FULL, next to a live event store', async () => {
    const events = new SqliteEventStore(file);
    const store = new SqliteCheckpointStore(file);
    await store.set('pm', 3n);
    const db = new Database(file, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['events', 'checkpoints']));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    expect((store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    await store.close();
    await events.close();
  });

  it('refuses a negative position and use after close', async () => {
    const store = new SqliteCheckpointStore(file);
    await expect(store.set('pm', -1n)).rejects.toThrow(/non-negative/);
    await store.close();
    await expect(store.get('pm')).rejects.toThrow(/closed/);
  });
});
