/** The integration state on the embedded stores: DATA_DIR/integrations.sqlite, two connections as two processes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteIntegrationState } from '../../infrastructure/sqlite/sqlite-integration-state';
import { integrationStateContract, type IntegrationStateFixture } from './integration-state.contract';

interface SqliteFixture extends IntegrationStateFixture {
  readonly dir: string;
}

integrationStateContract<SqliteFixture>(
  'embedded SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-integrations-'));
    const file = path.join(dir, 'integrations.sqlite');
    return { dir, store: new SqliteIntegrationState(file), other: new SqliteIntegrationState(file) };
  },
  async (f) => {
    await f.store.close();
    await f.other.close();
    fs.rmSync(f.dir, { recursive: true, force: true });
  },
);
