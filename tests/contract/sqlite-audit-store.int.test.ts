/** The AuditStore contract on the embedded store: each test gets a fresh `audit.sqlite`, each connection its own handle. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteAuditStore } from '../../infrastructure/audit/sqlite-audit-store';
import { auditStoreContract, type AuditStoreFixture } from './audit-store.contract';

interface SqliteFixture extends AuditStoreFixture {
  dir: string;
}

auditStoreContract<SqliteFixture>(
  'embedded SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-audit-store-'));
    return { dir, connect: async () => new SqliteAuditStore(path.join(dir, 'audit.sqlite')) };
  },
  async (f) => fs.rmSync(f.dir, { recursive: true, force: true }),
);
