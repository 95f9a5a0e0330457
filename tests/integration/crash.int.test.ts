/**
 * kill -9 of a process in the middle of a stream of appends leaves a log whose every event is whole,
 * whose positions have no gap, in which no multi-event append is torn, and which holds every
 * append the process acknowledged.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';

const root = path.resolve(__dirname, '..', '..');

const runAndKill = (dir: string, minAcks: number): Promise<Set<number>> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', path.join(root, 'tests/support/ts-register.js'), path.join(root, 'tests/fixtures/append-until-killed.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks = new Set<number>();
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acks.add(Number(line.slice(4)));
      if (!killed && acks.size >= minAcks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`child exited without being killed: ${stderr}`))));
  });

describe('crash safety of the embedded event store', () => {
  it('after kill -9 mid-append the log is whole, gap-free, untorn and keeps every acknowledged append', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-crash-'));
    try {
      const acks = await runAndKill(dir, 300);
      // Check the file as left by the dead process (its WAL is recovered on open).
      const store = new SqliteEventStore(path.join(dir, 'events.sqlite'));
      const events = await store.readAll();
      await store.close();
      expect(events.length).toBeGreaterThanOrEqual(900);
      events.forEach((e, i) => expect(e.position).toBe(BigInt(i + 1)));
      const batches = new Map<number, number[]>();
      for (const e of events) {
        const data = e.data as { batch: number; part: number; text: string };
        expect(data.text.startsWith('Գյումրի ')).toBe(true);
        batches.set(data.batch, [...(batches.get(data.batch) ?? []), data.part]);
      }
      for (const [, parts] of batches) expect(parts).toEqual([0, 1, 2]);
      for (const id of acks) expect(batches.has(id)).toBe(true);
      const byStream = new Map<string, number[]>();
      for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e.revision]);
      for (const [, revisions] of byStream) revisions.forEach((r, i) => expect(r).toBe(i));
      const db = new Database(path.join(dir, 'events.sqlite'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
