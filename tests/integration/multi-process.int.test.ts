/** Other processes on the same file: their appends reach this process's subscriptions; concurrent writers never tear or gap the log. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const appendFromChild = (dir: string, name: string, count: number) =>
  run(process.execPath, ['-r', path.join(root, 'tests/support/ts-register.js'), path.join(root, 'tests/fixtures/append-n.ts'), dir, name, String(count)]);

describe('several processes on one SQLite event log', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-mp-'));
    store = new SqliteEventStore(path.join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a live subscription sees the appends another process makes, in order, once each', async () => {
    const seen = firstValueFrom(
      store.subscribe().pipe(
        filter((e) => e.type === 'ProcessAppended'),
        take(120),
        toArray(),
      ),
    );
    await appendFromChild(dir, 'seed', 120);
    const events = await seen;
    expect(events.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });

  it('two processes writing at once leave a gap-free log with every event whole', async () => {
    await Promise.all([appendFromChild(dir, 'left', 150), appendFromChild(dir, 'right', 150), appendFromChild(dir, 'third', 100)]);
    const events = await store.readAll();
    expect(events).toHaveLength(400);
    events.forEach((e, i) => expect(e.position).toBe(BigInt(i + 1)));
    for (const writer of ['left', 'right', 'third']) {
      const mine = events.filter((e) => (e.data as { writer: string }).writer === writer).map((e) => (e.data as { i: number }).i);
      expect(mine).toEqual([...mine].sort((a, b) => a - b));
    }
  });
});
