/**
 * kill -9 of a process running a projection in the middle of its catch-up over 50 000 events (file-backed
 * SQLite event and read stores): what it left is exactly the fold of the events up to its checkpoint, and
 * after a restart the documents equal those of a clean rebuild.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { projectInMemory } from '../../projections/definition';
import { ProjectionRunner, rebuildProjection } from '../../projections/runner';
import { appendEvents, plain, storedDocs, streamCounter } from './projections-fixture';

const root = path.resolve(__dirname, '..', '..');
const TOTAL = 50_000;

/** Runs the runner in a child and kills it (-9) once it has stored `killAt` events; resolves with the last position it printed. */
const runAndKill = (dir: string, killAt: bigint): Promise<bigint> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(root, 'tests/support/ts-register.js'), path.join(__dirname, 'projections-child.ts'), 'runner', dir, '250'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let buffer = '';
    let stderr = '';
    let last = 0n;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('at ')) last = BigInt(line.slice(3));
        if (line === 'caught-up') reject(new Error('the child caught up before it was killed'));
      }
      if (!killed && last >= killAt) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`child exited without being killed: ${stderr}`))));
  });

describe('crash safety of a projection on the embedded stores', () => {
  it('after kill -9 mid-catch-up, a restart ends with the documents of a clean rebuild', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamaynk-projection-crash-'));
    try {
      const setup = new SqliteEventStore(path.join(dir, 'events.sqlite'), { synchronous: 'NORMAL' });
      await appendEvents(setup, TOTAL, { streams: 2000, perAppend: 10, concurrency: 64 });
      await setup.close();

      const printed = await runAndKill(dir, 12_000n);

      const events = new SqliteEventStore(path.join(dir, 'events.sqlite'));
      const reads = new SqliteReadStore(path.join(dir, 'read.sqlite'));
      try {
        const all = await events.readAll();
        expect(all).toHaveLength(TOTAL);
        // What the dead process left: a checkpoint mid-way, at or past the last batch it reported, and
        // documents that are exactly the fold of the events up to it (no half batch).
        const checkpoint = (await reads.getCheckpoint(streamCounter.name, 0))!;
        expect(checkpoint).toBeGreaterThanOrEqual(printed);
        expect(checkpoint).toBeLessThan(BigInt(TOTAL));
        expect(plain(await storedDocs(reads))).toEqual(plain(projectInMemory(streamCounter, all.slice(0, Number(checkpoint)))));

        // Restart: catch up from the checkpoint.
        const runner = new ProjectionRunner(events, reads, streamCounter, { batchSize: 333 });
        await runner.start();
        await runner.stop();
        expect(await reads.getCheckpoint(streamCounter.name, 0)).toBe(BigInt(TOTAL));
        const resumed = plain(await storedDocs(reads));
        expect(resumed).toEqual(plain(projectInMemory(streamCounter, all)));

        // A clean rebuild from position 0 stores the same documents.
        await rebuildProjection(events, reads, streamCounter);
        expect(await reads.activeGeneration(streamCounter.name)).toBe(1);
        expect(plain(await storedDocs(reads))).toEqual(resumed);
      } finally {
        await reads.close();
        await events.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
