/**
 * The worker thread behind `hamaynk serve`: runs what `hamaynk projector` runs (the read-model
 * projections, under their leases, the permit/fee settlement and, with SMTP_URL, the mail sender) on its own store connections, so
 * that folding events and writing read models never takes time from the thread that answers requests.
 * Started by `startProjectorThread`; talks to it by messages (see `ProjectorMessage`).
 */
import { parentPort } from 'node:worker_threads';
import { SqliteEventStore } from '../../infrastructure/sqlite/sqlite-event-store';
import { createHamaynk } from '../composition';
import { loadConfig } from '../config';
import type { ProjectionSupervisor } from '../../projections/runner';

/** From the thread to the server. */
export type ProjectorMessage =
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'ready'; readonly ownerId: string }
  /** A projection stored a batch: queries waiting for the read models look again at once. */
  | { readonly type: 'applied' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'stopped' };

/** From the server to the thread. */
export type ProjectorCommand =
  | { readonly type: 'wake' }
  /** Queries wait for these projections: they take the log's new events in now, not at the end of the live interval. */
  | { readonly type: 'hurry'; readonly projections: readonly string[] }
  | { readonly type: 'stop' };

const port = parentPort;

const run = async (): Promise<void> => {
  if (!port) throw new Error('projector-worker runs in a worker thread');
  const post = (message: ProjectorMessage): void => port.postMessage(message);
  // The audit tree is kept by the server thread, which answers the proofs from it (this thread never signs). Under load the read
  // models take in up to 200 ms of events per batch: fewer, larger writes (each commit rewrites the newest
  // page of every index it touches), which also leaves the disk to the log's own commits. A commit after
  // a quiet spell is still taken in at once. This thread answers no requests: the settlement's few appends
  // commit on it, without a writer thread of its own.
  const hamaynk = await createHamaynk(loadConfig(), { audit: false, eventStore: { liveIntervalMs: 200, writerThread: false } });
  let stopping: Promise<void> | null = null;
  let supervisor: ProjectionSupervisor | null = null;
  port.on('message', (command: ProjectorCommand) => {
    if (command.type === 'wake') {
      if (hamaynk.eventStore instanceof SqliteEventStore) hamaynk.eventStore.wake();
    } else if (command.type === 'hurry') {
      supervisor?.hurry(command.projections);
    } else if (command.type === 'stop') {
      stopping ??= hamaynk.close().then(
        () => post({ type: 'stopped' }),
        (error: unknown) => post({ type: 'failed', message: `stopping: ${(error as Error).message}` }),
      );
    }
  });
  supervisor = await hamaynk.startProjections((line) => post({ type: 'log', line }), { onApplied: () => post({ type: 'applied' }) });
  await hamaynk.permitFeeSettlement.start();
  await hamaynk.webhooks.start();
  await hamaynk.startMailSender();
  // Ready when the read models reflect the log as it was when the thread started.
  await supervisor.waitUntilCaughtUp(await hamaynk.eventStore.headPosition(), 600_000);
  post({ type: 'ready', ownerId: supervisor.ownerId });
};

run().catch((error: unknown) => {
  port?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies ProjectorMessage);
});
