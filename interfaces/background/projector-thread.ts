/**
 * `hamaynk serve` runs its projections in a worker thread (projector-worker.ts): better-sqlite3 and
 * the folds are synchronous, and on the request thread every event's projection work would delay
 * responses. The thread opens its own connections to the same DATA_DIR (or EventStoreDB/MongoDB) and
 * takes the projections' leases like any `hamaynk projector`. The server wakes it after each of its
 * commits; a thread that dies is started again after a pause.
 *
 * From the TypeScript sources (tests) the worker runs through the same TypeScript hook as the caller.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProjectorCommand, ProjectorMessage } from './projector-worker';

export interface ProjectorThread {
  /** Resolves once the read models reflect the log as it was when the thread started. */
  readonly ready: Promise<void>;
  /** Tells the thread that events were appended (it would notice within its poll interval anyway). */
  wake(): void;
  /** Queries wait for these projections: the thread has them take the log's new events in at once. */
  hurry(projections: readonly string[]): void;
  stop(): Promise<void>;
}

export interface ProjectorThreadOptions {
  readonly log?: (line: string) => void;
  /** Pause before a thread that died is started again (ms, default 1000). */
  readonly restartDelayMs?: number;
  /** Called when a projection stored a batch (to wake queries waiting for the read models). */
  readonly onApplied?: () => void;
}

const workerScript = (): { file: string; execArgv: string[] } =>
  __filename.endsWith('.ts')
    ? { file: path.join(__dirname, 'projector-worker.ts'), execArgv: ['-r', path.resolve(__dirname, '../../tests/support/ts-register.js')] }
    : { file: path.join(__dirname, 'projector-worker.js'), execArgv: [] };

export const startProjectorThread = (options: ProjectorThreadOptions = {}): ProjectorThread => {
  const log = options.log ?? (() => undefined);
  const restartDelayMs = options.restartDelayMs ?? 1000;
  let worker: Worker | null = null;
  let stopping = false;
  let wakePending = false;
  let hurryPending = false;
  const hurried = new Set<string>();
  let restartTimer: NodeJS.Timeout | null = null;
  let markReady!: () => void;
  let failReady!: (error: Error) => void;
  let isReady = false;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  let stopped: (() => void) | null = null;

  const launch = (): void => {
    const { file, execArgv } = workerScript();
    const thread = new Worker(file, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    worker = thread;
    thread.on('message', (message: ProjectorMessage) => {
      switch (message.type) {
        case 'log':
          log(message.line);
          break;
        case 'applied':
          options.onApplied?.();
          break;
        case 'ready':
          log(`projections caught up in a worker thread (${message.ownerId})`);
          isReady = true;
          markReady();
          break;
        case 'failed':
          log(`projector thread failed: ${message.message}`);
          if (!isReady) failReady(new Error(`The projector thread failed: ${message.message}`));
          void thread.terminate();
          break;
        case 'stopped':
          void thread.terminate();
          break;
      }
    });
    thread.on('error', (error) => log(`projector thread error: ${error.message}`));
    thread.on('exit', (code) => {
      if (worker === thread) worker = null;
      if (stopping) {
        stopped?.();
        return;
      }
      if (!isReady) return;
      log(`projector thread exited (code ${code}); starting it again in ${restartDelayMs} ms`);
      restartTimer = setTimeout(launch, restartDelayMs);
    });
  };
  launch();

  return {
    ready,
    wake: () => {
      // One message per turn of the event loop is enough, however many commits it saw.
      if (wakePending || !worker) return;
      wakePending = true;
      setImmediate(() => {
        wakePending = false;
        worker?.postMessage({ type: 'wake' } satisfies ProjectorCommand);
      });
    },
    hurry: (projections) => {
      // Likewise one message per turn, for every projection the queries that started waiting in it need.
      for (const p of projections) hurried.add(p);
      if (hurryPending || !worker) return;
      hurryPending = true;
      setImmediate(() => {
        hurryPending = false;
        const names = [...hurried];
        hurried.clear();
        worker?.postMessage({ type: 'hurry', projections: names } satisfies ProjectorCommand);
      });
    },
    stop: async () => {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const thread = worker;
      if (!thread) return;
      await new Promise<void>((resolve) => {
        stopped = resolve;
        thread.postMessage({ type: 'stop' } satisfies ProjectorCommand);
        // A thread that cannot stop in time is ended (its work is checkpointed per batch).
        setTimeout(() => void thread.terminate(), 10_000).unref();
      });
    },
  };
};
