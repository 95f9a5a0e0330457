/**
 * Child process of the projection tests, on the SQLite files in DIR:
 * - `runner DIR BATCH`: runs the stream-counter projection's runner (writing every BATCH events), printing
 *   `at <position>` after each write;
 * - `projector DIR OWNER TTL_MS`: runs a projector (supervisor with leases) over the fixture's projections
 *   and a second one, printing `running <names>` whenever what it runs changes.
 */
import path from 'node:path';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { SqliteReadStore } from '../../infrastructure/sqlite/sqlite-read-store';
import { ProjectionRunner, runProjector } from '../../projections/runner';
import { leaseTestProjections, streamCounter } from './projections-fixture';

const [mode, dir, ...rest] = process.argv.slice(2);
const events = new SqliteEventStore(path.join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
const reads = new SqliteReadStore(path.join(dir, 'read.sqlite'));

const main = async (): Promise<void> => {
  if (mode === 'runner') {
    const runner = new ProjectionRunner(events, reads, streamCounter, {
      batchSize: Number(rest[0]),
      catchUpWriteSize: Number(rest[0]),
      onApplied: (position) => process.stdout.write(`at ${position}\n`),
    });
    await runner.start();
    process.stdout.write('caught-up\n');
  } else if (mode === 'projector') {
    const [owner, ttl] = rest;
    let last = '';
    const supervisor = await runProjector({ eventStore: events, readStore: reads, projections: leaseTestProjections, ownerId: owner, leaseTtlMs: Number(ttl) });
    setInterval(() => {
      const now = supervisor.running().sort().join(',');
      if (now !== last) process.stdout.write(`running ${now}\n`);
      last = now;
    }, 10);
  } else throw new Error(`unknown mode ${mode}`);
};
main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
