/**
 * The worker thread of `rebuildInWorker`: opens its own store connections, loads the projection by name
 * from the projections module, rebuilds it and reports progress and the result to the parent.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { ProjectionDefinition } from '../../projections/definition';
import { rebuildProjection } from '../../projections/runner';
import { openStores, type StoreLocations } from './store-locations';

export interface RebuildWorkerData {
  readonly stores: StoreLocations;
  readonly projectionsModule: string;
  readonly exportName: string;
  readonly projection: string;
  readonly batchSize?: number;
  readonly writeBatchSize?: number;
}

export type RebuildWorkerMessage =
  | { readonly type: 'progress'; readonly events: number; readonly position: bigint }
  | { readonly type: 'done'; readonly generation: number; readonly events: number; readonly position: bigint; readonly threadId: number }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly code?: string };

const isProjection = (value: unknown): value is ProjectionDefinition =>
  typeof value === 'object' && value !== null && typeof (value as ProjectionDefinition).name === 'string' && typeof (value as ProjectionDefinition).evolve === 'function';

/** The projection named `name` among the module's export (an array of definitions, a record of them, or one). */
export const findProjection = (exported: unknown, name: string, where: string): ProjectionDefinition => {
  const list = Array.isArray(exported)
    ? exported
    : isProjection(exported)
      ? [exported]
      : typeof exported === 'object' && exported !== null
        ? Object.values(exported)
        : [];
  const projections = list.filter(isProjection);
  if (projections.length === 0) throw new Error(`${where} exports no projection definitions`);
  const found = projections.find((p) => p.name === name);
  if (!found) throw new Error(`Unknown projection "${name}"; known: ${projections.map((p) => p.name).join(', ')}`);
  return found;
};

const post = (message: RebuildWorkerMessage): void => parentPort?.postMessage(message);

const main = async (data: RebuildWorkerData): Promise<void> => {
  // A CommonJS require on purpose: from the sources it goes through the TypeScript hook the parent gave the worker.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = (require(data.projectionsModule) as Record<string, unknown>)[data.exportName];
  const projection = findProjection(exported, data.projection, `${data.projectionsModule} (export ${data.exportName})`);
  const { eventStore, readStore } = await openStores(data.stores);
  try {
    const result = await rebuildProjection(eventStore, readStore, projection, {
      batchSize: data.batchSize,
      writeBatchSize: data.writeBatchSize,
      onProgress: ({ events, position }) => post({ type: 'progress', events, position }),
    });
    post({ type: 'done', ...result, threadId });
  } finally {
    await readStore.close().catch(() => undefined);
    await eventStore.close().catch(() => undefined);
  }
};

if (parentPort) {
  main(workerData as RebuildWorkerData).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message, code: (e as { code?: unknown }).code === undefined ? undefined : String((e as { code?: unknown }).code) });
  });
}
