import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GenerationSuperseded } from '../../application/ports/read-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { uniqueId } from '../support/events';
import { projectionLeasesContract } from './projection-leases.contract';
import { projectionStoreContract } from './projection-store.contract';
import { readModelReaderContract } from './read-model-reader.contract';
import type { ReadStoreFixture } from './read-store.support';

const dirs: string[] = [];
const freshFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-rs-'));
  dirs.push(dir);
  return path.join(dir, 'read.sqlite');
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const setup = async (): Promise<ReadStoreFixture> => ({ store: new SqliteReadStore(freshFile()), replayIsNoOp: false });
const teardown = (f: ReadStoreFixture): Promise<void> => f.store.close();
readModelReaderContract('embedded SQLite', setup, teardown);
projectionStoreContract('embedded SQLite', setup, teardown);
projectionLeasesContract('embedded SQLite', async () => {
  // Two connections to one file on one test clock, as two projector processes on this machine.
  let now = 1_700_000_000_000;
  const file = freshFile();
  const one = new SqliteReadStore(file, { now: () => now });
  const two = new SqliteReadStore(file, { now: () => now });
  return {
    workers: [one, two],
    ttlMs: 1200,
    advance: async (ms) => {
      now += ms;
    },
    close: async () => {
      await Promise.all([one.close(), two.close()]);
    },
  };
});

describe('SqliteReadStore specifics', () => {
  let file: string;
  const open: SqliteReadStore[] = [];
  const store = (): SqliteReadStore => {
    const s = new SqliteReadStore(file);
    open.push(s);
    return s;
  };
  beforeEach(() => {
    file = freshFile();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  const tables = (): string[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    } finally {
      db.close();
    }
  };

  it('gives each declared field an indexed column and drops the old generation’s tables on activation', async () => {
    const s = store();
    await s.defineCollection({ name: 'fees', projection: 'dashboard', fields: { status: 'string', amount: 'number', overdue: 'boolean' } });
    await s.applyBatch('dashboard', 0, [{ collection: 'fees', id: 'f1', doc: { status: 'open', amount: 5000, overdue: true } }], 1n);
    const db = new Database(file, { readonly: true });
    try {
      const indexes = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'fees__g0' AND sql IS NOT NULL").all();
      expect(indexes.map((i) => i.sql).sort()).toEqual([
        'CREATE INDEX "fees__g0__f_amount" ON "fees__g0" ("f_amount", id)',
        'CREATE INDEX "fees__g0__f_overdue" ON "fees__g0" ("f_overdue", id)',
        'CREATE INDEX "fees__g0__f_status" ON "fees__g0" ("f_status", id)',
      ]);
      expect(db.prepare('SELECT id, f_status, f_amount, f_overdue FROM fees__g0').all()).toEqual([{ id: 'f1', f_status: 'open', f_amount: 5000, f_overdue: 1 }]);
      const plan = db
        .prepare<[], { detail: string }>('EXPLAIN QUERY PLAN SELECT id, doc FROM "fees__g0" WHERE "f_status" = \'open\' ORDER BY "f_amount" DESC, id DESC')
        .all()
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toMatch(/USING INDEX/);
    } finally {
      db.close();
    }
    const g = await s.startGeneration('dashboard');
    expect(tables()).toEqual(expect.arrayContaining(['fees__g0', `fees__g${g}`]));
    await s.activateGeneration('dashboard', g);
    expect(tables()).toContain(`fees__g${g}`);
    expect(tables()).not.toContain('fees__g0');
  });

  it('a new declared field on an existing collection gets its column, filled from the stored documents', async () => {
    const s = store();
    await s.defineCollection({ name: 'acts', projection: 'site', fields: { status: 'string' } });
    await s.applyBatch(
      'site',
      0,
      [
        { collection: 'acts', id: 'a1', doc: { status: 'adopted', number: 7, published: true } },
        { collection: 'acts', id: 'a2', doc: { status: 'draft', number: 3, published: false } },
      ],
      2n,
    );
    await s.defineCollection({ name: 'acts', projection: 'site', fields: { status: 'string', number: 'number', published: 'boolean' } });
    expect((await s.find('acts', { filter: { published: true } })).items).toEqual([{ status: 'adopted', number: 7, published: true }]);
    expect((await s.find<{ number: number }>('acts', { sort: [['number', 'asc']] })).items.map((d) => d.number)).toEqual([3, 7]);
  });

  it('another connection to the same file knows the collections, sees activation at once, and is refused a superseded write', async () => {
    const server = store();
    await server.defineCollection({ name: 'applications', projection: 'staff', fields: { status: 'string' } });
    await server.applyBatch('staff', 0, [{ collection: 'applications', id: 'x', doc: { status: 'old' } }], 1n);
    const worker = store(); // never calls defineCollection
    expect(await worker.get('applications', 'x')).toEqual({ status: 'old' });
    const g = await worker.startGeneration('staff');
    await worker.applyBatch('staff', g, [{ collection: 'applications', id: 'x', doc: { status: 'new' } }], 9n);
    expect(await server.get('applications', 'x')).toEqual({ status: 'old' });
    await worker.activateGeneration('staff', g);
    expect(await server.activeGeneration('staff')).toBe(g);
    expect(await server.get('applications', 'x')).toEqual({ status: 'new' });
    await expect(server.applyBatch('staff', 0, [{ collection: 'applications', id: 'y', doc: { status: 'late' } }], 2n)).rejects.toBeInstanceOf(
      GenerationSuperseded,
    );
    expect(await server.count('applications')).toBe(1);
  });

  it('while another process rebuilds and switches, every query sees the old generation or the new one, never a mix', async () => {
    const s = store();
    const projection = 'report';
    await s.defineCollection({ name: 'rows', projection, fields: { gen: 'string' } });
    await s.applyBatch(projection, 0, Array.from({ length: 100 }, (_, i) => ({ collection: 'rows', id: `r${i}`, doc: { gen: 'old' } })), 100n);
    const script = `
      const { SqliteReadStore } = require('./infrastructure/sqlite/sqlite-read-store.ts');
      (async () => {
        const s = new SqliteReadStore(${JSON.stringify(file)});
        const g = await s.startGeneration('report');
        for (let b = 0; b < 40; b++) {
          const changes = Array.from({ length: 250 }, (_, i) => ({ collection: 'rows', id: 'r' + (b * 250 + i), doc: { gen: 'new' } }));
          await s.applyBatch('report', g, changes, BigInt((b + 1) * 250));
          await new Promise((r) => setTimeout(r, 2));
        }
        await s.activateGeneration('report', g);
        await s.close();
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const root = path.resolve(__dirname, '../..');
    const child = spawn(process.execPath, ['-r', './tests/support/ts-register.js', '-e', script], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let done = false;
    void exited.then(() => (done = true));
    const seen = new Set<string>();
    while (!done) {
      expect([100, 10000]).toContain(await s.count('rows'));
      // One query is one snapshot: its count and its items come from the same generation.
      const page = await s.find<{ gen: string }>('rows', { limit: 5 });
      const gen = page.totalCount === 100 ? 'old' : page.totalCount === 10000 ? 'new' : `partial ${page.totalCount}`;
      expect([gen, page.items.map((d) => d.gen)]).toEqual([expect.stringMatching(/^(old|new)$/), Array(5).fill(gen)]);
      seen.add(gen);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect([await exited, stderr]).toEqual([0, '']);
    expect(seen.has('old')).toBe(true);
    expect(await s.count('rows')).toBe(10000);
    expect(await s.count('rows', { gen: 'new' })).toBe(10000);
  });

  it('applies large batches quickly (prepared statements, no schema work per row)', async () => {
    const s = store();
    await s.defineCollection({ name: 'events_by_type', projection: 'bench', fields: { type: 'string', n: 'number', even: 'boolean' } });
    const total = 100_000;
    const batch = 5_000;
    const started = process.hrtime.bigint();
    for (let from = 0; from < total; from += batch) {
      const changes = Array.from({ length: batch }, (_, i) => {
        const n = from + i;
        return { collection: 'events_by_type', id: `e${n % 40_000}`, doc: { type: `T${n % 17}`, n, even: n % 2 === 0, text: 'Գյումրի' } };
      });
      await s.applyBatch('bench', 0, changes, BigInt(from + batch));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = Math.round(total / seconds);
    console.log(`SqliteReadStore.applyBatch: ${total} changes in ${seconds.toFixed(2)} s = ${rate} changes/s`);
    expect(await s.count('events_by_type')).toBe(40_000);
    expect(await s.getCheckpoint('bench', 0)).toBe(BigInt(total));
  });

  it('refuses use after close', async () => {
    const s = store();
    await s.close();
    await expect(s.activeGeneration(uniqueId('p'))).rejects.toThrow(/closed/);
  });
});
