/**
 * `hamaynk projections rebuild [NAME]` and the server's rebuilds: a projection is rebuilt in a worker
 * thread (node:worker_threads) with its own store connections, so the thread that answers requests keeps
 * answering (from the active generation) while the fresh generation fills; then it is activated and the
 * live runner carries on from it.
 *
 * From the TypeScript sources (tests, `node -r tests/support/ts-register.js`) the worker runs
 * `rebuild-worker.ts` through the same TypeScript hook; from dist it runs the compiled `rebuild-worker.js`.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RebuildWorkerData, RebuildWorkerMessage } from './rebuild-worker';
import type { StoreLocations } from './store-locations';

export interface RebuildInWorkerOptions {
  readonly stores: StoreLocations;
  /**
   * Absolute path of the module whose export `exportName` (default `projections`) holds the projection
   * definitions (an array or a record); resolve it with `require.resolve` so it is the `.ts` file from
   * the sources and the `.js` file from dist.
   */
  readonly projectionsModule: string;
  readonly exportName?: string;
  /** The projection to rebuild (its `name`). */
  readonly projection: string;
  /** Events per read from the log (default 1000, see `rebuildProjection`). */
  readonly batchSize?: number;
  /** Events folded in memory before the changed documents are written (default 100 000); progress is reported per write. */
  readonly writeBatchSize?: number;
  readonly onProgress?: (progress: { events: number; position: bigint }) => void;
  /**
   * The worker's young generation in MiB (default 64). Decoding events allocates many short-lived
   * objects; a young generation this size lets them (and the documents a rebuild replaces event after
   * event) die young instead of being promoted to the old generation: on 1 000 000 events, 66 000
   * events/s instead of 39 000 with 16 MiB (tests/bench/projection-rebuild.ts; 192 MiB gains 2 % more).
   */
  readonly youngGenerationMb?: number;
  /** Aborting stops the worker; the half-built generation stays building (the next rebuild supersedes it). */
  readonly signal?: AbortSignal;
}

export interface RebuildInWorkerResult {
  readonly projection: string;
  readonly generation: number;
  readonly events: number;
  /** The last position the new generation reflected when it was activated. */
  readonly position: bigint;
  readonly seconds: number;
  /** The worker thread that did it (never 0, the main thread). */
  readonly threadId: number;
}

/** The worker script and the arguments Node needs for it, for the sources or for dist. */
export const workerScript = (): { file: string; execArgv: string[] } => {
  if (__filename.endsWith('.ts')) {
    return { file: path.join(__dirname, 'rebuild-worker.ts'), execArgv: ['-r', path.resolve(__dirname, '../../tests/support/ts-register.js')] };
  }
  return { file: path.join(__dirname, 'rebuild-worker.js'), execArgv: [] };
};

export const rebuildInWorker = (options: RebuildInWorkerOptions): Promise<RebuildInWorkerResult> =>
  new Promise<RebuildInWorkerResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new Error(`Rebuild of ${options.projection} aborted before it started`));
      return;
    }
    const started = process.hrtime.bigint();
    const data: RebuildWorkerData = {
      stores: options.stores,
      projectionsModule: path.resolve(options.projectionsModule),
      exportName: options.exportName ?? 'projections',
      projection: options.projection,
      batchSize: options.batchSize,
      writeBatchSize: options.writeBatchSize,
    };
    const { file, execArgv } = workerScript();
    const worker = new Worker(file, { workerData: data, execArgv, resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? 64 } });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = (): void => {
      void worker.terminate();
      settle(() => reject(new Error(`Rebuild of ${options.projection} aborted`)));
    };
    options.signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: RebuildWorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.({ events: message.events, position: message.position });
      else if (message.type === 'done') {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        settle(() =>
          resolve({ projection: options.projection, generation: message.generation, events: message.events, position: message.position, seconds, threadId: message.threadId }),
        );
      } else {
        const error = new Error(message.message);
        error.name = message.name;
        if (message.code !== undefined) (error as Error & { code?: string }).code = message.code;
        settle(() => reject(error));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The rebuild worker of ${options.projection} exited (code ${code}) before it finished`))));
  });
