/** The session store on the embedded stores: DATA_DIR/sessions.sqlite, two connections as two API processes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteSessionStore } from '../../infrastructure/sqlite/sqlite-session-store';
import { sessionStoreContract, type SessionStoreFixture } from './session-store.contract';

interface SqliteFixture extends SessionStoreFixture {
  readonly dir: string;
}

sessionStoreContract<SqliteFixture>(
  'embedded SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-sessions-'));
    const file = path.join(dir, 'sessions.sqlite');
    return { dir, store: new SqliteSessionStore(file), other: new SqliteSessionStore(file) };
  },
  async (f) => {
    await f.store.close();
    await f.other.close();
    fs.rmSync(f.dir, { recursive: true, force: true });
  },
);
