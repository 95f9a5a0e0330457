/**
 * `audit verify` on DATA_DIRs written through the real SqliteEventStore and audit log, then tampered
 * with raw SQL the way someone holding the disk could: each change is found, at the right position,
 * whichever way the log is read (in this thread, in worker threads, through the EventStore port).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { openAuditLog, AUDIT_FILE } from '../../infrastructure/audit/audit-log';
import { describeVerifySummary, verifyLog, EVENTS_FILE, type VerifyLogOptions, type VerifySummary } from '../../infrastructure/audit/verify-log';
import { newEvent } from '../support/events';

const EVENTS = 40;
const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

interface Fixture {
  readonly dataDir: string;
  readonly verifierKey: string;
  /** Checkpoints an auditor kept along the way (size → note). */
  readonly kept: Map<number, string>;
}

/** Writes `count` events (Armenian text, several streams) through the real stores; heads every 10 events. */
const writeLog = async (dataDir: string, count = EVENTS, from = 0): Promise<Fixture> => {
  const store = new SqliteEventStore(path.join(dataDir, EVENTS_FILE));
  const audit = await openAuditLog({ dataDir, eventStore: store, signEvery: 10, idleMs: 60_000, signIntervalMs: 3_600_000 });
  const kept = new Map<number, string>();
  try {
    for (let i = from; i < from + count; i++) {
      const stream = ['fee-f1', 'application-a1', 'act-x9', 'complaint-c7'][i % 4];
      // Event 12 has a `metadata` key in its data: its stored bytes contain `,"metadata":` (see the splice test).
      const data = { i, text: `Գյումրու համայնք № ${i}`, amountAmd: i * 100, ...(i === 11 ? { metadata: { note: 'Նշում' } } : {}) };
      await store.append(stream, [newEvent('SomethingHappened', data)], { expectedRevision: 'any' });
      if ((i + 1) % 20 === 0) {
        const head = await audit.service.auditTreeHead();
        kept.set(head.treeSize, head.checkpoint);
      }
    }
    await audit.projection.catchUp();
    return { dataDir, verifierKey: (await audit.service.auditPublicKey()).verifierKey, kept };
  } finally {
    await audit.close();
    await store.close();
  }
};

let pristine: Fixture;
beforeAll(async () => {
  pristine = await writeLog(tmp('hamaynk-verify-src-'));
});

/** A copy of the pristine DATA_DIR to tamper with. */
const copy = (): Fixture => {
  const dataDir = tmp('hamaynk-verify-');
  fs.cpSync(pristine.dataDir, dataDir, { recursive: true });
  return { ...pristine, dataDir };
};

const sql = (dataDir: string, file: string, fn: (db: Database.Database) => void) => {
  const db = new Database(path.join(dataDir, file));
  try {
    fn(db);
  } finally {
    db.close();
  }
};

type Mode = 'this thread' | 'worker threads' | 'EventStore port';
const MODES: Mode[] = ['this thread', 'worker threads', 'EventStore port'];

const verify = async (f: Fixture, mode: Mode, extra: Partial<VerifyLogOptions> = {}): Promise<VerifySummary> => {
  const options: VerifyLogOptions = { dataDir: f.dataDir, keys: [f.verifierKey], ...extra };
  if (mode === 'this thread') return verifyLog({ ...options, workers: 0 });
  if (mode === 'worker threads') return verifyLog({ ...options, workers: 2, chunkSize: 4 });
  const store = new SqliteEventStore(path.join(f.dataDir, EVENTS_FILE));
  try {
    return await verifyLog({ ...options, eventStore: store });
  } finally {
    await store.close();
  }
};

const fileHash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe.each(MODES)('audit verify, reading %s', (mode) => {
  test('an untouched log verifies: every head, every leaf, consecutive heads consistent', async () => {
    const f = copy();
    const summary = await verify(f, mode);
    expect(summary).toMatchObject({ ok: true, events: EVENTS, treeSize: EVENTS, keySource: 'given' });
    expect(summary.heads).toBeGreaterThanOrEqual(5);
    expect(summary.firstBadPosition).toBeUndefined();
    expect(describeVerifySummary(summary)).toMatch(new RegExp(`^audit verify: OK — 40 events, ${summary.heads} signed heads, root ${summary.rootHash}`));
    const latest = new Database(path.join(f.dataDir, AUDIT_FILE), { readonly: true });
    expect(summary.rootHash).toBe((latest.prepare('SELECT hex(root) AS r FROM heads ORDER BY tree_size DESC LIMIT 1').get() as { r: string }).r.toLowerCase());
    latest.close();
  });

  test('one byte changed in one event is found at its position', async () => {
    const f = copy();
    sql(f.dataDir, EVENTS_FILE, (db) => {
      const data = db.prepare('SELECT data FROM events WHERE position = 17').pluck().get() as Buffer;
      const changed = Buffer.from(data.toString('utf8').replace('№ 16', '№ 61'), 'utf8');
      expect(changed.equals(data)).toBe(false);
      db.prepare('UPDATE events SET data = ? WHERE position = 17').run(changed);
    });
    const summary = await verify(f, mode);
    expect(summary).toMatchObject({ ok: false, firstBadPosition: '17' });
    expect(summary.reason).toContain('position 17');
    expect(describeVerifySummary(summary)).toMatch(/^audit verify: FAILED at position 17: the event at position 17 differs/);
  });

  test('a deleted event is found at its position', async () => {
    const f = copy();
    sql(f.dataDir, EVENTS_FILE, (db) => db.prepare('DELETE FROM events WHERE position = 23').run());
    const summary = await verify(f, mode);
    expect(summary).toMatchObject({ ok: false, firstBadPosition: '23', events: EVENTS - 1 });
  });

  test('two swapped events are found at the first of them', async () => {
    const f = copy();
    sql(f.dataDir, EVENTS_FILE, (db) =>
      db.transaction(() => {
        db.prepare('UPDATE events SET position = -1 WHERE position = 8').run();
        db.prepare('UPDATE events SET position = 8 WHERE position = 30').run();
        db.prepare('UPDATE events SET position = 30 WHERE position = -1').run();
      })(),
    );
    const summary = await verify(f, mode);
    expect(summary).toMatchObject({ ok: false, firstBadPosition: '8' });
  });

  test('events cut from the end of the log are found at the first one missing', async () => {
    const f = copy();
    sql(f.dataDir, EVENTS_FILE, (db) => db.prepare('DELETE FROM events WHERE position > 37').run());
    const summary = await verify(f, mode);
    expect(summary).toMatchObject({ ok: false, firstBadPosition: '38', events: 37 });
  });

  test('a forged signature on a stored head is refused', async () => {
    const f = copy();
    sql(f.dataDir, AUDIT_FILE, (db) => {
      const note = db.prepare('SELECT checkpoint FROM heads WHERE tree_size = 20').pluck().get() as string;
      const [text, sig] = note.split('\n\n');
      const blob = Buffer.from(sig.trim().split(' ')[2], 'base64');
      blob[10] ^= 1;
      db.prepare('UPDATE heads SET checkpoint = ? WHERE tree_size = 20').run(`${text}\n\n— ${sig.split(' ')[1]} ${blob.toString('base64')}\n`);
    });
    const summary = await verify(f, mode);
    expect(summary.ok).toBe(false);
    expect(summary.reason).toMatch(/size 20 does not verify/);
  });
});

describe('stored bytes that are not JSON', () => {
  test.each([0, 2])('a splice that keeps the leaf bytes but breaks the JSON is found (workers: %i)', async (workers) => {
    const f = copy();
    sql(f.dataDir, EVENTS_FILE, (db) => {
      const row = db.prepare('SELECT data, metadata FROM events WHERE position = 12').get() as { data: Buffer; metadata: Buffer };
      const data = row.data.toString('utf8');
      const cut = data.indexOf(',"metadata":');
      expect(cut).toBeGreaterThan(0);
      // data' ‖ ,"metadata": ‖ metadata' is byte for byte data ‖ ,"metadata": ‖ metadata: the same leaf, two non-JSON columns.
      const spliced = { data: data.slice(0, cut), metadata: `${data.slice(cut + ',"metadata":'.length)},"metadata":${row.metadata.toString('utf8')}` };
      expect(`${spliced.data},"metadata":${spliced.metadata}`).toBe(`${data},"metadata":${row.metadata.toString('utf8')}`);
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = 12').run(Buffer.from(spliced.data), Buffer.from(spliced.metadata));
    });
    const summary = await verifyLog({ dataDir: f.dataDir, keys: [f.verifierKey], workers, chunkSize: 4 });
    expect(summary).toMatchObject({ ok: false, firstBadPosition: '12' });
    expect(summary.reason).toContain('not JSON');
  });
});

describe('checkpoints an auditor kept', () => {
  test('an honest log extends every checkpoint kept earlier', async () => {
    const f = copy();
    for (const [size, note] of f.kept) {
      const file = path.join(tmp('hamaynk-cp-'), 'checkpoint.txt');
      fs.writeFileSync(file, note);
      const summary = await verifyLog({ dataDir: f.dataDir, keys: [f.verifierKey], checkpointFile: file });
      expect(summary).toMatchObject({ ok: true, checkpoint: { treeSize: size, ok: true } });
    }
  });

  test('a log rewritten and re-signed with the key on the disk passes alone, and is caught only with --checkpoint', async () => {
    const f = copy();
    const kept = f.kept.get(20) as string;
    // Whoever holds the disk (and, in development, the key in DATA_DIR/keys) rewrites event 5 and rebuilds the audit log.
    sql(f.dataDir, EVENTS_FILE, (db) => {
      const data = db.prepare('SELECT data FROM events WHERE position = 5').pluck().get() as Buffer;
      db.prepare('UPDATE events SET data = ? WHERE position = 5').run(Buffer.from(data.toString('utf8').replace('"amountAmd":400', '"amountAmd":4'), 'utf8'));
    });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(f.dataDir, AUDIT_FILE + suffix), { force: true });
    const store = new SqliteEventStore(path.join(f.dataDir, EVENTS_FILE));
    const audit = await openAuditLog({ dataDir: f.dataDir, eventStore: store, signEvery: 10, idleMs: 60_000 });
    await audit.projection.catchUp();
    expect((await audit.service.auditPublicKey()).verifierKey).toBe(f.verifierKey);
    await audit.close();
    await store.close();

    expect(await verifyLog({ dataDir: f.dataDir, keys: [f.verifierKey], workers: 0 })).toMatchObject({ ok: true });
    const summary = await verifyLog({ dataDir: f.dataDir, keys: [f.verifierKey], checkpoint: kept, workers: 0 });
    expect(summary).toMatchObject({ ok: false, checkpoint: { treeSize: 20, ok: false } });
    expect(summary.reason).toContain('does not extend the checkpoint of size 20');
  });

  test('a checkpoint signed by another key, or altered, is refused', async () => {
    const other = await writeLog(tmp('hamaynk-other-'), 20);
    const f = copy();
    const foreign = await verifyLog({ dataDir: f.dataDir, keys: [f.verifierKey], checkpoint: other.kept.get(20) as string, workers: 0 });
    expect(foreign.ok).toBe(false);
    expect(foreign.reason).toMatch(/checkpoint does not verify/);
    const altered = (f.kept.get(20) as string).replace('\n20\n', '\n21\n');
    expect((await verifyLog({ dataDir: f.dataDir, keys: [f.verifierKey], checkpoint: altered, workers: 0 })).reason).toMatch(/checkpoint does not verify/);
  });

  test('a checkpoint larger than the log means events were removed', async () => {
    const f = copy();
    sql(f.dataDir, EVENTS_FILE, (db) => db.prepare('DELETE FROM events WHERE position > 35').run());
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(f.dataDir, AUDIT_FILE + suffix), { force: true });
    const summary = await verifyLog({ dataDir: f.dataDir, keys: [f.verifierKey], checkpoint: f.kept.get(40) as string, workers: 0 });
    expect(summary).toMatchObject({ ok: false, firstBadPosition: '36' });
  });
});

describe('offline use', () => {
  test('verification writes nothing to the data files and needs no key when DATA_DIR recorded one', async () => {
    const f = copy();
    const files = [EVENTS_FILE, AUDIT_FILE].map((n) => path.join(f.dataDir, n));
    const before = files.map(fileHash);
    const summary = await verifyLog({ dataDir: f.dataDir, workers: 2, chunkSize: 8 });
    expect(summary).toMatchObject({ ok: true, keySource: 'data-dir', events: EVENTS });
    expect(files.map(fileHash)).toEqual(before);
  });

  test('the key may be given as the PEM key file; an empty log verifies; a missing log is an error', async () => {
    const f = copy();
    const keyFile = path.join(f.dataDir, 'keys', 'audit-ed25519.pem');
    expect(await verifyLog({ dataDir: f.dataDir, keys: [keyFile] })).toMatchObject({ ok: true, keySource: 'given' });
    const other = path.join(tmp('hamaynk-otherkey-'), 'k.pem');
    fs.writeFileSync(other, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const wrongKey = await verifyLog({ dataDir: f.dataDir, keys: [other] });
    expect(wrongKey.ok).toBe(false);
    expect(wrongKey.reason).toMatch(/not signed by a known key/);

    const empty = tmp('hamaynk-empty-');
    await new SqliteEventStore(path.join(empty, EVENTS_FILE)).close();
    expect(await verifyLog({ dataDir: empty })).toMatchObject({ ok: true, events: 0, treeSize: 0, heads: 0, keySource: 'none', rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    await expect(verifyLog({ dataDir: tmp('hamaynk-nothing-') })).rejects.toThrow('events.sqlite does not exist');
  });

  test('a log that grows past several chunks gives the same verdict and root in every mode', async () => {
    const dataDir = tmp('hamaynk-verify-big-');
    const f = await writeLog(dataDir, 150);
    const results = await Promise.all([
      verifyLog({ dataDir, keys: [f.verifierKey], workers: 0, chunkSize: 16 }),
      verifyLog({ dataDir, keys: [f.verifierKey], workers: 3, chunkSize: 8 }),
      verify(f, 'EventStore port'),
    ]);
    expect(new Set(results.map((r) => r.rootHash)).size).toBe(1);
    expect(results.every((r) => r.ok && r.treeSize === 150)).toBe(true);
  });
});
